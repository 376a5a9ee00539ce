"""The claims board: one column per claim status, a card per claim, moved by drag and drop.

Each column is a ``QListView`` over a ``ClaimColumnModel`` (``ui.models.claims_board``); the cards
are painted by ``ClaimCardDelegate`` (no widget per claim). Moving a card to another column, by
drag and drop or with "Move to…" (Ctrl+M, or the context menu), opens ``MoveClaimDialog``, which
asks for the rationale and saves in the background; dropping photos (from the gallery or the
evidence table) on a card opens ``LinkEvidenceDialog``. After a save the board says so with
``sig_changed("claims")`` and the main window reloads the case.
"""

from __future__ import annotations

from functools import partial
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.case_data import CaseData
from ui.case_report import corroboration_of, findings_about
from ui.dialogs.move_claim import LinkEvidenceDialog, MoveClaimDialog
from ui.models.claims_board import BoardRoles, ClaimCard, ClaimColumnModel, origins_text
from ui.models.records import Roles
from ui.tasks import TaskRunner
from ui.vocabulary import format_count, graded, label, text_direction
from ui.widgets.badge_delegate import TONES
from ui.widgets.case_panel import CasePanel
from verifier import domain
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Severity
from verifier.domain import ClaimStatus, Credibility

AnyIndex = QModelIndex | QPersistentModelIndex
D = TypeVar("D", MoveClaimDialog, LinkEvidenceDialog)

_GRADE_TONES = {
    Credibility.CONFIRMED: "ok",
    Credibility.PROBABLY_TRUE: "ok",
    Credibility.POSSIBLY_TRUE: "progress",
    Credibility.DOUBTFUL: "caution",
    Credibility.IMPROBABLE: "bad",
    Credibility.CANNOT_BE_JUDGED: "neutral",
}
_STATUS_ACCENTS = {
    ClaimStatus.UNVERIFIED: "#9aa5b1",
    ClaimStatus.IN_PROGRESS: "#2680c2",
    ClaimStatus.CORROBORATED: "#3f9142",
    ClaimStatus.CONTRADICTED: "#ba2525",
}
STATEMENT_LINES = 3


