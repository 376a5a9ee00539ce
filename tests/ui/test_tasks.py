"""The background task runner: results on the GUI thread, throttled progress, failures, cancel."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from ui.tasks import ProgressFn, TaskRunner
from verifier.errors import Cancelled, InvalidInput


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    worker_threads: list[threading.Thread] = []
    delivered_on: list[threading.Thread] = []

    def work(progress: ProgressFn, cancel: threading.Event) -> int:
        worker_threads.append(threading.current_thread())
        return 42

    def done(result: int) -> None:
        delivered_on.append(threading.current_thread())

    handle = runner.run(work, on_done=done, label="answer")
    with qtbot.waitSignal(handle.sig_done, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert worker_threads[0] is not threading.main_thread()
    assert delivered_on == [threading.main_thread()]
    assert runner.is_idle()


def test_progress_is_throttled_but_the_last_report_arrives(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, int]] = []
    total = 20_000

    def work(progress: ProgressFn, cancel: threading.Event) -> None:
        for done in range(1, total + 1):
            progress(done, total, f"item {done}")

    handle = runner.run(work, on_progress=lambda done, count, what: seen.append((done, count)))
    with qtbot.waitSignal(handle.sig_finished, timeout=10_000):
        pass
    assert seen[-1] == (total, total)
    assert len(seen) < 200, f"{len(seen)} progress events for {total} reports"


def test_failure_goes_to_the_presenter(
    qtbot: QtBot, runner: TaskRunner, presented: list[tuple[QWidget | None, BaseException]]
) -> None:
    def work(progress: ProgressFn, cancel: threading.Event) -> None:
        raise InvalidInput("The source alias must not be empty.")

    handle = runner.run(work)
    with qtbot.waitSignal(handle.sig_failed, timeout=5000):
        pass
    assert [str(exc) for _, exc in presented] == ["The source alias must not be empty."]


def test_cancel_stops_at_the_next_progress_report(
    qtbot: QtBot, runner: TaskRunner, presented: list[tuple[QWidget | None, BaseException]]
) -> None:
    started = threading.Event()
    may_continue = threading.Event()
    reached: list[int] = []

    def work(progress: ProgressFn, cancel: threading.Event) -> None:
        started.set()
        may_continue.wait(5)
        for done in range(1, 1000):
            progress(done, 1000, "")
            reached.append(done)

    cancelled: list[bool] = []
    handle = runner.run(work, on_cancelled=lambda: cancelled.append(True), label="Counting")
    assert started.wait(5)
    with qtbot.waitSignal(handle.sig_cancelled, timeout=5000):
        handle.cancel()
        may_continue.set()
    assert cancelled == [True]
    assert reached == []  # the very first report after the cancel raised Cancelled
    assert presented == []  # a cancel is not an error


def test_a_task_raising_cancelled_itself_counts_as_cancelled(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(progress: ProgressFn, cancel: threading.Event) -> None:
        raise Cancelled("Building the demo case was cancelled.")

    handle = runner.run(work)
    with qtbot.waitSignal(handle.sig_cancelled, timeout=5000):
        pass


def test_wait_idle_and_shutdown(runner: TaskRunner) -> None:
    results: list[int] = []
    for number in range(8):
        runner.run(lambda progress, cancel, n=number: n * n, on_done=results.append)
    assert runner.wait_idle(5000)
    assert sorted(results) == [n * n for n in range(8)]
    assert runner.shutdown(1000)


@pytest.mark.parametrize("count", [1, 3])
def test_handles_are_kept_until_delivered(qtbot: QtBot, runner: TaskRunner, count: int) -> None:
    handles = [runner.run(lambda progress, cancel: None) for _ in range(count)]
    assert len(runner.active()) <= count
    with qtbot.waitSignal(runner.sig_idle, timeout=5000, raising=True):
        pass
    assert all(h.is_finished for h in handles)
