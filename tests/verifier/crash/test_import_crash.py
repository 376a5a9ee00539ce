"""An import killed at random points leaves a consistent workspace, and running it again completes it.

Per seed: a 200-photo import (worker processes, batches of rows) is killed with SIGKILL at a
random point, then the same import is run again and killed again, then run to the end. After
each kill the workspace is opened again and must be clean: the vault and the audit chain check
out, nothing is left in the vault's staging folder, every evidence row has its metadata, its
original and its audit entry, and no file is recorded twice. Half the kills hit the app alone
(its workers must stop by themselves), half hit it and its workers at once, as a power cut would.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from pathlib import Path

import pytest

from tests.verifier.crash.child import USER
from tests.verifier.crash.conftest import LINUX_ONLY, SEEDS, run_and_kill
from verifier.domain import AuditAction, EntityType
from verifier.services import cases, evidence, integrity
from verifier.services.intake import Provenance, import_photos
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage.models import PhotoMetadataRow

pytestmark = LINUX_ONLY

PHOTOS = 200


def _kill_point(rng: random.Random) -> tuple[str, float]:
    """After which line of the child to kill it, and how long after: any phase of the import."""
    phase = rng.random()
    if phase < 0.15:  # while the workers start, before any file is read
        return "OPEN", rng.uniform(0.0, 1.0)
    if phase < 0.9:  # while files are read and batches written
        return f"FILE {rng.randrange(1, PHOTOS + 1)}", rng.uniform(0.0, 0.03)
    return f"FILE {PHOTOS}", rng.uniform(0.0, 0.3)  # the last batch, the workers shutting down


def _check(settings: Settings, case_id: int, hashes: dict[str, str], *, complete: bool) -> set[str]:
    """Reopen the workspace and check it; returns the names of the files recorded so far."""
    with Workspace.open(settings) as ws:
        assert ws.vault.stale_incoming() == [], "the staging folder still holds files after reopening"
        with ws.reading() as session:
            vault = integrity.verify_vault(session, ws.vault)
            assert vault.ok, vault  # nothing missing, nothing altered
            assert vault.unexpected == ()
            # A batch killed before its commit leaves originals without rows: orphans that the
            # next run of the import takes up. They can only be our photos.
            assert set(vault.orphaned) <= set(hashes.values())
            if complete:
                assert vault.orphaned == ()
            audit = integrity.verify_audit(session, ws.anchors)
            assert audit.ok, audit
            items = evidence.list_evidence(session, case_id)
            created = Counter(
                e.entity_id
                for e in integrity.audit_log(session, case_id=case_id, entity_type="evidence", limit=10_000)
                if e.action is AuditAction.CREATE and e.entity_type is EntityType.EVIDENCE
            )
            names = Counter(item.original_name for item in items)
            assert [name for name, count in names.items() if count > 1] == [], "a file recorded twice"
            for item in items:
                assert hashes[item.original_name] == item.sha256
                assert session.get(PhotoMetadataRow, item.sha256) is not None, "evidence without metadata"
                assert created[item.id] == 1, f"evidence {item.id} has {created[item.id]} creation entries"
            assert sum(created.values()) == len(items), "audit entries for evidence that does not exist"
    return set(names)


@pytest.mark.parametrize("seed", SEEDS)
def test_import_killed_twice_then_completed(seed: int, crash_photos: Path, tmp_path: Path) -> None:
    print(f"crash seed {seed} (replay with VERIFIER_CRASH_SEED={seed})")
    rng = random.Random(seed)
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in crash_photos.iterdir()}
    settings = Settings(workspace=tmp_path / "ws", user=USER)
    with Workspace.open(settings) as ws, ws.transaction() as uow:
        case_id = cases.create_case(uow, "Photos from Gali Manjalan").id

    recorded: set[str] = set()
    for attempt in range(2):
        line, delay = _kill_point(rng)
        how = rng.choice(["app", "power"])
        run = run_and_kill(
            ["import", str(settings.workspace), str(case_id), str(crash_photos)],
            lambda printed, line=line: printed == line,  # type: ignore[misc]
            delay,
            how,
        )
        context = f"seed {seed}, run {attempt + 1}: killed ({how}) {delay * 1000:.0f} ms after {line!r}"
        assert run.lines and run.lines[0] == "OPEN", context
        now = _check(settings, case_id, hashes, complete=run.finished)
        assert recorded <= now, context  # what a finished batch recorded stays recorded
        recorded = now

    with Workspace.open(settings) as ws:
        report = import_photos(
            ws,
            case_id,
            [crash_photos],
            Provenance(caption="sent in one batch", claimed_place="Makhmour"),
            workers=1,
        )
    assert report.failed == []
    assert {Path(i.path).name for i in report.imported} == set(hashes) - recorded
    assert {Path(s.path).name for s in report.skipped} == recorded
    assert all("already imported in this case" in s.message for s in report.skipped)
    assert _check(settings, case_id, hashes, complete=True) == set(hashes)


def test_a_worker_stuck_on_a_file_stops_when_the_app_is_killed(tmp_path: Path) -> None:
    """A decoder hung on a hostile file must not keep running once nobody is left to stop it."""
    settings = Settings(workspace=tmp_path / "ws", user=USER)
    Workspace.open(settings).close()
    stuck = tmp_path / "hang.jpg"
    stuck.write_bytes(b"\xff\xd8 never read")
    # run_and_kill fails unless every worker has stopped within seconds of the parent's death
    # (the worker itself would sleep for ten minutes).
    run = run_and_kill(
        ["hang", str(settings.workspace), "0", str(stuck)], lambda line: line == "SENT", 0.5, "app"
    )
    assert not run.finished and run.lines[-1] == "SENT"
