"""Cross-reference rules: photos against claims, claims against claims, and corroboration.

Pure functions over frozen inputs (:mod:`verifier.crossref.inputs`) that return findings
(:mod:`verifier.crossref.findings`): no Qt, no database, no file reads. One module per rule
family (time, place, recycling, editing, devices, sun, claims), the corroboration count, and
:func:`verifier.crossref.engine.run_all` to run them all.
"""

from verifier.crossref.engine import CaseReport, check_case, run_all
from verifier.crossref.findings import Finding, Severity
from verifier.crossref.inputs import (
    CaseInputs,
    ClaimInput,
    LinkedClaim,
    LinkedEvidence,
    LinkedTestimony,
    NearbyName,
    PhotoInput,
)
from verifier.crossref.nearindex import NearDuplicateIndex

__all__ = [
    "CaseInputs",
    "CaseReport",
    "ClaimInput",
    "Finding",
    "LinkedClaim",
    "LinkedEvidence",
    "LinkedTestimony",
    "NearDuplicateIndex",
    "NearbyName",
    "PhotoInput",
    "Severity",
    "check_case",
    "run_all",
]
