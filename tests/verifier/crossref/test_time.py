"""Time rules: the capture instant in UTC from each zone basis, and each rule on both sides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.verifier.crossref.factory import MAKHMOUR, claim, claim_input, only, photo, rules
from verifier.crossref.findings import Severity
from verifier.crossref.time import ZoneBasis, capture_time, check_time
from verifier.domain import EvidenceRelation
from verifier.intake.summary import TimeZoneSource

LOCAL = datetime(2019, 3, 15, 14, 0)
MID_MARCH = "2019-03-11/2019-03-20"


def test_zone_from_offset_tag() -> None:
    capture = capture_time(photo(1, capture_local=LOCAL, capture_offset="+03:00"))
    assert capture is not None and capture.basis is ZoneBasis.OFFSET_TAG
    assert capture.exact and capture.earliest == datetime(2019, 3, 15, 11, 0, tzinfo=UTC)


def test_zone_from_gps_position_uses_the_offset_in_force_that_year() -> None:
    at_makhmour = {"gps_latitude": MAKHMOUR[0], "gps_longitude": MAKHMOUR[1]}
    capture = capture_time(photo(1, capture_local=LOCAL, **at_makhmour))
    assert capture is not None and capture.basis is ZoneBasis.GPS_POSITION
    assert capture.zone == "Asia/Baghdad" and capture.offset == "+03:00"
    assert capture.earliest == datetime(2019, 3, 15, 11, 0, tzinfo=UTC)
    # Iraq kept daylight saving time until 2007: +04:00 in July 2007, so 12:00 local was 08:00 UTC.
    summer_2007 = capture_time(photo(2, capture_local=datetime(2007, 7, 1, 12, 0), **at_makhmour))
    assert summer_2007 is not None and summer_2007.offset == "+04:00"
    assert summer_2007.earliest == datetime(2007, 7, 1, 8, 0, tzinfo=UTC)


def test_zone_from_gps_time_stamp_when_position_missing() -> None:
    capture = capture_time(
        photo(1, capture_local=LOCAL, capture_offset="+03:00", capture_tz_source=TimeZoneSource.GPS_TIME)
    )
    assert capture is not None and capture.basis is ZoneBasis.GPS_TIME
    assert capture.earliest == datetime(2019, 3, 15, 11, 0, tzinfo=UTC)


def test_unknown_zone_widens_to_every_offset_in_use() -> None:
    capture = capture_time(photo(1, capture_local=LOCAL))
    assert capture is not None and capture.basis is ZoneBasis.UNKNOWN
    assert capture.earliest == datetime(2019, 3, 15, 0, 0, tzinfo=UTC)  # UTC+14
    assert capture.latest == datetime(2019, 3, 16, 2, 0, tzinfo=UTC)  # UTC-12
    finding = only(check_time([photo(1, capture_local=LOCAL)]), "time.zone_unknown")
    assert "26 hours" in finding.explanation


def test_daylight_saving_fold_gives_a_range() -> None:
    new_york = {"gps_latitude": 40.7128, "gps_longitude": -74.0060}
    capture = capture_time(photo(1, capture_local=datetime(2019, 11, 3, 1, 30), **new_york))
    assert capture is not None and not capture.exact
    assert capture.uncertainty == timedelta(hours=1)


def test_injected_zone_lookup() -> None:
    capture = capture_time(
        photo(1, capture_local=LOCAL, gps_latitude=1.0, gps_longitude=1.0), lambda la, lo: "Asia/Tokyo"
    )
    assert capture is not None and capture.offset == "+09:00"


def test_no_capture_time() -> None:
    assert capture_time(photo(1)) is None


def _linked(relation: EvidenceRelation = EvidenceRelation.SUPPORTS) -> list:
    return [
        claim_input(
            claim(5, "Gunmen near Ali Rash", when=MID_MARCH, label="mid-March 2019"),
            evidence=((1, relation),),
        )
    ]


def test_capture_within_and_outside_claim() -> None:
    inside = check_time([photo(1, capture_local=LOCAL, capture_offset="+03:00")], _linked())
    assert "time.capture_within_claim" in rules(inside)
    old = check_time(
        [photo(1, capture_local=datetime(2017, 6, 10, 9, 0), capture_offset="+03:00")], _linked()
    )
    finding = only(old, "time.capture_outside_claim")
    assert finding.severity is Severity.CONFLICT and finding.numbers["before_claim"] is True
    assert "days before the period" in finding.explanation and "mid-March 2019" in finding.explanation
    assert finding.subjects == (("evidence", 1), ("claim", 5))


def test_capture_just_outside_is_a_warning_and_illustrative_is_information() -> None:
    # 05:00 +03:00 on 21 March is 02:00 UTC: 2 hours after the span ends (midnight UTC).
    late = photo(1, capture_local=datetime(2019, 3, 21, 5, 0), capture_offset="+03:00")
    finding = only(check_time([late], _linked()), "time.capture_outside_claim")
    assert finding.severity is Severity.WARNING and finding.numbers["gap_hours"] == 2.0
    illustrative = only(
        check_time([late], _linked(EvidenceRelation.ILLUSTRATIVE)), "time.capture_outside_claim"
    )
    assert illustrative.severity is Severity.INFO


def test_unknown_zone_comparisons_are_widened() -> None:
    edge = photo(1, capture_local=datetime(2019, 3, 11, 5, 0))  # could be 10 March in UTC
    assert "time.capture_uncertain" in rules(check_time([edge], _linked()))
    middle = photo(2, capture_local=datetime(2019, 3, 15, 12, 0))
    finding = only(
        check_time(
            [middle], [claim_input(claim(5, when=MID_MARCH), evidence=((2, EvidenceRelation.SUPPORTS),))]
        ),
        "time.capture_within_claim",
    )
    assert "even allowing for any time zone" in finding.explanation


def test_modified_after_capture() -> None:
    edited = photo(1, capture_local=LOCAL, modified_local=LOCAL + timedelta(days=9, hours=4))
    finding = only(check_time([edited]), "time.modified_after_capture")
    assert "9.2 days" in finding.explanation
    same = photo(1, capture_local=LOCAL, modified_local=LOCAL + timedelta(seconds=30))
    assert "time.modified_after_capture" not in rules(check_time([same]))


def test_capture_after_receipt_is_a_conflict_beyond_clock_drift() -> None:
    received = datetime(2019, 3, 15, 10, 0, tzinfo=UTC)
    later = photo(1, capture_local=datetime(2019, 3, 16, 13, 0), capture_offset="+03:00", received=received)
    assert only(check_time([later]), "time.capture_after_receipt").severity is Severity.CONFLICT
    drift = photo(1, capture_local=datetime(2019, 3, 15, 13, 5), capture_offset="+03:00", received=received)
    assert "time.capture_after_receipt" not in rules(check_time([drift]))


def test_long_delay_between_capture_and_receipt() -> None:
    received = datetime(2019, 4, 30, tzinfo=UTC)
    old = photo(1, capture_local=LOCAL, capture_offset="+03:00", received=received)
    finding = only(check_time([old]), "time.long_delay")
    assert finding.numbers["delay_days"] == 45.5 and "45 days" in finding.explanation
    fresh = photo(1, capture_local=LOCAL, capture_offset="+03:00", received=datetime(2019, 3, 25, tzinfo=UTC))
    assert "time.long_delay" not in rules(check_time([fresh]))


def test_zone_mismatch_between_offset_tag_and_position() -> None:
    where = {"gps_latitude": MAKHMOUR[0], "gps_longitude": MAKHMOUR[1]}
    odd = photo(1, capture_local=LOCAL, capture_offset="+04:00", **where)
    finding = only(check_time([odd]), "time.zone_mismatch")
    assert "Asia/Baghdad" in finding.explanation and finding.numbers["difference_hours"] == 1.0
    fine = photo(1, capture_local=LOCAL, capture_offset="+03:00", **where)
    assert "time.zone_mismatch" not in rules(check_time([fine]))


def test_missing_capture_time_on_a_supporting_photo() -> None:
    assert "time.no_capture_time" in rules(check_time([photo(1)], _linked()))
