"""Values with uncertainty: intervals, quantities, points, grades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from verifier.domain import (
    GeoPoint,
    Interval,
    Quantity,
    TimePrecision,
    parse_interval,
    parse_offset,
    parse_quantity,
)
from verifier.errors import InvalidInput

ERBIL = parse_offset("+03:00")


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        (
            "2019-03-29",
            datetime(2019, 3, 28, 21, tzinfo=UTC),
            datetime(2019, 3, 29, 21, tzinfo=UTC),
            TimePrecision.DAY,
        ),
        (
            "2019-03",
            datetime(2019, 2, 28, 21, tzinfo=UTC),
            datetime(2019, 3, 31, 21, tzinfo=UTC),
            TimePrecision.MONTH,
        ),
        (
            "2019",
            datetime(2018, 12, 31, 21, tzinfo=UTC),
            datetime(2019, 12, 31, 21, tzinfo=UTC),
            TimePrecision.YEAR,
        ),
        (
            "2019-03-11/2019-03-20",
            datetime(2019, 3, 10, 21, tzinfo=UTC),
            datetime(2019, 3, 20, 21, tzinfo=UTC),
            TimePrecision.DAYS,
        ),
        (
            "2019-03-29T10:30",
            datetime(2019, 3, 29, 7, 30, tzinfo=UTC),
            datetime(2019, 3, 29, 7, 31, tzinfo=UTC),
            TimePrecision.MINUTE,
        ),
        (
            "2019-03-29T10:00Z",
            datetime(2019, 3, 29, 10, tzinfo=UTC),
            datetime(2019, 3, 29, 11, tzinfo=UTC),
            TimePrecision.HOUR,
        ),
    ],
)
def test_written_times_become_intervals_in_utc(
    text: str, start: datetime, end: datetime, precision: TimePrecision
) -> None:
    interval = parse_interval(text, ERBIL)
    assert (interval.start, interval.end, interval.precision) == (start, end, precision)


def test_mid_march_is_an_interval_that_contains_and_excludes() -> None:
    mid_march = parse_interval("2019-03-11/2019-03-20", ERBIL, "mid-March 2019")
    assert mid_march.label == "mid-March 2019" and mid_march.duration == timedelta(days=10)
    assert mid_march.contains(datetime(2019, 3, 15, 12, tzinfo=UTC))
    assert not mid_march.contains(datetime(2019, 3, 29, 9, tzinfo=UTC))
    march_29 = parse_interval("2019-03-29", ERBIL)
    assert not mid_march.overlaps(march_29) and mid_march.gap_to(march_29) == timedelta(days=8)
    assert parse_interval("2019-03", ERBIL).overlaps(march_29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-03-20/2019-03-11", "ends before it starts"),
        ("2019-02-30", "not a calendar date"),
        ("2019-13", "month 13 does not exist"),
        ("last spring", "is not a date or time"),
        ("", "empty"),
    ],
)
def test_bad_times_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_interval(text, ERBIL)


def test_interval_end_before_start_is_refused() -> None:
    with pytest.raises(InvalidInput, match="ends"):
        Interval(datetime(2019, 3, 2, tzinfo=UTC), datetime(2019, 3, 1, tzinfo=UTC), TimePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50-150 fighters, with their families", Quantity(50, 150, "fighters", "with their families")),
        ("50 to 150 fighters (and their families)", Quantity(50, 150, "fighters", "and their families")),
        ("6 killed", Quantity(6, 6, "killed")),
        ("at least 31 injured", Quantity(31, None, "injured")),
        ("up to 200 people", Quantity(None, 200, "people")),
    ],
)
def test_quantities_as_stated(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_quantity_ranges() -> None:
    assert parse_quantity("50-150 fighters").describe() == "50 to 150 fighters"
    assert parse_quantity("50-150 fighters").overlaps(parse_quantity("at least 100 fighters"))
    assert not parse_quantity("50-150 fighters").overlaps(parse_quantity("up to 20 fighters"))
    with pytest.raises(InvalidInput, match=r"minimum \(150\) is above its maximum \(50\)"):
        parse_quantity("150-50 fighters")
    with pytest.raises(InvalidInput, match="is not a quantity"):
        parse_quantity("many fighters")


def test_geodesic_distance_and_ranges() -> None:
    makhmour, kirkuk_south = GeoPoint(35.7763, 43.5798), GeoPoint(35.2301, 44.2011)
    assert makhmour.distance_m(kirkuk_south) == pytest.approx(82_763, abs=5)
    with pytest.raises(InvalidInput, match="Latitude 91"):
        GeoPoint(91, 0)
