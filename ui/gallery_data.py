"""What the evidence gallery and the photo viewer read, in background tasks.

``load_gallery_facts`` adds to each evidence item what its filters need (capture time, GPS, and
the findings counts taken from the case's shared report) in one Session; ``load_photo`` reads
everything the viewer shows about one photo and decodes it upright. Both run on worker threads
(``ui.tasks``) and return frozen snapshots.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PIL import Image, ImageOps

from PySide6.QtGui import QImage

from verifier import domain
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Finding, Severity
from verifier.errors import NotFound
from verifier.services import crossref, evidence, intake, sources
from verifier.services.workspace import Workspace

ProgressFn = Callable[[int, int, str], None]

# The viewer shows photos downscaled to at most this edge: enough for a 4K screen and zooming
# in twice, without holding a 100-megapixel frame in memory.
DISPLAY_EDGE = 4096
# Thumbnails are decoded to this edge (the cache holds 256-px JPEGs).
THUMB_EDGE = 160


@dataclass(frozen=True)
class PhotoFacts:
    """What the gallery filters on besides the evidence record itself."""

    capture_utc: datetime | None = None
    has_gps: bool = False
    findings: int = 0
    worst: Severity | None = None


def findings_by_evidence(report: CaseReport) -> dict[int, tuple[int, Severity]]:
    """How many findings name each evidence item, and the most serious of them.

    Args:
        report: the case's cross-reference report.

    Returns:
        evidence id -> (count, worst severity).
    """
    counts: Counter[int] = Counter()
    worst: dict[int, Severity] = {}
    for finding in report.findings:
        for kind, record_id in finding.subjects:
            if kind != "evidence":
                continue
            counts[record_id] += 1
            if record_id not in worst or finding.severity.rank > worst[record_id].rank:
                worst[record_id] = finding.severity
    return {record_id: (count, worst[record_id]) for record_id, count in counts.items()}


def with_findings(facts: Mapping[int, PhotoFacts], report: CaseReport | None) -> dict[int, PhotoFacts]:
    """The facts with each item's findings count taken from the case's report (GUI or worker).

    Args:
        facts: capture time and GPS of each evidence item.
        report: the shared case report; None leaves the counts as they are.

    Returns:
        New facts (the snapshots are frozen).
    """
    if report is None:
        return dict(facts)
    found = findings_by_evidence(report)
    return {
        evidence_id: replace(
            fact,
            findings=found.get(evidence_id, (0, None))[0],
            worst=found.get(evidence_id, (0, None))[1],
        )
        for evidence_id, fact in facts.items()
    }


def load_gallery_facts(
    ws: Workspace,
    case_id: int,
    progress: ProgressFn,
    cancel: threading.Event | None = None,
    report: CaseReport | None = None,
) -> dict[int, PhotoFacts]:
    """Capture time, GPS and findings of every photo of a case, by evidence id (worker thread).

    Evidence without photo metadata is left out: the gallery shows it with empty facts.

    The findings counts come from ``report``, the case's shared report (``ui.case_report``);
    without one they are left at zero and filled in with ``with_findings`` when it arrives, so
    the cross-reference rules never run twice for one load.
    """
    progress(0, 1, "")
    with ws.reading() as session:
        found = intake.photo_facts(session, case_id)  # one query for the whole case
    facts = {
        evidence_id: PhotoFacts(capture_utc=fact.capture_utc, has_gps=fact.has_gps)
        for evidence_id, fact in found.items()
    }
    progress(1, 1, "")
    return with_findings(facts, report)


def to_qimage(image: Image.Image) -> QImage:
    """A deep-copied QImage of a Pillow image (safe to build on a worker thread)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # the copy owns its pixels; ``data`` may go away


def decode_upright(data: bytes, max_edge: int) -> QImage:
    """Decode a picture, apply its EXIF orientation and downscale it to ``max_edge`` (worker)."""
    with Image.open(io.BytesIO(data)) as opened:
        if opened.format == "JPEG":
            opened.draft("RGB", (max_edge, max_edge))
        image = ImageOps.exif_transpose(opened)
        image.load()
    if max(image.size) > max_edge:
        image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    return to_qimage(image)


@dataclass(frozen=True)
class PhotoView:
    """Everything the viewer shows about one evidence item.

    ``findings_pending`` is True when the case's shared report was still being computed: the
    viewer fills ``findings`` in when it arrives instead of running the rules a second time.
    """

    item: domain.Evidence
    submitter: str
    details: domain.PhotoDetails | None
    raw: dict[str, Any]
    findings: tuple[Finding, ...]
    image: QImage | None
    image_error: str
    original_size: tuple[int, int] | None
    findings_pending: bool = False


def ordered_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most serious first, in the report's order within a severity."""
    return tuple(sorted(findings, key=lambda f: -f.severity.rank))


def photo_findings(ws: Workspace, case_id: int, evidence_id: int) -> tuple[Finding, ...]:
    """One photo's findings, computing the case's report (worker; when no shared one is at hand)."""
    with ws.reading() as session:
        found = crossref.check(session, case_id, kind="evidence", record_id=evidence_id).findings
    return ordered_findings(found)


def load_photo(
    ws: Workspace,
    evidence_id: int,
    progress: ProgressFn,
    known: tuple[int, CaseReport | None] | None = None,
) -> PhotoView:
    """Read one photo's record, metadata and findings, and decode it upright (worker thread).

    Args:
        ws: the workspace.
        evidence_id: the photo.
        progress: progress reports.
        known: the shared report of a case, as ``CaseReportCache.known()`` gives it: (case id,
            report), the report None while it is being computed. When the photo belongs to that
            case, its findings come from the report (or are left pending); otherwise they are
            computed here.
    """
    progress(0, 3, "record")
    pending = False
    findings: tuple[Finding, ...] = ()
    with ws.reading() as session:
        item = evidence.get_evidence(session, evidence_id)
        submitter = ""
        if item.submitted_by_id is not None:
            submitter = sources.get_source(session, item.submitted_by_id).alias
        try:
            details: domain.PhotoDetails | None = intake.photo_details(session, evidence_id)
            raw = intake.photo_raw(session, evidence_id)
        except NotFound:
            details, raw = None, {}
        progress(1, 3, "findings")
        if known is not None and known[0] == item.case_id:
            report = known[1]
            pending = report is None
            if report is not None:
                findings = tuple(f for f in report.findings if f.concerns("evidence", evidence_id))
        else:
            findings = crossref.check(session, item.case_id, kind="evidence", record_id=evidence_id).findings
    progress(2, 3, "pixels")
    image: QImage | None = None
    error = ""
    size: tuple[int, int] | None = None
    try:
        original = ws.vault.read_bytes(item.sha256)
        with Image.open(io.BytesIO(original)) as probe:
            size = probe.size
        image = decode_upright(original, DISPLAY_EDGE)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        error = str(exc)
    progress(3, 3, "")
    return PhotoView(
        item,
        submitter,
        details,
        raw,
        ordered_findings(findings),
        image,
        error,
        size,
        findings_pending=pending,
    )
