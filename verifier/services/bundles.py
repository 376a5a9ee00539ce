"""Use cases for case bundles: newsroom keys and cards, trusted senders, export, import.

Export reads the case in one read transaction, streams the originals from the vault into the
encrypted bundle (one chunk in memory at a time), writes the file atomically, then records the
export in the audit log (the file is removed again if that fails).

Import checks the whole file and its signature first (nothing is decrypted before), then the
recipient and the sender's trust, then decrypts: the records are read and checked, each original
is staged in the vault's temporary area and its SHA-256 compared with the records, the carried
audit chain is verified; only then one transaction inserts every record under new ids, keeps the
sender's chain as received, records the import in the local audit log, and links the staged
originals into the vault. Any failure before that discards the staged files: nothing is imported.

Workspace-wide values live in ``workspace_meta`` (no table of their own):

- ``bundle-keys``: this newsroom's keys (:class:`verifier.bundles.keys.NewsroomKeys`);
- ``bundle-trust:<fingerprint>``: a trusted sender's card;
- ``bundle-import:<bundle id>``: an imported bundle: sender, local case, the sender's chain;
- ``bundle-origin:<digest>``: which local case a sender's case became (so it is never duplicated).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.bundles import chain as chains
from verifier.bundles.container import (
    BundleCheck,
    BundleWriter,
    PlaintextReader,
    check_bundle,
    entry_head,
    read_entry,
)
from verifier.bundles.errors import BundleRefused
from verifier.bundles.keys import NewsroomCard, NewsroomKeys, create_keys, format_fingerprint, unlock_keys
from verifier.bundles.records import RECORDS_FORMAT, RENUMBERED, TABLES, TABLES_BY_KEY, Table, decode_values
from verifier.bundles.records import row_to_dict as _row_dict
from verifier.domain import AuditAction, EntityType
from verifier.errors import Cancelled, Conflict, InvalidInput, NotFound, SealFormatError, VaultError
from verifier.permissions import Permission
from verifier.sealing import DEFAULT_COST, DEFAULT_KEM, KdfCost, Kem, Secret
from verifier.services._common import create_rows
from verifier.services.identities import workspace_id
from verifier.services.workspace import Workspace
from verifier.storage import repositories as repo
from verifier.storage.audit import format_time as audit_time
from verifier.storage.models import (
    AuditEntryRow,
    Base,
    CaseRow,
    ClaimQuantityRow,
    ClaimRow,
    EvidenceRow,
    IdentifiedRow,
    PhotoMetadataRow,
    PlaceAliasRow,
    PlaceRow,
    SourceRow,
    TestimonyRow,
    WorkspaceMetaRow,
)
from verifier.storage.unit_of_work import UnitOfWork
from verifier.storage.vault import StagedBlob, check_sha256

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelFn = threading.Event | Callable[[], bool]

KEYS_META_KEY = "bundle-keys"
TRUST_PREFIX = "bundle-trust:"
IMPORT_PREFIX = "bundle-import:"
ORIGIN_PREFIX = "bundle-origin:"
TAG_RECORDS = b"R"
TAG_FILE = b"F"
TAG_END = b"Z"
_READ = 1 << 20
_MAX_RECORDS_BYTES = 1 << 30
_IN_BATCH = 500


def _cancelled(cancel: CancelFn | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else cancel()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- keys, cards, trust -----------------------------------------------------------------------


@dataclass(frozen=True)
class Newsroom:
    """A newsroom as shown to users: name and fingerprint, never key material."""

    name: str
    fingerprint: str
    workspace_id: str
    created_at: str

    @classmethod
    def of(cls, card: NewsroomCard) -> Newsroom:
        return cls(card.name, format_fingerprint(card.fingerprint), card.workspace_id, card.created_at)


def _own_keys(session: Session) -> NewsroomKeys:
    row = session.get(WorkspaceMetaRow, KEYS_META_KEY)
    if row is None:
        raise NotFound(
            "This workspace has no bundle keys yet: create them with 'verifier bundle keys create NAME'."
        )
    return NewsroomKeys.from_bytes(row.value)


def create_newsroom_keys(
    uow: UnitOfWork,
    name: str,
    passphrase: Secret[str],
    *,
    cost: KdfCost | None = None,
    kem: Kem | None = None,
) -> Newsroom:
    """Give this workspace its bundle keys (encryption and signing), locked by a passphrase.

    Raises:
        Conflict: the workspace has keys already.
        InvalidInput: empty name, short passphrase.
    """
    uow.require(Permission.MANAGE_KEYS)
    if uow.session.get(WorkspaceMetaRow, KEYS_META_KEY) is not None:
        raise Conflict("This workspace already has bundle keys; its card is 'verifier bundle keys card'.")
    keys = create_keys(
        name,
        workspace_id(uow.session),
        passphrase,
        cost=cost or DEFAULT_COST,
        kem=kem or DEFAULT_KEM,
    )
    uow.session.add(WorkspaceMetaRow(key=KEYS_META_KEY, value=keys.to_bytes().decode("ascii")))
    uow.session.flush()
    uow.audit.record(
        AuditAction.CREATE,
        EntityType.KEY_HOLDER,
        0,
        case_id=None,
        new={"bundle_keys": keys.card.name, "fingerprint": keys.card.fingerprint},
    )
    return Newsroom.of(keys.card)


def own_card(session: Session) -> NewsroomCard:
    """This workspace's public card."""
    return _own_keys(session).card


