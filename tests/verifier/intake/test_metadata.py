"""Metadata extraction: exact normalized values from files with known EXIF, XMP and IPTC."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.verifier.intake.samples import (
    ASCII,
    BYTE,
    LONG,
    RATIONAL,
    SHORT,
    Entry,
    TiffSpec,
    build_exif,
    insert_segment,
    iptc_app13,
    jpeg_with_exif,
    phone_exif,
    picture,
    save,
)
from verifier.intake import (
    CredentialState,
    TimeZoneSource,
    extract_metadata,
    extract_metadata_file,
    read_metadata_head,
)

MAKHMOUR = (35.7745, 43.5875)


def _jpeg(**kwargs: object) -> bytes:
    return save(picture(), "JPEG", quality=90, exif=phone_exif(**kwargs))  # type: ignore[arg-type]


def test_phone_jpeg_summary_has_exact_values() -> None:
    result = extract_metadata(_jpeg(), label="IMG_0001.jpg")
    s = result.summary
    assert s.gps_latitude == pytest.approx(MAKHMOUR[0], abs=1e-9)
    assert s.gps_longitude == pytest.approx(MAKHMOUR[1], abs=1e-9)
    assert s.gps_altitude == pytest.approx(285.5)
    assert s.gps_img_direction == pytest.approx(123.4)
    assert s.gps_img_direction_ref == "T"
    assert s.gps_h_positioning_error == pytest.approx(4.7)
    assert s.gps_utc == datetime(2024, 3, 5, 11, 22, 9, tzinfo=UTC)
    assert s.capture_local == datetime(2024, 3, 5, 14, 22, 9, 123000)
    assert s.capture_offset == "+03:00"
    assert s.capture_tz_source is TimeZoneSource.OFFSET_TAG
    assert s.capture_utc == datetime(2024, 3, 5, 11, 22, 9, 123000, tzinfo=UTC)
    # DateTime is the modification time, and OffsetTime (+01:00) belongs to it, not to the capture.
    assert s.modified_local == datetime(2024, 3, 6, 9, 0, 0, 500000)
    assert s.modified_offset == "+01:00"
    assert s.modified_utc == datetime(2024, 3, 6, 8, 0, 0, 500000, tzinfo=UTC)
    assert (s.make, s.model, s.software) == ("Apple", "iPhone 13 Pro", "17.3.1")
    assert (s.body_serial_number, s.lens_serial_number) == ("SN-0042", "LS-77")
    assert s.lens_model == "iPhone 13 Pro back triple camera 5.7mm f/1.5"
    assert s.image_unique_id == "0123456789ABCDEF0123456789ABCDEF"
    assert s.orientation == 1
    assert s.warnings == () and result.warnings == ()
    assert s.notes == ()


def test_raw_groups_are_named_like_exiftool() -> None:
    result = extract_metadata(_jpeg(), label="IMG_0001.jpg")
    assert result.exif["IFD0"]["Make"] == "Apple"
    assert result.exif["ExifIFD"]["OffsetTimeOriginal"] == "+03:00"
    assert result.exif["ExifIFD"]["SerialNumber"] == "SN-0042"
    assert result.exif["GPS"]["GPSLatitude"] == pytest.approx([35.0, 46.0, 28.2])
    assert result.exif["GPS"]["GPSLatitudeRef"] == "N"
    json.loads(result.to_json())  # every value is JSON-safe


def test_southern_and_western_hemispheres_are_negative() -> None:
    exif = phone_exif()
    gps = exif.get_ifd(0x8825)
    gps[0x0001], gps[0x0003] = "S", "W"
    gps[0x0005] = b"\x01"  # below sea level
    s = extract_metadata(save(picture(), "JPEG", exif=exif), label="x.jpg").summary
    assert s.gps_latitude == pytest.approx(-MAKHMOUR[0])
    assert s.gps_longitude == pytest.approx(-MAKHMOUR[1])
    assert s.gps_altitude == pytest.approx(-285.5)


def test_time_zone_inferred_from_gps_stamp_when_offset_tag_is_missing() -> None:
    s = extract_metadata(_jpeg(offset=None), label="x.jpg").summary
    assert s.capture_tz_source is TimeZoneSource.GPS_TIME
    assert s.capture_offset == "+03:00"
    assert s.capture_utc == datetime(2024, 3, 5, 11, 22, 9, 123000, tzinfo=UTC)
    assert s.modified_offset is None  # OffsetTime was not written either


def test_no_offset_and_no_gps_time_means_unknown_zone() -> None:
    s = extract_metadata(_jpeg(offset=None, gps_time=None), label="x.jpg").summary
    assert s.capture_tz_source is TimeZoneSource.UNKNOWN
    assert s.capture_local == datetime(2024, 3, 5, 14, 22, 9, 123000)
    assert s.capture_offset is None and s.capture_utc is None


def test_gps_stamp_of_another_moment_does_not_invent_a_zone() -> None:
    data = _jpeg(offset=None, gps_time=("2024:03:05", (11, 2, 40)))
    s = extract_metadata(data, label="x.jpg").summary
    assert s.capture_tz_source is TimeZoneSource.UNKNOWN
    assert any("not a whole time-zone offset" in note for note in s.notes)


def test_gps_only_photo() -> None:
    exif = phone_exif(gps=True)
    del exif[0x010F], exif[0x0110]
    ifd = exif.get_ifd(0x8769)
    for tag in list(ifd):
        del ifd[tag]
    s = extract_metadata(save(picture(), "JPEG", exif=exif), label="x.jpg").summary
    assert s.gps_latitude == pytest.approx(MAKHMOUR[0])
    assert s.capture_local is None and s.capture_tz_source is TimeZoneSource.UNKNOWN
    assert s.make is None


def test_photo_without_exif_gets_a_note_not_an_error() -> None:
    result = extract_metadata(save(picture(), "JPEG"), label="whatsapp.jpg")
    assert result.exif == {}
    assert any("messaging apps" in note for note in result.summary.notes)
    assert result.warnings == ()
    assert result.credentials.state is CredentialState.ABSENT


def test_file_facts_and_quality() -> None:
    for quality in (95, 90, 75, 50, 30):
        facts = extract_metadata(save(picture((80, 60)), "JPEG", quality=quality), label="q.jpg").file
        assert (facts.jpeg_quality, facts.jpeg_quality_exact) == (quality, True)
        assert (facts.width, facts.height, facts.format, facts.jpeg_process) == (80, 60, "jpeg", "baseline")
    progressive = save(picture(), "JPEG", quality=80, progressive=True)
    assert extract_metadata(progressive, label="p.jpg").file.jpeg_process == "progressive"


def test_embedded_thumbnail_is_found_with_offset_and_size() -> None:
    thumb = save(picture((32, 24), seed=9), "JPEG", quality=70)
    blob = build_exif(TiffSpec(ifd0=[Entry(0x010F, ASCII, "Canon")], thumbnail=thumb))
    data = jpeg_with_exif(blob)
    result = extract_metadata(data, label="c.jpg")
    embedded = result.file.embedded_thumbnail
    assert result.summary.has_embedded_thumbnail
    assert embedded is not None
    assert data[embedded.offset : embedded.offset + embedded.length] == thumb
    assert (embedded.width, embedded.height) == (32, 24)
    assert result.exif["IFD1"]["ThumbnailLength"] == len(thumb)


def test_make_model_are_cut_at_the_first_nul() -> None:
    garbage = b"NIKON D750\0\x13\x88garbage!!"
    blob = build_exif(TiffSpec(ifd0=[Entry(0x0110, ASCII, garbage), Entry(0x010F, ASCII, b"NIKON \0\0\0")]))
    result = extract_metadata(jpeg_with_exif(blob), label="n.jpg")
    assert result.summary.model == "NIKON D750"
    assert result.summary.make == "NIKON"
    assert any("after its NUL terminator" in w for w in result.warnings)


def test_xmp_history_and_location_are_parsed() -> None:
    xmp = b"""<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  xmp:CreatorTool="Adobe Photoshop 25.0 (Windows)" xmp:CreateDate="2024-03-05T14:22:09+03:00"
  xmp:ModifyDate="2024-03-07T10:00:00+01:00" photoshop:DateCreated="2024-03-05T14:22:09.123+03:00"
  photoshop:City="Makhmour" photoshop:Country="Iraq" Iptc4xmpCore:Location="Market square">
 <xmpMM:History><rdf:Seq>
  <rdf:li stEvt:action="created" stEvt:when="2024-03-05T14:22:09+03:00"/>
  <rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action>
    <stEvt:softwareAgent>Adobe Photoshop 25.0</stEvt:softwareAgent><stEvt:changed>/</stEvt:changed></rdf:li>
 </rdf:Seq></xmpMM:History>
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Market</rdf:li></rdf:Alt></dc:title>
 <dc:subject><rdf:Bag><rdf:li>market</rdf:li><rdf:li>crowd</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end='w'?>"""
    data = save(picture(), "JPEG", exif=phone_exif(), xmp=xmp)
    result = extract_metadata(data, label="edited.jpg")
    x = result.xmp
    assert x["xmp:CreatorTool"] == "Adobe Photoshop 25.0 (Windows)"
    assert x["photoshop:DateCreated"] == "2024-03-05T14:22:09.123+03:00"
    assert (x["photoshop:City"], x["photoshop:Country"]) == ("Makhmour", "Iraq")
    assert x["Iptc4xmpCore:Location"] == "Market square"
    assert x["dc:title"] == "Market" and x["dc:subject"] == ["market", "crowd"]
    assert x["xmpMM:History"] == [
        {"stEvt:action": "created", "stEvt:when": "2024-03-05T14:22:09+03:00"},
        {"stEvt:action": "saved", "stEvt:softwareAgent": "Adobe Photoshop 25.0", "stEvt:changed": "/"},
    ]
    assert result.summary.creator_tool == "Adobe Photoshop 25.0 (Windows)"
    assert result.summary.xmp_history_actions == ("created", "saved")
    assert "xmp:defusedxml" in result.readers


def test_xmp_with_entities_is_refused_not_expanded() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="&b;"/></rdf:RDF></x:xmpmeta>"""
    result = extract_metadata(save(picture(), "JPEG", xmp=bomb), label="bomb.jpg")
    assert result.xmp == {}
    assert any("XMP refused" in w for w in result.warnings)


