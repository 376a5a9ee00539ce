"""Fixtures of the GUI tests: a demo workspace, a task runner, throwaway QSettings, no dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ui import errors
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from verifier.demo import build_demo_case
from verifier.services.workspace import Workspace
from verifier.settings import Settings

# The offscreen platform cannot pass size hints to a window system and says so with a Qt
# warning whenever a shown window's minimum size changes. It is not about our code.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


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
