"""Newsroom keys: what a workspace uses to receive and send case bundles.

A newsroom (one workspace) has two key pairs:

- an **encryption** key pair (HPKE; ML-KEM-768 + X25519 by default, as the sealed-identity
  holders), so that partners can encrypt a bundle to it knowing only the public half;
- an Ed25519 **signing** key pair, so that a partner can tell who made a bundle.

The private halves are stored together, encrypted with AES-256-GCM under a key derived from a
passphrase by scrypt (:mod:`verifier.sealing.kdf`), with associated data binding them to the
public card, so that swapping a public key in the database makes the unlock fail.

The public halves form a :class:`NewsroomCard`, a short text block to hand to partners (by mail,
on paper, on a USB stick). Its fingerprint (128 bits, shown as eight groups of four hex digits) is
what two newsrooms compare by phone before trusting each other's card.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from verifier.errors import InvalidInput, SealFormatError, WrongPassphrase
from verifier.sealing import _codec
from verifier.sealing.holders import (
    DEFAULT_KEM,
    MIN_PASSPHRASE_CHARS,
    HpkePrivateKey,
    Kem,
    _generate,
    _load_private,
    _load_public,
)
from verifier.sealing.kdf import DEFAULT_COST, KdfCost, KdfParams
from verifier.sealing.secret import Secret

CARD_FORMAT = 1
KEYS_FORMAT = 1
NONCE_BYTES = 12
_ED25519_BYTES = 32
_MAX_NAME_CHARS = 120
_CARD_KIND = "newsroom card"
_KEYS_KIND = "newsroom keys"
CARD_BEGIN = "-----BEGIN SOURCE VERIFIER NEWSROOM CARD-----"
CARD_END = "-----END SOURCE VERIFIER NEWSROOM CARD-----"


def check_name(name: str) -> str:
    """A newsroom name: trimmed, not empty, no control characters, at most 120 characters.

    Raises:
        InvalidInput: the name cannot be used.
    """
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise InvalidInput("The newsroom name is empty.")
    if len(cleaned) > _MAX_NAME_CHARS or any(ord(ch) < 32 for ch in cleaned):
        raise InvalidInput(
            f"The newsroom name is longer than {_MAX_NAME_CHARS} characters or has control characters."
        )
    return cleaned


def format_fingerprint(fingerprint: str) -> str:
    """'0123456789abcdef…' as '0123 4567 89ab …' (easier to read out over the phone)."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


