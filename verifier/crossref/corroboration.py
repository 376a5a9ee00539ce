"""Corroboration: how many *independent origins* support a claim, and how many contradict it.

Two testimonies are not two confirmations when the witnesses are friends who talked it over,
and two photos are not two confirmations when they are the same picture. So the count is of
origins, not of records:

- **Chains.** Each testimony linked to the claim is a chain claim -> testimony -> source
  (asserts: support; denies: contradiction). Each linked evidence item is a chain
  claim -> evidence -> submitter (supports, geolocates, chronolocates: support; contradicts:
  contradiction; illustrative only: neither). Claims linked to this one bring their own direct
  chains, one level deep and no further (so that a chain of "corroborates" links cannot loop or
  amplify): a claim that is the *same claim*, *corroborates* or *partly corroborates* it brings
  its supporting chains as support and its contradicting chains as contradiction; a claim that
  *contradicts* it brings its supporting chains as contradiction (denying a contradicting claim
  does not assert this one, so those are dropped); a claim *more specific than* this one brings
  its support (if the specific claim is true, so is the general one), never the reverse.
- **Origins.** Chains whose ends are joined are one origin (union-find over sources and
  submitter-less evidence): sources with any recorded relationship (friend, relative,
  colleague, same organization, introduced by, same device), sources whose photos carry the
  same camera serial or ImageUniqueID, several items from the same submitter, and evidence
  items that are the same picture (same SHA-256 or near-identical perceptual hashes). Evidence
  with no known submitter is an origin of its own unless it is such a duplicate.

The joins are transitive: if Hama is Shwan's friend and Shwan is Kawa's cousin, the three are
one origin. That undercounts independence when a relationship is remote, which errs on the side
an editor wants.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from verifier.crossref import _text
from verifier.crossref._unionfind import UnionFind
from verifier.crossref.devices import SharedDevice, shared_devices
from verifier.crossref.findings import Finding, Severity
from verifier.crossref.inputs import ClaimInput, LinkedClaim, PhotoInput
from verifier.crossref.recycling import Copy, find_copies
from verifier.domain import (
    ClaimRelation,
    ClaimStatus,
    EvidenceRelation,
    RelationshipKind,
    Source,
    SourceRelationship,
    SourceReliability,
    TestimonyRelation,
)

__all__ = ["Chain", "Corroboration", "Origin", "check_corroboration", "corroborate"]

Node = tuple[str, int]
"""An origin graph node: ("source", id) or ("evidence", id) for submitter-less evidence."""

_SUPPORTING_EVIDENCE: Final = frozenset(
    {EvidenceRelation.SUPPORTS, EvidenceRelation.GEOLOCATES, EvidenceRelation.CHRONOLOCATES}
)
_AGREEING_CLAIMS: Final = frozenset(
    {ClaimRelation.SAME_CLAIM, ClaimRelation.CORROBORATES, ClaimRelation.PARTLY_CORROBORATES}
)
_KIND_WORDING: Final = {
    RelationshipKind.FRIEND: "are friends",
    RelationshipKind.RELATIVE: "are relatives",
    RelationshipKind.COLLEAGUE: "are colleagues",
    RelationshipKind.SAME_ORGANIZATION: "belong to the same organization",
    RelationshipKind.INTRODUCED_BY: "were introduced to the newsroom one by the other",
    RelationshipKind.SAME_DEVICE: "share a device",
}
_MAX_REASONS: Final = 4


@dataclass(frozen=True)
class Chain:
    """One path from a claim to where its information came from.

    Attributes:
        claim_id: The claim the chain was found on (this claim, or a linked one).
        via: None for a direct link; else the claim-claim relation it was reached through.
        record_kind: "testimony" or "evidence".
        record_id: The testimony or evidence id.
        relation: The link's relation ("asserts", "denies", "supports", ...).
        source_id: The source (testimony giver or submitter), or None when unknown.
        source_alias: The source's alias, when known.
        reliability: The source's current Admiralty grade, when graded.
    """

    claim_id: int
    via: ClaimRelation | None
    record_kind: str
    record_id: int
    relation: str
    source_id: int | None
    source_alias: str | None
    reliability: SourceReliability | None

    def describe(self) -> str:
        """'claim #5 → testimony #2 (asserts) → Shwan (grade C, fairly reliable)'.

        Returns:
            The chain in plain language.
        """
        record = "photo" if self.record_kind == "evidence" else self.record_kind
        steps = [f"claim #{self.claim_id}" + (f" ({self.via.value.replace('_', ' ')})" if self.via else "")]
        steps.append(f"{record} #{self.record_id} ({self.relation})")
        if self.source_id is None:
            steps.append("unknown submitter")
        else:
            grade = (
                f"grade {self.reliability.value}, {self.reliability.meaning.lower()}"
                if self.reliability
                else "not graded"
            )
            steps.append(f"{self.source_alias or f'source #{self.source_id}'} ({grade})")
        return " → ".join(steps)


@dataclass(frozen=True)
class Origin:
    """Chains that trace back to one origin.

    Attributes:
        key: A stable name for the origin ("source:3" or "evidence:7": its smallest member).
        source_ids: The sources in it that appear in the chains.
        chains: The chains, in a stable order.
        reasons: Why its members count as one ("Hama and Shwan are friends"), including joins
            to records outside this claim.
    """

    key: str
    source_ids: tuple[int, ...]
    chains: tuple[Chain, ...]
    reasons: tuple[str, ...]

    def describe(self) -> str:
        """The chains, then the reasons.

        Returns:
            Plain language, one origin.
        """
        text = "; ".join(chain.describe() for chain in self.chains)
        if self.reasons:
            shown = list(self.reasons[:_MAX_REASONS])
            if len(self.reasons) > len(shown):
                shown.append(f"{len(self.reasons) - len(shown)} more link(s)")
            # A single chain can still be tied to others outside this claim (a friend, the first
            # sender of the same picture): say so, since it bears on the source's independence.
            text += f" ({'one origin' if len(self.chains) > 1 else 'linked'}: " + "; ".join(shown) + ")"
        return text


@dataclass(frozen=True)
class Corroboration:
    """The independent origins for and against one claim.

    Attributes:
        claim_id: The claim.
        supporting: Origins of the supporting chains.
        contradicting: Origins of the contradicting chains.
        explanation: Plain language with the counts and why records were merged.
    """

    claim_id: int
    supporting: tuple[Origin, ...]
    contradicting: tuple[Origin, ...]
    explanation: str

    @property
    def support_count(self) -> int:
        """Independent origins supporting the claim."""
        return len(self.supporting)

    @property
    def contradiction_count(self) -> int:
        """Independent origins contradicting it."""
        return len(self.contradicting)

    @property
    def supporting_chains(self) -> int:
        """Supporting chains (records), before merging into origins."""
        return sum(len(o.chains) for o in self.supporting)

    @property
    def contradicting_chains(self) -> int:
        """Contradicting chains, before merging."""
        return sum(len(o.chains) for o in self.contradicting)


class _Origins:
    """The union-find of origins with the reason for each join."""

    def __init__(self, aliases: Mapping[int, str]) -> None:
        self.groups: UnionFind[Node] = UnionFind()
        self.reasons: list[tuple[Node, Node, str]] = []
        self.aliases = aliases
        self._by_root: dict[Node, tuple[str, ...]] | None = None
        self._by_node: dict[Node, list[tuple[Node, Node, str]]] = {}

    def name(self, source_id: int) -> str:
        return self.aliases.get(source_id, f"source #{source_id}")

    def join(self, a: Node, b: Node, reason: str) -> None:
        if a != b:
            self.groups.union(a, b)
            self.reasons.append((a, b, reason))
            self._by_node.setdefault(a, []).append((a, b, reason))
            self._by_node.setdefault(b, []).append((a, b, reason))

    def reasons_of(self, root: Node, nodes: set[Node]) -> tuple[str, ...]:
        """The joins inside ``root``'s origin: those between ``nodes`` first, then those touching
        them, then the rest (an origin can hold a long chain of acquaintances)."""
        if self._by_root is None:
            collected: dict[Node, dict[str, None]] = {}
            for a, _, reason in self.reasons:
                collected.setdefault(self.groups.find(a), {})[reason] = None
            self._by_root = {node: tuple(reasons) for node, reasons in collected.items()}
        everything = self._by_root.get(root, ())
        if len(everything) <= 1:
            return everything
        between: dict[str, None] = {}
        touching: dict[str, None] = {}
        for node in sorted(nodes):
            for a, b, reason in self._by_node.get(node, ()):
                (between if a in nodes and b in nodes else touching)[reason] = None
        first = list(between) + [r for r in touching if r not in between]
        seen = set(first)
        return (*first, *(r for r in everything if r not in seen))


def _node(source_id: int | None, evidence_id: int) -> Node:
    return ("source", source_id) if source_id is not None else ("evidence", evidence_id)


def _build_origins(
    photos: Sequence[PhotoInput],
    sources: Sequence[Source],
    relationships: Sequence[SourceRelationship],
    copies: Mapping[int, tuple[Copy, ...]],
    shared: Sequence[SharedDevice],
) -> _Origins:
    origins = _Origins({s.id: s.alias for s in sources})
    for rel in sorted(relationships, key=lambda r: r.id):
        a, b = origins.name(rel.source_id), origins.name(rel.other_source_id)
        origins.join(
            ("source", rel.source_id),
            ("source", rel.other_source_id),
            f"{a} and {b} {_KIND_WORDING[rel.kind]}",
        )
    for device in shared:
        first = device.source_ids[0]
        what = "camera" if device.kind == "serial" else "original exposure (ImageUniqueID)"
        for other in device.source_ids[1:]:
            origins.join(
                ("source", first),
                ("source", other),
                f"{origins.name(first)} and {origins.name(other)} sent photos from the same {what}",
            )
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        here = _node(photo.submitted_by, photo.evidence_id)
        for copy in copies.get(photo.evidence_id, ()):
            there = _node(copy.photo.submitted_by, copy.photo.evidence_id)
            if here != there:
                origins.join(
                    here,
                    there,
                    f"{photo.label} and {copy.photo.label} are the same picture ({copy.describe()})",
                )
    return origins


def corroborate(
    claims: Sequence[ClaimInput],
    photos: Sequence[PhotoInput] = (),
    sources: Sequence[Source] = (),
    relationships: Sequence[SourceRelationship] = (),
    *,
    workspace_photos: Sequence[PhotoInput] = (),
    copies: Mapping[int, tuple[Copy, ...]] | None = None,
    shared: Sequence[SharedDevice] | None = None,
) -> list[Corroboration]:
    """Count independent origins for and against every claim.

    Args:
        claims: The case's claims with their links.
        photos: The case's photos (for submitters, duplicates and shared devices).
        sources: The sources (aliases and grades).
        relationships: Recorded relationships between sources.
        workspace_photos: Other cases' photos, so that a duplicate of one of them joins origins.
        copies: Precomputed :func:`verifier.crossref.recycling.find_copies`.
        shared: Precomputed :func:`verifier.crossref.devices.shared_devices`.

    Returns:
        One entry per claim, in claim id order.
    """
    if copies is None:
        copies = find_copies(photos, workspace_photos)
    if shared is None:
        shared = shared_devices(photos)
    origins = _build_origins(photos, sources, relationships, copies, shared)
    by_source = {s.id: s for s in sources}
    submitters = {p.evidence_id: p.submitted_by for p in photos}
    by_claim = {c.id: c for c in claims}
    direct = {c.id: _direct_chains(c, by_source, submitters) for c in claims}
    result: list[Corroboration] = []
    for claim in sorted(claims, key=lambda c: c.id):
        support, against = list(direct[claim.id][0]), list(direct[claim.id][1])
        for link in sorted(claim.claims, key=lambda link: (link.other_claim_id, link.relation.value)):
            other = by_claim.get(link.other_claim_id)
            if other is None or other.id == claim.id:
                continue
            other_support, other_against = direct[other.id]
            brings_support, brings_against = _carried(link)
            support += [_via(c, link.relation) for c in other_support] if brings_support == "support" else []
            against += [_via(c, link.relation) for c in other_support] if brings_support == "against" else []
            against += [_via(c, link.relation) for c in other_against] if brings_against else []
        result.append(_summarize(claim, _dedupe(support), _dedupe(against), origins))
    return result


def _carried(link: LinkedClaim) -> tuple[str | None, bool]:
    """What a linked claim brings: where its support goes, and whether its contradictions come."""
    if link.relation in _AGREEING_CLAIMS:
        return "support", True
    if link.relation is ClaimRelation.CONTRADICTS:
        return "against", False
    if link.relation is ClaimRelation.MORE_SPECIFIC_THAN and not link.outgoing:
        return "support", False
    return None, False


def _via(chain: Chain, relation: ClaimRelation) -> Chain:
    return Chain(
        chain.claim_id,
        relation,
        chain.record_kind,
        chain.record_id,
        chain.relation,
        chain.source_id,
        chain.source_alias,
        chain.reliability,
    )


def _dedupe(chains: Iterable[Chain]) -> list[Chain]:
    # The same record reached directly and through a linked claim counts once: keep the direct one.
    seen: dict[tuple[str, int, str], Chain] = {}
    for chain in chains:
        key = (chain.record_kind, chain.record_id, chain.relation)
        if key not in seen or (seen[key].via is not None and chain.via is None):
            seen[key] = chain
    return list(seen.values())


def _direct_chains(
    claim: ClaimInput, sources: Mapping[int, Source], submitters: Mapping[int, int | None]
) -> tuple[list[Chain], list[Chain]]:
    support: list[Chain] = []
    against: list[Chain] = []

    def chain(kind: str, record: int, relation: str, source_id: int | None) -> Chain:
        source = sources.get(source_id) if source_id is not None else None
        return Chain(
            claim.id,
            None,
            kind,
            record,
            relation,
            source_id,
            source.alias if source else None,
            source.reliability if source else None,
        )

    for t in sorted(claim.testimonies, key=lambda t: t.testimony_id):
        target = support if t.relation is TestimonyRelation.ASSERTS else against
        target.append(chain("testimony", t.testimony_id, t.relation.value, t.source_id))
    for e in sorted(claim.evidence, key=lambda e: (e.evidence_id, e.relation.value)):
        submitter = (
            submitters.get(e.evidence_id, e.submitted_by) if e.evidence_id in submitters else e.submitted_by
        )
        if e.relation in _SUPPORTING_EVIDENCE:
            support.append(chain("evidence", e.evidence_id, e.relation.value, submitter))
        elif e.relation is EvidenceRelation.CONTRADICTS:
            against.append(chain("evidence", e.evidence_id, e.relation.value, submitter))
    return support, against


def _group(chains: Sequence[Chain], origins: _Origins) -> tuple[Origin, ...]:
    grouped: dict[Node, list[Chain]] = {}
    for chain in chains:
        grouped.setdefault(origins.groups.find(_node(chain.source_id, chain.record_id)), []).append(chain)
    result: list[Origin] = []
    for root, members in grouped.items():
        member_nodes = {_node(c.source_id, c.record_id) for c in members}
        nodes = sorted(member_nodes)
        key = f"{nodes[0][0]}:{nodes[0][1]}"
        members.sort(key=lambda c: (c.via is not None, c.claim_id, c.record_kind, c.record_id))
        source_ids = tuple(sorted({c.source_id for c in members if c.source_id is not None}))
        reasons = origins.reasons_of(root, member_nodes)
        result.append(Origin(key, source_ids, tuple(members), reasons))
    return tuple(sorted(result, key=lambda o: o.key))


def _records(chains: Sequence[Chain]) -> str:
    testimonies = sum(1 for c in chains if c.record_kind == "testimony")
    evidence = len(chains) - testimonies
    parts = []
    if testimonies:
        parts.append(_text.plural(testimonies, "testimony", "testimonies"))
    if evidence:
        parts.append(_text.plural(evidence, "evidence item"))
    return " and ".join(parts)


def _side(chains: Sequence[Chain], groups: Sequence[Origin], verb: str) -> tuple[str, str]:
    """The headline sentence for one side, and the per-origin details."""
    if not chains:
        return f"Nothing {verb}s this claim.", ""
    records = _records(chains)
    conjugated = verb + "s" if len(chains) == 1 else verb
    count = _text.plural(len(groups), "independent origin")
    merged = [
        reason for origin in groups if len(origin.chains) > 1 for reason in origin.reasons[:_MAX_REASONS]
    ]
    if len(groups) < len(chains):
        shown = merged[:_MAX_REASONS]
        more = f" and {len(merged) - len(shown)} more link(s)" if len(merged) > len(shown) else ""
        same = [
            f"{len(o.chains)} come from {o.chains[0].source_alias or 'the same source'}"
            for o in groups
            if len(o.chains) > 1 and len(o.source_ids) == 1 and not o.reasons
        ]
        why = "; ".join(shown + same) + more if shown or same else "several come from the same source"
        sentence = f"{records} {conjugated} this claim, but {why}: {count}."
    else:
        sentence = f"{records} {conjugated} this claim: {count}."
    details = " ".join(f"[{i}] {origin.describe()}." for i, origin in enumerate(groups, 1))
    return sentence, details


def _summarize(
    claim: ClaimInput, support: list[Chain], against: list[Chain], origins: _Origins
) -> Corroboration:
    supporting = _group(support, origins)
    contradicting = _group(against, origins)
    parts = [*_side(support, supporting, "support"), *_side(against, contradicting, "contradict")]
    return Corroboration(claim.id, supporting, contradicting, " ".join(part for part in parts if part))


def check_corroboration(claims: Sequence[ClaimInput], results: Sequence[Corroboration]) -> list[Finding]:
    """Findings from the counts: one per claim, plus warnings where records collapse into fewer
    origins or a claim marked corroborated rests on a single origin.

    Args:
        claims: The claims.
        results: :func:`corroborate` for them.

    Returns:
        Findings in claim id order.
    """
    by_id = {c.id: c for c in claims}
    findings: list[Finding] = []
    for result in sorted(results, key=lambda r: r.claim_id):
        claim = by_id.get(result.claim_id)
        if claim is None:
            continue
        numbers = {
            "supporting_origins": result.support_count,
            "contradicting_origins": result.contradiction_count,
            "supporting_records": result.supporting_chains,
            "contradicting_records": result.contradicting_chains,
        }
        subjects = (claim.subject, *sorted({("source", s) for o in result.supporting for s in o.source_ids}))
        findings.append(
            Finding(
                "corroboration.count",
                Severity.INFO,
                subjects,
                f"{claim.label}: {result.explanation}",
                numbers,
            )
        )
        chains = [c for o in result.supporting for c in o.chains]
        contributors = {_node(c.source_id, c.record_id) for c in chains}
        if result.support_count < len(contributors):
            # Different sources or items merged into one origin: the count a reader would make
            # from the records is too high.
            findings.append(
                Finding(
                    "corroboration.fewer_origins",
                    Severity.WARNING,
                    subjects,
                    f"{claim.label}: {_side(chains, result.supporting, 'support')[0]} Related sources "
                    "repeating each other, or the same picture sent twice, do not confirm each other.",
                    numbers,
                )
            )
        if claim.claim.status is ClaimStatus.CORROBORATED and result.support_count < 2:
            findings.append(
                Finding(
                    "corroboration.status_unsupported",
                    Severity.WARNING,
                    (claim.subject,),
                    f"{claim.label} is marked corroborated, but only "
                    f"{_text.plural(result.support_count, 'independent origin')} supports it in the links "
                    "recorded; corroboration needs at least two.",
                    numbers,
                )
            )
    return findings
