"""Logging: a rotating file in the workspace; never-log values are withheld."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from verifier.logs import LOG_FILE, configure_logging


class _Sealed:
    """Stands for a sealed value: marked never-log, and its str() would reveal it."""

    __never_log__ = True

    def __str__(self) -> str:
        return "Canary-Zebulon-Qx7"


@pytest.fixture
def log_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "_verifier_handler", False):
            root.removeHandler(handler)
            handler.close()
    root.handlers[:], root.level = saved


def test_messages_reach_the_workspace_log_file(log_file: Path, tmp_path: Path) -> None:
    logging.getLogger("verifier.test").info("opened case %d", 7)
    assert log_file == tmp_path / "logs" / LOG_FILE
    assert "verifier.test: opened case 7" in log_file.read_text(encoding="utf-8")


def test_a_never_log_value_is_withheld_from_file_and_stderr(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logging.getLogger("verifier.test").warning("unsealed %s for editor", _Sealed())
    text = log_file.read_text(encoding="utf-8") + capsys.readouterr().err
    assert "Canary-Zebulon-Qx7" not in text
    assert "record withheld" in text


def test_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        assert configure_logging(blocker) is None
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_verifier_handler", False):
                root.removeHandler(handler)
                handler.close()
        root.handlers[:], root.level = saved
