"""The testimony editor: who, when, where, how, language, transcript; claims drawn from passages.

The transcript is plain text in any script. Each paragraph is laid out in the direction of its
own first strong character, so an Arabic or Sorani paragraph is right-aligned and read from the
right while the English notes around it stay left-to-right. (``QPlainTextEdit`` lays every
paragraph out in one direction; ``QTextEdit`` in plain-text mode resolves it per paragraph, so
the transcript uses that.)

Select a passage and use "Make Claim" (button, context menu or Ctrl+M): the claim is created in
the background with the passage as its quote (``claims.claim_from_testimony``), which requires the
passage to be in the *stored* transcript; unsaved transcript edits must be saved first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import SavingDialog
from ui.dialogs.source_editor import RecordEditorDialog, TaskFn
from ui.tasks import ProgressFn, TaskRunner
from ui.vocabulary import format_interval, format_time, label, language_name
from verifier import domain
from verifier.domain import (
    Anonymity,
    Connection,
    Interval,
    Medium,
    TimePrecision,
    parse_interval,
    parse_offset,
)
from verifier.errors import InvalidInput
from verifier.services import claims, places, sources, testimonies
from verifier.services.workspace import Workspace

# Offered in the language box; any other code (BCP 47) can be typed.
LANGUAGES = ("ckb", "kmr", "ar", "en", "fa", "tr", "syr")
DEFAULT_ZONE = "+03:00"  # the demo's and the scenario's local time (Iraq)


@dataclass(frozen=True)
class TestimonyEditorData:
    """A testimony (None when creating one) and the choices its editor offers."""

    __test__ = False

    testimony: domain.Testimony | None
    sources: tuple[domain.Source, ...]
    places: tuple[domain.Place, ...]


def load_testimony_editor(ws: Workspace, case_id: int, testimony_id: int | None) -> TestimonyEditorData:
    """Read what the testimony editor needs (worker thread; one Session)."""
    with ws.reading() as session:
        testimony = testimonies.get_testimony(session, testimony_id) if testimony_id is not None else None
        return TestimonyEditorData(
            testimony=testimony,
            sources=tuple(sources.list_sources(session, case_id)),
            places=tuple(places.list_places(session)),
        )


def stored_when(testimony: domain.Testimony) -> tuple[str, str]:
    """The time of a stored testimony as (text, zone) the When field can show and read back."""
    start, end, precision = testimony.taken_at, testimony.taken_until, testimony.taken_precision
    if start is None:
        return "", DEFAULT_ZONE
    start = start.astimezone(UTC)
    if end is None or precision in (None, TimePrecision.MINUTE, TimePrecision.HOUR):
        return start.strftime("%Y-%m-%d %H:%M"), "UTC"
    end = end.astimezone(UTC)
    midnight = start.hour == start.minute == 0
    if precision is TimePrecision.DAY and midnight:
        return start.strftime("%Y-%m-%d"), "UTC"
    if precision is TimePrecision.MONTH and midnight and start.day == 1:
        return start.strftime("%Y-%m"), "UTC"
    if precision is TimePrecision.YEAR and midnight and start.month == start.day == 1:
        return start.strftime("%Y"), "UTC"
    last = end.replace(second=0, microsecond=0)
    return f"{start:%Y-%m-%dT%H:%M}/{last:%Y-%m-%dT%H:%M}", "UTC"


def read_when(text: str, zone_text: str) -> Interval | None:
    """The When field as an interval in UTC; None when empty.

    Raises:
        InvalidInput: the text or the zone cannot be read (the message says which and how).
    """
    if not text.strip():
        return None
    zone: tzinfo = parse_offset(zone_text or "UTC")
    return parse_interval(text.strip(), zone)


class TranscriptEdit(QTextEdit):
    """Plain text only, every paragraph in its own direction; extra actions in its context menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._direction_per_paragraph()
        self.extra_actions: list[QAction] = []

    def _direction_per_paragraph(self) -> None:
        # Auto direction with a *relative* (non-absolute) leading alignment: right-to-left
        # paragraphs align right, left-to-right ones left, whatever the interface language.
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setAlignment(Qt.AlignmentFlag.AlignLeading)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Qt sets the whole document to the widget's direction when that changes (a right-to-left
        # interface language): put the per-paragraph direction back.
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._direction_per_paragraph()

    def selected_passage(self) -> str:
        """The selected text with paragraph breaks as newlines, trimmed."""
        return self.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n").strip()

    def build_context_menu(self) -> QMenu:
        menu = self.createStandardContextMenu()
        standard = menu.actions()
        if not standard:
            menu.addActions(self.extra_actions)
            return menu
        first = standard[0]
        for action in self.extra_actions:
            menu.insertAction(first, action)
        if self.extra_actions:
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


