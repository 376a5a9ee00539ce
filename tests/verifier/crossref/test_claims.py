"""Claims against claims: counts, times and places of claims about the same event."""

from __future__ import annotations

from tests.verifier.crossref.factory import (
    ALI_RASH,
    GALI_MANJALAN,
    MAKHMOUR,
    claim,
    claim_input,
    only,
    place,
    rules,
)
from verifier.crossref.claims import check_claims, same_unit
from verifier.crossref.findings import Severity
from verifier.crossref.inputs import LinkedClaim
from verifier.domain import ClaimRelation, PlacePrecision, parse_quantity

ALI = place(1, "Ali Rash", ALI_RASH)
NEAR_ALI = place(2, "Ali Rash well", (ALI_RASH[0] + 0.02, ALI_RASH[1]))  # about 2.2 km north
TOWN = place(3, "Makhmour", MAKHMOUR)


def _pair(relation: ClaimRelation, a: dict, b: dict, *, both_sides: bool = False) -> list:
    first = claim_input(claim(1, "first", **a), a.get("where"), claims=(LinkedClaim(2, relation),))
    back = (LinkedClaim(1, relation, outgoing=False),) if both_sides else ()
    second = claim_input(claim(2, "second", **b), b.get("where"), claims=back)
    return check_claims([first, second])


def test_units() -> None:
    assert same_unit("fighters", "Fighter") and same_unit("killed", "killed")
    assert not same_unit("fighters", "families") and not same_unit("killed", "injured")


def test_quantities_overlap_or_not() -> None:
    fighters = {"quantities": (parse_quantity("50-150 fighters"),)}
    many = {"quantities": (parse_quantity("200-300 fighters"),)}
    some = {"quantities": (parse_quantity("100 to 120 fighters"),)}
    other_unit = {"quantities": (parse_quantity("200 families"),)}
    finding = only(_pair(ClaimRelation.CORROBORATES, fighters, many), "claims.quantities_disagree")
    assert finding.severity is Severity.CONFLICT and finding.numbers["gap"] == 50
    assert "50 to 150 fighters against 200 to 300 fighters" in finding.explanation
    assert rules(_pair(ClaimRelation.CORROBORATES, fighters, some)) == []
    assert rules(_pair(ClaimRelation.CORROBORATES, fighters, other_unit)) == []
    assert (
        only(_pair(ClaimRelation.CONTRADICTS, fighters, many), "claims.quantities_disagree").severity
        is Severity.INFO
    )
    assert only(
        _pair(ClaimRelation.PARTLY_CORROBORATES, fighters, many), "claims.quantities_disagree"
    ).severity is (Severity.WARNING)
    assert rules(_pair(ClaimRelation.MORE_SPECIFIC_THAN, fighters, many)) == []


def test_intervals_exclude_each_other_with_the_gap() -> None:
    finding = only(
        _pair(ClaimRelation.SAME_CLAIM, {"when": "2019-03-07"}, {"when": "2019-03-29"}),
        "claims.intervals_exclusive",
    )
    assert finding.numbers["gap_hours"] == 21 * 24 and "21 days apart" in finding.explanation
    assert rules(_pair(ClaimRelation.SAME_CLAIM, {"when": "2019-03"}, {"when": "2019-03-29"})) == []


def test_places_apart_beyond_both_precisions() -> None:
    near = _pair(ClaimRelation.CORROBORATES, {"where": ALI}, {"where": NEAR_ALI})
    assert rules(near) == []  # 2.2 km apart, 4 km allowed (two vicinity places)
    far = only(_pair(ClaimRelation.CORROBORATES, {"where": ALI}, {"where": TOWN}), "claims.places_apart")
    assert far.numbers["tolerance_m"] == 4000.0 and far.numbers["distance_m"] > 10_000
    region = place(4, "Qarachogh", GALI_MANJALAN, PlacePrecision.REGION)
    assert rules(_pair(ClaimRelation.CORROBORATES, {"where": TOWN}, {"where": region})) == []


def test_a_link_listed_on_both_claims_is_compared_once() -> None:
    findings = _pair(
        ClaimRelation.CORROBORATES, {"when": "2019-03-07"}, {"when": "2019-03-29"}, both_sides=True
    )
    assert rules(findings) == ["claims.intervals_exclusive"]
