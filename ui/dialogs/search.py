"""Search every record of the workspace (or of one case) with the full-text search service.

The window's filter box narrows the views of the case on screen; this dialog asks the database's
full-text index (FTS5 on SQLite, tsvector on PostgreSQL), so it also finds what lies in other
cases. Each query runs in a background task; a newer keystroke supersedes an older query.
"""

from __future__ import annotations

import enum
import html
import re
import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.models.records import Roles
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from verifier.domain import EntityType
from verifier.services import search
from verifier.services.search import SearchHit
from verifier.services.workspace import Workspace

AnyIndex = QModelIndex | QPersistentModelIndex
_CONTEXT = "SearchDialog"
RESULT_LIMIT = 200
DEBOUNCE_MS = 200
# The record view that shows each kind of indexed record.
VIEW_OF_KIND = {
    EntityType.SOURCE: "sources",
    EntityType.TESTIMONY: "testimonies",
    EntityType.CLAIM: "claims",
    EntityType.PLACE: "places",
}
# The index marks matched words with brackets (storage/search.py); shown in bold here.
_MATCH = re.compile(r"\[([^\[\]]*)\]")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def kind_label(kind: EntityType) -> str:
    return {
        EntityType.SOURCE: _tr("Source"),
        EntityType.TESTIMONY: _tr("Testimony"),
        EntityType.CLAIM: _tr("Claim"),
        EntityType.PLACE: _tr("Place"),
    }.get(kind, kind.value)


def snippet_html(snippet: str) -> str:
    """The passage with the matched words in bold, everything else escaped."""
    parts: list[str] = []
    last = 0
    for match in _MATCH.finditer(snippet):
        parts.append(html.escape(snippet[last : match.start()]))
        parts.append(f"<b>{html.escape(match[1])}</b>")
        last = match.end()
    parts.append(html.escape(snippet[last:]))
    return "".join(parts)


