"""Parse XMP packets safely into a flat, JSON-safe dictionary.

XMP is RDF/XML written by whatever tool touched the file last, so it is parsed with defusedxml:
entity declarations and DTDs (billion-laughs, external entities) are refused, never expanded.
Properties are keyed ``prefix:Name`` (``xmp:CreatorTool``, ``photoshop:City``,
``xmpMM:History``); arrays become lists and structures dicts, as ``exiftool -struct`` shows them.
"""

from __future__ import annotations

import re
from typing import Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

__all__ = ["XmpValue", "parse_xmp"]

XmpValue = str | list["XmpValue"] | dict[str, "XmpValue"]

_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"

# The usual prefixes, used when a packet binds a namespace without declaring it on an element
# we can see (and so that the same namespace always gets the same key whatever the writer chose).
_KNOWN_PREFIXES: Final[dict[str, str]] = {
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#": "stEvt",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#": "stRef",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": "Iptc4xmpCore",
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29/": "Iptc4xmpExt",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://cipa.jp/exif/1.0/": "exifEX",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://ns.adobe.com/camera-raw-settings/1.0/": "crs",
    "http://ns.adobe.com/lightroom/1.0/": "lr",
    "http://ns.google.com/photos/1.0/camera/": "GCamera",
    "http://ns.google.com/photos/1.0/panorama/": "GPano",
    "http://ns.apple.com/faceinfo/1.0/": "apple-fi",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
}
# Byte patterns of the first "<" (or a BOM) in each encoding XMP allows (XMP spec part 3, 7.3.2).
_ENCODINGS: Final = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
# Real packets nest structures a handful of levels deep; a hostile one nested thousands deep would
# exhaust Python's recursion limit while being read (an 18 KB packet is enough).
_MAX_DEPTH: Final = 32
_DECLARATION_RE: Final = re.compile(r"<\?xml[^>]*\?>")
_XMLNS_RE: Final = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']([^"\']+)["\']')


def parse_xmp(packet: bytes) -> tuple[dict[str, XmpValue], list[str]]:
    """Parse one XMP packet.

    Args:
        packet: The packet bytes (xpacket wrapper and padding allowed).

    Returns:
        The properties keyed ``prefix:Name``, and warnings (a refused or malformed packet gives an
        empty dict and one warning, never an exception).
    """
    packet = _to_utf8(packet)
    start = packet.find(b"<")
    end = packet.rfind(b">")
    if start < 0 or end < start:
        return {}, ["XMP packet contains no XML; ignored"]
    text = packet[start : end + 1]
    prefixes = dict(_KNOWN_PREFIXES)
    for prefix, uri in _XMLNS_RE.findall(text):
        prefixes.setdefault(uri.decode("utf-8", "replace"), prefix.decode("ascii", "replace"))
    try:
        root = fromstring(text)
    except DefusedXmlException as exc:
        return {}, [f"XMP refused: it declares entities or a DTD ({type(exc).__name__})"]
    except (ParseError, ValueError) as exc:
        return {}, [f"XMP is not well-formed XML ({exc}); ignored"]
    result: dict[str, XmpValue] = {}
    problems: list[str] = []
    for rdf in root.iter(f"{{{_RDF}}}RDF"):
        # Only the direct children are top-level; nested rdf:Description elements are structures
        # read through their parent property.
        for description in rdf:
            if description.tag == f"{{{_RDF}}}Description":
                _read_properties(description, prefixes, result, 0, problems)
    return result, problems[:1]


def _to_utf8(packet: bytes) -> bytes:
    """XMP may be UTF-16 or UTF-32 (the xpacket BOM says which); expat is given UTF-8."""
    head = packet[:4]
    for marker, encoding in _ENCODINGS:
        if head.startswith(marker):
            text = packet.decode(encoding, "replace").lstrip("\ufeff")
            # The declaration would name the old encoding, which no longer matches the bytes.
            text = _DECLARATION_RE.sub("", text, count=1)
            return text.encode("utf-8")
    return packet


def _key(tag: str, prefixes: dict[str, str]) -> str:
    if tag.startswith("{"):
        uri, _sep, local = tag[1:].partition("}")
        return f"{prefixes.get(uri, uri)}:{local}"
    return tag


def _read_properties(
    node: Element, prefixes: dict[str, str], into: dict[str, XmpValue], depth: int, problems: list[str]
) -> None:
    for name, value in node.attrib.items():
        if name.startswith(f"{{{_RDF}}}") or name in (_XML_LANG, "about"):
            continue
        into[_key(name, prefixes)] = value
    for child in node:
        into[_key(child.tag, prefixes)] = _read_value(child, prefixes, depth + 1, problems)


def _read_value(prop: Element, prefixes: dict[str, str], depth: int, problems: list[str]) -> XmpValue:
    if depth > _MAX_DEPTH:
        problems.append(
            f"XMP nests structures more than {_MAX_DEPTH} levels deep; the deeper part was ignored"
        )
        return ""
    resource = prop.get(f"{{{_RDF}}}resource")
    if resource is not None:
        return resource
    children = list(prop)
    if not children:
        if prop.get(f"{{{_RDF}}}parseType") == "Resource" or _has_plain_attributes(prop):
            return _structure(prop, prefixes, depth, problems)
        return (prop.text or "").strip()
    first = children[0]
    if first.tag in (f"{{{_RDF}}}Seq", f"{{{_RDF}}}Bag"):
        return [
            _read_value(item, prefixes, depth + 1, problems) for item in first if item.tag == f"{{{_RDF}}}li"
        ]
    if first.tag == f"{{{_RDF}}}Alt":
        items = [item for item in first if item.tag == f"{{{_RDF}}}li"]
        # Language alternatives: the x-default entry is the value every reader shows first.
        for item in items:
            if item.get(_XML_LANG) == "x-default":
                return _read_value(item, prefixes, depth + 1, problems)
        return _read_value(items[0], prefixes, depth + 1, problems) if items else ""
    if first.tag == f"{{{_RDF}}}Description":
        return _structure(first, prefixes, depth, problems)
    return _structure(prop, prefixes, depth, problems)


def _has_plain_attributes(node: Element) -> bool:
    return any(not key.startswith(f"{{{_RDF}}}") and key != _XML_LANG for key in node.attrib)


def _structure(
    node: Element, prefixes: dict[str, str], depth: int, problems: list[str]
) -> dict[str, XmpValue]:
    fields: dict[str, XmpValue] = {}
    _read_properties(node, prefixes, fields, depth, problems)
    return fields
