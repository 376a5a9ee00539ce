"""Import photos: the provenance form shown before an import, and the report shown after.

The form only collects what the user says (files, submitter, arrival channel, time, caption);
the main window runs ``verifier.services.intake.import_photos`` in one background task with the
status bar's progress bar and Cancel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.models.records import Column, RecordTableModel
from ui.vocabulary import label
from ui.widgets.record_table import RecordTable
from verifier import domain
from verifier.domain import ArrivalChannel
from verifier.services.intake import ImportReport, Provenance

PHOTO_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.webp *.heic *.heif *.dng"


class ImportDialog(QDialog):
    """Which files, and where they came from: submitter, arrival channel, received at, caption.

    Signals:
        sig_import(list[Path], Provenance): the user pressed Import.
    """

    sig_import = Signal(list, object)

    def __init__(
        self,
        sources: Sequence[domain.Source],
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import Photos"))
        self.setMinimumWidth(560)
        self._paths: list[Path] = []
        intro = QLabel(
            self.tr(
                "The originals are copied unchanged into the vault. Say where they came from: it is "
                "what the findings compare the pictures with."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.files = QListWidget(self)  # a short list of the user's own choice, not case data
        self.files.setObjectName("ImportFiles")
        self.files.setMaximumHeight(120)
        add_files = QPushButton(self.tr("Add Files…"), self)
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(self.tr("Add Folder…"), self)
        add_folder.clicked.connect(self._choose_folder)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(add_files)
        file_buttons.addWidget(add_folder)
        file_buttons.addStretch(1)

        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("ImportSource")
        self.source_combo.addItem(self.tr("Not recorded"), None)
        for source in sources:
            self.source_combo.addItem(source.alias, source.id)
        self.arrival_combo = QComboBox(self)
        self.arrival_combo.setObjectName("ImportArrival")
        self.arrival_combo.addItem(self.tr("Not recorded"), None)
        for channel in ArrivalChannel:
            self.arrival_combo.addItem(label(channel), channel)
        self.received_edit = QDateTimeEdit(self)
        self.received_edit.setObjectName("ImportReceived")
        self.received_edit.setTimeZone(QTimeZone.utc())
        self.received_edit.setDisplayFormat("yyyy-MM-dd HH:mm 'UTC'")
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # ISO order in RTL too
        self.received_edit.setDateTime(QDateTime.currentDateTimeUtc())
        self.caption_edit = QPlainTextEdit(self)
        self.caption_edit.setObjectName("ImportCaption")
        self.caption_edit.setPlaceholderText(self.tr("What the submitter wrote with the photos"))
        self.caption_edit.setMaximumHeight(70)
        self.claimed_date_edit = QLineEdit(self)
        self.claimed_date_edit.setPlaceholderText(self.tr("e.g. “this morning”, 21 Feb 2019"))
        self.claimed_place_edit = QLineEdit(self)
        self.claimed_place_edit.setPlaceholderText(self.tr("e.g. near Makhmour"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Files:"), self.files)
        form.addRow("", file_buttons)
        form.addRow(self.tr("Sent by:"), self.source_combo)
        form.addRow(self.tr("Arrived by:"), self.arrival_combo)
        form.addRow(self.tr("Received at:"), self.received_edit)
        form.addRow(self.tr("Caption:"), self.caption_edit)
        form.addRow(self.tr("Claimed date:"), self.claimed_date_edit)
        form.addRow(self.tr("Claimed place:"), self.claimed_place_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("ImportButton")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.add_paths(paths)

    def add_paths(self, paths: Sequence[Path]) -> None:
        for path in paths:
            if path not in self._paths:
                self._paths.append(path)
                self.files.addItem(str(path))
        self.import_button.setEnabled(bool(self._paths))

    def paths(self) -> list[Path]:
        return list(self._paths)

    def provenance(self) -> Provenance:
        received = self.received_edit.dateTime().toSecsSinceEpoch()
        return Provenance(
            submitted_by_id=self.source_combo.currentData(),
            arrival=self.arrival_combo.currentData(),
            received_at=datetime.fromtimestamp(received, tz=UTC),
            caption=self.caption_edit.toPlainText().strip(),
            claimed_date=self.claimed_date_edit.text().strip(),
            claimed_place=self.claimed_place_edit.text().strip(),
        )

    def start(self) -> None:
        """The Import button: hand the request to the window and close."""
        if not self._paths:
            return
        self.sig_import.emit(self.paths(), self.provenance())
        self.accept()

    def _choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add Photos"),
            "",
            self.tr("Photos ({patterns});;All files (*)").format(patterns=PHOTO_FILTER),
        )
        self.add_paths([Path(p) for p in chosen])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Folder of Photos"))
        if folder:
            self.add_paths([Path(folder)])


@dataclass(frozen=True)
class ReportLine:
    """One file of an import report."""

    id: int
    outcome: str  # "imported", "received", "refused", "skipped"
    path: str
    message: str


def report_lines(report: ImportReport) -> list[ReportLine]:
    """Refused and already-received files first: those need the user's attention."""
    lines: list[ReportLine] = []
    lines += [ReportLine(0, "refused", failed.path, failed.message) for failed in report.failed]
    lines += [ReportLine(0, "received", again.path, again.message) for again in report.recycled]
    lines += [ReportLine(0, "skipped", skipped.path, skipped.message) for skipped in report.skipped]
    lines += [ReportLine(0, "imported", new.path, "") for new in report.imported if not new.earlier]
    return [ReportLine(n, line.outcome, line.path, line.message) for n, line in enumerate(lines, 1)]


_TONES = {"imported": "ok", "received": "caution", "refused": "bad", "skipped": "neutral"}


class ImportReportDialog(QDialog):
    """What an import did, file by file: imported, already received, refused, skipped."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportReport")
        self.setWindowTitle(self.tr("Import Report"))
        self.resize(900, 480)
        self.report = report
        outcome_words = {
            "imported": self.tr("Imported"),
            "received": self.tr("Already received"),
            "refused": self.tr("Refused"),
            "skipped": self.tr("Skipped"),
        }
        recycled = len(report.recycled)
        summary = self.tr(
            "{imported} imported ({recycled} already received before), {failed} refused, {skipped} skipped."
        ).format(
            imported=len(report.imported),
            recycled=recycled,
            failed=len(report.failed),
            skipped=len(report.skipped),
        )
        if report.not_started:
            summary += " " + self.tr("Cancelled: {count} file(s) not started.").format(
                count=report.not_started
            )
        self.summary_label = QLabel(summary, self)
        self.summary_label.setObjectName("ImportSummary")
        self.summary_label.setWordWrap(True)
        columns: list[Column[ReportLine]] = [
            Column(
                self.tr("Outcome"),
                lambda line: outcome_words[line.outcome],
                badge=lambda line: _TONES[line.outcome],
                width=16,
            ),
            Column(
                self.tr("File"), lambda line: Path(line.path).name, tooltip=lambda line: line.path, width=30
            ),
            Column(self.tr("Why"), lambda line: line.message, tooltip=lambda line: line.message, width=50),
        ]
        self.model: RecordTableModel[ReportLine] = RecordTableModel(
            columns, lambda line: line.id, parent=self
        )
        self.model.set_records(report_lines(report))
        self.table = RecordTable(self.model, stretch=2, parent=self)
        self.table.setObjectName("ImportReportTable")
        self.table.setSortingEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def lines(self, outcome: str) -> list[ReportLine]:
        return [line for line in self.model.records() if line.outcome == outcome]
