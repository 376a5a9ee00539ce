"""The source editor on a real workspace: create, edit, stale edits, grades, relationships, and the
sealed identity section (unseal with passphrase and reason, wrong passphrase, idle relock, leaks)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from tests.ui.support import off_gui
from ui.dialogs import source_editor
from ui.dialogs.source_editor import SourceEditorDialog
from ui.main_window import MainWindow
from ui.models.records import Roles
from ui.tasks import TaskRunner
from verifier.domain import Anonymity, Audience, AuditAction, IdentityState, SourceKind, SourceReliability
from verifier.sealing import KdfCost, Secret
from verifier.services import identities, integrity, sources
from verifier.services.workspace import Workspace

TIMEOUT = 10_000
FAST = KdfCost(2**10, 8, 1)  # tests only: the default is 2**17
PASSPHRASE = "a long passphrase for the editor"
CANARY_NAME = "Zirvan Qolotestcanary"
CANARY_PHONE = "+964 750 555 0142"


def source_named(ws: Workspace, case_id: int, alias: str) -> Any:
    def find() -> Any:
        with ws.reading() as session:
            return next(s for s in sources.list_sources(session, case_id) if s.alias == alias)

    return off_gui(find)


def audit_of(ws: Workspace, source_id: int) -> list[Any]:
    def read() -> list[Any]:
        with ws.reading() as session:
            return integrity.audit_log(session, entity_type="source", entity_id=source_id, limit=100)

    return off_gui(read)


@pytest.fixture
def sealed(demo_workspace: tuple[Workspace, int]) -> tuple[Workspace, int, int]:
    """The demo case with a key holder "editor" and Hama's identity sealed for them (a canary)."""
    ws, case_id = demo_workspace
    with ws.transaction() as uow:
        identities.enroll_holder(uow, "editor", Secret(PASSPHRASE), cost=FAST)
        hama = next(s for s in sources.list_sources(uow.session, case_id) if s.alias == "Hama")
        identities.seal_identity(uow, hama.id, {"real_name": CANARY_NAME, "phone": CANARY_PHONE}, ["editor"])
    return ws, case_id, hama.id


def open_editor(
    qtbot: QtBot, runner: TaskRunner, ws: Workspace, case_id: int, source_id: int | None
) -> SourceEditorDialog:
    dialog = SourceEditorDialog(runner, ws, case_id, source_id)
    qtbot.addWidget(dialog)
    if source_id is None:
        dialog.show()
    else:
        with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
            dialog.show()
    return dialog


def unseal(qtbot: QtBot, dialog: SourceEditorDialog, passphrase: str, reason: str) -> None:
    section = dialog.identity
    dialog.tabs.setCurrentWidget(section)
    qtbot.keyClicks(section.passphrase_edit, passphrase)
    qtbot.keyClicks(section.reason_edit, reason)
    assert section.unseal_button.isEnabled()
    handle = section.unseal()
    assert handle is not None
    with qtbot.waitSignal(handle.sig_finished, timeout=TIMEOUT):
        pass


def shown_texts(section: source_editor.IdentitySection) -> list[str]:
    return [edit.text() for edit in section.findChildren(QLineEdit)]


# --- details, grades, relationships ------------------------------------------------------------


