"""Read every piece of metadata from one photo's bytes: EXIF, XMP, IPTC, file facts, C2PA.

The caller reads the file once (it also hashes and stores those bytes) and passes the buffer here;
for a metadata-only re-scan, :func:`extract_metadata_file` reads just a JPEG's header segments.

Which reader produces what:

- container structure (markers, chunks, boxes), dimensions, quantization tables: ``containers``
  (our own walk; no pixel decoding);
- EXIF of JPEG, PNG (eXIf), WebP (EXIF chunk), TIFF and TIFF-based raw: ``tiff`` (our own walker,
  ExifTool group names);
- EXIF and XMP of HEIC/HEIF: pillow-heif (libheif reads the item locations); of AVIF: Pillow;
- maker notes (optional, 70-130 ms on real files): exifread with ``details=True``;
- XMP: ``xmp`` (defusedxml); IPTC IIM: ``iptc``; JPEG quality: ``jpeg_quality``;
- Content Credentials: ``credentials`` (c2pa-python, offline).
"""

from __future__ import annotations

import dataclasses
import enum
import io
import json
import logging
import os
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from verifier.errors import UnreadableImage, UnsupportedFormat
from verifier.intake import credentials as c2pa_credentials
from verifier.intake.containers import Container, photoshop_iptc, read_container
from verifier.intake.credentials import ContentCredentials, CredentialState
from verifier.intake.iptc import parse_iptc
from verifier.intake.jpeg_quality import estimate_quality
from verifier.intake.sniff import Sniffed, sniff
from verifier.intake.summary import PhotoSummary, has_thumbnail, summarize
from verifier.intake.tiff import RawTag, TiffParse, json_value, parse_tiff
from verifier.intake.xmp import XmpValue, parse_xmp

__all__ = [
    "EmbeddedThumbnail",
    "FileFacts",
    "MetadataResult",
    "extract_metadata",
    "extract_metadata_file",
    "read_metadata_head",
]

log = logging.getLogger(__name__)

_TIFF_FAMILY: Final = frozenset({"tiff", "dng", "cr2", "nef", "arw", "orf", "rw2", "raw-tiff"})
_HEAD_CHUNK: Final = 128 * 1024
_C2PA_TIFF_TAG: Final = 0xCD41
_JPG_FROM_RAW_TAG: Final = 0x002E