def _trusted(session: Session) -> dict[str, NewsroomCard]:
    rows = session.scalars(select(WorkspaceMetaRow).where(WorkspaceMetaRow.key.startswith(TRUST_PREFIX)))
    return {row.key[len(TRUST_PREFIX) :]: NewsroomCard.from_dict(json.loads(row.value)) for row in rows}


def trusted_senders(session: Session) -> list[Newsroom]:
    """The partners whose bundles are accepted, by name."""
    return sorted((Newsroom.of(card) for card in _trusted(session).values()), key=lambda n: n.name)


def trust_sender(uow: UnitOfWork, card: NewsroomCard | str) -> Newsroom:
    """Accept bundles signed with this card's key (compare its fingerprint with the partner first).

    Raises:
        InvalidInput: not a card, or a damaged one.
        Conflict: already trusted.
    """
    uow.require(Permission.MANAGE_KEYS)
    parsed = NewsroomCard.from_text(card) if isinstance(card, str) else card
    key = TRUST_PREFIX + parsed.fingerprint
    if uow.session.get(WorkspaceMetaRow, key) is not None:
        raise Conflict(f"'{parsed.name}' ({format_fingerprint(parsed.fingerprint)}) is already trusted.")
    uow.session.add(WorkspaceMetaRow(key=key, value=json.dumps(parsed.to_dict(), sort_keys=True)))
    uow.session.flush()
    uow.audit.record(
        AuditAction.CREATE,
        EntityType.KEY_HOLDER,
        0,
        case_id=None,
        new={"trusted_sender": parsed.name, "fingerprint": parsed.fingerprint},
    )
    return Newsroom.of(parsed)


def distrust_sender(uow: UnitOfWork, fingerprint: str, reason: str) -> Newsroom:
    """Stop accepting a partner's bundles (those already imported stay).

    Raises:
        NotFound: no trusted sender has this fingerprint.
    """
    uow.require(Permission.MANAGE_KEYS)
    wanted = fingerprint.replace(" ", "").lower()
    row = uow.session.get(WorkspaceMetaRow, TRUST_PREFIX + wanted)
    if row is None:
        raise NotFound(f"No trusted sender has the fingerprint {fingerprint}.")
    card = NewsroomCard.from_dict(json.loads(row.value))
    uow.session.delete(row)
    uow.session.flush()
    uow.audit.record(
        AuditAction.DELETE,
        EntityType.KEY_HOLDER,
        0,
        case_id=None,
        old={"trusted_sender": card.name, "fingerprint": card.fingerprint},
        reason=reason.strip() or None,
    )
    return Newsroom.of(card)


# --- export -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleExport:
    """What an export wrote (also recorded in the audit log)."""

    path: str
    bundle_id: str
    case_id: int
    title: str
    sender: Newsroom
    recipient: Newsroom
    records: dict[str, int]
    originals: int
    size: int
    sha256: str
    seconds: float

    def to_audit(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle_id,
            "file": Path(self.path).name,
            "sha256": self.sha256,
            "size": self.size,
            "to": self.recipient.name,
            "recipient_fingerprint": self.recipient.fingerprint.replace(" ", ""),
            "records": self.records,
            "originals": self.originals,
        }


def _in_batches(session: Session, model: type[Base], column: str, values: Iterable[Any]) -> list[Any]:
    items = sorted(set(values))
    rows: list[Any] = []
    col = model.__table__.c[column]
    for start in range(0, len(items), _IN_BATCH):
        rows += session.scalars(select(model).where(col.in_(items[start : start + _IN_BATCH])))
    return rows


def _ids(rows: Iterable[Any]) -> list[int]:
    return [row.id for row in rows]


@dataclass
class _Gathered:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[str, int]] = field(default_factory=list)
    title: str = ""


