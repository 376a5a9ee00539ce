"""The case's cross-reference report: computed once per load in the background, shared by every view."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ui.case_report import CaseReportCache, corroboration_of, findings_about
from ui.gallery_data import PhotoView
from ui.main_window import MainWindow
from ui.models.gallery import GalleryRoles
from ui.tasks import TaskRunner
from verifier.crossref.engine import CaseReport
from verifier.services import crossref
from verifier.services.workspace import Workspace

TIMEOUT = 15_000


class CountedReports:
    """Counts every computation of a case report, and can hold them until released."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()

    def count(self) -> int:
        with self._lock:
            return len(self.calls)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountedReports]:
    """Wraps ``crossref.case_report`` (also what ``crossref.check`` calls) with a counter."""
    counter = CountedReports()
    original = crossref.case_report

    def counting(session: Any, case_id: int, on_family: Any = None) -> CaseReport:
        with counter._lock:
            counter.calls.append(case_id)
        assert counter.gate.wait(TIMEOUT), "the test never released the report"
        return original(session, case_id, on_family)

    monkeypatch.setattr(crossref, "case_report", counting)
    yield counter
    counter.gate.set()


def _wait_report(qtbot: QtBot, window: MainWindow) -> CaseReport:
    def ready() -> None:
        assert window.case_data is not None and window.case_data.report is not None

    qtbot.waitUntil(ready, timeout=TIMEOUT)
    assert window.case_data is not None and window.case_data.report is not None
    return window.case_data.report


def _photo_id(window: MainWindow, prefix: str) -> int:
    data = window.case_data
    assert data is not None
    return next(e.id for e in data.evidence if e.original_name.startswith(prefix))


def test_the_report_is_computed_once_per_load_and_shared(
    counted: CountedReports, qtbot: QtBot, window: MainWindow
) -> None:
    report = _wait_report(qtbot, window)
    # The gallery's findings counts come from the same report.
    gallery = window.gallery_model

    def counts_in() -> None:
        row = gallery.row_of(_photo_id(window, "IMG_2017"))
        assert gallery.index(row, 0).data(GalleryRoles.FINDINGS) > 0

    qtbot.waitUntil(counts_in, timeout=TIMEOUT)
    stripped = _photo_id(window, "photo_2019")
    row = gallery.row_of(stripped)
    assert gallery.index(row, 0).data(GalleryRoles.FINDINGS) == len(
        findings_about(report, "evidence", stripped)
    )
    # The viewer takes the photo's findings from it too.
    with qtbot.waitSignal(window.sig_photo_shown, timeout=TIMEOUT) as shown:
        viewer = window.open_photo(_photo_id(window, "IMG_2017"))
    assert viewer is not None
    qtbot.addWidget(viewer)
    photo = shown.args[0]
    assert isinstance(photo, PhotoView)
    assert "place.photo_outside_claim_place" in {f.rule for f in photo.findings}
    assert counted.count() == 1

    with qtbot.waitSignal(window.sig_report_ready, timeout=TIMEOUT):
        window.reload()
    assert counted.count() == 2


def test_a_viewer_opened_while_the_report_runs_waits_for_it_instead_of_computing(
    counted: CountedReports, qtbot: QtBot, window: MainWindow
) -> None:
    _wait_report(qtbot, window)
    assert counted.count() == 1
    counted.gate.clear()  # the next computation blocks until released
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        window.reload()
    qtbot.waitUntil(lambda: counted.count() == 2, timeout=TIMEOUT)
    assert window.case_data is not None and window.case_data.report is None
    shown: list[PhotoView] = []
    window.sig_photo_shown.connect(shown.append)
    viewer = window.open_photo(_photo_id(window, "IMG_2017"))
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.wait(300)
    assert not shown  # the photo waits for its findings rather than showing none
    with qtbot.waitSignal(window.sig_photo_shown, timeout=TIMEOUT):
        counted.gate.set()
    assert "time.capture_outside_claim" in {f.rule for f in shown[0].findings}
    assert counted.count() == 2


