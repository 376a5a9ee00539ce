"""One sandboxed reader worker for the fuzz tests (starting one costs about a second)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz.harness import Sandbox


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    # The bound is generous because CI shares 2 cores; a real hang never ends, so it is still caught.
    with Sandbox(time_limit=20.0) as box:
        yield box