def _gather(session: Session, case_id: int, vault_size: Callable[[str], int]) -> _Gathered:
    """Everything the bundle carries about a case, read in the caller's one transaction."""
    case = repo.get(session, CaseRow, case_id)
    rows: dict[str, list[Any]] = {"case": [case]}
    rows["sources"] = repo.list_in_case(session, SourceRow, case_id)
    source_ids = _ids(rows["sources"])
    for key in ("source_grades", "source_attestations", "source_seals", "source_keyrings"):
        rows[key] = _in_batches(session, TABLES_BY_KEY[key].model, "source_id", source_ids)
    rows["source_relationships"] = repo.relationships_in_case(session, case_id)
    rows["testimonies"] = repo.list_in_case(session, TestimonyRow, case_id)
    testimony_ids = _ids(rows["testimonies"])
    for key in ("testimony_revisions", "testimony_attachments"):
        rows[key] = _in_batches(session, TABLES_BY_KEY[key].model, "testimony_id", testimony_ids)
    rows["claims"] = repo.list_in_case(session, ClaimRow, case_id)
    claim_ids = _ids(rows["claims"])
    rows["claim_quantities"] = [q for claim in rows["claims"] for q in claim.quantities]
    rows["evidence"] = repo.list_in_case(session, EvidenceRow, case_id)
    for key in ("claim_evidence", "claim_claims", "claim_testimonies"):
        rows[key] = _in_batches(session, TABLES_BY_KEY[key].model, "claim_id", claim_ids)
    place_ids = {r.place_id for r in rows["testimonies"] + rows["claims"] if r.place_id is not None}
    rows["places"] = _in_batches(session, PlaceRow, "id", place_ids)
    rows["place_aliases"] = [alias for place in rows["places"] for alias in place.aliases]
    hashes = {e.sha256 for e in rows["evidence"]} | {a.sha256 for a in rows["testimony_attachments"]}
    rows["photo_metadata"] = _in_batches(session, PhotoMetadataRow, "sha256", hashes)
    gathered = _Gathered(title=case.title)
    for table in TABLES:
        items = sorted(rows[table.key], key=_primary_key)
        gathered.tables[table.key] = [_row_dict(row) for row in items]
    gathered.files = [(sha, vault_size(sha)) for sha in sorted(hashes)]
    gathered.audit = _case_chain(session, case_id)
    return gathered


def _primary_key(row: Any) -> tuple[Any, ...]:
    """A row's primary key, to write records in a stable order."""
    mapper = row.__mapper__
    return tuple(getattr(row, column.key) for column in mapper.primary_key)


def _case_chain(session: Session, case_id: int) -> list[dict[str, Any]]:
    """The case's audit entries in full and, between them, the other entries' hashes only."""
    first, last = session.execute(
        select(func.min(AuditEntryRow.seq), func.max(AuditEntryRow.seq)).where(
            AuditEntryRow.case_id == case_id
        )
    ).one()
    if first is None:
        return []
    carried: list[dict[str, Any]] = []
    after = first - 1
    while after < last:
        batch = list(
            session.scalars(
                select(AuditEntryRow)
                .where(AuditEntryRow.seq > after, AuditEntryRow.seq <= last)
                .order_by(AuditEntryRow.seq)
                .limit(2000)
            )
        )
        if not batch:
            break
        for row in batch:
            if row.case_id == case_id:
                carried.append(
                    chains.full_entry(
                        {
                            "seq": row.seq,
                            "at": audit_time(row.at),
                            "actor": row.actor,
                            "action": row.action.value,
                            "entity_type": row.entity_type.value,
                            "entity_id": row.entity_id,
                            "case_id": row.case_id,
                            "old_values": row.old_values,
                            "new_values": row.new_values,
                            "reason": row.reason,
                            "prev_hash": row.prev_hash,
                            "entry_hash": row.entry_hash,
                        }
                    )
                )
            else:
                carried.append(chains.withheld_entry(row.seq, row.prev_hash, row.entry_hash))
        after = batch[-1].seq
    return carried


