"""Presentation preferences kept with QSettings: the only module that touches QSettings.

Every key is declared once below with its type and default (Picard ``options.py``). What the core
needs (workspace, database, user) is not here: that is ``verifier.settings.Settings``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

V = TypeVar("V")

MAX_RECENT_WORKSPACES = 8

# Languages of the interface (``--lang``, View ▸ Language), each named in its own language:
# English is the source language; "system" follows the desktop's locale. The .ts files in
# resources/translations are the translations' sources.
LANGUAGES = {"en": "English", "ar": "العربية", "ckb": "کوردیی ناوەندی"}
SYSTEM_LANGUAGE = "system"


@dataclass(frozen=True)
class _Key(Generic[V]):
    """One declared setting: its QSettings key, its type and its default."""

    name: str
    kind: type[V]
    default: V


WINDOW_GEOMETRY = _Key("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = _Key("window/state", QByteArray, QByteArray())
SPLITTER_STATE = _Key("window/splitter", QByteArray, QByteArray())
CURRENT_VIEW = _Key("window/current_view", int, 0)
EVIDENCE_MODE = _Key("window/evidence_mode", str, "table")  # "table" or "gallery"
LANGUAGE = _Key("ui/language", str, "")  # a language code ("ar", "ckb", "en"); "" follows the desktop
RECENT_WORKSPACES = _Key("workspaces/recent", list, [])
# Per workspace, under "workspaces/<hash of the absolute path>/": paths hold '/' and '\\', which
# QSettings reads as group separators. The path is made absolute without resolve() (no file I/O).
LAST_CASE = _Key("last_case", int, 0)


def _workspace_group(workspace: Path) -> str:
    digest = hashlib.sha256(str(workspace.expanduser().absolute()).encode("utf-8")).hexdigest()[:16]
    return f"workspaces/{digest}"


class UiSettings:
    """Typed access to the GUI's QSettings.

    Args:
        store: the QSettings to use; by default the application's (organisation and application
            names are set in ``ui/app.py``). Tests pass an INI file in a temporary folder.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def _get(self, key: _Key[V], name: str | None = None) -> V:
        value: Any = self._store.value(name or key.name, key.default)
        if key.kind is int:
            try:
                return cast(V, int(value))  # INI files give back every number as text
            except (TypeError, ValueError):
                return key.default
        if key.kind is list:
            # INI files return a lone string for a one-element list, and None for an empty one.
            if value is None:
                return key.default
            return cast(V, value if isinstance(value, list) else [value])
        return value if isinstance(value, key.kind) else key.default

    def _set(self, key: _Key[V], value: V, name: str | None = None) -> None:
        self._store.setValue(name or key.name, value)

    def sync(self) -> None:
        self._store.sync()

    # --- window layout ----------------------------------------------------------------------
    def window_geometry(self) -> QByteArray:
        return self._get(WINDOW_GEOMETRY)

    def set_window_geometry(self, value: QByteArray) -> None:
        self._set(WINDOW_GEOMETRY, value)

    def window_state(self) -> QByteArray:
        return self._get(WINDOW_STATE)

    def set_window_state(self, value: QByteArray) -> None:
        self._set(WINDOW_STATE, value)

    def splitter_state(self) -> QByteArray:
        return self._get(SPLITTER_STATE)

    def set_splitter_state(self, value: QByteArray) -> None:
        self._set(SPLITTER_STATE, value)

    def current_view(self) -> int:
        return self._get(CURRENT_VIEW)

    def set_current_view(self, index: int) -> None:
        self._set(CURRENT_VIEW, index)

    def evidence_mode(self) -> str:
        """How the Evidence tab shows items: "table" or "gallery"."""
        value = self._get(EVIDENCE_MODE)
        return value if value in ("table", "gallery") else "table"

    def set_evidence_mode(self, mode: str) -> None:
        self._set(EVIDENCE_MODE, mode)

    # --- language ---------------------------------------------------------------------------
    def language(self) -> str:
        """The interface language chosen with ``--lang`` or View ▸ Language ("" follows the desktop's)."""
        value = self._get(LANGUAGE).strip()
        return value if value.replace("_", "").isalpha() else ""

    def set_language(self, code: str) -> None:
        self._set(LANGUAGE, code)

    # --- workspaces -------------------------------------------------------------------------
    def last_case_id(self, workspace: Path) -> int | None:
        """The case shown last time in this workspace, or None."""
        value = self._get(LAST_CASE, f"{_workspace_group(workspace)}/{LAST_CASE.name}")
        return value or None

    def set_last_case_id(self, workspace: Path, case_id: int) -> None:
        self._set(LAST_CASE, case_id, f"{_workspace_group(workspace)}/{LAST_CASE.name}")

    def recent_workspaces(self) -> list[Path]:
        """Workspaces opened before, most recent first."""
        return [Path(str(item)) for item in self._get(RECENT_WORKSPACES) if item]

    def add_recent_workspace(self, workspace: Path) -> None:
        path = str(workspace.expanduser().absolute())
        recent = [path] + [str(p) for p in self.recent_workspaces() if str(p) != path]
        self._set(RECENT_WORKSPACES, recent[:MAX_RECENT_WORKSPACES])
