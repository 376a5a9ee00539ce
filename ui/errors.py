"""The single error presenter of the GUI (Anki ``show_exception``).

``show_error(parent, exc)`` is where every failure ends up: task failures (the task runner's
default), dialogs that could not save, and uncaught exceptions (``sys.excepthook`` in
``ui/app.py``). A ``VerifierError`` carries a message written for the user, so it is shown as is
under a title naming the kind of problem. Anything else is a bug: the user gets a short
explanation, the traceback under "Show Details", and where the log file is.

Tests replace the presenter with ``intercepted()`` so no modal dialog ever blocks them.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from verifier.errors import (
    Cancelled,
    ConfigurationError,
    Conflict,
    InvalidInput,
    NotFound,
    SchemaTooNew,
    SealError,
    StorageError,
    VaultError,
    VerifierError,
)

log = logging.getLogger(__name__)

Presenter = Callable[[QWidget | None, BaseException], None]

_CONTEXT = "ErrorPresenter"
# Set once by ui.app at start-up; shown in the "Unexpected error" dialog so a user can send it.
_log_file: Path | None = None
# Tests (and a future crash reporter) can take over presentation; see intercepted().
_hook: Presenter | None = None


def set_log_file(path: Path | None) -> None:
    """Tell the presenter where the log is written (named in the unexpected-error dialog)."""
    global _log_file
    _log_file = path


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def title_for(exc: BaseException) -> str:
    """A dialog title naming the kind of problem, most specific class first."""
    # Order matters: subclasses before their bases.
    if isinstance(exc, SchemaTooNew):
        return _tr("Database from a newer version")
    if isinstance(exc, VaultError):
        return _tr("Evidence vault problem")
    if isinstance(exc, StorageError):
        return _tr("Database problem")
    if isinstance(exc, ConfigurationError):
        return _tr("Cannot use this workspace")
    if isinstance(exc, SealError):
        return _tr("Sealed identity not available")
    if isinstance(exc, InvalidInput):
        return _tr("Please check your input")
    if isinstance(exc, NotFound):
        return _tr("Record not found")
    if isinstance(exc, Conflict):
        return _tr("Conflicting change")
    if isinstance(exc, Cancelled):
        return _tr("Cancelled")
    if isinstance(exc, VerifierError):
        return _tr("Source Verifier")
    return _tr("Unexpected error")


def build_message_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The dialog for ``exc``, not yet shown (tests inspect it; ``show_error`` opens it)."""
    box = QMessageBox(parent)
    box.setWindowTitle(title_for(exc))
    if isinstance(exc, VerifierError):
        box.setIcon(QMessageBox.Icon.Information if isinstance(exc, Cancelled) else QMessageBox.Icon.Warning)
        box.setText(str(exc) or title_for(exc))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(
            _tr(
                "Something went wrong that the app did not expect. "
                "Your data is safe: nothing half-done was saved."
            )
        )
        summary = f"{type(exc).__name__}: {exc}".strip()
        where = (
            _tr("The details are also in the log file:\n{path}").format(path=_log_file)
            if _log_file is not None
            else _tr("No log file could be written; copy the details below.")
        )
        box.setInformativeText(f"{summary}\n\n{where}")
        box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget | None, exc: BaseException, *, blocking: bool = False) -> None:
    """Show ``exc`` to the user.

    Args:
        parent: the window the dialog belongs to (None: the active window).
        exc: what went wrong.
        blocking: wait until the user closes the dialog (used before the event loop runs).
    """
    if _hook is not None:
        _hook(parent, exc)
        return
    if QApplication.instance() is None:  # no GUI (a tool or a test without Qt): log only
        log.error("%s: %s", title_for(exc), exc)
        return
    box = build_message_box(parent or QApplication.activeWindow(), exc)
    if blocking:
        box.exec()
        box.deleteLater()
    else:
        # open() is window-modal and returns at once: no nested event loop inside a slot.
        box.finished.connect(box.deleteLater)
        box.open()


@contextmanager
def intercepted() -> Iterator[list[tuple[QWidget | None, BaseException]]]:
    """Collect presented errors in a list instead of showing dialogs (for tests)."""
    global _hook
    shown: list[tuple[QWidget | None, BaseException]] = []
    previous = _hook
    _hook = lambda parent, exc: shown.append((parent, exc))  # noqa: E731 - a tiny closure
    try:
        yield shown
    finally:
        _hook = previous
