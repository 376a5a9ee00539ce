"""Build cross-reference inputs in a line: sources, places, claims, photos, relationships."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from verifier.crossref.inputs import ClaimInput, LinkedEvidence, LinkedTestimony, PhotoInput
from verifier.domain import (
    Anonymity,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    EvidenceRelation,
    IdentityState,
    Interval,
    Place,
    PlacePrecision,
    Quantity,
    RelationshipKind,
    Source,
    SourceKind,
    SourceRelationship,
    SourceReliability,
    TestimonyRelation,
    parse_interval,
)
from verifier.intake.summary import PhotoSummary, TimeZoneSource

T0 = datetime(2019, 4, 1, tzinfo=UTC)

# Approximate positions around Makhmour, Iraq (the scenario's area).
MAKHMOUR = (35.7745, 43.5875)
ALI_RASH = (35.8320, 43.4650)
GALI_MANJALAN = (35.8700, 43.5300)


def source(
    source_id: int,
    alias: str,
    grade: str | None = None,
    *,
    case_id: int = 1,
    kind: SourceKind = SourceKind.EYEWITNESS,
) -> Source:
    return Source(
        id=source_id,
        uid=f"s{source_id}",
        case_id=case_id,
        alias=alias,
        public_description="",
        kind=kind,
        anonymity=Anonymity.ANONYMOUS,
        notes="",
        anonymous_from=(),
        reason_given="",
        reason_granted="",
        agreement_date=None,
        agreement_terms="",
        identity_state=IdentityState.NONE,
        attested_by=(),
        reliability=SourceReliability(grade) if grade else None,
        created_at=T0,
        updated_at=T0,
        version=1,
    )


def place(
    place_id: int,
    name: str,
    point: tuple[float, float] | None,
    precision: PlacePrecision = PlacePrecision.VICINITY,
    aliases: tuple[str, ...] = (),
) -> Place:
    return Place(
        id=place_id,
        name=name,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        precision=precision,
        aliases=aliases,
        notes="",
        created_at=T0,
        updated_at=T0,
        version=1,
    )


def claim(
    claim_id: int,
    statement: str = "",
    *,
    when: str | Interval | None = None,
    where: Place | None = None,
    place_text: str = "",
    place_precision: PlacePrecision | None = None,
    quantities: tuple[Quantity, ...] = (),
    status: ClaimStatus = ClaimStatus.UNVERIFIED,
    event_type: str = "",
    label: str = "",
) -> Claim:
    interval = parse_interval(when, label=label) if isinstance(when, str) else when
    return Claim(
        id=claim_id,
        case_id=1,
        statement=statement,
        status=status,
        verdict=None,
        rationale="",
        origin=ClaimOrigin.TESTIMONY,
        event_type=event_type,
        actors="",
        place_id=where.id if where else None,
        place_text=place_text or (where.name if where else ""),
        place_precision=place_precision,
        when=interval,
        quantities=quantities,
        credibility=None,
        credibility_rationale="",
        created_at=T0,
        updated_at=T0,
        version=1,
    )


def claim_input(
    record: Claim,
    where: Place | None = None,
    *,
    evidence: tuple[tuple[int, EvidenceRelation], ...] = (),
    testimonies: tuple[tuple[int, int, TestimonyRelation], ...] = (),
    claims: tuple[Any, ...] = (),
) -> ClaimInput:
    return ClaimInput(
        claim=record,
        place=where,
        evidence=tuple(LinkedEvidence(e, r) for e, r in evidence),
        testimonies=tuple(LinkedTestimony(t, s, r) for t, s, r in testimonies),
        claims=claims,
    )


def summary(**fields: Any) -> PhotoSummary:
    if "capture_offset" in fields and "capture_tz_source" not in fields:
        fields["capture_tz_source"] = TimeZoneSource.OFFSET_TAG
    return PhotoSummary(**fields)


def photo(
    evidence_id: int,
    *,
    case_id: int = 1,
    sha: str | None = None,
    received: datetime = T0,
    by: int | None = None,
    phash: int | None = None,
    dhash: int | None = None,
    file: dict[str, Any] | None = None,
    **summary_fields: Any,
) -> PhotoInput:
    return PhotoInput(
        evidence_id=evidence_id,
        case_id=case_id,
        sha256=sha or hashlib.sha256(f"photo {evidence_id}".encode()).hexdigest(),
        received_at=received,
        submitted_by=by,
        summary=summary(**summary_fields),
        phash=phash,
        dhash=dhash,
        **(file or {}),
    )


def related(
    rel_id: int, a: int, b: int, kind: RelationshipKind = RelationshipKind.FRIEND
) -> SourceRelationship:
    return SourceRelationship(id=rel_id, source_id=a, other_source_id=b, kind=kind, note="", created_at=T0)


def rules(findings: list[Any]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Any], rule: str) -> Any:
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, f"expected one {rule}, got {[f.rule for f in findings]}"
    return matching[0]
