"""Helpers for the bundle tests: newsrooms, record snapshots, and the 'nothing imported' check."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from verifier.bundles import NewsroomCard
from verifier.sealing import KdfCost, Secret
from verifier.services import bundles, cases, claims, evidence, links, places, sources, testimonies
from verifier.services.workspace import Workspace
from verifier.storage.models import (
    AuditEntryRow,
    PhotoMetadataRow,
    SourceKeyringRow,
    SourceRow,
    SourceSealRow,
    WorkspaceMetaRow,
)

FAST = KdfCost(2**10, 8, 1)  # tests only: the default is 2**17
SENDER_PASS = "the Erbil desk's bundle passphrase"
RECEIVER_PASS = "the partner desk's bundle passphrase"


@dataclass
class Sender:
    """The sending workspace, its case and its public card."""

    ws: Workspace
    case_id: int
    card: NewsroomCard


@dataclass
class Receiver:
    """A receiving workspace and its public card."""

    ws: Workspace
    card: NewsroomCard


def make_receiver(ws: Workspace, name: str, *, trust: NewsroomCard | None) -> Receiver:
    with ws.transaction() as uow:
        bundles.create_newsroom_keys(uow, name, Secret(RECEIVER_PASS), cost=FAST)
        if trust is not None:
            bundles.trust_sender(uow, trust.to_text())
    with ws.reading() as session:
        return Receiver(ws, bundles.own_card(session))


def _plain(obj: Any, refs: dict[str, dict[int, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in dataclasses.asdict(obj).items():
        if key in ("id", "case_id", "version"):
            continue  # renumbered by the receiving workspace
        if key in refs and value is not None:
            value = refs[key][value]
        out[key] = value
    return out


def case_snapshot(ws: Workspace, case_id: int) -> dict[str, Any]:
    """Everything a user sees of a case, with ids replaced by what they name."""
    with ws.reading() as session:
        case = cases.get_case(session, case_id)
        who = sources.list_sources(session, case_id)
        said = testimonies.list_testimonies(session, case_id)
        stated = claims.list_claims(session, case_id)
        items = evidence.list_evidence(session, case_id)
        gazetteer = {p.id: p for p in places.list_places(session)}
        alias = {s.id: s.alias for s in who}
        testimony = {t.id: (alias[t.source_id], t.transcript[:60]) for t in said}
        statement = {c.id: c.statement for c in stated}
        item = {e.id: (e.sha256, e.original_name) for e in items}
        refs: dict[str, dict[int, Any]] = {
            "source_id": alias,
            "other_source_id": alias,
            "submitted_by_id": alias,
            "place_id": {i: p.name for i, p in gazetteer.items()},
            "testimony_id": testimony,
            "claim_id": statement,
            "other_claim_id": statement,
            "evidence_id": item,
        }
        used_places = {t.place_id for t in said} | {c.place_id for c in stated}
        link_rows = []
        for claim in stated:
            found = links.links_of_claim(session, claim.id)
            for group in (found.evidence, found.claims, found.testimonies):
                link_rows += [_plain(link, refs) for link in group]
        hashes = sorted({e.sha256 for e in items})
        metadata = {
            row.sha256: (row.raw, row.summary, row.capture_utc, row.phash)
            for row in session.scalars(select(PhotoMetadataRow).where(PhotoMetadataRow.sha256.in_(hashes)))
        }
        seals: dict[str, tuple[str | None, str | None]] = {}
        for row in session.scalars(select(SourceRow).where(SourceRow.case_id == case_id)):
            seal = session.get(SourceSealRow, row.id)
            ring = session.get(SourceKeyringRow, row.id)
            seals[row.alias] = (seal.identity if seal else None, ring.keyring if ring else None)
        return {
            "case": _plain(case, refs),
            "sources": [_plain(s, refs) for s in who],
            "grades": {s.alias: [_plain(g, refs) for g in sources.source_grades(session, s.id)] for s in who},
            "relationships": [_plain(r, refs) for r in sources.relationships(session, case_id)],
            "testimonies": [_plain(t, refs) for t in said],
            "revisions": [
                _plain(r, refs) for t in said for r in testimonies.testimony_revisions(session, t.id)
            ],
            "attachments": [_plain(a, refs) for t in said for a in testimonies.attachments(session, t.id)],
            "claims": [_plain(c, refs) for c in stated],
            "evidence": [_plain(e, refs) for e in items],
            "places": sorted(
                (repr(_plain(gazetteer[i], refs)) for i in used_places if i is not None),
            ),
            "links": sorted(repr(link) for link in link_rows),
            "photo_metadata": metadata,
            "sealed": seals,
        }


@dataclass(frozen=True)
class StoredState:
    """What a failed import must leave exactly as it was."""

    cases: int
    audit_entries: int
    meta_keys: tuple[str, ...]
    vault: tuple[str, ...]
    incoming: tuple[str, ...]


def stored_state(ws: Workspace) -> StoredState:
    with ws.reading() as session:
        case_count = len(cases.list_cases(session))
        audit = session.scalar(select(func.count()).select_from(AuditEntryRow)) or 0
        keys = tuple(sorted(session.scalars(select(WorkspaceMetaRow.key))))
    incoming = Path(ws.vault.root) / "incoming"
    return StoredState(
        case_count,
        audit,
        keys,
        tuple(ws.vault.iter_stored()),
        tuple(sorted(os.listdir(incoming))) if incoming.is_dir() else (),
    )
