"""Paints a gallery tile: the thumbnail and name as usual, plus small badges on the picture
for what the filters know (findings count by worst severity, a GPS position)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.gallery import GalleryRoles
from ui.models.records import Roles
from ui.widgets.badge_delegate import TONES

AnyIndex = QModelIndex | QPersistentModelIndex

_SEVERITY_TONE = {"conflict": "bad", "warning": "caution", "info": "neutral"}


class GalleryDelegate(QStyledItemDelegate):
    """The standard icon-mode tile with badges drawn over the thumbnail's top corners."""

    def __init__(self, icon_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon_width = icon_width

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        findings = index.data(GalleryRoles.FINDINGS) or 0
        has_gps = bool(index.data(GalleryRoles.HAS_GPS))
        if not findings and not has_gps:
            return
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        rect: QRect = option.rect
        left = rect.x() + (rect.width() - self._icon_width) // 2 + 4
        right = left + self._icon_width - 8
        top = rect.y() + 6
        font = QFont(option.font)
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.save()
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        height = metrics.height() + 2
        if findings:
            tone = _SEVERITY_TONE.get(str(index.data(Roles.BADGE)), "neutral")
            text = str(findings)
            width = metrics.horizontalAdvance(text) + 12
            x = right - width if rtl else left
            self._pill(painter, QRectF(x, top, width, height), text, tone)
        if has_gps:
            text = QCoreApplication.translate("GalleryDelegate", "GPS")
            width = metrics.horizontalAdvance(text) + 12
            x = left if rtl else right - width
            self._pill(painter, QRectF(x, top, width, height), text, "named")
        painter.restore()

    @staticmethod
    def _pill(painter: QPainter, rect: QRectF, text: str, tone: str) -> None:
        background, foreground = TONES[tone]
        painter.setPen(QColor(foreground))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
