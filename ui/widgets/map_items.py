"""The map's graphics items: markers of a fixed size on screen, their labels and precision circles.

Markers and labels ignore the view's zoom (``ItemIgnoresTransformations``), so a place stays a
10-pixel dot at any scale; precision and positioning-error circles are drawn in metres on the
scene, so they grow and shrink with the map and show what the coordinates really claim.

A case may put tens of thousands of photos on the map, so a marker costs little: Qt blits it
from a pixmap drawn once per kind (no Python is called back on a repaint), its tooltip is given
to Qt only when the pointer enters it, and its label item is made once the label is first placed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from verifier.domain import GeoPoint

# Record kinds as the main window's views name them, plus the reference towns.
PLACES: Final = "places"
CLAIMS: Final = "claims"
EVIDENCE: Final = "evidence"
TOWNS: Final = "towns"

COLOURS: Final = {
    PLACES: QColor("#1f5fae"),
    CLAIMS: QColor("#7b3fa0"),
    EVIDENCE: QColor("#d0661a"),
    TOWNS: QColor("#8c8c8c"),
}
SELECTED: Final = QColor("#e0b000")
# Which labels win when two would overlap: places, then photos, claims, towns.
PRIORITY: Final = {PLACES: 0, EVIDENCE: 1, CLAIMS: 2, TOWNS: 3}
_SIZE: Final = {PLACES: 11.0, CLAIMS: 10.0, EVIDENCE: 10.0, TOWNS: 5.0}


@dataclass(frozen=True)
class MapMark:
    """One thing drawn on the map.

    Attributes:
        kind: PLACES, CLAIMS, EVIDENCE or TOWNS.
        record_id: The record's id (a running number for towns).
        point: Where it is.
        label: Short text next to the marker.
        tooltip: What hovering shows (full names, precision, coordinates).
        radius_m: Precision or positioning-error radius in metres, when known.
        offset: Pixel offset of the marker from its point (claims fanned out around their place).
    """

    kind: str
    record_id: int
    point: GeoPoint
    label: str
    tooltip: str
    radius_m: float | None = None
    offset: tuple[float, float] = (0.0, 0.0)


class MarkerItem(QGraphicsEllipseItem):
    """A selectable marker of a fixed pixel size: dot (place), diamond (claim), square (photo).

    The ellipse it derives from is its hit area (a little larger than the drawing: small
    targets are hard to click) and its bounds; Qt works both out in C++ without calling back
    into Python, which counts with tens of thousands of markers on each repaint.
    """

    def __init__(self, mark: MapMark, position: QPointF, ratio: float = 1.0) -> None:
        half = _SIZE[mark.kind] / 2 + 3
        dx, dy = mark.offset
        super().__init__(dx - half, dy - half, 2 * half, 2 * half)
        self.mark = mark
        self.setPos(position)
        # The marker itself draws nothing (Qt would outline it dashed when selected).
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(10 - PRIORITY[mark.kind])
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # ``body``: the marker's drawing, blitted from a pixmap shared by every marker alike.
        self._ratio = ratio
        self.body = QGraphicsPixmapItem(marker_pixmap(mark.kind, False, ratio), self)
        corner = _SIZE[mark.kind] / 2 + _MARGIN
        self.body.setOffset(dx - corner, dy - corner)
        self.body.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.body.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.label: MapLabel | None = None
        self.circle: QGraphicsEllipseItem | None = None
        self._size = _SIZE[mark.kind]
        self._tip_given = False
        # Its place among the map's markers (the order they were drawn in).
        self.order = 0
        # Where the label was last put (marker pixels) and whether it shows; None: never placed.
        self.label_at: tuple[float, float] | None = None
        self.label_shown = False
        self.circle_shown = True

    def toolTip(self) -> str:
        """What hovering shows (Qt is given it when the pointer first enters the marker)."""
        return self.mark.tooltip

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self._tip_given:
            # QGraphicsItem::toolTip() is not virtual: the scene reads what was set.
            self.setToolTip(self.mark.tooltip)
            self._tip_given = True
        super().hoverEnterEvent(event)

    def ensure_label(self) -> MapLabel:
        """The marker's label item, made on first use."""
        if self.label is None:
            self.label = MapLabel(self.mark.label, self.mark.kind, self)
        return self.label

    @property
    def kind(self) -> str:
        return self.mark.kind

    @property
    def record_id(self) -> int:
        return self.mark.record_id

    def centre(self) -> QPointF:
        """The marker's centre in its own (pixel) coordinates."""
        return QPointF(*self.mark.offset)

    def show_selected(self, selected: bool) -> None:
        """Draw the marker picked (thick yellow outline) or not (thin white one)."""
        self.body.setPixmap(marker_pixmap(self.mark.kind, selected, self._ratio))


