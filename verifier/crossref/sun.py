"""The sun at the capture time and place, and day or night against what a claim says.

The solar position is NOAA's algorithm (the "General Solar Position Calculations" of NOAA's
Global Monitoring Laboratory, after Meeus, *Astronomical Algorithms*), implemented here in
plain math: about 0.01 degree for 1800-2100, far finer than any shadow can be read in a photo,
and fast enough to scan a claim's interval. ``tests/verifier/crossref/test_sun.py`` checks it
against published values (NREL's SPA reference example, solstice and equinox geometry).

Light at a moment is classified on the sun's geometric (airless) elevation, with the standard
almanac thresholds:

- **daylight** above -0.833 degree: some of the disc above the horizon once refraction
  (0.567 degree) and the disc's radius (0.266 degree) are counted: the definition of sunrise
  and sunset;
- **darkness** below -6 degrees: the end of civil twilight, when the sky is dark enough that
  "night" is a fair word;
- **twilight** in between: no rule fires, because either word could be honest.

The night/day rule is deliberately simple: a claim "says night" when its time label, event
type or statement uses a night word (night, overnight, midnight, after dark, in the dark) and
no day word (daylight, daytime, midday, noon, afternoon), and the reverse. It fires only when
the sun settles the matter for the *whole* span: a photo (its capture moment, or range when the
time zone is uncertain) or a claim's interval lying entirely in daylight against a night claim,
or entirely in darkness against a day claim.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from verifier.crossref import _text
from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import ClaimInput, PhotoInput
from verifier.crossref.place import claimed_place, photo_point
from verifier.crossref.time import CaptureTime, ZoneBasis, capture_time
from verifier.crossref.zones import ZoneLookup, format_offset, offsets_at, zone_at
from verifier.domain import EvidenceRelation, GeoPoint

__all__ = [
    "DARKNESS_BELOW",
    "DAYLIGHT_ABOVE",
    "Light",
    "SunPosition",
    "check_sun",
    "claim_says",
    "light_over",
    "sun_position",
]

DAYLIGHT_ABOVE: Final = -0.833
"""Geometric elevation (degrees) above which it is day: sunrise/sunset as almanacs define it."""
DARKNESS_BELOW: Final = -6.0
"""Geometric elevation (degrees) below which it is dark: the end of civil twilight."""
MAX_SCAN: Final = timedelta(days=3)
"""Spans longer than this are not scanned: outside the polar regions they always hold both."""
# The elevation changes at most as fast as the Earth turns (0.25 degree a minute), whatever the
# place; 0.26 leaves room for the sun's own motion. A sample that far from a threshold proves
# that no crossing happens before the next sample.
_MAX_RATE_PER_MIN: Final = 0.26
_MIN_STEP: Final = timedelta(minutes=1)
_UNIX_EPOCH_JD: Final = 2440587.5
_DATED_RELATIONS: Final = frozenset({EvidenceRelation.SUPPORTS, EvidenceRelation.CHRONOLOCATES})
_PLACED_RELATIONS: Final = frozenset(
    {EvidenceRelation.SUPPORTS, EvidenceRelation.GEOLOCATES, EvidenceRelation.CHRONOLOCATES}
)
_NIGHT_RE: Final = re.compile(
    r"\b(?:night|nights|nighttime|night-time|overnight|midnight|after dark|in the dark|in darkness)\b", re.I
)
_DAY_RE: Final = re.compile(r"\b(?:daylight|daytime|day-time|broad day|midday|noon|afternoon)\b", re.I)


class Light(enum.StrEnum):
    """Daylight, twilight or darkness, from the sun's geometric elevation."""

    DAYLIGHT = "daylight"
    TWILIGHT = "twilight"
    DARKNESS = "darkness"


@dataclass(frozen=True)
class SunPosition:
    """Where the sun is in the sky.

    Attributes:
        elevation: Apparent elevation above the horizon, degrees, with standard refraction.
        azimuth: Degrees from true north, clockwise (90 = east).
        geometric_elevation: Elevation without refraction, degrees (for the light thresholds).
    """

    elevation: float
    azimuth: float
    geometric_elevation: float

    @property
    def light(self) -> Light:
        """Daylight, twilight or darkness."""
        return _light(self.geometric_elevation)


def _light(geometric: float) -> Light:
    if geometric > DAYLIGHT_ABOVE:
        return Light.DAYLIGHT
    if geometric < DARKNESS_BELOW:
        return Light.DARKNESS
    return Light.TWILIGHT


