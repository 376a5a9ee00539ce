"""The main window on the demo case: views, detail pane, dialogs, checks, cancel, threads."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from ui.app import install_translations
from ui.main_window import MainWindow
from ui.models.records import Roles
from ui.settings import UiSettings
from ui.tasks import ProgressFn, TaskRunner
from ui.widgets.record_table import RecordTable
from verifier.demo import DEMO_TITLE
from verifier.domain import Anonymity
from verifier.errors import ConfigurationError, NotFound
from verifier.services.workspace import Workspace
from verifier.settings import Settings

TIMEOUT = 10_000


def column(table: RecordTable, header: str) -> list[str]:
    """The visible texts of a column, by header label, in view order."""
    model = table.model()
    col = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return [model.index(row, col).data() for row in range(model.rowCount())]


def select_where(window: MainWindow, view: str, test: Any) -> Any:
    window.select_view(view)
    table = window.table(view)
    for row in range(table.proxy.rowCount()):
        record = table.proxy.index(row, 0).data(Roles.RECORD)
        if test(record):
            assert table.select_record(table.proxy.index(row, 0).data(Roles.RECORD_ID))
            return record
    raise AssertionError(f"no matching row in {view}")


def ok_button(dialog: Any) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


# --- what the user sees --------------------------------------------------------------------------


def test_sources_show_aliases_and_terms_in_words(window: MainWindow) -> None:
    table = window.table("sources")
    aliases = column(table, "Alias")
    assert {"Hama", "Shwan", "Villager (photos)", "Coalition spokesman", "Staff photographer"} <= set(aliases)
    terms = dict(zip(aliases, column(table, "Attribution"), strict=True))
    assert terms["Hama"] == "Anonymous (description only)"
    assert terms["Coalition spokesman"] == "On the record (named)"
    assert window.tabs.tabText(0) == f"Sources ({len(aliases)})"
    assert window.case_title.text() == DEMO_TITLE


def test_detail_pane_follows_tabs_and_selection(window: MainWindow) -> None:
    claim = select_where(window, "claims", lambda c: "daylight" in c.statement)
    text = window.detail.toPlainText()
    assert claim.statement in text
    assert "IMG_20190221_104012.jpg" in text  # the linked evidence
    assert "Contradicts" in text
    source = select_where(window, "sources", lambda s: s.alias == "Hama")
    text = window.detail.toPlainText()
    assert "Hama" in text and source.public_description in text
    assert "Anonymous (description only)" in text


def test_transcript_lines_in_arabic_script_run_right_to_left(window: MainWindow) -> None:
    select_where(window, "testimonies", lambda t: "مكانين" in t.transcript)
    document = window.detail.document()
    directions = {}
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            directions[block.text()] = block.textDirection()
        block = block.next()
    arabic = next(text for text in directions if "مكانين" in text)
    english = next(text for text in directions if text.startswith("Interview notes"))
    assert directions[arabic] == Qt.LayoutDirection.RightToLeft
    assert directions[english] == Qt.LayoutDirection.LeftToRight


def test_detail_pane_escapes_field_text(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.add_claim()
    assert dialog is not None
    dialog.statement_edit.setPlainText("<b>Bold?</b> & <script>x</script>")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "claims"
    assert "<b>Bold?</b> & <script>x</script>" in window.detail.toPlainText()


def test_filter_box_filters_every_view(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "ali rash")
    window.select_view("claims")
    assert all("ali rash" in s.casefold() for s in column(window.table("claims"), "Statement"))
    assert window.tabs.tabText(2) == "Claims (2 of 6)"
    window.filter_edit.clear()
    assert window.tabs.tabText(2) == "Claims (6)"


# --- dialogs ---------------------------------------------------------------------------------


def test_new_case_dialog_creates_and_shows_the_case(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.new_case()
    assert dialog is not None and dialog.isVisible()
    assert not ok_button(dialog).isEnabled()  # a title is required
    dialog.title_edit.setText("Shelling of the market on 3 May")
    dialog.summary_edit.setPlainText("Check the two videos and the hospital's figures.")
    assert ok_button(dialog).isEnabled()
    with qtbot.waitSignals([window.sig_records_changed, window.sig_case_loaded], timeout=TIMEOUT):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert window.case_title.text() == "Shelling of the market on 3 May"
    assert window.case_combo.currentText() == "Shelling of the market on 3 May"
    assert window.case_combo.count() == 2
    assert window.table("sources").model().rowCount() == 0
    window.select_view("sources")
    assert "No sources in this case yet" in window.detail.toPlainText()


def test_add_source_dialog_saves_an_alias_never_an_identity(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.add_source()
    assert dialog is not None
    dialog.alias_edit.setText("Dara")
    dialog.description_edit.setPlainText("A nurse at the district hospital")
    dialog.anonymity_combo.setCurrentIndex(dialog.anonymity_combo.findData(Anonymity.CONFIDENTIAL))
    assert "may not be mentioned" in dialog.terms_hint.text()
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "sources"
    assert window.table("sources").current_record().alias == "Dara"
    assert "Confidential (never mentioned)" in window.detail.toPlainText()


def test_a_refused_save_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot, window: MainWindow, presented: list[tuple[QWidget | None, BaseException]]
) -> None:
    dialog = window.add_claim()
    assert dialog is not None
    dialog.statement_edit.setPlainText("x" * 20_001)
    with qtbot.waitSignal(window.runner.sig_idle, timeout=TIMEOUT):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert [str(exc) for _, exc in presented] == [
        "The claim statement is 20001 characters long; the limit is 20000."
    ]
    assert dialog.isVisible() and ok_button(dialog).isEnabled()


def test_error_presenter_gets_the_core_message(
    qtbot: QtBot, window: MainWindow, presented: list[tuple[QWidget | None, BaseException]]
) -> None:
    with qtbot.waitSignal(window.runner.sig_idle, timeout=TIMEOUT):
        window.load_case(987654)
    assert len(presented) == 1
    parent, exc = presented[0]
    assert parent is window and isinstance(exc, NotFound)
    assert "987654" in str(exc)


# --- integrity checks and cancel ---------------------------------------------------------------


def _report_box(window: MainWindow) -> QMessageBox:
    return next(box for box in window.findChildren(QMessageBox) if box.objectName() == "CheckReport")


def test_verify_vault_runs_in_background_and_reports_ok(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_check_finished, timeout=TIMEOUT) as finished:
        window.act_verify_vault.trigger()
    kind, report = finished.args
    assert kind == "vault" and report.ok and report.checked == 4
    box = _report_box(window)
    assert box.isVisible() and "The vault is intact" in box.text()
    box.accept()


def test_verify_audit_chain_reports_ok(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_check_finished, timeout=TIMEOUT) as finished:
        window.act_verify_audit.trigger()
    kind, report = finished.args
    assert kind == "audit" and report.ok and report.entries > 30
    assert "The audit chain holds" in _report_box(window).text()


def test_cancel_button_stops_the_running_task(qtbot: QtBot, window: MainWindow) -> None:
    release = threading.Event()

    def long_work(progress: ProgressFn, cancel: threading.Event) -> None:
        release.wait(5)
        for done in range(100):
            progress(done, 100, "")

    handle = window.runner.run(long_work, label="Importing photos")
    qtbot.waitUntil(window.cancel_button.isVisible, timeout=TIMEOUT)
    assert window.task_label.text() == "Importing photos"
    with qtbot.waitSignal(handle.sig_cancelled, timeout=TIMEOUT):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert not window.cancel_button.isVisible()


# --- workspace, threads, settings -------------------------------------------------------------


def test_database_work_never_runs_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, db_calls: list[tuple[str, bool]]
) -> None:
    dialog = window.add_claim()
    assert dialog is not None
    dialog.statement_edit.setPlainText("The checkpoint at the town entrance was unmanned on 12 April.")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    names = {name for name, _ in db_calls}
    assert {"reading", "transaction"} <= names
    assert not [name for name, on_gui in db_calls if on_gui]


def test_open_workspace_builds_the_demo_case(
    qtbot: QtBot,
    runner: TaskRunner,
    ui_settings: UiSettings,
    tmp_path: Path,
    db_calls: list[tuple[str, bool]],
) -> None:
    win = MainWindow(runner, ui_settings)
    qtbot.addWidget(win)
    with qtbot.waitSignals([win.sig_case_loaded, win.sig_ready], timeout=30_000):
        win.open_workspace(Settings(workspace=tmp_path / "fresh", user="tester"), demo_case=True)
    assert win.case_title.text() == DEMO_TITLE
    assert "fresh" in win.workspace_label.text() and "SQLite" in win.workspace_label.text()
    assert ui_settings.recent_workspaces()[0] == (tmp_path / "fresh").absolute()


def test_a_workspace_that_cannot_open_is_explained(
    qtbot: QtBot,
    runner: TaskRunner,
    ui_settings: UiSettings,
    tmp_path: Path,
    presented: list[tuple[QWidget | None, BaseException]],
) -> None:
    not_a_folder = tmp_path / "workspace"
    not_a_folder.write_text("a file, not a folder")
    win = MainWindow(runner, ui_settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_ready, timeout=TIMEOUT):
        win.open_workspace(Settings(workspace=not_a_folder, user="tester"))
    assert len(presented) == 1 and isinstance(presented[0][1], ConfigurationError)
    assert "is a file, not a folder" in str(presented[0][1])
    assert win.case_title.text() == "No workspace open"
    assert not win.act_add_source.isEnabled()


def test_layout_and_last_case_are_remembered(
    window: MainWindow, ui_settings: UiSettings, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    window.select_view("claims")
    window.close()
    assert not ui_settings.window_geometry().isEmpty()
    assert not ui_settings.splitter_state().isEmpty()
    assert ui_settings.current_view() == 2
    assert ui_settings.last_case_id(ws.settings.workspace) == case_id


def test_right_to_left_locale_mirrors_the_layout(qapp: QApplication) -> None:
    installed = []
    try:
        installed += install_translations(qapp, QLocale("ar_IQ"))
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        installed += install_translations(qapp, QLocale("ckb_IQ"))  # Sorani Kurdish
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        installed += install_translations(qapp, QLocale("en_US"))
        for translator in installed:
            qapp.removeTranslator(translator)
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_panels_draw_the_case_only_when_brought_to_the_front(qtbot: QtBot, window: MainWindow) -> None:
    # The window opened on a record view: the board and the map have not drawn anything.
    assert window.current_view_key() not in window.panels
    board, map_panel = window.panels["board"], window.panels["map"]
    assert board.data is None and map_panel.data is None
    window.select_view("board")
    assert board.data is not None and board.data.case.id == window.current_case_id()
    assert map_panel.data is None  # still behind its tab
    # Its tab title counts the case's claims even before it was drawn.
    assert window.tabs.tabText(window.tabs.indexOf(map_panel)) == "Map"
    assert window.tabs.tabText(window.tabs.indexOf(board)) == f"Claims board ({len(board.data.claims)})"
