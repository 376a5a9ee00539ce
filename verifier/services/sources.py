"""Use cases for sources: people or documents known in the app by an alias."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import (
    Anonymity,
    Audience,
    EntityType,
    IdentityState,
    RelationshipKind,
    SourceKind,
    SourceReliability,
)
from verifier.errors import Conflict, InvalidInput, NotFound
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
from verifier.storage.models import (
    CaseRow,
    EvidenceRow,
    SourceAttestationRow,
    SourceGradeRow,
    SourceRelationshipRow,
    SourceRow,
    TestimonyRow,
)
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
    anonymous_from: Iterable[Audience | str] = (),
    reason_given: str = "",
    reason_granted: str = "",
    agreement_date: date | None = None,
    agreement_terms: str = "",
) -> domain.Source:
    """Log a source in a case under an alias (the name used everywhere in the app).

    Args:
        anonymous_from: whom the identity is kept from (public, colleagues, family).
        reason_given: why the source asked not to be named, in their words.
        reason_granted: why the newsroom agreed.
        agreement_date, agreement_terms: when and on what terms anonymity was agreed.
    """
    uow.require(Permission.RECORD)
    repo.get(uow.session, CaseRow, case_id)
    row = SourceRow(
        anonymous_from=_audiences(anonymous_from),
        reason_given=text_field(reason_given, "reason given", max_length=TEXT_MAX),
        reason_granted=text_field(reason_granted, "reason granted", max_length=TEXT_MAX),
        agreement_date=agreement_date,
        agreement_terms=text_field(agreement_terms, "agreement terms", max_length=TEXT_MAX),
        case_id=case_id,
        alias=text_field(alias, "source alias", max_length=ALIAS_MAX, required=True),
        public_description=text_field(public_description, "public description", max_length=TEXT_MAX),
        kind=enum_field(SourceKind, kind, "source kind"),
        anonymity=enum_field(Anonymity, anonymity, "anonymity term"),
        notes=text_field(notes, "notes", max_length=TEXT_MAX),
    )
    return create_row(uow, row, EntityType.SOURCE, case_id).to_domain()


def _audiences(values: Iterable[Audience | str]) -> str:
    chosen = {enum_field(Audience, value, "audience") for value in values}
    return ",".join(a.value for a in Audience if a in chosen)


def list_sources(session: Session, case_id: int) -> list[domain.Source]:
    """A case's sources, oldest (lowest id) first (read through Core, not as ORM rows).

    Raises:
        NotFound: there is no such case.
    """
    repo.get(session, CaseRow, case_id)
    attested: dict[int, list[str]] = {}
    for source_id, editor in repo.attestations_in_case(session, case_id):
        attested.setdefault(source_id, []).append(editor)
    # Oldest first, so each source keeps its newest grade.
    newest_grade = {source_id: grade for source_id, grade in repo.grades_in_case(session, case_id)}
    return [
        SourceRow.from_columns(
            *row, attested_by=tuple(attested.get(row.id, ())), reliability=newest_grade.get(row.id)
        )
        for row in repo.case_values(session, SourceRow, case_id)
    ]


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
    anonymous_from: Iterable[Audience | str] | None = None,
    reason_given: str | None = None,
    reason_granted: str | None = None,
    agreement_date: date | None = None,
    agreement_terms: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Source:
    """Change a source's alias, description, kind, anonymity terms or notes."""
    uow.require(Permission.RECORD)
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
    if anonymous_from is not None:
        changes["anonymous_from"] = _audiences(anonymous_from)
    if reason_given is not None:
        changes["reason_given"] = text_field(reason_given, "reason given", max_length=TEXT_MAX)
    if reason_granted is not None:
        changes["reason_granted"] = text_field(reason_granted, "reason granted", max_length=TEXT_MAX)
    if agreement_date is not None:
        changes["agreement_date"] = agreement_date
    if agreement_terms is not None:
        changes["agreement_terms"] = text_field(agreement_terms, "agreement terms", max_length=TEXT_MAX)
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
    uow.require(Permission.DELETE)
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


