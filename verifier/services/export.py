"""The export use case: gather a case, unlock the leak guard, render, guard, write, audit.

Steps, in order (each one can refuse, and a refusal before the write leaves nothing behind):

1. **Gather** the case in one read transaction into :mod:`verifier.export.model` snapshots:
   claims with their facets in words, their sources (alias, agreed description, terms, why
   anonymity was granted, attested or sealed, grade), their evidence (capture time in UTC and
   local, capture place at publication precision), cross-reference findings and independence
   counts (:func:`verifier.services.crossref.case_report`), an audit summary, and export notes.
2. **Leak-guard keys**: when a protected source of the case has a *sealed* identity, an unlocked
   key holder is required. The workspace leak-guard key ring (``workspace_meta``
   ``leak_guard_keyring``) is created on first need for every enrolled holder; each protected
   sealed identity is unsealed in memory (audited, reason "export leak check"), turned into
   keyed fingerprints and dropped. No holder, no export: :class:`InvalidInput`.
3. **Thumbnails** are sanitized from the vault originals (pixels only).
4. **Render, guard and write** atomically (:func:`verifier.export.pipeline.export_case`); full
   sanitized copies are made for the profiles that include them, each original's SHA-256
   checked first.
5. **Audit** the export (``AuditAction.EXPORT`` on the case: profile, formats, claims, the
   SHA-256 of every file) in its own transaction once every file is on disk, just before the
   folder is renamed into place. Should that transaction fail, the files are removed again: no
   export exists under its name without its record. A crash between the record and the rename
   leaves the recorded files in a hidden ``.<name>.partial-*`` folder.

Publication-precision rules (the "sensitive" rule, kept deliberately simple):

- An evidence item **submitted by a protected source** (anonymous or confidential) is
  sensitive, and so is its GPS point: it is published as a nearby place name only, with no
  numbers, and the leak guard refuses any output carrying its exact coordinates (four decimals
  or more). A photo's GPS often *is* the submitter's home or hiding place.
- Other photos: coordinates rounded to 3 decimals (about 110 m), with the nearest place name;
  the internal profile also shows the exact point.
- A claim's place comes from the gazetteer (public names) and is published at the claim's
  precision (exact 4 decimals, vicinity 3, locality 2, region 1); when the precision is *exact*
  and a protected source backs the claim, it is sensitive and rounded to 2 decimals.
- Finding texts about a sensitive item have their long decimals (coordinates) rounded to 2
  decimals, since rules such as the sun position quote the exact GPS point.

Refusals are not recorded in the audit log: the log says what *left* the building, and a
refused export wrote nothing. They are logged (without values), and the unsealing done for the
leak check is audited regardless, since the identities were opened.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from verifier import __version__, sealing
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Finding, Severity
from verifier.domain import AuditAction, EntityType, EvidenceKind, GeoPoint, IdentityState, PlacePrecision
from verifier.errors import (
    Cancelled,
    ExportRefused,
    ImageTooLarge,
    InvalidInput,
    NoAccess,
    NotFound,
    StorageError,
    UnreadableImage,
    UnsupportedFormat,
)
from verifier.export import pipeline
from verifier.export.leakguard import ExportGuard
from verifier.export.model import (
    ExportCase,
    ExportClaim,
    ExportEvidence,
    ExportFinding,
    ExportPlace,
    ExportSource,
)
from verifier.export.pipeline import ExportManifest, Format, PdfRenderer
from verifier.export.profiles import Field, Profile, get_profile
from verifier.export.sanitize import sanitized_thumbnail
from verifier.geo import WORLD_TOWNS
from verifier.intake.pipeline import ProgressFn
from verifier.permissions import Permission
from verifier.sealing import HolderRecord, IdentityRecord, KeyRing, LeakGuardKey, Secret
from verifier.sealing.leakguard import IdentityFingerprints
from verifier.services import crossref
from verifier.services.identities import check_own_holder, workspace_id
from verifier.services.workspace import Workspace
from verifier.storage import repositories as repo
from verifier.storage.models import (
    AuditEntryRow,
    CaseRow,
    ClaimEvidenceRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    KeyHolderRow,
    PhotoMetadataRow,
    PlaceRow,
    SourceKeyringRow,
    SourceRow,
    SourceSealRow,
    TestimonyRow,
    WorkspaceMetaRow,
)
from verifier.storage.unit_of_work import UnitOfWork

__all__ = [
    "KEYRING_META_KEY",
    "LEAK_CHECK_REASON",
    "GatheredCase",
    "SealedSubject",
    "export_case",
    "gather_case",
    "parse_formats",
]

log = logging.getLogger(__name__)

KEYRING_META_KEY = "leak_guard_keyring"
"""The ``workspace_meta`` key holding the workspace leak-guard key ring (wrapped secret)."""

LEAK_CHECK_REASON = "export leak check"
"""The audited reason of the unsealing done to fingerprint identities for the leak guard."""

_CLAIM_DECIMALS = {
    PlacePrecision.EXACT: 4,
    PlacePrecision.VICINITY: 3,
    PlacePrecision.LOCALITY: 2,
    PlacePrecision.REGION: 1,
}
_PHOTO_DECIMALS = 3  # about 110 m: a photo's place, when its submitter is not protected
_SENSITIVE_CLAIM_DECIMALS = 2  # about 1.1 km
_FINDING_DECIMALS = 2
_NEAR_GAZETTEER_M = 10_000.0  # a gazetteer place this close names a photo's place
_AUDIT_CHANGES_SHOWN = 40
_AUDIT_ENTRIES_READ = 1_000_000
# Identity fields whose free text would flag ordinary words in every export ("fingerprint
# identity: leave out free-text notes"); names and contacts are what the guard looks for.
_NOTE_FIELDS = re.compile(r"note|comment|remark|descri|context", re.IGNORECASE)
_LONG_DECIMAL = re.compile(r"(?<![\d.,])(-?\d{1,3})[.,](\d{4,})(?!\d)")
_DISCREPANCY_RULE = re.compile(r"outside|contradict|mismatch|conflict")

_Cancel = threading.Event | Callable[[], bool]


@dataclass(frozen=True)
class SealedSubject:
    """A protected source of the case whose identity is sealed: it must be fingerprinted.

    Attributes:
        source_id: the source's row id.
        uid: its stable id (bound into its ciphertexts).
        alias: its alias (public by design), for messages.
        subject: its leak-guard subject (``sealing.source_subject(uid)``).
    """

    source_id: int
    uid: str
    alias: str
    subject: str


@dataclass(frozen=True)
class GatheredCase:
    """What one read transaction yields: the snapshot, and what the leak guard must cover.

    Attributes:
        case: the snapshot, without thumbnails yet.
        sealed: every protected source of the case with a sealed identity.
    """

    case: ExportCase
    sealed: tuple[SealedSubject, ...]


# --- inputs ----------------------------------------------------------------------------------


def parse_formats(formats: Iterable[str | Format]) -> list[Format]:
    """Read export format names ("html", "pdf", "md", "csv", "claimreview").

    Args:
        formats: names or members, in the order wanted.

    Returns:
        The formats, each once.

    Raises:
        InvalidInput: an unknown name, or none at all.
    """
    aliases = {"markdown": Format.MARKDOWN, "json-ld": Format.CLAIMREVIEW, "jsonld": Format.CLAIMREVIEW}
    chosen: list[Format] = []
    for item in formats:
        name = item.value if isinstance(item, Format) else str(item).strip().lower()
        fmt = aliases.get(name) or next((f for f in Format if f.value == name), None)
        if fmt is None:
            choices = ", ".join(f.value for f in Format)
            raise InvalidInput(f"Unknown export format '{item}': choose from {choices}.")
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise InvalidInput("Choose at least one export format.")
    return chosen


def _cancelled(cancel: _Cancel | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else cancel()


# --- gathering ---------------------------------------------------------------------------------


def _offset_text(offset: timedelta) -> str:
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def _capture_time(meta: PhotoMetadataRow | None) -> tuple[datetime | None, datetime | None, str | None]:
    """The capture instant (only when its time zone is known), local wall-clock time, offset."""
    if meta is None or meta.capture_utc is None or meta.capture_tz_source in ("", "unknown"):
        return None, None, None
    utc = meta.capture_utc if meta.capture_utc.tzinfo else meta.capture_utc.replace(tzinfo=UTC)
    utc = utc.astimezone(UTC)
    try:
        local = datetime.fromisoformat(meta.capture_local) if meta.capture_local else None
    except ValueError:
        local = None
    if local is not None and local.tzinfo is not None:
        local = local.replace(tzinfo=None)
    offset = _offset_text(local - utc.replace(tzinfo=None)) if local is not None else None
    return utc, local, offset


class _PlaceNamer:
    """Names a point by the nearest gazetteer place (within 10 km) or the nearest world town."""

    def __init__(self, places: Sequence[PlaceRow]) -> None:
        self._gazetteer = [
            (p.name, GeoPoint(p.latitude, p.longitude))
            for p in places
            if p.latitude is not None and p.longitude is not None
        ]
        self._cache: dict[tuple[float, float], str] = {}

    def name(self, point: GeoPoint) -> str:
        key = (round(point.latitude, 2), round(point.longitude, 2))
        found = self._cache.get(key)
        if found is None:
            found = self._lookup(GeoPoint(*key))
            self._cache[key] = found
        return found

    def _lookup(self, point: GeoPoint) -> str:
        near = min(
            ((point.distance_m(where), name) for name, where in self._gazetteer),
            default=None,
        )
        if near is not None and near[0] <= _NEAR_GAZETTEER_M:
            return f"near {near[1]}"
        towns = WORLD_TOWNS.nearest(point, 1)
        return f"near {towns[0].name}" if towns else "location withheld"


def _coarsen(text: str, decimals: int = _FINDING_DECIMALS) -> str:
    """Round every decimal of four places or more (a coordinate) to ``decimals`` places."""

    def rounded(match: re.Match[str]) -> str:
        value = float(f"{match.group(1)}.{match.group(2)}")
        return f"{value:.{decimals}f}"

    return _LONG_DECIMAL.sub(rounded, text)


def _finding(finding: Finding, sensitive: bool) -> ExportFinding:
    text = _coarsen(finding.explanation) if sensitive else finding.explanation
    return ExportFinding(finding.rule, finding.severity.value, text)


def _claim_place(
    claim: ClaimRow, places: Mapping[int, PlaceRow], protected_backing: bool
) -> ExportPlace | None:
    place = places.get(claim.place_id) if claim.place_id is not None else None
    label = claim.place_text or (place.name if place is not None else "")
    if place is None and not label:
        return None
    precision = claim.place_precision or (place.precision if place is not None else None)
    exact = (
        GeoPoint(place.latitude, place.longitude)
        if place is not None and place.latitude is not None and place.longitude is not None
        else None
    )
    sensitive = precision is PlacePrecision.EXACT and protected_backing
    decimals = _CLAIM_DECIMALS.get(precision, 2) if precision is not None else 2
    if sensitive:
        decimals = min(decimals, _SENSITIVE_CLAIM_DECIMALS)
    return ExportPlace.published(
        label, exact=exact, decimals=decimals, precision=precision, sensitive=sensitive
    )


def _export_source(row: SourceRow) -> ExportSource:
    source = row.to_domain()
    protected = source.anonymity.is_protected
    return ExportSource(
        alias=source.alias,
        public_description=source.public_description,
        kind=source.kind,
        anonymity=source.anonymity,
        anonymous_from=source.anonymous_from,
        reason_granted=source.reason_granted,
        identity_state=source.identity_state,
        attesting_editors=len(source.attested_by),
        reliability=source.reliability,
        guard_subject=sealing.source_subject(row.uid)
        if protected and source.identity_state is IdentityState.SEALED
        else None,
    )


def _evidence(
    row: EvidenceRow,
    link: ClaimEvidenceRow,
    meta: PhotoMetadataRow | None,
    submitter: SourceRow | None,
    findings: Sequence[Finding],
    namer: _PlaceNamer,
) -> ExportEvidence:
    sensitive = submitter is not None and submitter.anonymity.is_protected
    captured_utc, captured_local, offset = _capture_time(meta)
    place = None
    serials: tuple[str, ...] = ()
    if meta is not None:
        if meta.gps_latitude is not None and meta.gps_longitude is not None:
            exact = GeoPoint(meta.gps_latitude, meta.gps_longitude)
            place = ExportPlace.published(
                namer.name(exact),
                exact=exact,
                decimals=None if sensitive else _PHOTO_DECIMALS,
                precision=PlacePrecision.LOCALITY if sensitive else PlacePrecision.VICINITY,
                sensitive=sensitive,
            )
        serials = tuple(
            s for s in (meta.body_serial_number, meta.lens_serial_number, meta.image_unique_id) if s.strip()
        )
    return ExportEvidence(
        evidence_id=f"E-{row.id}",
        sha256=row.sha256,
        kind=row.kind,
        relation=link.relation,
        caption=row.caption,
        captured_utc=captured_utc,
        captured_local=captured_local,
        capture_offset=offset,
        capture_place=place,
        findings=tuple(_finding(f, sensitive) for f in findings if f.family != "corroboration"),
        sensitive=sensitive,
        notes="\n\n".join(part for part in (row.notes, link.note) if part.strip()),
        original_name=row.original_name,
        device_serials=serials,
    )


def _audit_summary(session: Session, case_id: int, claim_ids: Collection[int]) -> tuple[str, ...]:
    """Counts of the case's audit entries, then the status and verdict changes of the claims."""
    counts: dict[str, int] = {}
    first: AuditEntryRow | None = None
    last: AuditEntryRow | None = None
    changes: list[str] = []
    # Oldest first; a case's history is thousands of entries at most, so one query reads it.
    for row in reversed(repo.audit_entries(session, case_id=case_id, limit=_AUDIT_ENTRIES_READ)):
        first = first or row
        last = row
        counts[row.action.value] = counts.get(row.action.value, 0) + 1
        if (
            row.action is not AuditAction.UPDATE
            or row.entity_type is not EntityType.CLAIM
            or row.entity_id not in claim_ids
            or not row.new_values
        ):
            continue
        new = json.loads(row.new_values)
        decided = {k: new[k] for k in ("status", "verdict", "credibility") if k in new}
        if decided:
            what = ", ".join(f"{k} → {v}" for k, v in decided.items())
            why = f": {row.reason}" if row.reason else ""
            changes.append(
                f"{row.at:%Y-%m-%d %H:%M} UTC · {row.actor} · claim C-{row.entity_id}: {what}{why}"
            )
    if first is None or last is None:
        return ()
    actions = ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
    lines = [
        f"{sum(counts.values())} audit entries for this case from {first.at:%Y-%m-%d} to "
        f"{last.at:%Y-%m-%d} (chain entries #{first.seq} to #{last.seq}): {actions}.",
        "The chain is hash-linked: each entry's SHA-256 covers the one before it.",
    ]
    if len(changes) > _AUDIT_CHANGES_SHOWN:
        lines.append(f"Latest {_AUDIT_CHANGES_SHOWN} of {len(changes)} status and verdict changes:")
    lines.extend(changes[-_AUDIT_CHANGES_SHOWN:])
    return tuple(lines)


