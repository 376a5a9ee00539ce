"""Regression tests for what fuzzing the readers found (each fixed in verifier/intake/).

- summary: a capture time in year 1 with a positive offset (or 9999 with a negative one) raised
  OverflowError converting to UTC; a sub-second tag of "²" raised ValueError (``"²".isdigit()``).
  Property tests in tests/verifier/properties/ and two corpus files cover them.
- xmp: a packet nesting structures 400 deep (18 KB) exhausted the recursion limit.
- containers: a 650 KB PNG of 40 compressed XMP chunks inflated each to 16 MiB, holding 656 MiB
  and taking 36 s; the 16 MiB bound now covers all the XMP of a file together.
- tiff: entries pointing again and again at the same block (300 entries of 65536 LONGs at one
  offset, a 266 KB TIFF) decoded 1.7 GiB of values in 61 s; values may now add up to at most
  twice the data.
"""

from __future__ import annotations

import struct
import zlib

from tests.fuzz.harness import MEMORY_BUDGET_MIB, Sandbox
from tests.fuzz.test_fuzz_structures import xmp_packet
from tests.verifier.intake.samples import insert_segment, picture, save
from verifier.intake.metadata import extract_metadata


def test_deep_xmp_in_a_jpeg_is_a_warning_not_a_crash() -> None:
    packet = xmp_packet(["description"] * 400, "x")
    jpeg = insert_segment(save(picture((32, 24)), "JPEG"), 0xE1, b"http://ns.adobe.com/xap/1.0/\0" + packet)
    result = extract_metadata(jpeg, label="deep.jpg")
    assert "deep.jpg: XMP nests structures more than 32 levels deep; the deeper part was ignored" in (
        result.warnings
    )
    assert "a:p" in result.xmp


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def xmp_bomb_png(chunks: int) -> bytes:
    """A small PNG whose compressed XMP chunks each inflate to 16 MiB."""
    png = save(picture((16, 12)), "PNG")
    body = zlib.compress(b" " * (16 * 2**20 - 1), 9)
    extra = b"".join(_png_chunk(b"zTXt", b"XML:com.adobe.xmp\0\0" + body) for _ in range(chunks))
    return png[:33] + extra + png[33:]  # after the signature and IHDR


def test_compressed_xmp_is_bounded_per_file_not_per_chunk() -> None:
    data = xmp_bomb_png(40)
    assert len(data) < 700_000
    with Sandbox(time_limit=30) as box:
        outcome = box.run(data, label="bomb.png")
    assert not outcome.failed, outcome
    assert outcome.seconds < 10, outcome
    result = extract_metadata(xmp_bomb_png(3), label="bomb.png")
    assert (
        result.warnings.count("bomb.png: PNG XMP chunk ignored: the file's XMP inflates beyond 16 MiB") == 2
    )
    assert MEMORY_BUDGET_MIB < 40 * 16  # the outcome above would be "memory" without the bound


def overlapping_tiff(entries: int, count: int = 65536) -> bytes:
    """A TIFF whose IFD0 entries all point at the same block of ``count`` LONG values."""
    data_at = 8 + 2 + 12 * entries + 4
    ifd = struct.pack("<H", entries) + b"".join(
        struct.pack("<HHII", 0x1000 + i, 4, count, data_at) for i in range(entries)
    )
    return b"II" + struct.pack("<HI", 42, 8) + ifd + struct.pack("<I", 0) + bytes(range(256)) * (count // 64)


def test_tags_pointing_at_the_same_bytes_are_bounded() -> None:
    data = overlapping_tiff(2000)
    assert len(data) < 300_000
    with Sandbox(time_limit=30) as box:
        outcome = box.run(data, label="overlap.tif")
    assert not outcome.failed, outcome
    assert outcome.seconds < 10, outcome
    result = extract_metadata(overlapping_tiff(20), label="overlap.tif")
    (warning,) = result.warnings
    assert warning.startswith("overlap.tif: TIFF: tags point at the same bytes again and again")
    kept = sum(len(v) for v in result.exif["IFD0"].values() if isinstance(v, list))
    assert 65536 <= kept <= 3 * 65536  # the first values are read, the repeats are not
