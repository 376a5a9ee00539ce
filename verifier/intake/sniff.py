"""Choose a file's format from its content, never from its name.

Extensions lie (a HEIF file named ``.jpg`` exists in the wild, and a PDF or a text file renamed to
``.jpg`` is a classic way to get something past a form), so the reader is chosen from the first
bytes. Formats the app does not read are still recognised, so the refusal can say what the file
is rather than "unknown".
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

__all__ = ["SUPPORTED_FORMATS", "Sniffed", "sniff"]

#: Formats the intake reads; every other result of :func:`sniff` is refused with its reason.
SUPPORTED_FORMATS: Final = frozenset(
    {
        "jpeg",
        "tiff",
        "dng",
        "cr2",
        "nef",
        "arw",
        "orf",
        "rw2",
        "raw-tiff",
        "png",
        "webp",
        "heic",
        "heif",
        "avif",
    }
)

_MEDIA_TYPES: Final[dict[str, str]] = {
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "dng": "image/x-adobe-dng",
    "cr2": "image/x-canon-cr2",
    "nef": "image/x-nikon-nef",
    "arw": "image/x-sony-arw",
    "orf": "image/x-olympus-orf",
    "rw2": "image/x-panasonic-rw2",
    "raw-tiff": "image/tiff",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "heif": "image/heif",
    "avif": "image/avif",
    "jxl": "image/jxl",
    "cr3": "image/x-canon-cr3",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "gzip": "application/gzip",
    "7z": "application/x-7z-compressed",
    "rar": "application/vnd.rar",
    "video": "video/mp4",
    "quicktime": "video/quicktime",
    "svg": "image/svg+xml",
    "html": "text/html",
    "text": "text/plain",
    "empty": "application/x-empty",
    "unknown": "application/octet-stream",
}

# ISO-BMFF major/compatible brands (ISO/IEC 23008-12, AV1-ISOBMFF, the Canon CR3 spec).
_HEIC_BRANDS: Final = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_HEIF_BRANDS: Final = frozenset({b"mif1", b"msf1", b"mif2", b"miaf"})
_AVIF_BRANDS: Final = frozenset({b"avif", b"avis"})
_VIDEO_BRANDS: Final = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"avc1",
        b"dash",
        b"3gp4",
        b"3gp5",
        b"M4V ",
    }
)

# Make strings (IFD0) that name TIFF-based raw families ExifTool recognises the same way.
_RAW_BY_MAKE: Final = (("NIKON", "nef"), ("SONY", "arw"), ("CANON", "cr2"))


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What a file's first bytes say it is.

    Attributes:
        format: A short lowercase name ("jpeg", "heic", "dng", "pdf", "text", "empty", ...).
        media_type: The matching MIME type.
        supported: True when the intake reads this format.
        reason: Why the file is refused (empty when supported).
    """

    format: str
    media_type: str
    supported: bool
    reason: str = ""


def _result(fmt: str, reason: str = "") -> Sniffed:
    supported = fmt in SUPPORTED_FORMATS
    if not supported and not reason:
        reason = f"{fmt} files are not photos the intake reads"
    return Sniffed(fmt, _MEDIA_TYPES.get(fmt, "application/octet-stream"), supported, reason)