_IDENTITY_NOTES = {
    IdentityState.SEALED: "The leak guard compared every output with the sealed identities of {names} "
    "(keyed fingerprints; no identity is shown or stored in the export).",
    IdentityState.ATTESTED: "The identities of {names} are attested by editors but not stored: the leak "
    "guard had nothing to compare them with. Check these names by hand.",
    IdentityState.NONE: "No identity is recorded for {names}: the leak guard had nothing to compare.",
    IdentityState.SHREDDED: "The identities of {names} were destroyed (crypto-shredded): nothing to compare.",
}


def _guard_notes(sources: Sequence[SourceRow]) -> list[str]:
    """Say which protected identities the leak guard could compare, and which it could not."""
    by_state: dict[IdentityState, list[str]] = {}
    for row in sources:
        if row.anonymity.is_protected:
            by_state.setdefault(row.identity_state, []).append(f"'{row.alias}'")
    return [
        template.format(names=", ".join(by_state[state]))
        for state, template in _IDENTITY_NOTES.items()
        if by_state.get(state)
    ]


def gather_case(
    session: Session,
    case_id: int,
    profile: Profile,
    *,
    claim_ids: Collection[int] | None = None,
    newsroom: str = "",
    report: CaseReport | None = None,
) -> GatheredCase:
    """Read a case into export snapshots (no thumbnails: those come from the vault afterwards).

    Args:
        session: one read transaction; everything is read in it, so the snapshot is consistent.
        case_id: the case.
        profile: who the export is for (findings and the audit summary are only gathered when
            it shows them).
        claim_ids: export only these claims (all of the case when None).
        newsroom: the newsroom's name (ClaimReview author).
        report: findings and corroboration, when the caller already has them; computed with
            :func:`verifier.services.crossref.case_report` when the profile needs them.

    Returns:
        The snapshot and the sealed protected sources the leak guard must cover.

    Raises:
        NotFound: no such case.
        InvalidInput: a chosen claim is not in the case.
    """
    case = repo.get(session, CaseRow, case_id)
    all_claims = repo.list_in_case(session, ClaimRow, case_id)
    if claim_ids is not None:
        known = {c.id for c in all_claims}
        missing = sorted(set(claim_ids) - known)
        if missing:
            listed = ", ".join(str(m) for m in missing)
            raise InvalidInput(f"Claim(s) {listed} are not in case {case_id}; nothing was exported.")
        if not claim_ids:
            raise InvalidInput("Choose at least one claim to export.")
    chosen = [c for c in all_claims if claim_ids is None or c.id in claim_ids]

    sources = {s.id: s for s in repo.list_in_case(session, SourceRow, case_id)}
    testimonies = {t.id: t for t in repo.list_in_case(session, TestimonyRow, case_id)}
    evidence = {e.id: e for e in repo.list_in_case(session, EvidenceRow, case_id)}
    metadata = {m.sha256: m for m in repo.photo_rows(session, sorted({e.sha256 for e in evidence.values()}))}
    places = repo.list_places(session)
    places_by_id = {p.id: p for p in places}
    namer = _PlaceNamer(places)

    needs_analysis = any(
        profile.includes(f)
        for f in (Field.EVIDENCE_FINDINGS, Field.CLAIM_INDEPENDENCE, Field.CLAIM_DISCREPANCIES)
    )
    if report is None and needs_analysis:
        report = crossref.case_report(session, case_id)
    findings = report.findings if report is not None else ()
    corroboration = {c.claim_id: c for c in report.corroboration} if report is not None else {}

    claims = []
    for claim in chosen:
        evidence_links = repo.rows_where(session, ClaimEvidenceRow, claim_id=claim.id)
        testimony_links = repo.rows_where(session, ClaimTestimonyRow, claim_id=claim.id)
        backing: dict[int, SourceRow] = {}
        for t_link in testimony_links:
            testimony = testimonies.get(t_link.testimony_id)
            if testimony is not None and testimony.source_id in sources:
                backing.setdefault(testimony.source_id, sources[testimony.source_id])
        items = []
        for e_link in evidence_links:
            row = evidence.get(e_link.evidence_id)
            if row is None:
                continue
            submitter = sources.get(row.submitted_by_id) if row.submitted_by_id is not None else None
            if submitter is not None:
                backing.setdefault(submitter.id, submitter)
            about = [f for f in findings if f.concerns("evidence", row.id)]
            items.append(_evidence(row, e_link, metadata.get(row.sha256), submitter, about, namer))
        protected = any(s.anonymity.is_protected for s in backing.values())
        count = corroboration.get(claim.id)
        domain_claim = claim.to_domain()
        discrepancies = tuple(
            _coarsen(f.explanation) if protected or any(i.sensitive for i in items) else f.explanation
            for f in findings
            if f.concerns("claim", claim.id)
            and f.family != "corroboration"
            and (f.severity is not Severity.INFO or _DISCREPANCY_RULE.search(f.rule))
        )
        claims.append(
            ExportClaim(
                ref=f"C-{claim.id}",
                statement=claim.statement,
                status=claim.status,
                verdict=claim.verdict,
                rationale=claim.rationale,
                credibility=claim.credibility,
                credibility_rationale=claim.credibility_rationale,
                when=domain_claim.when,
                where=_claim_place(claim, places_by_id, protected),
                quantities=domain_claim.quantities,
                supporting_origins=count.support_count if count is not None else 0,
                contradicting_origins=count.contradiction_count if count is not None else 0,
                corroboration=count.explanation if count is not None else "",
                sources=tuple(_export_source(s) for s in sorted(backing.values(), key=lambda s: s.id)),
                evidence=tuple(items),
                discrepancies=discrepancies,
            )
        )

    notes = _guard_notes(list(sources.values()))
    if report is None and needs_analysis:
        notes.append("Cross-reference findings were not available for this export.")
    audit = (
        _audit_summary(session, case_id, {c.id for c in chosen})
        if profile.includes(Field.AUDIT_SUMMARY)
        else ()
    )
    sealed = tuple(
        SealedSubject(s.id, s.uid, s.alias, sealing.source_subject(s.uid))
        for s in sources.values()
        if s.anonymity.is_protected and s.identity_state is IdentityState.SEALED
    )
    snapshot = ExportCase(
        title=case.title,
        summary=case.summary,
        newsroom=newsroom,
        generated_at=datetime.now().astimezone(),
        app_version=__version__,
        claims=tuple(claims),
        reader_versions=tuple(sorted({("metadata reader", m.reader_version) for m in metadata.values()})),
        audit_summary=audit,
        notes=tuple(notes),
    )
    return GatheredCase(snapshot, sealed)