def test_iptc_by_line_credit_caption_dates_location() -> None:
    app13 = iptc_app13(
        [
            (1, 90, b"\x1b%G"),
            (2, 80, "Rûdaw Stringer".encode()),
            (2, 110, b"Field Desk"),
            (2, 120, b"Crowd at the market, Makhmour"),
            (2, 55, b"20240305"),
            (2, 60, b"142209+0300"),
            (2, 90, b"Makhmour"),
            (2, 101, b"Iraq"),
            (2, 25, b"market"),
            (2, 25, b"crowd"),
        ]
    )
    data = insert_segment(save(picture(), "JPEG"), 0xED, app13)
    iptc = extract_metadata(data, label="agency.jpg").iptc
    assert iptc["By-line"] == ["Rûdaw Stringer"]
    assert iptc["Credit"] == "Field Desk"
    assert iptc["Caption-Abstract"] == "Crowd at the market, Makhmour"
    assert (iptc["DateCreated"], iptc["TimeCreated"]) == ("20240305", "142209+0300")
    assert (iptc["City"], iptc["Country-PrimaryLocationName"]) == ("Makhmour", "Iraq")
    assert iptc["Keywords"] == ["market", "crowd"]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_other_containers_carry_the_same_summary(fmt: str) -> None:
    data = save(picture(), fmt, exif=phone_exif())
    result = extract_metadata(data, label=f"x.{fmt.lower()}")
    s = result.summary
    assert s.gps_latitude == pytest.approx(MAKHMOUR[0])
    assert s.capture_utc == datetime(2024, 3, 5, 11, 22, 9, 123000, tzinfo=UTC)
    assert s.make == "Apple"
    assert (result.file.width, result.file.height) == (96, 64)


