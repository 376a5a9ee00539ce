"""Structure-aware fuzzing: well-formed containers with hostile contents.

Byte mutations rarely produce a valid XML tree nested 400 deep, or an IFD whose every entry has a
plausible tag with an unexpected type and count. These tests generate such structures directly,
run in-process (the readers here are pure Python with bounded loops) under the same fixed,
derandomized hypothesis profile as the mutation fuzz.
"""

from __future__ import annotations

import json
import struct

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.test_fuzz_metadata import FUZZ_CI
from tests.verifier.intake.samples import jpeg_with_exif
from verifier.errors import VerifierError
from verifier.intake.metadata import extract_metadata
from verifier.intake.summary import summarize
from verifier.intake.tiff import json_value, parse_tiff
from verifier.intake.xmp import parse_xmp

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_WRAPPERS = {
    "description": ("<a:p><rdf:Description>", "</rdf:Description></a:p>"),
    "resource": ('<a:p rdf:parseType="Resource">', "</a:p>"),
    "seq": ("<a:p><rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq></a:p>"),
    "bag": ("<rdf:Bag><rdf:li>", "</rdf:li></rdf:Bag>"),
    "alt": ('<rdf:Alt><rdf:li xml:lang="x-default">', "</rdf:li></rdf:Alt>"),
    "li": ("<rdf:li>", "</rdf:li>"),
    "attributes": ('<a:p a:q="v" rdf:resource="urn:r">', "</a:p>"),
}


def xmp_packet(kinds: list[str], leaf: str) -> bytes:
    opening = "".join(_WRAPPERS[kind][0] for kind in kinds)
    closing = "".join(_WRAPPERS[kind][1] for kind in reversed(kinds))
    return (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{_RDF}">'
        f'<rdf:Description xmlns:a="urn:a">{opening}{leaf}{closing}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
    ).encode()


@FUZZ_CI
@given(st.lists(st.sampled_from(sorted(_WRAPPERS)), max_size=600), st.text(max_size=20))
def test_xmp_of_any_nesting_is_read_or_warned_about(kinds: list[str], leaf: str) -> None:
    leaf = leaf.replace("&", "&amp;").replace("<", "&lt;")
    properties, warnings = parse_xmp(xmp_packet(kinds, leaf))
    json.dumps(properties)  # what was read is stored as JSON
    if len(kinds) > 40:
        assert warnings, "a packet nested hundreds deep is cut with a warning"


# Tags the summary and the container code interpret, plus the IFD pointers.
_TAGS = [
    0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0009, 0x0010, 0x0011, 0x001D, 0x001F,
    0x00FE, 0x0100, 0x0101, 0x010F, 0x0110, 0x0112, 0x0131, 0x0132, 0x014A, 0x0201, 0x0202, 0x02BC,
    0x83BB, 0x8649, 0x8769, 0x8825, 0x9003, 0x9010, 0x9011, 0x9290, 0x9291, 0x927C, 0xA005, 0xA420,
    0xA431, 0xA433, 0xA434, 0xA435, 0xC612, 0xC62F, 0xCD41, 0x002E,
]  # fmt: skip
_COUNTS = st.one_of(
    st.integers(0, 8), st.sampled_from([2**15, 2**16, 65537, 2**31 - 1, 2**32 - 1]), st.integers(0, 2**32 - 1)
)
_ENTRY = st.tuples(
    st.sampled_from(_TAGS),
    st.integers(0, 20),
    _COUNTS,
    st.one_of(st.integers(0, 600), st.integers(0, 2**32 - 1)),
)


def _blob(entries: list[tuple[int, int, int, int]], tail: bytes, little: bool) -> bytes:
    """A TIFF header and IFD0 with these raw entries; every pointer lands somewhere in the blob."""
    e = "<" if little else ">"
    body = struct.pack(e + "H", len(entries))
    for tag, type_id, count, value in entries:
        body += struct.pack(e + "HHII", tag, type_id, count, value)
    return (b"II" if little else b"MM") + struct.pack(e + "HI", 42, 8) + body + struct.pack(e + "I", 0) + tail


@FUZZ_CI
@given(st.lists(_ENTRY, max_size=24), st.binary(max_size=600), st.booleans())
def test_any_ifd_entries_are_read_summarized_and_serialized(
    entries: list[tuple[int, int, int, int]], tail: bytes, little: bool
) -> None:
    blob = _blob(entries, tail, little)
    for exif_only in (True, False):
        parsed = parse_tiff(blob, exif_only=exif_only)
        summary = summarize(parsed.groups, {}, exif_present=True)
        for tags in parsed.groups.values():
            for tag in tags.values():
                json.dumps(json_value(tag), allow_nan=False)
        assert summary.gps_latitude is None or -90 <= summary.gps_latitude <= 90
    for data in (jpeg_with_exif(blob), blob):  # as EXIF in a JPEG, and as a TIFF file
        try:
            result = extract_metadata(data, label="ifd.bin", maker_notes=True)
        except VerifierError as exc:
            assert str(exc).startswith("ifd.bin: "), exc
            continue
        json.loads(result.to_json(), parse_constant=_no_constants)


def _no_constants(name: str) -> float:
    raise AssertionError(f"the metadata JSON contains {name}, which is not JSON")
