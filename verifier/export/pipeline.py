"""The export use case's core: project, guard, render, sanitize, guard again, write atomically.

Order matters: the projected document is scanned field by field *before* any writer runs, so a
refusal names the claim, the item and the field; then every output is scanned as it will be
written (text, HTML raw and decoded, CSV cells, JSON values, file names, every image and the
PDF's text); only a clean export reaches :func:`verifier.export.writer.write_atomically`.

The PDF needs Qt, which the core never imports: the ui passes a :class:`PdfRenderer` that turns
the HTML into PDF bytes and gives back the text it extracted from them, and the guard scans that
text like any other output.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from verifier.domain.enums import EvidenceKind
from verifier.errors import ExportRefused, InvalidInput
from verifier.export.claimreview import render_claimreview
from verifier.export.csv import render_csv_bytes
from verifier.export.html import render_html
from verifier.export.leakguard import ExportGuard, Leak
from verifier.export.markdown import render_markdown
from verifier.export.model import ExportCase, ExportEvidence
from verifier.export.profiles import Field, Profile
from verifier.export.sanitize import sanitized_copy
from verifier.export.view import project
from verifier.export.writer import ExportFile, ManifestEntry, write_atomically

__all__ = [
    "ExportManifest",
    "Format",
    "GuardedExport",
    "OriginalLoader",
    "PdfRenderer",
    "RenderedPdf",
    "export_case",
    "render_export",
]


class Format(StrEnum):
    """An export format."""

    HTML = "html"
    MARKDOWN = "md"
    CSV = "csv"
    CLAIMREVIEW = "claimreview"
    PDF = "pdf"


@dataclass(frozen=True)
class RenderedPdf:
    """What the ui's PDF renderer returns: the file, and the text extracted back from it."""

    data: bytes
    text: str


class PdfRenderer(Protocol):
    """Turns the export's HTML into a PDF (implemented in ui/ with QTextDocument/QPdfWriter)."""

    def __call__(self, document_html: str) -> RenderedPdf:
        """Render ``document_html`` and return the PDF and its extracted text."""
        ...


OriginalLoader = Callable[[ExportEvidence], bytes]
"""Returns an evidence item's original bytes from the vault (read-only)."""


@dataclass(frozen=True)
class GuardedExport:
    """An export rendered in memory that passed the leak guard: the only input of the writer.

    Attributes:
        profile: the profile it was made for.
        claims: references of the claims it shows.
        files: the files, in writing order.
    """

    profile: Profile
    claims: tuple[str, ...]
    files: tuple[ExportFile, ...]