def test_create_a_source_then_edit_it(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    db_calls: list[tuple[str, bool]],
) -> None:
    ws, case_id = demo_workspace
    dialog = open_editor(qtbot, runner, ws, case_id, None)
    assert dialog.windowTitle() == "Add Source"
    assert not dialog.ok_button().isEnabled()  # an alias is required
    assert not dialog.tabs.isTabEnabled(3)  # the identity needs a saved source
    qtbot.keyClicks(dialog.alias_edit, "Dara")
    dialog.description_edit.setPlainText("A nurse at the district hospital")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SourceKind.LOCAL_RESIDENT))
    dialog.anonymity_combo.setCurrentIndex(dialog.anonymity_combo.findData(Anonymity.CONFIDENTIAL))
    assert "may not be mentioned" in dialog.terms_hint.text()
    dialog.audience_boxes[Audience.FAMILY].setChecked(True)
    dialog.reason_given_edit.setPlainText("Her brother serves in a local militia.")
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(SourceReliability.F))
    assert not dialog.ok_button().isEnabled()  # a new grade needs its rationale
    qtbot.keyClicks(dialog.grade_rationale_edit, "First contact")
    # Apply: saved, and the dialog stays open as the editor of the new source.
    with qtbot.waitSignals([dialog.sig_saved, dialog.sig_loaded], timeout=TIMEOUT):
        qtbot.mouseClick(dialog.apply_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.source_id is not None
    assert dialog.windowTitle() == "Edit Source — Dara"
    assert dialog.tabs.isTabEnabled(3)
    assert dialog.current_grade_label.text() == "Current grade: F · Reliability cannot be judged"

    dialog.description_edit.setPlainText("A nurse at the hospital in Makhmour")
    qtbot.keyClicks(dialog.reason_edit, "She asked for the town to be named")
    with qtbot.waitSignal(dialog.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    stored = source_named(ws, case_id, "Dara")
    assert stored.public_description == "A nurse at the hospital in Makhmour"
    assert stored.kind is SourceKind.LOCAL_RESIDENT and stored.anonymity is Anonymity.CONFIDENTIAL
    assert stored.anonymous_from == (Audience.FAMILY,)
    assert stored.reason_given == "Her brother serves in a local militia."
    assert stored.reliability is SourceReliability.F
    update = next(e for e in audit_of(ws, stored.id) if e.action is AuditAction.UPDATE)
    assert update.reason == "She asked for the town to be named"
    assert update.new_values == {"public_description": "A nurse at the hospital in Makhmour"}


def test_a_stale_edit_is_refused_and_said_plainly(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    db_calls: list[tuple[str, bool]],
) -> None:
    ws, case_id = demo_workspace
    hama = source_named(ws, case_id, "Hama")
    dialog = open_editor(qtbot, runner, ws, case_id, hama.id)

    def someone_else() -> None:
        with ws.transaction() as uow:
            sources.update_source(uow, hama.id, notes="Changed by a colleague meanwhile.")

    off_gui(someone_else)
    dialog.alias_edit.setText("Hama (student)")
    with qtbot.waitSignal(runner.sig_idle, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.banner.isVisible()
    text = dialog.banner.text()
    assert "while you were editing it" in text or "changed by someone else" in text
    assert "now at version 2, you edited version 1" in text
    assert "Not saved. Your edits are still in the form" in text
    assert dialog.alias_edit.text() == "Hama (student)"
    stored = source_named(ws, case_id, "Hama")
    assert stored.notes == "Changed by a colleague meanwhile."


def test_grade_history_shows_who_when_and_old_to_new(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    qtmodeltester: Any,
    db_calls: list[tuple[str, bool]],
) -> None:
    ws, case_id = demo_workspace
    hama = source_named(ws, case_id, "Hama")
    dialog = open_editor(qtbot, runner, ws, case_id, hama.id)
    model = dialog.grades_model
    assert model.rowCount() == 1
    assert model.index(0, 2).data() == "— → C"
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(SourceReliability.B))
    qtbot.keyClicks(dialog.grade_rationale_edit, "Two of his accounts were confirmed by photos")
    with qtbot.waitSignals([dialog.sig_saved, dialog.sig_loaded], timeout=TIMEOUT):
        qtbot.mouseClick(dialog.apply_button(), Qt.MouseButton.LeftButton)
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[1:] for row in rows] == [
        ["tester", "C → B", "Two of his accounts were confirmed by photos"],
        ["tester", "— → C", "First contact; the details he gave check out so far."],
    ]
    assert rows[0][0].endswith("UTC")
    assert dialog.current_grade_label.text() == "Current grade: B · Usually reliable"


def test_relationships_are_added_and_removed_with_a_reason(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    qtmodeltester: Any,
    db_calls: list[tuple[str, bool]],
) -> None:
    ws, case_id = demo_workspace
    hama = source_named(ws, case_id, "Hama")
    dialog = open_editor(qtbot, runner, ws, case_id, hama.id)
    model = dialog.relations_model
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(2)] == ["Shwan", "Friend"]  # seen from Hama's side
    dialog.other_combo.setCurrentIndex(dialog.other_combo.findText("Villager (photos)"))
    dialog.relation_kind_combo.setCurrentIndex(dialog.relation_kind_combo.findText("Relative"))
    qtbot.keyClicks(dialog.relation_note_edit, "Cousins")
    with qtbot.waitSignal(dialog.sig_records_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.relate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=TIMEOUT)
    row = next(r for r in range(2) if model.index(r, 0).data() == "Villager (photos)")
    assert model.index(row, 2).data() == "Cousins"

    dialog.relations_view.selectRow(row)
    assert not dialog.unrelate_button.isEnabled()  # removing needs a reason
    qtbot.keyClicks(dialog.unrelate_reason_edit, "Entered by mistake")
    with qtbot.waitSignal(dialog.sig_records_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.unrelate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=TIMEOUT)

    def stored() -> list[Any]:
        with ws.reading() as session:
            return sources.relationships(session, case_id)

    assert [(r.kind.value, r.note) for r in off_gui(stored)] == [("friend", "Hama phoned him for us.")]


