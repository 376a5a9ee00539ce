"""Run every cross-reference rule on one case, in a fixed order.

The engine computes the shared intermediate results once (capture times, copies of each
picture, shared devices) and passes them to the rule families that need them; each family
remains callable on its own. The order of the findings is deterministic: families in
:data:`FAMILIES` order, and within a family the order each rule documents (by record id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from verifier.crossref.claims import check_claims
from verifier.crossref.corroboration import Corroboration, check_corroboration, corroborate
from verifier.crossref.devices import check_devices, shared_devices
from verifier.crossref.editing import check_editing
from verifier.crossref.findings import Finding
from verifier.crossref.inputs import CaseInputs
from verifier.crossref.place import check_place
from verifier.crossref.recycling import check_recycling, find_copies
from verifier.crossref.sun import check_sun
from verifier.crossref.time import capture_time, check_time
from verifier.crossref.zones import ZoneLookup, zone_at

__all__ = ["FAMILIES", "CaseReport", "check_case", "run_all"]

FAMILIES: Final = ("time", "place", "recycling", "editing", "devices", "sun", "claims", "corroboration")
"""Rule families in the order their findings are listed."""


@dataclass(frozen=True)
class CaseReport:
    """All findings of a case, and the corroboration counts they were drawn from.

    Attributes:
        findings: Every finding, in :data:`FAMILIES` order.
        corroboration: One entry per claim, in claim id order.
    """

    findings: tuple[Finding, ...]
    corroboration: tuple[Corroboration, ...]


def check_case(
    inputs: CaseInputs,
    *,
    zone_lookup: ZoneLookup = zone_at,
    families: tuple[str, ...] = FAMILIES,
    on_family: Callable[[str], None] | None = None,
) -> CaseReport:
    """Run the rules and the corroboration count on one case.

    Args:
        inputs: What the service gathered.
        zone_lookup: Position -> IANA zone (timezonefinder by default).
        families: The families to run (all by default), listed in :data:`FAMILIES` order anyway.
        on_family: Called with each family's name before it runs (for progress reports).

    Returns:
        The findings and the corroboration counts.
    """
    photos, claims = inputs.photos, inputs.claims
    captures = {p.evidence_id: capture_time(p, zone_lookup) for p in photos}
    copies = find_copies(photos, inputs.workspace_photos)
    shared = shared_devices(photos)
    corroboration = corroborate(
        claims, photos, inputs.sources, inputs.relationships, copies=copies, shared=shared
    )
    runners: dict[str, Callable[[], list[Finding]]] = {
        "time": lambda: check_time(photos, claims, zone_lookup=zone_lookup, captures=captures),
        "place": lambda: check_place(photos, claims, inputs.gazetteer),
        "recycling": lambda: check_recycling(photos, claims, inputs.sources, copies=copies),
        "editing": lambda: check_editing(photos),
        "devices": lambda: check_devices(photos, inputs.sources, inputs.relationships, shared=shared),
        "sun": lambda: check_sun(photos, claims, zone_lookup=zone_lookup, captures=captures),
        "claims": lambda: check_claims(claims),
        "corroboration": lambda: check_corroboration(claims, corroboration),
    }
    findings: list[Finding] = []
    for family in FAMILIES:
        if family in families:
            if on_family is not None:
                on_family(family)
            findings += runners[family]()
    return CaseReport(tuple(findings), tuple(corroboration))


def run_all(inputs: CaseInputs, *, zone_lookup: ZoneLookup = zone_at) -> list[Finding]:
    """Every finding for one case, in a deterministic order.

    Args:
        inputs: What the service gathered.
        zone_lookup: Position -> IANA zone (timezonefinder by default).

    Returns:
        The findings, families in :data:`FAMILIES` order.
    """
    return list(check_case(inputs, zone_lookup=zone_lookup).findings)
