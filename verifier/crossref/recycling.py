"""Recycling: the same picture received before, from someone else or in another case.

Two submissions show the same picture when their files are identical (same SHA-256) or when
their perceptual hashes are close: pHash within :data:`PHASH_MAX` bits **and** dHash within
:data:`DHASH_MAX` bits of 64. Why these numbers:

- pHash (DCT of a 32x32 grey image) survives re-compression, resizing and messaging-app
  re-encoding with typically 0-4 bits changed; 8 is the threshold its author and most
  near-duplicate studies use. Two unrelated pictures differ in about 32 bits (standard
  deviation 4), so 8 is six standard deviations away for unrelated content.
- dHash (row gradients of a 9x8 image) is cheaper and more sensitive to crops and
  brightness; its re-encoding noise is a little larger, hence 10.
- Requiring both to agree keeps out the remaining false positives of either alone (flat,
  dark or low-texture pictures that pHash crowds together) at the cost of missing heavy crops,
  which the editor finds with ``verifier similar`` at a larger distance.

Frames shot seconds apart of the same scene can also match: the explanation says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from verifier.crossref import _text
from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import ClaimInput, PhotoInput
from verifier.crossref.nearindex import NearDuplicateIndex
from verifier.domain import EvidenceRelation, Source

__all__ = ["DHASH_MAX", "PHASH_MAX", "Copy", "check_recycling", "find_copies"]

PHASH_MAX: Final = 8
"""Largest pHash Hamming distance (of 64 bits) for "the same picture"."""
DHASH_MAX: Final = 10
"""Largest dHash Hamming distance (of 64 bits) for "the same picture"."""
_DATED_RELATIONS: Final = frozenset({EvidenceRelation.SUPPORTS, EvidenceRelation.CHRONOLOCATES})


@dataclass(frozen=True)
class Copy:
    """Another submission of the same picture.

    Attributes:
        photo: That submission.
        identical: True when the files are byte-for-byte the same (same SHA-256).
        phash_distance: pHash Hamming distance, when both hashes are known.
        dhash_distance: dHash Hamming distance, when both hashes are known.
    """

    photo: PhotoInput
    identical: bool
    phash_distance: int | None
    dhash_distance: int | None

    def describe(self) -> str:
        """'the identical file' or 'a near-identical picture (pHash 3 of 64 bits, dHash 5)'.

        Returns:
            Plain language for explanations.
        """
        if self.identical:
            return "the identical file (same SHA-256)"
        parts = [f"pHash differs in {self.phash_distance} of 64 bits"]
        if self.dhash_distance is not None:
            parts.append(f"dHash in {self.dhash_distance}")
        return f"a near-identical picture ({', '.join(parts)})"


def find_copies(
    photos: Sequence[PhotoInput],
    others: Sequence[PhotoInput] = (),
    *,
    phash_max: int = PHASH_MAX,
    dhash_max: int = DHASH_MAX,
    index: NearDuplicateIndex | None = None,
) -> dict[int, tuple[Copy, ...]]:
    """For each photo, the other submissions of the same picture among ``photos`` and ``others``.

    Args:
        photos: The photos to look up (a case's).
        others: Further submissions to search (the rest of the workspace).
        phash_max: pHash threshold (inclusive).
        dhash_max: dHash threshold (inclusive); ignored when either dHash is missing.
        index: A prebuilt pHash index over ``photos`` and ``others`` keyed by evidence id (built
            here when None).

    Returns:
        Evidence id -> copies, earliest received first; photos without copies are absent.
    """
    everyone: dict[int, PhotoInput] = {p.evidence_id: p for p in others}
    everyone.update({p.evidence_id: p for p in photos})
    by_sha: dict[str, list[PhotoInput]] = {}
    for photo in everyone.values():
        by_sha.setdefault(photo.sha256.lower(), []).append(photo)
    if index is None:
        index = NearDuplicateIndex()
        for photo in sorted(everyone.values(), key=lambda p: p.evidence_id):
            if photo.phash is not None:
                index.add(photo.evidence_id, photo.phash)
    result: dict[int, tuple[Copy, ...]] = {}
    # Copies of one file received k times are k * (k - 1) pairs; their Copy records are equal for
    # every photo whose hashes are the same (always, for identical files), so they are shared.
    identical: dict[tuple[int, int | None, int | None], Copy] = {}
    for photo in photos:
        copies: dict[int, Copy] = {}
        for other in by_sha[photo.sha256.lower()]:
            if other.evidence_id != photo.evidence_id:
                key = (
                    other.evidence_id,
                    _distance(photo.phash, other.phash),
                    _distance(photo.dhash, other.dhash),
                )
                copy = identical.get(key)
                if copy is None:
                    copy = identical[key] = Copy(other, True, key[1], key[2])
                copies[other.evidence_id] = copy
        if photo.phash is not None:
            for other_id, distance in index.query(photo.phash, phash_max):
                near = everyone.get(other_id)
                if near is None or other_id == photo.evidence_id or other_id in copies:
                    continue
                dhash = _distance(photo.dhash, near.dhash)
                if dhash is None or dhash <= dhash_max:
                    copies[other_id] = Copy(near, False, distance, dhash)
        if copies:
            result[photo.evidence_id] = tuple(
                sorted(copies.values(), key=lambda c: (c.photo.received_at, c.photo.evidence_id))
            )
    return result


def _distance(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else (a ^ b).bit_count()


def check_recycling(
    photos: Sequence[PhotoInput],
    claims: Sequence[ClaimInput] = (),
    sources: Sequence[Source] = (),
    workspace_photos: Sequence[PhotoInput] = (),
    *,
    copies: Mapping[int, tuple[Copy, ...]] | None = None,
) -> list[Finding]:
    """Report pictures received more than once, and pictures older than the claims they support.

    Args:
        photos: The case's photos.
        claims: The case's claims (for "the picture existed before the event").
        sources: Sources, to name submitters by alias.
        workspace_photos: Submissions of the workspace's other cases.
        copies: Precomputed :func:`find_copies` (the engine shares it with corroboration).

    Returns:
        Findings: photos in id order, then claim links.
    """
    if copies is None:
        copies = find_copies(photos, workspace_photos)
    aliases = {s.id: s.alias for s in sources}
    findings: list[Finding] = []
    by_id = {p.evidence_id: p for p in photos}
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        found = copies.get(photo.evidence_id)
        if found:
            findings += _copies_finding(photo, found, aliases)
    for claim in sorted(claims, key=lambda c: c.id):
        interval = claim.claim.when
        if interval is None:
            continue
        for link in sorted(claim.evidence, key=lambda link: (link.evidence_id, link.relation.value)):
            linked = by_id.get(link.evidence_id)
            if linked is None or link.relation not in _DATED_RELATIONS:
                continue
            photo = linked
            first = min(
                [photo, *(c.photo for c in copies.get(photo.evidence_id, ()))],
                key=lambda p: (p.received_at, p.evidence_id),
            )
            if first.received_at < interval.start:
                early = interval.start - first.received_at
                which = "it" if first is photo else f"the same picture ({first.label}{_where(first, photo)})"
                finding = Finding(
                    "recycling.predates_claim",
                    Severity.CONFLICT,
                    (photo.subject, claim.subject, *([first.subject] if first is not photo else [])),
                    f"{photo.label} is linked to {claim.label} as '{link.relation.value}', but the newsroom "
                    f"received {which} on {_text.day(first.received_at)}, {_text.duration(early)} before the "
                    f"claimed period begins ({_text.utc(interval.start)}). A picture cannot show an event "
                    "that had not happened yet: it is older material, or the claim's dates are wrong.",
                    {
                        "first_evidence_id": first.evidence_id,
                        "first_received_at": first.received_at.isoformat(),
                        "claim_start_utc": interval.start.isoformat(),
                        "days_before": round(early.total_seconds() / 86400, 1),
                    },
                )
                findings.append(finding)
    return findings


def _where(other: PhotoInput, photo: PhotoInput) -> str:
    return "" if other.case_id == photo.case_id else f", case #{other.case_id}"


def _who(source_id: int | None, aliases: Mapping[int, str]) -> str:
    if source_id is None:
        return "an unknown submitter"
    return aliases.get(source_id, f"source #{source_id}")


def _copies_finding(
    photo: PhotoInput, copies: Sequence[Copy], aliases: Mapping[int, str]
) -> Iterable[Finding]:
    first = copies[0]
    earlier = [
        c
        for c in copies
        if (c.photo.received_at, c.photo.evidence_id) < (photo.received_at, photo.evidence_id)
    ]
    other_cases = sorted({c.photo.case_id for c in copies if c.photo.case_id != photo.case_id})
    subjects = (photo.subject, *(c.photo.subject for c in copies))
    numbers: dict[str, Number] = {
        "copies": len(copies),
        "first_evidence_id": first.photo.evidence_id,
        "first_received_at": first.photo.received_at.isoformat(),
        "first_submitted_by": first.photo.submitted_by,
        "first_case_id": first.photo.case_id,
        "identical": first.identical,
        "phash_distance": first.phash_distance,
        "dhash_distance": first.dhash_distance,
        "other_cases": ", ".join(f"#{case}" for case in other_cases) or None,
    }
    same_scene = "" if first.identical else " (or a frame shot moments apart of the same scene)"
    if earlier:
        sender_id = first.photo.submitted_by
        same_sender = sender_id is not None and sender_id == photo.submitted_by
        if same_sender:
            sender = f"the same submitter ({_who(sender_id, aliases)})"
        elif sender_id is not None:
            sender = f"{_who(sender_id, aliases)} (another submitter)"
        else:
            sender = "an unknown submitter"
        in_case = (
            f"in case #{first.photo.case_id}" if first.photo.case_id != photo.case_id else "in this case"
        )
        yield Finding(
            "recycling.seen_before",
            Severity.INFO if same_sender else Severity.WARNING,
            subjects,
            f"This picture was already received on {_text.day(first.photo.received_at)} from {sender} "
            f"{in_case}: {first.photo.label} is {first.describe()}{same_scene}. {photo.label} arrived "
            f"{_text.duration(photo.received_at - first.photo.received_at)} later, on "
            f"{_text.day(photo.received_at)}, from {_who(photo.submitted_by, aliases)}. "
            f"{_text.plural(len(copies) + 1, 'submission')} of it in all.",
            numbers,
        )
    else:
        later = copies[0]
        yield Finding(
            "recycling.received_again",
            Severity.INFO,
            subjects,
            f"{photo.label} was received first, on {_text.day(photo.received_at)}; {later.photo.label} "
            f"({_who(later.photo.submitted_by, aliases)}, {_text.day(later.photo.received_at)}"
            f"{_where(later.photo, photo)}) is {later.describe()}{same_scene}. "
            f"{_text.plural(len(copies) + 1, 'submission')} of it in all.",
            numbers,
        )
