"""Sanitized copies: upright pixels, no metadata at all (per our reader and per ExifTool)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat, PngImagePlugin

from tests.verifier.intake.samples import insert_segment, iptc_app13, phone_exif, picture, save, scene
from verifier.errors import UnsupportedFormat
from verifier.export import sanitized_copy, sanitized_thumbnail
from verifier.export.sanitize import unexpected_jpeg_segments
from verifier.intake import CredentialState, extract_metadata

EXIFTOOL = shutil.which("exiftool")
CAMERA_FILES = Path(__file__).parents[1] / "intake" / "data" / "exiftool"
XMP = (
    b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
    b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
    b"xmlns:dc='http://purl.org/dc/elements/1.1/' dc:creator='Canary Creator'/></rdf:RDF></x:xmpmeta>"
)


def _loaded_original(orientation: int = 1) -> bytes:
    """A JPEG carrying everything: EXIF+GPS+serials+IFD1 thumbnail... plus XMP, IPTC, a comment, ICC."""
    exif = phone_exif(orientation=orientation)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = save(picture((120, 80)), "JPEG", quality=92, exif=exif, icc_profile=icc, comment=b"Canary comment")
    data = insert_segment(data, 0xED, iptc_app13([(2, 80, b"Canary Byline")]))
    return insert_segment(data, 0xE1, XMP)


def _assert_no_metadata(data: bytes) -> None:
    assert data.startswith(b"\xff\xd8") and unexpected_jpeg_segments(data) == []
    meta = extract_metadata(data, label="copy.jpg")
    assert meta.exif == {} and meta.xmp == {} and meta.iptc == {}
    assert meta.file.embedded_thumbnail is None and not meta.file.has_icc_profile
    assert meta.credentials.state is CredentialState.ABSENT
    summary = meta.summary
    assert summary.gps_latitude is None and summary.body_serial_number is None and summary.make is None
    for canary in (b"Canary", b"SN-0042", b"LS-77", b"Apple", b"iPhone", b"0123456789ABCDEF"):
        assert canary not in data


def _exiftool_groups(data: bytes, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "copy.jpg"
    path.write_bytes(data)
    assert EXIFTOOL is not None
    result = subprocess.run(
        [EXIFTOOL, "-j", "-G1", "-a", "-u", str(path)], capture_output=True, text=True, check=True
    )
    tags: dict[str, object] = json.loads(result.stdout)[0]
    return tags


def test_copy_has_no_metadata_per_our_reader() -> None:
    original = _loaded_original()
    before = extract_metadata(original, label="original.jpg")
    assert before.exif and before.xmp and before.iptc and before.file.has_icc_profile  # the test is real
    digest = hashlib.sha256(original).hexdigest()
    for copy in (sanitized_copy(original, label="E-1"), sanitized_thumbnail(original, label="E-1")):
        _assert_no_metadata(copy)
    assert hashlib.sha256(original).hexdigest() == digest  # bytes in, bytes out


@pytest.mark.skipif(
    EXIFTOOL is None, reason="exiftool not installed (apt-get install libimage-exiftool-perl)"
)
def test_copy_has_no_metadata_per_exiftool(tmp_path: Path) -> None:
    tags = _exiftool_groups(sanitized_copy(_loaded_original(orientation=6), label="E-1"), tmp_path)
    groups = {key.split(":", 1)[0] for key in tags if ":" in key}
    # What any JPEG has: ExifTool's own facts, the file system, the JFIF header, derived values.
    assert groups <= {"ExifTool", "System", "File", "JFIF", "Composite"}, groups
    dump = json.dumps(tags)
    for canary in ("Canary", "SN-0042", "LS-77", "Apple", "GPS", "Orientation", "ICC"):
        assert canary not in dump, canary


def _difference(a: Image.Image, b: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean)


def test_orientation_is_applied_to_the_pixels() -> None:
    landscape = scene((120, 80))
    original = save(landscape, "JPEG", quality=95, exif=phone_exif(orientation=6))
    for copy in (sanitized_copy(original, label="portrait"), sanitized_thumbnail(original, label="portrait")):
        with Image.open(io.BytesIO(copy)) as image:
            assert image.size == (80, 120)  # a portrait now, and no tag says so
            right = _difference(image, landscape.transpose(Image.Transpose.ROTATE_270))
            wrong = _difference(image, landscape.transpose(Image.Transpose.ROTATE_90))
            assert right < 15 < 4 * 15 < wrong, (right, wrong)


def test_thumbnail_is_bounded_and_keeps_the_aspect() -> None:
    big = save(picture((1600, 900)), "JPEG", quality=90, exif=phone_exif())
    with Image.open(io.BytesIO(sanitized_thumbnail(big, label="big"))) as image:
        assert image.size == (320, 180)
    with Image.open(io.BytesIO(sanitized_thumbnail(big, label="big", edge=100))) as image:
        assert max(image.size) == 100


def test_png_text_chunks_and_transparency() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Canary Author")
    image = picture((40, 30)).convert("RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 16, 16))
    copy = sanitized_copy(save(image, "PNG", pnginfo=info), label="png")
    _assert_no_metadata(copy)
    with Image.open(io.BytesIO(copy)) as out:
        # transparent pixels come out white, not black
        assert out.mode == "RGB" and out.getpixel((4, 4)) == pytest.approx((255, 255, 255), abs=8)


def test_heic_comes_out_clean_and_upright() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = phone_exif().tobytes()
    out = io.BytesIO()
    scene((64, 48)).save(out, "HEIF", quality=90, exif=exif)
    assert extract_metadata(out.getvalue(), label="x.heic").exif  # the original carries EXIF
    copy = sanitized_copy(out.getvalue(), label="x.heic")
    _assert_no_metadata(copy)
    with Image.open(io.BytesIO(copy)) as image:
        assert image.size == (64, 48)


@pytest.mark.parametrize("name", ["Canon.jpg", "Apple.jpg", "GPS.jpg", "XMP.jpg", "IPTC.jpg", "FujiFilm.jpg"])
def test_real_camera_files_come_out_clean(name: str) -> None:
    original = (CAMERA_FILES / name).read_bytes()
    _assert_no_metadata(sanitized_copy(original, label=name))


def test_not_a_photo_is_refused() -> None:
    with pytest.raises(UnsupportedFormat):
        sanitized_copy(b"%PDF-1.4 not a photo", label="doc")


def test_unexpected_segments_are_named() -> None:
    clean = sanitized_copy(save(picture(), "JPEG"), label="x")
    assert unexpected_jpeg_segments(clean) == []
    dirty = insert_segment(clean, 0xFE, b"hello") + b"trailer"
    assert unexpected_jpeg_segments(dirty) == ["COM segment", "data after the end of image"]
