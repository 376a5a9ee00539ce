"""A form dialog whose OK button saves in the background and stays open if saving fails."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui import errors
from ui.tasks import ProgressFn, TaskHandle, TaskRunner


class SavingDialog(QDialog):
    """Base of the create dialogs.

    Subclasses add rows to ``self.form``, implement ``save_function`` (returning the work to run
    on a worker thread) and call ``update_ok()`` when their fields change. While saving, the
    form is disabled; on success ``sig_saved(record)`` fires and the dialog closes; on failure
    the error presenter shows why and the user can correct the form (nothing was written: the
    core's transaction rolled back).
    """

    sig_saved = Signal(object)

    def __init__(self, runner: TaskRunner, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._runner = runner
        self._saving: TaskHandle[Any] | None = None
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro, self)
            text.setWordWrap(True)
            layout.addWidget(text)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- for subclasses ---------------------------------------------------------------------
    def is_complete(self) -> bool:
        """Whether the required fields are filled (enables OK)."""
        return True

    def save_function(self) -> Callable[[ProgressFn, threading.Event], object]:
        raise NotImplementedError

    def task_label(self) -> str:
        return self.windowTitle()

    def update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._saving is None and self.is_complete())

    # --- behaviour --------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self._saving is not None

    def save(self) -> None:
        """Start saving (the OK button); the dialog closes when the record is stored."""
        if self._saving is not None or not self.is_complete():
            return
        self._set_busy(True)
        self._saving = self._runner.run(
            self.save_function(),
            on_done=self._saved,
            on_failed=self._failed,
            label=self.task_label(),
            parent_widget=self,
        )

    def _saved(self, record: object) -> None:
        self._saving = None
        self._set_busy(False)
        self.sig_saved.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = None
        self._set_busy(False)
        errors.show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = item.widget() if item is not None else None
            if field is not None:
                field.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self.update_ok()

    def reject(self) -> None:
        # Closing while a save runs would hide its outcome; the save is short, so wait for it.
        if self._saving is None:
            super().reject()
