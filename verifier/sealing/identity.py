"""Sealing a source's identity: seal, unseal, edit, rekey, shred, and the "attested" state.

The identity fields (real name, contacts, identifying notes: a small ``str -> str`` dict) are
sealed together as one AES-256-GCM ciphertext under the source's data key, with a random 96-bit
nonce and associated data binding it to (format version, workspace, source, purpose). Sealing
them as one padded blob rather than field by field is deliberate: per-field ciphertexts would
show which fields exist and the exact length of each value (a real name's length narrows a list
of suspects); the blob is padded to a multiple of 256 bytes, and fields cannot be swapped because
they are authenticated together. Other sealed material of the same source (say a contact log)
uses another *purpose*, and a blob presented for the wrong source or purpose is refused.

The reason for an unseal is not taken here: the unseal use case in ``verifier.services`` must
write the audit entry (who, which source, why) *before* calling :func:`unseal_identity`, in the
same unit of work, so that an unseal without a recorded reason cannot happen. This package has
no storage and could only pretend to record it.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from verifier.errors import InvalidInput, SealFormatError, SealTampered
from verifier.sealing import _codec
from verifier.sealing.holders import HolderRecord, UnlockedHolder, check_identifier
from verifier.sealing.keyring import KeyRing, create_keyring, new_data_key, shred, source_subject, unwrap_key
from verifier.sealing.secret import Secret

SEALED_FORMAT = 1
IDENTITY_PURPOSE = "identity"
NONCE_BYTES = 12
PAD_BLOCK = 256
MAX_FIELD_NAME_CHARS = 64
MAX_PLAINTEXT_BYTES = 64 * 1024
_SEALED_KIND = "sealed identity"
_RECORD_KIND = "identity record"
_TAG_BYTES = 16

FieldValues = Mapping[str, str | Secret[str]]


@dataclass(frozen=True)
class SealedBlob:
    """An AES-GCM ciphertext of sealed fields; what it belongs to is supplied when opening it."""

    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form."""
        return {
            "type": "sealed",
            "v": SEALED_FORMAT,
            "nonce": _codec.b64encode(self.nonce),
            "ct": _codec.b64encode(self.ciphertext),
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> SealedBlob:
        """Read a blob written by :meth:`to_dict`.

        Raises:
            SealFormatError: the blob is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "sealed", SEALED_FORMAT, _SEALED_KIND)
        ciphertext = _codec.b64decode(obj.get("ct"), "ct", _SEALED_KIND)
        if len(ciphertext) < PAD_BLOCK + _TAG_BYTES or (len(ciphertext) - _TAG_BYTES) % PAD_BLOCK:
            raise SealFormatError("The sealed identity record is damaged: its ciphertext was truncated.")
        return cls(
            nonce=_codec.b64decode(obj.get("nonce"), "nonce", _SEALED_KIND, length=NONCE_BYTES),
            ciphertext=ciphertext,
        )

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> SealedBlob:
        """Read a blob written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _SEALED_KIND))


class IdentityState(StrEnum):
    """What the workspace holds about a source's real identity (the value is stored)."""

    NOT_RECORDED = "not_recorded"
    ATTESTED = "attested"  # editors attest they know it; nothing is stored, sealed or not
    SEALED = "sealed"
    SHREDDED = "shredded"


