"""Turn raw EXIF groups (and a few XMP properties) into the normalized summary an editor reads.

Every field names the tag it comes from. The rules follow the EXIF 2.32 specification and what
ExifTool shows, because the summary must agree with ExifTool wherever ExifTool has the field:

- capture time = DateTimeOriginal (ExifIFD 0x9003) + SubSecTimeOriginal (0x9291) +
  OffsetTimeOriginal (0x9011); ``DateTime`` (IFD0 0x0132) is the last *modification* and
  ``OffsetTime`` (0x9010) belongs to it, never to the capture;
- GPS coordinates are signed from their reference tags (S and W are negative);
- a value that cannot be right (latitude 123, a zero denominator, a 25:61 clock) is left out
  with a warning saying so: a wrong value shown with confidence is worse than none.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import typing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

from verifier.intake.tiff import Rational, RawTag
from verifier.intake.xmp import XmpValue

__all__ = ["PhotoSummary", "TimeZoneSource", "summarize"]

_DATETIME_RE: Final = re.compile(r"^\s*(\d{4})[:\-/](\d\d)[:\-/](\d\d)[ T](\d\d):(\d\d):(\d\d)")
_DATE_RE: Final = re.compile(r"^\s*(\d{4})[:\-/](\d\d)[:\-/](\d\d)\s*$")
_OFFSET_RE: Final = re.compile(r"^\s*([+-])(\d\d):(\d\d)\s*$")
# GPS fixes are taken near, not at, the shutter: a local-minus-UTC difference within this much of
# a whole quarter hour still reveals the time zone; beyond it the stamp is of another moment.
_GPS_ZONE_TOLERANCE: Final = timedelta(minutes=2)
_NO_EXIF_NOTE: Final = (
    "no EXIF metadata: messaging apps and social networks usually strip it, so this says how the "
    "file travelled, not that it was altered"
)


class TimeZoneSource(enum.StrEnum):
    """Where the capture time's UTC offset came from."""

    OFFSET_TAG = "offset_tag"
    """OffsetTimeOriginal (ExifIFD 0x9011), written by the camera."""
    GPS_TIME = "gps_time"
    """Inferred: local capture time minus the GPS UTC stamp, a whole number of quarter hours."""
    UNKNOWN = "unknown"
    """Local time only: the instant is uncertain by up to +-14 hours."""


