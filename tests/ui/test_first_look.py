"""A case with a great many claims is shown at once with its first claims, then whole.

The demo case stands in for a 100,000-claim case: the first-look threshold is lowered to 2.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_main_window import column
from ui import main_window
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from verifier.crossref.engine import CaseReport
from verifier.services import claims, crossref
from verifier.services.workspace import Workspace
from verifier.settings import Settings

TIMEOUT = 15_000
FIRST = 2


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The case ids of every case report computed."""
    computed: list[int] = []
    lock = threading.Lock()
    original = crossref.case_report

    def counting(session: Any, case_id: int, on_family: Any = None) -> CaseReport:
        with lock:
            computed.append(case_id)
        return original(session, case_id, on_family)

    monkeypatch.setattr(crossref, "case_report", counting)
    yield computed


@pytest.fixture
def big_window(
    qtbot: QtBot,
    runner: TaskRunner,
    ui_settings: UiSettings,
    monkeypatch: pytest.MonkeyPatch,
    demo_workspace: tuple[Workspace, int],
    db_calls: list[tuple[str, bool]],
) -> MainWindow:
    # demo_workspace comes before db_calls: it is built on this thread, before the window exists.
    monkeypatch.setattr(main_window, "FIRST_LOOK_CLAIMS", FIRST)
    window = MainWindow(runner, ui_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _claims_tab(window: MainWindow) -> str:
    return window.tabs.tabText(window.tabs.indexOf(window.table("claims")))


def _case_claims(window: MainWindow) -> int:
    data = window.case_data
    assert data is not None and data.complete
    return len(data.claims)


def test_a_big_case_shows_its_first_claims_then_all_of_them(
    qtbot: QtBot, big_window: MainWindow, demo_workspace: tuple[Workspace, int], reports: list[int]
) -> None:
    ws, case_id = demo_workspace
    big_window.select_view("board")  # the board is in front: it must not draw a first look
    board = big_window.panels["board"]
    seen: list[tuple[int, str, bool, bool]] = []
    cited: list[set[str]] = []
    notes: list[bool] = []

    def shown(_case: int) -> None:
        data = big_window.case_data
        assert data is not None
        cited.append(set(column(big_window.table("evidence"), "Claims")))
        big_window.select_view("evidence")
        notes.append("still being read" in big_window.detail.toPlainText())
        big_window.select_view("board")
        seen.append(
            (
                big_window.table("claims").record_model.rowCount(),
                _claims_tab(big_window),
                data.complete,
                board.data is None,
            )
        )

    big_window.sig_case_shown.connect(shown)
    with qtbot.waitSignal(big_window.sig_case_loaded, timeout=TIMEOUT):
        big_window.set_workspace(ws, case_id=case_id)

    total = _case_claims(big_window)
    assert total > FIRST
    first, whole = seen
    assert first == (FIRST, f"Claims (first {FIRST} of {total}, loading)", False, True)
    assert whole == (total, f"Claims ({total})", True, False)
    # How many claims cite a photo is not known from a first look: later claims may cite it.
    assert cited[0] == {"…"} and "…" not in cited[1] and cited[1] != {""}
    assert notes == [True, False]  # and the photo's detail says its list of claims may grow
    # Every other record is there from the first look on: only claims wait.
    data = big_window.case_data
    assert data is not None and len(board.data.claims) == total  # type: ignore[union-attr]
    assert big_window.table("evidence").record_model.rowCount() == len(data.evidence)
    # The second read does not start the case's cross-reference report again.
    qtbot.waitUntil(lambda: big_window.case_data is not None and big_window.case_data.report is not None)
    assert reports == [case_id]


def test_a_reload_of_the_shown_case_reads_it_whole_at_once(
    qtbot: QtBot, big_window: MainWindow, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    with qtbot.waitSignal(big_window.sig_case_loaded, timeout=TIMEOUT):
        big_window.set_workspace(ws, case_id=case_id)
    rows: list[int] = []
    big_window.sig_case_shown.connect(
        lambda _case: rows.append(big_window.table("claims").record_model.rowCount())
    )
    with qtbot.waitSignal(big_window.sig_case_loaded, timeout=TIMEOUT):
        big_window.reload()
    # The views never shrink to a first look of a case already on screen.
    assert rows == [_case_claims(big_window)]


def test_the_oldest_claims_come_first_and_the_count_is_exact(demo_workspace: tuple[Workspace, int]) -> None:
    from ui.case_data import load_case_data

    ws, case_id = demo_workspace
    whole = load_case_data(ws, case_id, lambda *args: None)
    first = load_case_data(ws, case_id, lambda *args: None, claim_limit=FIRST)
    assert whole.complete and whole.claims_total is None
    assert not first.complete and first.claims_total == len(whole.claims)
    assert first.claims == whole.claims[:FIRST]
    # Everything else is the same snapshot; the first claims have all their links.
    assert (first.sources, first.evidence, first.testimonies) == (
        whole.sources,
        whole.evidence,
        whole.testimonies,
    )
    assert first.claim_links == {
        claim.id: whole.links_of(claim.id) for claim in first.claims if claim.id in whole.claim_links
    }
    assert first.claims_citing(whole.evidence[0].id) is None
    # A limit the case does not exceed gives the whole case.
    assert load_case_data(ws, case_id, lambda *args: None, claim_limit=len(whole.claims)).complete


@pytest.fixture
def last_claim(demo_workspace: tuple[Workspace, int]) -> int:
    """The demo case's newest claim: beyond a first look of its first claims."""
    ws, case_id = demo_workspace
    with ws.reading() as session:
        return claims.list_claims(session, case_id)[-1].id


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Workspace:
    """A workspace without cases (the window that shows it closes it)."""
    return Workspace.open(Settings(workspace=tmp_path / "empty", user="tester"))


def test_cancelling_the_second_read_keeps_the_first_look_and_f5_reads_the_whole_case(
    qtbot: QtBot, big_window: MainWindow, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    with qtbot.waitSignal(big_window.sig_case_shown, timeout=TIMEOUT):
        big_window.set_workspace(ws, case_id=case_id)
    rest = big_window._load
    assert rest is not None, "the second read was started"
    rest.cancel()
    qtbot.waitUntil(lambda: "F5" in big_window.statusBar().currentMessage(), timeout=TIMEOUT)
    assert big_window._load is None  # polling for others' changes goes on
    data = big_window.case_data
    assert data is not None and not data.complete
    with qtbot.waitSignal(big_window.sig_case_loaded, timeout=TIMEOUT):
        big_window.reload()
    assert big_window.case_data is not None and big_window.case_data.complete


def test_a_claim_beyond_the_first_look_is_selected_once_it_arrives(
    qtbot: QtBot, last_claim: int, big_window: MainWindow, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    big_window.select_view("claims")
    big_window.show_record(case_id, "claims", last_claim)
    with qtbot.waitSignal(big_window.sig_case_loaded, timeout=TIMEOUT):
        big_window.set_workspace(ws, case_id=case_id)
    current = big_window.table("claims").current_record()
    assert current is not None and current.id == last_claim


def test_an_empty_workspace_opened_meanwhile_is_not_filled_by_the_old_read(
    qtbot: QtBot, empty_workspace: Workspace, big_window: MainWindow, demo_workspace: tuple[Workspace, int]
) -> None:
    ws, case_id = demo_workspace
    loaded: list[int] = []
    big_window.sig_case_loaded.connect(loaded.append)
    with qtbot.waitSignal(big_window.sig_case_shown, timeout=TIMEOUT):
        big_window.set_workspace(ws, case_id=case_id)  # the second read starts now
    with qtbot.waitSignal(big_window.sig_ready, timeout=TIMEOUT):
        big_window.set_workspace(empty_workspace)
    qtbot.wait(500)
    assert big_window.case_data is None and loaded == []
    assert big_window.table("claims").record_model.rowCount() == 0
