"""Helpers shared by the GUI tests."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def off_gui(fn: Callable[[], T]) -> T:
    """Run a database read or write on another thread, as the app does (the GUI thread never
    touches the database); its exception is raised here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn).result()