def test_a_newer_start_supersedes_the_older_one(
    counted: CountedReports, qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    cache = CaseReportCache(runner)
    delivered: list[tuple[int, object]] = []
    cache.sig_ready.connect(lambda cid, report: delivered.append((cid, report)))
    waiting: list[CaseReport | None] = []
    counted.gate.clear()
    cache.start(ws, case_id)
    assert cache.is_pending(case_id) and cache.report(case_id) is None
    assert cache.known() == (case_id, None)
    assert cache.when_ready(case_id, waiting.append)
    gone: list[CaseReport | None] = []
    assert cache.when_ready(case_id, gone.append)
    cache.start(ws, case_id)  # a reload: the first computation is dropped, waiters stay
    counted.gate.set()
    qtbot.waitUntil(lambda: bool(delivered), timeout=TIMEOUT)
    runner.wait_idle(TIMEOUT)
    assert len(delivered) == 1 and delivered[0][0] == case_id
    report = cache.report(case_id)
    assert isinstance(report, CaseReport) and delivered[0][1] is report
    assert waiting == [report] and gone == [report]
    corroboration = corroboration_of(report, 6)
    assert corroboration is not None and corroboration.contradiction_count == 1
    # Ready: a waiter is called at once; another case's report is not there.
    now: list[CaseReport | None] = []
    assert cache.when_ready(case_id, now.append) and now == [report]
    assert not cache.when_ready(case_id + 1, now.append)
    cache.clear()
    assert cache.report(case_id) is None and cache.known() is None


def test_waiters_of_another_case_get_none_when_a_case_switch_supersedes_them(
    counted: CountedReports, qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    cache = CaseReportCache(runner)
    counted.gate.clear()
    cache.start(ws, case_id)
    answers: list[CaseReport | None] = []
    cache.when_ready(case_id, answers.append)
    cache.clear()  # no case shown any more
    assert answers == [None]
    counted.gate.set()
    runner.wait_idle(TIMEOUT)
    assert cache.report(case_id) is None


def test_the_report_process_gives_the_same_report_as_this_process(
    demo_workspace: tuple[Workspace, int],
) -> None:
    from ui.case_report import ReportProcess

    ws, case_id = demo_workspace
    with ws.reading() as session:
        here = crossref.case_report(session, case_id)
    process = ReportProcess()
    try:
        there = process.compute(ws, case_id, threading.Event())
        again = process.compute(ws, case_id, threading.Event())  # the same child, workspace kept open
    finally:
        process.shutdown()
    assert there == here == again
    assert any(f.concerns("evidence", e) for f in there.findings for e in range(1, 5))


def test_a_cancelled_report_in_the_child_raises_cancelled(demo_workspace: tuple[Workspace, int]) -> None:
    from ui.case_report import ReportProcess
    from verifier.errors import Cancelled

    ws, case_id = demo_workspace
    stop = threading.Event()
    stop.set()
    process = ReportProcess()
    try:
        with pytest.raises(Cancelled):
            process.compute(ws, case_id, stop)
    finally:
        process.shutdown()


def test_shutting_the_report_process_down_stops_the_child_at_once(
    demo_workspace: tuple[Workspace, int],
) -> None:
    from ui.case_report import ReportProcess

    ws, case_id = demo_workspace
    process = ReportProcess()
    process.compute(ws, case_id, threading.Event())
    children = list(process._pool._processes.values())  # type: ignore[union-attr]
    assert children and all(child.is_alive() for child in children)
    process.shutdown()
    assert not any(child.is_alive() for child in children)


def test_a_report_running_at_shutdown_is_cancelled_not_computed_here(
    demo_workspace: tuple[Workspace, int],
) -> None:
    import time

    from ui.case_report import ReportProcess
    from verifier.errors import Cancelled

    ws, case_id = demo_workspace
    process = ReportProcess()
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(process.compute(ws, case_id, threading.Event()))
        except Cancelled as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 30
    while not (process._pool is not None and process._pool._processes) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.shutdown()  # the child is still starting: its report cannot have come back
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    with pytest.raises(Cancelled):
        process.compute(ws, case_id, threading.Event())
