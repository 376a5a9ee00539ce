"""Cross-reference through the services: inputs gathered from the database, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verifier.intake import samples
from verifier import demo
from verifier.errors import InvalidInput, NotFound
from verifier.services import cases, crossref, intake, sources
from verifier.services.workspace import Workspace


@pytest.fixture
def demo_case(workspace: Workspace) -> int:
    return demo.build_demo_case(workspace)


def _rules(result: crossref.CheckResult) -> set[tuple[str, tuple[tuple[str, int], ...]]]:
    return {(f.rule, f.subjects) for f in result.findings}


def test_the_scenario_findings_from_the_database(workspace: Workspace, demo_case: int) -> None:
    with workspace.reading() as session:
        result = crossref.check(session, demo_case)
        photos = {e.original_name: e.id for e in intake_list(workspace, demo_case)}
    counts = {
        c["claim_id"]: (c["supporting_origins"], c["contradicting_origins"]) for c in result.corroboration
    }
    assert counts[1] == (1, 0)  # Hama and Shwan are friends: one origin, not two
    assert "Shwan and Hama are friends: 1 independent origin" in result.corroboration[0]["explanation"]
    old = photos["IMG_20170611_171533.jpg"]
    rules = _rules(result)
    assert ("place.photo_outside_claim_place", (("evidence", old), ("claim", 6))) in rules
    assert ("time.long_delay", (("evidence", old),)) in rules
    near_copy = photos["IMG-20190224-WA0003.jpg"]
    assert any(r == "recycling.seen_before" and ("evidence", near_copy) in s for r, s in rules)
    assert any(r == "editing.no_metadata" for r, _ in rules)


def intake_list(ws: Workspace, case_id: int):  # type: ignore[no-untyped-def]
    from verifier.services import evidence

    with ws.reading() as session:
        return evidence.list_evidence(session, case_id)


def test_findings_narrowed_to_one_record(workspace: Workspace, demo_case: int) -> None:
    with workspace.reading() as session:
        about_claim = crossref.check(session, demo_case, kind="claim", record_id=4)
        with pytest.raises(InvalidInput, match="Unknown kind of record 'case'"):
            crossref.check(session, demo_case, kind="case", record_id=1)
        with pytest.raises(NotFound):
            crossref.check(session, 999)
    assert about_claim.findings and all(f.concerns("claim", 4) for f in about_claim.findings)
    assert [c["claim_id"] for c in about_claim.corroboration] == [4]


def test_a_picture_received_in_another_case_is_named(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    ws = sqlite_workspace
    photo = tmp_path / "p.jpg"
    photo.write_bytes(samples.save(samples.scene((800, 600)), "JPEG", exif=samples.phone_exif()))
    with ws.transaction() as uow:
        first = cases.create_case(uow, "Kirkuk 2017")
        aras = sources.add_source(uow, first.id, "Aras", kind="submitter")
        second = cases.create_case(uow, "Makhmour 2019")
        villager = sources.add_source(uow, second.id, "Villager", kind="submitter")
    intake.import_photos(ws, first.id, [photo], intake.Provenance(submitted_by_id=aras.id))
    intake.import_photos(ws, second.id, [photo], intake.Provenance(submitted_by_id=villager.id))
    with ws.reading() as session:
        result = crossref.check(session, second.id)
    seen = [f for f in result.findings if f.rule == "recycling.seen_before"]
    assert (
        seen and "Aras" in seen[0].explanation and "Kirkuk 2017" in seen[0].explanation
    ) or "case" in seen[0].explanation


def test_a_preview_showing_another_picture_is_flagged(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """An edit that did not refresh the EXIF preview leaves the older scene in it."""
    ws = sqlite_workspace
    picture = samples.scene((800, 600), variant=1)
    ifd0 = [samples.Entry(0x010F, samples.ASCII, "Canon"), samples.Entry(0x0112, samples.SHORT, 1)]
    for name, preview in (
        ("edited.jpg", samples.scene((160, 120), variant=0)),
        ("honest.jpg", picture.resize((160, 120))),
    ):
        blob = samples.build_exif(samples.TiffSpec(ifd0=list(ifd0), thumbnail=samples.save(preview, "JPEG")))
        (tmp_path / name).write_bytes(samples.jpeg_with_exif(blob, picture))
    with ws.transaction() as uow:
        case = cases.create_case(uow, "c")
    report = intake.import_photos(ws, case.id, [tmp_path / "edited.jpg", tmp_path / "honest.jpg"])
    ids = {Path(i.path).name: i.evidence_id for i in report.imported}
    with ws.reading() as session:
        flagged = {
            s
            for f in crossref.check(session, case.id).findings
            if f.rule == "editing.thumbnail_content"
            for s in f.subjects
        }
    assert flagged == {("evidence", ids["edited.jpg"])}
