"""New case: a title and a summary."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ui.dialogs.base import SavingDialog
from ui.tasks import ProgressFn, TaskRunner
from verifier import domain
from verifier.services import cases
from verifier.services.workspace import Workspace


class NewCaseDialog(SavingDialog):
    """Opens a new case (a story under investigation) in the workspace."""

    def __init__(self, runner: TaskRunner, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            self.tr("New Case"),
            self.tr("A case gathers the sources, testimonies, claims and evidence of one story."),
            parent,
        )
        self._ws = ws
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Shelling of the market on 3 May"))
        self.title_edit.setMaxLength(cases.TITLE_MAX)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setPlaceholderText(self.tr("What is being verified, and why"))
        self.summary_edit.setTabChangesFocus(True)
        self.form.addRow(self.tr("&Title:"), self.title_edit)
        self.form.addRow(self.tr("&Summary:"), self.summary_edit)
        self.title_edit.textChanged.connect(self.update_ok)
        self.update_ok()

    def is_complete(self) -> bool:
        return bool(self.title_edit.text().strip())

    def save_function(self) -> Callable[[ProgressFn, threading.Event], domain.Case]:
        ws, title, summary = self._ws, self.title_edit.text(), self.summary_edit.toPlainText()

        def create(progress: ProgressFn, cancel: threading.Event) -> domain.Case:
            with ws.transaction() as uow:
                return cases.create_case(uow, title, summary)

        return create
