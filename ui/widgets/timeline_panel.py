"""The Timeline view: claims' periods, testimonies and photos' capture times on one UTC axis.

Vague times stay vague: a claim "in mid-March 2019" is a bar over the ten days it may mean, an
exact time is a tick. A photo's row shows its camera-clock capture time (converted to UTC the
way the time rules do it, a bar when the time zone is unknown), the GPS receiver's own UTC time
stamp, and when the newsroom received it. Time-related findings of the case report turn the
records they speak of red and are listed in the tooltips.

Items are laid out in pixels from the current zoom (``seconds per pixel``) instead of scaling
the view, so bars keep a visible minimum width and labels keep their size at any zoom.

A large case has tens of thousands of items: they are built in slices over event-loop turns
(the first slice at once, so a small case is drawn before ``show_case`` returns), a newer case
or reload cancels the build under way, and tooltips are written when the pointer enters an item
instead of for every item up front.
"""

from __future__ import annotations

import bisect
import gc
import html
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Final

from shiboken6 import Shiboken

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QStyleOptionGraphicsItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui import vocabulary
from ui.case_data import CaseData
from ui.tasks import TaskRunner
from ui.widgets.case_panel import CasePanel
from ui.widgets.timeline_axis import Tick, choose_step, ticks
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Finding, Severity
from verifier.crossref.time import ZoneBasis
from verifier.domain import TimePrecision
from verifier.services import intake
from verifier.services.intake import PhotoPosition
from verifier.services.workspace import Workspace

ProgressFn = Callable[[int, int, str], None]
# A row of the timeline: (kind, record id, label, label's tooltip, marks); a titled section of rows.
Row = tuple[str, int, str, str, list["Mark"]]
Section = tuple[str, list[Row]]

CLAIMS: Final = "claims"
TESTIMONIES: Final = "testimonies"
EVIDENCE: Final = "evidence"
# Finding subjects name kinds in the singular; the views in the plural.
_SUBJECT_KIND: Final = {"claim": CLAIMS, "testimony": TESTIMONIES, "evidence": EVIDENCE}

# Rules outside the "time" family that are about when something happened.
TIME_RULES: Final = frozenset(
    {
        "claims.intervals_exclusive",
        "recycling.predates_claim",
        "sun.photo_light_vs_claim",
        "sun.claim_light_vs_words",
    }
)
# Findings that say two times cannot both be right, whatever their severity: a photo linked as
# "contradicts" is only information for the rules, but its time still contradicts the claim's.
CONTRADICTIONS: Final = frozenset(
    {
        "time.capture_outside_claim",
        "time.capture_after_receipt",
        "claims.intervals_exclusive",
        "recycling.predates_claim",
    }
)

GUTTER: Final = 250.0  # row labels
AXIS_HEIGHT: Final = 44.0
ROW: Final = 26.0
SECTION: Final = 24.0
MIN_BAR: Final = 5.0
# Zoom limits: one pixel for a second to one pixel for a year.
MIN_SPP: Final = 1.0
MAX_SPP: Final = 365.25 * 86400.0

COLOURS: Final = {
    CLAIMS: QColor("#7b3fa0"),
    TESTIMONIES: QColor("#2b7a78"),
    EVIDENCE: QColor("#d0661a"),
}
CONFLICT: Final = QColor("#c0392b")
SELECTED: Final = QColor("#e0b000")
LABEL_INK: Final = QColor("#222222")

# Building a large case: rows built per event-loop turn at most, and the time a turn may take.
SLICE_ROWS: Final = 400
SLICE_SECONDS: Final = 0.03


def is_time_finding(finding: Finding) -> bool:
    """Whether a finding is about when something happened."""
    return finding.family == "time" or finding.rule in TIME_RULES


def is_conflict(finding: Finding) -> bool:
    """Whether a time finding marks its records as conflicting (red)."""
    return finding.rule in CONTRADICTIONS or finding.severity in (Severity.WARNING, Severity.CONFLICT)


@dataclass
class Mark:
    """One thing on the timeline: a span (bar) or a moment (tick) of a record.

    Attributes:
        kind: CLAIMS, TESTIMONIES or EVIDENCE.
        record_id: The record.
        role: "period", "moment", "camera", "gps" or "received".
        start: First instant (UTC).
        end: Last instant; equal to ``start`` for a moment.
        caption: What the mark is, for the tooltip ("camera clock", "GPS UTC"...).
        row: The row it is drawn in.
    """

    kind: str
    record_id: int
    role: str
    start: datetime
    end: datetime
    caption: str
    row: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_span(self) -> bool:
        return self.end > self.start