def _refraction(elevation: float) -> float:
    """NOAA's approximate atmospheric refraction, degrees (standard pressure and temperature)."""
    if elevation > 85.0:
        return 0.0
    tan_e = math.tan(math.radians(elevation))
    if elevation > 5.0:
        arcsec = 58.1 / tan_e - 0.07 / tan_e**3 + 0.000086 / tan_e**5
    elif elevation > -0.575:
        arcsec = 1735.0 + elevation * (
            -518.2 + elevation * (103.4 + elevation * (-12.79 + elevation * 0.711))
        )
    else:
        arcsec = -20.772 / tan_e
    return arcsec / 3600.0


def sun_position(moment: datetime, latitude: float, longitude: float) -> SunPosition:
    """The sun's elevation and azimuth at a moment and place (NOAA's algorithm).

    Args:
        moment: An aware datetime (any zone; it is converted to UTC).
        latitude: Signed decimal degrees (north positive).
        longitude: Signed decimal degrees (east positive).

    Returns:
        The position.

    Raises:
        ValueError: ``moment`` is naive.
    """
    if moment.tzinfo is None:
        raise ValueError("sun_position needs an aware datetime")
    when = moment.astimezone(UTC)
    julian_day = _UNIX_EPOCH_JD + when.timestamp() / 86400.0
    jc = (julian_day - 2451545.0) / 36525.0
    mean_long = (280.46646 + jc * (36000.76983 + jc * 0.0003032)) % 360.0
    mean_anom = 357.52911 + jc * (35999.05029 - 0.0001537 * jc)
    ecc = 0.016708634 - jc * (0.000042037 + 0.0000001267 * jc)
    m = math.radians(mean_anom)
    center = (
        math.sin(m) * (1.914602 - jc * (0.004817 + 0.000014 * jc))
        + math.sin(2 * m) * (0.019993 - 0.000101 * jc)
        + math.sin(3 * m) * 0.000289
    )
    omega = math.radians(125.04 - 1934.136 * jc)
    app_long = mean_long + center - 0.00569 - 0.00478 * math.sin(omega)
    mean_obliq = 23.0 + (26.0 + (21.448 - jc * (46.815 + jc * (0.00059 - jc * 0.001813))) / 60.0) / 60.0
    obliq = math.radians(mean_obliq + 0.00256 * math.cos(omega))
    declination = math.asin(math.sin(obliq) * math.sin(math.radians(app_long)))
    y = math.tan(obliq / 2) ** 2
    l0 = math.radians(mean_long)
    eq_time = 4 * math.degrees(
        y * math.sin(2 * l0)
        - 2 * ecc * math.sin(m)
        + 4 * ecc * y * math.sin(m) * math.cos(2 * l0)
        - 0.5 * y * y * math.sin(4 * l0)
        - 1.25 * ecc * ecc * math.sin(2 * m)
    )
    minutes = when.hour * 60 + when.minute + (when.second + when.microsecond / 1e6) / 60
    true_solar = (minutes + eq_time + 4 * longitude) % 1440
    hour_angle = true_solar / 4 - 180
    lat = math.radians(latitude)
    ha = math.radians(hour_angle)
    cos_zenith = math.sin(lat) * math.sin(declination) + math.cos(lat) * math.cos(declination) * math.cos(ha)
    zenith = math.acos(max(-1.0, min(1.0, cos_zenith)))
    geometric = 90.0 - math.degrees(zenith)
    denominator = math.cos(lat) * math.sin(zenith)
    if abs(denominator) < 1e-12:
        azimuth = 180.0 if latitude > math.degrees(declination) else 0.0
    else:
        cos_az = (math.sin(lat) * math.cos(zenith) - math.sin(declination)) / denominator
        angle = math.degrees(math.acos(max(-1.0, min(1.0, cos_az))))
        azimuth = (angle + 180.0) % 360.0 if hour_angle > 0 else (540.0 - angle) % 360.0
    return SunPosition(geometric + _refraction(geometric), azimuth, geometric)


@dataclass(frozen=True)
class LightSpan:
    """The light over a span of time at one place.

    Attributes:
        kinds: Every kind of light met (one when the span is uniform).
        lowest: Lowest geometric elevation sampled, degrees.
        highest: Highest geometric elevation sampled, degrees.
    """

    kinds: frozenset[Light]
    lowest: float
    highest: float

    @property
    def uniform(self) -> Light | None:
        """The one kind of light over the whole span, or None when it changes."""
        return next(iter(self.kinds)) if len(self.kinds) == 1 else None


