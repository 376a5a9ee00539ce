"""Start the desktop application: QApplication, logging, translations, error hook, main window.

``main.py`` parses the command line, configures logging and calls ``run``; everything Qt starts
here (qutebrowser's ``app.run(args)`` shape).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

import verifier
from ui import errors, qtlog
from ui.main_window import MainWindow
from ui.settings import LANGUAGES as LANGUAGES  # re-exported: tools/screenshots.py offers its codes
from ui.settings import SYSTEM_LANGUAGE, UiSettings
from ui.tasks import TaskRunner
from verifier.settings import Settings

log = logging.getLogger(__name__)

ORGANIZATION = "Source Verifier"
APPLICATION = "Source Verifier"
TRANSLATION_PREFIX = "source_verifier"
SCREENSHOT_SIZE = (1400, 900)


# Qt mirrors the whole layout when the installed translation translates this string to "RTL"
# (QGuiApplication's qt_detectRTLLanguage); Qt's own qtbase_ar.qm does for Arabic, and ours do
# for Arabic and Central Kurdish, which Qt does not translate. Marked here so lupdate collects it.
LAYOUT_DIRECTION_KEY = QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION")


def translations_dir() -> Path | None:
    """``resources/translations`` when the package ships it (the ``.ts`` translation sources)."""
    folder = resources.files("resources") / "translations"
    return Path(str(folder)) if folder.is_dir() else None


def _lrelease() -> str | None:
    import PySide6  # the lrelease of the Qt the app runs on

    here = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (here / name).is_file():
            return str(here / name)
    return shutil.which("pyside6-lrelease")


def compile_translations(target: Path, sources: Path | None = None) -> Path | None:
    """Compile every ``.ts`` into ``target`` with lrelease, unless its ``.qm`` there is current.

    Compiled ``.qm`` files are build products, kept out of git: compiling here, at start-up, into
    the workspace cache works the same for a source checkout, an installed wheel and the tests,
    and needs no setup step. A ``.qm`` is current when the SHA-256 of its ``.ts`` recorded beside
    it matches, so the check costs two small reads (0.5 ms); lrelease runs only after a change
    (70 ms for both languages).

    Args:
        target: the folder for the ``.qm`` files (created when missing).
        sources: the ``.ts`` folder; by default ``resources/translations``.

    Returns:
        ``target``, or None when nothing could be compiled (no sources, no lrelease, or the
        folder is not writable); the app then runs in English.
    """
    sources = sources or translations_dir()
    ts_files = sorted(sources.glob(f"{TRANSLATION_PREFIX}_*.ts")) if sources is not None else []
    if not ts_files:
        return None
    tool = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        for ts in ts_files:
            qm = target / f"{ts.stem}.qm"
            stamp = target / f"{ts.stem}.qm.sha256"
            digest = hashlib.sha256(ts.read_bytes()).hexdigest()
            if qm.is_file() and stamp.is_file() and stamp.read_text(encoding="ascii").strip() == digest:
                continue
            tool = tool or _lrelease()
            if tool is None:
                log.warning("pyside6-lrelease not found: the interface stays in English")
                return None
            partial = target / f"{ts.stem}.qm.part"
            done = subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(partial)], capture_output=True, text=True, check=False
            )
            if done.returncode != 0 or not partial.is_file():
                log.warning("lrelease failed on %s: %s", ts.name, (done.stderr or done.stdout).strip())
                continue
            os.replace(partial, qm)
            stamp.write_text(digest + "\n", encoding="ascii")
            log.info("Compiled %s into %s", ts.name, qm)
    except OSError as exc:
        log.warning("Cannot compile the translations into %s: %s", target, exc)
        return None
    return target


@functools.cache
def _scratch_translations() -> Path | None:
    """Translations compiled once per process into a temporary folder (tools and tests)."""
    folder = Path(tempfile.mkdtemp(prefix="source-verifier-qm-"))
    atexit.register(shutil.rmtree, folder, True)
    return compile_translations(folder)


def locale_for(language: str | None) -> QLocale:
    """The locale of a ``--lang`` choice: a language code, or "system"/empty for the desktop's."""
    if not language or language == SYSTEM_LANGUAGE:
        return QLocale.system()
    return QLocale(language)


def install_translations(
    app: QApplication, locale: QLocale | None = None, *, qm_dir: Path | None = None
) -> list[QTranslator]:
    """Load Qt's own and the app's translations for the locale.

    The layout direction follows the loaded translation (``QT_LAYOUT_DIRECTION``): Arabic and
    Central Kurdish mirror menus, splitters and tabs; a locale without a translation stays left
    to right, as its English text is.

    Args:
        app: the application.
        locale: the language wanted; by default the desktop's.
        qm_dir: where the compiled ``.qm`` files are; by default they are compiled once into a
            temporary folder.

    Returns:
        The installed translators (parented to the app; ``remove_translations`` undoes them).
    """
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    if qt_translator.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    folder = qm_dir or _scratch_translations()
    if folder is not None:
        ours = QTranslator(app)
        if ours.load(locale, TRANSLATION_PREFIX, "_", str(folder)):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.info("No %s translation for %s in %s", TRANSLATION_PREFIX, locale.name(), folder)
    # Direction from the translations (LayoutDirectionAuto), not from the locale: set explicitly,
    # Qt would stop following later language changes.
    app.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    return installed


def remove_translations(app: QApplication, translators: Sequence[QTranslator]) -> None:
    """Uninstall translators; the layout direction follows what remains."""
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()


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
    language: str | None = None,
) -> int:
    """Run the GUI until the main window closes.

    Args:
        settings: the workspace to open.
        demo: build the demo case in that workspace if missing and show it.
        screenshot: render the main window to this PNG once the data is shown, then exit.
        log_file: where the log goes (named in unexpected-error dialogs).
        argv: arguments for QApplication (Qt options such as ``-platform``).
        language: the interface language for this run and the next ones (a ``LANGUAGES`` code
            or "system"); None uses the saved choice, else the desktop's language.

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
    _install_excepthook()
    ctrl_c = _allow_ctrl_c(app)

    scratch: tempfile.TemporaryDirectory[str] | None = None
    if screenshot is not None:
        # A rendering must not depend on, or change, the user's saved window layout.
        scratch = tempfile.TemporaryDirectory(prefix="source-verifier-ui-")
        ui_settings = UiSettings(QSettings(str(Path(scratch.name) / "ui.ini"), QSettings.Format.IniFormat))
    else:
        ui_settings = UiSettings()
    if language is not None:
        ui_settings.set_language("" if language == SYSTEM_LANGUAGE else language)
    translators = install_translations(
        app,
        locale_for(ui_settings.language()),
        qm_dir=compile_translations(settings.cache_dir / "translations"),
    )
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
        remove_translations(app, translators)
        if scratch is not None:
            scratch.cleanup()
    return outcome["code"] or code