class _HashingFile:
    """A file wrapper hashing what is written."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self._out.write(data)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def export_bundle(
    ws: Workspace,
    case_id: int,
    recipient: NewsroomCard | str,
    destination: Path,
    passphrase: Secret[str],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BundleExport:
    """Write a case, its originals, its audit entries and its sealed identities (still sealed) to
    one bundle encrypted for ``recipient`` and signed with this workspace's key.

    Args:
        ws: the workspace.
        case_id: the case.
        recipient: the receiving newsroom's card (or its text).
        destination: the bundle file to create; it must not exist.
        passphrase: the passphrase of this workspace's bundle keys (to sign).
        progress: called with (done, total, what): one step per original.
        cancel: checked between originals; nothing is written once set.

    Returns:
        What was written.

    Raises:
        NotFound: no such case, or no bundle keys.
        WrongPassphrase, InvalidInput (a bad card or destination), Conflict (the file exists),
        VaultError (an original is missing or altered), Cancelled. Nothing is left behind.
    """
    ws.access().require(Permission.EXPORT)
    started = time.monotonic()
    card = NewsroomCard.from_text(recipient) if isinstance(recipient, str) else recipient
    if destination.exists():
        raise Conflict(f"{destination} already exists: choose a new file name for the bundle.")
    if not destination.parent.is_dir():
        raise InvalidInput(f"The folder {destination.parent} does not exist.")
    with ws.reading() as session:
        keys = _own_keys(session)
        sender_workspace = workspace_id(session)
        gathered = _gather(session, case_id, lambda sha: ws.vault.path_for(sha).stat().st_size)
        schema = ws.schema.current or ""
    report = chains.verify_chain(gathered.audit, case_id)
    if not report.ok:
        raise Conflict(
            "The case's audit entries do not verify here, so the bundle would be refused: "
            + " ".join(report.problems)
            + " Run 'verifier audit verify'."
        )
    unlocked = unlock_keys(keys, passphrase)
    total = len(gathered.files) + 1
    records = {
        "type": "case-records",
        "v": RECORDS_FORMAT,
        "schema": schema,
        "exported_at": _now(),
        "origin": {"workspace": sender_workspace, "case_id": case_id},
        "tables": gathered.tables,
        "audit": gathered.audit,
        "files": [{"sha256": sha, "size": size} for sha, size in gathered.files],
    }
    records_bytes = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as exc:
        raise InvalidInput(f"Cannot write in {destination.parent}: {exc.strerror}.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            out = _HashingFile(raw)
            writer = BundleWriter(out, unlocked, card)
            writer.write(entry_head(TAG_RECORDS, {"name": "records.json"}, len(records_bytes)))
            writer.write(records_bytes)
            del records_bytes
            for done, (sha, size) in enumerate(gathered.files, start=1):
                if _cancelled(cancel):
                    raise Cancelled("The bundle export was cancelled; nothing was written.")
                if progress is not None:
                    progress(done, total, sha[:12])
                _copy_original(ws, writer, sha, size)
            writer.write(entry_head(TAG_END, {"files": len(gathered.files)}, 0))
            summary = writer.finish()
            raw.flush()
            os.fsync(raw.fileno())
        try:
            os.link(temp, destination)  # never replaces a file that appeared meanwhile
        except FileExistsError:
            raise Conflict(f"{destination} already exists: choose a new file name for the bundle.") from None
    finally:
        unlocked.lock()
        temp.unlink(missing_ok=True)
    _fsync_dir(destination.parent)
    result = BundleExport(
        path=str(destination),
        bundle_id=summary.bundle_id,
        case_id=case_id,
        title=gathered.title,
        sender=Newsroom.of(keys.card),
        recipient=Newsroom.of(card),
        records={key: len(items) for key, items in gathered.tables.items() if items},
        originals=len(gathered.files),
        size=summary.size,
        sha256=out.digest.hexdigest(),
        seconds=round(time.monotonic() - started, 3),
    )
    try:
        with ws.transaction() as uow:
            uow.audit.record(
                AuditAction.EXPORT, EntityType.CASE, case_id, case_id=case_id, new=result.to_audit()
            )
    except BaseException:
        destination.unlink(missing_ok=True)  # a bundle nobody can account for must not exist
        raise
    if progress is not None:
        progress(total, total, "Done")
    log.info("Exported case %d as bundle %s to %s", case_id, summary.bundle_id, card.name)
    return result


def _copy_original(ws: Workspace, writer: BundleWriter, sha: str, size: int) -> None:
    writer.write(entry_head(TAG_FILE, {"sha256": sha}, size))
    digest = hashlib.sha256()
    copied = 0
    with ws.vault.open(sha) as fh:
        while copied < size and (piece := fh.read(min(_READ, size - copied))):
            digest.update(piece)
            writer.write(piece)
            copied += len(piece)
    if copied != size or digest.hexdigest() != sha:
        raise VaultError(
            f"The original {sha} in the vault no longer matches its SHA-256; nothing was exported. "
            "Run 'verifier vault verify'."
        )


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleOrigin:
    """Who made a bundle and for whom, established by checking its signature (nothing decrypted)."""

    path: str
    bundle_id: str
    created_at: str
    sender: Newsroom
    trusted: bool
    recipient: Newsroom | None
    recipient_name: str
    recipient_fingerprint: str
    for_this_workspace: bool
    size: int
    chunks: int

    def describe(self) -> str:
        state = "trusted" if self.trusted else "NOT trusted"
        return f"signed by '{self.sender.name}', fingerprint {self.sender.fingerprint}, {state}"


@dataclass(frozen=True)
class BundleImport:
    """What an import stored."""

    origin: BundleOrigin
    case_id: int
    title: str
    records: dict[str, int]
    places_matched: int
    originals: int
    originals_new: int
    sender_chain: chains.ChainReport
    seconds: float


def _origin(ws: Workspace, path: Path, check: BundleCheck) -> BundleOrigin:
    header = check.header
    with ws.reading() as session:
        trusted = header.sender.fingerprint in _trusted(session)
        row = session.get(WorkspaceMetaRow, KEYS_META_KEY)
        own = NewsroomKeys.from_bytes(row.value).card if row is not None else None
    return BundleOrigin(
        path=str(path),
        bundle_id=header.bundle_id,
        created_at=header.created_at,
        sender=Newsroom.of(header.sender),
        trusted=trusted,
        recipient=Newsroom.of(own)
        if own is not None and own.fingerprint == header.recipient_fingerprint
        else None,
        recipient_name=header.recipient_name,
        recipient_fingerprint=format_fingerprint(header.recipient_fingerprint),
        for_this_workspace=own is not None and own.fingerprint == header.recipient_fingerprint,
        size=check.file_size,
        chunks=check.chunks,
    )


def _open_bundle(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InvalidInput(f"Cannot read the bundle {path}: {exc.strerror or exc}.") from exc


def _check(path: Path, fh: IO[bytes], progress: ProgressFn | None, cancel: CancelFn | None) -> BundleCheck:
    size = os.fstat(fh.fileno()).st_size
    megabytes = max(1, size >> 20)

    def on_chunk(offset: int) -> None:
        if progress is not None:
            progress(min(offset >> 20, megabytes), megabytes, "Checking the signature")

    return check_bundle(fh, cancel=lambda: _cancelled(cancel), progress=on_chunk)


def inspect_bundle(ws: Workspace, path: Path, *, cancel: CancelFn | None = None) -> BundleOrigin:
    """Check a bundle's integrity and signature and say who made it; needs no passphrase.

    Raises:
        BundleRefused: damaged, truncated or altered.
    """
    with _open_bundle(path) as fh:
        check = _check(path, fh, None, cancel)
    return _origin(ws, path, check)


@dataclass
class _Received:
    records: dict[str, Any]
    staged: dict[str, StagedBlob]


def _read_content(
    ws: Workspace, reader: PlaintextReader, progress: ProgressFn | None, cancel: CancelFn | None
) -> _Received:
    """Decrypt the content: the records, then each original (staged in the vault, not stored)."""
    tag, meta, length = read_entry(reader)
    if tag != TAG_RECORDS:
        raise BundleRefused("The bundle's content is damaged: it does not start with its records.")
    if length > _MAX_RECORDS_BYTES:
        raise BundleRefused(f"The bundle's records declare {length} bytes, more than this app reads.")
    try:
        records = json.loads(reader.read_exact(length, "its records"))
    except (ValueError, UnicodeDecodeError):
        raise BundleRefused("The bundle's records are damaged: they are not JSON.") from None
    if not isinstance(records, dict) or records.get("type") != "case-records":
        raise BundleRefused("The bundle's records are damaged: they are not case records.")
    if records.get("v") != RECORDS_FORMAT:
        raise BundleRefused(
            f"The bundle's records are in format {records.get('v')!r}; this version reads format "
            f"{RECORDS_FORMAT}. Update Source Verifier."
        )
    declared = records.get("files")
    if not isinstance(declared, list):
        raise BundleRefused("The bundle's records are damaged: the list of originals is missing.")
    expected: dict[str, int] = {}
    for item in declared:
        try:
            expected[check_sha256(str(item["sha256"]))] = int(item["size"])
        except (KeyError, TypeError, ValueError, InvalidInput):
            raise BundleRefused(
                "The bundle's records are damaged: an original is listed without its hash."
            ) from None
    staged: dict[str, StagedBlob] = {}
    received = _Received(records, staged)
    try:
        total = len(expected) + 1
        while True:
            if _cancelled(cancel):
                raise Cancelled("The bundle import was cancelled; nothing was imported.")
            tag, meta, length = read_entry(reader)
            if tag == TAG_END:
                break
            if tag != TAG_FILE:
                raise BundleRefused(f"The bundle's content is damaged: unknown entry {tag!r}.")
            sha = str(meta.get("sha256", ""))
            if sha not in expected or sha in staged:
                raise BundleRefused(
                    f"The bundle carries an original ({sha[:16]}…) its records do not list, or twice."
                )
            if length != expected[sha]:
                raise BundleRefused(
                    f"The original {sha} is {length} bytes in the bundle; its records say {expected[sha]}."
                )
            if progress is not None:
                progress(len(staged) + 1, total, sha[:12])
            # One original in memory at a time: the vault's staging API takes bytes.
            data = reader.read_exact(length, f"the original {sha}")
            blob = ws.vault.stage_bytes(data, label=f"bundle original {sha[:12]}")
            staged[sha] = blob
            if blob.sha256 != sha:
                raise BundleRefused(
                    f"The original listed as {sha} does not match its SHA-256 (it hashes to "
                    f"{blob.sha256}): it was altered before it was signed."
                )
        missing = sorted(set(expected) - set(staged))
        if missing:
            raise BundleRefused(
                f"The bundle lacks {len(missing)} original(s) its records list, e.g. {missing[0]}."
            )
        if not reader.at_end():
            raise BundleRefused("The bundle's content is damaged: data follows its last entry.")
    except BaseException:
        _discard(ws, staged.values())
        raise
    return received


def _discard(ws: Workspace, staged: Iterable[StagedBlob]) -> None:
    for blob in staged:
        ws.vault.discard(blob)


def _origin_key(sender_workspace: str, case_id: int) -> str:
    return ORIGIN_PREFIX + hashlib.sha256(f"{sender_workspace}\0{case_id}".encode()).hexdigest()[:40]


@dataclass
class _Plan:
    """The carried records, decoded and checked, with their references resolved in the bundle."""

    values: dict[str, list[dict[str, Any]]]
    origin_workspace: str
    origin_case: int
    chain: list[dict[str, Any]]
    report: chains.ChainReport


def _plan(records: dict[str, Any], staged: dict[str, StagedBlob]) -> _Plan:
    tables = records.get("tables")
    origin = records.get("origin")
    if not isinstance(tables, dict) or not isinstance(origin, dict):
        raise BundleRefused("The bundle's records are damaged: the tables or their origin are missing.")
    unknown = sorted(set(tables) - set(TABLES_BY_KEY))
    if unknown:
        raise BundleRefused(
            f"The bundle carries records this version does not know ({', '.join(unknown)}): update the app."
        )
    values: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        items = tables.get(table.key, [])
        if not isinstance(items, list):
            raise BundleRefused(
                f"The bundle's records are damaged: the {table.label} records are not a list."
            )
        values[table.key] = [decode_values(table, i, item) for i, item in enumerate(items)]
    if len(values["case"]) != 1:
        raise BundleRefused(f"The bundle must carry exactly one case; it carries {len(values['case'])}.")
    known: dict[str, set[Any]] = {
        table.key: {item.get("id") for item in values[table.key]} for table in TABLES
    }
    for table in TABLES:
        for index, item in enumerate(values[table.key]):
            for column, target in table.references.items():
                ref = item.get(column)
                if ref is not None and ref not in known[target]:
                    raise BundleRefused(
                        f"The bundle's records are inconsistent: {table.label} {index + 1} refers to "
                        f"{TABLES_BY_KEY[target].label} {ref}, which the bundle does not carry."
                    )
    hashes = [e["sha256"] for e in values["evidence"]] + [
        a["sha256"] for a in values["testimony_attachments"]
    ]
    for sha in hashes:
        if sha not in staged:
            raise BundleRefused(f"The bundle's records name the original {sha}, which it does not carry.")
    try:
        origin_workspace, origin_case = str(origin["workspace"]), int(origin["case_id"])
    except (KeyError, TypeError, ValueError):
        raise BundleRefused("The bundle's records are damaged: their origin is unreadable.") from None
    if values["case"][0].get("id") != origin_case:
        raise BundleRefused("The bundle's records are inconsistent: the case is not the one named as origin.")
    chain = records.get("audit")
    if not isinstance(chain, list):
        raise BundleRefused("The bundle's records are damaged: the audit entries are missing.")
    report = chains.verify_chain(chain, origin_case)
    if not report.ok:
        raise BundleRefused("The sender's audit entries do not verify: " + " ".join(report.problems))
    return _Plan(values, origin_workspace, origin_case, chain, report)


def _same_place(row: PlaceRow, item: dict[str, Any]) -> bool:
    return (row.name, row.latitude, row.longitude) == (
        item["name"],
        item.get("latitude"),
        item.get("longitude"),
    )


def _store(
    uow: UnitOfWork, plan: _Plan, origin: BundleOrigin, staged: dict[str, StagedBlob]
) -> tuple[int, dict[str, int], int, int]:
    """Insert the plan under new ids; returns (case id, counts, places matched, originals new)."""
    session = uow.session
    key = _origin_key(plan.origin_workspace, plan.origin_case)
    earlier = session.get(WorkspaceMetaRow, key)
    title = plan.values["case"][0]["title"]
    if earlier is not None:
        raise Conflict(
            f"The case '{title}' from '{origin.sender.name}' was imported before, as case "
            f"{earlier.value}; nothing was imported again."
        )
    if session.get(WorkspaceMetaRow, IMPORT_PREFIX + origin.bundle_id) is not None:
        raise Conflict(f"The bundle {origin.bundle_id} was imported before; nothing was imported again.")
    uids = [item["uid"] for item in plan.values["sources"]]
    clash = _in_batches(session, SourceRow, "uid", uids) if uids else []
    if clash:
        raise Conflict(
            f"The source '{clash[0].alias}' of this bundle already exists in case {clash[0].case_id} "
            "of this workspace (same source id): this case was imported before; nothing was imported again."
        )
    new_ids: dict[str, dict[int, int]] = {table.key: {} for table in TABLES}
    counts: dict[str, int] = {}
    reason = f"Imported from bundle {origin.bundle_id} ({origin.describe()})"
    matched = 0
    aliases_by_place: dict[int, list[str]] = {}
    for alias in plan.values["place_aliases"]:
        aliases_by_place.setdefault(alias["place_id"], []).append(alias["name"])
    quantities_by_claim: dict[int, list[dict[str, Any]]] = {}
    for quantity in plan.values["claim_quantities"]:
        quantities_by_claim.setdefault(quantity["claim_id"], []).append(quantity)

    def build(table: Table, item: dict[str, Any]) -> Any:
        kwargs = {name: value for name, value in item.items() if name not in RENUMBERED}
        for column, target in table.references.items():
            if kwargs.get(column) is not None:
                kwargs[column] = new_ids[target][kwargs[column]]
        return table.model(**kwargs)

    for table in TABLES:
        items = plan.values[table.key]
        if table.key in ("place_aliases", "claim_quantities"):
            continue  # written with their place or claim (the search index reads them)
        if table.key == "places":
            fresh: list[tuple[int, PlaceRow]] = []
            for item in items:
                local = next(
                    (
                        p
                        for p in session.scalars(select(PlaceRow).where(PlaceRow.name == item["name"]))
                        if _same_place(p, item)
                    ),
                    None,
                )
                if local is not None:
                    new_ids["places"][item["id"]] = local.id
                    matched += 1
                    continue
                row = build(table, item)
                row.aliases = [PlaceAliasRow(name=name) for name in aliases_by_place.get(item["id"], [])]
                fresh.append((item["id"], row))
            create_rows(uow, [row for _, row in fresh], EntityType.PLACE, None, reason=reason)
            for old, row in fresh:
                new_ids["places"][old] = row.id
            counts["places"] = len(fresh)
            continue
        if table.key == "photo_metadata":
            present = {
                r.sha256
                for r in _in_batches(session, PhotoMetadataRow, "sha256", [i["sha256"] for i in items])
            }
            rows = [build(table, item) for item in items if item["sha256"] not in present]
            session.add_all(rows)
            session.flush()
            counts[table.key] = len(rows)
            continue
        built: list[tuple[dict[str, Any], Any]] = [(item, build(table, item)) for item in items]
        if table.key == "claims":
            for item, row in built:
                row.quantities = [
                    ClaimQuantityRow(**{k: v for k, v in q.items() if k not in ("id", "claim_id")})
                    for q in sorted(quantities_by_claim.get(item["id"], []), key=lambda q: q["position"])
                ]
        rows = [row for _, row in built]
        if table.entity is not None and rows and isinstance(rows[0], IdentifiedRow):
            case_id = None if table.key == "case" else new_ids["case"][plan.origin_case]
            extra = (
                {
                    "bundle": {
                        "id": origin.bundle_id,
                        "sender": origin.sender.name,
                        "sender_fingerprint": origin.sender.fingerprint.replace(" ", ""),
                        "trusted": origin.trusted,
                        "sender_case_id": plan.origin_case,
                        "sender_chain": {
                            "entries": plan.report.entries,
                            "case_entries": plan.report.case_entries,
                            "head_seq": plan.report.head_seq,
                            "head_hash": plan.report.head_hash,
                            "sha256": _chain_digest(plan.chain),
                        },
                    }
                }
                if table.key == "case"
                else None
            )
            create_rows(uow, rows, table.entity, case_id, reason=reason, extra=extra)
        else:
            session.add_all(rows)
            session.flush()
        for item, row in built:
            if isinstance(row, IdentifiedRow):
                new_ids[table.key][item["id"]] = row.id
        counts[table.key] = len(rows)
    counts["claim_quantities"] = len(plan.values["claim_quantities"])
    case_id = new_ids["case"][plan.origin_case]
    session.add(WorkspaceMetaRow(key=key, value=str(case_id)))
    session.add(
        WorkspaceMetaRow(
            key=IMPORT_PREFIX + origin.bundle_id,
            value=json.dumps(
                {
                    "bundle": origin.bundle_id,
                    "case_id": case_id,
                    "imported_at": _now(),
                    "sender": {"name": origin.sender.name, "fingerprint": origin.sender.fingerprint},
                    "trusted": origin.trusted,
                    "origin": {"workspace": plan.origin_workspace, "case_id": plan.origin_case},
                    "chain": plan.chain,
                },
                sort_keys=True,
                ensure_ascii=False,
            ),
        )
    )
    session.flush()
    new_originals = 0
    for sha in sorted(staged):
        new_originals += uow.vault.commit(staged[sha], label=f"bundle original {sha[:12]}").newly_stored
    return case_id, {k: v for k, v in counts.items() if v}, matched, new_originals


def _chain_digest(chain: list[dict[str, Any]]) -> str:
    text = json.dumps(chain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_bundle(
    ws: Workspace,
    path: Path,
    passphrase: Secret[str],
    *,
    allow_untrusted: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BundleImport:
    """Import a bundle made for this workspace as a new case, all or nothing.

    Args:
        ws: the workspace.
        path: the bundle file.
        passphrase: the passphrase of this workspace's bundle keys (to decrypt).
        allow_untrusted: import even if the sender is not in the trusted list.
        progress: called with (done, total, what): the signature check, then one step per original.
        cancel: checked between chunks and originals; nothing is imported once set.

    Returns:
        What was imported, with who signed it and the check of the sender's audit entries.

    Raises:
        BundleRefused: damaged, truncated, altered, for another newsroom, untrusted sender,
            inconsistent records, an original that does not match its hash, a sender's audit
            chain that does not verify.
        Conflict: this case (or this bundle) was imported before.
        WrongPassphrase, NotFound (no bundle keys), Cancelled.
        In every case nothing is imported and no staged file is left.
    """
    ws.access().require(Permission.RECORD)
    started = time.monotonic()
    with _open_bundle(path) as fh:
        check = _check(path, fh, progress, cancel)
        origin = _origin(ws, path, check)
        if not origin.for_this_workspace:
            with ws.reading() as session:
                own = _own_keys(session).card
            raise BundleRefused(
                f"This bundle is addressed to '{origin.recipient_name}' (fingerprint "
                f"{origin.recipient_fingerprint}), not to this newsroom '{own.name}' "
                f"({format_fingerprint(own.fingerprint)}); nothing was imported."
            )
        if not origin.trusted and not allow_untrusted:
            raise BundleRefused(
                f"The bundle is {origin.describe()}: add the sender's card with 'verifier bundle keys "
                "trust' after comparing its fingerprint with them, or import with --allow-untrusted. "
                "Nothing was imported."
            )
        with ws.reading() as session:
            keys = _own_keys(session)
        unlocked = unlock_keys(keys, passphrase)
        try:
            reader = PlaintextReader(fh, check, unlocked)
            received = _read_content(ws, reader, progress, cancel)
        finally:
            unlocked.lock()
    try:
        plan = _plan(received.records, received.staged)
        if _cancelled(cancel):
            raise Cancelled("The bundle import was cancelled; nothing was imported.")
        with ws.transaction() as uow:
            uow.require(Permission.RECORD)
            case_id, counts, matched, new_originals = _store(uow, plan, origin, received.staged)
    except BaseException:
        _discard(ws, received.staged.values())
        raise
    if progress is not None:
        total = len(received.staged) + 1
        progress(total, total, "Done")
    log.info("Imported bundle %s from %s as case %d", origin.bundle_id, origin.sender.name, case_id)
    return BundleImport(
        origin=origin,
        case_id=case_id,
        title=plan.values["case"][0]["title"],
        records=counts,
        places_matched=matched,
        originals=len(received.staged),
        originals_new=new_originals,
        sender_chain=plan.report,
        seconds=round(time.monotonic() - started, 3),
    )


@dataclass(frozen=True)
class ImportedBundle:
    """A bundle imported into this workspace, with a fresh check of the sender's chain."""

    bundle_id: str
    case_id: int
    sender: str
    sender_fingerprint: str
    trusted: bool
    imported_at: str
    sender_chain: chains.ChainReport
    recorded: bool  # the chain is the one whose digest the local import entry recorded


