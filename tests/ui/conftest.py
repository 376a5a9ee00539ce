"""Fixtures of the GUI tests: a demo workspace, a task runner, throwaway QSettings, no dialogs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ui import errors
from ui.case_report import CaseReportCache
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from verifier.demo import build_demo_case
from verifier.services.workspace import Workspace
from verifier.settings import Settings

WINDOW_TIMEOUT = 10_000

# The offscreen platform cannot pass size hints to a window system and says so with a Qt
# warning whenever a shown window's minimum size changes, or a window is raised. It is not
# about our code.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    """QSettings in an INI file of the test's own folder: the user's settings stay untouched."""
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Iterator[tuple[Workspace, int]]:
    """A SQLite workspace holding the demo case, and the case's id."""
    ws = Workspace.open(Settings(workspace=tmp_path / "ws", user="tester"))
    case_id = build_demo_case(ws)
    yield ws, case_id
    ws.close()


@pytest.fixture
def presented() -> Iterator[list[tuple[QWidget | None, BaseException]]]:
    """Errors the presenter was asked to show (instead of modal dialogs)."""
    with errors.intercepted() as shown:
        yield shown


@pytest.fixture(autouse=True)
def _reports_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows compute case reports on a thread here, so tests can count and gate them;
    tests/ui/test_case_report.py runs the child process on purpose."""
    monkeypatch.setattr(CaseReportCache, "in_child_process", False)


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Never let a modal error dialog block a test; fail a test that presented an error it did
    not ask about (tests that expect one use the ``presented`` fixture)."""
    if "presented" in request.fixturenames:
        yield
        return
    with errors.intercepted() as shown:
        yield
    assert not shown, f"unexpected error presented: {shown[0][1]!r}"


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def db_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bool]]]:
    """Every Workspace.open/reading/transaction call made from now on, and whether it ran on the
    GUI thread. The test fails at teardown if any did."""
    calls: list[tuple[str, bool]] = []

    def spy(name: str, original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append((name, threading.current_thread() is threading.main_thread()))
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(Workspace, "reading", spy("reading", Workspace.reading))
    monkeypatch.setattr(Workspace, "transaction", spy("transaction", Workspace.transaction))
    monkeypatch.setattr(Workspace, "open", spy("open", Workspace.open))
    yield calls
    on_gui = [name for name, gui in calls if gui]
    assert not on_gui, f"database work on the GUI thread: {on_gui}"


@pytest.fixture
def window(
    qtbot: QtBot,
    runner: TaskRunner,
    ui_settings: UiSettings,
    demo_workspace: tuple[Workspace, int],
    db_calls: list[tuple[str, bool]],
) -> MainWindow:
    ws, case_id = demo_workspace
    win = MainWindow(runner, ui_settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_case_loaded, timeout=WINDOW_TIMEOUT) as loaded:
        win.set_workspace(ws, case_id=case_id)
    assert loaded.args == [case_id]
    win.show()
    return win