@dataclass(frozen=True, slots=True)
class EmbeddedThumbnail:
    """The preview the camera (or the last editor) stored in IFD1.

    A later rule compares it with the main image: an edit that forgot to refresh the preview
    leaves the original scene in it. Its bytes are controlled by the sender, so it is never
    used for fingerprints.

    Attributes:
        offset: Byte offset of the thumbnail in the file.
        length: Its length in bytes.
        width: Its pixel width, when it is a JPEG whose header could be read.
        height: Its pixel height.
    """

    offset: int
    length: int
    width: int | None
    height: int | None


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Facts about the file itself rather than what it claims.

    Attributes:
        size: Size in bytes (of the whole file, even when only its head was read).
        format: The sniffed format ("jpeg", "heic", "dng"...).
        media_type: Its MIME type.
        width: Pixel width of the main image from the container header.
        height: Pixel height.
        jpeg_process: "baseline", "progressive"... for JPEGs.
        jpeg_quality: libjpeg-equivalent quality estimated from the quantization tables.
        jpeg_quality_exact: True when the tables are exactly libjpeg's for that quality.
        has_icc_profile: Whether an ICC colour profile is embedded.
        exif_byte_order: "little-endian"/"big-endian" for the EXIF block (hints at the writer).
        embedded_thumbnail: The IFD1 thumbnail, when there is one.
    """

    size: int
    format: str
    media_type: str
    width: int | None = None
    height: int | None = None
    jpeg_process: str | None = None
    jpeg_quality: int | None = None
    jpeg_quality_exact: bool | None = None
    has_icc_profile: bool = False
    exif_byte_order: str | None = None
    embedded_thumbnail: EmbeddedThumbnail | None = None


@dataclass(frozen=True, slots=True)
class MetadataResult:
    """Everything read from one photo. Treat the dictionaries as read-only.

    Attributes:
        label: The file's name as shown to the user (used in messages).
        file: File facts.
        exif: Raw EXIF tags by ExifTool group ("IFD0", "ExifIFD", "GPS", "InteropIFD", "IFD1",
            "SubIFD", "MakerNotes"), tag name -> JSON-safe value (as ``exiftool -n`` prints).
        xmp: XMP properties keyed ``prefix:Name``.
        iptc: IPTC IIM fields keyed by ExifTool names.
        summary: The normalized summary.
        credentials: The C2PA state.
        warnings: Every problem met, prefixed by where it was met.
        readers: Which readers ran, in order.
    """

    label: str
    file: FileFacts
    exif: dict[str, dict[str, object]]
    xmp: dict[str, XmpValue]
    iptc: dict[str, str | list[str]]
    summary: PhotoSummary
    credentials: ContentCredentials
    warnings: tuple[str, ...]
    readers: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-safe dictionary (datetimes as ISO 8601 strings, enums as values).

        Returns:
            The result as plain dicts, lists, strings and numbers.
        """
        converted = _jsonable(dataclasses.asdict(self))
        assert isinstance(converted, dict)
        return converted

    def to_json(self, *, indent: int | None = None) -> str:
        """Serialize the result as JSON text (the same document as ``to_dict()`` gives).

        Args:
            indent: Passed to :func:`json.dumps`.

        Returns:
            The JSON document.
        """
        # json's C encoder walks the structure; the hook only converts what it cannot. Several
        # times faster than to_dict(), whose dataclasses.asdict deep-copies every tag first.
        return json.dumps(self, default=json_default, ensure_ascii=False, indent=indent)


