"""Fuzzing the photo readers: seeds, mutators, and a sandbox that bounds time and memory.

Every input must end in a result or a clear per-file error (a ``VerifierError`` whose message
starts with the file's name). Anything else is a finding: an uncaught exception ("crash"), a
call that outlives the time bound ("hang"), memory growth past the budget ("memory"), or a
worker that died (a segfault in a decoder, "died").

The readers run in a separate worker process (spawned, like the intake pipeline's workers), so
a hang can be cut off and a runaway allocation hits the worker's address-space limit instead of
the machine. ``tests/fuzz/test_fuzz_metadata.py`` runs a fixed number of examples in CI;
``tools/fuzz.py --minutes N`` runs longer and saves findings into ``tests/fuzz/corpus/``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import io
import json
import logging
import multiprocessing
import os
import random
import resource
import struct
import time
import traceback
import warnings
import zlib
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Final, NamedTuple

CORPUS: Final = Path(__file__).parent / "corpus"
FAILURE_KINDS: Final = frozenset({"crash", "hang", "memory", "died", "unclear"})
# Growth of the worker's peak RSS during one call beyond which the call counts as a memory
# finding. A 64x48 seed needs a few MiB; a declared 40000x40000 image must be refused, not decoded.
MEMORY_BUDGET_MIB: Final = 512
# Hard cap on the worker's address space above its size after warm-up (a backstop: past it,
# allocations fail with MemoryError instead of swapping the machine).
ADDRESS_SPACE_HEADROOM_MIB: Final = 2048

Exercise = Callable[[bytes, str], str]


# ----------------------------------------------------------------------------------------- seeds
def seeds() -> dict[str, bytes]:
    """Valid photos of every container the intake reads, rich in metadata (deterministic)."""
    import pillow_heif
    from PIL import features

    from tests.verifier.intake.samples import (
        ASCII,
        LONG,
        RATIONAL,
        SHORT,
        Entry,
        TiffSpec,
        build_exif,
        insert_segment,
        iptc_app13,
        jpeg_with_exif,
        phone_exif,
        picture,
        save,
    )

    image = picture((64, 48))
    exif = phone_exif()
    xmp = (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        b' xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"'
        b' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmp:CreatorTool="Phone 17.3"'
        b' photoshop:City="Makhmour"><xmpMM:History><rdf:Seq><rdf:li stEvt:action="saved"/>'
        b'<rdf:li stEvt:action="converted"/></rdf:Seq></xmpMM:History></rdf:Description>'
        b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    iptc = iptc_app13(
        [(1, 90, b"\x1b%G"), (2, 80, b"Field reporter"), (2, 90, b"Makhmour"), (2, 25, b"displacement")]
    )
    jpeg = save(image, "JPEG", quality=85, exif=exif, icc_profile=b"\0" * 128)
    jpeg = insert_segment(jpeg, 0xED, iptc)
    jpeg = insert_segment(jpeg, 0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xmp)
    thumb = save(picture((16, 12), seed=9), "JPEG", quality=70)
    with_thumb = jpeg_with_exif(
        build_exif(
            TiffSpec(
                ifd0=[Entry(0x010F, ASCII, "Canon"), Entry(0x0110, ASCII, "EOS 5D"), Entry(0x0112, SHORT, 6)],
                exif=[Entry(0x9003, ASCII, "2019:03:29 10:30:00"), Entry(0x9011, ASCII, "+03:00")],
                gps=[
                    Entry(0x0001, ASCII, "N"),
                    Entry(0x0002, RATIONAL, [(35, 1), (46, 1), (282, 10)]),
                    Entry(0x0003, ASCII, "E"),
                    Entry(0x0004, RATIONAL, [(43, 1), (35, 1), (15, 1)]),
                    Entry(0x0005, LONG, 0),
                ],
                thumbnail=thumb,
                little_endian=False,
            )
        ),
        image,
    )
    heif = io.BytesIO()
    pillow_heif.from_pillow(image).save(heif, format="HEIF", exif=exif.tobytes(), xmp=xmp)
    tiff = io.BytesIO()
    image.save(tiff, "TIFF", exif=exif)
    found = {
        "jpeg": jpeg,
        "jpeg-thumbnail": with_thumb,
        "png": save(image, "PNG", exif=exif, pnginfo=_png_xmp(xmp)),
        "webp": save(image, "WEBP", exif=exif, xmp=xmp),
        "tiff": tiff.getvalue(),
        "tiff-exif": exif.tobytes()[6:],  # a bare EXIF block is a TIFF structure too
        "heic": heif.getvalue(),
    }
    if features.check("avif"):
        found["avif"] = save(image, "AVIF", exif=exif.tobytes(), xmp=xmp)
    return found


def _png_xmp(xmp: bytes) -> object:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"), zip=True)
    return info


# -------------------------------------------------------------------------------------- mutation
class Op(NamedTuple):
    """One mutation: ``kind`` at ``position`` (taken modulo the length) with ``value``."""

    kind: str
    position: int
    value: int


_INTERESTING: Final = (0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)
OP_KINDS: Final = ("set", "flip", "int16", "int32", "insert", "delete", "duplicate", "truncate", "splice")


def mutate(data: bytes, ops: Sequence[Op], donor: bytes = b"") -> bytes:
    """Apply byte-level mutations; the first 4 KiB (where metadata lives) is hit most often."""
    buf = bytearray(data)
    for op in ops:
        if not buf:
            break
        size = len(buf)
        # Two positions in three land in the header area, where the readers do their parsing.
        pos = op.position % min(size, 4096) if op.position % 3 else op.position % size
        value = op.value
        if op.kind == "set":
            buf[pos] = value & 0xFF
        elif op.kind == "flip":
            buf[pos] ^= 1 << (value % 8)
        elif op.kind in ("int16", "int32"):
            width = 2 if op.kind == "int16" else 4
            number = _INTERESTING[value % len(_INTERESTING)] & (0xFFFF if width == 2 else 0xFFFFFFFF)
            order = "<" if value & 0x100 else ">"
            if pos + width <= size:
                struct.pack_into(order + ("H" if width == 2 else "I"), buf, pos, number)
        elif op.kind == "insert":
            buf[pos:pos] = bytes([value & 0xFF]) * (1 + (value >> 8) % 64)
        elif op.kind == "delete":
            del buf[pos : pos + 1 + value % 64]
        elif op.kind == "duplicate":
            length = 1 + value % 256
            buf[pos:pos] = buf[pos : pos + length]
        elif op.kind == "truncate":
            del buf[max(pos, 1) :]
        elif op.kind == "splice" and donor:
            start = value % len(donor)
            buf[pos : pos + 64] = donor[start : start + 64]
    return bytes(buf)


def random_ops(rng: random.Random, *, max_ops: int = 8) -> list[Op]:
    """Random mutations for the long runs of ``tools/fuzz.py``."""
    return [
        Op(rng.choice(OP_KINDS), rng.randrange(1 << 24), rng.randrange(1 << 16))
        for _ in range(rng.randint(1, max_ops))
    ]


def random_structure(rng: random.Random, pool: dict[str, bytes]) -> tuple[str, bytes]:
    """A well-formed container with hostile contents, for the long runs (1 input in 4).

    Byte mutations rarely build these; the structure-aware tests in ``test_fuzz_structures.py``
    and the findings in ``test_findings.py`` show why they matter.
    """
    from tests.verifier.intake.samples import insert_segment, jpeg_with_exif

    kind = rng.choice(("ifd", "xmp", "png-text"))
    if kind == "ifd":
        tags = (
            0x0002,
            0x0007,
            0x001D,
            0x0112,
            0x0201,
            0x0202,
            0x02BC,
            0x8769,
            0x8825,
            0x9003,
            0x9011,
            0xA005,
        )
        entries = [
            (
                rng.choice(tags) if rng.random() < 0.7 else rng.randrange(1 << 16),
                rng.randrange(21),
                rng.choice((0, 1, 2, 3, 4, 8, 1 << 16, (1 << 32) - 1, rng.randrange(1 << 32))),
                rng.randrange(1024) if rng.random() < 0.8 else rng.randrange(1 << 32),
            )
            for _ in range(rng.randrange(64))
        ]
        little = rng.random() < 0.5
        e = "<" if little else ">"
        ifd = struct.pack(e + "H", len(entries)) + b"".join(
            struct.pack(e + "HHII", *entry) for entry in entries
        )
        tail = rng.randbytes(rng.randrange(2048))
        blob = (
            (b"II" if little else b"MM") + struct.pack(e + "HI", 42, 8) + ifd + struct.pack(e + "I", 8) + tail
        )
        return "ifd", jpeg_with_exif(blob) if rng.random() < 0.5 else blob
    if kind == "xmp":
        wrappers = (
            "<a:p><rdf:Description>",
            '<a:p rdf:parseType="Resource">',
            "<rdf:Seq><rdf:li>",
            "<rdf:li>",
        )
        depth = rng.randrange(200)
        body = "".join(rng.choice(wrappers) for _ in range(depth))  # unclosed on purpose, sometimes
        packet = (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description xmlns:a="urn:a">{body}</rdf:Description></rdf:RDF></x:xmpmeta>'
        ).encode()
        return "xmp", insert_segment(pool["jpeg"], 0xE1, b"http://ns.adobe.com/xap/1.0/\0" + packet[:65000])
    chunk_data = b"XML:com.adobe.xmp\0\0" + zlib.compress(b"<" * rng.randrange(1, 1 << 22), 9)
    chunk = (
        struct.pack(">I", len(chunk_data))
        + b"zTXt"
        + chunk_data
        + struct.pack(">I", zlib.crc32(b"zTXt" + chunk_data))
    )
    png = pool["png"]
    return "png-text", png[:33] + chunk * rng.randrange(1, 64) + png[33:]


# -------------------------------------------------------------------------------------- readers
def exercise(data: bytes, label: str) -> str:
    """Run every reader of the intake on ``data`` as the app does; return what happened.

    Refusals (``VerifierError``) are allowed and reported; each must name the file. The
    low-level readers (sniff, TIFF walker, containers, XMP, IPTC) promise never to raise at all.
    Any other exception propagates: that is a finding.
    """
    from verifier.errors import VerifierError
    from verifier.intake.containers import read_container
    from verifier.intake.iptc import parse_iptc
    from verifier.intake.metadata import extract_metadata, json_default
    from verifier.intake.sniff import sniff
    from verifier.intake.summary import summary_from_dict
    from verifier.intake.thumbnails import KnownFacts, embedded_thumbnail_phash, make_thumbnail
    from verifier.intake.tiff import parse_tiff
    from verifier.intake.xmp import parse_xmp

    refusals: list[str] = []

    def refused(exc: VerifierError) -> None:
        message = str(exc)
        if not message.startswith(f"{label}: "):
            raise UnclearError(f"{type(exc).__name__} without the file's name: {message!r}")
        refusals.append(f"{type(exc).__name__}: {message}")

    sniffed = sniff(data)
    parse_tiff(data, what="TIFF", exif_only=False)
    for fmt in ("jpeg", "png", "webp", "heic"):
        read_container(data, fmt, complete=True)
    read_container(data, sniffed.format, complete=False)
    parse_xmp(data)
    parse_iptc(data)

    result = None
    try:
        # As the import pipeline calls it, with maker notes as the re-scan may.
        result = extract_metadata(data, label=label, file_size=len(data), maker_notes=True)
    except VerifierError as exc:
        refused(exc)
    try:
        # As a metadata re-scan calls it on a file's head.
        extract_metadata(data, label=label, file_size=len(data) + 4096)
    except VerifierError as exc:
        refused(exc)
    if result is not None:
        text = result.to_json()
        json.loads(text, parse_constant=_refuse_constant)  # strict JSON: it is stored and exported
        stored = json.loads(json.dumps(result.summary, default=json_default))
        if summary_from_dict(stored) != result.summary:
            raise AssertionError("the summary does not survive its stored JSON form")
        preview = result.file.embedded_thumbnail
        if preview is not None:
            embedded_thumbnail_phash(data, preview.offset, preview.length, result.summary.orientation)
        known = KnownFacts(
            result.file.format, result.file.width, result.file.height, result.summary.orientation
        )
        try:
            make_thumbnail(data, label=label, known=known)
        except VerifierError as exc:
            refused(exc)
    try:
        make_thumbnail(data, label=label)
    except VerifierError as exc:
        refused(exc)
    return "; ".join(refusals) if refusals else "read"


class UnclearError(Exception):
    """A refusal whose message does not say which file it is about."""


def _refuse_constant(name: str) -> float:
    raise ValueError(f"the metadata JSON contains {name}, which is not JSON")


def selftest_exercise(data: bytes, label: str) -> str:
    """A stand-in reader that misbehaves on request, to prove the sandbox catches each failure."""
    command = data.decode("ascii", "replace")
    if command == "hang":
        time.sleep(3600)
    elif command == "crash":
        raise KeyError("planted")
    elif command == "memory":
        hoard = bytearray(256 * 2**20)
        hoard[::4096] = b"x" * len(hoard[::4096])  # touch every page so it counts as resident
        return f"held {len(hoard)} bytes"
    elif command == "die":
        os._exit(9)
    elif command == "refuse":
        from verifier.errors import UnreadableImage

        raise UnreadableImage(f"{label}: planted refusal")
    return "read"


# --------------------------------------------------------------------------------------- sandbox
@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one input ended."""

    kind: str  # "read", "refused", or one of FAILURE_KINDS
    detail: str
    seconds: float
    where: str = ""  # for a crash: the innermost frame in verifier/ (module:function)

    @property
    def failed(self) -> bool:
        return self.kind in FAILURE_KINDS

    def slug(self) -> str:
        """What broke, for a corpus file name: ``crash-OverflowError-summary._to_utc``."""
        parts = [self.kind]
        if self.kind == "crash":
            parts.append(self.detail.split(":", 1)[0])
        if self.where:
            parts.append(self.where.replace(":", "."))
        return "-".join(part.replace("/", "_").replace(" ", "_") for part in parts if part)


