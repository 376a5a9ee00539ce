"""Time rules: when was the picture taken, in UTC, and does that fit the claim and the receipt?

The capture instant comes from DateTimeOriginal, a wall-clock time, plus a time zone taken from,
in order of trust:

1. OffsetTimeOriginal, written by the camera with the picture (exact);
2. the GPS position: the IANA zone there (timezonefinder) and its UTC offset on that date
   (zoneinfo), exact unless the time falls in a daylight-saving change hour;
3. the GPS UTC time stamp against the wall clock (intake's ``GPS_TIME``: a whole number of
   quarter hours apart);
4. nothing: the zone is unknown, so the instant lies anywhere from 14 hours before to 12 hours
   after the wall-clock reading taken as UTC (offsets in use run from UTC-12 to UTC+14); every
   comparison is widened by that much and says so.

Camera clocks can also simply be wrong (never set, left on another zone): the explanations say
so when it matters, because a finding must not sound more certain than it is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from verifier.crossref import _text
from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import ClaimInput, PhotoInput
from verifier.crossref.zones import ZoneLookup, format_offset, offsets_at, zone_at
from verifier.domain import EvidenceRelation, Interval
from verifier.intake.summary import TimeZoneSource

__all__ = [
    "CAPTURE_AFTER_RECEIPT_TOLERANCE",
    "LONG_DELAY",
    "MODIFIED_TOLERANCE",
    "CaptureTime",
    "ZoneBasis",
    "capture_time",
    "check_time",
]

LONG_DELAY: Final = timedelta(days=30)
"""Capture-to-receipt delay above which a photo is flagged: eyewitness material usually
arrives within days; a month-old picture presented as news is the classic recycling pattern."""
CAPTURE_AFTER_RECEIPT_TOLERANCE: Final = timedelta(minutes=10)
"""Camera clocks drift by minutes; a capture later than receipt by more than this is impossible
as recorded (the clock is wrong or the date was edited)."""
MODIFIED_TOLERANCE: Final = timedelta(seconds=60)
"""Cameras write DateTime and DateTimeOriginal together (phones processing HDR may differ by a
few seconds); a later DateTime beyond a minute means the file was written again afterwards."""
_SAME_DAY: Final = timedelta(days=1)
# Offsets in use run from UTC-12:00 (Baker Island) to UTC+14:00 (Line Islands).
_MOST_WEST: Final = timedelta(hours=-12)
_MOST_EAST: Final = timedelta(hours=14)
_TIMED_RELATIONS: Final = frozenset({EvidenceRelation.SUPPORTS, EvidenceRelation.CHRONOLOCATES})


class ZoneBasis(enum.StrEnum):
    """Where the capture's UTC offset came from."""

    OFFSET_TAG = "offset_tag"
    GPS_POSITION = "gps_position"
    GPS_TIME = "gps_time"
    UNKNOWN = "unknown"

    @property
    def wording(self) -> str:
        """How explanations name the basis."""
        return _BASIS_WORDING[self]


_BASIS_WORDING: Final = {
    ZoneBasis.OFFSET_TAG: "time zone from the camera's OffsetTimeOriginal tag",
    ZoneBasis.GPS_POSITION: "time zone inferred from the GPS position",
    ZoneBasis.GPS_TIME: "time zone inferred from the GPS UTC time stamp",
    ZoneBasis.UNKNOWN: "time zone unknown",
}


