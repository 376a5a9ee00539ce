"""The list of cases behind the case selector."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.models.records import Roles
from ui.vocabulary import label
from verifier import domain
from verifier.domain import CaseStatus

AnyIndex = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractListModel):
    """Cases of the open workspace, newest first as the core lists them; one row per case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[domain.Case] = []

    def set_cases(self, cases: Sequence[domain.Case]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def cases(self) -> list[domain.Case]:
        return list(self._cases)

    def row_of(self, case_id: int) -> int:
        """The row of the case with this id, or -1."""
        return next((row for row, case in enumerate(self._cases) if case.id == case_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cases)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cases):
            return None
        case = self._cases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if case.status == CaseStatus.OPEN:
                return case.title
            # The status only shows when it is news: most cases are open.
            return QCoreApplication.translate("CaseListModel", "{title} ({status})").format(
                title=case.title, status=label(case.status)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return case.summary or case.title
        if role == Roles.RECORD_ID:
            return case.id
        if role == Roles.RECORD:
            return case
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
