"""The Timeline view: claims' periods, testimonies and photos' capture times on one UTC axis.

Vague times stay vague: a claim "in mid-March 2019" is a bar over the ten days it may mean, an
exact time is a tick. A photo's row shows its camera-clock capture time (converted to UTC the
way the time rules do it, a bar when the time zone is unknown), the GPS receiver's own UTC time
stamp, and when the newsroom received it. Time-related findings of the case report turn the
records they speak of red and are listed in the tooltips.

Items are laid out in pixels from the current zoom (``seconds per pixel``) instead of scaling
the view, so bars keep a visible minimum width and labels keep their size at any zoom.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Final

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
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
    """A mark drawn in pixels: bar (span), diamond (camera clock), circle (GPS), triangle (received)."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.conflict = False
        self.width = 0.0
        self.row_y = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(5 if mark.is_span else 6 if mark.role == "gps" else 7)

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


class RowLabel(QGraphicsSimpleTextItem):
    """A row's name in the left gutter; clicking it picks the row's record."""

    def __init__(self, text: str, kind: str, record_id: int, tooltip: str) -> None:
        super().__init__()
        self.full_text = text
        self.kind = kind
        self.record_id = record_id
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        metrics = QFontMetricsF(self.font())
        self.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, GUTTER - 24))


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
        # Row stripes and section titles' bands.
        for top, height, shade in panel.bands:
            painter.fillRect(QRectF(rect.left(), top, rect.width(), height), shade)
        # The picked record's row, so it stands out whichever of its marks was clicked.
        for top in {item.row_y for item in panel.items if item.isSelected()}:
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
        sig_drawn(): the timeline was (re)built with the photos' times.
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
        self._rebuild(refit=True)
        ws = self.workspace
        if ws is None:
            self.sig_drawn.emit()
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
        self._reset()
        self.status.setText("")

    def select_record(self, kind: str, record_id: int) -> bool:
        found = [item for item in self.items if item.kind == kind and item.record_id == record_id]
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
        self._rebuild(refit=True)
        self.sig_drawn.emit()

    def marks_of(self, kind: str, record_id: int) -> list[MarkItem]:
        return [item for item in self.items if item.kind == kind and item.record_id == record_id]

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
        moments = [item.mark.start for item in self.items] + [item.mark.end for item in self.items]
        if not moments:
            return
        first, last = min(moments), max(moments)
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
        self.scene.blockSignals(True)
        self.scene.clear()
        self.scene.blockSignals(False)
        self.items = []
        self.row_labels = []
        self.bands = []

    def _rows(self, data: CaseData) -> list[tuple[str, list[tuple[str, int, str, str, list[Mark]]]]]:
        """Sections of rows: (section title, [(kind, id, label, tooltip, marks)])."""
        claims_rows = []
        self._undated = 0
        for claim in data.claims:
            if claim.when is None:
                self._undated += 1
                continue
            when = claim.when
            exact = when.precision is TimePrecision.MINUTE or when.duration <= timedelta(minutes=1)
            caption = self.tr("Claimed: {label}").format(label=when.label or _utc(when.start))
            mark = Mark(
                CLAIMS,
                claim.id,
                "moment" if exact else "period",
                when.start,
                when.start if exact else when.end,
                caption,
            )
            label = self.tr("#{id} {statement}").format(id=claim.id, statement=claim.statement)
            claims_rows.append((CLAIMS, claim.id, label, claim.statement, [mark]))
        testimony_rows = []
        for testimony in data.testimonies:
            if testimony.taken_at is None:
                continue
            until = testimony.taken_until
            span = until is not None and until > testimony.taken_at
            mark = Mark(
                TESTIMONIES,
                testimony.id,
                "period" if span else "moment",
                testimony.taken_at,
                until if span and until is not None else testimony.taken_at,
                self.tr("Testimony taken ({medium})").format(medium=vocabulary.label(testimony.medium)),
            )
            alias = data.source_alias(testimony.source_id)
            label = self.tr("{alias}, {medium}").format(
                alias=alias, medium=vocabulary.label(testimony.medium)
            )
            testimony_rows.append((TESTIMONIES, testimony.id, label, label, [mark]))
        photo_rows = []
        times = {p.evidence_id: p for p in self.photo_times or ()}
        for item in data.evidence:
            marks: list[Mark] = []
            found = times.get(item.id)
            if found is not None and found.capture_earliest is not None and found.capture_latest is not None:
                exact = found.capture_earliest == found.capture_latest
                basis = ZoneBasis(found.capture_basis).wording if found.capture_basis else ""
                caption = self.tr("Camera clock {local}, shown in UTC ({basis})").format(
                    local=found.capture_local.replace("T", " "), basis=basis
                )
                if not exact:
                    caption += "\n" + self.tr(
                        "The time zone is uncertain: the bar spans every possible UTC instant."
                    )
                marks.append(
                    Mark(EVIDENCE, item.id, "camera", found.capture_earliest, found.capture_latest, caption)
                )
            if found is not None and found.gps_utc is not None:
                marks.append(
                    Mark(
                        EVIDENCE,
                        item.id,
                        "gps",
                        found.gps_utc,
                        found.gps_utc,
                        self.tr("GPS time stamp (UTC, from the satellites)"),
                    )
                )
            marks.append(
                Mark(
                    EVIDENCE,
                    item.id,
                    "received",
                    item.received_at,
                    item.received_at,
                    self.tr("Received by the newsroom"),
                )
            )
            tip = item.original_name
            if self.photo_times is not None and (found is None or found.capture_earliest is None):
                tip += "\n" + self.tr("No capture time in the file.")
            photo_rows.append((EVIDENCE, item.id, item.original_name, tip, marks))
        return [
            (self.tr("Claims"), claims_rows),
            (self.tr("Testimonies"), testimony_rows),
            (self.tr("Photos"), photo_rows),
        ]

    def _rebuild(self, *, refit: bool) -> None:
        selected = [(i.kind, i.record_id) for i in self.items if i.isSelected()]
        self._reset()
        data = self.data
        if data is None:
            return
        y = AXIS_HEIGHT + 6
        row_index = 0
        header_font = QFont(self.font())
        header_font.setBold(True)
        for title, rows in self._rows(data):
            if not rows:
                continue
            header = QGraphicsSimpleTextItem(title)
            header.setFont(header_font)
            header.setPos(8, y + 4)
            self.scene.addItem(header)
            self.bands.append((y, SECTION, QColor("#eceff3")))
            y += SECTION
            for kind, record_id, label_text, tooltip, marks in rows:
                if row_index % 2:
                    self.bands.append((y, ROW, QColor("#f8f8f8")))
                label = RowLabel(label_text, kind, record_id, tooltip)
                label.setPos(16, y + (ROW - QFontMetricsF(label.font()).height()) / 2)
                self.scene.addItem(label)
                self.row_labels.append(label)
                for mark in marks:
                    mark.row = row_index
                    item = MarkItem(mark)
                    item.row_y = y + ROW / 2
                    self.scene.addItem(item)
                    self.items.append(item)
                y += ROW
                row_index += 1
        self._content_height = y + 10
        if refit:
            self.fit_all()
        else:
            self._relayout()
        self._apply_findings()
        for kind, record_id in selected:
            for item in self.marks_of(kind, record_id):
                item.setSelected(True)
        self._update_status()

    def _relayout(self) -> None:
        width = float(self.view.viewport().width())
        for item in self.items:
            x0 = self.x_of(item.mark.start)
            x1 = self.x_of(item.mark.end)
            if item.mark.is_span:
                # Clip long bars to the time area: they must not cover the row names.
                x0, x1 = max(x0, GUTTER + 1), min(x1, width + 10)
                item.setVisible(x1 >= GUTTER + 1 and x0 <= width + 10)
            else:
                item.setVisible(GUTTER + 4 <= x0 <= width + 10)
            item.set_geometry(x0, max(x1 - x0, 0.0), item.row_y)
        self.scene.setSceneRect(0, 0, max(width, 1.0), self._content_height)
        self.view.viewport().update()

    def _resized(self) -> None:
        if self._auto_fit:
            self.fit_all()
        else:
            self._relayout()

    # ==== findings ============================================================================
    def _apply_findings(self) -> None:
        by_record: dict[tuple[str, int], list[Finding]] = {}
        if self.report is not None:
            for finding in self.report.findings:
                if not is_time_finding(finding):
                    continue
                for kind, record_id in finding.subjects:
                    view_kind = _SUBJECT_KIND.get(kind)
                    if view_kind is not None:
                        by_record.setdefault((view_kind, record_id), []).append(finding)
        for item in self.items:
            findings = by_record.get((item.kind, item.record_id), [])
            item.mark.findings = findings
            item.conflict = any(is_conflict(f) for f in findings)
            item.setToolTip(self._tooltip(item))
            item.update()
        conflicted = {(i.kind, i.record_id) for i in self.items if i.conflict}
        for label in self.row_labels:
            red = (label.kind, label.record_id) in conflicted
            label.setBrush(QBrush(CONFLICT if red else QColor("#222222")))
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
        picked = next((item for item in self.items if item.isSelected()), None)
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
        conflicts = self.conflicting()
        parts = []
        if self.report is None:
            parts.append(self.tr("Findings not computed yet."))
        else:
            parts.append(self.tr("{count} records with a time conflict").format(count=len(conflicts)))
        if self._undated:
            parts.append(self.tr("{count} claims without a time are not shown").format(count=self._undated))
        self.status.setText(" · ".join(parts))
