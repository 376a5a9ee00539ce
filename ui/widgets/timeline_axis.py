"""Ticks of the timeline's UTC axis: a step that suits the zoom, and labels a reader can use.

The step is the finest of minutes, hours, days, weeks, months or years whose ticks stay far
enough apart for their labels; months and years follow the calendar (ticks on the 1st), not a
fixed number of seconds. Each tick has a short label ("14:00", "21 Feb", "Mar", "2019") and,
where the larger unit changes, a context label ("21 Feb 2019", "2019") on the line above.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from PySide6.QtCore import QDateTime, QLocale, QTimeZone


@dataclass(frozen=True)
class Step:
    """One tick spacing: ``count`` of ``unit`` ("minute", "hour", "day", "month", "year")."""

    unit: str
    count: int

    @property
    def approx_seconds(self) -> float:
        return self.count * _UNIT_SECONDS[self.unit]


_UNIT_SECONDS: Final = {
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "month": 30.44 * 86400.0,
    "year": 365.25 * 86400.0,
}
STEPS: Final = (
    Step("minute", 1),
    Step("minute", 5),
    Step("minute", 15),
    Step("minute", 30),
    Step("hour", 1),
    Step("hour", 3),
    Step("hour", 6),
    Step("hour", 12),
    Step("day", 1),
    Step("day", 2),
    Step("day", 7),
    Step("month", 1),
    Step("month", 3),
    Step("month", 6),
    Step("year", 1),
    Step("year", 2),
    Step("year", 5),
    Step("year", 10),
    Step("year", 25),
    Step("year", 50),
    Step("year", 100),
)


@dataclass(frozen=True)
class Tick:
    """A tick at ``at`` with its label, and a context label where the larger unit changes."""

    at: datetime
    label: str
    context: str


def choose_step(seconds_per_px: float, min_px: float = 80.0) -> Step:
    """The finest step whose ticks are at least ``min_px`` apart at this zoom."""
    for step in STEPS:
        if step.approx_seconds / seconds_per_px >= min_px:
            return step
    return STEPS[-1]


def _floor(moment: datetime, step: Step) -> datetime:
    moment = moment.astimezone(UTC)
    if step.unit == "minute":
        return moment.replace(minute=moment.minute - moment.minute % step.count, second=0, microsecond=0)
    if step.unit == "hour":
        return moment.replace(hour=moment.hour - moment.hour % step.count, minute=0, second=0, microsecond=0)
    if step.unit == "day":
        day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        if step.count == 7:  # weeks start on Monday
            return day - timedelta(days=day.weekday())
        return day
    if step.unit == "month":
        month = (moment.month - 1) // step.count * step.count + 1
        return moment.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
    year = max(1, moment.year - moment.year % step.count)
    return moment.replace(year=year, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)


def _next(moment: datetime, step: Step) -> datetime:
    if step.unit in ("minute", "hour", "day"):
        return moment + timedelta(seconds=step.approx_seconds)
    if step.unit == "month":
        months = moment.month - 1 + step.count
        return moment.replace(year=moment.year + months // 12, month=months % 12 + 1)
    return moment.replace(year=moment.year + step.count)


def _text(moment: datetime, pattern: str) -> str:
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return QLocale().toString(stamp, pattern)


def ticks(start: datetime, end: datetime, step: Step) -> Iterator[Tick]:
    """Ticks from the one at or before ``start`` to the first after ``end``."""
    moment = _floor(start, step)
    previous: datetime | None = None
    guard = 0
    while moment <= end + timedelta(seconds=step.approx_seconds) and guard < 2000:
        guard += 1
        # The first tick in view names its day or year even when the one before it shares it.
        yield Tick(
            moment, *_labels(moment, previous if previous is not None and previous >= start else None, step)
        )
        previous = moment
        moment = _next(moment, step)


def _labels(moment: datetime, previous: datetime | None, step: Step) -> tuple[str, str]:
    if step.unit in ("minute", "hour"):
        new_day = previous is None or previous.date() != moment.date()
        return _text(moment, "HH:mm"), _text(moment, "d MMM yyyy") if new_day else ""
    if step.unit == "day":
        new_month = previous is None or (previous.year, previous.month) != (moment.year, moment.month)
        return _text(moment, "d MMM"), _text(moment, "MMMM yyyy") if new_month else ""
    if step.unit == "month":
        new_year = previous is None or previous.year != moment.year
        return _text(moment, "MMM"), _text(moment, "yyyy") if new_year else ""
    return _text(moment, "yyyy"), ""
