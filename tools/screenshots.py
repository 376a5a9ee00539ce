"""Render each main view of the demo case to PNG, offscreen, for the README and for review.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 1400x900]
    .venv/bin/python tools/screenshots.py --lang ar --only 03-claims   # Arabic, right to left

The demo case is built in a temporary workspace (never the user's), through the same path the
app uses (``MainWindow.open_workspace(..., demo_case=True)``). For each view a meaningful record
is selected so the detail pane shows something, then the window is grabbed. The steps run from
timers on the event loop, so layout and painting happen exactly as in the app.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image as PILImage  # noqa: E402

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402 - after the platform is chosen
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ui import errors, qtlog  # noqa: E402
from ui.app import LANGUAGES, install_translations, locale_for  # noqa: E402
from ui.case_data import CaseData  # noqa: E402
from ui.dialogs.photo_viewer import PhotoViewerDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.models.gallery import GalleryRoles  # noqa: E402
from ui.settings import UiSettings  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402
from verifier.settings import Settings  # noqa: E402

Pick = Callable[[CaseData], int | None]


@dataclass(frozen=True)
class Shot:
    """One picture: which view, which record to select, and an optional filter text."""

    name: str
    view: str
    pick: Pick
    filter_text: str = ""
    gallery: bool = False  # the Evidence tab in thumbnail mode
    viewer: str = ""  # open the photo viewer and grab it: "summary", "metadata" or "ela"
    editor: bool = False  # open the record's editor (sources, testimonies) and grab it
    kind: str = ""  # for a panel view (map, timeline): the kind of record ``pick`` names


def _first(items: Any, test: Callable[[Any], bool], key: Callable[[Any], int]) -> int | None:
    return next((key(item) for item in items if test(item)), None)


def _hama_testimony(data: CaseData) -> int | None:
    hama = _first(data.sources, lambda s: s.alias == "Hama", lambda s: s.id)
    return _first(data.testimonies, lambda t: t.source_id == hama, lambda t: t.id)


def _contradicting_photo(data: CaseData) -> int | None:
    return _first(data.evidence, lambda e: e.original_name.startswith("IMG_2017"), lambda e: e.id)


def _daylight_claim(data: CaseData) -> int | None:
    return _first(data.claims, lambda c: "daylight" in c.statement, lambda c: c.id)


def _fitting_photo(data: CaseData) -> int | None:
    return _first(data.evidence, lambda e: e.original_name.startswith("IMG_2019"), lambda e: e.id)


SHOTS = [
    Shot("01-sources", "sources", lambda d: _first(d.sources, lambda s: s.alias == "Hama", lambda s: s.id)),
    Shot("02-testimonies", "testimonies", _hama_testimony),
    Shot(
        "03-claims",
        "claims",
        lambda d: _first(d.claims, lambda c: "daylight" in c.statement, lambda c: c.id),
    ),
    Shot(
        "04-evidence",
        "evidence",
        lambda d: _first(d.evidence, lambda e: e.original_name.startswith("IMG_2017"), lambda e: e.id),
    ),
    Shot("05-places", "places", lambda d: _first(d.places, lambda p: p.name == "Makhmour", lambda p: p.id)),
    Shot(
        "06-audit-log",
        "audit",
        lambda d: _first(d.audit, lambda a: a.action.value == "update", lambda a: a.seq),
    ),
    Shot(
        "07-filter",
        "claims",
        lambda d: _first(d.claims, lambda c: "Ali Rash" in c.statement, lambda c: c.id),
        filter_text="ali rash",
    ),
    Shot("08-gallery", "evidence", _contradicting_photo, gallery=True),
    Shot("09-viewer-summary", "evidence", _contradicting_photo, viewer="summary"),
    Shot("10-viewer-metadata", "evidence", _contradicting_photo, viewer="metadata"),
    Shot("11-viewer-ela", "evidence", _fitting_photo, viewer="ela"),
    Shot(
        "12-source-editor",
        "sources",
        lambda d: _first(d.sources, lambda s: s.alias == "Hama", lambda s: s.id),
        editor=True,
    ),
    Shot("13-testimony-editor", "testimonies", _hama_testimony, editor=True),
    Shot("20-map", "map", _contradicting_photo, kind="evidence"),
    Shot("21-timeline", "timeline", _contradicting_photo, kind="evidence"),
    Shot("14-claims-board", "board", _daylight_claim, kind="claims"),
    Shot("15-findings", "findings", _contradicting_photo, kind="evidence"),
    Shot(
        "16-claim-corroboration",
        "claims",
        lambda d: _first(d.claims, lambda c: "two positions" in c.statement, lambda c: c.id),
    ),
]


def _save_small_png(image: QImage, path: Path) -> bool:
    """Save as a palette PNG: a UI has few colours, and the README wants pictures under 200 KB.

    Pillow (a core dependency) quantises better than Qt's 8-bit conversion, which dithers text.
    """
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    pixels = bytes(rgb.constBits())
    full = PILImage.frombuffer("RGB", (rgb.width(), rgb.height()), pixels, "raw", "RGB", rgb.bytesPerLine())
    small = full.quantize(colors=256, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE)
    try:
        small.save(path, optimize=True)
    except OSError as exc:
        print(f"Could not write {path}: {exc}", file=sys.stderr)
        return False
    return True


class ScreenshotSession:
    """Drives the window through the shots, one event-loop turn apart, then quits the app."""

    def __init__(self, app: QApplication, window: MainWindow, out: Path, shots: list[Shot]) -> None:
        self._app = app
        self._window = window
        self._out = out
        self._shots = list(shots)
        self.written: list[Path] = []
        self.failed = False
        self._viewer: PhotoViewerDialog | None = None
        self._editor: QWidget | None = None
        self._waited = 0

    def start(self) -> None:
        if self._window.case_data is None:
            print("The demo case did not load; see the log above.", file=sys.stderr)
            self.failed = True
            self._app.quit()
            return
        if self._window.case_data.report is None:
            # Findings, corroboration counts and claim chains come with the case's report.
            self._window.sig_report_ready.connect(
                lambda _case: QTimer.singleShot(0, self._next), Qt.ConnectionType.SingleShotConnection
            )
            return
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if not self._shots:
            self._window.close()
            self._app.quit()
            return
        shot = self._shots[0]
        window = self._window
        window.filter_edit.setText(shot.filter_text)
        window.select_view(shot.view)
        window.evidence_pane.set_mode("gallery" if shot.gallery else "table")
        data = window.case_data
        record_id = shot.pick(data) if data is not None else None
        if record_id is not None and shot.kind:
            window.panels[shot.view].select_record(shot.kind, record_id)
        elif record_id is not None:
            window.table(shot.view).select_record(record_id)
        if shot.viewer and record_id is not None:
            viewer = window.open_photo(record_id)
            assert viewer is not None
            viewer.resize(1300, 820)
            self._viewer = viewer
            viewer.sig_loaded.connect(
                lambda _photo: self._viewer_loaded(shot), Qt.ConnectionType.SingleShotConnection
            )
            return
        if shot.editor and record_id is not None:
            editor = (
                window.edit_source(record_id) if shot.view == "sources" else window.edit_testimony(record_id)
            )
            assert editor is not None
            editor.resize(900, 720)
            self._editor = editor
            editor.sig_loaded.connect(
                lambda: QTimer.singleShot(120, self._grab), Qt.ConnectionType.SingleShotConnection
            )
            return
        if shot.gallery:
            self._waited = 0
            QTimer.singleShot(80, self._wait_for_thumbnails)
            return
        if shot.kind:
            # Panels read more in the background (photo positions, the case report).
            self._waited = 0
            QTimer.singleShot(80, self._wait_for_tasks)
            return
        # Give Qt one turn to lay out and paint the new tab before grabbing it.
        QTimer.singleShot(80, self._grab)

    def _wait_for_thumbnails(self) -> None:
        gallery = self._window.gallery
        rows = range(gallery.proxy.rowCount())
        loaded = all(gallery.proxy.index(row, 0).data(GalleryRoles.THUMB_LOADED) for row in rows)
        self._waited += 1
        if loaded or self._waited > 100:
            QTimer.singleShot(80, self._grab)
        else:
            QTimer.singleShot(50, self._wait_for_thumbnails)

    def _wait_for_tasks(self) -> None:
        self._waited += 1
        if self._window.runner.is_idle() or self._waited > 200:
            QTimer.singleShot(120, self._grab)
        else:
            QTimer.singleShot(50, self._wait_for_tasks)

    def _viewer_loaded(self, shot: Shot) -> None:
        viewer = self._viewer
        assert viewer is not None
        if shot.viewer == "metadata":
            viewer.side_tabs.setCurrentIndex(1)
        if shot.viewer == "ela":
            viewer.sig_ela_ready.connect(
                lambda: QTimer.singleShot(120, self._grab), Qt.ConnectionType.SingleShotConnection
            )
            viewer.act_ela.trigger()
            return
        QTimer.singleShot(120, self._grab)

    def _grab(self) -> None:
        shot = self._shots.pop(0)
        path = self._out / f"{shot.name}.png"
        widget: QWidget = self._viewer or self._editor or self._window
        image = widget.grab().toImage()
        if self._viewer is not None:
            self._viewer.close()
            self._viewer = None
        if self._editor is not None:
            self._editor.close()
            self._editor = None
        if not _save_small_png(image, path):
            print(f"Could not write {path}", file=sys.stderr)
            self.failed = True
        else:
            self.written.append(path)
            print(f"{path}  ({path.stat().st_size // 1024} KB)")
        QTimer.singleShot(0, self._next)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="output folder")
    parser.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        help="interface language (ar and ckb mirror the layout); the files get a -LANG suffix",
    )
    parser.add_argument("--only", default="", help="only these shots, by name, separated by commas")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    qtlog.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Source Verifier")
    install_translations(app, locale_for(args.lang or "en"))
    shots = [s for s in SHOTS if not args.only or s.name in args.only.split(",")]
    if args.lang:
        shots = [replace(s, name=f"{s.name}-{args.lang}") for s in shots]
    if not shots:
        parser.error(f"--only names none of: {', '.join(s.name for s in SHOTS)}")
    with tempfile.TemporaryDirectory(prefix="source-verifier-shots-") as scratch:
        folder = Path(scratch)
        ui_settings = UiSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
        runner = TaskRunner(errors.show_error)
        window = MainWindow(runner, ui_settings)
        window.resize(width, height)
        session = ScreenshotSession(app, window, args.out, shots)
        window.sig_ready.connect(session.start, Qt.ConnectionType.SingleShotConnection)
        window.show()
        window.open_workspace(Settings(workspace=folder / "demo", user="editor"), demo_case=True)
        app.exec()
        runner.shutdown()
    return 1 if session.failed or not session.written else 0


if __name__ == "__main__":
    sys.exit(main())
