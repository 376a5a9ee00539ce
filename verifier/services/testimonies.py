"""Use cases for testimonies: what a source said, when, where and how."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import EntityType, Medium
from verifier.errors import InvalidInput
from verifier.services._common import (
    aware,
    create_row,
    delete_row,
    enum_field,
    reason_field,
    text_field,
    update_row,
)
from verifier.services.links import delete_links_of
from verifier.storage import repositories as repo
from verifier.storage.models import SourceRow, TestimonyRow
from verifier.storage.unit_of_work import UnitOfWork

TRANSCRIPT_MAX = 2_000_000
LANGUAGE_MAX = 35


def record_testimony(
    uow: UnitOfWork,
    source_id: int,
    *,
    taken_at: datetime | None = None,
    medium: Medium | str = Medium.IN_PERSON,
    language: str = "",
    transcript: str = "",
    notes: str = "",
) -> domain.Testimony:
    """Record a testimony given by a source; it joins the source's case."""
    source = repo.get(uow.session, SourceRow, source_id)
    row = TestimonyRow(
        case_id=source.case_id,
        source_id=source.id,
        taken_at=aware(taken_at, "testimony time"),
        medium=enum_field(Medium, medium, "medium"),
        language=text_field(language, "language", max_length=LANGUAGE_MAX),
        transcript=text_field(transcript, "transcript", max_length=TRANSCRIPT_MAX),
        notes=text_field(notes, "notes", max_length=TRANSCRIPT_MAX),
    )
    return create_row(uow, row, EntityType.TESTIMONY, source.case_id).to_domain()


def list_testimonies(session: Session, case_id: int) -> list[domain.Testimony]:
    return [row.to_domain() for row in repo.list_in_case(session, TestimonyRow, case_id)]


def get_testimony(session: Session, testimony_id: int) -> domain.Testimony:
    return repo.get(session, TestimonyRow, testimony_id).to_domain()


def update_testimony(
    uow: UnitOfWork,
    testimony_id: int,
    *,
    source_id: int | None = None,
    taken_at: datetime | None = None,
    medium: Medium | str | None = None,
    language: str | None = None,
    transcript: str | None = None,
    notes: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Testimony:
    """Change a testimony; the audit log keeps the previous values (long texts by hash)."""
    row = repo.get(uow.session, TestimonyRow, testimony_id)
    changes: dict[str, object] = {}
    if source_id is not None:
        source = repo.get(uow.session, SourceRow, source_id)
        if source.case_id != row.case_id:
            raise InvalidInput(f"Source {source_id} belongs to another case than testimony {testimony_id}.")
        changes["source_id"] = source_id
    if taken_at is not None:
        changes["taken_at"] = aware(taken_at, "testimony time")
    if medium is not None:
        changes["medium"] = enum_field(Medium, medium, "medium")
    if language is not None:
        changes["language"] = text_field(language, "language", max_length=LANGUAGE_MAX)
    if transcript is not None:
        changes["transcript"] = text_field(transcript, "transcript", max_length=TRANSCRIPT_MAX)
    if notes is not None:
        changes["notes"] = text_field(notes, "notes", max_length=TRANSCRIPT_MAX)
    update_row(
        uow,
        row,
        EntityType.TESTIMONY,
        row.case_id,
        changes,
        reason=reason_field(reason, required=False, action="change a testimony"),
        expected_version=expected_version,
    )
    return row.to_domain()


def delete_testimony(uow: UnitOfWork, testimony_id: int, reason: str) -> None:
    """Delete a testimony and its links to claims (each deletion audited)."""
    row = repo.get(uow.session, TestimonyRow, testimony_id)
    why = reason_field(reason, required=True, action="delete a testimony")
    delete_links_of(uow, testimony_id=testimony_id, case_id=row.case_id, reason=why)
    delete_row(uow, row, EntityType.TESTIMONY, row.case_id, why)
