"""View ▸ Language: choose the interface language, saved for the next start.

The choice is the one ``--lang`` makes (``UiSettings.language``); it takes effect when the app
next starts. Switching live would mean re-translating every widget and rebuilding the mirrored
layout and the open dialogs, for a choice made once: the menu says so instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ui.settings import LANGUAGES, UiSettings
from ui.vocabulary import isolate


class LanguageMenu(QMenu):
    """One checkable entry per interface language, plus the desktop's language.

    Each language is named in its own language and script, so a reader finds theirs whatever
    the interface shows now.

    Args:
        ui_settings: where the choice is saved.
        parent: the window (the notice is shown over it).

    Signals:
        sig_chosen(str): a new choice was saved: a language code, or "" for the desktop's.
    """

    sig_chosen = Signal(str)

    def __init__(self, ui_settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageMenu")
        self.setTitle(self.tr("&Language"))
        self._settings = ui_settings
        self.notice: QMessageBox | None = None
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_code: dict[str, QAction] = {}
        # Each language in its own words, whatever the interface shows now (through tr() so the
        # translators see them; they stay as they are).
        self.names = {
            "en": self.tr("English", "the language's own name: leave it unchanged"),
            "ar": self.tr("العربية", "the language's own name: leave it unchanged"),
            "ckb": self.tr("کوردیی ناوەندی", "the language's own name: leave it unchanged"),
        }
        system = self.tr("System language")
        for code, name in [
            ("", system),
            *((code, self.names.get(code, name)) for code, name in LANGUAGES.items()),
        ]:
            act = self.addAction(name)
            act.setCheckable(True)
            act.setData(code)
            act.setObjectName(f"language_{code or 'system'}")
            if not code:
                act.setToolTip(self.tr("Follow the desktop's language"))
                self.addSeparator()
            self._group.addAction(act)
            self.actions_by_code[code] = act
        self._show_saved()
        self._group.triggered.connect(self._chosen)

    def _show_saved(self) -> None:
        saved = self._settings.language()
        act = self.actions_by_code.get(saved) or self.actions_by_code[""]
        act.setChecked(True)

    def _chosen(self, act: QAction) -> None:
        code = str(act.data() or "")
        if code == self._settings.language():
            return
        self._settings.set_language(code)
        self._settings.sync()
        self.sig_chosen.emit(code)
        name = self.names.get(code) or self.tr("the desktop's language")
        text = self.tr("Source Verifier will show its menus and views in {language} the next time it starts.")
        # Window-modal but not blocking: the notice needs no answer.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Interface language"),
            text.format(language=isolate(name)),
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.setObjectName("LanguageNotice")
        box.setInformativeText(self.tr("Your choice is saved; nothing else changes until then."))
        box.finished.connect(self._notice_closed)
        box.open()
        self.notice = box

    def _notice_closed(self) -> None:
        if self.notice is not None:
            self.notice.deleteLater()
            self.notice = None
