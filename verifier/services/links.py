"""Use cases for the typed links between claims, evidence and testimonies."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import ClaimRelation, Connection, EntityType, EvidenceRelation, TestimonyRelation
from verifier.errors import InvalidInput
from verifier.permissions import Permission
from verifier.services._common import create_row, delete_row, enum_field, reason_field, text_field
from verifier.storage import repositories as repo
from verifier.storage.models import (
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    TestimonyRow,
)
from verifier.storage.unit_of_work import UnitOfWork

NOTE_MAX = 20_000

LINK_TYPES: dict[EntityType, type[ClaimEvidenceRow] | type[ClaimClaimRow] | type[ClaimTestimonyRow]] = {
    EntityType.CLAIM_EVIDENCE: ClaimEvidenceRow,
    EntityType.CLAIM_CLAIM: ClaimClaimRow,
    EntityType.CLAIM_TESTIMONY: ClaimTestimonyRow,
}


def _same_case(claim: ClaimRow, other_case: int, what: str) -> None:
    if claim.case_id != other_case:
        raise InvalidInput(
            f"Claim {claim.id} and {what} belong to different cases; links stay within a case."
        )


def link_claim_evidence(
    uow: UnitOfWork, claim_id: int, evidence_id: int, relation: EvidenceRelation | str, note: str = ""
) -> domain.ClaimEvidenceLink:
    """Say how an evidence item bears on a claim (supports, contradicts, geolocates...)."""
    uow.require(Permission.RECORD)
    claim = repo.get(uow.session, ClaimRow, claim_id)
    evidence = repo.get(uow.session, EvidenceRow, evidence_id)
    _same_case(claim, evidence.case_id, f"evidence item {evidence_id}")
    row = ClaimEvidenceRow(
        claim_id=claim_id,
        evidence_id=evidence_id,
        relation=enum_field(EvidenceRelation, relation, "evidence relation"),
        note=text_field(note, "link note", max_length=NOTE_MAX),
    )
    return create_row(uow, row, EntityType.CLAIM_EVIDENCE, claim.case_id).to_domain()


def link_claims(
    uow: UnitOfWork, claim_id: int, other_claim_id: int, relation: ClaimRelation | str, note: str = ""
) -> domain.ClaimClaimLink:
    """Say how one claim bears on another (corroborates, contradicts, same claim...)."""
    uow.require(Permission.RECORD)
    if claim_id == other_claim_id:
        raise InvalidInput(f"Claim {claim_id} cannot be linked to itself.")
    claim = repo.get(uow.session, ClaimRow, claim_id)
    other = repo.get(uow.session, ClaimRow, other_claim_id)
    _same_case(claim, other.case_id, f"claim {other_claim_id}")
    row = ClaimClaimRow(
        claim_id=claim_id,
        other_claim_id=other_claim_id,
        relation=enum_field(ClaimRelation, relation, "claim relation"),
        note=text_field(note, "link note", max_length=NOTE_MAX),
    )
    return create_row(uow, row, EntityType.CLAIM_CLAIM, claim.case_id).to_domain()


def link_claim_testimony(
    uow: UnitOfWork,
    claim_id: int,
    testimony_id: int,
    relation: TestimonyRelation | str,
    *,
    quote: str = "",
    note: str = "",
    connection: Connection | str | None = None,
) -> domain.ClaimTestimonyLink:
    """Say that a testimony asserts or denies a claim, with the quoted passage and the source's
    connection to the information (saw it, heard it from others...)."""
    uow.require(Permission.RECORD)
    claim = repo.get(uow.session, ClaimRow, claim_id)
    testimony = repo.get(uow.session, TestimonyRow, testimony_id)
    _same_case(claim, testimony.case_id, f"testimony {testimony_id}")
    row = ClaimTestimonyRow(
        claim_id=claim_id,
        testimony_id=testimony_id,
        relation=enum_field(TestimonyRelation, relation, "testimony relation"),
        quote=text_field(quote, "quote", max_length=NOTE_MAX),
        note=text_field(note, "link note", max_length=NOTE_MAX),
        connection=enum_field(Connection, connection, "connection") if connection is not None else None,
    )
    return create_row(uow, row, EntityType.CLAIM_TESTIMONY, claim.case_id).to_domain()


def unlink(uow: UnitOfWork, kind: EntityType, link_id: int, reason: str | None = None) -> None:
    """Remove one typed link."""
    uow.require(Permission.RECORD)
    if kind not in LINK_TYPES:
        raise InvalidInput(f"'{kind.value}' is not a kind of link.")
    row = repo.get(uow.session, LINK_TYPES[kind], link_id)
    claim = repo.get(uow.session, ClaimRow, row.claim_id)
    delete_row(uow, row, kind, claim.case_id, reason_field(reason, required=False, action="remove a link"))


@dataclass(frozen=True)
class ClaimLinks:
    """Every link that starts or ends at a claim."""

    evidence: tuple[domain.ClaimEvidenceLink, ...]
    claims: tuple[domain.ClaimClaimLink, ...]
    testimonies: tuple[domain.ClaimTestimonyLink, ...]


def links_of_claim(session: Session, claim_id: int) -> ClaimLinks:
    repo.get(session, ClaimRow, claim_id)
    evidence, claims, testimonies = repo.links_of_claim(session, claim_id)
    return ClaimLinks(
        evidence=tuple(row.to_domain() for row in evidence),
        claims=tuple(row.to_domain() for row in claims),
        testimonies=tuple(row.to_domain() for row in testimonies),
    )


def links_of_case(session: Session, case_id: int, *, up_to_claim: int | None = None) -> dict[int, ClaimLinks]:
    """The links of every claim of a case, by claim id (claims without links are left out).

    Three queries for the whole case, where :func:`links_of_claim` for each claim took minutes
    on a case of 100,000 claims. A link between two claims (of the same case, as every claim
    link is) is listed under both.

    Args:
        up_to_claim: only the links of the claims with this id or a lower one (the first
            claims of a large case); each of those claims gets all of its links.
    """
    to_evidence: dict[int, list[domain.ClaimEvidenceLink]] = {}
    to_claims: dict[int, list[domain.ClaimClaimLink]] = {}
    to_testimonies: dict[int, list[domain.ClaimTestimonyLink]] = {}
    # Read through Core, not as ORM rows (a third of the time); each kind in id order.
    for values in repo.link_values_in_case(session, ClaimEvidenceRow, case_id, up_to_claim=up_to_claim):
        shown = ClaimEvidenceRow.from_columns(*values)
        to_evidence.setdefault(shown.claim_id, []).append(shown)
    for values in repo.link_values_in_case(session, ClaimClaimRow, case_id, up_to_claim=up_to_claim):
        related = ClaimClaimRow.from_columns(*values)
        for end in {related.claim_id, related.other_claim_id}:
            to_claims.setdefault(end, []).append(related)
    for values in repo.link_values_in_case(session, ClaimTestimonyRow, case_id, up_to_claim=up_to_claim):
        said = ClaimTestimonyRow.from_columns(*values)
        to_testimonies.setdefault(said.claim_id, []).append(said)
    return {
        claim_id: ClaimLinks(
            tuple(to_evidence.get(claim_id, ())),
            tuple(to_claims.get(claim_id, ())),
            tuple(to_testimonies.get(claim_id, ())),
        )
        for claim_id in sorted(to_evidence.keys() | to_claims.keys() | to_testimonies.keys())
        if up_to_claim is None or claim_id <= up_to_claim  # the far end of a link has others
    }


def delete_links_of(
    uow: UnitOfWork,
    *,
    case_id: int,
    reason: str | None,
    claim_id: int | None = None,
    evidence_id: int | None = None,
    testimony_id: int | None = None,
) -> int:
    """Delete, one audited entry each, the links of a record about to be deleted."""
    rows: list[tuple[EntityType, ClaimEvidenceRow | ClaimClaimRow | ClaimTestimonyRow]] = []
    if claim_id is not None:
        evidence, claims, testimonies = repo.links_of_claim(uow.session, claim_id)
        rows += [(EntityType.CLAIM_EVIDENCE, r) for r in evidence]
        rows += [(EntityType.CLAIM_CLAIM, r) for r in claims]
        rows += [(EntityType.CLAIM_TESTIMONY, r) for r in testimonies]
    if evidence_id is not None:
        rows += [
            (EntityType.CLAIM_EVIDENCE, r)
            for r in repo.rows_where(uow.session, ClaimEvidenceRow, evidence_id=evidence_id)
        ]
    if testimony_id is not None:
        rows += [
            (EntityType.CLAIM_TESTIMONY, r)
            for r in repo.rows_where(uow.session, ClaimTestimonyRow, testimony_id=testimony_id)
        ]
    for kind, row in rows:
        delete_row(uow, row, kind, case_id, reason)
    return len(rows)
