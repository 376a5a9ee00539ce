"""Error level analysis (ELA): how much each part of a JPEG changes when it is saved again.

Saving a JPEG at a given quality changes every 8x8 block a little. Blocks that were already
saved at that quality (or lower) change little; blocks that were saved fewer times or at a higher
quality - a region pasted in from another picture, for instance - can change more. ELA shows
that difference, amplified, as an image.

What ELA can show: that parts of a picture have a *different compression history* from the rest,
which is worth a closer look. What it cannot show: that a picture was manipulated, or that it
was not. Edges, fine texture, saturated colours and text always give high error; a picture
resaved many times (every messaging app does that) looks uniform whatever happened to it; and a
careful edit saved once at the end leaves no trace. ELA is not a manipulation detector: read
it beside the metadata and the findings, never alone.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

__all__ = ["DEFAULT_QUALITY", "MAX_EDGE", "error_level"]

DEFAULT_QUALITY = 90
"""The re-save quality: ELA's usual choice, close to what phones and editors write."""

MAX_EDGE = 2048
"""ELA is computed on a copy at most this many pixels on its longer side, to stay fast."""

# Beyond this many pixels a photo is refused rather than decoded (decompression bombs).
_MAX_PIXELS = 200_000_000


def error_level(data: bytes, *, quality: int = DEFAULT_QUALITY, scale: float | None = None) -> bytes:
    """Compute the amplified error level of a picture re-saved as JPEG.

    Args:
        data: the picture's bytes (JPEG, or any format Pillow reads; the original is not changed).
        quality: JPEG quality of the re-save, 1 to 100.
        scale: how much to amplify the difference; None stretches the largest error to full
            brightness, so every picture uses the whole range.

    Returns:
        PNG bytes: an RGB image upright (EXIF orientation applied), at most ``MAX_EDGE`` pixels
        on its longer side, where brighter means more change on re-saving.

    Raises:
        ValueError: ``quality`` or ``scale`` out of range, or the bytes are not a picture Pillow
            can decode.
    """
    if not 1 <= quality <= 100:
        raise ValueError(f"JPEG quality must be between 1 and 100, not {quality}.")
    if scale is not None and scale <= 0:
        raise ValueError(f"The amplification must be positive, not {scale}.")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            width, height = opened.size
            if width * height > _MAX_PIXELS:
                raise ValueError(f"The picture is too large for ELA ({width}x{height} pixels).")
            if opened.format == "JPEG":
                # Decoding at a reduced scale is much faster for big photos (libjpeg DCT scaling).
                opened.draft("RGB", (MAX_EDGE, MAX_EDGE))
            upright = ImageOps.exif_transpose(opened)
            image = upright.convert("RGB")
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"The picture cannot be decoded for ELA: {exc}") from exc
    if max(image.size) > MAX_EDGE:
        image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as resaved_file:
        resaved = resaved_file.convert("RGB")
    diff = np.abs(np.asarray(image, dtype=np.int16) - np.asarray(resaved, dtype=np.int16))
    peak = int(diff.max())
    factor = scale if scale is not None else (255.0 / peak if peak else 1.0)
    amplified = np.clip(diff.astype(np.float32) * factor, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(amplified, "RGB").save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()
