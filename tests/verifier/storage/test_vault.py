"""The evidence vault: content-addressed, atomic, read-only, verifiable."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from verifier.errors import InvalidInput, VaultError, VaultFileMissing
from verifier.services import cases, evidence, integrity, sources, testimonies
from verifier.services.workspace import Workspace
from verifier.storage.models import EvidenceRow
from verifier.storage.vault import Vault


def test_original_is_stored_once_read_only_under_its_hash(tmp_path: Path, jpeg_file: Path) -> None:
    vault = Vault(tmp_path / "vault")
    first = vault.put_file(jpeg_file)
    second = vault.put_file(jpeg_file)
    expected = hashlib.sha256(jpeg_file.read_bytes()).hexdigest()
    assert (first.sha256, first.newly_stored) == (expected, True)
    assert (second.sha256, second.newly_stored) == (expected, False)
    stored = vault.path_for(expected)
    assert stored.read_bytes() == jpeg_file.read_bytes()
    assert stat.S_IMODE(stored.stat().st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
    assert list(vault.iter_stored()) == [expected]
    assert vault.stale_incoming() == []


def _cached_pages(path: Path) -> int:
    """How many of a file's pages are in the page cache (Linux ``mincore``; mapping reads nothing)."""
    import ctypes
    import mmap

    libc = ctypes.CDLL(None, use_errno=True)
    libc.mincore.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p)
    size = path.stat().st_size
    pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_COPY) as mapped:
        address = ctypes.addressof(ctypes.c_char.from_buffer(mapped))
        flags = ctypes.create_string_buffer(pages)
        assert libc.mincore(ctypes.c_void_p(address), size, flags) == 0, os.strerror(ctypes.get_errno())
        return sum(byte & 1 for byte in flags.raw)


@pytest.mark.skipif(not hasattr(os, "posix_fadvise") or not Path("/proc").is_dir(), reason="Linux page cache")
def test_stored_originals_do_not_stay_in_memory(tmp_path: Path) -> None:
    """Once durable, an original's pages are let go: an import of gigabytes must not fill the
    page cache (on a virtual machine, that cost 6 ms more per photo after the first gigabyte)."""
    control = tmp_path / "control.bin"
    control.write_bytes(os.urandom(4 << 20))
    if _cached_pages(control) == 0:
        pytest.skip("this file system does not keep written pages in the page cache")
    vault = Vault(tmp_path / "vault")
    data = os.urandom(4 << 20)
    stored = vault.put_bytes(data)
    temp, copied = vault.copy_in(control, "control.bin")
    staged = vault.finish_staging(temp, copied)
    assert _cached_pages(staged.temp) == 0
    assert vault.commit(staged).newly_stored
    assert _cached_pages(vault.path_for(stored.sha256)) == 0
    assert vault.path_for(stored.sha256).read_bytes() == data  # still all there, read from the disk


