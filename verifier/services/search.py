"""Use cases for full-text search over testimonies, claims, sources and places."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from verifier.domain import EntityType
from verifier.errors import InvalidInput
from verifier.permissions import Permission
from verifier.storage import repositories as repo
from verifier.storage import search as index
from verifier.storage.models import ClaimRow, PlaceRow, SourceRow, TestimonyRow
from verifier.storage.search import SearchHit
from verifier.storage.unit_of_work import UnitOfWork

__all__ = ["SearchHit", "rebuild_index", "search"]
QUERY_MAX = 500


def search(
    session: Session,
    terms: str,
    *,
    case_id: int | None = None,
    kinds: Iterable[EntityType | str] = (),
    limit: int = 50,
) -> list[SearchHit]:
    """Records containing every word of ``terms`` (each also as a prefix), in any script."""
    if len(terms) > QUERY_MAX:
        raise InvalidInput(f"The search is {len(terms)} characters long; the limit is {QUERY_MAX}.")
    wanted = []
    for kind in kinds:
        try:
            member = EntityType(kind)
        except ValueError:
            member = None
        if member not in index.INDEXED_KINDS:
            names = ", ".join(sorted(k.value for k in index.INDEXED_KINDS))
            raise InvalidInput(f"Cannot search '{kind}': choose among {names}.")
        wanted.append(member)
    if not 1 <= limit <= 1000:
        raise InvalidInput("The number of results must be between 1 and 1000.")
    return index.query(
        session, terms, case_id=case_id, kinds=[k for k in wanted if k is not None], limit=limit
    )


def rebuild_index(uow: UnitOfWork) -> int:
    """Re-index every record from scratch (after an import or to repair the index); returns the count."""
    uow.require(Permission.RECORD)
    index.clear(uow.session)
    count = 0
    for kind, row_type in (
        (EntityType.SOURCE, SourceRow),
        (EntityType.TESTIMONY, TestimonyRow),
        (EntityType.CLAIM, ClaimRow),
        (EntityType.PLACE, PlaceRow),
    ):
        for rows in repo.batches(uow.session, row_type):
            index.index(uow.session, [index.document_for(kind, row) for row in rows])
            count += len(rows)
    return count
