"""A photo's metadata as a two-level tree grouped like ExifTool's output, and its filter proxy."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ui.models.proxy import WordFilterProxy

AnyIndex = QModelIndex | QPersistentModelIndex

# ExifTool's family-1 group names, in the order ExifTool prints them.
EXIF_GROUPS = ("IFD0", "ExifIFD", "SubIFD", "InteropIFD", "GPS", "IFD1", "MakerNotes")
MAX_VALUE_CHARS = 400


def _tr(text: str) -> str:
    return QCoreApplication.translate("MetadataTreeModel", text)


def format_value(value: object) -> str:
    """One tag value as text: lists joined by commas, structures as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return ", ".join(format_value(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def group_raw(raw: Mapping[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups of a ``photo_raw`` dictionary, in ExifTool's order, empty groups left out."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    exif = raw.get("exif") or {}
    names = [g for g in EXIF_GROUPS if g in exif] + [g for g in exif if g not in EXIF_GROUPS]
    for name in names:
        tags = exif.get(name) or {}
        title = "GPS" if name == "GPS" else f"EXIF · {name}"
        groups.append((title, [(str(k), format_value(v)) for k, v in tags.items()]))
    for key, title in (("xmp", "XMP"), ("iptc", "IPTC")):
        section = raw.get(key) or {}
        groups.append((title, [(str(k), format_value(v)) for k, v in section.items()]))
    file_facts = raw.get("file") or {}
    groups.append((_tr("File"), [(str(k), format_value(v)) for k, v in file_facts.items() if v is not None]))
    credentials = raw.get("credentials") or {}
    groups.append(
        (
            _tr("Content Credentials (C2PA)"),
            [(str(k), format_value(v)) for k, v in credentials.items() if v not in (None, "", [])],
        )
    )
    warnings = raw.get("warnings") or []
    if warnings:
        groups.append((_tr("Reader warnings"), [(str(n), str(w)) for n, w in enumerate(warnings, 1)]))
    return [(title, rows) for title, rows in groups if rows]


class MetadataTreeModel(QAbstractItemModel):
    """Groups at the top level, (tag, value) rows under them; two columns.

    Group rows carry internal id 0; a tag row carries its group's row + 1, which is all
    ``parent()`` needs.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[tuple[str, str]]]] = []

    def set_raw(self, raw: Mapping[str, Any]) -> None:
        self.beginResetModel()
        self._groups = group_raw(raw)
        self.endResetModel()

    def group_names(self) -> list[str]:
        return [name for name, _ in self._groups]

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        group = int(index.internalId())
        if group == 0:
            return QModelIndex()
        return self.createIndex(group - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or int(parent.internalId()) != 0:
            return 0
        return len(self._groups[parent.row()][1])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = int(index.internalId())
        if group == 0:
            name, rows = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return (
                    name
                    if index.column() == 0
                    else QCoreApplication.translate("MetadataTreeModel", "%n tag(s)", "", len(rows))
                )
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        tag, value = self._groups[group - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return tag
            return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and len(value) > 40:
            return value[:4000]
        if role == Qt.ItemDataRole.UserRole:
            return f"{tag}\n{value}".casefold()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Tag"), _tr("Value"))[section] if 0 <= section < 2 else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if int(index.internalId()) != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags


class MetadataFilterProxy(WordFilterProxy):
    """Keeps tags whose name or value holds every typed word, with their group (recursive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        if not source_parent.isValid():
            return False  # a group stays when one of its tags matches (recursive filtering)
        haystack = self.sourceModel().index(source_row, 0, source_parent).data(Qt.ItemDataRole.UserRole)
        return self._holds_every_word(haystack)