def json_default(value: object) -> object:
    """``json.dumps`` hook for metadata results: dataclasses, datetimes and enums."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def extract_metadata(
    data: bytes,
    *,
    label: str,
    file_size: int | None = None,
    maker_notes: bool = False,
    trust_anchors: str | None = None,
) -> MetadataResult:
    """Read all metadata from a photo's bytes.

    Args:
        data: The file's bytes, or (for JPEG) its head up to the first scan when ``file_size``
            says the file is longer.
        label: The name shown to the user in messages and warnings.
        file_size: The file's real size when ``data`` is only its head.
        maker_notes: Also decode vendor maker notes with exifread (slow: 70-130 ms per file).
        trust_anchors: PEM certificates trusted as C2PA signers.

    Returns:
        The result; problems with individual values are in ``warnings``.

    Raises:
        UnsupportedFormat: The content is not a photo format the intake reads (empty, PDF,
            text...). The message names the file and what it is.
        UnreadableImage: The container cannot be read at all (e.g. a HEIF libheif rejects).
    """
    sniffed = sniff(data)
    if not sniffed.supported:
        raise UnsupportedFormat(f"{label}: {sniffed.reason}")
    complete = file_size is None or file_size <= len(data)
    readers: list[str] = []
    warnings: list[str] = []
    exif_parse = TiffParse()
    exif_present = False
    xmp_packets: list[bytes] = []
    iptc_block: bytes | None = None
    c2pa_location = ""

    if sniffed.format in _TIFF_FAMILY:
        container = Container()
        exif_parse = parse_tiff(data, what="TIFF", exif_only=False)
        readers.append("tiff-walker")
        exif_present = _tiff_has_exif(exif_parse)
        xmp_packets, iptc_block = _tiff_embedded_blocks(exif_parse)
        container.width, container.height = _tiff_dimensions(exif_parse)
        if _C2PA_TIFF_TAG in exif_parse.groups.get("IFD0", {}):
            c2pa_location = "TIFF tag 0xCD41"
        thumb_blob, thumb_base = data, 0
        embedded_jpeg = exif_parse.groups.get("IFD0", {}).get(_JPG_FROM_RAW_TAG)
        if embedded_jpeg is not None and isinstance(embedded_jpeg.value, bytes):
            # Panasonic RW2 keeps its EXIF (Software, dates, IFD1) in the embedded JpgFromRaw,
            # where ExifTool reads it too; tags of the raw's own IFDs take precedence.
            inner = read_container(embedded_jpeg.value, "jpeg", complete=True)
            if inner.exif is not None:
                inner_parse = parse_tiff(inner.exif, what="EXIF in JpgFromRaw")
                for group, tags in inner_parse.groups.items():
                    merged = exif_parse.groups.setdefault(group, {})
                    for tag_id, tag in tags.items():
                        merged.setdefault(tag_id, tag)
                exif_parse.warnings.extend(inner_parse.warnings)
                readers.append("exif:tiff-walker(JpgFromRaw)")
                if "IFD1" in inner_parse.groups:
                    thumb_blob = inner.exif
                    thumb_base = (embedded_jpeg.data_offset or 0) + inner.exif_offset
    else:
        container = read_container(data, sniffed.format, complete=complete)
        readers.append(f"container:{sniffed.format}")
        if sniffed.format in ("heic", "heif", "avif"):
            _read_bmff_items(data, sniffed, container, label, readers)
        thumb_blob, thumb_base = container.exif or b"", container.exif_offset
        if container.exif is not None:
            exif_parse = parse_tiff(container.exif, what="EXIF")
            readers.append("exif:tiff-walker")
            exif_present = bool(exif_parse.groups)
        xmp_packets, iptc_block = container.xmp, container.iptc
        c2pa_location = container.c2pa
    embedded = _thumbnail(exif_parse, thumb_blob, thumb_base)
    warnings.extend(container.warnings)
    warnings.extend(exif_parse.warnings)

    xmp: dict[str, XmpValue] = {}
    for packet in xmp_packets:
        properties, problems = parse_xmp(packet)
        xmp.update(properties)
        warnings.extend(problems)
    if xmp_packets:
        readers.append("xmp:defusedxml")
    iptc: dict[str, str | list[str]] = {}
    if iptc_block:
        iptc, problems = parse_iptc(iptc_block)
        warnings.extend(problems)
        readers.append("iptc:iim")

    groups: dict[str, dict[str, object]] = {
        group: {tag.name: json_value(tag) for tag in tags.values()}
        for group, tags in exif_parse.groups.items()
    }
    if maker_notes and container.exif is not None and "ExifIFD" in exif_parse.groups:
        notes = _maker_notes(container.exif, warnings)
        if notes:
            groups["MakerNotes"] = notes
        readers.append("makernotes:exifread")

    summary = summarize(exif_parse.groups, xmp, exif_present=exif_present)
    warnings.extend(summary.warnings)
    if isinstance(xmp.get("dcterms:provenance"), str):
        warnings.append(
            f"XMP references a remote C2PA manifest ({xmp['dcterms:provenance']}); it was not fetched"
        )

    if c2pa_location and not complete:
        credentials = ContentCredentials(
            CredentialState.UNVALIDATED,
            c2pa_location,
            detail="only the file's head was read; validating needs the whole file",
        )
    else:
        credentials = c2pa_credentials.read_content_credentials(
            data, sniffed.media_type, location=c2pa_location, trust_anchors=trust_anchors
        )
        if c2pa_location:
            readers.append("c2pa:c2pa-python")

    quality = estimate_quality(container.quant_tables) if container.quant_tables else None
    facts = FileFacts(
        size=file_size if file_size is not None else len(data),
        format=sniffed.format,
        media_type=sniffed.media_type,
        width=container.width,
        height=container.height,
        jpeg_process=container.frame.process if container.frame else None,
        jpeg_quality=quality.quality if quality else None,
        jpeg_quality_exact=quality.exact if quality else None,
        has_icc_profile=container.has_icc,
        exif_byte_order=exif_parse.byte_order or None,
        embedded_thumbnail=embedded,
    )
    return MetadataResult(
        label=label,
        file=facts,
        exif=groups,
        xmp=xmp,
        iptc=iptc,
        summary=summary,
        credentials=credentials,
        warnings=tuple(f"{label}: {w}" for w in warnings),
        readers=tuple(readers),
    )


def read_metadata_head(path: Path) -> tuple[bytes, int]:
    """Read as little of a file as metadata extraction needs.

    For a JPEG that is everything before the first scan (EXIF, XMP, IPTC, tables, frame header),
    usually a few tens of kilobytes of a multi-megabyte file. Other formats are read whole.

    Args:
        path: The file.

    Returns:
        The bytes read and the file's size.

    Raises:
        UnreadableImage: The file cannot be opened or read.
    """
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(_HEAD_CHUNK)
            if not data.startswith(b"\xff\xd8\xff") or len(data) >= size:
                return data + handle.read(), size
            while True:
                needed = _jpeg_header_end(data)
                if needed is None or needed <= len(data) or len(data) >= size:
                    return data, size
                data += handle.read(needed - len(data) + _HEAD_CHUNK)
    except OSError as exc:
        raise UnreadableImage(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc


def extract_metadata_file(
    path: Path, *, label: str | None = None, maker_notes: bool = False, trust_anchors: str | None = None
) -> MetadataResult:
    """Re-scan a stored file's metadata, reading only its head when that suffices.

    When the head shows an embedded C2PA store the whole file is read, because the manifest's
    hashes cover all of it.

    Args:
        path: The file.
        label: The name shown to the user; defaults to the file name.
        maker_notes: Also decode maker notes (slow).
        trust_anchors: PEM certificates trusted as C2PA signers.

    Returns:
        The same result :func:`extract_metadata` gives on the whole file.

    Raises:
        UnsupportedFormat: See :func:`extract_metadata`.
        UnreadableImage: The file cannot be read or decoded.
    """
    name = label or path.name
    data, size = read_metadata_head(path)
    result = extract_metadata(
        data, label=name, file_size=size, maker_notes=maker_notes, trust_anchors=trust_anchors
    )
    if result.credentials.state is CredentialState.UNVALIDATED and len(data) < size:
        try:
            whole = path.read_bytes()
        except OSError as exc:
            raise UnreadableImage(f"{name}: cannot be read ({exc.strerror or exc})") from exc
        result = extract_metadata(whole, label=name, maker_notes=maker_notes, trust_anchors=trust_anchors)
    return result


def _jpeg_header_end(data: bytes) -> int | None:
    """Where the segment that the head cuts ends, or None when the head already reaches SOS."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xDA or marker == 0xD9:
            return None
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        pos += 2 + length
    return pos + 4


