"""Place rules: is the photo's GPS position where the claim says, and does the claim's place exist?

Distances are geodesic on the WGS84 ellipsoid (:meth:`verifier.domain.GeoPoint.distance_m`).
A claimed place is a point with a precision; each precision stands for a radius around the
point within which a photo still counts as "there" (:data:`PRECISION_RADIUS_M`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from verifier.crossref import _text
from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import ClaimInput, NearbyName, PhotoInput
from verifier.domain import EvidenceRelation, GeoPoint, Place, PlacePrecision
from verifier.text import fold

__all__ = [
    "PRECISION_RADIUS_M",
    "SHARED_NAME_MIN",
    "SUGGEST_MIN_SCORE",
    "ClaimedPlace",
    "check_place",
    "claimed_place",
    "suggest_names",
]

PRECISION_RADIUS_M: Final = {
    # A spot named to the building or field: consumer GPS is good to 5-20 m, and a point picked on
    # a map is off by tens of metres more.
    PlacePrecision.EXACT: 100.0,
    # "Near the village of Ali Rash": a village and the fields, wadis and roads around it that
    # people walk to and still call by its name; villages here are under 1 km across.
    PlacePrecision.VICINITY: 2_000.0,
    # A town and its outskirts, or a named valley: Makhmour town is about 4 km across, and
    # "in Makhmour" is said of the checkpoints and quarries around it.
    PlacePrecision.LOCALITY: 10_000.0,
    # A district, a mountain range or a plain: the Qarachogh range is about 40 km long.
    PlacePrecision.REGION: 50_000.0,
}
"""The distance from a place's point within which a photo counts as taken there."""
SUGGEST_MIN_SCORE: Final = 70.0
"""rapidfuzz WRatio (0-100) above which a gazetteer name is offered for an unmatched one.
Lower than the 85 the gazetteer uses to refuse a near-duplicate place: here it only suggests."""
SHARED_NAME_MIN: Final = 20
"""Claims naming the same unmatched place from which one finding speaks for all of them.

Below it each claim gets its own "place name not in the gazetteer" finding. A large case can have
tens of thousands of claims naming a dozen places typed as text: one finding per claim would bury
the other findings under identical ones, while the editor's fix is one per name (add the place,
or link the claims to it). The grouped finding names every claim as a subject, so each claim
still shows it, and says how many claims it covers."""
_FAR_FACTOR: Final = 2.0
_PLACED_RELATIONS: Final = frozenset(
    {EvidenceRelation.SUPPORTS, EvidenceRelation.GEOLOCATES, EvidenceRelation.CHRONOLOCATES}
)


@dataclass(frozen=True)
class ClaimedPlace:
    """Where a claim places its event, as a point and a tolerance.

    Attributes:
        name: The place's name.
        point: Its coordinates.
        precision: The coarser of the place's precision and the claim's own.
        radius_m: :data:`PRECISION_RADIUS_M` for that precision.
    """

    name: str
    point: GeoPoint
    precision: PlacePrecision
    radius_m: float


def _coarser(a: PlacePrecision, b: PlacePrecision | None) -> PlacePrecision:
    if b is None:
        return a
    return a if PRECISION_RADIUS_M[a] >= PRECISION_RADIUS_M[b] else b


def claimed_place(claim: ClaimInput) -> ClaimedPlace | None:
    """The claim's place as a point with a tolerance.

    The tolerance is the larger of two radii: the gazetteer place's precision (how well its
    coordinates locate it) and the claim's own place precision (how precisely the witness
    located the event: "near Ali Rash" is vicinity even if Ali Rash's point is exact).

    Args:
        claim: The claim.

    Returns:
        The place, or None when the claim has no place with coordinates.
    """
    place = claim.place
    if place is None or place.latitude is None or place.longitude is None:
        return None
    precision = _coarser(place.precision, claim.claim.place_precision)
    return ClaimedPlace(
        place.name, GeoPoint(place.latitude, place.longitude), precision, PRECISION_RADIUS_M[precision]
    )


def photo_point(photo: PhotoInput) -> GeoPoint | None:
    """The photo's GPS position, when it has one.

    Args:
        photo: The photo.

    Returns:
        A point, or None.
    """
    summary = photo.summary
    if summary.gps_latitude is None or summary.gps_longitude is None:
        return None
    return GeoPoint(summary.gps_latitude, summary.gps_longitude)


