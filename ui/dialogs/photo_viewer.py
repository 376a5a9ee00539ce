"""The photo viewer: the picture (zoom, pan, ELA overlay), its summary, provenance, findings and
every metadata tag grouped like ExifTool's output.

Everything is read and decoded in background tasks (``ui.gallery_data.load_photo``); ELA is
computed by the core (``verifier.intake.ela``) and the sanitized copy by
``verifier.export.sanitize``, each in a task. The original in the vault is only ever read.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui import detail
from ui.case_report import CaseReportCache, findings_about
from ui.detail import esc
from ui.gallery_data import PhotoView, load_photo, ordered_findings, photo_findings
from ui.models.metadata import MetadataFilterProxy, MetadataTreeModel
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from ui.vocabulary import format_size, format_time, isolate, label
from ui.widgets.record_table import DataTextDelegate
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Severity
from verifier.export.sanitize import sanitized_copy
from verifier.intake.ela import error_level
from verifier.services.workspace import Workspace

# Severity badge colours (background, text), as the record tables' badges.
_SEVERITY_TONES = {
    Severity.CONFLICT: ("#ffe3e3", "#8a1c1c"),
    Severity.WARNING: ("#fff3c4", "#7c5e10"),
    Severity.INFO: ("#e4e7eb", "#323f4b"),
}


class ImageView(QGraphicsView):
    """A zoomable, pannable picture with an optional overlay of the same size (ELA)."""

    MIN_ZOOM = 0.02
    MAX_ZOOM = 16.0
    STEP = 1.25

    sig_zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.photo_item = QGraphicsPixmapItem()
        self.photo_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.overlay_item = QGraphicsPixmapItem()
        self.overlay_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.overlay_item.setVisible(False)
        self.scene().addItem(self.photo_item)
        self.scene().addItem(self.overlay_item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        # Pictures are not mirrored in a right-to-left layout; only the chrome around them is.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._fit = True

    def set_image(self, image: QImage) -> None:
        self.photo_item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(self.photo_item.pixmap().rect()))
        self.fit()

    def set_overlay(self, image: QImage | None) -> None:
        if image is None:
            self.overlay_item.setPixmap(QPixmap())
            return
        self.overlay_item.setPixmap(QPixmap.fromImage(image))
        # ELA is computed on a smaller copy: stretch it over the displayed photo.
        width = self.photo_item.pixmap().width()
        if image.width() > 0 and width > 0:
            self.overlay_item.setScale(width / image.width())

    def show_overlay(self, on: bool) -> None:
        self.overlay_item.setVisible(on)

    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        factor = max(self.MIN_ZOOM, min(self.MAX_ZOOM, factor))
        self._fit = False
        self.resetTransform()
        self.scale(factor, factor)
        self.sig_zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * self.STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / self.STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        self._fit = True
        if not self.photo_item.pixmap().isNull():
            self.fitInView(self.photo_item, Qt.AspectRatioMode.KeepAspectRatio)
        self.sig_zoom_changed.emit(self.zoom())

    def is_fitted(self) -> bool:
        return self._fit

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom() * self.STEP**steps)
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()


class PhotoViewerDialog(QDialog):
    """One photo, opened from the Evidence tab (double-click or Enter).

    Signals:
        sig_loaded(object): the ``PhotoView`` is shown.
        sig_ela_ready(): the ELA overlay has been computed.
        sig_exported(object): a sanitized copy was written (its Path).
    """

    sig_loaded = Signal(object)
    sig_ela_ready = Signal()
    sig_exported = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        evidence_id: int,
        parent: QWidget | None = None,
        reports: CaseReportCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._ws = ws
        self.evidence_id = evidence_id
        # The case's shared report: its findings are used instead of running the rules again.
        self._reports = reports
        self.photo: PhotoView | None = None
        self._ela_task: TaskHandle[Any] | None = None
        self._tasks: list[TaskHandle[Any]] = []
        self.setObjectName("PhotoViewer")
        self.setWindowTitle(self.tr("Photo #{id}").format(id=evidence_id))
        self.resize(1320, 840)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.image_view = ImageView(self)
        self.image_view.setObjectName("PhotoView")
        self.act_zoom_out = self._action(
            self.tr("Zoom out"), self.image_view.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.act_zoom_in = self._action(
            self.tr("Zoom in"), self.image_view.zoom_in, QKeySequence.StandardKey.ZoomIn
        )
        self.act_fit = self._action(self.tr("Fit"), self.image_view.fit, "Ctrl+0")
        self.act_actual = self._action(self.tr("Actual size"), self.image_view.actual_size, "Ctrl+1")
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Zoom: 1600 %") + 12)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_view.sig_zoom_changed.connect(
            lambda factor: self.zoom_label.setText(
                self.tr("Zoom: {percent} %").format(percent=round(factor * 100))
            )
        )
        self.act_ela = self._action(self.tr("Error level analysis"), self._toggle_ela, "E")
        self.act_ela.setCheckable(True)
        self.act_ela.setToolTip(
            self.tr(
                "Show how much each area changes when the photo is saved again as JPEG. Bright areas "
                "compressed differently deserve a look; ELA alone proves neither editing nor its absence."
            )
        )
        self.act_export = self._action(
            self.tr("Export sanitized copy…"), self.export_sanitized, "Ctrl+Shift+E"
        )
        self.act_export.setToolTip(
            self.tr("Save a copy without any metadata (upright, sRGB JPEG); the original stays untouched")
        )
        self.act_ela.setEnabled(False)
        self.act_export.setEnabled(False)
        for act in (self.act_zoom_out, self.act_zoom_in, self.act_fit, self.act_actual):
            self.toolbar.addAction(act)
        self.toolbar.addWidget(self.zoom_label)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_ela)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_export)

        self.summary = QTextBrowser(self)
        self.summary.setObjectName("PhotoSummary")
        self.summary.setOpenLinks(False)
        self.summary.document().setDefaultStyleSheet(detail.STYLE_SHEET + _EXTRA_STYLE)
        self.summary.document().setDocumentMargin(12)
        self.summary.setHtml(detail.hint_html(self.tr("Reading the photo…")))

        self.metadata_model = MetadataTreeModel(self)
        self.metadata_proxy = MetadataFilterProxy(self)
        self.metadata_proxy.setSourceModel(self.metadata_model)
        self.metadata_filter = QLineEdit(self)
        self.metadata_filter.setObjectName("MetadataFilter")
        self.metadata_filter.setClearButtonEnabled(True)
        self.metadata_filter.setPlaceholderText(self.tr("Filter tags and values"))
        self.metadata_filter.textChanged.connect(self._filter_metadata)
        self.metadata_tree = QTreeView(self)
        self.metadata_tree.setObjectName("MetadataTree")
        self.metadata_tree.setModel(self.metadata_proxy)
        self.metadata_tree.setUniformRowHeights(True)
        self.metadata_tree.setAlternatingRowColors(True)
        self.metadata_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.metadata_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Tags and values are data: each in its own direction ("+03:00" stays so in Arabic).
        self.metadata_tree.setItemDelegate(DataTextDelegate(self.metadata_tree))
        self.metadata_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.metadata_tree.header().resizeSection(0, 190)
        self.metadata_tree.header().setStretchLastSection(True)
        metadata_page = QWidget(self)
        metadata_layout = QVBoxLayout(metadata_page)
        metadata_layout.setContentsMargins(6, 6, 6, 6)
        metadata_layout.addWidget(self.metadata_filter)
        metadata_layout.addWidget(self.metadata_tree, 1)

        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("PhotoTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.summary, self.tr("Summary and findings"))
        self.side_tabs.addTab(metadata_page, self.tr("Metadata"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.image_view)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 520])

        self.status = QLabel(self)
        self.status.setObjectName("ViewerStatus")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.finished.connect(self._discard_tasks)
        self._load()

    # --- loading -------------------------------------------------------------------------------
    def _action(self, text: str, slot: Any, shortcut: Any) -> QAction:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _run(self, fn: Any, **kwargs: Any) -> TaskHandle[Any]:
        handle = self.runner.run(fn, parent_widget=self, **kwargs)
        self._tasks.append(handle)
        handle.sig_finished.connect(lambda: self._tasks.remove(handle) if handle in self._tasks else None)
        return handle

    def _load(self) -> None:
        ws, evidence_id = self._ws, self.evidence_id
        known = self._reports.known() if self._reports is not None else None
        self._run(
            lambda progress, cancel: load_photo(ws, evidence_id, progress, known),
            on_done=self._loaded,
            label=self.tr("Opening the photo"),
        )

    def _loaded(self, photo: PhotoView) -> None:
        if photo.findings_pending:
            # The case's report is on its way: show the photo once its findings are known.
            case_id = photo.item.case_id
            waiting = self._reports is not None and self._reports.when_ready(
                case_id, lambda report: self._report_arrived(photo, report), owner=self
            )
            if not waiting:
                self._report_arrived(photo, None)
            return
        self._show_photo(photo)

    def _report_arrived(self, photo: PhotoView, report: CaseReport | None) -> None:
        if report is not None:
            found = ordered_findings(findings_about(report, "evidence", photo.item.id))
            self._show_photo(replace(photo, findings=found, findings_pending=False))
            return
        # The shared report was superseded or failed: compute this photo's findings alone.
        ws, case_id, evidence_id = self._ws, photo.item.case_id, photo.item.id
        self._run(
            lambda progress, cancel: photo_findings(ws, case_id, evidence_id),
            on_done=lambda found: self._show_photo(replace(photo, findings=found, findings_pending=False)),
            label=self.tr("Cross-referencing the photo"),
        )

    def _show_photo(self, photo: PhotoView) -> None:
        self.photo = photo
        self.setWindowTitle(
            self.tr("Photo #{id} — {name}").format(id=photo.item.id, name=photo.item.original_name)
        )
        if photo.image is not None:
            self.image_view.set_image(photo.image)
            self.act_ela.setEnabled(True)
            self.act_export.setEnabled(True)
        else:
            self.status.setText(
                self.tr("The picture cannot be shown: {reason}").format(reason=photo.image_error)
            )
        self.metadata_model.set_raw(photo.raw)
        self.metadata_tree.expandAll()
        self.summary.setHtml(photo_summary_html(photo))
        self.sig_loaded.emit(photo)

    def _discard_tasks(self) -> None:
        for handle in list(self._tasks):
            handle.discard()

    # --- ELA -----------------------------------------------------------------------------------
    def _toggle_ela(self, on: bool) -> None:
        if not on:
            self.image_view.show_overlay(False)
            self.status.setText("")
            return
        if not self.image_view.overlay_item.pixmap().isNull():
            self.image_view.show_overlay(True)
            self._ela_status()
            return
        if self._ela_task is not None or self.photo is None:
            return
        ws, sha = self._ws, self.photo.item.sha256

        def compute(progress: ProgressFn, cancel: threading.Event) -> QImage:
            image = QImage.fromData(error_level(ws.vault.read_bytes(sha)))
            if image.isNull():
                raise ValueError("The error level image could not be read.")
            return image

        self.status.setText(self.tr("Computing error level analysis…"))
        self._ela_task = self._run(
            compute, on_done=self._ela_done, on_failed=self._ela_failed, label=self.tr("Computing ELA")
        )

    def _ela_done(self, image: QImage) -> None:
        self._ela_task = None
        self.image_view.set_overlay(image)
        self.image_view.show_overlay(self.act_ela.isChecked())
        self._ela_status()
        self.sig_ela_ready.emit()

    def _ela_status(self) -> None:
        self.status.setText(
            self.tr(
                "Error level analysis: brighter areas changed more when re-saved at JPEG quality 90. "
                "Edges and texture are always bright; look for areas that differ from similar surroundings."
            )
        )

    def _ela_failed(self, exc: BaseException) -> None:
        self._ela_task = None
        self.act_ela.setChecked(False)
        self.status.setText(self.tr("Error level analysis failed: {reason}").format(reason=exc))

    # --- export --------------------------------------------------------------------------------
    def export_sanitized(self, target: Path | None = None) -> TaskHandle[Any] | None:
        """Write a copy without metadata, in the background; asks where when ``target`` is None."""
        if self.photo is None:
            return None
        if not isinstance(target, Path):
            stem = Path(self.photo.item.original_name).stem or f"photo-{self.photo.item.id}"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export sanitized copy"),
                f"{stem}-sanitized.jpg",
                self.tr("JPEG pictures (*.jpg *.jpeg)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        ws, sha, name = self._ws, self.photo.item.sha256, f"photo #{self.photo.item.id}"
        destination = target

        def export(progress: ProgressFn, cancel: threading.Event) -> Path:
            data = sanitized_copy(ws.vault.read_bytes(sha), label=name)
            partial = destination.with_name(destination.name + ".part")
            partial.write_bytes(data)
            partial.replace(destination)
            return destination

        return self._run(export, on_done=self._exported, label=self.tr("Exporting a sanitized copy"))

    def _exported(self, path: Path) -> None:
        self.status.setText(self.tr("Sanitized copy saved to {path}").format(path=path))
        self.sig_exported.emit(path)

    def _filter_metadata(self, text: str) -> None:
        self.metadata_proxy.set_filter_text(text)
        self.metadata_tree.expandAll()


_EXTRA_STYLE = """
.card { background-color: #f5f7fa; }
.sev { font-weight: 600; }
td.finding { padding-bottom: 6px; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhotoViewerDialog", text)


_ZONE_SOURCES = {
    "offset_tag": QT_TRANSLATE_NOOP("PhotoViewerDialog", "the camera's time-zone tag (OffsetTimeOriginal)"),
    "gps_time": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "the difference between the camera clock and the GPS time (inferred)"
    ),
    "unknown": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "not recorded: the UTC time is uncertain by up to 14 hours"
    ),
}
_C2PA_STATES = {
    "absent": QT_TRANSLATE_NOOP("PhotoViewerDialog", "No Content Credentials embedded"),
    "valid_trusted": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "Content Credentials valid, signed by a trusted signer"
    ),
    "valid_untrusted": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "Content Credentials valid, but the signer is not on the trust list"
    ),
    "invalid": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "Content Credentials present but invalid (changed after signing, or malformed)"
    ),
    "present_unvalidated": QT_TRANSLATE_NOOP(
        "PhotoViewerDialog", "Content Credentials present, not checked (C2PA library not installed)"
    ),
}
_SEVERITY_WORDS = {
    Severity.CONFLICT: QT_TRANSLATE_NOOP("PhotoViewerDialog", "Conflict"),
    Severity.WARNING: QT_TRANSLATE_NOOP("PhotoViewerDialog", "Warning"),
    Severity.INFO: QT_TRANSLATE_NOOP("PhotoViewerDialog", "Information"),
}


