"""SQLAlchemy 2.0 typed declarative models.

Rows never leave the storage layer: each has ``to_domain()`` returning a frozen snapshot.
The records listed in bulk (sources, testimonies, claims, evidence, links) build that snapshot in
a ``from_columns`` static method taking the column values by name: ``to_domain()`` passes the ORM
attributes, and the whole-case listings pass Core rows (``repositories.case_values``) without
loading ORM objects, so both give identical snapshots.
Columns whose ``info`` has ``audit=False`` are left out of audit entries (large texts are
recorded by their hash, see ``audit.audit_values``).
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar, NoReturn, TypeVar

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from verifier import domain
from verifier.domain import (
    Anonymity,
    ArrivalChannel,
    AttachmentKind,
    Audience,
    AuditAction,
    CaseStatus,
    ClaimOrigin,
    ClaimRelation,
    ClaimStatus,
    Connection,
    EntityType,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    Medium,
    PlacePrecision,
    RelationshipKind,
    SourceKind,
    TestimonyRelation,
    Verdict,
)
from verifier.domain.values import Credibility, Interval, Quantity, SourceReliability, TimePrecision
from verifier.permissions import Role
from verifier.storage.types import Sha256, UtcDateTime, enum_column, utcnow

# Named constraints keep Alembic migrations (and SQLite batch mode) deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


EnumT = TypeVar("EnumT", bound=enum.Enum)


class _StoredValues(dict[Any, Any]):
    """Stored value of an enum column → member; a member maps to itself (StrEnum members hash
    and compare as their values), so ``from_columns`` takes ORM attributes and Core values alike."""

    def __init__(self, enum_type: type[enum.Enum], *, optional: bool) -> None:
        if not issubclass(enum_type, str):
            raise TypeError(f"{enum_type.__name__} is not a StrEnum: its members would not match its values")
        super().__init__({member.value: member for member in enum_type})
        if optional:
            self[None] = None
        self.enum_type = enum_type

    def __missing__(self, key: object) -> NoReturn:
        raise LookupError(
            f"{key!r} is not among the values of {self.enum_type.__name__} "
            f"({', '.join(member.value for member in self.enum_type)}): the database holds a value "
            "this version of the app does not know"
        )


def _members(enum_type: type[EnumT]) -> Mapping[str, EnumT]:
    """Look-up of an enum column's stored values (Core reads them as plain strings: SQLAlchemy's
    per-value enum conversion cost more than reading the rest of the row)."""
    return _StoredValues(enum_type, optional=False)


def _optional_members(enum_type: type[EnumT]) -> Mapping[str | None, EnumT | None]:
    """Like :func:`_members`, for a nullable column (None stays None)."""
    return _StoredValues(enum_type, optional=True)


_ANONYMITY = _members(Anonymity)
_OPTIONAL_ANONYMITY = _optional_members(Anonymity)
_ARRIVAL = _optional_members(ArrivalChannel)
_AUDIENCE = _members(Audience)
_CLAIM_ORIGIN = _members(ClaimOrigin)
_CLAIM_RELATION = _members(ClaimRelation)
_CLAIM_STATUS = _members(ClaimStatus)
_CONNECTION = _optional_members(Connection)
_CREDIBILITY = _optional_members(Credibility)
_EVIDENCE_KIND = _members(EvidenceKind)
_EVIDENCE_RELATION = _members(EvidenceRelation)
_IDENTITY_STATE = _members(IdentityState)
_MEDIUM = _members(Medium)
_PLACE_PRECISION = _optional_members(PlacePrecision)
_RELIABILITY = _optional_members(SourceReliability)
_SOURCE_KIND = _members(SourceKind)
_TESTIMONY_RELATION = _members(TestimonyRelation)
_TIME_PRECISION = _optional_members(TimePrecision)
_VERDICT = _optional_members(Verdict)


class Base(DeclarativeBase):
    """Declarative base of every table, with deterministic constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class IdentifiedRow(Base):
    """A row with an integer ``id`` primary key (every record but audit entries)."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampedMixin:
    """Creation and change times plus a version counter for optimistic concurrency."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # UPDATE ... WHERE version = :seen: an edit based on a stale read fails instead of
        # silently overwriting another editor's change (optimistic concurrency).
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class CaseRow(TimestampedMixin, IdentifiedRow):
    """A story under investigation."""

    __tablename__ = "case_file"  # "case" is a reserved word in SQL

    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus), default=CaseStatus.OPEN)

    def to_domain(self) -> domain.Case:
        return domain.Case(
            id=self.id,
            title=self.title,
            summary=self.summary,
            status=self.status,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
        )


