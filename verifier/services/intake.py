"""Use cases for taking in photos: batch import with provenance, re-scan, details, similar photos.

Import is a batch job, not a single user action: it opens its own transactions (one per batch
of files) on the workspace it is given, so a crash loses at most the batch in flight, whose
originals are then orphans in the vault that a re-run of the same import picks up.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import ArrivalChannel, EntityType, EvidenceKind
from verifier.errors import InvalidInput, NotFound
from verifier.intake.pipeline import (
    DEFAULT_TIMEOUT_S,
    READER_VERSION,
    FileOutcome,
    ProgressFn,
    WorkerPool,
    collect_files,
    thumbnail_path,
)
from verifier.services._common import aware, create_row, enum_field, text_field
from verifier.services.workspace import Workspace
from verifier.storage import repositories as repo
from verifier.storage.models import CaseRow, EvidenceRow, PhotoMetadataRow, SourceRow
from verifier.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

_BATCH_FILES = 50
_BATCH_SECONDS = 0.5


@dataclass(frozen=True)
class Provenance:
    """Who submitted the files, how and when they arrived, and what the submitter said."""

    submitted_by_id: int | None = None
    arrival: ArrivalChannel | str | None = None
    received_at: datetime | None = None
    caption: str = ""
    claimed_date: str = ""
    claimed_place: str = ""
    notes: str = ""


@dataclass(frozen=True)
class EarlierReceipt:
    """An earlier submission of the same bytes, anywhere in the workspace."""

    evidence_id: int
    case_id: int
    case_title: str
    received_at: datetime
    submitter: str


@dataclass(frozen=True)
class ImportedItem:
    """A file recorded as evidence (``earlier`` lists previous receipts of the same bytes)."""

    path: str
    evidence_id: int
    sha256: str
    earlier: tuple[EarlierReceipt, ...] = ()

    @property
    def message(self) -> str:
        return describe_earlier(self.earlier)


@dataclass(frozen=True)
class FailedItem:
    """A file that was not imported, and why (nothing of it was stored)."""

    path: str
    message: str


@dataclass(frozen=True)
class SkippedItem:
    """A file passed over: already imported in this case from this submitter, or system junk."""

    path: str
    message: str


@dataclass
class ImportReport:
    """What an import did, file by file."""

    imported: list[ImportedItem] = field(default_factory=list)
    failed: list[FailedItem] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)
    not_started: int = 0
    seconds: float = 0.0

    @property
    def recycled(self) -> list[ImportedItem]:
        """Imported files whose bytes had been received before: a finding in itself."""
        return [item for item in self.imported if item.earlier]

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": [
                {
                    "path": i.path,
                    "evidence_id": i.evidence_id,
                    "sha256": i.sha256,
                    "already_received": i.message,
                }
                for i in self.imported
            ],
            "failed": [{"path": f.path, "error": f.message} for f in self.failed],
            "skipped": [{"path": s.path, "reason": s.message} for s in self.skipped],
            "not_started_cancelled": self.not_started,
            "seconds": round(self.seconds, 3),
        }


def describe_earlier(earlier: Sequence[EarlierReceipt]) -> str:
    """'already received on 2017-06-11 from Villager in case "Kirkuk"', or ''."""
    if not earlier:
        return ""
    first = earlier[0]
    more = f" (and {len(earlier) - 1} more time{'s' if len(earlier) > 2 else ''})" if len(earlier) > 1 else ""
    return (
        f"already received on {first.received_at.date().isoformat()} from {first.submitter} "
        f"in case '{first.case_title}'{more}"
    )


def _skip_reason(ws: Workspace, path: str) -> str:
    if (os.path.realpath(path) + os.sep).startswith(os.path.realpath(ws.settings.workspace) + os.sep):
        return "inside this workspace's own folder (its vault and caches are not imported)"
    return "hidden or system file inside a folder"


def _check_request(ws: Workspace, case_id: int, provenance: Provenance) -> None:
    with ws.reading() as session:
        repo.get(session, CaseRow, case_id)
        if provenance.submitted_by_id is not None:
            source = repo.get(session, SourceRow, provenance.submitted_by_id)
            if source.case_id != case_id:
                raise InvalidInput(f"Source {source.id} ('{source.alias}') belongs to another case.")
    if provenance.arrival is not None:
        enum_field(ArrivalChannel, provenance.arrival, "arrival channel")
    aware(provenance.received_at, "time received")


def _earlier(session: Session, sha256: str) -> list[EarlierReceipt]:
    receipts = []
    for row in repo.evidence_with_hash(session, sha256):
        case = session.get(CaseRow, row.case_id)
        submitter = session.get(SourceRow, row.submitted_by_id) if row.submitted_by_id else None
        receipts.append(
            EarlierReceipt(
                row.id,
                row.case_id,
                case.title if case else "?",
                row.received_at,
                submitter.alias if submitter else "an unrecorded submitter",
            )
        )
    return receipts


def _metadata_row(outcome: FileOutcome) -> PhotoMetadataRow:
    summary = outcome.summary

    def text(key: str) -> str:
        value = summary.get(key)
        return str(value) if value is not None else ""

    capture_utc = summary.get("capture_utc")
    return PhotoMetadataRow(
        sha256=outcome.sha256,
        format=outcome.format,
        media_type=outcome.media_type,
        width=outcome.width,
        height=outcome.height,
        jpeg_quality=outcome.jpeg_quality,
        capture_utc=datetime.fromisoformat(capture_utc) if isinstance(capture_utc, str) else None,
        capture_local=text("capture_local"),
        capture_tz_source=text("capture_tz_source") or "unknown",
        gps_latitude=summary.get("gps_latitude"),
        gps_longitude=summary.get("gps_longitude"),
        make=text("make")[:120],
        model=text("model")[:120],
        body_serial_number=text("body_serial_number")[:120],
        image_unique_id=text("image_unique_id")[:120],
        software=text("software")[:200],
        c2pa_state=outcome.c2pa_state,
        phash=f"{outcome.phash:016x}",
        dhash=f"{outcome.dhash:016x}",
        thumb_width=outcome.thumb_width,
        thumb_height=outcome.thumb_height,
        summary=json.dumps(summary, ensure_ascii=False),
        raw=outcome.raw_json,
        reader_version=READER_VERSION,
    )


def _record(
    uow: UnitOfWork, case_id: int, outcome: FileOutcome, provenance: Provenance, report: ImportReport
) -> None:
    earlier = _earlier(uow.session, outcome.sha256)
    same_origin = [
        e
        for e in repo.evidence_with_hash(uow.session, outcome.sha256)
        if e.case_id == case_id and e.submitted_by_id == provenance.submitted_by_id
    ]
    if same_origin:
        report.skipped.append(
            SkippedItem(
                outcome.path,
                f"already imported in this case on {same_origin[0].received_at.date().isoformat()} "
                f"(evidence {same_origin[0].id}); not recorded twice",
            )
        )
        return
    path = Path(outcome.path)
    row = EvidenceRow(
        case_id=case_id,
        kind=EvidenceKind.PHOTO,
        sha256=outcome.sha256,
        size=outcome.size,
        media_type=outcome.media_type,
        original_name=text_field(path.name, "file name", max_length=4096),
        original_folder=str(path.parent),
        received_at=aware(provenance.received_at, "time received") or datetime.now(UTC),
        submitted_by_id=provenance.submitted_by_id,
        arrival=enum_field(ArrivalChannel, provenance.arrival, "arrival") if provenance.arrival else None,
        caption=provenance.caption,
        claimed_date=provenance.claimed_date,
        claimed_place=provenance.claimed_place,
        notes=provenance.notes,
    )
    if uow.session.get(PhotoMetadataRow, outcome.sha256) is None:
        uow.session.add(_metadata_row(outcome))
    create_row(uow, row, EntityType.EVIDENCE, case_id)
    report.imported.append(ImportedItem(outcome.path, row.id, outcome.sha256, tuple(earlier)))


def import_photos(
    ws: Workspace,
    case_id: int,
    paths: Sequence[Path],
    provenance: Provenance | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> ImportReport:
    """Import files and folders (recursively) into a case.

    Every file ends either imported or listed with the reason it was not; a bad file never
    stops the batch. Cancelling stops starting new files; those already read are recorded.

    Args:
        provenance: who sent the files and how; applies to every file of this import.
        progress: called with (files done, files in all, current file name).
        cancel: set it to stop.
        workers: worker processes (default: one per core).
        timeout: seconds one file may take before its worker is stopped.
    """
    wanted = provenance or Provenance()
    text_field(wanted.caption, "caption", max_length=20_000)
    _check_request(ws, case_id, wanted)
    started = time.perf_counter()
    report = ImportReport()
    walk = collect_files(paths, exclude=[ws.settings.workspace])
    report.failed += [FailedItem(p, message) for p, message in walk.errors]
    report.skipped += [SkippedItem(p, _skip_reason(ws, p)) for p in walk.skipped]
    total = len(walk.files)
    tell = progress or (lambda done, total, name: None)
    tell(0, total, "")
    if not total:
        report.seconds = time.perf_counter() - started
        return report
    stop = cancel or threading.Event()
    batch: list[FileOutcome] = []
    last_flush = time.monotonic()
    done = 0

    def flush() -> None:
        nonlocal last_flush
        if batch:
            with ws.transaction() as uow:
                for outcome in batch:
                    _record(uow, case_id, outcome, wanted, report)
            batch.clear()
        last_flush = time.monotonic()

    count = min(workers or len(os.sched_getaffinity(0)) or 1, total)
    with WorkerPool(ws.vault.root, ws.settings.cache_dir, workers=count, timeout=timeout) as pool:
        for outcome in pool.run(walk.files, stop.is_set):
            done += 1
            if outcome.ok:
                batch.append(outcome)
            else:
                report.failed.append(FailedItem(outcome.path, outcome.error))
            tell(done, total, Path(outcome.path).name)
            if len(batch) >= _BATCH_FILES or time.monotonic() - last_flush > _BATCH_SECONDS:
                flush()
    flush()
    report.not_started = total - done
    report.seconds = time.perf_counter() - started
    log.info(
        "Imported %d files into case %d in %.1f s (%d failed, %d skipped, %d not started)",
        len(report.imported),
        case_id,
        report.seconds,
        len(report.failed),
        len(report.skipped),
        report.not_started,
    )
    return report


def add_photo(
    uow: UnitOfWork, case_id: int, path: Path, provenance: Provenance | None = None
) -> ImportedItem:
    """Take in one photo inside the caller's unit of work (in this process, no worker pool).

    For a single file chosen by a person, or for building a case in one transaction; batches go
    through :func:`import_photos`.

    Raises:
        InvalidInput: the file is refused (the message says why); nothing was stored.
    """
    from verifier.intake.pipeline import process_file

    wanted = provenance or Provenance()
    repo.get(uow.session, CaseRow, case_id)
    outcome = process_file(path, uow.vault.root, uow.cache_dir)
    if not outcome.ok:
        raise InvalidInput(f"{path.name} {outcome.error}.")
    report = ImportReport()
    _record(uow, case_id, outcome, wanted, report)
    if not report.imported:
        raise InvalidInput(f"{path.name}: {report.skipped[0].message}.")
    return report.imported[0]


def photo_details(session: Session, evidence_id: int) -> domain.PhotoDetails:
    """What the readers found in an evidence item's original."""
    row = repo.get(session, EvidenceRow, evidence_id)
    details = session.get(PhotoMetadataRow, row.sha256)
    if details is None:
        raise NotFound(f"Evidence {evidence_id} has no photo metadata (it was not imported as a photo).")
    return details.to_domain()


