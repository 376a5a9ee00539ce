"""Our pHash and dHash are imagehash's, bit for bit, on every kind of picture.

The intake computes them without imagehash (which imports scipy in every worker process); photos
fingerprinted before and after that change, or by another tool using imagehash, must compare.
"""

from __future__ import annotations

import io

import imagehash
import numpy
import pytest
from PIL import Image, ImageDraw, ImageFilter

from tests.verifier.intake.samples import picture, save, scene
from verifier.intake import thumbnails
from verifier.intake.thumbnails import dhash, embedded_thumbnail_phash, make_thumbnail, phash

_RNG_SEED = 20260325


def _expected(image: Image.Image) -> tuple[int, int]:
    return int(str(imagehash.phash(image)), 16), int(str(imagehash.dhash(image)), 16)


def _random_pictures(count: int) -> list[Image.Image]:
    """Noise, smooth noise, shapes, gradients, in every mode the intake hashes."""
    rng = numpy.random.default_rng(_RNG_SEED)
    images: list[Image.Image] = []
    for i in range(count):
        width, height = int(rng.integers(9, 300)), int(rng.integers(8, 300))
        noise = rng.integers(0, 256, (height, width, 3), dtype=numpy.uint8)
        image = Image.fromarray(noise, "RGB")
        if i % 3 == 1:
            image = image.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(1, 12))))
        elif i % 3 == 2:
            draw = ImageDraw.Draw(image)
            for _ in range(int(rng.integers(1, 12))):
                box = sorted(rng.integers(0, width, 2).tolist()), sorted(rng.integers(0, height, 2).tolist())
                fill = tuple(int(v) for v in rng.integers(0, 256, 3))
                draw.rectangle((box[0][0], box[1][0], box[0][1], box[1][1]), fill=fill)
        if i % 5 == 0:
            image = image.convert("RGBA")
            image.putalpha(int(rng.integers(0, 256)))
        images.append(image)
    return images


def _degenerate_pictures() -> list[Image.Image]:
    """Pictures whose DCT coefficients tie: flat, symmetric, periodic, tiny, extreme."""
    images = [Image.new("RGB", (256, 192), colour) for colour in ((0, 0, 0), (255, 255, 255), (128, 64, 200))]
    images.append(Image.new("L", (1, 1), 77).convert("RGB"))
    gradient = numpy.tile(numpy.arange(256, dtype=numpy.uint8), (256, 1))
    images += [
        Image.fromarray(gradient),
        Image.fromarray(gradient.T.copy()),
        Image.fromarray(gradient[:, ::-1].copy()),
    ]
    checker = (numpy.indices((256, 256)).sum(axis=0) % 2 * 255).astype(numpy.uint8)
    images += [
        Image.fromarray(checker),
        Image.fromarray(numpy.kron(checker[:32, :32], numpy.ones((8, 8), numpy.uint8))),
    ]
    symmetric = numpy.random.default_rng(1).integers(0, 256, (64, 32), dtype=numpy.uint8)
    images.append(Image.fromarray(numpy.hstack([symmetric, symmetric[:, ::-1]])))
    stripes = numpy.zeros((200, 200), numpy.uint8)
    stripes[::2] = 255
    images.append(Image.fromarray(stripes))
    images.append(Image.new("RGBA", (100, 100), (10, 20, 30, 0)))
    return images


@pytest.mark.parametrize(
    "images",
    [
        pytest.param(_random_pictures(600), id="random"),
        pytest.param(_degenerate_pictures(), id="degenerate"),
        pytest.param(
            [picture((640, 480), seed=s) for s in range(8)]
            + [scene((800, 600), variant=v) for v in range(4)],
            id="samples",
        ),
    ],
)
def test_hashes_equal_imagehash(images: list[Image.Image]) -> None:
    for image in images:
        grey = image.convert("L")
        assert (phash(image), dhash(image)) == _expected(image), image
        assert (phash(image, grey=grey), dhash(image, grey=grey)) == _expected(image)


def test_flat_picture_falls_back_to_imagehash_and_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flat picture's coefficients all tie at 0: rounding decides, so imagehash must decide."""
    calls: list[Image.Image] = []
    real = imagehash.phash

    def spy(image: Image.Image) -> imagehash.ImageHash:
        calls.append(image)
        return real(image)

    monkeypatch.setattr(imagehash, "phash", spy)
    flat = Image.new("RGB", (256, 192), (90, 90, 90))
    assert phash(flat) == int(str(real(flat)), 16)
    assert calls == [flat]
    calls.clear()
    phash(scene((400, 300)))
    assert calls == []  # a real scene needs no fallback


def test_thumbnail_fingerprints_equal_imagehash_on_the_stored_thumbnail_pixels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What make_thumbnail stores is imagehash's hash of the very derivative it encodes."""
    captured: list[Image.Image] = []
    original = thumbnails._encode

    def capture(image: Image.Image, source: tuple[int, int]) -> thumbnails.Thumbnail:
        captured.append(image.convert("RGB"))
        return original(image, source)

    monkeypatch.setattr(thumbnails, "_encode", capture)
    for seed in range(6):
        data = save(picture((1200, 900), seed=seed), "JPEG", quality=90)
        thumb = make_thumbnail(data, label="x.jpg")
        assert (thumb.fingerprints.phash, thumb.fingerprints.dhash) == _expected(captured[-1])


def test_embedded_preview_hash_equals_imagehash() -> None:
    preview = save(scene((160, 120)), "JPEG", quality=80)
    data = b"\0" * 10 + preview + b"\0" * 10
    with Image.open(io.BytesIO(preview)) as image:
        upright = image.transpose(Image.Transpose.ROTATE_270).convert("RGB")
        expected = int(str(imagehash.phash(upright)), 16)
    assert embedded_thumbnail_phash(data, 10, len(preview), 6) == expected
