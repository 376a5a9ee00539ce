"""Fixtures for the sealing tests: a workspace holder and two editors (fast KDF cost)."""

from __future__ import annotations

import pytest

from tests.verifier.sealing.support import Holder, Kem, make_holder


@pytest.fixture(scope="session")
def workspace_holder() -> Holder:
    return make_holder("workspace", "workspace passphrase in the safe")


@pytest.fixture(scope="session")
def editor_a() -> Holder:
    return make_holder("editor-a", "alpha editor's own passphrase")


@pytest.fixture(scope="session")
def editor_b() -> Holder:
    # A classical X25519 holder, so both key types are exercised.
    return make_holder("editor-b", "bravo editor's own passphrase", kem=Kem.X25519)
