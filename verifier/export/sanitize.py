"""Sanitized copies of photos: re-encoded from pixels, upright, with no metadata at all.

Bytes in, bytes out: the original (in the vault) is never opened for writing. The copy is a
fresh baseline JPEG built from decoded pixels only, so nothing the sender or the camera put in
the file can ride along: no EXIF (and so no GPS, serial numbers, maker notes or embedded
thumbnail), XMP, IPTC, comments, C2PA, MPF/secondary images or trailing data.

Colour: pixels are converted to sRGB (through the embedded ICC profile when there is one) and
the copy carries **no** ICC profile. An untagged JPEG is read as sRGB by browsers, Qt and
printers, so nothing is lost, and an embedded profile can itself identify a device (calibrated
profiles carry a description, a creation date, sometimes the device model). Embedding a generic
sRGB profile would be harmless but adds ~3 KB per thumbnail and nothing readers need.

Orientation: the EXIF orientation is applied to the pixels (the copy has no tag to say it).
HEIF is already upright when decoded: libheif applies its irot/imir transforms, and MIAF says the
EXIF tag must not be applied on top (as in :mod:`verifier.intake.thumbnails`).
"""

from __future__ import annotations

import io
import struct
import threading
import warnings
from typing import Final

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from verifier.errors import ImageTooLarge, UnreadableImage, UnsupportedFormat
from verifier.intake.sniff import sniff

__all__ = [
    "COPY_QUALITY",
    "THUMBNAIL_EDGE",
    "jpeg_segments",
    "sanitized_copy",
    "sanitized_thumbnail",
    "unexpected_jpeg_segments",
]

COPY_QUALITY: Final = 90
THUMBNAIL_EDGE: Final = 320
_HEIF: Final = frozenset({"heic", "heif", "avif"})
_SRGB = ImageCms.createProfile("sRGB")
_heif_lock = threading.Lock()
_heif_registered = False

# Markers a JPEG written by Pillow from bare pixels contains before its scan: SOI, the JFIF APP0
# header, quantization and Huffman tables, restart interval, the frame header and SOS.
_ALLOWED_MARKERS: Final = frozenset({0xD8, 0xE0, 0xDB, 0xC4, 0xDD, 0xC0, 0xC1, 0xC2, 0xDA})


def _register_heif() -> None:
    global _heif_registered
    with _heif_lock:
        if not _heif_registered:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _heif_registered = True


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB (RGB or L), alpha flattened on white, with the ICC profile applied."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba).convert("RGB")
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile is ignored: the pixels are then taken as sRGB already
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return image


def _decode(original: bytes, label: str, edge: int | None) -> Image.Image:
    """Decode to upright sRGB pixels, optionally reduced so the longer side is ``edge``."""
    sniffed = sniff(original)
    if not sniffed.supported:
        raise UnsupportedFormat(f"{label}: {sniffed.reason}")
    if sniffed.format in _HEIF:
        _register_heif()
    try:
        with warnings.catch_warnings():
            # Pillow warns about odd EXIF; the copy drops EXIF anyway, so a warning is no error here.
            warnings.simplefilter("ignore", UserWarning)
            with Image.open(io.BytesIO(original)) as image:
                if image.format == "JPEG" and edge is not None:
                    image.draft("RGB", (edge, edge))  # libjpeg DCT scaling: much faster decode
                image.load()
                # exif_transpose returns a new image (a copy when there is nothing to turn).
                upright = image.copy() if sniffed.format in _HEIF else ImageOps.exif_transpose(image)
                if edge is not None:
                    upright.thumbnail((edge, edge), Image.Resampling.LANCZOS, reducing_gap=2.0)
                return _to_srgb(upright)
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(f"{label}: decompression bomb refused ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableImage(f"{label}: {sniffed.format.upper()} data that no decoder accepts") from exc
    except Exception as exc:
        # Decoders fed hostile bytes raise anything (OSError, SyntaxError, ValueError...).
        raise UnreadableImage(f"{label}: the image data cannot be decoded ({exc})") from exc


def _encode(pixels: Image.Image, quality: int) -> bytes:
    """Encode a brand-new image made of the pixel values only: no info, no EXIF, no profile."""
    fresh = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    fresh.save(out, "JPEG", quality=quality, optimize=True, progressive=False)
    return out.getvalue()


def sanitized_copy(original: bytes, *, label: str, quality: int = COPY_QUALITY) -> bytes:
    """Make a full-size sanitized copy of a photo.

    Args:
        original: the photo's bytes (JPEG, PNG, WebP, TIFF, HEIC...); never modified.
        label: the name shown in error messages (not the original file name in exports).
        quality: JPEG quality of the copy.

    Returns:
        JPEG bytes: upright, sRGB, no metadata.

    Raises:
        UnsupportedFormat: not a photo format the app reads.
        ImageTooLarge: more pixels than the decompression-bomb limit.
        UnreadableImage: the pixels cannot be decoded.
    """
    return _encode(_decode(original, label, None), quality)


def sanitized_thumbnail(
    original: bytes, *, label: str, edge: int = THUMBNAIL_EDGE, quality: int = 85
) -> bytes:
    """Make a sanitized thumbnail for embedding in documents.

    Args:
        original: the photo's bytes; never modified.
        label: the name shown in error messages.
        edge: the longer side in pixels.
        quality: JPEG quality.

    Returns:
        JPEG bytes: upright, sRGB, no metadata, at most ``edge`` pixels on the longer side.

    Raises:
        UnsupportedFormat, ImageTooLarge, UnreadableImage: as :func:`sanitized_copy`.
    """
    return _encode(_decode(original, label, edge), quality)


def jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """List a JPEG's markers up to its first scan, with their lengths.

    Args:
        data: JPEG bytes.

    Returns:
        (marker, segment length) pairs in file order, SOI first and SOS last.

    Raises:
        UnreadableImage: the structure is broken.
    """
    if not data.startswith(b"\xff\xd8"):
        raise UnreadableImage("not a JPEG (no start-of-image marker)")
    segments = [(0xD8, 0)]
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise UnreadableImage(f"JPEG structure broken at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        segments.append((marker, length))
        if marker == 0xDA:
            return segments
        pos += 2 + length
    raise UnreadableImage("JPEG without a scan")


def unexpected_jpeg_segments(data: bytes) -> list[str]:
    """Name everything in a JPEG that a pixels-only copy would not contain.

    Args:
        data: JPEG bytes.

    Returns:
        Descriptions ("APP1 segment", "COM segment", "data after the end of image"); empty
        for a clean copy.
    """
    problems = []
    for marker, _length in jpeg_segments(data):
        if marker not in _ALLOWED_MARKERS:
            name = (
                f"APP{marker - 0xE0}"
                if 0xE0 <= marker <= 0xEF
                else "COM"
                if marker == 0xFE
                else f"0xFF{marker:02X}"
            )
            problems.append(f"{name} segment")
    app0 = data.find(b"\xff\xe0")
    if 0 <= app0 < 32 and data[app0 + 4 : app0 + 9] == b"JFIF\0":
        (length,) = struct.unpack_from(">H", data, app0 + 2)
        # JFIF 1.x header is 16 bytes; a longer one carries a JFIF thumbnail.
        if length > 16:
            problems.append("JFIF thumbnail")
    if not data.endswith(b"\xff\xd9"):
        problems.append("data after the end of image")
    return problems
