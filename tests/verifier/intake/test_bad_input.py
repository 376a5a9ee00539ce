"""Hostile and broken files: every one ends in a clear error or a warning, never a crash."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.verifier.intake.samples import (
    ASCII,
    LONG,
    RATIONAL,
    Entry,
    TiffSpec,
    build_exif,
    jpeg_with_exif,
    phone_exif,
    picture,
    save,
)
from verifier.errors import ImageTooLarge, UnreadableImage, UnsupportedFormat, VerifierError
from verifier.intake import extract_metadata, extract_metadata_file
from verifier.intake.thumbnails import make_thumbnail


def test_zero_byte_file_is_refused_with_its_name() -> None:
    with pytest.raises(UnsupportedFormat, match=r"empty\.jpg: the file is empty \(0 bytes\)"):
        extract_metadata(b"", label="empty.jpg")
    with pytest.raises(UnsupportedFormat, match="empty"):
        make_thumbnail(b"", label="empty.jpg")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Meet at the bridge at 6.\n", "text file"),
        (b"%PDF-1.4\n1 0 obj << >> endobj\n", "PDF document"),
    ],
)
def test_documents_named_jpg_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedFormat, match=rf"photo\.jpg: this is a {message}"):
        extract_metadata(data, label="photo.jpg")


def test_truncated_jpeg_metadata_warns_and_thumbnail_fails_clearly() -> None:
    whole = save(picture((400, 300)), "JPEG", quality=90, exif=phone_exif())
    cut = whole[: len(whole) // 2]
    result = extract_metadata(cut, label="cut.jpg")
    assert result.summary.make == "Apple"  # the header survived
    assert any("truncated" in w for w in result.warnings)
    with pytest.raises(UnreadableImage, match=r"cut\.jpg: the image data cannot be decoded"):
        make_thumbnail(cut, label="cut.jpg")


def test_jpeg_cut_inside_its_header() -> None:
    whole = save(picture(), "JPEG", exif=phone_exif())
    result = extract_metadata(whole[:60], label="stub.jpg")
    assert any("truncated" in w for w in result.warnings)
    assert result.summary.make is None


def test_zero_denominator_rationals_are_ignored_with_a_warning() -> None:
    spec = TiffSpec(
        ifd0=[Entry(0x010F, ASCII, "Cam")],
        gps=[
            Entry(0x0001, ASCII, "N"),
            Entry(0x0002, RATIONAL, [(35, 1), (46, 0), (28, 1)]),
            Entry(0x0003, ASCII, "E"),
            Entry(0x0004, RATIONAL, [(43, 1), (35, 1), (15, 1)]),
            Entry(0x0006, RATIONAL, [(10, 0)]),
        ],
    )
    result = extract_metadata(jpeg_with_exif(build_exif(spec)), label="zero.jpg")
    s = result.summary
    assert s.gps_latitude is None and s.gps_altitude is None
    assert s.gps_longitude == pytest.approx(43.5875)
    assert "GPS latitude has a zero denominator (46/0); ignored" in s.warnings
    assert "GPS altitude has a zero denominator (10/0); ignored" in s.warnings
    assert result.exif["GPS"]["GPSAltitude"] == "10/0"


def test_out_of_range_gps_is_ignored_with_a_warning() -> None:
    spec = TiffSpec(
        gps=[
            Entry(0x0001, ASCII, "N"),
            Entry(0x0002, RATIONAL, [(123, 1), (24, 1), (0, 1)]),
            Entry(0x0003, ASCII, "X"),
            Entry(0x0004, RATIONAL, [(43, 1), (35, 1), (15, 1)]),
        ],
    )
    s = extract_metadata(jpeg_with_exif(build_exif(spec)), label="far.jpg").summary
    assert s.gps_latitude is None and s.gps_longitude is None
    assert "GPS latitude 123.4 is out of range; ignored" in s.warnings
    assert "GPS longitude reference 'X' is not E or W; ignored" in s.warnings


def test_offsets_outside_the_exif_data_are_reported() -> None:
    blob = bytearray(
        build_exif(TiffSpec(ifd0=[Entry(0x010F, ASCII, "A long make string"), Entry(0x0110, ASCII, "M")]))
    )
    # Point Make's value far beyond the end of the data.
    (count,) = struct.unpack_from("<H", blob, 8)
    for index in range(count):
        entry = 10 + 12 * index
        if struct.unpack_from("<H", blob, entry)[0] == 0x010F:
            struct.pack_into("<I", blob, entry + 8, 0x7FFFFF00)
    result = extract_metadata(jpeg_with_exif(bytes(blob)), label="off.jpg")
    assert result.summary.make is None
    assert result.summary.model == "M"
    assert any("Make in IFD0 points outside the data" in w for w in result.warnings)


def test_ifd_loops_and_bad_pointers_do_not_hang() -> None:
    blob = bytearray(
        build_exif(TiffSpec(ifd0=[Entry(0x010F, ASCII, "Cam")], exif=[Entry(0x9003, ASCII, "x")]))
    )
    # Make the Exif IFD pointer point back at IFD0.
    (count,) = struct.unpack_from("<H", blob, 8)
    for index in range(count):
        entry = 10 + 12 * index
        if struct.unpack_from("<H", blob, entry)[0] == 0x8769:
            struct.pack_into("<I", blob, entry + 8, 8)
    result = extract_metadata(jpeg_with_exif(bytes(blob)), label="loop.jpg")
    assert any("IFD loop" in w for w in result.warnings)


def test_decompression_bomb_is_a_clear_per_file_error() -> None:
    # A real 40000x40000 JPEG would be huge; a valid 8x8 one with the frame header patched says
    # the same thing to a decoder, which is exactly what a bomb does.
    data = bytearray(save(picture((8, 8)), "JPEG"))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 40000, 40000)
    with pytest.raises(ImageTooLarge, match=r"bomb\.jpg: decompression bomb: 40000x40000 pixels exceeds"):
        make_thumbnail(bytes(data), label="bomb.jpg")
    facts = extract_metadata(bytes(data), label="bomb.jpg").file
    assert (facts.width, facts.height) == (40000, 40000)


def test_png_bomb_is_refused_before_decoding() -> None:
    data = bytearray(save(picture((8, 8)), "PNG"))
    struct.pack_into(">II", data, 16, 30000, 30000)
    with pytest.raises(ImageTooLarge, match="30000x30000"):
        make_thumbnail(bytes(data), label="bomb.png", max_pixels=10_000_000)


def test_garbage_in_every_container_is_contained() -> None:
    for head in (
        b"\xff\xd8\xff\xe1\xff\xff",
        b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
        b"RIFF\xff\xff\xff\xffWEBPVP8X",
        b"II*\0\xff\xff\xff\xff",
    ):
        data = head + bytes(range(256)) * 3
        try:
            extract_metadata(data, label="junk")
        except VerifierError:
            pass
        with pytest.raises(VerifierError):
            make_thumbnail(data, label="junk")


_VALID = save(picture((64, 48)), "JPEG", quality=85, exif=phone_exif())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(_VALID) - 1), st.integers(min_value=0, max_value=255)
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=0, max_value=len(_VALID)),
)
def test_mutated_jpegs_either_read_or_raise_a_verifier_error(
    mutations: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(_VALID)
    for position, value in mutations:
        data[position] = value
    mutated = bytes(data[: max(cut, 1)]) if cut < len(_VALID) // 4 else bytes(data)
    try:
        result = extract_metadata(mutated, label="fuzz.jpg")
    except VerifierError:
        return
    result.to_json()  # whatever was read must serialize


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(min_value=0, max_value=len(_VALID) - 1), st.integers(0, 255)), max_size=6)
)
def test_mutated_jpegs_thumbnail_or_raise_a_verifier_error(mutations: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID)
    for position, value in mutations:
        data[position] = value
    try:
        make_thumbnail(bytes(data), label="fuzz.jpg")
    except VerifierError:
        pass


def test_long_typed_pointer_to_nowhere() -> None:
    spec = TiffSpec(ifd0=[Entry(0x8769, LONG, 0xFFFFFF)])
    result = extract_metadata(jpeg_with_exif(build_exif(spec)), label="p.jpg")
    assert any("ExifIFD offset" in w and "outside the data" in w for w in result.warnings)


def _heic() -> bytes:
    import io

    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(picture((64, 48))).save(out, format="HEIF", exif=phone_exif().tobytes())
    return out.getvalue()


_OTHER_VALID = {
    "png": save(picture((64, 48)), "PNG", exif=phone_exif()),
    "webp": save(picture((64, 48)), "WEBP", exif=phone_exif()),
    "tiff": phone_exif().tobytes()[6:],
    "heic": _heic(),
}


@pytest.mark.parametrize("fmt", sorted(_OTHER_VALID))
def test_mutated_other_containers_read_or_raise_a_verifier_error(fmt: str) -> None:
    valid = _OTHER_VALID[fmt]

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.tuples(st.integers(0, len(valid) - 1), st.integers(0, 255)), min_size=1, max_size=8),
        st.integers(min_value=8, max_value=len(valid)),
    )
    def check(mutations: list[tuple[int, int]], cut: int) -> None:
        data = bytearray(valid)
        for position, value in mutations:
            data[position] = value
        for step in (extract_metadata, make_thumbnail):
            try:
                step(bytes(data[:cut]), label=f"fuzz.{fmt}")
            except VerifierError:
                pass

    check()


def test_unreadable_paths_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImage, match=r"missing\.jpg: cannot be read"):
        extract_metadata_file(tmp_path / "missing.jpg")
    loop = tmp_path / "loop.jpg"
    loop.symlink_to(loop)
    with pytest.raises(UnreadableImage, match=r"loop\.jpg: cannot be read"):
        extract_metadata_file(loop)
    with pytest.raises(UnreadableImage, match="cannot be read"):
        extract_metadata_file(tmp_path)  # a directory


def test_unicode_and_right_to_left_names(tmp_path: Path) -> None:
    name = "صورة \u202etxt.jpg"  # Arabic, with a right-to-left override that disguises the extension
    path = tmp_path / name
    path.write_bytes(save(picture(), "JPEG", exif=phone_exif()))
    result = extract_metadata_file(path)
    assert result.label == name
    assert result.summary.make == "Apple"