def load_photo_times(ws: Workspace, case_id: int, progress: ProgressFn) -> tuple[PhotoPosition, ...]:
    """Capture times of a case's photos (worker thread, one Session)."""
    progress(0, 1, "photo times")
    with ws.reading() as session:
        found = tuple(intake.photo_positions(session, case_id))
    progress(1, 1, "")
    return found


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _utc(moment: datetime) -> str:
    return vocabulary.format_time(moment.astimezone(UTC))


class MarkItem(QGraphicsItem):
    """A mark drawn in pixels: bar (span), diamond (camera clock), circle (GPS), triangle (received).

    Its tooltip is written by ``describe`` when the pointer enters it (Qt delivers the hover
    before asking for the tooltip), so the text also follows findings that arrived later.
    """

    def __init__(self, mark: Mark, describe: Callable[[MarkItem], str] | None = None) -> None:
        super().__init__()
        self.mark = mark
        self.conflict = False
        self.width = 0.0
        self.row_y = 0.0
        self.shown = True  # isVisible() without asking Qt
        self._describe = describe
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(5 if mark.is_span else 6 if mark.role == "gps" else 7)

    def tooltip_text(self) -> str:
        """The tooltip shown for this mark (rich text)."""
        return self._describe(self) if self._describe is not None else ""

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        _refresh_tooltip(self, self.tooltip_text())
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        _refresh_tooltip(self, self.tooltip_text())
        super().hoverMoveEvent(event)

    @property
    def kind(self) -> str:
        return self.mark.kind

    @property
    def record_id(self) -> int:
        return self.mark.record_id

    def set_geometry(self, x: float, width: float, y: float) -> None:
        self.prepareGeometryChange()
        self.width = width
        self.setPos(x, y)

    def boundingRect(self) -> QRectF:
        if self.mark.is_span:
            return QRectF(-2, -9, self.width + 4, 18)
        return QRectF(-10, -10, 20, 20)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.boundingRect())
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        del option, widget
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = CONFLICT if self.conflict else COLOURS[self.kind]
        outline = QPen(SELECTED, 2.5) if self.isSelected() else QPen(colour.darker(130), 1.2)
        painter.setPen(outline)
        role = self.mark.role
        if self.mark.is_span:
            fill = QColor(colour)
            fill.setAlpha(120 if role == "period" else 70)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(0, -6, max(self.width, MIN_BAR), 12), 3, 3)
            return
        painter.setBrush(QBrush(colour))
        if role == "camera":
            painter.drawPolygon(QPolygonF([QPointF(0, -7), QPointF(6, 0), QPointF(0, 7), QPointF(-6, 0)]))
        elif role == "gps":
            # A ring around the camera's diamond: when both agree, both stay visible.
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if not self.isSelected():
                painter.setPen(QPen(colour.darker(130), 1.6))
            painter.drawEllipse(QPointF(0, 0), 8.5, 8.5)
        elif role == "received":
            painter.setBrush(QBrush(QColor(colour).lighter(150)))
            painter.drawPolygon(QPolygonF([QPointF(-6, -6), QPointF(6, -6), QPointF(0, 6)]))
        else:  # an exact time: a tick
            painter.drawLine(QPointF(0, -9), QPointF(0, 9))
            painter.drawEllipse(QPointF(0, 0), 3, 3)


def _keep_out_of_collections() -> None:
    """Move what is alive (the items just built among it) out of the collector's generations.

    Every slice creates thousands of long-lived objects: left in the generations, they make the
    collector walk them all again in full collections of 100-250 ms each during the build. The
    main window freezes the loaded case the same way; frozen objects are still freed when no
    longer referenced (the items hold no reference cycles).
    """
    gc.freeze()


def _refresh_tooltip(item: QGraphicsItem, text: str) -> None:
    if item.toolTip() != text:
        item.setToolTip(text)


class RowLabel(QGraphicsSimpleTextItem):
    """A row's name in the left gutter; clicking it picks the row's record.

    Its tooltip is set when the pointer enters it, like a mark's.
    """

    def __init__(
        self, text: str, kind: str, record_id: int, tooltip: str, metrics: QFontMetricsF | None = None
    ) -> None:
        super().__init__()
        self.full_text = text
        self.kind = kind
        self.record_id = record_id
        self.tooltip = tooltip
        self.red = False  # drawn as a conflict
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        metrics = metrics or QFontMetricsF(self.font())
        self.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, GUTTER - 24))

    def tooltip_text(self) -> str:
        """The tooltip shown for this row's name."""
        return self.tooltip

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        _refresh_tooltip(self, self.tooltip)
        super().hoverEnterEvent(event)


