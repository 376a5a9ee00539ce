"""Frozen snapshots of stored records: what services return to the GUI and the CLI.

They never hold a live database row, so they can cross threads and outlive a Session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from verifier.domain.enums import (
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


@dataclass(frozen=True)
class Case:
    """A story under investigation; every other record but places belongs to one."""

    id: int
    title: str
    summary: str
    status: CaseStatus
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class Source:
    """A person or document that information comes from, known in the app by an alias only."""

    id: int
    uid: str
    case_id: int
    alias: str
    public_description: str
    kind: SourceKind
    anonymity: Anonymity
    notes: str
    anonymous_from: tuple[Audience, ...]
    reason_given: str
    reason_granted: str
    agreement_date: date | None
    agreement_terms: str
    identity_state: IdentityState
    attested_by: tuple[str, ...]
    reliability: SourceReliability | None
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def is_protected(self) -> bool:
        """True when no export may ever identify this source."""
        return self.anonymity.is_protected


@dataclass(frozen=True)
class Testimony:
    """What a source said, when, where and through which medium."""

    __test__ = False  # not a pytest test class despite the name

    id: int
    case_id: int
    source_id: int
    taken_at: datetime | None
    taken_until: datetime | None
    taken_precision: TimePrecision | None
    medium: Medium
    language: str
    transcript: str
    notes: str
    interviewer: str
    translator: str
    place_id: int | None
    place_text: str
    attribution: Anonymity | None
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class Claim:
    """One checkable statement, with its working status and the editor's verdict."""

    id: int
    case_id: int
    statement: str
    status: ClaimStatus
    verdict: Verdict | None
    rationale: str
    origin: ClaimOrigin
    event_type: str
    actors: str
    place_id: int | None
    place_text: str
    place_precision: PlacePrecision | None
    when: Interval | None
    quantities: tuple[Quantity, ...]
    credibility: Credibility | None
    credibility_rationale: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class Evidence:
    """A submission of a file kept in the vault; the same bytes may arrive in several submissions."""

    id: int
    case_id: int
    kind: EvidenceKind
    sha256: str
    size: int
    media_type: str
    original_name: str
    received_at: datetime
    submitted_by_id: int | None
    notes: str
    arrival: ArrivalChannel | None
    original_folder: str
    caption: str
    claimed_date: str
    claimed_place: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class Place:
    """A gazetteer entry shared by every case of the workspace."""

    id: int
    name: str
    latitude: float | None
    longitude: float | None
    precision: PlacePrecision
    aliases: tuple[str, ...]
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class ClaimEvidenceLink:
    """A typed link saying how an evidence item bears on a claim."""

    id: int
    claim_id: int
    evidence_id: int
    relation: EvidenceRelation
    note: str
    created_at: datetime


@dataclass(frozen=True)
class ClaimClaimLink:
    """A typed link from one claim to another."""

    id: int
    claim_id: int
    other_claim_id: int
    relation: ClaimRelation
    note: str
    created_at: datetime


@dataclass(frozen=True)
class ClaimTestimonyLink:
    """A typed link saying that a testimony asserts or denies a claim."""

    id: int
    claim_id: int
    testimony_id: int
    relation: TestimonyRelation
    quote: str
    connection: Connection | None
    note: str
    created_at: datetime


@dataclass(frozen=True)
class SourceGrade:
    """One dated reliability grading of a source (Admiralty A-F) with its rationale."""

    id: int
    source_id: int
    grade: SourceReliability
    rationale: str
    graded_by: str
    graded_at: datetime


@dataclass(frozen=True)
class SourceRelationship:
    """Two sources linked by friendship, family, work or a shared device."""

    id: int
    source_id: int
    other_source_id: int
    kind: RelationshipKind
    note: str
    created_at: datetime


@dataclass(frozen=True)
class TestimonyRevision:
    """A testimony's transcript and notes as they were before an edit replaced them."""

    __test__ = False

    testimony_id: int
    revision: int
    transcript: str
    notes: str
    written_by: str
    written_at: datetime
    replaced_at: datetime


@dataclass(frozen=True)
class TestimonyAttachment:
    """An audio recording or document attached to a testimony, kept in the vault."""

    __test__ = False

    id: int
    testimony_id: int
    kind: AttachmentKind
    sha256: str
    size: int
    media_type: str
    original_name: str
    added_at: datetime


@dataclass(frozen=True)
class PhotoDetails:
    """What the readers found in an original photo: queryable summary fields and the full summary."""

    sha256: str
    format: str
    media_type: str
    width: int | None
    height: int | None
    jpeg_quality: int | None
    capture_utc: datetime | None
    capture_local: str
    capture_tz_source: str
    gps_latitude: float | None
    gps_longitude: float | None
    make: str
    model: str
    body_serial_number: str
    image_unique_id: str
    software: str
    c2pa_state: str
    phash: str
    dhash: str
    summary: dict[str, object]


@dataclass(frozen=True)
class AuditEntry:
    """One link of the hash-chained audit log."""

    seq: int
    at: datetime
    actor: str
    action: AuditAction
    entity_type: EntityType
    entity_id: int
    case_id: int | None
    old_values: dict[str, object] | None
    new_values: dict[str, object] | None
    reason: str | None
    prev_hash: str
    entry_hash: str