def _fields(rows: list[tuple[str, str]]) -> str:
    # Each value in its own direction, in a table that mirrors under a right-to-left interface.
    return detail.fields((name, isolate(value)) for name, value in rows)


def _badge(severity: Severity) -> str:
    background, text = _SEVERITY_TONES[severity]
    word = _tr(str(_SEVERITY_WORDS[severity]))
    return (
        f'<span class="sev" style="background-color:{background}; color:{text};">'
        f"&nbsp;{esc(word)}&nbsp;</span>"
    )


def photo_summary_html(photo: PhotoView) -> str:
    """The viewer's summary card, provenance and findings as HTML (every value escaped)."""
    item, details = photo.item, photo.details
    summary: dict[str, Any] = dict(details.summary) if details is not None else {}
    none = '<span class="muted">' + esc(_tr("not recorded")) + "</span>"
    name = detail.inline(item.original_name)
    parts = ['<p class="kind">' + esc(_tr("PHOTO")) + f" #{item.id}</p><h2>{name}</h2>"]

    card: list[tuple[str, str]] = []
    if details is not None and details.capture_utc is not None:
        card.append((_tr("Taken (UTC)"), esc(format_time(details.capture_utc))))
    else:
        card.append((_tr("Taken (UTC)"), none))
    if details is not None and details.capture_local:
        offset = summary.get("capture_offset") or ""
        local = details.capture_local.replace("T", " ")
        card.append((_tr("Camera clock"), esc(f"{local} {offset}".strip())))
    zone = details.capture_tz_source if details is not None else "unknown"
    card.append((_tr("Time zone from"), esc(_tr(str(_ZONE_SOURCES.get(zone, zone))))))
    device = " ".join(v for v in ((details.make, details.model) if details else ()) if v)
    if details is not None and details.body_serial_number:
        device += " " + _tr("(serial {serial})").format(serial=details.body_serial_number)
    card.append((_tr("Device"), esc(device) if device else none))
    if details is not None and details.gps_latitude is not None and details.gps_longitude is not None:
        position = detail.format_coordinates(details.gps_latitude, details.gps_longitude)
        error = summary.get("gps_h_positioning_error")
        precision = (
            _tr("± {metres} m (GPSHPositioningError)").format(metres=f"{float(error):g}")
            if isinstance(error, int | float)
            else _tr("precision not recorded (phone GPS is typically within 5 to 50 m)")
        )
        altitude = summary.get("gps_altitude")
        card.append((_tr("Position"), esc(position)))
        card.append((_tr("Precision"), esc(precision)))
        if isinstance(altitude, int | float):
            card.append((_tr("Altitude"), esc(f"{altitude:g} m")))
    else:
        card.append((_tr("Position"), none))
    software = " · ".join(
        v for v in ((details.software if details else ""), str(summary.get("creator_tool") or "")) if v
    )
    card.append((_tr("Software"), esc(software) if software else none))
    state = details.c2pa_state if details is not None else "absent"
    card.append((_tr("Content Credentials"), esc(_tr(str(_C2PA_STATES.get(state, state))))))
    if details is not None:
        shape = f"{details.format.upper()}"
        if details.width and details.height:
            shape += f" · {details.width}x{details.height}"
        if details.jpeg_quality:
            shape += " · " + _tr("JPEG quality ≈ {q}").format(q=details.jpeg_quality)
        card.append((_tr("File"), esc(f"{shape} · {format_size(item.size)}")))
    parts.append("<h3>" + esc(_tr("Summary")) + f"</h3>{_fields(card)}")
    notes = [str(n) for n in summary.get("notes") or []]
    if notes:
        parts.append("".join(f'<p class="note">{esc(n)}</p>' for n in notes))

    provenance: list[tuple[str, str]] = [
        (_tr("Sent by"), esc(photo.submitter) if photo.submitter else none),
        (_tr("Arrived by"), esc(label(item.arrival)) if item.arrival is not None else none),
        (_tr("Received (UTC)"), esc(format_time(item.received_at))),
        (_tr("Caption"), esc(item.caption) if item.caption else none),
        (_tr("Claimed date"), esc(item.claimed_date) if item.claimed_date else none),
        (_tr("Claimed place"), esc(item.claimed_place) if item.claimed_place else none),
        (_tr("Original folder"), esc(item.original_folder) if item.original_folder else none),
        (_tr("Original name"), esc(item.original_name)),
        (_tr("SHA-256"), f'<span class="hash">{esc(item.sha256)}</span>'),
    ]
    parts.append("<h3>" + esc(_tr("Provenance")) + f"</h3>{_fields(provenance)}")

    title = _tr("Findings ({count})").format(count=len(photo.findings))
    if photo.findings:
        # The explanations are English data whatever the interface: each paragraph in its own direction.
        cells = (
            (_badge(f.severity), detail.paragraphs(f.explanation) + detail.paragraphs(f.rule, "muted"))
            for f in photo.findings
        )
        body = detail.table(
            detail.row([f'<td class="finding" valign="top">{badge}</td>', f'<td class="finding">{text}</td>'])
            for badge, text in cells
        )
    else:
        body = '<p class="muted">' + esc(_tr("No rule has anything to say about this photo.")) + "</p>"
    parts.append(f"<h3>{esc(title)}</h3>{body}")
    return detail.document(*parts)
