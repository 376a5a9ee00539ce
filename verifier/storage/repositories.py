"""Queries. Every function takes the caller's Session; none opens one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.errors import NotFound
from verifier.storage.models import (
    AuditEntryRow,
    Base,
    CaseRow,
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    KeyHolderRow,
    PersonRow,
    PhotoMetadataRow,
    PlaceRow,
    SourceRelationshipRow,
    SourceRow,
    TestimonyAttachmentRow,
    TestimonyRow,
)

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
