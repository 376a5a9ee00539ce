"""The Evidence tab: the record table and the thumbnail gallery, with a switch between them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.gallery import EvidenceGallery
from ui.widgets.record_table import RecordTable


class EvidencePane(QWidget):
    """Table | Thumbnails: both views show the same evidence and follow the same selection.

    Signals:
        sig_mode_changed(str): "table" or "gallery".
    """

    sig_mode_changed = Signal(str)

    def __init__(self, table: RecordTable, gallery: EvidenceGallery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.gallery = gallery
        self.stack = QStackedWidget(self)
        self.stack.addWidget(table)
        self.stack.addWidget(gallery)
        self.table_button = QToolButton(self)
        self.table_button.setObjectName("EvidenceTableMode")
        self.table_button.setText(self.tr("Table"))
        self.gallery_button = QToolButton(self)
        self.gallery_button.setObjectName("EvidenceGalleryMode")
        self.gallery_button.setText(self.tr("Thumbnails"))
        group = QButtonGroup(self)
        group.setExclusive(True)
        for button in (self.table_button, self.gallery_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            group.addButton(button)
        self.table_button.setChecked(True)
        self.table_button.toggled.connect(self._table_toggled)
        self.gallery_button.toggled.connect(self._gallery_toggled)
        hint = QLabel(self.tr("Double-click or press Enter to open a photo"), self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 4, 0, 0)
        bar.addWidget(QLabel(self.tr("Show as:"), self))
        bar.addWidget(self.table_button)
        bar.addWidget(self.gallery_button)
        bar.addStretch(1)
        bar.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    def _table_toggled(self, on: bool) -> None:
        if on:
            self.set_mode("table")

    def _gallery_toggled(self, on: bool) -> None:
        if on:
            self.set_mode("gallery")

    def mode(self) -> str:
        return "gallery" if self.stack.currentWidget() is self.gallery else "table"

    def set_mode(self, mode: str) -> None:
        gallery = mode == "gallery"
        (self.gallery_button if gallery else self.table_button).setChecked(True)
        target = self.gallery if gallery else self.table
        if self.stack.currentWidget() is not target:
            self.stack.setCurrentWidget(target)
            self.sig_mode_changed.emit(self.mode())
