"""QSettings-backed preferences, and the words the GUI uses for the core's enums."""

from __future__ import annotations

import enum
from pathlib import Path

import pytest

from PySide6.QtCore import QByteArray, QSettings

from ui import vocabulary
from ui.settings import MAX_RECENT_WORKSPACES, UiSettings
from verifier.domain import enums, values


def test_settings_round_trip_through_an_ini_file(tmp_path: Path) -> None:
    path = str(tmp_path / "ui.ini")
    first = UiSettings(QSettings(path, QSettings.Format.IniFormat))
    assert first.window_geometry().isEmpty() and first.current_view() == 0
    assert first.last_case_id(tmp_path / "a") is None and first.recent_workspaces() == []
    first.set_window_geometry(QByteArray(b"\x01\x02geometry"))
    first.set_current_view(3)
    first.set_last_case_id(tmp_path / "a", 7)
    first.set_last_case_id(tmp_path / "b", 9)
    first.add_recent_workspace(tmp_path / "a")
    first.sync()
    again = UiSettings(QSettings(path, QSettings.Format.IniFormat))
    assert bytes(again.window_geometry().data()) == b"\x01\x02geometry"
    assert again.current_view() == 3
    assert (again.last_case_id(tmp_path / "a"), again.last_case_id(tmp_path / "b")) == (7, 9)
    assert again.recent_workspaces() == [tmp_path / "a"]  # a one-element list survives INI


def test_recent_workspaces_are_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    for name in ["a", "b", "a", *[f"w{i}" for i in range(12)]]:
        settings.add_recent_workspace(tmp_path / name)
    recent = settings.recent_workspaces()
    assert len(recent) == MAX_RECENT_WORKSPACES
    assert recent[0] == tmp_path / "w11"
    assert len(set(recent)) == len(recent)


# Enums the GUI shows (it has words for some of their members). A brand-new enum of the core is
# not shown yet, so it is not required here; a new member of a shown enum is.
_SHOWN = {cls for cls, _ in vocabulary._LABELS}
_ENUMS = [
    member
    for module in (enums, values)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls in _SHOWN
    for member in cls
]


@pytest.mark.parametrize("member", _ENUMS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_enum_member_has_a_word(member: enum.Enum) -> None:
    """A member added to the core needs its word in ui/vocabulary.py (else users see 'in_progress')."""
    assert (type(member), member.value) in vocabulary._LABELS


def test_members_with_equal_values_keep_their_own_words() -> None:
    assert vocabulary.label(enums.EntityType.EVIDENCE) == "Evidence"
    assert vocabulary.label(enums.ClaimOrigin.EVIDENCE) == "From evidence"
    assert vocabulary.label(enums.EntityType.TESTIMONY) == "Testimony"


def test_text_direction_and_isolates() -> None:
    assert vocabulary.text_direction("Makhmour") == "ltr"
    assert vocabulary.text_direction("مەخموور") == "rtl"
    assert vocabulary.text_direction("  «مخمور» 2019") == "rtl"
    assert vocabulary.text_direction("2019") == "ltr"
    assert vocabulary.isolate("مخمور") == "\u2068مخمور\u2069"
    assert vocabulary.language_name("ckb") == "Central Kurdish"
    assert vocabulary.language_name("zz-unknown") == "zz-unknown"


def test_counts_are_grouped_in_the_digits_of_the_data() -> None:
    # Tabs read "Claims (89,982)" in every language: the cells below them use Western digits.
    assert vocabulary.format_count(89_982) == "89,982"
    assert vocabulary.format_count(5) == "5"