def _innermost_project_frame(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        path = frame.filename.replace(os.sep, "/")
        if "/verifier/" in path:
            module = path.rsplit("/verifier/", 1)[1].removesuffix(".py").replace("/", ".")
            return f"{module}:{frame.name}"
    return frames[-1].name if frames else ""


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status ("VmSize", "VmRSS", "VmHWM")."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _address_space_mib() -> float:
    return _status_mib("VmSize")


def _start_peak() -> float:
    """Start measuring one call's peak memory; returns the resident size it starts from.

    The kernel's peak of this process (VmHWM) is reset first and read after. ``getrusage``'s
    ``ru_maxrss`` was used before, but a spawned worker inherits its parent's peak through fork
    and exec: under a pytest process of 700 MiB, a call that took 256 MiB went unseen, and the
    sandbox self-test failed in the whole suite while it passed alone.
    """
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # 5: reset the peak resident set size to the current one
    except OSError:  # not Linux, or not allowed: the lifetime peak is used (less sensitive)
        return _status_mib("VmHWM")
    return _status_mib("VmRSS")


def _serve(connection: Connection, exercise_name: str, memory_budget_mib: float) -> None:
    # exifread and Pillow report every oddity of a mutated file; the outcome says what matters.
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    module_name, _, function_name = exercise_name.partition(":")
    run: Exercise = getattr(importlib.import_module(module_name), function_name)
    # Warm up every reader once (imports, libheif, c2pa) before measuring anything.
    for data in seeds().values():
        try:
            exercise(data, "warm-up")
        except Exception:  # a broken seed shows up in the seed test, not here
            pass
    limit = int((_address_space_mib() + ADDRESS_SPACE_HEADROOM_MIB) * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    connection.send("ready")
    from verifier.errors import VerifierError

    while True:
        message = connection.recv()
        if message is None:
            return
        data, label = message
        before = _start_peak()
        started = time.perf_counter()
        where = ""
        try:
            kind, detail = "read", run(data, label)
            if detail != "read":
                kind = "refused"
        except VerifierError as exc:
            kind, detail = "refused", str(exc)
        except MemoryError as exc:
            kind, detail, where = "memory", "MemoryError", _innermost_project_frame(exc)
        except UnclearError as exc:
            kind, detail = "unclear", str(exc)
        except Exception as exc:
            where = _innermost_project_frame(exc)
            kind = "crash"
            detail = f"{type(exc).__name__}: {exc}\n{''.join(traceback.format_exception(exc))}"
        seconds = time.perf_counter() - started
        grown = _status_mib("VmHWM") - before
        if kind in ("read", "refused") and grown > memory_budget_mib:
            kind, detail = "memory", f"peak memory grew by {grown:.0f} MiB during one call"
        connection.send((kind, detail[:20000], seconds, where))


class Sandbox:
    """A worker process running one reader function, restarted after a hang or a death.

    Args:
        time_limit: Seconds one input may take before it counts as a hang.
        exercise_name: ``module:function`` run on each input (the real readers by default).
        memory_budget_mib: Growth of peak memory during one call that counts as a finding.
    """

    def __init__(
        self,
        *,
        time_limit: float = 15.0,
        exercise_name: str = "tests.fuzz.harness:exercise",
        memory_budget_mib: float = MEMORY_BUDGET_MIB,
    ) -> None:
        self.time_limit = time_limit
        self.memory_budget_mib = memory_budget_mib
        self.exercise_name = exercise_name
        self._context = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self.restarts = 0

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> Connection:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self.exercise_name, self.memory_budget_mib),
            name="fuzz-worker",
            daemon=True,
        )
        process.start()
        child.close()
        if not parent.poll(120):
            process.kill()
            raise RuntimeError("the fuzz worker did not start within 120 s")
        try:
            ready = parent.recv()
        except EOFError:
            ready = None
        if ready != "ready":
            process.kill()
            raise RuntimeError("the fuzz worker died while warming up (see its traceback above)")
        self._process, self._connection = process, parent
        return parent

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(10)
            self._process.close()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.send(None)
            except OSError:
                pass
            assert self._process is not None
            self._process.join(5)
        self._stop()

    def run(self, data: bytes, label: str = "fuzz.bin") -> Outcome:
        """Run the readers on one input within the time bound."""
        connection = self._connection or self._start()
        started = time.perf_counter()
        connection.send((data, label))
        if not connection.poll(self.time_limit):
            self._stop()
            self.restarts += 1
            return Outcome("hang", f"no answer within {self.time_limit:g} s", time.perf_counter() - started)
        try:
            kind, detail, seconds, where = connection.recv()
        except (EOFError, OSError):
            assert self._process is not None
            self._process.join(5)
            code = self._process.exitcode
            self._stop()
            self.restarts += 1
            kind = "memory" if code == -9 else "died"
            return Outcome(kind, f"the worker died (exit code {code})", time.perf_counter() - started)
        if kind == "memory":
            # The peak RSS is a high-water mark: only a new worker measures the next call fairly.
            self._stop()
            self.restarts += 1
        return Outcome(kind, detail, seconds, where)


# ---------------------------------------------------------------------------------------- corpus
def save_finding(data: bytes, outcome: Outcome, origin: str, folder: Path = CORPUS) -> Path:
    """Keep an input that broke a reader, named after what it broke; the replay test reads it."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = folder / f"{outcome.slug()}-{origin}-{digest}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(
        f"kind: {outcome.kind}\nwhere: {outcome.where}\nseconds: {outcome.seconds:.3f}\n\n{outcome.detail}\n",
        encoding="utf-8",
    )
    return path


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    """The saved inputs, in a stable order."""
    return sorted(folder.glob("*.bin")) if folder.is_dir() else []