class TimelineView(QGraphicsView):
    """Wheel zooms around the cursor, dragging pans; the UTC axis stays at the top.

    Signals:
        sig_zoom(factor, x): zoom by ``factor`` keeping the time under viewport ``x`` in place.
        sig_pan(dx): the user dragged the time axis by ``dx`` pixels.
        sig_resized(): the viewport's width changed.
        sig_double_clicked(item): a mark was double-clicked.
    """

    sig_zoom = Signal(float, float)
    sig_pan = Signal(float)
    sig_resized = Signal()
    sig_double_clicked = Signal(object)

    def __init__(self, scene: QGraphicsScene, panel: TimelinePanel) -> None:
        super().__init__(scene, panel)
        self.panel = panel
        self.setObjectName("TimelineView")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setBackgroundBrush(QColor("white"))
        self._drag_x: float | None = None
        self._dragged = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # vertical scrolling through many rows
            return
        steps = event.angleDelta().y() / 120
        if steps:
            self.sig_zoom.emit(1.25**steps, event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and item is None:
            self._drag_x = event.position().x()
            self._dragged = False
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if isinstance(item, RowLabel) and event.button() == Qt.MouseButton.LeftButton:
            self.panel.select_record(item.kind, item.record_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is not None:
            dx = event.position().x() - self._drag_x
            if abs(dx) >= 1:
                self._dragged = True
                self._drag_x = event.position().x()
                self.sig_pan.emit(dx)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is not None:
            self._drag_x = None
            self.viewport().unsetCursor()
            if not self._dragged:
                self.scene().clearSelection()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, MarkItem):
            self.sig_double_clicked.emit(item)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.sig_resized.emit()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        rect = QRectF(rect)
        panel = self.panel
        painter.save()
        # Row stripes and section titles' bands (in order from the top): those in the rect.
        bands = panel.bands
        first = bisect.bisect_left(bands, rect.top() - max(ROW, SECTION), key=lambda band: band[0])
        for top, height, shade in itertools.islice(bands, first, None):
            if top > rect.bottom():
                break
            painter.fillRect(QRectF(rect.left(), top, rect.width(), height), shade)
        # The picked record's row, so it stands out whichever of its marks was clicked.
        for top in {item.row_y for item in panel.scene.selectedItems() if isinstance(item, MarkItem)}:
            painter.fillRect(QRectF(rect.left(), top - ROW / 2, rect.width(), ROW), QColor(224, 176, 0, 45))
        # Grid lines at the axis ticks, over the time area only.
        pen = QPen(QColor(0, 0, 0, 28), 1)
        painter.setPen(pen)
        for x, _tick in panel.tick_positions():
            if x < GUTTER:
                continue
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.drawLine(QPointF(GUTTER, rect.top()), QPointF(GUTTER, rect.bottom()))
        painter.restore()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        del rect
        panel = self.panel
        painter.save()
        painter.resetTransform()
        width = float(self.viewport().width())
        painter.fillRect(QRectF(0, 0, width, AXIS_HEIGHT), QColor("#f3f3f3"))
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.drawLine(QPointF(0, AXIS_HEIGHT), QPointF(width, AXIS_HEIGHT))
        font = QFont(self.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        painter.setPen(QColor("#555555"))
        painter.drawText(QPointF(10, AXIS_HEIGHT - 9), self.tr("Time (UTC)"))
        bold = QFont(font)
        bold.setBold(True)
        last_context_end = GUTTER
        for x, tick in panel.tick_positions():
            if x < GUTTER:
                continue
            painter.setPen(QPen(QColor("#888888"), 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, AXIS_HEIGHT))
            painter.setPen(QColor("#333333"))
            painter.setFont(font)
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 9), tick.label)
            if tick.context and x >= last_context_end:
                painter.setFont(bold)
                painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 9 - metrics.height()), tick.context)
                last_context_end = x + QFontMetricsF(bold).horizontalAdvance(tick.context) + 12
        painter.restore()


