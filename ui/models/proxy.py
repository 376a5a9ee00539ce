"""Sorting and filtering of record tables, by typed values rather than display text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ui.models.records import RecordTableModel, Roles

AnyIndex = QModelIndex | QPersistentModelIndex


class FilterProxy(QSortFilterProxyModel):
    """A proxy whose filter settings all change through one method, on every Qt version."""

    def _change_filter(self, apply: Callable[[], object]) -> None:
        # beginFilterChange (Qt 6.9+) replaces invalidateFilter, which newer Qt deprecates.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.9
            apply()
            self.invalidateFilter()


class WordFilterProxy(FilterProxy):
    """Keeps what holds every word typed in a filter box (case-insensitive, in any order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def filter_text(self) -> str:
        return " ".join(self._words)

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self._change_filter(lambda: setattr(self, "_words", words))

    def _holds_every_word(self, haystack: object) -> bool:
        """True when nothing is typed, or the searchable text holds every word."""
        return not self._words or (isinstance(haystack, str) and all(w in haystack for w in self._words))


class RecordFilterProxy(WordFilterProxy):
    """Keeps the rows whose text holds every word typed in the filter box; sorts on ``Roles.SORT``.

    A ``RecordTableModel`` sorts its own rows (``sort`` is forwarded to it); any other source is
    sorted here on ``Roles.SORT``.

    Matching is case-insensitive (casefold, so it also works for scripts with special case rules)
    and word-wise: "ali rash 2019" finds a row mentioning all three, in any column or order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Roles.SORT)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let a ``RecordTableModel`` order its rows itself; the proxy then keeps that order.

        Sorting in the proxy costs two calls into Python per comparison (see
        ``RecordTableModel.sort``). Other source models are sorted here, by ``Roles.SORT``.
        """
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.sort(column, order)
            # Column -1 keeps the source order (descending there would reverse it again).
            super().sort(-1, Qt.SortOrder.AscendingOrder)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = model.data(model.index(source_row, 0, source_parent), Roles.SEARCH)
        # A row without searchable text is not something the words could rule out.
        return not isinstance(haystack, str) or self._holds_every_word(haystack)
