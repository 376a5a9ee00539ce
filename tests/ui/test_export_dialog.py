"""The Export Case dialog: the demo case exported through the window, cancel, and leak-guard refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tests.ui.conftest import WINDOW_TIMEOUT
from ui.dialogs.export_case import ExportDialog
from ui.main_window import MainWindow
from verifier.domain import AuditAction
from verifier.errors import WrongPassphrase
from verifier.export.pipeline import Format
from verifier.sealing import KdfCost, Secret
from verifier.services import claims, identities, sources
from verifier.services.workspace import Workspace

EXPORT_TIMEOUT = 60_000
FAST = KdfCost(2**10, 8, 1)
PASSPHRASE = "correct horse battery staple"
CANARY = "Zirvanqolo Hemedtestcanary"


def _open_dialog(window: MainWindow, qtbot: QtBot) -> ExportDialog:
    dialog = window.export_case()
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def _reloaded_audit(window: MainWindow, qtbot: QtBot) -> list[AuditAction]:
    with qtbot.waitSignal(window.sig_case_loaded, timeout=WINDOW_TIMEOUT):
        window.reload()
    assert window.case_data is not None
    return [entry.action for entry in window.case_data.audit]


def test_export_case_is_in_the_file_menu_with_ctrl_e(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert window.act_export_case in file_menu.actions()
    assert window.act_export_case.shortcut() == QKeySequence("Ctrl+E")
    assert window.act_export_case.isEnabled()


def test_exports_the_demo_case_and_lists_the_files(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _open_dialog(window, qtbot)
    assert dialog.profile() == "partner"
    assert dialog.holder_combo.isHidden()  # the demo case has no sealed identity
    dialog.set_destination(tmp_path, "makhmour-partner")
    dialog.set_formats(["html", "pdf", "csv"])
    assert dialog.export_button.isEnabled()

    with qtbot.waitSignal(dialog.sig_exported, timeout=EXPORT_TIMEOUT) as exported:
        dialog.export_button.click()
        assert dialog.is_running()
        assert not dialog.profile_combo.isEnabled()  # the choices are locked while it runs
    manifest = exported.args[0]

    out = tmp_path / "makhmour-partner"
    shown = {
        dialog.files_model.index(row, 0).data(): dialog.files_model.index(row, 1).data()
        for row in range(dialog.files_model.rowCount())
    }
    on_disk = {str(p.relative_to(out)): p.stat().st_size for p in out.rglob("*") if p.is_file()}
    assert set(shown) == set(on_disk) == {f.name for f in manifest.files}
    assert {"verification-partner.html", "verification-partner.pdf", "verification-partner.csv"} <= set(shown)
    assert any(name.startswith("images/") for name in shown)  # the partner profile's sanitized copies
    assert (out / "verification-partner.pdf").read_bytes()[:5] == b"%PDF-"
    assert not dialog.files_table.isHidden() and not dialog.open_button.isHidden()
    assert str(out) in dialog.result_label.text()
    assert dialog.result_label.text().startswith(f"{len(manifest.claims)} claim(s)")
    # The size column shows each file's size in words (the sort role holds the bytes).
    assert all(shown[name] for name in shown)

    # The window reloads after an export: the audit log view shows it.
    assert AuditAction.EXPORT in _reloaded_audit(window, qtbot)
    assert window.case_data is not None
    entry = next(e for e in window.case_data.audit if e.action is AuditAction.EXPORT)
    assert entry.new_values is not None
    assert entry.new_values["profile"] == "partner"
    assert entry.new_values["formats"] == [Format.HTML.value, Format.PDF.value, Format.CSV.value]


def test_cancel_leaves_no_folder_and_no_audit_entry(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog = _open_dialog(window, qtbot)
    dialog.set_destination(exports, "cancelled")
    with qtbot.waitSignal(dialog.sig_cancelled, timeout=EXPORT_TIMEOUT):
        assert dialog.start() is not None
        dialog.cancel()  # well before the export reaches its writing step
    assert list(exports.iterdir()) == []  # neither the folder nor a temporary one
    assert "nothing was written" in dialog.status_label.text()
    assert not dialog.is_running() and dialog.export_button.isEnabled()  # the user may try again
    assert AuditAction.EXPORT not in _reloaded_audit(window, qtbot)


@pytest.fixture
def sealed_demo(demo_workspace: tuple[Workspace, int]) -> tuple[Workspace, int]:
    """The demo case with Hama's identity sealed for "editor", and Hama's real name typed into a
    claim by a careless hand (the canary the leak guard must catch)."""
    ws, case = demo_workspace
    with ws.transaction() as uow:
        identities.enroll_holder(uow, "editor", Secret(PASSPHRASE), cost=FAST)
        hama = next(s for s in sources.list_sources(uow.session, case) if s.alias == "Hama")
        identities.seal_identity(uow, hama.id, {"real_name": CANARY}, ["editor"])
        claims.add_claim(uow, case, f"{CANARY} saw armed men near Ali Rash.")
    return ws, case


def _sealed_dialog(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> ExportDialog:
    with qtbot.waitSignal(window.sig_case_loaded, timeout=WINDOW_TIMEOUT):
        window.reload()
    dialog = window.export_case()
    assert dialog is not None
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_holders_loaded, timeout=WINDOW_TIMEOUT) as loaded:
        pass
    assert loaded.args == [["editor"]]
    assert not dialog.holder_combo.isHidden() and "Hama" in dialog.guard_label.text()
    assert not dialog.export_button.isEnabled()  # a sealed identity needs the holder's passphrase
    dialog.set_destination(tmp_path, "legal")
    dialog.set_profile("legal")
    dialog.set_formats(["html", "md"])
    return dialog


def test_a_leak_guard_refusal_is_shown_without_the_value(
    sealed_demo: tuple[Workspace, int], window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _sealed_dialog(window, qtbot, tmp_path)
    dialog.set_key_holder("editor", PASSPHRASE)
    with qtbot.waitSignal(dialog.sig_refused, timeout=EXPORT_TIMEOUT) as refused:
        dialog.start()
    assert dialog.passphrase_edit.text() == ""  # not kept in the form once used

    shown = dialog.refusal_text.toPlainText()
    assert shown == refused.args[0]
    assert not dialog.refusal_box.isHidden()
    assert "refused" in dialog.refusal_title.text()
    for words in ("identity of a protected source", "source 'Hama'", "'Statement'", "claim"):
        assert words in shown
    visible = " ".join(w.text() for w in dialog.findChildren(QWidget) if hasattr(w, "text"))
    assert CANARY not in shown and CANARY.split()[0] not in visible
    assert not (tmp_path / "legal").exists()
    assert dialog.export_button.isHidden() is False and dialog.profile_combo.isEnabled()
    assert AuditAction.EXPORT not in _reloaded_audit(window, qtbot)


def test_a_wrong_passphrase_is_presented_and_the_dialog_stays(
    sealed_demo: tuple[Workspace, int],
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    presented: list[tuple[QWidget | None, BaseException]],
) -> None:
    dialog = _sealed_dialog(window, qtbot, tmp_path)
    dialog.set_key_holder("editor", "not the passphrase")
    with qtbot.waitSignal(dialog.sig_failed, timeout=EXPORT_TIMEOUT):
        dialog.start()
    assert len(presented) == 1
    parent, exc = presented[0]
    assert parent is dialog and isinstance(exc, WrongPassphrase)
    assert dialog.refusal_box.isHidden() and not (tmp_path / "legal").exists()
    assert dialog.isVisible() and dialog.profile_combo.isEnabled()


def test_the_dialog_knows_every_step_the_core_reports(
    demo_workspace: tuple[Workspace, int], tmp_path: Path
) -> None:
    """The progress line translates the core's step names, and Cancel stops being honoured at
    the step that writes: both rely on the names the export service reports."""
    from ui.dialogs import export_case as dialog_module
    from verifier.services import export

    ws, case_id = demo_workspace
    seen: list[str] = []
    export.export_case(
        ws,
        case_id,
        tmp_path / "out",
        profile="partner",
        formats=["md"],
        progress=lambda done, total, what: seen.append(what),
    )
    assert dialog_module._POINT_OF_NO_RETURN in seen
    assert set(seen) <= set(dialog_module._STEPS), set(seen) - set(dialog_module._STEPS)
