"""Find the metadata blocks inside each container format without decoding pixels.

One pass over the structure of a JPEG (markers), PNG (chunks), WebP (RIFF chunks) or ISO-BMFF
(top-level boxes) collects: the EXIF blob (TIFF-structured), XMP packets, the IPTC IIM block,
JPEG quantization tables, pixel dimensions, and whether a C2PA (JUMBF) store is embedded. HEIC and
AVIF item data is reached through pillow-heif and Pillow (see ``metadata.py``); this module only
reads their box list.

A JPEG walk stops at the first scan (SOS): everything metadata-related comes before it, which is
what makes a metadata-only re-scan cheap (the caller may pass just the file's head).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Final

__all__ = ["Container", "JpegFrame", "read_container"]

_EXIF_HEADER: Final = b"Exif\0\0"
_XMP_HEADER: Final = b"http://ns.adobe.com/xap/1.0/\0"
_XMP_EXT_HEADER: Final = b"http://ns.adobe.com/xmp/extension/\0"
_PHOTOSHOP_HEADER: Final = b"Photoshop 3.0\0"
_C2PA_UUID: Final = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
# Compressed XMP can be tiny and inflate to gigabytes; no real packet needs more than this, and it
# bounds all the XMP chunks of one PNG together (a 650 KB file of 40 chunks held 656 MiB before).
_MAX_INFLATE: Final = 16 * 1024 * 1024

_SOF_MARKERS: Final = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_SOF_NAMES: Final[dict[int, str]] = {
    0xC0: "baseline",
    0xC1: "extended sequential",
    0xC2: "progressive",
    0xC3: "lossless",
}


@dataclass(frozen=True, slots=True)
class JpegFrame:
    """The JPEG frame header (SOF): coding process, precision, size and components."""

    process: str
    precision: int
    width: int
    height: int
    components: int


@dataclass(slots=True)
class Container:
    """Metadata blocks found in one file's structure (mutable while being filled).

    Attributes:
        exif: The TIFF-structured EXIF blob, or None.
        exif_offset: Where ``exif`` starts in the file (to turn EXIF offsets into file offsets).
        xmp: XMP packets in file order (main packet first; JPEG extended XMP reassembled).
        iptc: The raw IPTC IIM datasets, or None.
        quant_tables: JPEG quantization tables by table id, in zig-zag order as stored.
        frame: The JPEG frame header, when the file is a JPEG.
        width: Pixel width from the container header, or None.
        height: Pixel height, or None.
        c2pa: Where an embedded C2PA manifest store was found ("APP11", "caBX", ...), or "".
        has_icc: Whether an ICC colour profile is embedded.
        warnings: Structural problems found (truncation, malformed segments).
    """

    exif: bytes | None = None
    exif_offset: int = 0
    xmp: list[bytes] = field(default_factory=list)
    iptc: bytes | None = None
    quant_tables: dict[int, tuple[int, ...]] = field(default_factory=dict)
    frame: JpegFrame | None = None
    width: int | None = None
    height: int | None = None
    c2pa: str = ""
    has_icc: bool = False
    warnings: list[str] = field(default_factory=list)


def read_container(data: bytes, fmt: str, *, complete: bool = True) -> Container:
    """Collect metadata blocks from ``data`` according to its sniffed format.

    Args:
        data: The file's bytes, or its head when ``complete`` is False.
        fmt: The format chosen by :func:`verifier.intake.sniff.sniff`.
        complete: Whether ``data`` is the whole file (enables end-of-file checks).

    Returns:
        What was found; problems are in ``warnings``. Never raises on malformed data.
    """
    result = Container()
    if fmt == "jpeg":
        _walk_jpeg(data, result, complete=complete)
    elif fmt == "png":
        _walk_png(data, result)
    elif fmt == "webp":
        _walk_webp(data, result)
    elif fmt in ("heic", "heif", "avif"):
        _walk_bmff(data, result)
    return result


def _walk_jpeg(data: bytes, out: Container, *, complete: bool) -> None:
    size = len(data)
    pos = 2
    extended: dict[bytes, tuple[int, dict[int, bytes]]] = {}
    while True:
        # Markers may be preceded by any number of 0xFF fill bytes (T.81 B.1.1.2).
        while pos < size and data[pos] == 0xFF and pos + 1 < size and data[pos + 1] == 0xFF:
            pos += 1
        if pos + 4 > size:
            out.warnings.append("JPEG ends inside its header segments: the file is truncated")
            break
        if data[pos] != 0xFF:
            out.warnings.append(f"JPEG marker expected at byte {pos}, found 0x{data[pos]:02X}; walk stopped")
            break
        marker = data[pos + 1]
        if marker == 0xD9:
            out.warnings.append("JPEG ends (EOI) before any image data")
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            pos += 2  # standalone markers carry no length
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2:
            out.warnings.append(f"JPEG segment 0x{marker:02X} at byte {pos} has a bad length {length}")
            break
        start, end = pos + 4, pos + 2 + length
        if end > size:
            out.warnings.append(
                f"JPEG segment 0x{marker:02X} at byte {pos} runs past the end of the data: "
                "the file is truncated"
            )
            break
        if marker == 0xDA:
            break
        payload = data[start:end]
        if marker == 0xE1:
            _jpeg_app1(payload, start, out, extended)
        elif marker == 0xED and payload.startswith(_PHOTOSHOP_HEADER):
            iptc = _photoshop_iptc(payload[len(_PHOTOSHOP_HEADER) :])
            if iptc is not None and out.iptc is None:
                out.iptc = iptc
        elif marker == 0xEB and payload[:2] == b"JP" and b"jumb" in payload[:64] and b"c2pa" in payload[:128]:
            out.c2pa = "APP11"
        elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0"):
            out.has_icc = True
        elif marker == 0xDB:
            _jpeg_dqt(payload, out)
        elif marker in _SOF_MARKERS and out.frame is None and len(payload) >= 6:
            precision, height, width, components = struct.unpack_from(">BHHB", payload)
            process = _SOF_NAMES.get(marker, f"SOF{marker - 0xC0}")
            out.frame = JpegFrame(process, precision, width, height, components)
            out.width, out.height = width, height
        pos = end
    for _guid, (full, parts) in extended.items():
        joined = b"".join(parts[k] for k in sorted(parts))
        if len(joined) == full:
            out.xmp.append(joined)
        else:
            out.warnings.append("extended XMP is incomplete (a part is missing); ignored")
    # A complete JPEG ends with EOI; camera files sometimes add a few padding bytes after it.
    if complete and out.frame is not None and b"\xff\xd9" not in data[-32:]:
        out.warnings.append("JPEG has no end-of-image marker: the file is probably truncated")


def _jpeg_app1(
    payload: bytes, start: int, out: Container, extended: dict[bytes, tuple[int, dict[int, bytes]]]
) -> None:
    if payload.startswith(_EXIF_HEADER) or payload.startswith(b"Exif\0\xff"):
        if out.exif is None:
            out.exif = payload[6:]
            out.exif_offset = start + 6
        else:
            out.warnings.append("JPEG has more than one EXIF segment; only the first was read")
    elif payload.startswith(_XMP_HEADER):
        out.xmp.insert(0, payload[len(_XMP_HEADER) :])
    elif payload.startswith(_XMP_EXT_HEADER):
        body = payload[len(_XMP_EXT_HEADER) :]
        if len(body) >= 40:
            guid = body[:32]
            full, offset = struct.unpack_from(">II", body, 32)
            if full <= _MAX_INFLATE:
                entry = extended.setdefault(guid, (full, {}))
                entry[1][offset] = body[40:]


def _jpeg_dqt(payload: bytes, out: Container) -> None:
    pos = 0
    while pos < len(payload):
        info = payload[pos]
        precision, table_id = info >> 4, info & 0x0F
        pos += 1
        count = 128 if precision else 64
        if pos + count > len(payload):
            out.warnings.append("JPEG quantization table is truncated")
            return
        if precision:
            values = struct.unpack_from(">64H", payload, pos)
        else:
            values = tuple(payload[pos : pos + 64])
        out.quant_tables[table_id] = tuple(values)
        pos += count


def _photoshop_iptc(irb: bytes) -> bytes | None:
    """Return resource 0x0404 (IPTC IIM) from a Photoshop image-resource block."""
    pos = 0
    while pos + 12 <= len(irb):
        if irb[pos : pos + 4] != b"8BIM":
            return None
        (resource,) = struct.unpack_from(">H", irb, pos + 4)
        name_len = irb[pos + 6]
        name_total = name_len + 1 + ((name_len + 1) & 1)  # Pascal string padded to even
        size_at = pos + 6 + name_total
        if size_at + 4 > len(irb):
            return None
        (size,) = struct.unpack_from(">I", irb, size_at)
        data_at = size_at + 4
        if resource == 0x0404:
            return irb[data_at : data_at + size]
        pos = data_at + size + (size & 1)
    return None


def photoshop_iptc(irb: bytes) -> bytes | None:
    """Return the IPTC IIM block from a Photoshop image-resource block (TIFF tag 0x8649).

    Args:
        irb: The resource block, starting with ``8BIM``.

    Returns:
        The IIM bytes, or None when there are none.
    """
    return _photoshop_iptc(irb)


def _walk_png(data: bytes, out: Container) -> None:
    pos = 8
    size = len(data)
    while pos + 8 <= size:
        length, kind = struct.unpack_from(">I4s", data, pos)
        start, end = pos + 8, pos + 8 + length
        if end > size:
            out.warnings.append(f"PNG chunk {kind!r} runs past the end of the data; the file is truncated")
            return
        if kind == b"IHDR" and length >= 8:
            out.width, out.height = struct.unpack_from(">II", data, start)
        elif kind == b"eXIf":
            chunk = data[start:end]
            out.exif = chunk[6:] if chunk.startswith(_EXIF_HEADER) else chunk
            out.exif_offset = start + (6 if chunk.startswith(_EXIF_HEADER) else 0)
        elif kind in (b"iTXt", b"zTXt", b"tEXt"):
            _png_text(kind, data[start:end], out)
        elif kind == b"caBX":
            out.c2pa = "caBX"
        elif kind == b"iCCP":
            out.has_icc = True
        elif kind == b"IEND":
            return
        pos = end + 4  # skip the CRC
    out.warnings.append("PNG has no IEND chunk: the file is probably truncated")


def _png_text(kind: bytes, chunk: bytes, out: Container) -> None:
    keyword, _sep, rest = chunk.partition(b"\0")
    if keyword != b"XML:com.adobe.xmp":
        return
    budget = _MAX_INFLATE - sum(len(packet) for packet in out.xmp)
    if budget <= 0:
        out.warnings.append(f"PNG has more than {_MAX_INFLATE >> 20} MiB of XMP; the rest was ignored")
        return
    try:
        if kind == b"iTXt":
            compressed = rest[:1] == b"\x01"
            # compression flag, method, language tag\0, translated keyword\0, text
            _lang, _s1, after = rest[2:].partition(b"\0")
            _translated, _s2, text = after.partition(b"\0")
            out.xmp.append(_inflate(text, budget) if compressed else text)
        elif kind == b"zTXt":
            out.xmp.append(_inflate(rest[1:], budget))
        else:
            out.xmp.append(rest)
    except zlib.error:
        out.warnings.append("PNG XMP chunk is not valid zlib data; ignored")
    except ValueError as exc:
        out.warnings.append(f"PNG XMP chunk ignored: {exc}")


def _inflate(data: bytes, limit: int = _MAX_INFLATE) -> bytes:
    inflater = zlib.decompressobj()
    result = inflater.decompress(data, limit)
    if inflater.unconsumed_tail:
        raise ValueError(f"the file's XMP inflates beyond {_MAX_INFLATE >> 20} MiB")
    return result


def _walk_webp(data: bytes, out: Container) -> None:
    size = min(len(data), 8 + struct.unpack_from("<I", data, 4)[0]) if len(data) >= 12 else 0
    if size < len(data) - 1:
        out.warnings.append("WebP has data after its RIFF container")
    pos = 12
    while pos + 8 <= size:
        kind, length = struct.unpack_from("<4sI", data, pos)
        start, end = pos + 8, pos + 8 + length
        if end > len(data):
            out.warnings.append(f"WebP chunk {kind!r} runs past the end of the data; the file is truncated")
            return
        chunk = data[start:end]
        if kind == b"VP8X" and length >= 10:
            out.width = 1 + int.from_bytes(chunk[4:7], "little")
            out.height = 1 + int.from_bytes(chunk[7:10], "little")
        elif kind == b"VP8 " and length >= 10 and out.width is None:
            if chunk[3:6] == b"\x9d\x01\x2a":
                w, h = struct.unpack_from("<HH", chunk, 6)
                out.width, out.height = w & 0x3FFF, h & 0x3FFF
        elif kind == b"VP8L" and length >= 5 and out.width is None and chunk[0] == 0x2F:
            bits = int.from_bytes(chunk[1:5], "little")
            out.width, out.height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        elif kind == b"EXIF":
            skip = 6 if chunk.startswith(_EXIF_HEADER) else 0
            out.exif = chunk[skip:]
            out.exif_offset = start + skip
        elif kind == b"XMP ":
            out.xmp.append(chunk)
        elif kind == b"C2PA":
            out.c2pa = "C2PA chunk"
        elif kind == b"ICCP":
            out.has_icc = True
        pos = end + (length & 1)  # chunks are padded to even sizes


def _walk_bmff(data: bytes, out: Container) -> None:
    pos = 0
    size = len(data)
    while pos + 8 <= size:
        box_size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if box_size == 1 and pos + 16 <= size:
            (box_size,) = struct.unpack_from(">Q", data, pos + 8)
            header = 16
        elif box_size == 0:
            box_size = size - pos
        if box_size < header:
            out.warnings.append(f"ISO media box {kind!r} at byte {pos} has a bad size {box_size}")
            return
        if kind == b"uuid" and data[pos + header : pos + header + 16] == _C2PA_UUID:
            out.c2pa = "uuid box"
        pos += box_size
    if pos > size:
        out.warnings.append("ISO media file ends inside a box: the file is truncated")
