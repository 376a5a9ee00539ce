"""Queries. Every function takes the caller's Session; none opens one."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Enum, Row, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from verifier.errors import NotFound
from verifier.storage.models import (
    AuditEntryRow,
    Base,
    CaseRow,
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimQuantityRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    KeyHolderRow,
    PersonRow,
    PhotoMetadataRow,
    PlaceRow,
    SourceAttestationRow,
    SourceGradeRow,
    SourceRelationshipRow,
    SourceRow,
    TestimonyAttachmentRow,
    TestimonyRow,
)
from verifier.storage.types import UtcDateTime

RowT = TypeVar("RowT", bound=Base)

_LABELS: dict[type[Base], str] = {
    CaseRow: "case",
    SourceRow: "source",
    TestimonyRow: "testimony",
    ClaimRow: "claim",
    EvidenceRow: "evidence item",
    PlaceRow: "place",
    ClaimEvidenceRow: "claim-evidence link",
    ClaimClaimRow: "claim-claim link",
    ClaimTestimonyRow: "claim-testimony link",
}


def get(session: Session, row_type: type[RowT], row_id: int, *, for_update: bool = False) -> RowT:
    """The row with this id, or NotFound naming the kind of record."""
    row = session.get(row_type, row_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"There is no {_LABELS.get(row_type, row_type.__name__)} with id {row_id}.")
    return row


def list_cases(session: Session) -> list[CaseRow]:
    return list(session.scalars(select(CaseRow).order_by(CaseRow.title, CaseRow.id)))


def list_in_case(session: Session, row_type: type[RowT], case_id: int) -> list[RowT]:
    """Rows of one kind belonging to a case, oldest first."""
    column = row_type.__table__.c.case_id
    return list(session.scalars(select(row_type).where(column == case_id).order_by(row_type.__table__.c.id)))


def count_in_case(session: Session, row_type: type[Base], case_id: int) -> int:
    column = row_type.__table__.c.case_id
    return session.scalar(select(func.count()).select_from(row_type).where(column == case_id)) or 0


def count_where(session: Session, row_type: type[Base], **equals: object) -> int:
    """How many rows of a kind have the given column values."""
    query = select(func.count()).select_from(row_type)
    for name, value in equals.items():
        query = query.where(row_type.__table__.c[name] == value)
    return session.scalar(query) or 0


def rows_where(session: Session, row_type: type[RowT], **equals: object) -> list[RowT]:
    query = select(row_type)
    for name, value in equals.items():
        query = query.where(row_type.__table__.c[name] == value)
    return list(session.scalars(query.order_by(row_type.__table__.c.id)))


def evidence_with_hash(session: Session, sha256: str) -> list[EvidenceRow]:
    """Every submission of these bytes, in every case, earliest received first."""
    return list(
        session.scalars(
            select(EvidenceRow).where(EvidenceRow.sha256 == sha256).order_by(EvidenceRow.received_at)
        )
    )


def referenced_hashes(session: Session) -> set[str]:
    """The SHA-256 of every original the database refers to: evidence and testimony attachments."""
    evidence = set(session.scalars(select(EvidenceRow.sha256).distinct()))
    return evidence | set(session.scalars(select(TestimonyAttachmentRow.sha256).distinct()))


def list_places(session: Session) -> list[PlaceRow]:
    return list(session.scalars(select(PlaceRow).order_by(PlaceRow.name, PlaceRow.id)))


def links_of_claim(
    session: Session, claim_id: int
) -> tuple[list[ClaimEvidenceRow], list[ClaimClaimRow], list[ClaimTestimonyRow]]:
    """All typed links that start or end at a claim."""
    evidence = rows_where(session, ClaimEvidenceRow, claim_id=claim_id)
    claims = list(
        session.scalars(
            select(ClaimClaimRow)
            .where((ClaimClaimRow.claim_id == claim_id) | (ClaimClaimRow.other_claim_id == claim_id))
            .order_by(ClaimClaimRow.id)
        )
    )
    testimonies = rows_where(session, ClaimTestimonyRow, claim_id=claim_id)
    return evidence, claims, testimonies


def audit_entries(
    session: Session,
    *,
    case_id: int | None = None,
    entity_type: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
) -> list[AuditEntryRow]:
    """The newest audit entries first, optionally narrowed to a case or a record."""
    query = select(AuditEntryRow)
    if case_id is not None:
        query = query.where(AuditEntryRow.case_id == case_id)
    if entity_type is not None:
        query = query.where(AuditEntryRow.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEntryRow.entity_id == entity_id)
    return list(session.scalars(query.order_by(AuditEntryRow.seq.desc()).limit(limit)))


def person_by_user_name(session: Session, user_name: str) -> PersonRow | None:
    """The registered person with this user name, if any (active or not)."""
    return session.scalars(select(PersonRow).where(PersonRow.user_name == user_name)).first()


def latest_audit_seq(session: Session, case_id: int) -> int:
    """The newest audit entry about a case's records or about workspace-wide ones (places,
    people, key holders); 0 when there is none.

    Two queries, each one search of the (case_id, seq) index, ordered exactly as that index read
    backwards so that no planner prefers walking the whole log: one query with OR made SQLite
    visit every entry of the case, and PostgreSQL without statistics walked the primary key
    looking for NULLs (13-15 ms at 100,000 entries instead of a few microseconds).
    """
    newest = (
        select(AuditEntryRow.seq)
        .order_by(AuditEntryRow.case_id.desc().nulls_first(), AuditEntryRow.seq.desc())
        .limit(1)
    )
    in_case = session.scalar(newest.where(AuditEntryRow.case_id == case_id)) or 0
    shared = session.scalar(newest.where(AuditEntryRow.case_id.is_(None))) or 0
    return max(in_case, shared)


def relationships_in_case(session: Session, case_id: int) -> list[SourceRelationshipRow]:
    return list(
        session.scalars(
            select(SourceRelationshipRow)
            .join(SourceRow, SourceRow.id == SourceRelationshipRow.source_id)
            .where(SourceRow.case_id == case_id)
            .order_by(SourceRelationshipRow.id)
        )
    )


def last_actor(session: Session, entity_type: str, entity_id: int) -> str | None:
    """Who last wrote a record, according to the audit log."""
    return session.scalar(
        select(AuditEntryRow.actor)
        .where(AuditEntryRow.entity_type == entity_type, AuditEntryRow.entity_id == entity_id)
        .order_by(AuditEntryRow.seq.desc())
        .limit(1)
    )


def batches(session: Session, row_type: type[RowT], size: int = 2000) -> Iterator[list[RowT]]:
    """Every row of a kind, by id, in lists of ``size`` (keeps memory flat on large tables)."""
    after = 0
    id_column = row_type.__table__.c.id
    while True:
        rows = list(
            session.scalars(select(row_type).where(id_column > after).order_by(id_column).limit(size))
        )
        if not rows:
            return
        yield rows
        after = rows[-1].id  # type: ignore[attr-defined]


def key_holders(session: Session) -> list[KeyHolderRow]:
    return list(session.scalars(select(KeyHolderRow).order_by(KeyHolderRow.holder_id)))


def photo_hashes(session: Session) -> list[tuple[str, str]]:
    """(SHA-256, pHash hex) of every photo with metadata."""
    return [
        (sha, phash)
        for sha, phash in session.execute(select(PhotoMetadataRow.sha256, PhotoMetadataRow.phash))
    ]


def photo_rows(session: Session, hashes: Sequence[str]) -> list[PhotoMetadataRow]:
    return list(session.scalars(select(PhotoMetadataRow).where(PhotoMetadataRow.sha256.in_(hashes))))


def evidence_with_hashes(session: Session, hashes: Sequence[str]) -> list[EvidenceRow]:
    """Every submission of any of these originals, earliest received first."""
    query = select(EvidenceRow).where(EvidenceRow.sha256.in_(hashes))
    return list(session.scalars(query.order_by(EvidenceRow.received_at, EvidenceRow.id)))


def photo_hashes_present(session: Session, hashes: Sequence[str]) -> set[str]:
    """Which of these originals already have photo metadata."""
    return set(session.scalars(select(PhotoMetadataRow.sha256).where(PhotoMetadataRow.sha256.in_(hashes))))


@dataclass(frozen=True)
class PhotoFingerprint:
    """What the recycling rule needs of another case's photo: no summary, no raw tables."""

    evidence_id: int
    case_id: int
    sha256: str
    received_at: datetime
    submitted_by_id: int | None
    phash: str
    dhash: str