@dataclass(frozen=True, slots=True)
class PhotoSummary:
    """The normalized, queryable facts about one photo; None means "not recorded or not credible".

    Attributes:
        capture_local: DateTimeOriginal + SubSecTimeOriginal, the camera's wall-clock time (naive).
        capture_offset: OffsetTimeOriginal ("+03:00") or the GPS-inferred offset.
        capture_utc: The capture instant in UTC, when the offset is known.
        capture_tz_source: Where ``capture_offset`` came from.
        modified_local: DateTime (IFD0 0x0132) + SubSecTime (0x9290): last modification (naive).
        modified_offset: OffsetTime (ExifIFD 0x9010), which belongs to DateTime.
        modified_utc: The modification instant in UTC, when OffsetTime is present.
        gps_latitude: GPSLatitude + GPSLatitudeRef, signed decimal degrees (south negative).
        gps_longitude: GPSLongitude + GPSLongitudeRef, signed decimal degrees (west negative).
        gps_altitude: GPSAltitude in metres, negative when GPSAltitudeRef = 1 (below sea level).
        gps_utc: GPSDateStamp + GPSTimeStamp, an aware UTC datetime.
        gps_img_direction: GPSImgDirection, degrees (the way the camera pointed).
        gps_img_direction_ref: GPSImgDirectionRef: "T" (true north) or "M" (magnetic).
        gps_h_positioning_error: GPSHPositioningError, metres.
        make: IFD0 Make (0x010F), else another IFD, else XMP tiff:Make.
        model: IFD0 Model (0x0110), same fallbacks.
        body_serial_number: ExifIFD BodySerialNumber (0xA431, ExifTool "SerialNumber"), else the
            DNG CameraSerialNumber (IFD0 0xC62F), else XMP aux:SerialNumber.
        lens_make: ExifIFD LensMake (0xA433).
        lens_model: ExifIFD LensModel (0xA434), else XMP aux:Lens.
        lens_serial_number: ExifIFD LensSerialNumber (0xA435).
        image_unique_id: ExifIFD ImageUniqueID (0xA420).
        software: IFD0 Software (0x0131).
        orientation: IFD0 Orientation (0x0112), 1-8.
        has_embedded_thumbnail: IFD1 holds a thumbnail (ThumbnailOffset/Length inside the data).
        creator_tool: XMP xmp:CreatorTool.
        xmp_history_actions: XMP xmpMM:History stEvt:action values, oldest first.
        notes: Facts worth showing that are not problems ("no EXIF metadata: ...").
        warnings: Values that were present but ignored, and why.
    """

    capture_local: datetime | None = None
    capture_offset: str | None = None
    capture_utc: datetime | None = None
    capture_tz_source: TimeZoneSource = TimeZoneSource.UNKNOWN
    modified_local: datetime | None = None
    modified_offset: str | None = None
    modified_utc: datetime | None = None
    gps_latitude: float | None = None
    gps_longitude: float | None = None
    gps_altitude: float | None = None
    gps_utc: datetime | None = None
    gps_img_direction: float | None = None
    gps_img_direction_ref: str | None = None
    gps_h_positioning_error: float | None = None
    make: str | None = None
    model: str | None = None
    body_serial_number: str | None = None
    lens_make: str | None = None
    lens_model: str | None = None
    lens_serial_number: str | None = None
    image_unique_id: str | None = None
    software: str | None = None
    orientation: int | None = None
    has_embedded_thumbnail: bool = False
    creator_tool: str | None = None
    xmp_history_actions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class _Builder:
    """Reads tags out of the groups, collecting warnings as it goes."""

    def __init__(self, groups: dict[str, dict[int, RawTag]], xmp: dict[str, XmpValue]) -> None:
        self.groups = groups
        self.xmp = xmp
        self.warnings: list[str] = []
        self.notes: list[str] = []

    def tag(self, group: str, tag_id: int) -> RawTag | None:
        return self.groups.get(group, {}).get(tag_id)

    def text(self, group: str, tag_id: int) -> str | None:
        """An ASCII tag, cut at its first NUL (the TIFF walker did that) and trimmed, as ExifTool does."""
        raw = self.tag(group, tag_id)
        if raw is None:
            return None
        value = raw.value
        if isinstance(value, bytes):
            # Some writers type strings UNDEFINED; ExifTool still reads them as text.
            value = value.split(b"\0", 1)[0].decode("utf-8", "replace")
        if not isinstance(value, str):
            self.warnings.append(f"{raw.name} is not text; ignored")
            return None
        value = value.strip()
        return value or None

    def first_text(self, tag_id: int, xmp_key: str | None = None) -> tuple[str | None, str]:
        """Look in IFD0 first, then every other IFD, then XMP, like ExifTool's tag priority."""
        order = ["IFD0", *[g for g in self.groups if g != "IFD0"]]
        for group in order:
            found = self.text(group, tag_id)
            if found is not None:
                return found, group
        if xmp_key is not None:
            value = self.xmp.get(xmp_key)
            if isinstance(value, str) and value.strip():
                return value.strip(), f"XMP {xmp_key}"
        return None, ""

    def number(self, group: str, tag_id: int, label: str) -> float | None:
        raw = self.tag(group, tag_id)
        if raw is None:
            return None
        value = raw.value
        if not isinstance(value, tuple) or not value:
            self.warnings.append(f"{label} is not a number; ignored")
            return None
        item = value[0]
        if isinstance(item, Rational):
            if item.den == 0:
                self.warnings.append(f"{label} has a zero denominator ({item.num}/0); ignored")
                return None
            return item.num / item.den
        return float(item)

    def integer(self, group: str, tag_id: int) -> int | None:
        raw = self.tag(group, tag_id)
        if raw is None:
            return None
        value = raw.value
        if isinstance(value, bytes) and value:
            return value[0]
        if isinstance(value, tuple) and value and isinstance(value[0], int):
            return value[0]
        return None

    def triple(self, tag_id: int, label: str) -> tuple[float, float, float] | None:
        """A GPS degrees/minutes/seconds (or h/m/s) triple of rationals."""
        raw = self.tag("GPS", tag_id)
        if raw is None:
            return None
        value = raw.value
        if not isinstance(value, tuple) or len(value) != 3:
            self.warnings.append(f"{label} does not have three values; ignored")
            return None
        parts: list[float] = []
        for item in value:
            if isinstance(item, Rational):
                if item.den == 0:
                    self.warnings.append(f"{label} has a zero denominator ({item.num}/0); ignored")
                    return None
                parts.append(item.num / item.den)
            else:
                parts.append(float(item))
        return parts[0], parts[1], parts[2]


