"""Right-to-left interfaces: the detail pane and the tables read from the right, data keeps its own direction.

Under an Arabic interface the detail pane's headings and field labels sit on the right, while a
paragraph of English field data stays left to right (as ``dir="auto"`` does in a browser). Table
cells take their direction from their own text, and View ▸ Language saves the interface language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSettings, Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyleOptionViewItem, QTextBrowser

from ui import detail
from ui.app import compile_translations, install_translations, remove_translations
from ui.main_window import MainWindow
from ui.models.findings import Column as FindingsColumn
from ui.models.records import Column, RecordTableModel, Roles
from ui.settings import UiSettings
from ui.widgets.findings_panel import FindingsPanel
from ui.widgets.language_menu import LanguageMenu
from ui.widgets.record_table import DataTextDelegate, RecordTable, content_direction

FSI, PDI = "\u2068", "\u2069"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
DESCRIPTION = "A Kurdish student from Makhmour in his early twenties"


@pytest.fixture
def arabic(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The Arabic interface, as ``--lang ar`` installs it (the layout mirrors)."""
    installed = install_translations(qapp, QLocale("ar"), qm_dir=compile_translations(tmp_path / "qm"))
    assert qapp.layoutDirection() == RTL
    yield
    remove_translations(qapp, installed)
    assert qapp.layoutDirection() == LTR


def _tr(text: str) -> str:
    return QCoreApplication.translate("DetailPane", text)


def _block(document: QTextDocument, text: str) -> QTextBlock:
    """The block whose text (without isolate marks) is exactly ``text``."""
    block = document.begin()
    while block.isValid():
        if block.text().replace(FSI, "").replace(PDI, "") == text:
            return block
        block = block.next()
    raise AssertionError(f"no block reads {text!r}")


def _text_rect(browser: QTextBrowser, block: QTextBlock) -> QRectF:
    """Where the first line of a block's text is drawn, in document coordinates."""
    origin = browser.document().documentLayout().blockBoundingRect(block).topLeft()
    line = block.layout().lineAt(0).naturalTextRect()
    return line.translated(origin)


def _shown_detail(window: MainWindow) -> QTextBrowser:
    """The detail pane showing the source Hama (English alias and description)."""
    window.select_view("sources")
    table = window.table("sources")
    rows = (table.proxy.index(row, 0) for row in range(table.proxy.rowCount()))
    hama = next(index for index in rows if index.data(Roles.RECORD).alias == "Hama")
    assert table.select_record(hama.data(Roles.RECORD_ID))
    browser = window.detail
    assert DESCRIPTION in browser.toPlainText()
    return browser


def test_detail_pane_reads_from_the_right_in_arabic(arabic: None, window: MainWindow) -> None:
    browser = _shown_detail(window)
    document = browser.document()
    width = document.idealWidth() if document.textWidth() < 0 else document.textWidth()
    right_edge = width - document.documentMargin()

    heading = _block(document, _tr("Public description"))
    assert heading.text() != "Public description"  # the Arabic heading
    assert heading.textDirection() == RTL
    assert _text_rect(browser, heading).right() == pytest.approx(right_edge, abs=2)
    title = _block(document, "Hama")
    assert title.textDirection() == RTL
    assert _text_rect(browser, title).right() == pytest.approx(right_edge, abs=2)

    # The field label sits on the right of its value, the table against the right margin.
    name = _block(document, _tr("Kind"))
    value = _block(document, QCoreApplication.translate("Vocabulary", "Eyewitness"))
    assert _text_rect(browser, name).left() > _text_rect(browser, value).right()
    assert _text_rect(browser, name).right() == pytest.approx(right_edge, abs=6)

    # The English description keeps its own direction: it starts at the left margin.
    description = _block(document, DESCRIPTION)
    assert description.textDirection() == LTR
    assert _text_rect(browser, description).left() == pytest.approx(document.documentMargin(), abs=2)


