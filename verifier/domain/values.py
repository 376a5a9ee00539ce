"""Value types with uncertainty: time intervals with precision, quantity ranges, grades.

Field reports are vague in structured ways: "mid-March 2019" is an interval, not a date;
"50 to 150 fighters" is a range with a unit and a qualifier. These types keep that vagueness
explicit so the cross-reference rules can reason about overlap instead of false precision.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import StrEnum

from verifier.errors import InvalidInput


class TimePrecision(StrEnum):
    """How precisely a moment is known; an interval's bounds follow from it."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    DAYS = "days"  # a span of days: "between 10 and 20 March", "mid-March"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"  # a span given by the user without a calendar unit


@dataclass(frozen=True)
class Interval:
    """A span of time [start, end) in UTC, with the precision it was stated with.

    Attributes:
        start: first instant (aware, UTC).
        end: first instant after the span (aware, UTC); ``end > start``.
        precision: how the span was stated.
        label: the wording it came from ("mid-March 2019"), for display; may be empty.
    """

    start: datetime
    end: datetime
    precision: TimePrecision
    label: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise InvalidInput("An interval needs time zones on both ends.")
        if self.end <= self.start:
            raise InvalidInput(
                f"The interval ends ({self.end.isoformat()}) before or when it starts "
                f"({self.start.isoformat()})."
            )

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def gap_to(self, other: Interval) -> timedelta:
        """Zero when the intervals overlap, else the time between them."""
        if self.overlaps(other):
            return timedelta(0)
        return other.start - self.end if self.end <= other.start else self.start - other.end

    def to_json(self) -> dict[str, str]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision.value,
            "label": self.label,
        }


_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_OFFSET_RE = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


def parse_offset(text: str) -> tzinfo:
    """'+03:00', '+3', 'UTC+03:00', 'Z' or 'UTC' as a fixed-offset zone."""
    cleaned = text.strip().upper()
    if cleaned in ("Z", "UTC"):
        return UTC
    match = _OFFSET_RE.match(cleaned)
    if not match:
        raise InvalidInput(f"'{text}' is not a UTC offset (e.g. +03:00).")
    sign, hours, minutes = match.groups()
    if int(minutes or 0) >= 60:
        raise InvalidInput(f"'{text}' is not a UTC offset: its minutes ({minutes}) must be below 60.")
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > timedelta(hours=14):
        raise InvalidInput(f"'{text}' is beyond the largest UTC offset (+14:00).")
    return timezone(-delta if sign == "-" else delta)


def _local(year: int, month: int, day: int, zone: tzinfo) -> datetime:
    try:
        return datetime(year, month, day, tzinfo=zone)
    except ValueError as exc:
        raise InvalidInput(f"{year:04d}-{month:02d}-{day:02d} is not a calendar date ({exc}).") from None


def _parse_point(text: str, zone: tzinfo) -> tuple[datetime, datetime, TimePrecision]:
    """One written date or time as the span it covers."""
    if match := _DAY_RE.match(text):
        year, month, day = map(int, match.groups())
        start = _local(year, month, day, zone)
        return start, start + timedelta(days=1), TimePrecision.DAY
    if match := _MONTH_RE.match(text):
        year, month = map(int, match.groups())
        if not 1 <= month <= 12:
            raise InvalidInput(f"'{text}': month {month} does not exist.")
        start = _local(year, month, 1, zone)
        return start, start + timedelta(days=calendar.monthrange(year, month)[1]), TimePrecision.MONTH
    if match := _YEAR_RE.match(text):
        year = int(match.group(1))
        return _local(year, 1, 1, zone), _local(year + 1, 1, 1, zone), TimePrecision.YEAR
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date or time: use 2019-03-29, 2019-03, 2019, 2019-03-29T10:30, "
            "or a span like 2019-03-11/2019-03-20."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment.second or moment.microsecond:
        return moment, moment + timedelta(seconds=1), TimePrecision.MINUTE
    if moment.minute:
        return moment, moment + timedelta(minutes=1), TimePrecision.MINUTE
    return moment, moment + timedelta(hours=1), TimePrecision.HOUR


def parse_interval(text: str, zone: tzinfo = UTC, label: str = "") -> Interval:
    """Read a written time as an interval in UTC.

    Accepted: a day (2019-03-29), a month (2019-03), a year (2019), a time (2019-03-29T10:30,
    with or without offset), or a span ``A/B`` of any of those (B included: 2019-03-11/2019-03-20
    covers ten whole days). Dates without an offset are read in ``zone`` (the local zone of the
    place, usually), then converted to UTC.

    Raises:
        InvalidInput: the text is not one of these forms, or the span ends before it starts.
    """
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput("The time is empty.")
    try:
        return _parse_interval(cleaned, zone, label)
    except OverflowError:
        # Year 1 or 9999 shifted by the zone or by the span's length leaves datetime's range.
        raise InvalidInput(
            f"'{cleaned}' is outside the range of dates the app handles (years 1-9999)."
        ) from None


def _parse_interval(cleaned: str, zone: tzinfo, label: str) -> Interval:
    if "/" in cleaned:
        first, _, last = cleaned.partition("/")
        start, _, first_precision = _parse_point(first.strip(), zone)
        _, end, _ = _parse_point(last.strip(), zone)
        precision = TimePrecision.DAYS if first_precision is TimePrecision.DAY else TimePrecision.APPROXIMATE
        if end <= start:
            raise InvalidInput(f"The span '{cleaned}' ends before it starts.")
        return Interval(start.astimezone(UTC), end.astimezone(UTC), precision, label or cleaned)
    start, end, precision = _parse_point(cleaned, zone)
    return Interval(start.astimezone(UTC), end.astimezone(UTC), precision, label or cleaned)


