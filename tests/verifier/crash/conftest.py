"""Kill an import or an export with SIGKILL and look at what it left: the crash tests' tools.

The process under test is ``tests/verifier/crash/child.py``, started in its own process group so
that its worker processes can be found (and, for a simulated power cut, killed with it). Each
test runs with a few fixed seeds and one random seed; the random one is part of the test's id
(``random-<seed>``) and printed, and ``VERIFIER_CRASH_SEED=<seed>`` replays it.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXED_SEEDS = (11, 29)
RANDOM_SEED = int(os.environ.get("VERIFIER_CRASH_SEED") or random.SystemRandom().randrange(1, 10**6))
SEEDS = [
    *(pytest.param(seed, id=f"seed-{seed}") for seed in FIXED_SEEDS),
    pytest.param(RANDOM_SEED, id=f"random-{RANDOM_SEED}"),
]

LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the crash tests find worker processes through /proc"
)


@dataclass
class Killed:
    """How one run of the child ended."""

    lines: list[str]  # what it printed before it died (or finished)
    finished: bool  # it completed before the kill came
    how: str  # "app" (the parent alone was killed) or "power" (it and its workers at once)


def group_members(pgid: int) -> list[int]:
    """Live processes of a process group (zombies excluded)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def wait_group_gone(pgid: int, timeout_s: float) -> list[int]:
    """Wait for every process of the group to exit; returns those still alive at the timeout."""
    deadline = time.monotonic() + timeout_s
    while (alive := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive


def run_and_kill(
    args: list[str], kill_after: Callable[[str], bool], delay_s: float, how: str, timeout_s: float = 60
) -> Killed:
    """Start the child, kill it ``delay_s`` after the first line ``kill_after`` accepts.

    Args:
        how: "app" kills only the parent (as when the app is killed or crashes); its worker
            processes must then stop by themselves. "power" kills the whole process group at once.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.verifier.crash.child", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    assert process.stdout is not None
    try:
        for line in process.stdout:
            lines.append(line.strip())
            if kill_after(lines[-1]):
                time.sleep(delay_s)
                break
        if how == "power":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait(timeout_s)
    finally:
        process.stdout.close()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    finished = any(line.startswith("FINISHED") for line in lines)
    # The workers of a killed app must not live on: they stop by themselves within moments.
    survivors = wait_group_gone(process.pid, 10)
    if survivors:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"processes {survivors} outlived the killed {args[0]} ({how})")
    return Killed(lines, finished, how)


@pytest.fixture(scope="session")
def crash_photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 small JPEGs with a phone's EXIF, each different (one folder, generated once)."""
    from tests.verifier.intake.samples import phone_exif, picture, save

    folder = tmp_path_factory.mktemp("crash-photos")
    exif = phone_exif()
    for number in range(200):
        exif.get_ifd(0x8769)[0x9003] = f"2019:02:{1 + number % 28:02d} 10:{number % 60:02d}:00"
        data = save(picture((64, 48), seed=number), "JPEG", quality=85, exif=exif)
        (folder / f"IMG_{number:04d}.jpg").write_bytes(data)
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A workspace holding the demo case, built once; copy it with :func:`copy_workspace`."""
    from tests.verifier.crash.child import USER
    from verifier import demo
    from verifier.services.workspace import Workspace
    from verifier.settings import Settings

    folder = tmp_path_factory.mktemp("crash-demo") / "ws"
    with Workspace.open(Settings(workspace=folder, user=USER)) as ws:
        case_id = demo.build_demo_case(ws)
    return folder, case_id


def copy_workspace(template: Path, target: Path) -> Path:
    """A copy of a closed workspace (its audit anchors name the template's database, and are
    ignored by the copy's checks; the chain itself is checked as usual)."""
    shutil.copytree(template, target)
    return target
