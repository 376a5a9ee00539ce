"""Property tests of the photo summary: capture time, offsets and GPS from raw EXIF tags.

Whatever a camera (or a forger) wrote, the summary is either a value a user can trust in its
documented range, or no value and a warning; ``summarize`` never raises.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier.intake.metadata import json_default
from verifier.intake.summary import PhotoSummary, TimeZoneSource, summarize, summary_from_dict
from verifier.intake.tiff import Rational, RawTag

FAST = settings(max_examples=200, deadline=None)
ASCII, RATIONAL, BYTE = 2, 5, 1


def _tag(tag_id: int, type_id: int, value: object) -> RawTag:
    count = len(value) if isinstance(value, str | bytes | tuple) else 1
    return RawTag(tag_id, f"Tag0x{tag_id:04X}", type_id, count, value)  # type: ignore[arg-type]


def _groups(**groups: list[RawTag]) -> dict[str, dict[int, RawTag]]:
    return {name: {tag.tag: tag for tag in tags} for name, tags in groups.items()}


def _dms(value: float) -> tuple[Rational, Rational, Rational]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    hundredths = round(((value - degrees) * 60 - minutes) * 60 * 10_000)
    return Rational(degrees, 1), Rational(minutes, 1), Rational(hundredths, 10_000)


local_times = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
quarter_hours = st.integers(min_value=-14 * 4, max_value=14 * 4)
rationals = st.builds(Rational, st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
texts = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A[0-9]{4}:[0-9]{2}:[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\Z"),
    st.from_regex(r"\A[+-][0-9]{2}:[0-9]{2}\Z"),
)


def _offset_text(quarters: int) -> str:
    minutes = quarters * 15
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@FAST
@given(local_times, quarter_hours)
@example(datetime(1, 1, 1), 12)  # an instant before year 1 in UTC
@example(datetime(9999, 12, 31, 23, 0), -20)  # an instant after 9999 in UTC
def test_capture_time_with_offset_tag_is_the_same_instant(local: datetime, quarters: int) -> None:
    offset = _offset_text(quarters)
    stamp = local.strftime("%Y:%m:%d %H:%M:%S").rjust(19, "0")
    summary = summarize(
        _groups(ExifIFD=[_tag(0x9003, ASCII, stamp), _tag(0x9011, ASCII, offset)]), {}, exif_present=True
    )
    assert summary.capture_local == local.replace(microsecond=0)
    assert summary.capture_offset == offset
    assert summary.capture_tz_source is TimeZoneSource.OFFSET_TAG
    try:
        expected: datetime | None = (local.replace(microsecond=0) - timedelta(minutes=quarters * 15)).replace(
            tzinfo=UTC
        )
    except OverflowError:
        expected = None
    assert summary.capture_utc == expected
    if expected is None:
        assert any("outside" in w for w in summary.warnings), summary.warnings


@FAST
@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
    quarter_hours,
    st.integers(min_value=-110, max_value=110),
)
def test_a_gps_stamp_a_whole_zone_away_gives_the_offset(gps: datetime, quarters: int, jitter_s: int) -> None:
    gps = gps.replace(microsecond=0)
    local = gps + timedelta(minutes=15 * quarters, seconds=jitter_s)
    hms = (Rational(gps.hour, 1), Rational(gps.minute, 1), Rational(gps.second, 1))
    summary = summarize(
        _groups(
            ExifIFD=[_tag(0x9003, ASCII, local.strftime("%Y:%m:%d %H:%M:%S"))],
            GPS=[_tag(29, ASCII, gps.strftime("%Y:%m:%d")), _tag(7, RATIONAL, hms)],
        ),
        {},
        exif_present=True,
    )
    assert summary.gps_utc == gps.replace(tzinfo=UTC)
    assert summary.capture_tz_source is TimeZoneSource.GPS_TIME
    assert summary.capture_offset == _offset_text(quarters)
    assert summary.capture_utc == (local - timedelta(minutes=15 * quarters)).replace(tzinfo=UTC)


@FAST
@given(
    st.floats(min_value=0, max_value=90),
    st.floats(min_value=0, max_value=180),
    st.sampled_from("NSns"),
    st.sampled_from("EWew"),
)
def test_gps_is_signed_by_its_hemisphere(lat: float, lon: float, lat_ref: str, lon_ref: str) -> None:
    summary = summarize(
        _groups(
            GPS=[
                _tag(1, ASCII, lat_ref),
                _tag(2, RATIONAL, _dms(lat)),
                _tag(3, ASCII, lon_ref),
                _tag(4, RATIONAL, _dms(lon)),
            ]
        ),
        {},
        exif_present=True,
    )
    assert summary.gps_latitude is not None and summary.gps_longitude is not None
    assert math.isclose(abs(summary.gps_latitude), lat, abs_tol=1e-6)
    assert math.isclose(abs(summary.gps_longitude), lon, abs_tol=1e-6)
    assert (summary.gps_latitude < 0) == (lat_ref in "Ss" and summary.gps_latitude != 0)
    assert (summary.gps_longitude < 0) == (lon_ref in "Ww" and summary.gps_longitude != 0)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(rationals, min_size=0, max_size=4).map(tuple),
    st.lists(rationals, min_size=0, max_size=4).map(tuple),
    st.lists(rationals, min_size=0, max_size=4).map(tuple),
    st.lists(rationals, min_size=0, max_size=2).map(tuple),
    texts,
    texts,
    st.one_of(st.none(), st.integers(0, 255)),
)
def test_any_gps_values_are_in_range_or_left_out(
    lat: tuple[Rational, ...],
    lon: tuple[Rational, ...],
    time: tuple[Rational, ...],
    alt: tuple[Rational, ...],
    lat_ref: str,
    date: str,
    alt_ref: int | None,
) -> None:
    gps = [
        _tag(1, ASCII, lat_ref),
        _tag(2, RATIONAL, lat),
        _tag(3, ASCII, "W"),
        _tag(4, RATIONAL, lon),
        _tag(6, RATIONAL, alt),
        _tag(7, RATIONAL, time),
        _tag(29, ASCII, date),
        _tag(17, RATIONAL, alt),
        _tag(31, RATIONAL, alt),
    ]
    if alt_ref is not None:
        gps.append(_tag(5, BYTE, bytes([alt_ref])))
    summary = summarize(_groups(GPS=gps), {}, exif_present=True)
    assert summary.gps_latitude is None or -90 <= summary.gps_latitude <= 90
    assert summary.gps_longitude is None or -180 <= summary.gps_longitude <= 0
    assert summary.gps_altitude is None or -12000 <= summary.gps_altitude <= 100000
    assert summary.gps_img_direction is None or 0 <= summary.gps_img_direction <= 360
    assert summary.gps_h_positioning_error is None or summary.gps_h_positioning_error >= 0
    assert summary.gps_utc is None or summary.gps_utc.tzinfo is UTC
    _assert_round_trip(summary)


@settings(max_examples=400, deadline=None)
@given(texts, texts, texts, texts, st.lists(rationals, max_size=3).map(tuple), texts)
@example("2019:03:29 10:30:00", "²", "+03:00", "", (), "")  # a superscript is not a digit of a fraction
@example("0001:01:01 00:00:00", "", "+14:00", "", (), "")
@example(
    "2019:03:29 10:30:00", "", "+\u0660\u0663:\u0660\u0660", "", (), ""
)  # Arabic-Indic digits in the offset
def test_any_time_tags_give_a_consistent_time_or_none(
    original: str, subsec: str, offset: str, gps_date: str, gps_time: tuple[Rational, ...], modified: str
) -> None:
    summary = summarize(
        _groups(
            IFD0=[_tag(0x0132, ASCII, modified)],
            ExifIFD=[
                _tag(0x9003, ASCII, original),
                _tag(0x9291, ASCII, subsec),
                _tag(0x9011, ASCII, offset),
                _tag(0x9010, ASCII, offset),
            ],
            GPS=[_tag(29, ASCII, gps_date), _tag(7, RATIONAL, gps_time)],
        ),
        {},
        exif_present=True,
    )
    for offset_text in (summary.capture_offset, summary.modified_offset):
        if offset_text is not None:
            assert re.fullmatch(r"[+-](0\d|1[0-4]):[0-5]\d", offset_text, flags=re.ASCII), offset_text
    if summary.capture_utc is not None:
        assert summary.capture_local is not None and summary.capture_offset is not None
        assert summary.capture_utc.tzinfo is UTC
        sign = -1 if summary.capture_offset[0] == "-" else 1
        shift = timedelta(hours=int(summary.capture_offset[1:3]), minutes=int(summary.capture_offset[4:6]))
        assert summary.capture_utc.replace(tzinfo=None) == summary.capture_local - sign * shift
    if summary.capture_tz_source is TimeZoneSource.UNKNOWN:
        assert summary.capture_utc is None
    _assert_round_trip(summary)


def _assert_round_trip(summary: PhotoSummary) -> None:
    """What is stored (JSON) must load back as the same summary."""
    stored = json.loads(json.dumps(summary, default=json_default))
    assert summary_from_dict(stored) == summary
