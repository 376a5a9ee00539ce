"""The document every writer renders: a case projected through a profile into labelled entries.

Projection is the one place where the profile table (:mod:`verifier.export.profiles`) is applied,
and it formats every value once (verdicts in words, intervals, places at publication precision),
so HTML, Markdown, CSV and the PDF say the same thing in the same words. The leak guard scans
this view entry by entry before any writer runs, which lets it name the claim, the item and the
field of a leak.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from verifier.domain.values import Interval
from verifier.export.model import (
    ExportCase,
    ExportClaim,
    ExportEvidence,
    ExportSource,
    status_in_words,
    verdict_in_words,
)
from verifier.export.profiles import Field, Profile

__all__ = [
    "CLAIM_FIELDS",
    "EVIDENCE_FIELDS",
    "SOURCE_FIELDS",
    "ClaimView",
    "DocumentView",
    "Entry",
    "EvidenceView",
    "SourceView",
    "describe_interval",
    "project",
]


@dataclass(frozen=True)
class Entry:
    """One labelled value of a document.

    Attributes:
        field: which profile field it renders.
        label: its label in documents ("Verdict").
        value: the text, for single values.
        items: the texts, for lists (findings, quantities, discrepancies).
        user_text: typed by a person (any script, any direction): escaped and marked dir="auto".
    """

    field: Field
    label: str
    value: str = ""
    items: tuple[str, ...] = ()
    user_text: bool = False

    @property
    def empty(self) -> bool:
        """True when there is nothing to show."""
        return not self.value and not self.items

    def flat(self, separator: str = "; ") -> str:
        """Return the value, or the items joined, as one string."""
        return self.value if self.value else separator.join(self.items)


@dataclass(frozen=True)
class SourceView:
    """A source of a claim, as the profile shows it."""

    number: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class EvidenceView:
    """An evidence item of a claim, as the profile shows it."""

    number: int
    evidence_id: str
    entries: tuple[Entry, ...]
    thumbnail_jpeg: bytes | None


@dataclass(frozen=True)
class ClaimView:
    """A claim, its sources and its evidence, as the profile shows them."""

    number: int
    ref: str
    entries: tuple[Entry, ...]
    sources: tuple[SourceView, ...]
    evidence: tuple[EvidenceView, ...]

    @property
    def heading(self) -> str:
        """The heading every format uses ("Claim 3 · C-17"); the guard locates hits by it."""
        return f"Claim {self.number} · {self.ref}" if self.ref else f"Claim {self.number}"


@dataclass(frozen=True)
class DocumentView:
    """A whole export document, format-neutral.

    Attributes:
        profile: the profile it was projected with.
        title: the case title.
        newsroom: the newsroom's name.
        generated: when the export was made, in words.
        header: case-level entries (summary).
        claims: the claims shown.
        audit: audit summary lines (empty when the profile leaves them out).
        versions: app and reader versions in words (empty when left out).
        claim_fields: the claim-level (field, label) pairs in column order (CSV header).
        source_fields: the source-level (field, label) pairs shown.
        evidence_fields: the evidence-level (field, label) pairs shown.
    """

    profile: Profile
    title: str
    newsroom: str
    generated: str
    header: tuple[Entry, ...]
    claims: tuple[ClaimView, ...]
    audit: tuple[str, ...]
    versions: str
    claim_fields: tuple[tuple[Field, str], ...]
    source_fields: tuple[tuple[Field, str], ...]
    evidence_fields: tuple[tuple[Field, str], ...]


def describe_interval(when: Interval) -> str:
    """Say when something happened, with the precision it is known to.

    Args:
        when: the interval.

    Returns:
        E.g. "mid-March 2019 (2019-03-11 00:00 to 2019-03-21 00:00 UTC; precision: days)".
    """
    span = f"{when.start:%Y-%m-%d %H:%M} to {when.end:%Y-%m-%d %H:%M} UTC; precision: {when.precision.value}"
    return f"{when.label} ({span})" if when.label else span


def _time(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}" if moment is not None else ""


def _capture_time(item: ExportEvidence) -> str:
    if item.captured_utc is None:
        return "Not verified"
    text = f"{_time(item.captured_utc)} UTC"
    if item.captured_local is not None:
        offset = f" {item.capture_offset}" if item.capture_offset else ""
        text += f" (local {_time(item.captured_local)}{offset})"
    return text


def _review(claim: ExportClaim) -> tuple[str, ...]:
    lines = []
    if claim.reviewed_on is not None:
        lines.append(f"Fact check published {claim.reviewed_on.isoformat()}")
    if claim.review_url:
        lines.append(f"Fact check: {claim.review_url}")
    for appearance in claim.appearances:
        if appearance.public:
            dated = f" ({appearance.published.isoformat()})" if appearance.published else ""
            title = f"{appearance.title} — " if appearance.title else ""
            lines.append(f"Appeared in: {title}{appearance.url}{dated}")
    return tuple(lines)


_T = TypeVar("_T")

# (field, label, user text?, value) per level; a value is a str or a tuple of str.
_Value = str | tuple[str, ...]
_ClaimSpec = tuple[Field, str, bool, Callable[[ExportClaim], _Value]]
_SourceSpec = tuple[Field, str, bool, Callable[[ExportSource], _Value]]
_EvidenceSpec = tuple[Field, str, bool, Callable[[ExportEvidence], _Value]]

CLAIM_FIELDS: tuple[_ClaimSpec, ...] = (
    (Field.CLAIM_STATEMENT, "Statement", True, lambda c: c.statement),
    (
        Field.CLAIM_VERDICT,
        "Verdict",
        False,
        lambda c: verdict_in_words(c.verdict) if c.verdict else "No verdict yet",
    ),
    (Field.CLAIM_REVIEW, "Fact check", True, _review),
    (Field.CLAIM_STATUS, "Status", False, lambda c: status_in_words(c.status)),
    (
        Field.CLAIM_CREDIBILITY,
        "Credibility",
        False,
        lambda c: f"{c.credibility.value} — {c.credibility.meaning}" if c.credibility else "Not graded",
    ),
    (Field.CLAIM_CREDIBILITY_RATIONALE, "Credibility rationale", True, lambda c: c.credibility_rationale),
    (Field.CLAIM_RATIONALE, "Rationale", True, lambda c: c.rationale),
    (Field.CLAIM_WHEN, "When", True, lambda c: describe_interval(c.when) if c.when else ""),
    (Field.CLAIM_WHERE, "Where", True, lambda c: c.where.describe() if c.where else ""),
    (Field.CLAIM_QUANTITIES, "How many", True, lambda c: tuple(q.describe() for q in c.quantities)),
    (
        Field.CLAIM_INDEPENDENCE,
        "Independent origins",
        False,
        lambda c: f"{c.supporting_origins} support, {c.contradicting_origins} contradict",
    ),
    (Field.CLAIM_CORROBORATION, "Corroboration", True, lambda c: c.corroboration),
    (Field.CLAIM_DISCREPANCIES, "Discrepancies", True, lambda c: c.discrepancies),
)

SOURCE_FIELDS: tuple[_SourceSpec, ...] = (
    (Field.SOURCE_ALIAS, "Source", True, lambda s: s.alias),
    (Field.SOURCE_DESCRIPTION, "Description", True, lambda s: s.public_description),
    (Field.SOURCE_KIND, "Kind", False, lambda s: s.kind.value.replace("_", " ")),
    (Field.SOURCE_TERMS, "Terms", False, lambda s: s.terms_in_words()),
    (Field.SOURCE_REASON_GRANTED, "Why anonymity was granted", True, lambda s: s.reason_granted),
    (
        Field.SOURCE_IDENTITY_KNOWN,
        "Identity known to an editor",
        False,
        lambda s: s.identity_known_in_words(),
    ),
    (
        Field.SOURCE_RELIABILITY,
        "Reliability",
        False,
        lambda s: f"{s.reliability.value} — {s.reliability.meaning}" if s.reliability else "Not graded",
    ),
)

EVIDENCE_FIELDS: tuple[_EvidenceSpec, ...] = (
    (
        Field.EVIDENCE_ITEM,
        "Item",
        False,
        lambda e: " · ".join(
            part for part in (e.evidence_id, e.kind.value, e.relation.value if e.relation else "") if part
        ),
    ),
    (Field.EVIDENCE_CAPTION, "Caption", True, lambda e: e.caption),
    (Field.EVIDENCE_HASH, "SHA-256", False, lambda e: e.sha256),
    # The camera's clock, with a known zone; whether it fits the claim is in the findings beside it.
    (Field.EVIDENCE_CAPTURE_TIME, "Captured (camera clock)", False, _capture_time),
    (
        Field.EVIDENCE_CAPTURE_PLACE,
        "Capture place",
        True,
        lambda e: e.capture_place.describe() if e.capture_place else "Not verified",
    ),
    (
        Field.EVIDENCE_EXACT_PLACE,
        "Exact capture point",
        False,
        lambda e: e.capture_place.describe_exact() if e.capture_place and not e.sensitive else "",
    ),
    (
        Field.EVIDENCE_FINDINGS,
        "Findings",
        True,
        lambda e: tuple(f"[{f.severity}] {f.rule}: {f.explanation}" for f in e.findings),
    ),
    (Field.EVIDENCE_NOTES, "Notes", True, lambda e: e.notes),
)


def _entries(
    specs: Sequence[tuple[Field, str, bool, Callable[[_T], _Value]]], record: _T
) -> tuple[Entry, ...]:
    out = []
    for field, label, user_text, get in specs:
        value = get(record)
        if isinstance(value, tuple):
            out.append(Entry(field, label, items=value, user_text=user_text))
        else:
            out.append(Entry(field, label, value=value, user_text=user_text))
    return tuple(out)


def project(case: ExportCase, profile: Profile) -> DocumentView:
    """Apply a profile to a case.

    Args:
        case: the case snapshot from the service.
        profile: who the export is for.

    Returns:
        The format-neutral document; every writer renders exactly this.
    """
    claim_specs = tuple(spec for spec in CLAIM_FIELDS if profile.includes(spec[0]))
    source_specs = tuple(spec for spec in SOURCE_FIELDS if profile.includes(spec[0]))
    evidence_specs = (
        tuple(spec for spec in EVIDENCE_FIELDS if profile.includes(spec[0]))
        if profile.includes(Field.EVIDENCE_ITEM)
        else ()
    )
    thumbnails = profile.includes(Field.EVIDENCE_THUMBNAIL) and bool(evidence_specs)
    claims = []
    shown = [c for c in case.claims if c.verdict is not None or not profile.verdict_claims_only]
    for number, claim in enumerate(shown, start=1):
        sources = (
            tuple(
                SourceView(index, _entries(source_specs, source))
                for index, source in enumerate(claim.sources, start=1)
            )
            if source_specs
            else ()
        )
        evidence = (
            tuple(
                EvidenceView(
                    index,
                    item.evidence_id,
                    _entries(evidence_specs, item),
                    item.thumbnail_jpeg if thumbnails else None,
                )
                for index, item in enumerate(claim.evidence, start=1)
            )
            if evidence_specs
            else ()
        )
        claims.append(ClaimView(number, claim.ref, _entries(claim_specs, claim), sources, evidence))
    header: tuple[Entry, ...] = ()
    if profile.includes(Field.CASE_SUMMARY):
        header += (Entry(Field.CASE_SUMMARY, "Summary", value=case.summary, user_text=True),)
    if profile.includes(Field.EXPORT_NOTES) and case.notes:
        header += (Entry(Field.EXPORT_NOTES, "Export notes", items=case.notes),)
    versions = ""
    if profile.includes(Field.VERSIONS):
        versions = "; ".join(
            [f"Source Verifier {case.app_version}"] + [f"{name} {ver}" for name, ver in case.reader_versions]
        )
    return DocumentView(
        profile=profile,
        title=case.title,
        newsroom=case.newsroom,
        generated=f"{case.generated_at:%Y-%m-%d %H:%M} {case.generated_at:%z}".strip(),
        header=header,
        claims=tuple(claims),
        audit=case.audit_summary if profile.includes(Field.AUDIT_SUMMARY) else (),
        versions=versions,
        claim_fields=tuple((spec[0], spec[1]) for spec in claim_specs),
        source_fields=tuple((spec[0], spec[1]) for spec in source_specs),
        evidence_fields=tuple((spec[0], spec[1]) for spec in evidence_specs),
    )
