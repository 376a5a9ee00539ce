"""Worker task functions that misbehave on purpose (imported by spawned workers by name)."""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from pathlib import Path

from verifier.intake.pipeline import FileOutcome, process_file


def hang_or_crash(path: Path, vault_root: Path, cache_dir: Path) -> FileOutcome:
    """Hangs on files named hang*, crashes hard on crash*, else behaves."""
    if path.name.startswith("hang"):
        time.sleep(600)
    if path.name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    return process_file(path, vault_root, cache_dir)


def count_threads(path: Path, vault_root: Path, cache_dir: Path) -> FileOutcome:
    """Behaves, and says in ``format`` how many threads the worker runs after the file (Linux)."""
    outcome = process_file(path, vault_root, cache_dir)
    return dataclasses.replace(outcome, format=f"{len(os.listdir('/proc/self/task'))} threads")
