"""The source editor: alias and terms, reliability grades with their history, relationships, and
the sealed identity.

Everything the dialog shows is read in one background task and every change is written in one
(``TaskRunner``); the GUI thread never touches the database. The details form carries the
version it was read at, so saving over someone else's newer change is refused and said plainly.

The identity section shows only whether an identity is sealed and who may open it. Opening it
asks the key holder's passphrase and a reason (recorded in the audit log by the service before
anything is revealed); the values then sit in read-only fields of this section only, and are
removed again after ``IDLE_RELOCK_MS`` without activity in the section, on "Lock now", and when
the dialog closes, together with any copy of them left on the clipboard. They never reach a
model, a tooltip, a window title, a log record or the main window's detail pane.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QHideEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import errors
from ui.models.records import Column, RecordTableModel
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from ui.vocabulary import anonymity_explained, format_time, graded, label
from verifier import domain
from verifier.domain import (
    Anonymity,
    Audience,
    IdentityState,
    RelationshipKind,
    SourceKind,
    SourceReliability,
)
from verifier.errors import Conflict, WrongPassphrase
from verifier.sealing import Secret
from verifier.services import identities, sources
from verifier.services.workspace import Workspace

# An unsealed identity is hidden again after this long without activity in its section.
# A module constant so tests can shorten it; read each time the identity is opened.
IDLE_RELOCK_MS = 3 * 60 * 1000

TaskFn = Callable[[ProgressFn, threading.Event], Any]

# The identity fields offered when sealing; any field name the service accepts can be unsealed.
SEAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("real_name", "Real name"),
    ("phone", "Phone"),
    ("contact", "Other contact"),
    ("address", "Address"),
    ("notes", "Notes"),
)


# ==== a base for the record editors =============================================================


class RecordEditorDialog(QDialog):
    """Base of the editors (source, testimony): OK saves and closes, Apply saves and stays.

    Subclasses put their widgets in ``self.body`` (a QVBoxLayout), implement ``is_complete`` and
    ``save_function`` and call ``update_buttons()`` when their fields change. While saving, the
    body is disabled. A stale edit (someone saved the record since it was read) is refused by the
    service with ``Conflict``; the dialog keeps the user's text and says so in its banner. Other
    failures go to the error presenter.

    Signals:
        sig_saved(record): a save succeeded (the new snapshot).
        sig_loaded(): the dialog's data arrived (edit mode) or the dialog is ready (create mode).
        sig_records_changed(kind): something else was written from this dialog (a relationship,
            a claim, an identity), so views showing the case should reload.
    """

    sig_saved = Signal(object)
    sig_loaded = Signal()
    sig_records_changed = Signal(str)

    def __init__(self, runner: TaskRunner, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ws = ws
        self._saving: TaskHandle[Any] | None = None
        self._tasks: list[TaskHandle[Any]] = []
        self._close_after_save = False
        self._loaded = False
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.banner = QLabel(self)
        self.banner.setObjectName("EditorBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.content = QWidget(self)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.apply_button().clicked.connect(lambda: self.save(close=False))
        layout.addWidget(self.buttons)

    # --- for subclasses ---------------------------------------------------------------------
    def is_complete(self) -> bool:
        return True

    def save_function(self) -> TaskFn:
        raise NotImplementedError

    def saved(self, record: Any) -> None:
        """Take in the snapshot a save returned (its new version)."""

    # --- behaviour --------------------------------------------------------------------------
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def apply_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Apply)

    def is_loaded(self) -> bool:
        return self._loaded

    def is_saving(self) -> bool:
        return self._saving is not None

    def mark_loaded(self) -> None:
        self._loaded = True
        self.content.setEnabled(True)
        self.update_buttons()
        self.sig_loaded.emit()

    def update_buttons(self) -> None:
        ready = self._loaded and self._saving is None and self.is_complete()
        self.ok_button().setEnabled(ready)
        self.apply_button().setEnabled(ready)

    def show_banner(self, text: str, *, tone: str = "info") -> None:
        colours = {
            "info": ("#e6f0fb", "#1d4e89"),
            "ok": ("#e3f4e8", "#1e6b3a"),
            "error": ("#fdecea", "#8d2b0b"),
        }
        background, foreground = colours.get(tone, colours["info"])
        self.banner.setStyleSheet(
            f"QLabel#EditorBanner {{ background: {background}; color: {foreground}; padding: 6px; }}"
        )
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def save(self, close: bool = True) -> None:
        """Start saving; OK closes the dialog once the record is stored, Apply keeps it open."""
        if self._saving is not None or not self._loaded or not self.is_complete():
            return
        self._close_after_save = close
        self._set_busy(True)
        self._saving = self._runner.run(
            self.save_function(),
            on_done=self._saved,
            on_failed=self._failed,
            label=self.windowTitle(),
            parent_widget=self,
        )

    def _saved(self, record: Any) -> None:
        self._saving = None
        self._set_busy(False)
        self.saved(record)
        self.sig_saved.emit(record)
        if self._close_after_save:
            self.accept()
        else:
            self.show_banner(self.tr("Saved."), tone="ok")

    def _failed(self, exc: BaseException) -> None:
        self._saving = None
        self._set_busy(False)
        if isinstance(exc, Conflict):
            self.show_banner(
                self.tr(
                    "{reason}\n\nNot saved. Your edits are still in the form: close the editor and "
                    "open it again to see the current version, then apply your change there."
                ).format(reason=exc),
                tone="error",
            )
            return
        errors.show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self.content.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self.update_buttons()

    def run_task(
        self,
        fn: TaskFn,
        *,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        label: str,
    ) -> TaskHandle[Any]:
        """Run work for this dialog; what it delivers after the dialog closed is dropped."""
        self._tasks = [t for t in self._tasks if not t.is_finished]
        handle = self._runner.run(fn, on_done=on_done, on_failed=on_failed, label=label, parent_widget=self)
        self._tasks.append(handle)
        return handle

    def reject(self) -> None:
        # Closing while a save runs would hide its outcome; the save is short, so wait for it.
        if self._saving is None:
            super().reject()

    def done(self, result: int) -> None:
        for handle in self._tasks:
            if not handle.is_finished:
                handle.discard()
        self._tasks = []
        super().done(result)


# ==== what the source editor reads ==============================================================


@dataclass(frozen=True)
class GradeStep:
    """One reliability grading as a change: from the previous grade to this one."""

    id: int
    graded_at: datetime
    graded_by: str
    previous: SourceReliability | None
    grade: SourceReliability
    rationale: str


@dataclass(frozen=True)
class SourceEditorData:
    """A source and everything its editor shows, read in one session."""

    source: domain.Source
    grades: tuple[GradeStep, ...]
    relationships: tuple[domain.SourceRelationship, ...]
    case_sources: tuple[domain.Source, ...]
    access: tuple[str, ...]  # holders who may unseal this source's identity
    holders: tuple[str, ...]  # every key holder of the workspace

    def alias(self, source_id: int) -> str:
        return next((s.alias for s in self.case_sources if s.id == source_id), f"#{source_id}")


def grade_steps(grades: Sequence[domain.SourceGrade]) -> tuple[GradeStep, ...]:
    """The grading history as changes, newest first."""
    steps: list[GradeStep] = []
    previous: SourceReliability | None = None
    for grade in grades:
        steps.append(
            GradeStep(grade.id, grade.graded_at, grade.graded_by, previous, grade.grade, grade.rationale)
        )
        previous = grade.grade
    return tuple(reversed(steps))


def load_source_editor(ws: Workspace, source_id: int) -> SourceEditorData:
    """Read a source for its editor (worker thread; one Session)."""
    with ws.reading() as session:
        source = sources.get_source(session, source_id)
        related = [
            r
            for r in sources.relationships(session, source.case_id)
            if source_id in (r.source_id, r.other_source_id)
        ]
        return SourceEditorData(
            source=source,
            grades=grade_steps(sources.source_grades(session, source_id)),
            relationships=tuple(related),
            case_sources=tuple(sources.list_sources(session, source.case_id)),
            access=tuple(identities.holders_of(session, source_id)),
            holders=tuple(h.holder_id for h in identities.list_holders(session)),
        )


def _field_label(name: str) -> str:
    known = dict(SEAL_FIELDS)
    return known.get(name, name.replace("_", " ").capitalize())


# ==== the sealed identity section ==============================================================


class IdentitySection(QWidget):
    """Shows a source's identity state; unseals (passphrase + reason) and seals in the background.

    Signals:
        sig_sealed(source): an identity was sealed (the source's new snapshot).
        sig_unlocked(): the identity is shown.
        sig_locked(): the identity is hidden again (fields cleared).
        sig_failed(message): an unseal or seal was refused; the message is shown in the section.
    """

    sig_sealed = Signal(object)
    sig_unlocked = Signal()
    sig_locked = Signal()
    sig_failed = Signal(str)

    _ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.FocusIn,
        }
    )

    def __init__(self, runner: TaskRunner, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ws = ws
        self._source: domain.Source | None = None
        self._access: tuple[str, ...] = ()
        self._holders: tuple[str, ...] = ()
        self._revealed: dict[str, Secret[str]] = {}
        self._value_edits: list[QLineEdit] = []
        self._task: TaskHandle[Any] | None = None
        self.relock_timer = QTimer(self)
        self.relock_timer.setSingleShot(True)
        self.relock_timer.timeout.connect(self.lock)

        layout = QVBoxLayout(self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("IdentityState")
        bold = self.state_label.font()
        bold.setBold(True)
        self.state_label.setFont(bold)
        self.state_label.setWordWrap(True)
        self.access_label = QLabel(self)
        self.access_label.setObjectName("IdentityAccess")
        self.access_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        layout.addWidget(self.access_label)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("IdentityError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #8d2b0b; font-weight: 600;")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        # One page shows at a time; hidden pages take no room (a QStackedWidget keeps the tallest).
        self.pages = QWidget(self)
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        self._build_unlock_page()
        self._build_revealed_page()
        self._build_seal_page()
        self.empty_page = QWidget(self.pages)
        self._pages_layout.addWidget(self.empty_page)
        self._current_page: QWidget = self.empty_page
        self.installEventFilter(self)

    # --- construction -------------------------------------------------------------------------
    def _build_unlock_page(self) -> None:
        page = QGroupBox(self.tr("Open the sealed identity"), self.pages)
        form = QFormLayout(page)
        self.holder_combo = QComboBox(page)
        self.passphrase_edit = QLineEdit(page)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("The key holder's passphrase"))
        self.reason_edit = QLineEdit(page)
        self.reason_edit.setPlaceholderText(self.tr("Why you need to see it (kept in the audit log)"))
        self.unseal_button = QPushButton(self.tr("&Unseal"), page)
        self.unseal_button.clicked.connect(self.unseal)
        hint = QLabel(
            self.tr(
                "Every opening is recorded in the audit log with your name, the time and your reason. "
                "The identity is hidden again after {minutes} minutes without activity here, and when "
                "this window closes."
            ).format(minutes=max(1, round(IDLE_RELOCK_MS / 60_000))),
            page,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(self.tr("Key &holder:"), self.holder_combo)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        form.addRow("", self.unseal_button)
        form.addRow(hint)
        for edit in (self.passphrase_edit, self.reason_edit):
            edit.textChanged.connect(self._update_unseal_button)
        self.passphrase_edit.returnPressed.connect(self.unseal)
        self.reason_edit.returnPressed.connect(self.unseal)
        self.unlock_page = page
        self._pages_layout.addWidget(page)

    def _build_revealed_page(self) -> None:
        page = QGroupBox(self.tr("Identity (unsealed)"), self.pages)
        page.setObjectName("RevealedIdentity")
        page.setStyleSheet("QGroupBox#RevealedIdentity { background: #fff6dc; }")
        outer = QVBoxLayout(page)
        self.revealed_form = QFormLayout()
        outer.addLayout(self.revealed_form)
        row = QHBoxLayout()
        self.countdown_label = QLabel(page)
        self.countdown_label.setStyleSheet("color: palette(placeholder-text);")
        self.countdown_label.setWordWrap(True)
        self.lock_button = QPushButton(self.tr("&Lock now"), page)
        self.lock_button.clicked.connect(self.lock)
        row.addWidget(self.countdown_label, 1)
        row.addWidget(self.lock_button)
        outer.addLayout(row)
        self.revealed_page = page
        page.installEventFilter(self)  # moving or clicking anywhere in it counts as activity
        self._pages_layout.addWidget(page)

    def _build_seal_page(self) -> None:
        page = QGroupBox(self.tr("Seal the identity"), self.pages)
        form = QFormLayout(page)
        intro = QLabel(
            self.tr(
                "Stored encrypted: only the key holders you tick can open it, with their passphrase and "
                "a recorded reason. Leave unknown fields empty."
            ),
            page,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.seal_edits: dict[str, QLineEdit] = {}
        for name, text in SEAL_FIELDS:
            edit = QLineEdit(page)
            edit.setObjectName(f"seal_{name}")
            edit.textChanged.connect(self._update_seal_button)
            self.seal_edits[name] = edit
            form.addRow(self.tr(text) + ":", edit)
        self.holders_model = QStandardItemModel(self)
        self.holders_model.itemChanged.connect(self._update_seal_button)
        self.holders_view = QListView(page)
        self.holders_view.setModel(self.holders_model)
        self.holders_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holders_view.setMaximumHeight(self.fontMetrics().height() * 6)
        form.addRow(self.tr("Who may open it:"), self.holders_view)
        self.no_holders_label = QLabel(
            self.tr(
                "No key holder is enrolled in this workspace yet. Enrol one first, e.g. "
                "'verifier keys enroll chief-editor'."
            ),
            page,
        )
        self.no_holders_label.setWordWrap(True)
        form.addRow(self.no_holders_label)
        self.seal_button = QPushButton(self.tr("&Seal identity"), page)
        self.seal_button.clicked.connect(self.seal)
        form.addRow("", self.seal_button)
        self.seal_page = page
        self._pages_layout.addWidget(page)

    # --- state ----------------------------------------------------------------------------------
    def set_data(self, source: domain.Source, access: Sequence[str], holders: Sequence[str]) -> None:
        """Show a source's identity state (never its identity)."""
        self.lock()
        self._source = source
        self._access = tuple(access)
        self._holders = tuple(holders)
        state = source.identity_state
        self.state_label.setText(self.tr("Identity: {state}").format(state=label(state)))
        lines = []
        if state is IdentityState.SEALED:
            who = ", ".join(self._access) or self.tr("nobody")
            lines.append(self.tr("Who holds access: {holders}").format(holders=who))
        if source.attested_by:
            lines.append(
                self.tr("Known to (attested, not stored): {editors}").format(
                    editors=", ".join(source.attested_by)
                )
            )
        self.access_label.setText("\n".join(lines))
        self.access_label.setVisible(bool(lines))
        self.holder_combo.clear()
        self.holder_combo.addItems(list(self._access))
        if self._ws.user in self._access:
            self.holder_combo.setCurrentText(self._ws.user)
        self.holders_model.clear()
        for holder in self._holders:
            item = QStandardItem(holder)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if holder == self._ws.user else Qt.CheckState.Unchecked)
            self.holders_model.appendRow(item)
        self.no_holders_label.setVisible(not self._holders)
        self._show_page()

    def _show_page(self) -> None:
        state = self._source.identity_state if self._source is not None else IdentityState.NONE
        if self._revealed:
            page: QWidget = self.revealed_page
        elif state is IdentityState.SEALED:
            page = self.unlock_page
        elif state in (IdentityState.NONE, IdentityState.ATTESTED):
            page = self.seal_page
        else:
            page = self.empty_page
        for other in (self.unlock_page, self.revealed_page, self.seal_page, self.empty_page):
            other.setVisible(other is page)
        self._current_page = page
        self._update_unseal_button()
        self._update_seal_button()

    def abandon(self) -> None:
        """Drop a running unseal or seal: the window is closing, nothing may be shown any more."""
        if self._task is not None and not self._task.is_finished:
            self._task.discard()
        self._task = None

    def current_page(self) -> QWidget:
        """The page shown: ``unlock_page``, ``revealed_page``, ``seal_page`` or ``empty_page``."""
        return self._current_page

    def is_unlocked(self) -> bool:
        return bool(self._revealed)

    def is_busy(self) -> bool:
        return self._task is not None

    def value_edits(self) -> list[QLineEdit]:
        """The read-only fields showing the unsealed values (empty while locked)."""
        return list(self._value_edits)

    def _update_unseal_button(self) -> None:
        self.unseal_button.setEnabled(
            self._task is None
            and self.holder_combo.count() > 0
            and bool(self.passphrase_edit.text())
            and bool(self.reason_edit.text().strip())
        )

    def _checked_holders(self) -> list[str]:
        return [
            self.holders_model.item(row).text()
            for row in range(self.holders_model.rowCount())
            if self.holders_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _update_seal_button(self) -> None:
        self.seal_button.setEnabled(
            self._task is None
            and any(edit.text().strip() for edit in self.seal_edits.values())
            and bool(self._checked_holders())
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.sig_failed.emit(message)

    # --- unseal ---------------------------------------------------------------------------------
    def unseal(self) -> TaskHandle[Any] | None:
        """Open the identity with the typed passphrase and reason (background; audited)."""
        if self._source is None or not self.unseal_button.isEnabled():
            return None
        ws, source_id = self._ws, self._source.id
        holder = self.holder_combo.currentText()
        reason = self.reason_edit.text()
        passphrase = Secret(self.passphrase_edit.text())
        self.passphrase_edit.clear()
        self._show_error("")

        def work(progress: ProgressFn, cancel: threading.Event) -> dict[str, Secret[str]]:
            try:
                with ws.transaction() as uow:
                    return identities.unseal_identity(uow, source_id, holder, passphrase, reason)
            finally:
                passphrase.wipe()

        self._task = self._runner.run(
            work,
            on_done=self._unsealed,
            on_failed=self._unseal_failed,
            label=self.tr("Unsealing an identity"),
            parent_widget=self,
        )
        self._update_unseal_button()
        return self._task

    def _unsealed(self, fields: dict[str, Secret[str]]) -> None:
        self._task = None
        self.reason_edit.clear()
        self._revealed = dict(fields)
        order = [name for name, _ in SEAL_FIELDS]
        ranked = sorted(self._revealed, key=lambda n: (order.index(n) if n in order else len(order), n))
        for name in ranked:
            secret = self._revealed[name]
            edit = QLineEdit(self.revealed_page)
            edit.setReadOnly(True)
            edit.setObjectName(f"identity_{name}")
            edit.setText(secret.reveal())
            edit.setCursorPosition(0)
            edit.installEventFilter(self)
            self._value_edits.append(edit)
            self.revealed_form.addRow(_field_label(name) + ":", edit)
        minutes = IDLE_RELOCK_MS / 60_000
        self.countdown_label.setText(
            self.tr("Hidden again after {minutes} without activity here.").format(
                minutes=self.tr("{n} min").format(n=f"{minutes:g}")
                if minutes >= 1
                else self.tr("{n} s").format(n=f"{IDLE_RELOCK_MS / 1000:g}")
            )
        )
        self._show_page()
        self.relock_timer.start(IDLE_RELOCK_MS)
        self.sig_unlocked.emit()

    def _unseal_failed(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, WrongPassphrase):
            message = self.tr(
                "Wrong passphrase for {holder}: nothing was revealed and nothing was recorded."
            ).format(holder=self.holder_combo.currentText())
        else:
            message = str(exc)
        self._show_error(message)
        self._update_unseal_button()

    def lock(self) -> None:
        """Hide the identity: clear its fields, the seal form and any copy on the clipboard."""
        self.relock_timer.stop()
        values = {edit.text() for edit in self._value_edits if edit.text()}
        values |= {edit.text() for edit in self.seal_edits.values() if edit.text().strip()}
        self._clear_clipboard(values)
        for edit in self._value_edits:
            edit.clear()
            edit.removeEventFilter(self)
        while self.revealed_form.rowCount():
            self.revealed_form.removeRow(0)
        self._value_edits = []
        for secret in self._revealed.values():
            secret.wipe()
        was_unlocked = bool(self._revealed)
        self._revealed = {}
        for edit in self.seal_edits.values():
            edit.clear()
        self.passphrase_edit.clear()
        self._show_page()
        if was_unlocked:
            self.sig_locked.emit()

    @staticmethod
    def _clear_clipboard(values: set[str]) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None or not values:
            return
        modes = [QClipboard.Mode.Clipboard]
        if clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        for mode in modes:
            held = clipboard.text(mode)
            if held and any(value in held for value in values):
                clipboard.clear(mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._revealed and event.type() in self._ACTIVITY:
            self.relock_timer.start(IDLE_RELOCK_MS)
        return super().eventFilter(watched, event)

    # --- seal -----------------------------------------------------------------------------------
    def seal(self) -> TaskHandle[Any] | None:
        """Seal the typed identity for the ticked holders (background; no passphrase needed)."""
        if self._source is None or not self.seal_button.isEnabled():
            return None
        ws, source_id = self._ws, self._source.id
        fields = {name: edit.text() for name, edit in self.seal_edits.items() if edit.text().strip()}
        holders = self._checked_holders()
        self._show_error("")

        def work(progress: ProgressFn, cancel: threading.Event) -> tuple[domain.Source, list[str]]:
            with ws.transaction() as uow:
                sealed = identities.seal_identity(uow, source_id, fields, holders)
                return sealed, identities.holders_of(uow.session, source_id)

        self._task = self._runner.run(
            work,
            on_done=self._sealed,
            on_failed=self._seal_failed,
            label=self.tr("Sealing an identity"),
            parent_widget=self,
        )
        self._update_seal_button()
        return self._task

    def _sealed(self, result: tuple[domain.Source, list[str]]) -> None:
        self._task = None
        source, access = result
        for edit in self.seal_edits.values():
            edit.clear()
        self.set_data(source, access, self._holders)
        self.sig_sealed.emit(source)

    def _seal_failed(self, exc: BaseException) -> None:
        self._task = None
        self._show_error(str(exc))
        self._update_seal_button()


# ==== the source editor ========================================================================


class SourceEditorDialog(RecordEditorDialog):
    """Creates a source (``source_id`` None) or edits one, with its grades, relationships and
    sealed identity.

    The form has no plain field for a real name or contact: an identity is only ever stored
    sealed, through the identity section.
    """

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        case_id: int,
        source_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ws, parent)
        self._case_id = case_id
        self._source_id = source_id
        self._data: SourceEditorData | None = None
        self._version: int | None = None
        self.setMinimumSize(720, 600)
        self.setWindowTitle(self.tr("Add Source") if source_id is None else self.tr("Edit Source"))
        self.intro.setText(
            self.tr(
                "Use an alias, never the real name: the alias is how this source appears everywhere "
                "in the app, in logs and in exports."
            )
        )
        self.tabs = QTabWidget(self.content)
        self.body.addWidget(self.tabs)
        self._build_details()
        self._build_reliability()
        self._relation_task: TaskHandle[Any] | None = None
        self._build_relationships()
        self.identity = IdentitySection(runner, ws, self.tabs)
        self.identity.sig_sealed.connect(self._identity_sealed)
        self.tabs.addTab(self.identity, self.tr("&Identity"))
        if source_id is None:
            for index in (2, 3):
                self.tabs.setTabEnabled(index, False)
                self.tabs.setTabToolTip(index, self.tr("Save the source first"))
            self._show_reason_row(False)
            self.mark_loaded()
        else:
            self.content.setEnabled(False)
            self.update_buttons()
            self.show_banner(self.tr("Reading the source…"))
            self.reload()

    # --- construction ---------------------------------------------------------------------------
    def _build_details(self) -> None:
        page = QWidget(self.tabs)
        self.form = QFormLayout(page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.alias_edit = QLineEdit(page)
        self.alias_edit.setMaxLength(sources.ALIAS_MAX)
        self.alias_edit.setPlaceholderText(self.tr("e.g. Hama"))
        self.kind_combo = QComboBox(page)
        for kind in SourceKind:
            self.kind_combo.addItem(label(kind), kind)
        self.description_edit = self._text_edit(
            page, self.tr("How published work may describe the source, e.g. 'a shepherd from the area'"), 3
        )
        self.anonymity_combo = QComboBox(page)
        for terms in Anonymity:
            self.anonymity_combo.addItem(label(terms), terms)
        self.anonymity_combo.setCurrentIndex(self.anonymity_combo.findData(Anonymity.ANONYMOUS))
        self.terms_hint = QLabel(page)
        self.terms_hint.setWordWrap(True)
        self.terms_hint.setStyleSheet("color: palette(placeholder-text);")
        audiences = QWidget(page)
        row = QHBoxLayout(audiences)
        row.setContentsMargins(0, 0, 0, 0)
        self.audience_boxes: dict[Audience, QCheckBox] = {}
        for audience in Audience:
            box = QCheckBox(label(audience), audiences)
            self.audience_boxes[audience] = box
            row.addWidget(box)
        row.addStretch(1)
        self.reason_given_edit = self._text_edit(page, self.tr("Why the source asked, in their words"), 2)
        self.reason_granted_edit = self._text_edit(page, self.tr("Why the newsroom agreed"), 2)
        agreed = QWidget(page)
        agreed_row = QHBoxLayout(agreed)
        agreed_row.setContentsMargins(0, 0, 0, 0)
        self.agreed_check = QCheckBox(self.tr("Agreed on"), agreed)
        self.agreed_date = QDateEdit(agreed)
        self.agreed_date.setCalendarPopup(True)
        self.agreed_date.setDisplayFormat("yyyy-MM-dd")
        self.agreed_date.setDate(QDate.currentDate())
        self.agreed_date.setEnabled(False)
        self.agreed_check.toggled.connect(self.agreed_date.setEnabled)
        agreed_row.addWidget(self.agreed_check)
        agreed_row.addWidget(self.agreed_date)
        agreed_row.addStretch(1)
        self.agreement_terms_edit = self._text_edit(page, self.tr("What exactly was agreed"), 2)
        self.notes_edit = self._text_edit(page, self.tr("For the newsroom only; never exported"), 2)
        self.reason_edit = QLineEdit(page)
        self.reason_edit.setPlaceholderText(self.tr("Optional; kept in the audit log with the change"))
        self.form.addRow(self.tr("&Alias:"), self.alias_edit)
        self.form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.form.addRow(self.tr("Public &description:"), self.description_edit)
        self.form.addRow(self.tr("Attribution &terms:"), self.anonymity_combo)
        self.form.addRow("", self.terms_hint)
        self.form.addRow(self.tr("Identity kept from:"), audiences)
        self.form.addRow(self.tr("Reason &given:"), self.reason_given_edit)
        self.form.addRow(self.tr("Reason gra&nted:"), self.reason_granted_edit)
        self.form.addRow(self.tr("Agreement:"), agreed)
        self.form.addRow(self.tr("Terms a&greed:"), self.agreement_terms_edit)
        self.form.addRow(self.tr("N&otes:"), self.notes_edit)
        self.form.addRow(self.tr("Reason for this c&hange:"), self.reason_edit)
        self.alias_edit.textChanged.connect(self.update_buttons)
        self.anonymity_combo.currentIndexChanged.connect(self._explain_terms)
        self._explain_terms()
        self.tabs.addTab(page, self.tr("&Details"))

    def _text_edit(self, parent: QWidget, placeholder: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(self.fontMetrics().height() * (lines + 1) + 8)
        return edit

    def _build_reliability(self) -> None:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        self.current_grade_label = QLabel(page)
        self.current_grade_label.setObjectName("CurrentGrade")
        font = self.current_grade_label.font()
        font.setBold(True)
        self.current_grade_label.setFont(font)
        layout.addWidget(self.current_grade_label)
        form = QFormLayout()
        self.grade_combo = QComboBox(page)
        self.grade_combo.addItem(self.tr("No new grade"), None)
        for grade in SourceReliability:
            self.grade_combo.addItem(graded(grade), grade)
        self.grade_rationale_edit = QLineEdit(page)
        self.grade_rationale_edit.setPlaceholderText(self.tr("Why this grade (required with a new grade)"))
        form.addRow(self.tr("New &grade:"), self.grade_combo)
        form.addRow(self.tr("R&ationale:"), self.grade_rationale_edit)
        layout.addLayout(form)
        note = QLabel(
            self.tr("A new grade is recorded when you save; earlier grades stay in the history below."),
            page,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("History (newest first):"), page))
        columns: list[Column[GradeStep]] = [
            Column(
                self.tr("When (UTC)"),
                lambda g: format_time(g.graded_at),
                sort_key=lambda g: g.graded_at,
                width=20,
            ),
            Column(self.tr("Who"), lambda g: g.graded_by, width=12),
            Column(
                self.tr("Change"),
                lambda g: f"{g.previous.value if g.previous else '—'} → {g.grade.value}",
                tooltip=lambda g: f"{graded(g.previous) or '—'} → {graded(g.grade)}",
                width=10,
            ),
            Column(self.tr("Rationale"), lambda g: g.rationale, tooltip=lambda g: g.rationale, width=40),
        ]
        self.grades_model: RecordTableModel[GradeStep] = RecordTableModel(
            columns, lambda g: g.id, parent=self
        )
        self.grades_view = self._table(page, self.grades_model, stretch=3)
        layout.addWidget(self.grades_view, 1)
        self.grade_combo.currentIndexChanged.connect(self.update_buttons)
        self.grade_rationale_edit.textChanged.connect(self.update_buttons)
        self.tabs.addTab(page, self.tr("&Reliability"))

    def _table(self, parent: QWidget, model: RecordTableModel[Any], *, stretch: int) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        average = view.fontMetrics().averageCharWidth()
        for column in range(model.columnCount()):
            header.resizeSection(column, model.column_spec(column).width * average + 16)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def _build_relationships(self) -> None:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Related sources (friends, relatives, colleagues, one device) count as one origin when "
                "claims are corroborated. Changes here are saved at once."
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns: list[Column[domain.SourceRelationship]] = [
            Column(self.tr("Related to"), self._other_alias, width=20),
            Column(self.tr("Relationship"), lambda r: label(r.kind), width=16),
            Column(self.tr("Note"), lambda r: r.note, tooltip=lambda r: r.note, width=30),
            Column(self.tr("Since (UTC)"), lambda r: format_time(r.created_at), width=20),
        ]
        self.relations_model: RecordTableModel[domain.SourceRelationship] = RecordTableModel(
            columns, lambda r: r.id, parent=self
        )
        self.relations_view = self._table(page, self.relations_model, stretch=2)
        layout.addWidget(self.relations_view, 1)
        add_box = QGroupBox(self.tr("Add a relationship"), page)
        add_form = QFormLayout(add_box)
        self.other_combo = QComboBox(add_box)
        self.relation_kind_combo = QComboBox(add_box)
        for kind in RelationshipKind:
            self.relation_kind_combo.addItem(label(kind), kind)
        self.relation_note_edit = QLineEdit(add_box)
        self.relation_note_edit.setPlaceholderText(self.tr("e.g. Hama phoned him for us"))
        self.relate_button = QPushButton(self.tr("Add &relationship"), add_box)
        self.relate_button.clicked.connect(self.add_relationship)
        add_form.addRow(self.tr("Source:"), self.other_combo)
        add_form.addRow(self.tr("Relationship:"), self.relation_kind_combo)
        add_form.addRow(self.tr("Note:"), self.relation_note_edit)
        add_form.addRow("", self.relate_button)
        layout.addWidget(add_box)
        remove_row = QHBoxLayout()
        self.unrelate_reason_edit = QLineEdit(page)
        self.unrelate_reason_edit.setPlaceholderText(self.tr("Reason for removing the selected relationship"))
        self.unrelate_button = QPushButton(self.tr("Re&move"), page)
        self.unrelate_button.clicked.connect(self.remove_relationship)
        remove_row.addWidget(self.unrelate_reason_edit, 1)
        remove_row.addWidget(self.unrelate_button)
        layout.addLayout(remove_row)
        self.unrelate_reason_edit.textChanged.connect(self._update_relation_buttons)
        self.relations_view.selectionModel().selectionChanged.connect(self._update_relation_buttons)
        self.tabs.addTab(page, self.tr("Relations&hips"))
        self._update_relation_buttons()

    def _other_alias(self, relation: domain.SourceRelationship) -> str:
        if self._data is None:
            return ""
        other = relation.other_source_id if relation.source_id == self._source_id else relation.source_id
        return self._data.alias(other)

    def _show_reason_row(self, visible: bool) -> None:
        self.reason_edit.setVisible(visible)
        caption = self.form.labelForField(self.reason_edit)
        if caption is not None:
            caption.setVisible(visible)

    def _explain_terms(self) -> None:
        self.terms_hint.setText(anonymity_explained(Anonymity(self.anonymity_combo.currentData())))

    # --- loading --------------------------------------------------------------------------------
    @property
    def source_id(self) -> int | None:
        return self._source_id

    @property
    def data(self) -> SourceEditorData | None:
        return self._data

    def reload(self) -> TaskHandle[SourceEditorData] | None:
        """Read the source again (edit mode); the form is filled when it arrives."""
        if self._source_id is None:
            return None
        ws, source_id = self._ws, self._source_id
        return self.run_task(
            lambda progress, cancel: load_source_editor(ws, source_id),
            on_done=self._fill,
            label=self.tr("Reading the source"),
        )

    def _fill(self, data: SourceEditorData) -> None:
        self._data = data
        source = data.source
        self._source_id = source.id
        self._version = source.version
        self.setWindowTitle(self.tr("Edit Source — {alias}").format(alias=source.alias))
        self.alias_edit.setText(source.alias)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(source.kind))
        self.description_edit.setPlainText(source.public_description)
        self.anonymity_combo.setCurrentIndex(self.anonymity_combo.findData(source.anonymity))
        for audience, box in self.audience_boxes.items():
            box.setChecked(audience in source.anonymous_from)
        self.reason_given_edit.setPlainText(source.reason_given)
        self.reason_granted_edit.setPlainText(source.reason_granted)
        self.agreed_check.setChecked(source.agreement_date is not None)
        if source.agreement_date is not None:
            agreed = source.agreement_date
            self.agreed_date.setDate(QDate(agreed.year, agreed.month, agreed.day))
            # The service keeps a date once given (None means "unchanged"): it can be changed, not removed.
            self.agreed_check.setEnabled(False)
        self.agreement_terms_edit.setPlainText(source.agreement_terms)
        self.notes_edit.setPlainText(source.notes)
        self.reason_edit.clear()
        self._fill_grades(data)
        self._fill_relationships(data)
        self.identity.set_data(source, data.access, data.holders)
        for index in (2, 3):
            self.tabs.setTabEnabled(index, True)
            self.tabs.setTabToolTip(index, "")
        self._show_reason_row(True)
        self.show_banner("")
        self.mark_loaded()

    def _fill_grades(self, data: SourceEditorData) -> None:
        current = data.source.reliability
        self.current_grade_label.setText(
            self.tr("Current grade: {grade}").format(grade=graded(current))
            if current is not None
            else self.tr("Not graded yet")
        )
        self.grades_model.set_records(data.grades)
        self.grade_combo.setCurrentIndex(0)
        self.grade_rationale_edit.clear()

    def _fill_relationships(self, data: SourceEditorData) -> None:
        self.relations_model.set_records(data.relationships)
        self.other_combo.clear()
        for other in data.case_sources:
            if other.id != data.source.id:
                self.other_combo.addItem(other.alias, other.id)
        self._update_relation_buttons()

    # --- saving ---------------------------------------------------------------------------------
    def chosen_grade(self) -> SourceReliability | None:
        value = self.grade_combo.currentData()
        return SourceReliability(value) if value is not None else None

    def is_complete(self) -> bool:
        if not self.alias_edit.text().strip():
            return False
        return self.chosen_grade() is None or bool(self.grade_rationale_edit.text().strip())

    def save_function(self) -> TaskFn:
        ws, case_id, source_id, version = self._ws, self._case_id, self._source_id, self._version
        # Qt hands StrEnum user data back as plain str: convert at the boundary.
        values: dict[str, Any] = {
            "alias": self.alias_edit.text(),
            "public_description": self.description_edit.toPlainText(),
            "kind": SourceKind(self.kind_combo.currentData()),
            "anonymity": Anonymity(self.anonymity_combo.currentData()),
            "anonymous_from": [a for a, box in self.audience_boxes.items() if box.isChecked()],
            "reason_given": self.reason_given_edit.toPlainText(),
            "reason_granted": self.reason_granted_edit.toPlainText(),
            "agreement_terms": self.agreement_terms_edit.toPlainText(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self.agreed_check.isChecked():
            values["agreement_date"] = self.agreed_date.date().toPython()
        grade, rationale = self.chosen_grade(), self.grade_rationale_edit.text()
        reason = self.reason_edit.text()

        def save(progress: ProgressFn, cancel: threading.Event) -> domain.Source:
            with ws.transaction() as uow:
                if source_id is None:
                    saved = sources.add_source(uow, case_id, **values)
                else:
                    saved = sources.update_source(
                        uow, source_id, **values, reason=reason, expected_version=version
                    )
                if grade is not None:
                    sources.grade_source(uow, saved.id, grade, rationale)
                    saved = sources.get_source(uow.session, saved.id)
                return saved

        return save

    def saved(self, record: domain.Source) -> None:
        self._version = record.version
        if self._source_id is None:
            self._source_id = record.id
        # Grades, access and relationships may have changed with it: read them again (also turns
        # a newly created source into an edited one when the dialog stays open).
        self.reload()

    # --- relationships (saved at once) -------------------------------------------------------------
    def _selected_relationship(self) -> domain.SourceRelationship | None:
        rows = self.relations_view.selectionModel().selectedRows()
        return self.relations_model.record_at(rows[0].row()) if rows else None

    def _update_relation_buttons(self) -> None:
        idle = self._relation_task is None
        self.relate_button.setEnabled(idle and self.other_combo.count() > 0)
        self.unrelate_button.setEnabled(
            idle
            and self._selected_relationship() is not None
            and bool(self.unrelate_reason_edit.text().strip())
        )

    def add_relationship(self) -> TaskHandle[Any] | None:
        if self._source_id is None or self.other_combo.currentIndex() < 0:
            return None
        ws, source_id = self._ws, self._source_id
        other = int(self.other_combo.currentData())
        kind = RelationshipKind(self.relation_kind_combo.currentData())
        note = self.relation_note_edit.text()

        def relate(progress: ProgressFn, cancel: threading.Event) -> None:
            with ws.transaction() as uow:
                sources.relate_sources(uow, source_id, other, kind, note)

        return self._run_relation(relate)

    def remove_relationship(self) -> TaskHandle[Any] | None:
        relation = self._selected_relationship()
        if relation is None:
            return None
        ws, relation_id, reason = self._ws, relation.id, self.unrelate_reason_edit.text()

        def unrelate(progress: ProgressFn, cancel: threading.Event) -> None:
            with ws.transaction() as uow:
                sources.unrelate_sources(uow, relation_id, reason)

        return self._run_relation(unrelate)

    def _run_relation(self, fn: TaskFn) -> TaskHandle[Any]:
        self._relation_task = self.run_task(
            fn,
            on_done=self._relation_saved,
            on_failed=self._relation_failed,
            label=self.tr("Saving a relationship"),
        )
        self._update_relation_buttons()
        return self._relation_task

    def _relation_saved(self, _result: object) -> None:
        self._relation_task = None
        self.relation_note_edit.clear()
        self.unrelate_reason_edit.clear()
        self._refresh_side_data()
        self.sig_records_changed.emit("source")

    def _relation_failed(self, exc: BaseException) -> None:
        self._relation_task = None
        self._update_relation_buttons()
        errors.show_error(self, exc)

    def _refresh_side_data(self) -> None:
        """Re-read relationships, grades and access without touching the details form."""
        if self._source_id is None:
            return
        ws, source_id = self._ws, self._source_id

        def refreshed(data: SourceEditorData) -> None:
            if self._data is not None:
                self._data = data
                self._fill_relationships(data)
                self._fill_grades(data)

        self.run_task(
            lambda progress, cancel: load_source_editor(ws, source_id),
            on_done=refreshed,
            label=self.tr("Reading the source"),
        )

    # --- identity -------------------------------------------------------------------------------
    def _identity_sealed(self, source: domain.Source) -> None:
        # Sealing changed the source record (its identity state). Adopt the new version only when
        # it is the one our own change made, so an edit by someone else still counts as stale.
        if self._version is not None and source.version == self._version + 1:
            self._version = source.version
        self.show_banner(self.tr("The identity is sealed."), tone="ok")
        self.sig_records_changed.emit("source")

    # --- closing --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.identity.abandon()
        self.identity.lock()
        super().done(result)

    def hideEvent(self, event: QHideEvent) -> None:
        self.identity.lock()
        super().hideEvent(event)