# --- leak-guard keys -------------------------------------------------------------------------


def _holder_record(session: Session, holder_id: str) -> HolderRecord:
    row = session.get(KeyHolderRow, holder_id)
    if row is None:
        raise InvalidInput(
            f"'{holder_id}' holds no key in this workspace, so cannot unlock the export leak guard; "
            "enrol them with 'verifier keys enroll'."
        )
    return HolderRecord.from_bytes(row.record.encode("utf-8"))


def _keyring(uow: UnitOfWork, holder: sealing.UnlockedHolder) -> KeyRing:
    """The workspace leak-guard key ring: created on first need, extended to new holders.

    Holders enrolled after the ring was made are not in it. Rather than asking someone to run a
    separate grant, every unlock by an entitled holder re-wraps the secret for each enrolled
    holder still missing (audited as a grant): the ring was created for *all* holders, and this
    keeps it so. A holder who is not in the ring yet is told who can bring them in.
    """
    session = uow.session
    holders = {r.holder_id: r for r in repo.key_holders(session)}
    records = {name: HolderRecord.from_bytes(r.record.encode("utf-8")) for name, r in holders.items()}
    row = session.get(WorkspaceMetaRow, KEYRING_META_KEY)
    if row is None:
        ring = sealing.create_workspace_secret(workspace_id(session), list(records.values()))
        row = WorkspaceMetaRow(key=KEYRING_META_KEY, value=ring.to_bytes().decode("utf-8"))
        session.add(row)
        session.flush()
        uow.audit.record(
            AuditAction.CREATE,
            EntityType.KEY_HOLDER,
            0,
            case_id=None,
            new={"leak_guard_keyring": "created", "holders": sorted(ring.holders)},
        )
        return ring
    ring = KeyRing.from_bytes(row.value.encode("utf-8"))
    if holder.holder_id not in ring.holders:
        raise InvalidInput(
            f"'{holder.holder_id}' was enrolled after the export leak guard was set up and cannot unlock "
            f"it yet. An export by one of {', '.join(sorted(ring.holders))} extends it to every enrolled "
            "holder."
        )
    missing = sorted(name for name in records if name not in ring.holders)
    for name in missing:
        ring = sealing.grant(holder, ring, records[name])
        uow.audit.record(
            AuditAction.GRANT,
            EntityType.KEY_HOLDER,
            0,
            case_id=None,
            new={"holder": name, "key": "leak guard", "granted_by": holder.holder_id},
        )
    if missing:
        row.value = ring.to_bytes().decode("utf-8")
        session.flush()
    return ring


