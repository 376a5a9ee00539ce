"""An open case shows others' changes: the window polls the case's revision and reloads.

The second writer is another Workspace on the same database (another copy of the app), run on
a plain thread so the GUI thread never touches the database (the ``db_calls`` guard checks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from ui.main_window import MainWindow
from ui.models.records import Roles
from verifier.permissions import Role
from verifier.services import claims, people
from verifier.services.workspace import Workspace
from verifier.settings import Settings

POLL_MS = 200


def _as_other_user(window: MainWindow, user: str, work: Callable[[Workspace], Any]) -> Any:
    """Open the window's workspace as ``user`` in another Workspace and run ``work`` there."""
    ws = window.workspace
    assert ws is not None
    result: list[Any] = []
    failure: list[BaseException] = []

    def run() -> None:
        settings = Settings(workspace=ws.settings.workspace, database_url=ws.settings.database_url, user=user)
        try:
            with Workspace.open(settings) as other:
                result.append(work(other))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not failure, f"the other writer failed: {failure[0]!r}"
    return result[0]


def _add_claim(case_id: int, statement: str) -> Callable[[Workspace], int]:
    def work(ws: Workspace) -> int:
        with ws.transaction() as uow:
            return claims.add_claim(uow, case_id, statement).id

    return work


def _claim_ids(window: MainWindow) -> set[int]:
    model = window.table("claims").record_model
    return {model.index(row, 0).data(Roles.RECORD_ID) for row in range(model.rowCount())}


def test_a_claim_written_elsewhere_appears_and_the_selection_stays(window: MainWindow, qtbot: QtBot) -> None:
    window.set_refresh_interval(POLL_MS)
    case_id = window.current_case_id()
    assert case_id is not None
    window.select_view("claims")
    table = window.table("claims")
    chosen = table.proxy.index(1, 0).data(Roles.RECORD_ID)
    assert table.select_record(chosen)
    written_at = time.monotonic()
    new_id = _as_other_user(window, "dilan", _add_claim(case_id, "Smoke was seen over Makhmour at dawn."))
    qtbot.waitUntil(lambda: new_id in _claim_ids(window), timeout=POLL_MS * 10)
    latency = time.monotonic() - written_at
    assert table.current_record() is not None and table.current_record().id == chosen
    assert latency < 2.0, f"the change took {latency:.2f} s to appear"
    window.runner.wait_idle()


def test_no_reload_while_a_dialog_is_open_then_it_catches_up(window: MainWindow, qtbot: QtBot) -> None:
    window.set_refresh_interval(POLL_MS)
    case_id = window.current_case_id()
    assert case_id is not None
    dialog = window.add_claim()
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    loads: list[int] = []
    window.sig_case_loaded.connect(loads.append)
    new_id = _as_other_user(window, "dilan", _add_claim(case_id, "A checkpoint was set up on the road."))
    qtbot.wait(POLL_MS * 4)
    assert loads == [] and new_id not in _claim_ids(window)
    dialog.reject()
    qtbot.waitUntil(lambda: new_id in _claim_ids(window), timeout=POLL_MS * 10)
    window.runner.wait_idle()


def test_the_status_bar_shows_the_user_and_their_role(window: MainWindow, qtbot: QtBot) -> None:
    window.set_refresh_interval(POLL_MS)
    label = window.workspace_label
    qtbot.waitUntil(lambda: "User: tester (single-user workspace)" in label.text(), timeout=POLL_MS * 10)

    def make_team(ws: Workspace) -> None:
        with ws.transaction() as uow:
            people.add_person(uow, "tester", Role.ADMINISTRATOR, "Test Admin")
            people.add_person(uow, "dilan", Role.EDITOR)

    _as_other_user(window, "tester", make_team)
    qtbot.waitUntil(lambda: "User: tester (administrator)" in label.text(), timeout=POLL_MS * 10)

    def hand_over(ws: Workspace) -> None:
        with ws.transaction() as uow:
            people.set_role(uow, "dilan", Role.ADMINISTRATOR)
        with ws.transaction() as uow:
            people.set_role(uow, "tester", Role.EDITOR)

    _as_other_user(window, "tester", hand_over)  # from another copy of the app
    qtbot.waitUntil(lambda: "User: tester (editor)" in label.text(), timeout=POLL_MS * 10)
    window.grab().save("/tmp/refresh-status.png")
    window.runner.wait_idle()