class MakeClaimDialog(SavingDialog):
    """Asks for the claim's statement (prefilled with the passage) and saves it with its quote."""

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        testimony_id: int,
        passage: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            self.tr("Make Claim"),
            self.tr(
                "Write the claim as one checkable statement. The selected passage is kept as its quote, "
                "and the testimony is linked as asserting it."
            ),
            parent,
        )
        self._ws = ws
        self._testimony_id = testimony_id
        self.passage = passage
        self.quote_view = TranscriptEdit(self)
        self.quote_view.setPlainText(passage)
        self.quote_view.setReadOnly(True)
        self.quote_view.setMaximumHeight(self.fontMetrics().height() * 5)
        self.statement_edit = QPlainTextEdit(self)
        self.statement_edit.setPlainText(passage)
        self.statement_edit.setTabChangesFocus(True)
        self.connection_combo = QComboBox(self)
        self.connection_combo.addItem(self.tr("Not stated"), None)
        for connection in Connection:
            self.connection_combo.addItem(label(connection), connection)
        self.form.addRow(self.tr("Quote:"), self.quote_view)
        self.form.addRow(self.tr("&Statement:"), self.statement_edit)
        self.form.addRow(self.tr("Source's &connection:"), self.connection_combo)
        self.statement_edit.textChanged.connect(self.update_ok)
        self.update_ok()

    def is_complete(self) -> bool:
        return bool(self.statement_edit.toPlainText().strip())

    def save_function(self) -> TaskFn:
        ws, testimony_id, passage = self._ws, self._testimony_id, self.passage
        statement = self.statement_edit.toPlainText()
        value = self.connection_combo.currentData()
        connection = Connection(value) if value is not None else None

        def make(progress: ProgressFn, cancel: threading.Event) -> domain.Claim:
            with ws.transaction() as uow:
                return claims.claim_from_testimony(
                    uow, testimony_id, statement, passage, connection=connection
                )

        return make


