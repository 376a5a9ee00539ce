"""Paints cells that carry a tone (``Roles.BADGE``) as a coloured pill: attribution terms, status."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.records import Roles

AnyIndex = QModelIndex | QPersistentModelIndex

# (background, text): pale fills with dark text keep a 7:1 contrast on light and selected rows.
TONES: dict[str, tuple[str, str]] = {
    "protected": ("#fde8d7", "#8d2b0b"),
    "caution": ("#fff3c4", "#7c5e10"),
    "named": ("#dceefb", "#0b4f8a"),
    "neutral": ("#e4e7eb", "#323f4b"),
    "progress": ("#dceefb", "#0b4f8a"),
    "ok": ("#e3f9e5", "#14532d"),
    "bad": ("#ffe3e3", "#8a1c1c"),
}


class BadgeDelegate(QStyledItemDelegate):
    """Draws the cell text inside a rounded, tinted pill chosen by the model's tone name.

    The model says *what* a value means (a tone); this delegate decides how that looks, so a
    colour scheme change never touches the models (STYLE.md: painting lives in delegates).
    """

    PADDING_X = 8
    MARGIN_Y = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        tone = index.data(Roles.BADGE)
        colours = TONES.get(tone) if isinstance(tone, str) else None
        if colours is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        # The row background and selection highlight come from the style as for any cell.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        metrics = opt.fontMetrics
        rect = opt.rect.adjusted(4, self.MARGIN_Y, -4, -self.MARGIN_Y)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 2 * self.PADDING_X)
        width = min(rect.width(), metrics.horizontalAdvance(elided) + 2 * self.PADDING_X)
        pill = QRectF(rect.x(), rect.y(), width, rect.height())
        if opt.direction == Qt.LayoutDirection.RightToLeft:
            pill.moveRight(rect.right())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours[0]))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor(colours[1]))
        painter.setFont(opt.font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * self.PADDING_X, size.height() + 2 * self.MARGIN_Y)