class SearchRoles(enum.IntEnum):
    KIND = Roles.BADGE + 20  # EntityType
    CASE_ID = Roles.BADGE + 21  # int | None
    HTML = Roles.BADGE + 22  # the two-line rich text the delegate draws


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest query, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._case_titles: dict[int, str] = {}

    def set_hits(self, hits: Sequence[SearchHit], case_titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._case_titles = dict(case_titles)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        case = self._case_titles.get(hit.case_id, "") if hit.case_id is not None else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{kind_label(hit.kind)}: {hit.display}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("In case “{case}”").format(case=case) if case else None
        if role == SearchRoles.HTML:
            where = f" · {html.escape(case)}" if case else ""
            return (
                f"<span class='muted'>{html.escape(kind_label(hit.kind))}{where}</span><br>"
                f"<b>{html.escape(hit.display)}</b><br>{snippet_html(hit.snippet)}"
            )
        if role == Roles.RECORD_ID:
            return hit.entity_id
        if role == Roles.RECORD:
            return hit
        if role == SearchRoles.KIND:
            return hit.kind
        if role == SearchRoles.CASE_ID:
            return hit.case_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _RichTextDelegate(QStyledItemDelegate):
    """Draws ``SearchRoles.HTML`` (kind, case, title, passage with matches in bold)."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        document = QTextDocument()
        # The kind and case line is muted, but must stay readable on the selection's colour.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        muted = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        document.setDefaultStyleSheet(f".muted {{ color: {muted.name()}; }}")
        document.setDefaultFont(option.font)
        document.setHtml(index.data(SearchRoles.HTML) or "")
        document.setTextWidth(max(option.rect.width() - 12, 100))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(group))
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 6, rect.top() + 3)
        context.clip = QRectF(0, 0, rect.width() - 12, rect.height() - 6)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        document = self._document(option, index)
        return QSize(int(document.idealWidth()) + 12, int(document.size().height()) + 6)


class SearchDialog(QDialog):
    """Type words; see every record holding all of them; Enter shows the record in its view.

    Signals:
        sig_chosen(case_id, view_key, record_id): the user picked a hit.
        sig_searched(count): a query's results are shown (tests wait on it).
    """

    sig_chosen = Signal(int, str, int)
    sig_searched = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        case_id: int | None,
        case_titles: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search All Records"))
        self.setObjectName("SearchDialog")
        self.resize(720, 560)
        self._runner = runner
        self._ws = ws
        self._case_id = case_id
        self._case_titles = case_titles
        self._query: TaskHandle[list[SearchHit]] | None = None
        self._generation = 0

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("SearchQuery")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(
            self.tr("Words in any script; every word must appear (also as the start of a word)")
        )
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(self.tr("This case"), "case")
        self.scope_combo.addItem(self.tr("All cases"), "all")
        self.scope_combo.setEnabled(case_id is not None)
        if case_id is None:
            self.scope_combo.setCurrentIndex(1)
        self.model = SearchResultsModel(self)
        self.results = QListView(self)
        self.results.setObjectName("SearchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(_RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformItemSizes(False)
        self.status = QLabel(self)
        self.status.setObjectName("SearchStatus")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        label = QLabel(self.tr("&Search:"), self)
        label.setBuddy(self.query_edit)
        top.addWidget(label)
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.scope_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.query_edit.textChanged.connect(lambda _text: self._debounce.start())
        self.query_edit.returnPressed.connect(self._return_pressed)
        self.scope_combo.currentIndexChanged.connect(lambda _row: self.run_query())
        self.results.activated.connect(self._choose)
        self._show_status(self.tr("Type a word or two: names, places, what was said."))

    # --- queries -----------------------------------------------------------------------------
    def run_query(self) -> TaskHandle[list[SearchHit]] | None:
        """Ask the index for the words typed (superseding a query still running)."""
        self._debounce.stop()
        terms = self.query_edit.text().strip()
        self._generation += 1
        if self._query is not None:
            self._query.cancel()
            self._query = None
        if not terms:
            self.model.set_hits([], {})
            self._show_status(self.tr("Type a word or two: names, places, what was said."))
            return None
        generation = self._generation
        ws, case_id = self._ws, self._case_id if self.scope_combo.currentData() == "case" else None

        def query(progress: ProgressFn, cancel: threading.Event) -> list[SearchHit]:
            del progress, cancel
            with ws.reading() as session:
                return search.search(session, terms, case_id=case_id, limit=RESULT_LIMIT)

        self._show_status(self.tr("Searching…"))
        self._query = self._runner.run(
            query,
            on_done=lambda hits: self._show_hits(generation, hits),
            on_failed=lambda exc: self._failed(generation, exc),
            label=self.tr("Searching"),
        )
        return self._query

    def _show_hits(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return
        self._query = None
        self.model.set_hits(hits, self._case_titles)
        if not hits:
            self._show_status(self.tr("No record holds every word."))
        elif len(hits) >= RESULT_LIMIT:
            self._show_status(
                self.tr("The first {count} results, best first: add a word to narrow them.").format(
                    count=len(hits)
                )
            )
        else:
            self._show_status(
                self.tr("{count} result(s), best first. Enter shows one in its view.").format(count=len(hits))
            )
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.sig_searched.emit(len(hits))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._query = None
        self.model.set_hits([], {})
        # Bad input (a query too long) is the user's to fix: say it here rather than in a box.
        self._show_status(str(exc))
        self.sig_searched.emit(0)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    # --- choosing ----------------------------------------------------------------------------
    def _return_pressed(self) -> None:
        if self._debounce.isActive() or self._query is not None:
            self.run_query()
            return
        current = self.results.currentIndex()
        if current.isValid():
            self._choose(current)

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        view = VIEW_OF_KIND.get(hit.kind)
        # Places belong to the workspace, not to a case: they show in the current case's view.
        case_id = hit.case_id if hit.case_id is not None else self._case_id
        if view is None or case_id is None:
            return
        self.sig_chosen.emit(case_id, view, hit.entity_id)

    def keyPressEvent(self, event: Any) -> None:
        # Down from the query box moves into the results, as in a browser's address bar.
        if event.key() == Qt.Key.Key_Down and self.query_edit.hasFocus() and self.model.rowCount():
            self.results.setFocus()
            return
        super().keyPressEvent(event)


__all__ = ["VIEW_OF_KIND", "SearchDialog", "SearchResultsModel", "snippet_html"]
