"""Full-text search in any script, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from verifier.domain import EntityType
from verifier.errors import InvalidInput
from verifier.services import cases, claims, places, search, sources, testimonies
from verifier.services.workspace import Workspace


@pytest.fixture
def indexed(workspace: Workspace) -> tuple[Workspace, int, int]:
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        other = cases.create_case(uow, "Diyala")
        hama = sources.add_source(uow, case.id, "Hama", public_description="a student from Makhmour")
        testimonies.record_testimony(
            uow, hama.id, transcript="قال إنهم في مكانين: علي رش و گلي منجلان. They met at Gali Manjalan."
        )
        claims.add_claim(uow, case.id, "Militants camp at Gali Manjalan in the Qarachogh hills.")
        claims.add_claim(uow, other.id, "Village chiefs were executed in Diyala.")
        places.add_place(uow, "Makhmour", aliases=["مخمور", "مەخموور"])
    return workspace, case.id, other.id


def _found(ws: Workspace, terms: str, **kwargs: object) -> set[tuple[str, str]]:
    with ws.reading() as session:
        return {(h.kind.value, h.display) for h in search.search(session, terms, **kwargs)}  # type: ignore[arg-type]


def test_prefix_words_in_latin_script(indexed: tuple[Workspace, int, int]) -> None:
    ws, _, _ = indexed
    hits = _found(ws, "manjal")
    assert ("claim", "Militants camp at Gali Manjalan in the Qarachogh hills.") in hits
    assert any(kind == "testimony" for kind, _ in hits)
    assert _found(ws, "MAKHMOUR") == {("source", "Hama"), ("place", "Makhmour")}


def test_arabic_script_with_vowel_marks_and_letter_variants(indexed: tuple[Workspace, int, int]) -> None:
    ws, _, _ = indexed
    assert any(kind == "testimony" for kind, _ in _found(ws, "مَكانين"))  # harakat in the query
    assert any(kind == "testimony" for kind, _ in _found(ws, "علی"))  # Persian/Kurdish yeh typed
    assert ("place", "Makhmour") in _found(ws, "مەخموور")


def test_narrowing_by_case_and_kind(indexed: tuple[Workspace, int, int]) -> None:
    ws, case_id, other_id = indexed
    assert _found(ws, "executed", case_id=case_id) == set()
    assert _found(ws, "executed", case_id=other_id) == {("claim", "Village chiefs were executed in Diyala.")}
    assert {k for k, _ in _found(ws, "gali", kinds=[EntityType.CLAIM])} == {"claim"}
    with pytest.raises(InvalidInput, match="Cannot search 'evidence'"):
        _found(ws, "gali", kinds=["evidence"])


def test_changes_and_deletions_reach_the_index(indexed: tuple[Workspace, int, int]) -> None:
    ws, case_id, _ = indexed
    with ws.reading() as session:
        (claim,) = [c for c in claims.list_claims(session, case_id)]
    with ws.transaction() as uow:
        claims.update_claim(uow, claim.id, statement="Militants camp near Ali Rash.")
    assert _found(ws, "camp ali") == {("claim", "Militants camp near Ali Rash.")}
    with ws.transaction() as uow:
        claims.delete_claim(uow, claim.id, reason="duplicate")
    assert _found(ws, "camp") == set()


def test_query_syntax_cannot_be_injected(indexed: tuple[Workspace, int, int]) -> None:
    ws, _, _ = indexed
    assert _found(ws, 'gali" OR "x') == _found(ws, "gali x")
    assert _found(ws, "NEAR(gali manjalan) * : & | !") == _found(ws, "near gali manjalan")
    assert _found(ws, "   ") == set()


def test_rebuild_matches_incremental_index(indexed: tuple[Workspace, int, int]) -> None:
    ws, _, _ = indexed
    before = _found(ws, "gali")
    with ws.transaction() as uow:
        assert search.rebuild_index(uow) == 5  # 1 source, 1 testimony, 2 claims, 1 place
    assert _found(ws, "gali") == before
