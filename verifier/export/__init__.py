"""Exports: what leaves the building, in profiles, behind a leak guard.

Pure Python (no Qt, no SQLAlchemy). The export service gathers an :class:`ExportCase` from the
database, unlocks the leak-guard key, builds an :class:`ExportGuard` and calls
:func:`export_case`; the ui's Qt renderer turns :func:`build_document`'s HTML into the PDF and
hands its text back through :class:`PdfRenderer`, so the guard scans the PDF too.
"""

from verifier.export.claimreview import claimreview_objects, render_claimreview
from verifier.export.html import build_document
from verifier.export.leakguard import ExportGuard, Leak, LeakKind
from verifier.export.model import (
    ExportAppearance,
    ExportCase,
    ExportClaim,
    ExportEvidence,
    ExportFinding,
    ExportPlace,
    ExportSource,
)
from verifier.export.pipeline import (
    ExportManifest,
    Format,
    GuardedExport,
    PdfRenderer,
    RenderedPdf,
    export_case,
    render_export,
)
from verifier.export.profiles import PROFILES, Field, Profile, get_profile
from verifier.export.sanitize import sanitized_copy, sanitized_thumbnail
from verifier.export.writer import ExportFile, ManifestEntry, write_atomically

__all__ = [
    "PROFILES",
    "ExportAppearance",
    "ExportCase",
    "ExportClaim",
    "ExportEvidence",
    "ExportFile",
    "ExportFinding",
    "ExportGuard",
    "ExportManifest",
    "ExportPlace",
    "ExportSource",
    "Field",
    "Format",
    "GuardedExport",
    "Leak",
    "LeakKind",
    "ManifestEntry",
    "PdfRenderer",
    "Profile",
    "RenderedPdf",
    "build_document",
    "claimreview_objects",
    "export_case",
    "get_profile",
    "render_claimreview",
    "render_export",
    "sanitized_copy",
    "sanitized_thumbnail",
    "write_atomically",
]