@dataclass(frozen=True)
class NewsroomCard:
    """The public half of a newsroom's keys: safe to give to anyone."""

    name: str
    workspace_id: str
    kem: Kem
    encryption_key: bytes = field(repr=False)
    signing_key: bytes = field(repr=False)
    created_at: str = ""

    @property
    def fingerprint(self) -> str:
        """32 hex digits naming this card: the name, the workspace and both public keys."""
        material = _codec.context(
            "newsroom-card",
            CARD_FORMAT,
            self.name,
            self.workspace_id,
            self.kem.value,
            _codec.b64encode(self.encryption_key),
            _codec.b64encode(self.signing_key),
        )
        return hashlib.sha256(material).hexdigest()[:32]

    def verify(self, signature: bytes, message: bytes) -> bool:
        """Tell whether ``signature`` is this newsroom's Ed25519 signature of ``message``."""
        try:
            ed25519.Ed25519PublicKey.from_public_bytes(self.signing_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def hpke_public_key(self) -> Any:
        """The encryption public key as a cryptography object."""
        return _load_public(self.kem, self.encryption_key)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form."""
        return {
            "type": "newsroom-card",
            "v": CARD_FORMAT,
            "name": self.name,
            "workspace": self.workspace_id,
            "kem": self.kem.value,
            "enc": _codec.b64encode(self.encryption_key),
            "sig": _codec.b64encode(self.signing_key),
            "created": self.created_at,
        }

    @classmethod
    def from_dict(cls, obj: Any) -> NewsroomCard:
        """Read a card written by :meth:`to_dict`.

        Raises:
            SealFormatError: malformed, or of an unsupported version.
        """
        _codec.check_header(obj, "newsroom-card", CARD_FORMAT, _CARD_KIND)
        kem_name = _codec.get_str(obj, "kem", _CARD_KIND)
        try:
            kem = Kem(kem_name)
        except ValueError:
            raise SealFormatError(f"The newsroom card uses an unknown key type {kem_name!r}.") from None
        try:
            name = check_name(_codec.get_str(obj, "name", _CARD_KIND))
        except InvalidInput as exc:
            raise SealFormatError(f"The newsroom card is damaged: {exc}") from None
        card = cls(
            name=name,
            workspace_id=_codec.get_str(obj, "workspace", _CARD_KIND),
            kem=kem,
            encryption_key=_codec.b64decode(obj.get("enc"), "enc", _CARD_KIND, length=kem.public_key_bytes),
            signing_key=_codec.b64decode(obj.get("sig"), "sig", _CARD_KIND, length=_ED25519_BYTES),
            created_at=str(obj.get("created", "")),
        )
        card.hpke_public_key()  # a malformed key is refused now, not when a bundle is made
        return card

    def to_text(self) -> str:
        """The card as a text block: two readable lines, then the keys in base64."""
        body = base64.b64encode(_codec.dumps(self.to_dict())).decode("ascii")
        lines = [
            CARD_BEGIN,
            f"Newsroom: {self.name}",
            f"Fingerprint: {format_fingerprint(self.fingerprint)}",
            "",
            *textwrap.wrap(body, 64),
            CARD_END,
        ]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> NewsroomCard:
        """Read a card written by :meth:`to_text` (surrounding text, e.g. a mail, is ignored).

        Raises:
            InvalidInput: no card in the text, or a damaged one, or its fingerprint line does not
                match its keys (the card was edited).
        """
        start, end = text.find(CARD_BEGIN), text.find(CARD_END)
        if start < 0 or end < start:
            raise InvalidInput(
                f"No newsroom card found: a card starts with '{CARD_BEGIN}' and ends with '{CARD_END}'."
            )
        shown: str | None = None
        body: list[str] = []
        for line in text[start + len(CARD_BEGIN) : end].splitlines():
            stripped = line.strip()
            if stripped.lower().startswith("fingerprint:"):
                shown = stripped.split(":", 1)[1].replace(" ", "").lower()
            elif stripped and ":" not in stripped:
                body.append(stripped)
        try:
            raw = base64.b64decode("".join(body), validate=True)
            card = cls.from_dict(_codec.loads(raw, _CARD_KIND))
        except (binascii.Error, ValueError, SealFormatError) as exc:
            detail = str(exc) if isinstance(exc, SealFormatError) else "its key block is not base64"
            raise InvalidInput(f"The newsroom card is damaged: {detail}") from None
        if shown is not None and shown != card.fingerprint:
            raise InvalidInput(
                "The newsroom card's fingerprint line does not match its keys: the card was altered. "
                "Ask the newsroom for its card again."
            )
        return card


@dataclass(frozen=True)
class NewsroomKeys:
    """What a workspace stores: its card and its private keys locked by a passphrase."""

    card: NewsroomCard
    kdf: KdfParams
    nonce: bytes
    locked: bytes = field(repr=False)

    def _associated_data(self) -> bytes:
        return _codec.context("newsroom-keys", KEYS_FORMAT, self.card.fingerprint, *self.kdf.context_parts())

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form."""
        return {
            "type": "newsroom-keys",
            "v": KEYS_FORMAT,
            "card": self.card.to_dict(),
            "kdf": self.kdf.to_dict(),
            "nonce": _codec.b64encode(self.nonce),
            "sk": _codec.b64encode(self.locked),
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_bytes(cls, data: bytes | str) -> NewsroomKeys:
        """Read a record written by :meth:`to_bytes`.

        Raises:
            SealFormatError: malformed, or of an unsupported version.
        """
        obj = _codec.loads(data, _KEYS_KIND)
        _codec.check_header(obj, "newsroom-keys", KEYS_FORMAT, _KEYS_KIND)
        card = NewsroomCard.from_dict(obj.get("card"))
        return cls(
            card=card,
            kdf=KdfParams.from_dict(obj.get("kdf"), _KEYS_KIND),
            nonce=_codec.b64decode(obj.get("nonce"), "nonce", _KEYS_KIND, length=NONCE_BYTES),
            locked=_codec.b64decode(
                obj.get("sk"), "sk", _KEYS_KIND, length=card.kem.private_key_bytes + _ED25519_BYTES + 16
            ),
        )


class UnlockedKeys:
    """A newsroom's private keys open in memory; call :meth:`lock` when done. Not copyable."""

    __slots__ = ("_decrypt", "_sign", "card")
    __never_log__ = True

    def __init__(self, card: NewsroomCard, decrypt: HpkePrivateKey, sign: ed25519.Ed25519PrivateKey) -> None:
        self.card = card
        self._decrypt: HpkePrivateKey | None = decrypt
        self._sign: ed25519.Ed25519PrivateKey | None = sign

    def sign(self, message: bytes) -> bytes:
        """The Ed25519 signature of ``message``."""
        if self._sign is None:
            raise InvalidInput("The newsroom keys were locked; unlock them again.")
        return self._sign.sign(message)

    def open_key(self, wrapped: bytes, info: bytes) -> bytes:
        """Decrypt a content key wrapped to this newsroom (HPKE single-shot).

        Raises:
            InvalidTag: it was not wrapped to this key with this ``info``.
        """
        if self._decrypt is None:
            raise InvalidInput("The newsroom keys were locked; unlock them again.")
        return self.card.kem.suite.decrypt(wrapped, self._decrypt, info=info)

    def lock(self) -> None:
        """Drop the private keys."""
        self._decrypt = None
        self._sign = None

    def __repr__(self) -> str:
        return f"UnlockedKeys({self.card.name!r}, {'locked' if self._sign is None else 'unlocked'})"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("Unlocked newsroom keys cannot be pickled or copied.")

    def __copy__(self) -> NoReturn:
        raise TypeError("Unlocked newsroom keys cannot be pickled or copied.")

    def __deepcopy__(self, memo: dict[int, object]) -> NoReturn:
        raise TypeError("Unlocked newsroom keys cannot be pickled or copied.")


def create_keys(
    name: str,
    workspace_id: str,
    passphrase: Secret[str],
    *,
    cost: KdfCost = DEFAULT_COST,
    kem: Kem = DEFAULT_KEM,
) -> NewsroomKeys:
    """Make a newsroom's encryption and signing key pairs, locked by ``passphrase``.

    Args:
        name: the newsroom's name as partners will see it.
        workspace_id: the workspace's stable id.
        passphrase: at least ``MIN_PASSPHRASE_CHARS`` characters; never stored.
        cost: scrypt work factors (the strong default except in tests).
        kem: the encryption key type.

    Returns:
        The record to store.

    Raises:
        InvalidInput: empty name, short passphrase.
    """
    cleaned = check_name(name)
    if not isinstance(passphrase, Secret) or len(passphrase.reveal()) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput(f"The passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters.")
    material, public = _generate(kem)
    signer = ed25519.Ed25519PrivateKey.generate()
    card = NewsroomCard(
        name=cleaned,
        workspace_id=workspace_id,
        kem=kem,
        encryption_key=public,
        signing_key=signer.public_key().public_bytes_raw(),
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    params = KdfParams.generate(cost)
    nonce = os.urandom(NONCE_BYTES)
    draft = NewsroomKeys(card, params, nonce, b"")
    plain = bytearray(material) + signer.private_bytes_raw()
    try:
        locked = AESGCM(params.derive(passphrase)).encrypt(nonce, bytes(plain), draft._associated_data())
    finally:
        plain[:] = bytes(len(plain))
        material[:] = bytes(len(material))
    return NewsroomKeys(card, params, nonce, locked)


def unlock_keys(keys: NewsroomKeys, passphrase: Secret[str]) -> UnlockedKeys:
    """Open the private keys with the passphrase.

    Raises:
        WrongPassphrase: the passphrase does not open them (or the record was altered).
    """
    if not isinstance(passphrase, Secret):
        raise InvalidInput("A passphrase must be given as a Secret.")
    try:
        plain = bytearray(
            AESGCM(keys.kdf.derive(passphrase)).decrypt(keys.nonce, keys.locked, keys._associated_data())
        )
    except InvalidTag:
        raise WrongPassphrase(
            f"The passphrase is wrong for the bundle keys of '{keys.card.name}'. Check the keyboard "
            "layout and Caps Lock; passphrases are case-sensitive."
        ) from None
    try:
        split = keys.card.kem.private_key_bytes
        decrypt = _load_private(keys.card.kem, bytes(plain[:split]))
        sign = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(plain[split:]))
    finally:
        plain[:] = bytes(len(plain))
    if sign.public_key().public_bytes_raw() != keys.card.signing_key:
        raise SealFormatError("The stored bundle keys are inconsistent: the signing key does not match.")
    return UnlockedKeys(keys.card, decrypt, sign)
