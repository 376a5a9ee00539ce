"""Team fixtures: the same workspace opened by several people (one Workspace per user)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest

from verifier.services.workspace import Workspace
from verifier.settings import Settings

OpenAs = Callable[[str], Workspace]


@pytest.fixture
def open_as(settings: Settings) -> Iterator[OpenAs]:
    """Open the test's workspace (SQLite or PostgreSQL) as another user, closed at the end."""
    opened: list[Workspace] = []

    def open_it(user: str) -> Workspace:
        ws = Workspace.open(dataclasses.replace(settings, user=user))
        opened.append(ws)
        return ws

    yield open_it
    for ws in opened:
        ws.close()
