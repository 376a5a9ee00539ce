"""The ``source-verifier`` launcher: arguments, and a full offscreen run with --screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import main

ROOT = Path(__file__).resolve().parents[2]


def test_arguments() -> None:
    args = main.parse_args(
        ["--workspace", "/tmp/w", "--db", "sqlite:///x.db", "--user", "ana", "--demo", "-v"]
    )
    assert (args.workspace, args.db, args.user, args.demo, args.verbose) == (
        "/tmp/w",
        "sqlite:///x.db",
        "ana",
        True,
        True,
    )
    assert main.parse_args([]).screenshot is None


def test_demo_screenshot_run_exits_cleanly(tmp_path: Path) -> None:
    """Open the demo workspace from scratch, render the window, exit 0: the path CI and tools use."""
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VERIFIER_HOME": "", "VERIFIER_DB": ""}
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--workspace",
            str(tmp_path / "mine"),
            "--user",
            "tester",
            "--demo",
            "--screenshot",
            str(shot),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "WARNING" not in result.stderr, result.stderr  # Qt warnings are routed into the log
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The demo lives beside the user's workspace, never inside it.
    assert (tmp_path / "mine-demo" / "workspace.db").is_file()
    assert not (tmp_path / "mine" / "workspace.db").exists()