def _identity_values(fields: Mapping[str, Secret[str]]) -> list[Secret[str]]:
    return [value for name, value in fields.items() if not _NOTE_FIELDS.search(name)]


def _fingerprints(
    ws: Workspace, case_id: int, sealed: Sequence[SealedSubject], holder_id: str, passphrase: Secret[str]
) -> tuple[LeakGuardKey, list[IdentityFingerprints]]:
    """Unlock the leak guard and fingerprint every sealed protected identity (audited unseals).

    Access is checked for every source before any identity is opened, so a refusal opens none.

    Raises:
        InvalidInput: unknown holder, or a holder who cannot open one of the identities.
        WrongPassphrase: nothing is opened and nothing is recorded.
    """
    with ws.transaction() as uow:
        check_own_holder(uow, holder_id)
        unlocked = sealing.unlock_holder(_holder_record(uow.session, holder_id), passphrase)
        try:
            ring = _keyring(uow, unlocked)
            sealed_rows: list[tuple[SealedSubject, KeyRing, IdentityRecord]] = []
            closed: list[str] = []
            for subject in sealed:
                seal_row = uow.session.get(SourceSealRow, subject.source_id)
                ring_row = uow.session.get(SourceKeyringRow, subject.source_id)
                if seal_row is None or ring_row is None:
                    raise ExportRefused(
                        f"Export refused: the sealed identity of source '{subject.alias}' is missing from "
                        "the database, so it cannot be checked; nothing was written."
                    )
                source_ring = KeyRing.from_bytes(ring_row.keyring.encode("utf-8"))
                if unlocked.holder_id not in source_ring.holders:
                    closed.append(f"'{subject.alias}'")
                sealed_rows.append(
                    (subject, source_ring, IdentityRecord.from_bytes(seal_row.identity.encode("utf-8")))
                )
            if closed:
                raise InvalidInput(
                    f"'{holder_id}' cannot open the sealed identity of {', '.join(closed)}, so the leak "
                    "guard cannot check for it. Export as a holder who can (see 'verifier keys')."
                )
            key = sealing.unlock_leak_guard(unlocked, ring)
            prints = []
            for subject, source_ring, record in sealed_rows:
                # Recorded before the identity is opened, like every unseal (same shape as
                # services.identities.unseal_identity); the values never leave this loop.
                uow.audit.record(
                    AuditAction.UNSEAL,
                    EntityType.SOURCE,
                    subject.source_id,
                    case_id=case_id,
                    new={"holder": holder_id, "purpose": "export leak guard fingerprints"},
                    reason=LEAK_CHECK_REASON,
                )
                fields = sealing.unseal_identity(unlocked, source_ring, record, source_id=subject.uid)
                try:
                    prints.append(
                        sealing.fingerprint_identity(key, subject.subject, _identity_values(fields))
                    )
                finally:
                    for value in fields.values():
                        value.wipe()
        except NoAccess as exc:
            raise InvalidInput(f"'{holder_id}' cannot unlock the export leak guard: {exc}") from exc
        finally:
            unlocked.lock()
    return key, prints


