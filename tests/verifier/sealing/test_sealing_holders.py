"""Key holders: enrolment, unlocking, wrong passphrases, KDF parameters, stored format."""

from __future__ import annotations

import inspect
import json
import traceback
import unicodedata

import pytest

from tests.verifier.sealing.support import FAST_COST, WORKSPACE_ID, Holder, make_holder
from verifier.errors import InvalidInput, SealFormatError, WrongPassphrase
from verifier.sealing import (
    DEFAULT_COST,
    HolderRecord,
    KdfCost,
    KdfParams,
    Kem,
    Secret,
    change_passphrase,
    enroll_holder,
    needs_upgrade,
    unlock_holder,
)


def test_default_kdf_cost_is_the_strong_one() -> None:
    assert (DEFAULT_COST.n, DEFAULT_COST.r, DEFAULT_COST.p) == (2**17, 8, 1)
    assert DEFAULT_COST.memory_bytes == 128 * 1024 * 1024
    assert KdfParams.generate().cost == DEFAULT_COST
    assert len(KdfParams.generate().salt) == 16
    assert KdfParams.generate().salt != KdfParams.generate().salt
    for function in (enroll_holder, change_passphrase):
        assert inspect.signature(function).parameters["cost"].default is DEFAULT_COST


def test_record_round_trips_through_bytes_and_dict_and_unlocks(workspace_holder: Holder) -> None:
    record = workspace_holder.record
    again = HolderRecord.from_bytes(record.to_bytes())
    assert again == record
    assert HolderRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    stored = record.to_dict()
    assert stored["type"] == "holder" and stored["v"] == 1
    assert stored["kdf"] == {"alg": "scrypt", "n": 2**10, "r": 8, "p": 1, "salt": stored["kdf"]["salt"]}
    holder = unlock_holder(again, workspace_holder.secret())
    assert holder.holder_id == "workspace" and holder.workspace_id == WORKSPACE_ID
    assert not holder.locked
    holder.lock()
    assert holder.locked


def test_wrong_passphrase_is_clear_and_reveals_nothing(editor_a: Holder) -> None:
    typed = "alpha editor's own passphrasE"
    with pytest.raises(WrongPassphrase, match="passphrase is wrong") as info:
        unlock_holder(editor_a.record, Secret(typed))
    shown = "".join(traceback.format_exception(info.value)) + repr(info.value)
    assert typed not in shown
    assert editor_a.passphrase not in shown
    assert info.value.__cause__ is None


def test_altered_kdf_parameters_or_public_key_do_not_unlock(editor_b: Holder) -> None:
    stored = editor_b.record.to_dict()
    weakened = dict(stored, kdf=dict(stored["kdf"], n=2**11))
    with pytest.raises(WrongPassphrase):
        unlock_holder(HolderRecord.from_dict(weakened), editor_b.secret())
    other = make_holder("editor-b", "some other passphrase", kem=Kem.X25519).record
    swapped = dict(stored, pk=other.to_dict()["pk"])
    with pytest.raises(WrongPassphrase):
        unlock_holder(HolderRecord.from_dict(swapped), editor_b.secret())
    moved = dict(stored, holder="editor-c")
    with pytest.raises(WrongPassphrase):
        unlock_holder(HolderRecord.from_dict(moved), editor_b.secret())


def test_passphrase_is_normalised_so_composed_and_decomposed_input_agree() -> None:
    composed = unicodedata.normalize("NFC", "Zébulon Ñandú passphrase")
    holder = make_holder("editor-n", composed)
    unlock_holder(holder.record, Secret(unicodedata.normalize("NFD", composed)))


def test_short_passphrase_and_empty_ids_are_refused() -> None:
    with pytest.raises(InvalidInput, match="too short"):
        enroll_holder(WORKSPACE_ID, "x", Secret("short"), cost=FAST_COST)
    with pytest.raises(InvalidInput, match="holder id"):
        enroll_holder(WORKSPACE_ID, " ", Secret("long enough passphrase"), cost=FAST_COST)


def test_change_passphrase_keeps_the_key_pair_and_raises_the_cost() -> None:
    holder = make_holder("editor-c", "first passphrase of c")
    assert needs_upgrade(holder.record)
    stronger = KdfCost(n=2**11, r=8, p=1)
    changed = change_passphrase(
        holder.record, holder.secret(), Secret("second passphrase of c"), cost=stronger
    )
    assert changed.public_key == holder.record.public_key
    assert changed.key_id == holder.record.key_id
    assert changed.kdf.salt != holder.record.kdf.salt
    assert not needs_upgrade(changed, stronger)
    unlock_holder(changed, Secret("second passphrase of c"))
    with pytest.raises(WrongPassphrase):
        unlock_holder(changed, holder.secret())
    with pytest.raises(WrongPassphrase):
        change_passphrase(holder.record, Secret("not the passphrase"), Secret("whatever passphrase"))


@pytest.mark.parametrize(
    ("n", "r", "p"),
    [(2**23, 8, 1), (3000, 8, 1), (2**4, 8, 1), (2**17, 64, 1), (2**20, 8, 16)],
)
def test_unsafe_stored_kdf_parameters_are_refused(n: int, r: int, p: int) -> None:
    with pytest.raises(SealFormatError):
        KdfCost(n=n, r=r, p=p)


def test_malformed_or_newer_records_are_refused(workspace_holder: Holder) -> None:
    stored = workspace_holder.record.to_dict()
    with pytest.raises(SealFormatError, match="newer version"):
        HolderRecord.from_dict(dict(stored, v=2))
    with pytest.raises(SealFormatError, match="not a key holder"):
        HolderRecord.from_dict(dict(stored, type="wrap"))
    with pytest.raises(SealFormatError, match="base64"):
        HolderRecord.from_dict(dict(stored, nonce="not base64!"))
    with pytest.raises(SealFormatError, match="bytes"):
        HolderRecord.from_dict(dict(stored, nonce="AAAA"))
    with pytest.raises(SealFormatError, match="unknown key type"):
        HolderRecord.from_dict(dict(stored, kem="rsa"))
    with pytest.raises(SealFormatError, match="not valid JSON"):
        HolderRecord.from_bytes(b"\xff{")