def photos_outside_case(session: Session, case_id: int) -> list[PhotoFingerprint]:
    """Every photo submission of the workspace's other cases, with its fingerprints."""
    query = (
        select(
            EvidenceRow.id,
            EvidenceRow.case_id,
            EvidenceRow.sha256,
            EvidenceRow.received_at,
            EvidenceRow.submitted_by_id,
            PhotoMetadataRow.phash,
            PhotoMetadataRow.dhash,
        )
        .join(PhotoMetadataRow, PhotoMetadataRow.sha256 == EvidenceRow.sha256)
        .where(EvidenceRow.case_id != case_id)
        .order_by(EvidenceRow.id)
    )
    return [PhotoFingerprint(*row) for row in session.execute(query)]


def photo_facts_in_case(session: Session, case_id: int) -> list[tuple[int, datetime | None, float | None]]:
    """(evidence id, capture time UTC, GPS latitude) of every photo of a case: one query, no JSON."""
    query = (
        select(EvidenceRow.id, PhotoMetadataRow.capture_utc, PhotoMetadataRow.gps_latitude)
        .join(PhotoMetadataRow, PhotoMetadataRow.sha256 == EvidenceRow.sha256)
        .where(EvidenceRow.case_id == case_id)
        .order_by(EvidenceRow.id)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def links_in_case(
    session: Session, case_id: int
) -> tuple[list[ClaimEvidenceRow], list[ClaimClaimRow], list[ClaimTestimonyRow]]:
    """Every typed link of a case's claims, three queries in all."""
    in_case = select(ClaimRow.id).where(ClaimRow.case_id == case_id)
    evidence = list(session.scalars(select(ClaimEvidenceRow).where(ClaimEvidenceRow.claim_id.in_(in_case))))
    claims = list(session.scalars(select(ClaimClaimRow).where(ClaimClaimRow.claim_id.in_(in_case))))
    testimonies = list(
        session.scalars(select(ClaimTestimonyRow).where(ClaimTestimonyRow.claim_id.in_(in_case)))
    )
    return evidence, claims, testimonies


# Whole-case listings through Core: the main window reads every record of a case, and loading
# 90,000 claims as ORM objects (identity map, selectin quantities, attribute instrumentation)
# took 4 s where a Core select of the same columns takes a fraction of it. Each function returns
# rows holding the columns the record's ``from_columns`` takes, in its order.

ValuesRow = Row[*tuple[Any, ...]]
ListedRow = (
    SourceRow | TestimonyRow | ClaimRow | EvidenceRow | ClaimEvidenceRow | ClaimClaimRow | ClaimTestimonyRow
)


@functools.cache
def listed_columns(row_type: type[ListedRow]) -> tuple[str, ...]:
    """The names of the columns ``row_type.from_columns`` takes positionally, in order."""
    parameters = inspect.signature(row_type.from_columns).parameters.values()
    return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _read_as_stored(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """How a listing reads a column: the values ``from_columns`` takes, with the least work per value.

    Enum columns are read as their stored strings (``from_columns`` looks the members up):
    SQLAlchemy's per-value enum conversion cost more than reading the rest of the row. On SQLite,
    a UtcDateTime (naive UTC text) is read with "+00:00" appended, so that the dialect's C parser
    returns the aware datetime itself instead of a Python call per value adding the zone; on
    PostgreSQL the column type's own conversion is kept.
    """
    if isinstance(column.type, Enum):
        return type_coerce(column, String()).label(column.name)
    if isinstance(column.type, UtcDateTime) and dialect == "sqlite":
        return type_coerce(type_coerce(column, String()) + "+00:00", DateTime(timezone=True)).label(
            column.name
        )
    return column


def _listing_columns(session: Session, row_type: type[ListedRow]) -> list[ColumnElement[Any]]:
    dialect = session.get_bind().dialect.name
    table = row_type.__table__
    return [_read_as_stored(table.c[name], dialect) for name in listed_columns(row_type)]


def case_values(
    session: Session,
    row_type: type[SourceRow | TestimonyRow | ClaimRow | EvidenceRow],
    case_id: int,
    *,
    limit: int | None = None,
) -> Sequence[ValuesRow]:
    """The column values of a case's records of one kind, oldest (lowest id) first.

    Args:
        limit: only the first this many records.
    """
    table = row_type.__table__
    query = (
        select(*_listing_columns(session, row_type)).where(table.c.case_id == case_id).order_by(table.c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return session.execute(query).all()


def link_values_in_case(
    session: Session,
    link_type: type[ClaimEvidenceRow | ClaimClaimRow | ClaimTestimonyRow],
    case_id: int,
    *,
    up_to_claim: int | None = None,
) -> Sequence[ValuesRow]:
    """The column values of every link of one kind starting at a claim of the case, by id.

    Args:
        up_to_claim: only the links of the claims with this id or a lower one (at either end
            of a link between two claims).
    """
    table = link_type.__table__
    in_case = select(ClaimRow.id).where(ClaimRow.case_id == case_id)
    query = select(*_listing_columns(session, link_type)).where(table.c.claim_id.in_(in_case))
    if up_to_claim is not None:
        ends = [table.c.claim_id]
        if link_type is ClaimClaimRow:
            ends.append(table.c.other_claim_id)
        query = query.where(or_(*(end <= up_to_claim for end in ends)))
    return session.execute(query.order_by(table.c.id)).all()


def quantity_values_in_case(
    session: Session, case_id: int, *, up_to_claim: int | None = None
) -> Sequence[Row[int, float | None, float | None, str, str]]:
    """(claim id, minimum, maximum, unit, qualifier) of the quantities of a case's claims, by claim
    and position.

    Args:
        up_to_claim: only for the claims with this id or a lower one.
    """
    query = (
        select(
            ClaimQuantityRow.claim_id,
            ClaimQuantityRow.minimum,
            ClaimQuantityRow.maximum,
            ClaimQuantityRow.unit,
            ClaimQuantityRow.qualifier,
        )
        .join(ClaimRow, ClaimRow.id == ClaimQuantityRow.claim_id)
        .where(ClaimRow.case_id == case_id)
        .order_by(ClaimQuantityRow.claim_id, ClaimQuantityRow.position, ClaimQuantityRow.id)
    )
    if up_to_claim is not None:
        query = query.where(ClaimRow.id <= up_to_claim)
    return session.execute(query).all()


def attestations_in_case(session: Session, case_id: int) -> Sequence[Row[int, str]]:
    """(source id, editor) of every identity attestation of a case's sources, oldest first."""
    query = (
        select(SourceAttestationRow.source_id, SourceAttestationRow.editor)
        .join(SourceRow, SourceRow.id == SourceAttestationRow.source_id)
        .where(SourceRow.case_id == case_id)
        .order_by(SourceAttestationRow.id)
    )
    return session.execute(query).all()


def grades_in_case(session: Session, case_id: int) -> Sequence[Row[int, str]]:
    """(source id, stored grade) of every reliability grading of a case's sources, oldest first."""
    query = (
        select(SourceGradeRow.source_id, type_coerce(SourceGradeRow.grade, String()))
        .join(SourceRow, SourceRow.id == SourceGradeRow.source_id)
        .where(SourceRow.case_id == case_id)
        .order_by(SourceGradeRow.id)
    )
    return session.execute(query).all()
