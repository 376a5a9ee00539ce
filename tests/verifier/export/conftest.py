"""Fixtures of the export tests: the Makhmour case and an unlocked leak guard (fast KDF cost)."""

from __future__ import annotations

import pytest

from tests.verifier.export.scenario import IDENTITIES, makhmour_case
from verifier.export import ExportCase, ExportGuard
from verifier.sealing import (
    IdentityFingerprints,
    KdfCost,
    LeakGuardKey,
    Secret,
    create_workspace_secret,
    enroll_holder,
    fingerprint_identity,
    unlock_holder,
    unlock_leak_guard,
)

FAST_COST = KdfCost(2**10, 8, 1)


@pytest.fixture(scope="session")
def leak_key() -> LeakGuardKey:
    record = enroll_holder("ws-export", "editor-a", Secret("editor passphrase for tests"), cost=FAST_COST)
    ring = create_workspace_secret("ws-export", [record])
    return unlock_leak_guard(unlock_holder(record, Secret("editor passphrase for tests")), ring)


@pytest.fixture(scope="session")
def fingerprints(leak_key: LeakGuardKey) -> list[IdentityFingerprints]:
    return [fingerprint_identity(leak_key, subject, values) for subject, values in IDENTITIES.items()]


@pytest.fixture(scope="session")
def case() -> ExportCase:
    return makhmour_case()


@pytest.fixture
def guard(case: ExportCase, leak_key: LeakGuardKey, fingerprints: list[IdentityFingerprints]) -> ExportGuard:
    return ExportGuard(case, key=leak_key, fingerprints=fingerprints)
