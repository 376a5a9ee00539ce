"""The main window: case selector, record views, detail pane, status bar with background progress.

The window never touches the database itself. It asks the ``TaskRunner`` to read a whole case
in one task with one Session (``ui.case_data.load_case_data``), then fills the models from the
snapshots. Writes go through the dialogs, which also save in the background; afterwards the
window reloads and says so with ``sig_records_changed``.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import verifier
from ui import detail, errors
from ui.case_data import FIRST_LOOK_CLAIMS, CaseData, list_workspace_cases, load_case_data
from ui.case_report import CaseReportCache
from ui.dialogs import (
    AddClaimDialog,
    AddSourceDialog,
    NewCaseDialog,
    SourceEditorDialog,
    TestimonyEditorDialog,
)
from ui.dialogs.export_case import ExportDialog
from ui.dialogs.import_photos import ImportDialog, ImportReportDialog
from ui.dialogs.photo_viewer import PhotoViewerDialog
from ui.dialogs.search import SearchDialog
from ui.gallery_data import PhotoFacts, load_gallery_facts, with_findings
from ui.models.cases import CaseListModel
from ui.models.gallery import EvidenceGalleryModel
from ui.models.mime import EVIDENCE_MIME
from ui.models.records import RecordTableModel, Roles
from ui.settings import UiSettings
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from ui.views import CaseContext, ViewSpec, build_views
from ui.vocabulary import format_count
from ui.widgets.case_panel import CasePanel
from ui.widgets.claims_board import ClaimsBoardPanel
from ui.widgets.evidence_pane import EvidencePane
from ui.widgets.findings_panel import FindingsPanel
from ui.widgets.gallery import EvidenceGallery
from ui.widgets.language_menu import LanguageMenu
from ui.widgets.map_panel import MapPanel
from ui.widgets.record_table import RecordTable
from ui.widgets.thumbnails import ThumbnailLoader
from ui.widgets.timeline_panel import TimelinePanel
from verifier import demo, domain
from verifier.crossref.engine import CaseReport
from verifier.errors import Cancelled
from verifier.permissions import Access, Role
from verifier.services import cases, intake, integrity, people
from verifier.services.intake import ImportReport, Provenance
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage.audit import AuditReport
from verifier.storage.vault import VaultReport

log = logging.getLogger(__name__)

D = TypeVar("D", bound=QDialog)
RELOAD_AFTER_IMPORT_MS = 100

# How often an open case checks for changes made by others (milliseconds; 0 turns it off).
REFRESH_INTERVAL_MS = 3000


class MainWindow(QMainWindow):
    """One workspace, one case at a time, shown through record views and a detail pane.

    The window owns the workspace it shows: it closes it when another one is opened or when the
    window closes.

    Signals:
        sig_case_shown(case_id): the window shows the case: every record of it, or, for a case
            with a great many claims, a first look with its first claims (``CaseData.complete``
            is False) while the rest is read.
        sig_case_loaded(case_id): every view shows the whole case (after a switch or a reload).
        sig_records_changed(kind): a record of this kind ("case", "source", "claim") was written.
        sig_ready(): the first load after opening a workspace has settled (a case is shown, the
            workspace is empty, or opening failed); used by ``--screenshot`` and tests.
        sig_check_finished(kind, report): an integrity check ("vault" or "audit") has finished.
        sig_import_finished(report): an import ended (``ImportReport``; cancelled imports too,
            with ``not_started`` files), its report dialog is open and the case reloads.
        sig_gallery_facts(case_id): the gallery's filter facts (GPS, dates, findings) arrived.
        sig_viewer_opened(dialog): a photo viewer was opened.
        sig_photo_shown(photo): a viewer finished loading its photo (``PhotoView``).
        sig_report_ready(case_id): the case's cross-reference report (computed once per load, in
            the background) reached the panels, the gallery and the detail pane.
    """

    sig_case_shown = Signal(int)
    sig_case_loaded = Signal(int)
    sig_records_changed = Signal(str)
    sig_ready = Signal()
    sig_check_finished = Signal(str, object)
    sig_import_finished = Signal(object)
    sig_gallery_facts = Signal(int)
    sig_viewer_opened = Signal(object)
    sig_photo_shown = Signal(object)
    sig_report_ready = Signal(int)

    def __init__(self, runner: TaskRunner, ui_settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui_settings = ui_settings
        self._ws: Workspace | None = None
        self._data: CaseData | None = None
        self._ctx = CaseContext()
        self._load: TaskHandle[CaseData] | None = None
        self._load_generation = 0
        self._pending_ready = False
        self._selected: dict[str, int] = {}
        self._shown_task: TaskHandle[Any] | None = None
        self._import: TaskHandle[ImportReport] | None = None
        self._facts_generation = 0
        self._counting_generation = 0
        self._gallery_facts: tuple[int, dict[int, PhotoFacts]] | None = None
        self._case_ready = False
        self._panels_need_case: set[str] = set()
        self._panels_need_report: set[str] = set()
        # One cross-reference report per load, shared by the panels, gallery, detail and viewer.
        self.case_reports = CaseReportCache(runner, self)
        self.case_reports.sig_ready.connect(self._report_ready)
        self.import_report_dialog: ImportReportDialog | None = None
        self._search: SearchDialog | None = None
        self.thumbnails = ThumbnailLoader(parent=self)
        self.gallery_model = EvidenceGalleryModel(self.thumbnails, self._ctx.alias, self)
        self.thumbnails.sig_loaded.connect(self.gallery_model.thumbnails_arrived)
        self.setWindowTitle(self.tr("Source Verifier"))
        self.setObjectName("MainWindow")

        self.case_model = CaseListModel(self)
        self._specs: list[ViewSpec[Any]] = build_views(self._ctx)
        self.tables: dict[str, RecordTable] = {}
        # Widget views, each placed after the record view named by its ``after``.
        self.panels: dict[str, CasePanel] = {panel.key: panel for panel in self._build_panels()}
        self._panel_pick: dict[str, tuple[str, int]] = {}
        self._tab_keys: list[str] = []
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._build_refresh()
        self.runner.sig_started.connect(self._track_task)
        self._tracking_tasks = True
        self._restore_layout()
        self._update_actions()
        self._show_no_workspace()
        self.setAcceptDrops(True)

    # ==== construction ========================================================================
    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: Any,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            tip: str = "",
        ) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setStatusTip(tip)
                act.setToolTip(tip)
            act.triggered.connect(slot)
            return act

        std = QKeySequence.StandardKey
        self.act_new_case = action(
            self.tr("&New Case…"), self.new_case, std.New, self.tr("Open a new case in this workspace")
        )
        self.act_open_workspace = action(
            self.tr("&Open Workspace…"),
            self._choose_workspace,
            std.Open,
            self.tr("Open another workspace folder"),
        )
        self.act_quit = action(self.tr("&Quit"), self.close, std.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_add_source = action(
            self.tr("Add &Source…"),
            self.add_source,
            "Ctrl+Shift+S",
            self.tr("Log a source in this case under an alias"),
        )
        self.act_add_claim = action(
            self.tr("Add &Claim…"),
            self.add_claim,
            "Ctrl+Shift+C",
            self.tr("Add a checkable statement to this case"),
        )
        self.act_export_case = action(
            self.tr("&Export Case…"),
            self.export_case,
            "Ctrl+E",
            self.tr("Write the case for a partner, a lawyer or publication, behind the leak guard"),
        )
        self.act_edit_source = action(
            self.tr("&Edit Source…"),
            self.edit_source,
            "Ctrl+Alt+S",
            self.tr("Edit the selected source: terms, grade, relationships, sealed identity"),
        )
        self.act_add_testimony = action(
            self.tr("Add &Testimony…"),
            self.add_testimony,
            "Ctrl+Shift+T",
            self.tr("Record what a source said, when, where and how"),
        )
        self.act_edit_testimony = action(
            self.tr("Edit Tes&timony…"),
            self.edit_testimony,
            "Ctrl+Alt+T",
            self.tr("Edit the selected testimony, or make claims from its passages"),
        )
        self.act_import = action(
            self.tr("&Import Photos…"),
            self.import_dialog,
            "Ctrl+I",
            self.tr("Copy photos into the vault and record where they came from (or drop files here)"),
        )
        self.act_reload = action(self.tr("&Reload"), self.reload, std.Refresh, self.tr("Read the case again"))
        self.act_filter = action(self.tr("&Filter…"), self._focus_filter, std.Find)
        self.act_search = action(
            self.tr("&Search All Records…"),
            self.search_dialog,
            "Ctrl+Shift+F",
            self.tr("Full-text search over the sources, testimonies, claims and places of every case"),
        )
        self.act_verify_vault = action(
            self.tr("Verify &Vault"),
            self.verify_vault,
            None,
            self.tr("Re-hash every stored original and report missing or altered files"),
        )
        self.act_verify_audit = action(
            self.tr("Verify &Audit Chain"),
            self.verify_audit,
            None,
            self.tr("Check that no audit entry was edited, removed, inserted or reordered"),
        )
        self.act_about = action(self.tr("&About Source Verifier"), self._about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.view_actions: list[QAction] = []
        titles = {spec.key: spec.title for spec in self._specs}
        titles.update({key: panel.title for key, panel in self.panels.items()})
        for number, key in enumerate(self._tab_order(), start=1):
            shortcut = f"Ctrl+{number}" if number <= 9 else None
            self.view_actions.append(action(titles[key], partial(self.select_view, key), shortcut))

    def _build_panels(self) -> list[CasePanel]:
        """The widget views (claims board, findings, map, timeline), each with its ``after``."""
        panels: list[CasePanel] = []
        panels.append(MapPanel(self.runner))
        panels.append(TimelinePanel(self.runner))
        panels.append(ClaimsBoardPanel(self.runner))
        panels.append(FindingsPanel(self.runner))
        for panel in panels:
            panel.setParent(self)
            panel.setObjectName(f"{panel.key}_panel")
            panel.sig_current.connect(partial(self._panel_picked, panel.key))
            panel.sig_open.connect(self._open_record)
            panel.sig_changed.connect(self._panel_wrote)
        return panels

    def _tab_order(self) -> list[str]:
        order = [spec.key for spec in self._specs]
        for panel in self.panels.values():
            after = getattr(panel, "after", "")
            order.insert(order.index(after) + 1 if after in order else len(order), panel.key)
        return order

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_new_case)
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_export_case)
        file_menu.addSeparator()
        file_menu.addAction(self.act_open_workspace)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        case_menu = bar.addMenu(self.tr("&Case"))
        case_menu.addAction(self.act_add_source)
        case_menu.addAction(self.act_add_claim)
        case_menu.addAction(self.act_edit_source)
        case_menu.addAction(self.act_add_testimony)
        case_menu.addAction(self.act_edit_testimony)
        case_menu.addSeparator()
        case_menu.addAction(self.act_reload)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.act_filter)
        view_menu.addAction(self.act_search)
        view_menu.addSeparator()
        for act in self.view_actions:
            view_menu.addAction(act)
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self.ui_settings, self)
        view_menu.addMenu(self.language_menu)
        tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.addAction(self.act_verify_vault)
        tools_menu.addAction(self.act_verify_audit)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Case"), self)
        bar.setObjectName("CaseToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        case_label = QLabel(self.tr("Case:"), bar)
        case_label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(case_label)
        self.case_combo = QComboBox(bar)
        self.case_combo.setObjectName("CaseSelector")
        self.case_combo.setModel(self.case_model)
        self.case_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.case_combo.setMinimumContentsLength(48)
        self.case_combo.setToolTip(self.tr("The case shown in every view"))
        case_label.setBuddy(self.case_combo)
        self.case_combo.currentIndexChanged.connect(self._case_chosen)
        bar.addWidget(self.case_combo)
        bar.addSeparator()
        bar.addAction(self.act_new_case)
        bar.addAction(self.act_add_source)
        bar.addAction(self.act_add_claim)
        bar.addAction(self.act_import)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.filter_edit = QLineEdit(bar)
        self.filter_edit.setObjectName("FilterBox")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter every view (Ctrl+F)"))
        self.filter_edit.setMinimumWidth(260)
        self.filter_edit.setMaximumWidth(360)
        self.filter_edit.textChanged.connect(self._apply_filter)
        bar.addWidget(self.filter_edit)
        self.toolbar = bar

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(6)
        self.case_title = QLabel(central)
        self.case_title.setObjectName("CaseTitle")
        title_font = self.case_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.case_title.setFont(title_font)
        self.case_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.case_summary = QLabel(central)
        self.case_summary.setObjectName("CaseSummary")
        self.case_summary.setWordWrap(True)
        self.case_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # On the interface's side, whatever the script of the case's title (see detail.leading_alignment).
        self.case_title.setAlignment(detail.leading_alignment())
        self.case_summary.setAlignment(detail.leading_alignment())
        self.case_summary.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.case_title)
        layout.addWidget(self.case_summary)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setObjectName("Views")
        self.tabs.setDocumentMode(True)
        specs = {spec.key: spec for spec in self._specs}
        for key in self._tab_order():
            self._tab_keys.append(key)
            if key in self.panels:
                self.tabs.addTab(self.panels[key], self.panels[key].title)
                continue
            spec = specs[key]
            model: RecordTableModel[Any] = RecordTableModel(
                spec.columns, spec.record_id, search_extra=spec.search_extra, parent=self
            )
            table = RecordTable(model, stretch=spec.stretch, parent=self.tabs)
            table.setObjectName(f"{spec.key}_table")
            table.sortByColumn(*spec.sort)
            table.selectionModel().currentRowChanged.connect(partial(self._selection_changed, spec.key))
            self.tables[spec.key] = table
            if spec.key == "evidence":
                table.enable_drag(EVIDENCE_MIME)  # rows onto claim cards on the board
                self.gallery = EvidenceGallery(self.gallery_model, parent=self.tabs)
                self.evidence_pane = EvidencePane(table, self.gallery, self.tabs)
                self.gallery.sig_current_changed.connect(self._gallery_selected)
                self.gallery.sig_open.connect(self.open_photo)
                self.gallery.sig_filter_changed.connect(self._update_tab_titles)
                table.activated.connect(
                    lambda index: (
                        self.open_photo(int(index.data(Roles.RECORD_ID))) if index.isValid() else None
                    )
                )
                self.evidence_pane.sig_mode_changed.connect(self._evidence_mode_changed)
                self.tabs.addTab(self.evidence_pane, spec.title)
            else:
                self.tabs.addTab(table, spec.title)
        self.tabs.currentChanged.connect(self._view_changed)
        # Dragging a photo over a tab opens it, so it can be dropped on the claims board.
        self.tabs.tabBar().setAcceptDrops(True)
        self.tabs.tabBar().setChangeCurrentOnDrag(True)
        # Double-click or Enter on a row opens its editor.
        self.tables["sources"].activated.connect(lambda index: self._edit_row("sources", index))
        self.tables["testimonies"].activated.connect(lambda index: self._edit_row("testimonies", index))

        self.detail = QTextBrowser(self.splitter)
        self.detail.setObjectName("DetailPane")
        self.detail.setOpenLinks(False)
        self.detail.setMinimumWidth(340)
        self.detail.document().setDefaultStyleSheet(detail.STYLE_SHEET)
        self.detail.document().setDocumentMargin(14)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([880, 480])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.workspace_label = QLabel(status)
        self.workspace_label.setObjectName("WorkspaceLabel")
        self.task_label = QLabel(status)
        self.progress_bar = QProgressBar(status)
        self.progress_bar.setObjectName("TaskProgress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QToolButton(status)
        self.cancel_button.setObjectName("CancelTask")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the running task; nothing half-done is kept"))
        self.cancel_button.clicked.connect(self.cancel_task)
        status.addWidget(self.workspace_label, 1)
        status.addPermanentWidget(self.task_label)
        status.addPermanentWidget(self.progress_bar)
        status.addPermanentWidget(self.cancel_button)
        self._set_task_widgets_visible(False)

    def _build_refresh(self) -> None:
        # Others' changes are noticed by polling the case's revision (the newest audit entry
        # about it: one indexed max() per interval) on a worker. Polling rather than PostgreSQL's
        # LISTEN/NOTIFY: it works the same on SQLite, needs no long-lived connection per window
        # outside the pool nor a thread parked on it, and cannot miss a change while a connection
        # is being re-established, which a notification-based design would still need a poll for.
        self._known_revision: tuple[int, int] | None = None  # (case id, revision the views show)
        self._poll: TaskHandle[Any] | None = None
        self._poll_label = self.tr("Checking for changes by others")
        self._access: Access | None = None
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setObjectName("RefreshTimer")
        self.refresh_timer.timeout.connect(self._poll_changes)
        self.set_refresh_interval(REFRESH_INTERVAL_MS)

    def _restore_layout(self) -> None:
        geometry = self.ui_settings.window_geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(QSize(1400, 900))
        state = self.ui_settings.window_state()
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.ui_settings.splitter_state()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        view = self.ui_settings.current_view()
        if 0 <= view < self.tabs.count():
            self.tabs.setCurrentIndex(view)
        self.evidence_pane.set_mode(self.ui_settings.evidence_mode())

    # ==== public API ==========================================================================
    @property
    def workspace(self) -> Workspace | None:
        return self._ws

    @property
    def case_data(self) -> CaseData | None:
        """The snapshot the views show (None before the first load)."""
        return self._data

    def current_case_id(self) -> int | None:
        index = self.case_combo.currentIndex()
        if index < 0:
            return None
        value = self.case_model.index(index, 0).data(Roles.RECORD_ID)
        return int(value) if value is not None else None

    def table(self, key: str) -> RecordTable:
        return self.tables[key]

    def current_view_key(self) -> str:
        return self._tab_keys[self.tabs.currentIndex()]

    def set_refresh_interval(self, milliseconds: int) -> None:
        """How often the open case checks for others' changes; 0 stops checking."""
        self.refresh_timer.stop()
        if milliseconds > 0:
            self.refresh_timer.setInterval(milliseconds)
            self.refresh_timer.start()

    def select_view(self, key: str) -> None:
        """Bring a view (by key: "sources", "claims"...) to the front."""
        if key not in self._tab_keys:
            raise KeyError(key)
        self.tabs.setCurrentIndex(self._tab_keys.index(key))

    def open_workspace(self, settings: Settings, *, demo_case: bool = False) -> TaskHandle[Any]:
        """Open a workspace in the background (migrating it if needed), then show it.

        Args:
            settings: which workspace and database.
            demo_case: also build the demo case there if it is missing, and show it.
        """
        self._pending_ready = True
        self.workspace_label.setText(self.tr("Opening {path}…").format(path=settings.workspace))

        def open_it(progress: ProgressFn, cancel: threading.Event) -> tuple[Workspace, int | None]:
            ws = Workspace.open(settings)
            try:
                # The app's demo has sealed identities, so that unsealing can be tried from it.
                case_id = demo.ensure_demo_case(ws, progress, cancel, sealed=True) if demo_case else None
            except BaseException:
                ws.close()
                raise
            return ws, case_id

        def opened(result: tuple[Workspace, int | None]) -> None:
            ws, case_id = result
            self.set_workspace(ws, case_id=case_id)

        def failed(exc: BaseException) -> None:
            self._show_no_workspace()
            self._settle()
            errors.show_error(self, exc)

        label = self.tr("Building the demo case") if demo_case else self.tr("Opening the workspace")
        return self.runner.run(
            open_it, on_done=opened, on_failed=failed, on_cancelled=self._open_cancelled, label=label
        )

    def set_workspace(self, ws: Workspace, *, case_id: int | None = None) -> None:
        """Show an opened workspace; ``case_id`` (else the last one used there) is selected."""
        previous, self._ws = self._ws, ws
        self.thumbnails.set_fetch(partial(intake.thumbnail_bytes, ws))
        for panel in self.panels.values():
            panel.set_workspace(ws)
        if previous is not None and previous is not ws:
            self._close_later(previous)
        self._pending_ready = True
        self._access = None
        self._known_revision = None
        self._show_workspace_label()
        self._poll_changes()  # shows the user's role without waiting for the first tick
        self.setWindowTitle(self.tr("Source Verifier — {path}").format(path=ws.settings.workspace))
        self.ui_settings.add_recent_workspace(ws.settings.workspace)
        self.refresh_cases(select=case_id or self.ui_settings.last_case_id(ws.settings.workspace))

    def _show_workspace_label(self) -> None:
        ws = self._ws
        if ws is None:
            return
        info = ws.info()
        access = self._access
        if access is None:
            user = info.user
        elif access.role is None:
            user = self.tr("{user} (single-user workspace)").format(user=access.user)
        else:
            roles = {
                Role.REPORTER: self.tr("reporter"),
                Role.EDITOR: self.tr("editor"),
                Role.ADMINISTRATOR: self.tr("administrator"),
            }
            user = self.tr("{user} ({role})").format(user=access.user, role=roles[access.role])
        self.workspace_label.setText(
            self.tr("Workspace: {path}   ·   Database: {backend}   ·   User: {user}").format(
                path=info.workspace, backend=_backend_name(info.backend), user=user
            )
        )
        self.workspace_label.setToolTip(info.database)

    def _poll_changes(self) -> None:
        """Ask a worker for the case's revision and the user's role (timer tick)."""
        ws, case_id = self._ws, self.current_case_id()
        if ws is None or self._poll is not None:
            return

        def poll(progress: ProgressFn, cancel: threading.Event) -> tuple[Access, int | None]:
            with ws.reading() as session:
                access = people.current_access(session, ws.user)
                return access, cases.case_revision(session, case_id) if case_id is not None else None

        self._poll = self.runner.run(
            poll,
            on_done=partial(self._changes_polled, ws, case_id),
            on_failed=partial(self._poll_failed, ws),
            label=self._poll_label,
        )

    def _changes_polled(self, ws: Workspace, case_id: int | None, result: tuple[Access, int | None]) -> None:
        self._poll = None
        if ws is not self._ws:
            return
        access, revision = result
        if access != self._access:
            self._access = access
            self._show_workspace_label()
        known = self._known_revision
        if case_id is None or revision is None or case_id != self.current_case_id():
            return
        if known is None or known[0] != case_id or known[1] == revision:
            return  # the case's load is on its way, or nothing changed
        if self._load is not None or self._import is not None or self._editing():
            # Checked again at the next tick. An import changes the case every few seconds
            # and reloads it when it ends; reloading meanwhile only stalls the window.
            return
        log.info("Case %d changed (revision %d, shown %d): reloading", case_id, revision, known[1])
        self.reload()

    def _poll_failed(self, ws: Workspace, exc: BaseException) -> None:
        self._poll = None
        if ws is not self._ws:
            return
        # Not a dialog every few seconds: the status bar says it, the next tick tries again.
        log.warning("Checking for others' changes failed: %s", exc)
        self.statusBar().showMessage(str(exc), self.refresh_timer.interval())

    def _editing(self) -> bool:
        """A dialog of this window is open: a reload now could pull records from under it."""
        return any(dialog.isVisible() for dialog in self.findChildren(QDialog))

    def refresh_cases(self, select: int | None = None) -> None:
        """Read the list of cases again and show ``select`` (or keep the current case)."""
        ws = self._ws
        if ws is None:
            return
        wanted = select or self.current_case_id()
        self.runner.run(
            lambda progress, cancel: list_workspace_cases(ws),
            on_done=partial(self._cases_listed, wanted),
            on_failed=self._load_failed,
            label=self.tr("Reading the cases"),
            parent_widget=self,
        )

    def reload(self) -> None:
        """Read the current case again (after a change, or on F5)."""
        case_id = self.current_case_id()
        if case_id is not None:
            self.load_case(case_id)

    def load_case(self, case_id: int) -> None:
        """Load every view of a case in one background task; a newer request supersedes it.

        A case not shown yet that has more than ``FIRST_LOOK_CLAIMS`` claims is shown first
        with only those, then read whole in a second task (``_load_rest``). A reload of the
        case on screen reads it whole at once, so its views never shrink to a first look.
        """
        ws = self._ws
        if ws is None:
            return
        self._load_generation += 1
        generation = self._load_generation
        if self._load is not None:
            self._load.cancel()
        shown = self._data is not None and self._data.case.id == case_id and self._data.complete
        claim_limit = None if shown else FIRST_LOOK_CLAIMS
        revision: list[int] = []

        def load(progress: ProgressFn, cancel: threading.Event) -> CaseData:
            # The revision is read first: a change made during the load is then seen by a poll.
            with ws.reading() as session:
                revision.append(cases.case_revision(session, case_id))
            return load_case_data(ws, case_id, progress, cancel, claim_limit=claim_limit)

        def loaded(data: CaseData) -> None:
            if generation == self._load_generation:
                self._known_revision = (case_id, revision[0])
            self._case_loaded(generation, data)

        self._load = self.runner.run(
            load,
            on_done=loaded,
            on_failed=self._load_failed,
            on_cancelled=partial(self._load_cancelled, generation),
            label=self.tr("Loading the case"),
            parent_widget=self,
        )

    def _load_rest(self, ws: Workspace, generation: int, case_id: int) -> None:
        """Read the whole case after its first look, and show it in place of the first look.

        Started once the first look is on screen: reading on a worker while the views fill
        doubled the time they took (the two threads take turns with the interpreter lock).
        """
        assert self._data is not None and self._data.claims_total is not None
        self._load = self.runner.run(
            lambda progress, cancel: load_case_data(ws, case_id, progress, cancel),
            on_done=partial(self._case_loaded, generation, rest=True),
            on_failed=self._load_failed,
            on_cancelled=partial(self._load_cancelled, generation),
            label=self.tr("Loading {count} claims").format(count=format_count(self._data.claims_total)),
            parent_widget=self,
        )

    def _load_cancelled(self, generation: int) -> None:
        """The user cancelled reading the case: the window keeps what it shows, and says so."""
        if generation != self._load_generation:
            return  # superseded by a newer load, which is on its way
        self._load = None  # polling for others' changes resumes
        if self._data is not None and not self._data.complete:
            self.statusBar().showMessage(
                self.tr("Only the first claims of the case are shown. Press F5 to read all of them.")
            )

    def new_case(self) -> NewCaseDialog | None:
        """Open the New Case dialog (non-blocking); returns it so tests can drive it."""
        if self._ws is None:
            return None
        dialog = NewCaseDialog(self.runner, self._ws, self)
        dialog.sig_saved.connect(self._case_created)
        return self._open_dialog(dialog)

    def add_source(self) -> AddSourceDialog | None:
        case_id = self.current_case_id()
        if self._ws is None or case_id is None:
            return None
        dialog = AddSourceDialog(self.runner, self._ws, case_id, self)
        dialog.sig_saved.connect(partial(self._record_added, "sources", "source"))
        return self._open_dialog(dialog)

    def add_claim(self) -> AddClaimDialog | None:
        case_id = self.current_case_id()
        if self._ws is None or case_id is None:
            return None
        dialog = AddClaimDialog(self.runner, self._ws, case_id, self)
        dialog.sig_saved.connect(partial(self._record_added, "claims", "claim"))
        return self._open_dialog(dialog)

    def edit_source(self, source_id: int | None = None) -> SourceEditorDialog | None:
        """Open the source editor on a source (default: the one selected in the Sources view)."""
        case_id = self.current_case_id()
        # A menu action passes its "checked" flag (a bool, which is also an int): not an id.
        if source_id is None or isinstance(source_id, bool):
            source_id = self._selected.get("sources")
        if self._ws is None or case_id is None:
            return None
        if source_id is None:
            self.statusBar().showMessage(self.tr("Select a source to edit in the Sources view."), 5000)
            return None
        dialog = SourceEditorDialog(self.runner, self._ws, case_id, source_id, self)
        dialog.sig_saved.connect(partial(self._record_added, "sources", "source"))
        dialog.sig_records_changed.connect(self._panel_wrote)
        return self._open_dialog(dialog)

    def add_testimony(self) -> TestimonyEditorDialog | None:
        """Open the testimony editor for a new testimony (of the selected source, if any)."""
        case_id = self.current_case_id()
        if self._ws is None or case_id is None:
            return None
        source_id = self._selected.get("sources") if self.current_view_key() == "sources" else None
        dialog = TestimonyEditorDialog(self.runner, self._ws, case_id, source_id=source_id, parent=self)
        return self._open_testimony_editor(dialog)

    def edit_testimony(self, testimony_id: int | None = None) -> TestimonyEditorDialog | None:
        """Open the testimony editor on a testimony (default: the one selected in its view)."""
        case_id = self.current_case_id()
        if testimony_id is None or isinstance(testimony_id, bool):
            testimony_id = self._selected.get("testimonies")
        if self._ws is None or case_id is None:
            return None
        if testimony_id is None:
            self.statusBar().showMessage(self.tr("Select a testimony to edit in the Testimonies view."), 5000)
            return None
        dialog = TestimonyEditorDialog(self.runner, self._ws, case_id, testimony_id, parent=self)
        return self._open_testimony_editor(dialog)

    def _open_testimony_editor(self, dialog: TestimonyEditorDialog) -> TestimonyEditorDialog:
        dialog.sig_saved.connect(partial(self._record_added, "testimonies", "testimony"))
        dialog.sig_records_changed.connect(self._panel_wrote)
        dialog.sig_claim_made.connect(
            lambda claim: self.statusBar().showMessage(
                self.tr("Claim #{id} created from the testimony.").format(id=claim.id), 5000
            )
        )
        return self._open_dialog(dialog)

    def _edit_row(self, key: str, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record_id = int(index.data(Roles.RECORD_ID))
        if key == "sources":
            self.edit_source(record_id)
        else:
            self.edit_testimony(record_id)

    def search_dialog(self) -> SearchDialog | None:
        """Open (or bring forward) the full-text search over every record of the workspace."""
        if self._ws is None:
            return None
        if self._search is None:
            titles = {case.id: case.title for case in self.case_model.cases()}
            self._search = SearchDialog(self.runner, self._ws, self.current_case_id(), titles, self)
            self._search.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._search.destroyed.connect(lambda: setattr(self, "_search", None))
            self._search.sig_chosen.connect(self.show_record)
        self._search.show()
        self._search.raise_()
        self._search.activateWindow()
        self._search.query_edit.setFocus()
        return self._search

    def show_record(self, case_id: int, view_key: str, record_id: int) -> None:
        """Bring a record to the front: its case (loaded if needed), its view, its row selected."""
        self.select_view(view_key)
        self._selected[view_key] = record_id
        if case_id != self.current_case_id():
            row = self.case_model.row_of(case_id)
            if row >= 0:
                self.case_combo.setCurrentIndex(row)  # loads the case, which selects the record
            return
        table = self.tables[view_key]
        if not table.select_record(record_id) and self.filter_edit.text():
            self.filter_edit.clear()  # the filter hid it
            table.select_record(record_id)

    def verify_vault(self) -> TaskHandle[VaultReport] | None:
        """Re-hash the vault in the background; the result dialog lists any problem."""
        ws = self._ws
        if ws is None:
            return None

        def check(progress: ProgressFn, cancel: threading.Event) -> VaultReport:
            with ws.reading() as session:
                return integrity.verify_vault(session, ws.vault, progress)

        return self.runner.run(
            check,
            on_done=self._vault_checked,
            on_cancelled=lambda: self.statusBar().showMessage(self.tr("Vault check cancelled."), 5000),
            label=self.tr("Verifying the vault"),
            parent_widget=self,
        )

    def verify_audit(self) -> TaskHandle[AuditReport] | None:
        """Check the audit chain in the background; the result dialog lists any problem."""
        ws = self._ws
        if ws is None:
            return None

        def check(progress: ProgressFn, cancel: threading.Event) -> AuditReport:
            with ws.reading() as session:
                return integrity.verify_audit(session, ws.anchors)

        return self.runner.run(
            check,
            on_done=self._audit_checked,
            label=self.tr("Verifying the audit chain"),
            parent_widget=self,
        )

    def cancel_task(self) -> None:
        """Cancel the task shown in the status bar."""
        if self._shown_task is not None:
            self._shown_task.cancel()
            self.task_label.setText(self.tr("Cancelling…"))

    # ==== case list and loading ===============================================================
    def _cases_listed(self, wanted: int | None, found: list[domain.Case]) -> None:
        self.case_combo.blockSignals(True)
        self.case_model.set_cases(found)
        row = self.case_model.row_of(wanted) if wanted is not None else -1
        if row < 0 and found:
            row = 0
        self.case_combo.setCurrentIndex(row)
        self.case_combo.blockSignals(False)
        self._update_actions()
        if row >= 0:
            self.load_case(found[row].id)
        else:
            self._show_empty_workspace()
            self._settle()

    def _case_chosen(self, row: int) -> None:
        case_id = self.current_case_id()
        if row >= 0 and case_id is not None:
            self.load_case(case_id)

    def _case_loaded(self, generation: int, data: CaseData, *, rest: bool = False) -> None:
        """Show a loaded case; ``rest``: the whole case that follows its first look."""
        if generation != self._load_generation:
            return  # the user picked another case meanwhile; its load will arrive
        self._load = None
        first_look = self._data
        if rest and first_look is not None and first_look.report is not None:
            data = replace(data, report=first_look.report)  # it came in during the second read
        self._data = data
        self._ctx.data = data
        self.case_title.setText(data.case.title)
        self.case_summary.setText(data.case.summary)
        self.case_summary.setVisible(bool(data.case.summary))
        self._case_ready = False  # the report reaches the panels once they show this case
        if self._ws is not None and not rest:
            self.case_reports.start(self._ws, data.case.id)  # supersedes the previous load's
        # Each view is filled in its own turn of the event loop, the one in front first: filling
        # them all at once kept the window frozen for a fifth of a second on a large case.
        # The whole case after its first look: views whose records did not change are refreshed
        # in place (each compares its records in its own turn, not all of them here).
        shown = first_look if rest else None
        current = self.current_view_key()
        steps: list[Callable[[], None]] = [
            partial(self._fill_table, spec.key, data, shown)
            for spec in sorted(self._specs, key=lambda spec: spec.key != current)
        ]
        steps.append(partial(self._fill_gallery, data, shown))
        # Panels draw in Python (a map, a timeline, a board): only the one in front is drawn
        # now, the others when they are brought to the front; none draws a first look.
        self._panels_need_case = set(self.panels)
        self._panels_need_report = set(self.panels)
        if not data.complete:
            for panel in self.panels.values():
                panel.clear()
        elif current in self.panels:
            steps.append(partial(self._refresh_panel, current))
        steps.append(partial(self._case_shown, data))
        self._fill_step(generation, steps)

    def _fill_step(self, generation: int, steps: list[Callable[[], None]]) -> None:
        if generation != self._load_generation:
            return  # a newer load arrived or was asked for: it fills every view again
        steps.pop(0)()
        if steps:
            QTimer.singleShot(0, self, partial(self._fill_step, generation, steps))

    def _fill_table(self, key: str, data: CaseData, shown: CaseData | None = None) -> None:
        """Show a view's records; if ``shown`` (on screen now) has the same ones, only refresh."""
        table = self.tables[key]
        spec = self._spec(key)
        if shown is not None and list(spec.records(shown)) == list(spec.records(data)):
            table.record_model.refresh_values()
            if key == self.current_view_key():
                self._show_detail()
            return
        remembered = self._selected.get(key)
        table.record_model.set_records(spec.records(data))
        if remembered is None or not table.select_record(remembered):
            table.select_first()
            if remembered is not None and not data.complete:
                self._selected[key] = remembered  # it may be among the claims still to come
        if key == self.current_view_key():
            self._show_detail()

    def _refresh_panel(self, key: str) -> None:
        """Give a panel the case and its report if it has not drawn them yet."""
        data = self._data
        if data is None or not data.complete:
            return
        panel = self.panels[key]
        if key in self._panels_need_case:
            self._panels_need_case.discard(key)
            panel.show_case(data)
        if key in self._panels_need_report and data.report is not None and self._case_ready:
            self._panels_need_report.discard(key)
            panel.show_findings(data.report)

    def _case_shown(self, data: CaseData) -> None:
        self._case_ready = True
        # What is alive now (the case just loaded, the offline towns, Qt's wrappers) lives long:
        # moved out of the collector's generations, a full collection triggered inside a
        # background task no longer walks it while holding the interpreter lock, which froze the
        # window for 100-300 ms at a time during a cross-reference run.
        gc.freeze()
        self._update_tab_titles()
        self._show_detail()
        self._update_actions()
        if self._ws is not None:
            self.ui_settings.set_last_case_id(self._ws.settings.workspace, data.case.id)
        self.sig_case_shown.emit(data.case.id)
        if data.complete:
            self.sig_case_loaded.emit(data.case.id)
        elif self._ws is not None:
            self._load_rest(self._ws, self._load_generation, data.case.id)
        if self._data is not None and self._data.report is not None:
            self._deliver_report(self._data.case.id, self._data.report)  # it came in first
        self._settle()

    def _load_failed(self, exc: BaseException) -> None:
        self._load = None
        errors.show_error(self, exc)
        self._settle()

    def _open_cancelled(self) -> None:
        self._show_no_workspace()
        self.statusBar().showMessage(self.tr("Opening the workspace was cancelled."), 5000)
        self._settle()

    def _settle(self) -> None:
        if self._pending_ready:
            self._pending_ready = False
            self.sig_ready.emit()

    def _clear_views(self) -> None:
        # A load still on its way (of another workspace, say) must not fill the views again.
        self._load_generation += 1
        if self._load is not None:
            self._load.cancel()
            self._load = None
        self._data = None
        self._ctx.data = None
        for table in self.tables.values():
            table.record_model.set_records([])
        self.gallery_model.set_items([])
        self.case_reports.clear()
        self._gallery_facts = None
        for panel in self.panels.values():
            panel.clear()
        self._update_tab_titles()

    def _show_no_workspace(self) -> None:
        if self._ws is not None:
            return
        self._clear_views()
        self.case_model.set_cases([])
        self.case_title.setText(self.tr("No workspace open"))
        self.case_summary.setText(self.tr("Open a workspace folder with File ▸ Open Workspace… (Ctrl+O)."))
        self.case_summary.setVisible(True)
        self.detail.setHtml(detail.hint_html(self.tr("Nothing to show yet.")))
        self._update_actions()

    def _show_empty_workspace(self) -> None:
        self._clear_views()
        self.case_title.setText(self.tr("No case yet"))
        self.case_summary.setText(
            self.tr("Create the first case of this workspace with File ▸ New Case… (Ctrl+N).")
        )
        self.case_summary.setVisible(True)
        self.detail.setHtml(detail.hint_html(self.tr("Cases you create appear in the selector above.")))
        self._update_actions()

    # ==== views, filter and detail ============================================================
    def _apply_filter(self, text: str) -> None:
        for table in self.tables.values():
            table.proxy.set_filter_text(text)
        self.gallery.proxy.set_filter_text(text)
        self._update_tab_titles()
        table = self.tables[self.current_view_key()]
        if not table.currentIndex().isValid():
            table.select_first()
        self._show_detail()

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _update_tab_titles(self) -> None:
        for key, panel in self.panels.items():
            report = self._data.report if self._data is not None else None
            complete = self._data is None or self._data.complete
            title = panel.tab_title(self._data, report) if complete else panel.title
            self.tabs.setTabText(self._tab_keys.index(key), title)
        for spec in self._specs:
            index = self._tab_keys.index(spec.key)
            table = self.tables[spec.key]
            total = table.record_model.rowCount()
            shown = table.proxy.rowCount()
            if self._data is None:
                title = spec.title
            elif spec.key == "claims" and self._data.claims_total is not None:
                title = self.tr("{view} (first {shown} of {count}, loading)").format(
                    view=spec.title, shown=format_count(shown), count=format_count(self._data.claims_total)
                )
            elif shown == total:
                title = self.tr("{view} ({count})").format(view=spec.title, count=format_count(total))
            else:
                title = self.tr("{view} ({shown} of {count})").format(
                    view=spec.title, shown=format_count(shown), count=format_count(total)
                )
            self.tabs.setTabText(index, title)

    def _view_changed(self, index: int) -> None:
        self.ui_settings.set_current_view(index)
        key = self._tab_keys[index]
        if key in self.panels:
            self._refresh_panel(key)
        self._show_detail()

    def _selection_changed(self, key: str, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        if current.isValid():
            self._selected[key] = int(current.data(Roles.RECORD_ID))
            if key == "evidence" and self.gallery.current_id() != self._selected[key]:
                self.gallery.select_record(self._selected[key])
        if key == self.current_view_key():
            self._show_detail()

    def _show_detail(self) -> None:
        if self._data is None:
            return
        key = self.current_view_key()
        if key in self.panels:
            self._show_panel_detail(key)
            return
        spec = self._spec(key)
        table = self.tables[spec.key]
        record = table.current_record()
        if record is not None:
            html = spec.render(record, self._data)
        elif table.record_model.rowCount() == 0:
            html = detail.hint_html(spec.empty_hint)
        else:
            html = detail.hint_html(self.tr("No row matches the filter."))
        self.detail.setHtml(html)

    def _spec(self, key: str) -> ViewSpec[Any]:
        return next(spec for spec in self._specs if spec.key == key)

    def _show_panel_detail(self, key: str) -> None:
        assert self._data is not None
        picked = self._panel_pick.get(key)
        if picked is not None and picked[0] in self.tables:
            kind, record_id = picked
            spec = self._spec(kind)
            record = next((r for r in spec.records(self._data) if spec.record_id(r) == record_id), None)
            if record is not None:
                self.detail.setHtml(spec.render(record, self._data))
                return
        self.detail.setHtml(detail.hint_html(self.tr("Pick an item to see its details here.")))

    def _panel_picked(self, key: str, kind: str, record_id: int) -> None:
        """A panel's pick becomes the selection of that record's view, and fills the detail pane."""
        self._panel_pick[key] = (kind, record_id)
        self._selected[kind] = record_id
        if kind in self.tables:
            self.tables[kind].select_record(record_id)
        if self.current_view_key() == key:
            self._show_detail()

    def _open_record(self, kind: str, record_id: int) -> None:
        if kind == "evidence":
            self.open_photo(record_id)
        elif kind in self.tables:
            self.select_view(kind)
            self.tables[kind].select_record(record_id)

    def _panel_wrote(self, kind: str) -> None:
        self.reload()
        self.sig_records_changed.emit(kind)

    # ==== evidence: gallery, viewer, import ====================================================
    def _fill_gallery(self, data: CaseData, shown: CaseData | None = None) -> None:
        if shown is not None and shown.evidence == data.evidence:
            return  # the whole case after its first look: the gallery shows these photos already
        self.gallery_model.set_items(data.evidence)
        self.gallery.set_sources(data.sources)
        remembered = self._selected.get("evidence")
        if remembered is not None:
            self.gallery.select_record(remembered)
        ws = self._ws
        if ws is None or not data.evidence:
            return
        self._facts_generation += 1
        generation, case_id = self._facts_generation, data.case.id
        self.runner.run(
            lambda progress, cancel: load_gallery_facts(ws, case_id, progress, cancel),
            on_done=partial(self._gallery_facts_loaded, generation, case_id),
            label=self.tr("Reading photo facts"),
            parent_widget=self,
        )

    def _gallery_facts_loaded(self, generation: int, case_id: int, facts: dict[int, PhotoFacts]) -> None:
        if generation != self._facts_generation:
            return
        self._gallery_facts = (case_id, facts)
        self.gallery_model.set_facts(facts)  # the findings counts follow (_count_findings)
        self._count_findings(case_id, facts, self.case_reports.report(case_id))
        days = [f.capture_utc.date() for f in facts.values() if f.capture_utc is not None]
        if self._data is not None:
            days += [e.received_at.date() for e in self._data.evidence]
        self.gallery.set_date_bounds(min(days, default=None), max(days, default=None))
        self._update_tab_titles()
        self.sig_gallery_facts.emit(case_id)

    def _count_findings(self, case_id: int, facts: dict[int, PhotoFacts], report: CaseReport | None) -> None:
        """Give the gallery its facts, with each photo's findings counted from the report.

        The counting runs on a worker: over 20,000 photos and 87,000 findings it held the
        window for half a second when the report arrived.
        """
        self._counting_generation += 1
        generation = self._counting_generation
        if report is None:
            return  # counted when the report arrives

        def counted(found: dict[int, PhotoFacts]) -> None:
            if generation == self._counting_generation and self.current_case_id() == case_id:
                self.gallery_model.set_facts(found)

        self.runner.run(
            lambda progress, cancel: with_findings(facts, report),
            on_done=counted,
            label=self.tr("Counting findings per photo"),
            parent_widget=self,
        )

    def _report_ready(self, case_id: int, report: CaseReport) -> None:
        """The case's report is in: hand it to the panels, the gallery and the detail pane."""
        if self._data is None or self._data.case.id != case_id:
            return
        self._data = self._data.with_report(report)
        self._ctx.data = self._data
        if self._gallery_facts is not None and self._gallery_facts[0] == case_id:
            self._count_findings(case_id, self._gallery_facts[1], report)
        if self._case_ready:
            self._deliver_report(case_id, report)

    def _deliver_report(self, case_id: int, report: CaseReport) -> None:
        self._panels_need_report = set(self.panels)
        current = self.current_view_key()
        if current in self.panels:
            self._refresh_panel(current)
        self._update_tab_titles()
        self._show_detail()
        self.sig_report_ready.emit(case_id)

    def _gallery_selected(self, evidence_id: int) -> None:
        table = self.tables["evidence"]
        if table.currentIndex().data(Roles.RECORD_ID) != evidence_id:
            table.select_record(evidence_id)

    def _evidence_mode_changed(self, mode: str) -> None:
        self.ui_settings.set_evidence_mode(mode)
        if mode == "gallery":
            self.gallery.view.setFocus()

    def open_photo(self, evidence_id: int) -> PhotoViewerDialog | None:
        """Open the photo viewer on an evidence item (non-modal; several may be open)."""
        if self._ws is None:
            return None
        viewer = PhotoViewerDialog(self.runner, self._ws, evidence_id, self, reports=self.case_reports)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.sig_loaded.connect(self.sig_photo_shown)
        viewer.show()
        self.sig_viewer_opened.emit(viewer)
        return viewer

    def export_case(self) -> ExportDialog | None:
        """Open the Export Case dialog on the current case (non-blocking; returns it for tests)."""
        if self._ws is None or self._data is None or self.current_case_id() != self._data.case.id:
            return None
        dialog = ExportDialog(self.runner, self._ws, self._data.case, self._data.sources, self)
        # The export adds an audit entry: show it in the audit view.
        dialog.sig_exported.connect(lambda _manifest: self.reload())
        return self._open_dialog(dialog)

    def import_dialog(self, paths: list[Path] | None = None) -> ImportDialog | None:
        """Ask where the photos came from, then import them (non-blocking; returns the dialog)."""
        if self._ws is None or self._data is None or self.current_case_id() is None:
            return None
        dialog = ImportDialog(self._data.sources, paths or [], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_import.connect(self.start_import)
        dialog.open()
        return dialog

    def start_import(self, paths: list[Path], provenance: Provenance) -> TaskHandle[ImportReport] | None:
        """Import files and folders into the current case in one background task (Cancel stops it)."""
        ws, case_id = self._ws, self.current_case_id()
        if ws is None or case_id is None or self._import is not None:
            return None

        def run(progress: ProgressFn, cancel: threading.Event) -> ImportReport:
            def report_progress(done: int, total: int, what: str) -> None:
                # After Cancel the core stops starting files and returns what it recorded;
                # the runner's progress would raise instead and lose that report.
                try:
                    progress(done, total, what)
                except Cancelled:
                    pass

            return intake.import_photos(
                ws, case_id, paths, provenance, progress=report_progress, cancel=cancel
            )

        self._import = self.runner.run(
            run,
            on_done=self._import_done,
            on_failed=self._import_failed,
            label=self.tr("Importing photos"),
            parent_widget=self,
        )
        self._update_actions()
        return self._import

    def _import_done(self, report: ImportReport) -> None:
        self._import = None
        self._update_actions()
        if self.import_report_dialog is not None:
            self.import_report_dialog.close()
        dialog = ImportReportDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "import_report_dialog", None))
        self.import_report_dialog = dialog
        dialog.open()
        self.statusBar().showMessage(dialog.summary_label.text(), 8000)
        if report.imported:
            self.select_view("evidence")
            # Read the case again once the report and the evidence view have painted: reading
            # while they paint made every model call of the paint wait for the interpreter lock.
            QTimer.singleShot(RELOAD_AFTER_IMPORT_MS, self, self.reload)
            self.sig_records_changed.emit("evidence")
        self.sig_import_finished.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self._import = None
        self._update_actions()
        errors.show_error(self, exc)
        self.sig_import_finished.emit(None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.act_import.isEnabled() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.import_dialog(paths) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    # ==== writes ==============================================================================
    def _open_dialog(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _case_created(self, case: domain.Case) -> None:
        self.statusBar().showMessage(self.tr("Case “{title}” created.").format(title=case.title), 5000)
        self.refresh_cases(select=case.id)
        self.sig_records_changed.emit("case")

    def _record_added(self, view_key: str, kind: str, record: Any) -> None:
        # Select the new record once the reload lands, so the user sees what they created.
        self._selected[view_key] = int(record.id)
        self.select_view(view_key)
        self.reload()
        self.statusBar().showMessage(self.tr("Saved."), 3000)
        self.sig_records_changed.emit(kind)

    # ==== integrity checks ====================================================================
    def _vault_checked(self, report: VaultReport) -> None:
        problems = [self.tr("Missing from the vault: {sha}").format(sha=sha) for sha in report.missing]
        problems += [
            self.tr("Altered (bytes no longer match): {sha}").format(sha=sha) for sha in report.altered
        ]
        notes = [self.tr("Stored but not referenced: {sha}").format(sha=sha) for sha in report.orphaned]
        notes += [self.tr("Unexpected file: {name}").format(name=name) for name in report.unexpected]
        if report.ok:
            summary = self.tr(
                "The vault is intact: {count} stored originals re-hashed, none missing or altered."
            ).format(count=report.checked)
        else:
            summary = self.tr(
                "The vault has problems: {missing} missing and {altered} altered files."
            ).format(missing=len(report.missing), altered=len(report.altered))
        self._show_report(self.tr("Vault check"), report.ok, summary, problems + notes)
        self.sig_check_finished.emit("vault", report)

    def _audit_checked(self, report: AuditReport) -> None:
        problems = [f"#{problem.seq}: {problem.message}" for problem in report.problems]
        if report.ok:
            summary = self.tr(
                "The audit chain holds: {count} entries checked, none edited, removed or reordered."
            ).format(count=report.entries)
        else:
            summary = self.tr("The audit chain is broken in {count} places.").format(count=len(problems))
        self._show_report(self.tr("Audit chain check"), report.ok, summary, problems)
        self.sig_check_finished.emit("audit", report)

    def _show_report(self, title: str, ok: bool, summary: str, lines: list[str]) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning)
        box.setText(summary)
        if lines:
            box.setInformativeText(
                self.tr("{count} item(s) need attention; see the details.").format(count=len(lines))
            )
            box.setDetailedText("\n".join(lines))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("CheckReport")
        box.open()
        self.statusBar().showMessage(summary, 8000)

    # ==== background task display =============================================================
    def _track_task(self, handle: TaskHandle[Any]) -> None:
        if handle.label == self._poll_label:
            return  # the periodic check for others' changes is not shown as a task
        self._shown_task = handle
        self.task_label.setText(handle.label)
        self.progress_bar.setRange(0, 0)  # busy until the first report says how much there is
        handle.sig_progress.connect(partial(self._task_progress, handle))
        handle.sig_finished.connect(partial(self._task_finished, handle))
        # Quick reads finish before a bar could be read: only show it if the task lasts.
        QTimer.singleShot(250, partial(self._reveal_task, handle))

    def _reveal_task(self, handle: TaskHandle[Any]) -> None:
        if handle is self._shown_task and not handle.is_finished:
            self._set_task_widgets_visible(True)

    def _task_progress(self, handle: TaskHandle[Any], done: int, total: int, what: str) -> None:
        del what
        if handle is not self._shown_task:
            return
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    def _task_finished(self, handle: TaskHandle[Any]) -> None:
        if handle is not self._shown_task:
            return
        remaining = [h for h in self.runner.active() if not h.is_finished and h.label != self._poll_label]
        if remaining:
            self._track_task(remaining[-1])
        else:
            self._shown_task = None
            self._set_task_widgets_visible(False)

    def _set_task_widgets_visible(self, visible: bool) -> None:
        self.task_label.setVisible(visible)
        self.progress_bar.setVisible(visible)
        self.cancel_button.setVisible(visible)

    # ==== misc ================================================================================
    def _update_actions(self) -> None:
        has_ws = self._ws is not None
        has_case = has_ws and self.current_case_id() is not None
        self.act_new_case.setEnabled(has_ws)
        self.act_add_source.setEnabled(has_case)
        self.act_add_claim.setEnabled(has_case)
        self.act_edit_source.setEnabled(has_case)
        self.act_add_testimony.setEnabled(has_case)
        self.act_edit_testimony.setEnabled(has_case)
        self.act_reload.setEnabled(has_case)
        self.act_search.setEnabled(has_ws)
        self.act_import.setEnabled(has_case)
        self.act_export_case.setEnabled(has_case and self._data is not None)
        self.act_verify_vault.setEnabled(has_ws)
        self.act_verify_audit.setEnabled(has_ws)
        self.case_combo.setEnabled(self.case_model.rowCount() > 0)

    def _choose_workspace(self) -> None:
        start = str(self._ws.settings.workspace) if self._ws is not None else ""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Workspace"), start)
        if folder:
            self._open_folder(Path(folder))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self._ws.settings.workspace.absolute() if self._ws is not None else None
        for path in self.ui_settings.recent_workspaces():
            act = self.recent_menu.addAction(str(path))
            act.setEnabled(path != current)
            act.triggered.connect(partial(self._open_folder, path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("No recent workspaces")).setEnabled(False)

    def _open_folder(self, folder: Path) -> None:
        base = self._ws.settings if self._ws is not None else Settings.resolve()
        # Another folder means its own SQLite database: a configured server URL stays with its workspace.
        self.open_workspace(Settings(workspace=folder, user=base.user, newsroom=base.newsroom))

    def _close_later(self, ws: Workspace) -> None:
        # Tasks may still read the old workspace; close it on a worker once they are done.
        def close() -> None:
            self.runner.run(lambda progress, cancel: ws.close(), label=self.tr("Closing the workspace"))

        if self.runner.is_idle():
            close()
        else:
            self.runner.sig_idle.connect(close, Qt.ConnectionType.SingleShotConnection)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Source Verifier"),
            self.tr(
                "<h3>Source Verifier {version}</h3>"
                "<p>Verify testimony and photos from the field without exposing anonymous sources.</p>"
                "<p>Every change is recorded in a hash-chained audit log; originals are kept unchanged "
                "in a content-addressed vault.</p>"
                "<p>Licensed under the GNU GPL, version 3 or later.</p>"
            ).format(version=verifier.__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Tasks that report after this must not touch the status bar, which goes with the window.
        if self._tracking_tasks:
            self._tracking_tasks = False
            self.runner.sig_started.disconnect(self._track_task)
        self._shown_task = None
        self.ui_settings.set_window_geometry(self.saveGeometry())
        self.ui_settings.set_window_state(self.saveState())
        self.ui_settings.set_splitter_state(self.splitter.saveState())
        self.ui_settings.sync()
        self.ui_settings.set_evidence_mode(self.evidence_pane.mode())
        self.refresh_timer.stop()
        self.runner.shutdown()
        self.thumbnails.shutdown()
        self.case_reports.shutdown()
        if self._ws is not None:
            # The workers have stopped, so nothing else uses the engine: closing here is safe.
            self._ws.close()
            self._ws = None
        super().closeEvent(event)


def _backend_name(backend: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(backend, backend)
