"""Parse IPTC IIM (the legacy newsroom caption block) into ExifTool-named fields.

Agencies still fill IIM through Photo Mechanic and Photoshop: by-line, credit, caption, dates and
location. The block is a flat list of datasets ``0x1C record dataset length value``; records 1
(envelope: the character set) and 2 (application: everything editorial) are read.
"""

from __future__ import annotations

import struct
from typing import Final

__all__ = ["parse_iptc"]

# Record 2 dataset numbers and their ExifTool names (IPTC IIM 4.2).
_RECORD2: Final[dict[int, str]] = {
    0: "ApplicationRecordVersion",
    5: "ObjectName",
    7: "EditStatus",
    10: "Urgency",
    12: "SubjectReference",
    15: "Category",
    20: "SupplementalCategories",
    22: "FixtureIdentifier",
    25: "Keywords",
    26: "ContentLocationCode",
    27: "ContentLocationName",
    40: "SpecialInstructions",
    55: "DateCreated",
    60: "TimeCreated",
    62: "DigitalCreationDate",
    63: "DigitalCreationTime",
    65: "OriginatingProgram",
    70: "ProgramVersion",
    80: "By-line",
    85: "By-lineTitle",
    90: "City",
    92: "Sub-location",
    95: "Province-State",
    100: "Country-PrimaryLocationCode",
    101: "Country-PrimaryLocationName",
    103: "OriginalTransmissionReference",
    105: "Headline",
    110: "Credit",
    115: "Source",
    116: "CopyrightNotice",
    118: "Contact",
    120: "Caption-Abstract",
    122: "Writer-Editor",
}
# Datasets the standard allows to repeat; always returned as lists so consumers need no guessing.
_REPEATABLE: Final = frozenset({12, 20, 25, 26, 27, 80, 85, 118, 122})
_UTF8_ESCAPE: Final = b"\x1b%G"


def parse_iptc(block: bytes) -> tuple[dict[str, str | list[str]], list[str]]:
    """Parse an IPTC IIM block.

    Args:
        block: The IIM bytes (Photoshop resource 0x0404, or TIFF tag 0x83BB).

    Returns:
        Fields keyed by ExifTool's names (``By-line``, ``Credit``, ``Caption-Abstract``...), and
        warnings. Malformed data ends the walk with a warning; it never raises.
    """
    fields: dict[str, str | list[str]] = {}
    warnings: list[str] = []
    raw: list[tuple[int, int, bytes]] = []
    utf8 = False
    pos = 0
    size = len(block)
    while pos + 5 <= size:
        if block[pos] != 0x1C:
            if block[pos:].strip(b"\0"):
                warnings.append(f"IPTC data is malformed at byte {pos}; the rest was ignored")
            break
        record, dataset = block[pos + 1], block[pos + 2]
        (length,) = struct.unpack_from(">H", block, pos + 3)
        pos += 5
        if length & 0x8000:
            # Extended dataset: the low bits give how many bytes hold the real length.
            width = length & 0x7FFF
            if width > 4 or pos + width > size:
                warnings.append("IPTC extended dataset length is invalid; the rest was ignored")
                break
            length = int.from_bytes(block[pos : pos + width], "big")
            pos += width
        if pos + length > size:
            warnings.append(f"IPTC dataset {record}:{dataset} runs past the end of the block; ignored")
            break
        value = block[pos : pos + length]
        pos += length
        if record == 1 and dataset == 90:
            utf8 = value.startswith(_UTF8_ESCAPE)
        elif record == 2:
            raw.append((record, dataset, value))
    for _record, dataset, value in raw:
        name = _RECORD2.get(dataset, f"IPTC2-{dataset}")
        if dataset == 0:
            text = str(int.from_bytes(value, "big"))
        else:
            text = _decode(value, utf8)
        if dataset in _REPEATABLE:
            existing = fields.setdefault(name, [])
            if isinstance(existing, list):
                existing.append(text)
        else:
            fields[name] = text
    return fields, warnings


def _decode(value: bytes, utf8: bool) -> str:
    value = value.split(b"\0", 1)[0]
    if utf8:
        return value.decode("utf-8", "replace").strip()
    try:
        # Without the UTF-8 escape, modern tools still often write UTF-8; older ones Latin-1.
        return value.decode("utf-8").strip()
    except UnicodeDecodeError:
        return value.decode("latin-1").strip()