def attest_identity(uow: UnitOfWork, source_id: int, editor: str, note: str = "") -> domain.Source:
    """Record that an editor knows the source's real identity (which is not stored by this)."""
    uow.require(Permission.DECIDE)
    row = repo.get(uow.session, SourceRow, source_id)
    name = text_field(editor, "editor name", max_length=ALIAS_MAX, required=True)
    if any(a.editor == name for a in row.attestations):
        raise Conflict(f"{name} already attests to knowing the identity of '{row.alias}'.")
    attestation = SourceAttestationRow(
        source_id=row.id, editor=name, note=text_field(note, "note", max_length=TEXT_MAX)
    )
    create_row(uow, attestation, EntityType.SOURCE_ATTESTATION, row.case_id)
    if row.identity_state is IdentityState.NONE:
        update_row(uow, row, EntityType.SOURCE, row.case_id, {"identity_state": IdentityState.ATTESTED})
    uow.session.refresh(row)
    return row.to_domain()


def withdraw_attestation(uow: UnitOfWork, source_id: int, editor: str, reason: str) -> domain.Source:
    """An editor no longer vouches for knowing the identity."""
    uow.require(Permission.DECIDE)
    row = repo.get(uow.session, SourceRow, source_id)
    why = reason_field(reason, required=True, action="withdraw an attestation")
    match = next((a for a in row.attestations if a.editor == editor.strip()), None)
    if match is None:
        raise NotFound(f"{editor} does not attest to knowing the identity of '{row.alias}'.")
    delete_row(uow, match, EntityType.SOURCE_ATTESTATION, row.case_id, why)
    uow.session.refresh(row)
    if not row.attestations and row.identity_state is IdentityState.ATTESTED:
        update_row(
            uow, row, EntityType.SOURCE, row.case_id, {"identity_state": IdentityState.NONE}, reason=why
        )
    return row.to_domain()


def grade_source(
    uow: UnitOfWork, source_id: int, grade: SourceReliability | str, rationale: str
) -> domain.SourceGrade:
    """Grade a source's reliability (Admiralty A-F); earlier grades stay in the history."""
    uow.require(Permission.GRADE)
    row = repo.get(uow.session, SourceRow, source_id)
    graded = SourceGradeRow(
        source_id=row.id,
        grade=enum_field(SourceReliability, grade, "reliability grade"),
        rationale=text_field(rationale, "grading rationale", max_length=TEXT_MAX, required=True),
        graded_by=uow.actor,
    )
    return create_row(uow, graded, EntityType.SOURCE_GRADE, row.case_id).to_domain()


def source_grades(session: Session, source_id: int) -> list[domain.SourceGrade]:
    """A source's reliability grades, oldest first (the last is the current grade)."""
    return [g.to_domain() for g in repo.get(session, SourceRow, source_id).grades]


def relate_sources(
    uow: UnitOfWork, source_id: int, other_source_id: int, kind: RelationshipKind | str, note: str = ""
) -> domain.SourceRelationship:
    """Record that two sources are related, so corroboration does not count them twice."""
    uow.require(Permission.RECORD)
    if source_id == other_source_id:
        raise InvalidInput(f"Source {source_id} cannot be related to itself.")
    first = repo.get(uow.session, SourceRow, source_id)
    second = repo.get(uow.session, SourceRow, other_source_id)
    if first.case_id != second.case_id:
        raise InvalidInput(f"Sources {source_id} and {other_source_id} belong to different cases.")
    relation = SourceRelationshipRow(
        source_id=source_id,
        other_source_id=other_source_id,
        kind=enum_field(RelationshipKind, kind, "relationship"),
        note=text_field(note, "note", max_length=TEXT_MAX),
    )
    return create_row(uow, relation, EntityType.SOURCE_RELATIONSHIP, first.case_id).to_domain()


def unrelate_sources(uow: UnitOfWork, relationship_id: int, reason: str) -> None:
    uow.require(Permission.RECORD)
    row = repo.get(uow.session, SourceRelationshipRow, relationship_id)
    source = repo.get(uow.session, SourceRow, row.source_id)
    why = reason_field(reason, required=True, action="remove a relationship")
    delete_row(uow, row, EntityType.SOURCE_RELATIONSHIP, source.case_id, why)


def relationships(session: Session, case_id: int) -> list[domain.SourceRelationship]:
    """Every relationship between the sources of a case."""
    return [r.to_domain() for r in repo.relationships_in_case(session, case_id)]
