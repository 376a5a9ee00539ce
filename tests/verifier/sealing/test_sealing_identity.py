"""Sealing identities: round trips, tampering, swaps, need-to-know, revocation, shredding."""

from __future__ import annotations

import base64

import pytest

from tests.verifier.sealing.support import CANARY, WORKSPACE_ID, Holder, make_holder
from verifier.errors import IdentityShredded, InvalidInput, NoAccess, SealFormatError, SealTampered
from verifier.sealing import (
    IdentityRecord,
    IdentityState,
    KeyRing,
    SealedBlob,
    Secret,
    WrappedKey,
    grant,
    rekey_identity,
    revoke,
    seal,
    seal_identity,
    shred_identity,
    unlock_holder,
    unseal,
    unseal_identity,
)
from verifier.sealing.keyring import create_keyring, unwrap_key

FIELDS = {"real_name": CANARY, "phone": "+964 750 123 4567", "notes": "Works at the bakery by the mosque."}


def _plain(fields: dict[str, Secret[str]]) -> dict[str, str]:
    return {name: value.reveal() for name, value in fields.items()}


def _flip(data: bytes, index: int = 0) -> bytes:
    return data[:index] + bytes([data[index] ^ 1]) + data[index + 1 :]


@pytest.fixture
def sealed(workspace_holder: Holder, editor_a: Holder) -> tuple[KeyRing, IdentityRecord]:
    return seal_identity(
        WORKSPACE_ID, 1, FIELDS, [workspace_holder.record, editor_a.record], attested_by=["editor-a"]
    )


def test_round_trip_through_stored_bytes(sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder) -> None:
    ring, record = sealed
    ring = KeyRing.from_bytes(ring.to_bytes())
    record = IdentityRecord.from_bytes(record.to_bytes())
    assert record.state is IdentityState.SEALED and record.attested_by == ("editor-a",)
    assert ring.holders == {"workspace", "editor-a"}
    holder = unlock_holder(editor_a.record, editor_a.secret())
    opened = unseal_identity(holder, ring, record, source_id=1)
    assert all(isinstance(value, Secret) for value in opened.values())
    assert _plain(opened) == FIELDS


def test_lengths_are_padded_to_buckets(workspace_holder: Holder) -> None:
    short = seal_identity(WORKSPACE_ID, 2, {"real_name": "Li"}, [workspace_holder.record])[1]
    long = seal_identity(WORKSPACE_ID, 3, {"real_name": "L" * 200}, [workspace_holder.record])[1]
    assert short.sealed is not None and long.sealed is not None
    assert len(short.sealed.ciphertext) == len(long.sealed.ciphertext) == 256 + 16


def test_sealing_needs_no_passphrase_and_each_holder_opens_with_their_own(
    sealed: tuple[KeyRing, IdentityRecord], workspace_holder: Holder, editor_a: Holder, editor_b: Holder
) -> None:
    ring, record = sealed
    for entitled in (workspace_holder, editor_a):
        holder = unlock_holder(entitled.record, entitled.secret())
        assert _plain(unseal_identity(holder, ring, record, source_id=1)) == FIELDS
    outsider = unlock_holder(editor_b.record, editor_b.secret())
    with pytest.raises(NoAccess, match="not entitled"):
        unseal_identity(outsider, ring, record, source_id=1)


def test_tampered_ciphertext_or_nonce_is_refused(
    sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder
) -> None:
    ring, record = sealed
    assert record.sealed is not None
    holder = unlock_holder(editor_a.record, editor_a.secret())
    for blob in (
        SealedBlob(record.sealed.nonce, _flip(record.sealed.ciphertext, 5)),
        SealedBlob(record.sealed.nonce, _flip(record.sealed.ciphertext, -1)),
        SealedBlob(_flip(record.sealed.nonce), record.sealed.ciphertext),
    ):
        with pytest.raises(SealTampered, match="integrity check") as info:
            unseal(holder, ring, blob, source_id=1)
        assert CANARY not in str(info.value)
    truncated = dict(record.sealed.to_dict(), ct=base64.b64encode(record.sealed.ciphertext[:-16]).decode())
    with pytest.raises(SealFormatError, match="truncated"):
        SealedBlob.from_dict(truncated)


