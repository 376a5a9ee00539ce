"""Time zones from positions, offline: timezonefinder's polygons and the IANA database.

A photo without OffsetTimeOriginal but with GPS can still be placed in UTC: the position gives
the IANA zone (timezonefinder ships the boundary polygons, no network), and the zone's rules give
the UTC offset *in force on that date* (zoneinfo), which matters because offsets change: Iraq
dropped daylight saving in 2008, Turkey moved to permanent +03:00 in 2016.

The lookup is injectable (:data:`ZoneLookup`) so tests and callers can replace it; the default
loads timezonefinder's data once, on first use, in memory (about 0.15 s).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timezonefinder import TimezoneFinder

__all__ = ["ZoneLookup", "format_offset", "offsets_at", "zone_at"]

ZoneLookup = Callable[[float, float], str | None]
"""(latitude, longitude) -> IANA zone name ("Asia/Baghdad"), or None when unknown."""

_lock = threading.Lock()
_finder: TimezoneFinder | None = None


def _get_finder() -> TimezoneFinder:
    global _finder
    with _lock:
        if _finder is None:
            # In memory: each lookup is then ~40 us instead of a file read per polygon.
            _finder = TimezoneFinder(in_memory=True)
        return _finder


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA time zone at a position (the default :data:`ZoneLookup`).

    Args:
        latitude: Signed decimal degrees.
        longitude: Signed decimal degrees.

    Returns:
        The zone name ("Asia/Baghdad"; "Etc/GMT-3" style names at sea), or None.
    """
    return _get_finder().timezone_at(lng=longitude, lat=latitude)


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def offsets_at(zone_name: str, local: datetime) -> tuple[timedelta, ...] | None:
    """The UTC offsets a wall-clock time may have in a zone on that date.

    Usually one offset. Two when the wall-clock time is ambiguous or skipped around a daylight
    saving change (the hour repeated in autumn, the missing hour in spring): then both are
    returned and the instant is uncertain by their difference.

    Args:
        zone_name: IANA zone name.
        local: Naive wall-clock time.

    Returns:
        The distinct offsets, smallest first, or None when the zone is unknown to zoneinfo.
    """
    zone = _zone(zone_name)
    if zone is None:
        return None
    naive = local.replace(tzinfo=None)
    found: set[timedelta] = set()
    for fold in (0, 1):
        offset = naive.replace(tzinfo=zone, fold=fold).utcoffset()
        if offset is not None:
            found.add(offset)
    return tuple(sorted(found)) or None


def format_offset(offset: timedelta) -> str:
    """'+03:00' style.

    Args:
        offset: A UTC offset.

    Returns:
        The offset as +HH:MM or -HH:MM.
    """
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
