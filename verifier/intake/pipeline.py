"""The photo intake pipeline: many files, worker processes, a time bound per file, cancel.

Each file is read once in a worker process: the bytes are sniffed, their metadata read, a
thumbnail decoded and fingerprinted, and only when all of that succeeded are the bytes stored in
the vault (and the thumbnail in the cache). A file that fails leaves nothing behind.

Why processes rather than threads: the heavy decoding releases the GIL, so threads would be as
fast, but a hostile file can crash or hang a C decoder. A worker that crashes is replaced and the
file reported; a worker that runs past the time bound is killed and replaced. The parent (the
service) receives picklable outcomes and writes the database rows.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import stat
import sys
import tempfile
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from verifier.errors import VerifierError
from verifier.storage.vault import StagedBlob, Vault

log = logging.getLogger(__name__)

# Above the largest phone sensors (200 MP) with margin; the draft decode keeps memory small.
MAX_PIXELS = 320_000_000
MAX_FILE_BYTES = 1 << 30
DEFAULT_TIMEOUT_S = 30.0
_QUEUED_PER_WORKER = 2
READER_VERSION = "1"
# Files a camera or an operating system leaves in folders; skipped when walking a folder
# (but processed, and refused with a reason, when named explicitly).
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileOutcome:
    """What a worker found for one file. Picklable: it crosses the process boundary."""

    path: str
    error: str = ""
    sha256: str = ""
    size: int = 0
    newly_stored: bool = False
    format: str = ""
    media_type: str = ""
    width: int | None = None
    height: int | None = None
    jpeg_quality: int | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    summary_json: str = ""  # the same summary as stored (and as a re-scan writes it)
    raw_json: str = ""
    c2pa_state: str = "absent"
    phash: int = 0
    dhash: int = 0
    embedded_phash: int | None = None
    thumb_width: int = 0
    thumb_height: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class WalkResult:
    """The files found under the given paths, and what was passed over."""

    files: tuple[Path, ...]
    skipped: tuple[str, ...]
    errors: tuple[tuple[str, str], ...]


def collect_files(paths: Sequence[Path], *, exclude: Sequence[Path] = ()) -> WalkResult:
    """Files named, and files found recursively in folders named, in a stable order.

    Symbolic links to folders are not followed (no loops); links to files are read like files.
    Hidden files and system junk inside folders are skipped and listed as such, and so is
    anything under ``exclude`` (the workspace's own folder: its vault and caches are not news).
    """
    files: list[Path] = []
    skipped: list[str] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    excluded = [os.path.realpath(p) + os.sep for p in exclude]

    def add(path: Path) -> None:
        key = os.path.abspath(path)
        if any(os.path.realpath(path).startswith(root) for root in excluded):
            skipped.append(str(path))
        elif key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        try:
            is_dir = path.is_dir()
            exists = path.exists() or path.is_symlink()
        except OSError as exc:
            errors.append((str(path), f"cannot be read ({exc.strerror or exc})"))
            continue
        if not exists:
            errors.append((str(path), "does not exist"))
        elif is_dir and not path.is_symlink():
            for folder, dirs, names in os.walk(path, followlinks=False, onerror=None):
                if any((os.path.realpath(folder) + os.sep).startswith(root) for root in excluded):
                    skipped.append(folder)
                    dirs[:] = []
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or name.lower() in _JUNK_NAMES:
                        skipped.append(os.path.join(folder, name))
                    else:
                        add(Path(folder) / name)
        else:
            add(path)
    return WalkResult(tuple(files), tuple(skipped), tuple(errors))


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# One staging thread per process: the hashing and the write run beside the decoding.
_STAGER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault-stage")


def _discard_when_done(staging: Future[StagedBlob], temp: Path) -> None:
    """Wait for the staging thread, then remove the staged copy: nothing reaches the vault."""
    wait_futures([staging])
    temp.unlink(missing_ok=True)


def _refused(path: Path, exc: VerifierError | OSError) -> FileOutcome:
    """The outcome for a file that could not be taken in, worded for the import report."""
    if isinstance(exc, OSError):  # the cache or vault disk, not the photo
        return FileOutcome(str(path), error=f"could not be stored ({exc.strerror or exc})")
    message, prefix = str(exc), f"{path.name}: "
    return FileOutcome(str(path), error=message[len(prefix) :] if message.startswith(prefix) else message)


def thumbnail_path(cache_dir: Path, sha256: str) -> Path:
    """Where the cached thumbnail of an original lives."""
    return cache_dir / "thumbnails" / sha256[:2] / f"{sha256}.jpg"


def process_file(path: Path, vault_root: Path, cache_dir: Path) -> FileOutcome:
    """Read, check, describe, fingerprint and store one file. Never raises for a bad file."""
    from verifier.intake.metadata import extract_metadata, json_default
    from verifier.intake.thumbnails import KnownFacts, embedded_thumbnail_phash, make_thumbnail

    started = time.perf_counter()
    label = path.name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return FileOutcome(str(path), error="is not a regular file")
        if info.st_size == 0:
            return FileOutcome(str(path), error="is empty (0 bytes)")
        if info.st_size > MAX_FILE_BYTES:
            return FileOutcome(str(path), error=f"is {info.st_size / 2**30:.1f} GiB; the limit is 1 GiB")
    except OSError as exc:
        return FileOutcome(str(path), error=f"cannot be read ({exc.strerror or exc})")
    vault = Vault(vault_root)
    try:
        temp, data = vault.copy_in(path, label)
    except VerifierError as exc:
        return _refused(path, exc)
    except OSError as exc:
        return FileOutcome(str(path), error=f"cannot be read ({exc.strerror or exc})")
    # Hash the bytes and fsync the staged copy on a second thread while this one reads the
    # metadata and decodes the thumbnail. The staged file enters the vault only once every
    # check has passed.
    staging = _STAGER.submit(vault.finish_staging, temp, data)
    try:
        result = extract_metadata(data, label=label, file_size=len(data))
        known = KnownFacts(
            result.file.format, result.file.width, result.file.height, result.summary.orientation
        )
        thumb = make_thumbnail(data, label=label, max_pixels=MAX_PIXELS, known=known)
        staged = staging.result()
    except (VerifierError, OSError) as exc:
        _discard_when_done(staging, temp)
        return _refused(path, exc)
    except BaseException:
        _discard_when_done(staging, temp)
        raise
    try:
        blob = vault.commit(staged, label=label)
        write_atomically(thumbnail_path(cache_dir, blob.sha256), thumb.data)
    except (VerifierError, OSError) as exc:
        return _refused(path, exc)
    summary_json = json.dumps(result.summary, default=json_default, ensure_ascii=False)
    return FileOutcome(
        path=str(path),
        sha256=blob.sha256,
        size=blob.size,
        newly_stored=blob.newly_stored,
        format=result.file.format,
        media_type=result.file.media_type,
        width=thumb.source_width,
        height=thumb.source_height,
        jpeg_quality=result.file.jpeg_quality,
        summary=json.loads(summary_json),
        summary_json=summary_json,
        raw_json=result.to_json(),
        c2pa_state=result.credentials.state.value,
        phash=thumb.fingerprints.phash,
        dhash=thumb.fingerprints.dhash,
        embedded_phash=(
            embedded_thumbnail_phash(data, preview.offset, preview.length, result.summary.orientation)
            if (preview := result.file.embedded_thumbnail) is not None
            else None
        ),
        thumb_width=thumb.width,
        thumb_height=thumb.height,
        seconds=time.perf_counter() - started,
    )


TaskFn = Callable[[Path, Path, Path], FileOutcome]


_MAIN_SWAP = threading.Lock()


@contextmanager
def _parent_main_withheld(task_fn: TaskFn) -> Iterator[None]:
    """While a worker is being spawned, hide this process's ``__main__`` module from it.

    Spawn runs the parent's main script again in every child (as ``__mp_main__``), in case the
    child needs a function defined there. A worker needs none of it, and the script can be costly:
    the ``verifier`` command imports every service and SQLAlchemy, 0.7-0.8 s of CPU in each worker
    of each import. Spawn does not re-run a main module that has neither a file nor a spec, so for
    the few milliseconds that ``Process.start`` takes to write the child's start-up data,
    ``sys.modules["__main__"]`` is a bare module. The task function and everything the worker uses
    are imported by their module names as usual; a task defined in ``__main__`` itself (which
    pickling finds only there) leaves the main module in place.
    """
    if getattr(task_fn, "__module__", "__main__") == "__main__":
        yield
        return
    with _MAIN_SWAP:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _exit_with_parent(sentinel: int) -> None:
    wait([sentinel])
    os._exit(70)


def exit_with_parent() -> None:
    """Stop this child process the moment the process that started it is gone (killed, crashed).

    Without this, an orphaned worker would finish its file, and one stuck in a decoder on a
    hostile file would run on for ever with nobody left to stop it. What it was staging stays in
    the vault's ``incoming/`` folder, which reopening the workspace clears. Does nothing in a
    process that was not started by multiprocessing.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(
            target=_exit_with_parent, args=(parent.sentinel,), name="parent-watch", daemon=True
        ).start()


def _worker_main(connection: Connection, vault_root: str, cache_dir: str, task_fn: TaskFn) -> None:
    """A worker process: read paths, answer outcomes, until told to stop (None)."""
    # A photo's Python-level warnings (corrupt EXIF, say) must not turn into errors here: the
    # readers report what matters in the metadata's own warnings.
    import warnings

    warnings.simplefilter("ignore")
    # One worker runs per core already. numpy (imported with the fingerprints, after this line)
    # would otherwise start an OpenBLAS thread per core for its 32x32 matrix product, which then
    # spins between photos: 1 % of the worker's time, taken from the other worker's core.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    exit_with_parent()
    while True:
        try:
            task = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            # Nothing is in flight: every file's work ended before its outcome was sent. Leave
            # as a forked child does, without tearing the interpreter down (numpy, Pillow: about
            # 40 ms, paid by the import that is waiting for the pool to close).
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        try:
            outcome = task_fn(Path(task), Path(vault_root), Path(cache_dir))
        except Exception as exc:  # a bug, not a bad file: report it for this file and go on
            outcome = FileOutcome(task, error=f"could not be processed ({type(exc).__name__}: {exc})")
        connection.send(outcome)


@dataclass
class _Worker:
    process: Any
    connection: Connection
    # Paths sent and not yet answered: the first is being read, the others wait in the pipe.
    tasks: deque[str] = field(default_factory=deque)
    started: float = 0.0  # when the first of ``tasks`` began


class WorkerPool:
    """Worker processes with one task each at a time, a time bound, and replacement on failure."""

    def __init__(
        self,
        vault_root: Path,
        cache_dir: Path,
        *,
        workers: int,
        timeout: float,
        task_fn: TaskFn = process_file,
    ) -> None:
        """Start the workers.

        Args:
            task_fn: what a worker does with each path: ``process_file``; tests pass a module-level
                function that hangs or crashes on purpose.
        """
        self._context = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt
        self._args = (str(vault_root), str(cache_dir), task_fn)
        self._timeout = timeout
        self._workers = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, *self._args), daemon=True)
        with _parent_main_withheld(self._args[2]):
            process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        self._workers[self._workers.index(worker)] = self._start()

    def run(self, paths: Sequence[Path], should_stop: Callable[[], bool]) -> Iterator[FileOutcome]:
        """Process every path; yield outcomes as they finish (not in order).

        When ``should_stop`` turns true, no new file is started; files in progress finish.
        """
        pending = deque(str(p) for p in paths)
        while True:
            # Once stopping, no file is sent; the one already queued in each pipe is still read.
            stopping = should_stop()
            for worker in self._workers:
                # Keep a second file queued in the pipe, so a worker that finishes never waits for
                # this thread (which shares the GIL with the database writer) to hand it the next.
                while len(worker.tasks) < _QUEUED_PER_WORKER and pending and not stopping:
                    if not worker.tasks:
                        worker.started = time.monotonic()
                    worker.tasks.append(pending.popleft())
                    worker.connection.send(worker.tasks[-1])
            busy = [w for w in self._workers if w.tasks]
            if not busy:
                return
            ready = wait([w.connection for w in busy], timeout=0.25)
            now = time.monotonic()
            for worker in busy:
                task = worker.tasks[0]
                if worker.connection in ready:
                    try:
                        outcome: FileOutcome = worker.connection.recv()
                    except (EOFError, OSError):
                        code = worker.process.exitcode
                        self._requeue_waiting(worker, pending)
                        self._replace(worker)
                        yield FileOutcome(
                            task, error=f"made the reader crash (exit code {code}); it was not imported"
                        )
                        continue
                    worker.tasks.popleft()
                    worker.started = now
                    yield outcome
                elif now - worker.started > self._timeout:
                    self._requeue_waiting(worker, pending)
                    self._replace(worker)
                    yield FileOutcome(
                        task,
                        error=f"took longer than {self._timeout:g} s to read and was stopped; "
                        "a file built to hang decoders behaves like this",
                    )

    @staticmethod
    def _requeue_waiting(worker: _Worker, pending: deque[str]) -> None:
        """The files queued behind a failed one were never started, and its pipe is discarded with it:
        give them to another worker."""
        while len(worker.tasks) > 1:
            pending.appendleft(worker.tasks.pop())
        worker.tasks.clear()

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.connection.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
