"""The bundle file: a signed header, then the content in AES-256-GCM chunks, then a signature.

Layout (all integers big-endian)::

    magic          13 bytes  b"\\x89SVBUNDLE\\r\\n\\x1a\\n"
    header length  u32, then the header: canonical JSON (see :class:`BundleHeader`), in clear
    frames         type (1 byte) | length (u32) | body
                     b"D" a data chunk, b"L" the last data chunk (exactly one, after every D),
                     b"S" the Ed25519 signature (64 bytes), right after L, then end of file

Each data chunk is AES-256-GCM under a random content key that is wrapped to the recipient in
the header (HPKE). A chunk's nonce is its index (64 bits) and a last-chunk flag, and its
associated data is the SHA-256 of the header: chunks cannot be reordered, dropped, replayed from
another bundle, or presented as the last one, and the header cannot be changed without every
chunk failing. The signature covers the header's SHA-256 and the SHA-256 of every frame before
it, so a reader checks the whole file (and who made it) before decrypting a byte; since the
chunks are bound to the header, a third party cannot strip the signature and sign in its place.

Plaintext framing inside the chunks: entries ``tag (1 byte) | meta length (u32) | meta JSON |
data length (u64) | data``, see :func:`write_entry` and :func:`read_entry`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from verifier.bundles.errors import BundleRefused
from verifier.bundles.keys import NewsroomCard, UnlockedKeys, format_fingerprint
from verifier.errors import Cancelled, SealFormatError
from verifier.sealing import _codec

MAGIC = b"\x89SVBUNDLE\r\n\x1a\n"
BUNDLE_FORMAT = 1
CHUNK_SIZE = 1 << 20
KEY_BYTES = 32
TAG_BYTES = 16
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 1 << 20
MAX_CHUNK_SIZE = 16 << 20
MAX_META_BYTES = 1 << 20
FRAME_DATA = b"D"
FRAME_LAST = b"L"
FRAME_SIGNATURE = b"S"
_FRAME = struct.Struct(">cI")
_BUNDLE_ID = re.compile(r"^[0-9a-f]{32}$")
_READ = 1 << 20


def _header_aad(header_digest: str) -> bytes:
    return _codec.context("bundle-chunk", BUNDLE_FORMAT, header_digest)


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">Q3xB", index, 1 if last else 0)


def _key_info(bundle_id: str, sender: str, recipient: str) -> bytes:
    return _codec.context("bundle-key", BUNDLE_FORMAT, bundle_id, sender, recipient)


def signed_message(header_digest: str, frames_digest: str, chunks: int, frames_size: int) -> bytes:
    """What the sender signs: the header's and the frames' SHA-256, the chunk count and size."""
    return _codec.context(
        "bundle-signature", BUNDLE_FORMAT, header_digest, frames_digest, chunks, frames_size
    )


@dataclass(frozen=True)
class BundleHeader:
    """The clear-text header: who sent it to whom, and the wrapped content key."""

    bundle_id: str
    created_at: str
    sender: NewsroomCard
    recipient_name: str
    recipient_fingerprint: str
    wrapped_key: bytes
    chunk_size: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form written to the file."""
        return {
            "type": "case-bundle",
            "v": BUNDLE_FORMAT,
            "bundle": self.bundle_id,
            "created": self.created_at,
            "sender": self.sender.to_dict(),
            "recipient": {"name": self.recipient_name, "fingerprint": self.recipient_fingerprint},
            "aead": "aes-256-gcm",
            "chunk": self.chunk_size,
            "key": _codec.b64encode(self.wrapped_key),
        }

    @classmethod
    def from_bytes(cls, data: bytes) -> BundleHeader:
        """Read the header.

        Raises:
            BundleRefused: not valid, or of a newer format.
        """
        kind = "bundle header"
        try:
            obj = _codec.loads(data, kind)
            _codec.check_header(obj, "case-bundle", BUNDLE_FORMAT, kind)
            recipient = obj.get("recipient")
            if not isinstance(recipient, dict):
                raise SealFormatError("The bundle header is damaged: it names no recipient.")
            if obj.get("aead") != "aes-256-gcm":
                raise SealFormatError(f"The bundle uses an unknown cipher {obj.get('aead')!r}.")
            chunk = _codec.get_int(obj, "chunk", kind)
            if not 1 <= chunk <= MAX_CHUNK_SIZE:
                raise SealFormatError(f"The bundle header is damaged: chunk size {chunk} is out of range.")
            sender = NewsroomCard.from_dict(obj.get("sender"))
            bundle_id = _codec.get_str(obj, "bundle", kind)
            if not _BUNDLE_ID.match(bundle_id):
                raise SealFormatError("The bundle header is damaged: its bundle id is not 32 hex digits.")
            return cls(
                bundle_id=bundle_id,
                created_at=_codec.get_str(obj, "created", kind),
                sender=sender,
                recipient_name=_codec.get_str(recipient, "name", kind),
                recipient_fingerprint=_codec.get_str(recipient, "fingerprint", kind),
                wrapped_key=_codec.b64decode(
                    obj.get("key"), "key", kind, length=KEY_BYTES + sender.kem.suite_overhead
                ),
                chunk_size=chunk,
            )
        except SealFormatError as exc:
            raise BundleRefused(f"The bundle's header is unreadable: {exc}") from None

    def to_bytes(self) -> bytes:
        """The canonical bytes written to the file."""
        return _codec.dumps(self.to_dict())


