"""The solar position against published values, and the day/night rules on both sides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.verifier.crossref.factory import MAKHMOUR, claim, claim_input, only, photo, place, rules
from verifier.crossref.findings import Severity
from verifier.crossref.sun import Light, check_sun, claim_says, light_over, sun_position
from verifier.domain import EvidenceRelation, PlacePrecision


def test_nrel_spa_reference_example() -> None:
    # Reda & Andreas, "Solar Position Algorithm for Solar Radiation Applications" (NREL/TP-560-34302,
    # 2003/2008), Table A4.1: 17 October 2003, 12:30:30 local time (UTC-7), 39.742476 N,
    # 105.1786 W: topocentric zenith angle 50.11162 degrees, azimuth 194.34024 degrees.
    moment = datetime(2003, 10, 17, 12, 30, 30, tzinfo=timezone(timedelta(hours=-7)))
    sun = sun_position(moment, 39.742476, -105.1786)
    assert 90 - sun.elevation == pytest.approx(50.11162, abs=0.05)
    assert sun.azimuth == pytest.approx(194.34024, abs=0.05)


def test_solstice_noon_at_greenwich() -> None:
    # The sun's declination at the June 2019 solstice is +23.437 degrees (Astronomical Almanac), so
    # its highest elevation at the Royal Observatory (51.4769 N) is 90 - 51.4769 + 23.437 = 61.960,
    # plus 0.01 degree of refraction.
    noon = datetime(2019, 6, 21, 11, 50, tzinfo=UTC)
    highest = max(sun_position(noon + timedelta(minutes=m), 51.4769, -0.0005).elevation for m in range(25))
    assert highest == pytest.approx(61.97, abs=0.03)


def test_equinox_sunrise_is_due_east_at_the_equator() -> None:
    # At the March equinox the sun rises due east everywhere. At 0 N 0 E, with the equation of time
    # at -7.5 minutes (solar noon 12:07:30 UTC) and sunrise defined at -0.833 degree (3.3 minutes
    # before the centre crosses the horizon at the equator), sunrise falls at about 06:04 UTC.
    start = datetime(2019, 3, 20, 5, 50, tzinfo=UTC)
    sunrise = next(
        start + timedelta(seconds=s)
        for s in range(0, 1800, 10)
        if sun_position(start + timedelta(seconds=s), 0.0, 0.0).geometric_elevation > -0.833
    )
    assert abs(sunrise - datetime(2019, 3, 20, 6, 4, tzinfo=UTC)) <= timedelta(minutes=2)
    assert sun_position(sunrise, 0.0, 0.0).azimuth == pytest.approx(90.0, abs=0.3)


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        sun_position(datetime(2019, 3, 20, 6, 4), 0.0, 0.0)


def test_light_at_makhmour() -> None:
    day = datetime(2019, 3, 29, 9, 0, tzinfo=UTC)  # noon local
    night = datetime(2019, 3, 29, 21, 0, tzinfo=UTC)  # midnight local
    assert sun_position(day, *MAKHMOUR).light is Light.DAYLIGHT
    assert sun_position(night, *MAKHMOUR).light is Light.DARKNESS
    dusk = light_over(
        datetime(2019, 3, 29, 14, 0, tzinfo=UTC), datetime(2019, 3, 29, 17, 0, tzinfo=UTC), *MAKHMOUR
    )
    assert dusk is not None and dusk.uniform is None
    long_span = light_over(day, day + timedelta(days=4), *MAKHMOUR)
    assert long_span is None


@settings(max_examples=25, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2025, 1, 1)),
    hours=st.floats(0, 30),
    latitude=st.floats(-60, 60),
    longitude=st.floats(-180, 180),
)
def test_adaptive_scan_misses_no_change_of_light(
    start: datetime, hours: float, latitude: float, longitude: float
) -> None:
    begin = start.replace(tzinfo=UTC)
    end = begin + timedelta(hours=hours)
    span = light_over(begin, end, latitude, longitude)
    assert span is not None
    dense = {
        sun_position(min(begin + timedelta(minutes=m), end), latitude, longitude).light
        for m in range(0, int(hours * 60) + 2, 2)
    }
    if span.uniform is not None:
        assert dense == {span.uniform}
    else:
        assert len(dense) > 1 or len(span.kinds) > 1


def test_claim_words() -> None:
    assert claim_says(claim_input(claim(1, "They came at night and took him"))) is Light.DARKNESS
    assert claim_says(claim_input(claim(1, "Gunmen walked around in broad daylight"))) is Light.DAYLIGHT
    assert (
        claim_says(claim_input(claim(1, "They came by day and left at night", event_type="daylight raid")))
        is None
    )
    assert claim_says(claim_input(claim(1, "Fighters in the hills"))) is None


AREA = place(1, "Makhmour", MAKHMOUR, PlacePrecision.LOCALITY)
AT_MAKHMOUR = {"gps_latitude": MAKHMOUR[0], "gps_longitude": MAKHMOUR[1]}


def test_position_finding_gives_elevation_azimuth_and_shadows() -> None:
    taken = photo(1, capture_local=datetime(2019, 2, 21, 13, 0), capture_offset="+03:00", **AT_MAKHMOUR)
    finding = only(check_sun([taken]), "sun.position")
    assert finding.severity is Severity.INFO
    assert 35 < finding.numbers["elevation_deg"] < 50 and 170 < finding.numbers["azimuth_deg"] < 220
    assert "Shadows should point" in finding.explanation
    dark = photo(2, capture_local=datetime(2019, 2, 21, 23, 0), capture_offset="+03:00", **AT_MAKHMOUR)
    assert "no sun shadows" in only(check_sun([dark]), "sun.position").explanation


def test_photo_without_gps_is_placed_where_the_claim_says() -> None:
    taken = photo(1, capture_local=datetime(2019, 2, 21, 13, 0))
    linked = claim_input(claim(5, where=AREA), AREA, evidence=((1, EvidenceRelation.SUPPORTS),))
    finding = only(check_sun([taken], [linked]), "sun.position")
    assert "if it was taken at Makhmour" in finding.explanation and "Asia/Baghdad" in finding.explanation
    assert finding.numbers["assumed_place"] is True
    assert rules(check_sun([taken])) == []  # no GPS, no claim, unknown zone: nothing to say


def _night_claim(photo_id: int) -> list:
    night = claim(5, "They crossed the plain at night", when="2019-03-29", where=AREA)
    return [claim_input(night, AREA, evidence=((photo_id, EvidenceRelation.SUPPORTS),))]


def test_daylight_photo_against_a_night_claim() -> None:
    noon = photo(1, capture_local=datetime(2019, 3, 29, 12, 0), capture_offset="+03:00", **AT_MAKHMOUR)
    finding = only(check_sun([noon], _night_claim(1)), "sun.photo_light_vs_claim")
    assert finding.severity is Severity.WARNING and finding.numbers["photo_light"] == "daylight"
    midnight = photo(1, capture_local=datetime(2019, 3, 29, 23, 30), capture_offset="+03:00", **AT_MAKHMOUR)
    assert "sun.photo_light_vs_claim" not in rules(check_sun([midnight], _night_claim(1)))


def test_claim_interval_against_its_own_words() -> None:
    morning = claim(
        6, "Shots heard at night", when="2019-03-29T08:00+03:00/2019-03-29T11:00+03:00", where=AREA
    )
    finding = only(check_sun([], [claim_input(morning, AREA)]), "sun.claim_light_vs_words")
    assert finding.numbers["interval_light"] == "daylight"
    whole_day = claim(7, "Shots heard at night", when="2019-03-29", where=AREA)  # holds night too
    assert rules(check_sun([], [claim_input(whole_day, AREA)])) == []
    day_claim = claim(
        8, "Seen in broad daylight", when="2019-03-29T22:00+03:00/2019-03-29T23:00+03:00", where=AREA
    )
    assert (
        only(check_sun([], [claim_input(day_claim, AREA)]), "sun.claim_light_vs_words").numbers[
            "interval_light"
        ]
        == "darkness"
    )
