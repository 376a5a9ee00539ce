"""Use cases over cases, sources, testimonies, claims, evidence, places and links, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from verifier.domain import (
    Anonymity,
    AuditAction,
    ClaimStatus,
    EntityType,
    EvidenceRelation,
    Medium,
    SourceKind,
    Verdict,
)
from verifier.errors import Conflict, InvalidInput, NotFound
from verifier.services import cases, claims, evidence, integrity, links, places, sources, testimonies
from verifier.services.workspace import Workspace

ERBIL = timezone(timedelta(hours=3))


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    with workspace.transaction() as uow:
        return cases.create_case(uow, "Makhmour", "Armed men in the Qarachogh hills").id


def _entries(ws: Workspace, entity: EntityType) -> list[tuple[AuditAction, int]]:
    with ws.reading() as session:
        return [(e.action, e.entity_id) for e in integrity.audit_log(session, entity_type=entity.value)]


def test_source_testimony_claim_round_trip_in_any_script(workspace: Workspace, case_id: int) -> None:
    transcript = "هەردووکیان لە گەلی مەنجەلان بوون — they were both in Gali Manjalan"
    with workspace.transaction() as uow:
        hama = sources.add_source(
            uow,
            case_id,
            "Hama",
            public_description="a Kurdish resident of Makhmour in his twenties",
            kind="eyewitness",
            anonymity=Anonymity.ANONYMOUS,
        )
        said = testimonies.record_testimony(
            uow,
            hama.id,
            taken_at=datetime(2019, 4, 11, 14, 0, tzinfo=ERBIL),
            medium=Medium.IN_PERSON,
            language="ckb",
            transcript=transcript,
        )
        claim = claims.add_claim(
            uow, case_id, "Fighters approached truffle hunters near Ali Rash in mid-March 2019."
        )
        links.link_claim_testimony(uow, claim.id, said.id, "asserts", quote="two men appeared out of nowhere")
    with workspace.reading() as session:
        (stored,) = testimonies.list_testimonies(session, case_id)
        assert stored.transcript == transcript
        assert stored.taken_at == datetime(2019, 4, 11, 11, 0, tzinfo=UTC)
        assert sources.get_source(session, hama.id).kind is SourceKind.EYEWITNESS
        assert (
            links.links_of_claim(session, claim.id).testimonies[0].quote == "two men appeared out of nowhere"
        )
    assert _entries(workspace, EntityType.SOURCE) == [(AuditAction.CREATE, hama.id)]


def test_invalid_input_is_refused_and_changes_nothing(workspace: Workspace, case_id: int) -> None:
    attempts = [
        (lambda uow: cases.create_case(uow, "   "), "case title must not be empty"),
        (
            lambda uow: sources.add_source(uow, case_id, "X", kind="spy"),
            "Unknown source kind 'spy': choose one of",
        ),
        (lambda uow: sources.add_source(uow, 999, "X"), "no case with id 999"),
        (
            lambda uow: places.add_place(uow, "Nowhere", latitude=95.0, longitude=43.0),
            "Latitude 95.0 is out of range",
        ),
        (lambda uow: places.add_place(uow, "Half", latitude=35.0), "both latitude and longitude"),
    ]
    for action, message in attempts:
        with pytest.raises((InvalidInput, NotFound), match=message), workspace.transaction() as uow:
            action(uow)
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
    with pytest.raises(InvalidInput, match="needs a time zone"), workspace.transaction() as uow:
        testimonies.record_testimony(uow, hama.id, taken_at=datetime(2019, 3, 29, 10, 0))
    with workspace.reading() as session:
        assert testimonies.list_testimonies(session, case_id) == []
        assert places.list_places(session) == []
        assert len(integrity.audit_log(session)) == 2  # the case and Hama only


def test_status_change_needs_a_reason_and_is_audited_with_it(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        claim = claims.add_claim(uow, case_id, "Between 50 and 150 fighters hide in the hills.")
    with pytest.raises(InvalidInput, match="reason is required"), workspace.transaction() as uow:
        claims.update_claim(uow, claim.id, status=ClaimStatus.IN_PROGRESS)
    with workspace.transaction() as uow:
        updated = claims.update_claim(uow, claim.id, verdict=Verdict.NOT_CHECKABLE, reason="no second origin")
    assert updated.verdict is Verdict.NOT_CHECKABLE and updated.version == 2
    with workspace.reading() as session:
        entry = integrity.audit_log(session, entity_type="claim", entity_id=claim.id)[0]
    assert (entry.old_values, entry.new_values, entry.reason) == (
        {"verdict": None, "rationale": ""},
        {"verdict": "not_checkable", "rationale": "no second origin"},
        "no second origin",
    )


def test_no_op_update_writes_no_audit_entry(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        cases.update_case(uow, case_id, title="Makhmour")
    assert _entries(workspace, EntityType.CASE) == [(AuditAction.CREATE, case_id)]


def test_edit_based_on_a_stale_version_is_refused(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        cases.update_case(uow, case_id, title="Makhmour, spring 2019", expected_version=1)
    with (
        pytest.raises(Conflict, match="now at version 2, you edited version 1"),
        workspace.transaction() as uow,
    ):
        cases.update_case(uow, case_id, title="Stale title", expected_version=1)
    with workspace.reading() as session:
        assert cases.get_case(session, case_id).title == "Makhmour, spring 2019"


def test_concurrent_edit_does_not_overwrite_silently(workspace: Workspace, case_id: int) -> None:
    """Two editors load version 1; the second one to write is refused, not lost."""
    with workspace.transaction() as first, workspace.transaction() as second:
        pass  # both open and close: just proves two units of work can coexist sequentially
    del first, second
    with workspace.transaction() as editor_a:
        row_a = cases.update_case(editor_a, case_id, summary="A's summary")
    with pytest.raises(Conflict), workspace.transaction() as editor_b:
        cases.update_case(editor_b, case_id, summary="B's summary", expected_version=row_a.version - 1)


def test_links_stay_within_a_case(workspace: Workspace, case_id: int, jpeg_file: Path) -> None:
    with workspace.transaction() as uow:
        other = cases.create_case(uow, "Diyala")
        claim = claims.add_claim(uow, case_id, "Armed men walk in daylight.")
        photo = evidence.add_evidence_file(uow, other.id, jpeg_file).evidence
    with pytest.raises(InvalidInput, match="belong to different cases"), workspace.transaction() as uow:
        links.link_claim_evidence(uow, claim.id, photo.id, EvidenceRelation.SUPPORTS)
    with pytest.raises(InvalidInput, match="cannot be linked to itself"), workspace.transaction() as uow:
        links.link_claims(uow, claim.id, claim.id, "corroborates")


def test_same_bytes_twice_are_stored_once_and_reported(
    workspace: Workspace, case_id: int, jpeg_file: Path
) -> None:
    with workspace.transaction() as uow:
        villager = sources.add_source(uow, case_id, "Villager", kind="submitter")
        first = evidence.add_evidence_file(
            uow,
            case_id,
            jpeg_file,
            submitted_by_id=villager.id,
            received_at=datetime(2019, 2, 21, 18, 0, tzinfo=ERBIL),
        )
        other_case = cases.create_case(uow, "Later story")
    with workspace.transaction() as uow:
        again = evidence.add_evidence_file(uow, other_case.id, jpeg_file)
    assert first.newly_stored and not again.newly_stored
    assert [(e.id, e.case_id, e.submitted_by_id) for e in again.earlier] == [
        (first.evidence.id, case_id, villager.id)
    ]
    assert len(list(workspace.vault.iter_stored())) == 1


def test_deleting_a_claim_deletes_and_audits_its_links(
    workspace: Workspace, case_id: int, jpeg_file: Path
) -> None:
    with workspace.transaction() as uow:
        claim = claims.add_claim(uow, case_id, "Six militiamen were killed on March 7.")
        other = claims.add_claim(uow, case_id, "A bus was ambushed in Makhmour.")
        photo = evidence.add_evidence_file(uow, case_id, jpeg_file).evidence
        ev_link = links.link_claim_evidence(uow, claim.id, photo.id, "illustrative")
        cl_link = links.link_claims(uow, other.id, claim.id, "partly_corroborates")
    with workspace.transaction() as uow:
        claims.delete_claim(uow, claim.id, reason="merged into another claim")
    assert (AuditAction.DELETE, ev_link.id) in _entries(workspace, EntityType.CLAIM_EVIDENCE)
    assert (AuditAction.DELETE, cl_link.id) in _entries(workspace, EntityType.CLAIM_CLAIM)
    with workspace.reading() as session:
        assert links.links_of_claim(session, other.id).claims == ()
        assert evidence.get_evidence(session, photo.id).sha256 == photo.sha256


def test_delete_rules(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
        testimonies.record_testimony(uow, hama.id, transcript="...")
    with pytest.raises(Conflict, match="still holds 1 source, 1 testimony"), workspace.transaction() as uow:
        cases.delete_case(uow, case_id, reason="test")
    with pytest.raises(Conflict, match="still referred to by 1 testimony"), workspace.transaction() as uow:
        sources.delete_source(uow, hama.id, reason="test")
    with pytest.raises(InvalidInput, match="reason is required"), workspace.transaction() as uow:
        sources.delete_source(uow, hama.id, reason=" ")


def test_duplicate_alias_in_a_case_is_a_conflict(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        sources.add_source(uow, case_id, "Shwan")
    with pytest.raises(Conflict, match="already exists"), workspace.transaction() as uow:
        sources.add_source(uow, case_id, "Shwan")


def test_place_aliases_in_several_spellings_and_scripts(workspace: Workspace) -> None:
    with workspace.transaction() as uow:
        place = places.add_place(
            uow,
            "Makhmour",
            latitude=35.7756,
            longitude=43.5803,
            aliases=["مخمور", "مەخموور", "Makhmur", "مخمور"],
        )
    assert place.aliases == ("مخمور", "مەخموور", "Makhmur")
    with workspace.transaction() as uow:
        places.update_place(uow, place.id, aliases=["مخمور"], reason="fewer spellings")
    with workspace.reading() as session:
        assert places.get_place(session, place.id).aliases == ("مخمور",)
        entries = integrity.audit_log(session, entity_type="place")
    assert entries[0].old_values == {"aliases": ["مخمور", "مەخموور", "Makhmur"]}
    assert entries[-1].new_values is not None and entries[-1].new_values["aliases"] == [
        "مخمور",
        "مەخموور",
        "Makhmur",
    ]