@dataclass(frozen=True)
class IdentityRecord:
    """A source's identity state, who attests knowing it, and the sealed blob when there is one.

    Invariants: only ``SEALED`` carries a blob; ``ATTESTED`` names at least one editor. The key
    ring is kept apart (see :mod:`verifier.sealing.keyring` on why shredding needs that).
    """

    state: IdentityState
    attested_by: tuple[str, ...] = ()
    sealed: SealedBlob | None = None

    def __post_init__(self) -> None:
        if (self.state is IdentityState.SEALED) != (self.sealed is not None):
            raise InvalidInput("Only a sealed identity carries sealed data, and it must carry it.")
        if self.state is IdentityState.ATTESTED and not self.attested_by:
            raise InvalidInput("An attested identity needs at least one editor who attests knowing it.")
        for editor in self.attested_by:
            check_identifier(editor, "attesting editor id")

    @classmethod
    def attested(cls, editors: Iterable[str]) -> IdentityRecord:
        """The "identity attested, not stored" state.

        Args:
            editors: ids of the editors who attest that they know the identity.

        Returns:
            The record.
        """
        return cls(IdentityState.ATTESTED, attested_by=tuple(sorted(set(editors))))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form."""
        return {
            "type": "identity",
            "v": SEALED_FORMAT,
            "state": self.state.value,
            "attested_by": list(self.attested_by),
            "sealed": self.sealed.to_dict() if self.sealed is not None else None,
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> IdentityRecord:
        """Read a record written by :meth:`to_dict`.

        Raises:
            SealFormatError: the record is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "identity", SEALED_FORMAT, _RECORD_KIND)
        try:
            state = IdentityState(_codec.get_str(obj, "state", _RECORD_KIND))
        except ValueError:
            raise SealFormatError("The identity record names an unknown state.") from None
        editors = obj.get("attested_by")
        if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
            raise SealFormatError("The identity record is damaged: 'attested_by' is not a list of ids.")
        raw_sealed = obj.get("sealed")
        if raw_sealed is not None and not isinstance(raw_sealed, dict):
            raise SealFormatError("The identity record is damaged: 'sealed' is not an object.")
        sealed = SealedBlob.from_dict(raw_sealed) if raw_sealed is not None else None
        try:
            return cls(state, attested_by=tuple(editors), sealed=sealed)
        except InvalidInput as exc:
            raise SealFormatError(f"The identity record is inconsistent: {exc}") from None

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> IdentityRecord:
        """Read a record written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _RECORD_KIND))


def seal_identity(
    workspace_id: str,
    source_id: int | str,
    fields: FieldValues,
    recipients: Sequence[HolderRecord],
    *,
    attested_by: Iterable[str] = (),
) -> tuple[KeyRing, IdentityRecord]:
    """Seal a new source's identity for the entitled holders (no passphrase needed).

    Args:
        workspace_id: the workspace.
        source_id: the source (its stable id; bound into the ciphertext).
        fields: field name -> value, e.g. ``{"real_name": ..., "phone": ..., "notes": ...}``.
        recipients: the holders entitled to know (the workspace holder and the named editors).
        attested_by: editors who attest knowing the identity, kept in the record.

    Returns:
        The key ring (store it apart, see :mod:`verifier.sealing.keyring`) and the identity record.

    Raises:
        InvalidInput: no recipients, bad field names, or the fields are too large.
    """
    subject = source_subject(source_id)
    data_key = new_data_key()
    try:
        keyring = create_keyring(workspace_id, subject, data_key, recipients)
        blob = _encrypt(data_key, workspace_id, subject, IDENTITY_PURPOSE, fields)
    finally:
        data_key[:] = bytes(len(data_key))
    record = IdentityRecord(IdentityState.SEALED, tuple(sorted(set(attested_by))), blob)
    return keyring, record


def unseal_identity(
    holder: UnlockedHolder, keyring: KeyRing, record: IdentityRecord, *, source_id: int | str
) -> dict[str, Secret[str]]:
    """Open a source's sealed identity (the caller has already audited the reason).

    Args:
        holder: an unlocked, entitled holder.
        keyring: the source's key ring.
        record: the source's identity record.
        source_id: the source the caller means, taken from its own row; a blob or key ring of
            another source is refused.

    Returns:
        Field name -> value, each value a :class:`Secret`.

    Raises:
        InvalidInput: the record is not in the sealed state.
        NoAccess, IdentityShredded, SealTampered: see :func:`unseal`.
    """
    if record.sealed is None:
        raise InvalidInput(f"The identity of source {source_id} is {record.state.value}: nothing is sealed.")
    return unseal(holder, keyring, record.sealed, source_id=source_id)


def seal(
    holder: UnlockedHolder,
    keyring: KeyRing,
    fields: FieldValues,
    *,
    source_id: int | str,
    purpose: str = IDENTITY_PURPOSE,
) -> SealedBlob:
    """Seal new or edited fields of an existing source under its current data key.

    Args:
        holder: an unlocked, entitled holder (the data key is needed).
        keyring: the source's key ring.
        fields: the complete new set of fields for that purpose.
        source_id: the source.
        purpose: what the fields are (``"identity"``, or another sealed item of the source).

    Returns:
        The new blob, replacing the old one of the same purpose.

    Raises:
        NoAccess, IdentityShredded, SealTampered: the holder cannot recover the data key.
        InvalidInput: bad field names, or the fields are too large.
    """
    subject = source_subject(source_id)
    data_key = unwrap_key(holder, keyring, expected_subject=subject)
    try:
        return _encrypt(data_key, keyring.workspace_id, subject, purpose, fields)
    finally:
        data_key[:] = bytes(len(data_key))


def unseal(
    holder: UnlockedHolder,
    keyring: KeyRing,
    blob: SealedBlob,
    *,
    source_id: int | str,
    purpose: str = IDENTITY_PURPOSE,
) -> dict[str, Secret[str]]:
    """Open a sealed blob of a source.

    Args:
        holder: an unlocked, entitled holder.
        keyring: the source's key ring.
        blob: the sealed blob.
        source_id: the source the caller means (from its own row).
        purpose: what the blob should be.

    Returns:
        Field name -> value, each value a :class:`Secret`.

    Raises:
        NoAccess: the holder is not (or no longer) entitled.
        IdentityShredded: the source's key was destroyed.
        SealTampered: the blob or key ring was altered, or belongs to another source or purpose.
    """
    subject = source_subject(source_id)
    check_identifier(purpose, "purpose")
    data_key = unwrap_key(holder, keyring, expected_subject=subject)
    try:
        padded = bytearray(
            AESGCM(bytes(data_key)).decrypt(
                blob.nonce, blob.ciphertext, _associated_data(keyring.workspace_id, subject, purpose)
            )
        )
    except InvalidTag:
        raise SealTampered(
            f"The sealed {purpose} of {subject} fails its integrity check: it was altered, or it "
            "belongs to another source or purpose."
        ) from None
    finally:
        data_key[:] = bytes(len(data_key))
    try:
        return _unpad_fields(padded)
    finally:
        padded[:] = bytes(len(padded))


def rekey_identity(
    holder: UnlockedHolder,
    keyring: KeyRing,
    record: IdentityRecord,
    recipients: Sequence[HolderRecord],
    *,
    source_id: int | str,
) -> tuple[KeyRing, IdentityRecord]:
    """Re-seal a source under a fresh data key for the given holders (after a revocation).

    A revoked holder may have kept the old data key; after rekeying, edits made from now on are
    sealed under a key they never had. (What they already saw cannot be taken back.)

    Args:
        holder: an unlocked holder entitled under the current key ring.
        keyring: the current key ring.
        record: the current identity record (sealed).
        recipients: the holders entitled from now on.
        source_id: the source.

    Returns:
        The new key ring and record; store both in one transaction, then drop the old ones.

    Raises:
        InvalidInput: the record is not sealed, or no recipient.
        NoAccess, IdentityShredded, SealTampered: as in :func:`unseal`.
    """
    fields = unseal_identity(holder, keyring, record, source_id=source_id)
    try:
        new_ring, new_record = seal_identity(
            keyring.workspace_id, source_id, fields, recipients, attested_by=record.attested_by
        )
    finally:
        for value in fields.values():
            value.wipe()
    return new_ring, new_record


def shred_identity(keyring: KeyRing, record: IdentityRecord) -> tuple[KeyRing, IdentityRecord]:
    """Destroy a source's identity: no wrap left, no ciphertext kept, attestations preserved.

    Args:
        keyring: the source's key ring.
        record: the source's identity record.

    Returns:
        The empty key ring and the ``SHREDDED`` record. The caller must also delete the source's
        leak-guard fingerprints, which would otherwise still confirm guesses of the identity.
    """
    return shred(keyring), IdentityRecord(IdentityState.SHREDDED, attested_by=record.attested_by)


def _associated_data(workspace_id: str, subject: str, purpose: str) -> bytes:
    return _codec.context("sealed", SEALED_FORMAT, workspace_id, subject, purpose)


def _encrypt(
    data_key: bytearray, workspace_id: str, subject: str, purpose: str, fields: FieldValues
) -> SealedBlob:
    check_identifier(purpose, "purpose")
    padded = _pad_fields(fields)
    try:
        nonce = os.urandom(NONCE_BYTES)
        ciphertext = AESGCM(bytes(data_key)).encrypt(
            nonce, bytes(padded), _associated_data(workspace_id, subject, purpose)
        )
    finally:
        padded[:] = bytes(len(padded))
    return SealedBlob(nonce=nonce, ciphertext=ciphertext)


def _pad_fields(fields: FieldValues) -> bytearray:
    if not isinstance(fields, Mapping):
        raise InvalidInput("Sealed fields must be given as a mapping of field name to value.")
    plain: dict[str, str] = {}
    for name, value in fields.items():
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_FIELD_NAME_CHARS:
            raise InvalidInput(f"A sealed field name must be 1 to {MAX_FIELD_NAME_CHARS} characters.")
        if isinstance(value, Secret):
            plain[name] = value.reveal()
        elif isinstance(value, str):
            plain[name] = value
        else:
            # Only the field name: the value may be sensitive even when it has the wrong type.
            raise InvalidInput(f"The sealed field {name!r} must be text.")
    body = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_PLAINTEXT_BYTES:
        raise InvalidInput(
            f"The sealed fields are too large (the limit is {MAX_PLAINTEXT_BYTES // 1024} KiB)."
        )
    # Length prefix then zeros up to a multiple of PAD_BLOCK: lengths leak only to 256-byte buckets.
    size = 4 + len(body)
    padded = bytearray(size + (-size % PAD_BLOCK))
    padded[:4] = struct.pack(">I", len(body))
    padded[4:size] = body
    return padded


def _unpad_fields(padded: bytearray) -> dict[str, Secret[str]]:
    # The ciphertext authenticated, so a malformed body here means a bug or a newer format, not an attack.
    (length,) = struct.unpack(">I", bytes(padded[:4]))
    if length > len(padded) - 4:
        raise SealFormatError("The sealed identity is malformed inside (bad length).")
    try:
        obj = json.loads(bytes(padded[4 : 4 + length]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise SealFormatError("The sealed identity is malformed inside (not JSON).") from None
    if not isinstance(obj, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in obj.items()
    ):
        raise SealFormatError("The sealed identity is malformed inside (not a field mapping).")
    return {name: Secret(value) for name, value in obj.items()}
