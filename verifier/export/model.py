"""What the export service hands the export core: frozen snapshots of one case, ready to publish.

The service gathers these from the database (claims with their facets, sources, evidence,
corroboration, findings, the audit summary) and decides the *publication precision* of every
place before anything reaches this package. Some fields exist only so that the leak guard can
make sure they do **not** appear in any output: an evidence item's original file name and device
serial numbers, the exact point of a sensitive place, a source's leak-guard subject. No writer
renders them; the guard looks for them.

Sequences are tuples so that the snapshots stay hashable and immutable across threads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from verifier.domain.enums import (
    Anonymity,
    Audience,
    ClaimStatus,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    PlacePrecision,
    SourceKind,
    Verdict,
)
from verifier.domain.values import Credibility, GeoPoint, Interval, Quantity, SourceReliability
from verifier.errors import InvalidInput

__all__ = [
    "MAX_SENSITIVE_DECIMALS",
    "ExportAppearance",
    "ExportCase",
    "ExportClaim",
    "ExportEvidence",
    "ExportFinding",
    "ExportPlace",
    "ExportSource",
    "anonymity_in_words",
    "identity_in_words",
    "status_in_words",
    "verdict_in_words",
]

# A sensitive place may be published to 0.001 deg (about 110 m) at most; the leak guard treats
# four decimals or more of its exact coordinates as a leak.
MAX_SENSITIVE_DECIMALS = 3

_VERDICT_WORDS = {
    Verdict.VERIFIED: "Verified",
    Verdict.PARTLY_VERIFIED: "Partly verified",
    Verdict.UNSUBSTANTIATED: "Unsubstantiated",
    Verdict.FALSE: "False",
    Verdict.NOT_CHECKABLE: "Cannot be checked",
}
_STATUS_WORDS = {
    ClaimStatus.UNVERIFIED: "Unverified",
    ClaimStatus.IN_PROGRESS: "Verification in progress",
    ClaimStatus.CORROBORATED: "Corroborated",
    ClaimStatus.CONTRADICTED: "Contradicted",
}
_ANONYMITY_WORDS = {
    Anonymity.ON_RECORD: "On the record (named)",
    Anonymity.BACKGROUND: "Named on background (attributed by position, not by name)",
    Anonymity.ANONYMOUS: "Anonymous (described only, never named)",
    Anonymity.CONFIDENTIAL: "Confidential (identity known only to named editors)",
}
_IDENTITY_WORDS = {
    IdentityState.NONE: "No editor has recorded knowing the identity",
    IdentityState.ATTESTED: "Editors attest that they know the identity (not stored)",
    IdentityState.SEALED: "An editor knows the identity; it is sealed (encrypted) in the newsroom",
    IdentityState.SHREDDED: "The identity record was destroyed (crypto-shredded)",
}


def verdict_in_words(verdict: Verdict) -> str:
    """Return the verdict as readers see it ("Partly verified").

    Args:
        verdict: the editor's verdict.

    Returns:
        The wording used in every format, and as ClaimReview's ``alternateName``.
    """
    return _VERDICT_WORDS[verdict]


def status_in_words(status: ClaimStatus) -> str:
    """Return the working status in words.

    Args:
        status: the claim's status.

    Returns:
        The wording shown in documents.
    """
    return _STATUS_WORDS[status]


def anonymity_in_words(anonymity: Anonymity) -> str:
    """Return the attribution terms in words.

    Args:
        anonymity: the agreed terms.

    Returns:
        The wording shown in documents.
    """
    return _ANONYMITY_WORDS[anonymity]


def identity_in_words(state: IdentityState) -> str:
    """Say whether an editor knows a source's identity, without saying anything about it.

    Args:
        state: what the newsroom holds of the identity.

    Returns:
        The wording shown in documents.
    """
    return _IDENTITY_WORDS[state]


@dataclass(frozen=True)
class ExportPlace:
    """A place as it may be published, plus (for the guard and the internal profile) the exact point.

    Attributes:
        label: the place in words at publication precision ("Makhmour district", "near Ali Rash").
        precision: how precisely the *published* form locates it.
        latitude: published latitude, already rounded to ``decimals``; None to publish no numbers.
        longitude: published longitude, already rounded to ``decimals``.
        decimals: how many decimals the published coordinates keep (2 = 0.01 deg, about 1.1 km).
        exact: the exact point as recorded. Never rendered for a sensitive place; the leak guard
            looks for it in every output.
        sensitive: the exact point must not leave the newsroom (a source's home, a hiding place).
    """

    label: str
    precision: PlacePrecision | None = None
    latitude: float | None = None
    longitude: float | None = None
    decimals: int | None = None
    exact: GeoPoint | None = None
    sensitive: bool = False

    def __post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise InvalidInput("A published place needs both a latitude and a longitude, or neither.")
        if self.latitude is not None and self.longitude is not None:
            if self.decimals is None or self.decimals < 0:
                raise InvalidInput("Published coordinates need the number of decimals they keep.")
            if self.sensitive and self.decimals > MAX_SENSITIVE_DECIMALS:
                raise InvalidInput(
                    f"A sensitive place may be published to {MAX_SENSITIVE_DECIMALS} decimals at most "
                    f"(about 110 m), not {self.decimals}."
                )
            for value in (self.latitude, self.longitude):
                if not math.isfinite(value) or round(value, self.decimals) != value:
                    raise InvalidInput(
                        f"Published coordinates must already be rounded to {self.decimals} decimals."
                    )

    @classmethod
    def published(
        cls,
        label: str,
        *,
        exact: GeoPoint | None,
        decimals: int | None,
        precision: PlacePrecision | None = None,
        sensitive: bool = False,
    ) -> ExportPlace:
        """Build a place at publication precision from its exact point.

        Args:
            label: the place in words (a locality or district name when coordinates are withheld).
            exact: the recorded point, or None.
            decimals: decimals of the published coordinates (2 -> 0.01 deg); None to publish
                the label only.
            precision: the precision the published form has.
            sensitive: whether the exact point must never leave the newsroom.

        Returns:
            The place; coordinates rounded half away from zero's float approximation by ``round``.
        """
        if exact is None or decimals is None:
            return cls(label, precision, exact=exact, sensitive=sensitive)
        return cls(
            label,
            precision,
            latitude=round(exact.latitude, decimals),
            longitude=round(exact.longitude, decimals),
            decimals=decimals,
            exact=exact,
            sensitive=sensitive,
        )

    def describe(self) -> str:
        """Return the published place in words and (rounded) numbers; never the exact point."""
        parts = [self.label] if self.label else []
        if self.latitude is not None and self.longitude is not None and self.decimals is not None:
            step = f"{10.0**-self.decimals:.{self.decimals}f}" if self.decimals else "1"
            parts.append(
                f"{self.latitude:.{self.decimals}f}, {self.longitude:.{self.decimals}f} (to {step}°)"
            )
        if self.precision is not None:
            parts.append(f"precision: {self.precision.value}")
        return " · ".join(parts)

    def describe_exact(self) -> str:
        """Return the exact point (internal profile, non-sensitive places only), or ""."""
        if self.exact is None or self.sensitive:
            return ""
        return f"{self.exact.latitude:.6f}, {self.exact.longitude:.6f}"


@dataclass(frozen=True)
class ExportFinding:
    """One cross-reference finding about an evidence item."""

    rule: str
    severity: str
    explanation: str


@dataclass(frozen=True)
class ExportSource:
    """A source as exports may describe it: alias, agreed description and terms, never the identity.

    Attributes:
        alias: the pseudonym (public by design: it is what the story calls the source).
        public_description: the agreed description ("a Kurdish resident of Makhmour in his twenties").
        kind: eyewitness, official...
        anonymity: the attribution terms.
        anonymous_from: whom the identity is kept from.
        reason_granted: why the newsroom granted anonymity.
        identity_state: what the newsroom holds of the identity (nothing, attested, sealed, shredded).
        attesting_editors: how many editors attest that they know the identity.
        reliability: the current Admiralty grade A-F, if graded.
        guard_subject: the subject of the source's identity fingerprints
            (``verifier.sealing.source_subject(id)``); used by the leak guard, never rendered.
    """

    alias: str
    public_description: str
    kind: SourceKind
    anonymity: Anonymity
    anonymous_from: tuple[Audience, ...] = ()
    reason_granted: str = ""
    identity_state: IdentityState = IdentityState.NONE
    attesting_editors: int = 0
    reliability: SourceReliability | None = None
    guard_subject: str | None = None

    @property
    def protected(self) -> bool:
        """True when no export may ever identify this source."""
        return self.anonymity.is_protected

    def terms_in_words(self) -> str:
        """Return the anonymity terms, and whom they protect from, in words."""
        words = anonymity_in_words(self.anonymity)
        if self.anonymous_from:
            words += "; kept from: " + ", ".join(a.value for a in self.anonymous_from)
        return words

    def identity_known_in_words(self) -> str:
        """Return whether an editor knows the identity, in words (never the identity)."""
        words = identity_in_words(self.identity_state)
        if self.attesting_editors:
            plural = "s" if self.attesting_editors != 1 else ""
            words += f" ({self.attesting_editors} attesting editor{plural})"
        return words


@dataclass(frozen=True)
class ExportEvidence:
    """An evidence item linked to a claim, as exports may show it.

    Attributes:
        evidence_id: the display id ("E-12"); also names its sanitized copy file.
        sha256: the original file's SHA-256 (hex).
        kind: photo, video...
        relation: how it bears on the claim (supports, contradicts...).
        caption: the caption written for publication.
        captured_utc: the verified capture instant (aware, UTC), if verified.
        captured_local: the camera's wall-clock time of that instant (naive), if known.
        capture_offset: the UTC offset of the local time ("+03:00").
        capture_place: where it was taken, at publication precision.
        findings: cross-reference findings about it.
        sensitive: the item is sensitive: its exact coordinates must never leave the newsroom.
        notes: internal notes (internal profile only).
        thumbnail_jpeg: a sanitized thumbnail (see :func:`verifier.export.sanitize.sanitized_thumbnail`).
        original_name: the submitted file's name: guard-only, never rendered.
        device_serials: body and lens serial numbers, ImageUniqueID: guard-only, never rendered.
    """

    evidence_id: str
    sha256: str
    kind: EvidenceKind
    relation: EvidenceRelation | None = None
    caption: str = ""
    captured_utc: datetime | None = None
    captured_local: datetime | None = None
    capture_offset: str | None = None
    capture_place: ExportPlace | None = None
    findings: tuple[ExportFinding, ...] = ()
    sensitive: bool = False
    notes: str = ""
    thumbnail_jpeg: bytes | None = field(default=None, repr=False)
    original_name: str = ""
    device_serials: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.captured_utc is not None and self.captured_utc.tzinfo is None:
            raise InvalidInput(f"Evidence {self.evidence_id}: the UTC capture time needs a time zone.")

    @property
    def sensitive_point(self) -> GeoPoint | None:
        """The exact point the leak guard must keep out of every output, if any."""
        place = self.capture_place
        if place is None or place.exact is None:
            return None
        return place.exact if (self.sensitive or place.sensitive) else None


@dataclass(frozen=True)
class ExportAppearance:
    """A work in which the claim appeared (a post, an article, a broadcast)."""

    url: str
    title: str = ""
    published: date | None = None
    public: bool = True  # only public appearances may be cited in ClaimReview


@dataclass(frozen=True)
class ExportClaim:
    """One claim with everything any profile may show about it.

    Attributes:
        ref: the claim's display reference ("C-17").
        statement: the claim as checked.
        status: the working status.
        verdict: the editor's verdict, if decided.
        rationale: the verdict's rationale (internal reasoning: legal and internal profiles).
        credibility: the Admiralty credibility 1-6.
        credibility_rationale: why that grade (internal).
        when: when it happened, as an interval with its precision.
        where: where it happened, at publication precision.
        quantities: counts as ranges.
        supporting_origins: how many independent origins support it.
        contradicting_origins: how many independent origins contradict it.
        corroboration: the corroboration explanation ("two witnesses, friends: one origin").
        sources: its sources.
        evidence: its evidence items.
        discrepancies: texts of findings that disagree with the claim.
        appearances: where the claim appeared (ClaimReview's ``appearance``).
        review_url: the published fact check's URL, when known.
        reviewed_on: the fact check's publication date, when published.
    """

    ref: str
    statement: str
    status: ClaimStatus
    verdict: Verdict | None = None
    rationale: str = ""
    credibility: Credibility | None = None
    credibility_rationale: str = ""
    when: Interval | None = None
    where: ExportPlace | None = None
    quantities: tuple[Quantity, ...] = ()
    supporting_origins: int = 0
    contradicting_origins: int = 0
    corroboration: str = ""
    sources: tuple[ExportSource, ...] = ()
    evidence: tuple[ExportEvidence, ...] = ()
    discrepancies: tuple[str, ...] = ()
    appearances: tuple[ExportAppearance, ...] = ()
    review_url: str = ""
    reviewed_on: date | None = None


@dataclass(frozen=True)
class ExportCase:
    """A case (or a chosen set of its claims) ready to export.

    Attributes:
        title: the case title.
        summary: the case summary.
        newsroom: the newsroom's name (ClaimReview author, from settings).
        newsroom_url: the newsroom's web address, when known.
        generated_at: when the export was made (aware).
        app_version: the app's version.
        reader_versions: (reader, version) pairs of the metadata readers used.
        claims: the claims, in document order.
        audit_summary: lines summarising the audit log for these claims.
        notes: notes about the export itself, e.g. which protected sources' identities the leak
            guard had nothing to compare with (partner, legal and internal profiles).
    """

    title: str
    summary: str
    newsroom: str
    generated_at: datetime
    app_version: str
    claims: tuple[ExportClaim, ...]
    newsroom_url: str = ""
    reader_versions: tuple[tuple[str, str], ...] = ()
    audit_summary: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.generated_at.tzinfo is None:
            raise InvalidInput("The export time needs a time zone.")

    def sources(self) -> list[ExportSource]:
        """Every distinct source of the case's claims, in first-appearance order."""
        seen: dict[ExportSource, None] = {}
        for claim in self.claims:
            for source in claim.sources:
                seen.setdefault(source, None)
        return list(seen)