def light_over(start: datetime, end: datetime, latitude: float, longitude: float) -> LightSpan | None:
    """Daylight, twilight or darkness over a span, proven without missing a crossing.

    Samples adaptively: after a sample ``x`` degrees from the nearest threshold, the next one
    comes ``x / 0.26`` minutes later (at least one minute), since the elevation cannot move
    faster; it stops at the first change of light.

    Args:
        start: First instant (aware).
        end: Last instant (aware), not before ``start``.
        latitude: Signed decimal degrees.
        longitude: Signed decimal degrees.

    Returns:
        The light met, or None when the span is longer than :data:`MAX_SCAN`.
    """
    if end - start > MAX_SCAN:
        return None
    kinds: set[Light] = set()
    lowest, highest = math.inf, -math.inf
    moment = start
    while True:
        elevation = sun_position(moment, latitude, longitude).geometric_elevation
        kinds.add(_light(elevation))
        lowest, highest = min(lowest, elevation), max(highest, elevation)
        if len(kinds) > 1 or moment >= end:
            break
        margin = min(abs(elevation - DAYLIGHT_ABOVE), abs(elevation - DARKNESS_BELOW))
        step = max(_MIN_STEP, timedelta(minutes=margin / _MAX_RATE_PER_MIN))
        moment = min(moment + step, end)
    return LightSpan(frozenset(kinds), lowest, highest)


def claim_says(claim: ClaimInput) -> Light | None:
    """Whether a claim's words place it by night or by day.

    Args:
        claim: The claim.

    Returns:
        DARKNESS when it speaks of night only, DAYLIGHT when of day only, else None.
    """
    c = claim.claim
    text = " ".join((c.when.label if c.when else "", c.event_type, c.statement))
    night, day = bool(_NIGHT_RE.search(text)), bool(_DAY_RE.search(text))
    if night and not day:
        return Light.DARKNESS
    if day and not night:
        return Light.DAYLIGHT
    return None


def check_sun(
    photos: Sequence[PhotoInput],
    claims: Sequence[ClaimInput] = (),
    *,
    zone_lookup: ZoneLookup = zone_at,
    captures: Mapping[int, CaptureTime | None] | None = None,
) -> list[Finding]:
    """Run the sun rules.

    Per photo with a capture time and a position: the sun's elevation and azimuth (information,
    for comparing shadows). A photo without GPS but linked to a claim with a place is computed at
    that place ("if it was taken where the claim says"). Per claim-photo link: a photo in
    daylight against a night claim, or in darkness against a day claim. Per claim: its own
    interval entirely in daylight while it speaks of night, or the reverse.

    Args:
        photos: The case's photos.
        claims: The case's claims.
        zone_lookup: Position -> IANA zone.
        captures: Precomputed capture times by evidence id.

    Returns:
        Findings: photos in id order, then claims in id order.
    """
    if captures is None:
        captures = {p.evidence_id: capture_time(p, zone_lookup) for p in photos}
    findings: list[Finding] = []
    by_id = {p.evidence_id: p for p in photos}
    places: dict[int, tuple[GeoPoint, str, ClaimInput] | None] = {}
    for claim in sorted(claims, key=lambda c: c.id):
        place = claimed_place(claim)
        if place is None:
            continue
        for link in sorted(claim.evidence, key=lambda link: link.evidence_id):
            if link.relation in _PLACED_RELATIONS and link.evidence_id not in places:
                places[link.evidence_id] = (place.point, place.name, claim)
    spans: dict[int, tuple[datetime, datetime, GeoPoint]] = {}
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        capture = captures.get(photo.evidence_id)
        if capture is None:
            continue
        point = photo_point(photo)
        assumed = ""
        earliest, latest = capture.earliest, capture.latest
        if point is None:
            fallback = places.get(photo.evidence_id)
            if fallback is None:
                continue
            point, name, claim = fallback
            assumed = f"if it was taken at {name}, as {claim.label} says"
            if capture.basis is ZoneBasis.UNKNOWN:
                zone = zone_lookup(point.latitude, point.longitude)
                offsets = offsets_at(zone, capture.local) if zone else None
                if not offsets:
                    continue
                earliest = (capture.local - offsets[-1]).replace(tzinfo=UTC)
                latest = (capture.local - offsets[0]).replace(tzinfo=UTC)
                assumed += f", in that place's time zone ({zone}, UTC{format_offset(offsets[0])})"
        elif capture.basis is ZoneBasis.UNKNOWN:
            # 26 hours of uncertainty make a sun position meaningless; the day/night rule below
            # still runs on the whole range.
            spans[photo.evidence_id] = (earliest, latest, point)
            continue
        spans[photo.evidence_id] = (earliest, latest, point)
        findings.append(_position_finding(photo, earliest, latest, point, assumed))
    for claim in sorted(claims, key=lambda c: c.id):
        says = claim_says(claim)
        if says is None:
            continue
        findings += _claim_interval(claim, says)
        for link in sorted(claim.evidence, key=lambda link: (link.evidence_id, link.relation.value)):
            span = spans.get(link.evidence_id)
            if span is None or link.relation not in _DATED_RELATIONS:
                continue
            findings += _photo_against_words(by_id[link.evidence_id], claim, says, *span)
    return findings


