"""Thumbnails for the gallery: loaded in the background, kept in a bounded LRU cache.

The gallery model asks ``cached(sha)`` when a view paints a row and ``request(sha)`` when the
picture is not there yet, so only painted rows are ever loaded. Requests are gathered for one
event-loop turn and read in batches by a few ``ui.tasks`` workers; each batch's arrival is one
signal (the model turns it into one ``dataChanged``), so scrolling through 10,000 photos posts a
few dozen events rather than thousands. Reading and decoding happen on the worker threads only:
``QImage`` (unlike ``QPixmap``) may be built there.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from ui import errors
from ui.tasks import ProgressFn, TaskRunner

log = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]

BATCH = 32  # pictures per task: a batch of 256-px JPEGs decodes in a few tens of ms
MAX_TASKS = 2  # batches in flight at once
MAX_PENDING = 400  # older requests are dropped when scrolling fast; painting asks again


def decode_thumbnail(data: bytes, edge: int) -> QImage:
    """Decode a cached thumbnail and fit it in ``edge`` pixels (worker thread only)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("not a picture")
    if max(image.width(), image.height()) > edge:
        image = image.scaled(
            edge, edge, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def _tile(edge: int, fill: str, border: str, cross: bool = False) -> QImage:
    image = QImage(edge, edge * 3 // 4, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(border), 1))
    painter.setBrush(QColor(fill))
    rect = QRectF(0.5, 0.5, image.width() - 1, image.height() - 1)
    painter.drawRoundedRect(rect, 6, 6)
    if cross:
        dx, dy = rect.width() * 0.35, rect.height() * 0.3
        inner = rect.adjusted(dx, dy, -dx, -dy)
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(inner.topRight(), inner.bottomLeft())
    painter.end()
    return image


class ThumbnailLoader(QObject):
    """Loads thumbnails by SHA-256 in background batches; a bounded LRU cache of QImages.

    Args:
        fetch: reads a thumbnail's bytes by SHA-256 (runs on a worker); None until a workspace
            is open.
        edge: the longer side of the images handed to the view.
        capacity: how many decoded thumbnails stay in memory (about 100 KB each at 160 px).

    Signals:
        sig_loaded(list[str]): a batch of pictures arrived (their hashes).
    """

    sig_loaded = Signal(list)

    def __init__(
        self,
        fetch: Fetch | None = None,
        *,
        edge: int = 160,
        capacity: int = 1500,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._edge = edge
        self._capacity = capacity
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._failed: set[str] = set()
        self._pending: OrderedDict[str, None] = OrderedDict()
        self._in_flight: set[str] = set()
        self._tasks = 0
        self._generation = 0
        # Thumbnails have their own small pool: they never sit behind an import, and they do not
        # take over the status bar's progress and Cancel button.
        self.runner = TaskRunner(
            lambda parent, exc: errors.show_error(parent, exc), max_threads=MAX_TASKS, parent=self
        )
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self._placeholder = _tile(edge, "#e4e7eb", "#cbd2d9")
        self._broken = _tile(edge, "#f5f7fa", "#9aa5b1", cross=True)

    # --- used by the model (GUI thread) --------------------------------------------------------
    def placeholder(self) -> QImage:
        return self._placeholder

    def cached(self, sha256: str) -> QImage | None:
        image = self._cache.get(sha256)
        if image is not None:
            self._cache.move_to_end(sha256)
            return image
        return self._broken if sha256 in self._failed else None

    def request(self, sha256: str) -> None:
        if self._fetch is None or sha256 in self._in_flight or sha256 in self._failed:
            return
        self._pending[sha256] = None
        self._pending.move_to_end(sha256)
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    # --- our API -------------------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch | None) -> None:
        """Read from another workspace (or none): forget everything cached or asked for."""
        self._fetch = fetch
        self.clear()

    def clear(self) -> None:
        self._generation += 1
        self._cache.clear()
        self._failed.clear()
        self._pending.clear()
        self._in_flight.clear()

    def cache_size(self) -> int:
        return len(self._cache)

    def pending(self) -> int:
        return len(self._pending) + len(self._in_flight)

    def shutdown(self) -> None:
        self._pending.clear()
        self.runner.shutdown()

    # --- batches -------------------------------------------------------------------------------
    def _flush(self) -> None:
        fetch = self._fetch
        while fetch is not None and self._pending and self._tasks < MAX_TASKS:
            # Newest requests first: those are the rows on screen now.
            batch: list[str] = []
            while self._pending and len(batch) < BATCH:
                sha, _ = self._pending.popitem(last=True)
                if sha not in self._cache:
                    batch.append(sha)
            if not batch:
                continue
            self._in_flight.update(batch)
            self._tasks += 1
            generation = self._generation
            edge = self._edge

            def load(
                progress: ProgressFn,
                cancel: threading.Event,
                batch: list[str] = batch,
                fetch: Fetch = fetch,
                edge: int = edge,
            ) -> tuple[dict[str, QImage], list[str]]:
                loaded: dict[str, QImage] = {}
                failed: list[str] = []
                for sha in batch:
                    if cancel.is_set():
                        break
                    try:
                        loaded[sha] = decode_thumbnail(fetch(sha), edge)
                    except Exception as exc:  # one unreadable picture must not stop the batch
                        log.warning("No thumbnail for %s: %s", sha[:12], exc)
                        failed.append(sha)
                return loaded, failed

            self.runner.run(
                load,
                on_done=partial(self._batch_done, generation, batch),
                on_failed=partial(self._batch_failed, generation, batch),
                on_cancelled=partial(self._arrived, generation, batch, {}, []),
                label=self.tr("Loading thumbnails"),
            )

    def _batch_done(
        self, generation: int, batch: list[str], result: tuple[dict[str, QImage], list[str]]
    ) -> None:
        self._arrived(generation, batch, *result)

    def _batch_failed(self, generation: int, batch: list[str], exc: BaseException) -> None:
        log.warning("A thumbnail batch failed: %s", exc)
        self._arrived(generation, batch, {}, [])

    def _arrived(
        self, generation: int, batch: list[str], loaded: dict[str, QImage], failed: list[str]
    ) -> None:
        self._tasks -= 1
        if generation == self._generation:
            self._in_flight.difference_update(batch)
            for sha, image in loaded.items():
                self._cache[sha] = image
                self._cache.move_to_end(sha)
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)
            self._failed.update(failed)
            arrived = list(loaded) + failed
            if arrived:
                self.sig_loaded.emit(arrived)
        if self._pending and not self._flush_timer.isActive():
            self._flush_timer.start()
