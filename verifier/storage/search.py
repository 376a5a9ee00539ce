"""The full-text index: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

One service, two backends. Documents are folded (``verifier.text.fold``) before indexing and
so are queries, so a search matches across scripts, letter variants, case and diacritics.
Only public-facing text is indexed; sealed identities never are (nothing here can read them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from verifier.domain import EntityType
from verifier.storage.models import ClaimRow, IdentifiedRow, PlaceRow, SourceRow, TestimonyRow
from verifier.text import fold, words

# Every indexed record gets a stable document id: its kind in the high bits, its id below.
_KIND_CODES = {EntityType.SOURCE: 1, EntityType.TESTIMONY: 2, EntityType.CLAIM: 3, EntityType.PLACE: 4}
_ID_BITS = 40
INDEXED_KINDS = frozenset(_KIND_CODES)
_TITLE_MAX = 200


@dataclass(frozen=True)
class SearchDocument:
    """What is indexed for one record."""

    kind: EntityType
    entity_id: int
    case_id: int | None
    display: str  # the record's own words, shown in results
    title: str
    body: str


@dataclass(frozen=True)
class SearchHit:
    """One result: which record, where, and the matching passage."""

    kind: EntityType
    entity_id: int
    case_id: int | None
    display: str
    snippet: str
    rank: float


def doc_id(kind: EntityType, entity_id: int) -> int:
    return (_KIND_CODES[kind] << _ID_BITS) | entity_id


def document_for(kind: EntityType, row: IdentifiedRow) -> SearchDocument:
    """The searchable text of a record (public-facing fields only)."""
    if isinstance(row, SourceRow):
        title, body, case_id = row.alias, row.public_description, row.case_id
    elif isinstance(row, TestimonyRow):
        first_line = row.transcript.strip().splitlines()[0] if row.transcript.strip() else ""
        title = first_line[:_TITLE_MAX]
        body = "\n".join((row.transcript, row.notes, row.place_text, row.interviewer))
        case_id = row.case_id
    elif isinstance(row, ClaimRow):
        title = row.statement
        body = "\n".join(
            [
                row.actors,
                row.event_type,
                row.place_text,
                row.when_label,
                *(q.unit + " " + q.qualifier for q in row.quantities),
            ]
        )
        case_id = row.case_id
    elif isinstance(row, PlaceRow):
        title, body, case_id = row.name, "\n".join([*(a.name for a in row.aliases), row.notes]), None
    else:
        raise TypeError(f"{type(row).__name__} is not indexed")
    return SearchDocument(kind, row.id, case_id, title[:_TITLE_MAX], fold(title), fold(body))


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def remove(session: Session, kind: EntityType, entity_id: int) -> None:
    if kind not in _KIND_CODES:
        return
    column = "rowid" if _is_sqlite(session) else "doc_id"
    session.execute(text(f"DELETE FROM search_index WHERE {column} = :id"), {"id": doc_id(kind, entity_id)})


def index(session: Session, documents: Iterable[SearchDocument]) -> None:
    """Insert or replace documents in the index (inside the caller's transaction)."""
    rows = [
        {
            "id": doc_id(d.kind, d.entity_id),
            "kind": d.kind.value,
            "entity_id": d.entity_id,
            "case_id": d.case_id,
            "display": d.display,
            "title": d.title,
            "body": d.body,
        }
        for d in documents
    ]
    if not rows:
        return
    if _is_sqlite(session):
        session.execute(text("DELETE FROM search_index WHERE rowid = :id"), [{"id": r["id"]} for r in rows])
        session.execute(
            text(
                "INSERT INTO search_index (rowid, title, body, kind, entity_id, case_id, display) "
                "VALUES (:id, :title, :body, :kind, :entity_id, :case_id, :display)"
            ),
            rows,
        )
    else:
        session.execute(
            text(
                "INSERT INTO search_index (doc_id, kind, entity_id, case_id, display, title, body) "
                "VALUES (:id, :kind, :entity_id, :case_id, :display, :title, :body) "
                "ON CONFLICT (doc_id) DO UPDATE SET case_id = EXCLUDED.case_id, display = EXCLUDED.display, "
                "title = EXCLUDED.title, body = EXCLUDED.body"
            ),
            rows,
        )


def index_row(session: Session, kind: EntityType, row: IdentifiedRow) -> None:
    index_rows(session, kind, [row])


def index_rows(session: Session, kind: EntityType, rows: Iterable[IdentifiedRow]) -> None:
    """Index new or changed records of one kind, in one statement."""
    if kind in _KIND_CODES:
        index(session, [document_for(kind, row) for row in rows])


def clear(session: Session) -> None:
    session.execute(text("DELETE FROM search_index"))


def query(
    session: Session,
    terms: str,
    *,
    case_id: int | None = None,
    kinds: Iterable[EntityType] = (),
    limit: int = 50,
) -> list[SearchHit]:
    """Records matching every word of ``terms`` (each word also as a prefix), best first.

    Places belong to no case and are returned whatever ``case_id`` is.
    """
    tokens = words(terms)
    if not tokens:
        return []
    wanted = [k.value for k in kinds]
    params: dict[str, object] = {"limit": limit}
    filters = []
    if case_id is not None:
        filters.append("(case_id = :case_id OR case_id IS NULL)")
        params["case_id"] = case_id
    if wanted:
        filters.append("kind IN (" + ", ".join(f":k{i}" for i in range(len(wanted))) + ")")
        params |= {f"k{i}": k for i, k in enumerate(wanted)}
    extra = "".join(f" AND {f}" for f in filters)
    if _is_sqlite(session):
        # Each token quoted (no FTS syntax can be injected) and made a prefix query.
        params["q"] = " ".join('"' + t.replace('"', "") + '"*' for t in tokens)
        sql = (
            "SELECT kind, entity_id, case_id, display, snippet(search_index, 1, '[', ']', '…', 16) AS snip, "
            "bm25(search_index, 5.0, 1.0) AS rank FROM search_index WHERE search_index MATCH :q"
            f"{extra} ORDER BY rank LIMIT :limit"
        )
        rows = session.execute(text(sql), params).all()
        return [
            SearchHit(EntityType(r.kind), int(r.entity_id), r.case_id, r.display, r.snip, -float(r.rank))
            for r in rows
        ]
    # tsquery: words are letters and digits only after folding, so they need no escaping.
    params["q"] = " & ".join(f"{t}:*" for t in tokens)
    sql = (
        "SELECT kind, entity_id, case_id, display, ts_headline('simple', body, q, "
        "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snip, ts_rank(tsv, q) AS rank "
        "FROM search_index, to_tsquery('simple', :q) AS q WHERE tsv @@ q"
        f"{extra} ORDER BY rank DESC LIMIT :limit"
    )
    rows = session.execute(text(sql), params).all()
    return [
        SearchHit(EntityType(r.kind), int(r.entity_id), r.case_id, r.display, r.snip, float(r.rank))
        for r in rows
    ]
