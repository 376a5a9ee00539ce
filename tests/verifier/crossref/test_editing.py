"""Editing traces, each on both sides of its threshold."""

from __future__ import annotations

from datetime import datetime

from tests.verifier.crossref.factory import only, photo, rules
from verifier.crossref.editing import check_editing, editing_program
from verifier.crossref.findings import Severity

CAMERA = {"make": "Canon", "model": "Canon EOS 80D", "capture_local": datetime(2019, 3, 1, 10, 0)}


def test_editing_programs_in_software_and_creator_tool() -> None:
    assert editing_program("Adobe Photoshop CC 2019 (Windows)") == "Adobe Photoshop"
    assert editing_program("PicsArt Photo Studio") == "PicsArt"
    assert editing_program("G950FXXU1AQL5") is None and editing_program("12.1.4") is None
    assert editing_program("Digimp 3") is None  # word boundary: not GIMP
    finding = only(
        check_editing([photo(1, software="Adobe Photoshop Lightroom Classic 8.2")]), "editing.software"
    )
    assert finding.severity is Severity.WARNING and "Adobe Photoshop" in finding.explanation
    assert rules(check_editing([photo(1, creator_tool="GIMP 2.10", **CAMERA)])) == ["editing.software"]
    assert rules(check_editing([photo(1, software="G950FXXU1AQL5", **CAMERA)])) == []


def _sized(width: int, height: int, tw: int, th: int) -> list:
    file = {"width": width, "height": height, "thumbnail_width": tw, "thumbnail_height": th}
    return check_editing([photo(1, file=file, **CAMERA)])


def test_thumbnail_aspect() -> None:
    assert rules(_sized(4032, 3024, 160, 120)) == []
    assert rules(_sized(6000, 4000, 160, 107)) == []  # 3:2 rounded to whole pixels
    cropped = only(_sized(3000, 3000, 512, 384), "editing.thumbnail_aspect")
    assert cropped.severity is Severity.WARNING and "3000x3000" in cropped.explanation
    assert only(_sized(6000, 4000, 160, 120), "editing.thumbnail_aspect").severity is Severity.INFO
    assert rules(_sized(4032, 3024, 120, 160)) == ["editing.thumbnail_rotated"]


def test_thumbnail_content() -> None:
    base = 0x0F0F_0F0F_0F0F_0F0F
    same = check_editing([photo(1, phash=base, file={"thumbnail_phash": base ^ 0xFF}, **CAMERA)])
    other = check_editing([photo(1, phash=base, file={"thumbnail_phash": ~base & (2**64 - 1)}, **CAMERA)])
    assert rules(same) == [] and rules(other) == ["editing.thumbnail_content"]


def test_xmp_history() -> None:
    finding = only(
        check_editing([photo(1, xmp_history_actions=("created", "saved", "saved"), **CAMERA)]),
        "editing.xmp_history",
    )
    assert finding.severity is Severity.WARNING and finding.numbers["edit_steps"] == 2
    assert only(
        check_editing([photo(1, xmp_history_actions=("created",), **CAMERA)]), "editing.xmp_history"
    ).severity is (Severity.INFO)


def test_standard_tables_on_a_camera_that_uses_its_own() -> None:
    libjpeg = {"jpeg_quality": 90, "jpeg_quality_exact": True}
    finding = only(check_editing([photo(1, file=libjpeg, **CAMERA)]), "editing.standard_quant_tables")
    assert finding.severity is Severity.INFO and "weak signal" in finding.explanation.lower()
    custom = {"jpeg_quality": 97, "jpeg_quality_exact": False}
    assert rules(check_editing([photo(1, file=custom, **CAMERA)])) == []
    phone = dict(CAMERA, make="samsung", model="SM-G950F")
    assert rules(check_editing([photo(1, file=libjpeg, **phone)])) == []


def test_low_quality_with_camera_exif() -> None:
    low = check_editing([photo(1, file={"jpeg_quality": 62, "jpeg_quality_exact": False}, **CAMERA)])
    assert only(low, "editing.low_quality").numbers["jpeg_quality"] == 62
    assert (
        rules(check_editing([photo(1, file={"jpeg_quality": 80, "jpeg_quality_exact": False}, **CAMERA)]))
        == []
    )


def test_dimensions_against_what_the_camera_wrote() -> None:
    def sized(w: int, h: int) -> list:
        file = {"width": w, "height": h, "exif_pixel_width": 4032, "exif_pixel_height": 3024}
        return check_editing([photo(1, file=file, **CAMERA)])

    assert rules(sized(4032, 3024)) == [] and rules(sized(3024, 4032)) == []
    assert only(sized(2016, 1512), "editing.dimensions_changed").numbers["resized_only"] is True
    assert "cropped" in only(sized(3024, 3024), "editing.dimensions_changed").explanation


def test_stripped_photo_is_information_not_an_accusation() -> None:
    finding = only(check_editing([photo(1)]), "editing.no_metadata")
    assert finding.severity is Severity.INFO and "not that it was altered" in finding.explanation
    assert "editing.no_metadata" not in rules(check_editing([photo(1, **CAMERA)]))
