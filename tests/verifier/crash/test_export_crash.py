"""An export killed at random points never leaves a half-written folder that looks complete.

The export writes into a hidden ``.<name>.partial-*`` folder and renames it into place. After a
kill, the destination either does not exist or holds exactly the files its audit entry lists;
what is left beside it is a folder clearly marked partial; the vault and the audit chain check
out; and exporting again completes.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from tests.verifier.crash.child import EXPORT_FORMATS, USER
from tests.verifier.crash.conftest import LINUX_ONLY, SEEDS, copy_workspace, run_and_kill
from verifier.domain import AuditAction
from verifier.export.writer import remove_stale_partials
from verifier.services import export, integrity
from verifier.services.workspace import Workspace
from verifier.settings import Settings

pytestmark = LINUX_ONLY


def _kill_point(rng: random.Random) -> tuple[str, float]:
    """After which line of the child to kill it, and how long after."""
    phase = rng.random()
    if phase < 0.15:
        return "OPEN", rng.uniform(0.0, 0.8)  # reading the case, sanitizing thumbnails
    if phase < 0.6:
        return "STEP 3 Rendering and checking", rng.uniform(0.0, 0.3)  # rendering, writing files
    return "STEP 4 Recording the export", rng.uniform(0.0, 0.02)  # between the write and the record


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _recorded(ws: Workspace, case_id: int) -> list[dict[str, object]]:
    with ws.reading() as session:
        entries = integrity.audit_log(session, case_id=case_id, limit=10_000)
    return [e.new_values or {} for e in entries if e.action is AuditAction.EXPORT]


def _check(settings: Settings, case_id: int, out: Path, context: str) -> list[dict[str, object]]:
    """Reopen the workspace and look at the export folder; returns the exports recorded."""
    with Workspace.open(settings) as ws:
        with ws.reading() as session:
            assert integrity.verify_vault(session, ws.vault).ok, context
            assert integrity.verify_audit(session, ws.anchors).ok, context
        records = _recorded(ws, case_id)
    partials = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.partial-")]
    others = {p.name for p in out.parent.iterdir()} - {p.name for p in partials} - {"ws", out.name}
    assert others == set(), f"{context}: unexpected files beside the export: {others}"
    assert all(p.is_dir() for p in partials), context
    if out.exists():
        # Complete, and accounted for: exactly the files its audit entry lists, byte for byte.
        assert records, f"{context}: an export folder exists but the audit log does not record it"
        listed = {f["name"]: f["sha256"] for f in records[0]["files"]}  # type: ignore[attr-defined]
        assert _files(out) == listed, context  # the newest record is this folder's
        assert records[0]["destination"] == str(out), context
    elif records:
        # Recorded, then killed before the rename: the files are all there, under the partial name.
        listed = {f["name"]: f["sha256"] for f in records[0]["files"]}  # type: ignore[attr-defined]
        assert any(_files(p) == listed for p in partials), context
    assert sorted(remove_stale_partials(out.parent)) == sorted(partials), context
    return records


@pytest.mark.parametrize("seed", SEEDS)
def test_export_killed_then_run_again(seed: int, tmp_path: Path, demo_template: tuple[Path, int]) -> None:
    print(f"crash seed {seed} (replay with VERIFIER_CRASH_SEED={seed})")
    rng = random.Random(seed)
    template, case_id = demo_template
    settings = Settings(workspace=copy_workspace(template, tmp_path / "ws"), user=USER)
    out = tmp_path / "export-for-lawyer"

    line, delay = _kill_point(rng)
    run = run_and_kill(
        ["export", str(settings.workspace), str(case_id), str(out)],
        lambda printed: printed == line,
        delay,
        rng.choice(["app", "power"]),
    )
    context = f"seed {seed}: killed ({run.how}) {delay * 1000:.0f} ms after {line!r}"
    assert run.lines and run.lines[0] == "OPEN", context
    records = _check(settings, case_id, out, context)
    assert len(records) <= 1, context

    if not out.exists():  # export again: it completes, and is recorded once more
        with Workspace.open(settings) as ws:
            export.export_case(ws, case_id, out, profile="legal", formats=EXPORT_FORMATS)
        assert len(_check(settings, case_id, out, context + ", then run again")) == len(records) + 1
    assert {"verification-legal.html", "verification-legal.csv", "claimreview.jsonld"} <= set(_files(out))


def test_the_export_is_recorded_before_its_folder_takes_its_name(
    tmp_path: Path, demo_template: tuple[Path, int]
) -> None:
    template, case_id = demo_template
    settings = Settings(workspace=copy_workspace(template, tmp_path / "ws"), user=USER)
    out = tmp_path / "out"
    seen: dict[str, object] = {}

    def progress(done: int, total: int, what: str) -> None:
        if what == "Recording the export":  # the moment a kill would hit between write and record
            partials = list(tmp_path.glob(".out.partial-*"))
            seen["destination existed"] = out.exists()
            seen["files waiting"] = _files(partials[0]) if len(partials) == 1 else {}

    with Workspace.open(settings) as ws:
        manifest = export.export_case(
            ws, case_id, out, profile="legal", formats=EXPORT_FORMATS, progress=progress
        )
        (record,) = _recorded(ws, case_id)
    assert seen["destination existed"] is False
    assert seen["files waiting"] == _files(out) == {f.name: f.sha256 for f in manifest.files}
    assert {f["name"] for f in record["files"]} == set(_files(out))  # type: ignore[attr-defined]
    assert list(tmp_path.glob(".out.partial-*")) == []


def test_an_export_stopped_at_the_record_leaves_nothing(
    tmp_path: Path, demo_template: tuple[Path, int]
) -> None:
    import threading

    from verifier.errors import Cancelled

    template, case_id = demo_template
    settings = Settings(workspace=copy_workspace(template, tmp_path / "ws"), user=USER)
    out = tmp_path / "out"
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if what == "Rendering and checking":
            stop.set()  # checked again right before the record: the files are written by then

    with Workspace.open(settings) as ws:
        with pytest.raises(Cancelled):
            export.export_case(
                ws, case_id, out, profile="legal", formats=EXPORT_FORMATS, progress=progress, cancel=stop
            )
        assert _recorded(ws, case_id) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]
