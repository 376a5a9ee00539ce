"""Use cases for cases (stories under investigation)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import CaseStatus, EntityType
from verifier.errors import Conflict
from verifier.permissions import Permission
from verifier.services._common import (
    count_phrase,
    create_row,
    delete_row,
    enum_field,
    reason_field,
    text_field,
    update_row,
)
from verifier.storage import repositories as repo
from verifier.storage.models import CaseRow, ClaimRow, EvidenceRow, SourceRow, TestimonyRow
from verifier.storage.unit_of_work import UnitOfWork

TITLE_MAX = 300
SUMMARY_MAX = 20_000


def create_case(uow: UnitOfWork, title: str, summary: str = "") -> domain.Case:
    """Open a new case."""
    uow.require(Permission.RECORD)
    row = CaseRow(
        title=text_field(title, "case title", max_length=TITLE_MAX, required=True),
        summary=text_field(summary, "case summary", max_length=SUMMARY_MAX),
        status=CaseStatus.OPEN,
    )
    create_row(uow, row, EntityType.CASE, None)
    return row.to_domain()


def list_cases(session: Session) -> list[domain.Case]:
    return [row.to_domain() for row in repo.list_cases(session)]


def get_case(session: Session, case_id: int) -> domain.Case:
    return repo.get(session, CaseRow, case_id).to_domain()


def update_case(
    uow: UnitOfWork,
    case_id: int,
    *,
    title: str | None = None,
    summary: str | None = None,
    status: CaseStatus | str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Case:
    """Change a case's title, summary or status."""
    uow.require(Permission.DECIDE if status is not None else Permission.RECORD)
    row = repo.get(uow.session, CaseRow, case_id)
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = text_field(title, "case title", max_length=TITLE_MAX, required=True)
    if summary is not None:
        changes["summary"] = text_field(summary, "case summary", max_length=SUMMARY_MAX)
    if status is not None:
        changes["status"] = enum_field(CaseStatus, status, "case status")
    update_row(
        uow,
        row,
        EntityType.CASE,
        row.id,
        changes,
        reason=reason_field(reason, required=False, action="change a case"),
        expected_version=expected_version,
    )
    return row.to_domain()


def delete_case(uow: UnitOfWork, case_id: int, reason: str) -> None:
    """Delete an empty case; a case that still holds records must be emptied (or archived)."""
    uow.require(Permission.DELETE)
    row = repo.get(uow.session, CaseRow, case_id)
    why = reason_field(reason, required=True, action="delete a case")
    held = [
        (repo.count_in_case(uow.session, SourceRow, case_id), "source", "sources"),
        (repo.count_in_case(uow.session, TestimonyRow, case_id), "testimony", "testimonies"),
        (repo.count_in_case(uow.session, ClaimRow, case_id), "claim", "claims"),
        (repo.count_in_case(uow.session, EvidenceRow, case_id), "evidence item", "evidence items"),
    ]
    remaining = ", ".join(count_phrase(*item) for item in held if item[0])
    if remaining:
        raise Conflict(
            f"Case {case_id} ('{row.title}') still holds {remaining}. Delete them first, or archive the case."
        )
    delete_row(uow, row, EntityType.CASE, case_id, why)


def case_revision(session: Session, case_id: int) -> int:
    """A number that changes whenever something a view of the case shows may have changed.

    It is the sequence number of the newest audit entry about the case or about workspace-wide
    records (every write is audited), so an open window polls it to notice others' changes.
    """
    return repo.latest_audit_seq(session, case_id)
