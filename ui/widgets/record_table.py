"""The table every record view uses: a QTableView set up once for reading records."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models.mime import encode_ids
from ui.models.proxy import RecordFilterProxy
from ui.models.records import RecordTableModel, Roles
from ui.widgets.badge_delegate import BadgeDelegate

AnyIndex = QModelIndex | QPersistentModelIndex


def content_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of a text from its first strong character (Unicode bidi P2/P3), or None.

    None when the text has no strong character at all (a number, a dash): it then takes the
    direction around it.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return None


class DataTextDelegate(QStyledItemDelegate):
    """Lays each cell's text out in its own direction, aligned on the column's side.

    A cell holds field data, whatever the interface's language: "A US Army spokesman (…)" in an
    Arabic window laid out right to left would show its brackets and ellipsis on the wrong side.
    As ``dir="auto"`` does in a browser, the text's first strong character gives its direction,
    and a text without any letter (a time, "+03:00", "35, 13, 48.36") reads left to right. The
    cell keeps the alignment the column asks for, resolved against the view's direction, so a
    column still reads from the interface's leading side.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if not option.text:
            return
        direction = content_direction(option.text) or Qt.LayoutDirection.LeftToRight
        if direction == option.direction:
            return
        alignment = QStyle.visualAlignment(option.direction, option.displayAlignment)
        option.displayAlignment = alignment | Qt.AlignmentFlag.AlignAbsolute
        option.direction = direction


class RecordTableProxy(RecordFilterProxy):
    """The table's filter proxy; once given a MIME type, its rows can be dragged out as record ids."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drag_mime = ""

    def mimeTypes(self) -> list[str]:
        return [self.drag_mime] if self.drag_mime else []

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return encode_ids(self.drag_mime, (int(self.index(row, 0).data(Roles.RECORD_ID)) for row in rows))

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction


class RecordTable(QTableView):
    """A sortable, filterable, read-only table of records with row selection.

    Args:
        model: the source model (kept by the table; the proxy sits between).
        stretch: the column that absorbs spare width (usually the longest text).
    """

    def __init__(self, model: RecordTableModel[Any], *, stretch: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_model = model
        self.proxy = RecordTableProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        # Rows a little taller than the font so badges and Arabic diacritics are not clipped.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(36)
        average = self.fontMetrics().averageCharWidth()
        self._text_delegate = DataTextDelegate(self)
        self.setItemDelegate(self._text_delegate)
        badges = BadgeDelegate(self)
        for column in range(model.columnCount()):
            spec = model.column_spec(column)
            header.resizeSection(column, spec.width * average + 16)
            if spec.badge is not None:
                self.setItemDelegateForColumn(column, badges)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._badges = badges

    def enable_drag(self, mime_type: str) -> None:
        """Let rows be dragged out (to a claim card) carrying their record ids under ``mime_type``."""
        self.proxy.drag_mime = mime_type
        # The flag comes from the source model: a flags() override on the proxy too would put a
        # second Python call in front of every cell Qt paints.
        self.record_model.draggable = True
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDragEnabled(True)

    def current_record(self) -> Any:
        """The selected record snapshot, or None."""
        index = self.currentIndex()
        return index.data(Roles.RECORD) if index.isValid() else None

    def select_record(self, record_id: int) -> bool:
        """Select the visible row of a record by id; False when it is filtered out or absent.

        Found through the model's index of ids: asking each of 90,000 rows for its id took a
        third of a second on the GUI thread.
        """
        row = self.record_model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.record_model.index(row, 0))
        if not index.isValid():
            return False  # filtered out
        self._select(index)
        return True

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self._select(self.proxy.index(0, 0))

    def _select(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
