"""schema.org ClaimReview (JSON-LD) for the claims that have a verdict.

Shape, following schema.org and Google's "Fact check (ClaimReview)" structured-data guide:
``claimReviewed`` (the statement), ``reviewRating`` (a Rating whose ``alternateName`` is the
verdict in words, plus ``ratingValue`` on a 1-5 scale with ``bestRating``/``worstRating``),
``author`` (the newsroom, an Organization), ``datePublished``, ``itemReviewed`` (a Claim with
``appearance`` = the *public* appearances only, ``firstAppearance``, and an ``author`` only
when that author is an on-the-record source) and ``url`` when the fact check's address is known.

A claim's author is never an anonymous or background source: naming who made a claim would
name the source. "Cannot be checked" has no place on a true/false scale, so it carries the
``alternateName`` only.
"""

from __future__ import annotations

import json
from typing import Any

from verifier.domain.enums import Anonymity, Verdict
from verifier.export.model import ExportCase, ExportClaim, verdict_in_words

__all__ = [
    "BEST_RATING",
    "WORST_RATING",
    "claimreview_objects",
    "google_eligibility_problems",
    "render_claimreview",
]

BEST_RATING = 5
WORST_RATING = 1
_RATING_VALUE: dict[Verdict, int] = {
    Verdict.FALSE: 1,
    Verdict.UNSUBSTANTIATED: 2,
    Verdict.PARTLY_VERIFIED: 3,
    Verdict.VERIFIED: 5,
}
# Google advises keeping claimReviewed short so it does not wrap on phones.
_SHORT_CLAIM = 75


def _claim_object(case: ExportCase, claim: ExportClaim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    public = sorted(
        (a for a in claim.appearances if a.public),
        key=lambda a: (a.published is None, a.published.isoformat() if a.published else ""),
    )
    if public:
        item["appearance"] = [
            {
                "@type": "CreativeWork",
                "url": a.url,
                **({"headline": a.title} if a.title else {}),
                **({"datePublished": a.published.isoformat()} if a.published else {}),
            }
            for a in public
        ]
        first = public[0]
        item["firstAppearance"] = {"@type": "CreativeWork", "url": first.url}
        if first.published is not None:
            item["datePublished"] = first.published.isoformat()
    on_record = [s for s in claim.sources if s.anonymity is Anonymity.ON_RECORD]
    if on_record:
        authors = [{"@type": "Person", "name": s.alias} for s in on_record]
        item["author"] = authors[0] if len(authors) == 1 else authors
    return item


def _review(case: ExportCase, claim: ExportClaim, verdict: Verdict) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict_in_words(verdict)}
    value = _RATING_VALUE.get(verdict)
    if value is not None:
        rating.update({"ratingValue": value, "bestRating": BEST_RATING, "worstRating": WORST_RATING})
    author: dict[str, Any] = {"@type": "Organization", "name": case.newsroom}
    if case.newsroom_url:
        author["url"] = case.newsroom_url
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.statement,
        "reviewRating": rating,
        "author": author,
        "datePublished": (claim.reviewed_on or case.generated_at.date()).isoformat(),
        "itemReviewed": _claim_object(case, claim),
    }
    if claim.review_url:
        review["url"] = claim.review_url
    return review


def claimreview_objects(case: ExportCase) -> list[dict[str, Any]]:
    """Build one ClaimReview per claim with a verdict.

    Args:
        case: the case.

    Returns:
        JSON-LD objects in claim order; claims without a verdict are left out.
    """
    return [_review(case, claim, claim.verdict) for claim in case.claims if claim.verdict is not None]


def render_claimreview(case: ExportCase) -> str:
    """Render the ClaimReview JSON-LD file: an array of ClaimReview objects.

    Args:
        case: the case.

    Returns:
        Pretty-printed JSON (UTF-8 text, non-ASCII kept as is).
    """
    return json.dumps(claimreview_objects(case), ensure_ascii=False, indent=2) + "\n"


def google_eligibility_problems(review: dict[str, Any]) -> list[str]:
    """Say why a ClaimReview would not show as a fact-check rich result (Google's required fields).

    Args:
        review: one object from :func:`claimreview_objects`.

    Returns:
        Problems in words; empty when the required properties are present.
    """
    problems = []
    if not review.get("url"):
        problems.append("no url: Google requires the address of the published fact check")
    if not review.get("claimReviewed"):
        problems.append("no claimReviewed")
    elif len(review["claimReviewed"]) > _SHORT_CLAIM:
        problems.append(f"claimReviewed is longer than {_SHORT_CLAIM} characters (wraps on phones)")
    if not review.get("reviewRating", {}).get("alternateName"):
        problems.append("no reviewRating.alternateName")
    return problems
