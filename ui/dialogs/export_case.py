"""Export a case for readers outside the newsroom: profile, formats, folder, leak guard, progress.

The dialog only collects choices and shows what happened; the work is the core's
``verifier.services.export.export_case``, run by the ``TaskRunner`` with its own sessions. The
PDF is printed by ``ui.pdf.render_pdf`` on the worker thread (the renderer serialises itself),
like the CLI does with ``--format pdf``.

Cancel stops the export between its steps, and nothing is written. Once the documents are being
rendered, checked and written the export can no longer be interrupted: the core writes the folder
atomically and then records it in the audit log, and a cancel between the two would leave an
export that the log does not account for. The Cancel button says so and is disabled then.

A refusal by the leak guard (``ExportRefused``) is shown in the dialog itself, with the core's
description of each problem: which output, claim, item and field, and what kind of value (a
protected source's identity, a file name, a serial number, exact coordinates), never the value.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import errors
from ui.models.records import Column, RecordTableModel
from ui.pdf import render_pdf
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from ui.vocabulary import format_size, isolate
from ui.widgets.record_table import RecordTable
from verifier import domain
from verifier.domain import IdentityState
from verifier.errors import Cancelled, ExportRefused
from verifier.export.pipeline import ExportManifest, Format
from verifier.export.profiles import PROFILES, Field
from verifier.sealing import Secret
from verifier.services import export, identities
from verifier.services.workspace import Workspace

# The core's step names (``services.export.export_case``), translated for the progress line.
# (QT_TRANSLATE_NOOP returns its text unchanged; PySide's stubs type it as object.)
_STEPS: dict[str, object] = {
    "Reading the case": QT_TRANSLATE_NOOP("ExportDialog", "Reading the case"),
    "Unlocking the leak guard": QT_TRANSLATE_NOOP("ExportDialog", "Unlocking the leak guard"),
    "Sanitizing thumbnails": QT_TRANSLATE_NOOP("ExportDialog", "Sanitizing thumbnails"),
    "Rendering and checking": QT_TRANSLATE_NOOP("ExportDialog", "Rendering and checking every file"),
    "Recording the export": QT_TRANSLATE_NOOP("ExportDialog", "Recording the export in the audit log"),
    "Done": QT_TRANSLATE_NOOP("ExportDialog", "Done"),
}
# From this step on the folder is written and audited: no more cancelling (see the module doc).
_POINT_OF_NO_RETURN = "Rendering and checking"
_STEP_COUNT = 5

_PROFILE_WORDS: dict[str, tuple[object, object]] = {
    "public": (
        QT_TRANSLATE_NOOP("ExportDialog", "Public"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "For publication: only claims with a verdict, their statement and verdict, and the "
            "sources' aliases and agreed descriptions.",
        ),
    ),
    "partner": (
        QT_TRANSLATE_NOOP("ExportDialog", "Partner newsroom"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "For a partner newsroom: claims with status, credibility, when, where and how many, "
            "independent origins, evidence with thumbnails and findings, and the audit summary.",
        ),
    ),
    "legal": (
        QT_TRANSLATE_NOOP("ExportDialog", "Legal review"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "For the legal adviser: the partner profile plus the reasoning behind each verdict, "
            "why each anonymity was granted, and a manifest tying every copy to its original.",
        ),
    ),
    "internal": (
        QT_TRANSLATE_NOOP("ExportDialog", "Internal"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "For the newsroom only: everything the legal profile has, plus credibility "
            "rationales, internal notes and the exact place of photos from unprotected senders.",
        ),
    ),
}

_FORMAT_WORDS: dict[Format, object] = {
    Format.HTML: QT_TRANSLATE_NOOP("ExportDialog", "HTML page"),
    Format.PDF: QT_TRANSLATE_NOOP("ExportDialog", "PDF document"),
    Format.MARKDOWN: QT_TRANSLATE_NOOP("ExportDialog", "Markdown text"),
    Format.CSV: QT_TRANSLATE_NOOP("ExportDialog", "CSV tables"),
    Format.CLAIMREVIEW: QT_TRANSLATE_NOOP("ExportDialog", "ClaimReview (JSON-LD)"),
}
_FORMAT_ORDER = (Format.HTML, Format.PDF, Format.MARKDOWN, Format.CSV, Format.CLAIMREVIEW)
_DEFAULT_FORMATS = (Format.HTML, Format.PDF)


@dataclass(frozen=True)
class WrittenFile:
    """One file of a finished export, for the result table."""

    id: int
    name: str
    size: int
    sha256: str


def written_files(manifest: ExportManifest) -> list[WrittenFile]:
    """The files of an export in the order the core wrote them."""
    return [WrittenFile(n, f.name, f.size, f.sha256) for n, f in enumerate(manifest.files, 1)]


def sealed_aliases(sources: Sequence[domain.Source]) -> list[str]:
    """Protected sources whose identity is sealed: the leak guard needs a key holder for them."""
    return [s.alias for s in sources if s.anonymity.is_protected and s.identity_state is IdentityState.SEALED]


def _slug(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    return "-".join(words[:5]) or "case"


def _read_holders(ws: Workspace) -> list[str]:
    with ws.reading() as session:
        return [holder.holder_id for holder in identities.list_holders(session)]


class ExportDialog(QDialog):
    """Choose who the export is for, the formats and the folder; export in the background.

    Args:
        runner: the task runner.
        ws: the open workspace.
        case: the case to export.
        sources: the case's sources (to know whether sealed identities need a key holder).
        parent: the window.

    Signals:
        sig_exported(ExportManifest): the export is written and recorded in the audit log.
        sig_refused(str): the leak guard refused the export (its message, which holds no values).
        sig_cancelled(): the export was cancelled; nothing was written.
        sig_failed(object): another error stopped the export (shown by the error presenter).
        sig_holders_loaded(list): the key holders were read.
    """

    sig_exported = Signal(object)
    sig_refused = Signal(str)
    sig_cancelled = Signal()
    sig_failed = Signal(object)
    sig_holders_loaded = Signal(list)

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        case: domain.Case,
        sources: Sequence[domain.Source],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export Case"))
        self.setMinimumWidth(640)
        self._runner = runner
        self._ws = ws
        self._case = case
        self._sealed = sealed_aliases(sources)
        self._task: TaskHandle[ExportManifest] | None = None
        self._writing = False
        self._seen_steps: set[str] = set()
        self._name_edited = False
        self.manifest: ExportManifest | None = None
        self.destination: Path | None = None

        intro = QLabel(
            self.tr(
                "Export “{title}” for readers outside the newsroom. Before anything is written, the "
                "leak guard checks every file for the identities of protected sources, original file "
                "names, device serial numbers and exact coordinates of sensitive items."
            ).format(title=isolate(case.title)),  # an English title inside Arabic text keeps its order
            self,
        )
        intro.setWordWrap(True)

        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("ExportProfile")
        for name in PROFILES:
            self.profile_combo.addItem(self.tr(str(_PROFILE_WORDS[name][0])), name)
        self.profile_combo.setCurrentIndex(list(PROFILES).index("partner"))
        self.profile_about = QLabel(self)
        self.profile_about.setObjectName("ExportProfileAbout")
        self.profile_about.setWordWrap(True)
        self.profile_about.setStyleSheet("color: palette(placeholder-text);")

        formats_row = QHBoxLayout()
        self.format_checks: dict[Format, QCheckBox] = {}
        for fmt in _FORMAT_ORDER:
            check = QCheckBox(self.tr(str(_FORMAT_WORDS[fmt])), self)
            check.setObjectName(f"ExportFormat_{fmt.value}")
            check.setChecked(fmt in _DEFAULT_FORMATS)
            check.toggled.connect(self._update_buttons)
            self.format_checks[fmt] = check
            formats_row.addWidget(check)
        formats_row.addStretch(1)

        self.copies_label = QLabel(self)
        self.copies_label.setObjectName("ExportCopies")
        self.copies_label.setWordWrap(True)

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder_edit = QLineEdit(documents, self)
        self.folder_edit.setObjectName("ExportFolder")
        self.folder_edit.textChanged.connect(self._update_buttons)
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("ExportName")
        self.name_edit.textEdited.connect(self._name_typed)
        self.name_edit.textChanged.connect(self._update_buttons)

        self.holder_combo = QComboBox(self)
        self.holder_combo.setObjectName("ExportHolder")
        self.holder_combo.setEditable(True)
        self.holder_combo.currentTextChanged.connect(self._update_buttons)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("ExportPassphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(self._update_buttons)
        if self._sealed:
            guard_text = self.tr(
                "The sealed identities of {names} are compared with every file. A key holder who can "
                "open them unlocks the leak guard; the opening is recorded in the audit log."
            ).format(names=", ".join(isolate(alias) for alias in self._sealed))
        else:
            guard_text = self.tr(
                "No source of this case has a sealed identity, so the leak guard needs no key holder."
            )
        self.guard_label = QLabel(guard_text, self)
        self.guard_label.setObjectName("ExportGuardNote")
        self.guard_label.setWordWrap(True)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        profile_box = QVBoxLayout()
        profile_box.setContentsMargins(0, 0, 0, 0)
        profile_box.addWidget(self.profile_combo)
        profile_box.addWidget(self.profile_about)
        self.form.addRow(self.tr("For:"), profile_box)
        self.form.addRow(self.tr("Formats:"), formats_row)
        self.form.addRow(self.tr("Photos:"), self.copies_label)
        self.form.addRow(self.tr("Into folder:"), folder_row)
        self.form.addRow(self.tr("New folder name:"), self.name_edit)
        self.form.addRow(self.tr("Leak guard:"), self.guard_label)
        if self._sealed:
            self.form.addRow(self.tr("Key holder:"), self.holder_combo)
            self.form.addRow(self.tr("Passphrase:"), self.passphrase_edit)
        else:
            self.holder_combo.hide()
            self.passphrase_edit.hide()

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("ExportProgress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("ExportStatus")
        self.status_label.setWordWrap(True)
        self.progress_bar.hide()

        self.refusal_box = QFrame(self)
        self.refusal_box.setObjectName("ExportRefusal")
        self.refusal_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.refusal_box.setStyleSheet(
            "#ExportRefusal { border: 1px solid #b3261e; border-radius: 4px; background: #fdecea; }"
        )
        refusal_layout = QVBoxLayout(self.refusal_box)
        self.refusal_title = QLabel(self.tr("The leak guard refused this export. Nothing was written."))
        self.refusal_title.setObjectName("ExportRefusalTitle")
        title_font = self.refusal_title.font()
        title_font.setBold(True)
        self.refusal_title.setFont(title_font)
        self.refusal_title.setWordWrap(True)
        self.refusal_hint = QLabel(
            self.tr(
                "Each line names the file, the claim, the item and the field where something that "
                "must not leave was found, never the value itself. Correct those records, or choose "
                "a profile that leaves the field out, and export again."
            )
        )
        self.refusal_hint.setWordWrap(True)
        self.refusal_text = QPlainTextEdit(self.refusal_box)
        self.refusal_text.setObjectName("ExportRefusalText")
        self.refusal_text.setReadOnly(True)
        self.refusal_text.setMaximumHeight(140)
        refusal_layout.addWidget(self.refusal_title)
        refusal_layout.addWidget(self.refusal_hint)
        refusal_layout.addWidget(self.refusal_text)
        self.refusal_box.hide()

        self.result_label = QLabel(self)
        self.result_label.setObjectName("ExportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        columns: list[Column[WrittenFile]] = [
            Column(self.tr("File"), lambda f: f.name, tooltip=lambda f: f.name, width=40),
            Column(
                self.tr("Size"),
                lambda f: format_size(f.size),
                sort_key=lambda f: f.size,
                alignment=Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter,
                width=10,
            ),
            Column(self.tr("SHA-256"), lambda f: f.sha256[:16] + "…", tooltip=lambda f: f.sha256, width=20),
        ]
        self.files_model: RecordTableModel[WrittenFile] = RecordTableModel(
            columns, lambda f: f.id, parent=self
        )
        self.files_table = RecordTable(self.files_model, stretch=0, parent=self)
        self.files_table.setObjectName("ExportFiles")
        self.files_table.setSortingEnabled(False)
        self.result_label.hide()
        self.files_table.hide()

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("ExportButton")
        self.open_button = self.buttons.addButton(
            self.tr("Open Folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("ExportOpenFolder")
        self.open_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("ExportCancel")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_folder)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.choices = QWidget(self)
        self.choices.setLayout(self.form)
        # The form never shrinks below its natural height: the dialog grows instead (a refusal
        # or the file list below must not squash the wrapped descriptions).
        self.choices.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.refusal_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.choices)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.refusal_box)
        layout.addWidget(self.result_label)
        layout.addWidget(self.files_table, 100)
        layout.addStretch(1)  # keeps the form together while there is no file list
        layout.addWidget(self.buttons)

        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self._profile_changed()
        if self._sealed:
            runner.run(
                lambda progress, cancel: _read_holders(ws),
                on_done=self._holders_loaded,
                label=self.tr("Reading the key holders"),
                parent_widget=self,
            )

    # --- choices ------------------------------------------------------------------------------
    def profile(self) -> str:
        return str(self.profile_combo.currentData())

    def set_profile(self, name: str) -> None:
        self.profile_combo.setCurrentIndex(list(PROFILES).index(name))

    def formats(self) -> list[Format]:
        return [fmt for fmt, check in self.format_checks.items() if check.isChecked()]

    def set_formats(self, formats: Sequence[Format | str]) -> None:
        wanted = set(export.parse_formats(formats))
        for fmt, check in self.format_checks.items():
            check.setChecked(fmt in wanted)

    def set_destination(self, folder: Path, name: str | None = None) -> None:
        """Export into ``folder / name`` (the name defaults to case, profile and date)."""
        self.folder_edit.setText(str(folder))
        if name is not None:
            self.name_edit.setText(name)
            self._name_edited = True

    def target(self) -> Path | None:
        folder, name = self.folder_edit.text().strip(), self.name_edit.text().strip()
        if not folder or not name or "/" in name or "\\" in name or name in (".", ".."):
            return None
        return Path(folder).expanduser() / name

    def set_key_holder(self, holder: str, passphrase: str) -> None:
        self.holder_combo.setCurrentText(holder)
        self.passphrase_edit.setText(passphrase)

    def is_running(self) -> bool:
        return self._task is not None

    def _profile_changed(self) -> None:
        name = self.profile()
        profile = PROFILES[name]
        self.profile_about.setText(self.tr(str(_PROFILE_WORDS[name][1])))
        if profile.includes(Field.SANITIZED_COPIES):
            self.copies_label.setText(
                self.tr(
                    "Thumbnails and full-size copies, re-encoded from the originals without any "
                    "metadata (no EXIF, GPS or serial numbers)."
                )
            )
        elif profile.includes(Field.EVIDENCE_THUMBNAIL):
            self.copies_label.setText(self.tr("Thumbnails only, without any metadata."))
        else:
            self.copies_label.setText(self.tr("No photos: this profile leaves evidence out."))
        if not self._name_edited:
            self.name_edit.setText(f"{_slug(self._case.title)}-{name}-{date.today().isoformat()}")
        self._update_buttons()

    def _name_typed(self) -> None:
        self._name_edited = True

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export into Folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _holders_loaded(self, holders: list[str]) -> None:
        typed = self.holder_combo.currentText()
        self.holder_combo.clear()
        self.holder_combo.addItems(holders)
        self.holder_combo.setCurrentText(typed or (holders[0] if holders else ""))
        if not holders:
            self.guard_label.setText(
                self.guard_label.text()
                + " "
                + self.tr("No key holder is enrolled in this workspace ('verifier keys enroll').")
            )
        self.sig_holders_loaded.emit(holders)

    def _update_buttons(self) -> None:
        ready = self.target() is not None and bool(self.formats())
        if self._sealed:
            ready = ready and bool(self.holder_combo.currentText().strip() and self.passphrase_edit.text())
        self.export_button.setEnabled(ready and self._task is None)

    # --- the export ---------------------------------------------------------------------------
    def start(self) -> TaskHandle[ExportManifest] | None:
        """Start exporting in the background (the Export button)."""
        destination = self.target()
        if self._task is not None or destination is None or not self.export_button.isEnabled():
            return None
        ws, case_id, profile, formats = self._ws, self._case.id, self.profile(), self.formats()
        holder = self.holder_combo.currentText().strip() if self._sealed else None
        passphrase = Secret(self.passphrase_edit.text()) if self._sealed else None
        self.passphrase_edit.clear()
        self.destination = destination
        self._writing = False
        writing = threading.Event()  # set on the worker once the folder is being written
        self._seen_steps.clear()

        def run(progress: ProgressFn, cancel: threading.Event) -> ExportManifest:
            def report(done: int, total: int, what: str) -> None:
                if what == _POINT_OF_NO_RETURN:
                    writing.set()
                try:
                    progress(done, total, what)
                except Cancelled:
                    if not writing.is_set():
                        raise

            try:
                return export.export_case(
                    ws,
                    case_id,
                    destination,
                    profile=profile,
                    formats=formats,
                    holder=holder,
                    passphrase=passphrase,
                    pdf_renderer=render_pdf if Format.PDF in formats else None,
                    progress=report,
                    cancel=lambda: cancel.is_set() and not writing.is_set(),
                )
            finally:
                if passphrase is not None:
                    passphrase.wipe()

        self._set_running(True)
        self.status_label.setText(self.tr("Starting the export…"))
        self._task = self._runner.run(
            run,
            on_done=self._done,
            on_failed=self._failed,
            on_progress=self._progress,
            on_cancelled=self._cancelled,
            label=self.tr("Exporting the case"),
            parent_widget=self,
        )
        return self._task

    def cancel(self) -> None:
        """Ask the running export to stop (it stops between steps; nothing is written)."""
        if self._task is not None and not self._writing:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _cancel_clicked(self) -> None:
        if self._task is not None:
            self.cancel()
        else:
            self.reject()

    def _progress(self, done: int, total: int, what: str) -> None:
        step = _STEPS.get(what)
        text = self.tr(str(step)) if step is not None else what
        if what in self._seen_steps and total > 0:
            # The same step again: progress inside it (thumbnails: done of total photos).
            self.status_label.setText(
                self.tr("{step} ({done} of {total})").format(step=text, done=done, total=total)
            )
            return
        self._seen_steps.add(what)
        self.status_label.setText(text)
        self.progress_bar.setValue(round(100 * min(done, _STEP_COUNT) / _STEP_COUNT))
        if what == _POINT_OF_NO_RETURN:
            self._writing = True
            self.cancel_button.setEnabled(False)
            self.cancel_button.setToolTip(
                self.tr("The files are being checked and written; this step cannot be interrupted.")
            )

    def _done(self, manifest: ExportManifest) -> None:
        self._task = None
        self.manifest = manifest
        self._set_running(False)
        self.progress_bar.hide()
        total = sum(f.size for f in manifest.files)
        self.status_label.setText(self.tr("The export is written and recorded in the audit log."))
        self.result_label.setText(
            self.tr(
                "{claims} claim(s) for “{profile}” in {files} file(s), {size} in all, written to {folder}"
            ).format(
                claims=len(manifest.claims),
                profile=self.profile_combo.currentText(),
                files=len(manifest.files),
                size=format_size(total),
                folder=isolate(str(manifest.destination)),
            )
        )
        self.files_model.set_records(written_files(manifest))
        self.files_table.resizeColumnToContents(1)
        for widget in (self.result_label, self.files_table, self.open_button, self.close_button):
            widget.show()
        self.export_button.hide()
        self.cancel_button.hide()
        self.choices.hide()  # the list of files takes its place
        self.sig_exported.emit(manifest)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_running(False)
        if isinstance(exc, ExportRefused):
            self.status_label.setText("")
            self.refusal_text.setPlainText(str(exc))
            self.refusal_box.show()
            self.sig_refused.emit(str(exc))
            return
        self.status_label.setText(self.tr("The export stopped; nothing was written."))
        errors.show_error(self, exc)
        self.sig_failed.emit(exc)

    def _cancelled(self) -> None:
        self._task = None
        self._set_running(False)
        self.status_label.setText(self.tr("Cancelled; nothing was written."))
        self.sig_cancelled.emit()

    def _set_running(self, running: bool) -> None:
        self._set_form_enabled(not running)
        self.progress_bar.setVisible(running)
        if running:
            self.progress_bar.setValue(0)
            self.refusal_box.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip("")
        self._update_buttons()

    def _set_form_enabled(self, enabled: bool) -> None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None:
                continue
            widget, inner = item.widget(), item.layout()
            if widget is not None:
                widget.setEnabled(enabled)
            elif inner is not None:
                for i in range(inner.count()):
                    child = inner.itemAt(i)
                    field = child.widget() if child is not None else None
                    if field is not None:
                        field.setEnabled(enabled)

    def open_folder(self) -> bool:
        """Show the export folder in the desktop's file manager."""
        if self.manifest is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.manifest.destination)))

    def reject(self) -> None:
        if self._task is not None:
            self.cancel()  # Escape or the title bar's close: stop first, never leave it running
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._task is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
