"""Add claim: one checkable statement."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.dialogs.base import SavingDialog
from ui.tasks import ProgressFn, TaskRunner
from verifier import domain
from verifier.services import claims
from verifier.services.workspace import Workspace


class AddClaimDialog(SavingDialog):
    """Adds an unverified claim to the current case."""

    def __init__(
        self, runner: TaskRunner, ws: Workspace, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            runner,
            self.tr("Add Claim"),
            self.tr(
                "Write one statement that can be checked: who did what, where, when, how many. "
                "It starts as unverified."
            ),
            parent,
        )
        self._ws = ws
        self._case_id = case_id
        self.statement_edit = QPlainTextEdit(self)
        self.statement_edit.setPlaceholderText(
            self.tr("e.g. Two armed men approached truffle gatherers near Ali Rash in mid-March 2019.")
        )
        self.statement_edit.setTabChangesFocus(True)
        self.form.addRow(self.tr("&Statement:"), self.statement_edit)
        self.statement_edit.textChanged.connect(self.update_ok)
        self.update_ok()

    def is_complete(self) -> bool:
        return bool(self.statement_edit.toPlainText().strip())

    def save_function(self) -> Callable[[ProgressFn, threading.Event], domain.Claim]:
        ws, case_id, statement = self._ws, self._case_id, self.statement_edit.toPlainText()

        def add(progress: ProgressFn, cancel: threading.Event) -> domain.Claim:
            with ws.transaction() as uow:
                return claims.add_claim(uow, case_id, statement)

        return add
