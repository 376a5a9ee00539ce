"""Every write use case refuses invalid input with a clear message, and changes nothing.

The test walks the public functions of ``verifier.services.*`` whose first parameter is a
``UnitOfWork`` and runs representative invalid inputs against each (empty required text, unknown
ids, out-of-range grades, bad coordinates, naive times...). Each must raise ``InvalidInput`` or
``NotFound`` with a message naming the field or the record, and afterwards the database (every
table, including the audit log and the search index), the audit anchors, the vault and the cache
must be exactly as before. A new write use case without a case here fails the test.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select, text

import verifier.services
from verifier.errors import InvalidInput, NotFound
from verifier.sealing import KdfCost, Secret
from verifier.services import cases, claims, evidence, identities, places, sources, testimonies
from verifier.services.claims import Facets
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage.models import Base

FAST = KdfCost(2**10, 8, 1)  # tests only
PASS = "correct horse battery staple"
MISSING = 987_654

# Public functions taking a UnitOfWork that have no invalid input of their own, and why.
NO_INPUT = {
    "search.rebuild_index": "takes no input besides the unit of work",
    "identities.check_own_holder": "a permission check that writes nothing (PermissionDenied in a team)",
    "links.delete_links_of": "an inner step of the delete use cases, which check the ids first",
}


@dataclass(frozen=True)
class Bad:
    """One invalid call: what it does, the error expected, and what the message must name."""

    call: Callable[[Any, SimpleNamespace], object]
    error: type[Exception]
    names: str  # a regular expression the message must match (the field or the record)


def _module_cases(ids_path: Path) -> dict[str, list[Bad]]:
    text_file = ids_path / "notes.txt"
    photo = ids_path / "photo.jpg"
    naive = datetime(2019, 3, 29, 10, 30)
    INVALID, UNKNOWN = InvalidInput, NotFound
    return {
        "cases.create_case": [Bad(lambda u, i: cases.create_case(u, "   "), INVALID, "case title")],
        "cases.update_case": [
            Bad(lambda u, i: cases.update_case(u, i.case, status="dormant"), INVALID, "case status"),
            Bad(lambda u, i: cases.update_case(u, MISSING, title="x"), UNKNOWN, f"case .*{MISSING}"),
        ],
        "cases.delete_case": [Bad(lambda u, i: cases.delete_case(u, i.case, "  "), INVALID, "reason")],
        "claims.add_claim": [
            Bad(lambda u, i: claims.add_claim(u, i.case, ""), INVALID, "claim statement"),
            Bad(lambda u, i: claims.add_claim(u, MISSING, "Shelling at dawn"), UNKNOWN, f"case .*{MISSING}"),
            Bad(
                lambda u, i: claims.add_claim(u, i.case, "x", Facets(place_id=MISSING)),
                UNKNOWN,
                f"place .*{MISSING}",
            ),
        ],
        "claims.claim_from_evidence": [
            Bad(lambda u, i: claims.claim_from_evidence(u, MISSING, "x"), UNKNOWN, f"evidence .*{MISSING}"),
            Bad(
                lambda u, i: claims.claim_from_evidence(u, i.evidence, "x", relation="proves"),
                INVALID,
                "relation",
            ),
        ],
        "claims.claim_from_testimony": [
            Bad(
                lambda u, i: claims.claim_from_testimony(u, i.testimony, "x", " "), INVALID, "quoted passage"
            ),
            Bad(
                lambda u, i: claims.claim_from_testimony(u, MISSING, "x", "y"),
                UNKNOWN,
                f"testimony .*{MISSING}",
            ),
        ],
        "claims.delete_claim": [
            Bad(lambda u, i: claims.delete_claim(u, MISSING, "dup"), UNKNOWN, f"claim .*{MISSING}")
        ],
        "claims.grade_claim": [
            Bad(lambda u, i: claims.grade_claim(u, i.claim, "9", "seen twice"), INVALID, "credibility grade"),
            Bad(lambda u, i: claims.grade_claim(u, i.claim, "2", " "), INVALID, "grading rationale"),
        ],
        "claims.update_claim": [
            Bad(lambda u, i: claims.update_claim(u, i.claim, verdict="maybe"), INVALID, "verdict"),
            Bad(lambda u, i: claims.update_claim(u, i.claim, statement="\n"), INVALID, "claim statement"),
        ],
        "evidence.add_evidence_file": [
            Bad(
                lambda u, i: evidence.add_evidence_file(u, i.case, photo, received_at=naive),
                INVALID,
                "time received",
            ),
            Bad(
                lambda u, i: evidence.add_evidence_file(u, i.case, photo, kind="hologram"),
                INVALID,
                "evidence kind",
            ),
            Bad(lambda u, i: evidence.add_evidence_file(u, MISSING, photo), UNKNOWN, f"case .*{MISSING}"),
        ],
        "evidence.delete_evidence": [
            Bad(lambda u, i: evidence.delete_evidence(u, i.evidence, ""), INVALID, "reason")
        ],
        "evidence.update_evidence": [
            Bad(
                lambda u, i: evidence.update_evidence(u, i.evidence, kind="hologram"),
                INVALID,
                "evidence kind",
            ),
            Bad(
                lambda u, i: evidence.update_evidence(u, i.evidence, submitted_by_id=MISSING),
                UNKNOWN,
                f"{MISSING}",
            ),
        ],
        "identities.change_passphrase": [
            Bad(
                lambda u, i: identities.change_passphrase(u, "nobody", Secret(PASS), Secret(PASS + "!")),
                UNKNOWN,
                "nobody",
            )
        ],
        "identities.enroll_holder": [
            Bad(
                lambda u, i: identities.enroll_holder(u, "  ", Secret(PASS), cost=FAST),
                INVALID,
                "holder name",
            )
        ],
        "identities.grant_access": [
            Bad(
                lambda u, i: identities.grant_access(u, i.source, "editor", Secret(PASS), "nobody"),
                UNKNOWN,
                "nobody",
            ),
            Bad(
                lambda u, i: identities.grant_access(u, MISSING, "editor", Secret(PASS), "editor"),
                UNKNOWN,
                f"{MISSING}",
            ),
        ],
        "identities.revoke_access": [
            Bad(lambda u, i: identities.revoke_access(u, i.source, "editor", " "), INVALID, "reason")
        ],
        "identities.seal_identity": [
            Bad(
                lambda u, i: identities.seal_identity(u, i.other_source, {}, ["editor"]),
                INVALID,
                "identity field",
            ),
            Bad(
                lambda u, i: identities.seal_identity(u, i.other_source, {"name": "Rebaz"}, []),
                INVALID,
                "holder",
            ),
            Bad(
                lambda u, i: identities.seal_identity(u, i.other_source, {"name": " "}, ["editor"]),
                INVALID,
                "identity field 'name'",
            ),
        ],
        "identities.shred_identity": [
            Bad(lambda u, i: identities.shred_identity(u, i.source, ""), INVALID, "reason")
        ],
        "identities.unseal_identity": [
            Bad(
                lambda u, i: identities.unseal_identity(u, i.source, "editor", Secret(PASS), " "),
                INVALID,
                "reason",
            )
        ],
        "intake.add_photo": [
            Bad(lambda u, i: _intake().add_photo(u, i.case, text_file), INVALID, r"notes\.txt"),
            Bad(lambda u, i: _intake().add_photo(u, MISSING, photo), UNKNOWN, f"case .*{MISSING}"),
        ],
        "links.link_claim_evidence": [
            Bad(
                lambda u, i: _links().link_claim_evidence(u, i.claim, i.evidence, "proves"),
                INVALID,
                "evidence relation",
            ),
            Bad(
                lambda u, i: _links().link_claim_evidence(u, i.claim, MISSING, "supports"),
                UNKNOWN,
                f"{MISSING}",
            ),
        ],
        "links.link_claim_testimony": [
            Bad(
                lambda u, i: _links().link_claim_testimony(u, i.claim, i.testimony, "echoes"),
                INVALID,
                "testimony relation",
            )
        ],
        "links.link_claims": [
            Bad(
                lambda u, i: _links().link_claims(u, i.claim, i.claim, "supports"),
                INVALID,
                f"Claim {i_claim()}",
            ),
            Bad(lambda u, i: _links().link_claims(u, i.claim, MISSING, "supports"), UNKNOWN, f"{MISSING}"),
        ],
        "links.unlink": [
            Bad(lambda u, i: _links().unlink(u, _entity("CASE"), i.case), INVALID, "not a kind of link"),
            Bad(lambda u, i: _links().unlink(u, _entity("CLAIM_CLAIM"), MISSING), UNKNOWN, f"{MISSING}"),
        ],
        "places.add_place": [
            Bad(
                lambda u, i: places.add_place(u, "Gwer", latitude=float("nan"), longitude=43.5),
                INVALID,
                "Latitude",
            ),
            Bad(lambda u, i: places.add_place(u, "Gwer", latitude=36.0), INVALID, "latitude and longitude"),
            Bad(lambda u, i: places.add_place(u, " ", latitude=36.0, longitude=43.5), INVALID, "place name"),
        ],
        "places.delete_place": [
            Bad(lambda u, i: places.delete_place(u, MISSING, "dup"), UNKNOWN, f"place .*{MISSING}")
        ],
        "places.update_place": [
            Bad(
                lambda u, i: places.update_place(u, i.place, latitude=35.7, longitude=181.0),
                INVALID,
                "Longitude",
            ),
            Bad(lambda u, i: places.update_place(u, i.place, precision="galaxy"), INVALID, "place precision"),
        ],
        "sources.add_source": [
            Bad(lambda u, i: sources.add_source(u, i.case, ""), INVALID, "source alias"),
            Bad(
                lambda u, i: sources.add_source(u, i.case, "Kawa", anonymity="whisper"),
                INVALID,
                "anonymity term",
            ),
        ],
        "sources.attest_identity": [
            Bad(lambda u, i: sources.attest_identity(u, i.source, " "), INVALID, "editor name")
        ],
        "sources.delete_source": [
            Bad(lambda u, i: sources.delete_source(u, i.source, ""), INVALID, "reason")
        ],
        "sources.grade_source": [
            Bad(
                lambda u, i: sources.grade_source(u, i.source, "G", "track record"),
                INVALID,
                "reliability grade",
            ),
            Bad(
                lambda u, i: sources.grade_source(u, MISSING, "B", "track record"),
                UNKNOWN,
                f"source .*{MISSING}",
            ),
        ],
        "sources.relate_sources": [
            Bad(lambda u, i: sources.relate_sources(u, i.source, i.source, "relative"), INVALID, "itself"),
            Bad(lambda u, i: sources.relate_sources(u, i.source, MISSING, "relative"), UNKNOWN, f"{MISSING}"),
        ],
        "sources.unrelate_sources": [
            Bad(lambda u, i: sources.unrelate_sources(u, MISSING, "wrong"), UNKNOWN, f"{MISSING}")
        ],
        "sources.update_source": [
            Bad(
                lambda u, i: sources.update_source(u, i.source, anonymous_from=["martians"]),
                INVALID,
                "audience",
            ),
            Bad(lambda u, i: sources.update_source(u, i.source, alias=""), INVALID, "source alias"),
        ],
        "sources.withdraw_attestation": [
            Bad(lambda u, i: sources.withdraw_attestation(u, i.source, "editor", " "), INVALID, "reason")
        ],
        "testimonies.attach_file": [
            Bad(
                lambda u, i: testimonies.attach_file(u, i.testimony, text_file, "hologram"),
                INVALID,
                "attachment kind",
            ),
            Bad(
                lambda u, i: testimonies.attach_file(u, MISSING, text_file, "document"), UNKNOWN, f"{MISSING}"
            ),
        ],
        "testimonies.delete_testimony": [
            Bad(lambda u, i: testimonies.delete_testimony(u, i.testimony, ""), INVALID, "reason")
        ],
        "testimonies.record_testimony": [
            Bad(
                lambda u, i: testimonies.record_testimony(u, i.source, medium="telepathy"), INVALID, "medium"
            ),
            Bad(lambda u, i: testimonies.record_testimony(u, i.source, taken_at=naive), INVALID, "time zone"),
            Bad(lambda u, i: testimonies.record_testimony(u, MISSING), UNKNOWN, f"source .*{MISSING}"),
        ],
        "testimonies.update_testimony": [
            Bad(
                lambda u, i: testimonies.update_testimony(u, i.testimony, place_id=MISSING),
                UNKNOWN,
                f"place .*{MISSING}",
            ),
            Bad(
                lambda u, i: testimonies.update_testimony(u, i.testimony, source_id=MISSING),
                UNKNOWN,
                f"{MISSING}",
            ),
        ],
        "people.add_person": [
            Bad(lambda u, i: _people().add_person(u, "shirin k", "editor"), INVALID, "user name"),
            Bad(lambda u, i: _people().add_person(u, "tester", "emperor"), INVALID, "role"),
        ],
        "people.deactivate": [Bad(lambda u, i: _people().deactivate(u, "ghost"), UNKNOWN, "ghost")],
        "people.reactivate": [Bad(lambda u, i: _people().reactivate(u, "ghost"), UNKNOWN, "ghost")],
        "people.set_role": [Bad(lambda u, i: _people().set_role(u, "ghost", "editor"), UNKNOWN, "ghost")],
        "bundles.create_newsroom_keys": [
            Bad(
                lambda u, i: _bundles().create_newsroom_keys(u, "  ", Secret(PASS), cost=FAST),
                INVALID,
                "name",
            )
        ],
        "bundles.trust_sender": [
            Bad(lambda u, i: _bundles().trust_sender(u, "hello, trust me"), INVALID, "card")
        ],
        "bundles.distrust_sender": [
            Bad(lambda u, i: _bundles().distrust_sender(u, "00ff00ff", "gone"), UNKNOWN, "00ff00ff")
        ],
    }


def i_claim() -> str:
    """The claim id in messages is not known when the table is built; any number matches."""
    return r"\d+"


def _service(name: str) -> Any:
    return importlib.import_module(f"verifier.services.{name}")


def _intake() -> Any:
    return _service("intake")


def _links() -> Any:
    return _service("links")


def _people() -> Any:
    return _service("people")


def _bundles() -> Any:
    return _service("bundles")


def _entity(name: str) -> Any:
    from verifier.domain import EntityType

    return EntityType[name]


def write_use_cases() -> dict[str, Callable[..., object]]:
    """Public functions of verifier.services.* whose first parameter is a UnitOfWork."""
    found: dict[str, Callable[..., object]] = {}
    for info in pkgutil.iter_modules(verifier.services.__path__):
        if info.name.startswith("_"):
            continue
        module = _service(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if parameters and "UnitOfWork" in str(parameters[0].annotation):
                found[f"{info.name}.{name}"] = function
    return found


# ------------------------------------------------------------------------------------- the workspace
@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, SimpleNamespace, Path]]:
    """One case with a record of every kind, a sealed identity, an attestation and a relationship."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("invalid")
    files = folder / "files"
    files.mkdir()
    (files / "notes.txt").write_text("Met at the checkpoint.\n", encoding="utf-8")
    Image.new("RGB", (32, 24), (20, 120, 30)).save(files / "photo.jpg", quality=90)
    ws = Workspace.open(Settings(workspace=folder / "workspace", user="tester"))
    with ws.transaction() as uow:
        case = cases.create_case(uow, "Makhmour camp, spring 2019").id
        source = sources.add_source(uow, case, "Source K").id
        other = sources.add_source(uow, case, "Source L").id
        sources.relate_sources(uow, source, other, "relative")
        testimony = testimonies.record_testimony(uow, source, transcript="Trucks left at dawn.").id
        claim = claims.add_claim(uow, case, "Trucks left the camp at dawn").id
        place = places.add_place(uow, "Makhmour", latitude=35.7745, longitude=43.5875).id
        item = evidence.add_evidence_file(uow, case, files / "photo.jpg").evidence.id
        identities.enroll_holder(uow, "editor", Secret(PASS), cost=FAST)
        identities.seal_identity(uow, source, {"name": "Rebaz"}, ["editor"])
        sources.attest_identity(uow, source, "editor")
    ids = SimpleNamespace(
        case=case,
        source=source,
        other_source=other,
        testimony=testimony,
        claim=claim,
        place=place,
        evidence=item,
    )
    yield ws, ids, files
    ws.close()


