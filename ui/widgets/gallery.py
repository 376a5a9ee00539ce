"""The Evidence tab's thumbnail gallery: a filter bar over a QListView in icon mode.

No widget per photo: one list view paints every item from the model, and thumbnails come from
the background ``ThumbnailLoader``. Filters (submitter, date range, GPS, findings) are setters
of ``GalleryFilterProxy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.models.gallery import EvidenceGalleryModel, GalleryFilterProxy
from ui.models.records import Roles
from ui.widgets.gallery_delegate import GalleryDelegate
from verifier import domain


class GalleryView(QListView):
    """A list view in icon mode, set up for many thumbnails (uniform sizes, batched layout)."""

    def __init__(self, edge: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        # Uniform sizes let the view lay out 10,000 items without asking each one its size.
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setIconSize(QSize(edge, edge * 3 // 4))
        line = self.fontMetrics().height()
        self.setGridSize(QSize(edge + 28, edge * 3 // 4 + 2 * line + 18))
        self.setSpacing(6)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)  # photos onto claim cards
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(line * 2)
        self._delegate = GalleryDelegate(edge, self)
        self.setItemDelegate(self._delegate)


class EvidenceGallery(QWidget):
    """Thumbnails of a case's evidence with filters.

    Signals:
        sig_current_changed(int): the selected evidence item's id.
        sig_open(int): the user asked to open an item (double-click or Enter).
        sig_filter_changed(): the visible count changed because a filter changed.
    """

    sig_current_changed = Signal(int)
    sig_open = Signal(int)
    sig_filter_changed = Signal()

    def __init__(self, model: EvidenceGalleryModel, edge: int = 160, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gallery_model = model
        self.proxy = GalleryFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        source_label = QLabel(self.tr("Sent by:"), self)
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("GallerySource")
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        source_label.setBuddy(self.source_combo)
        self.source_combo.currentIndexChanged.connect(self._source_chosen)
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = QDateEdit(self)
        self.to_check = QCheckBox(self.tr("to"), self)
        self.to_date = QDateEdit(self)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            # ISO dates read left to right in every locale; bidi would show 2019-03-02 as 02-03-2019.
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._dates_changed)
            edit.dateChanged.connect(self._dates_changed)
        self.from_check.setToolTip(
            self.tr("Capture date (UTC) when the photo has one, else the day it was received")
        )
        self.gps_check = QCheckBox(self.tr("Has GPS"), self)
        self.gps_check.setObjectName("GalleryGps")
        self.gps_check.toggled.connect(self._gps_toggled)
        self.gps_check.setToolTip(self.tr("Only photos whose metadata records a GPS position"))
        self.findings_check = QCheckBox(self.tr("Has findings"), self)
        self.findings_check.setObjectName("GalleryFindings")
        self.findings_check.toggled.connect(self._findings_toggled)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("GalleryCount")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        for widget in (
            source_label,
            self.source_combo,
            self.from_check,
            self.from_date,
            self.to_check,
            self.to_date,
            self.gps_check,
            self.findings_check,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.view = GalleryView(edge, self)
        self.view.setObjectName("EvidenceGallery")
        self.view.setModel(self.proxy)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update_count()

    # --- our API -------------------------------------------------------------------------------
    def set_sources(self, sources: Sequence[domain.Source]) -> None:
        """Fill the submitter filter with the case's sources (keeps the choice when possible)."""
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self.source_combo.addItem(self.tr("Anyone"), None)
        for source in sources:
            self.source_combo.addItem(source.alias, source.id)
        found = self.source_combo.findData(current) if current is not None else 0
        self.source_combo.setCurrentIndex(max(found, 0))
        self.source_combo.blockSignals(False)
        self.proxy.set_submitter(self.source_combo.currentData())
        self._update_count()

    def set_date_bounds(self, first: date | None, last: date | None) -> None:
        """Start the date pickers at the case's first and last day (without filtering)."""
        for edit, day in ((self.from_date, first), (self.to_date, last)):
            if day is not None and not edit.isEnabled():
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return int(index.data(Roles.RECORD_ID)) if index.isValid() else None

    def select_record(self, evidence_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Roles.RECORD_ID) == evidence_id:
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.view.scrollTo(index)
                return True
        return False

    # --- slots ---------------------------------------------------------------------------------
    def _source_chosen(self, row: int) -> None:
        del row
        self.proxy.set_submitter(self.source_combo.currentData())
        self._filtered()

    def _dates_changed(self) -> None:
        start = self.from_date.date().toPython() if self.from_check.isChecked() else None
        end = self.to_date.date().toPython() if self.to_check.isChecked() else None
        self.proxy.set_date_range(start, end)  # type: ignore[arg-type]  # QDate.toPython is a date
        self._filtered()

    def _gps_toggled(self, on: bool) -> None:
        self.proxy.set_gps_only(on)
        self._filtered()

    def _findings_toggled(self, on: bool) -> None:
        self.proxy.set_findings_only(on)
        self._filtered()

    def _filtered(self) -> None:
        self._update_count()
        self.sig_filter_changed.emit()

    def _update_count(self) -> None:
        total = self.gallery_model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = self.tr("%n photo(s)", "", total)
        else:
            text = self.tr("{shown} of {total} shown").format(shown=shown, total=total)
        self.count_label.setText(text)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        if current.isValid():
            self.sig_current_changed.emit(int(current.data(Roles.RECORD_ID)))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open.emit(int(index.data(Roles.RECORD_ID)))
