"""Passphrase key derivation with scrypt, its stored parameters and their bounds.

Default cost: ``n = 2**17, r = 8, p = 1`` (RFC 7914 scrypt; the OWASP password-storage minimum
for scrypt). It needs 128 MiB of memory (128 * r * n bytes) and, measured on the development
machine (2-core Intel Xeon VM, cryptography 50.0.2 / OpenSSL), about 0.28 s per derivation
(0.42 s for the first one in a process). Lower costs measured there: n=2**16 0.13 s / 64 MiB,
n=2**15 0.06 s / 32 MiB, n=2**14 0.03 s / 16 MiB.

The parameters and the random 16-byte salt are stored with every holder record, so the cost can
be raised later without breaking old records: :func:`verifier.sealing.holders.needs_upgrade`
tells when a record is below the current default and
:func:`verifier.sealing.holders.change_passphrase` re-derives with new parameters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from verifier.errors import SealFormatError
from verifier.sealing import _codec
from verifier.sealing.secret import Secret

SALT_BYTES = 16
KEY_BYTES = 32

# Bounds on what a stored record may ask for. The upper bounds stop a tampered record from making
# the app allocate gigabytes; the lower bound of n exists so tests can run fast, and is far below
# anything enroll_holder would choose by default.
_MIN_LOG2_N = 10
_MAX_LOG2_N = 22
_MAX_R = 32
_MAX_P = 16
_MAX_MEMORY = 1 << 30  # 1 GiB
_MAX_WORK = 1 << 25  # n * r * p: 32 times the default, about 9 s here


@dataclass(frozen=True)
class KdfCost:
    """The scrypt work factors: ``n`` (CPU/memory cost, a power of two), ``r`` (block size), ``p``."""

    n: int
    r: int
    p: int

    def __post_init__(self) -> None:
        if self.n < 2 or self.n & (self.n - 1):
            raise SealFormatError(f"The scrypt cost n={self.n} is not a power of two.")
        if not (1 << _MIN_LOG2_N <= self.n <= 1 << _MAX_LOG2_N):
            raise SealFormatError(
                f"The scrypt cost n={self.n} is outside the accepted range "
                f"2**{_MIN_LOG2_N}..2**{_MAX_LOG2_N}."
            )
        if not (1 <= self.r <= _MAX_R) or not (1 <= self.p <= _MAX_P):
            raise SealFormatError(
                f"The scrypt parameters r={self.r}, p={self.p} are outside the accepted range."
            )
        if self.memory_bytes > _MAX_MEMORY:
            raise SealFormatError("The scrypt parameters would need more than 1 GiB of memory.")
        if self.n * self.r * self.p > _MAX_WORK:
            raise SealFormatError("The scrypt parameters would take too long to compute.")

    @property
    def memory_bytes(self) -> int:
        """Memory one derivation needs (128 * r * n bytes)."""
        return 128 * self.r * self.n

    def at_least(self, other: KdfCost) -> bool:
        """Tell whether this cost is no weaker than ``other`` in every factor.

        Args:
            other: the cost to compare with (usually :data:`DEFAULT_COST`).

        Returns:
            True when n, r and p are each at least those of ``other``.
        """
        return self.n >= other.n and self.r >= other.r and self.p >= other.p


DEFAULT_COST = KdfCost(n=2**17, r=8, p=1)


@dataclass(frozen=True)
class KdfParams:
    """Everything needed to derive the same key again from the same passphrase: algorithm, cost, salt."""

    cost: KdfCost
    salt: bytes

    ALGORITHM: ClassVar[str] = "scrypt"

    def __post_init__(self) -> None:
        if len(self.salt) != SALT_BYTES:
            raise SealFormatError(f"The scrypt salt must be {SALT_BYTES} bytes, not {len(self.salt)}.")

    @classmethod
    def generate(cls, cost: KdfCost = DEFAULT_COST) -> KdfParams:
        """Choose a fresh random salt for the given cost.

        Args:
            cost: the work factors; the strong default unless a test asks for less.

        Returns:
            New parameters.
        """
        return cls(cost=cost, salt=os.urandom(SALT_BYTES))

    def derive(self, passphrase: Secret[str]) -> bytes:
        """Derive a 256-bit key from a passphrase (slow on purpose: see the module docs).

        Args:
            passphrase: the holder's passphrase; normalised to NFC before use.

        Returns:
            The 32-byte key. The caller drops it as soon as it has been used.
        """
        kdf = Scrypt(salt=self.salt, length=KEY_BYTES, n=self.cost.n, r=self.cost.r, p=self.cost.p)
        return kdf.derive(passphrase.reveal_utf8())

    def context_parts(self) -> tuple[str | int, ...]:
        """The parameters as associated-data parts, so that altering them is detected."""
        return (self.ALGORITHM, self.cost.n, self.cost.r, self.cost.p, _codec.b64encode(self.salt))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form: ``{"alg": "scrypt", "n", "r", "p", "salt": base64}``."""
        return {
            "alg": self.ALGORITHM,
            "n": self.cost.n,
            "r": self.cost.r,
            "p": self.cost.p,
            "salt": _codec.b64encode(self.salt),
        }

    @classmethod
    def from_dict(cls, obj: object, kind: str = "key-derivation") -> KdfParams:
        """Read parameters written by :meth:`to_dict`.

        Args:
            obj: the stored dict.
            kind: what record it belongs to, for error messages.

        Returns:
            The parameters.

        Raises:
            SealFormatError: the dict is malformed, names another algorithm or has unsafe values.
        """
        if not isinstance(obj, dict):
            raise SealFormatError(f"The {kind} record is damaged: its key-derivation parameters are missing.")
        alg = obj.get("alg")
        if alg != cls.ALGORITHM:
            raise SealFormatError(f"The {kind} record uses an unknown key derivation {alg!r}.")
        cost = KdfCost(
            n=_codec.get_int(obj, "n", kind),
            r=_codec.get_int(obj, "r", kind),
            p=_codec.get_int(obj, "p", kind),
        )
        return cls(cost=cost, salt=_codec.b64decode(obj.get("salt"), "salt", kind, length=SALT_BYTES))
