"""The export use case through the services, on SQLite and PostgreSQL: gather, guard, write, audit."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from verifier import demo
from verifier.domain import AuditAction, ClaimStatus, Verdict
from verifier.errors import ExportRefused, InvalidInput, WrongPassphrase
from verifier.export import Format
from verifier.sealing import KdfCost, Secret
from verifier.services import claims, export, identities, integrity, links, sources
from verifier.services.workspace import Workspace
from verifier.storage.models import WorkspaceMetaRow

FAST = KdfCost(2**10, 8, 1)  # tests only: the default is 2**17
EDITOR_PASS = "correct horse battery staple"
CANARY_NAME = "Zirvanqolo Hemedtestcanary"
CANARY_PHONE = "+964 750 987 6543"
ARABIC = "قال إنهم في مكانين: علي رش وگلي منجلان"
TEXT_FORMATS = ["html", "md", "csv", "claimreview"]


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    """The demo case, with a verdict on the photo claim and an Arabic claim."""
    case = demo.build_demo_case(workspace)
    with workspace.transaction() as uow:
        arabic = claims.add_claim(uow, case, ARABIC)
        links.link_claim_evidence(uow, arabic.id, 1, "supports")
        claims.update_claim(
            uow, 6, status=ClaimStatus.CONTRADICTED, verdict=Verdict.PARTLY_VERIFIED, reason="One photo fits."
        )
    return case


def _seal_hama(ws: Workspace, case: int) -> int:
    """Enrol an editor and seal Hama's identity (a canary name and phone)."""
    with ws.transaction() as uow:
        identities.enroll_holder(uow, "editor", Secret(EDITOR_PASS), cost=FAST)
        hama = next(s for s in sources.list_sources(uow.session, case) if s.alias == "Hama")
        identities.seal_identity(uow, hama.id, {"real_name": CANARY_NAME, "phone": CANARY_PHONE}, ["editor"])
    return hama.id


def _exports(ws: Workspace, case: int) -> list[dict[str, object]]:
    with ws.reading() as session:
        entries = integrity.audit_log(session, case_id=case, limit=1000)
    return [e.new_values or {} for e in entries if e.action is AuditAction.EXPORT]


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.parametrize("profile", ["public", "partner", "legal", "internal"])
def test_each_profile_exports_and_is_audited(
    workspace: Workspace, case_id: int, tmp_path: Path, profile: str
) -> None:
    out = tmp_path / f"out-{profile}"
    manifest = export.export_case(workspace, case_id, out, profile=profile, formats=TEXT_FORMATS)

    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {f.name for f in manifest.files}
    for entry in manifest.files:
        assert hashlib.sha256((out / entry.name).read_bytes()).hexdigest() == entry.sha256
    assert f"verification-{profile}.html" in written
    copies = {n for n in written if n.startswith("images/") and n.endswith(".jpg")}
    assert bool(copies) == (profile != "public")
    assert ("images/sanitized-copies.json" in written) == (profile == "legal")
    html = (out / f"verification-{profile}.html").read_text("utf-8")
    if profile == "public":  # only claims with a verdict
        assert manifest.claims == ("C-5", "C-6")  # the demo decided claim 5; the fixture claim 6
        assert "Two armed men approached" not in html
    else:
        assert ARABIC in html and "Two armed men approached truffle gatherers" in html
        assert "data:image/jpeg;base64," in html  # sanitized thumbnails
        assert "attested by editors but not stored" in html  # the export notes
    # What the guard keeps out: original names, serials, the sensitive photo's exact GPS.
    everything = _all_bytes(out)
    for needle in (b"IMG_20190221_104012", b"R58K31ABCDE", b"35.7921", b"43.6188"):
        assert needle not in everything

    (audit,) = _exports(workspace, case_id)
    assert audit["profile"] == profile
    assert audit["claims"] == list(manifest.claims)
    assert audit["formats"] == TEXT_FORMATS
    assert {(f["name"], f["sha256"]) for f in audit["files"]} == {  # type: ignore[attr-defined]
        (f.name, f.sha256) for f in manifest.files
    }


