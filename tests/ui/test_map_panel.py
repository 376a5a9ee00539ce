"""The Map view on the demo case: positions to scale, distances, picking, offline by default."""

from __future__ import annotations

import math
import random
import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextLayout, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QMessageBox,
    QPushButton,
)

from tests.ui.support import off_gui
from ui.case_data import CaseData, load_case_data
from ui.tasks import TaskRunner
from ui.widgets.map_items import CLAIMS, EVIDENCE, PLACES, TOWNS, MarkerItem
from ui.widgets.map_panel import MapExtras, MapPanel
from ui.widgets.map_projection import LocalProjection, centroid, format_distance, nice_length
from verifier.crossref.place import PRECISION_RADIUS_M
from verifier.domain import GeoPoint
from verifier.services.intake import PhotoPosition
from verifier.services.workspace import Workspace

TIMEOUT = 15_000


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Fail loudly on any outgoing connection or browser opening; yields the attempts."""
    attempts: list[object] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network use in a test of an offline view")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    def open_url(url: QUrl) -> bool:
        attempts.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    yield attempts


@pytest.fixture
def data(demo_workspace: tuple[Workspace, int]) -> CaseData:
    ws, case_id = demo_workspace
    return off_gui(lambda: load_case_data(ws, case_id, lambda *args: None))


@pytest.fixture
def panel(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_workspace: tuple[Workspace, int],
    data: CaseData,
    db_calls: list[tuple[str, bool]],
    no_network: list[object],
) -> MapPanel:
    ws, _ = demo_workspace
    shown = MapPanel(runner)
    qtbot.addWidget(shown)
    shown.resize(1000, 720)
    shown.show()
    shown.set_workspace(ws)
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(data)
    assert any(name == "reading" for name, _ in db_calls), "photo positions are read in a task"
    return shown


def place_id(data: CaseData, name: str) -> int:
    return next(p.id for p in data.places if p.name == name)


def evidence_id(data: CaseData, prefix: str) -> int:
    return next(e.id for e in data.evidence if e.original_name.startswith(prefix))


def marker(panel: MapPanel, kind: str, record_id: int) -> MarkerItem:
    found = panel.marker(kind, record_id)
    assert found is not None, f"{kind} {record_id} is not on the map"
    return found


def click(
    qtbot: QtBot, panel: MapPanel, item: MarkerItem, modifier: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    panel.view.ensureVisible(item.sceneBoundingRect(), 30, 30)
    centre = panel.view.mapFromScene(item.pos()) + QPoint(round(item.centre().x()), round(item.centre().y()))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def test_places_keep_their_relative_positions(panel: MapPanel, data: CaseData) -> None:
    names = ["Makhmour", "Ali Rash", "Qarachogh hills", "Gali Manjalan"]
    spots = {name: marker(panel, PLACES, place_id(data, name)).pos() for name in names}
    # West to east by longitude: 43.5798, 43.63, 43.66, 43.67.
    assert [n for n in sorted(names, key=lambda n: spots[n].x())] == names
    # North is up: the hills (35.86) above Gali (35.83), Ali Rash (35.80) and Makhmour (35.776).
    north_to_south = sorted(names, key=lambda n: spots[n].y())
    assert north_to_south == ["Qarachogh hills", "Gali Manjalan", "Ali Rash", "Makhmour"]
    # To scale: the projected distance matches the ellipsoid's within 0.2 %.
    a, b = (next(p for p in data.places if p.name == n) for n in ("Makhmour", "Gali Manjalan"))
    truth = GeoPoint(a.latitude or 0, a.longitude or 0).distance_m(
        GeoPoint(b.latitude or 0, b.longitude or 0)
    )
    drawn = math.dist(
        (spots["Makhmour"].x(), spots["Makhmour"].y()),
        (spots["Gali Manjalan"].x(), spots["Gali Manjalan"].y()),
    )
    assert drawn == pytest.approx(truth, rel=0.002)


def test_precision_circles_have_the_radius_of_the_precision(panel: MapPanel, data: CaseData) -> None:
    for place in data.places:
        found = marker(panel, PLACES, place.id)
        assert found.circle is not None
        assert found.circle.rect().width() == pytest.approx(2 * PRECISION_RADIUS_M[place.precision])
        assert found.circle.rect().center() == found.pos()


def test_photos_with_gps_are_drawn_and_the_others_are_counted(panel: MapPanel, data: CaseData) -> None:
    fitting = marker(panel, EVIDENCE, evidence_id(data, "IMG_2019"))
    recycled = marker(panel, EVIDENCE, evidence_id(data, "IMG_2017"))
    assert panel.marker(EVIDENCE, evidence_id(data, "photo_2019")) is None  # stripped metadata
    makhmour = marker(panel, PLACES, place_id(data, "Makhmour"))
    # The June 2017 photo was taken near Kirkuk, south-east of every place of the case.
    for place in data.places:
        spot = marker(panel, PLACES, place.id).pos()
        assert recycled.pos().x() > spot.x() and recycled.pos().y() > spot.y()
    assert math.dist((fitting.pos().x(), fitting.pos().y()), (makhmour.pos().x(), makhmour.pos().y())) < 5_000
    assert "2 photos without GPS are not shown" in panel.status.text()
    assert "claims without a located place" not in panel.status.text()  # every claim is placed


def test_claims_sit_at_their_places(panel: MapPanel, data: CaseData) -> None:
    for claim in data.claims:
        drawn = marker(panel, CLAIMS, claim.id)
        assert drawn.pos() == marker(panel, PLACES, claim.place_id or 0).pos()
    assert "6 claims" in panel.status.text()


def test_reference_towns_are_nearby_and_do_not_repeat_places(panel: MapPanel, data: CaseData) -> None:
    assert panel.extras is not None and panel.extras.towns
    names = {town.name for town in panel.extras.towns}
    assert "Kirkuk" in names or any("Kirk" in name for name in names)
    places = [GeoPoint(p.latitude or 0, p.longitude or 0) for p in data.places]
    for town in panel.extras.towns:
        here = GeoPoint(town.latitude, town.longitude)
        assert min(here.distance_m(p) for p in places) > 2_000
    panel.act_towns.trigger()
    assert not any(m.isVisible() for m in panel.markers if m.kind == TOWNS)


def test_picking_two_places_shows_their_geodesic_distance(
    qtbot: QtBot, panel: MapPanel, data: CaseData
) -> None:
    ali, gali = place_id(data, "Ali Rash"), place_id(data, "Gali Manjalan")
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as first:
        click(qtbot, panel, marker(panel, PLACES, ali))
    assert first.args == [PLACES, ali]
    assert panel.distance_text() == ""
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as second:
        click(qtbot, panel, marker(panel, PLACES, gali), Qt.KeyboardModifier.ControlModifier)
    assert second.args == [PLACES, gali]
    shown = re.fullmatch(r"([\d.]+) km", panel.distance_text())
    assert shown is not None, panel.distance_text()
    truth = GeoPoint(35.80, 43.63).distance_m(GeoPoint(35.83, 43.67))
    assert float(shown.group(1)) * 1000 == pytest.approx(truth, rel=0.01)
    assert "Ali Rash ↔ Gali Manjalan" in panel.status.text()
    # A plain click on another item starts again: no distance.
    click(qtbot, panel, marker(panel, PLACES, place_id(data, "Makhmour")))
    assert panel.distance_text() == "" and panel.distance_m is None


def test_clicking_a_photo_and_a_claim_names_their_records(
    qtbot: QtBot, panel: MapPanel, data: CaseData
) -> None:
    photo = evidence_id(data, "IMG_2017")
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as picked:
        click(qtbot, panel, marker(panel, EVIDENCE, photo))
    assert picked.args == [EVIDENCE, photo]
    with qtbot.waitSignal(panel.sig_open, timeout=TIMEOUT) as opened:
        item = marker(panel, EVIDENCE, photo)
        point = panel.view.mapFromScene(item.pos())
        QTest.mouseDClick(
            panel.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
    assert opened.args == [EVIDENCE, photo]
    claim = next(c for c in data.claims if "Gali Manjala" in c.statement)
    with qtbot.waitSignal(panel.sig_current, timeout=TIMEOUT) as picked_claim:
        click(qtbot, panel, marker(panel, CLAIMS, claim.id))
    assert picked_claim.args == [CLAIMS, claim.id]


def _answer_warning(button_text: str, seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    seen.append(box.text() + "\n" + box.informativeText())
    for button in box.findChildren(QPushButton):
        if button.text().replace("&", "") == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r}")


def test_online_map_opens_only_after_the_user_confirms(
    qtbot: QtBot, panel: MapPanel, data: CaseData, no_network: list[object]
) -> None:
    assert not panel.act_online.isEnabled()  # nothing selected
    assert not panel.open_online()
    panel.select_record(PLACES, place_id(data, "Makhmour"))
    assert panel.act_online.isEnabled()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_warning("Cancel", seen))
    assert not panel.open_online()
    assert no_network == [], "nothing may leave the machine without confirmation"
    assert "35.77630, 43.57980" in seen[0] and "leave this machine" in seen[0]
    QTimer.singleShot(0, lambda: _answer_warning("Open Online Map", seen))
    assert panel.open_online()
    assert len(no_network) == 1
    url = no_network[0]
    assert isinstance(url, QUrl)
    assert url.host() == "www.openstreetmap.org"
    assert "mlat=35.77630" in url.toString() and "mlon=43.57980" in url.toString()


def test_arabic_and_kurdish_names_render_with_real_glyphs(panel: MapPanel, data: CaseData) -> None:
    for name, script_word in (("Makhmour", "مخمور"), ("Qarachogh hills", "قەرەچووغ")):
        label = marker(panel, PLACES, place_id(data, name)).label
        assert label is not None and script_word in label.text()
        layout = QTextLayout(label.text(), label.font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        assert runs
        for run in runs:
            assert 0 not in run.glyphIndexes(), f"missing glyphs (boxes) in {label.text()!r}"


def test_labels_do_not_hide_each_other(panel: MapPanel) -> None:
    shown = [m.label for m in panel.markers if m.label is not None and m.label.isVisible() and m.isVisible()]
    assert len(shown) >= 6
    boxes = [label.sceneBoundingRect() for label in shown]
    rects = [panel.view.mapFromScene(box).boundingRect() for box in boxes]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            overlap = a.intersected(b)
            assert overlap.width() * overlap.height() <= 4, (a, b)
    # Every place keeps its name at the initial zoom.
    assert all(m.label is not None and m.label.isVisible() for m in panel.markers if m.kind == PLACES)


def test_wheel_zooms_and_fit_all_shows_everything(qtbot: QtBot, panel: MapPanel) -> None:
    QApplication.processEvents()  # the layout settles after the status text changed
    panel.fit_all()
    fitted = panel.view.scale_factor()
    at = QPointF(panel.view.viewport().rect().center())
    wheel = QWheelEvent(
        at,
        panel.view.viewport().mapToGlobal(at),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(panel.view.viewport(), wheel)
    assert panel.view.scale_factor() == pytest.approx(fitted * 1.25)
    panel.view.zoom_by(8)
    assert panel.view.scale_factor() == pytest.approx(fitted * 10)
    panel.fit_all()
    assert panel.view.scale_factor() == pytest.approx(fitted)
    visible = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    for item in panel.markers:
        if item.kind != TOWNS:
            assert visible.contains(item.pos())
    panel.view.zoom_by(1e9)
    assert panel.view.scale_factor() <= 2.0


def test_positioning_error_is_a_circle_in_metres(panel: MapPanel, data: CaseData) -> None:
    photo = evidence_id(data, "IMG_2019")
    moment = datetime(2019, 2, 21, 7, 40, tzinfo=UTC)
    position = PhotoPosition(photo, 35.7921, 43.6188, 35.0, "", moment, moment, "offset_tag", moment, moment)
    panel.show_extras(MapExtras((position,), ()))
    drawn = marker(panel, EVIDENCE, photo)
    assert drawn.circle is not None and drawn.circle.rect().width() == pytest.approx(70.0)
    assert "±35 m" in drawn.toolTip()


def test_projection_round_trip_and_helpers() -> None:
    centre = centroid([GeoPoint(35.7763, 43.5798), GeoPoint(35.2301, 44.2011)])
    assert centre is not None
    projection = LocalProjection(centre)
    for point in (GeoPoint(35.86, 43.66), GeoPoint(35.2301, 44.2011), centre):
        x, y = projection.project(point)
        back = projection.unproject(x, y)
        assert back.distance_m(point) < 0.01
        assert math.hypot(x, y) == pytest.approx(centre.distance_m(point), abs=0.01)
    east_x, east_y = projection.project(GeoPoint(centre.latitude, centre.longitude + 0.1))
    assert east_x > 0 and abs(east_y) < east_x * 0.01
    assert nice_length(140.0) == 100.0 and nice_length(4_800.0) == 2_000.0 and nice_length(60_000) == 50_000
    assert format_distance(850) == "850 m" and format_distance(4_905.3) == "4.91 km"
    assert centroid([]) is None


def test_clear_empties_the_map(panel: MapPanel) -> None:
    panel.clear()
    assert panel.markers == [] and panel.scene.items() == []


def test_a_photo_picked_before_its_position_arrived_is_selected_once_drawn(
    qtbot: QtBot, runner: TaskRunner, demo_workspace: tuple[Workspace, int], data: CaseData
) -> None:
    ws, _ = demo_workspace
    shown = MapPanel(runner)
    qtbot.addWidget(shown)
    shown.set_workspace(ws)
    photo = evidence_id(data, "IMG_2017")
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(data)
        assert not shown.select_record(EVIDENCE, photo)  # not drawn yet
    assert [(m.kind, m.record_id) for m in shown.picked()] == [(EVIDENCE, photo)]
    assert not shown.select_record(EVIDENCE, 10_000)


def test_the_window_shows_map_and_timeline_after_places(
    qtbot: QtBot, window: Any, no_network: list[object]
) -> None:
    tabs = window.tabs
    places_index = tabs.indexOf(window.table("places"))
    assert places_index >= 0
    map_panel, timeline = window.panels["map"], window.panels["timeline"]
    assert tabs.indexOf(map_panel) == places_index + 1 and tabs.tabText(tabs.indexOf(map_panel)) == "Map"
    assert tabs.indexOf(timeline) == places_index + 2 and tabs.tabText(tabs.indexOf(timeline)) == "Timeline"
    data = window.case_data
    window.select_view("map")
    qtbot.waitUntil(lambda: map_panel.extras is not None, timeout=TIMEOUT)
    map_panel.select_record(PLACES, place_id(data, "Gali Manjalan"))
    assert "Gali Manjala" in window.detail.toPlainText()
    window.select_view("timeline")
    qtbot.waitUntil(lambda: timeline.report is not None and timeline.photo_times is not None, timeout=TIMEOUT)
    photo = evidence_id(data, "IMG_2017")
    assert (EVIDENCE, photo) in timeline.conflicting()
    timeline.select_record(EVIDENCE, photo)
    assert "IMG_20170611_171533.jpg" in window.detail.toPlainText()
    assert no_network == []


def _labels_overlap(panel: MapPanel) -> list[tuple[QRect, QRect]]:
    shown = [m.label for m in panel.markers if m.label is not None and m.label.isVisible() and m.isVisible()]
    rects = [panel.view.mapFromScene(label.sceneBoundingRect()).boundingRect() for label in shown]
    overlapping = []
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            overlap = a.intersected(b)
            if overlap.width() * overlap.height() > 4:
                overlapping.append((a, b))
    return overlapping


def test_a_large_case_is_drawn_whole_over_several_turns_of_the_event_loop(
    qtbot: QtBot, runner: TaskRunner, data: CaseData
) -> None:
    count = 4000
    rng = random.Random(7)
    generated = tuple(
        replace(data.evidence[0], id=100_000 + number, original_name=f"GEN_{number:05d}.jpg")
        for number in range(count)
    )
    big = replace(data, evidence=data.evidence + generated)
    moment = datetime(2019, 2, 21, 7, 40, tzinfo=UTC)
    positions = tuple(
        PhotoPosition(
            photo.id,
            35.70 + rng.random() * 0.2,
            43.50 + rng.random() * 0.25,
            float(5 + number % 300),
            "",
            moment,
            moment,
            "offset_tag",
            moment,
            moment,
        )
        for number, photo in enumerate(generated)
    )
    shown = MapPanel(runner)  # no workspace: the photo positions are given below
    qtbot.addWidget(shown)
    shown.resize(1000, 720)
    shown.show()
    with qtbot.waitSignal(shown.sig_drawn, timeout=TIMEOUT):
        shown.show_case(big)
    with qtbot.waitSignal(shown.sig_drawn, timeout=120_000):
        shown.show_extras(MapExtras(positions, ()))
        # Not in one go: the window answers between slices of markers.
        assert shown.building()
        assert len([m for m in shown.markers if m.kind == EVIDENCE]) < count
        assert shown.select_record(EVIDENCE, generated[-1].id) is False  # picked once drawn
    assert not shown.building()
    qtbot.waitUntil(shown.labels_ready, timeout=60_000)
    assert len([m for m in shown.markers if m.kind == EVIDENCE]) == count
    assert f"{count} photos with GPS" in shown.status.text()
    assert [(m.kind, m.record_id) for m in shown.picked()] == [(EVIDENCE, generated[-1].id)]
    projection = shown.projection
    assert projection is not None
    for position in positions[::97]:
        assert position.latitude is not None and position.longitude is not None
        assert position.error_m is not None
        drawn = marker(shown, EVIDENCE, position.evidence_id)
        x, y = projection.project(GeoPoint(position.latitude, position.longitude))
        assert drawn.pos().x() == pytest.approx(x) and drawn.pos().y() == pytest.approx(y)
        assert drawn.circle is not None
        assert drawn.circle.rect().width() == pytest.approx(2 * position.error_m)
        name = f"GEN_{position.evidence_id - 100_000:05d}.jpg"
        assert drawn.toolTip() == (
            f"{name}\nGPS {position.latitude:.5f}, {position.longitude:.5f} · "
            f"positioning error ±{format_distance(position.error_m)}\nDouble-click to open the photo"
        )
    # Qt itself is given the tooltip when the pointer enters the marker.
    hovered = marker(shown, EVIDENCE, positions[0].evidence_id)
    assert QGraphicsItem.toolTip(hovered) == ""
    hovered.hoverEnterEvent(QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverEnter))
    assert QGraphicsItem.toolTip(hovered) == hovered.toolTip()
    # Labels: the picked photo keeps its own, none hides another.
    picked = marker(shown, EVIDENCE, generated[-1].id)
    assert picked.label is not None and picked.label.isVisible()
    assert _labels_overlap(shown) == []
    # A zoom step lays them out again, also in slices, with the same rules.
    shown.view.zoom_by(3)
    assert not shown.labels_ready()
    qtbot.waitUntil(shown.labels_ready, timeout=60_000)
    assert _labels_overlap(shown) == []
    assert sum(1 for m in shown.markers if m.label is not None and m.label.isVisible()) > 20
