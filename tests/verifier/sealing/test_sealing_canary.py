"""A canary identity must not appear, in any encoding or unkeyed digest, in any stored artefact."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator
from typing import Any, Protocol

from tests.verifier.sealing.support import CANARY, WORKSPACE_ID, Holder
from verifier.sealing import (
    create_workspace_secret,
    fingerprint_identity,
    grant,
    revoke,
    seal,
    seal_identity,
    shred_identity,
    source_subject,
    unlock_holder,
    unlock_leak_guard,
)


class Stored(Protocol):
    """Any artefact the storage layer will keep."""

    def to_bytes(self) -> bytes: ...
    def to_dict(self) -> dict[str, Any]: ...


PHONE = "+964 750 123 4567"
EMAIL = "zebulon.qx7@example.org"


def _needles() -> set[bytes]:
    texts = {CANARY, CANARY.lower(), CANARY.upper(), "zebulon", "Zebulon", "ZEBULON", PHONE,
             "9647501234567", "501234567", EMAIL}  # fmt: skip
    needles: set[bytes] = set()
    for text in texts:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le"):
            needles.add(text.encode(encoding))
        raw = text.encode("utf-8")
        for algorithm in ("sha256", "sha1", "md5", "blake2b"):
            digest = hashlib.new(algorithm, raw).digest()
            needles.update({digest[:16], digest.hex().encode(), base64.b64encode(digest)[:20]})
        # base64 of the value at each of the three alignments, minus the edge characters
        for shift in range(3):
            encoded = base64.b64encode(b"\0" * shift + raw)
            needles.add(encoded[4:-4])
    # Short needles could occur by chance in random ciphertext; every text above is long enough.
    return {needle for needle in needles if len(needle) >= 6}


def _decoded_strings(value: Any) -> Iterator[bytes]:
    """Every string in a stored dict, and what it decodes to if it is base64."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _decoded_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _decoded_strings(item)
    elif isinstance(value, str):
        yield value.encode("utf-8")
        try:
            yield base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass


def test_canary_identity_appears_in_no_stored_artefact(
    workspace_holder: Holder, editor_a: Holder, editor_b: Holder
) -> None:
    fields = {"real_name": CANARY, "phone": PHONE, "email": EMAIL, "notes": f"{CANARY} lives near the mill"}
    ring, record = seal_identity(
        WORKSPACE_ID, 41, fields, [workspace_holder.record, editor_a.record], attested_by=["editor-a"]
    )
    holder = unlock_holder(editor_a.record, editor_a.secret())
    ring = grant(holder, ring, editor_b.record)
    extra = seal(holder, ring, {"alias_used": CANARY}, source_id=41, purpose="contact-log")
    workspace_ring = create_workspace_secret(WORKSPACE_ID, [workspace_holder.record, editor_a.record])
    fingerprints = fingerprint_identity(
        unlock_leak_guard(holder, workspace_ring), source_subject(41), [CANARY, PHONE, EMAIL]
    )
    shredded_ring, shredded_record = shred_identity(revoke(ring, "editor-b"), record)
    artefacts: list[Stored] = [
        workspace_holder.record, editor_a.record, editor_b.record, ring, record, extra,
        workspace_ring, fingerprints, shredded_ring, shredded_record, *ring.wraps,
    ]  # fmt: skip

    needles = _needles()
    for artefact in artefacts:
        stored = artefact.to_bytes()
        blobs = [stored, json.dumps(artefact.to_dict()).encode(), *_decoded_strings(artefact.to_dict())]
        for blob in blobs:
            for needle in needles:
                assert needle not in blob, f"{type(artefact).__name__} leaks a form of the canary"
        assert CANARY not in repr(artefact)
