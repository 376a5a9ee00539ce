"""Errors of case bundles."""

from __future__ import annotations

from verifier.errors import VerifierError


class BundleRefused(VerifierError):
    """A bundle cannot be imported: damaged, truncated, altered, unsigned, not for us, or untrusted.

    The message says what is wrong and where (the header, chunk N, the signature, a record);
    nothing was imported when it is raised.
    """

    exit_code = 10
