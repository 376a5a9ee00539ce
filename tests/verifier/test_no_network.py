"""No network unless asked: the main flows and the GUI open no connection and resolve no name.

Networking is blocked in this process (``socket.socket.connect``/``connect_ex``,
``socket.create_connection``, ``getaddrinfo``, ``gethostbyname``...) and, through a
``sitecustomize`` on ``PYTHONPATH``, in every Python process started meanwhile (the intake's
worker processes). Local IPC over Unix sockets is allowed. Any attempt is recorded with the
code that made it, and fails the test naming it, even when the caller swallowed the error.

Then: build the demo case, import photos through the worker pool, cross-reference, search,
export every format (PDF through the Qt renderer) under every profile, and launch the main
window on the demo case and visit every tab. Native code that opens sockets itself (libheif,
the c2pa library, Qt's C++) is outside what a Python-level guard sees; the c2pa library is
configured with remote manifest and OCSP fetches off, and the GUI must not load QtNetwork.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT_ENV = "SV_NETWORK_GUARD_REPORT"
_BLOCKED_FUNCTIONS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "getnameinfo")


class NetworkBlocked(OSError):
    """Raised in place of any network operation while the guard is on."""


def _who() -> str:
    """The innermost frame of the code that asked for the network (not socket, not this guard)."""
    guard = {"refuse", "connect", "connect_ex", "function", "_who"}
    frames = [
        f
        for f in traceback.extract_stack()
        if not f.filename.endswith("socket.py") and not (f.filename == __file__ and f.name in guard)
    ]
    project = tuple(str(ROOT / part) for part in ("verifier", "ui", "main.py", "tests"))
    ours = [f for f in frames if f.filename.startswith(project)]
    chosen = (ours or frames)[-1] if (ours or frames) else None
    if chosen is None:
        return "unknown caller"
    where = f"{Path(chosen.filename).name}:{chosen.lineno} in {chosen.name}"
    if ours and frames and frames[-1] is not ours[-1]:
        where += f" (via {Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name})"
    return where


def install_guard(report: Path, patch: Callable[[Any, str, Any], None] | None = None) -> None:
    """Block networking in this process; each attempt is appended to ``report`` and raises."""

    def setter(owner: Any, name: str, value: Any) -> None:
        setattr(owner, name, value)

    apply = patch or setter

    def refuse(what: str) -> None:
        line = f"pid {os.getpid()}: {what} from {_who()}"
        with report.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
        raise NetworkBlocked(f"network access blocked by the test: {line}")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        refuse(f"connect{address!r}")

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family == socket.AF_UNIX:
            return real_connect_ex(self, address)
        refuse(f"connect_ex{address!r}")
        return 1

    def blocked(name: str) -> Callable[..., Any]:
        def function(*args: Any, **kwargs: Any) -> Any:
            refuse(f"{name}{args!r}")

        return function

    apply(socket.socket, "connect", connect)
    apply(socket.socket, "connect_ex", connect_ex)
    for name in _BLOCKED_FUNCTIONS:
        apply(socket, name, blocked(name))


def _sitecustomize(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"if os.environ.get({REPORT_ENV!r}):\n"
        "    from pathlib import Path\n"
        "    from tests.verifier.test_no_network import install_guard\n"
        f"    install_guard(Path(os.environ[{REPORT_ENV!r}]))\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Networking blocked here and in child Python processes; fails the test on any attempt."""
    report = tmp_path / "network-attempts.txt"
    report.touch()
    site = _sitecustomize(tmp_path / "site")
    monkeypatch.setenv(REPORT_ENV, str(report))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    install_guard(report, monkeypatch.setattr)
    yield report
    attempts = report.read_text(encoding="utf-8").strip()
    assert not attempts, f"network access was attempted:\n{attempts}"


def test_the_guard_catches_and_names_an_attempt_here_and_in_a_child(tmp_path: Path, no_network: Path) -> None:
    """A guard that sees nothing would make the tests below pass for nothing."""
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)  # loopback: harmless if not blocked
    with pytest.raises(NetworkBlocked), socket.socket(socket.AF_INET, socket.SOCK_STREAM) as plain:
        plain.connect(("127.0.0.1", 9))
    child = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('localhost', 9)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode != 0 and "NetworkBlocked" in child.stderr
    left, right = socket.socketpair()  # local IPC stays allowed
    left.close()
    right.close()
    attempts = no_network.read_text(encoding="utf-8").splitlines()
    assert len(attempts) == 3, attempts
    assert "test_no_network.py" in attempts[0] and "in test_the_guard_catches" in attempts[0]
    assert "getaddrinfo('localhost', 9)" in attempts[2] and f"pid {os.getpid()}" not in attempts[2]
    no_network.write_text("")  # the planted attempts are not a failure


def _photos(folder: Path, count: int) -> list[Path]:
    from tests.verifier.intake.samples import phone_exif, scene

    folder.mkdir()
    paths = []
    for index in range(count):
        path = folder / f"IMG_{index:04d}.jpg"
        scene((320, 240), variant=index % 2).save(path, "JPEG", quality=80 + index, exif=phone_exif())
        paths.append(path)
    return paths


def test_main_flows_make_no_network_access(tmp_path: Path, no_network: Path, qapp: Any) -> None:
    from ui.pdf import render_pdf
    from verifier import demo
    from verifier.export.pipeline import Format
    from verifier.export.profiles import PROFILES
    from verifier.services import crossref, export, intake
    from verifier.services import search as search_service
    from verifier.services.workspace import Workspace
    from verifier.settings import Settings

    with Workspace.open(Settings(workspace=tmp_path / "ws", user="tester")) as ws:
        case_id = demo.build_demo_case(ws)
        report = intake.import_photos(ws, case_id, _photos(tmp_path / "incoming", 3), workers=2)
        assert len(report.imported) == 3, report
        with ws.transaction() as uow:
            assert search_service.rebuild_index(uow) > 0
        with ws.reading() as session:
            findings = crossref.case_report(session, case_id)
            assert search_service.search(session, "Makhmour", case_id=case_id)
        for profile in PROFILES:
            manifest = export.export_case(
                ws,
                case_id,
                tmp_path / "exports" / profile,
                profile=profile,
                formats=[f.value for f in Format],
                pdf_renderer=render_pdf,
                report=findings,
            )
            assert {Path(f.name).suffix for f in manifest.files} >= {".html", ".pdf", ".md", ".csv"}


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_the_gui_on_the_demo_case_makes_no_network_access(
    tmp_path: Path, no_network: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import QSettings

    from ui import errors
    from ui.main_window import MainWindow
    from ui.settings import UiSettings
    from ui.tasks import TaskRunner
    from verifier import demo
    from verifier.services.workspace import Workspace
    from verifier.settings import Settings

    runner = TaskRunner()
    with (
        Workspace.open(Settings(workspace=tmp_path / "ws", user="tester")) as ws,
        errors.intercepted() as shown,
    ):
        case_id = demo.build_demo_case(ws)
        window = MainWindow(
            runner, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        )
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.sig_case_loaded, timeout=20_000):
            window.set_workspace(ws, case_id=case_id)
        window.show()
        for index in range(window.tabs.count()):  # every panel shows its content once
            window.tabs.setCurrentIndex(index)
            qtbot.wait(100)
        qtbot.waitUntil(runner.is_idle, timeout=20_000)
        qtbot.wait(300)
        window.close()
        runner.shutdown()
    assert not shown, f"the window presented an error: {shown[0][1]!r}"
    assert "PySide6.QtNetwork" not in sys.modules, "the GUI loaded QtNetwork"
