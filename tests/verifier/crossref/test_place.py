"""Place rules: a photo 300 m from the claimed village versus 30 km, precision radii, names."""

from __future__ import annotations

from geographiclib.geodesic import Geodesic

from tests.verifier.crossref.factory import (
    ALI_RASH,
    GALI_MANJALAN,
    claim,
    claim_input,
    only,
    photo,
    place,
    rules,
)
from verifier.crossref.findings import Severity
from verifier.crossref.inputs import NearbyName
from verifier.crossref.place import PRECISION_RADIUS_M, check_place, suggest_names
from verifier.domain import EvidenceRelation, PlacePrecision

ALI = place(1, "Ali Rash", ALI_RASH, PlacePrecision.VICINITY)
GALI = place(
    2, "Gali Manjalan", GALI_MANJALAN, PlacePrecision.VICINITY, aliases=("Gali Manjala", "گەلی مەنجەلان")
)


def _at(distance_m: float, azimuth: float = 90.0) -> dict[str, float]:
    spot = Geodesic.WGS84.Direct(ALI_RASH[0], ALI_RASH[1], azimuth, distance_m)
    return {"gps_latitude": spot["lat2"], "gps_longitude": spot["lon2"]}


def _check(
    distance_m: float, relation: EvidenceRelation = EvidenceRelation.SUPPORTS, **extra: object
) -> list:
    linked = claim_input(claim(5, "Two armed men near Ali Rash", where=ALI), ALI, evidence=((1, relation),))
    return check_place([photo(1, **_at(distance_m), **extra)], [linked])


def test_radii_grow_with_vagueness() -> None:
    radii = [PRECISION_RADIUS_M[p] for p in PlacePrecision]
    assert radii == sorted(radii) == [100.0, 2_000.0, 10_000.0, 50_000.0]


def test_photo_300_m_from_the_village_is_inside() -> None:
    finding = only(_check(300), "place.photo_within_claim_place")
    assert finding.severity is Severity.INFO and "300 m from Ali Rash" in finding.explanation
    assert abs(finding.numbers["distance_m"] - 300) < 0.5


def test_photo_30_km_away_is_a_conflict_with_the_numbers() -> None:
    finding = only(_check(30_200), "place.photo_outside_claim_place")
    assert finding.severity is Severity.CONFLICT
    assert "30.2 km from Ali Rash, a vicinity-precision place (2.0 km)" in finding.explanation
    assert finding.numbers["tolerance_m"] == 2000.0


def test_just_outside_is_a_warning_and_illustrative_only_information() -> None:
    assert only(_check(3_000), "place.photo_outside_claim_place").severity is Severity.WARNING
    assert only(
        _check(30_000, EvidenceRelation.ILLUSTRATIVE), "place.photo_outside_claim_place"
    ).severity is (Severity.INFO)


def test_recorded_gps_error_widens_the_tolerance() -> None:
    assert "place.photo_outside_claim_place" in rules(_check(2_300))
    assert "place.photo_within_claim_place" in rules(_check(2_300, gps_h_positioning_error=500.0))


def test_the_claims_own_precision_can_be_coarser_than_the_place() -> None:
    exact = place(3, "Checkpoint", ALI_RASH, PlacePrecision.EXACT)
    vague = claim_input(
        claim(6, where=exact, place_precision=PlacePrecision.LOCALITY),
        exact,
        evidence=((1, EvidenceRelation.SUPPORTS),),
    )
    assert "place.photo_within_claim_place" in rules(check_place([photo(1, **_at(8_000))], [vague]))


def test_photo_without_gps() -> None:
    linked = claim_input(claim(5, where=ALI), ALI, evidence=((1, EvidenceRelation.GEOLOCATES),))
    assert rules(check_place([photo(1)], [linked])) == ["place.no_gps"]


def test_unknown_place_name_gets_fuzzy_suggestions() -> None:
    unmatched = claim_input(claim(7, "Fighters seen", place_text="Gali Manjalann"))
    finding = only(check_place([], [unmatched], [ALI, GALI]), "place.unknown_name")
    assert finding.numbers["suggestions"] == "Gali Manjalan" and "Gali Manjalan (id 2" in finding.explanation
    nothing = claim_input(claim(8, place_text="Xyzzyville"))
    assert (
        "No gazetteer place has a similar name"
        in only(check_place([], [nothing], [ALI, GALI]), "place.unknown_name").explanation
    )


def test_suggestions_work_across_scripts() -> None:
    found = suggest_names("گەلی مەنجەلان", [ALI, GALI])
    assert found and found[0][0].id == 2


def test_nearest_named_places_are_mentioned() -> None:
    near = (NearbyName("Ali Rash", 300.0), NearbyName("Makhmour", 12_400.0, "world towns"))
    pictured = photo(1, **_at(300), file={"nearby_places": near})
    finding = only(check_place([pictured], []), "place.nearest_names")
    assert "Ali Rash (300 m, gazetteer), Makhmour (12.4 km, world towns)" in finding.explanation