def _tiff_has_exif(parse: TiffParse) -> bool:
    ifd0 = parse.groups.get("IFD0", {})
    return "ExifIFD" in parse.groups or any(t in ifd0 for t in (0x010F, 0x0110, 0x0132))


def _tiff_embedded_blocks(parse: TiffParse) -> tuple[list[bytes], bytes | None]:
    ifd0 = parse.groups.get("IFD0", {})
    xmp: list[bytes] = []
    packet = ifd0.get(0x02BC)
    if packet is not None:
        xmp.append(_as_bytes(packet))
    iptc: bytes | None = None
    naa = ifd0.get(0x83BB)
    if naa is not None:
        iptc = _as_bytes(naa)
    else:
        resources = ifd0.get(0x8649)
        if resources is not None:
            iptc = photoshop_iptc(_as_bytes(resources))
    return xmp, iptc


def _as_bytes(tag: RawTag) -> bytes:
    """The bytes of a tag that embeds another format (XMP, IPTC)."""
    value = tag.value
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return b""  # the TIFF walker keeps these tags as bytes; anything else is not a block


def _tiff_dimensions(parse: TiffParse) -> tuple[int | None, int | None]:
    """The largest full-resolution image among IFDs and SubIFDs (raw files put it in a SubIFD)."""
    best: tuple[int, int] | None = None
    for name, tags in parse.groups.items():
        if not (name.startswith("IFD") or "SubIFD" in name):
            continue
        width = _first_int(tags.get(0x0100))
        height = _first_int(tags.get(0x0101))
        subfile = _first_int(tags.get(0x00FE)) or 0
        if width and height and not subfile & 1:
            if best is None or width * height > best[0] * best[1]:
                best = (width, height)
    return best if best else (None, None)


