"""Sealed identities through the services: canary on disk, audited unsealing, access, shredding."""

from __future__ import annotations

import base64
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.domain import AuditAction, IdentityState
from verifier.errors import IdentityShredded, InvalidInput, NoAccess, WrongPassphrase
from verifier.sealing import HolderRecord, IdentityRecord, KdfCost, KeyRing, Secret, unlock_holder
from verifier.sealing import unseal_identity as open_identity
from verifier.services import cases, identities, integrity, search, sources
from verifier.services.workspace import Workspace
from verifier.settings import Settings

CANARY_NAME = "Zebulon Quixtrap-Canary"
CANARY_PHONE = "+964 750 555 0199"
FAST = KdfCost(2**10, 8, 1)  # tests only: the default is 2**17
EDITOR_PASS = "an editor's long passphrase"
CHIEF_PASS = "the chief editor's long passphrase"


def _variants(value: str) -> list[bytes]:
    return [
        value.encode("utf-8"),
        value.encode("utf-16-le"),
        value.encode("utf-16-be"),
        value.lower().encode(),
    ]


def _files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                yield Path(folder) / name


@pytest.fixture
def sealed(sqlite_workspace: Workspace, caplog: pytest.LogCaptureFixture) -> tuple[Workspace, int]:
    ws = sqlite_workspace
    caplog.set_level(logging.DEBUG)
    with ws.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        hama = sources.add_source(uow, case.id, "Hama", public_description="a student from Makhmour")
        identities.enroll_holder(uow, "editor", Secret(EDITOR_PASS), cost=FAST)
        identities.enroll_holder(uow, "chief", Secret(CHIEF_PASS), cost=FAST)
    with ws.transaction() as uow:
        identities.seal_identity(uow, hama.id, {"real_name": CANARY_NAME, "phone": CANARY_PHONE}, ["editor"])
    return ws, hama.id


def test_no_byte_on_disk_reveals_the_identity(
    sealed: tuple[Workspace, int], caplog: pytest.LogCaptureFixture
) -> None:
    ws, source_id = sealed
    temp_root = Path(tempfile.gettempdir())
    temp_before = set(temp_root.iterdir())
    with ws.transaction() as uow:  # an unseal, a search and a verify, as a user would
        fields = identities.unseal_identity(uow, source_id, "editor", Secret(EDITOR_PASS), "check spelling")
    assert fields["real_name"].reveal() == CANARY_NAME
    with ws.reading() as session:
        assert search.search(session, "Zebulon") == []
        assert integrity.verify_audit(session, ws.anchors).ok
    checked = 0
    new_temp = [p for p in set(temp_root.iterdir()) - temp_before if p.is_dir()]
    for path in _files_under(ws.settings.workspace, *new_temp):
        data = path.read_bytes()
        checked += 1
        for needle in (*_variants(CANARY_NAME), *_variants("Quixtrap"), *_variants(CANARY_PHONE)):
            assert needle not in data, f"the identity appears in {path}"
    assert checked >= 3  # database, log, anchors at least
    assert "Quixtrap" not in caplog.text and "Quixtrap" not in repr(fields)


def test_unsealing_is_audited_with_its_reason(sealed: tuple[Workspace, int]) -> None:
    ws, source_id = sealed
    with pytest.raises(InvalidInput, match="reason is required"), ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "editor", Secret(EDITOR_PASS), "  ")
    with ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "editor", Secret(EDITOR_PASS), "legal review")
    with ws.reading() as session:
        entry = integrity.audit_log(session, limit=1)[0]
    assert (entry.action, entry.actor, entry.reason, entry.new_values) == (
        AuditAction.UNSEAL,
        "tester",
        "legal review",
        {"holder": "editor"},
    )


def test_wrong_passphrase_reveals_nothing_and_records_nothing(sealed: tuple[Workspace, int]) -> None:
    ws, source_id = sealed
    with ws.reading() as session:
        before = len(integrity.audit_log(session, limit=1000))
    with pytest.raises(WrongPassphrase) as caught, ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "editor", Secret("not the passphrase"), "curious")
    assert "Quixtrap" not in str(caught.value) and "not the passphrase" not in str(caught.value)
    with ws.reading() as session:
        assert len(integrity.audit_log(session, limit=1000)) == before