def test_tiff_structure_is_walked_whole() -> None:
    # Pillow's TIFF writer drops the Exif and GPS sub-IFDs, so the TIFF is the EXIF blob itself:
    # the same structure a DNG or NEF starts with.
    data = phone_exif().tobytes()[6:]
    result = extract_metadata(data, label="scan.tif")
    assert result.file.format == "tiff"
    assert result.summary.gps_latitude == pytest.approx(MAKHMOUR[0])
    assert result.summary.capture_offset == "+03:00"
    assert set(result.exif) == {"IFD0", "ExifIFD", "GPS"}


def test_heic_metadata_via_pillow_heif() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    heif = pillow_heif.from_pillow(picture())
    out = io.BytesIO()
    heif.save(out, format="HEIF", exif=phone_exif().tobytes())
    result = extract_metadata(out.getvalue(), label="IMG_0002.HEIC")
    assert result.file.format == "heic"
    assert (result.file.width, result.file.height) == (96, 64)
    assert result.summary.gps_longitude == pytest.approx(MAKHMOUR[1])
    assert result.summary.capture_offset == "+03:00"
    assert "heif:pillow-heif" in result.readers


def test_rescan_from_head_matches_whole_file(tmp_path: Path) -> None:
    big = save(picture((1600, 1200)), "JPEG", quality=95, exif=phone_exif())
    path = tmp_path / "big.jpg"
    path.write_bytes(big)
    whole = extract_metadata(big, label="big.jpg")
    head = extract_metadata_file(path)
    assert head.summary == whole.summary
    assert head.file == whole.file
    assert head.exif == whole.exif


