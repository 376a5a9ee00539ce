"""Shared encoding rules of every stored sealing artefact (internal).

Every artefact is a JSON object with a ``"type"`` and a format version ``"v"``; binary fields are
standard base64 with padding. ``to_bytes`` forms are the same object as canonical compact JSON
(sorted keys, no spaces, ASCII only), so either form can go into a column and both read back.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from collections.abc import Mapping
from typing import Any

from verifier.errors import SealFormatError

JsonDict = dict[str, Any]

# Prefix of every associated-data / HPKE-info string, so that nothing this app authenticates can
# be confused with what another program (or another purpose here) authenticates with the same key.
_DOMAIN = b"source-verifier/sealing"


def b64encode(data: bytes) -> str:
    """Encode bytes as standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def b64decode(value: object, field: str, kind: str, *, length: int | None = None) -> bytes:
    """Decode a base64 field strictly, checking its length when one is required.

    Raises:
        SealFormatError: the value is not base64 text or has the wrong length.
    """
    if not isinstance(value, str):
        raise SealFormatError(f"The {kind} record is damaged: field {field!r} is not base64 text.")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise SealFormatError(f"The {kind} record is damaged: field {field!r} is not valid base64.") from None
    if length is not None and len(data) != length:
        raise SealFormatError(
            f"The {kind} record is damaged: field {field!r} holds {len(data)} bytes, {length} expected."
        )
    return data


def dumps(obj: Mapping[str, Any]) -> bytes:
    """Serialise a JSON-safe dict canonically."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def loads(data: bytes | bytearray | memoryview | str, kind: str) -> JsonDict:
    """Parse the bytes form of an artefact back into its dict.

    Raises:
        SealFormatError: the data is not a JSON object.
    """
    try:
        obj = json.loads(bytes(data) if not isinstance(data, str) else data)
    except (ValueError, UnicodeDecodeError):
        raise SealFormatError(f"The {kind} record is damaged: it is not valid JSON.") from None
    if not isinstance(obj, dict):
        raise SealFormatError(f"The {kind} record is damaged: it is not a JSON object.")
    return obj


def check_header(obj: Mapping[str, Any], type_name: str, version: int, kind: str) -> None:
    """Check the type tag and the format version of an artefact.

    Raises:
        SealFormatError: the artefact is of another type or of an unsupported version.
    """
    if not isinstance(obj, Mapping):
        raise SealFormatError(f"The {kind} record is damaged: it is not a JSON object.")
    found_type = obj.get("type")
    if found_type != type_name:
        raise SealFormatError(f"This is not a {kind} record (its type is {found_type!r}).")
    found_version = obj.get("v")
    if not isinstance(found_version, int) or isinstance(found_version, bool):
        raise SealFormatError(f"The {kind} record is damaged: it has no format version.")
    if found_version > version:
        raise SealFormatError(
            f"The {kind} record was written by a newer version of the app (format {found_version}); "
            "update Source Verifier to read it."
        )
    if found_version != version:
        raise SealFormatError(f"The {kind} record has an unknown format version {found_version}.")


def get_str(obj: Mapping[str, Any], field: str, kind: str) -> str:
    """Read a required text field.

    Raises:
        SealFormatError: the field is missing or not text.
    """
    value = obj.get(field)
    if not isinstance(value, str):
        raise SealFormatError(f"The {kind} record is damaged: field {field!r} is missing or not text.")
    return value


def get_int(obj: Mapping[str, Any], field: str, kind: str) -> int:
    """Read a required integer field.

    Raises:
        SealFormatError: the field is missing or not an integer.
    """
    value = obj.get(field)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SealFormatError(f"The {kind} record is damaged: field {field!r} is missing or not a number.")
    return value


def context(label: str, *parts: str | int) -> bytes:
    """Build an unambiguous byte string naming what a ciphertext is bound to.

    Each part is length-prefixed, so ("ab", "c") and ("a", "bc") can never produce the same
    bytes; used as AES-GCM associated data and as HPKE ``info``.
    """
    out = bytearray(_DOMAIN)
    for part in (label, *parts):
        encoded = str(part).encode("utf-8")
        out += struct.pack(">I", len(encoded))
        out += encoded
    return bytes(out)
