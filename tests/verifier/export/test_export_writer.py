"""Atomic writing: the export folder appears whole, or not at all; the manifest is right."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.verifier.export.support import fake_pdf, originals_for
from verifier.errors import Conflict, InvalidInput, StorageError
from verifier.export import (
    ExportCase,
    ExportFile,
    ExportGuard,
    Format,
    export_case,
    get_profile,
    write_atomically,
)
from verifier.export.model import ExportEvidence
from verifier.export.writer import remove_stale_partials


def test_export_case_writes_every_file_and_returns_the_manifest(
    tmp_path: Path, case: ExportCase, guard: ExportGuard
) -> None:
    originals = originals_for(case)
    destination = tmp_path / "exports" / "makhmour-legal"
    manifest = export_case(
        destination,
        case,
        get_profile("legal"),
        list(Format),
        guard,
        originals=lambda item: originals[item.evidence_id],
        pdf=fake_pdf,
    )
    written = sorted(str(p.relative_to(destination)) for p in destination.rglob("*") if p.is_file())
    assert written == sorted(f.name for f in manifest.files)
    for entry in manifest.files:
        data = (destination / entry.name).read_bytes()
        assert entry.size == len(data) and entry.sha256 == hashlib.sha256(data).hexdigest()
    assert manifest.profile == "legal" and manifest.claims[0] == "C-1"
    audit = manifest.to_audit()
    assert audit["files"][0]["sha256"] and audit["profile"] == "legal"
    assert [p.name for p in destination.parent.iterdir()] == ["makhmour-legal"]  # no partial left


def test_existing_destination_is_never_touched(tmp_path: Path) -> None:
    destination = tmp_path / "export"
    destination.mkdir()
    (destination / "keep.txt").write_text("mine")
    with pytest.raises(Conflict):
        write_atomically(destination, [ExportFile("a.html", b"x")])
    assert (destination / "keep.txt").read_text() == "mine"


def test_a_crash_midway_leaves_no_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    destination = tmp_path / "export"
    with pytest.raises(StorageError, match="No space left"):
        write_atomically(destination, [ExportFile("a.html", b"x"), ExportFile("images/E-1.jpg", b"y")])
    assert not destination.exists()
    assert list(tmp_path.iterdir()) == []


def test_stale_partials_are_cleared(tmp_path: Path) -> None:
    (tmp_path / ".export.partial-abc123").mkdir()
    (tmp_path / ".export.partial-abc123" / "half.html").write_bytes(b"<html>")
    (tmp_path / "finished").mkdir()
    assert [p.name for p in remove_stale_partials(tmp_path)] == [".export.partial-abc123"]
    assert [p.name for p in tmp_path.iterdir()] == ["finished"]


@pytest.mark.parametrize("name", ["../escape.html", "/abs.html", "a/../../b", "", "dir/.hidden", "a b.html"])
def test_unsafe_file_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        ExportFile(name, b"")


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        write_atomically(tmp_path / "x", [ExportFile("a.md", b""), ExportFile("a.md", b"")])


def test_a_tampered_original_refuses_the_export(tmp_path: Path, case: ExportCase, guard: ExportGuard) -> None:
    from verifier.errors import ExportRefused

    def tampered(item: ExportEvidence) -> bytes:
        return originals_for(case)[item.evidence_id] + b"\0"

    with pytest.raises(ExportRefused, match="evidence E-1 does not match its recorded SHA-256"):
        export_case(tmp_path / "x", case, get_profile("partner"), [Format.HTML], guard, originals=tampered)
    assert not (tmp_path / "x").exists()
