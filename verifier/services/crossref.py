"""Use cases for cross-referencing: gather a case's inputs from the database, run the rules.

Findings are computed from the records as they are now, every time they are asked for, so they
are always current: nothing is cached that a change could leave stale. A case of 1,000 photos
and 500 claims takes under two seconds (benchmarks/crossref.py).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from verifier.crossref.engine import CaseReport, check_case
from verifier.crossref.findings import Finding
from verifier.crossref.inputs import (
    CaseInputs,
    ClaimInput,
    LinkedClaim,
    LinkedEvidence,
    LinkedTestimony,
    NearbyName,
    PhotoInput,
)
from verifier.domain import GeoPoint
from verifier.errors import InvalidInput
from verifier.geo import WORLD_TOWNS
from verifier.intake.summary import PhotoSummary, summary_from_dict
from verifier.services.claims import list_claims
from verifier.storage import repositories as repo
from verifier.storage.models import (
    CaseRow,
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimTestimonyRow,
    EvidenceRow,
    PhotoMetadataRow,
    SourceRow,
    TestimonyRow,
)

NEARBY_NAMES = 3
SUBJECT_KINDS = ("claim", "evidence", "source", "testimony")


def _exif_size(raw: dict[str, Any]) -> tuple[int | None, int | None]:
    exif = raw.get("exif", {}).get("ExifIFD", {})
    width, height = exif.get("ExifImageWidth"), exif.get("ExifImageHeight")
    return (width if isinstance(width, int) else None, height if isinstance(height, int) else None)


def _haversine_m(a: GeoPoint, b: GeoPoint) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(min(1.0, h)))


def _nearby(point: GeoPoint, gazetteer: list[tuple[str, GeoPoint]]) -> tuple[NearbyName, ...]:
    """The nearest gazetteer places, then the nearest world towns (offline)."""
    # Rank by the spherical distance (cheap), then measure the few kept on the ellipsoid: the two
    # differ by under 0.5 %, so only near-ties could swap, and the distances shown stay exact.
    ranked = sorted(gazetteer, key=lambda item: _haversine_m(point, item[1]))[:NEARBY_NAMES]
    names = [NearbyName(name, point.distance_m(spot), "gazetteer") for name, spot in ranked]
    towns = [
        NearbyName(t.name, t.distance_m, "world towns") for t in WORLD_TOWNS.nearest(point, NEARBY_NAMES)
    ]
    return tuple(names + towns)


def _photo(row: EvidenceRow, meta: PhotoMetadataRow, gazetteer: list[tuple[str, GeoPoint]]) -> PhotoInput:
    """A photo submission of the case as the rules see it."""
    phash = int(meta.phash, 16) if meta.phash else None
    dhash = int(meta.dhash, 16) if meta.dhash else None
    raw: dict[str, Any] = json.loads(meta.raw)
    facts = raw.get("file", {})
    thumbnail = facts.get("embedded_thumbnail") or {}
    exif_width, exif_height = _exif_size(raw)
    point = (
        GeoPoint(meta.gps_latitude, meta.gps_longitude)
        if meta.gps_latitude is not None and meta.gps_longitude is not None
        else None
    )
    return PhotoInput(
        evidence_id=row.id,
        case_id=row.case_id,
        sha256=row.sha256,
        received_at=row.received_at,
        submitted_by=row.submitted_by_id,
        summary=summary_from_dict(json.loads(meta.summary)),
        width=facts.get("width"),
        height=facts.get("height"),
        jpeg_quality=facts.get("jpeg_quality"),
        jpeg_quality_exact=facts.get("jpeg_quality_exact"),
        thumbnail_width=thumbnail.get("width"),
        thumbnail_height=thumbnail.get("height"),
        exif_pixel_width=exif_width,
        exif_pixel_height=exif_height,
        thumbnail_phash=int(meta.embedded_thumb_phash, 16) if meta.embedded_thumb_phash else None,
        phash=phash,
        dhash=dhash,
        nearby_places=_nearby(point, gazetteer) if point is not None else (),
    )


def gather(session: Session, case_id: int) -> CaseInputs:
    """Everything the rules need for one case, read in the caller's session."""
    repo.get(session, CaseRow, case_id)
    places = repo.list_places(session)
    gazetteer = [
        (p.name, GeoPoint(p.latitude, p.longitude))
        for p in places
        if p.latitude is not None and p.longitude is not None
    ]
    case_evidence = repo.list_in_case(session, EvidenceRow, case_id)
    metadata = {m.sha256: m for m in repo.photo_rows(session, [e.sha256 for e in case_evidence])}
    photos = tuple(_photo(e, metadata[e.sha256], gazetteer) for e in case_evidence if e.sha256 in metadata)
    submitters = {e.id: e.submitted_by_id for e in case_evidence}

    # Other cases' photos, for "this picture was already received from ...".
    elsewhere: list[PhotoInput] = []
    other_sources: set[int] = set()
    for other in repo.photos_outside_case(session, case_id):
        elsewhere.append(
            PhotoInput(
                other.evidence_id,
                other.case_id,
                other.sha256,
                other.received_at,
                other.submitted_by_id,
                PhotoSummary(),  # the recycling rule reads only the hashes, times and submitters
                phash=int(other.phash, 16) if other.phash else None,
                dhash=int(other.dhash, 16) if other.dhash else None,
            )
        )
        if other.submitted_by_id is not None:
            other_sources.add(other.submitted_by_id)

    testimony_source = {t.id: t.source_id for t in repo.list_in_case(session, TestimonyRow, case_id)}
    by_id = {p.id: p.to_domain() for p in places}
    evidence_links_all, claim_links_all, testimony_links_all = repo.links_in_case(session, case_id)
    evidence_by_claim: dict[int, list[ClaimEvidenceRow]] = defaultdict(list)
    claims_by_claim: dict[int, list[ClaimClaimRow]] = defaultdict(list)
    testimonies_by_claim: dict[int, list[ClaimTestimonyRow]] = defaultdict(list)
    for ev_link in evidence_links_all:
        evidence_by_claim[ev_link.claim_id].append(ev_link)
    for cl_link in claim_links_all:  # a claim-claim link belongs to both of its claims
        claims_by_claim[cl_link.claim_id].append(cl_link)
        claims_by_claim[cl_link.other_claim_id].append(cl_link)
    for te_link in testimony_links_all:
        testimonies_by_claim[te_link.claim_id].append(te_link)
    claims = []
    for claim in list_claims(session, case_id):  # through Core: 90,000 ORM rows took seconds
        evidence_links = evidence_by_claim[claim.id]
        claim_links = claims_by_claim[claim.id]
        testimony_links = testimonies_by_claim[claim.id]
        claims.append(
            ClaimInput(
                claim=claim,
                place=by_id.get(claim.place_id) if claim.place_id is not None else None,
                evidence=tuple(
                    LinkedEvidence(link.evidence_id, link.relation, submitters.get(link.evidence_id))
                    for link in evidence_links
                ),
                claims=tuple(_linked_claim(link, claim.id) for link in claim_links),
                testimonies=tuple(
                    LinkedTestimony(link.testimony_id, testimony_source[link.testimony_id], link.relation)
                    for link in testimony_links
                ),
            )
        )
    sources = list(repo.list_in_case(session, SourceRow, case_id))
    known = {s.id for s in sources}
    sources += [repo.get(session, SourceRow, sid) for sid in sorted(other_sources - known)]
    return CaseInputs(
        case_id=case_id,
        photos=photos,
        claims=tuple(claims),
        sources=tuple(s.to_domain() for s in sources),
        relationships=tuple(r.to_domain() for r in repo.relationships_in_case(session, case_id)),
        gazetteer=tuple(by_id.values()),
        workspace_photos=tuple(elsewhere),
    )


