"""Use cases for sealed identities: key holders, sealing, audited unsealing, access, shredding.

The cryptography is in ``verifier.sealing``; this module stores its artefacts and records who
did what. Values of identities never reach the audit log, the search index, a log or an
exception message: only field names, holder names and reasons do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from verifier import domain, sealing
from verifier.domain import AuditAction, EntityType, IdentityState
from verifier.errors import Conflict, InvalidInput, NotFound, PermissionDenied, WrongPassphrase
from verifier.permissions import KEY_ROLES, Permission, Role
from verifier.sealing import HolderRecord, IdentityRecord, KeyRing, Secret
from verifier.services._common import reason_field, text_field
from verifier.storage import repositories as repo
from verifier.storage.models import (
    KeyHolderRow,
    SourceKeyringRow,
    SourceRow,
    SourceSealRow,
    WorkspaceMetaRow,
)
from verifier.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

FIELD_NAME_MAX = 60
# The holder that is not a person: the newsroom's own key (in a team, only administrators use it).
WORKSPACE_HOLDER = "workspace"


@dataclass(frozen=True)
class KeyHolder:
    """A holder as shown to users: name and key fingerprint, never key material."""

    holder_id: str
    key_id: str
    created_at: datetime


def workspace_id(session: Session) -> str:
    row = session.get(WorkspaceMetaRow, "workspace_id")
    if row is None:
        raise NotFound("This database has no workspace id; run 'verifier db upgrade'.")
    return row.value


def _holder_record(session: Session, holder_id: str) -> HolderRecord:
    row = session.get(KeyHolderRow, holder_id)
    if row is None:
        raise NotFound(
            f"'{holder_id}' holds no key in this workspace; enrol them with 'verifier keys enroll'."
        )
    return _holder(row)


def _keyring(row: SourceKeyringRow) -> KeyRing:
    return KeyRing.from_bytes(row.keyring.encode("utf-8"))


def _identity(row: SourceSealRow) -> IdentityRecord:
    return IdentityRecord.from_bytes(row.identity.encode("utf-8"))


def _holder(row: KeyHolderRow) -> HolderRecord:
    return HolderRecord.from_bytes(row.record.encode("utf-8"))


def _to_text(artefact: HolderRecord | KeyRing | IdentityRecord) -> str:
    return artefact.to_bytes().decode("utf-8")


def _check_may_hold(uow: UnitOfWork, holder_id: str) -> None:
    """In a team, a source's key goes only to active editors and administrators (need to know).

    Raises:
        InvalidInput: the holder is a reporter, deactivated, or not in the team.
    """
    if uow.access.solo or holder_id == WORKSPACE_HOLDER:
        return
    person = repo.person_by_user_name(uow.session, holder_id)
    if person is None or not person.active:
        state = "not in this workspace's team" if person is None else "deactivated"
        raise InvalidInput(
            f"'{holder_id}' is {state}: only active editors and administrators may hold a source's key."
        )
    if person.role not in KEY_ROLES:
        raise InvalidInput(
            f"'{holder_id}' is a {person.role.value}: only editors and administrators may hold a "
            "source's key (need to know)."
        )


def check_own_holder(uow: UnitOfWork, holder_id: str) -> None:
    """In a team, one unlocks only one's own key (administrators also the workspace's).

    Raises:
        PermissionDenied: the holder is someone else's.
    """
    access = uow.access
    if access.solo or holder_id == uow.actor:
        return
    if holder_id == WORKSPACE_HOLDER and access.role is Role.ADMINISTRATOR:
        return
    detail = " (the workspace key is for administrators)" if holder_id == WORKSPACE_HOLDER else ""
    raise PermissionDenied(
        f"'{uow.actor}' may not use the key of '{holder_id}': in a team each person unlocks only "
        f"their own key{detail}."
    )


def enroll_holder(
    uow: UnitOfWork, holder_id: str, passphrase: Secret[str], *, cost: sealing.KdfCost | None = None
) -> KeyHolder:
    """Give a person (or the workspace) a key pair locked by their passphrase."""
    uow.require(Permission.MANAGE_KEYS)
    name = text_field(holder_id, "holder name", max_length=120, required=True)
    _check_may_hold(uow, name)
    if uow.session.get(KeyHolderRow, name) is not None:
        raise Conflict(f"'{name}' already holds a key; change its passphrase instead.")
    record = sealing.enroll_holder(
        workspace_id(uow.session), name, passphrase, cost=cost or sealing.DEFAULT_COST
    )
    row = KeyHolderRow(holder_id=name, key_id=record.key_id, record=_to_text(record))
    uow.session.add(row)
    uow.session.flush()
    uow.audit.record(
        AuditAction.CREATE,
        EntityType.KEY_HOLDER,
        0,
        case_id=None,
        new={"holder": name, "key_id": record.key_id},
    )
    return KeyHolder(name, record.key_id, row.created_at)


def list_holders(session: Session) -> list[KeyHolder]:
    return [KeyHolder(r.holder_id, r.key_id, r.created_at) for r in repo.key_holders(session)]


def change_passphrase(uow: UnitOfWork, holder_id: str, old: Secret[str], new: Secret[str]) -> KeyHolder:
    """Re-lock a holder's private key under a new passphrase (the key pair stays the same)."""
    if holder_id != uow.actor:
        uow.require(Permission.MANAGE_KEYS)
    row = uow.session.get(KeyHolderRow, holder_id)
    if row is None:
        raise NotFound(f"'{holder_id}' holds no key in this workspace.")
    record = sealing.change_passphrase(_holder(row), old, new)
    row.record = _to_text(record)
    uow.session.flush()
    uow.audit.record(
        AuditAction.UPDATE,
        EntityType.KEY_HOLDER,
        0,
        case_id=None,
        new={"holder": holder_id, "passphrase": "changed"},
    )
    return KeyHolder(row.holder_id, row.key_id, row.created_at)