def _first_int(tag: RawTag | None) -> int | None:
    if tag is None or not isinstance(tag.value, tuple) or not tag.value:
        return None
    first = tag.value[0]
    return first if isinstance(first, int) else None


def _read_bmff_items(data: bytes, sniffed: Sniffed, out: Container, label: str, readers: list[str]) -> None:
    """Get EXIF, XMP and size of HEIC/HEIF (pillow-heif) or AVIF (Pillow) without decoding."""
    try:
        if sniffed.format == "avif":
            from PIL import Image

            with Image.open(io.BytesIO(data), formats=["AVIF"]) as image:
                info = dict(image.info)
                out.width, out.height = image.size
            readers.append("avif:pillow")
        else:
            import pillow_heif

            heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=False)
            info = dict(heif.info)
            out.width, out.height = heif.size
            readers.append("heif:pillow-heif")
    except Exception as exc:  # libheif/Pillow on hostile bytes raise anything (IndexError seen)
        raise UnreadableImage(
            f"{label}: the {sniffed.format.upper()} container cannot be read ({exc})"
        ) from exc
    exif = info.get("exif")
    if isinstance(exif, bytes) and exif:
        # libheif hands the item with or without the "Exif\0\0" marker depending on the writer.
        start = exif.find(b"Exif\0\0")
        out.exif = exif[start + 6 :] if 0 <= start <= 8 else exif
    xmp = info.get("xmp")
    if isinstance(xmp, bytes) and xmp:
        out.xmp.append(xmp)


def _maker_notes(exif: bytes, warnings: list[str]) -> dict[str, object]:
    import exifread

    try:
        tags = exifread.process_file(io.BytesIO(exif), details=True, extract_thumbnail=False)
    except Exception as exc:  # exifread is a third-party parser fed hostile data: contain anything
        warnings.append(f"maker notes could not be decoded ({type(exc).__name__}: {exc})")
        return {}
    notes: dict[str, object] = {}
    for key, tag in tags.items():
        if not key.startswith("MakerNote "):
            continue
        printable = getattr(tag, "printable", None)
        notes[key.removeprefix("MakerNote ")] = str(printable if printable is not None else tag)[:512]
    return notes


def _thumbnail(parse: TiffParse, blob: bytes, base: int) -> EmbeddedThumbnail | None:
    """Locate the IFD1 thumbnail; ``blob`` is the TIFF structure holding it, at ``base`` in the file."""
    if not has_thumbnail(parse.groups):
        return None
    ifd1 = parse.groups["IFD1"]
    start = _first_int(ifd1.get(0x0201))
    length = _first_int(ifd1.get(0x0202))
    if start is None or length is None:
        return None
    if start + length > len(blob):
        # An IFD1 that points past the EXIF block: a warning, and no thumbnail to compare.
        parse.warnings.append(f"EXIF: IFD1 thumbnail ({length} bytes at {start}) lies outside the EXIF data")
        return None
    thumb = blob[start : start + length]
    width = height = None
    if thumb.startswith(b"\xff\xd8"):
        header = read_container(thumb, "jpeg", complete=True)
        width, height = header.width, header.height
    return EmbeddedThumbnail(offset=base + start, length=length, width=width, height=height)
