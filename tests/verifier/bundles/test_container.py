"""The bundle file format alone: chunked AES-GCM, signature, and every way a file can be damaged."""

from __future__ import annotations

import hashlib
import io
import json
import struct

import pytest

from tests.verifier.bundles.support import FAST
from verifier.bundles import BundleRefused, NewsroomKeys, create_keys, unlock_keys
from verifier.bundles.container import (
    MAGIC,
    BundleHeader,
    BundleWriter,
    PlaintextReader,
    check_bundle,
    signed_message,
)
from verifier.bundles.keys import UnlockedKeys
from verifier.sealing import Kem, Secret

PASS = "a passphrase for the format tests"


def _keys(name: str, kem: Kem = Kem.X25519) -> tuple[NewsroomKeys, UnlockedKeys]:
    keys = create_keys(name, name.lower().replace(" ", "-"), Secret(PASS), cost=FAST, kem=kem)
    return keys, unlock_keys(keys, Secret(PASS))


@pytest.fixture(scope="module")
def alice() -> UnlockedKeys:
    return _keys("Alice desk")[1]


@pytest.fixture(scope="module")
def bob() -> UnlockedKeys:
    return _keys("Bob desk")[1]


def _write(sender: UnlockedKeys, recipient: UnlockedKeys, plain: bytes, chunk: int = 64) -> bytes:
    out = io.BytesIO()
    writer = BundleWriter(out, sender, recipient.card, chunk_size=chunk)
    for start in range(0, len(plain), 50):  # writes that do not line up with chunks
        writer.write(plain[start : start + 50])
    summary = writer.finish()
    data = out.getvalue()
    assert summary.size == len(data)
    return data


def _read(data: bytes, recipient: UnlockedKeys) -> bytes:
    fh = io.BytesIO(data)
    check = check_bundle(fh)
    reader = PlaintextReader(fh, check, recipient)
    out = bytearray()
    while piece := reader.read(37):
        out += piece
    assert reader.at_end()
    return bytes(out)


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 128, 1000])
def test_round_trip_at_every_chunk_boundary(alice: UnlockedKeys, bob: UnlockedKeys, size: int) -> None:
    plain = bytes(i % 251 for i in range(size))
    data = _write(alice, bob, plain)
    check = check_bundle(io.BytesIO(data))
    assert check.sender.name == "Alice desk" and check.header.recipient_name == "Bob desk"
    assert check.chunks == max(1, -(-size // 64))
    assert _read(data, bob) == plain


def test_hybrid_post_quantum_keys_round_trip() -> None:
    _, sender = _keys("Hybrid sender", Kem.MLKEM768_X25519)
    _, recipient = _keys("Hybrid recipient", Kem.MLKEM768_X25519)
    plain = b"Gali Manjalan, 29 March 2019" * 100
    assert _read(_write(sender, recipient, plain, chunk=1000), recipient) == plain


def test_every_truncation_is_refused(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    data = _write(alice, bob, b"x" * 300)
    for cut in range(len(data)):
        with pytest.raises(BundleRefused, match=r"truncated|header"):
            check_bundle(io.BytesIO(data[:cut]))


def test_every_flipped_byte_is_refused(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    plain = b"six killed, thirty-one injured" * 6
    data = _write(alice, bob, plain)
    for offset in range(len(data)):
        damaged = bytearray(data)
        damaged[offset] ^= 0x20
        with pytest.raises(BundleRefused):
            _read(bytes(damaged), bob)


def test_trailing_bytes_are_refused(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    data = _write(alice, bob, b"abc")
    with pytest.raises(BundleRefused, match="bytes follow its signature"):
        check_bundle(io.BytesIO(data + b"\0"))


def test_wrong_recipient_cannot_open_it(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    data = _write(alice, bob, b"for Bob only")
    fh = io.BytesIO(data)
    check = check_bundle(fh)
    with pytest.raises(BundleRefused, match=r"addressed to 'Bob desk'.*not to this newsroom 'Alice desk'"):
        PlaintextReader(fh, check, alice)


def test_a_third_party_cannot_resign_the_chunks(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    """Someone who replaces the sender's card and signs with their own key gets a bundle whose
    signature checks (as theirs, untrusted) but whose chunks no longer decrypt: they are bound to
    the original header."""
    _, mallory = _keys("Mallory desk")
    data = _write(alice, bob, b"the real testimony" * 10)
    header_length = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])[0]
    header_end = len(MAGIC) + 4 + header_length
    header = json.loads(data[len(MAGIC) + 4 : header_end])
    header["sender"] = mallory.card.to_dict()
    forged_header = BundleHeader.from_bytes(
        json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    )
    header_bytes = forged_header.to_bytes()
    frames = data[header_end : -(5 + 64)]
    message = signed_message(
        hashlib.sha256(header_bytes).hexdigest(), hashlib.sha256(frames).hexdigest(), 3, len(frames)
    )
    forged = (
        MAGIC
        + struct.pack(">I", len(header_bytes))
        + header_bytes
        + frames
        + struct.pack(">cI", b"S", 64)
        + mallory.sign(message)
    )
    fh = io.BytesIO(forged)
    check = check_bundle(fh)
    assert check.sender.name == "Mallory desk"
    with pytest.raises(BundleRefused, match=r"content key does not open|does not decrypt"):
        reader = PlaintextReader(fh, check, bob)
        reader.read(1)


def test_newer_format_is_refused_clearly(alice: UnlockedKeys, bob: UnlockedKeys) -> None:
    data = _write(alice, bob, b"abc")
    header_length = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])[0]
    header = json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + header_length])
    header["v"] = 99
    with pytest.raises(BundleRefused, match="newer version"):
        BundleHeader.from_bytes(json.dumps(header).encode())


def test_not_a_bundle() -> None:
    with pytest.raises(BundleRefused, match="not a Source Verifier case bundle"):
        check_bundle(io.BytesIO(b"PK\x03\x04 a zip file, not a bundle"))
