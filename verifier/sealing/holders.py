"""Key holders: an editor, or the workspace itself, with a key pair locked by their passphrase.

Why a key pair and not a symmetric "holder key" derived from the passphrase: with a symmetric key,
sealing a new source for editors A and B needs A's *and* B's passphrases at that moment, and so
does granting a new editor access (the grantor and the grantee at the same keyboard). With a
key pair, anyone can wrap a source's key *to* a holder using only the holder's public key (a
reporter logging a source seals it for the workspace and the entitled editors without knowing any
passphrase), and only the holder's passphrase can *unwrap* it. It also means a passphrase change
re-encrypts one small record instead of every wrapped key.

The key pair is a hybrid post-quantum KEM by default (ML-KEM-768 + X25519, "X-Wing", used through
RFC 9180 HPKE), because a stolen backup of sealed identities must stay unreadable for decades,
longer than classical elliptic curves can be relied on. Plain X25519 remains available for
builds of the cryptography library without ML-KEM.

The private key is stored encrypted with AES-256-GCM under a key derived from the passphrase by
scrypt (see :mod:`verifier.sealing.kdf`). The associated data binds that ciphertext to the
workspace, the holder id, the public key and the KDF parameters, so none of them can be swapped
or weakened in the database without the unlock failing. That authenticated decryption is the
passphrase check: no separate "key-check" value is needed, and a wrong passphrase learns nothing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from verifier.errors import InvalidInput, SealError, SealFormatError, WrongPassphrase
from verifier.sealing import _codec
from verifier.sealing.kdf import DEFAULT_COST, KdfCost, KdfParams
from verifier.sealing.secret import Secret

HOLDER_FORMAT = 1
NONCE_BYTES = 12
MIN_PASSPHRASE_CHARS = 12
_KIND = "key holder"
_MAX_ID_CHARS = 200
_MLKEM_SEED_BYTES = 64
_MLKEM768_PUBLIC_BYTES = 1184
_MLKEM768_CIPHERTEXT_BYTES = 1088
_X25519_BYTES = 32

HpkePrivateKey = x25519.X25519PrivateKey | hpke.MLKEM768X25519PrivateKey
HpkePublicKey = x25519.X25519PublicKey | hpke.MLKEM768X25519PublicKey


class Kem(StrEnum):
    """The key-encapsulation method of a holder's key pair (its value is stored)."""

    MLKEM768_X25519 = "mlkem768-x25519"
    X25519 = "x25519"

    @property
    def suite(self) -> hpke.Suite:
        """The HPKE suite used to wrap keys to a holder of this kind."""
        kem = hpke.KEM.MLKEM768_X25519 if self is Kem.MLKEM768_X25519 else hpke.KEM.X25519
        return hpke.Suite(kem, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

    @property
    def public_key_bytes(self) -> int:
        """Length of a stored public key."""
        return _MLKEM768_PUBLIC_BYTES + _X25519_BYTES if self is Kem.MLKEM768_X25519 else _X25519_BYTES

    @property
    def suite_overhead(self) -> int:
        """Bytes an HPKE single-shot encryption adds: the encapsulated key plus the AES-GCM tag."""
        return (_MLKEM768_CIPHERTEXT_BYTES if self is Kem.MLKEM768_X25519 else 0) + _X25519_BYTES + 16

    @property
    def private_key_bytes(self) -> int:
        """Length of the private key material (before encryption)."""
        return _MLKEM_SEED_BYTES + _X25519_BYTES if self is Kem.MLKEM768_X25519 else _X25519_BYTES


DEFAULT_KEM = Kem.MLKEM768_X25519


def check_identifier(value: str, what: str) -> str:
    """Validate a workspace, holder or source identifier used in associated data.

    Args:
        value: the identifier.
        what: its name in the error message.

    Returns:
        The identifier unchanged.

    Raises:
        InvalidInput: it is empty, too long, or contains control characters.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"The {what} is empty.")
    if len(value) > _MAX_ID_CHARS or any(ord(ch) < 32 for ch in value):
        raise InvalidInput(f"The {what} is too long or contains control characters.")
    return value


@dataclass(frozen=True)
class HolderRecord:
    """What is stored for one key holder: public key, KDF parameters and the locked private key.

    Nothing in it reveals the passphrase or the private key; it may be stored and backed up with
    the rest of the workspace.
    """

    workspace_id: str
    holder_id: str
    kem: Kem
    public_key: bytes
    kdf: KdfParams
    nonce: bytes
    locked_private_key: bytes = field(repr=False)

    @property
    def key_id(self) -> str:
        """A short public fingerprint of the key pair: wrapped keys name it, a UI may show it."""
        return hashlib.sha256(self.kem.value.encode() + b"\0" + self.public_key).hexdigest()[:32]

    def hpke_public_key(self) -> HpkePublicKey:
        """The public key as a cryptography object, to wrap keys to this holder."""
        return _load_public(self.kem, self.public_key)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form (see the package docs for the layout)."""
        return {
            "type": "holder",
            "v": HOLDER_FORMAT,
            "workspace": self.workspace_id,
            "holder": self.holder_id,
            "kem": self.kem.value,
            "pk": _codec.b64encode(self.public_key),
            "kdf": self.kdf.to_dict(),
            "nonce": _codec.b64encode(self.nonce),
            "sk": _codec.b64encode(self.locked_private_key),
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> HolderRecord:
        """Read a record written by :meth:`to_dict`.

        Raises:
            SealFormatError: the record is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "holder", HOLDER_FORMAT, _KIND)
        kem_name = _codec.get_str(obj, "kem", _KIND)
        try:
            kem = Kem(kem_name)
        except ValueError:
            raise SealFormatError(f"The key holder record uses an unknown key type {kem_name!r}.") from None
        return cls(
            workspace_id=_codec.get_str(obj, "workspace", _KIND),
            holder_id=_codec.get_str(obj, "holder", _KIND),
            kem=kem,
            public_key=_codec.b64decode(obj.get("pk"), "pk", _KIND, length=kem.public_key_bytes),
            kdf=KdfParams.from_dict(obj.get("kdf"), _KIND),
            nonce=_codec.b64decode(obj.get("nonce"), "nonce", _KIND, length=NONCE_BYTES),
            locked_private_key=_codec.b64decode(
                obj.get("sk"), "sk", _KIND, length=kem.private_key_bytes + 16
            ),
        )

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> HolderRecord:
        """Read a record written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _KIND))

    def _associated_data(self) -> bytes:
        return _codec.context(
            "holder-key",
            HOLDER_FORMAT,
            self.workspace_id,
            self.holder_id,
            self.kem.value,
            self.key_id,
            *self.kdf.context_parts(),
        )


