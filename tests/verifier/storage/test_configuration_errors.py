"""Bad settings give one clear message naming what and where."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from verifier.errors import ConfigurationError, StorageError
from verifier.services.workspace import Workspace
from verifier.settings import Settings


def _open(tmp_path: Path, url: str = "", folder: Path | None = None) -> Workspace:
    return Workspace.open(Settings(workspace=folder or tmp_path / "ws", database_url=url, user="t"))


def test_unknown_url_scheme(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigurationError, match=r"Unsupported database URL scheme 'mysql'.*sqlite:///.*postgresql://"
    ):
        _open(tmp_path, "mysql://root:hunter2@db.example/x")


def test_password_never_shown_in_messages(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as caught:
        _open(tmp_path, "mysql://root:hunter2@db.example/x")
    assert "hunter2" not in str(caught.value)


def test_not_a_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="is not a database URL"):
        _open(tmp_path, "just some words")


def test_unreachable_postgresql_server(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(
        StorageError, match=rf"Cannot reach the PostgreSQL server at 127\.0\.0\.1:{port}, database 'cases'"
    ):
        _open(tmp_path, f"postgresql://editor:s3cret@127.0.0.1:{port}/cases")
    assert time.monotonic() - started < 10


def test_workspace_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    target.write_text("not a folder")
    with pytest.raises(ConfigurationError, match=rf"The workspace {target} is a file, not a folder"):
        _open(tmp_path, folder=target)


def test_sqlite_path_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "db.db").mkdir()
    with pytest.raises(ConfigurationError, match="exists but is not a file"):
        _open(tmp_path, f"sqlite:///{tmp_path / 'db.db'}")


def test_in_memory_sqlite_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="in-memory"):
        _open(tmp_path, "sqlite://")