def summarize(
    groups: dict[str, dict[int, RawTag]], xmp: dict[str, XmpValue], *, exif_present: bool
) -> PhotoSummary:
    """Build the normalized summary from raw EXIF groups and parsed XMP.

    Args:
        groups: Tags by ExifTool group name and tag id (from :func:`verifier.intake.tiff.parse_tiff`).
        xmp: Parsed XMP properties (from :func:`verifier.intake.xmp.parse_xmp`).
        exif_present: Whether the file carried any EXIF at all; without it the summary gets the
            note that messaging apps strip metadata ("absence is information").

    Returns:
        The summary. Never raises: unusable values become warnings.
    """
    b = _Builder(groups, xmp)
    if not exif_present:
        b.notes.append(_NO_EXIF_NOTE)

    gps_utc = _gps_utc(b)
    latitude = _coordinate(b, 2, 1, "latitude", ("N", "S"), 90.0)
    longitude = _coordinate(b, 4, 3, "longitude", ("E", "W"), 180.0)
    altitude = _altitude(b)
    direction = b.number("GPS", 17, "GPS image direction")
    if direction is not None and not 0.0 <= direction <= 360.0:
        b.warnings.append(f"GPS image direction {direction:g} is out of range; ignored")
        direction = None
    direction_ref = b.text("GPS", 16)
    error = b.number("GPS", 31, "GPS horizontal positioning error")
    if error is not None and error < 0:
        b.warnings.append(f"GPS horizontal positioning error {error:g} is negative; ignored")
        error = None
    if b.text("GPS", 9) == "V":
        b.notes.append("GPSStatus is V (measurement void): the position may be stale")

    capture_local = _local_time(b, "ExifIFD", 0x9003, 0x9291, "DateTimeOriginal")
    capture_offset = _offset(b, 0x9011, "OffsetTimeOriginal")
    source = TimeZoneSource.UNKNOWN
    capture_utc: datetime | None = None
    if capture_local is not None and capture_offset is not None:
        source = TimeZoneSource.OFFSET_TAG
        capture_utc = _to_utc(b, capture_local, capture_offset, "DateTimeOriginal")
    elif capture_local is not None and gps_utc is not None:
        inferred = _zone_from_gps(capture_local, gps_utc)
        if inferred is None:
            b.notes.append(
                "the GPS time stamp is not a whole time-zone offset away from the capture time; "
                "time zone unknown"
            )
        else:
            capture_offset, source = inferred, TimeZoneSource.GPS_TIME
            capture_utc = _to_utc(b, capture_local, inferred, "DateTimeOriginal")

    modified_local = _local_time(b, "IFD0", 0x0132, 0x9290, "DateTime")
    modified_offset = _offset(b, 0x9010, "OffsetTime")
    modified_utc = None
    if modified_local is not None and modified_offset is not None:
        modified_utc = _to_utc(b, modified_local, modified_offset, "DateTime")

    make, make_from = b.first_text(0x010F, "tiff:Make")
    model, model_from = b.first_text(0x0110, "tiff:Model")
    for field_name, origin in (("Make", make_from), ("Model", model_from)):
        if origin and origin != "IFD0":
            b.notes.append(f"{field_name} was read from {origin}, not from IFD0")
    serial = b.text("ExifIFD", 0xA431) or b.text("IFD0", 0xC62F)
    if serial is None and isinstance(xmp.get("aux:SerialNumber"), str):
        serial = str(xmp["aux:SerialNumber"]).strip() or None
    lens_model = b.text("ExifIFD", 0xA434)
    if lens_model is None and isinstance(xmp.get("aux:Lens"), str):
        lens_model = str(xmp["aux:Lens"]).strip() or None
    orientation = b.integer("IFD0", 0x0112)
    if orientation is not None and not 1 <= orientation <= 8:
        b.warnings.append(f"Orientation {orientation} is not a valid EXIF orientation (1-8); ignored")
        orientation = None

    creator = xmp.get("xmp:CreatorTool")
    return PhotoSummary(
        capture_local=capture_local,
        capture_offset=capture_offset,
        capture_utc=capture_utc,
        capture_tz_source=source,
        modified_local=modified_local,
        modified_offset=modified_offset,
        modified_utc=modified_utc,
        gps_latitude=latitude,
        gps_longitude=longitude,
        gps_altitude=altitude,
        gps_utc=gps_utc,
        gps_img_direction=direction,
        gps_img_direction_ref=direction_ref,
        gps_h_positioning_error=error,
        make=make,
        model=model,
        body_serial_number=serial,
        lens_make=b.text("ExifIFD", 0xA433),
        lens_model=lens_model,
        lens_serial_number=b.text("ExifIFD", 0xA435),
        image_unique_id=b.text("ExifIFD", 0xA420),
        software=b.text("IFD0", 0x0131),
        orientation=orientation,
        has_embedded_thumbnail=has_thumbnail(groups),
        creator_tool=creator.strip() or None if isinstance(creator, str) else None,
        xmp_history_actions=_history_actions(xmp),
        notes=tuple(b.notes),
        warnings=tuple(b.warnings),
    )


