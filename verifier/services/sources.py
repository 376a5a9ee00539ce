"""Use cases for sources: people or documents known in the app by an alias."""

from __future__ import annotations

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import Anonymity, EntityType, SourceKind
from verifier.errors import Conflict
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
from verifier.storage.models import CaseRow, EvidenceRow, SourceRow, TestimonyRow
from verifier.storage.unit_of_work import UnitOfWork

ALIAS_MAX = 120
TEXT_MAX = 20_000


def add_source(
    uow: UnitOfWork,
    case_id: int,
    alias: str,
    *,
    public_description: str = "",
    kind: SourceKind | str = SourceKind.OTHER,
    anonymity: Anonymity | str = Anonymity.ANONYMOUS,
    notes: str = "",
) -> domain.Source:
    """Log a source in a case under an alias (the name used everywhere in the app)."""
    repo.get(uow.session, CaseRow, case_id)
    row = SourceRow(
        case_id=case_id,
        alias=text_field(alias, "source alias", max_length=ALIAS_MAX, required=True),
        public_description=text_field(public_description, "public description", max_length=TEXT_MAX),
        kind=enum_field(SourceKind, kind, "source kind"),
        anonymity=enum_field(Anonymity, anonymity, "anonymity term"),
        notes=text_field(notes, "notes", max_length=TEXT_MAX),
    )
    return create_row(uow, row, EntityType.SOURCE, case_id).to_domain()


def list_sources(session: Session, case_id: int) -> list[domain.Source]:
    repo.get(session, CaseRow, case_id)
    return [row.to_domain() for row in repo.list_in_case(session, SourceRow, case_id)]


def get_source(session: Session, source_id: int) -> domain.Source:
    return repo.get(session, SourceRow, source_id).to_domain()


def update_source(
    uow: UnitOfWork,
    source_id: int,
    *,
    alias: str | None = None,
    public_description: str | None = None,
    kind: SourceKind | str | None = None,
    anonymity: Anonymity | str | None = None,
    notes: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Source:
    """Change a source's alias, description, kind, anonymity terms or notes."""
    row = repo.get(uow.session, SourceRow, source_id)
    changes: dict[str, object] = {}
    if alias is not None:
        changes["alias"] = text_field(alias, "source alias", max_length=ALIAS_MAX, required=True)
    if public_description is not None:
        changes["public_description"] = text_field(
            public_description, "public description", max_length=TEXT_MAX
        )
    if kind is not None:
        changes["kind"] = enum_field(SourceKind, kind, "source kind")
    if anonymity is not None:
        changes["anonymity"] = enum_field(Anonymity, anonymity, "anonymity term")
    if notes is not None:
        changes["notes"] = text_field(notes, "notes", max_length=TEXT_MAX)
    update_row(
        uow,
        row,
        EntityType.SOURCE,
        row.case_id,
        changes,
        reason=reason_field(reason, required=False, action="change a source"),
        expected_version=expected_version,
    )
    return row.to_domain()


def delete_source(uow: UnitOfWork, source_id: int, reason: str) -> None:
    """Delete a source that no testimony or evidence refers to."""
    row = repo.get(uow.session, SourceRow, source_id)
    why = reason_field(reason, required=True, action="delete a source")
    testimonies = repo.count_where(uow.session, TestimonyRow, source_id=source_id)
    submissions = repo.count_where(uow.session, EvidenceRow, submitted_by_id=source_id)
    if testimonies or submissions:
        uses = (
            f"{count_phrase(testimonies, 'testimony', 'testimonies')} and "
            f"{count_phrase(submissions, 'evidence item', 'evidence items')}"
        )
        raise Conflict(
            f"Source '{row.alias}' is still referred to by {uses}; delete or reassign those first."
        )
    delete_row(uow, row, EntityType.SOURCE, row.case_id, why)
