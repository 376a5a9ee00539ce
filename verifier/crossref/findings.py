"""What a cross-reference rule produces: a finding, never a verdict.

A finding names the rule that produced it, how much it matters (information, warning,
conflict), the records it speaks of, and a plain-language explanation that carries the numbers
used, so an editor can check the reasoning without reading code. The app never says "fake" or
"real": findings inform the editor's decision.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

__all__ = ["Finding", "Number", "Severity", "Subject", "subject_key"]

Number = float | int | str | bool | None
"""A value in :attr:`Finding.numbers`: JSON-safe scalars only."""

Subject = tuple[str, int]
"""A record a finding speaks of: ("evidence", 3), ("claim", 5), ("source", 2), ("case", 1)."""


class Severity(enum.StrEnum):
    """How much a finding should weigh on the editor's attention."""

    INFO = "info"
    """A fact worth seeing (the sun's position, a photo inside the claimed place)."""
    WARNING = "warning"
    """Something that deserves a look; it has innocent explanations."""
    CONFLICT = "conflict"
    """Two records cannot both be right as recorded (a photo taken after it was received)."""

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for conflict: for sorting, most serious last."""
        return _RANK[self]


_RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CONFLICT: 2}
_SCAN_SUBJECTS: Final = 16
"""Subjects up to which :meth:`Finding.concerns` scans the tuple rather than build a set."""


@dataclass(frozen=True)
class Finding:
    """One observation made by a named rule about one or more records.

    Attributes:
        rule: Dotted rule id, family first: "time.capture_outside_claim".
        severity: Information, warning or conflict.
        subjects: The records involved, as (kind, id) pairs, most specific first.
        explanation: Plain language for an editor, with the numbers and units used.
        numbers: The same numbers for machines (CLI ``--json``, exports): JSON-safe scalars.
    """

    rule: str
    severity: Severity
    subjects: tuple[Subject, ...]
    explanation: str
    numbers: Mapping[str, Number] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """The rule family ("time", "place", ...): the part of the rule id before the dot."""
        return self.rule.split(".", 1)[0]

    def concerns(self, kind: str, record_id: int) -> bool:
        """Whether the finding speaks of a record.

        Args:
            kind: "evidence", "claim", "source", "case"...
            record_id: The record's id.

        Returns:
            True when (kind, record_id) is one of the subjects.
        """
        if len(self.subjects) <= _SCAN_SUBJECTS:
            return (kind, record_id) in self.subjects
        return (kind, record_id) in self._subject_set

    @cached_property
    def _subject_set(self) -> frozenset[Subject]:
        # A finding that speaks for thousands of claims (one place name typed by all of them) is
        # asked about each record the views show: a set answers without scanning them all.
        return frozenset(self.subjects)

    def to_dict(self) -> dict[str, object]:
        """A JSON-safe dictionary (for ``verifier check CASE --json``).

        Returns:
            rule, severity, subjects (list of {"kind", "id"}), explanation, numbers.
        """
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "subjects": [{"kind": kind, "id": record_id} for kind, record_id in self.subjects],
            "explanation": self.explanation,
            "numbers": dict(self.numbers),
        }


def subject_key(finding: Finding) -> tuple[object, ...]:
    """A sort key giving findings a stable order: family, subjects, rule, explanation.

    Args:
        finding: A finding.

    Returns:
        A tuple that sorts deterministically.
    """
    return (finding.family, finding.subjects, finding.rule, finding.explanation)