def has_thumbnail(groups: dict[str, dict[int, RawTag]]) -> bool:
    """Whether IFD1 describes a thumbnail whose bytes lie inside the EXIF data.

    The TIFF walker already dropped out-of-range values, so presence of both tags (or of strips)
    with a non-zero length is enough.

    Args:
        groups: Tags by group.

    Returns:
        True when an embedded thumbnail exists.
    """
    ifd1 = groups.get("IFD1", {})
    length = ifd1.get(0x0202)
    if ifd1.get(0x0201) is not None and length is not None:
        return isinstance(length.value, tuple) and bool(length.value) and length.value[0] != 0
    return 0x0111 in ifd1 and 0x0117 in ifd1


def _coordinate(
    b: _Builder, value_tag: int, ref_tag: int, label: str, refs: tuple[str, str], limit: float
) -> float | None:
    dms = b.triple(value_tag, f"GPS {label}")
    if dms is None:
        return None
    degrees = dms[0] + dms[1] / 60.0 + dms[2] / 3600.0
    ref = b.text("GPS", ref_tag)
    if ref is None:
        # Without the reference the hemisphere is a guess; a wrong sign moves the photo across
        # the planet, so the value is withheld rather than assumed north/east.
        b.warnings.append(f"GPS {label} {degrees:.6f} has no hemisphere reference; ignored")
        return None
    ref = ref[:1].upper()
    if ref not in refs:
        b.warnings.append(f"GPS {label} reference {ref!r} is not {refs[0]} or {refs[1]}; ignored")
        return None
    if not 0.0 <= degrees <= limit:
        b.warnings.append(f"GPS {label} {degrees:g} is out of range; ignored")
        return None
    return -degrees if ref == refs[1] else degrees


def _altitude(b: _Builder) -> float | None:
    altitude = b.number("GPS", 6, "GPS altitude")
    if altitude is None:
        return None
    ref = b.integer("GPS", 5)
    if ref == 1:
        altitude = -altitude
    if not -12000.0 <= altitude <= 100000.0:
        b.warnings.append(f"GPS altitude {altitude:g} m is out of range; ignored")
        return None
    return altitude