def _state(ws: Workspace) -> dict[str, object]:
    """Everything a use case could change: all tables, the anchors, the vault and the cache."""
    state: dict[str, object] = {}
    with ws.reading() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            state[f"table {table.name}"] = [tuple(row) for row in rows]
        # Tables outside the ORM metadata (the FTS5 search index and its shadow tables) too.
        names = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
        for name in sorted(set(names) - {t.name for t in Base.metadata.sorted_tables}):
            if not name.startswith("sqlite_"):
                rows = session.execute(text(f'SELECT * FROM "{name}"')).all()
                state[f"table {name}"] = sorted(map(repr, rows))
    settings = ws.settings
    anchors = settings.anchor_file
    state["anchors"] = anchors.read_bytes() if anchors.exists() else b""
    for label, folder in (("vault", settings.vault_dir), ("cache", settings.cache_dir)):
        state[label] = sorted(
            (str(p.relative_to(folder)), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in folder.rglob("*")
            if p.is_file()
        )
    return state


def test_every_write_use_case_has_invalid_input_cases(tmp_path: Path) -> None:
    found = set(write_use_cases())
    covered = set(_module_cases(tmp_path)) | set(NO_INPUT)
    assert not found - covered, f"write use cases without an invalid-input case: {sorted(found - covered)}"
    # Cases of functions that do not exist (renamed, or not written yet) are simply not run.


def _all_cases() -> list[tuple[str, int]]:
    table = _module_cases(Path("."))
    found = write_use_cases()
    return [(name, index) for name in sorted(table) if name in found for index in range(len(table[name]))]


@pytest.mark.parametrize(("function", "index"), _all_cases(), ids=[f"{n}-{i}" for n, i in _all_cases()])
def test_invalid_input_is_refused_clearly_and_changes_nothing(
    populated: tuple[Workspace, SimpleNamespace, Path], function: str, index: int
) -> None:
    ws, ids, files = populated
    bad = _module_cases(files)[function][index]
    before = _state(ws)
    with pytest.raises((InvalidInput, NotFound)) as raised:
        with ws.transaction() as uow:
            bad.call(uow, ids)
    assert isinstance(raised.value, bad.error), f"{function}: {type(raised.value).__name__}: {raised.value}"
    message = str(raised.value)
    assert message.strip() and "Traceback" not in message and not message.startswith("<"), message
    assert re.search(bad.names, message, flags=re.IGNORECASE), (
        f"{function}: {message!r} does not name {bad.names!r}"
    )
    after = _state(ws)
    changed = sorted(key for key in before if before[key] != after.get(key))
    assert not changed, f"{function} changed {changed} although it refused the input"


def test_the_state_comparison_sees_a_change(populated: tuple[Workspace, SimpleNamespace, Path]) -> None:
    """A comparison that cannot see a change would let every case above pass for nothing."""
    ws, _ids, _files = populated
    before = _state(ws)
    with ws.transaction() as uow:
        added = places.add_place(uow, "Gwer bridge", latitude=35.98, longitude=43.47)
    after = _state(ws)
    changed = {key for key in before if before[key] != after.get(key)}
    assert {"table place", "table audit_entry", "anchors"} <= changed, changed
    with ws.transaction() as uow:
        places.delete_place(uow, added.id, "test cleanup")
