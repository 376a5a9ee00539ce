"""Property tests of the value types: offsets, intervals and points.

Invariants a user relies on without thinking about them: a time they typed comes back as the
same instant, a span never ends before it starts, an offset is never beyond +-14:00, a point
is always on the globe, and anything else is refused with ``InvalidInput``, never a crash.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from verifier.domain import GeoPoint, Interval, TimePrecision, parse_interval, parse_offset
from verifier.errors import InvalidInput

FAST = settings(max_examples=150, deadline=None)
MAX_OFFSET = timedelta(hours=14)
HALF_MERIDIAN_M = 20_003_931.5  # WGS84: the longest geodesic runs pole to pole

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))


def _offset_text(minutes: int, *, colon: bool = True, prefix: str = "") -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{prefix}{sign}{hours:02d}{':' if colon else ''}{rest:02d}"


# ------------------------------------------------------------------------------------------- offsets
@FAST
@given(
    st.integers(min_value=-14 * 60, max_value=14 * 60),
    st.booleans(),
    st.sampled_from(["", "UTC", "utc", " UTC"]),
)
def test_an_offset_reads_back_as_the_same_number_of_minutes(minutes: int, colon: bool, prefix: str) -> None:
    zone = parse_offset(_offset_text(minutes, colon=colon, prefix=prefix))
    assert zone.utcoffset(None) == timedelta(minutes=minutes)


@FAST
@given(st.integers(min_value=0, max_value=14), st.sampled_from("+-"))
def test_whole_hours_may_be_written_without_minutes(hours: int, sign: str) -> None:
    zone = parse_offset(f"{sign}{hours}")
    assert zone.utcoffset(None) == timedelta(hours=hours) * (-1 if sign == "-" else 1)


@FAST
@given(st.integers(min_value=14 * 60 + 1, max_value=99 * 60 + 59))
def test_offsets_beyond_fourteen_hours_are_refused(minutes: int) -> None:
    for sign in (1, -1):
        with pytest.raises(InvalidInput, match="beyond the largest UTC offset"):
            parse_offset(_offset_text(sign * minutes))


@FAST
@given(st.integers(min_value=0, max_value=13), st.integers(min_value=60, max_value=99))
def test_minutes_past_59_are_refused(hours: int, minutes: int) -> None:
    # "+03:75" is a typo, not 4:15 ahead of UTC.
    with pytest.raises(InvalidInput, match="UTC offset"):
        parse_offset(f"+{hours:02d}:{minutes:02d}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
@example("Z")
@example("+14:00")
@example("+\u0660\u0663:\u0660\u0660")
def test_any_text_is_an_offset_within_14_hours_or_invalid_input(text: str) -> None:
    try:
        zone = parse_offset(text)
    except InvalidInput as exc:
        assert str(exc)  # the message says what was wrong
        return
    offset = zone.utcoffset(None)
    assert offset is not None and abs(offset) <= MAX_OFFSET


# ----------------------------------------------------------------------------------------- intervals
@FAST
@given(moments, offsets)
def test_a_written_moment_reads_back_as_the_same_instant(moment: datetime, zone: timezone) -> None:
    local = moment.astimezone(zone)
    interval = parse_interval(local.isoformat())
    assert interval.start == moment
    assert interval.start.tzinfo is UTC and interval.end.tzinfo is UTC
    assert interval.contains(moment)
    expected = {
        TimePrecision.HOUR: timedelta(hours=1),
        TimePrecision.MINUTE: timedelta(minutes=1) if not local.second else timedelta(seconds=1),
    }
    assert interval.duration == expected[interval.precision]


@FAST
@given(moments, offsets)
def test_a_moment_without_offset_is_read_in_the_given_zone(moment: datetime, zone: timezone) -> None:
    local = moment.astimezone(zone).replace(tzinfo=None)
    assert parse_interval(local.isoformat(), zone).start == moment


@FAST
@given(st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2100, 12, 30).date()), offsets)
def test_a_day_covers_24_hours_from_local_midnight(day: object, zone: timezone) -> None:
    interval = parse_interval(str(day), zone)
    assert interval.precision is TimePrecision.DAY
    assert interval.duration == timedelta(days=1)
    assert interval.start.astimezone(zone).time() == datetime.min.time()
    assert interval.start.astimezone(zone).date() == day


@FAST
@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12), offsets)
def test_a_month_covers_exactly_its_days(year: int, month: int, zone: timezone) -> None:
    interval = parse_interval(f"{year:04d}-{month:02d}", zone)
    first = datetime(year, month, 1, tzinfo=zone)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    assert (interval.start, interval.end) == (first, after)
    assert interval.precision is TimePrecision.MONTH


@FAST
@given(st.integers(min_value=1900, max_value=2100), offsets)
def test_a_year_has_365_or_366_days(year: int, zone: timezone) -> None:
    interval = parse_interval(str(year), zone)
    assert interval.duration.days == (366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365)


@FAST
@given(moments, moments, offsets)
def test_a_span_runs_from_its_first_start_to_its_last_end(a: datetime, b: datetime, zone: timezone) -> None:
    first, last = sorted((a, b))
    text = f"{first.astimezone(zone).date()}/{last.astimezone(zone).date()}"
    interval = parse_interval(text, zone)
    assert interval.start == parse_interval(str(first.astimezone(zone).date()), zone).start
    assert interval.end == parse_interval(str(last.astimezone(zone).date()), zone).end
    assert interval.precision is TimePrecision.DAYS
    assert interval.start < interval.end
    with_gap = interval.end - interval.start
    assert with_gap >= timedelta(days=1)


@FAST
@given(moments, moments)
def test_a_span_written_backwards_is_refused(a: datetime, b: datetime) -> None:
    assume(a.date() != b.date())
    early, late = sorted((a, b))
    with pytest.raises(InvalidInput, match="ends before it starts"):
        parse_interval(f"{late.date()}/{early.date()}")


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,2}(-[0-9]{1,2}(T[0-9]{1,2}(:[0-9]{2})?)?)?)?\Z"),
        st.from_regex(r"\A[0-9]{4}-[0-9]{2}(-[0-9]{2})?/[0-9]{4}(-[0-9]{2})?\Z"),
    ),
    offsets,
)
@example("0001-01-01", timezone(timedelta(hours=3)))
@example("9999-12-31", UTC)
@example("9999-12", UTC)
@example("9999-12-31T23:30", UTC)
@example("0001-01-01T00:30", timezone(timedelta(hours=1)))
@example("2019-02-29", UTC)
@example("2019-13", UTC)
@example("/", UTC)
def test_any_text_is_an_interval_or_invalid_input(text: str, zone: timezone) -> None:
    try:
        interval = parse_interval(text, zone)
    except InvalidInput as exc:
        assert str(exc)
        return
    assert interval.start.tzinfo is UTC and interval.end.tzinfo is UTC
    assert interval.start < interval.end
    assert interval.label == text.strip()


intervals = st.tuples(moments, st.integers(min_value=1, max_value=10**8)).map(
    lambda pair: Interval(pair[0], pair[0] + timedelta(seconds=pair[1]), TimePrecision.APPROXIMATE)
)


@FAST
@given(intervals, intervals)
def test_overlap_and_gap_agree_and_are_symmetric(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.gap_to(b) == b.gap_to(a) >= timedelta(0)
    if a.overlaps(b):
        assert a.gap_to(b) == timedelta(0)
    else:
        assert a.gap_to(b) == max(a.start, b.start) - min(a.end, b.end)
    assert a.contains(a.start) and not a.contains(a.end)


@FAST
@given(intervals)
def test_an_interval_survives_its_json_form(interval: Interval) -> None:
    data = interval.to_json()
    back = Interval(
        datetime.fromisoformat(data["start"]),
        datetime.fromisoformat(data["end"]),
        TimePrecision(data["precision"]),
        data["label"],
    )
    assert back == interval


@FAST
@given(moments, st.integers(min_value=0, max_value=10**6))
def test_an_interval_ending_at_or_before_its_start_is_refused(start: datetime, back: int) -> None:
    with pytest.raises(InvalidInput, match="before or when it starts"):
        Interval(start, start - timedelta(seconds=back), TimePrecision.DAY)
    with pytest.raises(InvalidInput, match="time zones"):
        Interval(start.replace(tzinfo=None), start + timedelta(days=1), TimePrecision.DAY)


# -------------------------------------------------------------------------------------------- points
latitudes = st.floats(min_value=-90, max_value=90)
longitudes = st.floats(min_value=-180, max_value=180)


@FAST
@given(latitudes, longitudes, latitudes, longitudes)
def test_distances_are_symmetric_and_bounded(lat1: float, lon1: float, lat2: float, lon2: float) -> None:
    a, b = GeoPoint(lat1, lon1), GeoPoint(lat2, lon2)
    there, back = a.distance_m(b), b.distance_m(a)
    assert math.isclose(there, back, rel_tol=1e-9, abs_tol=1e-3)
    assert 0.0 <= there <= HALF_MERIDIAN_M + 1
    assert a.distance_m(a) == pytest.approx(0.0, abs=1e-6)


@FAST
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True))
def test_a_point_is_on_the_globe_or_invalid_input(latitude: float, longitude: float) -> None:
    on_globe = -90 <= latitude <= 90 and -180 <= longitude <= 180  # False for NaN
    if on_globe:
        point = GeoPoint(latitude, longitude)
        assert (point.latitude, point.longitude) == (latitude, longitude)
    else:
        with pytest.raises(InvalidInput, match=r"(Latitude|Longitude) .* out of range"):
            GeoPoint(latitude, longitude)