@dataclass(frozen=True)
class Quantity:
    """A counted amount with its uncertainty: "50 to 150 fighters, and their families".

    Either bound may be missing ("at least 7", "up to 31"); an exact count has min == max.
    """

    minimum: float | None
    maximum: float | None
    unit: str
    qualifier: str = ""

    def __post_init__(self) -> None:
        for name, value in (("minimum", self.minimum), ("maximum", self.maximum)):
            if value is not None and (not math.isfinite(value) or value < 0):
                raise InvalidInput(
                    f"The {name} of a quantity must be a finite number of zero or more, not {value}."
                )
        if self.minimum is None and self.maximum is None:
            raise InvalidInput("A quantity needs a minimum, a maximum, or both.")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidInput(
                f"The quantity's minimum ({self.minimum:g}) is above its maximum ({self.maximum:g})."
            )
        if not self.unit.strip():
            raise InvalidInput("A quantity needs a unit (what is counted: fighters, killed, injured...).")

    def overlaps(self, other: Quantity) -> bool:
        """Whether two ranges can describe the same count (missing bounds are open)."""
        low = max(self.minimum or 0.0, other.minimum or 0.0)
        high = min(
            self.maximum if self.maximum is not None else math.inf,
            other.maximum if other.maximum is not None else math.inf,
        )
        return low <= high

    def describe(self) -> str:
        def number(value: float) -> str:
            return f"{value:g}"

        if self.minimum is not None and self.maximum is not None:
            amount = (
                number(self.minimum)
                if self.minimum == self.maximum
                else f"{number(self.minimum)} to {number(self.maximum)}"
            )
        elif self.minimum is not None:
            amount = f"at least {number(self.minimum)}"
        else:
            amount = f"up to {number(self.maximum or 0)}"
        return " ".join(part for part in (amount, self.unit, self.qualifier) if part)


_NUMBER = r"\d+(?:\.\d+)?"
_QUANTITY_RE = re.compile(
    rf"""^\s*(?:
        (?P<low>{_NUMBER})\s*(?:-|\u2013|to|\.\.)\s*(?P<high>{_NUMBER})   # a range: 50-150, 50 to 150
        | (?:>=?|at\ least)\s*(?P<min>{_NUMBER})                         # at least 7
        | (?:<=?|up\ to)\s*(?P<max>{_NUMBER})                            # up to 31
        | (?P<exact>{_NUMBER})                                           # 6
    )\s+(?P<unit>[^,(]+?)\s*(?:[,(]\s*(?P<qual>.*?)\)?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_quantity(text: str) -> Quantity:
    """Read "50-150 fighters, with their families", "6 killed", "at least 31 injured", "up to 200 people".

    Raises:
        InvalidInput: not of that form, or min above max.
    """
    match = _QUANTITY_RE.match(text)
    if not match:
        raise InvalidInput(
            f"'{text}' is not a quantity: write e.g. '50-150 fighters, with their families', '6 killed', "
            "'at least 31 injured' or 'up to 200 people'."
        )
    groups = match.groupdict()
    unit, qualifier = groups["unit"].strip(), (groups["qual"] or "").strip()
    if groups["low"] is not None:
        return Quantity(float(groups["low"]), float(groups["high"]), unit, qualifier)
    if groups["min"] is not None:
        return Quantity(float(groups["min"]), None, unit, qualifier)
    if groups["max"] is not None:
        return Quantity(None, float(groups["max"]), unit, qualifier)
    count = float(groups["exact"])
    return Quantity(count, count, unit, qualifier)


@dataclass(frozen=True)
class GeoPoint:
    """A WGS84 position in signed decimal degrees."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and -90 <= self.latitude <= 90):
            raise InvalidInput(f"Latitude {self.latitude} is out of range (-90 to 90).")
        if not (math.isfinite(self.longitude) and -180 <= self.longitude <= 180):
            raise InvalidInput(f"Longitude {self.longitude} is out of range (-180 to 180).")

    def distance_m(self, other: GeoPoint) -> float:
        """Geodesic distance on the WGS84 ellipsoid, in metres (Karney's algorithm)."""
        from geographiclib.geodesic import Geodesic

        result = Geodesic.WGS84.Inverse(self.latitude, self.longitude, other.latitude, other.longitude)
        return float(result["s12"])


class SourceReliability(StrEnum):
    """Admiralty (NATO) source reliability, A to F, judged on the source's track record."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        return _RELIABILITY_MEANINGS[self]


_RELIABILITY_MEANINGS = {
    SourceReliability.A: "Completely reliable",
    SourceReliability.B: "Usually reliable",
    SourceReliability.C: "Fairly reliable",
    SourceReliability.D: "Not usually reliable",
    SourceReliability.E: "Unreliable",
    SourceReliability.F: "Reliability cannot be judged",
}


class Credibility(StrEnum):
    """Admiralty (NATO) information credibility, 1 to 6, judged on the information itself."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"

    @property
    def meaning(self) -> str:
        return _CREDIBILITY_MEANINGS[self]


_CREDIBILITY_MEANINGS = {
    Credibility.CONFIRMED: "Confirmed by other sources",
    Credibility.PROBABLY_TRUE: "Probably true",
    Credibility.POSSIBLY_TRUE: "Possibly true",
    Credibility.DOUBTFUL: "Doubtful",
    Credibility.IMPROBABLE: "Improbable",
    Credibility.CANNOT_BE_JUDGED: "Truth cannot be judged",
}
