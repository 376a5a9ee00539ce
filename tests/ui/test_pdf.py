"""The Qt PDF renderer of exports: through the export service, offscreen, behind the leak guard."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from ui.pdf import CREATOR, ensure_gui_application, render_pdf
from verifier.domain import ClaimStatus, Verdict
from verifier.errors import ExportRefused
from verifier.sealing import KdfCost, Secret
from verifier.services import claims, export, identities, links, sources
from verifier.services.workspace import Workspace

FAST = KdfCost(2**10, 8, 1)
PASSPHRASE = "correct horse battery staple"
CANARY = "Zirvanqolo Hemedtestcanary"
ARABIC = "قال إنهم في مكانين: علي رش وگلي منجلان"


@pytest.fixture
def sealed_case(demo_workspace: tuple[Workspace, int]) -> tuple[Workspace, int]:
    """The demo case with an Arabic claim, a verdict, and Hama's identity sealed (a canary)."""
    ws, case = demo_workspace
    with ws.transaction() as uow:
        arabic = claims.add_claim(uow, case, ARABIC)
        links.link_claim_evidence(uow, arabic.id, 1, "supports")
        claims.update_claim(
            uow, 6, status=ClaimStatus.CONTRADICTED, verdict=Verdict.PARTLY_VERIFIED, reason="One photo fits."
        )
        identities.enroll_holder(uow, "editor", Secret(PASSPHRASE), cost=FAST)
        hama = next(s for s in sources.list_sources(uow.session, case) if s.alias == "Hama")
        identities.seal_identity(uow, hama.id, {"real_name": CANARY}, ["editor"])
    return ws, case


def test_the_running_application_is_reused(qapp: QApplication) -> None:
    assert ensure_gui_application() is qapp


def test_pdf_export_through_the_service(sealed_case: tuple[Workspace, int], tmp_path: Path) -> None:
    ws, case = sealed_case
    out = tmp_path / "out"
    manifest = export.export_case(
        ws,
        case,
        out,
        profile="legal",
        formats=["html", "pdf"],
        holder="editor",
        passphrase=Secret(PASSPHRASE),
        pdf_renderer=render_pdf,
    )
    assert "verification-legal.pdf" in {f.name for f in manifest.files}
    data = (out / "verification-legal.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Creator (" in data and b"/Author (" not in data.replace(b"/Author ()", b"")

    rendered = render_pdf((out / "verification-legal.html").read_text("utf-8"))
    with ws.reading() as session:
        statements = [c.statement for c in claims.list_claims(session, case)]
    for statement in statements:
        assert " ".join(statement.split()) in " ".join(rendered.text.split())
    assert ARABIC in rendered.text
    assert "Zirvanqolo" not in rendered.text and "Hemedtestcanary" not in rendered.text
    # Embedded thumbnails: one image XObject per photo at least.
    assert len(re.findall(rb"/Subtype\s*/Image", data)) >= 4
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            assert b"Zirvanqolo" not in zlib.decompress(stream)
        except zlib.error:
            continue


def test_the_canary_refuses_a_pdf_export(sealed_case: tuple[Workspace, int], tmp_path: Path) -> None:
    ws, case = sealed_case
    with ws.transaction() as uow:
        claims.update_claim(uow, 6, statement=f"Armed men walked near Makhmour, said {CANARY.split()[0]}.")
    with pytest.raises(ExportRefused, match=r"claim \d+ \(C-6\), field 'Statement'") as refused:
        export.export_case(
            ws,
            case,
            tmp_path / "out",
            profile="public",
            formats=["pdf"],
            holder="editor",
            passphrase=Secret(PASSPHRASE),
            pdf_renderer=render_pdf,
        )
    assert "Zirvanqolo" not in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_document_information(qapp: QApplication) -> None:
    html = "<html><head><title>Case (A)</title></head><body><p>Hello</p><p>مرحبا</p></body></html>"
    rendered = render_pdf(html)
    assert rendered.data.startswith(b"%PDF")
    assert "Hello" in rendered.text and "مرحبا" in rendered.text
    assert f"/Creator ({CREATOR})".encode() in rendered.data or CREATOR.encode("utf-16-be") in rendered.data


def test_the_guard_reads_the_pdf_document_information(qapp: QApplication) -> None:
    """Qt writes the title as UTF-16: the guard must decode it to find a name there."""
    import os
    from datetime import UTC, datetime

    from verifier.domain import Anonymity, ClaimStatus, IdentityState, SourceKind
    from verifier.export import ExportCase, ExportClaim, ExportGuard, ExportSource
    from verifier.sealing import LeakGuardKey, fingerprint_identity

    key = LeakGuardKey("ws", os.urandom(32))
    source = ExportSource(
        "Hama",
        "",
        SourceKind.EYEWITNESS,
        Anonymity.ANONYMOUS,
        identity_state=IdentityState.SEALED,
        guard_subject="s1",
    )
    case = ExportCase(
        "t",
        "",
        "",
        datetime.now(UTC),
        "0",
        (ExportClaim("C-1", "x", ClaimStatus.UNVERIFIED, sources=(source,)),),
    )
    guard = ExportGuard(case, key=key, fingerprints=[fingerprint_identity(key, "s1", [CANARY])])
    rendered = render_pdf(f"<html><head><title>About {CANARY}</title></head><body>x</body></html>")
    leaks = guard.find_in_output("verification-public.pdf", rendered.data)
    assert leaks and all("document information" in leak.output for leak in leaks)
