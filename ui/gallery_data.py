"""What the evidence gallery and the photo viewer read, in background tasks.

``load_gallery_facts`` adds to each evidence item what its filters need (capture time, GPS,
findings) in one Session; ``load_photo`` reads everything the viewer shows about one photo and
decodes it upright. Both run on worker threads (``ui.tasks``) and return frozen snapshots.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image, ImageOps

from PySide6.QtGui import QImage

from verifier import domain
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


def load_gallery_facts(
    ws: Workspace, case_id: int, progress: ProgressFn, cancel: threading.Event | None = None
) -> dict[int, PhotoFacts]:
    """Capture time, GPS and findings of every evidence item of a case (worker thread)."""
    facts: dict[int, PhotoFacts] = {}
    with ws.reading() as session:
        items = evidence.list_evidence(session, case_id)
        report = crossref.case_report(session, case_id)
        counts: Counter[int] = Counter()
        worst: dict[int, Severity] = {}
        for finding in report.findings:
            for kind, record_id in finding.subjects:
                if kind != "evidence":
                    continue
                counts[record_id] += 1
                if record_id not in worst or finding.severity.rank > worst[record_id].rank:
                    worst[record_id] = finding.severity
        total = len(items)
        for done, item in enumerate(items):
            if done % 200 == 0:
                progress(done, total, item.original_name)
            try:
                details = intake.photo_details(session, item.id)
            except NotFound:
                details = None
            facts[item.id] = PhotoFacts(
                capture_utc=details.capture_utc if details is not None else None,
                has_gps=details is not None and details.gps_latitude is not None,
                findings=counts.get(item.id, 0),
                worst=worst.get(item.id),
            )
    progress(total, total, "")
    return facts


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
    """Everything the viewer shows about one evidence item."""

    item: domain.Evidence
    submitter: str
    details: domain.PhotoDetails | None
    raw: dict[str, Any]
    findings: tuple[Finding, ...]
    image: QImage | None
    image_error: str
    original_size: tuple[int, int] | None


def load_photo(ws: Workspace, evidence_id: int, progress: ProgressFn) -> PhotoView:
    """Read one photo's record, metadata and findings, and decode it upright (worker thread)."""
    progress(0, 3, "record")
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
    ordered = tuple(sorted(findings, key=lambda f: -f.severity.rank))
    return PhotoView(item, submitter, details, raw, ordered, image, error, size)
