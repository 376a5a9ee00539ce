"""Use cases for evidence: files kept in the vault, and their submissions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import EntityType, EvidenceKind
from verifier.errors import InvalidInput
from verifier.permissions import Permission
from verifier.services._common import (
    aware,
    create_row,
    delete_row,
    enum_field,
    media_type_from_name,
    reason_field,
    text_field,
    update_row,
)
from verifier.services.links import delete_links_of
from verifier.storage import repositories as repo
from verifier.storage.models import CaseRow, EvidenceRow, SourceRow
from verifier.storage.unit_of_work import UnitOfWork
from verifier.storage.vault import Vault

NOTES_MAX = 20_000
NAME_MAX = 4096


@dataclass(frozen=True)
class AddedEvidence:
    """The new evidence item, and every earlier submission of the same bytes in the workspace."""

    evidence: domain.Evidence
    newly_stored: bool
    earlier: tuple[domain.Evidence, ...]


def add_evidence_file(
    uow: UnitOfWork,
    case_id: int,
    path: Path,
    *,
    kind: EvidenceKind | str = EvidenceKind.PHOTO,
    submitted_by_id: int | None = None,
    received_at: datetime | None = None,
    media_type: str | None = None,
    notes: str = "",
    cancel: Callable[[], bool] | None = None,
) -> AddedEvidence:
    """Store a file's original in the vault and record its submission in a case.

    The file is written to the vault (fsync'd) before the row is flushed, so a crash leaves at
    worst an orphan file that ``vault verify`` reports, never a row without its file.
    """
    uow.require(Permission.RECORD)
    repo.get(uow.session, CaseRow, case_id)
    if submitted_by_id is not None:
        source = repo.get(uow.session, SourceRow, submitted_by_id)
        if source.case_id != case_id:
            raise InvalidInput(f"Source {submitted_by_id} ('{source.alias}') belongs to another case.")
    evidence_kind = enum_field(EvidenceKind, kind, "evidence kind")
    received = aware(received_at, "time received") or datetime.now(UTC)
    clean_notes = text_field(notes, "notes", max_length=NOTES_MAX)
    blob = uow.vault.put_file(path, cancel=cancel)
    earlier = tuple(row.to_domain() for row in repo.evidence_with_hash(uow.session, blob.sha256))
    row = EvidenceRow(
        case_id=case_id,
        kind=evidence_kind,
        sha256=blob.sha256,
        size=blob.size,
        media_type=media_type or media_type_from_name(path.name),
        original_name=text_field(path.name, "file name", max_length=NAME_MAX),
        received_at=received,
        submitted_by_id=submitted_by_id,
        notes=clean_notes,
    )
    create_row(uow, row, EntityType.EVIDENCE, case_id)
    return AddedEvidence(row.to_domain(), blob.newly_stored, earlier)


def list_evidence(session: Session, case_id: int) -> list[domain.Evidence]:
    """A case's evidence items, oldest (lowest id) first (read through Core, not as ORM rows)."""
    return [EvidenceRow.from_columns(*row) for row in repo.case_values(session, EvidenceRow, case_id)]


def get_evidence(session: Session, evidence_id: int) -> domain.Evidence:
    return repo.get(session, EvidenceRow, evidence_id).to_domain()


def update_evidence(
    uow: UnitOfWork,
    evidence_id: int,
    *,
    kind: EvidenceKind | str | None = None,
    submitted_by_id: int | None = None,
    received_at: datetime | None = None,
    notes: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Evidence:
    """Change what is recorded about a submission; the stored original never changes."""
    uow.require(Permission.RECORD)
    row = repo.get(uow.session, EvidenceRow, evidence_id)
    changes: dict[str, object] = {}
    if kind is not None:
        changes["kind"] = enum_field(EvidenceKind, kind, "evidence kind")
    if submitted_by_id is not None:
        source = repo.get(uow.session, SourceRow, submitted_by_id)
        if source.case_id != row.case_id:
            raise InvalidInput(f"Source {submitted_by_id} ('{source.alias}') belongs to another case.")
        changes["submitted_by_id"] = submitted_by_id
    if received_at is not None:
        changes["received_at"] = aware(received_at, "time received")
    if notes is not None:
        changes["notes"] = text_field(notes, "notes", max_length=NOTES_MAX)
    update_row(
        uow,
        row,
        EntityType.EVIDENCE,
        row.case_id,
        changes,
        reason=reason_field(reason, required=False, action="change an evidence item"),
        expected_version=expected_version,
    )
    return row.to_domain()


def delete_evidence(uow: UnitOfWork, evidence_id: int, reason: str) -> None:
    """Delete a submission record and its links. The original stays in the vault untouched."""
    uow.require(Permission.DELETE)
    row = repo.get(uow.session, EvidenceRow, evidence_id)
    why = reason_field(reason, required=True, action="delete an evidence item")
    delete_links_of(uow, evidence_id=evidence_id, case_id=row.case_id, reason=why)
    delete_row(uow, row, EntityType.EVIDENCE, row.case_id, why)


def extract_original(session: Session, vault: Vault, evidence_id: int, destination: Path) -> Path:
    """Copy an original out of the vault (for a forensic tool); the vault copy is not touched.

    Args:
        destination: a folder (the original file name is used) or a file path that does not exist.

    Returns:
        The path written.
    """
    row = repo.get(session, EvidenceRow, evidence_id)
    target = destination / Path(row.original_name).name if destination.is_dir() else destination
    if target.exists():
        raise InvalidInput(f"{target} already exists; choose another destination.")
    with vault.open(row.sha256) as source, _create_exclusive(target) as out:
        shutil.copyfileobj(source, out)
    return target


def _create_exclusive(target: Path) -> BinaryIO:
    try:
        return target.open("xb")
    except OSError as exc:
        raise InvalidInput(f"Cannot write {target}: {exc.strerror or exc}.") from exc
