"""A unit of work: one Session in one transaction, with the audit writer and the vault.

Services receive it from their caller (the CLI, a GUI task, a batch job); they never open
sessions themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from verifier.storage.audit import AuditWriter
from verifier.storage.vault import Vault


@dataclass
class UnitOfWork:
    """Everything a write use case needs; it commits or rolls back as a whole."""

    session: Session
    audit: AuditWriter
    vault: Vault
    actor: str
    cache_dir: Path
