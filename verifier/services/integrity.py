"""Integrity checks: the vault against the database, and the audit chain."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from verifier import domain
from verifier.storage import repositories as repo
from verifier.storage.audit import AnchorFile, AuditReport, row_to_entry, verify_chain
from verifier.storage.vault import Vault, VaultReport


def verify_vault(
    session: Session, vault: Vault, progress: Callable[[int, int, str], None] | None = None
) -> VaultReport:
    """Re-hash every original and report missing, altered and orphaned files."""
    return vault.verify(repo.referenced_hashes(session), progress=progress)


def verify_audit(session: Session, anchors: AnchorFile | None = None) -> AuditReport:
    """Check the audit chain, and the anchors this machine recorded when it wrote entries."""
    return verify_chain(session, anchors.load() if anchors is not None else None)


def audit_log(
    session: Session,
    *,
    case_id: int | None = None,
    entity_type: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
) -> list[domain.AuditEntry]:
    """The newest audit entries first."""
    rows = repo.audit_entries(
        session, case_id=case_id, entity_type=entity_type, entity_id=entity_id, limit=limit
    )
    return [row_to_entry(row) for row in rows]
