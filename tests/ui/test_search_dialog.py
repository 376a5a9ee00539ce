"""The full-text search dialog: hits from the index, across cases, shown in their views."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from ui.dialogs.search import SearchDialog, SearchResultsModel, snippet_html
from ui.main_window import MainWindow
from ui.models.records import Roles
from verifier.domain import EntityType
from verifier.services import cases, claims
from verifier.services.search import SearchHit

TIMEOUT = 10_000


def search_for(qtbot: QtBot, dialog: SearchDialog, text: str) -> int:
    with qtbot.waitSignal(dialog.sig_searched, timeout=TIMEOUT) as searched:
        dialog.query_edit.setText(text)
    return int(searched.args[0])


def hits(dialog: SearchDialog) -> list[SearchHit]:
    return [dialog.model.hit(row) for row in range(dialog.model.rowCount())]


def test_snippet_marks_matches_in_bold_and_escapes_the_rest() -> None:
    assert snippet_html("near [Gali] <Manjala>") == "near <b>Gali</b> &lt;Manjala&gt;"


def test_results_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SearchResultsModel()
    model.set_hits(
        [
            SearchHit(EntityType.CLAIM, 3, 1, "Fighters seen", "[fighters] seen", 2.0),
            SearchHit(EntityType.PLACE, 4, 1, "Ali Rash", "[Ali] Rash", 1.0),
        ],
        {1: "A case"},
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Claim: Fighters seen"
    assert model.index(1, 0).data(Roles.RECORD_ID) == 4
    assert "In case “A case”" == model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_search_finds_a_place_by_its_second_spelling_and_shows_it(qtbot: QtBot, window: MainWindow) -> None:
    window.select_view("sources")
    dialog = window.search_dialog()
    assert dialog is not None
    assert search_for(qtbot, dialog, "Manjala") >= 1
    place = next(h for h in hits(dialog) if h.kind == EntityType.PLACE)
    assert "Gali Manjalan" in place.display
    dialog.results.setCurrentIndex(dialog.model.index(hits(dialog).index(place), 0))
    dialog.results.activated.emit(dialog.results.currentIndex())
    assert window.current_view_key() == "places"
    assert window.table("places").current_record().id == place.entity_id
    assert "Gali Manjalan" in window.detail.toPlainText()


def test_search_reaches_other_cases_and_switches_to_them(qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    assert ws is not None
    made: list[Any] = []

    def add_other_case() -> None:  # off the GUI thread, as another instance would
        with ws.transaction() as uow:
            other = cases.create_case(uow, "Convoy on the Erbil road")
            made.extend(
                [other, claims.add_claim(uow, other.id, "A white convoy passed the Kalak bridge at dawn")]
            )

    writer = threading.Thread(target=add_other_case)
    writer.start()
    writer.join()
    other, claim = made
    window.refresh_cases(select=window.current_case_id())
    qtbot.waitUntil(lambda: window.case_model.rowCount() == 2, timeout=TIMEOUT)
    demo_case = window.current_case_id()

    dialog = window.search_dialog()
    assert dialog is not None
    dialog.scope_combo.setCurrentIndex(0)  # this case only: the convoy is elsewhere
    assert search_for(qtbot, dialog, "Kalak convoy") == 0
    assert dialog.status.text() == "No record holds every word."
    with qtbot.waitSignal(dialog.sig_searched, timeout=TIMEOUT):
        dialog.scope_combo.setCurrentIndex(1)
    [hit] = hits(dialog)
    assert (hit.kind, hit.entity_id, hit.case_id) == (EntityType.CLAIM, claim.id, other.id)
    assert "Convoy on the Erbil road" in dialog.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        dialog.results.activated.emit(dialog.model.index(0, 0))
    assert window.current_case_id() == other.id != demo_case
    assert window.current_view_key() == "claims"
    assert window.table("claims").current_record().id == claim.id


def test_a_query_too_long_is_explained_in_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.search_dialog()
    assert dialog is not None
    assert search_for(qtbot, dialog, "x" * 600) == 0
    assert "limit is 500" in dialog.status.text()
    assert dialog.model.rowCount() == 0


def test_clearing_the_query_clears_the_results(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.search_dialog()
    assert dialog is not None
    assert search_for(qtbot, dialog, "Makhmour") > 0
    dialog.query_edit.clear()
    dialog.run_query()
    assert dialog.model.rowCount() == 0
    assert window.search_dialog() is dialog  # one dialog, brought forward