def photo_raw(session: Session, evidence_id: int) -> dict[str, Any]:
    """Every tag by group, XMP, IPTC, file facts and Content Credentials, as read."""
    row = repo.get(session, EvidenceRow, evidence_id)
    details = session.get(PhotoMetadataRow, row.sha256)
    if details is None:
        raise NotFound(f"Evidence {evidence_id} has no photo metadata.")
    raw: dict[str, Any] = json.loads(details.raw)
    return raw


def thumbnail_bytes(ws: Workspace, sha256: str) -> bytes:
    """The cached 256-px thumbnail of an original, made again from the vault if missing."""
    path = thumbnail_path(ws.settings.cache_dir, sha256)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        from verifier.intake.pipeline import MAX_PIXELS, _write_atomically
        from verifier.intake.thumbnails import make_thumbnail

        thumb = make_thumbnail(ws.vault.read_bytes(sha256), label=sha256[:12], max_pixels=MAX_PIXELS)
        _write_atomically(path, thumb.data)
        return thumb.data


@dataclass(frozen=True)
class SimilarPhoto:
    """A photo near another one: same bytes (distance 0 and same SHA-256) or a near-duplicate."""

    evidence_id: int
    case_id: int
    case_title: str
    sha256: str
    distance: int
    same_bytes: bool
    received_at: datetime
    submitter: str


