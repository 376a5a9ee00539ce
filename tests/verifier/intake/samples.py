"""Build test photos in memory: realistic EXIF through Pillow, and hand-made EXIF for bad cases.

Pillow writes what cameras write (IFD0, Exif IFD 0x8769, GPS IFD 0x8825); the small TIFF builder
below writes what Pillow refuses to (a thumbnail in IFD1, zero denominators, values pointing
outside the data, garbage after a NUL), byte for byte.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from PIL import Image, TiffImagePlugin

# Makhmour, Iraq: 35 deg 46' 28.2" N, 43 deg 35' 15" E  ->  35.7745, 43.5875
MAKHMOUR_LAT = (35, 46, 28.2)
MAKHMOUR_LON = (43, 35, 15)

ASCII, SHORT, LONG, RATIONAL, BYTE, UNDEFINED, SRATIONAL = 2, 3, 4, 5, 1, 7, 10


def picture(size: tuple[int, int] = (96, 64), *, seed: int = 3) -> Image.Image:
    """A small picture with structure, so perceptual hashes are meaningful."""
    width, height = size
    image = Image.new("RGB", size)
    pixels = [
        (
            (x * 255 // max(width - 1, 1) + seed * 17) % 256,
            (y * 255 // max(height - 1, 1)) % 256,
            ((x // 8 + y // 8) % 2) * 200,
        )
        for y in range(height)
        for x in range(width)
    ]
    image.putdata(pixels)
    return image


def phone_exif(
    *,
    offset: str | None = "+03:00",
    gps: bool = True,
    gps_time: tuple[str, tuple[float, float, float]] | None = ("2024:03:05", (11, 22, 9)),
    orientation: int = 1,
) -> Image.Exif:
    """EXIF as a phone writes it, through Pillow's writer."""
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13 Pro"
    exif[0x0131] = "17.3.1"
    exif[0x0132] = "2024:03:06 09:00:00"
    exif[0x0112] = orientation
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = "2024:03:05 14:22:09"
    ifd[0x9004] = "2024:03:05 14:22:09"
    ifd[0x9291] = "123"
    ifd[0x9290] = "5"
    if offset is not None:
        ifd[0x9011] = offset
        ifd[0x9010] = "+01:00"
    ifd[0xA431] = "SN-0042"
    ifd[0xA433] = "Apple"
    ifd[0xA434] = "iPhone 13 Pro back triple camera 5.7mm f/1.5"
    ifd[0xA435] = "LS-77"
    ifd[0xA420] = "0123456789ABCDEF0123456789ABCDEF"
    if gps:
        g = exif.get_ifd(0x8825)
        g[0x0001] = "N"
        g[0x0002] = MAKHMOUR_LAT
        g[0x0003] = "E"
        g[0x0004] = MAKHMOUR_LON
        g[0x0005] = b"\x00"
        g[0x0006] = TiffImagePlugin.IFDRational(2855, 10)
        g[0x0010] = "T"
        g[0x0011] = TiffImagePlugin.IFDRational(1234, 10)
        g[0x001F] = TiffImagePlugin.IFDRational(47, 10)
        if gps_time is not None:
            g[0x001D] = gps_time[0]
            g[0x0007] = gps_time[1]
    return exif


def save(image: Image.Image, fmt: str, **params: object) -> bytes:
    """Encode ``image`` with Pillow."""
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def insert_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """Insert an APPn segment right after SOI."""
    segment = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def iptc_app13(datasets: Sequence[tuple[int, int, bytes]]) -> bytes:
    """A Photoshop APP13 payload carrying an IPTC IIM block (resource 0x0404)."""
    iim = b"".join(bytes([0x1C, r, d]) + struct.pack(">H", len(v)) + v for r, d, v in datasets)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\0"
    return b"Photoshop 3.0\0" + resource


@dataclass
class Entry:
    """One IFD entry for the hand-made builder; ``value`` is packed according to ``type``."""

    tag: int
    type: int
    value: object
    count: int | None = None


@dataclass
class TiffSpec:
    """The IFDs to write. Pointers (0x8769, 0x8825, IFD1 link) are added by the builder."""

    ifd0: list[Entry] = field(default_factory=list)
    exif: list[Entry] = field(default_factory=list)
    gps: list[Entry] = field(default_factory=list)
    ifd1: list[Entry] = field(default_factory=list)
    thumbnail: bytes | None = None
    little_endian: bool = True