def test_tampered_wrap_is_refused(sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder) -> None:
    ring, record = sealed
    wrap = ring.wrap_for("editor-a")
    assert wrap is not None
    bad = WrappedKey(wrap.holder_id, wrap.key_id, wrap.kem, _flip(wrap.sealed, len(wrap.sealed) - 3))
    others = tuple(w for w in ring.wraps if w.holder_id != "editor-a")
    holder = unlock_holder(editor_a.record, editor_a.secret())
    with pytest.raises(SealTampered):
        unseal_identity(holder, KeyRing(ring.workspace_id, ring.subject, (*others, bad)), record, source_id=1)


def test_blob_swapped_between_sources_is_refused_even_with_the_same_key(
    workspace_holder: Holder,
) -> None:
    ring1, record1 = seal_identity(WORKSPACE_ID, 1, FIELDS, [workspace_holder.record])
    ring2, record2 = seal_identity(WORKSPACE_ID, 2, {"real_name": "Other Person"}, [workspace_holder.record])
    holder = unlock_holder(workspace_holder.record, workspace_holder.secret())
    # Source 1's blob put on source 2's row: another key, and another associated data.
    with pytest.raises(SealTampered):
        unseal_identity(holder, ring2, record1, source_id=2)
    # Both the blob and the key ring copied to source 2: the ring names source 1.
    with pytest.raises(SealTampered, match="moved or swapped"):
        unseal_identity(holder, ring1, record1, source_id=2)
    # Even an attacker who re-wraps source 1's very key as source 2's is stopped by the AD.
    key = unwrap_key(holder, ring1, expected_subject="source:1")
    forged_ring = create_keyring(WORKSPACE_ID, "source:2", key, [workspace_holder.record])
    with pytest.raises(SealTampered, match="another source or purpose"):
        unseal_identity(holder, forged_ring, record1, source_id=2)
    assert _plain(unseal_identity(holder, ring2, record2, source_id=2)) == {"real_name": "Other Person"}


def test_blob_swapped_between_purposes_is_refused(
    sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder
) -> None:
    ring, record = sealed
    holder = unlock_holder(editor_a.record, editor_a.secret())
    contacts = seal(holder, ring, {"met_at": "the old market"}, source_id=1, purpose="contact-log")
    assert _plain(unseal(holder, ring, contacts, source_id=1, purpose="contact-log")) == {
        "met_at": "the old market"
    }
    with pytest.raises(SealTampered):
        unseal(holder, ring, contacts, source_id=1)  # presented as the identity
    assert record.sealed is not None
    with pytest.raises(SealTampered):
        unseal(holder, ring, record.sealed, source_id=1, purpose="contact-log")


def test_editing_reseals_under_the_same_key(sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder) -> None:
    ring, record = sealed
    holder = unlock_holder(editor_a.record, editor_a.secret())
    edited = dict(FIELDS, phone="+964 770 000 1111")
    blob = seal(holder, ring, edited, source_id=1)
    assert record.sealed is not None and blob.nonce != record.sealed.nonce
    assert _plain(unseal(holder, ring, blob, source_id=1)) == edited


def test_revoking_one_of_two_holders(
    sealed: tuple[KeyRing, IdentityRecord], workspace_holder: Holder, editor_a: Holder
) -> None:
    ring, record = sealed
    ring = revoke(ring, "editor-a")
    assert ring.holders == {"workspace"}
    with pytest.raises(NoAccess):
        unseal_identity(unlock_holder(editor_a.record, editor_a.secret()), ring, record, source_id=1)
    remaining = unlock_holder(workspace_holder.record, workspace_holder.secret())
    assert _plain(unseal_identity(remaining, ring, record, source_id=1)) == FIELDS
    with pytest.raises(InvalidInput, match="last holder"):
        revoke(ring, "workspace")
    with pytest.raises(NoAccess):
        revoke(ring, "editor-a")


def test_granting_needs_only_the_grantors_passphrase(
    sealed: tuple[KeyRing, IdentityRecord], editor_a: Holder, editor_b: Holder
) -> None:
    ring, record = sealed
    grantor = unlock_holder(editor_a.record, editor_a.secret())
    ring = grant(grantor, ring, editor_b.record)  # only editor B's public record is used
    assert ring.holders == {"workspace", "editor-a", "editor-b"}
    grantee = unlock_holder(editor_b.record, editor_b.secret())
    assert _plain(unseal_identity(grantee, ring, record, source_id=1)) == FIELDS
    with pytest.raises(NoAccess):
        grant(grantee, revoke(ring, "editor-b"), editor_b.record)


