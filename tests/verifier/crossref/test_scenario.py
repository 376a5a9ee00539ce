"""The Makhmour report (shared/scenario/makhmour-report.txt) as a case, through run_all.

Hama and Shwan, friends who both speak of ISIS in the Qarachogh hills; an anonymous villager's
photos of armed men near Makhmour on 21 February 2019; Col. Rawlinson on the record by email; a
staff photographer's picture of Mount Qarachogh on 11 April 2019; a picture first received in
2017 in another case, sent again as if new; and a photo stripped of all metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from geographiclib.geodesic import Geodesic

from tests.verifier.crossref.factory import (
    ALI_RASH,
    GALI_MANJALAN,
    MAKHMOUR,
    claim,
    claim_input,
    photo,
    place,
    related,
    source,
)
from verifier.crossref import CaseInputs, LinkedClaim, check_case, run_all
from verifier.crossref.findings import Finding, Severity
from verifier.domain import ClaimRelation, ClaimStatus, EvidenceRelation, PlacePrecision, SourceKind
from verifier.domain import TestimonyRelation as T

E = EvidenceRelation
HAMA, SHWAN, VILLAGER, RAWLINSON, EDWARDS, DILAN, ARAS = 1, 2, 3, 4, 5, 6, 7
MAKHMOUR_P = place(1, "Makhmour", MAKHMOUR, PlacePrecision.LOCALITY, aliases=("مخمور", "مەخموور"))
ALI_RASH_P = place(2, "Ali Rash", ALI_RASH, PlacePrecision.VICINITY)
GALI_P = place(3, "Gali Manjalan", GALI_MANJALAN, PlacePrecision.VICINITY)
QARACHOGH_P = place(4, "Qarachogh Mountains", (35.90, 43.45), PlacePrecision.REGION)


def _near(origin: tuple[float, float], metres: float, azimuth: float = 45.0) -> dict[str, float]:
    spot = Geodesic.WGS84.Direct(origin[0], origin[1], azimuth, metres)
    return {"gps_latitude": spot["lat2"], "gps_longitude": spot["lon2"]}


def _case() -> CaseInputs:
    sources = (
        source(HAMA, "Hama", "C"),
        source(SHWAN, "Shwan", "C"),
        source(VILLAGER, "Villager", "F", kind=SourceKind.SUBMITTER),
        source(RAWLINSON, "Col. James Rawlinson", "B", kind=SourceKind.OFFICIAL),
        source(EDWARDS, "Robert Edwards", "A", kind=SourceKind.STAFF),
        source(DILAN, "Dilan", "D", kind=SourceKind.SUBMITTER),
        source(ARAS, "Aras", "D", case_id=2, kind=SourceKind.SUBMITTER),
    )
    phone = {"make": "samsung", "model": "SM-J700F"}
    photos = (
        # The villager's photos of armed men, 21 February 2019, near Makhmour.
        photo(
            1,
            by=VILLAGER,
            received=datetime(2019, 2, 23, 8, 0, tzinfo=UTC),
            capture_local=datetime(2019, 2, 21, 13, 10),
            capture_offset="+03:00",
            phash=0x8F0F_3C3C_E1E1_0F0F,
            dhash=0x1234_5678_9ABC_DEF0,
            **_near(MAKHMOUR, 400),
            **phone,
        ),
        photo(
            2,
            by=VILLAGER,
            received=datetime(2019, 2, 23, 8, 1, tzinfo=UTC),
            capture_local=datetime(2019, 2, 21, 13, 12),
            phash=0x7777_0000_FFFF_1111,
            dhash=0x0F0F_0F0F_F0F0_F0F0,
            **_near(MAKHMOUR, 600),
            **phone,
        ),
        # Sent by Dilan in March 2019 as new; first received from Aras in June 2017 (case 2).
        photo(
            3,
            by=DILAN,
            sha="17" * 32,
            received=datetime(2019, 3, 18, 10, 0, tzinfo=UTC),
            capture_local=datetime(2017, 6, 10, 9, 30),
            capture_offset="+03:00",
            **_near(ALI_RASH, 30_000, 200),
            make="Apple",
            model="iPhone 6",
        ),
        # Stripped: no metadata at all, sender unknown.
        photo(4, received=datetime(2019, 3, 2, tzinfo=UTC)),
        # The staff photographer's Mount Qarachogh, 11 April 2019.
        photo(
            5,
            by=EDWARDS,
            received=datetime(2019, 4, 11, 16, 0, tzinfo=UTC),
            capture_local=datetime(2019, 4, 11, 11, 20),
            capture_offset="+03:00",
            **_near(QARACHOGH_P_POINT, 2_000),
            make="Canon",
            model="Canon EOS 5D Mark IV",
            body_serial_number="032021000123",
        ),
    )
    recycled_2017 = photo(
        100, case_id=2, by=ARAS, sha="17" * 32, received=datetime(2017, 6, 11, 7, 0, tzinfo=UTC)
    )
    claims = (
        claim_input(
            claim(
                1,
                "ISIS fighters hide in the Qarachogh Mountains, at Ali Rash and Gali Manjalan",
                where=QARACHOGH_P,
                when="2019-03",
                status=ClaimStatus.CORROBORATED,
            ),
            QARACHOGH_P,
            testimonies=((11, HAMA, T.ASSERTS), (12, SHWAN, T.ASSERTS)),
            evidence=((5, E.ILLUSTRATIVE),),
        ),
        claim_input(
            claim(
                2,
                "Armed men walk freely around the Makhmour area in broad daylight",
                where=MAKHMOUR_P,
                when="2019-02-21",
            ),
            MAKHMOUR_P,
            evidence=((1, E.SUPPORTS), (2, E.SUPPORTS), (4, E.SUPPORTS)),
        ),
        claim_input(
            claim(
                3,
                "Daesh is likely attempting to refit, reorganize and recruit near Makhmour",
                where=MAKHMOUR_P,
            ),
            MAKHMOUR_P,
            testimonies=((13, RAWLINSON, T.ASSERTS),),
        ),
        claim_input(
            claim(
                4,
                "Two ISIS militants approached Hama near Ali Rash while he collected truffles",
                where=ALI_RASH_P,
                when="2019-03-11/2019-03-20",
                label="mid-March 2019",
            ),
            ALI_RASH_P,
            testimonies=((11, HAMA, T.ASSERTS),),
            evidence=((3, E.SUPPORTS),),
        ),
        claim_input(
            claim(
                5,
                "Hama met ISIS militants a second time at Gali Manjala",
                place_text="Gali Manjala",
                when="2019-03-29",
            ),
            None,
            testimonies=((11, HAMA, T.ASSERTS),),
            claims=(LinkedClaim(1, ClaimRelation.CORROBORATES),),
        ),
    )
    return CaseInputs(
        case_id=1,
        photos=photos,
        claims=claims,
        sources=sources,
        relationships=(related(1, HAMA, SHWAN),),
        gazetteer=(MAKHMOUR_P, ALI_RASH_P, GALI_P, QARACHOGH_P),
        workspace_photos=(recycled_2017,),
    )


QARACHOGH_P_POINT = (35.90, 43.45)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return check_case(_case())


def _find(findings: tuple[Finding, ...], rule: str, *subjects: tuple[str, int]) -> Finding:
    matching = [f for f in findings if f.rule == rule and all(s in f.subjects for s in subjects)]
    assert len(matching) == 1, f"{rule} {subjects}: {[(f.rule, f.subjects) for f in findings]}"
    return matching[0]


def test_corroboration_counts(report) -> None:  # type: ignore[no-untyped-def]
    counts = {c.claim_id: (c.support_count, c.contradiction_count) for c in report.corroboration}
    # 1: Hama and Shwan are friends (one origin); claim 5 adds Hama again. 2: the villager's two
    # photos are one origin, the stripped anonymous photo another. 3: Rawlinson alone.
    # 4: Hama, and the recycled picture (Dilan, joined to Aras by the duplicate).
    assert counts == {1: (1, 0), 2: (2, 0), 3: (1, 0), 4: (2, 0), 5: (1, 0)}
    first = next(c for c in report.corroboration if c.claim_id == 1)
    assert (
        "2 testimonies support this claim, but Hama and Shwan are friends: 1 independent origin"
        in first.explanation
    )
    fourth = next(c for c in report.corroboration if c.claim_id == 4)
    assert "photo #3 and photo #100 are the same picture" in fourth.explanation


def test_friends_warnings(report) -> None:  # type: ignore[no-untyped-def]
    fewer = _find(report.findings, "corroboration.fewer_origins", ("claim", 1))
    assert "Hama and Shwan are friends: 1 independent origin" in fewer.explanation
    assert (
        _find(report.findings, "corroboration.status_unsupported", ("claim", 1)).severity is Severity.WARNING
    )


def test_recycled_picture(report) -> None:  # type: ignore[no-untyped-def]
    seen = _find(report.findings, "recycling.seen_before", ("evidence", 3))
    assert seen.severity is Severity.WARNING
    assert "already received on 2017-06-11 from Aras (another submitter) in case #2" in seen.explanation
    assert (
        _find(report.findings, "recycling.predates_claim", ("evidence", 3), ("claim", 4)).severity
        is Severity.CONFLICT
    )
    outside = _find(report.findings, "time.capture_outside_claim", ("evidence", 3), ("claim", 4))
    assert outside.severity is Severity.CONFLICT and "mid-March 2019" in outside.explanation
    far = _find(report.findings, "place.photo_outside_claim_place", ("evidence", 3), ("claim", 4))
    assert far.severity is Severity.CONFLICT and "30.0 km from Ali Rash" in far.explanation
    assert _find(report.findings, "time.long_delay", ("evidence", 3)).numbers["delay_days"] > 600


def test_villagers_photos_fit_the_claim(report) -> None:  # type: ignore[no-untyped-def]
    findings = report.findings
    assert (
        "400 m from Makhmour"
        in _find(findings, "place.photo_within_claim_place", ("evidence", 1)).explanation
    )
    _find(findings, "time.capture_within_claim", ("evidence", 1), ("claim", 2))
    # Photo 2 has no offset tag: its zone comes from the GPS position (Asia/Baghdad).
    within = _find(findings, "time.capture_within_claim", ("evidence", 2), ("claim", 2))
    assert "inferred from the GPS position" in within.explanation and "Asia/Baghdad" in within.explanation
    sun = _find(findings, "sun.position", ("evidence", 1))
    assert sun.numbers["light"] == "daylight" and sun.numbers["elevation_deg"] > 30
    assert not [f for f in findings if f.rule == "sun.photo_light_vs_claim"]  # "broad daylight" fits
    assert not [f for f in findings if f.rule == "devices.several_devices"]


def test_stripped_photo(report) -> None:  # type: ignore[no-untyped-def]
    findings = report.findings
    assert _find(findings, "editing.no_metadata", ("evidence", 4)).severity is Severity.INFO
    _find(findings, "place.no_gps", ("evidence", 4), ("claim", 2))
    _find(findings, "time.no_capture_time", ("evidence", 4), ("claim", 2))
    assert all(
        f.severity is Severity.INFO
        for f in findings
        if ("evidence", 4) in f.subjects and f.family != "recycling"
    )


def test_unmatched_place_name_suggests_the_gazetteer_spelling(report) -> None:  # type: ignore[no-untyped-def]
    unknown = _find(report.findings, "place.unknown_name", ("claim", 5))
    assert unknown.numbers["suggestions"] is not None and "Gali Manjalan" in unknown.explanation


def test_no_conflict_for_the_honest_records(report) -> None:  # type: ignore[no-untyped-def]
    conflicts = {(f.rule, f.subjects) for f in report.findings if f.severity is Severity.CONFLICT}
    assert all(("evidence", 3) in subjects for _, subjects in conflicts), conflicts


def test_run_all_is_deterministic_and_json_safe() -> None:
    first, second = run_all(_case()), run_all(_case())
    assert first == second
    families = [f.family for f in first]
    order = ["time", "place", "recycling", "editing", "devices", "sun", "claims", "corroboration"]
    assert families == sorted(families, key=order.index)
    import json

    json.dumps([f.to_dict() for f in first])
