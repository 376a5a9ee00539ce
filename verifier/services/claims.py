"""Use cases for claims: checkable statements with a working status and a verdict."""

from __future__ import annotations

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import ClaimStatus, EntityType, Verdict
from verifier.services._common import create_row, delete_row, enum_field, reason_field, text_field, update_row
from verifier.services.links import delete_links_of
from verifier.storage import repositories as repo
from verifier.storage.models import CaseRow, ClaimRow
from verifier.storage.unit_of_work import UnitOfWork

STATEMENT_MAX = 20_000


def add_claim(uow: UnitOfWork, case_id: int, statement: str) -> domain.Claim:
    """Add an unverified claim to a case."""
    repo.get(uow.session, CaseRow, case_id)
    row = ClaimRow(
        case_id=case_id,
        statement=text_field(statement, "claim statement", max_length=STATEMENT_MAX, required=True),
        status=ClaimStatus.UNVERIFIED,
    )
    return create_row(uow, row, EntityType.CLAIM, case_id).to_domain()


def list_claims(session: Session, case_id: int) -> list[domain.Claim]:
    return [row.to_domain() for row in repo.list_in_case(session, ClaimRow, case_id)]


def get_claim(session: Session, claim_id: int) -> domain.Claim:
    return repo.get(session, ClaimRow, claim_id).to_domain()


def update_claim(
    uow: UnitOfWork,
    claim_id: int,
    *,
    statement: str | None = None,
    status: ClaimStatus | str | None = None,
    verdict: Verdict | str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Claim:
    """Change a claim's wording, status or verdict; a status or verdict change needs a reason."""
    row = repo.get(uow.session, ClaimRow, claim_id)
    changes: dict[str, object] = {}
    if statement is not None:
        changes["statement"] = text_field(
            statement, "claim statement", max_length=STATEMENT_MAX, required=True
        )
    if status is not None:
        changes["status"] = enum_field(ClaimStatus, status, "claim status")
    if verdict is not None:
        changes["verdict"] = enum_field(Verdict, verdict, "verdict")
    decisive = ("status" in changes and changes["status"] != row.status) or (
        "verdict" in changes and changes["verdict"] != row.verdict
    )
    why = reason_field(reason, required=decisive, action="change a claim's status or verdict")
    update_row(
        uow, row, EntityType.CLAIM, row.case_id, changes, reason=why, expected_version=expected_version
    )
    return row.to_domain()


def delete_claim(uow: UnitOfWork, claim_id: int, reason: str) -> None:
    """Delete a claim and every link to or from it (each deletion audited)."""
    row = repo.get(uow.session, ClaimRow, claim_id)
    why = reason_field(reason, required=True, action="delete a claim")
    delete_links_of(uow, claim_id=claim_id, case_id=row.case_id, reason=why)
    delete_row(uow, row, EntityType.CLAIM, row.case_id, why)
