"""The summary agrees with ExifTool wherever ExifTool has the field.

Two corpora: files generated here (every summary field set, plus edge cases), and real camera
files from ExifTool's own test suite (``data/exiftool``, see its README). ExifTool runs once, in
batch, with ``-json -n -G1``.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.verifier.intake.samples import (
    ASCII,
    RATIONAL,
    Entry,
    TiffSpec,
    build_exif,
    jpeg_with_exif,
    phone_exif,
    picture,
    save,
)
from verifier.intake import MetadataResult, extract_metadata

EXIFTOOL = shutil.which("exiftool")
pytestmark = pytest.mark.skipif(
    EXIFTOOL is None,
    reason="exiftool not installed: apt-get install libimage-exiftool-perl to compare with ExifTool",
)
CAMERA_FILES = sorted((Path(__file__).parent / "data" / "exiftool").glob("*.*"))
CAMERA_FILES = [p for p in CAMERA_FILES if p.suffix.lower() != ".md"]


def _generated(directory: Path) -> list[Path]:
    files: dict[str, bytes] = {
        "phone.jpg": save(picture(), "JPEG", quality=87, exif=phone_exif()),
        "no_offset.jpg": save(picture(), "JPEG", exif=phone_exif(offset=None)),
        "no_zone.jpg": save(picture(), "JPEG", exif=phone_exif(offset=None, gps_time=None)),
        "phone.png": save(picture(), "PNG", exif=phone_exif()),
        "phone.webp": save(picture(), "WEBP", exif=phone_exif()),
        "exif_only.tif": phone_exif().tobytes()[6:],
        "stripped.jpg": save(picture(), "JPEG"),
    }
    south = phone_exif()
    gps = south.get_ifd(0x8825)
    gps[0x0001], gps[0x0003], gps[0x0005] = "S", "W", b"\x01"
    files["south.jpg"] = save(picture(), "JPEG", exif=south)
    thumb = save(picture((40, 30)), "JPEG", quality=60)
    files["thumbnail.jpg"] = jpeg_with_exif(
        build_exif(
            TiffSpec(
                ifd0=[Entry(0x010F, ASCII, "Canon"), Entry(0x0110, ASCII, b"Canon EOS R5\0\x7fjunk")],
                exif=[Entry(0x9003, ASCII, "2023:12:31 23:59:59"), Entry(0x9011, ASCII, "-05:00")],
                gps=[
                    Entry(0x0001, ASCII, "N"),
                    Entry(0x0002, RATIONAL, [(35, 1), (46, 0), (28, 1)]),  # zero denominator
                    Entry(0x0003, ASCII, "E"),
                    Entry(0x0004, RATIONAL, [(43, 1), (35, 1), (15, 1)]),
                ],
                thumbnail=thumb,
                little_endian=False,
            )
        )
    )
    try:
        import pillow_heif

        out = io.BytesIO()
        pillow_heif.from_pillow(picture()).save(out, format="HEIF", exif=phone_exif().tobytes())
        files["phone.heic"] = out.getvalue()
    except ImportError:
        pass
    paths = []
    for name, data in files.items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def _exiftool(paths: list[Path]) -> dict[str, dict[str, Any]]:
    assert EXIFTOOL is not None
    command = [EXIFTOOL, "-json", "-n", "-G1", "-a", "-all", "-JPEGQualityEstimate", *map(str, paths)]
    completed = subprocess.run(command, capture_output=True, check=False, timeout=120)
    return {Path(doc["SourceFile"]).name: doc for doc in json.loads(completed.stdout)}


def _pick(doc: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in doc:
            return doc[key]
    return None


_ET_TIME = re.compile(r"^(\d{4}):(\d\d):(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def _parse_et_time(text: object) -> tuple[datetime, str | None] | None:
    if not isinstance(text, str):
        return None
    match = _ET_TIME.match(text.strip())
    if match is None:
        return None
    parts = [int(match[i]) for i in range(1, 7)]
    micro = int((match[7][1:] + "000000")[:6]) if match[7] else 0
    return datetime(*parts, micro), match[8]  # type: ignore[misc]


def _ignored(result: MetadataResult, word: str) -> bool:
    return any(word in w for w in result.summary.warnings)


def _compare(result: MetadataResult, doc: dict[str, Any]) -> list[str]:
    """Return disagreements between our summary and ExifTool's output for one file."""
    s = result.summary
    problems: list[str] = []

    def check(
        field: str, ours: object, theirs: object, *, tolerance: float = 0.0, warn_word: str = ""
    ) -> None:
        if theirs is None or theirs == "":
            return
        if ours is None and warn_word and _ignored(result, warn_word):
            return  # we refused a value ExifTool shows, and said why
        if isinstance(theirs, int | float) and isinstance(ours, int | float):
            if math.isclose(float(ours), float(theirs), abs_tol=tolerance or 1e-9):
                return
        elif isinstance(theirs, str) and isinstance(ours, str):
            if ours == theirs.strip():
                return
        elif isinstance(theirs, int | float) and isinstance(ours, str):
            # exiftool -n -json turns numeric-looking text into numbers ("1.00" -> 1.0).
            try:
                if float(ours) == float(theirs):
                    return
            except ValueError:
                pass
        elif ours == theirs:
            return
        problems.append(f"{field}: ours={ours!r} exiftool={theirs!r}")

    check("make", s.make, _pick(doc, "IFD0:Make", "ExifIFD:Make", "IFD1:Make"))
    check("model", s.model, _pick(doc, "IFD0:Model", "ExifIFD:Model", "IFD1:Model"))
    check("software", s.software, doc.get("IFD0:Software"))
    check("orientation", s.orientation, doc.get("IFD0:Orientation"), warn_word="Orientation")
    check("body serial", s.body_serial_number, _pick(doc, "ExifIFD:SerialNumber", "IFD0:CameraSerialNumber"))
    check("lens make", s.lens_make, doc.get("ExifIFD:LensMake"))
    check("lens model", s.lens_model, doc.get("ExifIFD:LensModel"))
    check("lens serial", s.lens_serial_number, doc.get("ExifIFD:LensSerialNumber"))
    check("unique id", s.image_unique_id, doc.get("ExifIFD:ImageUniqueID"))
    check("latitude", s.gps_latitude, doc.get("Composite:GPSLatitude"), tolerance=1e-7, warn_word="latitude")
    check(
        "longitude", s.gps_longitude, doc.get("Composite:GPSLongitude"), tolerance=1e-7, warn_word="longitude"
    )
    check("altitude", s.gps_altitude, doc.get("Composite:GPSAltitude"), tolerance=1e-6, warn_word="altitude")
    check(
        "direction",
        s.gps_img_direction,
        doc.get("GPS:GPSImgDirection"),
        tolerance=1e-6,
        warn_word="direction",
    )
    check("direction ref", s.gps_img_direction_ref, doc.get("GPS:GPSImgDirectionRef"))
    check("h error", s.gps_h_positioning_error, doc.get("GPS:GPSHPositioningError"), tolerance=1e-6)
    length = doc.get("IFD1:ThumbnailLength")
    check(
        "thumbnail", s.has_embedded_thumbnail, isinstance(length, int) and length > 0, warn_word="thumbnail"
    )
    embedded = result.file.embedded_thumbnail
    if embedded is not None and isinstance(doc.get("IFD1:ThumbnailOffset"), int):
        # ExifTool reports the offset in the file, as FileFacts does.
        check("thumbnail offset", embedded.offset, doc["IFD1:ThumbnailOffset"])

    gps_time = _parse_et_time(doc.get("Composite:GPSDateTime"))
    if gps_time is not None and not _ignored(result, "GPS time") and not _ignored(result, "GPS date"):
        expected = gps_time[0].replace(tzinfo=UTC)
        if s.gps_utc is None or abs(s.gps_utc - expected) > timedelta(milliseconds=1):
            problems.append(f"gps utc: ours={s.gps_utc} exiftool={expected}")

    capture = _parse_et_time(_pick(doc, "Composite:SubSecDateTimeOriginal", "ExifIFD:DateTimeOriginal"))
    if capture is not None and capture[0].year > 1:
        local, zone = capture
        if s.capture_local != local:
            problems.append(f"capture local: ours={s.capture_local} exiftool={local}")
        if zone is not None and s.capture_offset != zone:
            problems.append(f"capture offset: ours={s.capture_offset} exiftool={zone}")
        if zone is not None and s.capture_utc is not None:
            sign = -1 if zone[0] == "-" else 1
            delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * sign
            if s.capture_utc != local.replace(tzinfo=timezone(delta)).astimezone(UTC):
                problems.append("capture utc differs")
    modified = _parse_et_time(_pick(doc, "Composite:SubSecModifyDate", "IFD0:ModifyDate"))
    if modified is not None and modified[0].year > 1 and s.modified_local != modified[0]:
        problems.append(f"modified: ours={s.modified_local} exiftool={modified[0]}")

    size = doc.get("Composite:ImageSize")
    if isinstance(size, str) and result.file.format in ("jpeg", "png", "webp", "heic"):
        width, height = (int(float(v)) for v in size.split())
        check("width", result.file.width, width)
        check("height", result.file.height, height)
    quality = doc.get("Composite:JPEGQualityEstimate")
    if quality is not None and result.file.jpeg_quality_exact:
        check("jpeg quality", result.file.jpeg_quality, quality)
    return problems


