"""Helpers: export a case in every format into memory, and look for canaries in the results."""

from __future__ import annotations

import html
import io
import json
import re

from PIL import Image

from tests.verifier.export.scenario import IDENTITIES, PLAIN_CANARIES
from verifier.export import (
    ExportCase,
    ExportGuard,
    Format,
    GuardedExport,
    Profile,
    RenderedPdf,
    render_export,
)
from verifier.export.model import ExportEvidence

ALL_FORMATS = (Format.HTML, Format.MARKDOWN, Format.CSV, Format.CLAIMREVIEW, Format.PDF)


def fake_pdf(document_html: str) -> RenderedPdf:
    """Stand-in for the Qt renderer: the PDF's text is the HTML's text (what QTextDocument prints)."""
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", document_html, flags=re.S))
    return RenderedPdf(b"%PDF-1.4\n% fake\n", html.unescape(text))


def originals_for(case: ExportCase) -> dict[str, bytes]:
    from tests.verifier.export.scenario import staff_photo, villager_photo

    return {"E-1": villager_photo(), "E-2": staff_photo()}


def export_all(case: ExportCase, profile: Profile, guard: ExportGuard) -> GuardedExport:
    originals = originals_for(case)

    def load(item: ExportEvidence) -> bytes:
        return originals[item.evidence_id]

    return render_export(case, profile, ALL_FORMATS, guard, originals=load, pdf=fake_pdf)


def texts_of(result: GuardedExport) -> dict[str, str]:
    """Every output as searchable text: raw, entity-decoded, JSON-decoded, image metadata."""
    out: dict[str, str] = {}
    for item in result.files:
        if item.name.endswith(".jpg"):
            image = Image.open(io.BytesIO(item.data))
            out[item.name] = item.data.decode("latin-1") + json.dumps(dict(image.info), default=str)
            continue
        text = item.data.decode("utf-8-sig", errors="replace")
        out[item.name] = text + "\n" + html.unescape(text)
        if item.name.endswith(".jsonld"):
            out[item.name] += json.dumps(json.loads(text), ensure_ascii=False)
    return out


def canaries() -> list[str]:
    """Every planted secret value, as plain text."""
    values = list(PLAIN_CANARIES)
    for name, contact in IDENTITIES.values():
        values += [name, *name.split(), contact]
    return values


def assert_no_canary(result: GuardedExport) -> None:
    for name, text in texts_of(result).items():
        folded = text.casefold()
        for canary in canaries():
            assert canary.casefold() not in folded, f"{name} contains a canary"
