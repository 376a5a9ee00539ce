"""Independent origins: relationships, shared devices, same submitter and duplicates merge them."""

from __future__ import annotations

from tests.verifier.crossref.factory import claim, claim_input, photo, related, source
from verifier.crossref.corroboration import check_corroboration, corroborate
from verifier.crossref.findings import Severity
from verifier.crossref.inputs import ClaimInput, LinkedClaim, LinkedEvidence
from verifier.domain import ClaimRelation, ClaimStatus, EvidenceRelation, RelationshipKind
from verifier.domain import TestimonyRelation as T

SOURCES = [
    source(1, "Hama", "C"),
    source(2, "Shwan", "C"),
    source(3, "Villager"),
    source(4, "Rawlinson", "B"),
]
ASSERTS_BOTH = ((11, 1, T.ASSERTS), (12, 2, T.ASSERTS))


def _one(claims: list[ClaimInput], **kwargs: object):  # type: ignore[no-untyped-def]
    results = corroborate(claims, sources=SOURCES, **kwargs)  # type: ignore[arg-type]
    return results[0]


def test_friends_are_one_origin_and_strangers_two() -> None:
    both = [claim_input(claim(1, "Fighters in Qarachogh"), testimonies=ASSERTS_BOTH)]
    friends = _one(both, relationships=[related(1, 1, 2)])
    assert (friends.support_count, friends.supporting_chains) == (1, 2)
    assert "2 testimonies support this claim, but Hama and Shwan are friends: 1 independent origin" in (
        friends.explanation
    )
    assert "testimony #12 (asserts) → Shwan (grade C, fairly reliable)" in friends.explanation
    strangers = _one(both)
    assert strangers.support_count == 2 and "2 independent origins" in strangers.explanation


def test_every_relationship_kind_merges() -> None:
    both = [claim_input(claim(1), testimonies=ASSERTS_BOTH)]
    for kind in RelationshipKind:
        assert _one(both, relationships=[related(1, 2, 1, kind)]).support_count == 1


def test_denials_contradict_and_illustrations_do_not_count() -> None:
    mixed = claim_input(
        claim(1),
        testimonies=((11, 1, T.ASSERTS), (13, 4, T.DENIES)),
        evidence=((21, EvidenceRelation.ILLUSTRATIVE), (22, EvidenceRelation.CONTRADICTS)),
    )
    result = _one([mixed], photos=[photo(21, by=3), photo(22, by=3)])
    assert (result.support_count, result.contradiction_count) == (1, 2)


def test_same_submitter_is_one_origin_and_unknown_submitters_are_their_own() -> None:
    linked = claim_input(
        claim(1), evidence=((21, EvidenceRelation.SUPPORTS), (22, EvidenceRelation.GEOLOCATES))
    )
    assert _one([linked], photos=[photo(21, by=3), photo(22, by=3)]).support_count == 1
    assert _one([linked], photos=[photo(21), photo(22)]).support_count == 2
    # ...unless they are the same picture.
    same = [photo(21, sha="aa" * 32), photo(22, sha="aa" * 32)]
    result = _one([linked], photos=same)
    assert result.support_count == 1 and "are the same picture" in result.explanation
    # A submitter-less copy of a known submitter's picture joins that submitter.
    joined = _one([linked], photos=[photo(21, sha="bb" * 32, by=3), photo(22, sha="bb" * 32)])
    assert joined.support_count == 1


def test_non_photo_evidence_uses_the_links_submitter() -> None:
    linked = ClaimInput(
        claim(1),
        evidence=(
            LinkedEvidence(31, EvidenceRelation.SUPPORTS, 1),
            LinkedEvidence(32, EvidenceRelation.SUPPORTS, 2),
        ),
    )
    assert _one([linked], relationships=[related(1, 1, 2)]).support_count == 1


def test_sources_sharing_a_camera_are_one_origin() -> None:
    canon = {"make": "Canon", "model": "EOS 80D", "body_serial_number": "083024001234"}
    linked = claim_input(
        claim(1), evidence=((21, EvidenceRelation.SUPPORTS), (22, EvidenceRelation.SUPPORTS))
    )
    result = _one([linked], photos=[photo(21, by=1, **canon), photo(22, by=2, **canon)])
    assert result.support_count == 1 and "sent photos from the same camera" in result.explanation


def test_linked_claims_bring_their_origins_one_level() -> None:
    a = claim_input(
        claim(1), testimonies=((11, 1, T.ASSERTS),), claims=(LinkedClaim(2, ClaimRelation.CORROBORATES),)
    )
    b = claim_input(
        claim(2), testimonies=((14, 4, T.ASSERTS),), claims=(LinkedClaim(3, ClaimRelation.CORROBORATES),)
    )
    c = claim_input(claim(3), testimonies=((15, 2, T.ASSERTS),))
    results = {r.claim_id: r for r in corroborate([a, b, c], sources=SOURCES)}
    assert results[1].support_count == 2  # Hama, and Rawlinson through claim 2, not Shwan (two levels)
    assert "claim #2 (corroborates) → testimony #14" in results[1].explanation
    against = claim_input(claim(1), claims=(LinkedClaim(2, ClaimRelation.CONTRADICTS),))
    result = corroborate([against, b], sources=SOURCES)[0]
    assert (result.support_count, result.contradiction_count) == (0, 1)


def test_more_specific_claims_support_the_general_one_only() -> None:
    general = claim_input(
        claim(1), claims=(LinkedClaim(2, ClaimRelation.MORE_SPECIFIC_THAN, outgoing=False),)
    )
    specific = claim_input(
        claim(2),
        testimonies=((11, 1, T.ASSERTS),),
        claims=(LinkedClaim(1, ClaimRelation.MORE_SPECIFIC_THAN),),
    )
    general_with_source = ClaimInput(general.claim, claims=general.claims, testimonies=())
    results = {r.claim_id: r for r in corroborate([general_with_source, specific], sources=SOURCES)}
    assert results[1].support_count == 1
    lone = claim_input(
        claim(3),
        testimonies=((15, 2, T.ASSERTS),),
        claims=(LinkedClaim(2, ClaimRelation.MORE_SPECIFIC_THAN, outgoing=False),),
    )
    specific_only = {r.claim_id: r for r in corroborate([lone, specific], sources=SOURCES)}
    assert specific_only[2].support_count == 1  # the general claim's source does not flow down


def test_findings_from_the_counts() -> None:
    claims = [claim_input(claim(1, "Fighters", status=ClaimStatus.CORROBORATED), testimonies=ASSERTS_BOTH)]
    results = corroborate(claims, sources=SOURCES, relationships=[related(1, 1, 2)])
    findings = {f.rule: f for f in check_corroboration(claims, results)}
    assert set(findings) == {
        "corroboration.count",
        "corroboration.fewer_origins",
        "corroboration.status_unsupported",
    }
    assert findings["corroboration.fewer_origins"].severity is Severity.WARNING
    assert findings["corroboration.count"].numbers["supporting_origins"] == 1
    independent = corroborate(claims, sources=SOURCES)
    assert [f.rule for f in check_corroboration(claims, independent)] == ["corroboration.count"]
