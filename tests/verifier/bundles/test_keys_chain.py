"""Newsroom keys and cards; the carried audit chain and its verification."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.verifier.bundles.support import FAST
from verifier.bundles import NewsroomCard, NewsroomKeys, create_keys, unlock_keys
from verifier.bundles.chain import full_entry, verify_chain, withheld_entry
from verifier.errors import InvalidInput, WrongPassphrase
from verifier.sealing import Kem, Secret
from verifier.storage.audit import GENESIS_HASH, compute_hash, format_time

PASS = "the newsroom's long passphrase"


@pytest.fixture(scope="module")
def keys() -> NewsroomKeys:
    return create_keys("Kurdistan 24 desk", "ws-1", Secret(PASS), cost=FAST, kem=Kem.X25519)


def test_card_text_round_trips_inside_a_mail(keys: NewsroomKeys) -> None:
    text = keys.card.to_text()
    assert "Newsroom: Kurdistan 24 desk" in text
    mail = "Hello,\n\nhere is our card:\n\n" + text + "\nRegards\n"
    card = NewsroomCard.from_text(mail)
    assert card == keys.card and card.fingerprint == keys.card.fingerprint


def test_an_edited_card_is_refused(keys: NewsroomKeys) -> None:
    text = keys.card.to_text()
    with pytest.raises(InvalidInput, match="fingerprint line does not match"):
        NewsroomCard.from_text(text.replace("Fingerprint: " + keys.card.fingerprint[:4], "Fingerprint: 0000"))
    other = create_keys("Kurdistan 24 desk", "ws-2", Secret(PASS), cost=FAST, kem=Kem.X25519).card.to_text()
    body_of_other = other.split("\n\n", 1)[1]
    swapped = text.split("\n\n", 1)[0] + "\n\n" + body_of_other  # keys of another, fingerprint of this one
    with pytest.raises(InvalidInput, match="was altered"):
        NewsroomCard.from_text(swapped)
    with pytest.raises(InvalidInput, match="No newsroom card"):
        NewsroomCard.from_text("just some text")
    lines = text.splitlines()
    lines[4] = lines[4][:10] + "!" + lines[4][11:]
    with pytest.raises(InvalidInput, match="damaged"):
        NewsroomCard.from_text("\n".join(lines))


def test_passphrase_locks_the_private_keys(keys: NewsroomKeys) -> None:
    with pytest.raises(WrongPassphrase):
        unlock_keys(keys, Secret("not the newsroom's passphrase"))
    stored = NewsroomKeys.from_bytes(keys.to_bytes())
    unlocked = unlock_keys(stored, Secret(PASS))
    assert unlocked.card.verify(unlocked.sign(b"message"), b"message")
    unlocked.lock()
    with pytest.raises(InvalidInput, match="locked"):
        unlocked.sign(b"message")
    with pytest.raises(InvalidInput, match="too short"):
        create_keys("Desk", "ws", Secret("short"), cost=FAST)
    with pytest.raises(InvalidInput, match="name is empty"):
        create_keys("  ", "ws", Secret(PASS), cost=FAST)


def test_a_swapped_public_key_makes_the_unlock_fail(keys: NewsroomKeys) -> None:
    other = create_keys("Kurdistan 24 desk", "ws-1", Secret(PASS), cost=FAST, kem=Kem.X25519)
    forged = NewsroomKeys(other.card, keys.kdf, keys.nonce, keys.locked)
    with pytest.raises(WrongPassphrase):
        unlock_keys(forged, Secret(PASS))


def _chain(case_of: list[int]) -> list[dict[str, object]]:
    """A sender's chain where entry i belongs to case ``case_of[i]``; carried as a bundle does."""
    carried: list[dict[str, object]] = []
    prev = GENESIS_HASH
    for seq, case_id in enumerate(case_of, start=1):
        fields = {
            "seq": seq,
            "at": format_time(datetime(2019, 3, 29, 10, seq, tzinfo=UTC)),
            "actor": "alice",
            "action": "create",
            "entity_type": "claim",
            "entity_id": seq,
            "case_id": case_id,
            "old_values": None,
            "new_values": '{"statement":"6 killed"}',
            "reason": None,
            "prev_hash": prev,
        }
        at = datetime(2019, 3, 29, 10, seq, tzinfo=UTC)
        entry_hash = compute_hash(**{**fields, "at": at})  # type: ignore[arg-type]
        if case_id == 7:
            carried.append(full_entry({**fields, "entry_hash": entry_hash}))
        else:
            carried.append(withheld_entry(seq, prev, entry_hash))
        prev = entry_hash
    return carried


def test_carried_chain_verifies_and_names_each_problem() -> None:
    chain = _chain([7, 3, 7, 7, 3, 7])
    report = verify_chain(chain, 7)
    assert report.ok and report.entries == 6 and report.case_entries == 4

    altered = [dict(e) for e in chain]
    altered[2]["reason"] = "rewritten"
    assert verify_chain(altered, 7).problems == (
        "Sender's audit entry #3 (create claim 3) was altered: its contents no longer match its hash.",
    )
    removed = chain[:2] + chain[3:]
    assert "entry #3 is missing" in verify_chain(removed, 7).problems[0]
    swapped = [chain[0], chain[1], chain[3], chain[2], *chain[4:]]
    assert not verify_chain(swapped, 7).ok
    other_case = [dict(e) for e in chain]
    other_case[0]["case_id"] = 3
    assert "belongs to another case" in verify_chain(other_case, 7).problems[0]
    relinked = [dict(e) for e in chain]
    relinked[1]["prev_hash"] = "f" * 64  # a withheld entry cannot be moved either
    assert "does not follow entry #1" in verify_chain(relinked, 7).problems[0]