class UnlockedHolder:
    """A holder whose private key is open in memory, after the passphrase was checked.

    Keep it only as long as needed (one unseal, one grant) and call :meth:`lock` afterwards. The
    private key lives inside the cryptography library's memory; Python cannot wipe it, only drop
    the reference so it is freed. It cannot be pickled or copied.
    """

    __slots__ = ("_private_key", "holder_id", "kem", "key_id", "public_key", "workspace_id")
    __never_log__ = True

    def __init__(self, record: HolderRecord, private_key: HpkePrivateKey) -> None:
        self.workspace_id = record.workspace_id
        self.holder_id = record.holder_id
        self.kem = record.kem
        self.key_id = record.key_id
        self.public_key = record.public_key
        self._private_key: HpkePrivateKey | None = private_key

    @property
    def locked(self) -> bool:
        """True once :meth:`lock` has run."""
        return self._private_key is None

    def lock(self) -> None:
        """Drop the private key; the object can no longer unwrap anything."""
        self._private_key = None

    def _hpke_open(self, sealed: bytes, info: bytes) -> bytes:
        """Decrypt an HPKE single-shot ciphertext addressed to this holder (package-internal).

        Raises:
            SealError: the holder was locked.
            InvalidTag: the ciphertext was not made for this key and ``info``.
        """
        if self._private_key is None:
            raise SealError(f"The key of holder {self.holder_id!r} was locked; unlock it again.")
        return self.kem.suite.decrypt(sealed, self._private_key, info=info)

    def __repr__(self) -> str:
        state = "locked" if self.locked else "unlocked"
        return f"UnlockedHolder(holder_id={self.holder_id!r}, {state})"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("An unlocked holder cannot be pickled or copied.")

    def __copy__(self) -> NoReturn:
        raise TypeError("An unlocked holder cannot be pickled or copied.")

    def __deepcopy__(self, memo: dict[int, object]) -> NoReturn:
        raise TypeError("An unlocked holder cannot be pickled or copied.")