def imported_bundles(session: Session) -> list[ImportedBundle]:
    """Every imported bundle, its sender's chain verified again against the local audit entry."""
    found: list[ImportedBundle] = []
    rows = session.scalars(
        select(WorkspaceMetaRow)
        .where(WorkspaceMetaRow.key.startswith(IMPORT_PREFIX))
        .order_by(WorkspaceMetaRow.key)
    )
    for row in rows:
        try:
            item = json.loads(row.value)
            chain = item["chain"]
            report = chains.verify_chain(chain, int(item["origin"]["case_id"]))
            entry = session.scalars(
                select(AuditEntryRow)
                .where(
                    AuditEntryRow.entity_type == EntityType.CASE,
                    AuditEntryRow.entity_id == int(item["case_id"]),
                    AuditEntryRow.action == AuditAction.CREATE,
                )
                .order_by(AuditEntryRow.seq)
                .limit(1)
            ).first()
            recorded = (
                json.loads(entry.new_values or "{}")["bundle"]["sender_chain"]["sha256"] if entry else None
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise SealFormatError(
                f"The record of imported bundle {row.key[len(IMPORT_PREFIX) :]} is damaged ({exc})."
            ) from None
        found.append(
            ImportedBundle(
                bundle_id=str(item["bundle"]),
                case_id=int(item["case_id"]),
                sender=str(item["sender"]["name"]),
                sender_fingerprint=str(item["sender"]["fingerprint"]),
                trusted=bool(item["trusted"]),
                imported_at=str(item["imported_at"]),
                sender_chain=report,
                recorded=recorded == _chain_digest(chain),
            )
        )
    return found
