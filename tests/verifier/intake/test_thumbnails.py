"""Thumbnails: at most 256 px, upright, and fingerprinted on that same derivative."""

from __future__ import annotations

import io

import imagehash
import pytest
from PIL import Image

from tests.verifier.intake.samples import phone_exif, picture, save, scene
from verifier.intake.thumbnails import hamming, make_thumbnail


def test_large_jpeg_thumbnail_is_bounded_and_keeps_aspect() -> None:
    data = save(picture((2000, 1500)), "JPEG", quality=90)
    thumb = make_thumbnail(data, label="big.jpg")
    assert (thumb.width, thumb.height) == (256, 192)
    assert (thumb.source_width, thumb.source_height) == (2000, 1500)
    assert thumb.media_type == "image/jpeg"
    with Image.open(io.BytesIO(thumb.data)) as decoded:
        assert decoded.size == (256, 192)


def test_orientation_is_applied() -> None:
    image = scene((400, 200))
    upright = make_thumbnail(save(image, "JPEG", quality=95), label="a.jpg")
    # The camera stored the pixels sideways and tagged orientation 6 (rotate 90 degrees clockwise).
    sideways = image.transpose(Image.Transpose.ROTATE_90)
    tagged = make_thumbnail(save(sideways, "JPEG", quality=95, exif=phone_exif(orientation=6)), label="b.jpg")
    assert (tagged.width, tagged.height) == (upright.width, upright.height) == (256, 128)
    assert (tagged.source_width, tagged.source_height) == (400, 200)
    assert hamming(tagged.fingerprints.phash, upright.fingerprints.phash) <= 4


def test_fingerprints_match_imagehash_on_the_same_derivative() -> None:
    data = save(picture((640, 480)), "JPEG", quality=92)
    thumb = make_thumbnail(data, label="x.jpg")
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (256, 256))
        reduced = image.reduce(2) if image.width >= 512 or image.height >= 512 else image
        reduced.thumbnail((256, 256), Image.Resampling.BOX, reducing_gap=2.0)
        expected = imagehash.phash(reduced.convert("RGB"))
    assert thumb.fingerprints.phash_hex == str(expected)
    assert len(thumb.fingerprints.dhash_hex) == 16


def test_recompressed_copy_is_near_and_another_picture_is_far() -> None:
    original = scene((800, 600))
    a = make_thumbnail(save(original, "JPEG", quality=95), label="a.jpg").fingerprints
    b = make_thumbnail(save(original.resize((400, 300)), "JPEG", quality=40), label="b.jpg").fingerprints
    other = scene((800, 600), variant=1)
    c = make_thumbnail(save(other, "JPEG", quality=95), label="c.jpg").fingerprints
    assert hamming(a.phash, b.phash) <= 6
    assert hamming(a.phash, c.phash) > 16


def test_transparent_png_gives_png_thumbnail() -> None:
    image = picture((300, 300)).convert("RGBA")
    image.putalpha(128)
    thumb = make_thumbnail(save(image, "PNG"), label="t.png")
    assert thumb.media_type == "image/png"
    assert (thumb.width, thumb.height) == (256, 256)


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF"])
def test_other_formats(fmt: str) -> None:
    thumb = make_thumbnail(save(picture((512, 256)), fmt), label=f"x.{fmt.lower()}")
    assert (thumb.width, thumb.height) == (256, 128)


def test_heic_thumbnail() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    pillow_heif.from_pillow(picture((600, 300))).save(out, format="HEIF", quality=80)
    thumb = make_thumbnail(out.getvalue(), label="x.heic")
    assert (thumb.width, thumb.height) == (256, 128)


def test_hamming() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0xFFFF_FFFF_FFFF_FFFF, 0) == 64
    assert hamming(0b1011, 0b0001) == 2