def similar_photos(session: Session, evidence_id: int, *, max_distance: int = 10) -> list[SimilarPhoto]:
    """The nearest photos in every case of the workspace by pHash Hamming distance, nearest first."""
    if not 0 <= max_distance <= 32:
        raise InvalidInput("The distance must be between 0 and 32 bits.")
    target = photo_details(session, evidence_id)
    wanted = int(target.phash, 16)
    found: list[SimilarPhoto] = []
    for sha, phash in repo.photo_hashes(session):
        distance = (int(phash, 16) ^ wanted).bit_count() if phash else 64
        if distance > max_distance:
            continue
        for receipt in _earlier(session, sha):
            if receipt.evidence_id == evidence_id:
                continue
            found.append(
                SimilarPhoto(
                    receipt.evidence_id,
                    receipt.case_id,
                    receipt.case_title,
                    sha,
                    distance,
                    sha == target.sha256,
                    receipt.received_at,
                    receipt.submitter,
                )
            )
    return sorted(found, key=lambda p: (p.distance, p.received_at))


@dataclass(frozen=True)
class RescanReport:
    """What a metadata re-scan did."""

    scanned: int
    changed: int
    failed: tuple[tuple[str, str], ...]
    seconds: float


def rescan_metadata(
    ws: Workspace, *, progress: ProgressFn | None = None, cancel: threading.Event | None = None
) -> RescanReport:
    """Read the metadata of every stored photo again (after a reader update), from the vault."""
    from verifier.intake.metadata import extract_metadata_file

    started = time.perf_counter()
    with ws.reading() as session:
        hashes = [sha for sha, _ in repo.photo_hashes(session)]
    changed = 0
    failed: list[tuple[str, str]] = []
    tell = progress or (lambda done, total, name: None)
    for start in range(0, len(hashes), 500):
        if cancel is not None and cancel.is_set():
            break
        with ws.transaction() as uow:
            for offset, sha in enumerate(hashes[start : start + 500]):
                row = uow.session.get(PhotoMetadataRow, sha)
                assert row is not None
                try:
                    result = extract_metadata_file(ws.vault.path_for(sha), label=sha[:12])
                except Exception as exc:  # a reader failure on one file must not stop the re-scan
                    failed.append((sha, str(exc)))
                    continue
                summary = json.dumps(result.to_dict()["summary"], ensure_ascii=False)
                if summary != row.summary:
                    changed += 1
                    row.summary = summary
                row.raw = result.to_json()
                row.reader_version = READER_VERSION
                row.extracted_at = datetime.now(UTC)
                tell(start + offset + 1, len(hashes), sha[:12])
    return RescanReport(len(hashes), changed, tuple(failed), time.perf_counter() - started)
