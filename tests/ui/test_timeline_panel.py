"""The Timeline view on the demo case: one UTC axis, vague times as bars, conflicts in red."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest

from tests.ui.support import off_gui
from ui.case_data import CaseData, load_case_data
from ui.tasks import TaskRunner
from ui.widgets.timeline_axis import STEPS, Step, choose_step, ticks
from ui.widgets.timeline_panel import CLAIMS, EVIDENCE, GUTTER, TESTIMONIES, MarkItem, TimelinePanel
from verifier.crossref.engine import CaseReport
from verifier.services import crossref
from verifier.services.intake import PhotoPosition
from verifier.services.workspace import Workspace

TIMEOUT = 15_000


@pytest.fixture
def data(demo_workspace: tuple[Workspace, int]) -> CaseData:
    ws, case_id = demo_workspace
    return off_gui(lambda: load_case_data(ws, case_id, lambda *args: None))


@pytest.fixture
def report(demo_workspace: tuple[Workspace, int]) -> CaseReport:
    ws, case_id = demo_workspace

    def compute() -> CaseReport:
        with ws.reading() as session:
            return crossref.case_report(session, case_id)

    return off_gui(compute)


@pytest.fixture
def panel(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    data: CaseData,
    db_calls: list[tuple[str, bool]],
) -> TimelinePanel:
    ws, _ = demo_workspace
    shown = TimelinePanel(runner)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    shown.set_workspace(ws)
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(data)
    assert any(name == "reading" for name, _ in db_calls), "photo times are read in a task"
    return shown


def evidence_id(data: CaseData, prefix: str) -> int:
    return next(e.id for e in data.evidence if e.original_name.startswith(prefix))


def claim_id(data: CaseData, words: str) -> int:
    return next(c.id for c in data.claims if words in c.statement)


def only(panel: TimelinePanel, kind: str, record_id: int, role: str) -> MarkItem:
    found = [item for item in panel.marks_of(kind, record_id) if item.mark.role == role]
    assert len(found) == 1, (kind, record_id, role, found)
    return found[0]


def centre_of(panel: TimelinePanel, item: MarkItem) -> QPoint:
    rect = item.sceneBoundingRect()
    return panel.view.mapFromScene(rect.center())


def test_claims_periods_are_bars_and_exact_times_are_ticks(panel: TimelinePanel, data: CaseData) -> None:
    mid_march = only(panel, CLAIMS, claim_id(data, "truffle"), "period")
    feb_21 = only(panel, CLAIMS, claim_id(data, "daylight"), "period")
    when = next(c.when for c in data.claims if c.id == mid_march.record_id)
    assert when is not None
    # The bar covers the claimed ten days: 2019-03-11 00:00 +03:00 to 2019-03-21 00:00 +03:00.
    assert mid_march.pos().x() == pytest.approx(panel.x_of(when.start), abs=0.5)
    assert mid_march.width == pytest.approx(panel.x_of(when.end) - panel.x_of(when.start), abs=0.5)
    assert when.start == datetime(2019, 3, 10, 21, 0, tzinfo=UTC)
    assert feb_21.pos().x() < mid_march.pos().x()
    for testimony in data.testimonies:
        tick = only(panel, TESTIMONIES, testimony.id, "moment")
        assert not tick.mark.is_span
        assert tick.pos().x() == pytest.approx(panel.x_of(testimony.taken_at or datetime.min), abs=0.5)
    # Claims without a time are counted, not drawn.
    undated = [c for c in data.claims if c.when is None]
    assert undated and all(not panel.marks_of(CLAIMS, c.id) for c in undated)
    assert f"{len(undated)} claims without a time" in panel.status.text()


def test_photo_rows_show_camera_clock_gps_time_and_receipt(panel: TimelinePanel, data: CaseData) -> None:
    old = evidence_id(data, "IMG_2017")
    camera = only(panel, EVIDENCE, old, "camera")
    gps = only(panel, EVIDENCE, old, "gps")
    received = only(panel, EVIDENCE, old, "received")
    taken = datetime(2017, 6, 11, 14, 15, tzinfo=UTC)  # 17:15 at +03:00 on the camera clock
    assert camera.mark.start == taken and not camera.mark.is_span
    assert gps.mark.start == taken
    assert "Camera clock 2017-06-11 17:15:00" in camera.tooltip_text()
    assert "GPS" in gps.tooltip_text()
    assert received.pos().x() > camera.pos().x() + 100  # received twenty months later
    # A forwarded photo without metadata still shows when it arrived, and says it has no time.
    stripped = evidence_id(data, "photo_2019")
    assert [item.mark.role for item in panel.marks_of(EVIDENCE, stripped)] == ["received"]
    label = next(lbl for lbl in panel.row_labels if lbl.kind == EVIDENCE and lbl.record_id == stripped)
    assert "No capture time" in label.tooltip_text()


def test_contradicting_photo_is_drawn_as_a_conflict(
    panel: TimelinePanel, data: CaseData, report: CaseReport
) -> None:
    old, fitting = evidence_id(data, "IMG_2017"), evidence_id(data, "IMG_2019")
    daylight = claim_id(data, "daylight")
    assert panel.conflicting() == set()
    assert "Findings not computed yet" in panel.status.text()
    panel.show_findings(report)
    assert (EVIDENCE, old) in panel.conflicting()
    assert (CLAIMS, daylight) in panel.conflicting()
    assert (EVIDENCE, fitting) not in panel.conflicting()  # taken within the claimed day
    camera = only(panel, EVIDENCE, old, "camera")
    assert camera.conflict
    outside = next(f for f in report.findings if f.rule == "time.capture_outside_claim")
    assert html.escape(outside.explanation, quote=False) in camera.tooltip_text()
    assert "Time findings:" in camera.tooltip_text()
    # Findings of other families (place, sun...) are not listed on the timeline.
    assert not any(
        html.escape(f.explanation, quote=False) in camera.tooltip_text()
        for f in report.findings
        if f.family == "place"
    )
    label = next(lbl for lbl in panel.row_labels if lbl.kind == EVIDENCE and lbl.record_id == old)
    assert label.brush().color().name() == "#c0392b"
    assert "2 records with a time conflict" in panel.status.text()


def test_findings_before_the_photo_times_still_mark_the_photo(
    qtbot: QtBot, panel: TimelinePanel, data: CaseData, report: CaseReport
) -> None:
    panel.show_findings(report)
    with qtbot.waitSignal(panel.sig_drawn, timeout=TIMEOUT):
        panel.show_case(data)  # a reload: the photo times are read again
    assert (EVIDENCE, evidence_id(data, "IMG_2017")) in panel.conflicting()


def test_clicking_items_names_their_records(qtbot: QtBot, panel: TimelinePanel, data: CaseData) -> None:
    truffle = claim_id(data, "truffle")
    bar = only(panel, CLAIMS, truffle, "period")
    panel.zoom(6, panel.x_of(bar.mark.start))  # a bar wide enough to click squarely
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as picked:
        QTest.mouseClick(
            panel.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            centre_of(panel, bar),
        )
    assert picked.args == [CLAIMS, truffle]
    photo = evidence_id(data, "IMG_2017")
    label = next(lbl for lbl in panel.row_labels if lbl.kind == EVIDENCE and lbl.record_id == photo)
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as by_label:
        point = panel.view.mapFromScene(label.sceneBoundingRect().center())
        QTest.mouseClick(
            panel.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
    assert by_label.args == [EVIDENCE, photo]
    panel.fit_all()
    received = only(panel, EVIDENCE, photo, "received")
    with qtbot.waitSignal(panel.sig_open, timeout=TIMEOUT) as opened:
        QTest.mouseDClick(
            panel.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            centre_of(panel, received),
        )
    assert opened.args == [EVIDENCE, photo]
    assert panel.select_record(TESTIMONIES, data.testimonies[0].id)
    assert not panel.select_record(CLAIMS, 10_000)


def test_zoom_keeps_the_instant_under_the_cursor_and_drag_pans(qtbot: QtBot, panel: TimelinePanel) -> None:
    x = GUTTER + 300
    before = panel.time_at(x)
    spp = panel.seconds_per_px
    panel.zoom(4, x)
    assert panel.seconds_per_px == pytest.approx(spp / 4)
    assert abs((panel.time_at(x) - before).total_seconds()) < spp
    start = panel.start
    viewport = panel.view.viewport()
    empty = QPoint(int(GUTTER + 200), viewport.height() - 10)  # below the last row
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty)
    QTest.mouseMove(viewport, empty + QPoint(120, 0))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty + QPoint(120, 0)
    )
    assert panel.start < start  # dragged right: earlier times come into view
    assert (start - panel.start).total_seconds() == pytest.approx(120 * panel.seconds_per_px, rel=0.05)
    panel.fit_all()
    first = min(i.mark.start for i in panel.items)
    last = max(i.mark.end for i in panel.items)
    width = panel.view.viewport().width()
    assert GUTTER < panel.x_of(first) < panel.x_of(last) < width


def test_fit_all_spans_the_case_and_bars_never_cover_row_names(panel: TimelinePanel) -> None:
    panel.zoom(2000, GUTTER + 400)
    for item in panel.items:
        if item.isVisible():
            assert item.sceneBoundingRect().left() >= GUTTER - 3, item.mark


@pytest.mark.parametrize(
    "span", [timedelta(hours=3), timedelta(days=2), timedelta(days=40), timedelta(days=900)]
)
def test_axis_labels_are_readable_at_any_zoom(panel: TimelinePanel, span: timedelta) -> None:
    width = panel.view.viewport().width() - GUTTER
    panel.seconds_per_px = span.total_seconds() / width
    panel.start = datetime(2019, 2, 20, 22, 0, tzinfo=UTC)
    panel.zoom(1.0)
    positions = [(x, tick) for x, tick in panel.tick_positions() if GUTTER <= x <= GUTTER + width]
    assert len(positions) >= 2
    metrics = QFontMetricsF(panel.view.font())
    for (x, tick), (next_x, _next) in pairwise(positions):
        assert tick.label
        assert next_x - x > metrics.horizontalAdvance(tick.label) + 6, (tick.label, next_x - x)
    # The first tick in view names its day, month or year so the labels can be read alone.
    if span < timedelta(days=1000):
        assert positions[0][1].context or positions[0][1].label.isdigit()


def test_axis_steps_and_calendar_ticks() -> None:
    assert choose_step(60.0) == Step("hour", 3)  # 3 h = 180 px
    assert choose_step(1.0) == Step("minute", 5)
    assert choose_step(86400.0 * 4) == Step("year", 1)  # a year = 91 px
    assert choose_step(86400.0 * 5) == Step("year", 2)  # a year would be 73 px
    found = list(ticks(datetime(2019, 1, 15, tzinfo=UTC), datetime(2019, 5, 2, tzinfo=UTC), Step("month", 1)))
    assert [t.at.month for t in found][:5] == [1, 2, 3, 4, 5]
    assert all(t.at.day == 1 and t.at.hour == 0 for t in found)
    assert [t.label for t in found][:3] == ["Jan", "Feb", "Mar"]
    assert found[0].context == "2019"
    hours = list(
        ticks(
            datetime(2019, 2, 21, 22, 10, tzinfo=UTC),
            datetime(2019, 2, 22, 4, 0, tzinfo=UTC),
            Step("hour", 3),
        )
    )
    assert [t.label for t in hours][:3] == ["21:00", "00:00", "03:00"]
    assert hours[1].context == "22 Feb 2019"
    assert STEPS == tuple(sorted(STEPS, key=lambda s: s.approx_seconds))


def test_uncertain_capture_time_is_a_bar(panel: TimelinePanel, data: CaseData) -> None:
    photo = evidence_id(data, "photo_2019")
    local = datetime(2019, 3, 2, 9, 12, tzinfo=UTC)
    position = PhotoPosition(
        photo,
        None,
        None,
        None,
        "2019-03-02T09:12:44",
        local - timedelta(hours=14),
        local + timedelta(hours=12),
        "unknown",
        None,
        local,
    )
    panel.show_photo_times((position,))
    camera = only(panel, EVIDENCE, photo, "camera")
    assert camera.mark.is_span
    assert "uncertain" in camera.tooltip_text()
    assert camera.width == pytest.approx(26 * 3600 / panel.seconds_per_px, abs=0.5)


def test_clear_empties_the_timeline(panel: TimelinePanel) -> None:
    panel.clear()
    assert panel.items == [] and panel.scene.items() == []


def test_hovering_a_mark_gives_it_its_tooltip(qtbot: QtBot, panel: TimelinePanel, data: CaseData) -> None:
    old = evidence_id(data, "IMG_2017")
    received = only(panel, EVIDENCE, old, "received")
    assert received.toolTip() == ""  # written when the pointer comes, not for every item up front
    QTest.mouseMove(panel.view.viewport(), centre_of(panel, received))
    qtbot.waitUntil(lambda: received.toolTip() != "", timeout=TIMEOUT)
    assert received.toolTip() == received.tooltip_text()
    assert "Received by the newsroom" in received.toolTip()
    label = next(lbl for lbl in panel.row_labels if lbl.kind == EVIDENCE and lbl.record_id == old)
    QTest.mouseMove(panel.view.viewport(), panel.view.mapFromScene(label.sceneBoundingRect().center()))
    qtbot.waitUntil(lambda: label.toolTip() != "", timeout=TIMEOUT)
    assert label.toolTip() == label.tooltip_text()


def big_case(data: CaseData, photos: int) -> tuple[CaseData, tuple[PhotoPosition, ...]]:
    """The demo case with thousands of photos more, each taken on a different hour."""
    model = data.evidence[0]
    first = max(e.id for e in data.evidence) + 1
    base = datetime(2019, 2, 1, tzinfo=UTC)
    evidence = tuple(
        replace(model, id=first + n, original_name=f"BULK_{n:05d}.jpg", received_at=base + timedelta(days=30))
        for n in range(photos)
    )
    times = tuple(
        PhotoPosition(
            first + n,
            None,
            None,
            None,
            (base + timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:%S"),
            base + timedelta(hours=n),
            base + timedelta(hours=n),
            "",
            None,
            base + timedelta(days=30),
        )
        for n in range(photos)
    )
    return replace(data, evidence=data.evidence + evidence), times


def test_a_large_case_is_drawn_in_slices_and_completely(
    qtbot: QtBot, runner: TaskRunner, data: CaseData, report: CaseReport
) -> None:
    photos = 3000
    big, times = big_case(data, photos)
    shown = TimelinePanel(runner)  # no workspace: the photo times are given below
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(big)
        assert shown.is_building()  # the first slice did not build it all
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_photo_times(times)
        shown.show_findings(report)  # arrives during the build
    assert shown.slices > 1 and not shown.is_building()
    rows = [c for c in big.claims if c.when is not None] + [t for t in big.testimonies if t.taken_at]
    assert len(shown.row_labels) == len(rows) + len(big.evidence)
    bulk = [e for e in big.evidence if e.original_name.startswith("BULK_")]
    for item in bulk[:: photos // 10] + bulk[-1:]:
        roles = sorted(mark.mark.role for mark in shown.marks_of(EVIDENCE, item.id))
        assert roles == ["camera", "received"], item.original_name
    last = only(shown, EVIDENCE, bulk[-1].id, "camera")
    assert last.scene() is shown.scene and last.isVisible()
    assert "BULK_02999.jpg" in last.tooltip_text()
    assert last.pos().x() == pytest.approx(shown.x_of(last.mark.start), abs=0.5)
    # The findings that came during the build reached the rows built before and after them.
    assert (EVIDENCE, evidence_id(data, "IMG_2017")) in shown.conflicting()
    assert (CLAIMS, claim_id(data, "daylight")) in shown.conflicting()
    assert "2 records with a time conflict" in shown.status.text()
    # Only this build's items are left in the scene once the earlier ones are deleted.
    qtbot.waitUntil(lambda: not shown._graveyard, timeout=TIMEOUT)
    marks = [i for i in shown.scene.items() if isinstance(i, MarkItem)]
    # One mark per dated claim and testimony, the receipt of each demo photo (no times given for
    # them), camera clock and receipt for each generated one.
    assert len(marks) == len(shown.items) == len(rows) + len(data.evidence) + 2 * photos


def test_a_newer_case_cancels_the_build_under_way(qtbot: QtBot, runner: TaskRunner, data: CaseData) -> None:
    big, _times = big_case(data, 3000)
    shown = TimelinePanel(runner)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    drawn: list[int] = []
    shown.sig_drawn.connect(lambda: drawn.append(len(shown.row_labels)))
    shown.show_case(big)
    assert shown.is_building()
    shown.show_case(data)  # small: drawn at once
    assert not shown.is_building()
    qtbot.wait(200)
    qtbot.waitUntil(lambda: not shown._graveyard, timeout=TIMEOUT)
    assert drawn == [len(shown.row_labels)]  # the big build never finished
    assert not any(lbl.full_text.startswith("BULK_") for lbl in shown.row_labels)
    assert len([i for i in shown.scene.items() if isinstance(i, MarkItem)]) == len(shown.items)


def test_a_pick_during_a_build_replaces_the_selection_it_would_restore(
    qtbot: QtBot, runner: TaskRunner, data: CaseData
) -> None:
    big, times = big_case(data, 3000)
    shown = TimelinePanel(runner)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(big)
    daylight = claim_id(data, "daylight")
    assert shown.select_record(CLAIMS, daylight)
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_photo_times(times)  # a new build, which would select the claim again at its end
        assert shown.is_building()
        picked = next(c.id for c in data.claims if c.id != daylight and c.when is not None)
        assert shown.select_record(CLAIMS, picked)
    selected = {(i.kind, i.record_id) for i in shown.scene.selectedItems() if isinstance(i, MarkItem)}
    assert selected == {(CLAIMS, picked)}