# --- images ----------------------------------------------------------------------------------


def _with_thumbnails(
    ws: Workspace,
    case: ExportCase,
    progress: ProgressFn | None,
    cancel: _Cancel | None,
) -> tuple[ExportCase, list[str]]:
    """Add sanitized thumbnails (from the vault originals) to every photo; notes for failures."""
    photos: dict[str, ExportEvidence] = {}
    for claim in case.claims:
        for item in claim.evidence:
            if item.kind is EvidenceKind.PHOTO:
                photos.setdefault(item.sha256, item)
    made: dict[str, bytes | None] = {}
    failed: list[str] = []

    def one(item: ExportEvidence) -> bytes | None:
        if _cancelled(cancel):
            return None
        try:
            return sanitized_thumbnail(ws.vault.read_bytes(item.sha256), label=f"evidence {item.evidence_id}")
        except (UnreadableImage, UnsupportedFormat, ImageTooLarge, NotFound) as exc:
            log.warning("No thumbnail for evidence %s: %s", item.evidence_id, type(exc).__name__)
            failed.append(item.evidence_id)
            return None

    total = len(photos)
    # Pillow releases the GIL while decoding and resizing, so threads scale here.
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        futures = {pool.submit(one, item): sha for sha, item in photos.items()}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            made[futures[future]] = future.result()
            if progress is not None and (done == total or done % 25 == 0):
                progress(done, total, "Sanitizing thumbnails")
    if _cancelled(cancel):
        raise Cancelled("The export was cancelled; nothing was written.")
    claims = tuple(
        replace(
            claim,
            evidence=tuple(
                replace(item, thumbnail_jpeg=made.get(item.sha256)) if item.sha256 in made else item
                for item in claim.evidence
            ),
        )
        for claim in case.claims
    )
    notes = [f"No thumbnail could be made for evidence {', '.join(sorted(set(failed)))}."] if failed else []
    return replace(case, claims=claims), notes


