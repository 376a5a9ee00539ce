"""Per-subject data keys wrapped separately for each entitled holder: grant, revoke, shred.

A *subject* is what a data key protects: one source (``source_subject(id)``) or the workspace
secret (:data:`WORKSPACE_SECRET_SUBJECT`). Its 256-bit data key never exists at rest in clear:
a :class:`KeyRing` holds one :class:`WrappedKey` per holder entitled to it, each an RFC 9180 HPKE
single-shot encryption of the data key to that holder's public key, with ``info`` binding it to
(format, workspace, subject, holder, holder key id). "Which editors know" is therefore enforced
by cryptography: a holder without a wrap cannot decrypt, whatever the database says.

- Grant: an entitled holder unwraps, then wraps to the new holder's *public* key; the new holder
  does not need to be present.
- Revoke: delete that holder's wrap. This cannot take back what the holder already saw, nor a
  wrap kept in an older backup; after revoking, rekey the subject
  (:func:`verifier.sealing.identity.rekey_identity`) so later edits use a key they never had.
- Shred: delete every wrap. Ciphertext left anywhere becomes undecryptable, *provided the wraps
  themselves are not in that copy*: store key rings apart from the sealed blobs (their own table
  or file, with short-lived or no backups, ``PRAGMA secure_delete=ON`` and a WAL checkpoint after
  deleting), or shredding protects nothing in a full-database backup.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag

from verifier.errors import IdentityShredded, InvalidInput, NoAccess, SealFormatError, SealTampered
from verifier.sealing import _codec
from verifier.sealing.holders import HolderRecord, Kem, UnlockedHolder, check_identifier

KEYRING_FORMAT = 1
WRAP_FORMAT = 1
DATA_KEY_BYTES = 32
WORKSPACE_SECRET_SUBJECT = "workspace-secret"
_WRAP_KIND = "wrapped key"
_RING_KIND = "key ring"


def source_subject(source_id: int | str) -> str:
    """Name the subject of a source's data key.

    Args:
        source_id: the source's id. Prefer a stable random id kept on the source row over an
            autoincrement number if sources may be moved between workspaces (case bundles),
            because the id is bound into every ciphertext.

    Returns:
        The subject string, ``"source:<id>"``.
    """
    return "source:" + check_identifier(str(source_id), "source id")


@dataclass(frozen=True)
class WrappedKey:
    """One subject's data key, encrypted to one holder's public key."""

    holder_id: str
    key_id: str
    kem: Kem
    sealed: bytes

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form."""
        return {
            "type": "wrap",
            "v": WRAP_FORMAT,
            "holder": self.holder_id,
            "key_id": self.key_id,
            "kem": self.kem.value,
            "sealed": _codec.b64encode(self.sealed),
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> WrappedKey:
        """Read a wrap written by :meth:`to_dict`.

        Raises:
            SealFormatError: the wrap is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "wrap", WRAP_FORMAT, _WRAP_KIND)
        kem_name = _codec.get_str(obj, "kem", _WRAP_KIND)
        try:
            kem = Kem(kem_name)
        except ValueError:
            raise SealFormatError(f"The wrapped key uses an unknown key type {kem_name!r}.") from None
        sealed = _codec.b64decode(obj.get("sealed"), "sealed", _WRAP_KIND)
        if len(sealed) != kem.suite_overhead + DATA_KEY_BYTES:
            raise SealFormatError("The wrapped key record is damaged: its ciphertext has the wrong length.")
        return cls(
            holder_id=_codec.get_str(obj, "holder", _WRAP_KIND),
            key_id=_codec.get_str(obj, "key_id", _WRAP_KIND),
            kem=kem,
            sealed=sealed,
        )

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> WrappedKey:
        """Read a wrap written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _WRAP_KIND))