@dataclass(frozen=True)
class CaptureTime:
    """A photo's capture instant as a UTC range, with how the range was obtained.

    Attributes:
        local: DateTimeOriginal, the camera's wall-clock time (naive).
        earliest: Earliest possible instant (aware, UTC).
        latest: Latest possible instant (aware, UTC); equal to ``earliest`` when exact.
        basis: Where the offset came from.
        offset: The offset used ("+03:00"), when a single one applies.
        zone: The IANA zone at the GPS position, when looked up.
        position_offsets: The offsets in force in ``zone`` at that wall-clock time.
        reported_offset: The offset the file itself gives (tag, or GPS stamp), when any.
    """

    local: datetime
    earliest: datetime
    latest: datetime
    basis: ZoneBasis
    offset: str | None = None
    zone: str | None = None
    position_offsets: tuple[timedelta, ...] = ()
    reported_offset: str | None = None

    @property
    def exact(self) -> bool:
        """True when the instant is known (no zone uncertainty)."""
        return self.earliest == self.latest

    @property
    def uncertainty(self) -> timedelta:
        """Width of the range."""
        return self.latest - self.earliest

    def describe(self) -> str:
        """'2019-02-21 10:12 UTC (13:12 local, +03:00, time zone from ...)' or the range.

        Returns:
            Plain language for explanations.
        """
        local = self.local.strftime("%Y-%m-%d %H:%M")
        if self.exact:
            zone = f" {self.zone}" if self.basis is ZoneBasis.GPS_POSITION and self.zone else ""
            return (
                f"{_text.utc(self.earliest)} (camera clock {local}, UTC{self.offset}{zone}; "
                f"{self.basis.wording})"
            )
        if self.basis is ZoneBasis.UNKNOWN:
            return (
                f"at camera-clock time {local} with no known time zone, so anywhere from "
                f"{_text.utc(self.earliest)} to {_text.utc(self.latest)} (UTC-12 to UTC+14)"
            )
        return (
            f"at camera-clock time {local} in {self.zone}, which that night had two possible "
            f"offsets (a daylight-saving change): {_text.utc(self.earliest)} or {_text.utc(self.latest)}"
        )

    def numbers(self) -> dict[str, Number]:
        """The range for a finding's ``numbers``.

        Returns:
            capture_earliest_utc, capture_latest_utc, capture_zone_basis, capture_offset.
        """
        return {
            "capture_earliest_utc": self.earliest.isoformat(),
            "capture_latest_utc": self.latest.isoformat(),
            "capture_zone_basis": self.basis.value,
            "capture_offset": self.offset,
        }


def _offset_delta(text: str) -> timedelta:
    sign = -1 if text.startswith("-") else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def capture_time(photo: PhotoInput, zone_lookup: ZoneLookup = zone_at) -> CaptureTime | None:
    """Work out a photo's capture instant in UTC, or the range it must lie in.

    Args:
        photo: The photo.
        zone_lookup: (latitude, longitude) -> IANA zone; the default uses timezonefinder.

    Returns:
        The capture time, or None when the photo has no DateTimeOriginal.
    """
    summary = photo.summary
    local = summary.capture_local
    if local is None:
        return None
    local = local.replace(tzinfo=None)
    zone: str | None = None
    position_offsets: tuple[timedelta, ...] = ()
    if summary.gps_latitude is not None and summary.gps_longitude is not None:
        zone = zone_lookup(summary.gps_latitude, summary.gps_longitude)
        if zone is not None:
            position_offsets = offsets_at(zone, local) or ()
    reported = summary.capture_offset if summary.capture_tz_source is not TimeZoneSource.UNKNOWN else None

    if summary.capture_tz_source is TimeZoneSource.OFFSET_TAG and summary.capture_offset:
        moment = _at(local, _offset_delta(summary.capture_offset))
        return CaptureTime(
            local,
            moment,
            moment,
            ZoneBasis.OFFSET_TAG,
            summary.capture_offset,
            zone,
            position_offsets,
            reported,
        )
    if position_offsets:
        # UTC = local - offset: the largest offset gives the earliest instant.
        earliest, latest = _at(local, position_offsets[-1]), _at(local, position_offsets[0])
        offset = format_offset(position_offsets[0]) if len(position_offsets) == 1 else None
        return CaptureTime(
            local, earliest, latest, ZoneBasis.GPS_POSITION, offset, zone, position_offsets, reported
        )
    if summary.capture_tz_source is TimeZoneSource.GPS_TIME and summary.capture_offset:
        moment = _at(local, _offset_delta(summary.capture_offset))
        return CaptureTime(
            local,
            moment,
            moment,
            ZoneBasis.GPS_TIME,
            summary.capture_offset,
            zone,
            position_offsets,
            reported,
        )
    return CaptureTime(
        local, _at(local, _MOST_EAST), _at(local, _MOST_WEST), ZoneBasis.UNKNOWN, None, zone, (), None
    )


def _at(local: datetime, offset: timedelta) -> datetime:
    return (local - offset).replace(tzinfo=UTC)


