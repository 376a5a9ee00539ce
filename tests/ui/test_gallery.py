"""The evidence gallery's models and thumbnail loading: model tester, filters, 2,000 items."""

from __future__ import annotations

import io
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

import ui.widgets.thumbnails as thumbnails
from ui.gallery_data import PhotoFacts
from ui.models.gallery import EvidenceGalleryModel, GalleryFilterProxy, GalleryRoles
from ui.models.metadata import MetadataFilterProxy, MetadataTreeModel, group_raw
from ui.models.records import Roles
from ui.widgets.gallery import EvidenceGallery
from ui.widgets.thumbnails import ThumbnailLoader
from verifier import domain
from verifier.crossref.findings import Severity
from verifier.domain import EvidenceKind

T0 = datetime(2019, 2, 21, 8, 0, tzinfo=UTC)
TIMEOUT = 10_000


def _evidence(n: int, submitter: int | None = None) -> domain.Evidence:
    return domain.Evidence(
        id=n,
        case_id=1,
        kind=EvidenceKind.PHOTO,
        sha256=f"{n:064x}",
        size=1000 + n,
        media_type="image/jpeg",
        original_name=f"IMG_{n:05d}.jpg",
        received_at=T0 + timedelta(days=n % 30),
        submitted_by_id=submitter,
        notes="",
        arrival=None,
        original_folder="",
        caption=f"caption {n}",
        claimed_date="",
        claimed_place="",
        created_at=T0,
        updated_at=T0,
        version=1,
    )


def _facts(n: int) -> PhotoFacts:
    return PhotoFacts(
        capture_utc=T0 - timedelta(days=n % 10) if n % 3 else None,
        has_gps=n % 2 == 0,
        findings=n % 4,
        worst=Severity.WARNING if n % 4 else None,
    )


class _NoThumbs:
    """A thumbnail source that has nothing yet (the model asks, never waits)."""

    def __init__(self) -> None:
        self.requested: list[str] = []
        self._placeholder = QImage(16, 12, QImage.Format.Format_RGB32)

    def cached(self, sha256: str) -> QImage | None:
        return None

    def request(self, sha256: str) -> None:
        self.requested.append(sha256)

    def placeholder(self) -> QImage:
        return self._placeholder


def test_gallery_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    thumbs = _NoThumbs()
    model = EvidenceGalleryModel(thumbs, lambda sid: f"source {sid}")
    items = [_evidence(n, submitter=n % 3 or None) for n in range(1, 41)]
    model.set_items(items, {n: _facts(n) for n in range(1, 41)})
    qtmodeltester.check(model)
    proxy = GalleryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    qtmodeltester.check(proxy)
    proxy.set_submitter(1)
    proxy.set_gps_only(True)
    qtmodeltester.check(proxy)
    index = model.index(model.row_of(1), 0)  # rows are in received order, not the order given
    thumbs.requested.clear()
    assert index.data(Roles.RECORD_ID) == 1
    assert index.data(GalleryRoles.SHA256) == items[0].sha256
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QImage)  # the placeholder
    assert thumbs.requested == [items[0].sha256]


def test_gallery_filters_by_source_dates_gps_and_findings() -> None:
    model = EvidenceGalleryModel(None)
    model.set_items([_evidence(n, submitter=n % 3 or None) for n in range(1, 31)])
    model.set_facts({n: _facts(n) for n in range(1, 31)})
    proxy = GalleryFilterProxy()
    proxy.setSourceModel(model)

    def ids() -> set[int]:
        return {proxy.index(r, 0).data(Roles.RECORD_ID) for r in range(proxy.rowCount())}

    assert len(ids()) == 30
    proxy.set_submitter(2)
    assert ids() == {n for n in range(1, 31) if n % 3 == 2}
    proxy.set_submitter(None)
    proxy.set_gps_only(True)
    assert ids() == {n for n in range(1, 31) if n % 2 == 0}
    proxy.set_gps_only(False)
    proxy.set_findings_only(True)
    assert ids() == {n for n in range(1, 31) if n % 4}
    proxy.set_findings_only(False)
    # Capture date when known, else the day received.
    day = date(2019, 2, 21)
    proxy.set_date_range(day, day)
    expected = {
        n for n in range(1, 31) if ((_facts(n).capture_utc or (T0 + timedelta(days=n % 30))).date() == day)
    }
    assert ids() == expected and expected
    proxy.set_date_range(None, None)
    proxy.set_filter_text("img_00007")
    assert ids() == {7}
    assert proxy.is_filtering()


