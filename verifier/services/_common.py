"""Helpers shared by the use cases: input checks and audited create/update/delete."""

from __future__ import annotations

import enum
import mimetypes
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from verifier.domain import AuditAction, EntityType
from verifier.errors import Conflict, InvalidInput
from verifier.storage import repositories as repo
from verifier.storage import search
from verifier.storage.audit import audit_values, changed_values, row_to_entry
from verifier.storage.database import SQLITE_BEGIN_OPTION
from verifier.storage.models import IdentifiedRow
from verifier.storage.unit_of_work import UnitOfWork

E = TypeVar("E", bound=enum.Enum)
RowT = TypeVar("RowT", bound=IdentifiedRow)


def text_field(value: str, field: str, *, max_length: int, required: bool = False) -> str:
    """A trimmed text value, checked for presence and length."""
    if not isinstance(value, str):
        raise InvalidInput(f"The {field} must be text.")
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput(f"The {field} must not be empty.")
    if len(cleaned) > max_length:
        raise InvalidInput(f"The {field} is {len(cleaned)} characters long; the limit is {max_length}.")
    return cleaned


def enum_field(enum_type: type[E], value: E | str, field: str) -> E:
    """An enum member from itself or its stored value, with the valid choices on error."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum_type)
        raise InvalidInput(f"Unknown {field} '{value}': choose one of {choices}.") from None


def media_type_from_name(name: str) -> str:
    """The media type a file name suggests, for files the photo readers do not identify."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def count_phrase(count: int, singular: str, plural: str) -> str:
    """'1 source', '3 sources'."""
    return f"{count} {singular if count == 1 else plural}"


def aware(value: datetime | None, field: str) -> datetime | None:
    """A datetime with a time zone, in UTC (a naive one is ambiguous: refuse it).

    Stored values come back in UTC, so snapshots made before and after a commit agree.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        raise InvalidInput(f"The {field} needs a time zone (e.g. 2019-03-29T10:00+03:00).")
    return value.astimezone(UTC)


def reason_field(reason: str | None, *, required: bool, action: str) -> str | None:
    cleaned = (reason or "").strip()
    if required and not cleaned:
        raise InvalidInput(f"A reason is required to {action}.")
    return cleaned or None


def create_row(
    uow: UnitOfWork,
    row: RowT,
    entity: EntityType,
    case_id: int | None,
    *,
    reason: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> RowT:
    """Insert a row and record its creation (plus ``extra`` values, e.g. child rows) in the audit log."""
    create_rows(uow, [row], entity, case_id, reason=reason, extra=extra)
    return row


def create_rows(
    uow: UnitOfWork,
    rows: Sequence[RowT],
    entity: EntityType,
    case_id: int | None,
    *,
    reason: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Insert rows with one flush (one multi-row INSERT), index them, and audit each creation."""
    if not rows:
        return
    uow.session.add_all(rows)
    _flush(uow, entity)
    search.index_rows(uow.session, entity, rows)
    for row in rows:
        new = {**audit_values(row), **(extra or {})}
        own_case = row.id if entity is EntityType.CASE else case_id  # a case's creation is in its own history
        uow.audit.record(
            AuditAction.CREATE, entity, row.id, case_id=own_case, new=new, reason=reason, flush=False
        )
    uow.session.flush()


def update_row(
    uow: UnitOfWork,
    row: RowT,
    entity: EntityType,
    case_id: int | None,
    changes: Mapping[str, Any],
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> bool:
    """Apply changes to a row, audit what actually changed; False when nothing did.

    Raises:
        Conflict: ``expected_version`` is given and someone changed the record since.
    """
    version = getattr(row, "version", None)
    if expected_version is not None and version is not None and version != expected_version:
        raise stale_edit(
            uow, entity, row.id, f"now at version {version}, you edited version {expected_version}"
        )
    old = audit_values(row)
    for name, value in changes.items():
        setattr(row, name, value)
    new = audit_values(row)
    old_changed, new_changed = changed_values(old, new)
    if not new_changed:
        uow.session.expire(row)
        return False
    _flush(uow, entity, row.id)
    search.index_row(uow.session, entity, row)
    uow.audit.record(
        AuditAction.UPDATE,
        entity,
        row.id,
        case_id=case_id,
        old=old_changed,
        new=new_changed,
        reason=reason,
    )
    return True


def delete_row(
    uow: UnitOfWork,
    row: IdentifiedRow,
    entity: EntityType,
    case_id: int | None,
    reason: str | None,
    *,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Delete a row, keeping its last values (plus ``extra``) in the audit log."""
    old = {**audit_values(row), **(extra or {})}
    row_id = row.id
    uow.session.delete(row)
    _flush(uow, entity, row_id)
    search.remove(uow.session, entity, row_id)
    uow.audit.record(AuditAction.DELETE, entity, row_id, case_id=case_id, old=old, reason=reason)


def _describe(value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"length", "sha256"}:
        return f"a new text of {value['length']} characters"
    text = str(value)
    return f"'{text if len(text) <= 80 else text[:79] + '…'}'"


def stale_edit(uow: UnitOfWork, entity: EntityType, row_id: int | None, detail: str = "") -> Conflict:
    """The error for an edit based on a stale read: who changed the record, when, and to what.

    The newer change is read from the audit log with a separate session, because the caller's
    may be unusable after a failed flush.
    """
    label = entity.value.replace("_", "-")
    latest = None
    if row_id is not None:
        # A deferred read: on SQLite this transaction already holds the write lock.
        bind = uow.session.get_bind().execution_options(**{SQLITE_BEGIN_OPTION: "DEFERRED"})
        try:
            with Session(bind) as look:
                entries = repo.audit_entries(look, entity_type=entity.value, entity_id=row_id, limit=1)
                latest = row_to_entry(entries[0]) if entries else None
        except SQLAlchemyError:
            latest = None
    extra = f" ({detail})" if detail else ""
    if latest is None:
        return Conflict(
            f"This {label} was changed or deleted by someone else while you were editing it{extra}. "
            "Reload it and apply your change again."
        )
    when = latest.at.strftime("%Y-%m-%d %H:%M:%S UTC")
    if latest.action is AuditAction.DELETE:
        return Conflict(
            f"This {label} ({row_id}) was deleted by {latest.actor} at {when}; your change was not saved."
        )
    values = latest.new_values or {}
    shown = "; ".join(f"{name.replace('_', ' ')} is now {_describe(value)}" for name, value in values.items())
    return Conflict(
        f"This {label} ({row_id}) was changed by {latest.actor} at {when} while you were editing it"
        f"{extra}: {shown or 'see its history'}. Reload it and apply your change again; nothing was saved."
    )


def _flush(uow: UnitOfWork, entity: EntityType, row_id: int | None = None) -> None:
    try:
        uow.session.flush()
    except StaleDataError as exc:
        raise stale_edit(uow, entity, row_id) from exc
    except IntegrityError as exc:
        detail = str(exc.orig).strip().splitlines()[0]
        if "unique" in detail.lower() or "duplicate" in detail.lower():
            raise Conflict(f"This {entity.value.replace('_', '-')} already exists ({detail}).") from exc
        raise Conflict(
            f"The {entity.value.replace('_', '-')} breaks a rule of the database: {detail}."
        ) from exc
