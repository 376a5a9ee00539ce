"""The single error presenter: user words for VerifierError, details and log path for bugs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import errors
from verifier.errors import ConfigurationError, InvalidInput, VaultFileMissing


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_verifier_error_shows_its_own_message_under_a_clear_title(qtbot: QtBot) -> None:
    box = errors.build_message_box(None, InvalidInput("The claim statement must not be empty."))
    qtbot.addWidget(box)
    assert box.windowTitle() == "Please check your input"
    assert box.text() == "The claim statement must not be empty."
    assert box.detailedText() == ""
    assert errors.title_for(VaultFileMissing("x")) == "Evidence vault problem"
    assert errors.title_for(ConfigurationError("x")) == "Cannot use this workspace"


def test_unexpected_error_shows_details_and_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    errors.set_log_file(tmp_path / "logs" / "verifier.log")
    try:
        box = errors.build_message_box(None, _raised(RuntimeError("boom")))
    finally:
        errors.set_log_file(None)
    qtbot.addWidget(box)
    assert box.windowTitle() == "Unexpected error"
    assert "RuntimeError: boom" in box.informativeText()
    assert str(tmp_path / "logs" / "verifier.log") in box.informativeText()
    assert "Traceback" in box.detailedText() and "_raised" in box.detailedText()


def test_show_error_opens_a_non_blocking_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_hook", None)  # the real presenter, just for this test
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    errors.show_error(parent, InvalidInput("The alias is 200 characters long; the limit is 120."))
    boxes = [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
    assert [box.text() for box in boxes] == ["The alias is 200 characters long; the limit is 120."]
    boxes[0].accept()


def test_intercepted_collects_instead_of_showing(qtbot: QtBot) -> None:
    with errors.intercepted() as shown:
        errors.show_error(None, InvalidInput("nope"))
    assert [str(exc) for _, exc in shown] == ["nope"]
