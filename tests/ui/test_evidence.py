"""The Evidence tab on the demo case: import by drop and by menu, gallery, viewer, ELA, export."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ui.dialogs.import_photos import ImportDialog
from ui.gallery_data import PhotoView
from ui.main_window import MainWindow
from ui.models.gallery import GalleryRoles
from ui.models.records import Roles
from verifier.intake.metadata import extract_metadata
from verifier.services.intake import ImportReport, Provenance

TIMEOUT = 10_000


def _photo(path: Path, colour: tuple[int, int, int], make: str = "TestCam") -> Path:
    exif = Image.Exif()
    exif[0x010F] = make  # Make
    exif[0x0110] = "Model 1"  # Model
    image = Image.new("RGB", (320, 240), colour)
    for x in range(0, 320, 16):  # some texture so the two pictures differ in more than colour
        image.paste((255 - colour[0], colour[1], x % 255), (x, (x * 3) % 200, x + 8, (x * 3) % 200 + 30))
    image.save(path, "JPEG", quality=88, exif=exif)
    return path


def _drop(window: MainWindow, paths: list[Path]) -> ImportDialog:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)  # what Qt calls when files are dropped on the window
    assert event.isAccepted()
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _evidence_id(window: MainWindow, name_prefix: str) -> int:
    data = window.case_data
    assert data is not None
    return next(e.id for e in data.evidence if e.original_name.startswith(name_prefix))


def test_drop_two_photos_and_a_text_file_imports_two_and_refuses_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    first = _photo(folder / "market.jpg", (200, 40, 40))
    second = _photo(folder / "bridge.jpg", (30, 90, 200))
    note = folder / "notes.txt"
    note.write_text("not a photo", encoding="utf-8")
    before = window.table("evidence").record_model.rowCount()

    dialog = _drop(window, [first, second, note])
    assert dialog.paths() == [first, second, note]
    villager = dialog.source_combo.findText("Villager (photos)")
    assert villager > 0
    dialog.source_combo.setCurrentIndex(villager)
    dialog.caption_edit.setPlainText("Two more from today")
    reports: list[object] = []
    window.sig_import_finished.connect(reports.append)
    with qtbot.waitSignals([window.sig_import_finished, window.sig_case_loaded], timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = reports[0]
    assert isinstance(report, ImportReport)
    assert len(report.imported) == 2 and len(report.failed) == 1
    shown = window.import_report_dialog
    assert shown is not None and shown.isVisible()
    refused = shown.lines("refused")
    assert [Path(line.path).name for line in refused] == ["notes.txt"]
    assert refused[0].message  # the reason, in words
    assert len(shown.lines("imported")) == 2
    assert "2 imported" in shown.summary_label.text()
    # The case reloaded: the table and the gallery both show the new photos with their provenance.
    assert window.table("evidence").record_model.rowCount() == before + 2
    new = [e for e in window.gallery_model.items() if e.original_name in {"market.jpg", "bridge.jpg"}]
    assert len(new) == 2
    assert {e.caption for e in new} == {"Two more from today"}


def test_gallery_shows_thumbnails_and_follows_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    window.select_view("evidence")
    window.evidence_pane.set_mode("gallery")
    gallery = window.gallery
    assert gallery.proxy.rowCount() == window.table("evidence").proxy.rowCount() > 0

    def all_loaded() -> None:
        for row in range(gallery.proxy.rowCount()):
            assert gallery.proxy.index(row, 0).data(GalleryRoles.THUMB_LOADED)

    gallery.view.viewport().update()
    qtbot.waitUntil(all_loaded, timeout=TIMEOUT)
    target = _evidence_id(window, "IMG_2017")
    assert gallery.select_record(target)
    assert window.table("evidence").current_record().id == target
    assert "IMG_20170611_171533.jpg" in window.detail.toPlainText()


def test_gallery_filters_on_facts_read_in_the_background(qtbot: QtBot, window: MainWindow) -> None:
    gallery = window.gallery
    if not any(gallery.proxy.index(r, 0).data(GalleryRoles.HAS_GPS) for r in range(gallery.proxy.rowCount())):
        with qtbot.waitSignal(window.sig_gallery_facts, timeout=TIMEOUT):
            pass
    gallery.gps_check.setChecked(True)
    names = {
        gallery.proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(gallery.proxy.rowCount())
    }
    assert names == {"IMG_20190221_104012.jpg", "IMG_20170611_171533.jpg"}
    gallery.gps_check.setChecked(False)
    gallery.source_combo.setCurrentIndex(gallery.source_combo.findText("Staff photographer"))
    assert all(
        gallery.proxy.index(r, 0).data(Roles.RECORD).submitted_by_id == gallery.source_combo.currentData()
        for r in range(gallery.proxy.rowCount())
    )
    assert "shown" in gallery.count_label.text()


def _open_viewer(qtbot: QtBot, window: MainWindow, prefix: str) -> tuple[object, PhotoView]:
    evidence_id = _evidence_id(window, prefix)
    with qtbot.waitSignal(window.sig_photo_shown, timeout=TIMEOUT) as shown:
        viewer = window.open_photo(evidence_id)
    assert viewer is not None
    qtbot.addWidget(viewer)
    photo = shown.args[0]
    assert isinstance(photo, PhotoView)
    return viewer, photo


def test_viewer_shows_metadata_summary_and_findings_of_the_contradicting_photo(
    qtbot: QtBot, window: MainWindow
) -> None:
    viewer, photo = _open_viewer(qtbot, window, "IMG_2017")
    assert photo.image is not None and photo.image.width() == 1600
    groups = viewer.metadata_model.group_names()  # type: ignore[attr-defined]
    assert groups[:3] == ["EXIF · IFD0", "EXIF · ExifIFD", "GPS"]
    assert "File" in groups and "Content Credentials (C2PA)" in groups
    text = viewer.summary.toPlainText()  # type: ignore[attr-defined]
    assert "2017-06-11 14:15" in text  # UTC
    assert "2017-06-11 17:15:00 +03:00" in text  # the camera clock
    assert "OffsetTimeOriginal" in text  # where the zone came from
    assert "Samsung SM-G930F" in text
    assert "35.23" in text and "precision not recorded" in text
    assert "No Content Credentials embedded" in text
    assert "Villager (photos)" in text and "The same men this morning" in text
    assert "place.photo_outside_claim_place" in text and "Warning" in text
    # The filter box narrows the tree to matching tags, groups kept.
    viewer.metadata_filter.setText("serial")  # type: ignore[attr-defined]
    proxy = viewer.metadata_proxy  # type: ignore[attr-defined]
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "EXIF · ExifIFD"
    # Zoom and fit.
    view = viewer.image_view  # type: ignore[attr-defined]
    fitted = view.zoom()
    viewer.act_zoom_in.trigger()  # type: ignore[attr-defined]
    assert view.zoom() == pytest.approx(fitted * 1.25)
    viewer.act_fit.trigger()  # type: ignore[attr-defined]
    assert view.is_fitted() and view.zoom() == pytest.approx(fitted)


def test_ela_overlay_is_computed_in_the_background(qtbot: QtBot, window: MainWindow) -> None:
    viewer, _ = _open_viewer(qtbot, window, "IMG_2019")
    with qtbot.waitSignal(viewer.sig_ela_ready, timeout=TIMEOUT):  # type: ignore[attr-defined]
        viewer.act_ela.trigger()  # type: ignore[attr-defined]
    overlay = viewer.image_view.overlay_item  # type: ignore[attr-defined]
    assert overlay.isVisible() and not overlay.pixmap().isNull()
    viewer.act_ela.trigger()  # type: ignore[attr-defined]
    assert not overlay.isVisible()


def test_sanitized_export_writes_a_copy_without_metadata(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    viewer, photo = _open_viewer(qtbot, window, "IMG_2017")
    ws = window.workspace
    assert ws is not None
    original = ws.vault.read_bytes(photo.item.sha256)
    target = tmp_path / "clean.jpg"
    with qtbot.waitSignal(viewer.sig_exported, timeout=TIMEOUT) as exported:  # type: ignore[attr-defined]
        viewer.export_sanitized(target)  # type: ignore[attr-defined]
    assert exported.args == [target]
    data = target.read_bytes()
    found = extract_metadata(data, label="clean.jpg")
    assert not any(found.exif.values()) and not found.xmp and not found.iptc
    assert found.summary.gps_latitude is None and found.summary.make is None
    assert (
        hashlib.sha256(ws.vault.read_bytes(photo.item.sha256)).digest() == hashlib.sha256(original).digest()
    )
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1600, 1200)


def test_cancelled_import_stops_and_reports_what_was_not_started(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    paths = [_photo(folder / f"p{n:02d}.jpg", (n * 9 % 255, 80, 140)) for n in range(24)]
    with qtbot.waitSignal(window.sig_import_finished, timeout=60_000) as finished:
        handle = window.start_import(paths, Provenance())
        assert handle is not None
        assert window.start_import(paths, Provenance()) is None  # one import at a time
        assert window._shown_task is handle  # the status bar's Cancel button stops it
        window.cancel_task()
    report = finished.args[0]
    assert isinstance(report, ImportReport)
    assert report.not_started > 0
    assert len(report.imported) + report.not_started + len(report.failed) == len(paths)
    assert window.import_report_dialog is not None
    assert "not started" in window.import_report_dialog.summary_label.text()


def test_drop_without_files_is_ignored(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just text")
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert not event.isAccepted()
    assert not [d for d in window.findChildren(ImportDialog) if d.isVisible()]
