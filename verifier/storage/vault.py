"""The evidence vault: originals stored once, by SHA-256, written atomically, never changed.

Layout: ``<root>/sha256/ab/abcdef…`` (read-only files) and ``<root>/incoming/`` for files being
written. Only this module writes below ``<root>``.

A staged file is named after the machine and the process writing it
(``in-<host>-<pid>-<random>.part``), so that opening the workspace again after a crash can tell a
file left by a dead process, which it removes, from one another process is writing right now.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import logging
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from verifier.errors import Cancelled, ConfigurationError, InvalidInput, VaultError, VaultFileMissing

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
# Which machine staged a file: a short tag, since the host name may hold any character.
_HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_STAGED_RE = re.compile(r"^in-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-")
# A staged file lives for the seconds one file takes to check; one this old is left over from a
# crash even when its process id cannot be checked (another machine, or the id was reused).
STALE_STAGING_S = 24 * 3600.0


@dataclass(frozen=True)
class StoredBlob:
    """The result of storing bytes: their hash and size, and whether they were new to the vault."""

    sha256: str
    size: int
    newly_stored: bool


@dataclass(frozen=True)
class StagedBlob:
    """Bytes written and fsync'd to a temporary file, hashed, not yet in the vault."""

    temp: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class VaultReport:
    """What ``Vault.verify`` found."""

    checked: int
    missing: tuple[str, ...]
    altered: tuple[str, ...]
    orphaned: tuple[str, ...]
    unexpected: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.altered)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, **dataclasses.asdict(self)}


def _describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only or not writable by this user"
    return exc.strerror or str(exc)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_durable(fd: int) -> None:
    """fsync a file written to the vault, then let go of its pages in the page cache.

    An import writes gigabytes of originals that nobody reads again soon; kept cached, they push
    out what the user is working with. Once on disk, their pages are clean and can simply be
    dropped, and the next file reuses that memory. On a virtual machine, where fresh memory
    costs the host a fault per page, keeping them made every file written after the first
    gigabyte or so cost 6 ms more (20 %) in ``benchmarks/intake.py``.
    """
    os.fsync(fd)
    if hasattr(os, "posix_fadvise"):  # not on macOS or Windows
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _copy_file(src: IO[bytes], out: IO[bytes], size: int) -> None:
    """Copy ``size`` bytes in the kernel when the file systems allow it, else through memory."""
    copied = 0
    try:
        while copied < size:
            step = os.copy_file_range(src.fileno(), out.fileno(), size - copied, copied, copied)
            if step == 0:
                break
            copied += step
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            raise
        src.seek(copied)
        out.seek(copied)
        shutil.copyfileobj(src, out, _CHUNK)
        return
    if copied < size:  # the source shrank while we copied: take what is there now
        src.seek(copied)
        out.seek(copied)
        shutil.copyfileobj(src, out, _CHUNK)


def _staging_prefix() -> str:
    return f"in-{_HOST_TAG}-{os.getpid()}-"


def _process_gone(pid: int) -> bool:
    """Whether no process has this id on this machine (False when that cannot be known)."""
    if os.name == "nt":  # os.kill would terminate the process there, not probe it
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to another user
        return False
    try:  # Linux: a process that has exited but was not reaped yet (a zombie) writes nothing more
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat_line[stat_line.rfind(")") + 2 :].startswith("Z")


def check_sha256(value: str) -> str:
    """A lower-case SHA-256 hex digest, or InvalidInput."""
    digest = value.strip().lower()
    if not _SHA256_RE.match(digest):
        raise InvalidInput(f"'{value}' is not a SHA-256 digest (64 hexadecimal characters).")
    return digest


