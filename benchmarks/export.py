"""Benchmark exports: a generated case of 500 claims and 1,000 photos, to HTML, Markdown, CSV and
ClaimReview JSON-LD, and PDF with the ui's Qt renderer: ``--pdf ui.pdf:render_pdf``.

Generates N synthetic phone-like JPEGs (default 2000x1500, EXIF with GPS and serial numbers),
cached in the temp directory, then prints the time split:

- sanitizing thumbnails (320 px, pixels only) from the originals, one process and a pool;
- projecting the case and rendering each document;
- the leak-guard scan (the projected document field by field, then every output: HTML raw and
  decoded, each embedded image, Markdown, CSV cells, JSON values, file names);
- writing the export folder atomically (fsync'd).

Usage: ``python benchmarks/export.py [--claims 500] [--photos 1000] [--size 2000x1500]
[--workers W] [--pdf module:function]``; ``--pdf`` names a callable implementing
``verifier.export.PdfRenderer`` (HTML -> PDF bytes + extracted text), timed as its own phase.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib
import io
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw, TiffImagePlugin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.domain.enums import (
    Anonymity,
    ClaimStatus,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    PlacePrecision,
    SourceKind,
    Verdict,
)
from verifier.domain.values import Credibility, GeoPoint, Quantity, SourceReliability
from verifier.export import (
    ExportCase,
    ExportClaim,
    ExportEvidence,
    ExportFinding,
    ExportGuard,
    ExportPlace,
    ExportSource,
    Format,
    PdfRenderer,
    export_case,
    get_profile,
    sanitized_thumbnail,
)
from verifier.export.claimreview import render_claimreview
from verifier.export.csv import render_csv_bytes
from verifier.export.html import render_html
from verifier.export.markdown import render_markdown
from verifier.export.view import project
from verifier.sealing import LeakGuardKey, fingerprint_identity

_GENERATOR_VERSION = "1"


def _photo(index: int, size: tuple[int, int]) -> bytes:
    """A picture of large shapes with phone EXIF (GPS, serials): what sanitizing must strip."""
    width, height = size
    image = Image.new("RGB", size, (40 + index % 80, 90, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(110, 80 + index % 50, 40))
    draw.ellipse((width // 10, height // 10, width // 2, height // 2), fill=(250, 220, (index * 7) % 255))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 13 Pro", 6 if index % 5 == 0 else 1
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = "2019:02:21 09:35:12"
    ifd[0xA431] = f"SN-{index:06d}"
    gps = exif.get_ifd(0x8825)
    r = TiffImagePlugin.IFDRational
    gps[1], gps[2], gps[3], gps[4] = "N", (r(35), r(46), r(28 + index % 30)), "E", (r(43), r(35), r(15))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _originals(count: int, size: tuple[int, int], folder: Path | None) -> list[Path]:
    base = (
        folder or Path(tempfile.gettempdir()) / f"sv-export-bench-v{_GENERATOR_VERSION}-{size[0]}x{size[1]}"
    )
    base.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = base / f"IMG_{index:05d}.jpg"
        if not path.exists():
            path.write_bytes(_photo(index, size))
        paths.append(path)
    return paths


def _thumbnail(path: Path) -> bytes:
    return sanitized_thumbnail(path.read_bytes(), label=path.stem)


def _case(claims: int, photos: list[Path], thumbnails: list[bytes]) -> ExportCase:
    sources = [
        ExportSource(
            alias=f"Witness {i}",
            public_description=f"A resident of village {i % 12} in the Makhmour district",
            kind=SourceKind.EYEWITNESS,
            anonymity=Anonymity.ANONYMOUS if i % 3 else Anonymity.ON_RECORD,
            reason_granted="Fears reprisals.",
            identity_state=IdentityState.SEALED if i % 3 else IdentityState.NONE,
            reliability=list(SourceReliability)[i % 6],
            guard_subject=f"source:{i}",
        )
        for i in range(60)
    ]
    per_claim = max(1, len(photos) // claims)
    built = []
    for c in range(claims):
        evidence = tuple(
            ExportEvidence(
                evidence_id=f"E-{p + 1}",
                sha256=hashlib.sha256(photos[p].name.encode()).hexdigest(),
                kind=EvidenceKind.PHOTO,
                relation=EvidenceRelation.SUPPORTS,
                caption=f"Men walking near the checkpoint, frame {p}. Photo: submitted",
                captured_utc=datetime(2019, 2, 21, 6, 35, p % 60, tzinfo=UTC),
                captured_local=datetime(2019, 2, 21, 9, 35, p % 60),
                capture_offset="+03:00",
                capture_place=ExportPlace.published(
                    "Makhmour district",
                    exact=GeoPoint(35.7745 + p * 1e-4, 43.5875),
                    decimals=2 if p % 4 else None,
                    precision=PlacePrecision.LOCALITY,
                    sensitive=p % 4 == 0,
                ),
                findings=(ExportFinding("time.gps_vs_exif", "info", "GPS time and camera clock agree."),),
                sensitive=p % 4 == 0,
                thumbnail_jpeg=thumbnails[p],
                original_name=photos[p].name,
                device_serials=(f"SN-{p:06d}",),
            )
            for p in range(c * per_claim, min(len(photos), (c + 1) * per_claim))
        )
        built.append(
            ExportClaim(
                ref=f"C-{c + 1}",
                statement=f"Claim {c}: armed men were seen near Ali Rash in mid-March (report {c}).",
                status=ClaimStatus.CORROBORATED,
                verdict=list(Verdict)[c % 5] if c % 7 else None,
                rationale="Two origins agree; the photo's time and place were verified.",
                credibility=list(Credibility)[c % 6],
                quantities=(Quantity(50, 150, "fighters", "and their families"),),
                supporting_origins=2,
                contradicting_origins=c % 2,
                corroboration="Two witnesses who are friends count as one origin.",
                sources=(sources[c % 60], sources[(c + 7) % 60]),
                evidence=evidence,
                discrepancies=("Spelling of the village differs.",),
            )
        )
    return ExportCase(
        title="Generated case",
        summary="A generated case for the export benchmark.",
        newsroom="Benchmark Newsroom",
        generated_at=datetime.now(UTC),
        app_version="0.1.0",
        claims=tuple(built),
        audit_summary=tuple(f"audit line {i}" for i in range(20)),
    )


def _load_pdf(spec: str) -> PdfRenderer:
    """Import ``module:function``; a module offering ``ensure_gui_application`` (ui.pdf) gets its
    offscreen QGuiApplication started first, so the CLI-like run needs no display."""
    module_name, _, name = spec.partition(":")
    module = importlib.import_module(module_name)
    start_app = getattr(module, "ensure_gui_application", None)
    if callable(start_app):
        start_app()
    renderer: PdfRenderer = getattr(module, name)
    return renderer


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--size", default="2000x1500", help="original photo size, WxH")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dir", type=Path, default=None, help="where to cache generated photos")
    parser.add_argument("--profile", default="partner")
    parser.add_argument("--pdf", default=None, help="module:function implementing PdfRenderer")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    started = time.perf_counter()
    photos = _originals(args.photos, (width, height), args.dir)
    print(f"{len(photos)} originals {width}x{height} ready in {time.perf_counter() - started:.1f} s (cached)")

    started = time.perf_counter()
    thumbnails = [_thumbnail(p) for p in photos]
    one = time.perf_counter() - started
    print(f"sanitize thumbnails, 1 process:   {one:7.2f} s  ({one / len(photos) * 1000:.1f} ms/photo)")
    if args.workers > 1:
        started = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
            list(pool.map(_thumbnail, photos, chunksize=16))
        pooled = time.perf_counter() - started
        print(f"sanitize thumbnails, {args.workers} workers: {pooled:7.2f} s")

    case = _case(args.claims, photos, thumbnails)
    profile = get_profile(args.profile)
    view = project(case, profile)
    print(
        f"\ncase: {len(case.claims)} claims, {sum(len(c.evidence) for c in case.claims)} photos; "
        f"profile {profile.name}"
    )
    html_seconds = 0.0
    for label, render in (
        ("HTML", lambda: render_html(view)),
        ("Markdown", lambda: render_markdown(view)),
        ("CSV", lambda: render_csv_bytes(view)),
        ("ClaimReview JSON-LD", lambda: render_claimreview(case)),
    ):
        started = time.perf_counter()
        output = render()
        seconds = time.perf_counter() - started
        html_seconds = seconds if label == "HTML" else html_seconds
        print(f"  render {label:<20} {seconds:6.3f} s  {len(output) / 1e6:6.1f} MB")

    key = LeakGuardKey("bench", os.urandom(32))
    fingerprints = [
        fingerprint_identity(
            key, s.guard_subject or "", [f"Realname{i} Familyname{i}", f"+964 750 000 {i:04d}"]
        )
        for i, s in enumerate(case.sources())
        if s.protected
    ]
    guard = ExportGuard(case, key=key, fingerprints=fingerprints)
    formats = [Format.HTML, Format.MARKDOWN, Format.CSV, Format.CLAIMREVIEW]
    pdf = _load_pdf(args.pdf) if args.pdf else None
    if pdf is not None:
        formats.append(Format.PDF)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        manifest = export_case(
            Path(folder) / "export", case, profile, formats, guard, pdf=pdf, timings=timings
        )
        total = time.perf_counter() - started
    print(
        f"\nexport to {', '.join(f.value for f in formats)}: {total:.2f} s in all "
        f"({len(manifest.files)} files, {sum(f.size for f in manifest.files) / 1e6:.1f} MB)"
    )
    for phase in ("project", "documents", "pdf", "guard fields", "guard outputs", "sanitize", "write"):
        if phase in timings:
            print(f"  {phase:<14} {timings[phase]:7.2f} s")
    if pdf is not None:
        document = render_html(view)
        started = time.perf_counter()
        rendered = pdf(document)
        pdf_alone = time.perf_counter() - started
        pages = rendered.data.count(b"/Type /Page") - 1  # minus the /Type /Pages tree node
        print(
            f"\nHTML alone {html_seconds:.2f} s ({len(document) / 1e6:.1f} MB); PDF alone from that HTML "
            f"{pdf_alone:.2f} s ({len(rendered.data) / 1e6:.1f} MB, {pages} pages)"
        )
    print(f"\nthumbnails + export: {one + total:.2f} s (1 process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