class TestimonyEditorDialog(RecordEditorDialog):
    """Creates a testimony (``testimony_id`` None) or edits one; draws claims from its passages.

    Signals:
        sig_claim_made(claim): a claim quoting a passage was created.
    """

    __test__ = False

    sig_claim_made = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        case_id: int,
        testimony_id: int | None = None,
        *,
        source_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ws, parent)
        self._case_id = case_id
        self._testimony_id = testimony_id
        self._preferred_source = source_id
        self._data: TestimonyEditorData | None = None
        self._stored: domain.Testimony | None = None
        self._stored_when = ("", DEFAULT_ZONE)
        self.make_claim_dialog: MakeClaimDialog | None = None
        self.setMinimumSize(820, 640)
        self.setWindowTitle(self.tr("Add Testimony") if testimony_id is None else self.tr("Edit Testimony"))
        self.intro.setText(
            self.tr(
                "What a source said, when, where and how. Select a passage of the transcript and make a "
                "claim from it (Ctrl+M)."
            )
        )
        self._build()
        self.content.setEnabled(False)
        self.update_buttons()
        self.show_banner(self.tr("Reading…"))
        self.run_task(
            lambda progress, cancel: load_testimony_editor(ws, case_id, testimony_id),
            on_done=self._fill,
            label=self.tr("Reading the testimony"),
        )

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        top = QWidget(self.content)
        grid = QGridLayout(top)
        grid.setContentsMargins(0, 0, 0, 0)
        self.source_combo = QComboBox(top)
        self.when_edit = QLineEdit(top)
        self.when_edit.setPlaceholderText(
            self.tr("2019-04-11 13:00 · 2019-04-11 · 2019-04 · 2019-03-11/2019-03-20")
        )
        self.zone_edit = QLineEdit(top)
        self.zone_edit.setText(DEFAULT_ZONE)
        self.zone_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("UTC+00:00") + 24)
        self.zone_edit.setToolTip(self.tr("The UTC offset of the place and time given (e.g. +03:00)"))
        self.when_preview = QLabel(top)
        self.when_preview.setObjectName("WhenPreview")
        self.when_preview.setWordWrap(True)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_edit, 1)
        when_row.addWidget(QLabel(self.tr("UTC offset:"), top))
        when_row.addWidget(self.zone_edit)
        self.medium_combo = QComboBox(top)
        for medium in Medium:
            self.medium_combo.addItem(label(medium), medium)
        self.language_combo = QComboBox(top)
        self.language_combo.setEditable(True)
        self.language_combo.addItem(self.tr("Not recorded"), "")
        for code in LANGUAGES:
            self.language_combo.addItem(f"{language_name(code)} ({code})", code)
        self.place_combo = QComboBox(top)
        self.place_text_edit = QLineEdit(top)
        self.place_text_edit.setPlaceholderText(self.tr("The place as the source named it"))
        self.interviewer_edit = QLineEdit(top)
        self.translator_edit = QLineEdit(top)
        self.attribution_combo = QComboBox(top)
        self.attribution_combo.addItem(self.tr("As agreed with the source"), None)
        for terms in Anonymity:
            self.attribution_combo.addItem(label(terms), terms)
        self.reason_edit = QLineEdit(top)
        self.reason_edit.setPlaceholderText(self.tr("Optional; kept in the audit log with the change"))

        left = QFormLayout()
        left.addRow(self.tr("&Source:"), self.source_combo)
        left.addRow(self.tr("&When:"), when_row)
        when_label = left.labelForField(when_row)
        if isinstance(when_label, QLabel):  # Alt+W goes to the time itself, not to its row
            when_label.setBuddy(self.when_edit)
        left.addRow("", self.when_preview)
        left.addRow(self.tr("&How:"), self.medium_combo)
        left.addRow(self.tr("&Language:"), self.language_combo)
        right = QFormLayout()
        right.addRow(self.tr("&Place:"), self.place_combo)
        right.addRow(self.tr("Place as &said:"), self.place_text_edit)
        right.addRow(self.tr("&Interviewer:"), self.interviewer_edit)
        right.addRow(self.tr("&Translator:"), self.translator_edit)
        right.addRow(self.tr("&Attribution:"), self.attribution_combo)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addWidget(top)

        split = QSplitter(Qt.Orientation.Vertical, self.content)
        transcript_box = QWidget(split)
        transcript_layout = QVBoxLayout(transcript_box)
        transcript_layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        transcript_label = QLabel(self.tr("T&ranscript:"), transcript_box)
        self.transcript_edit = TranscriptEdit(transcript_box)
        transcript_label.setBuddy(self.transcript_edit)
        self.act_make_claim = QAction(self.tr("&Make Claim from Selection…"), self)
        self.act_make_claim.setShortcut(QKeySequence("Ctrl+M"))
        self.act_make_claim.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_make_claim.triggered.connect(self.make_claim)
        self.addAction(self.act_make_claim)
        self.transcript_edit.extra_actions.append(self.act_make_claim)
        self.make_claim_button = QPushButton(self.tr("Make Claim…"), transcript_box)
        self.make_claim_button.setToolTip(self.tr("Create a claim quoting the selected passage (Ctrl+M)"))
        self.make_claim_button.clicked.connect(self.make_claim)
        self.claim_hint = QLabel(transcript_box)
        self.claim_hint.setObjectName("ClaimHint")
        self.claim_hint.setStyleSheet("color: palette(placeholder-text);")
        bar.addWidget(transcript_label)
        bar.addStretch(1)
        bar.addWidget(self.claim_hint)
        bar.addWidget(self.make_claim_button)
        transcript_layout.addLayout(bar)
        transcript_layout.addWidget(self.transcript_edit, 1)
        notes_box = QWidget(split)
        notes_layout = QFormLayout(notes_box)
        notes_layout.setContentsMargins(0, 4, 0, 0)
        self.notes_edit = QPlainTextEdit(notes_box)
        self.notes_edit.setPlaceholderText(self.tr("For the newsroom only"))
        self.notes_edit.setTabChangesFocus(True)
        notes_layout.addRow(self.tr("N&otes:"), self.notes_edit)
        notes_layout.addRow(self.tr("Reason for this c&hange:"), self.reason_edit)
        split.addWidget(transcript_box)
        split.addWidget(notes_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        self.body.addWidget(split, 1)

        self.source_combo.currentIndexChanged.connect(self.update_buttons)
        self.when_edit.textChanged.connect(self._update_when)
        self.zone_edit.textChanged.connect(self._update_when)
        self.transcript_edit.textChanged.connect(self._update_claim_action)
        self.transcript_edit.selectionChanged.connect(self._update_claim_action)
        self._update_when()

    # --- loading --------------------------------------------------------------------------------
    @property
    def testimony_id(self) -> int | None:
        return self._testimony_id

    def _fill(self, data: TestimonyEditorData) -> None:
        self._data = data
        self.source_combo.clear()
        for source in data.sources:
            self.source_combo.addItem(source.alias, source.id)
        self.place_combo.clear()
        self.place_combo.addItem(self.tr("Not in the gazetteer"), None)
        for place in data.places:
            self.place_combo.addItem(place.name, place.id)
        testimony = data.testimony
        if testimony is not None:
            self._show_stored(testimony)
        elif self._preferred_source is not None:
            self.source_combo.setCurrentIndex(self.source_combo.findData(self._preferred_source))
        self.show_banner("" if data.sources else self.tr("Add a source to this case first."))
        self.mark_loaded()
        self._update_claim_action()

    def _show_stored(self, testimony: domain.Testimony) -> None:
        self._stored = testimony
        self._testimony_id = testimony.id
        alias = self.source_combo.itemText(self.source_combo.findData(testimony.source_id))
        self.setWindowTitle(self.tr("Edit Testimony — {alias}").format(alias=alias))
        self.source_combo.setCurrentIndex(self.source_combo.findData(testimony.source_id))
        self._stored_when = stored_when(testimony)
        self.when_edit.setText(self._stored_when[0])
        self.zone_edit.setText(self._stored_when[1])
        self.medium_combo.setCurrentIndex(self.medium_combo.findData(testimony.medium))
        index = self.language_combo.findData(testimony.language)
        if index < 0:
            self.language_combo.addItem(
                language_name(testimony.language) or testimony.language, testimony.language
            )
            index = self.language_combo.count() - 1
        self.language_combo.setCurrentIndex(index)
        place = self.place_combo.findData(testimony.place_id) if testimony.place_id is not None else 0
        self.place_combo.setCurrentIndex(max(place, 0))
        self.place_text_edit.setText(testimony.place_text)
        self.interviewer_edit.setText(testimony.interviewer)
        self.translator_edit.setText(testimony.translator)
        self.attribution_combo.setCurrentIndex(max(self.attribution_combo.findData(testimony.attribution), 0))
        if self.transcript_edit.toPlainText() != testimony.transcript:
            self.transcript_edit.setPlainText(testimony.transcript)
        if self.notes_edit.toPlainText() != testimony.notes:
            self.notes_edit.setPlainText(testimony.notes)
        self.reason_edit.clear()
        self._update_when()

    # --- fields ---------------------------------------------------------------------------------
    def _when_changed(self) -> bool:
        return (self.when_edit.text(), self.zone_edit.text()) != self._stored_when

    def _update_when(self) -> None:
        text = self.when_edit.text()
        stored = self._stored
        if stored is not None and stored.taken_at is not None and not self._when_changed():
            # As stored, with its own precision (the text shown reads back as a span).
            when = (
                format_time(stored.taken_at)
                if stored.taken_until is None or stored.taken_precision is None
                else format_interval(Interval(stored.taken_at, stored.taken_until, stored.taken_precision))
            )
            self.when_preview.setText(self.tr("= {time}").format(time=when))
            self.when_preview.setStyleSheet("color: palette(placeholder-text);")
        elif not text.strip():
            self.when_preview.setText(self.tr("Undated"))
            self.when_preview.setStyleSheet("color: palette(placeholder-text);")
        else:
            try:
                interval = read_when(text, self.zone_edit.text())
            except InvalidInput as exc:
                self.when_preview.setText(str(exc))
                self.when_preview.setStyleSheet("color: #8d2b0b;")
            else:
                assert interval is not None
                shown = (
                    format_time(interval.start)
                    if interval.precision is TimePrecision.MINUTE
                    else format_interval(replace(interval, label=""))
                )
                self.when_preview.setText(self.tr("= {time}").format(time=shown))
                self.when_preview.setStyleSheet("color: palette(placeholder-text);")
        self.update_buttons()

    def language_code(self) -> str:
        """The chosen language's code: an offered one, or whatever code was typed."""
        text = self.language_combo.currentText().strip()
        index = self.language_combo.findText(text)
        if index >= 0:
            return str(self.language_combo.itemData(index) or "")
        return text

    def is_complete(self) -> bool:
        if self.source_combo.currentIndex() < 0:
            return False
        try:
            read_when(self.when_edit.text(), self.zone_edit.text())
        except InvalidInput:
            return False
        return True

    def save_function(self) -> TaskFn:
        ws, testimony_id, version = (
            self._ws,
            self._testimony_id,
            self._stored.version if self._stored else None,
        )
        source_id = int(self.source_combo.currentData())
        interval = read_when(self.when_edit.text(), self.zone_edit.text())
        time_args: dict[str, Any] = {}
        if testimony_id is None or self._when_changed():
            if interval is not None and interval.precision is TimePrecision.MINUTE:
                time_args["taken_at"] = interval.start
            elif interval is not None:
                time_args["when"] = interval
        place = self.place_combo.currentData()
        attribution = self.attribution_combo.currentData()
        values: dict[str, Any] = {
            "medium": Medium(self.medium_combo.currentData()),
            "language": self.language_code(),
            "transcript": self.transcript_edit.toPlainText(),
            "notes": self.notes_edit.toPlainText(),
            "interviewer": self.interviewer_edit.text(),
            "translator": self.translator_edit.text(),
            "place_text": self.place_text_edit.text(),
            **time_args,
        }
        if place is not None:
            values["place_id"] = int(place)
        if attribution is not None:
            values["attribution"] = Anonymity(attribution)
        reason = self.reason_edit.text()

        def save(progress: ProgressFn, cancel: threading.Event) -> domain.Testimony:
            with ws.transaction() as uow:
                if testimony_id is None:
                    return testimonies.record_testimony(uow, source_id, **values)
                return testimonies.update_testimony(
                    uow, testimony_id, source_id=source_id, **values, reason=reason, expected_version=version
                )

        return save

    def saved(self, record: domain.Testimony) -> None:
        self._show_stored(record)
        self._update_claim_action()

    # --- claims from passages -------------------------------------------------------------------
    def _claim_blocker(self) -> str:
        """Why a claim cannot be made right now ('' when it can)."""
        if self._stored is None:
            return self.tr("Save the testimony first (Apply) to make claims from it.")
        if self.transcript_edit.toPlainText() != self._stored.transcript:
            return self.tr("Save the transcript first (Apply): a quote must be in the stored text.")
        if not self.transcript_edit.selected_passage():
            return self.tr("Select a passage to quote.")
        return ""

    def _update_claim_action(self) -> None:
        blocker = self._claim_blocker()
        enabled = not blocker and self.make_claim_dialog is None
        self.act_make_claim.setEnabled(enabled)
        self.make_claim_button.setEnabled(enabled)
        self.claim_hint.setText(blocker)

    def make_claim(self) -> MakeClaimDialog | None:
        """Ask for the statement of a claim quoting the selected passage (non-blocking)."""
        if self._claim_blocker() or self._testimony_id is None or self.make_claim_dialog is not None:
            return None
        dialog = MakeClaimDialog(
            self._runner, self._ws, self._testimony_id, self.transcript_edit.selected_passage(), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self._claim_made)
        dialog.finished.connect(self._claim_dialog_closed)
        self.make_claim_dialog = dialog
        self._update_claim_action()
        dialog.open()
        return dialog

    def _claim_dialog_closed(self) -> None:
        self.make_claim_dialog = None
        self._update_claim_action()

    def _claim_made(self, claim: domain.Claim) -> None:
        short = claim.statement if len(claim.statement) <= 80 else claim.statement[:79] + "…"
        self.show_banner(
            self.tr("Claim #{id} created, quoting the selected passage: “{statement}”").format(
                id=claim.id, statement=short
            ),
            tone="ok",
        )
        self.sig_claim_made.emit(claim)
        self.sig_records_changed.emit("claim")