# --- the sealed identity -------------------------------------------------------------------------


def test_locked_section_shows_state_and_holders_only(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    section = dialog.identity
    assert section.state_label.text() == "Identity: Sealed (encrypted)"
    assert section.access_label.text() == "Who holds access: editor"
    assert section.current_page() is section.unlock_page
    assert not section.unseal_button.isEnabled()  # needs a passphrase and a reason
    assert not any(CANARY_NAME in text or CANARY_PHONE in text for text in shown_texts(section))


def test_unseal_with_passphrase_and_reason_shows_the_identity_and_audits_the_reason(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    section = dialog.identity
    with qtbot.waitSignal(section.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, dialog, PASSPHRASE, "Legal review of the Makhmour story")
    assert section.is_unlocked() and section.current_page() is section.revealed_page
    assert [edit.text() for edit in section.value_edits()] == [CANARY_NAME, CANARY_PHONE]
    assert all(edit.isReadOnly() for edit in section.value_edits())
    assert section.passphrase_edit.text() == "" and section.reason_edit.text() == ""
    unseals = [e for e in audit_of(ws, hama_id) if e.action is AuditAction.UNSEAL]
    assert len(unseals) == 1
    assert unseals[0].reason == "Legal review of the Makhmour story"
    assert unseals[0].actor == "tester" and unseals[0].new_values == {"holder": "editor"}


def test_a_wrong_passphrase_is_explained_and_reveals_nothing(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    section = dialog.identity
    with qtbot.waitSignal(section.sig_failed, timeout=TIMEOUT) as failed:
        unseal(qtbot, dialog, "not the passphrase", "Checking")
    assert failed.args == ["Wrong passphrase for editor: nothing was revealed and nothing was recorded."]
    assert section.error_label.isVisible() and section.error_label.text() == failed.args[0]
    assert not section.is_unlocked() and section.value_edits() == []
    assert section.current_page() is section.unlock_page
    assert section.passphrase_edit.text() == ""  # never kept in the widget
    assert not any(CANARY_NAME in text or CANARY_PHONE in text for text in shown_texts(section))
    assert not [e for e in audit_of(ws, hama_id) if e.action is AuditAction.UNSEAL]


def test_idle_relock_clears_fields_and_the_clipboard(
    qtbot: QtBot,
    runner: TaskRunner,
    sealed: tuple[Workspace, int, int],
    monkeypatch: pytest.MonkeyPatch,
    db_calls: list[tuple[str, bool]],
) -> None:
    monkeypatch.setattr(source_editor, "IDLE_RELOCK_MS", 600)
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    section = dialog.identity
    with qtbot.waitSignal(section.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, dialog, PASSPHRASE, "Calling him back")
    name_edit = section.value_edits()[0]
    name_edit.selectAll()
    name_edit.copy()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == CANARY_NAME
    # Activity in the section keeps it open past the idle delay...
    for _ in range(6):
        qtbot.wait(200)
        QApplication.sendEvent(name_edit, QEvent(QEvent.Type.FocusIn))
        qtbot.keyClick(name_edit, Qt.Key.Key_Right)
    assert section.is_unlocked()
    # ...and without activity it locks by itself.
    with qtbot.waitSignal(section.sig_locked, timeout=5_000):
        pass
    assert section.value_edits() == [] and section.current_page() is section.unlock_page
    assert not any(CANARY_NAME in text or CANARY_PHONE in text for text in shown_texts(section))
    assert clipboard.text() != CANARY_NAME


def test_closing_the_editor_locks_and_clears_a_copied_value(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    section = dialog.identity
    with qtbot.waitSignal(section.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, dialog, PASSPHRASE, "Calling him back")
    phone = section.value_edits()[1]
    phone.selectAll()
    phone.copy()
    unrelated = QGuiApplication.clipboard()
    with qtbot.waitSignal(section.sig_locked, timeout=TIMEOUT):
        dialog.close()
    assert not section.is_unlocked()
    assert not any(CANARY_NAME in text or CANARY_PHONE in text for text in shown_texts(section))
    assert unrelated.text() != CANARY_PHONE


def test_clipboard_text_of_something_else_is_left_alone(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, hama_id = sealed
    dialog = open_editor(qtbot, runner, ws, case_id, hama_id)
    with qtbot.waitSignal(dialog.identity.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, dialog, PASSPHRASE, "Calling him back")
    QGuiApplication.clipboard().setText("a quote from the transcript")
    dialog.identity.lock()
    assert QGuiApplication.clipboard().text() == "a quote from the transcript"


def _all_visible_strings(app: QApplication) -> list[str]:
    texts: list[str] = []
    for widget in app.allWidgets():
        texts += [
            widget.toolTip(),
            widget.windowTitle(),
            widget.statusTip(),
            widget.whatsThis(),
            widget.accessibleName(),
            widget.accessibleDescription(),
        ]
    return texts


def _model_strings(window: MainWindow) -> list[str]:
    texts: list[str] = []
    for table in window.tables.values():
        model = table.record_model
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Roles.SEARCH):
                    value = index.data(role)
                    if value is not None:
                        texts.append(str(value))
    return texts


def test_identity_never_reaches_tooltips_titles_models_detail_or_logs(
    qtbot: QtBot,
    qapp: QApplication,
    sealed: tuple[Workspace, int, int],  # before the window: sealed on this thread, not watched
    window: MainWindow,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    _, _, hama_id = sealed
    window.select_view("sources")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        window.reload()
    assert window.table("sources").select_record(hama_id)
    dialog = window.edit_source()
    assert dialog is not None
    with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
        pass
    # A wrong attempt first: the passphrase typed must not be logged either.
    with qtbot.waitSignal(dialog.identity.sig_failed, timeout=TIMEOUT):
        unseal(qtbot, dialog, "wrong-passphrase-canary", "First try")
    with qtbot.waitSignal(dialog.identity.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, dialog, PASSPHRASE, "Legal review")
    assert CANARY_NAME in [edit.text() for edit in dialog.identity.value_edits()]
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        window.reload()  # the views read the case again while the identity is shown
    secrets = (CANARY_NAME, CANARY_PHONE, PASSPHRASE, "wrong-passphrase-canary")
    for text in _all_visible_strings(qapp) + _model_strings(window) + [window.detail.toPlainText()]:
        assert not any(secret in text for secret in secrets), text
    logged = [record.getMessage() for record in caplog.records] + [caplog.text]
    assert any("wrong passphrase" in line.lower() for line in logged)  # the attempt is logged...
    for line in logged:
        assert not any(secret in line for secret in secrets), line  # ...never a value
    dialog.close()


def test_sealing_an_identity_for_a_source_without_one(
    qtbot: QtBot, runner: TaskRunner, sealed: tuple[Workspace, int, int], db_calls: list[tuple[str, bool]]
) -> None:
    ws, case_id, _ = sealed
    shwan = source_named(ws, case_id, "Shwan")
    dialog = open_editor(qtbot, runner, ws, case_id, shwan.id)
    section = dialog.identity
    dialog.tabs.setCurrentWidget(section)
    assert section.state_label.text() == "Identity: Not recorded"
    assert section.current_page() is section.seal_page
    assert not section.seal_button.isEnabled()
    qtbot.keyClicks(section.seal_edits["real_name"], "Shwan Realname-Canary")
    holders = section.holders_model
    assert [holders.item(r).text() for r in range(holders.rowCount())] == ["editor"]
    holders.item(0).setCheckState(Qt.CheckState.Checked)
    assert section.seal_button.isEnabled()
    with qtbot.waitSignal(section.sig_sealed, timeout=TIMEOUT):
        qtbot.mouseClick(section.seal_button, Qt.MouseButton.LeftButton)
    assert section.state_label.text() == "Identity: Sealed (encrypted)"
    assert section.access_label.text() == "Who holds access: editor"
    assert section.current_page() is section.unlock_page
    assert all(edit.text() == "" for edit in section.seal_edits.values())

    def stored() -> tuple[Any, list[str]]:
        with ws.reading() as session:
            return sources.get_source(session, shwan.id), identities.holders_of(session, shwan.id)

    source, access = off_gui(stored)
    assert source.identity_state is IdentityState.SEALED and access == ["editor"]
    # The version sealing made is ours: the details form still saves.
    dialog.notes_edit.setPlainText("Sealed after the second call.")
    with qtbot.waitSignal(dialog.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    reopened = open_editor(qtbot, runner, ws, case_id, shwan.id)
    with qtbot.waitSignal(reopened.identity.sig_unlocked, timeout=TIMEOUT):
        unseal(qtbot, reopened, PASSPHRASE, "Check the sealed name")
    assert [e.text() for e in reopened.identity.value_edits()] == ["Shwan Realname-Canary"]


# --- the main window ---------------------------------------------------------------------------------


def test_double_click_and_menu_open_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    table = window.table("sources")
    window.select_view("sources")
    row = next(r for r in range(table.proxy.rowCount()) if table.proxy.index(r, 0).data() == "Shwan")
    rect = table.visualRect(table.proxy.index(row, 0))
    # A double-click is a press, a release and a double-click event on the same row.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    opened = [d for d in window.findChildren(SourceEditorDialog) if d.isVisible()]
    assert len(opened) == 1
    with qtbot.waitSignal(opened[0].sig_loaded, timeout=TIMEOUT):
        pass
    assert opened[0].alias_edit.text() == "Shwan"
    opened[0].close()

    assert window.act_edit_source.shortcut().toString() == "Ctrl+Alt+S"
    case_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Case")
    assert window.act_edit_source in case_menu.actions()
    assert (
        window.act_add_testimony in case_menu.actions() and window.act_edit_testimony in case_menu.actions()
    )
    window.act_edit_source.trigger()
    dialog = next(d for d in window.findChildren(SourceEditorDialog) if d.isVisible())
    with qtbot.waitSignal(dialog.sig_loaded, timeout=TIMEOUT):
        pass
    assert dialog.alias_edit.text() == "Shwan"  # the selected row
    dialog.description_edit.setPlainText("A shepherd from the Qaraj area, in his forties")
    with qtbot.waitSignals([dialog.sig_saved, window.sig_case_loaded], timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert "in his forties" in window.detail.toPlainText()
