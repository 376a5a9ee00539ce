"""The append-only, hash-chained audit log: the only writer and the verifier of ``audit_entry``.

Each entry's hash covers its own fields and the previous entry's hash, so editing, removing,
inserting or reordering an entry breaks the chain at a place ``verify_chain`` names. Someone who
can write the database could recompute the whole chain; the anchors (``AnchorFile``) kept in the
workspace folder, outside the database, catch that: a rewritten chain no longer matches them.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, select, text
from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import AuditAction, EntityType
from verifier.errors import InvalidInput
from verifier.storage.models import AuditEntryRow, Base

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# Arbitrary constant naming the PostgreSQL advisory lock that serialises appends to the chain.
_PG_AUDIT_LOCK_KEY = 0x5EC7_A0D1
# Texts longer than this are recorded in the audit log by length and SHA-256, not in full.
_MAX_INLINE_TEXT = 2000


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > _MAX_INLINE_TEXT:
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
        return {"length": len(value), "sha256": digest}
    if isinstance(value, tuple | list):
        return [_json_value(item) for item in value]
    return value


TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # what the entry hashes cover: change it and every chain breaks


def format_time(value: datetime) -> str:
    """An audit time as the hashes cover it (UTC, microseconds)."""
    return value.astimezone(UTC).strftime(TIME_FORMAT)


def audit_values(row: Base) -> dict[str, Any]:
    """The auditable column values of a row, JSON-ready.

    Columns marked ``info={"audit": False}`` (sealed material) are never included.
    """
    mapper = inspect(row).mapper
    values: dict[str, Any] = {}
    for column in mapper.columns:
        if column.info.get("audit", True) is False:
            continue
        values[column.key] = _json_value(getattr(row, column.key))
    return values


def changed_values(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value differs, as (old, new); bookkeeping columns are dropped."""
    ignored = {"updated_at", "version"}
    keys = [k for k in new if k not in ignored and old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def _canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compute_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: int,
    case_id: int | None,
    old_values: str | None,
    new_values: str | None,
    reason: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical JSON of every field of an entry, the previous hash included."""
    payload = {
        "seq": seq,
        "at": format_time(at),
        "actor": actor,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "case_id": case_id,
        "old_values": old_values,
        "new_values": new_values,
        "reason": reason,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(_canonical(payload)).hexdigest()


def _row_hash(row: AuditEntryRow) -> str:
    return compute_hash(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action.value,
        entity_type=row.entity_type.value,
        entity_id=row.entity_id,
        case_id=row.case_id,
        old_values=row.old_values,
        new_values=row.new_values,
        reason=row.reason,
        prev_hash=row.prev_hash,
    )


def row_to_entry(row: AuditEntryRow) -> domain.AuditEntry:
    """A frozen snapshot of an audit row, with its JSON values decoded."""
    return domain.AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        case_id=row.case_id,
        old_values=json.loads(row.old_values) if row.old_values is not None else None,
        new_values=json.loads(row.new_values) if row.new_values is not None else None,
        reason=row.reason,
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
    )


# Seconds a PostgreSQL write transaction waits for another writer, like SQLite's busy timeout.
PG_WRITER_WAIT_S = 15


def serialize_writers(engine: Engine, write_option: str) -> None:
    """On PostgreSQL, a write transaction takes the chain's lock as soon as it begins.

    Taking the advisory lock only when the first entry is appended (as ``AuditWriter`` also
    does) can deadlock: a writer holding it waits for a row another writer has locked, while
    that writer waits for the advisory lock. Taken first, as SQLite's BEGIN IMMEDIATE does,
    writers queue in one order and each one reads the chain head and the records after the
    previous writer committed (READ COMMITTED), so the chain cannot fork and a stale edit is
    seen as stale. Writers are short user actions, so the queue stays short; one waiting longer
    than ``PG_WRITER_WAIT_S`` fails with a storage error instead of hanging.

    Args:
        engine: the workspace's engine; nothing is done for other databases.
        write_option: the execution option that marks the write sessions' connections (its
            value "IMMEDIATE" asks for the lock).
    """
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "begin")
    def _lock_chain(connection: Connection) -> None:
        if connection.get_execution_options().get(write_option) != "IMMEDIATE":
            return
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{PG_WRITER_WAIT_S}s'")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_AUDIT_LOCK_KEY})")


class AuditWriter:
    """Appends entries to the chain inside the caller's transaction.

    Appends are serialised: SQLite write transactions begin IMMEDIATE (see ``database``), and on
    PostgreSQL a transaction-scoped advisory lock is taken as the write transaction begins
    (``serialize_writers``) and, for sessions opened otherwise, before reading the chain's head.
    """

    def __init__(self, session: Session, actor: str) -> None:
        if not actor.strip():
            raise InvalidInput("The workspace user name is empty: set --user or VERIFIER_USER.")
        self._session = session
        self._actor = actor
        self._locked = False
        self.written: list[tuple[int, str]] = []

    def _head(self) -> tuple[int, str]:
        if not self._locked and self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK_KEY})
            self._locked = True
        if self.written:
            return self.written[-1]
        last = self._session.scalars(
            select(AuditEntryRow).order_by(AuditEntryRow.seq.desc()).limit(1)
        ).first()
        if last is None:
            return 0, GENESIS_HASH
        return last.seq, last.entry_hash

    def record(
        self,
        action: AuditAction,
        entity_type: EntityType,
        entity_id: int,
        *,
        case_id: int | None,
        old: Mapping[str, Any] | None = None,
        new: Mapping[str, Any] | None = None,
        reason: str | None = None,
        flush: bool = True,
    ) -> domain.AuditEntry:
        """Append one entry; it commits or rolls back with the caller's transaction.

        Args:
            flush: write the entry now. A caller appending many entries in a row passes False
                and flushes once after the last: the entries are inserted in the order they were
                added, in one multi-row INSERT (a 1,000-photo import made 1,000 flushes).
        """
        prev_seq, prev_hash = self._head()
        seq = prev_seq + 1
        # Truncated to microseconds: both databases keep exactly that much.
        at = datetime.now(UTC)
        old_json = _canonical(old).decode("utf-8") if old is not None else None
        new_json = _canonical(new).decode("utf-8") if new is not None else None
        entry_hash = compute_hash(
            seq=seq,
            at=at,
            actor=self._actor,
            action=action.value,
            entity_type=entity_type.value,
            entity_id=entity_id,
            case_id=case_id,
            old_values=old_json,
            new_values=new_json,
            reason=reason,
            prev_hash=prev_hash,
        )
        row = AuditEntryRow(
            seq=seq,
            at=at,
            actor=self._actor,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            case_id=case_id,
            old_values=old_json,
            new_values=new_json,
            reason=reason,
            prev_hash=prev_hash,
            entry_hash=entry_hash,
        )
        self._session.add(row)
        if flush:
            self._session.flush()
        self.written.append((seq, entry_hash))
        return row_to_entry(row)


@dataclass(frozen=True)
class AuditProblem:
    """One place where the chain does not hold, in words a user can act on."""

    seq: int
    kind: str  # "altered", "missing", "broken_link", "anchor_mismatch", "anchor_missing"
    message: str


@dataclass(frozen=True)
class AuditReport:
    """What ``verify_chain`` found."""

    entries: int
    head_seq: int
    head_hash: str
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problems": [dataclasses.asdict(p) for p in self.problems],
        }


def iter_entries(session: Session, batch: int = 2000) -> Iterator[AuditEntryRow]:
    """Every stored entry in chain order, read in batches so a long log does not fill memory."""
    after = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEntryRow)
                .where(AuditEntryRow.seq > after)
                .order_by(AuditEntryRow.seq)
                .limit(batch)
            )
        )
        if not rows:
            return
        yield from rows
        after = rows[-1].seq
        session.expunge_all()


def verify_chain(session: Session, anchors: Mapping[int, str] | None = None) -> AuditReport:
    """Re-hash the whole log and check every link; name each entry where the chain breaks.

    Args:
        session: a session on the workspace database.
        anchors: (seq → hash) recorded outside the database; each must still match.

    Returns:
        The report; ``report.ok`` is true only if no problem was found.
    """
    problems: list[AuditProblem] = []
    prev_seq, prev_hash = 0, GENESIS_HASH
    count = 0
    seen: dict[int, str] = {}
    wanted = dict(anchors or {})
    for row in iter_entries(session):
        count += 1
        if row.seq != prev_seq + 1:
            first, last = prev_seq + 1, row.seq - 1
            span = f"#{first}" if first == last else f"#{first} to #{last}"
            problems.append(
                AuditProblem(row.seq, "missing", f"Audit entries {span} are missing (removed from the log).")
            )
        recomputed = _row_hash(row)
        if recomputed != row.entry_hash:
            problems.append(
                AuditProblem(
                    row.seq,
                    "altered",
                    f"Audit entry #{row.seq} ({row.action.value} {row.entity_type.value} {row.entity_id}) "
                    "was altered after it was written: its contents no longer match its hash.",
                )
            )
        if row.prev_hash != prev_hash and row.seq == prev_seq + 1:
            problems.append(
                AuditProblem(
                    row.seq,
                    "broken_link",
                    f"Audit entry #{row.seq} does not follow entry #{prev_seq}: an entry was inserted, "
                    "removed or moved here.",
                )
            )
        if row.seq in wanted:
            seen[row.seq] = row.entry_hash
        prev_seq, prev_hash = row.seq, row.entry_hash
    for seq, expected in sorted(wanted.items()):
        if seq not in seen:
            if seq > prev_seq:
                problems.append(
                    AuditProblem(
                        seq,
                        "anchor_missing",
                        f"The log ends at entry #{prev_seq}, but entry #{seq} was recorded earlier "
                        "on this machine: later entries were removed.",
                    )
                )
        elif seen[seq] != expected:
            problems.append(
                AuditProblem(
                    seq,
                    "anchor_mismatch",
                    f"Audit entry #{seq} differs from the one recorded on this machine when it was "
                    "written: the log was rewritten from this entry on.",
                )
            )
    return AuditReport(count, prev_seq, prev_hash, tuple(sorted(problems, key=lambda p: p.seq)))


class AnchorFile:
    """Chain heads written after each commit to a file in the workspace, outside the database.

    One JSON line per commit: ``{"seq": N, "hash": H, "db": URL-id}``. Lines for other databases
    (a workspace switched to PostgreSQL, say) are kept but ignored when verifying this one.
    """

    def __init__(self, path: Path, database_id: str) -> None:
        self._path = path
        self._database_id = database_id

    def append(self, seq: int, entry_hash: str) -> None:
        line = json.dumps({"seq": seq, "hash": entry_hash, "db": self._database_id}) + "\n"
        try:
            with self._path.open("a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            # The chain itself is intact; losing an anchor only weakens later checks.
            log.warning("Could not record the audit anchor in %s: %s", self._path, exc.strerror)

    def load(self) -> dict[int, str]:
        anchors: dict[int, str] = {}
        if not self._path.exists():
            return anchors
        with self._path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                try:
                    item = json.loads(line)
                    if item.get("db") == self._database_id:
                        anchors[int(item["seq"])] = str(item["hash"])
                except (ValueError, KeyError, TypeError):
                    log.warning("Ignoring unreadable line %d of %s", number, self._path)
        return anchors
