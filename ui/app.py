"""Start the desktop application: QApplication, logging, translations, error hook, main window.

``main.py`` parses the command line, configures logging and calls ``run``; everything Qt starts
here (qutebrowser's ``app.run(args)`` shape).
"""

from __future__ import annotations

import logging
import signal
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

import verifier
from ui import errors, qtlog
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from verifier.settings import Settings

log = logging.getLogger(__name__)

ORGANIZATION = "Source Verifier"
APPLICATION = "Source Verifier"
TRANSLATION_PREFIX = "source_verifier"
SCREENSHOT_SIZE = (1400, 900)


def translations_dir() -> Path | None:
    """``resources/translations`` when the package ships it (compiled ``.qm`` files)."""
    folder = resources.files("resources") / "translations"
    return Path(str(folder)) if folder.is_dir() else None


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load Qt's own and the app's translations for the locale, and mirror the layout if RTL.

    Returns:
        The installed translators (kept alive by the caller and parented to the app).
    """
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    if qt_translator.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    folder = translations_dir()
    if folder is not None:
        ours = QTranslator(app)
        if ours.load(locale, TRANSLATION_PREFIX, "_", str(folder)):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.info("No %s translation for %s in %s", TRANSLATION_PREFIX, locale.name(), folder)
    # Arabic and Kurdish (Sorani) newsrooms read right to left: mirror menus, splitter and tabs.
    app.setLayoutDirection(locale.textDirection())
    return installed


def _install_excepthook() -> None:
    """Log uncaught exceptions and show them with the error presenter (qutebrowser crashsignal)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.critical("Uncaught exception", exc_info=(kind, exc, tb))
        try:
            errors.show_error(None, exc)
        except Exception:  # the presenter itself failed: the log already has the error
            log.exception("The error presenter failed")

    sys.excepthook = hook


def _allow_ctrl_c(app: QApplication) -> QTimer:
    # Qt's event loop never returns to Python on its own, so SIGINT would wait for the next
    # event; a slow idle timer gives Python a chance to run the handler.
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    timer = QTimer(app)
    timer.start(500)
    timer.timeout.connect(lambda: None)
    return timer


def run(
    settings: Settings,
    *,
    demo: bool = False,
    screenshot: Path | None = None,
    log_file: Path | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """Run the GUI until the main window closes.

    Args:
        settings: the workspace to open.
        demo: build the demo case in that workspace if missing and show it.
        screenshot: render the main window to this PNG once the data is shown, then exit.
        log_file: where the log goes (named in unexpected-error dialogs).
        argv: arguments for QApplication (Qt options such as ``-platform``).

    Returns:
        The process exit code.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(verifier.__version__)
    app.setDesktopFileName("source-verifier")
    previous_handler = qtlog.install()
    previous_hook = sys.excepthook
    errors.set_log_file(log_file)
    translators = install_translations(app)
    _install_excepthook()
    ctrl_c = _allow_ctrl_c(app)

    scratch: tempfile.TemporaryDirectory[str] | None = None
    if screenshot is not None:
        # A rendering must not depend on, or change, the user's saved window layout.
        scratch = tempfile.TemporaryDirectory(prefix="source-verifier-ui-")
        ui_settings = UiSettings(QSettings(str(Path(scratch.name) / "ui.ini"), QSettings.Format.IniFormat))
    else:
        ui_settings = UiSettings()
    runner = TaskRunner(errors.show_error, parent=app)
    window = MainWindow(runner, ui_settings)
    outcome = {"code": 0}
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)

        def shoot() -> None:
            target = screenshot
            target.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(target), "PNG"):
                log.error("Could not write the screenshot %s", target)
                outcome["code"] = 1
            elif window.workspace is None:
                outcome["code"] = 1  # the workspace did not open: the picture shows the error state
            window.close()

        # A short delay lets Qt lay out the freshly filled views before the window is rendered.
        window.sig_ready.connect(
            lambda: QTimer.singleShot(100, shoot), Qt.ConnectionType.SingleShotConnection
        )
    window.show()
    window.open_workspace(settings, demo_case=demo)
    try:
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
        ctrl_c.stop()
        for translator in translators:
            app.removeTranslator(translator)
        if scratch is not None:
            scratch.cleanup()
    return outcome["code"] or code