class Vault:
    """Content-addressed, write-once storage for evidence originals."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._objects = root / "sha256"
        self._incoming = root / "incoming"

    def _store_error(self, label: str, exc: OSError) -> VaultError:
        return VaultError(
            f"Cannot store {label} in the evidence vault at {self.root}: {_describe_os_error(exc)}."
        )

    def ensure(self) -> None:
        """Create the vault folders, or say clearly why they cannot be."""
        if self._incoming.is_dir() and self._objects.is_dir():
            return  # the common case: one stat, not three mkdir calls per stored file
        for folder in (self.root, self._objects, self._incoming):
            if folder.exists() and not folder.is_dir():
                raise ConfigurationError(f"The evidence vault path {folder} is a file, not a folder.")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise VaultError(
                    f"Cannot create the evidence vault folder {folder}: {_describe_os_error(exc)}."
                ) from exc

    def path_for(self, sha256: str) -> Path:
        """Where the original with this hash lives (whether or not it is there)."""
        digest = check_sha256(sha256)
        return self._objects / digest[:2] / digest

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_file(self, source: Path, cancel: Callable[[], bool] | None = None) -> StoredBlob:
        """Copy a file into the vault, hashing it on the way.

        Raises:
            InvalidInput: the source is not a readable regular file.
            VaultError: the vault cannot be written (full or read-only disk); nothing is left behind.
        """
        try:
            if not source.is_file():
                raise InvalidInput(f"{source} is not a regular file.")
            handle = source.open("rb")
        except OSError as exc:
            raise InvalidInput(f"Cannot read {source}: {exc.strerror or exc}.") from exc
        with handle:
            return self.put_stream(handle, label=str(source), cancel=cancel)

    def put_bytes(self, data: bytes, label: str = "data") -> StoredBlob:
        """Store bytes held in memory."""
        return self.commit(self.stage_bytes(data, label=label), label=label)

    def stage_bytes(self, data: bytes, label: str = "data") -> StagedBlob:
        """Hash bytes and write them, fsync'd, to a temporary file; nothing is in the vault yet.

        Split from :meth:`commit` so that a caller can stage while it still checks the file
        (the slow fsync then overlaps that work) and store it only if every check passed.
        """
        self.ensure()
        digest = hashlib.sha256(data).hexdigest()  # hashlib releases the GIL on large buffers
        try:
            fd, temp_name = tempfile.mkstemp(dir=self._incoming, prefix=_staging_prefix(), suffix=".part")
        except OSError as exc:
            raise self._store_error(label, exc) from exc
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                _make_durable(out.fileno())
        except OSError as exc:
            Path(temp_name).unlink(missing_ok=True)
            raise self._store_error(label, exc) from exc
        return StagedBlob(Path(temp_name), digest, len(data))

    def copy_in(self, source: Path, label: str) -> tuple[Path, bytes]:
        """Copy a file into a temporary file of the vault and return it with its bytes.

        The copy is made in the kernel (``copy_file_range``), about half the CPU of writing the
        bytes back from memory; the caller then hashes and checks the bytes read back from the
        copy, so what is analysed is exactly what will be stored, even if the source changes.
        Finish with :meth:`finish_staging`, then :meth:`commit` or :meth:`discard`.

        Raises:
            OSError: the source cannot be read (the caller words that for the user).
            VaultError: the vault cannot be written; nothing is left behind.
        """
        self.ensure()
        with source.open("rb") as src:
            size = os.fstat(src.fileno()).st_size
            try:
                fd, temp_name = tempfile.mkstemp(dir=self._incoming, prefix=_staging_prefix(), suffix=".part")
            except OSError as exc:
                raise self._store_error(label, exc) from exc
            temp = Path(temp_name)
            try:
                with os.fdopen(fd, "r+b") as out:
                    _copy_file(src, out, size)
                    out.seek(0)
                    data = out.read()
            except BaseException as exc:
                temp.unlink(missing_ok=True)
                if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
                    raise self._store_error(label, exc) from exc
                raise
        return temp, data

    @staticmethod
    def finish_staging(temp: Path, data: bytes) -> StagedBlob:
        """Hash the staged bytes and make the staged file durable (fsync)."""
        digest = hashlib.sha256(data).hexdigest()  # releases the GIL: runs beside the decoding
        fd = os.open(temp, os.O_RDONLY)
        try:
            _make_durable(fd)
        finally:
            os.close(fd)
        return StagedBlob(temp, digest, len(data))

    def commit(self, staged: StagedBlob, label: str = "data") -> StoredBlob:
        """Link a staged file into place under its hash (never replacing a stored one)."""
        try:
            final = self.path_for(staged.sha256)
            final.parent.mkdir(exist_ok=True)
            try:
                os.link(staged.temp, final)
            except FileExistsError:
                return StoredBlob(staged.sha256, staged.size, newly_stored=False)
            os.chmod(final, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            _fsync_dir(final.parent)
            log.info("Stored %s in the vault (%d bytes) from %s", staged.sha256, staged.size, label)
            return StoredBlob(staged.sha256, staged.size, newly_stored=True)
        except OSError as exc:
            raise self._store_error(label, exc) from exc
        finally:
            staged.temp.unlink(missing_ok=True)

    @staticmethod
    def discard(staged: StagedBlob) -> None:
        """Forget a staged file (the checks failed): nothing reaches the vault."""
        staged.temp.unlink(missing_ok=True)

    def put_stream(
        self, stream: IO[bytes], label: str, cancel: Callable[[], bool] | None = None
    ) -> StoredBlob:
        """Store everything read from ``stream``: temp file, fsync, then a link into place."""
        self.ensure()
        digest = hashlib.sha256()
        size = 0
        try:
            fd, temp_name = tempfile.mkstemp(dir=self._incoming, prefix=_staging_prefix(), suffix=".part")
        except OSError as exc:
            raise self._store_error(label, exc) from exc
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    if cancel is not None and cancel():
                        raise Cancelled(f"Storing {label} was cancelled.")
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                _make_durable(out.fileno())
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise self._store_error(label, exc) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        # commit() links it into place and removes the temporary file in every case.
        return self.commit(StagedBlob(temp, digest.hexdigest(), size), label=label)

    def open(self, sha256: str) -> IO[bytes]:
        """Open a stored original for reading.

        Raises:
            VaultFileMissing: the file is not in the vault.
        """
        path = self.path_for(sha256)
        try:
            return path.open("rb")
        except FileNotFoundError as exc:
            raise VaultFileMissing(
                f"The original {sha256} is missing from the evidence vault ({path}). "
                "Run 'verifier vault verify' and restore the vault from a backup."
            ) from exc
        except OSError as exc:
            raise VaultError(f"Cannot read {path}: {exc.strerror or exc}.") from exc

    def read_bytes(self, sha256: str) -> bytes:
        with self.open(sha256) as fh:
            return fh.read()

    def iter_stored(self) -> Iterator[str]:
        """The hashes of every file in the vault."""
        if not self._objects.is_dir():
            return
        for prefix in sorted(self._objects.iterdir()):
            if not prefix.is_dir():
                continue
            for item in sorted(prefix.iterdir()):
                yield item.name

    def stale_incoming(self) -> list[Path]:
        """The files in ``incoming/``: being staged right now, or left there by a crash."""
        if not self._incoming.is_dir():
            return []
        return sorted(self._incoming.iterdir())

    def remove_stale_incoming(self, max_age_s: float = STALE_STAGING_S) -> list[Path]:
        """Delete the temporary files that a crashed write left in ``incoming/``.

        A crash (the app killed, a power cut) between staging a file and linking it into the vault
        leaves the staged copy behind; nothing refers to it. A file is removed when the process that
        wrote it on this machine no longer runs, or when it is older than ``max_age_s``; a file
        another running process is still staging is left alone.

        Returns:
            The files removed.
        """
        removed: list[Path] = []
        now = time.time()
        for path in self.stale_incoming():
            match = _STAGED_RE.match(path.name)
            try:
                dead = match is not None and match["host"] == _HOST_TAG and _process_gone(int(match["pid"]))
                if dead or now - path.lstat().st_mtime > max_age_s:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:  # its writer finished meanwhile
                continue
            except OSError as exc:
                log.warning("Cannot remove the left-over staging file %s: %s", path, _describe_os_error(exc))
        if removed:
            log.info(
                "Removed %d staging file(s) left in %s by an interrupted write", len(removed), self._incoming
            )
        return removed

    def hash_stored(self, sha256: str) -> str:
        digest = hashlib.sha256()
        with self.open(sha256) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def verify(
        self, referenced: Iterable[str], progress: Callable[[int, int, str], None] | None = None
    ) -> VaultReport:
        """Re-hash every stored file and compare with what the database references.

        Args:
            referenced: the hashes the database lists.
            progress: called with (done, total, hash) after each file.

        Returns:
            missing (referenced, not stored), altered (stored bytes no longer match their name),
            orphaned (stored, not referenced) and unexpected (files that are not vault objects).
        """
        wanted = set(referenced)
        stored: set[str] = set()
        unexpected: list[str] = []
        for name in self.iter_stored():
            if _SHA256_RE.match(name):
                stored.add(name)
            else:
                unexpected.append(name)
        unexpected.extend(str(p) for p in self.stale_incoming())
        altered: list[str] = []
        total = len(stored)
        for done, sha in enumerate(sorted(stored), start=1):
            if self.hash_stored(sha) != sha:
                altered.append(sha)
            if progress is not None:
                progress(done, total, sha)
        return VaultReport(
            checked=total,
            missing=tuple(sorted(wanted - stored)),
            altered=tuple(altered),
            orphaned=tuple(sorted(stored - wanted)),
            unexpected=tuple(unexpected),
        )