# --- the use case ----------------------------------------------------------------------------


def export_case(
    ws: Workspace,
    case_id: int,
    destination: Path,
    *,
    profile: str,
    formats: Iterable[str | Format],
    claim_ids: Collection[int] | None = None,
    holder: str | None = None,
    passphrase: Secret[str] | None = None,
    pdf_renderer: PdfRenderer | None = None,
    progress: ProgressFn | None = None,
    cancel: _Cancel | None = None,
    report: CaseReport | None = None,
    timings: dict[str, float] | None = None,
) -> ExportManifest:
    """Export a case (or some of its claims) to a new folder, behind the leak guard, and audit it.

    Args:
        ws: the workspace.
        case_id: the case.
        destination: the export folder to create; it must not exist.
        profile: "public", "partner", "legal" or "internal".
        formats: "html", "pdf", "md", "csv", "claimreview".
        claim_ids: only these claims (all when None).
        holder: the key holder who unlocks the leak guard; required when a protected source of
            the case has a sealed identity.
        passphrase: that holder's passphrase (the caller wipes it).
        pdf_renderer: the ui's Qt renderer (``ui.pdf.render_pdf``), required for "pdf".
        progress: called with (done, total, what) between steps.
        cancel: an event (or a callable) checked between steps; nothing is written once set.
        report: cross-reference findings when the caller has them already.
        timings: when given, seconds per phase are added to it.

    Returns:
        The manifest of the files written (also recorded in the audit log).

    Raises:
        InvalidInput: unknown profile, format or claim; PDF without renderer; sealed identities
            and no holder; a holder who cannot open them. Nothing is written or recorded.
        WrongPassphrase: nothing is written or recorded.
        ExportRefused: the leak guard found a leak; nothing is written (the unsealing done for
            the check is audited).
        Conflict: the destination exists.
        Cancelled: stopped by the user; nothing is written.
    """
    ws.access().require(Permission.EXPORT)
    chosen = get_profile(profile)
    wanted = parse_formats(formats)
    if Format.PDF in wanted and pdf_renderer is None:
        raise InvalidInput("A PDF export needs the PDF renderer of the user interface.")
    if destination.exists():
        raise InvalidInput(f"{destination} already exists: choose a new folder for the export.")
    steps = 5

    def step(done: int, what: str) -> None:
        if _cancelled(cancel):
            raise Cancelled("The export was cancelled; nothing was written.")
        if progress is not None:
            progress(done, steps, what)

    step(0, "Reading the case")
    with ws.reading() as session:
        gathered = gather_case(
            session, case_id, chosen, claim_ids=claim_ids, newsroom=ws.settings.newsroom, report=report
        )

    key: LeakGuardKey | None = None
    prints: list[IdentityFingerprints] = []
    if gathered.sealed:
        if holder is None or passphrase is None:
            aliases = ", ".join(f"'{s.alias}'" for s in gathered.sealed)
            log.warning("Export of case %d refused: sealed identities and no key holder", case_id)
            raise InvalidInput(
                f"This case has sealed identities ({aliases}): the export must be checked against them. "
                "Give a key holder and their passphrase to unlock the leak guard; nothing was exported."
            )
        step(1, "Unlocking the leak guard")
        key, prints = _fingerprints(ws, case_id, gathered.sealed, holder, passphrase)

    case = gathered.case
    if chosen.includes(Field.EVIDENCE_THUMBNAIL):
        step(2, "Sanitizing thumbnails")
        case, notes = _with_thumbnails(ws, case, progress, cancel)
        if notes:
            case = replace(case, notes=case.notes + tuple(notes))

    recorded: list[ExportManifest] = []

    def record(manifest: ExportManifest) -> None:
        # Recorded once every file is on disk and before the folder takes its name: a crash in
        # between leaves a recorded export under a ``.partial`` name, never an unrecorded one.
        # Should this transaction fail, the writer removes the files again.
        step(4, "Recording the export")
        with ws.transaction() as uow:
            uow.audit.record(
                AuditAction.EXPORT,
                EntityType.CASE,
                case_id,
                case_id=case_id,
                new={
                    **manifest.to_audit(),
                    "formats": [f.value for f in wanted],
                    "leak_guard": {"sealed_identities_checked": len(prints)},
                },
            )
        recorded.append(manifest)

    step(3, "Rendering and checking")
    try:
        guard = ExportGuard(case, key=key, fingerprints=prints)
        manifest = pipeline.export_case(
            destination,
            case,
            chosen,
            wanted,
            guard,
            originals=lambda item: ws.vault.read_bytes(item.sha256),
            pdf=pdf_renderer,
            timings=timings,
            before_publish=record,
        )
    except ExportRefused:
        log.warning("Export of case %d (%s) refused by the leak guard; nothing written", case_id, chosen.name)
        raise
    except StorageError as exc:
        if not recorded:
            raise
        # The rename failed after the record was committed (the folder appeared meanwhile, say).
        raise StorageError(
            f"{exc} The audit log records this export although its folder was not put in place."
        ) from exc
    if progress is not None:
        progress(steps, steps, "Done")
    log.info("Exported case %d (%s, %d files) to %s", case_id, chosen.name, len(manifest.files), destination)
    return manifest