def enroll_holder(
    workspace_id: str,
    holder_id: str,
    passphrase: Secret[str],
    *,
    cost: KdfCost = DEFAULT_COST,
    kem: Kem = DEFAULT_KEM,
) -> HolderRecord:
    """Create a key holder: a fresh key pair whose private half is locked by ``passphrase``.

    Args:
        workspace_id: the workspace the holder belongs to (a stable random id, not a path).
        holder_id: the holder's stable id (an editor's user id, or ``"workspace"``).
        passphrase: the holder's passphrase; it is never stored.
        cost: scrypt work factors; keep the default except in tests.
        kem: the key type; the post-quantum hybrid unless the library lacks ML-KEM.

    Returns:
        The record to store.

    Raises:
        InvalidInput: an id is empty, or the passphrase is shorter than ``MIN_PASSPHRASE_CHARS``.
        SealError: this build of the cryptography library cannot make the chosen key type.
    """
    check_identifier(workspace_id, "workspace id")
    check_identifier(holder_id, "holder id")
    _check_new_passphrase(passphrase)
    material, public = _generate(kem)
    try:
        return _lock(workspace_id, holder_id, kem, public, material, passphrase, cost)
    finally:
        material[:] = bytes(len(material))


def unlock_holder(record: HolderRecord, passphrase: Secret[str]) -> UnlockedHolder:
    """Open a holder's private key with their passphrase.

    Args:
        record: the stored holder record.
        passphrase: what the holder typed.

    Returns:
        The unlocked holder, able to unwrap keys addressed to it.

    Raises:
        WrongPassphrase: the passphrase does not open this record (or the record was altered:
            the two cannot be told apart without the passphrase, by design).
    """
    material = _unlock_material(record, passphrase)
    try:
        private_key = _load_private(record.kem, bytes(material))
    finally:
        material[:] = bytes(len(material))
    return UnlockedHolder(record, private_key)


def change_passphrase(
    record: HolderRecord,
    old_passphrase: Secret[str],
    new_passphrase: Secret[str],
    *,
    cost: KdfCost = DEFAULT_COST,
) -> HolderRecord:
    """Re-lock a holder's private key under a new passphrase (and current KDF parameters).

    The key pair stays the same, so every key already wrapped to this holder keeps working. Also
    the way to raise the KDF cost of an old record: call it with the same passphrase twice.

    Args:
        record: the stored holder record.
        old_passphrase: the current passphrase.
        new_passphrase: the new passphrase.
        cost: scrypt work factors for the new record.

    Returns:
        The replacement record (fresh salt and nonce).

    Raises:
        WrongPassphrase: ``old_passphrase`` does not open the record.
        InvalidInput: the new passphrase is too short.
    """
    _check_new_passphrase(new_passphrase)
    material = _unlock_material(record, old_passphrase)
    try:
        return _lock(
            record.workspace_id,
            record.holder_id,
            record.kem,
            record.public_key,
            material,
            new_passphrase,
            cost,
        )
    finally:
        material[:] = bytes(len(material))


def needs_upgrade(record: HolderRecord, cost: KdfCost = DEFAULT_COST) -> bool:
    """Tell whether a record's KDF cost is below ``cost`` and should be re-derived at next unlock.

    Args:
        record: the stored holder record.
        cost: the cost the app currently requires.

    Returns:
        True when :func:`change_passphrase` should be run with the same passphrase.
    """
    return not record.kdf.cost.at_least(cost)


def _check_new_passphrase(passphrase: Secret[str]) -> None:
    if not isinstance(passphrase, Secret):
        raise InvalidInput("A passphrase must be given as a Secret.")
    if len(passphrase.reveal()) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput(f"The passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters.")


