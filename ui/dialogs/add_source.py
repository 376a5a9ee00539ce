"""Add source: alias, public description, kind and attribution terms. Never an identity."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ui.dialogs.base import SavingDialog
from ui.tasks import ProgressFn, TaskRunner
from ui.vocabulary import anonymity_explained, label
from verifier import domain
from verifier.domain import Anonymity, SourceKind
from verifier.services import sources
from verifier.services.workspace import Workspace


class AddSourceDialog(SavingDialog):
    """Logs a source in the current case under an alias.

    The form deliberately has no field for a real name or contact: an identity will only ever be
    stored sealed, through its own editor (issue 6), never as plain text in this table.
    """

    def __init__(
        self, runner: TaskRunner, ws: Workspace, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            runner,
            self.tr("Add Source"),
            self.tr(
                "Use an alias, never the real name: the alias is how this source appears everywhere "
                "in the app, in logs and in exports."
            ),
            parent,
        )
        self._ws = ws
        self._case_id = case_id
        self.alias_edit = QLineEdit(self)
        self.alias_edit.setMaxLength(sources.ALIAS_MAX)
        self.alias_edit.setPlaceholderText(self.tr("e.g. Hama"))
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setPlaceholderText(
            self.tr("How published work may describe the source, e.g. 'a shepherd from the area'")
        )
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.kind_combo = QComboBox(self)
        for kind in SourceKind:
            self.kind_combo.addItem(label(kind), kind)
        self.anonymity_combo = QComboBox(self)
        for terms in Anonymity:
            self.anonymity_combo.addItem(label(terms), terms)
        self.anonymity_combo.setCurrentIndex(self.anonymity_combo.findData(Anonymity.ANONYMOUS))
        self.terms_hint = QLabel(self)
        self.terms_hint.setWordWrap(True)
        self.form.addRow(self.tr("&Alias:"), self.alias_edit)
        self.form.addRow(self.tr("Public &description:"), self.description_edit)
        self.form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.form.addRow(self.tr("Attribution &terms:"), self.anonymity_combo)
        self.form.addRow("", self.terms_hint)
        self.alias_edit.textChanged.connect(self.update_ok)
        self.anonymity_combo.currentIndexChanged.connect(self._explain_terms)
        self._explain_terms()
        self.update_ok()

    def _explain_terms(self) -> None:
        self.terms_hint.setText(anonymity_explained(Anonymity(self.anonymity_combo.currentData())))

    def is_complete(self) -> bool:
        return bool(self.alias_edit.text().strip())

    def save_function(self) -> Callable[[ProgressFn, threading.Event], domain.Source]:
        ws, case_id = self._ws, self._case_id
        alias = self.alias_edit.text()
        description = self.description_edit.toPlainText()
        # Qt hands StrEnum user data back as plain str: convert at the boundary.
        kind = SourceKind(self.kind_combo.currentData())
        anonymity = Anonymity(self.anonymity_combo.currentData())

        def add(progress: ProgressFn, cancel: threading.Event) -> domain.Source:
            with ws.transaction() as uow:
                return sources.add_source(
                    uow, case_id, alias, public_description=description, kind=kind, anonymity=anonymity
                )

        return add