_PIXMAPS: dict[tuple[str, bool, float], QPixmap] = {}
# Room around a marker's shape in its pixmap: half the selected outline and the antialiasing.
_MARGIN = 3.0


def marker_pixmap(kind: str, selected: bool, ratio: float = 1.0) -> QPixmap:
    """The drawing of a marker, made once per kind, state and device pixel ratio.

    The shape is centred in a square of ``_SIZE + 2 * _MARGIN`` pixels: a dot (place, town),
    a diamond (claim) or a square (photo) in the kind's colour, outlined white, or yellow and
    thicker when selected."""
    key = (kind, selected, ratio)
    found = _PIXMAPS.get(key)
    if found is not None:
        return found
    half = _SIZE[kind] / 2
    side = 2 * (half + _MARGIN)
    pixmap = QPixmap(math.ceil(side * ratio), math.ceil(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(SELECTED if selected else QColor("white"), 2.5 if selected else 1.2))
    painter.setBrush(QBrush(COLOURS[kind]))
    centre = QPointF(side / 2, side / 2)
    if kind == CLAIMS:
        painter.drawPolygon(
            QPolygonF(
                [
                    centre + QPointF(0, -half),
                    centre + QPointF(half, 0),
                    centre + QPointF(0, half),
                    centre + QPointF(-half, 0),
                ]
            )
        )
    elif kind == EVIDENCE:
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half))
    else:
        painter.drawEllipse(centre, half, half)
    painter.end()
    _PIXMAPS[key] = pixmap
    return pixmap


class MapLabel(QGraphicsSimpleTextItem):
    """A marker's label on a translucent plate, so it stays legible over circles and lines."""

    def __init__(self, text: str, kind: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(text, parent)
        font = QFont(self.font())
        if kind == TOWNS:
            font.setPointSizeF(font.pointSizeF() * 0.85)
            self.setBrush(QBrush(QColor("#6e6e6e")))
        elif kind == PLACES:
            font.setBold(True)
            self.setBrush(QBrush(QColor("#17365d")))
        else:
            self.setBrush(QBrush(COLOURS[kind].darker(140)))
        self.setFont(font)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.kind = kind

    def size(self) -> tuple[float, float]:
        metrics = QFontMetricsF(self.font())
        return metrics.horizontalAdvance(self.text()), metrics.height()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(self.boundingRect().adjusted(-2, 0, 2, 0), 3, 3)
        super().paint(painter, option, widget)  # type: ignore[arg-type]  # Qt accepts no widget


class LabelMeasure:
    """Sizes of labels not made yet, measured exactly as a ``MapLabel`` of that kind measures.

    ``size(text, kind)`` is (advance width, font height, bounding width, bounding height): the
    first two place the label around its marker, the last two are the box it covers.
    """

    def __init__(self) -> None:
        self._probes: dict[str, MapLabel] = {}
        self._metrics: dict[str, QFontMetricsF] = {}

    def size(self, text: str, kind: str) -> tuple[float, float, float, float]:
        probe = self._probes.get(kind)
        if probe is None:
            probe = self._probes[kind] = MapLabel("", kind)
            self._metrics[kind] = QFontMetricsF(probe.font())
        metrics = self._metrics[kind]
        probe.setText(text)
        box = probe.boundingRect()
        return metrics.horizontalAdvance(text), metrics.height(), box.width(), box.height()


def precision_circle(
    centre: QPointF, radius_m: float, kind: str, dashed: bool = False
) -> QGraphicsEllipseItem:
    """A circle of ``radius_m`` metres around a projected point (drawn in scene units)."""
    circle = QGraphicsEllipseItem(centre.x() - radius_m, centre.y() - radius_m, 2 * radius_m, 2 * radius_m)
    colour = QColor(COLOURS[kind])
    pen = QPen(colour, 1.2)
    pen.setCosmetic(True)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    circle.setPen(pen)
    fill = QColor(colour)
    fill.setAlpha(22)
    circle.setBrush(QBrush(fill))
    circle.setZValue(-10 - radius_m / 1e6)  # larger circles below smaller ones
    circle.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return circle