def test_unreadable_source_file(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    with pytest.raises(InvalidInput, match=r"missing\.jpg is not a regular file"):
        vault.put_file(tmp_path / "missing.jpg")


def test_full_disk_leaves_nothing_behind(
    tmp_path: Path, jpeg_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = Vault(tmp_path / "vault")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(
        VaultError, match=r"Cannot store .*photo\.jpg in the evidence vault at .*: the disk is full"
    ):
        vault.put_file(jpeg_file)
    monkeypatch.undo()
    assert list(vault.iter_stored()) == [] and vault.stale_incoming() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_vault_folder(tmp_path: Path, jpeg_file: Path) -> None:
    vault = Vault(tmp_path / "vault")
    vault.ensure()
    (tmp_path / "vault" / "incoming").chmod(0o500)
    try:
        with pytest.raises(VaultError, match="read-only or not writable"):
            vault.put_file(jpeg_file)
    finally:
        (tmp_path / "vault" / "incoming").chmod(0o700)


def test_read_only_vault_disk(tmp_path: Path, jpeg_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root is not stopped by folder permissions, so simulate EROFS from the file system."""
    vault = Vault(tmp_path / "vault")
    vault.ensure()

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("verifier.storage.vault.tempfile.mkstemp", read_only)
    with pytest.raises(VaultError, match="the folder is read-only"):
        vault.put_file(jpeg_file)


def test_missing_file_on_read_names_the_hash_and_the_remedy(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    digest = "ab" * 32
    with pytest.raises(VaultFileMissing, match=rf"{digest} is missing from the evidence vault.*vault verify"):
        vault.open(digest)


def _count_rows(ws: Workspace) -> int:
    with ws.reading() as session:
        return session.scalar(select(func.count()).select_from(EvidenceRow)) or 0


def test_crash_after_vault_write_leaves_an_orphan_never_a_dangling_row(
    workspace: Workspace, jpeg_file: Path
) -> None:
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "c")
    with pytest.raises(KeyboardInterrupt), workspace.transaction() as uow:
        evidence.add_evidence_file(uow, case.id, jpeg_file)
        raise KeyboardInterrupt  # the process dies before the commit
    assert _count_rows(workspace) == 0
    with workspace.reading() as session:
        report = integrity.verify_vault(session, workspace.vault)
    digest = hashlib.sha256(jpeg_file.read_bytes()).hexdigest()
    assert report.orphaned == (digest,) and report.missing == () and report.ok
    # Re-running the import completes it, reusing the stored file.
    with workspace.transaction() as uow:
        added = evidence.add_evidence_file(uow, case.id, jpeg_file)
    assert added.newly_stored is False
    with workspace.reading() as session:
        assert integrity.verify_vault(session, workspace.vault).orphaned == ()


def test_failed_vault_write_adds_no_row(
    workspace: Workspace, jpeg_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "c")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(VaultError), workspace.transaction() as uow:
        evidence.add_evidence_file(uow, case.id, jpeg_file)
    monkeypatch.undo()
    assert _count_rows(workspace) == 0


def test_verify_reports_missing_altered_and_orphaned(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    ws = sqlite_workspace
    files = []
    for n in range(3):
        path = tmp_path / f"f{n}.bin"
        path.write_bytes(f"evidence {n}".encode())
        files.append(path)
    with ws.transaction() as uow:
        case = cases.create_case(uow, "c")
        digests = [evidence.add_evidence_file(uow, case.id, p).evidence.sha256 for p in files]
    orphan = ws.vault.put_bytes(b"nobody refers to me").sha256
    ws.vault.path_for(digests[0]).unlink()
    altered = ws.vault.path_for(digests[1])
    altered.chmod(0o600)
    altered.write_bytes(b"tampered")
    with ws.reading() as session:
        report = integrity.verify_vault(session, ws.vault)
    assert report.missing == (digests[0],)
    assert report.altered == (digests[1],)
    assert report.orphaned == (orphan,)
    assert not report.ok and report.checked == 3


def test_extract_copies_the_original_and_refuses_to_overwrite(
    sqlite_workspace: Workspace, jpeg_file: Path, tmp_path: Path
) -> None:
    ws = sqlite_workspace
    with ws.transaction() as uow:
        case = cases.create_case(uow, "c")
        item = evidence.add_evidence_file(uow, case.id, jpeg_file).evidence
    out = tmp_path / "out"
    out.mkdir()
    with ws.reading() as session:
        written = evidence.extract_original(session, ws.vault, item.id, out)
        assert written.read_bytes() == jpeg_file.read_bytes()
        with pytest.raises(InvalidInput, match="already exists"):
            evidence.extract_original(session, ws.vault, item.id, out)


def test_testimony_attachments_are_referenced_not_orphans(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    recording = tmp_path / "interview.ogg"
    recording.write_bytes(b"OggS" + bytes(range(256)) * 8)
    with sqlite_workspace.transaction() as uow:
        case = cases.create_case(uow, "Attachments")
        source = sources.add_source(uow, case.id, "Hama")
        testimony = testimonies.record_testimony(uow, source.id, transcript="Heard shots at dawn.")
        attachment = testimonies.attach_file(uow, testimony.id, recording, "audio")
    with sqlite_workspace.reading() as session:
        report = integrity.verify_vault(session, sqlite_workspace.vault)
    assert report.ok and report.checked == 1
    assert attachment.sha256 not in report.orphaned
    assert not report.orphaned