def suggest_names(
    name: str, gazetteer: Sequence[Place], *, limit: int = 3, min_score: float = SUGGEST_MIN_SCORE
) -> list[tuple[Place, str, float]]:
    """Gazetteer places whose name or an alias is close to ``name``, best first.

    Names are folded (case, diacritics, Arabic-script letter variants) and compared with
    rapidfuzz's WRatio, as the gazetteer's own matching does.

    Args:
        name: The unmatched name.
        gazetteer: Every place.
        limit: At most this many places.
        min_score: The WRatio cut-off (0-100).

    Returns:
        (place, the name or alias that matched, score) triples.
    """
    return _Suggestions(gazetteer).of(name, limit=limit, min_score=min_score)


class _Suggestions:
    """The gazetteer's names folded once, and the suggestions for each name asked, remembered.

    A case's claims repeat a few place names (a large case had 90,000 claims naming 16 places as
    text): folding every gazetteer name again for each claim took most of the place rules' time.
    """

    def __init__(self, gazetteer: Sequence[Place]) -> None:
        self._candidates = [(text, place) for place in gazetteer for text in (place.name, *place.aliases)]
        self._folded = [fold(text) for text, _ in self._candidates]
        self._found: dict[tuple[str, int, float], list[tuple[Place, str, float]]] = {}

    def of(
        self, name: str, *, limit: int = 3, min_score: float = SUGGEST_MIN_SCORE
    ) -> list[tuple[Place, str, float]]:
        folded = fold(name).strip()
        if not folded:
            return []
        key = (folded, limit, min_score)
        if key not in self._found:
            scored = process.extract(
                folded, self._folded, scorer=fuzz.WRatio, score_cutoff=min_score, limit=None
            )
            best: dict[int, tuple[Place, str, float]] = {}
            for _, score, index in scored:
                text, place = self._candidates[index]
                if place.id not in best or best[place.id][2] < score:
                    best[place.id] = (place, text, float(score))
            self._found[key] = sorted(best.values(), key=lambda item: (-item[2], item[0].id))[:limit]
        return list(self._found[key])


def check_place(
    photos: Sequence[PhotoInput], claims: Sequence[ClaimInput], gazetteer: Sequence[Place] = ()
) -> list[Finding]:
    """Run every place rule.

    Per claim-photo link: the photo's GPS distance from the claimed place against the place's
    tolerance. Per claim: a place name that matches no gazetteer place, with suggestions (one
    finding for all the claims typing the same name when there are :data:`SHARED_NAME_MIN` or
    more of them). Per photo with GPS: the nearest named places, when the service supplied them.

    Args:
        photos: The case's photos.
        claims: The case's claims.
        gazetteer: Every gazetteer place.

    Returns:
        Findings: photos in id order, then claims in id order.
    """
    findings: list[Finding] = []
    by_id = {p.evidence_id: p for p in photos}
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        point = photo_point(photo)
        if point is not None and photo.nearby_places:
            findings.append(
                Finding(
                    "place.nearest_names",
                    Severity.INFO,
                    (photo.subject,),
                    f"{photo.label} was taken at {point.latitude:.5f}, {point.longitude:.5f}; the nearest "
                    f"named places are {_nearby(photo.nearby_places)}.",
                    {"latitude": point.latitude, "longitude": point.longitude},
                )
            )
    suggestions = _Suggestions(gazetteer)
    unmatched: dict[str, list[ClaimInput]] = {}
    for claim in sorted(claims, key=lambda c: c.id):
        text = _unmatched_text(claim)
        if text:
            unmatched.setdefault(text, []).append(claim)
    for claim in sorted(claims, key=lambda c: c.id):
        text = _unmatched_text(claim)
        sharing = unmatched.get(text, []) if text else []
        if len(sharing) >= SHARED_NAME_MIN:
            if sharing[0] is claim:  # listed where the first of its claims would be
                findings.append(_unmatched_shared(text, sharing, suggestions))
        elif text:
            findings.append(_unmatched_name(claim, text, suggestions))
        place = claimed_place(claim)
        if place is None:
            continue
        for link in sorted(claim.evidence, key=lambda link: (link.evidence_id, link.relation.value)):
            linked = by_id.get(link.evidence_id)
            if linked is not None:
                findings += _photo_against_place(linked, claim, place, link.relation)
    return findings


def _nearby(names: Sequence[NearbyName], limit: int = 3) -> str:
    return ", ".join(f"{n.name} ({_text.distance(n.distance_m)}, {n.origin})" for n in names[:limit])