def test_access_follows_the_key_ring(sealed: tuple[Workspace, int]) -> None:
    ws, source_id = sealed
    with pytest.raises(NoAccess), ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "chief", Secret(CHIEF_PASS), "not entitled yet")
    with ws.transaction() as uow:
        assert identities.grant_access(uow, source_id, "editor", Secret(EDITOR_PASS), "chief") == [
            "chief",
            "editor",
        ]
    with ws.transaction() as uow:
        fields = identities.unseal_identity(uow, source_id, "chief", Secret(CHIEF_PASS), "now entitled")
        assert fields["phone"].reveal() == CANARY_PHONE
        assert identities.revoke_access(uow, source_id, "editor", "moved to another desk") == ["chief"]
    with pytest.raises(NoAccess), ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "editor", Secret(EDITOR_PASS), "revoked")


def test_shredding_leaves_no_key_on_disk(sealed: tuple[Workspace, int]) -> None:
    ws, source_id = sealed
    with ws.engine.connect() as connection:
        keyring = connection.exec_driver_sql("SELECT keyring FROM source_keyring").scalar_one()
    wrapped = keyring.split('"sealed":"')[1].split('"')[0]  # the wrapped data key, base64
    assert len(base64.b64decode(wrapped)) > 32
    with ws.transaction() as uow:
        shredded = identities.shred_identity(uow, source_id, reason="the source asked us to")
    ws.checkpoint()
    assert shredded.identity_state is IdentityState.SHREDDED
    with pytest.raises(InvalidInput, match="its state is shredded"), ws.transaction() as uow:
        identities.unseal_identity(uow, source_id, "editor", Secret(EDITOR_PASS), "after shred")
    for path in _files_under(ws.settings.workspace):
        assert wrapped[:40].encode() not in path.read_bytes(), f"the shredded key ring survives in {path}"


def test_shredded_key_ring_cannot_open_an_old_copy(sealed: tuple[Workspace, int], tmp_path: Path) -> None:
    """A backup taken after the shred holds the blob but no key: nobody can open it."""
    ws, source_id = sealed
    with ws.transaction() as uow:
        identities.shred_identity(uow, source_id, reason="done")
    with ws.engine.connect() as connection:
        record = connection.exec_driver_sql("SELECT identity FROM source_seal").scalar_one()
        holder = connection.exec_driver_sql(
            "SELECT record FROM key_holder WHERE holder_id='editor'"
        ).scalar_one()
    unlocked = unlock_holder(HolderRecord.from_bytes(holder.encode()), Secret(EDITOR_PASS))
    empty = KeyRing(workspace_id=_workspace_id(ws), subject=f"source:{_uid(ws, source_id)}", wraps=())
    with pytest.raises((IdentityShredded, InvalidInput, NoAccess)):
        open_identity(
            unlocked, empty, IdentityRecord.from_bytes(record.encode()), source_id=_uid(ws, source_id)
        )


def _workspace_id(ws: Workspace) -> str:
    with ws.reading() as session:
        return identities.workspace_id(session)


def _uid(ws: Workspace, source_id: int) -> str:
    with ws.reading() as session:
        return sources.get_source(session, source_id).uid


def test_postgres_workspace_seals_too(workspace: Workspace) -> None:
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "c")
        src = sources.add_source(uow, case.id, "Shwan")
        identities.enroll_holder(uow, "editor", Secret(EDITOR_PASS), cost=FAST)
        identities.seal_identity(uow, src.id, {"real_name": CANARY_NAME}, ["editor"])
    with workspace.transaction() as uow:
        fields = identities.unseal_identity(uow, src.id, "editor", Secret(EDITOR_PASS), "check")
    assert fields["real_name"].reveal() == CANARY_NAME


def test_settings_never_hold_a_passphrase() -> None:
    assert not any("pass" in name for name in Settings.__dataclass_fields__)
