"""Error level analysis: a region with another compression history stands out; size and orientation."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from verifier.intake.ela import MAX_EDGE, error_level


def _textured(width: int, height: int, seed: int = 1) -> Image.Image:
    rng = np.random.default_rng(seed)
    base = rng.integers(60, 200, size=(height // 8 + 1, width // 8 + 1, 3), dtype=np.uint8)
    image = Image.fromarray(base, "RGB").resize((width, height), Image.Resampling.BICUBIC)
    return image


def _jpeg(image: Image.Image, quality: int, **kwargs: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, **kwargs)
    return out.getvalue()


def _decode(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as opened:
        assert opened.format == "PNG"
        return opened.convert("RGB")


def test_pasted_region_with_another_history_shows_higher_error() -> None:
    # The background is saved several times at quality 75; a patch from a fresh picture is pasted
    # in and the whole is saved once more at 75: the patch has been compressed fewer times.
    background = _textured(512, 512, seed=1)
    for _ in range(4):
        background = Image.open(io.BytesIO(_jpeg(background, 75))).convert("RGB")
    patch = _textured(128, 128, seed=7)
    background.paste(patch, (192, 192))
    data = _jpeg(background, 75)

    ela = np.asarray(_decode(error_level(data, quality=75)), dtype=np.float64).mean(axis=2)
    inside = ela[200:312, 200:312].mean()
    mask = np.ones_like(ela, dtype=bool)
    mask[184:328, 184:328] = False
    outside = ela[mask].mean()
    assert inside > 1.5 * outside


def test_output_is_an_upright_png_no_larger_than_the_limit() -> None:
    image = _textured(3000, 1000)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    data = _jpeg(image, 85, exif=exif)
    result = _decode(error_level(data))
    assert max(result.size) <= MAX_EDGE
    width, height = result.size
    assert height > width  # orientation applied: the landscape pixels display as portrait
    assert abs(height / width - 3.0) < 0.05


def test_small_picture_keeps_its_size_and_fixed_scale() -> None:
    data = _jpeg(_textured(200, 120), 95)
    result = _decode(error_level(data, quality=90, scale=20))
    assert result.size == (200, 120)


@pytest.mark.parametrize("kwargs", [{"quality": 0}, {"quality": 101}, {"scale": 0}])
def test_bad_arguments_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        error_level(_jpeg(_textured(64, 64), 90), **kwargs)  # type: ignore[arg-type]


def test_not_a_picture_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be decoded"):
        error_level(b"not a picture at all")