@dataclass(frozen=True)
class ExportManifest:
    """What was written, for the audit log (who and when are added by the service).

    Attributes:
        destination: the export folder.
        profile: the profile's name.
        claims: references of the claims exported.
        files: every file written, with its SHA-256 and size.
        written_at: when every file was on disk, just before the folder was renamed into place.
    """

    destination: Path
    profile: str
    claims: tuple[str, ...]
    files: tuple[ManifestEntry, ...]
    written_at: datetime

    def to_audit(self) -> dict[str, Any]:
        """Return a JSON-safe form for the audit entry's ``new_values``."""
        return {
            "destination": str(self.destination),
            "profile": self.profile,
            "claims": list(self.claims),
            "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in self.files],
            "written_at": self.written_at.isoformat(),
        }


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _copy_name(evidence_id: str, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", evidence_id).strip("._-") or "item"
    name, counter = f"images/{base}.jpg", 2
    while name in taken:
        name, counter = f"images/{base}-{counter}.jpg", counter + 1
    taken.add(name)
    return name


@contextmanager
def _timed(timings: dict[str, float] | None, phase: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[phase] = timings.get(phase, 0.0) + time.perf_counter() - start


def render_export(
    case: ExportCase,
    profile: Profile,
    formats: Sequence[Format],
    guard: ExportGuard,
    *,
    originals: OriginalLoader | None = None,
    pdf: PdfRenderer | None = None,
    csv_bom: bool = True,
    timings: dict[str, float] | None = None,
) -> GuardedExport:
    """Render an export in memory and pass it through the leak guard.

    Args:
        case: the case snapshot.
        profile: who it is for.
        formats: the formats wanted.
        guard: the leak guard built for this case.
        originals: loads an evidence item's original bytes, for sanitized copies (profiles with
            copies only); each is checked against the item's SHA-256.
        pdf: the Qt renderer, required when ``Format.PDF`` is asked for.
        csv_bom: start the CSV with a byte order mark (for Excel).
        timings: when given, seconds spent per phase are added to it.

    Returns:
        The files, cleared by the guard.

    Raises:
        ExportRefused: the guard found a leak (nothing is returned, nothing was written).
        InvalidInput: PDF asked for without a renderer.
        UnreadableImage, UnsupportedFormat: an original cannot be decoded for its copy.
    """
    if Format.PDF in formats and pdf is None:
        raise InvalidInput("A PDF export needs the PDF renderer of the user interface.")
    with _timed(timings, "project"):
        view = project(case, profile)
    with _timed(timings, "guard fields"):
        guard.refuse(guard.find_in_view(view))

    stem = f"verification-{profile.name}"
    files: list[ExportFile] = []
    pdf_text: list[tuple[str, str]] = []
    with _timed(timings, "documents"):
        document_html = render_html(view) if (Format.HTML in formats or Format.PDF in formats) else ""
        for fmt in dict.fromkeys(formats):
            if fmt is Format.HTML:
                files.append(ExportFile(f"{stem}.html", document_html.encode("utf-8")))
            elif fmt is Format.MARKDOWN:
                files.append(ExportFile(f"{stem}.md", render_markdown(view).encode("utf-8")))
            elif fmt is Format.CSV:
                files.append(ExportFile(f"{stem}.csv", render_csv_bytes(view, bom=csv_bom)))
            elif fmt is Format.CLAIMREVIEW:
                files.append(ExportFile("claimreview.jsonld", render_claimreview(case).encode("utf-8")))
    if Format.PDF in formats and pdf is not None:
        with _timed(timings, "pdf"):
            rendered = pdf(document_html)
        files.append(ExportFile(f"{stem}.pdf", rendered.data))
        pdf_text.append((f"{stem}.pdf", rendered.text))

    if originals is not None and profile.includes(Field.SANITIZED_COPIES):
        with _timed(timings, "sanitize"):
            files.extend(_copies(view_claim_evidence(case, profile), originals, profile))

    with _timed(timings, "guard outputs"):
        leaks: list[Leak] = []
        for item in files:
            leaks.extend(guard.find_in_output(item.name, item.data))
        for name, text in pdf_text:
            leaks.extend(guard.find_in_text(f"{name} (text)", text))
        guard.refuse(leaks)
    shown = tuple(
        claim.ref for claim in case.claims if claim.verdict is not None or not profile.verdict_claims_only
    )
    return GuardedExport(profile, shown, tuple(files))


def view_claim_evidence(case: ExportCase, profile: Profile) -> list[ExportEvidence]:
    """The photos of the claims a profile shows, each once, in document order.

    Args:
        case: the case.
        profile: the profile.

    Returns:
        Evidence items whose kind is photo.
    """
    seen: dict[str, ExportEvidence] = {}
    for claim in case.claims:
        if profile.verdict_claims_only and claim.verdict is None:
            continue
        for item in claim.evidence:
            if item.kind is EvidenceKind.PHOTO:
                seen.setdefault(item.evidence_id, item)
    return list(seen.values())


def _copies(items: Sequence[ExportEvidence], originals: OriginalLoader, profile: Profile) -> list[ExportFile]:
    files = []
    links = []
    taken: set[str] = set()
    for item in items:
        original = originals(item)
        if hashlib.sha256(original).hexdigest() != item.sha256.lower():
            raise ExportRefused(
                f"Export refused: the stored file of evidence {item.evidence_id} does not match its "
                "recorded SHA-256 (check the vault's integrity); nothing was written."
            )
        copy = sanitized_copy(original, label=f"evidence {item.evidence_id}")
        name = _copy_name(item.evidence_id, taken)
        files.append(ExportFile(name, copy))
        links.append(
            {
                "file": name,
                "sha256": hashlib.sha256(copy).hexdigest(),
                "evidence_id": item.evidence_id,
                "original_sha256": item.sha256.lower(),
            }
        )
    if profile.includes(Field.COPY_MANIFEST) and links:
        body = json.dumps({"sanitized_copies": links}, ensure_ascii=False, indent=2) + "\n"
        files.append(ExportFile("images/sanitized-copies.json", body.encode("utf-8")))
    return files


def export_case(
    destination: Path,
    case: ExportCase,
    profile: Profile,
    formats: Sequence[Format],
    guard: ExportGuard,
    *,
    originals: OriginalLoader | None = None,
    pdf: PdfRenderer | None = None,
    csv_bom: bool = True,
    timings: dict[str, float] | None = None,
    before_publish: Callable[[ExportManifest], None] | None = None,
) -> ExportManifest:
    """Render, guard and atomically write an export folder.

    Args:
        destination: the export folder to create (must not exist).
        case: the case snapshot.
        profile: who it is for.
        formats: the formats wanted.
        guard: the leak guard built for this case.
        originals: see :func:`render_export`.
        pdf: see :func:`render_export`.
        csv_bom: see :func:`render_export`.
        timings: see :func:`render_export`; adds a "write" phase.
        before_publish: called with the manifest once every file is written and before the folder
            appears under its name (see :func:`verifier.export.writer.write_atomically`).

    Returns:
        The manifest for the audit log.

    Raises:
        ExportRefused: the guard found a leak; nothing was written.
        Conflict, StorageError: the folder exists or cannot be written; nothing is left behind.
    """
    guarded = render_export(
        case, profile, formats, guard, originals=originals, pdf=pdf, csv_bom=csv_bom, timings=timings
    )
    made: list[ExportManifest] = []

    def publish(entries: list[ManifestEntry]) -> None:
        made.append(
            ExportManifest(
                destination=destination,
                profile=profile.name,
                claims=guarded.claims,
                files=tuple(entries),
                written_at=datetime.now().astimezone(),
            )
        )
        if before_publish is not None:
            before_publish(made[0])

    with _timed(timings, "write"):
        write_atomically(destination, guarded.files, before_publish=publish)
    return made[0]
