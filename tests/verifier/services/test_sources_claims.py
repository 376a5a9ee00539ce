"""Sources' terms, grades and relationships; testimony revisions; claims with facets and verdicts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from verifier.domain import (
    Audience,
    ClaimOrigin,
    Connection,
    Credibility,
    IdentityState,
    PlacePrecision,
    SourceReliability,
    Verdict,
    parse_interval,
    parse_offset,
    parse_quantity,
)
from verifier.errors import Conflict, InvalidInput
from verifier.services import cases, claims, integrity, links, places, sources, testimonies
from verifier.services.claims import Facets
from verifier.services.workspace import Workspace


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    with workspace.transaction() as uow:
        return cases.create_case(uow, "Makhmour").id


def test_anonymity_terms_attestation_and_grade_history(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        hama = sources.add_source(
            uow,
            case_id,
            "Hama",
            anonymous_from=["public", Audience.FAMILY],
            reason_given="fears reprisals",
            reason_granted="he would be in danger",
            agreement_date=date(2019, 4, 11),
            agreement_terms="first name only",
        )
    assert (
        hama.anonymous_from == (Audience.PUBLIC, Audience.FAMILY)
        and hama.identity_state is IdentityState.NONE
    )
    with workspace.transaction() as uow:
        sources.grade_source(uow, hama.id, "C", "first contact")
        sources.grade_source(uow, hama.id, SourceReliability.B, "consistent on a second meeting")
        attested = sources.attest_identity(uow, hama.id, "Chief editor")
    assert attested.identity_state is IdentityState.ATTESTED and attested.attested_by == ("Chief editor",)
    assert attested.reliability is SourceReliability.B
    with workspace.reading() as session:
        history = sources.source_grades(session, hama.id)
    assert [(g.grade, g.graded_by) for g in history] == [
        (SourceReliability.C, "tester"),
        (SourceReliability.B, "tester"),
    ]
    with (
        pytest.raises(InvalidInput, match="grading rationale must not be empty"),
        workspace.transaction() as uow,
    ):
        sources.grade_source(uow, hama.id, "A", "")
    with pytest.raises(InvalidInput, match="Unknown reliability grade 'G'"), workspace.transaction() as uow:
        sources.grade_source(uow, hama.id, "G", "why not")
    with workspace.transaction() as uow:
        back = sources.withdraw_attestation(uow, hama.id, "Chief editor", reason="left the newsroom")
    assert back.identity_state is IdentityState.NONE and back.attested_by == ()


def test_relationships_between_sources(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
        shwan = sources.add_source(uow, case_id, "Shwan")
        friends = sources.relate_sources(uow, hama.id, shwan.id, "friend", "Hama phoned him for us")
    with pytest.raises(Conflict), workspace.transaction() as uow:
        sources.relate_sources(uow, hama.id, shwan.id, "friend")
    with pytest.raises(InvalidInput, match="cannot be related to itself"), workspace.transaction() as uow:
        sources.relate_sources(uow, hama.id, hama.id, "relative")
    with workspace.reading() as session:
        assert [
            (r.source_id, r.kind.value, r.other_source_id) for r in sources.relationships(session, case_id)
        ] == [(hama.id, "friend", shwan.id)]
    with workspace.transaction() as uow:
        sources.unrelate_sources(uow, friends.id, reason="recorded twice")
    with workspace.reading() as session:
        assert sources.relationships(session, case_id) == []


def test_edited_transcript_keeps_the_earlier_version(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
        said = testimonies.record_testimony(
            uow, hama.id, when=parse_interval("2019-04-11", parse_offset("+03:00")), transcript="first draft"
        )
    with workspace.transaction() as uow:
        testimonies.update_testimony(uow, said.id, transcript="second draft")
    with workspace.transaction() as uow:
        testimonies.update_testimony(uow, said.id, notes="checked with the translator")
    with workspace.reading() as session:
        revisions = testimonies.testimony_revisions(session, said.id)
        current = testimonies.get_testimony(session, said.id)
    assert [(r.revision, r.transcript, r.notes) for r in revisions] == [
        (1, "first draft", ""),
        (2, "second draft", ""),
    ]
    assert current.transcript == "second draft" and current.taken_precision is not None


def test_attachment_goes_to_the_vault(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    audio = tmp_path / "interview.ogg"
    audio.write_bytes(b"OggS fake audio for the test")
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
        said = testimonies.record_testimony(uow, hama.id, transcript="...")
        attached = testimonies.attach_file(uow, said.id, audio, "audio")
    assert workspace.vault.read_bytes(attached.sha256) == audio.read_bytes()
    assert attached.original_name == "interview.ogg" and attached.media_type == "audio/ogg"


def test_claim_facets_from_a_testimony_passage(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        shwan = sources.add_source(uow, case_id, "Shwan")
        said = testimonies.record_testimony(
            uow, shwan.id, transcript="There are 50 to 150 of them, with families, in the caves."
        )
        place = places.add_place(uow, "Qarachogh hills", latitude=35.86, longitude=43.66, precision="region")
        claim = claims.claim_from_testimony(
            uow,
            said.id,
            "50 to 150 fighters hide in the hills",
            "50 to 150 of them, with families",
            connection=Connection.HEARD_FROM_OTHERS,
            facets=Facets(
                event_type="presence of armed group",
                actors="ISIS fighters",
                place_id=place.id,
                place_precision=PlacePrecision.REGION,
                when=parse_interval("2019-04", parse_offset("+03:00")),
                quantities=[parse_quantity("50-150 fighters, with their families")],
            ),
        )
    assert claim.origin is ClaimOrigin.TESTIMONY and claim.quantities[0].maximum == 150
    assert claim.when is not None and claim.when.label == "2019-04"
    with workspace.reading() as session:
        (link,) = links.links_of_claim(session, claim.id).testimonies
    assert (link.quote, link.connection) == ("50 to 150 of them, with families", Connection.HEARD_FROM_OTHERS)
    with workspace.transaction() as uow:
        updated = claims.update_claim(
            uow, claim.id, facets=Facets(quantities=[parse_quantity("at least 50 fighters")])
        )
    assert [q.describe() for q in updated.quantities] == ["at least 50 fighters"]
    with workspace.reading() as session:
        entry = integrity.audit_log(session, entity_type="claim", entity_id=claim.id)[0]
    assert entry.old_values == {"quantities": ["50 to 150 fighters with their families"]}


def test_quote_must_come_from_the_transcript(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        hama = sources.add_source(uow, case_id, "Hama")
        said = testimonies.record_testimony(uow, hama.id, transcript="They are in Ali Rash.")
    with pytest.raises(InvalidInput, match="not in the transcript"), workspace.transaction() as uow:
        claims.claim_from_testimony(uow, said.id, "They are in Kirkuk", "They are in Kirkuk")
    with workspace.transaction() as uow:  # spacing and case do not matter
        claims.claim_from_testimony(uow, said.id, "They are in Ali Rash", "they  are in ALI RASH")


def test_verdict_needs_a_rationale_and_backing(workspace: Workspace, case_id: int) -> None:
    with workspace.transaction() as uow:
        claim = claims.add_claim(uow, case_id, "Armed men walk openly in daylight.")
    with (
        pytest.raises(InvalidInput, match="needs at least one linked testimony or evidence"),
        workspace.transaction() as uow,
    ):
        claims.update_claim(uow, claim.id, verdict=Verdict.VERIFIED, reason="seen on TV")
    with workspace.transaction() as uow:
        decided = claims.update_claim(
            uow, claim.id, verdict=Verdict.NOT_CHECKABLE, reason="no access to the area"
        )
        graded = claims.grade_claim(uow, claim.id, Credibility.CANNOT_BE_JUDGED, "no second origin")
    assert decided.rationale == "no access to the area" and graded.credibility is Credibility.CANNOT_BE_JUDGED


def test_place_suggestions_across_spellings_and_scripts(workspace: Workspace) -> None:
    with workspace.transaction() as uow:
        gali = places.add_place(uow, "Gali Manjalan", latitude=35.83, longitude=43.67)
        makhmour = places.add_place(uow, "Makhmour", aliases=["مخمور"], latitude=35.776, longitude=43.58)
    with workspace.reading() as session:
        assert [m.place.id for m in places.suggest_places(session, "Gali Manjala")] == [gali.id]
        assert [m.place.id for m in places.suggest_places(session, "مَخْمُور")] == [makhmour.id]
        assert places.suggest_places(session, "Kirkuk") == []
    with pytest.raises(
        Conflict, match="'Gali Manjala' looks like a place already in the gazetteer: 'Gali Manjalan'"
    ):
        with workspace.transaction() as uow:
            places.add_place(uow, "Gali Manjala")
    with workspace.transaction() as uow:
        places.add_place(uow, "Gali Manjala", allow_similar=True)  # the editor says it is another place


def test_nearest_named_places_offline(workspace: Workspace) -> None:
    from verifier.domain import GeoPoint

    with workspace.transaction() as uow:
        places.add_place(uow, "Ali Rash", latitude=35.80, longitude=43.63, precision="vicinity")
    with workspace.reading() as session:
        found = places.nearest_named_places(session, GeoPoint(35.7921, 43.6188), limit=3)
    assert found[0].name == "Ali Rash" and found[0].origin == "gazetteer" and found[0].distance_m < 2000
    towns = [p for p in found if p.origin == "world towns"]
    assert towns[0].name == "Mexmur" and towns[0].country_code == "IQ" and 3000 < towns[0].distance_m < 5000


def test_claim_drawn_from_evidence(workspace: Workspace, case_id: int, jpeg_file: Path) -> None:
    from verifier.domain import EvidenceRelation
    from verifier.services import evidence

    with workspace.transaction() as uow:
        photo = evidence.add_evidence_file(uow, case_id, jpeg_file).evidence
        claim = claims.claim_from_evidence(
            uow, photo.id, "Armed men stand in a field.", note="what the photo shows"
        )
    assert claim.origin is ClaimOrigin.EVIDENCE
    with workspace.reading() as session:
        (link,) = links.links_of_claim(session, claim.id).evidence
    assert (link.evidence_id, link.relation, link.note) == (
        photo.id,
        EvidenceRelation.SUPPORTS,
        "what the photo shows",
    )