class SourceRow(TimestampedMixin, IdentifiedRow):
    """A source, known by an alias; identity fields are added sealed (never in clear)."""

    __tablename__ = "source"
    __table_args__ = (UniqueConstraint("case_id", "alias", name="uq_source_case_alias"),)

    # A stable random id, bound into sealed ciphertexts: it survives renumbering (case bundles).
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=lambda: uuid.uuid4().hex)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    alias: Mapped[str] = mapped_column(String(120))
    public_description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind), default=SourceKind.OTHER)
    anonymity: Mapped[Anonymity] = mapped_column(enum_column(Anonymity), default=Anonymity.ANONYMOUS)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated Audience values: whom the identity is kept from.
    anonymous_from: Mapped[str] = mapped_column(String(100), default="")
    reason_given: Mapped[str] = mapped_column(Text, default="")
    reason_granted: Mapped[str] = mapped_column(Text, default="")
    agreement_date: Mapped[date | None] = mapped_column(Date, default=None)
    agreement_terms: Mapped[str] = mapped_column(Text, default="")
    identity_state: Mapped[IdentityState] = mapped_column(
        enum_column(IdentityState), default=IdentityState.NONE
    )
    attestations: Mapped[list[SourceAttestationRow]] = relationship(
        cascade="all, delete-orphan", order_by="SourceAttestationRow.id", lazy="selectin"
    )
    grades: Mapped[list[SourceGradeRow]] = relationship(
        cascade="all, delete-orphan", order_by="SourceGradeRow.id", lazy="selectin"
    )

    def to_domain(self) -> domain.Source:
        return self.from_columns(
            id=self.id,
            uid=self.uid,
            case_id=self.case_id,
            alias=self.alias,
            public_description=self.public_description,
            kind=self.kind,
            anonymity=self.anonymity,
            notes=self.notes,
            anonymous_from=self.anonymous_from,
            reason_given=self.reason_given,
            reason_granted=self.reason_granted,
            agreement_date=self.agreement_date,
            agreement_terms=self.agreement_terms,
            identity_state=self.identity_state,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
            attested_by=tuple(a.editor for a in self.attestations),
            reliability=self.grades[-1].grade if self.grades else None,
        )

    @staticmethod
    def from_columns(
        id: int,
        uid: str,
        case_id: int,
        alias: str,
        public_description: str,
        kind: str,
        anonymity: str,
        notes: str,
        anonymous_from: str,
        reason_given: str,
        reason_granted: str,
        agreement_date: date | None,
        agreement_terms: str,
        identity_state: str,
        created_at: datetime,
        updated_at: datetime,
        version: int,
        *,
        attested_by: tuple[str, ...],
        reliability: str | None,
    ) -> domain.Source:
        """The snapshot of a source from its column values (enums as members or stored values),
        the editors attesting its identity (oldest first) and its newest grade."""
        return domain.Source(
            id=id,
            uid=uid,
            case_id=case_id,
            alias=alias,
            public_description=public_description,
            kind=_SOURCE_KIND[kind],
            anonymity=_ANONYMITY[anonymity],
            notes=notes,
            anonymous_from=tuple(_AUDIENCE[v] for v in anonymous_from.split(",") if v),
            reason_given=reason_given,
            reason_granted=reason_granted,
            agreement_date=agreement_date,
            agreement_terms=agreement_terms,
            identity_state=_IDENTITY_STATE[identity_state],
            attested_by=attested_by,
            reliability=_RELIABILITY[reliability],
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )


class TestimonyRow(TimestampedMixin, IdentifiedRow):
    """What a source said."""

    __test__ = False  # not a pytest test class despite the name
    __tablename__ = "testimony"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="RESTRICT"), index=True)
    taken_at: Mapped[datetime | None] = mapped_column(default=None)
    taken_until: Mapped[datetime | None] = mapped_column(default=None)
    taken_precision: Mapped[TimePrecision | None] = mapped_column(enum_column(TimePrecision), default=None)
    medium: Mapped[Medium] = mapped_column(enum_column(Medium), default=Medium.IN_PERSON)
    language: Mapped[str] = mapped_column(String(35), default="")
    transcript: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    interviewer: Mapped[str] = mapped_column(String(120), default="")
    translator: Mapped[str] = mapped_column(String(120), default="")
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, default=None
    )
    place_text: Mapped[str] = mapped_column(String(200), default="")
    # None: the source's own terms apply.
    attribution: Mapped[Anonymity | None] = mapped_column(enum_column(Anonymity), default=None)

    def to_domain(self) -> domain.Testimony:
        return self.from_columns(
            id=self.id,
            case_id=self.case_id,
            source_id=self.source_id,
            taken_at=self.taken_at,
            taken_until=self.taken_until,
            taken_precision=self.taken_precision,
            medium=self.medium,
            language=self.language,
            transcript=self.transcript,
            notes=self.notes,
            interviewer=self.interviewer,
            translator=self.translator,
            place_id=self.place_id,
            place_text=self.place_text,
            attribution=self.attribution,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
        )

    @staticmethod
    def from_columns(
        id: int,
        case_id: int,
        source_id: int,
        taken_at: datetime | None,
        taken_until: datetime | None,
        taken_precision: str | None,
        medium: str,
        language: str,
        transcript: str,
        notes: str,
        interviewer: str,
        translator: str,
        place_id: int | None,
        place_text: str,
        attribution: str | None,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> domain.Testimony:
        """The snapshot of a testimony from its column values (enums as members or stored values)."""
        return domain.Testimony(
            id=id,
            case_id=case_id,
            source_id=source_id,
            taken_at=taken_at,
            taken_until=taken_until,
            taken_precision=_TIME_PRECISION[taken_precision],
            medium=_MEDIUM[medium],
            language=language,
            transcript=transcript,
            notes=notes,
            interviewer=interviewer,
            translator=translator,
            place_id=place_id,
            place_text=place_text,
            attribution=_OPTIONAL_ANONYMITY[attribution],
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )


class ClaimRow(TimestampedMixin, IdentifiedRow):
    """One checkable statement."""

    __tablename__ = "claim"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    statement: Mapped[str] = mapped_column(Text)
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus), default=ClaimStatus.UNVERIFIED)
    verdict: Mapped[Verdict | None] = mapped_column(enum_column(Verdict), default=None)
    rationale: Mapped[str] = mapped_column(Text, default="")  # of the current status or verdict
    origin: Mapped[ClaimOrigin] = mapped_column(enum_column(ClaimOrigin), default=ClaimOrigin.EDITOR)
    event_type: Mapped[str] = mapped_column(String(120), default="")
    actors: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, default=None
    )
    place_text: Mapped[str] = mapped_column(String(200), default="")
    place_precision: Mapped[PlacePrecision | None] = mapped_column(enum_column(PlacePrecision), default=None)
    when_start: Mapped[datetime | None] = mapped_column(default=None)
    when_end: Mapped[datetime | None] = mapped_column(default=None)
    when_precision: Mapped[TimePrecision | None] = mapped_column(enum_column(TimePrecision), default=None)
    when_label: Mapped[str] = mapped_column(String(200), default="")
    credibility: Mapped[Credibility | None] = mapped_column(enum_column(Credibility, length=1), default=None)
    credibility_rationale: Mapped[str] = mapped_column(Text, default="")
    quantities: Mapped[list[ClaimQuantityRow]] = relationship(
        cascade="all, delete-orphan", order_by="ClaimQuantityRow.position", lazy="selectin"
    )

    def to_domain(self) -> domain.Claim:
        return self.from_columns(
            id=self.id,
            case_id=self.case_id,
            statement=self.statement,
            status=self.status,
            verdict=self.verdict,
            rationale=self.rationale,
            origin=self.origin,
            event_type=self.event_type,
            actors=self.actors,
            place_id=self.place_id,
            place_text=self.place_text,
            place_precision=self.place_precision,
            when_start=self.when_start,
            when_end=self.when_end,
            when_precision=self.when_precision,
            when_label=self.when_label,
            credibility=self.credibility,
            credibility_rationale=self.credibility_rationale,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
            quantities=tuple(q.to_domain() for q in self.quantities),
        )

    @staticmethod
    def from_columns(
        id: int,
        case_id: int,
        statement: str,
        status: str,
        verdict: str | None,
        rationale: str,
        origin: str,
        event_type: str,
        actors: str,
        place_id: int | None,
        place_text: str,
        place_precision: str | None,
        when_start: datetime | None,
        when_end: datetime | None,
        when_precision: str | None,
        when_label: str,
        credibility: str | None,
        credibility_rationale: str,
        created_at: datetime,
        updated_at: datetime,
        version: int,
        *,
        quantities: tuple[Quantity, ...],
    ) -> domain.Claim:
        """The snapshot of a claim from its column values (enums as members or stored values) and
        its quantities in position order."""
        return domain.Claim(
            id=id,
            case_id=case_id,
            statement=statement,
            status=_CLAIM_STATUS[status],
            verdict=_VERDICT[verdict],
            rationale=rationale,
            origin=_CLAIM_ORIGIN[origin],
            event_type=event_type,
            actors=actors,
            place_id=place_id,
            place_text=place_text,
            place_precision=_PLACE_PRECISION[place_precision],
            when=(
                Interval(
                    when_start,
                    when_end,
                    _TIME_PRECISION[when_precision] or TimePrecision.APPROXIMATE,
                    when_label,
                )
                if when_start is not None and when_end is not None
                else None
            ),
            quantities=quantities,
            credibility=_CREDIBILITY[credibility],
            credibility_rationale=credibility_rationale,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )


class EvidenceRow(TimestampedMixin, IdentifiedRow):
    """A submission of a file whose original is in the vault under its SHA-256."""

    __tablename__ = "evidence"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[EvidenceKind] = mapped_column(enum_column(EvidenceKind), default=EvidenceKind.PHOTO)
    sha256: Mapped[str] = mapped_column(Sha256, index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    original_name: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="RESTRICT"), index=True, default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    # Provenance: how it arrived, where it came from, and what the submitter said about it.
    arrival: Mapped[ArrivalChannel | None] = mapped_column(enum_column(ArrivalChannel), default=None)
    original_folder: Mapped[str] = mapped_column(Text, default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    claimed_date: Mapped[str] = mapped_column(String(100), default="")
    claimed_place: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)

    def to_domain(self) -> domain.Evidence:
        return self.from_columns(
            id=self.id,
            case_id=self.case_id,
            kind=self.kind,
            sha256=self.sha256,
            size=self.size,
            media_type=self.media_type,
            original_name=self.original_name,
            received_at=self.received_at,
            submitted_by_id=self.submitted_by_id,
            notes=self.notes,
            arrival=self.arrival,
            original_folder=self.original_folder,
            caption=self.caption,
            claimed_date=self.claimed_date,
            claimed_place=self.claimed_place,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
        )

    @staticmethod
    def from_columns(
        id: int,
        case_id: int,
        kind: str,
        sha256: str,
        size: int,
        media_type: str,
        original_name: str,
        received_at: datetime,
        submitted_by_id: int | None,
        notes: str,
        arrival: str | None,
        original_folder: str,
        caption: str,
        claimed_date: str,
        claimed_place: str,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> domain.Evidence:
        """The snapshot of an evidence item from its column values (enums as members or stored values)."""
        return domain.Evidence(
            id=id,
            case_id=case_id,
            kind=_EVIDENCE_KIND[kind],
            sha256=sha256,
            size=size,
            media_type=media_type,
            original_name=original_name,
            received_at=received_at,
            submitted_by_id=submitted_by_id,
            notes=notes,
            arrival=_ARRIVAL[arrival],
            original_folder=original_folder,
            caption=caption,
            claimed_date=claimed_date,
            claimed_place=claimed_place,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )


class PlaceRow(TimestampedMixin, IdentifiedRow):
    """A gazetteer entry, shared by all cases."""

    __tablename__ = "place"
    __table_args__ = (
        CheckConstraint("latitude IS NULL OR (latitude >= -90 AND latitude <= 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude >= -180 AND longitude <= 180)", name="longitude_range"
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    precision: Mapped[PlacePrecision] = mapped_column(
        enum_column(PlacePrecision), default=PlacePrecision.LOCALITY
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[list[PlaceAliasRow]] = relationship(
        back_populates="place", cascade="all, delete-orphan", order_by="PlaceAliasRow.id", lazy="selectin"
    )

    def to_domain(self) -> domain.Place:
        return domain.Place(
            id=self.id,
            name=self.name,
            latitude=self.latitude,
            longitude=self.longitude,
            precision=self.precision,
            aliases=tuple(alias.name for alias in self.aliases),
            notes=self.notes,
            created_at=self.created_at,
            updated_at=self.updated_at,
            version=self.version,
        )


class PlaceAliasRow(IdentifiedRow):
    """Another spelling or script of a place's name."""

    __tablename__ = "place_alias"
    __table_args__ = (UniqueConstraint("place_id", "name", name="uq_place_alias_place_name"),)

    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[PlaceRow] = relationship(back_populates="aliases")


class ClaimEvidenceRow(IdentifiedRow):
    """Link: how an evidence item bears on a claim."""

    __tablename__ = "claim_evidence"
    __table_args__ = (
        UniqueConstraint("claim_id", "evidence_id", "relation", name="uq_claim_evidence_triple"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    relation: Mapped[EvidenceRelation] = mapped_column(enum_column(EvidenceRelation))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.ClaimEvidenceLink:
        return self.from_columns(
            id=self.id,
            claim_id=self.claim_id,
            evidence_id=self.evidence_id,
            relation=self.relation,
            note=self.note,
            created_at=self.created_at,
        )

    @staticmethod
    def from_columns(
        id: int, claim_id: int, evidence_id: int, relation: str, note: str, created_at: datetime
    ) -> domain.ClaimEvidenceLink:
        """The snapshot of the link from its column values (relation as member or stored value)."""
        return domain.ClaimEvidenceLink(
            id=id,
            claim_id=claim_id,
            evidence_id=evidence_id,
            relation=_EVIDENCE_RELATION[relation],
            note=note,
            created_at=created_at,
        )


class ClaimClaimRow(IdentifiedRow):
    """Link: how one claim bears on another."""

    __tablename__ = "claim_claim"
    __table_args__ = (
        UniqueConstraint("claim_id", "other_claim_id", "relation", name="uq_claim_claim_triple"),
        CheckConstraint("claim_id <> other_claim_id", name="not_self"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    other_claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    relation: Mapped[ClaimRelation] = mapped_column(enum_column(ClaimRelation))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.ClaimClaimLink:
        return self.from_columns(
            id=self.id,
            claim_id=self.claim_id,
            other_claim_id=self.other_claim_id,
            relation=self.relation,
            note=self.note,
            created_at=self.created_at,
        )

    @staticmethod
    def from_columns(
        id: int, claim_id: int, other_claim_id: int, relation: str, note: str, created_at: datetime
    ) -> domain.ClaimClaimLink:
        """The snapshot of the link from its column values (relation as member or stored value)."""
        return domain.ClaimClaimLink(
            id=id,
            claim_id=claim_id,
            other_claim_id=other_claim_id,
            relation=_CLAIM_RELATION[relation],
            note=note,
            created_at=created_at,
        )


class ClaimTestimonyRow(IdentifiedRow):
    """Link: a testimony asserts or denies a claim, with the quoted passage."""

    __tablename__ = "claim_testimony"
    __table_args__ = (
        UniqueConstraint("claim_id", "testimony_id", "relation", name="uq_claim_testimony_triple"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    testimony_id: Mapped[int] = mapped_column(ForeignKey("testimony.id", ondelete="CASCADE"), index=True)
    relation: Mapped[TestimonyRelation] = mapped_column(enum_column(TestimonyRelation))
    quote: Mapped[str] = mapped_column(Text, default="")
    connection: Mapped[Connection | None] = mapped_column(enum_column(Connection), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.ClaimTestimonyLink:
        return self.from_columns(
            id=self.id,
            claim_id=self.claim_id,
            testimony_id=self.testimony_id,
            relation=self.relation,
            quote=self.quote,
            connection=self.connection,
            note=self.note,
            created_at=self.created_at,
        )

    @staticmethod
    def from_columns(
        id: int,
        claim_id: int,
        testimony_id: int,
        relation: str,
        quote: str,
        connection: str | None,
        note: str,
        created_at: datetime,
    ) -> domain.ClaimTestimonyLink:
        """The snapshot of the link from its column values (enums as members or stored values)."""
        return domain.ClaimTestimonyLink(
            id=id,
            claim_id=claim_id,
            testimony_id=testimony_id,
            relation=_TESTIMONY_RELATION[relation],
            quote=quote,
            connection=_CONNECTION[connection],
            note=note,
            created_at=created_at,
        )


class ClaimQuantityRow(IdentifiedRow):
    """One counted amount stated in a claim ("6 killed", "31 injured" are two)."""

    __tablename__ = "claim_quantity"
    __table_args__ = (
        CheckConstraint("minimum IS NULL OR maximum IS NULL OR minimum <= maximum", name="min_not_above_max"),
        CheckConstraint("minimum IS NOT NULL OR maximum IS NOT NULL", name="has_a_bound"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    minimum: Mapped[float | None] = mapped_column(Float, default=None)
    maximum: Mapped[float | None] = mapped_column(Float, default=None)
    unit: Mapped[str] = mapped_column(String(120))
    qualifier: Mapped[str] = mapped_column(String(300), default="")

    def to_domain(self) -> Quantity:
        return self.from_columns(
            minimum=self.minimum, maximum=self.maximum, unit=self.unit, qualifier=self.qualifier
        )

    @staticmethod
    def from_columns(minimum: float | None, maximum: float | None, unit: str, qualifier: str) -> Quantity:
        """The quantity from its column values."""
        return Quantity(minimum, maximum, unit, qualifier)


class SourceAttestationRow(IdentifiedRow):
    """An editor's statement that they know a source's real identity."""

    __tablename__ = "source_attestation"
    __table_args__ = (UniqueConstraint("source_id", "editor", name="uq_source_attestation_editor"),)

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    editor: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")
    attested_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceGradeRow(IdentifiedRow):
    """One dated reliability grading of a source; the newest is the current grade."""

    __tablename__ = "source_grade"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    grade: Mapped[SourceReliability] = mapped_column(enum_column(SourceReliability, length=1))
    rationale: Mapped[str] = mapped_column(Text)
    graded_by: Mapped[str] = mapped_column(String(120))
    graded_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.SourceGrade:
        return domain.SourceGrade(
            id=self.id,
            source_id=self.source_id,
            grade=self.grade,
            rationale=self.rationale,
            graded_by=self.graded_by,
            graded_at=self.graded_at,
        )


class SourceRelationshipRow(IdentifiedRow):
    """Two sources are related (friends, relatives...): they are not independent origins."""

    __tablename__ = "source_relationship"
    __table_args__ = (
        UniqueConstraint("source_id", "other_source_id", "kind", name="uq_source_relationship_triple"),
        CheckConstraint("source_id <> other_source_id", name="not_self"),
    )

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    other_source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RelationshipKind] = mapped_column(enum_column(RelationshipKind))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.SourceRelationship:
        return domain.SourceRelationship(
            id=self.id,
            source_id=self.source_id,
            other_source_id=self.other_source_id,
            kind=self.kind,
            note=self.note,
            created_at=self.created_at,
        )


class TestimonyRevisionRow(IdentifiedRow):
    """The transcript and notes of a testimony as they were before an edit."""

    __test__ = False
    __tablename__ = "testimony_revision"
    __table_args__ = (UniqueConstraint("testimony_id", "revision", name="uq_testimony_revision_number"),)

    testimony_id: Mapped[int] = mapped_column(ForeignKey("testimony.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    transcript: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    written_by: Mapped[str] = mapped_column(String(120))
    written_at: Mapped[datetime] = mapped_column()
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.TestimonyRevision:
        return domain.TestimonyRevision(
            testimony_id=self.testimony_id,
            revision=self.revision,
            transcript=self.transcript,
            notes=self.notes,
            written_by=self.written_by,
            written_at=self.written_at,
            replaced_at=self.replaced_at,
        )


class TestimonyAttachmentRow(IdentifiedRow):
    """An audio recording or document attached to a testimony; the file is in the vault."""

    __test__ = False
    __tablename__ = "testimony_attachment"

    testimony_id: Mapped[int] = mapped_column(ForeignKey("testimony.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AttachmentKind] = mapped_column(enum_column(AttachmentKind))
    sha256: Mapped[str] = mapped_column(Sha256, index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.TestimonyAttachment:
        return domain.TestimonyAttachment(
            id=self.id,
            testimony_id=self.testimony_id,
            kind=self.kind,
            sha256=self.sha256,
            size=self.size,
            media_type=self.media_type,
            original_name=self.original_name,
            added_at=self.added_at,
        )


class PhotoMetadataRow(Base):
    """What the readers found in a photo's bytes: one row per original (SHA-256), whoever sent it.

    The summary fields are columns so they can be queried (by time, place, device); the full
    raw tables (every EXIF tag by group, XMP, IPTC, file facts, C2PA) are kept as JSON. Derived
    from the immutable original, so a re-scan may rewrite it; it is not audited.
    """

    __tablename__ = "photo_metadata"

    sha256: Mapped[str] = mapped_column(Sha256, primary_key=True)
    format: Mapped[str] = mapped_column(String(20))
    media_type: Mapped[str] = mapped_column(String(100))
    width: Mapped[int | None] = mapped_column(Integer, default=None)
    height: Mapped[int | None] = mapped_column(Integer, default=None)
    jpeg_quality: Mapped[int | None] = mapped_column(Integer, default=None)
    capture_utc: Mapped[datetime | None] = mapped_column(index=True, default=None)
    capture_local: Mapped[str] = mapped_column(String(40), default="")  # as written, no zone
    capture_tz_source: Mapped[str] = mapped_column(String(20), default="unknown")
    modified_utc: Mapped[datetime | None] = mapped_column(default=None)
    gps_latitude: Mapped[float | None] = mapped_column(Float, default=None)
    gps_longitude: Mapped[float | None] = mapped_column(Float, default=None)
    gps_altitude: Mapped[float | None] = mapped_column(Float, default=None)
    gps_utc: Mapped[datetime | None] = mapped_column(default=None)
    gps_img_direction: Mapped[float | None] = mapped_column(Float, default=None)
    gps_h_positioning_error: Mapped[float | None] = mapped_column(Float, default=None)
    make: Mapped[str] = mapped_column(String(120), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    body_serial_number: Mapped[str] = mapped_column(String(120), default="", index=True)
    lens_model: Mapped[str] = mapped_column(String(200), default="")
    lens_serial_number: Mapped[str] = mapped_column(String(120), default="")
    image_unique_id: Mapped[str] = mapped_column(String(120), default="", index=True)
    software: Mapped[str] = mapped_column(String(200), default="")
    orientation: Mapped[int | None] = mapped_column(Integer, default=None)
    has_embedded_thumbnail: Mapped[bool] = mapped_column(default=False)
    c2pa_state: Mapped[str] = mapped_column(String(30), default="absent")
    phash: Mapped[str] = mapped_column(String(16), default="", index=True)  # 64-bit, hex
    dhash: Mapped[str] = mapped_column(String(16), default="")
    # pHash of the preview in IFD1 (upright), compared with phash by the editing rule.
    embedded_thumb_phash: Mapped[str] = mapped_column(String(16), default="")
    thumb_width: Mapped[int] = mapped_column(Integer, default=0)
    thumb_height: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text)  # PhotoSummary as JSON
    raw: Mapped[str] = mapped_column(Text)  # MetadataResult as JSON
    reader_version: Mapped[str] = mapped_column(String(20))
    extracted_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_domain(self) -> domain.PhotoDetails:
        return domain.PhotoDetails(
            sha256=self.sha256,
            format=self.format,
            media_type=self.media_type,
            width=self.width,
            height=self.height,
            jpeg_quality=self.jpeg_quality,
            capture_utc=self.capture_utc,
            capture_local=self.capture_local,
            capture_tz_source=self.capture_tz_source,
            gps_latitude=self.gps_latitude,
            gps_longitude=self.gps_longitude,
            make=self.make,
            model=self.model,
            body_serial_number=self.body_serial_number,
            image_unique_id=self.image_unique_id,
            software=self.software,
            c2pa_state=self.c2pa_state,
            phash=self.phash,
            dhash=self.dhash,
            summary=json.loads(self.summary),
        )


class WorkspaceMetaRow(Base):
    """Workspace-wide settings kept with the data (the workspace's stable id, say)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class KeyHolderRow(Base):
    """A key holder (an editor, or the workspace): public key and passphrase-locked private key."""

    __tablename__ = "key_holder"

    holder_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64))
    record: Mapped[str] = mapped_column(Text, info={"audit": False})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SourceSealRow(Base):
    """A source's identity record: its state and, when sealed, the encrypted blob."""

    __tablename__ = "source_seal"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), primary_key=True)
    identity: Mapped[str] = mapped_column(Text, info={"audit": False})
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SourceKeyringRow(Base):
    """A source's key ring (its data key wrapped per holder), kept apart from the sealed blob so
    that deleting it (crypto-shredding) leaves the blob undecryptable everywhere."""

    __tablename__ = "source_keyring"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), primary_key=True)
    keyring: Mapped[str] = mapped_column(Text, info={"audit": False})
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PersonRow(TimestampedMixin, IdentifiedRow):
    """A member of the newsroom team: the user name actions are recorded under, and a role.

    People are deactivated, never deleted, so every audit entry's actor keeps a name to match.
    """

    __tablename__ = "person"

    user_name: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)


class AuditEntryRow(Base):
    """One entry of the append-only, hash-chained audit log. Only ``storage.audit`` writes here."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_entity", "entity_type", "entity_id"),
        # The newest entry about a case in one index search (the open window polls it).
        Index("ix_audit_entry_case_seq", "case_id", "seq"),
    )

    # seq is assigned by the audit writer under a lock, never by the database, so that the
    # chain order is the order the entries were written in.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    entity_type: Mapped[EntityType] = mapped_column(enum_column(EntityType))
    entity_id: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    old_values: Mapped[str | None] = mapped_column(Text, default=None)
    new_values: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    prev_hash: Mapped[str] = mapped_column(Sha256)
    entry_hash: Mapped[str] = mapped_column(Sha256, unique=True)