def check_time(
    photos: Sequence[PhotoInput],
    claims: Sequence[ClaimInput] = (),
    *,
    zone_lookup: ZoneLookup = zone_at,
    long_delay: timedelta = LONG_DELAY,
    captures: Mapping[int, CaptureTime | None] | None = None,
) -> list[Finding]:
    """Run every time rule.

    Per photo: time zone unknown or in disagreement with the position; DateTime later than
    DateTimeOriginal; capture after receipt; a long delay between capture and receipt.
    Per claim-photo link: capture time against the claim's interval.

    Args:
        photos: The case's photos.
        claims: The case's claims (only their photo links and intervals are used).
        zone_lookup: Position -> IANA zone.
        long_delay: Capture-to-receipt delay above which a warning is given.
        captures: Precomputed :func:`capture_time` by evidence id (the engine shares them
            with the sun rule); computed here when None.

    Returns:
        Findings, photos in id order, then claims in id order.
    """
    if captures is None:
        captures = {p.evidence_id: capture_time(p, zone_lookup) for p in photos}
    findings: list[Finding] = []
    by_id = {p.evidence_id: p for p in photos}
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        capture = captures.get(photo.evidence_id)
        findings += _photo_findings(photo, capture, long_delay)
    for claim in sorted(claims, key=lambda c: c.id):
        interval = claim.claim.when
        if interval is None:
            continue
        for link in sorted(claim.evidence, key=lambda link: (link.evidence_id, link.relation.value)):
            linked = by_id.get(link.evidence_id)
            if linked is not None:
                findings += _against_claim(
                    linked, captures.get(link.evidence_id), claim, interval, link.relation
                )
    return findings


def _photo_findings(
    photo: PhotoInput, capture: CaptureTime | None, long_delay: timedelta
) -> Iterable[Finding]:
    subjects = (photo.subject,)
    if capture is not None and capture.basis is ZoneBasis.UNKNOWN:
        yield Finding(
            "time.zone_unknown",
            Severity.INFO,
            subjects,
            f"{photo.label}: the camera clock says {capture.local:%Y-%m-%d %H:%M} but the file gives no "
            "time zone (no OffsetTimeOriginal, no GPS position or time stamp), so the UTC instant is "
            f"uncertain by 26 hours: from {_text.utc(capture.earliest)} to {_text.utc(capture.latest)}. "
            "Time comparisons for this photo are widened by that much.",
            capture.numbers(),
        )
    if capture is not None:
        yield from _zone_mismatch(photo, capture)
        yield from _modified(photo, capture)
        if capture.earliest - photo.received_at > CAPTURE_AFTER_RECEIPT_TOLERANCE:
            ahead = capture.earliest - photo.received_at
            yield Finding(
                "time.capture_after_receipt",
                Severity.CONFLICT,
                subjects,
                f"{photo.label} says it was taken {capture.describe()}, {_text.duration(ahead)} after "
                f"the newsroom received it ({_text.utc(photo.received_at)}). That is impossible as "
                "recorded: the camera clock was wrong or the date was edited.",
                {
                    **capture.numbers(),
                    "received_at": photo.received_at.isoformat(),
                    "hours_after": _hours(ahead),
                },
            )
        delay = photo.received_at - capture.latest
        if delay > long_delay:
            yield Finding(
                "time.long_delay",
                Severity.WARNING,
                subjects,
                f"{photo.label} was received {_text.utc(photo.received_at)}, {delay.days} days after it "
                f"was taken ({capture.describe()}); the threshold is {long_delay.days} days. Old "
                "pictures are often passed on as new: ask the submitter where it comes from.",
                {
                    **capture.numbers(),
                    "received_at": photo.received_at.isoformat(),
                    "delay_days": round(delay / timedelta(days=1), 1),
                    "threshold_days": long_delay.days,
                },
            )


def _zone_mismatch(photo: PhotoInput, capture: CaptureTime) -> Iterable[Finding]:
    if capture.reported_offset is None or not capture.position_offsets:
        return
    reported = _offset_delta(capture.reported_offset)
    if reported in capture.position_offsets:
        return
    expected = " or ".join(format_offset(o) for o in capture.position_offsets)
    where = (
        "OffsetTimeOriginal tag"
        if photo.summary.capture_tz_source is TimeZoneSource.OFFSET_TAG
        else ("GPS time stamp against the camera clock")
    )
    yield Finding(
        "time.zone_mismatch",
        Severity.WARNING,
        (photo.subject,),
        f"{photo.label}: the {where} gives UTC{capture.reported_offset}, but its GPS position lies in "
        f"{capture.zone}, where the offset on {capture.local:%Y-%m-%d} was {expected}. The camera's "
        "clock was set for another zone, or the position or the time was changed afterwards.",
        {
            "reported_offset": capture.reported_offset,
            "position_zone": capture.zone,
            "position_offset": expected,
            "difference_hours": _hours(reported - capture.position_offsets[0]),
        },
    )