def test_rescan_reads_past_large_leading_segments(tmp_path: Path) -> None:
    data = save(picture((1600, 1200)), "JPEG", quality=95, exif=phone_exif())
    for _ in range(4):  # 240 KB of APP9 junk before the EXIF: the head must grow to reach it
        data = insert_segment(data, 0xE9, b"J" * 60000)
    path = tmp_path / "padded.jpg"
    path.write_bytes(data)
    head, size = read_metadata_head(path)
    assert 240_000 < len(head) < size
    result = extract_metadata_file(path)
    assert result.summary == extract_metadata(data, label="padded.jpg").summary
    assert result.summary.make == "Apple"


def test_maker_notes_are_decoded_on_request_by_exifread() -> None:
    # A Canon-style maker note is a plain IFD; exifread decodes its tags by name.
    note = b"".join(
        [
            (2).to_bytes(2, "little"),
            (0x0006).to_bytes(2, "little") + (2).to_bytes(2, "little") + (4).to_bytes(4, "little") + b"EOS\0",
            (0x0009).to_bytes(2, "little") + (2).to_bytes(2, "little") + (4).to_bytes(4, "little") + b"Me!\0",
            b"\0\0\0\0",
        ]
    )
    spec = TiffSpec(
        ifd0=[Entry(0x010F, ASCII, "Canon"), Entry(0x0110, ASCII, "Canon EOS 5D")],
        exif=[Entry(0x927C, 7, note), Entry(0x9003, ASCII, "2024:01:02 03:04:05")],
    )
    result = extract_metadata(jpeg_with_exif(build_exif(spec)), label="canon.jpg", maker_notes=True)
    assert "makernotes:exifread" in result.readers
    assert result.exif["ExifIFD"]["MakerNote"] == "0x" + note.hex()
    assert result.exif["MakerNotes"]["ImageType"] == "EOS"
    assert result.exif["MakerNotes"]["OwnerName"] == "Me!"


def test_unused_type_constants_stay_consistent() -> None:
    # The hand-made builder's constants are the TIFF type codes the walker decodes.
    assert (BYTE, SHORT, LONG, RATIONAL) == (1, 3, 4, 5)
