"""The Map view: the case's places, the claims' places and the photos' GPS points, to scale, offline.

Everything is drawn from data on this machine: the gazetteer's coordinates, the photos' GPS
tags and, as faint reference points, the nearest towns of the offline world gazetteer
(``verifier.geo``). No tiles are fetched. Only "Open in an online map…" sends a position out,
after the user confirmed a warning that says so.

Photo positions are not part of ``CaseData``: they are read in a background task with one
Session (``verifier.services.intake.photo_positions``), together with the nearby towns.

A large case draws tens of thousands of photos. The GUI thread then never works for long at a
time: markers are built, and labels laid out, in slices of about ``_SLICE_S`` seconds over
turns of the event loop; a newer build or layout (a zoom step, a selection) abandons an older
one by its generation number. A small case is still drawn in one go.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmapCache,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.case_data import CaseData
from ui.tasks import TaskRunner
from ui.widgets.case_panel import CasePanel
from ui.widgets.map_items import (
    CLAIMS,
    COLOURS,
    EVIDENCE,
    PLACES,
    PRIORITY,
    TOWNS,
    LabelMeasure,
    MapLabel,
    MapMark,
    MarkerItem,
    precision_circle,
)
from ui.widgets.map_projection import LocalProjection, centroid, format_distance, nice_length
from verifier import domain
from verifier.crossref.place import PRECISION_RADIUS_M
from verifier.domain import GeoPoint, PlacePrecision
from verifier.geo import WORLD_TOWNS, Town
from verifier.services import intake
from verifier.services.intake import PhotoPosition
from verifier.services.workspace import Workspace

ProgressFn = Callable[[int, int, str], None]

# Reference towns: at most this many, within this distance of the case's centroid (or farther
# when the case's own points spread farther).
TOWN_COUNT = 60
TOWN_MIN_RADIUS_M = 30_000.0
# A town this close to a drawn place or photo would only repeat it.
TOWN_DUPLICATE_M = 2_000.0
# Zoom limits, in pixels per metre: a whole continent to a single street.
MIN_SCALE = 1 / 20_000
MAX_SCALE = 2.0
# Claims at one place are lined up below it this many pixels apart.
_FAN_STEP = 12.0
_LABEL_GAP = 8.0
# Up to this many markers a map is built and its labels laid out in one go; beyond, in slices
# of about this many seconds each, so the window keeps answering.
_SYNC_LIMIT = 1500
_SLICE_S = 0.025
# Cell size (pixels) of the grid that finds the label boxes a new box could overlap.
_CELL = 48.0
# A circle this small on screen (pixels) lies wholly under its own marker: it is not drawn.
_HIDDEN_CIRCLE_PX = 4.0
# Pixmap cache room per marker (its drawing is kept, ``DeviceCoordinateCache``), in KiB.
_CACHE_KIB_PER_MARKER = 3

_Box = tuple[float, float, float, float]  # left, top, right, bottom in viewport pixels


class _BoxGrid:
    """The boxes already taken, bucketed by grid cell: ``hits`` looks only at nearby boxes.

    Answers exactly what testing every box with ``QRectF.intersects`` answers (an overlap of
    positive area), in time that does not grow with the number of markers.
    """

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[_Box]] = {}

    def _keys(self, box: _Box) -> Iterator[tuple[int, int]]:
        left, top, right, bottom = box
        for cx in range(int(left // _CELL), int(right // _CELL) + 1):
            for cy in range(int(top // _CELL), int(bottom // _CELL) + 1):
                yield cx, cy

    def add(self, box: _Box) -> None:
        cells = self._cells
        for key in self._keys(box):
            found = cells.get(key)
            if found is None:
                cells[key] = [box]
            else:
                found.append(box)

    def hits(self, box: _Box, mine: _Box | None) -> bool:
        left, top, right, bottom = box
        if left == right or top == bottom:
            return False  # QRectF.intersects: an empty box overlaps nothing
        cells = self._cells
        for key in self._keys(box):
            for other in cells.get(key, ()):
                if (
                    other is not mine
                    and left < other[2]
                    and other[0] < right
                    and top < other[3]
                    and other[1] < bottom
                    and other[0] != other[2]
                    and other[1] != other[3]
                ):
                    return True
        return False


def _box(x: float, y: float, width: float, height: float) -> _Box:
    """``QRectF(x, y, width, height).adjusted(-2, 0, 2, 0)`` as edges."""
    left = x - 2
    return left, y, left + (width + 4), y + height


@dataclass(frozen=True)
class MapExtras:
    """What the map reads in the background: photo positions and nearby reference towns."""

    positions: tuple[PhotoPosition, ...]
    towns: tuple[Town, ...]


def load_map_extras(
    ws: Workspace, case_id: int, anchors: tuple[GeoPoint, ...], progress: ProgressFn
) -> MapExtras:
    """Photo positions of a case and the towns around its points (worker thread, one Session).

    Args:
        ws: The workspace.
        case_id: The case.
        anchors: The places' points already known, to centre the town search with the photos'.
        progress: Progress callback of the task runner.
    """
    progress(0, 2, "photo positions")
    with ws.reading() as session:
        positions = tuple(intake.photo_positions(session, case_id))
    progress(1, 2, "towns")
    points = list(anchors) + [
        GeoPoint(p.latitude, p.longitude)
        for p in positions
        if p.latitude is not None and p.longitude is not None
    ]
    centre = centroid(points)
    towns: tuple[Town, ...] = ()
    if centre is not None:
        reach = max([TOWN_MIN_RADIUS_M] + [centre.distance_m(p) * 1.5 for p in points])
        towns = tuple(
            town
            for town in WORLD_TOWNS.nearest(centre, TOWN_COUNT)
            if town.distance_m <= reach
            and all(GeoPoint(town.latitude, town.longitude).distance_m(p) > TOWN_DUPLICATE_M for p in points)
        )
    progress(2, 2, "")
    return MapExtras(positions, towns)


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x0250 for ch in text if ch.isalpha())


def place_label(place: domain.Place) -> str:
    """The place's name, with its first spelling in another script: 'Makhmour · مخمور'."""
    other = next((alias for alias in place.aliases if alias.strip() and not _is_latin(alias)), "")
    return f"{place.name} · {other}" if other and _is_latin(place.name) else place.name