def _position_finding(
    photo: PhotoInput, earliest: datetime, latest: datetime, point: GeoPoint, assumed: str
) -> Finding:
    moment = earliest + (latest - earliest) / 2
    sun = sun_position(moment, point.latitude, point.longitude)
    numbers: dict[str, Number] = {
        "moment_utc": moment.isoformat(),
        "latitude": point.latitude,
        "longitude": point.longitude,
        "elevation_deg": round(sun.elevation, 2),
        "azimuth_deg": round(sun.azimuth, 2),
        "light": sun.light.value,
        "assumed_place": bool(assumed),
    }
    where = f"at {point.latitude:.4f}, {point.longitude:.4f}" + (f" ({assumed})" if assumed else "")
    head = f"At {photo.label}'s capture time, {_text.utc(moment)}, {where}"
    if earliest != latest:
        head += f" (or up to {_text.duration(latest - earliest)} later: daylight-saving ambiguity)"
    if sun.elevation > 0:
        shadow = (sun.azimuth + 180) % 360
        ratio = 1 / math.tan(math.radians(sun.elevation))
        numbers |= {"shadow_azimuth_deg": round(shadow, 1), "shadow_length_ratio": round(ratio, 2)}
        body = (
            f", the sun was {sun.elevation:.1f} degrees above the horizon, azimuth {sun.azimuth:.0f} degrees "
            f"({_text.compass(sun.azimuth)}). Shadows should point {shadow:.0f} degrees "
            f"({_text.compass(shadow)}) and be {ratio:.1f} times as long as the objects are tall; compare "
            "with the shadows in the picture."
        )
    else:
        body = (
            f", the sun was {-sun.elevation:.1f} degrees below the horizon ({sun.light.value}), azimuth "
            f"{sun.azimuth:.0f} degrees: there should be no sun shadows in the picture."
        )
    return Finding("sun.position", Severity.INFO, (photo.subject,), head + body, numbers)


def _words(says: Light) -> str:
    return "night" if says is Light.DARKNESS else "daylight"


def _photo_against_words(
    photo: PhotoInput, claim: ClaimInput, says: Light, earliest: datetime, latest: datetime, point: GeoPoint
) -> Iterable[Finding]:
    span = light_over(earliest, latest, point.latitude, point.longitude)
    if span is None or span.uniform is None or span.uniform is Light.TWILIGHT or span.uniform is says:
        return
    when = _text.utc(earliest) if earliest == latest else f"{_text.utc(earliest)} to {_text.utc(latest)}"
    yield Finding(
        "sun.photo_light_vs_claim",
        Severity.WARNING,
        (photo.subject, claim.subject),
        f"{claim.label} speaks of {_words(says)}, but {photo.label}, linked to it, was taken in "
        f"{span.uniform.value} ({when}: the sun between {span.lowest:.1f} and {span.highest:.1f} degrees "
        f"of elevation at {point.latitude:.4f}, {point.longitude:.4f}). Either the photo shows another "
        "moment, or its clock or the claim's words are wrong.",
        {
            "claim_says": says.value,
            "photo_light": span.uniform.value,
            "lowest_elevation_deg": round(span.lowest, 2),
            "highest_elevation_deg": round(span.highest, 2),
        },
    )


def _claim_interval(claim: ClaimInput, says: Light) -> Iterable[Finding]:
    interval = claim.claim.when
    place = claimed_place(claim)
    if interval is None or place is None:
        return
    # The interval is [start, end): its last instant is just before end.
    last = interval.end - timedelta(seconds=1)
    span = light_over(interval.start, max(interval.start, last), place.point.latitude, place.point.longitude)
    if span is None or span.uniform is None or span.uniform is Light.TWILIGHT or span.uniform is says:
        return
    yield Finding(
        "sun.claim_light_vs_words",
        Severity.WARNING,
        (claim.subject,),
        f"{claim.label} speaks of {_words(says)}, but over its whole period ({_text.utc(interval.start)} to "
        f"{_text.utc(interval.end)}) the sun at {place.name} stays in {span.uniform.value} (elevation "
        f"between {span.lowest:.1f} and {span.highest:.1f} degrees). The time or the wording of the claim "
        "is off (a time zone mix-up is the usual cause).",
        {
            "claim_says": says.value,
            "interval_light": span.uniform.value,
            "lowest_elevation_deg": round(span.lowest, 2),
            "highest_elevation_deg": round(span.highest, 2),
        },
    )
