"""Atomic export writing: a folder appears complete, or not at all.

Every file goes into a hidden temporary folder next to the destination (same file system, so
the final rename is atomic), each file is fsync'd, then the folder, then it is renamed into place
and the parent folder is fsync'd so the rename itself survives a power cut. A crash at any point
leaves at most a ``.<name>.partial-*`` folder, never a half export under the real name;
:func:`remove_stale_partials` clears those. A hook runs just before the rename (the service
records the export in the audit log there), so a folder under its real name is always recorded.

This is the only module of the export package that writes files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from verifier.errors import Conflict, InvalidInput, StorageError

__all__ = ["ExportFile", "ManifestEntry", "remove_stale_partials", "write_atomically"]

log = logging.getLogger(__name__)

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
_PARTIAL = ".partial-"


@dataclass(frozen=True)
class ExportFile:
    """One file of an export, in memory, with its path relative to the export folder."""

    name: str
    data: bytes

    def __post_init__(self) -> None:
        parts = PurePosixPath(self.name).parts
        if not parts or any(not _SAFE_PART.match(part) for part in parts):
            raise InvalidInput(
                f"'{self.name}' is not an export file name: use letters, digits, '.', '_' and '-', "
                "with '/' between folders."
            )


@dataclass(frozen=True)
class ManifestEntry:
    """A written file, for the audit record."""

    name: str
    sha256: str
    size: int


def _fsync_dir(path: Path) -> None:
    # Windows cannot open a directory for fsync; NTFS journals the metadata itself.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    destination: Path,
    files: Sequence[ExportFile],
    *,
    before_publish: Callable[[list[ManifestEntry]], None] | None = None,
) -> list[ManifestEntry]:
    """Write an export folder atomically.

    Args:
        destination: the folder to create; it must not exist yet.
        files: the files, already scanned by the leak guard.
        before_publish: called with the manifest once every file is on disk, before the folder
            is renamed into place; if it raises, nothing is left behind. The export service
            records the export in the audit log there, so that a crash can leave a recorded
            export under its temporary name but never an unrecorded one under its real name.

    Returns:
        One manifest entry per file (name, SHA-256, size), in the order given.

    Raises:
        Conflict: the destination already exists.
        InvalidInput: two files share a name.
        StorageError: the folder cannot be written (disk full, permissions...); nothing is left
            under the destination name.
    """
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        raise InvalidInput("Two export files have the same name.")
    if destination.exists():
        raise Conflict(f"{destination} already exists: choose another folder name for the export.")
    parent = destination.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{destination.name}{_PARTIAL}", dir=parent))
    except OSError as exc:
        raise StorageError(f"Cannot create the export folder in {parent}: {exc.strerror or exc}") from exc
    try:
        manifest = []
        folders = {temporary}
        for item in files:
            target = temporary.joinpath(*PurePosixPath(item.name).parts)
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            with open(target, "xb") as handle:
                handle.write(item.data)
                handle.flush()
                os.fsync(handle.fileno())
            manifest.append(ManifestEntry(item.name, hashlib.sha256(item.data).hexdigest(), len(item.data)))
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            _fsync_dir(folder)
        if before_publish is not None:
            before_publish(manifest)
        # rename() onto an existing non-empty folder fails on every platform, so a destination
        # created meanwhile by someone else is never merged into.
        os.rename(temporary, destination)
        _fsync_dir(parent)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise StorageError(f"Cannot write the export to {destination}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    log.info("export written: %s (%d files)", destination, len(manifest))
    return manifest


def remove_stale_partials(parent: Path) -> list[Path]:
    """Delete temporary folders left by exports that crashed.

    Args:
        parent: the folder exports are written into.

    Returns:
        The folders removed.
    """
    removed = []
    for path in parent.glob(f".*{_PARTIAL}*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
