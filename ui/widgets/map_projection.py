"""The map's local projection and its scale helpers (no Qt widgets, no network).

The map draws in metres on the ground. We use an azimuthal equidistant projection on the WGS84
ellipsoid centred on the case's centroid (geographiclib's geodesics, Karney's algorithm):
distances and bearings from the centre are exact, and over the few tens of kilometres a case
spans the scale elsewhere is off by well under 0.1 %, so one scale bar holds for the whole view
and north is up. A plain equirectangular projection would distort east-west distances by the
cosine of the latitude and, away from its centre line, more than the precision circles it draws.
Distances shown to the user are always measured on the ellipsoid between the two points, never
on the projected plane.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from geographiclib.geodesic import Geodesic

from verifier.domain import GeoPoint

_GEOD = Geodesic.WGS84
# Scale bar lengths: 1, 2 and 5 times a power of ten metres.
_NICE = (1.0, 2.0, 5.0)


def centroid(points: Iterable[GeoPoint]) -> GeoPoint | None:
    """The mean direction of the points (robust across the antimeridian); None without points."""
    x = y = z = 0.0
    count = 0
    for point in points:
        lat, lon = math.radians(point.latitude), math.radians(point.longitude)
        x += math.cos(lat) * math.cos(lon)
        y += math.cos(lat) * math.sin(lon)
        z += math.sin(lat)
        count += 1
    if count == 0 or math.hypot(x, y, z) < 1e-12:
        return None
    return GeoPoint(math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


@dataclass(frozen=True)
class LocalProjection:
    """Azimuthal equidistant projection around ``centre``: (x east, y south) in metres.

    The y axis points south because Qt's scene y grows downwards, so north is up on screen.
    """

    centre: GeoPoint

    def project(self, point: GeoPoint) -> tuple[float, float]:
        """Scene coordinates of a point, in metres from the centre."""
        found = _GEOD.Inverse(self.centre.latitude, self.centre.longitude, point.latitude, point.longitude)
        distance, azimuth = float(found["s12"]), math.radians(float(found["azi1"]))
        return distance * math.sin(azimuth), -distance * math.cos(azimuth)

    def unproject(self, x: float, y: float) -> GeoPoint:
        """The point at scene coordinates (x, y)."""
        distance = math.hypot(x, y)
        if distance == 0:
            return self.centre
        azimuth = math.degrees(math.atan2(x, -y))
        found = _GEOD.Direct(self.centre.latitude, self.centre.longitude, azimuth, distance)
        longitude = (float(found["lon2"]) + 180.0) % 360.0 - 180.0
        return GeoPoint(float(found["lat2"]), longitude)


def nice_length(max_metres: float) -> float:
    """The longest 1-2-5 round length not above ``max_metres`` (for a scale bar)."""
    if max_metres <= 0 or not math.isfinite(max_metres):
        return 0.0
    power = 10.0 ** math.floor(math.log10(max_metres))
    return max(step * power for step in _NICE if step * power <= max_metres)


def format_distance(metres: float) -> str:
    """'850 m', '4.89 km', '82.1 km', '1,250 km': three significant figures from 1 km up."""
    if metres < 1000:
        return f"{metres:.0f} m"
    km = metres / 1000
    if km < 10:
        return f"{km:.2f} km"
    if km < 100:
        return f"{km:.1f} km"
    return f"{km:,.0f} km"
