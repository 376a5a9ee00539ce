"""Formatting shared by the rules: every explanation states numbers with their units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

_COMPASS: Final = (
    "north", "north-north-east", "north-east", "east-north-east",
    "east", "east-south-east", "south-east", "south-south-east",
    "south", "south-south-west", "south-west", "west-south-west",
    "west", "west-north-west", "north-west", "north-north-west",
)  # fmt: skip


def utc(moment: datetime) -> str:
    """'2019-03-29 10:30 UTC' (seconds only when they are not zero).

    Args:
        moment: An aware datetime.

    Returns:
        The instant in UTC, as an editor reads it.
    """
    value = moment.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S UTC" if value.second else "%Y-%m-%d %H:%M UTC")


def day(moment: datetime) -> str:
    """'2017-06-11' in UTC.

    Args:
        moment: An aware datetime.

    Returns:
        The UTC date.
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def duration(span: timedelta) -> str:
    """A positive duration in the unit an editor would use: '45 min', '5.5 h', '647 days'.

    Args:
        span: The duration (its sign is ignored).

    Returns:
        The duration with its unit.
    """
    seconds = abs(span.total_seconds())
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    days = seconds / 86400
    return f"{days:.0f} days" if days >= 10 else f"{days:.1f} days"


def distance(metres: float) -> str:
    """'300 m' under 1 km, '30.2 km' above, '1,204 km' far away.

    Args:
        metres: A distance in metres.

    Returns:
        The distance with its unit.
    """
    if metres < 1000:
        return f"{metres:.0f} m"
    if metres < 100_000:
        return f"{metres / 1000:.1f} km"
    return f"{metres / 1000:,.0f} km"


def compass(azimuth: float) -> str:
    """The 16-point compass name of an azimuth in degrees from north, clockwise.

    Args:
        azimuth: Degrees, any value (taken modulo 360).

    Returns:
        "north", "south-south-east", ...
    """
    return _COMPASS[round((azimuth % 360) / 22.5) % 16]


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 testimony', '2 testimonies'.

    Args:
        count: How many.
        word: The singular.
        many: The plural when it is not ``word + "s"``.

    Returns:
        The count with the right form of the word.
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"


def listing(labels: Sequence[str], total: int, shown: int = 3) -> str:
    """'claim #1, claim #4, claim #9 and 5,704 more': the first few of a long list, then a count.

    Args:
        labels: The first labels, in order (at least ``shown`` of them when there are that many).
        total: How many there are in all.
        shown: How many to name.

    Returns:
        The named labels and how many more there are.
    """
    named = list(labels[:shown])
    rest = total - len(named)
    if rest > 0:
        return ", ".join(named) + f" and {rest:,} more"
    if len(named) <= 1:
        return "".join(named)
    return ", ".join(named[:-1]) + " and " + named[-1]