def _raw_names_missing(result: MetadataResult, doc: dict[str, Any]) -> list[str]:
    """ExifTool tags of the standard EXIF groups that our raw table does not have by the same name."""
    missing = []
    for key in doc:
        group, _sep, name = key.partition(":")
        if group not in ("IFD0", "ExifIFD", "GPS", "InteropIFD", "IFD1"):
            continue
        if name in ("ThumbnailImage", "PreviewImage", "JpgFromRaw", "OtherImage"):
            continue  # ExifTool's synthetic tags for embedded images
        if name not in result.exif.get(group, {}):
            missing.append(key)
    return missing


def test_generated_files_agree_with_exiftool(tmp_path: Path) -> None:
    paths = _generated(tmp_path)
    docs = _exiftool(paths)
    disagreements = {}
    for path in paths:
        result = extract_metadata(path.read_bytes(), label=path.name)
        problems = _compare(result, docs[path.name])
        if problems:
            disagreements[path.name] = problems
    assert disagreements == {}


def test_generated_raw_tables_use_exiftool_names(tmp_path: Path) -> None:
    paths = [p for p in _generated(tmp_path) if p.suffix in (".jpg", ".tif")]
    docs = _exiftool(paths)
    missing = {}
    for path in paths:
        absent = _raw_names_missing(extract_metadata(path.read_bytes(), label=path.name), docs[path.name])
        if absent:
            missing[path.name] = absent
    assert missing == {}


def test_the_comparison_can_fail(tmp_path: Path) -> None:
    path = _generated(tmp_path)[0]
    doc = _exiftool([path])[path.name]
    doc["Composite:GPSLatitude"] = 12.0
    doc["IFD0:Make"] = "Nokia"
    problems = _compare(extract_metadata(path.read_bytes(), label=path.name), doc)
    assert len(problems) == 2


@pytest.mark.skipif(not CAMERA_FILES, reason="ExifTool's camera test images are not in data/exiftool")
def test_real_camera_files_agree_with_exiftool() -> None:
    docs = _exiftool(CAMERA_FILES)
    disagreements = {}
    for path in CAMERA_FILES:
        result = extract_metadata(path.read_bytes(), label=path.name)
        problems = _compare(result, docs[path.name])
        if problems:
            disagreements[path.name] = problems
    assert disagreements == {}
