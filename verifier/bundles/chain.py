"""A case's audit entries as a bundle carries them, and their verification.

The sender's audit log is one chain for the whole workspace. A bundle carries the case's entries
in full and, for every other entry between the case's first and last one, only its sequence
number and hashes (``withheld``): the other cases stay private, yet every link of the chain
between the case's entries can be checked, so a removed, inserted, altered or reordered case
entry is detected on the receiving side exactly as ``verifier audit verify`` would detect it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from verifier.storage.audit import TIME_FORMAT, compute_hash

_FULL_FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "entity_type",
    "entity_id",
    "case_id",
    "old_values",
    "new_values",
    "reason",
    "prev_hash",
    "entry_hash",
)


def parse_time(value: str) -> datetime:
    """Read a time written by :func:`format_time`."""
    return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=UTC)


@dataclass(frozen=True)
class ChainReport:
    """What the check of a received chain found."""

    entries: int
    case_entries: int
    first_seq: int
    head_seq: int
    head_hash: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "case_entries": self.case_entries,
            "first_seq": self.first_seq,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problems": list(self.problems),
        }


def _entry_hash(entry: Mapping[str, Any]) -> str:
    return compute_hash(
        seq=int(entry["seq"]),
        at=parse_time(str(entry["at"])),
        actor=str(entry["actor"]),
        action=str(entry["action"]),
        entity_type=str(entry["entity_type"]),
        entity_id=int(entry["entity_id"]),
        case_id=entry["case_id"],
        old_values=entry["old_values"],
        new_values=entry["new_values"],
        reason=entry["reason"],
        prev_hash=str(entry["prev_hash"]),
    )


def verify_chain(entries: Sequence[Mapping[str, Any]], case_id: int) -> ChainReport:
    """Check a carried chain: each case entry's hash, and every link from the first to the last.

    Args:
        entries: the carried entries in order (full ones and withheld ones).
        case_id: the sender's id of the case; every full entry must belong to it.

    Returns:
        The report, naming each problem by entry number.
    """
    problems: list[str] = []
    prev_seq: int | None = None
    prev_hash = ""
    full = 0
    for position, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            problems.append(f"Carried audit entry {position + 1} is not a record.")
            continue
        try:
            seq = int(entry["seq"])
            entry_hash = str(entry["entry_hash"])
            link = str(entry["prev_hash"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"Carried audit entry {position + 1} lacks its number or hashes.")
            continue
        if prev_seq is not None and seq != prev_seq + 1:
            if seq <= prev_seq:
                problems.append(f"Sender's audit entry #{seq} is out of order (after #{prev_seq}).")
            elif seq == prev_seq + 2:
                problems.append(f"Sender's audit entry #{prev_seq + 1} is missing from the bundle.")
            else:
                problems.append(
                    f"Sender's audit entries #{prev_seq + 1} to #{seq - 1} are missing from the bundle."
                )
        elif prev_seq is not None and link != prev_hash:
            problems.append(
                f"Sender's audit entry #{seq} does not follow entry #{prev_seq}: an entry was inserted, "
                "removed or moved here."
            )
        if not entry.get("withheld"):
            full += 1
            try:
                if entry["case_id"] != case_id:
                    problems.append(f"Sender's audit entry #{seq} belongs to another case.")
                elif _entry_hash(entry) != entry_hash:
                    problems.append(
                        f"Sender's audit entry #{seq} ({entry['action']} {entry['entity_type']} "
                        f"{entry['entity_id']}) was altered: its contents no longer match its hash."
                    )
            except (KeyError, TypeError, ValueError):
                problems.append(f"Sender's audit entry #{seq} lacks some of its fields.")
        prev_seq, prev_hash = seq, entry_hash
    first = int(entries[0]["seq"]) if entries and isinstance(entries[0], Mapping) else 0
    return ChainReport(len(entries), full, first, prev_seq or 0, prev_hash, tuple(problems))


def full_entry(values: Mapping[str, Any]) -> dict[str, Any]:
    """A case entry as carried: every field its hash covers, plus the hash."""
    return {name: values[name] for name in _FULL_FIELDS}


def withheld_entry(seq: int, prev_hash: str, entry_hash: str) -> dict[str, Any]:
    """Another case's entry as carried: only its place in the chain."""
    return {"seq": seq, "prev_hash": prev_hash, "entry_hash": entry_hash, "withheld": True}
