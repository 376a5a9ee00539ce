"""GUI responsiveness: time to a usable window, and the longest event-loop stall during an import.

Targets (issue 6): a usable window within 1.5 s of launch; no event-loop stall over 50 ms while
500 photos are imported through the GUI.

    python benchmarks/gui_responsiveness.py                # 500 generated 12-MP JPEGs (cached)
    python benchmarks/gui_responsiveness.py --photos 100

"Launch" is measured from the start of this interpreter (before Qt or the app is imported) to the
moment the main window shows the case, on a workspace that already holds the demo case. The stall
is the longest gap between ticks of a 2 ms timer on the GUI thread, from the drop of the files
until the import report is shown and the case views are reloaded.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


class Heartbeat:
    """Records the gaps between ticks of a fast timer: a long gap is a frozen window."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.long: list[tuple[float, float]] = []  # (when the stall began, how long)
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        if now - self._last > 0.05:
            self.long.append((self._last, now - self._last))
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def wait_for(signal: object, timeout_s: float) -> object:
    """Run the event loop until ``signal`` fires; return its first argument."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    received: list[object] = []

    def done(*args: object) -> None:
        received.append(args[0] if args else None)
        loop.quit()

    signal.connect(done)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(done)  # type: ignore[attr-defined]
    if not received:
        raise TimeoutError(f"no signal within {timeout_s} s")
    return received[0]


def launch_only(workspace: Path) -> None:
    """In a fresh process: open the window on ``workspace`` and print the seconds since start."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui import errors
    from ui.main_window import MainWindow
    from ui.settings import UiSettings
    from ui.tasks import TaskRunner
    from verifier.settings import Settings

    app = QApplication(sys.argv[:1])
    runner = TaskRunner(errors.show_error, parent=app)
    window = MainWindow(runner, UiSettings(QSettings(str(workspace / "ui.ini"), QSettings.Format.IniFormat)))
    window.resize(1400, 900)
    window.show()
    window.open_workspace(Settings(workspace=workspace, user="bench"))
    wait_for(window.sig_case_loaded, 60)
    print(f"LAUNCH {time.perf_counter() - STARTED:.3f}", flush=True)
    window.close()
    runner.shutdown()


def measure_launch(workspace: Path, runs: int = 3) -> list[float]:
    import subprocess

    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--launch-only", str(workspace)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(next(line for line in out.splitlines() if line.startswith("LAUNCH")).split()[1]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--launch-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.launch_only:
        launch_only(args.launch_only)
        return

    from intake_metadata import _GENERATOR_VERSION, generate

    photos = generate(
        Path(tempfile.gettempdir()) / f"verifier-bench-intake-v{_GENERATOR_VERSION}", args.photos
    )

    from verifier import demo
    from verifier.services.workspace import Workspace
    from verifier.settings import Settings

    with tempfile.TemporaryDirectory(prefix="verifier-bench-gui-") as folder:
        settings = Settings(workspace=Path(folder) / "ws", user="bench")
        with Workspace.open(settings) as ws:  # the workspace exists before the launch, as for a user
            demo.ensure_demo_case(ws)
        launches = measure_launch(settings.workspace)

        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from ui import errors
        from ui.main_window import MainWindow
        from ui.settings import UiSettings
        from ui.tasks import TaskRunner
        from verifier.services.intake import Provenance

        app = QApplication(sys.argv[:1])
        runner = TaskRunner(errors.show_error, parent=app)
        ini = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(runner, UiSettings(ini))
        window.resize(1400, 900)
        window.show()
        window.open_workspace(settings)
        wait_for(window.sig_case_loaded, 60)

        heartbeat = Heartbeat()
        heartbeat.start()
        began = time.perf_counter()
        window.start_import(list(photos), Provenance())
        report = wait_for(window.sig_import_finished, 600)
        finished = time.perf_counter()
        imported = finished - began
        wait_for(window.sig_case_loaded, 120)  # the views reload with the new evidence
        reloaded = time.perf_counter()
        settle_end = time.perf_counter() + 1.0  # and thumbnails start loading in the gallery
        while time.perf_counter() < settle_end:
            app.processEvents()  # only the benchmark pumps the loop here; the app never does
            time.sleep(0.001)
        heartbeat.stop()
        window.close()
        runner.shutdown()
        # Write what closing the window saved now: left for the interpreter's exit, it would
        # create the deleted temporary folder again, holding only ui.ini.
        ini.sync()

    for when, length in heartbeat.long:
        print(
            f"stall      {length * 1000:.0f} ms at +{when - began:.2f} s "
            f"(import finished at +{finished - began:.2f} s, views reloaded at +{reloaded - began:.2f} s)"
        )
    gaps_ms = sorted(g * 1000 for g in heartbeat.gaps)
    longest = gaps_ms[-1] if gaps_ms else 0.0
    p99 = gaps_ms[int(len(gaps_ms) * 0.99) - 1] if gaps_ms else 0.0
    count = len(getattr(report, "imported", []) or [])
    launch = statistics.median(launches)
    print(
        f"launch     interpreter start to a usable window on the demo workspace, fresh process: median "
        f"{launch:.2f} s of {', '.join(f'{t:.2f}' for t in launches)} [target < 1.5 s: "
        f"{'OK' if launch < 1.5 else 'MISSED'}]"
    )
    print(
        f"import     {count} of {len(photos)} photos through the GUI in {imported:.1f} s "
        f"({len(photos) / imported:.1f} files/s)"
    )
    print(
        f"stalls     {len(gaps_ms)} heartbeats: median {statistics.median(gaps_ms):.1f} ms, "
        f"p99 {p99:.1f} ms, longest {longest:.1f} ms [target < 50 ms: {'OK' if longest < 50 else 'MISSED'}]"
    )


if __name__ == "__main__":
    main()