def sniff(data: bytes) -> Sniffed:
    """Identify the format of ``data`` from its leading bytes.

    Args:
        data: The file's bytes (the first 4 KiB are enough, except for telling raw families
            apart, which peeks at the first IFD).

    Returns:
        The format, its media type, whether the intake supports it and, if not, why.
    """
    if not data:
        return _result("empty", "the file is empty (0 bytes)")
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return _result("jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _result("png")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _result("webp")
    if head[:4] in (b"II*\0", b"MM\0*", b"IIRO", b"IIRS", b"MMOR", b"IIU\0"):
        return _result(_tiff_family(data))
    if head[4:8] == b"ftyp":
        return _sniff_bmff(head)
    if head.startswith((b"\xff\x0a", b"\0\0\0\x0cJXL \r\n\x87\n")):
        return _result("jxl", "JPEG XL is not supported yet (Pillow cannot decode it)")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _result("gif", "GIF is not a camera format; convert it or submit the original")
    if head.startswith(b"BM") and len(data) > 26:
        return _result("bmp", "BMP carries no camera metadata; ask for the original file")
    if head.startswith(b"%PDF-"):
        return _result("pdf", "this is a PDF document, not a photo")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _result("zip", "this is a ZIP archive (or an Office document); extract the photos first")
    if head.startswith(b"\x1f\x8b"):
        return _result("gzip", "this is a gzip archive; extract the photos first")
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return _result("7z", "this is a 7-Zip archive; extract the photos first")
    if head.startswith(b"Rar!\x1a\x07"):
        return _result("rar", "this is a RAR archive; extract the photos first")
    return _sniff_text(data[:4096])


def _sniff_bmff(head: bytes) -> Sniffed:
    major = head[8:12]
    (size,) = struct.unpack(">I", head[:4])
    end = min(max(size, 16), len(head))
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if major == b"crx " or b"crx " in brands:
        return _result("cr3", "Canon CR3 raw is not supported; export a JPEG or TIFF from it")
    if major in _AVIF_BRANDS:
        return _result("avif")
    if major in _HEIC_BRANDS or brands & _HEIC_BRANDS:
        return _result("heic")
    if brands & _AVIF_BRANDS:
        return _result("avif")
    if brands & _HEIF_BRANDS:
        return _result("heif")
    if major == b"qt  ":
        return _result("quicktime", "this is a QuickTime video, not a photo")
    if major in _VIDEO_BRANDS or brands & _VIDEO_BRANDS:
        return _result("video", "this is an MP4 video, not a photo")
    brand = major.decode("latin-1", "replace")
    return _result("unknown", f"ISO media file with brand {brand!r} is not a photo format the intake reads")


def _tiff_family(data: bytes) -> str:
    """Tell plain TIFF from TIFF-based raw formats, as ExifTool does, from the first IFD."""
    magic = data[:4]
    if magic in (b"IIRO", b"IIRS", b"MMOR"):
        return "orf"
    if magic == b"IIU\0":
        return "rw2"
    if data[8:10] == b"CR":
        return "cr2"
    endian = "<" if data[:2] == b"II" else ">"
    if len(data) < 8:
        return "tiff"
    (offset,) = struct.unpack_from(endian + "I", data, 4)
    if offset + 2 > len(data):
        return "tiff"
    (count,) = struct.unpack_from(endian + "H", data, offset)
    make = ""
    for index in range(min(count, (len(data) - offset - 2) // 12, 500)):
        entry = offset + 2 + 12 * index
        tag, type_id, n = struct.unpack_from(endian + "HHI", data, entry)
        if tag == 0xC612:  # DNGVersion
            return "dng"
        if tag == 0x010F and type_id == 2:
            if n <= 4:
                raw = data[entry + 8 : entry + 8 + n]
            else:
                (at,) = struct.unpack_from(endian + "I", data, entry + 8)
                raw = data[at : at + min(n, 64)]
            make = raw.split(b"\0", 1)[0].decode("latin-1").upper()
    for prefix, fmt in _RAW_BY_MAKE:
        if make.startswith(prefix):
            return fmt
    return "tiff"


def _sniff_text(head: bytes) -> Sniffed:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return _result("html", "this is a web page (HTML), not a photo")
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in stripped):
        return _result("svg", "this is an SVG drawing, not a photo")
    if _looks_like_text(head):
        return _result("text", "this is a text file, not a photo")
    return _result("unknown", "the content matches no photo format (unrecognised leading bytes)")


def _looks_like_text(head: bytes) -> bool:
    if b"\0" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text has NULs
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 4 KiB window is still text.
        if exc.start < len(head) - 4:
            return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return control <= len(head) // 100
