"""Devices: the same camera behind sources recorded as independent, or many cameras behind one.

Two identifiers tie a file to a device or an exposure:

- **BodySerialNumber** (or the DNG CameraSerialNumber) names one camera body. Keyed with the
  make and model, because serials are only unique within a maker. Placeholder values that
  some firmware writes ("0000000000", "0123456789", "unknown") are ignored.
- **ImageUniqueID** names one exposure: two files carrying the same one are the same original
  picture, wherever they came from. Matching it by pattern (a shared prefix) is left out: the
  formats are the vendors' own, and some prefixes name a sensor module that every phone of a
  model shares, so a prefix match would tie strangers together.

Either shared by two sources not recorded as related means they are not independent: they
share a camera, or one passed on the other's pictures. The corroboration count treats them as
one origin whatever the relationship records say.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from verifier.crossref._unionfind import UnionFind
from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import PhotoInput
from verifier.domain import Source, SourceRelationship
from verifier.intake.summary import PhotoSummary

__all__ = [
    "MANY_DEVICES",
    "SharedDevice",
    "check_devices",
    "device_label",
    "relationship_groups",
    "serial_key",
    "shared_devices",
]

MANY_DEVICES: Final = 3
"""Distinct cameras among one source's photos from which the finding becomes a warning: an
eyewitness shooting their own pictures uses a phone, maybe a camera too; three or more suggest
a collector passing on other people's pictures."""
_LISTED_PAIRS: Final = 10
"""Unrelated pairs of sources a shared-device finding names; the rest are counted. A camera
shared by 25 sources makes 300 pairs: the count says how many, the first few say who."""
_PLACEHOLDER_RE: Final = re.compile(
    r"^(?:(.)\1*|0?123456789|unknown|none|n/?a|serial ?number)$", re.IGNORECASE
)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def serial_key(summary: PhotoSummary) -> str | None:
    """A key naming the camera body, or None when there is no usable serial.

    Args:
        summary: The photo's summary.

    Returns:
        "make|model|serial", lower-cased, or None for missing or placeholder serials.
    """
    serial = _clean(summary.body_serial_number)
    if len(serial) < 3 or _PLACEHOLDER_RE.match(serial):
        return None
    return f"{_clean(summary.make)}|{_clean(summary.model)}|{serial}"


def image_id_key(summary: PhotoSummary) -> str | None:
    """The ImageUniqueID, normalized, or None when missing or a placeholder (all zeros).

    Args:
        summary: The photo's summary.

    Returns:
        The lower-cased id, or None.
    """
    value = _clean(summary.image_unique_id).replace(" ", "")
    if len(value) < 8 or _PLACEHOLDER_RE.match(value):
        return None
    return value


def device_label(summary: PhotoSummary) -> str:
    """'Canon EOS 80D' (the model alone when it already names the maker).

    Args:
        summary: The photo's summary.

    Returns:
        A readable device name, "an unknown camera" when neither tag is present.
    """
    make, model = (summary.make or "").strip(), (summary.model or "").strip()
    if model and make and model.lower().startswith(make.split()[0].lower()):
        return model
    return " ".join(part for part in (make, model) if part) or "an unknown camera"


@dataclass(frozen=True)
class SharedDevice:
    """Photos from more than one source that carry the same serial or ImageUniqueID.

    Attributes:
        kind: "serial" (one camera body) or "image_unique_id" (one exposure).
        key: The normalized identifier.
        label: The device as an editor reads it.
        evidence_ids: The photos, in id order.
        source_ids: Their submitters, in id order.
    """

    kind: str
    key: str
    label: str
    evidence_ids: tuple[int, ...]
    source_ids: tuple[int, ...]


def shared_devices(photos: Sequence[PhotoInput]) -> list[SharedDevice]:
    """Serials and ImageUniqueIDs found in photos from two or more known submitters.

    Args:
        photos: The photos.

    Returns:
        One entry per shared identifier, serials first, then by key.
    """
    groups: dict[tuple[str, str], list[PhotoInput]] = {}
    for photo in photos:
        if photo.submitted_by is None:
            continue
        serial = serial_key(photo.summary)
        if serial is not None:
            groups.setdefault(("serial", serial), []).append(photo)
        unique = image_id_key(photo.summary)
        if unique is not None:
            groups.setdefault(("image_unique_id", unique), []).append(photo)
    shared: list[SharedDevice] = []
    for (kind, key), members in sorted(groups.items()):
        sources = sorted({p.submitted_by for p in members if p.submitted_by is not None})
        if len(sources) < 2:
            continue
        members.sort(key=lambda p: p.evidence_id)
        shared.append(
            SharedDevice(
                kind,
                key,
                device_label(members[0].summary),
                tuple(p.evidence_id for p in members),
                tuple(sources),
            )
        )
    return shared


def relationship_groups(relationships: Iterable[SourceRelationship]) -> UnionFind[int]:
    """Sources joined by any recorded relationship (friend, relative, ... same device).

    Args:
        relationships: The recorded relationships.

    Returns:
        A union-find over source ids.
    """
    groups: UnionFind[int] = UnionFind()
    for relationship in relationships:
        groups.union(relationship.source_id, relationship.other_source_id)
    return groups


