"""Case bundles through the services: a round trip of the demo case into a fresh workspace (SQLite
and PostgreSQL), and every refusal leaving the receiving workspace exactly as it was."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.verifier.bundles.support import (
    RECEIVER_PASS,
    SENDER_PASS,
    Receiver,
    Sender,
    case_snapshot,
    make_receiver,
    stored_state,
)
from verifier import demo
from verifier.bundles import BundleRefused
from verifier.bundles.container import MAGIC
from verifier.domain import AuditAction, EntityType, IdentityState
from verifier.errors import Cancelled, Conflict, NotFound, SealError, WrongPassphrase
from verifier.sealing import KdfCost, Secret
from verifier.services import bundles, identities, integrity, places, search, sources
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage.models import WorkspaceMetaRow


def _import(receiver: Receiver, path: Path, **options: object) -> bundles.BundleImport:
    return bundles.import_bundle(receiver.ws, path, Secret(RECEIVER_PASS), **options)  # type: ignore[arg-type]


def test_round_trip_keeps_records_originals_chain_and_seals(
    sender: Sender, receiver: Receiver, bundle: Path
) -> None:
    seen: list[tuple[int, int, str]] = []
    result = bundles.import_bundle(
        receiver.ws, bundle, Secret(RECEIVER_PASS), progress=lambda *step: seen.append(step)
    )

    assert result.origin.sender.name == "Erbil desk" and result.origin.trusted
    assert result.origin.sender.fingerprint.replace(" ", "") == sender.card.fingerprint
    assert case_snapshot(receiver.ws, result.case_id) == case_snapshot(sender.ws, sender.case_id)
    assert result.originals == 5 and result.originals_new == 5  # 4 photos and the recording
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "Done"
    with sender.ws.reading() as session:
        sender_hashes = set(sender.ws.vault.iter_stored())
        sender_vault = integrity.verify_vault(session, sender.ws.vault)
    assert set(receiver.ws.vault.iter_stored()) == sender_hashes
    for sha in sender_hashes:
        assert receiver.ws.vault.hash_stored(sha) == sha
    with receiver.ws.reading() as session:
        audit = integrity.verify_audit(session, receiver.ws.anchors)
        vault = integrity.verify_vault(session, receiver.ws.vault)
        imported = bundles.imported_bundles(session)
        entries = integrity.audit_log(session, case_id=result.case_id, entity_type="case", limit=10)
        found = search.search(session, "Qarachogh", case_id=result.case_id)
    assert audit.ok, audit.problems
    # The same report as the sender's (where vault verify lists testimony attachments as orphans).
    assert vault.ok and not vault.unexpected and vault.orphaned == sender_vault.orphaned
    assert result.sender_chain.ok and result.sender_chain.case_entries > 40
    [record] = imported
    assert record.case_id == result.case_id and record.sender_chain.ok and record.recorded
    creation = [e for e in entries if e.action is AuditAction.CREATE and e.entity_type is EntityType.CASE]
    assert creation and "signed by 'Erbil desk'" in (creation[0].reason or "")
    recorded: Any = creation[0].new_values
    assert recorded["bundle"]["sender_chain"]["head_hash"] == result.sender_chain.head_hash
    assert found, "imported records are searchable"


def test_sealed_identity_stays_sealed_on_the_receiving_side(
    sender: Sender, receiver: Receiver, bundle: Path
) -> None:
    result = _import(receiver, bundle)
    bundle_bytes = bundle.read_bytes()
    assert b"Zebulon" not in bundle_bytes and b"Bundlecanary" not in bundle_bytes
    with receiver.ws.transaction() as uow:
        identities.enroll_holder(
            uow, "editor", Secret("a receiving editor's passphrase"), cost=KdfCost(2**10, 8, 1)
        )
    with receiver.ws.reading() as session:
        hama = next(s for s in sources.list_sources(session, result.case_id) if s.alias == "Hama")
    assert hama.identity_state is IdentityState.SEALED
    source_id = hama.id
    with pytest.raises(SealError), receiver.ws.transaction() as uow:  # bound to the sender's keys
        identities.unseal_identity(
            uow, source_id, "editor", Secret("a receiving editor's passphrase"), "check"
        )


def test_same_case_twice_is_refused_and_not_duplicated(
    sender: Sender, receiver: Receiver, bundle: Path, tmp_path: Path
) -> None:
    first = _import(receiver, bundle)
    before = stored_state(receiver.ws)
    with pytest.raises(Conflict, match="imported before"):
        _import(receiver, bundle)
    again = tmp_path / "again.svbundle"  # a fresh export of the same case: still the same case
    bundles.export_bundle(sender.ws, sender.case_id, receiver.card, again, Secret(SENDER_PASS))
    with pytest.raises(Conflict, match=f"as case {first.case_id}"):
        _import(receiver, again)
    assert stored_state(receiver.ws) == before


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _header_end(path: Path) -> int:
    data = path.read_bytes()
    return len(MAGIC) + 4 + int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")


@pytest.mark.parametrize(
    ("where", "offset", "reason"),
    [
        ("magic", lambda p: 3, "not a Source Verifier case bundle"),
        ("header", lambda p: _header_end(p) - 40, "header|signature does not match"),
        ("header length", lambda p: len(MAGIC) + 3, "header|truncated"),
        ("chunk", lambda p: _header_end(p) + 5000, "signature does not match"),
        ("chunk frame", lambda p: _header_end(p), "damaged at byte"),
        ("signature", lambda p: p.stat().st_size - 10, "signature does not match"),
    ],
)
def test_altered_bundle_is_refused_and_nothing_imported(
    receiver: Receiver, bundle: Path, where: str, offset: Callable[[Path], int], reason: str
) -> None:
    before = stored_state(receiver.ws)
    _flip(bundle, offset(bundle))
    with pytest.raises(BundleRefused, match=reason):
        _import(receiver, bundle)
    assert stored_state(receiver.ws) == before


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (lambda p: 5, "ends inside its first bytes"),
        (lambda p: _header_end(p) - 100, "ends inside its header"),
        (lambda p: _header_end(p), "ends after chunk 0"),
        (lambda p: _header_end(p) + 70_000, "ends inside chunk 1"),
        (lambda p: p.stat().st_size - 64 - 5, "without its signature"),
        (lambda p: p.stat().st_size - 1, "ends inside its signature"),
    ],
)
def test_truncated_bundle_is_refused_and_nothing_imported(
    receiver: Receiver, bundle: Path, cut: Callable[[Path], int], reason: str
) -> None:
    before = stored_state(receiver.ws)
    data = bundle.read_bytes()
    bundle.write_bytes(data[: cut(bundle)])
    with pytest.raises(BundleRefused, match=reason):
        _import(receiver, bundle)
    assert stored_state(receiver.ws) == before


def test_bundle_for_another_newsroom_is_refused(
    sender: Sender, receiver: Receiver, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other_folder = tmp_path_factory.mktemp("other")
    with Workspace.open(Settings(workspace=other_folder / "ws", user="carol")) as other_ws:
        other = make_receiver(other_ws, "Another desk", trust=sender.card)
        path = tmp_path / "for-other.svbundle"
        bundles.export_bundle(sender.ws, sender.case_id, other.card, path, Secret(SENDER_PASS))
    before = stored_state(receiver.ws)
    with pytest.raises(BundleRefused, match="addressed to 'Another desk'"):
        _import(receiver, path)
    assert stored_state(receiver.ws) == before


def test_untrusted_sender_is_refused_unless_allowed(
    sender: Sender, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("untrusting")
    with Workspace.open(Settings(workspace=folder / "ws", user="dana")) as ws:
        receiver = make_receiver(ws, "Cautious desk", trust=None)
        path = tmp_path / "case.svbundle"
        bundles.export_bundle(sender.ws, sender.case_id, receiver.card, path, Secret(SENDER_PASS))
        origin = bundles.inspect_bundle(ws, path)
        assert not origin.trusted and origin.for_this_workspace
        assert "NOT trusted" in origin.describe() and sender.card.fingerprint[:4] in origin.describe()
        before = stored_state(ws)
        with pytest.raises(BundleRefused, match=r"NOT trusted.*--allow-untrusted"):
            _import(receiver, path)
        assert stored_state(ws) == before
        result = _import(receiver, path, allow_untrusted=True)
        assert not result.origin.trusted
        with ws.reading() as session:
            [record] = bundles.imported_bundles(session)
        assert not record.trusted


def test_wrong_passphrase_imports_nothing(receiver: Receiver, bundle: Path) -> None:
    before = stored_state(receiver.ws)
    with pytest.raises(WrongPassphrase):
        bundles.import_bundle(receiver.ws, bundle, Secret("not the partner desk's passphrase"))
    assert stored_state(receiver.ws) == before


def test_cancelled_import_leaves_no_staged_file(receiver: Receiver, bundle: Path) -> None:
    before = stored_state(receiver.ws)
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if what != "Checking the signature" and done >= 3:
            stop.set()

    with pytest.raises(Cancelled):
        bundles.import_bundle(receiver.ws, bundle, Secret(RECEIVER_PASS), progress=progress, cancel=stop)
    assert stored_state(receiver.ws) == before


def test_failure_inside_the_transaction_rolls_back_and_discards(
    receiver: Receiver, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored_state(receiver.ws)
    original = bundles._chain_digest

    def fail(chain: list[dict[str, object]]) -> str:
        original(chain)
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(bundles, "_chain_digest", fail)
    with pytest.raises(RuntimeError):
        _import(receiver, bundle)
    assert stored_state(receiver.ws) == before


def test_export_refuses_an_existing_file_and_unknown_keys(
    sender: Sender, receiver: Receiver, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    taken = out / "taken.svbundle"
    taken.write_text("mine")
    with pytest.raises(Conflict, match="already exists"):
        bundles.export_bundle(sender.ws, sender.case_id, receiver.card, taken, Secret(SENDER_PASS))
    assert taken.read_text() == "mine"
    with pytest.raises(WrongPassphrase):
        bundles.export_bundle(
            sender.ws, sender.case_id, receiver.card, out / "x", Secret("wrong wrong wrong")
        )
    with Workspace.open(Settings(workspace=tmp_path_factory.mktemp("keyless") / "ws", user="eve")) as keyless:
        with pytest.raises(NotFound, match="no bundle keys"):
            bundles.export_bundle(keyless, 1, sender.card, out / "y", Secret(RECEIVER_PASS))
    assert sorted(p.name for p in out.iterdir()) == ["taken.svbundle"]


def test_export_is_audited(sender: Sender, receiver: Receiver, bundle: Path) -> None:
    with sender.ws.reading() as session:
        [entry] = integrity.audit_log(session, case_id=sender.case_id, limit=1)
    assert entry.action is AuditAction.EXPORT and entry.new_values is not None
    assert entry.new_values["to"] == "Partner desk" and entry.new_values["file"] == bundle.name
    assert entry.new_values["originals"] == 5


def test_import_record_tampering_is_detected(receiver: Receiver, bundle: Path) -> None:
    result = _import(receiver, bundle)
    key = bundles.IMPORT_PREFIX + result.origin.bundle_id
    with receiver.ws.transaction() as uow:
        row = uow.session.get(WorkspaceMetaRow, key)
        assert row is not None
        stored = json.loads(row.value)
        full = next(e for e in stored["chain"] if not e.get("withheld"))
        full["actor"] = "mallory"
        row.value = json.dumps(stored)
    with receiver.ws.reading() as session:
        [record] = bundles.imported_bundles(session)
    assert not record.sender_chain.ok and not record.recorded
    assert "was altered" in record.sender_chain.problems[0]


def test_places_already_in_the_gazetteer_are_reused(sender: Sender, receiver: Receiver, bundle: Path) -> None:
    demo.build_demo_case(receiver.ws)  # the receiving newsroom covers Makhmour too
    with receiver.ws.reading() as session:
        before = sorted(p.name for p in places.list_places(session))
    result = _import(receiver, bundle)
    with receiver.ws.reading() as session:
        after = sorted(p.name for p in places.list_places(session))
    assert result.places_matched == 4 and "places" not in result.records
    assert after == before
    received, sent = case_snapshot(receiver.ws, result.case_id), case_snapshot(sender.ws, sender.case_id)
    del received["places"], sent["places"]  # the local records (their own dates), matched by name
    assert received == sent


def test_cancelled_export_leaves_no_file_and_no_record(
    sender: Sender, receiver: Receiver, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with sender.ws.reading() as session:
        [last] = integrity.audit_log(session, limit=1)
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if done == 2:
            stop.set()

    with pytest.raises(Cancelled):
        bundles.export_bundle(
            sender.ws,
            sender.case_id,
            receiver.card,
            out / "b",
            Secret(SENDER_PASS),
            progress=progress,
            cancel=stop,
        )
    assert list(out.iterdir()) == []
    with sender.ws.reading() as session:
        assert integrity.audit_log(session, limit=1) == [last]
