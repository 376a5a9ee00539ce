"""Use cases for the newsroom team: registering people, their roles, deactivating them.

While nobody is registered the workspace is in solo mode (the local user may do everything).
The first person registered must be an administrator, so that someone can manage the team; after
that only administrators manage people, and the last active administrator cannot be demoted or
deactivated (nobody could manage the team any more). People are deactivated, never deleted, so
every audit entry's actor keeps a name to match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.domain import EntityType
from verifier.errors import Conflict, InvalidInput, NotFound
from verifier.permissions import Access, Permission, Role
from verifier.services._common import create_row, enum_field, text_field, update_row
from verifier.storage import repositories as repo
from verifier.storage.models import PersonRow
from verifier.storage.unit_of_work import UnitOfWork, resolve_access

USER_NAME_MAX = 120
DISPLAY_NAME_MAX = 200


@dataclass(frozen=True)
class Person:
    """A member of the team as shown to users."""

    id: int
    user_name: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime
    version: int


def _person(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        user_name=row.user_name,
        display_name=row.display_name,
        role=row.role,
        active=row.active,
        created_at=row.created_at,
        version=row.version,
    )


def _user_name(value: str) -> str:
    name = text_field(value, "user name", max_length=USER_NAME_MAX, required=True)
    if any(ch.isspace() for ch in name):
        raise InvalidInput(f"The user name '{name}' contains a space; use the login name, e.g. 'shirin.k'.")
    return name


def _row(session: Session, user_name: str) -> PersonRow:
    row = repo.person_by_user_name(session, user_name)
    if row is None:
        raise NotFound(
            f"'{user_name}' is not registered in this workspace's team (see verifier people list)."
        )
    return row


def _active_administrators(session: Session) -> int:
    query = select(func.count()).where(PersonRow.role == Role.ADMINISTRATOR, PersonRow.active.is_(True))
    return session.scalar(query) or 0


def add_person(uow: UnitOfWork, user_name: str, role: Role | str, display_name: str = "") -> Person:
    """Register a person with a role.

    The first person ends solo mode and must be an administrator; the acting user is then
    expected to be that person (otherwise they lock themselves out, and are refused).

    Raises:
        InvalidInput: a bad name or role, or a first person who is not an administrator.
        Conflict: the user name is already registered.
        PermissionDenied: the acting user may not manage people.
    """
    uow.require(Permission.MANAGE_PEOPLE)
    name = _user_name(user_name)
    wanted = enum_field(Role, role, "role")
    shown = text_field(display_name, "display name", max_length=DISPLAY_NAME_MAX)
    first = uow.session.scalar(select(func.count()).select_from(PersonRow)) == 0
    if first and wanted is not Role.ADMINISTRATOR:
        raise InvalidInput(
            f"The first person registered must be an administrator (so someone can manage the team); "
            f"'{name}' was given the role {wanted.value}."
        )
    if first and name != uow.actor:
        raise InvalidInput(
            f"Register yourself ('{uow.actor}') first, as administrator: once '{name}' is registered, "
            f"'{uow.actor}' would no longer be let in."
        )
    if repo.person_by_user_name(uow.session, name) is not None:
        raise Conflict(f"'{name}' is already registered; change their role with 'verifier people set-role'.")
    row = create_row(
        uow, PersonRow(user_name=name, display_name=shown, role=wanted, active=True), EntityType.PERSON, None
    )
    uow.forget_access()
    return _person(row)


def list_people(session: Session, *, include_inactive: bool = True) -> list[Person]:
    query = select(PersonRow).order_by(PersonRow.user_name)
    if not include_inactive:
        query = query.where(PersonRow.active.is_(True))
    return [_person(row) for row in session.scalars(query)]


def current_access(session: Session, user: str) -> Access:
    """Who ``user`` is here: their role, or solo mode while nobody is registered."""
    return resolve_access(session, user)


def _keep_an_administrator(session: Session, row: PersonRow, action: str) -> None:
    if row.role is Role.ADMINISTRATOR and row.active and _active_administrators(session) <= 1:
        raise Conflict(
            f"'{row.user_name}' is the last active administrator; {action} would leave nobody able to "
            "manage the team. Make someone else an administrator first."
        )


def set_role(uow: UnitOfWork, user_name: str, role: Role | str, *, reason: str | None = None) -> Person:
    """Change a person's role (audited with the old and new role)."""
    uow.require(Permission.MANAGE_PEOPLE)
    row = _row(uow.session, user_name)
    wanted = enum_field(Role, role, "role")
    if wanted is not Role.ADMINISTRATOR:
        _keep_an_administrator(uow.session, row, f"making them {wanted.value}")
    update_row(uow, row, EntityType.PERSON, None, {"role": wanted}, reason=reason)
    uow.forget_access()
    return _person(row)


def deactivate(uow: UnitOfWork, user_name: str, reason: str | None = None) -> Person:
    """Refuse a person from now on; their past actions keep their name in the audit log."""
    uow.require(Permission.MANAGE_PEOPLE)
    row = _row(uow.session, user_name)
    if not row.active:
        raise Conflict(f"'{row.user_name}' is already deactivated.")
    _keep_an_administrator(uow.session, row, "deactivating them")
    update_row(uow, row, EntityType.PERSON, None, {"active": False}, reason=reason)
    uow.forget_access()
    return _person(row)


def reactivate(uow: UnitOfWork, user_name: str, reason: str | None = None) -> Person:
    """Let a deactivated person in again, with the role they had."""
    uow.require(Permission.MANAGE_PEOPLE)
    row = _row(uow.session, user_name)
    if row.active:
        raise Conflict(f"'{row.user_name}' is already active.")
    update_row(uow, row, EntityType.PERSON, None, {"active": True}, reason=reason)
    return _person(row)
