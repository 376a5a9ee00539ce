"""Shared fixtures: workspaces on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never look for a display in the tests (Picard sets it the same way).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.pg import PostgresServer, running_server
from verifier.services.workspace import Workspace
from verifier.settings import Settings

NO_POSTGRES = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package "
    "'postgresql' (tools/dev setup does) to run the PostgreSQL half of the storage tests"
)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_server() as server:
        if server is None:
            if os.environ.get("CI"):
                pytest.fail(NO_POSTGRES + " (CI must run them)")
            pytest.skip(NO_POSTGRES)
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend; the SQLite one lives in the workspace folder."""
    if request.param == "sqlite":
        return ""
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(workspace=tmp_path / "workspace", database_url=database_url, user="tester")


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    ws = Workspace.open(settings)
    yield ws
    ws.close()


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A SQLite-only workspace, for tests about files on disk."""
    ws = Workspace.open(Settings(workspace=tmp_path / "workspace", user="tester"))
    yield ws
    ws.close()


@pytest.fixture
def jpeg_file(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "photo.jpg"
    Image.new("RGB", (32, 24), (200, 30, 30)).save(path, quality=90)
    return path