def test_detail_pane_reads_from_the_left_in_english(window: MainWindow) -> None:
    browser = _shown_detail(window)
    document = browser.document()
    margin = document.documentMargin()
    for text in ("Public description", "Hama", DESCRIPTION):
        block = _block(document, text)
        assert block.textDirection() == LTR, text
        assert _text_rect(browser, block).left() == pytest.approx(margin, abs=2), text
    name, value = _block(document, "Kind"), _block(document, "Eyewitness")
    assert _text_rect(browser, name).right() < _text_rect(browser, value).left()
    assert "Interview notes" in browser.toPlainText()


def test_data_inside_an_arabic_line_is_isolated(arabic: None, window: MainWindow) -> None:
    browser = _shown_detail(window)
    # The testimony line: interface words, then an English transcript line in an isolate, so
    # its closing bracket and full stop stay at its end.
    line = next(
        text for text in browser.toPlainText().splitlines() if "Interview notes" in text and "·" in text
    )
    opening = line.index(FSI + "Interview notes")
    assert line.index(PDI, opening) > line.index(".", opening)
    block = _block(document=browser.document(), text=line.replace(FSI, "").replace(PDI, ""))
    assert block.textDirection() == RTL  # the line itself follows the interface


def test_case_title_sits_on_the_interfaces_side(
    qapp: QApplication, qtbot: QtBot, arabic: None, window: MainWindow
) -> None:
    # The window was built under Arabic: its English case title is still aligned right.
    for label in (window.case_title, window.case_summary):
        alignment = label.alignment()
        assert alignment & Qt.AlignmentFlag.AlignRight and alignment & Qt.AlignmentFlag.AlignAbsolute
    assert window.case_title.text().startswith("Makhmour")


@dataclass(frozen=True)
class _Row:
    id: int
    text: str


def _table(qtbot: QtBot) -> RecordTable:
    column: Column[_Row] = Column("Text", lambda r: r.text, width=40)
    model = RecordTableModel([column], lambda r: r.id)
    model.set_records(
        [
            _Row(1, "A US Army spokesman (CJTF-OIR)"),
            _Row(2, "مخمور (قضاء)"),
            _Row(3, "2019"),
        ]
    )
    table = RecordTable(model, stretch=0)
    qtbot.addWidget(table)
    table.resize(500, 200)
    return table


