"""Decode a small, upright derivative of a photo, and fingerprint it.

JPEGs are decoded at reduced scale (``draft``: libjpeg's 1/2, 1/4, 1/8 DCT scaling), which makes a
256-px thumbnail of a 12-MP photo cost about 30 ms instead of 110 ms: the floor of the intake.

Fingerprints (pHash, dHash: imagehash's, bit for bit) are always computed on this same 256-px
derivative, after the EXIF orientation is applied and never on the thumbnail embedded in the file
(its bytes are chosen by the sender). Hashes of the full image and of the draft decode differ by up
to 2 bits, so comparing hashes of different derivatives would invent differences.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from typing import Final

import numpy
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from verifier.errors import ImageTooLarge, UnreadableImage, UnsupportedFormat
from verifier.intake.containers import read_container
from verifier.intake.sniff import sniff
from verifier.intake.tiff import parse_tiff

__all__ = ["THUMBNAIL_SIZE", "Fingerprints", "Thumbnail", "dhash", "hamming", "make_thumbnail", "phash"]

THUMBNAIL_SIZE: Final = 256
_HEIF_FORMATS: Final = frozenset({"heic", "heif"})
_register_lock = threading.Lock()
_heif_registered = False


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """Perceptual hashes of the 256-px upright derivative, as 64-bit integers.

    Attributes:
        phash: imagehash.phash's value (DCT-based; robust to re-compression and resizing).
        dhash: imagehash.dhash's value (gradient-based; cheap, sensitive to crops).
    """

    phash: int
    dhash: int

    @property
    def phash_hex(self) -> str:
        """pHash as 16 hex digits (imagehash's own string form)."""
        return f"{self.phash:016x}"

    @property
    def dhash_hex(self) -> str:
        """dHash as 16 hex digits."""
        return f"{self.dhash:016x}"


@dataclass(frozen=True, slots=True)
class Thumbnail:
    """An encoded thumbnail and the fingerprints of the pixels it was encoded from.

    Attributes:
        data: JPEG bytes (PNG when the photo has transparency).
        media_type: "image/jpeg" or "image/png".
        width: Pixel width (at most 256).
        height: Pixel height (at most 256).
        source_width: Width of the full image, after orientation.
        source_height: Height of the full image, after orientation.
        fingerprints: pHash and dHash.
    """

    data: bytes
    media_type: str
    width: int
    height: int
    source_width: int
    source_height: int
    fingerprints: Fingerprints


def hamming(a: int, b: int) -> int:
    """Count differing bits between two 64-bit perceptual hashes.

    Args:
        a: One hash.
        b: The other.

    Returns:
        0 (same picture) to 64; pHash distances up to about 8 usually mean the same scene.
    """
    return (a ^ b).bit_count()


# pHash and dHash as imagehash 4.3 computes them, without its per-call `import scipy.fftpack`
# (0.2 s in every worker process) and its hex round trip. The pixels are made by the same Pillow
# calls, so they are identical. imagehash's DCT (scipy.fftpack, type II, unnormalised) of the 32x32
# grey image, kept to its 8x8 lowest frequencies, is the matrix product C @ X @ C.T with
# C[k, n] = 2 cos(pi k (2n + 1) / 64); the two computations differ only by rounding, at most
# 4 * 1024 * 255 * 64 * 2**-53 (about 7e-9) for 8-bit pixels (measured: below 1e-10). A bit is
# "coefficient > median", so it can only differ when a coefficient lies within that distance of
# the median: then (flat or symmetric pictures, where coefficients tie) imagehash itself decides.
_PHASH_SIDE: Final = 32
_DCT_ROWS: Final = 2.0 * numpy.cos(
    numpy.pi * numpy.arange(8)[:, None] * (2 * numpy.arange(_PHASH_SIDE)[None, :] + 1) / (2 * _PHASH_SIDE)
)
_TIE_MARGIN: Final = 1e-3
_LANCZOS: Final = Image.Resampling.LANCZOS  # imagehash's ANTIALIAS


def _bits(flags: NDArray[numpy.bool_]) -> int:
    """The 64 booleans as imagehash's hex string reads them: row by row, first one highest."""
    return int.from_bytes(numpy.packbits(flags.ravel()).tobytes(), "big")


def phash(image: Image.Image, *, grey: Image.Image | None = None) -> int:
    """``int(str(imagehash.phash(image)), 16)``, bit for bit.

    Args:
        image: The picture (any mode Pillow converts to "L").
        grey: ``image.convert("L")`` if the caller has it already.
    """
    small = (grey if grey is not None else image.convert("L")).resize((_PHASH_SIDE, _PHASH_SIDE), _LANCZOS)
    pixels = numpy.asarray(small, dtype=numpy.float64)
    low = _DCT_ROWS @ pixels @ _DCT_ROWS.T
    median = numpy.median(low)
    if numpy.abs(low - median).min() < _TIE_MARGIN:  # a tie rounding could break either way
        import imagehash  # imports scipy: only for these rare pictures

        return int(str(imagehash.phash(image)), 16)
    return _bits(low > median)


def dhash(image: Image.Image, *, grey: Image.Image | None = None) -> int:
    """``int(str(imagehash.dhash(image)), 16)``, bit for bit (integer comparisons only)."""
    pixels = numpy.asarray((grey if grey is not None else image.convert("L")).resize((9, 8), _LANCZOS))
    return _bits(pixels[:, 1:] > pixels[:, :-1])


def _register_heif() -> None:
    """Register pillow-heif's opener on first HEIC, so importing intake stays cheap."""
    global _heif_registered
    with _register_lock:
        if not _heif_registered:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _heif_registered = True


@dataclass(frozen=True)
class KnownFacts:
    """What the metadata reader already found, so the thumbnail need not parse it again."""

    format: str
    width: int | None
    height: int | None
    orientation: int | None


def make_thumbnail(
    data: bytes,
    *,
    label: str,
    size: int = THUMBNAIL_SIZE,
    max_pixels: int | None = None,
    known: KnownFacts | None = None,
) -> Thumbnail:
    """Decode ``data`` at reduced scale into an upright thumbnail and fingerprint it.

    Args:
        data: The photo's bytes (the same buffer that was hashed and read for metadata).
        label: The name shown to the user in error messages.
        size: The longest side of the thumbnail in pixels.
        max_pixels: The decompression-bomb limit; defaults to Pillow's ``Image.MAX_IMAGE_PIXELS``
            at call time (about 89.5 MP), so the application can raise it in one place.
        known: format, size and orientation from the metadata reader of the same bytes, to skip
            sniffing and parsing them a second time.

    Returns:
        The thumbnail and its fingerprints.

    Raises:
        UnsupportedFormat: The content is not a photo format the intake reads.
        ImageTooLarge: The image declares more pixels than ``max_pixels``.
        UnreadableImage: Pillow (or libheif) cannot decode it: truncated or corrupt data.
    """
    limit = max_pixels if max_pixels is not None else Image.MAX_IMAGE_PIXELS
    if known is None:
        sniffed = sniff(data)
        if not sniffed.supported:
            raise UnsupportedFormat(f"{label}: {sniffed.reason}")
        # Check the declared size before Pillow allocates anything; containers know it for free.
        header = read_container(data[: 1024 * 1024], sniffed.format, complete=False)
        known = KnownFacts(
            sniffed.format, header.width, header.height, _orientation(data, sniffed.format, header.exif)
        )
    if known.width and known.height:
        _check_pixels(known.width, known.height, limit, label)
    # HEIF and AVIF: libheif already applied irot/imir, and MIAF forbids applying EXIF on top.
    orientation = 1 if known.format in _HEIF_FORMATS or known.format == "avif" else (known.orientation or 1)
    if known.format in _HEIF_FORMATS:
        _register_heif()
    try:
        with Image.open(io.BytesIO(data)) as image:
            _check_pixels(image.width, image.height, limit, label)
            width, height = image.size
            if orientation in (5, 6, 7, 8):  # these orientations swap width and height on display
                width, height = height, width
            if image.format == "JPEG":
                image.draft("RGB", (size, size))
            # The draft is up to 2x the target; a 2x box reduction first is several times cheaper
            # than resampling the whole draft and visually the same at 256 px. The last step
            # averages areas (BOX), the usual filter for shrinking by up to 2x: no ringing, and
            # 0.7 ms less per 12-MP photo than Pillow's default bicubic (2 % of the import).
            small: Image.Image = image
            if image.width >= 2 * size or image.height >= 2 * size:
                small = image.reduce(2)
            small.thumbnail((size, size), Image.Resampling.BOX, reducing_gap=2.0)
            method = _TRANSPOSE.get(orientation)
            upright = small.transpose(method) if method is not None else small
            return _encode(upright, (width, height))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"{label}: decompression bomb refused ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableImage(f"{label}: {known.format.upper()} data that no decoder accepts") from exc
    except ImageTooLarge:
        raise
    except Exception as exc:
        # Pillow reports truncation as OSError ("image file is truncated") and corrupt headers as
        # SyntaxError/ValueError; libheif as RuntimeError/ValueError/IndexError. Decoders fed
        # hostile bytes can raise anything, and one file must never stop a batch. Pillow's
        # "corrupt EXIF" UserWarnings only arrive here when warnings are errors (as in the tests):
        # then they too mean this file could not be decoded cleanly.
        raise UnreadableImage(f"{label}: the image data cannot be decoded ({exc})") from exc


# EXIF orientation -> the transposition that makes the picture upright (as ImageOps.exif_transpose).
_TRANSPOSE: Final[dict[int, Image.Transpose]] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _orientation(data: bytes, fmt: str, exif: bytes | None) -> int:
    """The EXIF orientation, read by our own walker (the same value the metadata summary shows).

    HEIF and AVIF are left alone: libheif already applied their irot/imir transforms, and MIAF
    says the EXIF tag must not be applied on top of them.
    """
    if fmt in ("heic", "heif", "avif"):
        return 1
    if fmt in ("png", "webp", "jpeg"):
        blob = exif
    else:
        blob = data
    if not blob:
        return 1
    parsed = parse_tiff(blob, exif_only=True)
    tag = parsed.groups.get("IFD0", {}).get(0x0112)
    if tag is not None and isinstance(tag.value, tuple) and tag.value and isinstance(tag.value[0], int):
        return tag.value[0]
    return 1


def _check_pixels(width: int, height: int, limit: int | None, label: str) -> None:
    if limit is not None and width * height > limit:
        raise ImageTooLarge(
            f"{label}: decompression bomb: {width}x{height} pixels exceeds the limit of {limit} pixels"
        )


def _encode(image: Image.Image, source: tuple[int, int]) -> Thumbnail:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    rgb = image.convert("RGBA" if has_alpha else "RGB")
    grey = rgb.convert("L")  # what imagehash hashes; converted once for both hashes
    fingerprints = Fingerprints(phash=phash(rgb, grey=grey), dhash=dhash(rgb, grey=grey))
    out = io.BytesIO()
    if has_alpha:
        rgb.save(out, "PNG", optimize=False)
        media_type = "image/png"
    else:
        rgb.save(out, "JPEG", quality=85)
        media_type = "image/jpeg"
    return Thumbnail(
        data=out.getvalue(),
        media_type=media_type,
        width=rgb.width,
        height=rgb.height,
        source_width=source[0],
        source_height=source[1],
        fingerprints=fingerprints,
    )


def embedded_thumbnail_phash(data: bytes, offset: int, length: int, orientation: int | None) -> int | None:
    """pHash of the preview stored in IFD1, turned upright like the main image; None if unreadable.

    Only compared with the main image's pHash (a preview showing another scene means an edit
    that did not refresh it). Never used as the photo's fingerprint: the sender controls it.
    """
    blob = data[offset : offset + length]
    if length <= 0 or len(blob) != length:
        return None
    try:
        with Image.open(io.BytesIO(blob)) as preview:
            _check_pixels(preview.width, preview.height, 4_000_000, "embedded thumbnail")
            preview.load()
            method = _TRANSPOSE.get(orientation or 1)
            upright = preview.transpose(method) if method is not None else preview
            return phash(upright.convert("RGB"))
    except Exception:  # hostile or broken preview bytes: simply no comparison
        return None