def _coarser(a: PlacePrecision, b: PlacePrecision | None) -> PlacePrecision:
    if b is None:
        return a
    return a if PRECISION_RADIUS_M[a] >= PRECISION_RADIUS_M[b] else b


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class MapView(QGraphicsView):
    """Zoom with the wheel around the cursor, pan by dragging, scale bar, north arrow and legend.

    Signals:
        sig_zoomed(): the scale changed (labels are laid out again).
        sig_double_clicked(item): a marker was double-clicked.
    """

    sig_zoomed = Signal()
    sig_double_clicked = Signal(object)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setBackgroundBrush(QColor("#f4f1e8"))
        # Panning is by dragging; scroll bars would also change the viewport's size as they come
        # and go, so "fit all" would not fit the same way twice.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setObjectName("MapView")
        self.auto_fit: QRectF | None = None

    def scale_factor(self) -> float:
        """Pixels per metre."""
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        self.auto_fit = None
        current = self.scale_factor()
        wanted = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if current > 0 and wanted != current:
            self.scale(wanted / current, wanted / current)
            self.sig_zoomed.emit()

    def fit(self, rect: QRectF) -> None:
        """Show ``rect`` (scene metres) whole, with a margin, within the zoom limits.

        Until the user zooms or pans, the view fits ``rect`` again whenever it is resized (a tab
        is laid out, at its real size, only when it is first shown)."""
        self.auto_fit = QRectF(rect)
        if rect.isNull() or not rect.isValid():
            rect = QRectF(-5000, -5000, 10000, 10000)
        margin = max(rect.width(), rect.height()) * 0.12 + 800
        self.fitInView(rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
        scale = self.scale_factor()
        if scale > MAX_SCALE or scale < MIN_SCALE:
            self.resetTransform()
            bounded = min(MAX_SCALE, max(MIN_SCALE, scale))
            self.scale(bounded, bounded)
            self.centerOn(rect.center())
        self.sig_zoomed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit is not None:
            self.fit(self.auto_fit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.auto_fit = None  # the user pans: keep their view from now on
        super().mouseMoveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and not isinstance(item, MarkerItem):
            item = item.parentItem()  # a marker's drawn shape or its label
        if isinstance(item, MarkerItem):
            self.sig_double_clicked.emit(item)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        del rect
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_scale_bar(painter)
        self._draw_north(painter)
        painter.restore()

    def _draw_scale_bar(self, painter: QPainter) -> None:
        scale = self.scale_factor()
        if scale <= 0:
            return
        metres = nice_length(140 / scale)
        length = metres * scale
        height = self.viewport().height()
        x0, y0 = 14.0, height - 22.0
        painter.setPen(QPen(QColor("#333333"), 2))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + length, y0))
        for x in (x0, x0 + length):
            painter.drawLine(QPointF(x, y0 - 5), QPointF(x, y0 + 1))
        painter.setFont(self.font())
        text = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
        painter.drawText(QPointF(x0 + length + 6, y0 + 4), text)

    def _draw_north(self, painter: QPainter) -> None:
        x, y = self.viewport().width() - 26.0, 16.0
        painter.setPen(QPen(QColor("#333333"), 1.2))
        painter.setBrush(QColor("#333333"))
        painter.drawPolygon(
            QPolygonF([QPointF(x, y), QPointF(x + 7, y + 20), QPointF(x, y + 15), QPointF(x - 7, y + 20)])
        )
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(x - 10, y + 20, 20, 18), Qt.AlignmentFlag.AlignCenter, self.tr("N"))