def _check_fields(fields: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for name, value in fields.items():
        key = text_field(name, "identity field name", max_length=FIELD_NAME_MAX, required=True)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(f"The identity field '{key}' is empty.")
        cleaned[key] = value.strip()
    if not cleaned:
        raise InvalidInput("Give at least one identity field (real name, contact...).")
    return cleaned


def seal_identity(
    uow: UnitOfWork, source_id: int, fields: Mapping[str, str], holders: Sequence[str]
) -> domain.Source:
    """Seal a source's real identity for the named holders (their public keys; no passphrase).

    Args:
        fields: e.g. {"real_name": ..., "phone": ...}; only the names are ever logged or audited.
        holders: who may unseal it: the editors entitled to know, and usually "workspace".
    """
    uow.require(Permission.RECORD)
    source = repo.get(uow.session, SourceRow, source_id)
    if uow.session.get(SourceSealRow, source_id) is not None:
        raise Conflict(
            f"The identity of '{source.alias}' is already sealed or shredded; it cannot be sealed again."
        )
    if not holders:
        raise InvalidInput("Name at least one holder who may unseal the identity.")
    for holder in dict.fromkeys(holders):
        _check_may_hold(uow, holder)
    recipients = [_holder_record(uow.session, h) for h in dict.fromkeys(holders)]
    cleaned = _check_fields(fields)
    keyring, record = sealing.seal_identity(workspace_id(uow.session), source.uid, cleaned, recipients)
    uow.session.add(SourceSealRow(source_id=source.id, identity=_to_text(record)))
    uow.session.add(SourceKeyringRow(source_id=source.id, keyring=_to_text(keyring)))
    old_state = source.identity_state
    source.identity_state = IdentityState.SEALED
    uow.session.flush()
    uow.audit.record(
        AuditAction.UPDATE,
        EntityType.SOURCE,
        source.id,
        case_id=source.case_id,
        old={"identity_state": old_state.value},
        new={
            "identity_state": "sealed",
            "sealed_fields": sorted(cleaned),
            "holders": sorted(keyring.holders),
        },
    )
    return source.to_domain()


def _sealed(uow: UnitOfWork, source: SourceRow) -> tuple[SourceSealRow, SourceKeyringRow]:
    seal_row = uow.session.get(SourceSealRow, source.id)
    ring_row = uow.session.get(SourceKeyringRow, source.id)
    if seal_row is None or ring_row is None:
        raise InvalidInput(
            f"No identity of '{source.alias}' is sealed (its state is {source.identity_state.value})."
        )
    return seal_row, ring_row


def unseal_identity(
    uow: UnitOfWork, source_id: int, holder_id: str, passphrase: Secret[str], reason: str
) -> dict[str, Secret[str]]:
    """Open a sealed identity. The reason is recorded first, in the same transaction.

    Returns:
        Field name -> value, each a Secret (``.reveal()`` to show it; never log it).

    Raises:
        WrongPassphrase: nothing is revealed and nothing is recorded.
        NoAccess, IdentityShredded: this holder cannot open it.
    """
    uow.require(Permission.UNSEAL)
    check_own_holder(uow, holder_id)
    source = repo.get(uow.session, SourceRow, source_id)
    why = reason_field(reason, required=True, action="unseal an identity")
    seal_row, ring_row = _sealed(uow, source)
    uow.audit.record(
        AuditAction.UNSEAL,
        EntityType.SOURCE,
        source.id,
        case_id=source.case_id,
        new={"holder": holder_id},
        reason=why,
    )
    try:
        unlocked = sealing.unlock_holder(_holder_record(uow.session, holder_id), passphrase)
    except WrongPassphrase:
        log.warning(
            "A wrong passphrase was given for holder %s while unsealing source %d", holder_id, source.id
        )
        raise
    try:
        return sealing.unseal_identity(
            unlocked,
            _keyring(ring_row),
            _identity(seal_row),
            source_id=source.uid,
        )
    finally:
        unlocked.lock()


def grant_access(
    uow: UnitOfWork, source_id: int, grantor: str, passphrase: Secret[str], recipient: str
) -> list[str]:
    """Let one more holder unseal a source's identity.

    The grantor must be able to unseal it themselves (their own key, their passphrase, a wrap
    in the key ring); in a team, the recipient must be an active editor or administrator.

    Raises:
        NoAccess: the grantor holds no wrap of this source's key.
        WrongPassphrase: nothing is changed.
        InvalidInput: the recipient may not hold a source's key.
    """
    uow.require(Permission.UNSEAL)
    check_own_holder(uow, grantor)
    _check_may_hold(uow, recipient)
    source = repo.get(uow.session, SourceRow, source_id)
    _, ring_row = _sealed(uow, source)
    unlocked = sealing.unlock_holder(_holder_record(uow.session, grantor), passphrase)
    try:
        ring = sealing.grant(
            unlocked,
            _keyring(ring_row),
            _holder_record(uow.session, recipient),
        )
    finally:
        unlocked.lock()
    ring_row.keyring = _to_text(ring)
    uow.session.flush()
    uow.audit.record(
        AuditAction.GRANT,
        EntityType.SOURCE,
        source.id,
        case_id=source.case_id,
        new={"holder": recipient, "granted_by": grantor},
    )
    return sorted(ring.holders)


def revoke_access(uow: UnitOfWork, source_id: int, holder_id: str, reason: str) -> list[str]:
    """Remove one holder's access: their wrap of the source's key is deleted from the key ring.

    What they saw before cannot be taken back. The caller should checkpoint the database
    afterwards (``Workspace.checkpoint()``) so the old key ring also leaves SQLite's log.
    """
    uow.require(Permission.MANAGE_KEYS)
    source = repo.get(uow.session, SourceRow, source_id)
    why = reason_field(reason, required=True, action="revoke access to an identity")
    _, ring_row = _sealed(uow, source)
    ring = sealing.revoke(_keyring(ring_row), holder_id)
    ring_row.keyring = _to_text(ring)
    uow.session.flush()
    uow.audit.record(
        AuditAction.REVOKE,
        EntityType.SOURCE,
        source.id,
        case_id=source.case_id,
        new={"holder": holder_id},
        reason=why,
    )
    return sorted(ring.holders)


def holders_of(session: Session, source_id: int) -> list[str]:
    """Who can unseal a source's identity (names only)."""
    ring_row = session.get(SourceKeyringRow, source_id)
    if ring_row is None:
        return []
    return sorted(_keyring(ring_row).holders)


def shred_identity(uow: UnitOfWork, source_id: int, reason: str) -> domain.Source:
    """Destroy a sealed identity for good: its key ring is deleted, so no copy can be opened.

    The caller should checkpoint the database afterwards (``Workspace.checkpoint()``) so the
    deleted key ring also leaves SQLite's write-ahead log.
    """
    uow.require(Permission.MANAGE_KEYS)
    source = repo.get(uow.session, SourceRow, source_id)
    why = reason_field(reason, required=True, action="destroy an identity")
    seal_row, ring_row = _sealed(uow, source)
    _, shredded = sealing.shred_identity(
        _keyring(ring_row),
        _identity(seal_row),
    )
    uow.session.delete(ring_row)
    seal_row.identity = _to_text(shredded)
    source.identity_state = IdentityState.SHREDDED
    uow.session.flush()
    uow.audit.record(
        AuditAction.SHRED,
        EntityType.SOURCE,
        source.id,
        case_id=source.case_id,
        old={"identity_state": "sealed"},
        new={"identity_state": "shredded"},
        reason=why,
    )
    return source.to_domain()