def test_a_re_enrolled_holder_needs_a_new_grant(
    sealed: tuple[KeyRing, IdentityRecord], workspace_holder: Holder
) -> None:
    ring, record = sealed
    again = make_holder("editor-a", "a forgotten then new passphrase")
    holder = unlock_holder(again.record, again.secret())
    with pytest.raises(NoAccess, match="earlier key"):
        unseal_identity(holder, ring, record, source_id=1)
    granted = grant(unlock_holder(workspace_holder.record, workspace_holder.secret()), ring, again.record)
    assert _plain(unseal_identity(holder, granted, record, source_id=1)) == FIELDS


def test_rekey_after_revocation_uses_a_key_the_revoked_holder_never_had(
    sealed: tuple[KeyRing, IdentityRecord], workspace_holder: Holder, editor_a: Holder
) -> None:
    old_ring, old_record = sealed
    keeper = unlock_holder(workspace_holder.record, workspace_holder.secret())
    new_ring, new_record = rekey_identity(
        keeper, revoke(old_ring, "editor-a"), old_record, [workspace_holder.record], source_id=1
    )
    assert _plain(unseal_identity(keeper, new_ring, new_record, source_id=1)) == FIELDS
    revoked = unlock_holder(editor_a.record, editor_a.secret())
    old_key = unwrap_key(revoked, old_ring, expected_subject="source:1")  # kept from before
    forged = create_keyring(WORKSPACE_ID, "source:1", old_key, [editor_a.record])
    with pytest.raises(SealTampered):
        unseal_identity(revoked, forged, new_record, source_id=1)


def test_shredding_makes_unsealing_impossible_even_with_the_right_passphrase(
    sealed: tuple[KeyRing, IdentityRecord], workspace_holder: Holder, editor_a: Holder
) -> None:
    ring, record = sealed
    backup_of_blob = record.to_bytes()  # a backup that holds the blob but not the key ring
    shredded_ring, shredded_record = shred_identity(ring, record)
    assert shredded_ring.is_shredded and shredded_record.state is IdentityState.SHREDDED
    assert shredded_record.sealed is None and shredded_record.attested_by == ("editor-a",)
    stored_ring = KeyRing.from_bytes(shredded_ring.to_bytes())
    for entitled in (workspace_holder, editor_a):
        holder = unlock_holder(entitled.record, entitled.secret())
        with pytest.raises(IdentityShredded):
            unseal_identity(holder, stored_ring, IdentityRecord.from_bytes(backup_of_blob), source_id=1)
    with pytest.raises(InvalidInput, match="shredded"):
        unseal_identity(holder, ring, shredded_record, source_id=1)


def test_attested_not_stored_is_a_state_of_its_own() -> None:
    record = IdentityRecord.attested(["editor-b", "editor-a", "editor-a"])
    assert record.state is IdentityState.ATTESTED and record.attested_by == ("editor-a", "editor-b")
    assert record.sealed is None
    assert IdentityRecord.from_bytes(record.to_bytes()) == record
    assert record.to_dict()["sealed"] is None
    with pytest.raises(InvalidInput):
        IdentityRecord.attested([])
    assert IdentityRecord(IdentityState.NOT_RECORDED).to_dict()["state"] == "not_recorded"


def test_bad_input_is_refused_without_echoing_values(workspace_holder: Holder) -> None:
    with pytest.raises(InvalidInput, match="at least one key holder"):
        seal_identity(WORKSPACE_ID, 1, FIELDS, [])
    with pytest.raises(InvalidInput, match="twice"):
        seal_identity(WORKSPACE_ID, 1, FIELDS, [workspace_holder.record, workspace_holder.record])
    with pytest.raises(InvalidInput, match="must be text") as info:
        seal_identity(WORKSPACE_ID, 1, {"real_name": CANARY, "age": 31}, [workspace_holder.record])  # type: ignore[dict-item]
    assert CANARY not in str(info.value)
    other_workspace = make_holder("workspace", "another workspace passphrase")
    foreign = type(other_workspace.record)(**{**other_workspace.record.__dict__, "workspace_id": "ws-other"})
    with pytest.raises(InvalidInput, match="another workspace"):
        seal_identity(WORKSPACE_ID, 1, FIELDS, [foreign])
    with pytest.raises(SealFormatError, match="newer version"):
        IdentityRecord.from_dict(dict(IdentityRecord.attested(["e"]).to_dict(), v=9))