@dataclass(frozen=True)
class BundleCheck:
    """What the first pass over a bundle established: intact, complete and signed by ``sender``."""

    header: BundleHeader
    header_digest: str
    frames_offset: int
    frames_digest: str
    frames_size: int
    chunks: int
    file_size: int

    @property
    def sender(self) -> NewsroomCard:
        return self.header.sender


@dataclass(frozen=True)
class BundleSummary:
    """What the writer produced."""

    bundle_id: str
    chunks: int
    size: int
    frames_digest: str


class Sink(Protocol):
    """Where a bundle is written: anything with ``write(bytes)``."""

    def write(self, data: bytes, /) -> object: ...


class BundleWriter:
    """Writes a bundle to an open binary file, chunk by chunk; nothing is held but one chunk.

    Call :meth:`write` any number of times, then :meth:`finish` once.
    """

    def __init__(
        self,
        out: Sink,
        sender: UnlockedKeys,
        recipient: NewsroomCard,
        *,
        chunk_size: int = CHUNK_SIZE,
        bundle_id: str | None = None,
    ) -> None:
        if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError(f"chunk size {chunk_size} out of range")
        self._out = out
        self._sender = sender
        self._chunk_size = chunk_size
        self.bundle_id = bundle_id or uuid.uuid4().hex
        content_key = os.urandom(KEY_BYTES)
        info = _key_info(self.bundle_id, sender.card.fingerprint, recipient.fingerprint)
        wrapped = recipient.kem.suite.encrypt(content_key, recipient.hpke_public_key(), info=info)
        header = BundleHeader(
            bundle_id=self.bundle_id,
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            sender=sender.card,
            recipient_name=recipient.name,
            recipient_fingerprint=recipient.fingerprint,
            wrapped_key=wrapped,
            chunk_size=chunk_size,
        )
        header_bytes = header.to_bytes()
        self._header_digest = hashlib.sha256(header_bytes).hexdigest()
        self._aead = AESGCM(content_key)
        self._aad = _header_aad(self._header_digest)
        self._digest = hashlib.sha256()
        self._buffer = bytearray()
        self._index = 0
        self._frames_size = 0
        self._size = len(MAGIC) + 4 + len(header_bytes)
        self._finished = False
        out.write(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes)

    def write(self, data: bytes) -> None:
        """Add plaintext; full chunks are encrypted and written as they fill."""
        if self._finished:
            raise ValueError("the bundle is finished")
        self._buffer += data
        # Keep at least one byte back: the last chunk must be written by finish(), flagged last.
        while len(self._buffer) > self._chunk_size:
            self._emit(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index, last), plain, self._aad)
        frame = _FRAME.pack(FRAME_LAST if last else FRAME_DATA, len(sealed)) + sealed
        self._digest.update(frame)
        self._out.write(frame)
        self._index += 1
        self._frames_size += len(frame)
        self._size += len(frame)

    def finish(self) -> BundleSummary:
        """Write the last chunk and the signature."""
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()
        frames_digest = self._digest.hexdigest()
        signature = self._sender.sign(
            signed_message(self._header_digest, frames_digest, self._index, self._frames_size)
        )
        self._out.write(_FRAME.pack(FRAME_SIGNATURE, len(signature)) + signature)
        self._size += _FRAME.size + len(signature)
        self._finished = True
        return BundleSummary(self.bundle_id, self._index, self._size, frames_digest)


def _read_exact(fh: IO[bytes], count: int) -> bytes:
    data = fh.read(count)
    while len(data) < count:
        more = fh.read(count - len(data))
        if not more:
            break
        data += more
    return data


