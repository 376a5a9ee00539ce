"""The format is chosen from content, never from the file name."""

from __future__ import annotations

import pytest

from tests.verifier.intake.samples import picture, save
from verifier.intake.sniff import sniff


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp"), ("TIFF", "tiff")],
)
def test_images_written_by_pillow_are_recognised(fmt: str, expected: str) -> None:
    result = sniff(save(picture(), fmt))
    assert (result.format, result.supported, result.reason) == (expected, True, "")


def test_heic_is_recognised_from_its_ftyp_brand() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    heif = pillow_heif.from_pillow(picture())
    import io

    out = io.BytesIO()
    heif.save(out, format="HEIF")
    result = sniff(out.getvalue())
    assert result.format == "heic"
    assert result.media_type == "image/heic"
    assert result.supported


def test_avif_brand() -> None:
    head = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"
    assert sniff(head).format == "avif"


@pytest.mark.parametrize(
    ("data", "fmt", "reason_part"),
    [
        (b"", "empty", "empty (0 bytes)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf", "PDF"),
        (b"Hello, this is a note from the field.\n", "text", "text file"),
        (b"PK\x03\x04\x14\0\0\0", "zip", "ZIP"),
        (b"GIF89a\x01\0\x01\0", "gif", "GIF"),
        (b"<!DOCTYPE html><html>", "html", "HTML"),
        (b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom", "video", "video"),
        (b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom", "cr3", "CR3"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09", "unknown", "no photo format"),
    ],
)
def test_non_photos_are_refused_with_a_reason(data: bytes, fmt: str, reason_part: str) -> None:
    result = sniff(data)
    assert result.format == fmt
    assert not result.supported
    assert reason_part in result.reason


def test_dng_is_told_apart_from_plain_tiff() -> None:
    from tests.verifier.intake.samples import ASCII, BYTE, Entry, TiffSpec, build_exif

    blob = build_exif(
        TiffSpec(ifd0=[Entry(0xC612, BYTE, b"\x01\x04\x00\x00"), Entry(0x010F, ASCII, "Leica")])
    )
    assert sniff(blob).format == "dng"
    nikon = build_exif(TiffSpec(ifd0=[Entry(0x010F, ASCII, "NIKON CORPORATION")]))
    assert sniff(nikon).format == "nef"
    plain = build_exif(TiffSpec(ifd0=[Entry(0x010F, ASCII, "Epson")]))
    assert sniff(plain).format == "tiff"
