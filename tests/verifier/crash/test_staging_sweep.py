"""Reopening a workspace clears what crashed writes left in the vault's staging folder, and only that."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from verifier.services import integrity
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage import vault as vault_module
from verifier.storage.vault import Vault


def test_reopening_removes_files_of_dead_writers_and_keeps_live_ones(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "ws", user="tester")
    Workspace.open(settings).close()
    vault = Vault(settings.vault_dir)
    incoming = settings.vault_dir / "incoming"
    host = vault_module._HOST_TAG
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(finished.stdout)  # exited and reaped: no process has this id now
    files = {
        "live": incoming / f"in-{host}-{os.getpid()}-abc.part",  # this process is still writing it
        "dead": incoming / f"in-{host}-{dead_pid}-abc.part",
        "other machine, recent": incoming / "in-0badc0de-1-abc.part",
        "other machine, old": incoming / "in-0badc0de-2-abc.part",
        "older name, old": incoming / "in-xyz.part",
    }
    for path in files.values():
        path.write_bytes(b"half a photo")
    two_days_ago = time.time() - 2 * 86400
    for key in ("other machine, old", "older name, old"):
        os.utime(files[key], (two_days_ago, two_days_ago))
    # A staged file is named after its writer, so the sweep can tell.
    temp, _data = vault.copy_in(files["live"], "photo")
    assert temp.name.startswith(f"in-{host}-{os.getpid()}-")
    temp.unlink()

    Workspace.open(settings).close()

    assert sorted(p.name for p in vault.stale_incoming()) == sorted(
        files[key].name for key in ("live", "other machine, recent")
    )
    with Workspace.open(settings) as ws, ws.reading() as session:
        assert len(integrity.verify_vault(session, ws.vault).unexpected) == 2  # still reported