def _gps_utc(b: _Builder) -> datetime | None:
    stamp = b.text("GPS", 29)
    hms = b.triple(7, "GPS time stamp")
    if stamp is None or hms is None:
        return None
    match = _DATE_RE.match(stamp)
    if match is None:
        b.warnings.append(f"GPS date stamp {stamp!r} is not a YYYY:MM:DD date; ignored")
        return None
    hours, minutes, seconds = hms
    if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 61):
        b.warnings.append(f"GPS time stamp {hours:g}:{minutes:g}:{seconds:g} is out of range; ignored")
        return None
    try:
        day = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        b.warnings.append(f"GPS date stamp {stamp!r} is not a real date; ignored")
        return None
    return day + timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _local_time(b: _Builder, group: str, tag_id: int, subsec_tag: int, label: str) -> datetime | None:
    text = b.text(group, tag_id)
    if text is None:
        return None
    match = _DATETIME_RE.match(text)
    if match is None:
        if text.strip(" :0"):
            b.warnings.append(f"{label} {text!r} is not a date and time; ignored")
        else:
            b.notes.append(f"{label} is blank ({text!r})")
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        b.warnings.append(f"{label} {text!r} is not a real date and time; ignored")
        return None
    subsec = b.text("ExifIFD", subsec_tag)
    if subsec is not None:
        if subsec.isascii() and subsec.isdigit():  # "²".isdigit() is True, yet int() refuses it
            # "5" means .5 s and "050" means .050 s: the digits are a decimal fraction.
            moment = moment.replace(microsecond=int((subsec + "000000")[:6]))
        else:
            b.warnings.append(f"sub-second time {subsec!r} for {label} is not digits; ignored")
    return moment


def _offset(b: _Builder, tag_id: int, label: str) -> str | None:
    text = b.text("ExifIFD", tag_id)
    if text is None:
        return None
    match = _OFFSET_RE.match(text)
    if match is None:
        if text.strip(" :"):
            b.warnings.append(f"{label} {text!r} is not a +HH:MM offset; ignored")
        return None
    hours, minutes = int(match[2]), int(match[3])
    if hours > 14 or minutes >= 60 or (hours == 14 and minutes):
        b.warnings.append(f"{label} {text!r} is beyond +-14:00; ignored")
        return None
    return f"{match[1]}{hours:02d}:{minutes:02d}"  # ASCII digits even when written in another script


def _to_utc(b: _Builder, local: datetime, offset: str, label: str) -> datetime | None:
    sign = -1 if offset[0] == "-" else 1
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])) * sign
    try:
        return local.replace(tzinfo=timezone(delta)).astimezone(UTC)
    except OverflowError:
        b.warnings.append(f"{label} {local.isoformat()}{offset} in UTC is outside the years 1-9999; ignored")
        return None


def _zone_from_gps(local: datetime, gps_utc: datetime) -> str | None:
    difference = local - gps_utc.replace(tzinfo=None)
    quarters = round(difference / timedelta(minutes=15))
    if abs(quarters) > 14 * 4:
        return None
    if abs(difference - quarters * timedelta(minutes=15)) > _GPS_ZONE_TOLERANCE:
        return None
    total = quarters * 15
    sign = "-" if total < 0 else "+"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def _history_actions(xmp: dict[str, XmpValue]) -> tuple[str, ...]:
    history = xmp.get("xmpMM:History")
    if not isinstance(history, list):
        return ()
    actions: list[str] = []
    for event in history:
        if isinstance(event, dict):
            action = event.get("stEvt:action")
            if isinstance(action, str):
                actions.append(action)
    return tuple(actions)


@functools.cache
def _summary_hints() -> tuple[tuple[str, str], ...]:
    """(field name, type hint as text) of every summary field, resolved once: resolving them
    for each photo took most of the 20 s that gathering a 20,000-photo case took."""
    hints = typing.get_type_hints(PhotoSummary)
    return tuple((item.name, str(hints[item.name])) for item in dataclasses.fields(PhotoSummary))


def summary_from_dict(data: dict[str, object]) -> PhotoSummary:
    """Rebuild a summary from its stored JSON form (datetimes as ISO text, the zone source as text).

    Unknown keys are ignored and missing ones take their defaults, so summaries stored by an
    older reader still load.
    """
    values: dict[str, object] = {}
    for name, hint in _summary_hints():
        if name not in data:
            continue
        value = data[name]
        if value is None:
            values[name] = None
        elif "datetime" in hint and isinstance(value, str):
            values[name] = datetime.fromisoformat(value)
        elif name == "capture_tz_source" and isinstance(value, str):
            values[name] = TimeZoneSource(value)
        elif "tuple" in hint and isinstance(value, list):
            values[name] = tuple(value)
        else:
            values[name] = value
    return PhotoSummary(**values)  # type: ignore[arg-type]