def elided_lines(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """Word-wrap ``text`` to ``width`` pixels in at most ``max_lines`` lines, the last one elided.

    Args:
        text: any text (runs of white space count as one space).
        metrics: the font's metrics.
        width: the line width in pixels.
        max_lines: at most this many lines.

    Returns:
        The lines, each at most ``width`` wide.
    """
    words = text.split()
    lines: list[str] = []
    current = ""
    for position, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        if len(lines) == max_lines - 1:
            rest = " ".join(words[position:])
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return lines
        current = word
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines[:max_lines]


class ClaimCardDelegate(QStyledItemDelegate):
    """Paints a claim as a card: statement (three lines at most), id, credibility, origins."""

    MARGIN = 5
    PADDING = 9

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        line = option.fontMetrics.height()
        height = 2 * self.MARGIN + 2 * self.PADDING + STATEMENT_LINES * line + 2 * (line + 10)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        return QSize(max(160, width), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        claim = index.data(Roles.RECORD)
        if not isinstance(claim, domain.Claim):
            super().paint(painter, option, index)
            return
        metrics = option.fontMetrics
        line = metrics.height()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        card = QRectF(option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = option.palette.highlight().color() if selected else QColor("#cbd2d9")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(QColor("#eef4fb") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(card, 6, 6)
        accent = QColor(_STATUS_ACCENTS.get(claim.status, "#9aa5b1"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(card.x(), card.y(), 4, card.height()), 2, 2)

        inner = card.toRect().adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        painter.setFont(option.font)
        painter.setPen(QColor("#1f2933"))
        rtl = text_direction(claim.statement) == "rtl"
        align = (
            Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        ) | Qt.AlignmentFlag.AlignTop
        for number, text in enumerate(elided_lines(claim.statement, metrics, inner.width(), STATEMENT_LINES)):
            painter.drawText(QRect(inner.x(), inner.y() + number * line, inner.width(), line), align, text)

        # First meta line: the credibility grade as a badge; second: id and independent origins.
        badge_top = inner.y() + STATEMENT_LINES * line + 6
        grade = claim.credibility
        badge = self.tr("Credibility {grade}").format(grade=graded(grade)) if grade else self.tr("Not graded")
        badge = metrics.elidedText(badge, Qt.TextElideMode.ElideRight, inner.width() - 16)
        background, foreground = TONES[_GRADE_TONES.get(grade, "neutral") if grade else "neutral"]
        pill = QRectF(inner.x(), badge_top, metrics.horizontalAdvance(badge) + 16, line + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge)

        meta_top = badge_top + line + 10
        painter.setPen(QColor("#627d98"))
        card_data = ClaimCard(claim, index.data(BoardRoles.SUPPORTING), index.data(BoardRoles.CONTRADICTING))
        meta = f"#{claim.id} · {origins_text(card_data)}"
        meta = metrics.elidedText(meta, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.x(), meta_top, inner.width(), line), Qt.AlignmentFlag.AlignLeft, meta)
        concerns = index.data(BoardRoles.FINDINGS)
        if isinstance(concerns, int) and concerns:
            # A small dot in the corner: the cross-reference found something worth a look (tooltip).
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#de911d"))
            painter.drawEllipse(QRectF(card.right() - 12, card.y() + 6, 6, 6))
        if focused and not selected:
            painter.setPen(QPen(option.palette.highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(2, 2, -2, -2), 5, 5)
        painter.restore()


class ClaimColumnView(QListView):
    """One column of cards: a drag source of claims and a drop target of claims and evidence."""

    def __init__(self, model: ClaimColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName(f"board_{model.status.value}")
        self.setItemDelegate(ClaimCardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Every card has the same size (the delegate's sizeHint depends on the column's width
        # only): laying out 90,000 cards asked for it twice per card, a second on the GUI thread.
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setWordWrap(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        # Overwrite mode makes every drop land "on" an item (never between two): evidence dropped
        # near a card's edge still goes to that card.
        self.setDragDropOverwriteMode(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setStyleSheet(
            "QListView { background: #f5f7fa; border: 1px solid #e4e7eb; border-radius: 4px; }"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            # An empty column says what it is for instead of staying blank.
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#9aa5b1"))
            area = self.viewport().rect().adjusted(12, 24, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self.tr("No claims here. Drop a card to move it here."))
            painter.end()

    @property
    def column_model(self) -> ClaimColumnModel:
        model = self.model()
        assert isinstance(model, ClaimColumnModel)
        return model

    def current_claim(self) -> domain.Claim | None:
        index = self.currentIndex()
        claim = index.data(Roles.RECORD) if index.isValid() else None
        return claim if isinstance(claim, domain.Claim) else None


class ClaimsBoardPanel(CasePanel):
    """The "Claims board" tab: the case's claims grouped by working status.

    Signals (besides ``CasePanel``'s):
        sig_dialog_opened(dialog): a move or link dialog was opened (tests, screenshots).
    """

    key = "board"
    after = "claims"

    sig_dialog_opened = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.title = self.tr("Claims board")
        self.report: CaseReport | None = None
        self.models: dict[ClaimStatus, ClaimColumnModel] = {}
        self.views: dict[ClaimStatus, ClaimColumnView] = {}
        self._headers: dict[ClaimStatus, QLabel] = {}
        self._last_case: int | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        self.hint = QLabel(
            self.tr(
                "Drag a card to another column to change its status (you will be asked why), or use "
                "Move to… (Ctrl+M). Drop photos from the Evidence tab on a card to link them."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.hint)
        columns = QHBoxLayout()
        columns.setSpacing(8)
        for status in ClaimStatus:
            model = ClaimColumnModel(status, self)
            model.sig_move_requested.connect(self._move_dropped)
            model.sig_link_requested.connect(self._link_dropped)
            view = ClaimColumnView(model, self)
            view.selectionModel().currentChanged.connect(partial(self._current_changed, status))
            view.activated.connect(self._activated)
            view.customContextMenuRequested.connect(partial(self._context_menu, status))
            header = QLabel(self)
            header.setObjectName(f"board_header_{status.value}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setStyleSheet(f"border-bottom: 3px solid {_STATUS_ACCENTS[status]}; padding-bottom: 3px;")
            header.setBuddy(view)
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(header)
            box.addWidget(view, 1)
            columns.addLayout(box, 1)
            self.models[status] = model
            self.views[status] = view
            self._headers[status] = header
        layout.addLayout(columns, 1)

        self.act_move = QAction(self.tr("Move to…"), self)
        self.act_move.setShortcut(QKeySequence("Ctrl+M"))
        self.act_move.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_move.setToolTip(self.tr("Move the selected claim to another status"))
        self.act_move.triggered.connect(self.move_current)
        self.addAction(self.act_move)
        self._update_headers()

    # --- CasePanel -------------------------------------------------------------------------------
    def show_case(self, data: CaseData) -> None:
        super().show_case(data)
        if self._last_case != data.case.id:
            self.report = None  # another case: its counts are not ours
        self._last_case = data.case.id
        selected = self.current_claim()
        cards = self._cards(data, self.report if self.report is not None else data.report)
        for model in self.models.values():
            model.set_cards(cards)
        self._update_headers()
        if selected is not None:
            self.select_record("claims", selected.id)

    def show_findings(self, report: CaseReport) -> None:
        self.report = report
        if self.data is None:
            return
        cards = self._cards(self.data, report)
        for model in self.models.values():
            model.update_cards(cards)

    def clear(self) -> None:
        super().clear()
        self.report = None
        self._last_case = None
        for model in self.models.values():
            model.set_cards([])
        self._update_headers()

    def select_record(self, kind: str, record_id: int) -> bool:
        if kind != "claims":
            return False
        for status, model in self.models.items():
            row = model.row_of(record_id)
            if row >= 0:
                view = self.views[status]
                index = model.index(row, 0)
                view.setCurrentIndex(index)
                view.scrollTo(index)
                return True
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.current_claim() is None:
            # Pick the first card so the detail pane shows a claim rather than a hint.
            for view in self.views.values():
                if view.model().rowCount():
                    view.setCurrentIndex(view.model().index(0, 0))
                    break

    def tab_title(self, data: CaseData | None, report: CaseReport | None) -> str:
        del report
        if data is None:
            return self.title
        return self.tr("{view} ({count})").format(view=self.title, count=format_count(len(data.claims)))

    # --- our API ---------------------------------------------------------------------------------
    def current_claim(self) -> domain.Claim | None:
        """The selected card's claim (the column with focus first)."""
        for view in self.views.values():
            if view.hasFocus() and view.current_claim() is not None:
                return view.current_claim()
        for view in self.views.values():
            if view.selectionModel().hasSelection():
                return view.current_claim()
        return None

    def move_current(self) -> MoveClaimDialog | None:
        """'Move to…' on the selected card: the dialog proposes the next column."""
        claim = self.current_claim()
        if claim is None:
            return None
        order = list(ClaimStatus)
        target = order[(order.index(claim.status) + 1) % len(order)]
        return self.request_move(claim.id, target)

    def request_move(self, claim_id: int, target: ClaimStatus | str) -> MoveClaimDialog | None:
        """Ask for the rationale of moving a claim to another status, then save it (background)."""
        claim = self.data.claim(claim_id) if self.data is not None else None
        if claim is None or self.workspace is None:
            return None
        status = ClaimStatus(target)
        if status == claim.status:
            return None
        dialog = MoveClaimDialog(self.runner, self.workspace, claim, status, self)
        dialog.sig_saved.connect(lambda _claim: self.sig_changed.emit("claims"))
        dialog.sig_stale.connect(lambda: self.sig_changed.emit("claims"))
        return self._open(dialog)

    def request_link(self, claim_id: int, evidence_ids: list[int]) -> LinkEvidenceDialog | None:
        """Ask how dropped evidence bears on a claim, then link it (background)."""
        data = self.data
        claim = data.claim(claim_id) if data is not None else None
        if data is None or claim is None or self.workspace is None:
            return None
        items = [item for eid in evidence_ids if (item := data.evidence_item(eid)) is not None]
        if not items:
            return None  # evidence of another case (another window): links stay within a case
        dialog = LinkEvidenceDialog(
            self.runner, self.workspace, claim, items, data.links_of(claim_id).evidence, self
        )
        dialog.sig_saved.connect(lambda _links: self.sig_changed.emit("claims"))
        return self._open(dialog)

    # --- internals -------------------------------------------------------------------------------
    def _open(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.sig_dialog_opened.emit(dialog)
        return dialog

    def _move_dropped(self, claim_id: int, status: str) -> None:
        self.request_move(claim_id, status)

    def _link_dropped(self, claim_id: int, evidence_ids: list[int]) -> None:
        self.request_link(claim_id, evidence_ids)

    def _cards(self, data: CaseData, report: CaseReport | None) -> list[ClaimCard]:
        cards = []
        for claim in data.claims:
            found = corroboration_of(report, claim.id)
            concerns = [f for f in findings_about(report, "claim", claim.id) if f.severity != Severity.INFO]
            cards.append(
                ClaimCard(
                    claim,
                    found.support_count if found is not None else None,
                    found.contradiction_count if found is not None else None,
                    len(concerns),
                )
            )
        return cards

    def _update_headers(self) -> None:
        for status, header in self._headers.items():
            count = self.models[status].rowCount()
            header.setText(self.tr("{status} · {count}").format(status=label(status), count=count))

    def _current_changed(self, status: ClaimStatus, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        if not current.isValid():
            return
        for other, view in self.views.items():
            if other != status:
                view.selectionModel().clear()
        self.sig_current.emit("claims", int(current.data(Roles.RECORD_ID)))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open.emit("claims", int(index.data(Roles.RECORD_ID)))

    def _context_menu(self, status: ClaimStatus, position: QPoint) -> None:
        view = self.views[status]
        index = view.indexAt(position)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        claim_id = int(index.data(Roles.RECORD_ID))
        menu = QMenu(self)
        move = menu.addMenu(self.tr("Move to"))
        for target in ClaimStatus:
            act = move.addAction(label(target))
            act.setEnabled(target != status)
            act.triggered.connect(partial(self.request_move, claim_id, target))
        show = menu.addAction(self.tr("Show in the Claims table"))
        show.triggered.connect(lambda: self.sig_open.emit("claims", claim_id))
        menu.popup(view.viewport().mapToGlobal(position))