def _lock(
    workspace_id: str,
    holder_id: str,
    kem: Kem,
    public: bytes,
    material: bytearray,
    passphrase: Secret[str],
    cost: KdfCost,
) -> HolderRecord:
    params = KdfParams.generate(cost)
    nonce = os.urandom(NONCE_BYTES)
    unsealed = HolderRecord(workspace_id, holder_id, kem, public, params, nonce, b"")
    key = params.derive(passphrase)
    locked = AESGCM(key).encrypt(nonce, bytes(material), unsealed._associated_data())
    return HolderRecord(workspace_id, holder_id, kem, public, params, nonce, locked)


def _unlock_material(record: HolderRecord, passphrase: Secret[str]) -> bytearray:
    if not isinstance(passphrase, Secret):
        raise InvalidInput("A passphrase must be given as a Secret.")
    key = record.kdf.derive(passphrase)
    try:
        material = AESGCM(key).decrypt(record.nonce, record.locked_private_key, record._associated_data())
    except InvalidTag:
        # Deliberately the same message for "wrong passphrase" and "altered record": telling them
        # apart would need a check that an attacker could also use.
        raise WrongPassphrase(
            f"The passphrase is wrong for key holder {record.holder_id!r}. Check the keyboard layout "
            "and Caps Lock; passphrases are case-sensitive."
        ) from None
    buffer = bytearray(material)
    if _public_from_material(record.kem, material) != record.public_key:
        buffer[:] = bytes(len(buffer))
        raise SealFormatError(
            f"The key holder record of {record.holder_id!r} is inconsistent: its private key does not "
            "match its public key."
        )
    return buffer


def _generate(kem: Kem) -> tuple[bytearray, bytes]:
    x_key = x25519.X25519PrivateKey.generate()
    x_raw = x_key.private_bytes_raw()
    if kem is Kem.X25519:
        return bytearray(x_raw), x_key.public_key().public_bytes_raw()
    try:
        m_key = mlkem.MLKEM768PrivateKey.generate()
    except UnsupportedAlgorithm:
        raise SealError(
            "This installation's cryptography library has no ML-KEM support, needed for "
            "post-quantum key holders; install the official cryptography wheels."
        ) from None
    material = bytearray(m_key.private_bytes_raw() + x_raw)
    public = m_key.public_key().public_bytes_raw() + x_key.public_key().public_bytes_raw()
    return material, public


def _load_private(kem: Kem, material: bytes) -> HpkePrivateKey:
    if kem is Kem.X25519:
        return x25519.X25519PrivateKey.from_private_bytes(material)
    m_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(material[:_MLKEM_SEED_BYTES])
    x_key = x25519.X25519PrivateKey.from_private_bytes(material[_MLKEM_SEED_BYTES:])
    return hpke.MLKEM768X25519PrivateKey(m_key, x_key)


def _load_public(kem: Kem, public: bytes) -> HpkePublicKey:
    try:
        if kem is Kem.X25519:
            return x25519.X25519PublicKey.from_public_bytes(public)
        m_pub = mlkem.MLKEM768PublicKey.from_public_bytes(public[:_MLKEM768_PUBLIC_BYTES])
        x_pub = x25519.X25519PublicKey.from_public_bytes(public[_MLKEM768_PUBLIC_BYTES:])
    except ValueError:
        raise SealFormatError("A key holder's public key is malformed.") from None
    return hpke.MLKEM768X25519PublicKey(m_pub, x_pub)


def _public_from_material(kem: Kem, material: bytes) -> bytes:
    # The hybrid public-key object has no serialiser, so the bytes come from the components.
    if kem is Kem.X25519:
        return x25519.X25519PrivateKey.from_private_bytes(material).public_key().public_bytes_raw()
    m_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(material[:_MLKEM_SEED_BYTES])
    x_key = x25519.X25519PrivateKey.from_private_bytes(material[_MLKEM_SEED_BYTES:])
    return m_key.public_key().public_bytes_raw() + x_key.public_key().public_bytes_raw()