def build_exif(spec: TiffSpec) -> bytes:
    """Write a TIFF-structured EXIF blob byte for byte."""
    e = "<" if spec.little_endian else ">"
    header = (b"II" if spec.little_endian else b"MM") + struct.pack(e + "HI", 42, 8)

    def pack_value(entry: Entry) -> tuple[bytes, int]:
        v = entry.value
        if entry.type == ASCII:
            raw = v if isinstance(v, bytes) else str(v).encode() + b"\0"
            return raw, entry.count if entry.count is not None else len(raw)
        if entry.type in (BYTE, UNDEFINED):
            assert isinstance(v, bytes)
            return v, len(v)
        values = list(v) if isinstance(v, list | tuple) else [v]
        if entry.type in (RATIONAL, SRATIONAL):
            code = "I" if entry.type == RATIONAL else "i"
            pairs = cast("list[tuple[int, int]]", values)
            raw = b"".join(struct.pack(e + 2 * code, n, d) for n, d in pairs)
            return raw, len(values)
        code = {SHORT: "H", LONG: "I"}[entry.type]
        return b"".join(struct.pack(e + code, x) for x in values), len(values)

    def ifd_size(entries: list[Entry]) -> int:
        return 2 + 12 * len(entries) + 4

    ifd0 = list(spec.ifd0)
    if spec.exif:
        ifd0.append(Entry(0x8769, LONG, 0))
    if spec.gps:
        ifd0.append(Entry(0x8825, LONG, 0))
    ifd1 = list(spec.ifd1)
    if spec.thumbnail is not None:
        ifd1 += [Entry(0x0103, SHORT, 6), Entry(0x0201, LONG, 0), Entry(0x0202, LONG, len(spec.thumbnail))]
    tables = [("IFD0", ifd0), ("ExifIFD", list(spec.exif)), ("GPS", list(spec.gps)), ("IFD1", ifd1)]
    tables = [(n, t) for n, t in tables if t]
    # Lay out: header, then each IFD followed by its out-of-line data, then the thumbnail.
    offsets: dict[str, int] = {}
    pos = 8
    for name, entries in tables:
        offsets[name] = pos
        pos += ifd_size(entries)
        for entry in entries:
            raw, _count = pack_value(entry)
            if len(raw) > 4:
                pos += len(raw) + (len(raw) & 1)
    thumb_at = pos
    out = bytearray(header)
    for name, entries in tables:
        entries.sort(key=lambda x: x.tag)
        for entry in entries:
            if entry.tag == 0x8769 and "ExifIFD" in offsets:
                entry.value = offsets["ExifIFD"]
            elif entry.tag == 0x8825 and "GPS" in offsets:
                entry.value = offsets["GPS"]
            elif entry.tag == 0x0201 and name == "IFD1":
                entry.value = thumb_at
        data_at = offsets[name] + ifd_size(entries)
        body = bytearray(struct.pack(e + "H", len(entries)))
        extra = bytearray()
        for entry in entries:
            raw, count = pack_value(entry)
            if len(raw) <= 4:
                field_bytes = raw.ljust(4, b"\0")
            else:
                field_bytes = struct.pack(e + "I", data_at + len(extra))
                extra += raw + (b"\0" if len(raw) & 1 else b"")
            body += struct.pack(e + "HHI", entry.tag, entry.type, count) + field_bytes
        is_ifd0 = name == "IFD0"
        next_ifd = offsets.get("IFD1", 0) if is_ifd0 else 0
        body += struct.pack(e + "I", next_ifd)
        out += body + extra
    if spec.thumbnail is not None:
        out += spec.thumbnail
    return bytes(out)


def jpeg_with_exif(exif_blob: bytes, image: Image.Image | None = None) -> bytes:
    """A JPEG whose only EXIF is ``exif_blob`` (as an APP1 segment)."""
    base = save(image or picture(), "JPEG", quality=90)
    return insert_segment(base, 0xE1, b"Exif\0\0" + exif_blob)


def scene(size: tuple[int, int] = (800, 600), *, variant: int = 0) -> Image.Image:
    """A picture of large shapes (no fine texture), so perceptual hashes behave as on photos."""
    from PIL import ImageDraw

    width, height = size
    image = Image.new("RGB", size, (40, 90, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(110, 80, 40))
    if variant == 0:
        draw.ellipse((width // 10, height // 10, width // 2, height // 2), fill=(250, 220, 60))
        draw.rectangle(
            (width * 6 // 10, height // 3, width * 9 // 10, height * 9 // 10), fill=(200, 200, 210)
        )
    else:
        draw.ellipse((width // 2, height // 2, width * 9 // 10, height * 9 // 10), fill=(20, 160, 40))
        draw.rectangle((width // 10, height // 8, width // 3, height * 3 // 4), fill=(230, 30, 30))
    return image
