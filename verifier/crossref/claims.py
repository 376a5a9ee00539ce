"""Claims against claims: do two claims said to be about the same event fit together?

For each pair of claims linked as *same claim*, *corroborates*, *partly corroborates* or
*contradicts*, three facets are compared:

- **how many**: quantity ranges with the same unit that cannot describe the same count
  (:meth:`verifier.domain.Quantity.overlaps`; missing bounds are open);
- **when**: intervals that do not overlap, with the gap between them;
- **where**: places farther apart than the sum of their precision radii (each place's own
  tolerance, :data:`verifier.crossref.place.PRECISION_RADIUS_M`, added: two "vicinity" places
  4 km apart can still name the same spot).

The severity follows the link: a mismatch between claims recorded as agreeing is a conflict
(same claim, corroborates) or a warning (partly corroborates: they agree only in part); between
claims recorded as contradicting each other it is information, since it bears the contradiction
out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from verifier.crossref import _text
from verifier.crossref.findings import Finding, Severity
from verifier.crossref.inputs import ClaimInput
from verifier.crossref.place import claimed_place
from verifier.domain import ClaimRelation, Quantity
from verifier.text import fold

__all__ = ["SAME_EVENT_RELATIONS", "check_claims", "same_unit"]

SAME_EVENT_RELATIONS: Final = frozenset(
    {
        ClaimRelation.SAME_CLAIM,
        ClaimRelation.CORROBORATES,
        ClaimRelation.PARTLY_CORROBORATES,
        ClaimRelation.CONTRADICTS,
    }
)
"""Relations that say two claims are about the same event."""
_SEVERITY: Final = {
    ClaimRelation.SAME_CLAIM: Severity.CONFLICT,
    ClaimRelation.CORROBORATES: Severity.CONFLICT,
    ClaimRelation.PARTLY_CORROBORATES: Severity.WARNING,
    ClaimRelation.CONTRADICTS: Severity.INFO,
}
_WORD_RE: Final = re.compile(r"\w+")


def same_unit(a: str, b: str) -> bool:
    """Whether two quantity units count the same thing ("fighters" and "Fighter", "killed").

    Compares folded words with a trailing plural "s" removed; good enough for the short units
    editors type, and it never equates different words.

    Args:
        a: One unit.
        b: The other.

    Returns:
        True when they match.
    """

    def words(text: str) -> tuple[str, ...]:
        return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _WORD_RE.findall(fold(text)))

    return words(a) == words(b)


def check_claims(claims: Sequence[ClaimInput]) -> list[Finding]:
    """Compare every pair of claims linked as about the same event.

    A link listed on both of its claims is compared once.

    Args:
        claims: The case's claims with their links.

    Returns:
        Findings, by pair of claim ids, then facet (quantities, time, place).
    """
    by_id = {c.id: c for c in claims}
    pairs: dict[tuple[int, int, ClaimRelation], None] = {}
    for claim in claims:
        for link in claim.claims:
            if link.relation in SAME_EVENT_RELATIONS and link.other_claim_id in by_id:
                low, high = sorted((claim.id, link.other_claim_id))
                if low != high:
                    pairs[(low, high, link.relation)] = None
    findings: list[Finding] = []
    for low, high, relation in sorted(pairs, key=lambda p: (p[0], p[1], p[2].value)):
        a, b = by_id[low], by_id[high]
        findings += _quantities(a, b, relation)
        findings += _intervals(a, b, relation)
        findings += _places(a, b, relation)
    return findings


def _intro(a: ClaimInput, b: ClaimInput, relation: ClaimRelation) -> str:
    return f"{a.label} and {b.label} are linked as '{relation.value}'"


def _quantities(a: ClaimInput, b: ClaimInput, relation: ClaimRelation) -> Iterable[Finding]:
    for qa in a.claim.quantities:
        for qb in b.claim.quantities:
            if not same_unit(qa.unit, qb.unit) or qa.overlaps(qb):
                continue
            gap = _quantity_gap(qa, qb)
            yield Finding(
                "claims.quantities_disagree",
                _SEVERITY[relation],
                (a.subject, b.subject),
                f"{_intro(a, b, relation)}, but their counts cannot both be right: {qa.describe()} against "
                f"{qb.describe()} (the ranges are {gap:g} {qa.unit} apart).",
                {
                    "relation": relation.value,
                    "unit": qa.unit,
                    "a_min": qa.minimum,
                    "a_max": qa.maximum,
                    "b_min": qb.minimum,
                    "b_max": qb.maximum,
                    "gap": gap,
                },
            )


def _quantity_gap(a: Quantity, b: Quantity) -> float:
    if a.maximum is not None and b.minimum is not None and a.maximum < b.minimum:
        return b.minimum - a.maximum
    if b.maximum is not None and a.minimum is not None and b.maximum < a.minimum:
        return a.minimum - b.maximum
    return 0.0


def _intervals(a: ClaimInput, b: ClaimInput, relation: ClaimRelation) -> Iterable[Finding]:
    ia, ib = a.claim.when, b.claim.when
    if ia is None or ib is None or ia.overlaps(ib):
        return
    gap = ia.gap_to(ib)

    def period(interval_label: str, start: str, end: str) -> str:
        return f"'{interval_label}' ({start} to {end})" if interval_label else f"{start} to {end}"

    yield Finding(
        "claims.intervals_exclusive",
        _SEVERITY[relation],
        (a.subject, b.subject),
        f"{_intro(a, b, relation)}, but their times exclude each other: "
        f"{period(ia.label, _text.utc(ia.start), _text.utc(ia.end))} against "
        f"{period(ib.label, _text.utc(ib.start), _text.utc(ib.end))}, {_text.duration(gap)} apart.",
        {
            "relation": relation.value,
            "gap_hours": round(gap.total_seconds() / 3600, 2),
            "a_start_utc": ia.start.isoformat(),
            "a_end_utc": ia.end.isoformat(),
            "b_start_utc": ib.start.isoformat(),
            "b_end_utc": ib.end.isoformat(),
        },
    )


def _places(a: ClaimInput, b: ClaimInput, relation: ClaimRelation) -> Iterable[Finding]:
    pa, pb = claimed_place(a), claimed_place(b)
    if pa is None or pb is None:
        return
    metres = pa.point.distance_m(pb.point)
    tolerance = pa.radius_m + pb.radius_m
    if metres <= tolerance:
        return
    yield Finding(
        "claims.places_apart",
        _SEVERITY[relation],
        (a.subject, b.subject),
        f"{_intro(a, b, relation)}, but their places are {_text.distance(metres)} apart: {pa.name} "
        f"({pa.precision.value}, {_text.distance(pa.radius_m)}) and {pb.name} ({pb.precision.value}, "
        f"{_text.distance(pb.radius_m)}), more than the {_text.distance(tolerance)} their precisions allow "
        "together.",
        {
            "relation": relation.value,
            "distance_m": round(metres, 1),
            "tolerance_m": tolerance,
            "a_place": pa.name,
            "b_place": pb.name,
        },
    )
