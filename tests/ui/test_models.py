"""The item models and the filter proxy: Qt's model tester, roles, sorting and filtering."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from pytestqt.modeltest import ModelTester

from PySide6.QtCore import QPersistentModelIndex, Qt

from ui.case_data import CaseData, load_case_data
from ui.models import CaseListModel, Column, RecordFilterProxy, RecordTableModel, Roles
from ui.views import CaseContext, build_views
from verifier import domain
from verifier.domain import CaseStatus, ClaimStatus
from verifier.services.workspace import Workspace

NOW = datetime(2019, 4, 11, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    """A stand-in snapshot: the table model is generic over any frozen dataclass."""

    id: int
    statement: str
    status: ClaimStatus = ClaimStatus.UNVERIFIED


def _claim(claim_id: int, statement: str) -> Item:
    return Item(claim_id, statement)


def _claims_model() -> RecordTableModel[Item]:
    columns = [
        Column("#", lambda c: str(c.id), sort_key=lambda c: c.id),
        Column("Statement", lambda c: c.statement, tooltip=lambda c: c.statement),
        Column("Status", lambda c: c.status.value, badge=lambda c: "neutral"),
    ]
    return RecordTableModel(columns, lambda c: c.id)


def _demo_data(ws: Workspace, case_id: int) -> CaseData:
    return load_case_data(ws, case_id, lambda done, total, what: None)


def test_record_model_passes_the_model_tester_empty_and_filled(qtmodeltester: ModelTester) -> None:
    model = _claims_model()
    qtmodeltester.check(model)
    model.set_records([_claim(2, "Two armed men"), _claim(10, "A group"), _claim(1, "Militants")])
    qtmodeltester.check(model)
    model.set_records([])
    qtmodeltester.check(model)


def test_record_model_roles_give_typed_values() -> None:
    model = _claims_model()
    claim = _claim(7, "Armed men walked openly near Makhmour")
    model.set_records([claim])
    index = model.index(0, 1)
    assert index.data(Qt.ItemDataRole.DisplayRole) == claim.statement
    assert index.data(Roles.RECORD_ID) == 7
    assert index.data(Roles.RECORD) is claim
    assert model.index(0, 0).data(Roles.SORT) == 0  # its rank: the only row
    assert model.index(0, 2).data(Roles.BADGE) == "neutral"
    assert "makhmour" in index.data(Roles.SEARCH)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Statement"
    assert model.row_of(7) == 0 and model.row_of(8) == -1


def test_proxy_sorts_by_value_not_text(qtmodeltester: ModelTester) -> None:
    model = _claims_model()
    model.set_records([_claim(2, "b"), _claim(10, "c"), _claim(1, "a")])
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # As text "10" < "2"; as numbers 2 < 10.
    assert [proxy.index(row, 0).data() for row in range(3)] == ["1", "2", "10"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(row, 0).data() for row in range(3)] == ["10", "2", "1"]
    qtmodeltester.check(proxy)


def test_refreshed_values_show_and_sort_anew_keeping_the_selection(qtmodeltester: ModelTester) -> None:
    cited = {1: 0, 2: 5, 3: 1}  # what a column reads beside the record (a count of links)
    model = RecordTableModel(
        [
            Column("#", lambda c: str(c.id)),
            Column("Cited", lambda c: str(cited[c.id]), sort_key=lambda c: cited[c.id]),
        ],
        lambda c: c.id,
    )
    model.set_records([_claim(1, "a"), _claim(2, "b"), _claim(3, "c")])
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    held = QPersistentModelIndex(model.index(model.row_of(2), 0))
    assert [proxy.index(row, 1).data() for row in range(3)] == ["0", "1", "5"]
    cited.update({1: 9, 2: 0})
    with qtbot_signals(model) as changed:
        model.refresh_values()
    assert changed  # the views are told to repaint
    assert [proxy.index(row, 0).data() for row in range(3)] == ["2", "3", "1"]
    assert [proxy.index(row, 1).data() for row in range(3)] == ["0", "1", "9"]
    assert held.isValid() and held.data() == "2"  # a selection follows its record
    qtmodeltester.check(proxy)


@contextmanager
def qtbot_signals(model: RecordTableModel[Item]) -> Iterator[list[object]]:
    """The dataChanged signals a model emits within the block."""
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    yield changed


def test_sort_ranks_put_missing_values_first_and_tie_equal_values() -> None:
    from ui.models.records import sort_ranks as _ranks

    assert _ranks([3, None, 1, 3]) == [2, 0, 1, 2]
    # Values that cannot be compared with each other fall back to their text.
    assert _ranks(["b", 2, "a"]) == [2, 0, 1]
    assert _ranks([]) == []


def test_proxy_filter_matches_every_word_in_any_column(qtmodeltester: ModelTester) -> None:
    model = _claims_model()
    model.set_records(
        [
            _claim(1, "Militants hold Ali Rash"),
            _claim(2, "Armed men near ALI RASH in March"),
            _claim(3, "Other"),
        ]
    )
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("rash ali")
    assert proxy.rowCount() == 2
    proxy.set_filter_text("rash march")
    assert [proxy.index(r, 1).data(Roles.RECORD_ID) for r in range(proxy.rowCount())] == [2]
    qtmodeltester.check(proxy)
    proxy.set_filter_text("")
    assert proxy.rowCount() == 3


def test_every_view_model_passes_the_tester_on_the_demo_case(
    qtmodeltester: ModelTester, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    data = _demo_data(ws, case_id)
    ctx = CaseContext()
    ctx.data = data
    for spec in build_views(ctx):
        model: RecordTableModel[object] = RecordTableModel(
            spec.columns, spec.record_id, search_extra=spec.search_extra
        )
        model.set_records(spec.records(data))
        assert model.rowCount() > 0, spec.key
        qtmodeltester.check(model)
        proxy = RecordFilterProxy()
        proxy.setSourceModel(model)
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(proxy)


def test_filter_finds_places_by_an_arabic_script_alias(demo_workspace: tuple[Workspace, int]) -> None:
    ws, case_id = demo_workspace
    data = _demo_data(ws, case_id)
    spec = next(s for s in build_views(CaseContext()) if s.key == "places")
    model: RecordTableModel[domain.Place] = RecordTableModel(spec.columns, spec.record_id)
    model.set_records(spec.records(data))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("مەخموور")  # Sorani spelling
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Makhmour"]


def test_case_list_model(qtmodeltester: ModelTester) -> None:
    model = CaseListModel()
    qtmodeltester.check(model)
    cases = [
        domain.Case(1, "Makhmour", "summary", CaseStatus.OPEN, NOW, NOW, 1),
        domain.Case(2, "Old story", "", CaseStatus.ARCHIVED, NOW, NOW, 1),
    ]
    model.set_cases(cases)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Makhmour"
    assert model.index(1, 0).data() == "Old story (Archived)"
    assert model.index(1, 0).data(Roles.RECORD_ID) == 2
    assert model.index(0, 0).data(Roles.RECORD) is cases[0]
    assert model.row_of(2) == 1 and model.row_of(3) == -1


@pytest.mark.parametrize("key", ["sources", "testimonies", "claims", "evidence", "places", "audit"])
def test_views_have_real_headers(key: str) -> None:
    spec = next(s for s in build_views(CaseContext()) if s.key == key)
    model: RecordTableModel[object] = RecordTableModel(spec.columns, spec.record_id)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert all(isinstance(h, str) and h and not h.isdigit() for h in headers if h != "#")