class TimelinePanel(CasePanel):
    """The Timeline tab: every dated record of the case on one UTC axis, conflicts in red.

    Signals (besides ``CasePanel``'s):
        sig_drawn(): the timeline was (re)built with the photos' times (every item is drawn).
    """

    key = "timeline"
    title = "Timeline"
    after = "map"

    sig_drawn = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.title = self.tr("Timeline")
        self.photo_times: tuple[PhotoPosition, ...] | None = None
        self.report: CaseReport | None = None
        self.items: list[MarkItem] = []
        self.row_labels: list[RowLabel] = []
        self.bands: list[tuple[float, float, QColor]] = []
        self.start = datetime(2000, 1, 1, tzinfo=UTC)
        self.seconds_per_px = 3600.0
        self._generation = 0
        self._undated = 0
        self._content_height = AXIS_HEIGHT
        self._auto_fit = True
        # The build under way (one step per row), run in slices by a zero-time timer; replacing
        # it (a newer case, photo times, clear) cancels the older one.
        self._build: Iterator[bool] | None = None
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._continue_build)
        self._announce = False  # emit sig_drawn when the build ends
        self._restore: list[tuple[str, int]] = []  # selected records to select again
        self._pending_select: tuple[str, int] | None = None
        self._slice_width = 1.0
        self.slices = 0  # event-loop turns the last build took
        self._marks: list[Mark] = []  # every mark of the timeline, built or still to build
        self._built: list[QGraphicsItem] = []  # every item of the scene, in the order added
        # Items of earlier builds: hidden first (a build starts with that), then deleted a slice
        # at a time once no build is under way (deleting tens of thousands at once takes a
        # second, and so does another scene for the view).
        self._to_hide: list[QGraphicsItem] = []
        self._graveyard: list[QGraphicsItem] = []
        # The items and row names built, by record (kind, id).
        self._by_key: dict[tuple[str, int], list[MarkItem]] = {}
        self._label_of: dict[tuple[str, int], RowLabel] = {}
        self._with_findings: set[tuple[str, int]] = set()  # records whose items list findings
        self._by_record: dict[tuple[str, int], list[Finding]] = {}  # time findings by record
        self._conflict_keys: set[tuple[str, int]] = set()  # records drawn red (once built)
        self._planned: set[tuple[str, int]] = set()  # records with a row, built or not

        self.scene = QGraphicsScene(self)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view = TimelineView(self.scene, self)
        self.view.sig_zoom.connect(self.zoom)
        self.view.sig_pan.connect(self.pan)
        self.view.sig_resized.connect(self._resized)
        self.view.sig_double_clicked.connect(self._double_clicked)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_fit = self._action(
            self.tr("Fit All"), self.fit_all, self.tr("Show the whole span of the case")
        )
        self.act_zoom_in = self._action(self.tr("Zoom In"), partial(self.zoom, 2.0, None))
        self.act_zoom_out = self._action(self.tr("Zoom Out"), partial(self.zoom, 0.5, None))
        self.legend = QLabel(self._legend_html(), self)
        self.legend.setObjectName("TimelineLegend")
        self.legend.setWordWrap(True)
        self.legend.setContentsMargins(6, 2, 6, 0)
        self.status = QLabel(self)
        self.status.setObjectName("TimelineStatus")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(6, 0, 6, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)

    def _action(self, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
        act = QAction(text, self)
        if tip:
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(act)
        return act

    def _legend_html(self) -> str:
        entries = [
            (COLOURS[CLAIMS], "▬", self.tr("claimed period")),
            (COLOURS[TESTIMONIES], "┃", self.tr("exact time")),
            (COLOURS[EVIDENCE], "◆", self.tr("photo: camera clock, in UTC")),
            (COLOURS[EVIDENCE], "○", self.tr("GPS time stamp (UTC)")),
            (COLOURS[EVIDENCE], "▼", self.tr("received")),
            (CONFLICT, "■", self.tr("time conflict (see the tooltip)")),
        ]
        return (
            "&nbsp;&nbsp;".join(
                f'<span style="color:{colour.name()}">{symbol}</span>&nbsp;{html.escape(text)}'
                for colour, symbol, text in entries
            )
            + "&nbsp;&nbsp;·&nbsp;&nbsp;"
            + html.escape(self.tr("Wheel: zoom · drag: pan · Shift+wheel: scroll"))
        )

    # ==== CasePanel ===========================================================================
    def show_case(self, data: CaseData) -> None:
        if self.data is not None and self.data.case.id != data.case.id:
            self.report = None  # another case's findings; this one's follow with show_findings
        super().show_case(data)
        self.photo_times = None
        self._generation += 1
        ws = self.workspace
        self._rebuild(refit=True, announce=ws is None)
        if ws is None:
            return
        generation, case_id = self._generation, data.case.id
        self.runner.run(
            lambda progress, cancel: load_photo_times(ws, case_id, progress),
            on_done=partial(self._times_loaded, generation),
            label=self.tr("Reading photo times"),
            parent_widget=self,
        )

    def show_findings(self, report: CaseReport) -> None:
        self.report = report
        self._apply_findings()

    def clear(self) -> None:
        super().clear()
        self._generation += 1
        self.photo_times = None
        self.report = None
        self._by_record = {}
        self._conflict_keys = set()
        self._planned = set()
        self._with_findings = set()
        self._cancel_build()
        self._reset()
        self._to_hide, self._graveyard = [], []  # the scene deletes them with the rest
        self.scene.blockSignals(True)
        self.scene.clear()
        self.scene.blockSignals(False)
        self.status.setText("")

    def select_record(self, kind: str, record_id: int) -> bool:
        if self._build is not None:
            self._restore = []  # a pick made now replaces the selection the build would restore
        found = self.marks_of(kind, record_id)
        if not found and self._build is not None:
            # Not drawn yet: picked when the build ends.
            planned = any(m.kind == kind and m.record_id == record_id for m in self._marks)
            self._pending_select = (kind, record_id) if planned else self._pending_select
            return planned
        if not found:
            return False
        target = found[0]
        if not target.isVisible():
            # Bring the record's time into the middle of the view: hidden items cannot be selected.
            middle = GUTTER + (self.view.viewport().width() - GUTTER) / 2
            self.start = target.mark.start - timedelta(seconds=(middle - GUTTER) * self.seconds_per_px)
            self._relayout()
        self.scene.clearSelection()
        target.setSelected(True)
        self.view.ensureVisible(target.sceneBoundingRect(), 0, 20)
        return True

    # ==== public helpers ======================================================================
    def show_photo_times(self, times: tuple[PhotoPosition, ...]) -> None:
        """Draw photo capture times read elsewhere (the task's result)."""
        self.photo_times = times
        self._rebuild(refit=True, announce=True)

    def is_building(self) -> bool:
        """Whether items are still being built (``sig_drawn`` follows when it was announced)."""
        return self._build is not None

    def marks_of(self, kind: str, record_id: int) -> list[MarkItem]:
        return list(self._by_key.get((kind, record_id), ()))

    def x_of(self, moment: datetime) -> float:
        """The viewport x of an instant at the current zoom."""
        return GUTTER + (moment - self.start).total_seconds() / self.seconds_per_px

    def time_at(self, x: float) -> datetime:
        return self.start + timedelta(seconds=(x - GUTTER) * self.seconds_per_px)

    def tick_positions(self) -> list[tuple[float, Tick]]:
        width = max(self.view.viewport().width() - GUTTER, 1.0)
        step = choose_step(self.seconds_per_px)
        end = self.time_at(GUTTER + width)
        return [(self.x_of(tick.at), tick) for tick in ticks(self.start, end, step)]

    def fit_all(self) -> None:
        marks = self._marks  # also those not built yet
        if not marks:
            return
        first, last = min(m.start for m in marks), max(m.end for m in marks)
        span = max((last - first).total_seconds(), 3600.0)
        width = max(self.view.viewport().width() - GUTTER - 20, 100)
        self.seconds_per_px = min(MAX_SPP, max(MIN_SPP, span * 1.08 / width))
        self.start = first - timedelta(seconds=span * 0.04)
        self._auto_fit = True  # until the user zooms or pans, a resize fits again
        self._relayout()

    def zoom(self, factor: float, x: float | None = None) -> None:
        """Zoom by ``factor`` (above 1: in) keeping the instant under viewport ``x`` in place."""
        self._auto_fit = False
        if x is None or x < GUTTER:
            x = GUTTER + (self.view.viewport().width() - GUTTER) / 2
        anchor = self.time_at(x)
        self.seconds_per_px = min(MAX_SPP, max(MIN_SPP, self.seconds_per_px / factor))
        self.start = anchor - timedelta(seconds=(x - GUTTER) * self.seconds_per_px)
        self._relayout()

    def pan(self, dx: float) -> None:
        """Move the axis by ``dx`` pixels (positive: towards earlier times)."""
        self._auto_fit = False
        self.start -= timedelta(seconds=dx * self.seconds_per_px)
        self._relayout()

    # ==== building ============================================================================
    def _times_loaded(self, generation: int, times: tuple[PhotoPosition, ...]) -> None:
        if generation == self._generation and self.data is not None:
            self.show_photo_times(times)

    def _reset(self) -> None:
        """Forget the items built: the next build hides them, and they are deleted later."""
        if self._built:
            self.scene.blockSignals(True)
            self.scene.clearSelection()
            self.scene.blockSignals(False)
            self._to_hide += self._built
            # Popped from the end: in the order they were added.
            self._graveyard[:0] = reversed(self._built)
        self._built = []
        self.items = []
        self.row_labels = []
        self._by_key = {}
        self._label_of = {}
        self._planned = set()
        self.bands = []
        self._marks = []

    def _rows(self, data: CaseData, sections: list[Section]) -> Iterator[bool]:
        """Fill ``sections`` with (section title, [(kind, id, label, tooltip, marks)]).

        Yields False now and then: the build's steps run it over several event-loop turns.
        """
        tr = self.tr
        claims_rows: list[Row] = []
        testimony_rows: list[Row] = []
        photo_rows: list[Row] = []
        sections += [
            (tr("Claims"), claims_rows),
            (tr("Testimonies"), testimony_rows),
            (tr("Photos"), photo_rows),
        ]
        self._undated = 0
        claimed, claim_label = tr("Claimed: {label}"), tr("#{id} {statement}")
        for count, claim in enumerate(data.claims):
            if count % 256 == 255:
                yield False
            if claim.when is None:
                self._undated += 1
                continue
            when = claim.when
            exact = when.precision is TimePrecision.MINUTE or when.duration <= timedelta(minutes=1)
            caption = claimed.format(label=when.label or _utc(when.start))
            mark = Mark(
                CLAIMS,
                claim.id,
                "moment" if exact else "period",
                when.start,
                when.start if exact else when.end,
                caption,
            )
            label = claim_label.format(id=claim.id, statement=claim.statement)
            claims_rows.append((CLAIMS, claim.id, label, claim.statement, [mark]))
        taken, testimony_label = tr("Testimony taken ({medium})"), tr("{alias}, {medium}")
        for count, testimony in enumerate(data.testimonies):
            if count % 256 == 255:
                yield False
            if testimony.taken_at is None:
                continue
            until = testimony.taken_until
            span = until is not None and until > testimony.taken_at
            medium = vocabulary.label(testimony.medium)
            mark = Mark(
                TESTIMONIES,
                testimony.id,
                "period" if span else "moment",
                testimony.taken_at,
                until if span and until is not None else testimony.taken_at,
                taken.format(medium=medium),
            )
            alias = data.source_alias(testimony.source_id)
            label = testimony_label.format(alias=alias, medium=medium)
            testimony_rows.append((TESTIMONIES, testimony.id, label, label, [mark]))
        times = {p.evidence_id: p for p in self.photo_times or ()}
        camera_clock = tr("Camera clock {local}, shown in UTC ({basis})")
        uncertain = "\n" + tr("The time zone is uncertain: the bar spans every possible UTC instant.")
        gps_caption = tr("GPS time stamp (UTC, from the satellites)")
        received_caption = tr("Received by the newsroom")
        no_capture = "\n" + tr("No capture time in the file.")
        for count, item in enumerate(data.evidence):
            if count % 256 == 255:
                yield False
            marks: list[Mark] = []
            found = times.get(item.id)
            if found is not None and found.capture_earliest is not None and found.capture_latest is not None:
                exact = found.capture_earliest == found.capture_latest
                basis = ZoneBasis(found.capture_basis).wording if found.capture_basis else ""
                caption = camera_clock.format(local=found.capture_local.replace("T", " "), basis=basis)
                if not exact:
                    caption += uncertain
                marks.append(
                    Mark(EVIDENCE, item.id, "camera", found.capture_earliest, found.capture_latest, caption)
                )
            if found is not None and found.gps_utc is not None:
                marks.append(Mark(EVIDENCE, item.id, "gps", found.gps_utc, found.gps_utc, gps_caption))
            marks.append(
                Mark(EVIDENCE, item.id, "received", item.received_at, item.received_at, received_caption)
            )
            tip = item.original_name
            if self.photo_times is not None and (found is None or found.capture_earliest is None):
                tip += no_capture
            photo_rows.append((EVIDENCE, item.id, item.original_name, tip, marks))

    def _rebuild(self, *, refit: bool, announce: bool = False) -> None:
        """Build the timeline again: the first slice now, the rest over the next event-loop turns.

        Args:
            refit: Fit the whole span into the view.
            announce: Emit ``sig_drawn`` once every item is built.
        """
        selected = [
            (item.kind, item.record_id) for item in self.scene.selectedItems() if isinstance(item, MarkItem)
        ]
        if self._build is not None:  # the cancelled build had not selected them again yet
            selected = self._restore + [key for key in selected if key not in self._restore]
        self._cancel_build()
        self._reset()
        data = self.data
        if data is None:
            return
        self._restore = selected
        self._group_findings()
        self._with_findings = set(self._by_record)
        self._announce = announce
        self.slices = 0
        self._build = self._build_steps(data, refit=refit)
        self._continue_build()

    def _cancel_build(self) -> None:
        self._build_timer.stop()
        self._build = None
        self._pending_select = None

    def _continue_build(self) -> None:
        """One event-loop turn of work: a slice of the build under way, else of the deletions."""
        started = time.perf_counter()
        build = self._build
        if build is not None:
            self.slices += 1
            self._slice_width = float(self.view.viewport().width())
            rows = 0
            for row_built in build:
                rows += row_built
                if rows >= SLICE_ROWS or time.perf_counter() - started >= SLICE_SECONDS:
                    if self._build is build:
                        self._build_timer.start()
                    _keep_out_of_collections()
                    return
            _keep_out_of_collections()
            if self._build is build:
                self._build = None
                self._finish_build()
        else:
            self._to_hide = []  # deleted, not hidden
            graveyard = self._graveyard
            while graveyard and time.perf_counter() - started < SLICE_SECONDS:
                item = graveyard.pop()
                if Shiboken.isValid(item):
                    Shiboken.delete(item)
        if (self._build is not None or self._graveyard) and not self._build_timer.isActive():
            self._build_timer.start()

    def _finish_build(self) -> None:
        for kind, record_id in self._restore:
            for item in self.marks_of(kind, record_id):
                item.setSelected(True)
        self._restore = []
        pending, self._pending_select = self._pending_select, None
        if pending is not None:
            self.select_record(*pending)
        self._update_status()
        if self._announce:
            self.sig_drawn.emit()

    def _build_steps(self, data: CaseData, *, refit: bool) -> Iterator[bool]:
        """Build the items row by row; yields True after each row built (False: other work)."""
        to_hide = self._to_hide  # the items of earlier builds go first
        while to_hide:
            for item in to_hide[-1000:]:
                item.setVisible(False)
            del to_hide[-1000:]
            yield False
        planned: list[Section] = []
        yield from self._rows(data, planned)
        sections = [(title, rows) for title, rows in planned if rows]
        self._marks = [mark for _title, rows in sections for *_row, marks in rows for mark in marks]
        self._planned = {(kind, record_id) for _title, rows in sections for kind, record_id, *_row in rows}
        # Rows' places first, so the stripes and the scene's height are right from the start.
        y = AXIS_HEIGHT + 6
        row_index = 0
        tops: list[float] = []
        for _title, rows in sections:
            self.bands.append((y, SECTION, QColor("#eceff3")))
            y += SECTION
            tops.append(y)
            for _row in rows:
                if row_index % 2:
                    self.bands.append((y, ROW, QColor("#f8f8f8")))
                y += ROW
                row_index += 1
        self._content_height = y + 10
        if refit:
            self.fit_all()
        else:
            self._relayout()
        self._update_status()
        yield False
        header_font = QFont(self.font())
        header_font.setBold(True)
        metrics = QFontMetricsF(RowLabel("", CLAIMS, 0, "").font())
        label_dy = (ROW - metrics.height()) / 2
        ink, red = QBrush(LABEL_INK), QBrush(CONFLICT)
        scene, built, describe = self.scene, self._built, self._tooltip
        row_index = 0
        for (title, rows), top in zip(sections, tops, strict=True):
            header = QGraphicsSimpleTextItem(title)
            header.setFont(header_font)
            header.setPos(8, top - SECTION + 4)
            scene.addItem(header)
            built.append(header)
            y = top
            for kind, record_id, label_text, tooltip, marks in rows:
                # Findings read now: a report that arrived during the build applies to the rest.
                findings = self._by_record.get((kind, record_id), [])
                conflict = (kind, record_id) in self._conflict_keys
                label = RowLabel(label_text, kind, record_id, tooltip, metrics)
                label.setPos(16, y + label_dy)
                label.setBrush(red if conflict else ink)
                label.red = conflict
                scene.addItem(label)
                built.append(label)
                self.row_labels.append(label)
                key = (kind, record_id)
                self._label_of[key] = label
                of_record = self._by_key.setdefault(key, [])
                for mark in marks:
                    mark.row = row_index
                    mark.findings = findings
                    item = MarkItem(mark, describe)
                    item.conflict = conflict
                    item.row_y = y + ROW / 2
                    self._place(item, self._slice_width)
                    scene.addItem(item)
                    built.append(item)
                    self.items.append(item)
                    of_record.append(item)
                y += ROW
                row_index += 1
                yield True

    def _place(self, item: MarkItem, width: float) -> None:
        """Put an item at the current zoom; hide it when outside the time area."""
        x0 = self.x_of(item.mark.start)
        x1 = self.x_of(item.mark.end)
        if item.mark.is_span:
            # Clip long bars to the time area: they must not cover the row names.
            x0, x1 = max(x0, GUTTER + 1), min(x1, width + 10)
            visible = x1 >= GUTTER + 1 and x0 <= width + 10
        else:
            visible = GUTTER + 4 <= x0 <= width + 10
        if visible != item.shown:
            item.shown = visible
            item.setVisible(visible)
        item.set_geometry(x0, max(x1 - x0, 0.0), item.row_y)

    def _relayout(self) -> None:
        width = float(self.view.viewport().width())
        for item in self.items:
            self._place(item, width)
        self.scene.setSceneRect(0, 0, max(width, 1.0), self._content_height)
        self.view.viewport().update()

    def _resized(self) -> None:
        if self._auto_fit:
            self.fit_all()
        else:
            self._relayout()

    # ==== findings ============================================================================
    def _group_findings(self) -> None:
        """The report's time findings by the record (view kind, id) they speak of, and the
        records they draw red."""
        by_record: dict[tuple[str, int], list[Finding]] = {}
        conflicts: set[tuple[str, int]] = set()
        kinds: dict[tuple[str, Severity], tuple[bool, bool]] = {}  # (time finding, conflict)
        for finding in self.report.findings if self.report is not None else ():
            kind_of = kinds.get((finding.rule, finding.severity))
            if kind_of is None:
                timed = is_time_finding(finding)
                kind_of = kinds[finding.rule, finding.severity] = (timed, timed and is_conflict(finding))
            if not kind_of[0]:
                continue
            for kind, record_id in finding.subjects:
                view_kind = _SUBJECT_KIND.get(kind)
                if view_kind is not None:
                    key = (view_kind, record_id)
                    by_record.setdefault(key, []).append(finding)
                    if kind_of[1]:
                        conflicts.add(key)
        self._by_record, self._conflict_keys = by_record, conflicts

    def _apply_findings(self) -> None:
        """Turn the records the report's time findings speak of red (built items; the build
        under way reads the same findings for the rows it has still to build)."""
        self._group_findings()
        by_record = self._by_record
        # Only records listed now or before can change (tooltips are written on hover).
        ink, red = QBrush(LABEL_INK), QBrush(CONFLICT)
        for key in self._with_findings | by_record.keys():
            findings = by_record.get(key, [])
            conflict = key in self._conflict_keys
            for item in self._by_key.get(key, ()):
                item.mark.findings = findings
                if conflict != item.conflict:
                    item.conflict = conflict
                    item.update()
            label = self._label_of.get(key)
            if label is not None and label.red != conflict:
                label.red = conflict
                label.setBrush(red if conflict else ink)
        self._with_findings = set(by_record)
        self._update_status()

    def _tooltip(self, item: MarkItem) -> str:
        """Rich text, so Qt wraps the findings' long explanations instead of one endless line."""
        mark = item.mark
        when = (
            _utc(mark.start)
            if not mark.is_span
            else self.tr("{start} to {end}").format(start=_utc(mark.start), end=_utc(mark.end))
        )
        head = ""
        if self.data is not None:
            if mark.kind == CLAIMS and (claim := self.data.claim(mark.record_id)) is not None:
                head = self.tr("Claim #{id}: {statement}").format(id=claim.id, statement=claim.statement)
            elif mark.kind == EVIDENCE and (photo := self.data.evidence_item(mark.record_id)) is not None:
                head = photo.original_name
        parts = [f"<b>{_esc(head)}</b>"] if head else []
        parts.append(_esc(mark.caption).replace("\n", "<br>") + "<br>" + _esc(when))
        if mark.findings:
            items = "".join(
                f"<li><b>{_esc(finding.severity.value)}</b>: {_esc(finding.explanation)}</li>"
                for finding in sorted(mark.findings, key=lambda f: -f.severity.rank)
            )
            parts.append(_esc(self.tr("Time findings:")) + f"<ul style='margin: 0'>{items}</ul>")
        return "<p>" + "</p><p>".join(parts) + "</p>"

    # ==== selection ===========================================================================
    def _selection_changed(self) -> None:
        self.view.viewport().update()
        picked = next((item for item in self.scene.selectedItems() if isinstance(item, MarkItem)), None)
        if picked is not None:
            self.sig_current.emit(picked.kind, picked.record_id)

    def _double_clicked(self, item: MarkItem) -> None:
        if item.kind == EVIDENCE:
            self.sig_open.emit(EVIDENCE, item.record_id)

    def conflicting(self) -> set[tuple[str, int]]:
        """The records drawn red."""
        return {(item.kind, item.record_id) for item in self.items if item.conflict}

    def _update_status(self) -> None:
        if self.data is None:
            return
        # Counted over every record of the timeline, also those still to be built.
        conflicts = self._conflict_keys & self._planned
        parts = []
        if self.report is None:
            parts.append(self.tr("Findings not computed yet."))
        else:
            parts.append(self.tr("{count} records with a time conflict").format(count=len(conflicts)))
        if self._undated:
            parts.append(self.tr("{count} claims without a time are not shown").format(count=self._undated))
        self.status.setText(" · ".join(parts))
