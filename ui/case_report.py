"""The case's cross-reference report: computed once per case load, in the background, and shared.

Findings are never stored (``verifier.services.crossref`` computes them from the records as they
are), and a big case takes over a second. So the main window asks ``CaseReportCache.start`` once
after each load, and every consumer reads that one report: the panels (``show_findings``), the
gallery's findings counts, the claim detail and the photo viewer. A newer load supersedes an
older one: its task is discarded and only the newest report is ever delivered.

The cache lives on the GUI thread; only ``compute_report`` runs on a worker, with its own Session.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import shiboken6

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui import errors
from ui.tasks import ProgressFn, TaskHandle, TaskRunner
from verifier.crossref.corroboration import Corroboration
from verifier.crossref.engine import FAMILIES, CaseReport
from verifier.crossref.findings import Finding
from verifier.errors import Cancelled
from verifier.intake.pipeline import exit_with_parent
from verifier.services import crossref
from verifier.services.workspace import Workspace
from verifier.settings import Settings

log = logging.getLogger(__name__)

ReportCallback = Callable[[CaseReport | None], None]


def compute_report(ws: Workspace, case_id: int, progress: ProgressFn) -> CaseReport:
    """Gather a case and run every rule on it (worker thread; one Session).

    Args:
        ws: the workspace.
        case_id: the case.
        progress: reports each rule family as it starts; raises ``Cancelled`` after a cancel.

    Returns:
        The findings and the corroboration of every claim.
    """
    total = len(FAMILIES) + 1
    progress(0, total, "gathering")

    def family_started(name: str) -> None:
        progress(FAMILIES.index(name) + 1 if name in FAMILIES else 0, total, name)

    with ws.reading() as session:
        # Looked up at call time (not imported by name) so a test can count the computations.
        report = crossref.case_report(session, case_id, on_family=family_started)
    progress(total, total, "")
    return report


# --- in a child process ------------------------------------------------------------------------
_CHILD_WORKSPACES: dict[tuple[str, str, str], Workspace] = {}


# The report crosses back in pieces of this many findings or claims, each pickled on its own.
# Unpickling the whole report of a 90,000-claim case is one call that holds the interpreter lock
# for 0.3-0.4 s, and the window froze that long; piece by piece the lock changes hands between
# pieces.
REPORT_PIECE = 500


def _report_in_child(settings: Settings, case_id: int) -> tuple[list[bytes], list[bytes]]:
    """The report, computed in the report process (the workspace stays open there), in pieces."""
    key = (str(settings.workspace), settings.database_url, settings.user)
    ws = _CHILD_WORKSPACES.get(key)
    if ws is None:
        if not _CHILD_WORKSPACES:
            exit_with_parent()  # an app that crashed or was killed leaves no report running
        ws = _CHILD_WORKSPACES[key] = Workspace.open(settings, upgrade=False)
    with ws.reading() as session:
        report = crossref.case_report(session, case_id)
    return _pieces(report.findings), _pieces(report.corroboration)


def _pieces(items: tuple[Any, ...]) -> list[bytes]:
    return [
        pickle.dumps(items[start : start + REPORT_PIECE], protocol=pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(items), REPORT_PIECE)
    ]


def _joined(pieces: list[bytes]) -> tuple[Any, ...]:
    """The items of the pieces, unpickled one piece at a time (see ``REPORT_PIECE``).

    The collector is paused meanwhile and what was made is then frozen, as the window does
    with a loaded case: the report's million objects live as long as the case is shown, and
    full collections walking them while they were made held the interpreter lock 100 ms at a
    time.
    """
    items: list[Any] = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for piece in pieces:
            items.extend(pickle.loads(piece))  # our own child's output, never a file
    finally:
        if was_enabled:
            gc.enable()
    gc.collect(1)  # the young garbage first: what is frozen is never collected
    gc.freeze()
    return tuple(items)


class ReportProcess:
    """One child process that computes case reports for the window.

    The rules are Python from end to end. Run on a thread of the GUI's process, they take turns
    with the GUI thread for the interpreter lock, and every model call of a repaint waited for
    its turn: the window froze for 0.6-0.7 s after an import of 500 photos (py-spy:
    ``Shiboken::GilState::acquire``). In a process of its own the report costs the GUI nothing;
    the process starts on first use and keeps the offline towns and the workspace open.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    def compute(self, ws: Workspace, case_id: int, cancel: threading.Event) -> CaseReport:
        """The case's report (worker thread: waits without holding the interpreter lock).

        Raises:
            Cancelled: ``cancel`` was set; the child's result is dropped when it comes.
        """
        with self._lock:
            if self._closed:
                raise Cancelled("The window is closing.")
            if self._pool is None:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            pool = self._pool
        try:
            future: Future[tuple[list[bytes], list[bytes]]] = pool.submit(
                _report_in_child, ws.settings, case_id
            )
            while True:
                try:
                    findings, corroboration = future.result(timeout=0.1)
                    return CaseReport(_joined(findings), _joined(corroboration))
                except FutureTimeout:
                    if cancel.is_set():
                        future.cancel()
                        raise Cancelled("The cross-reference was superseded.") from None
        except BrokenProcessPool:
            if self._closed or cancel.is_set():
                raise Cancelled("The cross-reference was stopped.") from None
            # The child died (killed, out of memory): start a new one next time, and compute
            # this report here rather than leave the panels without it.
            log.warning("The report process stopped; computing the report in this process")
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            with ws.reading() as session:
                return crossref.case_report(session, case_id)

    def shutdown(self) -> None:
        """Stop the child at once, even in the middle of a report (nobody waits for it now)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is None:
            return
        # shutdown() alone lets a running report finish, and the interpreter's exit would wait
        # for it: minutes on a large case. Python 3.14 has terminate_workers(); before it, the
        # executor's own process table.
        terminate = getattr(pool, "terminate_workers", None)
        if terminate is not None:
            terminate()
            return
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)


def findings_about(report: CaseReport | None, kind: str, record_id: int) -> tuple[Finding, ...]:
    """The findings naming a record, most serious first (stable within a severity).

    Args:
        report: the case's report (None: not computed yet).
        kind: "evidence", "claim", "source", "testimony".
        record_id: the record's id.

    Returns:
        The findings, conflicts first.
    """
    if report is None:
        return ()
    found = [f for f in report.findings if f.concerns(kind, record_id)]
    return tuple(sorted(found, key=lambda f: -f.severity.rank))


def corroboration_of(report: CaseReport | None, claim_id: int) -> Corroboration | None:
    """A claim's independent origins for and against it, or None when unknown."""
    if report is None:
        return None
    return next((c for c in report.corroboration if c.claim_id == claim_id), None)


