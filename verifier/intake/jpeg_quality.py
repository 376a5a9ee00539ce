"""Estimate JPEG quality from the quantization tables, as libjpeg would have scaled them.

libjpeg (and every encoder derived from it: Pillow, most editors, many phones) builds its tables
by scaling the two example tables of ITU-T T.81 Annex K by a factor derived from a 1-100 quality.
Inverting that scaling gives the quality; re-building the tables for that quality and comparing
tells whether the file used exactly libjpeg's tables (a re-save by common software) or custom
ones (many cameras), in which case the number is only an equivalent.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

__all__ = ["JpegQuality", "estimate_quality", "libjpeg_table"]

# T.81 Annex K tables K.1 (luminance) and K.2 (chrominance), in natural (row-major) order.
_LUMA: Final = (
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip
_CHROMA: Final = (
    17, 18, 24, 47, 99, 99, 99, 99,
    18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
)  # fmt: skip
# jpeg_natural_order: position k of the zig-zag sequence is natural index _ZIGZAG[k].
_ZIGZAG: Final = (
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class JpegQuality:
    """A quality estimate.

    Attributes:
        quality: The libjpeg quality (1-100) whose tables are closest to the file's.
        exact: True when the file's tables are exactly libjpeg's for that quality.
    """

    quality: int
    exact: bool


@functools.lru_cache(maxsize=256)
def libjpeg_table(quality: int, *, chroma: bool = False) -> tuple[int, ...]:
    """Build the table libjpeg uses at ``quality`` (baseline: values clamped to 1-255).

    Args:
        quality: 1-100.
        chroma: The chrominance table instead of the luminance one.

    Returns:
        64 values in zig-zag order, as a DQT segment stores them.
    """
    quality = min(max(quality, 1), 100)
    scale = 5000 // quality if quality < 50 else 200 - quality * 2
    basic = _CHROMA if chroma else _LUMA
    natural = [min(max((value * scale + 50) // 100, 1), 255) for value in basic]
    return tuple(natural[_ZIGZAG[k]] for k in range(64))


def estimate_quality(tables: dict[int, tuple[int, ...]]) -> JpegQuality | None:
    """Estimate the quality a JPEG was saved at.

    Args:
        tables: Quantization tables by id, in zig-zag order as stored in the DQT segments.

    Returns:
        The estimate, or None when the file has no luminance table (table 0).
    """
    # Files from one camera or app share their tables: remember the answer per table set.
    return _estimate(tuple(sorted(tables.items())))


@functools.lru_cache(maxsize=256)
def _estimate(items: tuple[tuple[int, tuple[int, ...]], ...]) -> JpegQuality | None:
    tables = dict(items)
    luma = tables.get(0)
    if luma is None or len(luma) != 64:
        return None
    natural = [0] * 64
    for k, value in enumerate(luma):
        natural[_ZIGZAG[k]] = value
    # Average scaling percentage over the table, then invert libjpeg's quality -> scale mapping.
    percent = sum(q * 100 / b for q, b in zip(natural, _LUMA, strict=True)) / 64
    if percent <= 0:
        return None
    raw = (200 - percent) / 2 if percent <= 100 else 5000 / percent
    quality = min(max(round(raw), 1), 100)
    for candidate in (quality, quality - 1, quality + 1):
        if 1 <= candidate <= 100 and _matches(tables, candidate):
            return JpegQuality(candidate, True)
    return JpegQuality(quality, False)


def _matches(tables: dict[int, tuple[int, ...]], quality: int) -> bool:
    if tables.get(0) != libjpeg_table(quality):
        return False
    chroma = tables.get(1)
    return chroma is None or chroma == libjpeg_table(quality, chroma=True)
