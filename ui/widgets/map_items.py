"""The map's graphics items: markers of a fixed size on screen, their labels and precision circles.

Markers and labels ignore the view's zoom (``ItemIgnoresTransformations``), so a place stays a
10-pixel dot at any scale; precision and positioning-error circles are drawn in metres on the
scene, so they grow and shrink with the map and show what the coordinates really claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
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


class MarkerItem(QGraphicsItem):
    """A selectable marker of a fixed pixel size: dot (place), diamond (claim), square (photo)."""

    def __init__(self, mark: MapMark, position: QPointF) -> None:
        super().__init__()
        self.mark = mark
        self.setPos(position)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setToolTip(mark.tooltip)
        self.setZValue(10 - PRIORITY[mark.kind])
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label: MapLabel | None = None
        self.circle: QGraphicsEllipseItem | None = None
        self._size = _SIZE[mark.kind]

    @property
    def kind(self) -> str:
        return self.mark.kind

    @property
    def record_id(self) -> int:
        return self.mark.record_id

    def centre(self) -> QPointF:
        """The marker's centre in its own (pixel) coordinates."""
        return QPointF(*self.mark.offset)

    def boundingRect(self) -> QRectF:
        half = self._size / 2 + 3
        dx, dy = self.mark.offset
        return QRectF(dx - half, dy - half, 2 * half, 2 * half)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        # A slightly larger hit area than the drawing: small targets are hard to click.
        path.addEllipse(self.centre(), self._size / 2 + 3, self._size / 2 + 3)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        del option, widget
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = COLOURS[self.kind]
        selected = self.isSelected()
        painter.setPen(QPen(SELECTED if selected else QColor("white"), 2.5 if selected else 1.2))
        painter.setBrush(QBrush(colour))
        centre, half = self.centre(), self._size / 2
        if self.kind == CLAIMS:
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
        elif self.kind == EVIDENCE:
            painter.drawRect(QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half))
        else:
            painter.drawEllipse(centre, half, half)


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