class CaseReportCache(QObject):
    """Holds the newest case report and the one task computing it.

    Signals:
        sig_ready(case_id, report): the report of the case last started is ready.
        sig_failed(case_id, exception): computing it failed (the error was presented).
    """

    sig_ready = Signal(int, object)
    sig_failed = Signal(int, object)

    # In a child process (see ReportProcess); the tests switch it off to count computations.
    in_child_process = True

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._process = ReportProcess()
        self._generation = 0
        self._task: TaskHandle[CaseReport] | None = None
        self._case_id: int | None = None
        self._report: CaseReport | None = None
        self._waiters: list[tuple[int, QObject | None, ReportCallback]] = []
        self.parent_widget: QWidget | None = parent if isinstance(parent, QWidget) else None

    # --- state ---------------------------------------------------------------------------------
    @property
    def case_id(self) -> int | None:
        """The case whose report is ready or being computed (None: no case)."""
        return self._case_id

    def report(self, case_id: int) -> CaseReport | None:
        """The ready report of this case, or None (another case, or still computing)."""
        return self._report if case_id == self._case_id else None

    def is_pending(self, case_id: int) -> bool:
        """Whether this case's report is being computed right now."""
        return case_id == self._case_id and self._task is not None

    def known(self) -> tuple[int, CaseReport | None] | None:
        """(case id, report or None while computing) for the current case; None when idle.

        Handed to worker functions (``ui.gallery_data.load_photo``) so they can skip computing a
        report that is ready or on its way.
        """
        if self._case_id is None or (self._report is None and self._task is None):
            return None
        return self._case_id, self._report

    # --- actions -------------------------------------------------------------------------------
    def start(self, ws: Workspace, case_id: int) -> TaskHandle[CaseReport]:
        """Compute a case's report in the background; any older computation is discarded.

        Args:
            ws: the workspace to read.
            case_id: the case just loaded.

        Returns:
            The task's handle.
        """
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.discard()
        self._task = None
        self._report = None
        self._case_id = case_id
        self._notify(lambda waiting_case: waiting_case != case_id, None)

        def compute(progress: ProgressFn, cancel: threading.Event) -> CaseReport:
            if self.in_child_process:
                return self._process.compute(ws, case_id, cancel)
            return compute_report(ws, case_id, progress)

        self._task = self._runner.run(
            compute,
            on_done=lambda report: self._done(generation, case_id, report),
            on_failed=lambda exc: self._failed(generation, case_id, exc),
            on_cancelled=lambda: self._cancelled(generation),
            label=self.tr("Cross-referencing the case"),
            parent_widget=self.parent_widget,
        )
        return self._task

    def shutdown(self) -> None:
        """Stop the report process (the window is closing)."""
        self._process.shutdown()

    def clear(self) -> None:
        """Forget the report (no case shown); a running computation is discarded."""
        self._generation += 1
        if self._task is not None:
            self._task.discard()
        self._task = None
        self._report = None
        self._case_id = None
        self._notify(lambda _case: True, None)

    def when_ready(self, case_id: int, callback: ReportCallback, owner: QObject | None = None) -> bool:
        """Call ``callback(report)`` once this case's report is ready.

        Called at once when it is ready already. If the computation is superseded by another
        case, fails or is cancelled, the callback gets None (compute it yourself then).

        Args:
            case_id: the case the caller needs.
            callback: called on the GUI thread.
            owner: a QObject the callback belongs to; nothing is called once it is deleted.

        Returns:
            False when this case's report is neither ready nor being computed (nothing queued).
        """
        ready = self.report(case_id)
        if ready is not None:
            callback(ready)
            return True
        if not self.is_pending(case_id):
            return False
        self._waiters.append((case_id, owner, callback))
        return True

    # --- task outcome --------------------------------------------------------------------------
    def _done(self, generation: int, case_id: int, report: CaseReport) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._report = report
        self._notify(lambda waiting_case: waiting_case == case_id, report)
        self.sig_ready.emit(case_id, report)

    def _failed(self, generation: int, case_id: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._notify(lambda _case: True, None)
        errors.show_error(self.parent_widget, exc)
        self.sig_failed.emit(case_id, exc)

    def _cancelled(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._notify(lambda _case: True, None)

    def _notify(self, which: Callable[[int], bool], report: CaseReport | None) -> None:
        called = [waiter for waiter in self._waiters if which(waiter[0])]
        self._waiters = [waiter for waiter in self._waiters if not which(waiter[0])]
        for _case, owner, callback in called:
            if owner is not None and not _alive(owner):
                continue
            callback(report)


def _alive(owner: Any) -> bool:
    return bool(shiboken6.isValid(owner))


__all__ = [
    "CaseReportCache",
    "compute_report",
    "corroboration_of",
    "findings_about",
]
