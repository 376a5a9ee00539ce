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

__all__ = ["UNCOUNTED_GROUP_MIN", "Chain", "Corroboration", "Origin", "check_corroboration", "corroborate"]

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
UNCOUNTED_GROUP_MIN: Final = 20
"""Claims with nothing for or against them from which one count finding speaks for all of them.

Each claim's count stays in :class:`Corroboration` (the claim's own view shows it); only the
findings list changes. A large case had 64,000 claims with no testimony or evidence linked: as
many identical "nothing supports this claim" findings would bury the ones that say something."""
_PAIRWISE_COPIES_MAX: Final = 50
"""Copies of a file (beside the photo) up to which each pair of them is a join with its own
reason; a file received more often has each copy joined to the first received only."""
_KEPT_REASONS: Final = 25
"""Reasons an :class:`Origin` lists at most; the rest are counted in ``more_reasons``. One origin
can hold hundreds of copies of a picture or a long chain of acquaintances (a workspace of 20,000
photos had 340,000 joins in one origin): listing them all on every claim that cites the origin
took gigabytes, and no editor reads past the first few. The explanations show 4 and count the
others, as before; the claim's own view lists these."""


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
            to records outside this claim: those between its chains first, then those touching
            them, then the rest; at most :data:`_KEPT_REASONS` of them.
        more_reasons: How many further joins hold the origin together (not listed).
    """

    key: str
    source_ids: tuple[int, ...]
    chains: tuple[Chain, ...]
    reasons: tuple[str, ...]
    more_reasons: int = 0

    @property
    def reason_count(self) -> int:
        """Every join that holds the origin together, listed or not."""
        return len(self.reasons) + self.more_reasons

    def describe(self) -> str:
        """The chains, then the reasons.

        Returns:
            Plain language, one origin.
        """
        text = "; ".join(chain.describe() for chain in self.chains)
        if self.reasons:
            shown = list(self.reasons[:_MAX_REASONS])
            if self.reason_count > len(shown):
                shown.append(f"{self.reason_count - len(shown)} more link(s)")
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
    """The union-find of origins with the reason for each join.

    Every join is kept (the count of reasons is part of what an editor reads; only a file received
    very often is joined to its first copy rather than pair by pair), but a claim's
    origin lists only the first :data:`_KEPT_REASONS`, and those are found from the joins of its
    own members (by pair and by node, stopping once enough are found) rather than by copying
    every reason of the origin: one origin of a large case held 340,000 joins, and copying them
    for each of 30,000 claims took minutes and gigabytes.
    """

    def __init__(self, aliases: Mapping[int, str]) -> None:
        self.groups: UnionFind[Node] = UnionFind()
        self.aliases = aliases
        self._reasons: list[str] = []
        self._ends: list[tuple[Node, Node]] = []
        self._by_node: dict[Node, list[int]] = {}
        self._by_pair: dict[tuple[Node, Node], list[int]] = {}
        self._by_root: dict[Node, dict[str, None]] | None = None
        self._found: dict[tuple[Node, frozenset[Node]], tuple[tuple[str, ...], int]] = {}

    def name(self, source_id: int) -> str:
        return self.aliases.get(source_id, f"source #{source_id}")

    def join(self, a: Node, b: Node, reason: str) -> None:
        if a != b:
            self.groups.union(a, b)
            number = len(self._reasons)
            self._reasons.append(reason)
            self._ends.append((a, b))
            self._by_node.setdefault(a, []).append(number)
            self._by_node.setdefault(b, []).append(number)
            self._by_pair.setdefault((a, b) if a < b else (b, a), []).append(number)

    def reasons_of(self, root: Node, nodes: set[Node]) -> tuple[tuple[str, ...], int]:
        """The joins inside ``root``'s origin: those between ``nodes`` first, then those touching
        them, then the rest (an origin can hold a long chain of acquaintances).

        Returns:
            The first :data:`_KEPT_REASONS` distinct reasons in that order, and how many more
            distinct reasons the origin has.
        """
        if self._by_root is None:
            collected: dict[Node, dict[str, None]] = {}
            for (a, _), reason in zip(self._ends, self._reasons, strict=True):
                collected.setdefault(self.groups.find(a), {})[reason] = None
            self._by_root = collected
        key = (root, frozenset(nodes))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._first_reasons(self._by_root.get(root, {}), nodes)
        return found

    def _first_reasons(self, everything: dict[str, None], nodes: set[Node]) -> tuple[tuple[str, ...], int]:
        if len(everything) <= 1:
            return tuple(everything), 0
        ordered = sorted(nodes)
        # Joins between two members, in the order a scan of each member's joins meets them.
        between: dict[str, None] = {}
        for node in ordered:
            numbers: list[int] = []
            for other in ordered:
                if other != node:
                    numbers += self._by_pair.get((node, other) if node < other else (other, node), ())
            for number in sorted(numbers):
                between[self._reasons[number]] = None
        first = list(between)[:_KEPT_REASONS]
        seen = set(between)
        # Then joins from a member to a non-member, then any other join of the origin.
        for node in ordered:
            for number in self._by_node.get(node, ()):
                if len(first) >= _KEPT_REASONS:
                    break
                a, b = self._ends[number]
                reason = self._reasons[number]
                if not (a in nodes and b in nodes) and reason not in seen:
                    seen.add(reason)
                    first.append(reason)
        for reason in everything:
            if len(first) >= _KEPT_REASONS:
                break
            if reason not in seen:
                seen.add(reason)
                first.append(reason)
        return tuple(first), len(everything) - len(first)


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
        found = copies.get(photo.evidence_id, ())
        identical = [c.photo for c in found if c.identical]
        # A file received many times: join each copy to the first received only. The copies of
        # one file are all the same picture, so the origin is the same, and the joins stay
        # linear in the copies instead of one per pair (583 copies made 340,000 joins).
        star = len(identical) >= _PAIRWISE_COPIES_MAX
        first = min([photo, *identical], key=lambda p: (p.received_at, p.evidence_id)).evidence_id
        for copy in found:
            there = _node(copy.photo.submitted_by, copy.photo.evidence_id)
            if star and copy.identical and first not in (photo.evidence_id, copy.photo.evidence_id):
                continue
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
        reasons, more = origins.reasons_of(root, member_nodes)
        result.append(Origin(key, source_ids, tuple(members), reasons, more))
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

    When :data:`UNCOUNTED_GROUP_MIN` or more claims have nothing for or against them, one count
    finding names them all, in place of one identical finding each.

    Args:
        claims: The claims.
        results: :func:`corroborate` for them.

    Returns:
        Findings in claim id order.
    """
    by_id = {c.id: c for c in claims}
    ordered = [
        (r, by_id[r.claim_id]) for r in sorted(results, key=lambda r: r.claim_id) if r.claim_id in by_id
    ]
    uncounted = [claim for result, claim in ordered if not result.supporting and not result.contradicting]
    grouped = len(uncounted) >= UNCOUNTED_GROUP_MIN
    findings: list[Finding] = []
    for result, claim in ordered:
        numbers = {
            "supporting_origins": result.support_count,
            "contradicting_origins": result.contradiction_count,
            "supporting_records": result.supporting_chains,
            "contradicting_records": result.contradicting_chains,
        }
        subjects = (claim.subject, *sorted({("source", s) for o in result.supporting for s in o.source_ids}))
        if not grouped or result.supporting or result.contradicting:
            findings.append(
                Finding(
                    "corroboration.count",
                    Severity.INFO,
                    subjects,
                    f"{claim.label}: {result.explanation}",
                    numbers,
                )
            )
        elif claim is uncounted[0]:  # listed where the first of those claims would be
            findings.append(_uncounted(uncounted))
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


def _uncounted(claims: Sequence[ClaimInput]) -> Finding:
    """One count finding for the many claims nothing supports or contradicts (UNCOUNTED_GROUP_MIN)."""
    named = _text.listing([c.label for c in claims[:3]], len(claims))
    return Finding(
        "corroboration.count",
        Severity.INFO,
        tuple(claim.subject for claim in claims),
        f"Nothing supports or contradicts {len(claims):,} claims: no testimony or evidence linked to them, "
        f"or to a claim linked to them, bears on them ({named}). Each has 0 independent origins for and "
        "against.",
        {
            "supporting_origins": 0,
            "contradicting_origins": 0,
            "supporting_records": 0,
            "contradicting_records": 0,
            "claims": len(claims),
        },
    )
