"""The evidence gallery's model (one row per evidence item) and its filter proxy.

The model holds frozen snapshots only. Thumbnails are not decoded here: ``data()`` for the
decoration role asks a ``ThumbnailLoader`` (``ui.widgets.thumbnails``) and shows a placeholder
until the loader reports the picture, so only the rows a view actually paints are ever loaded.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QImage

from ui.gallery_data import PhotoFacts
from ui.models.mime import EVIDENCE_MIME, encode_ids
from ui.models.proxy import WordFilterProxy
from ui.models.records import Roles
from ui.vocabulary import format_time
from verifier import domain

AnyIndex = QModelIndex | QPersistentModelIndex


class GalleryRoles(enum.IntEnum):
    """Roles of the gallery model, after the shared ``Roles`` (which it also answers)."""

    SHA256 = Qt.ItemDataRole.UserRole + 20  # str: the original's hash (the thumbnail's key)
    SUBMITTER_ID = Qt.ItemDataRole.UserRole + 21  # int | None
    CAPTURE_DATE = Qt.ItemDataRole.UserRole + 22  # datetime.date | None (UTC)
    RECEIVED_DATE = Qt.ItemDataRole.UserRole + 23  # datetime.date (UTC)
    HAS_GPS = Qt.ItemDataRole.UserRole + 24  # bool
    FINDINGS = Qt.ItemDataRole.UserRole + 25  # int: findings that name this item
    THUMB_LOADED = Qt.ItemDataRole.UserRole + 26  # bool: the decoration is the real thumbnail


class ThumbnailSource(Protocol):
    """What the model needs from a thumbnail loader."""

    def cached(self, sha256: str) -> QImage | None: ...

    def request(self, sha256: str) -> None: ...

    def placeholder(self) -> QImage: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceGalleryModel", text)


class EvidenceGalleryModel(QAbstractListModel):
    """Evidence snapshots with the facts the gallery filters on; thumbnails through a loader.

    Args:
        thumbnails: where pictures come from; None shows placeholders only (tests, no workspace).
        alias: a submitter's alias by source id (for captions and tooltips).
    """

    def __init__(
        self,
        thumbnails: ThumbnailSource | None = None,
        alias: Callable[[int | None], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._alias = alias or (lambda _id: "")
        self._items: list[domain.Evidence] = []
        self._facts: list[PhotoFacts] = []
        self._rows_by_sha: dict[str, list[int]] = {}
        self._row_by_id: dict[int, int] = {}

    # --- our API -----------------------------------------------------------------------------
    def set_items(
        self, items: Sequence[domain.Evidence], facts: Mapping[int, PhotoFacts] | None = None
    ) -> None:
        """Replace every row (a reload); rows are kept in received order, oldest first.

        Ordering here, once, is what lets the proxy keep the source order: a proxy sorting 20,000
        rows calls back into Python 300,000 times (seconds on the GUI thread).
        """
        self.beginResetModel()
        self._items = sorted(items, key=lambda item: (item.received_at, item.id))
        known = facts or {}
        self._facts = [known.get(item.id, PhotoFacts()) for item in self._items]
        self._index_hashes()
        self.endResetModel()

    def set_facts(self, facts: Mapping[int, PhotoFacts]) -> None:
        """Add the filter facts once they are read (one dataChanged for the whole list)."""
        if not self._items:
            return
        self._facts = [facts.get(item.id, PhotoFacts()) for item in self._items]
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    def items(self) -> list[domain.Evidence]:
        return list(self._items)

    def row_of(self, evidence_id: int) -> int:
        return self._row_by_id.get(evidence_id, -1)

    def thumbnails_arrived(self, hashes: Iterable[str]) -> None:
        """Repaint the rows of these pictures: one dataChanged over the span they cover."""
        rows = [row for sha in hashes for row in self._rows_by_sha.get(sha, ())]
        if not rows:
            return
        roles = [Qt.ItemDataRole.DecorationRole, GalleryRoles.THUMB_LOADED]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), roles)

    def _index_hashes(self) -> None:
        self._rows_by_sha = {}
        self._row_by_id = {}
        for row, item in enumerate(self._items):
            self._rows_by_sha.setdefault(item.sha256, []).append(row)
            self._row_by_id[item.id] = row

    # --- Qt overrides ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        facts = self._facts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.original_name
        if role == Qt.ItemDataRole.DecorationRole:
            if self._thumbnails is None:
                return None
            image = self._thumbnails.cached(item.sha256)
            if image is None:
                self._thumbnails.request(item.sha256)  # painted rows only: lazy by construction
                return self._thumbnails.placeholder()
            return image
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.original_name]
            who = self._alias(item.submitted_by_id)
            if who:
                lines.append(_tr("Sent by {alias}").format(alias=who))
            lines.append(_tr("Received {time} UTC").format(time=format_time(item.received_at)))
            if facts.capture_utc is not None:
                lines.append(_tr("Taken {time} UTC").format(time=format_time(facts.capture_utc)))
            if facts.findings:
                lines.append(_tr("{count} finding(s)").format(count=facts.findings))
            return "\n".join(lines)
        if role == Roles.RECORD_ID:
            return item.id
        if role == Roles.RECORD:
            return item
        if role == Roles.SORT:
            return item.received_at
        if role == Roles.SEARCH:
            return f"{item.original_name}\n{item.notes}\n{item.caption}\n{item.sha256}".casefold()
        if role == Roles.BADGE:
            return facts.worst.value if facts.worst is not None else None
        if role == GalleryRoles.SHA256:
            return item.sha256
        if role == GalleryRoles.SUBMITTER_ID:
            return item.submitted_by_id
        if role == GalleryRoles.CAPTURE_DATE:
            return facts.capture_utc.date() if facts.capture_utc is not None else None
        if role == GalleryRoles.RECEIVED_DATE:
            return item.received_at.date()
        if role == GalleryRoles.HAS_GPS:
            return facts.has_gps
        if role == GalleryRoles.FINDINGS:
            return facts.findings
        if role == GalleryRoles.THUMB_LOADED:
            return self._thumbnails is not None and self._thumbnails.cached(item.sha256) is not None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled  # onto a claim card, to link it
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # Drag and drop: a photo dragged out carries its evidence id (``ui.models.mime``).
    def mimeTypes(self) -> list[str]:
        return [EVIDENCE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return encode_ids(EVIDENCE_MIME, (self._items[row].id for row in rows if row < len(self._items)))

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction


class GalleryFilterProxy(WordFilterProxy):
    """Filters the gallery by submitter, date range, GPS, findings and the window's filter text.

    The date range applies to the capture date when the photo has one, else to the day it was
    received, so photos stripped of metadata do not vanish from a date filter.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._submitter: int | None = None
        self._date_from: date | None = None
        self._date_to: date | None = None
        self._gps_only = False
        self._findings_only = False
        self.setDynamicSortFilter(True)

    # Small setters, each re-running the filter only when the value changes.
    def set_submitter(self, source_id: int | None) -> None:
        if source_id != self._submitter:
            self._change_filter(lambda: setattr(self, "_submitter", source_id))

    def set_date_range(self, start: date | None, end: date | None) -> None:
        if (start, end) == (self._date_from, self._date_to):
            return

        def apply() -> None:
            self._date_from, self._date_to = start, end

        self._change_filter(apply)

    def set_gps_only(self, on: bool) -> None:
        if on != self._gps_only:
            self._change_filter(lambda: setattr(self, "_gps_only", on))

    def set_findings_only(self, on: bool) -> None:
        if on != self._findings_only:
            self._change_filter(lambda: setattr(self, "_findings_only", on))

    def is_filtering(self) -> bool:
        return bool(
            self._submitter is not None
            or self._date_from
            or self._date_to
            or self._gps_only
            or self._findings_only
            or self._words
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Keep the model's order, received time oldest first (``EvidenceGalleryModel.set_items``);
        descending reverses it. Any column sorts so.

        Sorting by a column here would compare rows through Python callbacks, n log n of them.
        """
        super().sort(-1, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.is_filtering():  # the common case, and no call back into the model per row
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._submitter is not None and index.data(GalleryRoles.SUBMITTER_ID) != self._submitter:
            return False
        if self._gps_only and not index.data(GalleryRoles.HAS_GPS):
            return False
        if self._findings_only and not index.data(GalleryRoles.FINDINGS):
            return False
        if self._date_from is not None or self._date_to is not None:
            day = index.data(GalleryRoles.CAPTURE_DATE) or index.data(GalleryRoles.RECEIVED_DATE)
            if day is None:
                return False
            if self._date_from is not None and day < self._date_from:
                return False
            if self._date_to is not None and day > self._date_to:
                return False
        haystack = index.data(Roles.SEARCH)
        return not isinstance(haystack, str) or self._holds_every_word(haystack)