def _options(table: RecordTable) -> list[QStyleOptionViewItem]:
    """How the table's delegate sets up each cell, in the order the rows were given."""
    found = {}
    for row in range(table.model().rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(table)
        index = table.model().index(row, 0)
        delegate = table.itemDelegateForIndex(index)
        assert isinstance(delegate, DataTextDelegate)
        delegate.initStyleOption(option, index)
        found[index.data(Roles.RECORD_ID)] = option
    return [found[record_id] for record_id in sorted(found)]


def test_table_cells_take_their_direction_from_their_text(qapp: QApplication, qtbot: QtBot) -> None:
    english_ui = _table(qtbot)
    english, arabic, number = _options(english_ui)
    assert english.direction == LTR and english.displayAlignment & Qt.AlignmentFlag.AlignLeading
    # Arabic data in an English interface: right to left, still on the column's left side.
    assert arabic.direction == RTL
    assert arabic.displayAlignment & Qt.AlignmentFlag.AlignAbsolute
    assert arabic.displayAlignment & Qt.AlignmentFlag.AlignLeft
    assert number.direction == LTR

    qapp.setLayoutDirection(RTL)
    try:
        arabic_ui = _table(qtbot)
        english, arabic, number = _options(arabic_ui)
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    # English data in an Arabic interface keeps left to right (its "(…)" stays at its end) and
    # sits on the right, where the column starts.
    assert english.direction == LTR
    assert english.displayAlignment & Qt.AlignmentFlag.AlignAbsolute
    assert english.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert arabic.direction == RTL
    # No letter at all ("2019"): left to right, as ``dir="auto"`` reads it, still on the right.
    assert number.direction == LTR
    assert number.displayAlignment & Qt.AlignmentFlag.AlignRight


def test_content_direction_is_the_first_strong_letter() -> None:
    assert content_direction("  «مخمور» 2019 Makhmour") == RTL
    assert content_direction("(CJTF-OIR) التحالف") == LTR
    assert content_direction("2019-04-11 10:00") is None
    assert content_direction("") is None


def test_fields_table_mirrors_its_columns(qapp: QApplication) -> None:
    english = detail.fields([("Kind", "Eyewitness")])
    assert english.index('class="label"') < english.index('class="value"')
    qapp.setLayoutDirection(RTL)
    try:
        mirrored = detail.fields([("Kind", "Eyewitness")])
        page = detail.document("<p>x</p>")
        arrow = detail.arrow()
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    assert mirrored.index('class="value"') < mirrored.index('class="label-rtl"')
    assert '<body dir="rtl">' in page
    assert arrow == "←"
    assert detail.inline("Hama <b>") == FSI + "Hama &lt;b&gt;" + PDI
    assert detail.inline("") == ""


def test_language_menu_saves_the_choice(qtbot: QtBot, window: MainWindow, ui_settings: UiSettings) -> None:
    menu = window.language_menu
    view_menu = window.menuBar().actions()[2].menu()
    assert isinstance(view_menu, QMenu)
    assert menu in [action.menu() for action in view_menu.actions()]
    assert menu.actions_by_code[""].isChecked()  # nothing chosen yet: the desktop's language
    assert [menu.actions_by_code[code].text() for code in ("en", "ar", "ckb")] == [
        "English",
        "العربية",
        "کوردیی ناوەندی",
    ]

    with qtbot.waitSignal(menu.sig_chosen) as chosen:
        menu.actions_by_code["ar"].trigger()
    assert chosen.args == ["ar"]
    assert ui_settings.language() == "ar"
    assert menu.actions_by_code["ar"].isChecked() and not menu.actions_by_code[""].isChecked()
    notice = menu.notice
    assert notice is not None and notice.isVisible()
    assert "next time" in notice.text() and "العربية" in notice.text()
    notice.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: menu.notice is None)

    # Back to the desktop's language: saved as "", which ``--lang``'s start-up reads as "system".
    menu.actions_by_code[""].trigger()
    assert ui_settings.language() == ""
    assert menu.notice is not None
    menu.notice.close()


def test_language_menu_shows_the_saved_choice(qtbot: QtBot, tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "saved.ini"), QSettings.Format.IniFormat))
    settings.set_language("ckb")
    menu = LanguageMenu(settings)
    qtbot.addWidget(menu)
    assert menu.actions_by_code["ckb"].isChecked()
    # Choosing the language already saved changes nothing and says nothing.
    menu.actions_by_code["ckb"].trigger()
    assert menu.notice is None and settings.language() == "ckb"


def test_findings_explanation_follows_the_interface_and_keeps_english_data_ltr(
    arabic: None, qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.panels["findings"]
    assert isinstance(panel, FindingsPanel)
    window.select_view("findings")
    qtbot.waitUntil(lambda: panel.report is not None and panel.proxy.rowCount() > 0, timeout=10_000)
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    document = panel.explanation.document()
    blocks = []
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            blocks.append(block)
        block = block.next()
    title, explanation = blocks[0], blocks[1]
    assert title.textDirection() == RTL  # "title · severity · family": the interface's words
    assert _has_latin(explanation.text()) and explanation.textDirection() == LTR  # the English explanation
    # The table's English explanations read left to right in the mirrored table.
    english_cell = panel.proxy.index(0, FindingsColumn.EXPLANATION)
    assert content_direction(english_cell.data()) == LTR
    option = QStyleOptionViewItem()
    option.initFrom(panel.table)
    delegate = panel.table.itemDelegateForIndex(english_cell)
    assert isinstance(delegate, DataTextDelegate)
    delegate.initStyleOption(option, english_cell)
    assert option.direction == LTR and option.displayAlignment & Qt.AlignmentFlag.AlignRight


def _has_latin(text: str) -> bool:
    return any("a" <= char.lower() <= "z" for char in text)