class MapPanel(CasePanel):
    """The Map tab: places, claims and photos with precision circles, distances, offline.

    Click a marker to show its record in the detail pane; Ctrl+click a second one to measure
    the geodesic distance between them; double-click a photo to open it.

    Signals (besides ``CasePanel``'s):
        sig_drawn(): the map was (re)built with everything it shows (after photo positions came).
    """

    key = "map"
    title = "Map"
    after = "places"

    sig_drawn = Signal()

    # Taking an old scene apart is never abandoned: its generation stays.
    _dismantle_generation = 0

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.title = self.tr("Map")
        self.projection: LocalProjection | None = None
        self.markers: list[MarkerItem] = []
        self._by_key: dict[tuple[str, int], MarkerItem] = {}
        self._build_generation = 0
        self._layout_generation = 0
        self._measure = LabelMeasure()
        # (width, height) of the label, then of its box; filled while building.
        self._label_sizes: dict[int, tuple[float, float, float, float]] = {}
        self.extras: MapExtras | None = None
        self.distance_m: float | None = None
        self._picked: list[MarkerItem] = []
        self._generation = 0
        self._distance_line: QGraphicsLineItem | None = None
        self._distance_label: MapLabel | None = None
        self._wanted: tuple[str, int] | None = None
        self._building = False
        self._labels_ready = True
        self._places_of: tuple[CaseData, list[domain.Place]] | None = None

        self.scene = self._new_scene()
        self.view = MapView(self.scene, self)
        self.view.sig_zoomed.connect(self._zoomed)
        self.view.sig_double_clicked.connect(self._double_clicked)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_fit = self._action(self.tr("Fit All"), self.fit_all, self.tr("Show every item of the case"))
        self.act_zoom_in = self._action(self.tr("Zoom In"), partial(self.view.zoom_by, 1.5))
        self.act_zoom_out = self._action(self.tr("Zoom Out"), partial(self.view.zoom_by, 1 / 1.5))
        self.act_towns = self._action(
            self.tr("Towns"), self._towns_toggled, self.tr("Show nearby towns from the offline gazetteer")
        )
        self.act_towns.setCheckable(True)
        self.act_towns.setChecked(True)
        self.toolbar.addSeparator()
        self.act_online = self._action(
            self.tr("Open in an Online Map…"),
            self.open_online,
            self.tr(
                "Show the selected point on OpenStreetMap (asks first: the coordinates leave this machine)"
            ),
        )
        self.act_online.setEnabled(False)
        self.legend = QLabel(self._legend_html(), self)
        self.legend.setObjectName("MapLegend")
        self.legend.setContentsMargins(6, 2, 6, 0)
        self.legend.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("MapStatus")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(6, 0, 6, 4)
        # Two lines always, so the map does not change size when the status text grows.
        self.status.setMinimumHeight(round(2 * QFontMetricsF(self.status.font()).lineSpacing()) + 4)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        self._show_hint()

    def _action(self, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
        act = QAction(text, self)
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(act)
        return act

    # ==== CasePanel ===========================================================================
    def show_case(self, data: CaseData) -> None:
        super().show_case(data)
        self.extras = None
        self._generation += 1
        ws = self.workspace
        self._rebuild(refit=True, announce=ws is None)
        if ws is None:
            return
        generation, case_id = self._generation, data.case.id
        anchors = tuple(
            GeoPoint(p.latitude, p.longitude)
            for p in self._case_places(data)
            if p.latitude is not None and p.longitude is not None
        )
        self.runner.run(
            lambda progress, cancel: load_map_extras(ws, case_id, anchors, progress),
            on_done=partial(self._extras_loaded, generation),
            label=self.tr("Reading photo positions"),
            parent_widget=self,
        )

    def clear(self) -> None:
        super().clear()
        self._generation += 1
        self._build_generation += 1
        self.extras = None
        self._reset_scene()
        self._show_hint()

    def select_record(self, kind: str, record_id: int) -> bool:
        marker = self.marker(kind, record_id)
        if marker is None:
            # Photo positions may still be on their way, or the map is being built: pick the
            # record once it is drawn.
            waiting = self.extras is None or self.building()
            self._wanted = (kind, record_id) if waiting and self.data is not None else None
            return False
        self._wanted = None
        self.scene.clearSelection()
        marker.setSelected(True)
        self.view.ensureVisible(marker.sceneBoundingRect(), 40, 40)
        return True

    # ==== public helpers (tests, window) =======================================================
    def marker(self, kind: str, record_id: int) -> MarkerItem | None:
        return self._by_key.get((kind, record_id))

    def building(self) -> bool:
        """True while a large map is still being built, slice by slice."""
        return self._building

    def labels_ready(self) -> bool:
        """False while the labels of a large map are being laid out again, slice by slice."""
        return self._labels_ready

    def show_extras(self, extras: MapExtras) -> None:
        """Draw photo positions and towns read elsewhere (the task's result); ``sig_drawn``
        follows once every marker is on the map."""
        self.extras = extras
        self._rebuild(refit=True, announce=True)

    def fit_all(self) -> None:
        spots = [m.pos() for m in self.markers if m.kind != TOWNS]
        rect = QRectF()
        if spots:
            xs, ys = [p.x() for p in spots], [p.y() for p in spots]
            left, top = min(xs) - 1, min(ys) - 1
            rect = QRectF(left, top, max(xs) + 1 - left, max(ys) + 1 - top)
        self.view.fit(rect)

    def picked(self) -> list[MarkerItem]:
        """The selected markers in the order the user picked them."""
        return list(self._picked)

    def distance_text(self) -> str:
        return self._distance_label.text() if self._distance_label is not None else ""

    # ==== building ============================================================================
    def _case_places(self, data: CaseData) -> list[domain.Place]:
        if self._places_of is not None and self._places_of[0] is data:
            return self._places_of[1]  # a case of 100,000 claims takes a while to go through
        used = {c.place_id for c in data.claims} | {t.place_id for t in data.testimonies}
        places = [p for p in data.places if p.id in used]
        self._places_of = (data, places)
        return places

    def _extras_loaded(self, generation: int, extras: MapExtras) -> None:
        if generation == self._generation and self.data is not None:
            self.show_extras(extras)

    def _new_scene(self) -> QGraphicsScene:
        scene = QGraphicsScene(self)
        # Labels are shown and hidden by the thousand on each zoom step; a BSP tree would be
        # rebuilt for each of them, a linear index costs nothing to keep up.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        scene.selectionChanged.connect(self._selection_changed)
        return scene

    def _reset_scene(self) -> None:
        if len(self.markers) <= _SYNC_LIMIT:
            self.scene.blockSignals(True)
            self.scene.clear()
            self.scene.blockSignals(False)
        else:
            # Deleting tens of thousands of items takes a while: the view gets a new scene at
            # once and the old one is taken apart over the next turns of the event loop.
            old, self.scene = self.scene, self._new_scene()
            old.blockSignals(True)
            self.view.setScene(self.scene)
            self._run_slices(self._dismantle(old, self.markers), 0, "_dismantle_generation")
        self.markers = []
        self._by_key = {}
        self._label_sizes = {}
        self._building = False
        self._layout_generation += 1
        self._labels_ready = True
        self._picked = []
        self._distance_line = None
        self._distance_label = None
        self.distance_m = None
        self.act_online.setEnabled(False)

    def _dismantle(self, scene: QGraphicsScene, markers: list[MarkerItem]) -> Iterator[None]:
        number = 0
        while markers:
            marker = markers.pop()
            if marker.circle is not None:
                scene.removeItem(marker.circle)
            scene.removeItem(marker)  # with its drawing and label; deleted with its last reference
            number += 1
            if number % 128 == 0:
                del marker
                yield
        scene.clear()  # what is left: the distance line and its badge
        scene.deleteLater()

    def _marks(self, data: CaseData) -> list[MapMark]:
        marks: list[MapMark] = []
        places = self._case_places(data)
        located = {p.id: p for p in places if p.latitude is not None and p.longitude is not None}
        for place in located.values():
            assert place.latitude is not None and place.longitude is not None
            radius = PRECISION_RADIUS_M[place.precision]
            aliases = ", ".join(place.aliases)
            tip = self.tr("{name}\n{lat:.5f}, {lon:.5f} · {precision} precision (±{radius})").format(
                name=place.name,
                lat=place.latitude,
                lon=place.longitude,
                precision=place.precision.value,
                radius=format_distance(radius),
            )
            if aliases:
                tip += "\n" + self.tr("Also: {aliases}").format(aliases=aliases)
            point = GeoPoint(place.latitude, place.longitude)
            marks.append(MapMark(PLACES, place.id, point, place_label(place), tip, radius))
        by_place: dict[int, list[domain.Claim]] = {}
        for claim in data.claims:
            if claim.place_id in located:
                by_place.setdefault(claim.place_id, []).append(claim)
        for place_id, found in by_place.items():
            place = located[place_id]
            assert place.latitude is not None and place.longitude is not None
            for index, claim in enumerate(found):
                # Claims sit in a row just below their place, so its label keeps the sides free.
                offset = ((index - (len(found) - 1) / 2) * _FAN_STEP, _FAN_STEP + 2)
                precision = _coarser(place.precision, claim.place_precision)
                radius = PRECISION_RADIUS_M[precision]
                tip = self.tr(
                    "Claim #{id}: {statement}\nAt {place} ({where}), {precision} precision (±{radius})"
                ).format(
                    id=claim.id,
                    statement=claim.statement,
                    place=place.name,
                    where=claim.place_text or place.name,
                    precision=precision.value,
                    radius=format_distance(radius),
                )
                marks.append(
                    MapMark(
                        CLAIMS,
                        claim.id,
                        GeoPoint(place.latitude, place.longitude),
                        self.tr("#{id}").format(id=claim.id),
                        tip,
                        radius if radius != PRECISION_RADIUS_M[place.precision] else None,
                        offset,
                    )
                )
        if self.extras is not None:
            names = {e.id: e.original_name for e in data.evidence}
            # Translated once, formatted for each of possibly tens of thousands of photos.
            error_known = self.tr("positioning error ±{error}")
            error_unknown = self.tr("positioning error not recorded")
            photo_tip = self.tr("{name}\nGPS {lat:.5f}, {lon:.5f} · {error}\nDouble-click to open the photo")
            for pos in self.extras.positions:
                if pos.latitude is None or pos.longitude is None or pos.evidence_id not in names:
                    continue
                error = (
                    error_known.format(error=format_distance(pos.error_m))
                    if pos.error_m is not None
                    else error_unknown
                )
                tip = photo_tip.format(
                    name=names[pos.evidence_id], lat=pos.latitude, lon=pos.longitude, error=error
                )
                point = GeoPoint(pos.latitude, pos.longitude)
                marks.append(
                    MapMark(EVIDENCE, pos.evidence_id, point, names[pos.evidence_id], tip, pos.error_m)
                )
            for number, town in enumerate(self.extras.towns, start=1):
                tip = self.tr(
                    "{name} ({country}), town of the offline gazetteer · population {population}"
                ).format(name=town.name, country=town.country_code, population=f"{town.population:,}")
                marks.append(MapMark(TOWNS, number, GeoPoint(town.latitude, town.longitude), town.name, tip))
        return marks

    def _rebuild(self, *, refit: bool, announce: bool = False) -> None:
        """Draw the case again; ``sig_drawn`` follows the last marker when ``announce``."""
        data = self.data
        remembered = [(m.kind, m.record_id) for m in self._picked]
        self._build_generation += 1
        self._building = False
        self._reset_scene()
        if data is None:
            return
        marks = self._marks(data)
        centre = centroid(m.point for m in marks if m.kind != TOWNS) or centroid(m.point for m in marks)
        if centre is None:
            self.projection = None
            self._show_hint()
            if announce:
                self.sig_drawn.emit()
            return
        self.projection = LocalProjection(centre)
        steps = self._build_steps(marks, remembered, refit=refit, announce=announce)
        if len(marks) <= _SYNC_LIMIT:
            for _ in steps:
                pass
        else:
            self._building = True
            self._run_slices(steps, self._build_generation, "_build_generation")

    def _run_slices(self, steps: Iterator[None], generation: int, counter: str) -> None:
        """Advance ``steps`` for about ``_SLICE_S`` seconds, then again on a later turn of the
        event loop, until it ends or ``getattr(self, counter)`` moved past ``generation``."""
        if getattr(self, counter) != generation:
            return
        deadline = time.perf_counter() + _SLICE_S
        for _ in steps:
            if time.perf_counter() >= deadline:
                QTimer.singleShot(0, self, partial(self._run_slices, steps, generation, counter))
                return

    def _build_steps(
        self, marks: list[MapMark], remembered: list[tuple[str, int]], *, refit: bool, announce: bool
    ) -> Iterator[None]:
        """Add the markers (yielding now and then), then fit, select and lay out the labels."""
        projection = self.projection
        assert projection is not None
        towns_shown = self.act_towns.isChecked()
        measure = self._measure
        ratio = self.view.devicePixelRatioF()
        projected: dict[GeoPoint, tuple[float, float]] = {}  # a place's claims share its point
        for number, mark in enumerate(marks, start=1):
            spot = projected.get(mark.point)
            if spot is None:
                spot = projected[mark.point] = projection.project(mark.point)
            position = QPointF(*spot)
            marker = MarkerItem(mark, position, ratio)
            if mark.kind == TOWNS and not towns_shown:
                marker.setVisible(False)
            self.scene.addItem(marker)
            if mark.radius_m:
                marker.circle = precision_circle(
                    position, mark.radius_m, mark.kind, dashed=mark.kind == CLAIMS
                )
                self.scene.addItem(marker.circle)
            self._label_sizes[id(marker)] = measure.size(mark.label, mark.kind)
            marker.order = len(self.markers)
            self.markers.append(marker)
            self._by_key.setdefault((mark.kind, mark.record_id), marker)
            if number % 64 == 0:
                yield
        yield
        self._building = False
        # Room for every marker's drawing in Qt's pixmap cache, or they are drawn again each time.
        wanted_kib = len(self.markers) * _CACHE_KIB_PER_MARKER + 10_240
        if QPixmapCache.cacheLimit() < wanted_kib:
            QPixmapCache.setCacheLimit(wanted_kib)
        bounds = self.scene.itemsBoundingRect()
        # Room to pan around the case, however far the user zooms out.
        reach = max(bounds.width(), bounds.height(), 50_000.0)
        self.scene.setSceneRect(bounds.adjusted(-reach, -reach, reach, reach))
        yield
        self._update_status()  # before fitting: a longer status may take the view's room
        if refit:
            self.fit_all()
            yield
        if self._wanted is not None and self.extras is not None:
            remembered, self._wanted = [self._wanted], None
        for kind, record_id in remembered:
            found = self.marker(kind, record_id)
            if found is not None:
                found.setSelected(True)
        self._show_circles()
        self.layout_labels()
        self._update_status()
        if announce:
            self.sig_drawn.emit()

    def _zoomed(self) -> None:
        self._show_circles()
        self.layout_labels()

    def _show_circles(self) -> None:
        """Hide the circles too small to show beside their marker, show the others (a hidden
        item costs nothing to draw; with thousands of photos this halves a repaint)."""
        scale = self.view.scale_factor()
        for marker in self.markers:
            circle = marker.circle
            if circle is not None and marker.mark.radius_m is not None:
                wanted = marker.mark.radius_m * scale > _HIDDEN_CIRCLE_PX
                if wanted != marker.circle_shown:
                    circle.setVisible(wanted)
                    marker.circle_shown = wanted

    # ==== labels ==============================================================================
    def layout_labels(self) -> None:
        """Place each label right, left, above or below its marker where it overlaps nothing
        already placed; labels of selected markers first, then places, photos, claims, towns.

        Many markers are laid out over several turns of the event loop; a newer layout (the
        next zoom step) abandons an older one."""
        self._layout_generation += 1
        self._labels_ready = False
        steps = self._layout_steps()
        if len(self.markers) <= _SYNC_LIMIT:
            for _ in steps:
                pass
        else:
            self._run_slices(steps, self._layout_generation, "_layout_generation")

    def _layout_steps(self) -> Iterator[None]:
        view = self.view
        grid = _BoxGrid()
        if self._distance_label is not None:
            badge = self._distance_label
            corner = QPointF(view.mapFromScene(badge.pos()))
            size = badge.boundingRect().size()
            grid.add(_box(corner.x(), corner.y(), size.width(), size.height()))
        towns_shown = self.act_towns.isChecked()
        shown = [m for m in self.markers if m.kind != TOWNS or towns_shown]
        anchors: dict[int, tuple[float, float]] = {}
        own: dict[int, _Box] = {}
        for number, marker in enumerate(shown, start=1):
            anchor = view.mapFromScene(marker.pos())
            ax, ay = float(anchor.x()), float(anchor.y())
            dx, dy = marker.mark.offset
            cx, cy = ax + dx, ay + dy
            anchors[id(marker)] = (ax, ay)
            left, top = cx - 6, cy - 6
            box = own[id(marker)] = (left, top, left + 12, top + 12)
            grid.add(box)
            if number % 512 == 0:
                yield
        selected = {id(item) for item in self.scene.selectedItems()}
        order = sorted(shown, key=lambda m: (id(m) not in selected, PRIORITY[m.kind], m.record_id))
        places: list[tuple[MarkerItem, tuple[float, float] | None]] = []
        sizes = self._label_sizes
        for number, marker in enumerate(order, start=1):
            width, height, box_w, box_h = sizes[id(marker)]
            cx, cy = marker.mark.offset
            ax, ay = anchors[id(marker)]
            gap = _LABEL_GAP
            half_w, half_h = width / 2, height / 2
            right, left = cx + gap, cx - gap - width
            above, below = cy - gap - height, cy + gap
            candidates = (
                (right, cy - half_h),
                (left, cy - half_h),
                (cx - half_w, above),
                (right - 2, above + 4),
                (left + 2, above + 4),
                (cx - half_w, below),
                (right - 2, below - 4),
                (left + 2, below - 4),
            )
            chosen: tuple[float, float] | None = None
            mine = own.get(id(marker))
            for local in candidates:
                box = _box(ax + local[0], ay + local[1], box_w, box_h)
                if not grid.hits(box, mine):
                    grid.add(box)
                    chosen = local
                    break
            if chosen is None and id(marker) in selected:
                # A picked item always shows its name, even over another label.
                chosen = candidates[0]
            places.append((marker, chosen))
            if number % 256 == 0:
                yield
        # Only what changed is handed to Qt: after a zoom step most labels stay as they were.
        changed = 0
        for marker, chosen in places:
            if chosen is not None:
                if marker.label_at != chosen or not marker.label_shown:
                    label = marker.ensure_label()
                    label.setPos(QPointF(*chosen))
                    label.setVisible(True)
                    marker.label_at, marker.label_shown = chosen, True
                    changed += 1
            elif marker.label_shown and marker.label is not None:
                marker.label.setVisible(False)
                marker.label_shown = False
                changed += 1
            if changed >= 64:
                changed = 0
                yield
        self._labels_ready = True

    # ==== selection, distance, online map =====================================================
    def _selection_changed(self) -> None:
        selected = sorted(
            (item for item in self.scene.selectedItems() if isinstance(item, MarkerItem)),
            key=lambda m: m.order,
        )
        for marker in self._picked:
            if marker not in selected:
                marker.show_selected(False)
        for marker in selected:
            if marker not in self._picked:
                marker.show_selected(True)
        self._picked = [m for m in self._picked if m in selected] + [
            m for m in selected if m not in self._picked
        ]
        self._draw_distance()
        self.act_online.setEnabled(bool(self._picked))
        self.layout_labels()
        self._update_status()
        if self._picked:
            last = self._picked[-1]
            if last.kind in (PLACES, CLAIMS, EVIDENCE):
                self.sig_current.emit(last.kind, last.record_id)

    def _draw_distance(self) -> None:
        for item in (self._distance_line, self._distance_label):
            if item is not None:
                self.scene.removeItem(item)
        self._distance_line = None
        self._distance_label = None
        self.distance_m = None
        if len(self._picked) < 2:
            return
        first, second = self._picked[-2], self._picked[-1]
        self.distance_m = first.mark.point.distance_m(second.mark.point)
        pen = QPen(QColor("#c0392b"), 1.6, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line = QGraphicsLineItem(first.pos().x(), first.pos().y(), second.pos().x(), second.pos().y())
        line.setPen(pen)
        line.setZValue(20)
        line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene.addItem(line)
        middle = (first.pos() + second.pos()) / 2
        label = MapLabel(format_distance(self.distance_m), CLAIMS)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        label.setBrush(QColor("#c0392b"))
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setPos(middle)
        label.setZValue(21)
        label.setToolTip(
            self.tr("Geodesic distance on the WGS84 ellipsoid: {metres} m").format(
                metres=f"{self.distance_m:,.0f}"
            )
        )
        self.scene.addItem(label)
        self._distance_line, self._distance_label = line, label

    def _double_clicked(self, marker: MarkerItem) -> None:
        if marker.kind == EVIDENCE:
            self.sig_open.emit(EVIDENCE, marker.record_id)

    def online_url(self, point: GeoPoint) -> QUrl:
        lat, lon = f"{point.latitude:.5f}", f"{point.longitude:.5f}"
        return QUrl(f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}")

    def open_online(self) -> bool:
        """Open the selected point on OpenStreetMap, only if the user confirms that the
        coordinates may leave this machine. Returns True when the browser was asked to open."""
        if not self._picked:
            return False
        marker = self._picked[-1]
        point = marker.mark.point
        box = QMessageBox(self)
        box.setObjectName("OnlineMapWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Open in an Online Map"))
        box.setText(
            self.tr("Send the coordinates {lat:.5f}, {lon:.5f} to OpenStreetMap?").format(
                lat=point.latitude, lon=point.longitude
            )
        )
        box.setInformativeText(
            self.tr(
                "The web browser will ask openstreetmap.org for this position: the coordinates leave "
                "this machine, and the map service, your network and anyone watching it can see which "
                "place you looked at, from this computer. Do not do this for a position that could "
                "point to an anonymous source."
            )
        )
        go = box.addButton(self.tr("Open Online Map"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not go:
            return False
        return bool(QDesktopServices.openUrl(self.online_url(point)))

    def _legend_html(self) -> str:
        entries = [
            (PLACES, "●", self.tr("place (circle: its precision)")),
            (CLAIMS, "◆", self.tr("claim, at its place")),
            (EVIDENCE, "■", self.tr("photo GPS (circle: positioning error)")),
            (TOWNS, "•", self.tr("town, for reference")),
        ]
        return "&nbsp;&nbsp;".join(
            f'<span style="color:{COLOURS[kind].name()}">{symbol}</span>&nbsp;{html.escape(text)}'
            for kind, symbol, text in entries
        )

    # ==== status ==============================================================================
    def _towns_toggled(self) -> None:
        for marker in self.markers:
            if marker.kind == TOWNS:
                marker.setVisible(self.act_towns.isChecked())
        self.layout_labels()

    def _show_hint(self) -> None:
        self.status.setText(self.tr("No place of this case has coordinates yet.") if self.data else "")

    def _update_status(self) -> None:
        data = self.data
        if data is None:
            return
        counts = dict.fromkeys((PLACES, CLAIMS, EVIDENCE, TOWNS), 0)
        for marker in self.markers:
            counts[marker.kind] += 1
        parts = [
            self.tr("{count} places").format(count=counts[PLACES]),
            self.tr("{count} claims").format(count=counts[CLAIMS]),
            self.tr("{count} photos with GPS").format(count=counts[EVIDENCE]),
        ]
        missing_claims = len(data.claims) - counts[CLAIMS]
        missing_photos = len(data.evidence) - counts[EVIDENCE] if self.extras is not None else 0
        if missing_claims:
            parts.append(
                self.tr("{count} claims without a located place are not shown").format(count=missing_claims)
            )
        if missing_photos:
            parts.append(self.tr("{count} photos without GPS are not shown").format(count=missing_photos))
        text = " · ".join(parts)
        if self.distance_m is not None and len(self._picked) >= 2:
            first, second = self._picked[-2], self._picked[-1]
            text = (
                self.tr("{a} ↔ {b}: {distance} (geodesic, WGS84)").format(
                    a=first.mark.label, b=second.mark.label, distance=format_distance(self.distance_m)
                )
                + "   ·   "
                + text
            )
        else:
            text += "   ·   " + self.tr(
                "Click an item to see it; Ctrl+click a second one to measure the distance."
            )
        self.status.setText(text)
