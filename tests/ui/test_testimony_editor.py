"""The testimony editor on a real workspace: create, edit, stale edits, right-to-left transcripts,
and claims made from a selected passage."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.support import off_gui
from ui.dialogs.testimony_editor import MakeClaimDialog, TestimonyEditorDialog, read_when
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from verifier.domain import Connection, Medium, TimePrecision
from verifier.services import claims, links, sources, testimonies
from verifier.services.workspace import Workspace

TIMEOUT = 10_000
ARABIC_PASSAGE = "علي رش وگلي منجلان"


def case_testimonies(ws: Workspace, case_id: int) -> list[Any]:
    def read() -> list[Any]:
        with ws.reading() as session:
            return testimonies.list_testimonies(session, case_id)

    return off_gui(read)


def hama_testimony(ws: Workspace, case_id: int) -> Any:
    return next(t for t in case_testimonies(ws, case_id) if ARABIC_PASSAGE in t.transcript)


def open_editor(
    qtbot: QtBot, runner: TaskRunner, ws: Workspace, case_id: int, testimony_id: int | None
) -> TestimonyEditorDialog:
    dialog = TestimonyEditorDialog(runner, ws, case_id, testimony_id)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
        dialog.show()
    return dialog


def select(dialog: TestimonyEditorDialog, passage: str) -> None:
    edit = dialog.transcript_edit
    start = edit.toPlainText().index(passage)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(passage), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


# --- the When field --------------------------------------------------------------------------------


def test_when_text_is_read_in_its_zone() -> None:
    exact = read_when("2019-04-12 09:30", "+03:00")
    assert exact is not None and exact.precision is TimePrecision.MINUTE
    assert exact.start == datetime(2019, 4, 12, 6, 30, tzinfo=UTC)
    day = read_when("2019-03-29", "+03:00")
    assert day is not None and day.precision is TimePrecision.DAY
    assert day.start == datetime(2019, 3, 28, 21, 0, tzinfo=UTC)
    assert read_when("  ", "+03:00") is None


# --- create and edit -------------------------------------------------------------------------------


def test_create_a_testimony_in_arabic(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    db_calls: list[tuple[str, bool]],
) -> None:
    ws, case_id = demo_workspace
    before = {t.id for t in case_testimonies(ws, case_id)}
    dialog = open_editor(qtbot, runner, ws, case_id, None)
    assert dialog.windowTitle() == "Add Testimony"
    assert not dialog.make_claim_button.isEnabled()
    assert "Save the testimony first" in dialog.claim_hint.text()
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findText("Shwan"))
    qtbot.keyClicks(dialog.when_edit, "2019-04-12 09:30")
    assert dialog.when_preview.text() == "= 2019-04-12 06:30 UTC"
    dialog.medium_combo.setCurrentIndex(dialog.medium_combo.findData(Medium.PHONE))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ar"))
    transcript = "\n".join(
        ["مكالمة هاتفية.", "He says the men came down at dawn.", "قال إن الرجال نزلوا عند الفجر"]
    )
    dialog.transcript_edit.setPlainText(transcript)
    qtbot.keyClicks(dialog.translator_edit, "Karwan")
    with qtbot.waitSignal(dialog.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    created = [t for t in case_testimonies(ws, case_id) if t.id not in before]
    assert len(created) == 1
    stored = created[0]
    assert stored.taken_at == datetime(2019, 4, 12, 6, 30, tzinfo=UTC) and stored.taken_until is None
    assert stored.medium is Medium.PHONE and stored.language == "ar"
    assert stored.transcript == transcript and stored.translator == "Karwan"


def test_a_time_that_cannot_be_read_is_explained_and_blocks_saving(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    dialog = open_editor(qtbot, runner, ws, case_id, None)
    qtbot.keyClicks(dialog.when_edit, "the 12th of April")
    assert "is not a date or time" in dialog.when_preview.text()
    assert not dialog.ok_button().isEnabled()
    dialog.when_edit.setText("2019-04-12")
    dialog.zone_edit.setText("+3:00 Baghdad")
    assert "is not a UTC offset" in dialog.when_preview.text()
    assert not dialog.ok_button().isEnabled()


def test_edit_keeps_untouched_fields_and_refuses_a_stale_edit(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    original = hama_testimony(ws, case_id)
    dialog = open_editor(qtbot, runner, ws, case_id, original.id)
    assert dialog.windowTitle() == "Edit Testimony — Hama"
    assert dialog.transcript_edit.toPlainText() == original.transcript
    dialog.notes_edit.setPlainText("Met twice; second meeting by phone.")
    qtbot.keyClicks(dialog.reason_edit, "Added the meeting notes")
    with qtbot.waitSignal(dialog.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.apply_button(), Qt.MouseButton.LeftButton)
    saved = hama_testimony(ws, case_id)
    assert saved.notes == "Met twice; second meeting by phone."
    assert (saved.taken_at, saved.medium, saved.language) == (
        original.taken_at,
        original.medium,
        original.language,
    )
    assert saved.version == original.version + 1

    def someone_else() -> None:
        with ws.transaction() as uow:
            testimonies.update_testimony(uow, original.id, interviewer="Another reporter")

    off_gui(someone_else)
    dialog.translator_edit.setText("Rebwar")
    with qtbot.waitSignal(runner.sig_idle, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert "Not saved. Your edits are still in the form" in dialog.banner.text()
    assert hama_testimony(ws, case_id).translator == ""


# --- right to left ------------------------------------------------------------------------------


def test_arabic_paragraphs_are_right_aligned_and_english_left(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    dialog = open_editor(qtbot, runner, ws, case_id, hama_testimony(ws, case_id).id)
    edit = dialog.transcript_edit
    QApplication.processEvents()
    width = edit.document().textWidth()
    placed: dict[str, tuple[Qt.LayoutDirection, float, float]] = {}
    block = edit.document().begin()
    while block.isValid():
        line = block.layout().lineAt(0)
        rect = line.naturalTextRect()
        placed[block.text()] = (block.textDirection(), rect.left(), rect.right())
        block = block.next()
    arabic = next(text for text in placed if ARABIC_PASSAGE in text)
    english = next(text for text in placed if text.startswith("Interview notes"))
    direction, left, right = placed[arabic]
    assert direction == Qt.LayoutDirection.RightToLeft
    assert right > width - 20 and left > width / 3  # hugging the right edge
    direction, left, _ = placed[english]
    assert direction == Qt.LayoutDirection.LeftToRight and left < 20


# --- claims from a passage -------------------------------------------------------------------------


def test_make_claim_from_a_selected_arabic_passage_quotes_exactly_it(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    testimony = hama_testimony(ws, case_id)
    dialog = open_editor(qtbot, runner, ws, case_id, testimony.id)
    assert not dialog.make_claim_button.isEnabled()
    assert dialog.claim_hint.text() == "Select a passage to quote."
    select(dialog, ARABIC_PASSAGE)
    assert dialog.make_claim_button.isEnabled() and dialog.claim_hint.text() == ""
    qtbot.mouseClick(dialog.make_claim_button, Qt.MouseButton.LeftButton)
    maker = dialog.make_claim_dialog
    assert isinstance(maker, MakeClaimDialog) and maker.isVisible()
    assert maker.passage == ARABIC_PASSAGE
    assert maker.quote_view.toPlainText() == ARABIC_PASSAGE
    assert maker.statement_edit.toPlainText() == ARABIC_PASSAGE
    maker.statement_edit.setPlainText("The militants keep to Ali Rash and Gali Manjalan.")
    maker.connection_combo.setCurrentIndex(maker.connection_combo.findData(Connection.SAW_IT))
    made: list[Any] = []
    dialog.sig_claim_made.connect(made.append)
    with qtbot.waitSignal(dialog.sig_claim_made, timeout=TIMEOUT):
        qtbot.mouseClick(maker.buttons.button(maker.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    [claim] = made
    assert f"Claim #{claim.id} created" in dialog.banner.text()
    assert dialog.make_claim_dialog is None

    def stored() -> tuple[Any, Any]:
        with ws.reading() as session:
            found = claims.get_claim(session, claim.id)
            return found, links.links_of_claim(session, claim.id)

    found, claim_links = off_gui(stored)
    assert found.statement == "The militants keep to Ali Rash and Gali Manjalan."
    assert found.origin.value == "testimony"
    assert [(link.testimony_id, link.quote, link.relation.value) for link in claim_links.testimonies] == [
        (testimony.id, ARABIC_PASSAGE, "asserts")
    ]
    assert claim_links.testimonies[0].connection is Connection.SAW_IT


def test_make_claim_is_in_the_context_menu_and_on_ctrl_m(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    dialog = open_editor(qtbot, runner, ws, case_id, hama_testimony(ws, case_id).id)
    menu = dialog.transcript_edit.build_context_menu()
    assert menu.actions()[0] is dialog.act_make_claim
    assert not dialog.act_make_claim.isEnabled()
    menu.deleteLater()
    assert dialog.act_make_claim.shortcut().toString() == "Ctrl+M"
    select(dialog, "two armed men in khaki")
    assert dialog.act_make_claim.isEnabled()
    dialog.activateWindow()
    dialog.transcript_edit.setFocus()
    qtbot.keyClick(dialog.transcript_edit, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    if dialog.make_claim_dialog is None:  # the offscreen platform may not route window shortcuts
        dialog.act_make_claim.trigger()
    maker = dialog.make_claim_dialog
    assert maker is not None and maker.passage == "two armed men in khaki"
    maker.reject()


def test_unsaved_transcript_edits_must_be_saved_before_quoting(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id = demo_workspace
    dialog = open_editor(qtbot, runner, ws, case_id, hama_testimony(ws, case_id).id)
    cursor = dialog.transcript_edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertText("قالوا إنهم رأوا سيارتين")
    dialog.transcript_edit.setTextCursor(cursor)
    select(dialog, "سيارتين")
    assert not dialog.make_claim_button.isEnabled()
    assert "Save the transcript first" in dialog.claim_hint.text()
    assert dialog.make_claim() is None
    with qtbot.waitSignal(dialog.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.apply_button(), Qt.MouseButton.LeftButton)
    select(dialog, "سيارتين")
    assert dialog.make_claim_button.isEnabled()

    def revisions() -> int:
        with ws.reading() as session:
            return len(testimonies.testimony_revisions(session, dialog.testimony_id or 0))

    assert off_gui(revisions) == 1  # the earlier transcript is kept


# --- the main window ---------------------------------------------------------------------------------


def test_enter_on_a_testimony_row_opens_its_editor_and_claims_reload_the_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.select_view("testimonies")
    table = window.table("testimonies")
    row = next(r for r in range(table.proxy.rowCount()) if table.proxy.index(r, 1).data() == "Hama")
    table.selectRow(row)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = next(d for d in window.findChildren(TestimonyEditorDialog) if d.isVisible())
    with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
        pass
    assert dialog.windowTitle() == "Edit Testimony — Hama"
    claims_before = window.table("claims").record_model.rowCount()
    select(dialog, ARABIC_PASSAGE)
    maker = dialog.make_claim()
    assert maker is not None
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(maker.buttons.button(maker.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert window.table("claims").record_model.rowCount() == claims_before + 1
    assert "created from the testimony" in window.statusBar().currentMessage()
    dialog.close()


def test_add_testimony_from_the_sources_view_preselects_the_source(
    qtbot: QtBot, window: MainWindow, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace

    def shwan_id() -> int:
        with ws.reading() as session:
            return next(s.id for s in sources.list_sources(session, case_id) if s.alias == "Shwan")

    window.select_view("sources")
    assert window.table("sources").select_record(off_gui(shwan_id))
    window.act_add_testimony.trigger()
    dialog = next(d for d in window.findChildren(TestimonyEditorDialog) if d.isVisible())
    with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
        pass
    assert dialog.source_combo.currentText() == "Shwan"
    assert window.act_add_testimony.shortcut().toString() == "Ctrl+Shift+T"
    dialog.transcript_edit.setPlainText("A second call: he repeats the estimate.")
    with qtbot.waitSignals([dialog.sig_saved, window.sig_case_loaded], timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "testimonies"
    assert "A second call" in window.detail.toPlainText()
