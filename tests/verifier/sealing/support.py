"""Shared helpers of the sealing tests: fast KDF cost, test holders, the canary name."""

from __future__ import annotations

from dataclasses import dataclass

from verifier.sealing import HolderRecord, KdfCost, Kem, Secret, enroll_holder

__all__ = ["CANARY", "FAST_COST", "WORKSPACE_ID", "Holder", "Kem", "make_holder"]

# Tests use a cheap scrypt cost so the suite stays fast; test_sealing_holders asserts that the
# default used by the app is the strong one.
FAST_COST = KdfCost(n=2**10, r=8, p=1)
WORKSPACE_ID = "ws-7f3a"
CANARY = "Canary-Zebulon-Qx7"


@dataclass(frozen=True)
class Holder:
    """A test holder: its stored record and the passphrase that opens it."""

    record: HolderRecord
    passphrase: str

    def secret(self) -> Secret[str]:
        return Secret(self.passphrase)


def make_holder(holder_id: str, passphrase: str, kem: Kem = Kem.MLKEM768_X25519) -> Holder:
    record = enroll_holder(WORKSPACE_ID, holder_id, Secret(passphrase), cost=FAST_COST, kem=kem)
    return Holder(record, passphrase)