def _photo_against_place(
    photo: PhotoInput, claim: ClaimInput, place: ClaimedPlace, relation: EvidenceRelation
) -> Iterable[Finding]:
    subjects = (photo.subject, claim.subject)
    point = photo_point(photo)
    if point is None:
        if relation in _PLACED_RELATIONS:
            yield Finding(
                "place.no_gps",
                Severity.INFO,
                subjects,
                f"{photo.label} is linked to {claim.label} as '{relation.value}' but has no GPS position, "
                f"so it cannot be checked against {place.name}: geolocate it from what it shows.",
                {"relation": relation.value},
            )
        return
    metres = point.distance_m(place.point)
    gps_error = photo.summary.gps_h_positioning_error or 0.0
    tolerance = place.radius_m + gps_error
    numbers: dict[str, Number] = {
        "distance_m": round(metres, 1),
        "tolerance_m": round(tolerance, 1),
        "precision": place.precision.value,
        "radius_m": place.radius_m,
        "gps_error_m": gps_error or None,
        "photo_latitude": point.latitude,
        "photo_longitude": point.longitude,
        "relation": relation.value,
    }
    precision = f"a {place.precision.value}-precision place ({_text.distance(place.radius_m)})"
    error_note = f" plus the recorded GPS error of {_text.distance(gps_error)}" if gps_error else ""
    nearby = f" Nearest named places: {_nearby(photo.nearby_places)}." if photo.nearby_places else ""
    if metres <= tolerance:
        yield Finding(
            "place.photo_within_claim_place",
            Severity.INFO,
            subjects,
            f"{photo.label} was taken {_text.distance(metres)} from {place.name}, {precision}{error_note}: "
            f"inside the area {claim.label} names.",
            numbers,
        )
        return
    if relation in _PLACED_RELATIONS:
        severity = Severity.CONFLICT if metres > _FAR_FACTOR * tolerance else Severity.WARNING
    else:
        severity = Severity.INFO
    yield Finding(
        "place.photo_outside_claim_place",
        severity,
        subjects,
        f"{photo.label} was taken {_text.distance(metres)} from {place.name}, {precision}{error_note}, "
        f"so outside the area {claim.label} names, to which it is linked as '{relation.value}'.{nearby} "
        "GPS can be stale (a fix from before the shot) or added afterwards; check what the picture shows.",
        numbers,
    )


def _unmatched_text(claim: ClaimInput) -> str:
    """The claim's place as typed, when no gazetteer place is linked ("" otherwise)."""
    return "" if claim.claim.place_id is not None else claim.claim.place_text.strip()


def _advice(suggestions: Sequence[tuple[Place, str, float]], claims: str) -> tuple[str, dict[str, Number]]:
    if suggestions:
        offered = "; ".join(
            f"{place.name} (id {place.id}, matched '{matched}', {score:.0f}%)"
            for place, matched, score in suggestions
        )
        advice = f"Closest gazetteer places: {offered}. Link {claims} to one of them, or add the place."
    else:
        advice = (
            "No gazetteer place has a similar name: add the place so that photos can be checked against it."
        )
    numbers: dict[str, Number] = {
        "suggestions": ", ".join(place.name for place, _, _ in suggestions) or None,
        "best_score": round(suggestions[0][2], 1) if suggestions else None,
    }
    return advice, numbers


def _unmatched_name(claim: ClaimInput, text: str, suggestions: _Suggestions) -> Finding:
    advice, numbers = _advice(suggestions.of(text), "the claim")
    return Finding(
        "place.unknown_name",
        Severity.INFO,
        (claim.subject,),
        f"{claim.label} names the place '{text}', which matches no place in the gazetteer, so no photo "
        f"can be checked against it. {advice}",
        {"place_text": text, **numbers},
    )


def _unmatched_shared(text: str, claims: Sequence[ClaimInput], suggestions: _Suggestions) -> Finding:
    """One finding for the many claims that name the same unmatched place (see SHARED_NAME_MIN)."""
    advice, numbers = _advice(suggestions.of(text), "the claims")
    return Finding(
        "place.unknown_name",
        Severity.INFO,
        tuple(claim.subject for claim in claims),
        f"{len(claims):,} claims name the place '{text}', which matches no place in the gazetteer, so no "
        f"photo can be checked against them: {_text.listing([c.label for c in claims[:3]], len(claims))}. "
        f"{advice}",
        {"place_text": text, "claims": len(claims), **numbers},
    )