def _linked_claim(link: ClaimClaimRow, claim_id: int) -> LinkedClaim:
    outgoing = link.claim_id == claim_id
    return LinkedClaim(link.other_claim_id if outgoing else link.claim_id, link.relation, outgoing)


def case_report(session: Session, case_id: int, on_family: Callable[[str], None] | None = None) -> CaseReport:
    """Every finding of a case and the corroboration count of each claim."""
    return check_case(gather(session, case_id), on_family=on_family)


@dataclass(frozen=True)
class CheckResult:
    """What ``verifier check`` prints: findings (narrowed to a record if asked) and corroboration."""

    findings: tuple[Finding, ...]
    corroboration: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "corroboration": list(self.corroboration)}


def check(
    session: Session, case_id: int, *, kind: str | None = None, record_id: int | None = None
) -> CheckResult:
    """Findings of a case, or only those about one claim, evidence item, source or testimony."""
    if (kind is None) != (record_id is None):
        raise InvalidInput("Name both the kind of record and its id, or neither.")
    if kind is not None and kind not in SUBJECT_KINDS:
        raise InvalidInput(f"Unknown kind of record '{kind}': choose one of {', '.join(SUBJECT_KINDS)}.")
    report = case_report(session, case_id)
    findings = report.findings
    if kind is not None and record_id is not None:
        findings = tuple(f for f in findings if f.concerns(kind, record_id))
    counts = tuple(
        {
            "claim_id": c.claim_id,
            "supporting_origins": c.support_count,
            "contradicting_origins": c.contradiction_count,
            "explanation": c.explanation,
        }
        for c in report.corroboration
        if kind != "claim" or c.claim_id == record_id
    )
    return CheckResult(findings, counts)


__all__ = ["CheckResult", "case_report", "check", "gather"]