def test_metadata_tree_groups_like_exiftool_and_filters(qtmodeltester: ModelTester) -> None:
    raw = {
        "exif": {
            "GPS": {"GPSLatitude": [35.0, 47.0, 31.56], "GPSLatitudeRef": "N"},
            "IFD0": {"Make": "Samsung", "Model": "SM-J730F"},
            "ExifIFD": {"DateTimeOriginal": "2019:02:21 10:40:00"},
        },
        "xmp": {"xmp:CreatorTool": "Editor 1.0"},
        "iptc": {},
        "file": {"size": 10, "format": "jpeg", "embedded_thumbnail": None},
        "credentials": {"state": "absent", "actions": []},
        "warnings": [],
    }
    assert [name for name, _ in group_raw(raw)] == [
        "EXIF · IFD0",
        "EXIF · ExifIFD",
        "GPS",
        "XMP",
        "File",
        "Content Credentials (C2PA)",
    ]
    model = MetadataTreeModel()
    model.set_raw(raw)
    qtmodeltester.check(model)
    proxy = MetadataFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("samsung")
    assert proxy.rowCount() == 1
    group = proxy.index(0, 0)
    assert group.data() == "EXIF · IFD0"
    assert proxy.rowCount(group) == 1
    assert proxy.index(0, 1, group).data() == "Samsung"
    assert model.index(0, 1, model.index(2, 0)).data() == "35, 47, 31.56"


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 192), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_scrolling_2000_items_loads_lazily_and_never_decodes_on_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _jpeg((120, 90, 60))
    fetched: list[tuple[str, bool]] = []
    decoded: list[bool] = []
    real_decode = thumbnails.decode_thumbnail

    def fetch(sha: str) -> bytes:
        fetched.append((sha, threading.current_thread() is threading.main_thread()))
        return data

    def decode(raw: bytes, edge: int) -> QImage:
        decoded.append(threading.current_thread() is threading.main_thread())
        return real_decode(raw, edge)

    monkeypatch.setattr(thumbnails, "decode_thumbnail", decode)
    loader = ThumbnailLoader(fetch, edge=96, capacity=300)
    model = EvidenceGalleryModel(loader)
    loader.sig_loaded.connect(model.thumbnails_arrived)
    changes: list[int] = []
    model.dataChanged.connect(lambda *args: changes.append(1))
    model.set_items([_evidence(n) for n in range(1, 2001)])
    gallery = EvidenceGallery(model, edge=96)
    qtbot.addWidget(gallery)
    gallery.resize(900, 600)
    gallery.show()
    qtbot.waitExposed(gallery)

    def settled() -> None:
        assert loader.cache_size() > 0 and loader.pending() == 0

    qtbot.waitUntil(settled, timeout=TIMEOUT)
    first_screen = len(fetched)
    assert 0 < first_screen < 200  # only what is on screen (and a little more), not 2,000
    bar = gallery.view.verticalScrollBar()
    for fraction in (0.25, 0.5, 0.75, 1.0):
        bar.setValue(int(bar.maximum() * fraction))
        gallery.view.viewport().repaint()
        qtbot.waitUntil(settled, timeout=TIMEOUT)
    assert len(fetched) < 1000
    assert decoded and not any(decoded), "a thumbnail was decoded on the GUI thread"
    assert not any(on_gui for _, on_gui in fetched), "a thumbnail was read on the GUI thread"
    assert loader.cache_size() <= 300
    assert len(changes) < len(fetched)  # batched: far fewer repaints than pictures
    last = gallery.proxy.index(gallery.proxy.rowCount() - 1, 0)
    assert last.data(GalleryRoles.THUMB_LOADED)
    loader.shutdown()


def test_gallery_sorts_by_received_time() -> None:
    model = EvidenceGalleryModel(None)
    model.set_items([_evidence(n) for n in (5, 2, 9, 1)])
    proxy = GalleryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    received = [proxy.index(r, 0).data(Roles.RECORD).received_at for r in range(proxy.rowCount())]
    assert received == sorted(received)
