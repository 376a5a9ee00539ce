"""Frozen snapshots of stored records: what services return to the GUI and the CLI.

They never hold a live database row, so they can cross threads and outlive a Session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from verifier.domain.enums import (
    Anonymity,
    AuditAction,
    CaseStatus,
    ClaimRelation,
    ClaimStatus,
    EntityType,
    EvidenceKind,
    EvidenceRelation,
    Medium,
    PlacePrecision,
    SourceKind,
    TestimonyRelation,
    Verdict,
)


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
    case_id: int
    alias: str
    public_description: str
    kind: SourceKind
    anonymity: Anonymity
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class Testimony:
    """What a source said, when, where and through which medium."""

    __test__ = False  # not a pytest test class despite the name

    id: int
    case_id: int
    source_id: int
    taken_at: datetime | None
    medium: Medium
    language: str
    transcript: str
    notes: str
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
    note: str
    created_at: datetime


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