def _modified(photo: PhotoInput, capture: CaptureTime) -> Iterable[Finding]:
    summary = photo.summary
    if summary.modified_local is None:
        return
    # Both stamps come from the same clock; compare them in UTC only when both zones are known,
    # otherwise as wall-clock times (a camera writes both in its own zone).
    if summary.modified_utc is not None and capture.exact and capture.basis is ZoneBasis.OFFSET_TAG:
        difference = summary.modified_utc - capture.earliest
        modified_text = _text.utc(summary.modified_utc)
    else:
        difference = summary.modified_local.replace(tzinfo=None) - capture.local
        modified_text = f"{summary.modified_local:%Y-%m-%d %H:%M:%S}"
    numbers: dict[str, Number] = {
        "modified": modified_text,
        "captured": f"{capture.local:%Y-%m-%d %H:%M:%S}",
        "difference_hours": _hours(difference),
    }
    if difference > MODIFIED_TOLERANCE:
        yield Finding(
            "time.modified_after_capture",
            Severity.WARNING,
            (photo.subject,),
            f"{photo.label}: DateTime, the last time the file was written ({modified_text}), is "
            f"{_text.duration(difference)} after DateTimeOriginal, the capture "
            f"({capture.local:%Y-%m-%d %H:%M:%S}). Cameras write both at once, so software wrote the "
            "file again later: an edit, a rotation or an export. It says the file was re-saved, not "
            "what changed.",
            numbers,
        )
    elif difference < -MODIFIED_TOLERANCE:
        yield Finding(
            "time.modified_before_capture",
            Severity.INFO,
            (photo.subject,),
            f"{photo.label}: DateTime ({modified_text}) is {_text.duration(difference)} before "
            f"DateTimeOriginal ({capture.local:%Y-%m-%d %H:%M:%S}), which no camera writes: a tool set "
            "one of the dates, or the two were written in different time zones.",
            numbers,
        )


def _against_claim(
    photo: PhotoInput,
    capture: CaptureTime | None,
    claim: ClaimInput,
    interval: Interval,
    relation: EvidenceRelation,
) -> Iterable[Finding]:
    subjects = (photo.subject, claim.subject)
    period = (
        f"'{interval.label}' ({_text.utc(interval.start)} to {_text.utc(interval.end)})"
        if interval.label
        else (f"{_text.utc(interval.start)} to {_text.utc(interval.end)}")
    )
    claim_numbers: dict[str, Number] = {
        "claim_start_utc": interval.start.isoformat(),
        "claim_end_utc": interval.end.isoformat(),
        "relation": relation.value,
    }
    if capture is None:
        if relation in _TIMED_RELATIONS:
            yield Finding(
                "time.no_capture_time",
                Severity.INFO,
                subjects,
                f"{photo.label} is linked to {claim.label} as '{relation.value}' but has no capture time "
                "(no DateTimeOriginal), so when it was taken cannot be checked against the claimed "
                f"period {period}.",
                claim_numbers,
            )
        return
    numbers = {**capture.numbers(), **claim_numbers}
    widened = " even allowing for any time zone" if capture.basis is ZoneBasis.UNKNOWN else ""
    if capture.latest < interval.start or capture.earliest >= interval.end:
        before = capture.latest < interval.start
        gap = interval.start - capture.latest if before else capture.earliest - interval.end
        if relation in _TIMED_RELATIONS:
            severity = Severity.CONFLICT if gap >= _SAME_DAY else Severity.WARNING
        else:
            severity = Severity.INFO
        yield Finding(
            "time.capture_outside_claim",
            severity,
            subjects,
            f"{photo.label} was taken {capture.describe()}: {_text.duration(gap)} "
            f"{'before' if before else 'after'} the period of {claim.label}, {period}{widened}. It is "
            f"linked as '{relation.value}'. Camera clocks can be set wrong: compare with another photo "
            "from the same device if there is one.",
            {**numbers, "gap_hours": _hours(gap), "before_claim": before},
        )
    elif interval.start <= capture.earliest and capture.latest < interval.end:
        yield Finding(
            "time.capture_within_claim",
            Severity.INFO,
            subjects,
            f"{photo.label} was taken {capture.describe()}, within the period of {claim.label}, "
            f"{period}{widened}.",
            numbers,
        )
    else:
        yield Finding(
            "time.capture_uncertain",
            Severity.INFO,
            subjects,
            f"{photo.label} was taken {capture.describe()}. That range overlaps the period of "
            f"{claim.label}, {period}, without lying inside it: the photo may or may not have been "
            "taken then.",
            numbers,
        )


def _hours(span: timedelta) -> float:
    return round(span / timedelta(hours=1), 2)
