"""Everything the main window shows about one case, read in one background task.

``load_case_data`` runs on a worker thread with one Session, so every view shows the same
consistent moment of the database. ``CaseData`` is made of frozen snapshots only, and the
look-ups the views need (a source's alias, a claim's links) are answered from memory on the
GUI thread without touching the database again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from verifier import domain
from verifier.crossref.engine import CaseReport
from verifier.services import cases, claims, evidence, integrity, links, places, sources, testimonies
from verifier.services.links import ClaimLinks
from verifier.services.workspace import Workspace

ProgressFn = Callable[[int, int, str], None]

# The audit view shows the newest entries; the whole chain is for `verifier audit` and exports.
AUDIT_LIMIT = 1000

# A case with more claims than this is first shown with its oldest claims only (and their links),
# and read again whole right after: reading 90,000 claims and their links takes seconds, and the
# window must show the case it opens within two (issue 8). Every other record is in the first
# look; what depends on the claims left out (how many claims cite a photo) is shown as unknown.
FIRST_LOOK_CLAIMS = 2000


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
    # The case's cross-reference report, added when its background task is done (ui.case_report);
    # None until then. The claim detail reads its findings and corroboration chains from it.
    report: CaseReport | None = None
    # How many claims the case has when ``claims`` holds only the first of them (a first look
    # at a large case, see FIRST_LOOK_CLAIMS); None when ``claims`` is all of them.
    claims_total: int | None = None

    def with_report(self, report: CaseReport) -> CaseData:
        """The same snapshot with its report; the look-ups already built are kept (they do not
        depend on the report, and building them again for 90,000 claims took 0.1 s)."""
        new = replace(self, report=report)
        if "_by_id" in self.__dict__:
            new.__dict__["_by_id"] = self.__dict__["_by_id"]
        return new

    @property
    def complete(self) -> bool:
        """Every record of the case is here (not a first look)."""
        return self.claims_total is None

    # Look-ups by id, built on first use: the views ask for thousands of records while they fill,
    # and a scan of 100,000 claims or 20,000 photos per question froze the window for minutes.
    @cached_property
    def _by_id(self) -> _Index:
        return _Index(self)

    def source(self, source_id: int | None) -> domain.Source | None:
        return self._by_id.sources.get(source_id) if source_id is not None else None

    def source_alias(self, source_id: int | None) -> str:
        found = self.source(source_id)
        return found.alias if found is not None else ""

    def testimony(self, testimony_id: int) -> domain.Testimony | None:
        return self._by_id.testimonies.get(testimony_id)

    def claim(self, claim_id: int) -> domain.Claim | None:
        return self._by_id.claims.get(claim_id)

    def place(self, place_id: int | None) -> domain.Place | None:
        return self._by_id.places.get(place_id) if place_id is not None else None

    def evidence_item(self, evidence_id: int) -> domain.Evidence | None:
        return self._by_id.evidence.get(evidence_id)

    def links_of(self, claim_id: int) -> ClaimLinks:
        return self.claim_links.get(claim_id, ClaimLinks((), (), ()))

    def testimonies_by(self, source_id: int) -> list[domain.Testimony]:
        return list(self._by_id.testimonies_by_source.get(source_id, ()))

    def evidence_from(self, source_id: int) -> list[domain.Evidence]:
        return list(self._by_id.evidence_by_source.get(source_id, ()))

    def claims_citing(self, evidence_id: int) -> int | None:
        """How many claims link a photo; None in a first look (later claims may link it too)."""
        return len(self.claim_links_to_evidence(evidence_id)) if self.complete else None

    def claim_links_to_evidence(self, evidence_id: int) -> list[domain.ClaimEvidenceLink]:
        return list(self._by_id.links_to_evidence.get(evidence_id, ()))

    def claim_links_to_testimony(self, testimony_id: int) -> list[domain.ClaimTestimonyLink]:
        return list(self._by_id.links_to_testimony.get(testimony_id, ()))


class _Index:
    """A case snapshot's records by id, and its links by the record they point at (in order)."""

    def __init__(self, data: CaseData) -> None:
        self.sources = {s.id: s for s in data.sources}
        self.testimonies = {t.id: t for t in data.testimonies}
        self.claims = {c.id: c for c in data.claims}
        self.places = {p.id: p for p in data.places}
        self.evidence = {e.id: e for e in data.evidence}
        self.testimonies_by_source: dict[int, list[domain.Testimony]] = {}
        for testimony in data.testimonies:
            self.testimonies_by_source.setdefault(testimony.source_id, []).append(testimony)
        self.evidence_by_source: dict[int | None, list[domain.Evidence]] = {}
        for item in data.evidence:
            self.evidence_by_source.setdefault(item.submitted_by_id, []).append(item)
        self.links_to_evidence: dict[int, list[domain.ClaimEvidenceLink]] = {}
        self.links_to_testimony: dict[int, list[domain.ClaimTestimonyLink]] = {}
        for found in data.claim_links.values():
            for link in found.evidence:
                self.links_to_evidence.setdefault(link.evidence_id, []).append(link)
            for said in found.testimonies:
                self.links_to_testimony.setdefault(said.testimony_id, []).append(said)


def list_workspace_cases(ws: Workspace) -> list[domain.Case]:
    """The workspace's cases (worker thread)."""
    with ws.reading() as session:
        return cases.list_cases(session)


def load_case_data(
    ws: Workspace,
    case_id: int,
    progress: ProgressFn,
    cancel: threading.Event | None = None,
    *,
    claim_limit: int | None = None,
) -> CaseData:
    """Read one case for the main window (worker thread; one Session, one transaction).

    Args:
        claim_limit: read only this many claims (the oldest) if the case has more; the result
            is then a first look (``complete`` is False) and says how many claims there are.

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
        claims_total = None  # every claim is read, unless the case has more than claim_limit
        if claim_limit is not None and (count := claims.count_claims(session, case_id)) > claim_limit:
            claims_total = count
            claim_list = tuple(claims.list_claims(session, case_id, limit=claim_limit))
        else:
            claim_list = tuple(claims.list_claims(session, case_id))
        progress(4, steps, "evidence")
        evidence_list = tuple(evidence.list_evidence(session, case_id))
        progress(5, steps, "places")
        place_list = tuple(places.list_places(session))
        progress(6, steps, "links")
        # One query per kind, not per claim; a first look reads the links of its claims only.
        last_claim = claim_list[-1].id if claims_total is not None and claim_list else None
        claim_links = links.links_of_case(session, case_id, up_to_claim=last_claim)
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
        claims_total=claims_total,
    )
