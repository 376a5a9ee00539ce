"""Keyed fingerprints of identity values, so exports can be scanned for them without showing them.

At seal time (plaintext at hand) :func:`fingerprint_identity` turns the name and contact values
into normalised tokens and stores only HMAC-SHA256 digests of them, keyed by a *leak-guard key*
derived with HKDF from the workspace secret. At export time :func:`scan_text` tokenises the
export the same way and reports where a digest matches, by position and source, never by value.

Normalisation (identical on both sides): compatibility decomposition (NFKD, then NFC per token:
the NFKC family), case folding, diacritics and Arabic harakat removed, tatweel, zero-width and
bidi control characters dropped, Arabic/Persian letter variants unified (alef forms, yeh/keheh,
teh marbuta, Kurdish ae), all decimal digits (Arabic-Indic too) turned ASCII. Tokens: words of two
or more letters (common name particles such as "al", "bin", "abu", "van" only inside joins of
adjacent words, e.g. "abd al" -> "abdal"), Arabic-script words also without the article and
proclitics ("والحسن" -> "الحسن", "حسن"), e-mail addresses lower-cased (and their local part),
phone numbers as their digits and as their last nine digits, which survives country codes and
trunk zeros ("+964 750 123 4567" and "0750-123-4567" share "501234567").

Limits, stated plainly: keyed digests of short tokens can still confirm a *guess* to whoever holds
the leak-guard key (an entitled editor could test "is this source called Ahmed?"), so the key is
wrapped like any data key and fingerprints must be deleted when an identity is shredded. The
number of digests is padded to a multiple of 16 with random decoys. Different transliterations
("Abdulrahman" / "Abd al-Rahman" / "عبدالرحمن") are different tokens: the guard catches copies of
the sealed spelling, not every spelling.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, NoReturn

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from verifier.errors import SealFormatError
from verifier.sealing import _codec
from verifier.sealing.holders import HolderRecord, UnlockedHolder, check_identifier
from verifier.sealing.keyring import (
    WORKSPACE_SECRET_SUBJECT,
    KeyRing,
    create_keyring,
    new_data_key,
    unwrap_key,
)
from verifier.sealing.secret import Secret

FINGERPRINT_FORMAT = 1
DIGEST_BYTES = 16
_PAD_COUNT = 16
_KIND = "identity fingerprints"
_MIN_WORD = 2
_MIN_PHONE_DIGITS = 7
_TAIL_DIGITS = 9
_MAX_JOIN = 3

# Letters that neither NFKD nor case folding reduce to a base letter.
_LATIN_FOLD = {
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "\u0131": "i",
    "ħ": "h",
}
# Arabic-script variants unified as search engines for Arabic, Persian and Kurdish do.
_ARABIC_FOLD = {
    "\u0671": "\u0627",  # alef wasla -> alef (hamza forms already lose their hamza mark)
    "\u0649": "\u064a",  # alef maksura -> yeh
    "\u06cc": "\u064a",  # Farsi/Kurdish yeh -> Arabic yeh
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06d5": "\u0647",  # Kurdish ae -> heh
    "\u06be": "\u0647",  # heh doachashmee -> heh
    "\u06c1": "\u0647",  # heh goal -> heh
}
_TATWEEL = "\u0640"
_ARTICLE = "\u0627\u0644"  # ال
_PROCLITICS = "\u0648\u0641\u0628\u0644\u0643"  # و ف ب ل ك
_PARTICLES = frozenset(
    {
        "al", "el", "bin", "ben", "ibn", "abu", "abou", "bint", "umm", "um", "de", "da", "di", "du",
        "del", "della", "la", "le", "van", "von", "der", "den", "mr", "mrs", "ms", "dr",
        "ال", "بن", "ابن", "ابو", "بنت", "ام", "عبد", "كاك", "مام",
    }
)  # fmt: skip

_EMAIL_RE = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE_RE = re.compile(r"\+?\d(?:(?:[ \-.]|\s?\(|\)\s?)?\d){6,}")
_WORD_RE = re.compile(r"[^\W\d_]+")
_JOINER_RE = re.compile(r"[\s'\u2019\-]{1,3}")


class TokenKind(StrEnum):
    """What kind of identity value a token came from."""

    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"


@dataclass(frozen=True)
class Token:
    """A normalised token with the span of text it came from (``text[start:end]``)."""

    start: int
    end: int
    value: str
    kind: TokenKind


@dataclass(frozen=True)
class LeakHit:
    """A place in scanned text that matches a fingerprinted identity token."""

    start: int
    end: int
    subject: str
    kind: TokenKind


class LeakGuardKey:
    """The HMAC key for identity fingerprints; never logged, pickled or shown."""

    __slots__ = ("_key", "workspace_id")
    __never_log__ = True

    def __init__(self, workspace_id: str, key: bytes) -> None:
        self.workspace_id = workspace_id
        self._key = key

    def digest(self, token: str) -> bytes:
        """Return the keyed digest of one normalised token.

        Args:
            token: a token as produced by :func:`identity_tokens` or :func:`text_tokens`.

        Returns:
            The first 16 bytes of HMAC-SHA256 (128 bits: no accidental collisions in practice).
        """
        mac = hmac.new(self._key, b"leak-guard-token\0" + token.encode("utf-8"), hashlib.sha256)
        return mac.digest()[:DIGEST_BYTES]

    def __repr__(self) -> str:
        return f"LeakGuardKey(workspace_id={self.workspace_id!r}, ***)"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("A leak-guard key cannot be pickled or copied.")


@dataclass(frozen=True)
class IdentityFingerprints:
    """The keyed digests of one subject's identity tokens (with random decoys)."""

    subject: str
    digests: frozenset[bytes]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe stored form (digests sorted, so their order says nothing)."""
        return {
            "type": "fingerprints",
            "v": FINGERPRINT_FORMAT,
            "subject": self.subject,
            "digests": sorted(_codec.b64encode(d) for d in self.digests),
        }

    def to_bytes(self) -> bytes:
        """Return the stored form as canonical compact JSON bytes."""
        return _codec.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> IdentityFingerprints:
        """Read fingerprints written by :meth:`to_dict`.

        Raises:
            SealFormatError: the record is malformed or of an unsupported version.
        """
        _codec.check_header(obj, "fingerprints", FINGERPRINT_FORMAT, _KIND)
        raw = obj.get("digests")
        if not isinstance(raw, list):
            raise SealFormatError("The identity fingerprints record is damaged: no digest list.")
        digests = frozenset(_codec.b64decode(item, "digests", _KIND, length=DIGEST_BYTES) for item in raw)
        return cls(subject=_codec.get_str(obj, "subject", _KIND), digests=digests)

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview | str) -> IdentityFingerprints:
        """Read fingerprints written by :meth:`to_bytes`.

        Raises:
            SealFormatError: the data is malformed or of an unsupported version.
        """
        return cls.from_dict(_codec.loads(data, _KIND))


def create_workspace_secret(workspace_id: str, recipients: Sequence[HolderRecord]) -> KeyRing:
    """Draw the workspace secret (the root of the leak-guard key) and wrap it for the holders.

    Args:
        workspace_id: the workspace.
        recipients: holders who may export (and so need the leak guard): the workspace holder
            and the editors.

    Returns:
        The key ring of the workspace secret; add holders later with :func:`keyring.grant`.
    """
    secret = new_data_key()
    try:
        return create_keyring(workspace_id, WORKSPACE_SECRET_SUBJECT, secret, recipients)
    finally:
        secret[:] = bytes(len(secret))


def unlock_leak_guard(holder: UnlockedHolder, keyring: KeyRing) -> LeakGuardKey:
    """Derive the leak-guard key from the workspace secret.

    Args:
        holder: an unlocked holder entitled to the workspace secret.
        keyring: the workspace secret's key ring.

    Returns:
        The key, for :func:`fingerprint_identity` and :func:`scan_text`.

    Raises:
        NoAccess, SealTampered: as for any key ring.
    """
    secret = unwrap_key(holder, keyring, expected_subject=WORKSPACE_SECRET_SUBJECT)
    try:
        info = _codec.context("leak-guard", FINGERPRINT_FORMAT, keyring.workspace_id)
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(bytes(secret))
    finally:
        secret[:] = bytes(len(secret))
    return LeakGuardKey(keyring.workspace_id, key)


def fingerprint_identity(
    key: LeakGuardKey, subject: str, values: Iterable[str | Secret[str]]
) -> IdentityFingerprints:
    """Compute the stored fingerprints of a subject's identity values.

    Args:
        key: the leak-guard key.
        subject: whose values these are (``keyring.source_subject(id)``), reported by scans.
        values: names and contacts. Leave out free-text notes: their ordinary words would flag
            every export.

    Returns:
        The digests, padded with random decoys to a multiple of 16.
    """
    check_identifier(subject, "subject")
    digests: set[bytes] = set()
    for value in values:
        text = value.reveal() if isinstance(value, Secret) else value
        digests.update(key.digest(token) for token in identity_tokens(text))
    while not digests or len(digests) % _PAD_COUNT:
        digests.add(os.urandom(DIGEST_BYTES))
    return IdentityFingerprints(subject=subject, digests=frozenset(digests))


def scan_text(key: LeakGuardKey, text: str, fingerprints: Iterable[IdentityFingerprints]) -> list[LeakHit]:
    """Find where a text contains a fingerprinted identity token.

    Args:
        key: the leak-guard key the fingerprints were made with.
        text: the text to check (an export, a caption, a file name).
        fingerprints: the fingerprints of every protected source.

    Returns:
        The hits, ordered by position; ``text[hit.start:hit.end]`` is the matching passage.
    """
    owners: dict[bytes, set[str]] = {}
    for item in fingerprints:
        for digest in item.digests:
            owners.setdefault(digest, set()).add(item.subject)
    hits: set[LeakHit] = set()
    for token in text_tokens(text):
        for subject in owners.get(key.digest(token.value), ()):
            hits.add(LeakHit(token.start, token.end, subject, token.kind))
    return sorted(hits, key=lambda h: (h.start, h.end, h.subject, h.kind.value))


def normalise(text: str) -> str:
    """Fold text for matching (see the module docs); spans are not kept.

    Args:
        text: any text.

    Returns:
        The folded text.
    """
    return _fold(text)[0]


def identity_tokens(value: str) -> set[str]:
    """Tokenise one identity value. The result is as sensitive as the value itself.

    Args:
        value: a name, phone number, e-mail address or similar.

    Returns:
        The normalised tokens to fingerprint.
    """
    return {token.value for token in _tokens(value, text_side=False)}


def text_tokens(text: str) -> list[Token]:
    """Tokenise text to scan, with spans into the original text.

    Args:
        text: the text to scan.

    Returns:
        Tokens and their variants (several tokens may share a span).
    """
    return _tokens(text, text_side=True)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isdecimal():
        return str(unicodedata.decimal(char))  # Arabic-Indic, Persian and other digits -> ASCII
    if char == _TATWEEL:
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    out = []
    for part in folded:
        category = unicodedata.category(part)
        # Mn/Me: accents, harakat, hamza marks; Cf: zero-width joiners, bidi controls, soft hyphen.
        if category in ("Mn", "Me", "Cf") or "\u06d6" <= part <= "\u06ed":
            continue
        out.append(_ARABIC_FOLD.get(part) or _LATIN_FOLD.get(part) or part)
    return "".join(out)


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` char by char; ``origins[i]`` is the original index of folded char ``i``."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


def _tokens(text: str, *, text_side: bool) -> list[Token]:
    folded, origins = _fold(text)
    tokens: list[Token] = []

    def add(start: int, end: int, value: str, kind: TokenKind) -> None:
        tokens.append(Token(origins[start], origins[end - 1] + 1, unicodedata.normalize("NFC", value), kind))

    for match in _EMAIL_RE.finditer(folded):
        address = match.group()
        add(match.start(), match.end(), address, TokenKind.EMAIL)
        local = address.split("@", 1)[0]
        if len(local) >= 3:
            add(match.start(), match.start() + len(local), local, TokenKind.EMAIL)
    for match in _PHONE_RE.finditer(folded):
        groups = [
            (m.start() + match.start(), m.end() + match.start()) for m in re.finditer(r"\d+", match.group())
        ]
        # In scanned text a phone number may be glued to neighbouring numbers, so every run of
        # consecutive digit groups is tried; an identity value is taken whole.
        spans = (
            [(i, j) for i in range(len(groups)) for j in range(i, min(len(groups), i + 8))]
            if text_side
            else [(0, len(groups) - 1)]
        )
        for i, j in spans:
            digits = "".join(folded[s:e] for s, e in groups[i : j + 1])
            if len(digits) < _MIN_PHONE_DIGITS:
                continue
            add(groups[i][0], groups[j][1], digits, TokenKind.PHONE)
            if len(digits) > _TAIL_DIGITS:
                add(groups[i][0], groups[j][1], digits[-_TAIL_DIGITS:], TokenKind.PHONE)
    word_source = folded
    if not text_side:
        # An identity's e-mail domain ("gmail", "com") is not part of who they are: masking it
        # (same length, so spans hold) keeps those words from flagging every export.
        for match in _EMAIL_RE.finditer(folded):
            at = match.group().index("@")
            word_source = (
                word_source[: match.start() + at]
                + " " * (match.end() - match.start() - at)
                + word_source[match.end() :]
            )
    words = list(_WORD_RE.finditer(word_source))
    for index, match in enumerate(words):
        word = match.group()
        if len(word) >= _MIN_WORD and word not in _PARTICLES:
            for variant in _arabic_variants(word, text_side=text_side):
                add(match.start(), match.end(), variant, TokenKind.NAME)
        # Joins of adjacent words catch "Abd al-Rahman" written as "Abdalrahman" and the reverse.
        joined = word
        for follower in range(index + 1, min(len(words), index + _MAX_JOIN)):
            gap = word_source[words[follower - 1].end() : words[follower].start()]
            if not _JOINER_RE.fullmatch(gap):
                break
            joined += words[follower].group()
            add(match.start(), words[follower].end(), joined, TokenKind.NAME)
    return tokens


def _arabic_variants(word: str, *, text_side: bool) -> set[str]:
    variants = {word}
    if not ("\u0600" <= word[0] <= "\u06ff"):
        return variants
    candidates = [word]
    if text_side:
        # Conjunctions and prepositions are written joined to the next word: "وعلي", "بالحسن", "للحسن".
        if word[0] in _PROCLITICS:
            candidates.append(word[1:])
        if word.startswith("\u0644\u0644"):
            candidates.append(word[2:])
    for candidate in candidates:
        if len(candidate) >= 3:
            variants.add(candidate)
        if candidate.startswith(_ARTICLE) and len(candidate) - 2 >= 3:
            variants.add(candidate[2:])
    return variants
