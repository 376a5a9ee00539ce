"""A view of the main window that is a widget of its own (claims board, findings, map, timeline).

Record views are tables declared by a ``ViewSpec``; a panel draws the same ``CaseData`` its own
way. The main window owns the tab bar and the detail pane: a panel says which record the user
picked (``sig_current``) and the window shows that record's detail with the record view's
renderer, so a claim looks the same in the Claims table, on the board and on the timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.case_data import CaseData
    from ui.tasks import TaskRunner
    from verifier.crossref.engine import CaseReport
    from verifier.services.workspace import Workspace


class CasePanel(QWidget):
    """Base of the main window's widget views.

    Subclasses set ``key`` and ``title`` and override ``show_case`` (and ``clear``). Reading the
    database is never done here on the GUI thread: use ``self.runner`` with ``self.workspace``.

    Signals:
        sig_current(kind, record_id): the user picked a record; kind is a record view's key
            ("sources", "testimonies", "claims", "evidence", "places").
        sig_open(kind, record_id): the user activated a record (double click, Enter); for
            "evidence" the window opens the photo viewer.
        sig_changed(kind): the panel wrote records of this kind; the window reloads the case.
    """

    sig_current = Signal(str, int)
    sig_open = Signal(str, int)
    sig_changed = Signal(str)

    key = ""
    title = ""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace: Workspace | None = None
        self.data: CaseData | None = None

    def set_workspace(self, ws: Workspace | None) -> None:
        """The workspace changed (or closed); a case follows with ``show_case``."""
        self.workspace = ws

    def show_case(self, data: CaseData) -> None:
        """Show a freshly loaded case (after a switch, an edit or a reload)."""
        self.data = data

    def show_findings(self, report: CaseReport) -> None:
        """The case's cross-reference report arrived (computed once per load, in the background)."""
        del report

    def clear(self) -> None:
        """No case is shown (no workspace, or an empty one)."""
        self.data = None

    def select_record(self, kind: str, record_id: int) -> bool:
        """Show a record picked elsewhere; False if the panel does not show it."""
        del kind, record_id
        return False

    def tab_title(self, data: CaseData | None, report: CaseReport | None) -> str:
        """The tab's text for the case loaded in the window (a panel may add a count).

        Called with the window's data, not the panel's: a panel hidden behind another tab is
        only given the case when it is brought to the front.
        """
        del data, report
        return self.title
