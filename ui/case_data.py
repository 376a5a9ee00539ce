"""Everything the main window shows about one case, read in one background task.

``load_case_data`` runs on a worker thread with one Session, so every view shows the same
consistent moment of the database. ``CaseData`` is made of frozen snapshots only, and the
look-ups the views need (a source's alias, a claim's links) are answered from memory on the
GUI thread without touching the database again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from verifier import domain
from verifier.services import cases, claims, evidence, integrity, links, places, sources, testimonies
from verifier.services.links import ClaimLinks
from verifier.services.workspace import Workspace

ProgressFn = Callable[[int, int, str], None]

# The audit view shows the newest entries; the whole chain is for `verifier audit` and exports.
AUDIT_LIMIT = 1000


@dataclass(frozen=True)
class CaseData:
    """A consistent snapshot of one case and the workspace's gazetteer."""

    case: domain.Case
    sources: tuple[domain.Source, ...]
    testimonies: tuple[domain.Testimony, ...]
    claims: tuple[domain.Claim, ...]
    evidence: tuple[domain.Evidence, ...]
    places: tuple[domain.Place, ...]
    audit: tuple[domain.AuditEntry, ...]
    claim_links: dict[int, ClaimLinks] = field(default_factory=dict)

    def source(self, source_id: int | None) -> domain.Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def source_alias(self, source_id: int | None) -> str:
        found = self.source(source_id)
        return found.alias if found is not None else ""

    def testimony(self, testimony_id: int) -> domain.Testimony | None:
        return next((t for t in self.testimonies if t.id == testimony_id), None)

    def claim(self, claim_id: int) -> domain.Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def place(self, place_id: int | None) -> domain.Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def evidence_item(self, evidence_id: int) -> domain.Evidence | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)

    def links_of(self, claim_id: int) -> ClaimLinks:
        return self.claim_links.get(claim_id, ClaimLinks((), (), ()))

    def testimonies_by(self, source_id: int) -> list[domain.Testimony]:
        return [t for t in self.testimonies if t.source_id == source_id]

    def evidence_from(self, source_id: int) -> list[domain.Evidence]:
        return [e for e in self.evidence if e.submitted_by_id == source_id]

    def claim_links_to_evidence(self, evidence_id: int) -> list[domain.ClaimEvidenceLink]:
        return [
            link
            for found in self.claim_links.values()
            for link in found.evidence
            if link.evidence_id == evidence_id
        ]

    def claim_links_to_testimony(self, testimony_id: int) -> list[domain.ClaimTestimonyLink]:
        return [
            link
            for found in self.claim_links.values()
            for link in found.testimonies
            if link.testimony_id == testimony_id
        ]


def list_workspace_cases(ws: Workspace) -> list[domain.Case]:
    """The workspace's cases (worker thread)."""
    with ws.reading() as session:
        return cases.list_cases(session)


def load_case_data(
    ws: Workspace, case_id: int, progress: ProgressFn, cancel: threading.Event | None = None
) -> CaseData:
    """Read one case for the main window (worker thread; one Session, one transaction).

    Raises:
        NotFound: the case was deleted meanwhile.
        Cancelled: the user switched to another case (raised by ``progress``).
    """
    steps = 8
    with ws.reading() as session:
        progress(0, steps, "case")
        case = cases.get_case(session, case_id)
        progress(1, steps, "sources")
        source_list = tuple(sources.list_sources(session, case_id))
        progress(2, steps, "testimonies")
        testimony_list = tuple(testimonies.list_testimonies(session, case_id))
        progress(3, steps, "claims")
        claim_list = tuple(claims.list_claims(session, case_id))
        progress(4, steps, "evidence")
        evidence_list = tuple(evidence.list_evidence(session, case_id))
        progress(5, steps, "places")
        place_list = tuple(places.list_places(session))
        progress(6, steps, "links")
        claim_links = {claim.id: links.links_of_claim(session, claim.id) for claim in claim_list}
        progress(7, steps, "audit log")
        audit = tuple(integrity.audit_log(session, case_id=case_id, limit=AUDIT_LIMIT))
    progress(steps, steps, "done")
    return CaseData(
        case=case,
        sources=source_list,
        testimonies=testimony_list,
        claims=claim_list,
        evidence=evidence_list,
        places=place_list,
        audit=audit,
        claim_links=claim_links,
    )
