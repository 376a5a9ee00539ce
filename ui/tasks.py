"""The one way the GUI runs work off its thread: tasks on a QThreadPool.

Ergonomics follow Anki's ``QueryOp``: give a function and what to do with its result, and failures
go to the single error presenter unless you say otherwise::

    runner.run(
        lambda progress, cancel: load(ws, case_id, progress),
        on_done=self._show_case,
        label=self.tr("Loading the case"),
    )

The function runs on a worker thread. It gets ``progress(done, total, what)`` and a
``threading.Event`` that is set when the user cancels. Calling ``progress`` after a cancel raises
``verifier.errors.Cancelled``, so any core function that reports progress is also cancellable
between items without knowing about Qt (the core's transaction then rolls back).

Callbacks always run on the GUI thread: the worker only emits signals of a ``_TaskSignals`` object
created on the GUI thread, connected with ``Qt.QueuedConnection`` to the ``TaskHandle``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from ui import errors
from verifier.errors import Cancelled

log = logging.getLogger(__name__)

T = TypeVar("T")
ProgressFn = Callable[[int, int, str], None]
TaskFn = Callable[[ProgressFn, threading.Event], T]
Presenter = Callable[[QWidget | None, BaseException], None]

# At most this many progress updates per second reach the event loop, whatever the task reports:
# hashing 10,000 small files must not post 10,000 events (Spyder batches its results likewise).
PROGRESS_INTERVAL_S = 0.05


class _TaskSignals(QObject):
    """Signals the worker thread emits; created on the GUI thread so delivery is queued there."""

    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(object)


class _ProgressThrottle:
    """The ``progress`` callable handed to a task function (runs on the worker thread)."""

    def __init__(self, signals: _TaskSignals, cancel: threading.Event, label: str) -> None:
        self._signals = signals
        self._cancel = cancel
        self._label = label
        self._last = 0.0

    def __call__(self, done: int, total: int, what: str) -> None:
        if self._cancel.is_set():
            raise Cancelled(f"{self._label or 'The task'} was cancelled.")
        now = time.monotonic()
        # The first and last reports always go through so the bar starts and ends right.
        if done == 0 or done >= total or now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self._signals.sig_progress.emit(done, total, what)


class Task(QRunnable):
    """Runs one task function on a pool thread and reports through ``_TaskSignals``."""

    def __init__(self, fn: TaskFn[Any], signals: _TaskSignals, cancel: threading.Event, label: str) -> None:
        super().__init__()
        # The pool must not delete the C++ runnable while Python still holds the wrapper;
        # the handle keeps this object alive until its result has been delivered.
        self.setAutoDelete(False)
        self._fn = fn
        self._signals = signals
        self._progress = _ProgressThrottle(signals, cancel, label)
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel)
        except BaseException as exc:  # never let a worker die silently (Spyder's run() comment)
            self._signals.sig_failed.emit(exc)
        else:
            self._signals.sig_done.emit(result)


class TaskHandle(QObject, Generic[T]):
    """The GUI-thread side of one running task: cancel it, or listen to what it reports.

    Signals (all emitted on the GUI thread, after the matching callback ran):
        sig_progress(done, total, what), sig_done(result), sig_failed(exception),
        sig_cancelled(), and sig_finished() in every case.
    """

    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()
    sig_finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        label: str,
        on_done: Callable[[T], None] | None,
        on_failed: Callable[[BaseException], None],
        on_progress: ProgressFn | None,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        super().__init__(runner)
        self.label = label
        self.cancel_event = threading.Event()
        self.worker_signals = _TaskSignals(self)
        self._runner = runner
        self._on_done = on_done
        self._on_failed = on_failed
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self._finished = False
        self._discarded = False
        self.task: Task | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self.worker_signals.sig_progress.connect(self._deliver_progress, queued)
        self.worker_signals.sig_done.connect(self._deliver_done, queued)
        self.worker_signals.sig_failed.connect(self._deliver_failed, queued)

    @property
    def is_finished(self) -> bool:
        return self._finished

    def cancel(self) -> None:
        """Ask the task to stop; it stops at its next progress report or cancel check."""
        if not self._finished:
            log.info("Cancelling: %s", self.label or "a task")
            self.cancel_event.set()

    def discard(self) -> None:
        """Cancel, and drop whatever the task delivers later (the window is going away)."""
        self._discarded = True
        self.cancel()

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, what: str) -> None:
        # A late progress event can sit in the queue behind nothing: ignore it after the end.
        if self._finished or self._discarded:
            return
        if self._on_progress is not None:
            self._on_progress(done, total, what)
        self.sig_progress.emit(done, total, what)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        try:
            if not self._discarded and self._on_done is not None:
                self._on_done(result)  # type: ignore[arg-type]  # the task function's T
        finally:
            self._finish()
        if not self._discarded:
            self.sig_done.emit(result)
            self.sig_finished.emit()

    @Slot(object)
    def _deliver_failed(self, exc: BaseException) -> None:
        cancelled = isinstance(exc, Cancelled)
        try:
            if self._discarded:
                pass
            elif cancelled:
                log.info("Cancelled: %s", self.label or "a task")
                if self._on_cancelled is not None:
                    self._on_cancelled()
            else:
                log.error(
                    "Task failed: %s", self.label or "a task", exc_info=(type(exc), exc, exc.__traceback__)
                )
                self._on_failed(exc)
        finally:
            self._finish()
        if not self._discarded:
            if cancelled:
                self.sig_cancelled.emit()
            else:
                self.sig_failed.emit(exc)
            self.sig_finished.emit()

    def _finish(self) -> None:
        self._finished = True
        self.task = None
        self._runner._forget(self)


SWITCH_INTERVAL_S = 0.0002


class TaskRunner(QObject):
    """Starts tasks on its own thread pool and keeps them referenced until they report back.

    Args:
        presenter: where failures go when a caller gives no ``on_failed`` (the error dialog).
        max_threads: pool size; the default lets reads run beside a long import.
    """

    sig_started = Signal(object)  # TaskHandle
    sig_idle = Signal()

    def __init__(
        self,
        presenter: Presenter | None = None,
        *,
        max_threads: int = 4,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._presenter: Presenter = presenter or errors.show_error
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._handles: list[TaskHandle[Any]] = []
        # Tasks run Python (the cross-reference rules, loading a case) beside the GUI thread, and
        # the interpreter lets a thread keep its lock for the switch interval at a time (5 ms by
        # default). A shorter interval hands the lock back to the event loop sooner.
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))

    def run(
        self,
        fn: TaskFn[T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: ProgressFn | None = None,
        on_cancelled: Callable[[], None] | None = None,
        label: str = "",
        parent_widget: QWidget | None = None,
    ) -> TaskHandle[T]:
        """Run ``fn(progress, cancel_event)`` on a worker thread.

        Args:
            fn: the work; it must open its own Session (``ws.reading()``/``ws.transaction()``).
            on_done: called on the GUI thread with the result.
            on_failed: called on the GUI thread with the exception; defaults to the error presenter.
            on_progress: called on the GUI thread with (done, total, what), throttled.
            on_cancelled: called when the task stopped because it was cancelled.
            label: what the task does, in words for the status bar.
            parent_widget: the window an error dialog belongs to; when it is destroyed, the task
                is cancelled and its late results dropped.

        Returns:
            The handle, to cancel the task or connect to its signals.
        """

        def present(exc: BaseException) -> None:
            self._presenter(parent_widget, exc)

        handle: TaskHandle[T] = TaskHandle(
            self, label, on_done, on_failed or present, on_progress, on_cancelled
        )
        task = Task(fn, handle.worker_signals, handle.cancel_event, label)
        handle.task = task
        if parent_widget is not None:
            # A window or panel that goes away must not receive its task's late result.
            parent_widget.destroyed.connect(handle.discard)
        self._handles.append(handle)
        self.sig_started.emit(handle)
        self._pool.start(task)
        return handle

    def active(self) -> list[TaskHandle[Any]]:
        """Tasks started and not yet reported back."""
        return list(self._handles)

    def is_idle(self) -> bool:
        return not self._handles

    def cancel_all(self) -> None:
        for handle in list(self._handles):
            handle.cancel()

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Run the event loop until every task has reported back (for tests and shutdown).

        Returns:
            True when idle, False when the timeout passed first.
        """
        if not self._handles:
            return True
        loop = QEventLoop()
        self.sig_idle.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.sig_idle.disconnect(loop.quit)
        return not self._handles

    def shutdown(self, timeout_ms: int = 5_000) -> bool:
        """Cancel everything, drop late results and wait for the worker threads to end.

        Returns:
            True when every worker ended in time.
        """
        for handle in list(self._handles):
            handle.discard()
        finished = self._pool.waitForDone(timeout_ms)
        if not finished:
            log.warning("Background tasks still running after %d ms at shutdown", timeout_ms)
        return finished

    def _forget(self, handle: TaskHandle[Any]) -> None:
        if handle in self._handles:
            self._handles.remove(handle)
        if not self._handles:
            self.sig_idle.emit()
