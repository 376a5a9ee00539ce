"""Translations: the .ts files follow the code, Arabic mirrors the window, every label is translatable."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale, QPoint, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QLabel, QMenu, QWidget

import main
from ui.app import (
    TRANSLATION_PREFIX,
    compile_translations,
    install_translations,
    remove_translations,
    translations_dir,
)
from ui.dialogs.export_case import ExportDialog
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from verifier import domain
from verifier.domain import CaseStatus

ROOT = Path(__file__).resolve().parents[2]
PSEUDO = "eo"  # Esperanto: a locale Qt ships no translation for, used for the pseudo-translation
ARABIC_LETTERS = range(0x0600, 0x0700)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sv_translations_tool", ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _has_arabic(text: str) -> bool:
    return any(ord(char) in ARABIC_LETTERS for char in text)


def _has_latin(text: str) -> bool:
    return any("a" <= char.lower() <= "z" for char in text)


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _menu_actions(sub)


# --- the .ts files ---------------------------------------------------------------------------


def test_the_ts_files_hold_every_string_of_the_code() -> None:
    tool = _tool()
    command = tool.UPDATE_COMMAND
    assert not tool.problems(), (
        "strings lupdate cannot extract (fix them, then run "
        + command
        + "):\n"
        + "\n".join(map(str, tool.problems()))
    )
    wanted = tool.extracted()
    assert len(wanted) > 300
    assert ("MainWindow", "&File") in wanted
    assert ("Views", "Sources") in wanted  # a module helper's string, with its real context
    assert ("QGuiApplication", "QT_LAYOUT_DIRECTION") in wanted
    for language in tool.LANGUAGES:
        ts = tool.ts_file(language)
        have = tool.messages(ts)
        missing, stale = sorted(wanted - have), sorted(have - wanted)
        assert not missing and not stale, (
            f"{ts.relative_to(ROOT)} is out of date with the code. Run:\n    {command}\n"
            f"then translate the new strings (or leave them unfinished) and commit the .ts files.\n"
            f"Missing: {missing[:20]}\nNo longer in the code: {stale[:20]}"
        )


def test_the_helper_rewrite_keeps_lines_and_context() -> None:
    tool = _tool()
    source = (
        "from PySide6.QtCore import QCoreApplication\n"
        '_CONTEXT = "Views"\n'
        "def _tr(text: str) -> str:\n"
        "    return QCoreApplication.translate(_CONTEXT, text)\n"
        'TITLE = _tr("Sources")\n'
        "label = f'{_tr(\"hidden\")}'\n"
    )
    rewritten = tool.rewrite_for_lupdate(source)
    lines = rewritten.splitlines()
    assert lines[2] == "def _tr(text: str) -> str:"  # the definition stays
    assert lines[4] == 'TITLE = Views.tr("Sources")'
    assert len(lines) == len(source.splitlines())


def test_arabic_is_translated_where_the_window_shows_it() -> None:
    finished = _tool().messages(_tool().ts_file("ar"), finished_only=True)
    for context, text in [
        ("MainWindow", "&File"),
        ("MainWindow", "&Export Case…"),
        ("MainWindow", "Filter every view (Ctrl+F)"),
        ("MainWindow", "Workspace: {path}   ·   Database: {backend}   ·   User: {user}"),
        ("Views", "Claims"),
        ("ExportDialog", "Export"),
        ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    ]:
        assert (context, text) in finished, f"no Arabic for [{context}] {text!r}"


def test_translations_keep_the_placeholders_of_their_source() -> None:
    """A translation that drops or renames a {placeholder} would raise in str.format()."""
    tool = _tool()
    wrong = []
    for language in tool.LANGUAGES:
        for context in ET.parse(tool.ts_file(language)).getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") or not translation.text:
                    continue
                source = message.findtext("source") or ""
                fields = sorted(re.findall(r"\{\w*\}", source))
                if sorted(re.findall(r"\{\w*\}", translation.text)) != fields:
                    wrong.append(f"{language} [{context.findtext('name')}] {source!r}")
    assert not wrong, "\n".join(wrong)


def test_every_ts_file_compiles(tmp_path: Path) -> None:
    folder = compile_translations(tmp_path)
    assert folder == tmp_path
    for language in ("ar", "ckb"):
        qm = tmp_path / f"{TRANSLATION_PREFIX}_{language}.qm"
        assert qm.stat().st_size > 1000
        translator = QTranslator()
        assert translator.load(str(qm))
        assert translator.translate("QGuiApplication", "QT_LAYOUT_DIRECTION") == "RTL"


def test_compiled_files_are_reused_until_their_source_changes(tmp_path: Path) -> None:
    sources, out = tmp_path / "ts", tmp_path / "qm"
    sources.mkdir()
    original = translations_dir()
    assert original is not None
    ts = sources / f"{TRANSLATION_PREFIX}_ar.ts"
    ts.write_bytes((original / ts.name).read_bytes())
    compile_translations(out, sources)
    qm = out / f"{TRANSLATION_PREFIX}_ar.qm"
    first = qm.stat().st_mtime_ns
    os.utime(qm, ns=(first - 10**9, first - 10**9))  # "older": only the hash may decide
    compile_translations(out, sources)
    assert qm.stat().st_mtime_ns == first - 10**9  # same source: not compiled again
    ts.write_text(ts.read_text(encoding="utf-8").replace(">&amp;ملف<", ">&amp;الملف<"), encoding="utf-8")
    compile_translations(out, sources)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "&File") == "&الملف"


# --- Arabic in the window --------------------------------------------------------------------


def _window(qtbot: QtBot, runner: TaskRunner, ui_settings: UiSettings) -> MainWindow:
    window = MainWindow(runner, ui_settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _left_edge(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def test_arabic_menus_and_a_mirrored_window(
    qapp: QApplication, qtbot: QtBot, runner: TaskRunner, ui_settings: UiSettings, tmp_path: Path
) -> None:
    english = _window(qtbot, runner, ui_settings)
    assert english.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # In English the record views are on the left and the detail pane on the right.
    assert _left_edge(english.tabs, english) < _left_edge(english.detail, english)
    english_filter_x = _left_edge(english.filter_edit, english)

    installed = install_translations(qapp, QLocale("ar"), qm_dir=compile_translations(tmp_path / "qm"))
    try:
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        window = _window(qtbot, runner, ui_settings)
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = _menu_titles(window)
        assert titles[:5] == ["&ملف", "&قضية", "&عرض", "&أدوات", "م&ساعدة"]
        assert all(_has_arabic(t) and not _has_latin(t) for t in titles), titles
        assert window.act_export_case.text() == "&تصدير القضية…"
        assert window.tabs.tabText(0).startswith("المصادر")
        assert window.filter_edit.placeholderText() == "تصفية كل العروض (Ctrl+F)"
        assert window.cancel_button.text() == "إلغاء"
        # Mirrored: the views are now on the right of the detail pane, the filter box on the left.
        assert _left_edge(window.tabs, window) > _left_edge(window.detail, window)
        assert _left_edge(window.filter_edit, window) < english_filter_x
        window.close()
    finally:
        remove_translations(qapp, installed)
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    english.close()


def test_central_kurdish_mirrors_the_window_too(
    qapp: QApplication, qtbot: QtBot, runner: TaskRunner, ui_settings: UiSettings, tmp_path: Path
) -> None:
    # Qt ships no Central Kurdish translation of its own: the direction comes from ours.
    installed = install_translations(qapp, QLocale("ckb_IQ"), qm_dir=compile_translations(tmp_path / "qm"))
    try:
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        window = _window(qtbot, runner, ui_settings)
        assert _menu_titles(window)[0] == "&پەڕگە"
        window.close()
    finally:
        remove_translations(qapp, installed)


# --- pseudo-translation: nothing in the window escapes tr() -----------------------------------


def _pseudo_ts(target: Path) -> Path:
    """Every extracted string translated as ⟦string⟧, in a .ts file for the pseudo locale."""
    tool = _tool()
    ts = target / f"{TRANSLATION_PREFIX}_{PSEUDO}.ts"
    tool.run_lupdate([ts])
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            for form in translation.iter("numerusform"):
                form.text = "⟦" + (message.findtext("source") or "") + "⟧"
        else:
            translation.text = "⟦" + (message.findtext("source") or "") + "⟧"
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return ts


@pytest.fixture
def pseudo(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    sources = tmp_path / "pseudo-ts"
    sources.mkdir()
    _pseudo_ts(sources)
    folder = compile_translations(tmp_path / "pseudo-qm", sources)
    installed = install_translations(qapp, QLocale(PSEUDO), qm_dir=folder)
    assert installed, "the pseudo translation did not load"
    yield
    remove_translations(qapp, installed)


def _untranslated(texts: dict[str, str]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts.items() if text and "⟦" not in text]


def test_every_label_of_the_main_window_goes_through_tr(
    pseudo: None, qtbot: QtBot, runner: TaskRunner, ui_settings: UiSettings
) -> None:
    window = _window(qtbot, runner, ui_settings)
    texts: dict[str, str] = {"window title": window.windowTitle()}
    for action in window.menuBar().actions():
        texts[f"menu {action.text()}"] = action.text()
        menu = action.menu()
        if isinstance(menu, QMenu):
            for item in _menu_actions(menu):
                texts[f"menu item {item.text()}"] = item.text()
                texts[f"tip of {item.text()}"] = item.statusTip()
    for index in range(window.tabs.count()):
        texts[f"tab {index}"] = window.tabs.tabText(index)
    for action in window.toolbar.actions():
        texts[f"toolbar {action.text()}"] = action.text()
    for label in window.toolbar.findChildren(QLabel):
        texts[f"toolbar label {label.text()}"] = label.text()
    texts["filter"] = window.filter_edit.placeholderText()
    texts["cancel"] = window.cancel_button.text()
    texts["case title"] = window.case_title.text()
    texts["case summary"] = window.case_summary.text()
    assert not _untranslated(texts), "\n".join(_untranslated(texts))
    window.close()


def test_every_label_of_the_export_dialog_goes_through_tr(
    pseudo: None, qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    case = domain.Case(1, "Makhmour", "", CaseStatus.OPEN, now, now, 1)
    dialog = ExportDialog(runner, None, case, [])  # type: ignore[arg-type]  # nothing is read or run
    qtbot.addWidget(dialog)
    dialog.show()
    texts: dict[str, str] = {"title": dialog.windowTitle()}
    for widget in dialog.findChildren(QWidget):
        text = getattr(widget, "text", None)
        # Qt translates its standard buttons (Cancel, Close) itself, in qtbase_<lang>.qm.
        standard = isinstance(widget, QAbstractButton) and dialog.buttons.standardButton(widget) != (
            QDialogButtonBox.StandardButton.NoButton
        )
        user_data = widget in (dialog.folder_edit, dialog.name_edit)
        if callable(text) and widget.isVisible() and not standard and not user_data:
            value = text()
            if isinstance(value, str):
                texts[f"{type(widget).__name__} {widget.objectName()} {value[:30]}"] = value
    texts["profile"] = dialog.profile_combo.currentText()
    assert len(texts) > 15
    assert not _untranslated(texts), "\n".join(_untranslated(texts))


# --- choosing the language -------------------------------------------------------------------


def test_lang_option_and_saved_preference(ui_settings: UiSettings) -> None:
    assert main.parse_args(["--lang", "ar"]).lang == "ar"
    assert main.parse_args([]).lang is None
    with pytest.raises(SystemExit):
        main.parse_args(["--lang", "xx"])
    assert ui_settings.language() == ""
    ui_settings.set_language("ckb")
    assert ui_settings.language() == "ckb"


def test_the_app_compiles_its_translations_into_the_workspace_cache(tmp_path: Path) -> None:
    """``--lang ar`` in a real run: the .qm is compiled at start-up into the workspace cache."""
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
            "--lang",
            "ar",
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
    assert "WARNING" not in result.stderr, result.stderr
    compiled = tmp_path / "mine-demo" / "cache" / "translations" / f"{TRANSLATION_PREFIX}_ar.qm"
    assert compiled.is_file()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