def test_originals_are_untouched(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    export.export_case(workspace, case_id, tmp_path / "out", profile="legal", formats=["html"])
    with workspace.reading() as session:
        report = integrity.verify_vault(session, workspace.vault)
        assert report.ok
        assert integrity.verify_audit(session, workspace.anchors).ok
    legal = json.loads((tmp_path / "out" / "images" / "sanitized-copies.json").read_text("utf-8"))
    assert {c["evidence_id"] for c in legal["sanitized_copies"]} == {"E-1", "E-2", "E-3", "E-4"}


def test_chosen_claims_only(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    manifest = export.export_case(
        workspace, case_id, tmp_path / "out", profile="partner", formats=["csv"], claim_ids={2, 3}
    )
    assert manifest.claims == ("C-2", "C-3")
    with pytest.raises(InvalidInput, match="999"):
        export.export_case(
            workspace, case_id, tmp_path / "other", profile="partner", formats=["csv"], claim_ids={999}
        )


def test_sealed_identities_need_a_key_holder(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    _seal_hama(workspace, case_id)
    out = tmp_path / "out"
    with pytest.raises(InvalidInput, match=r"sealed identities .*'Hama'"):
        export.export_case(workspace, case_id, out, profile="partner", formats=["html"])
    with pytest.raises(WrongPassphrase):
        export.export_case(
            workspace,
            case_id,
            out,
            profile="partner",
            formats=["html"],
            holder="editor",
            passphrase=Secret("not the passphrase"),
        )
    assert not out.exists()
    assert _exports(workspace, case_id) == []
    with workspace.reading() as session:
        assert session.get(WorkspaceMetaRow, export.KEYRING_META_KEY) is None  # refused before any key


def test_a_guarded_export_with_a_sealed_identity(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    hama = _seal_hama(workspace, case_id)
    manifest = export.export_case(
        workspace,
        case_id,
        tmp_path / "out",
        profile="internal",
        formats=TEXT_FORMATS,
        holder="editor",
        passphrase=Secret(EDITOR_PASS),
    )
    assert manifest.files
    with workspace.reading() as session:
        assert session.get(WorkspaceMetaRow, export.KEYRING_META_KEY) is not None
        entries = integrity.audit_log(session, case_id=case_id, limit=1000)
    unseals = [e for e in entries if e.action is AuditAction.UNSEAL]
    assert [(e.entity_id, e.reason) for e in unseals] == [(hama, export.LEAK_CHECK_REASON)]
    (audit,) = _exports(workspace, case_id)
    assert audit["leak_guard"] == {"sealed_identities_checked": 1}
    assert b"Zirvanqolo" not in _all_bytes(tmp_path / "out")


def test_the_canary_in_a_claim_refuses_the_export(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    _seal_hama(workspace, case_id)
    with workspace.transaction() as uow:
        claims.update_claim(
            uow, 3, statement=f"A group was seen by {CANARY_NAME.split()[1]} at Gali Manjala."
        )
    out = tmp_path / "out"
    for profile in ("public", "partner", "legal", "internal"):
        if profile == "public":
            continue  # claim 3 has no verdict: the public profile does not show it
        with pytest.raises(ExportRefused) as refused:
            export.export_case(
                workspace,
                case_id,
                out,
                profile=profile,
                formats=[*TEXT_FORMATS],
                holder="editor",
                passphrase=Secret(EDITOR_PASS),
            )
        message = str(refused.value)
        assert "claim 3 (C-3)" in message and "'Statement'" in message and "source 'Hama'" in message
        assert "Zirvanqolo" not in message and "Hemedtestcanary" not in message
        assert not out.exists()
        assert not list(tmp_path.glob(".out.partial-*"))
    assert _exports(workspace, case_id) == []


def test_a_holder_enrolled_later_is_brought_in(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    _seal_hama(workspace, case_id)
    secret = Secret(EDITOR_PASS)
    export.export_case(
        workspace,
        case_id,
        tmp_path / "a",
        profile="partner",
        formats=["md"],
        holder="editor",
        passphrase=secret,
    )
    with workspace.transaction() as uow:
        identities.enroll_holder(uow, "newcomer", Secret("another long passphrase"), cost=FAST)
    with pytest.raises(InvalidInput, match="enrolled after the export leak guard"):
        export.export_case(
            workspace,
            case_id,
            tmp_path / "b",
            profile="partner",
            formats=["md"],
            holder="newcomer",
            passphrase=Secret("another long passphrase"),
        )
    # An entitled holder's next export wraps the leak-guard secret for the newcomer too.
    export.export_case(
        workspace,
        case_id,
        tmp_path / "c",
        profile="partner",
        formats=["md"],
        holder="editor",
        passphrase=secret,
    )
    with workspace.reading() as session:
        entries = integrity.audit_log(session, limit=1000)
    assert any(
        e.action is AuditAction.GRANT and (e.new_values or {}).get("holder") == "newcomer" for e in entries
    )
    # The newcomer can now unlock the leak guard, but not Hama's identity: refused, clearly.
    with pytest.raises(InvalidInput, match="cannot open the sealed identity of 'Hama'"):
        export.export_case(
            workspace,
            case_id,
            tmp_path / "d",
            profile="partner",
            formats=["md"],
            holder="newcomer",
            passphrase=Secret("another long passphrase"),
        )


def test_bad_requests_are_refused(workspace: Workspace, case_id: int, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not an export profile"):
        export.export_case(workspace, case_id, tmp_path / "x", profile="press", formats=["html"])
    with pytest.raises(InvalidInput, match="Unknown export format 'docx'"):
        export.export_case(workspace, case_id, tmp_path / "x", profile="public", formats=["docx"])
    with pytest.raises(InvalidInput, match="PDF renderer"):
        export.export_case(workspace, case_id, tmp_path / "x", profile="public", formats=[Format.PDF])
    (tmp_path / "exists").mkdir()
    with pytest.raises(InvalidInput, match="already exists"):
        export.export_case(workspace, case_id, tmp_path / "exists", profile="public", formats=["html"])
    assert _exports(workspace, case_id) == []