def check_devices(
    photos: Sequence[PhotoInput],
    sources: Sequence[Source] = (),
    relationships: Sequence[SourceRelationship] = (),
    *,
    shared: Sequence[SharedDevice] | None = None,
) -> list[Finding]:
    """Run the device rules.

    Args:
        photos: The case's photos.
        sources: Sources, to name them by alias.
        relationships: Recorded relationships between sources.
        shared: Precomputed :func:`shared_devices` (computed here when None).

    Returns:
        Shared-device findings, then per-source device counts, in a stable order.
    """
    if shared is None:
        shared = shared_devices(photos)
    aliases = {s.id: s.alias for s in sources}
    related = relationship_groups(relationships)
    findings: list[Finding] = []
    for device in shared:
        findings.append(_shared_finding(device, aliases, related))
    findings += _many_devices(photos, aliases)
    return findings


def _name(source_id: int, aliases: Mapping[int, str]) -> str:
    return aliases.get(source_id, f"source #{source_id}")


def _shared_finding(device: SharedDevice, aliases: Mapping[int, str], related: UnionFind[int]) -> Finding:
    # Pairs of sources in different relationship groups: all pairs less those inside a group,
    # counted without listing them (a shared serial can have hundreds of sources).
    group_sizes = Counter(related.find(s) for s in device.source_ids)
    unrelated_count = math.comb(len(device.source_ids), 2) - sum(
        math.comb(n, 2) for n in group_sizes.values()
    )
    unrelated = list(
        itertools.islice(
            ((a, b) for a, b in itertools.combinations(device.source_ids, 2) if not related.connected(a, b)),
            _LISTED_PAIRS,
        )
    )
    names = ", ".join(_name(s, aliases) for s in device.source_ids)
    photos = ", ".join(f"#{e}" for e in device.evidence_ids)
    what = (
        f"the same camera ({device.label}, serial number {device.key.rsplit('|', 1)[-1]})"
        if device.kind == "serial"
        else f"the same original exposure (ImageUniqueID {device.key}, {device.label})"
    )
    subjects = (*(("source", s) for s in device.source_ids), *(("evidence", e) for e in device.evidence_ids))
    numbers: dict[str, Number] = {
        "kind": device.kind,
        "identifier": device.key,
        "sources": len(device.source_ids),
        "photos": len(device.evidence_ids),
        "unrelated_pairs": unrelated_count,
    }
    if unrelated:
        pairs = "; ".join(f"{_name(a, aliases)} and {_name(b, aliases)}" for a, b in unrelated)
        if unrelated_count > len(unrelated):
            pairs += f" ({unrelated_count - len(unrelated):,} more pairs)"
        return Finding(
            f"devices.shared_{'camera' if device.kind == 'serial' else 'exposure'}_unrelated_sources",
            Severity.CONFLICT,
            subjects,
            f"Photos {photos}, from {names}, come from {what}, yet no relationship is recorded between "
            f"{pairs}. They share a camera or one passed on the other's pictures, so they are not "
            "independent origins (the corroboration count treats them as one). Record the relationship "
            "once you know it.",
            numbers,
        )
    return Finding(
        f"devices.shared_{'camera' if device.kind == 'serial' else 'exposure'}_related_sources",
        Severity.INFO,
        subjects,
        f"Photos {photos}, from {names}, come from {what}; these sources are recorded as related, "
        "which is consistent.",
        numbers,
    )


def _many_devices(photos: Sequence[PhotoInput], aliases: Mapping[int, str]) -> Iterable[Finding]:
    by_source: dict[int, list[PhotoInput]] = {}
    for photo in photos:
        if photo.submitted_by is not None and (photo.summary.make or photo.summary.model):
            by_source.setdefault(photo.submitted_by, []).append(photo)
    for source_id in sorted(by_source):
        models: dict[tuple[str, str], set[str]] = {}
        labels: dict[tuple[str, str], str] = {}
        for photo in by_source[source_id]:
            model = (_clean(photo.summary.make), _clean(photo.summary.model))
            models.setdefault(model, set())
            labels.setdefault(model, device_label(photo.summary))
            serial = serial_key(photo.summary)
            if serial is not None:
                models[model].add(serial)
        # Photos of one model without a serial may come from any of its bodies: count at least one.
        count = sum(max(1, len(serials)) for serials in models.values())
        if count < 2:
            continue
        listed = ", ".join(
            labels[m] + (f" ({len(s)} bodies)" if len(s) > 1 else "") for m, s in sorted(models.items())
        )
        severity = Severity.WARNING if count >= MANY_DEVICES else Severity.INFO
        yield Finding(
            "devices.several_devices",
            severity,
            (
                ("source", source_id),
                *(p.subject for p in sorted(by_source[source_id], key=lambda p: p.evidence_id)),
            ),
            f"{_name(source_id, aliases)}'s {len(by_source[source_id])} photos come from {count} different "
            f"devices: {listed}. "
            + (
                "Someone who took the pictures themselves usually has one or two; ask whether they collected "
                "some from others."
                if severity is Severity.WARNING
                else "A phone and a camera, or a new phone, explain this; ask who took each picture."
            ),
            {"devices": count, "photos": len(by_source[source_id]), "threshold_warning": MANY_DEVICES},
        )