@dataclass(frozen=True)
class KeyRing:
    """All wraps of one subject's data key: who can open it. Empty means shredded."""

    workspace_id: str
    subject: str
    wraps: tuple[WrappedKey, ...] = ()

    @property
    def holders(self) -> frozenset[str]:
        """Ids of the holders entitled to the subject."""
        return frozenset(wrap.holder_id for wrap in self.wraps)

    @property
    def is_shredded(self) -> bool:
        """True when no wrap is left: nobody can recover the data key any more."""
        return not self.wraps

    def wrap_for(self, holder_id: str) -> WrappedKey | None:
        """Return the wrap of one holder, if any.

        Args:
            holder_id: the holder.

        Returns:
            The wrap, or None when the holder is not entitled.
        """
        return next((wrap for wrap in self.wraps if wrap.holder_id == holder_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form (wraps sorted by holder id)."""
        return {
            "type": "keyring",
            "v": KEYRING_FORMAT,
            "workspace": self.workspace_id,
            "subject": self.subject,
            "wraps": [wrap.to_dict() for wrap in sorted(self.wraps, key=lambda w: w.holder_id)],
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> KeyRing:
        """Read a key ring written by :meth:`to_dict`.

        Raises:
            SealFormatError: the key ring is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "keyring", KEYRING_FORMAT, _RING_KIND)
        raw_wraps = obj.get("wraps")
        if not isinstance(raw_wraps, list) or not all(isinstance(item, dict) for item in raw_wraps):
            raise SealFormatError("The key ring record is damaged: its wraps are not a list.")
        wraps = tuple(WrappedKey.from_dict(item) for item in raw_wraps)
        if len({wrap.holder_id for wrap in wraps}) != len(wraps):
            raise SealFormatError("The key ring record is damaged: a holder appears twice.")
        return cls(
            workspace_id=_codec.get_str(obj, "workspace", _RING_KIND),
            subject=_codec.get_str(obj, "subject", _RING_KIND),
            wraps=wraps,
        )

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> KeyRing:
        """Read a key ring written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _RING_KIND))


def new_data_key() -> bytearray:
    """Draw a fresh random 256-bit data key (a bytearray, so the caller can zero it)."""
    return bytearray(os.urandom(DATA_KEY_BYTES))


def wrap_key(
    data_key: bytes | bytearray, workspace_id: str, subject: str, recipient: HolderRecord
) -> WrappedKey:
    """Encrypt a data key to one holder's public key.

    Args:
        data_key: the 32-byte data key.
        workspace_id: the workspace of the subject.
        subject: what the key protects (see :func:`source_subject`).
        recipient: the holder to wrap for; only its public part is used.

    Returns:
        The wrap.

    Raises:
        InvalidInput: the recipient belongs to another workspace.
    """
    if recipient.workspace_id != workspace_id:
        raise InvalidInput(f"Key holder {recipient.holder_id!r} belongs to another workspace.")
    info = _wrap_info(workspace_id, subject, recipient.holder_id, recipient.key_id)
    sealed = recipient.kem.suite.encrypt(bytes(data_key), recipient.hpke_public_key(), info=info)
    return WrappedKey(
        holder_id=recipient.holder_id, key_id=recipient.key_id, kem=recipient.kem, sealed=sealed
    )


def create_keyring(
    workspace_id: str, subject: str, data_key: bytes | bytearray, recipients: Sequence[HolderRecord]
) -> KeyRing:
    """Wrap a data key for every recipient.

    Args:
        workspace_id: the workspace of the subject.
        subject: what the key protects.
        data_key: the 32-byte data key.
        recipients: the holders entitled to it (at least one, each once).

    Returns:
        The key ring to store.

    Raises:
        InvalidInput: no recipient, a recipient twice, or one from another workspace.
    """
    check_identifier(workspace_id, "workspace id")
    check_identifier(subject, "subject")
    if not recipients:
        raise InvalidInput("Name at least one key holder, or the sealed data could never be opened.")
    if len({r.holder_id for r in recipients}) != len(recipients):
        raise InvalidInput("A key holder is listed twice.")
    wraps = tuple(wrap_key(data_key, workspace_id, subject, r) for r in recipients)
    return KeyRing(workspace_id=workspace_id, subject=subject, wraps=wraps)


def unwrap_key(holder: UnlockedHolder, keyring: KeyRing, *, expected_subject: str) -> bytearray:
    """Recover a subject's data key with an unlocked holder.

    Args:
        holder: the unlocked holder.
        keyring: the subject's key ring, as stored.
        expected_subject: the subject the caller means (from its own row), checked against the ring.

    Returns:
        The data key, as a bytearray the caller zeroes after use.

    Raises:
        SealTampered: the key ring belongs to another workspace or subject, or its wrap was altered.
        IdentityShredded: the key ring is empty.
        NoAccess: the holder has no wrap, or one made for a key pair it no longer has.
    """
    if keyring.workspace_id != holder.workspace_id or keyring.subject != expected_subject:
        raise SealTampered(
            f"The key ring presented for {expected_subject!r} belongs to another workspace or subject; "
            "it was moved or swapped."
        )
    if keyring.is_shredded:
        raise IdentityShredded(f"The key to {expected_subject!r} was destroyed; it can no longer be opened.")
    wrap = keyring.wrap_for(holder.holder_id)
    if wrap is None:
        raise NoAccess(f"Key holder {holder.holder_id!r} is not entitled to {expected_subject!r}.")
    if wrap.key_id != holder.key_id or wrap.kem is not holder.kem:
        raise NoAccess(
            f"The key to {expected_subject!r} was wrapped for an earlier key of {holder.holder_id!r} "
            "(re-enrolled since); another entitled holder must grant access again."
        )
    info = _wrap_info(keyring.workspace_id, keyring.subject, holder.holder_id, holder.key_id)
    try:
        data_key = bytearray(holder._hpke_open(wrap.sealed, info))
    except (InvalidTag, ValueError):
        raise SealTampered(
            f"The wrapped key of {holder.holder_id!r} for {expected_subject!r} fails its integrity check: "
            "it was altered or copied from elsewhere."
        ) from None
    if len(data_key) != DATA_KEY_BYTES:
        raise SealTampered(f"The wrapped key for {expected_subject!r} has the wrong length.")
    return data_key


def grant(holder: UnlockedHolder, keyring: KeyRing, recipient: HolderRecord) -> KeyRing:
    """Give one more holder access (or re-grant after they re-enrolled with a new key pair).

    Args:
        holder: an entitled, unlocked holder (the grantor).
        keyring: the subject's key ring.
        recipient: the holder to add; only their public key is needed.

    Returns:
        The key ring with the recipient's wrap added or replaced.

    Raises:
        NoAccess: the grantor is not entitled.
        InvalidInput: the recipient belongs to another workspace.
    """
    data_key = unwrap_key(holder, keyring, expected_subject=keyring.subject)
    try:
        new_wrap = wrap_key(data_key, keyring.workspace_id, keyring.subject, recipient)
    finally:
        data_key[:] = bytes(len(data_key))
    others = tuple(w for w in keyring.wraps if w.holder_id != recipient.holder_id)
    return KeyRing(keyring.workspace_id, keyring.subject, (*others, new_wrap))


def revoke(keyring: KeyRing, holder_id: str) -> KeyRing:
    """Remove one holder's access by deleting their wrap (no key needed).

    Args:
        keyring: the subject's key ring.
        holder_id: the holder to remove.

    Returns:
        The key ring without that holder.

    Raises:
        NoAccess: the holder had no wrap.
        InvalidInput: removing the last holder; use :func:`shred` to destroy on purpose.
    """
    if keyring.wrap_for(holder_id) is None:
        raise NoAccess(f"Key holder {holder_id!r} has no access to {keyring.subject!r}.")
    remaining = tuple(w for w in keyring.wraps if w.holder_id != holder_id)
    if not remaining:
        raise InvalidInput(
            f"{holder_id!r} is the last holder of {keyring.subject!r}: revoking would destroy it. "
            "Shred it explicitly if that is intended."
        )
    return KeyRing(keyring.workspace_id, keyring.subject, remaining)


def shred(keyring: KeyRing) -> KeyRing:
    """Destroy a subject's data key for everyone (crypto-shredding).

    Args:
        keyring: the subject's key ring.

    Returns:
        The empty key ring; storing it (or deleting the rows) is what makes the destruction real.
    """
    return KeyRing(keyring.workspace_id, keyring.subject, ())


def _wrap_info(workspace_id: str, subject: str, holder_id: str, key_id: str) -> bytes:
    return _codec.context("wrap", WRAP_FORMAT, workspace_id, subject, holder_id, key_id)
