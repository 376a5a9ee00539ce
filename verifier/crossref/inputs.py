"""What the cross-reference service hands to the rules: frozen snapshots, nothing live.

Rules never read files or the database (ARCHITECTURE.md): the service gathers these inputs in
one unit of work and passes them in, so every rule is a pure function, fast and testable alone.
Records that exist in the domain are passed as they are (:class:`~verifier.domain.Claim`,
:class:`~verifier.domain.Place`, :class:`~verifier.domain.Source`,
:class:`~verifier.domain.SourceRelationship`); the dataclasses here add only what a rule needs
from several tables at once (a photo's summary, file facts and fingerprints; a claim's links).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from verifier.domain import (
    Claim,
    ClaimRelation,
    EvidenceRelation,
    Place,
    Source,
    SourceRelationship,
    TestimonyRelation,
)
from verifier.intake.summary import PhotoSummary

__all__ = [
    "CaseInputs",
    "ClaimInput",
    "LinkedClaim",
    "LinkedEvidence",
    "LinkedTestimony",
    "NearbyName",
    "PhotoInput",
]


@dataclass(frozen=True)
class NearbyName:
    """A named place near a photo's GPS point, precomputed by the service.

    The service gets these from ``verifier.services.places.nearest_named_places`` (gazetteer
    first, then the offline world towns); rules only mention them.

    Attributes:
        name: The place's name.
        distance_m: Geodesic distance from the photo's GPS point, metres.
        origin: "gazetteer" or "world towns".
    """

    name: str
    distance_m: float
    origin: str = "gazetteer"


@dataclass(frozen=True)
class PhotoInput:
    """One photo submission: provenance, normalized metadata, file facts and fingerprints.

    Attributes:
        evidence_id: The evidence record's id.
        case_id: The case the submission belongs to.
        sha256: SHA-256 of the file's bytes (hex).
        received_at: When the newsroom received it (aware, UTC).
        submitted_by: The submitting source's id, or None when unknown.
        summary: The normalized metadata (intake's :class:`PhotoSummary`).
        width: Pixel width of the main image as stored (before EXIF orientation).
        height: Pixel height as stored.
        jpeg_quality: libjpeg-equivalent quality estimated from the quantization tables.
        jpeg_quality_exact: True when the tables are exactly libjpeg's for that quality.
        thumbnail_width: Width of the embedded EXIF (IFD1) thumbnail, when readable.
        thumbnail_height: Its height.
        exif_pixel_width: ExifIFD PixelXDimension (0xA002): the size the camera wrote, which
            editors that crop or resize often leave unchanged. None when absent.
        exif_pixel_height: ExifIFD PixelYDimension (0xA003).
        thumbnail_phash: 64-bit pHash of the embedded thumbnail, when the service computed one
            (optional: it lets the editing rule see a preview that shows another picture).
        phash: 64-bit pHash of the upright 256-px derivative, or None.
        dhash: 64-bit dHash of the same derivative, or None.
        nearby_places: Named places nearest the GPS point, nearest first (may be empty).
    """

    evidence_id: int
    case_id: int
    sha256: str
    received_at: datetime
    submitted_by: int | None
    summary: PhotoSummary
    width: int | None = None
    height: int | None = None
    jpeg_quality: int | None = None
    jpeg_quality_exact: bool | None = None
    thumbnail_width: int | None = None
    thumbnail_height: int | None = None
    exif_pixel_width: int | None = None
    exif_pixel_height: int | None = None
    thumbnail_phash: int | None = None
    phash: int | None = None
    dhash: int | None = None
    nearby_places: tuple[NearbyName, ...] = ()

    @property
    def subject(self) -> tuple[str, int]:
        """("evidence", id), for a finding's subjects."""
        return ("evidence", self.evidence_id)

    @property
    def label(self) -> str:
        """How explanations name the photo: "photo #12"."""
        return f"photo #{self.evidence_id}"


@dataclass(frozen=True)
class LinkedEvidence:
    """A claim-evidence link as a rule needs it.

    Attributes:
        evidence_id: The linked evidence item.
        relation: How it bears on the claim (supports, contradicts, geolocates...).
        submitted_by: Its submitter's source id, or None when unknown. Needed for evidence that
            is not a photo (documents, audio); for photos, :attr:`PhotoInput.submitted_by` is used
            when the photo is among the inputs.
    """

    evidence_id: int
    relation: EvidenceRelation
    submitted_by: int | None = None


@dataclass(frozen=True)
class LinkedClaim:
    """A claim-claim link seen from one of its two claims.

    Attributes:
        other_claim_id: The claim at the other end.
        relation: The recorded relation.
        outgoing: True when this claim is the link's ``claim_id`` (it matters only for the
            one directed relation, "more specific than": A more specific than B).
    """

    other_claim_id: int
    relation: ClaimRelation
    outgoing: bool = True


@dataclass(frozen=True)
class LinkedTestimony:
    """A claim-testimony link with the testimony's source.

    Attributes:
        testimony_id: The testimony.
        source_id: Who gave it.
        relation: Whether it asserts or denies the claim.
    """

    testimony_id: int
    source_id: int
    relation: TestimonyRelation


@dataclass(frozen=True)
class ClaimInput:
    """A claim with its place and its links.

    Attributes:
        claim: The claim record.
        place: Its gazetteer place when ``claim.place_id`` is set (None otherwise).
        evidence: Linked evidence items.
        claims: Linked claims, in either direction (a link may appear on both claims).
        testimonies: Linked testimonies with their sources.
    """

    claim: Claim
    place: Place | None = None
    evidence: tuple[LinkedEvidence, ...] = ()
    claims: tuple[LinkedClaim, ...] = ()
    testimonies: tuple[LinkedTestimony, ...] = ()

    @property
    def id(self) -> int:
        """The claim's id."""
        return self.claim.id

    @property
    def subject(self) -> tuple[str, int]:
        """("claim", id), for a finding's subjects."""
        return ("claim", self.claim.id)

    @property
    def label(self) -> str:
        """How explanations name the claim: 'claim #5 ("ISIS fighters roam ...")'."""
        statement = self.claim.statement.strip()
        if len(statement) > 60:
            statement = statement[:57].rstrip() + "..."
        return f'claim #{self.claim.id} ("{statement}")' if statement else f"claim #{self.claim.id}"


@dataclass(frozen=True)
class CaseInputs:
    """Everything :func:`verifier.crossref.engine.run_all` needs for one case.

    Attributes:
        case_id: The case being checked.
        photos: The case's photo submissions.
        claims: The case's claims with their links.
        sources: Every source the rules may name: the case's sources and the submitters of
            ``workspace_photos`` (for "already received from ...").
        relationships: Recorded relationships between those sources.
        gazetteer: Every gazetteer place (for fuzzy suggestions of unmatched place names).
        workspace_photos: Photo submissions of the workspace's *other* cases, for the
            recycling rule only (their summaries may be empty: only sha256, hashes,
            received_at, submitted_by and case_id are used).
    """

    case_id: int
    photos: tuple[PhotoInput, ...] = ()
    claims: tuple[ClaimInput, ...] = ()
    sources: tuple[Source, ...] = ()
    relationships: tuple[SourceRelationship, ...] = ()
    gazetteer: tuple[Place, ...] = ()
    workspace_photos: tuple[PhotoInput, ...] = field(default=())