def check_bundle(
    fh: IO[bytes],
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BundleCheck:
    """First pass: read the whole file, check its structure and its signature. Decrypts nothing.

    Args:
        fh: the bundle, opened for binary reading at its start.
        cancel: checked between chunks.
        progress: called with the number of bytes checked after each chunk.

    Returns:
        What was checked; the sender's card comes from the (now authenticated) header.

    Raises:
        BundleRefused: not a bundle, truncated, damaged, or the signature does not match.
        Cancelled: ``cancel`` returned True.
    """
    magic = _read_exact(fh, len(MAGIC))
    if magic != MAGIC:
        if len(magic) < len(MAGIC) and MAGIC.startswith(magic):
            raise BundleRefused("The bundle is truncated: it ends inside its first bytes.")
        raise BundleRefused("This file is not a Source Verifier case bundle (its first bytes are wrong).")
    raw_length = _read_exact(fh, 4)
    if len(raw_length) < 4:
        raise BundleRefused("The bundle is truncated: it ends before its header.")
    (header_length,) = struct.unpack(">I", raw_length)
    if not 2 <= header_length <= MAX_HEADER_BYTES:
        raise BundleRefused(f"The bundle's header is damaged: it declares {header_length} bytes.")
    header_bytes = _read_exact(fh, header_length)
    if len(header_bytes) < header_length:
        raise BundleRefused("The bundle is truncated: it ends inside its header.")
    header = BundleHeader.from_bytes(header_bytes)
    header_digest = hashlib.sha256(header_bytes).hexdigest()
    frames_offset = len(MAGIC) + 4 + header_length
    offset = frames_offset
    digest = hashlib.sha256()
    chunks = 0
    frames_size = 0
    limit = header.chunk_size + TAG_BYTES
    while True:
        if cancel is not None and cancel():
            raise Cancelled("The check of the bundle was cancelled; nothing was imported.")
        raw = _read_exact(fh, _FRAME.size)
        if not raw:
            raise BundleRefused(
                f"The bundle is truncated: it ends after chunk {chunks}, before its last chunk "
                "and its signature."
            )
        if len(raw) < _FRAME.size:
            raise BundleRefused(f"The bundle is truncated: it ends inside the frame at byte {offset}.")
        kind, length = _FRAME.unpack(raw)
        if kind not in (FRAME_DATA, FRAME_LAST):
            raise BundleRefused(
                f"The bundle is damaged at byte {offset}: expected chunk {chunks + 1}, found a frame of "
                f"unknown type {kind!r}."
            )
        if not TAG_BYTES <= length <= limit or (kind == FRAME_DATA and length != limit):
            raise BundleRefused(
                f"The bundle is damaged at byte {offset}: chunk {chunks + 1} declares {length} bytes."
            )
        body_left = length
        digest.update(raw)
        while body_left:
            piece = fh.read(min(body_left, _READ))
            if not piece:
                raise BundleRefused(
                    f"The bundle is truncated: it ends inside chunk {chunks + 1} (at byte "
                    f"{offset + _FRAME.size + length - body_left})."
                )
            digest.update(piece)
            body_left -= len(piece)
        chunks += 1
        offset += _FRAME.size + length
        frames_size += _FRAME.size + length
        if progress is not None:
            progress(offset)
        if kind == FRAME_LAST:
            break
    raw = _read_exact(fh, _FRAME.size)
    if not raw:
        raise BundleRefused("The bundle is truncated: it ends after its last chunk, without its signature.")
    if len(raw) < _FRAME.size:
        raise BundleRefused("The bundle is truncated: it ends inside its signature.")
    kind, length = _FRAME.unpack(raw)
    if kind != FRAME_SIGNATURE or length != SIGNATURE_BYTES:
        raise BundleRefused(f"The bundle is damaged at byte {offset}: its signature frame is malformed.")
    signature = _read_exact(fh, SIGNATURE_BYTES)
    if len(signature) < SIGNATURE_BYTES:
        raise BundleRefused("The bundle is truncated: it ends inside its signature.")
    if fh.read(1):
        raise BundleRefused(
            f"The bundle is damaged: bytes follow its signature (at byte {offset + _FRAME.size + 64})."
        )
    frames_digest = digest.hexdigest()
    if not header.sender.verify(signature, signed_message(header_digest, frames_digest, chunks, frames_size)):
        raise BundleRefused(
            f"The bundle's signature does not match its contents: the bundle was altered after "
            f"'{header.sender.name}' (fingerprint {format_fingerprint(header.sender.fingerprint)}) "
            "signed it, or it was not signed by that key."
        )
    return BundleCheck(
        header=header,
        header_digest=header_digest,
        frames_offset=frames_offset,
        frames_digest=frames_digest,
        frames_size=frames_size,
        chunks=chunks,
        file_size=offset + _FRAME.size + SIGNATURE_BYTES,
    )


class PlaintextReader:
    """Second pass: decrypts the chunks in order and hands out the plaintext as a byte stream.

    Raises:
        BundleRefused: a chunk does not decrypt (altered, or the file changed since the check),
            or the stream ends early.
    """

    def __init__(self, fh: IO[bytes], check: BundleCheck, keys: UnlockedKeys) -> None:
        header = check.header
        if header.recipient_fingerprint != keys.card.fingerprint:
            raise BundleRefused(
                f"This bundle is addressed to '{header.recipient_name}' (fingerprint "
                f"{format_fingerprint(header.recipient_fingerprint)}), not to this newsroom "
                f"'{keys.card.name}' ({format_fingerprint(keys.card.fingerprint)}): it cannot be opened here."
            )
        info = _key_info(header.bundle_id, header.sender.fingerprint, header.recipient_fingerprint)
        try:
            content_key = keys.open_key(header.wrapped_key, info)
        except (InvalidTag, ValueError):
            raise BundleRefused(
                "The bundle's content key does not open with this newsroom's keys: it was made for "
                "another key, or altered."
            ) from None
        self._fh = fh
        self._check = check
        self._aead = AESGCM(content_key)
        self._aad = _header_aad(check.header_digest)
        self._digest = hashlib.sha256()
        self._index = 0
        self._buffer = bytearray()
        self._done = False
        self.bytes_read = 0
        fh.seek(check.frames_offset)

    def _next_chunk(self) -> None:
        raw = _read_exact(self._fh, _FRAME.size)
        if len(raw) < _FRAME.size:
            raise BundleRefused("The bundle changed while it was read: it now ends early.")
        kind, length = _FRAME.unpack(raw)
        body = _read_exact(self._fh, length)
        if kind not in (FRAME_DATA, FRAME_LAST) or len(body) < length:
            raise BundleRefused("The bundle changed while it was read: its chunks differ from the check.")
        self._digest.update(raw)
        self._digest.update(body)
        last = kind == FRAME_LAST
        try:
            plain = self._aead.decrypt(_nonce(self._index, last), body, self._aad)
        except InvalidTag:
            raise BundleRefused(
                f"Chunk {self._index + 1} of the bundle does not decrypt: it was altered, moved, or "
                "taken from another bundle."
            ) from None
        self._index += 1
        self._buffer += plain
        if last:
            self._done = True
            if self._digest.hexdigest() != self._check.frames_digest:
                raise BundleRefused("The bundle changed while it was read: its chunks differ from the check.")

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes of plaintext; b"" once everything was read."""
        while len(self._buffer) < count and not self._done:
            self._next_chunk()
        data = bytes(self._buffer[:count])
        del self._buffer[:count]
        self.bytes_read += len(data)
        return data

    def read_exact(self, count: int, what: str) -> bytes:
        """Exactly ``count`` bytes, or BundleRefused naming ``what`` was cut short."""
        data = self.read(count)
        if len(data) < count:
            raise BundleRefused(f"The bundle's content ends inside {what}.")
        return data

    def at_end(self) -> bool:
        """True when every chunk was read and nothing is left."""
        if not self._buffer and not self._done:
            self._next_chunk()
        return self._done and not self._buffer


_ENTRY = struct.Struct(">cI")
_LENGTH = struct.Struct(">Q")


def entry_head(tag: bytes, meta: dict[str, Any], length: int) -> bytes:
    """The bytes that start an entry: tag, meta JSON, data length."""
    meta_bytes = json.dumps(meta, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return _ENTRY.pack(tag, len(meta_bytes)) + meta_bytes + _LENGTH.pack(length)


def read_entry(reader: PlaintextReader) -> tuple[bytes, dict[str, Any], int]:
    """Read the start of the next entry: (tag, meta, data length); the data follows.

    Raises:
        BundleRefused: the entry is malformed.
    """
    tag, meta_length = _ENTRY.unpack(reader.read_exact(_ENTRY.size, "an entry"))
    if meta_length > MAX_META_BYTES:
        raise BundleRefused(
            f"The bundle's content is damaged: an entry declares {meta_length} bytes of metadata."
        )
    try:
        meta = json.loads(reader.read_exact(meta_length, "an entry"))
    except (ValueError, UnicodeDecodeError):
        raise BundleRefused("The bundle's content is damaged: an entry's metadata is not JSON.") from None
    if not isinstance(meta, dict):
        raise BundleRefused("The bundle's content is damaged: an entry's metadata is not an object.")
    (length,) = _LENGTH.unpack(reader.read_exact(_LENGTH.size, "an entry"))
    return tag, meta, length
