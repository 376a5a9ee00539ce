"""A unit of work: one Session in one transaction, with the audit writer and the vault.

Services receive it from their caller (the CLI, a GUI task, a batch job); they never open
sessions themselves. Each write entry point asks it for the permission it needs
(``uow.require(Permission.RECORD)``); the acting person is looked up once per unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.errors import PermissionDenied
from verifier.permissions import Access, Permission
from verifier.storage import repositories
from verifier.storage.audit import AuditWriter
from verifier.storage.models import PersonRow
from verifier.storage.vault import Vault


def resolve_access(session: Session, user: str) -> Access:
    """Who ``user`` is in this workspace: solo (nobody registered) or a registered, active person.

    Raises:
        PermissionDenied: people are registered and ``user`` is not one of them, or is deactivated.
    """
    person = repositories.person_by_user_name(session, user)
    if person is None:
        registered = session.scalar(select(func.count()).select_from(PersonRow)) or 0
        if not registered:
            return Access(user, None)
        raise PermissionDenied(
            f"'{user}' is not registered in this workspace's team ({registered} "
            f"{'person is' if registered == 1 else 'people are'}). Open it under your registered user "
            "name (--user or VERIFIER_USER), or ask an administrator to add you "
            f"(verifier people add {user} --role reporter)."
        )
    if not person.active:
        raise PermissionDenied(
            f"'{user}' was deactivated in this workspace's team; ask an administrator to reactivate "
            f"you (verifier people reactivate {user})."
        )
    return Access(user, person.role, person.display_name)


@dataclass
class UnitOfWork:
    """Everything a write use case needs; it commits or rolls back as a whole."""

    session: Session
    audit: AuditWriter
    vault: Vault
    actor: str
    cache_dir: Path
    _access: Access | None = field(default=None, init=False, repr=False)

    @property
    def access(self) -> Access:
        """The acting user's access, looked up once per unit of work.

        Raises:
            PermissionDenied: the user is unknown to or deactivated in the team.
        """
        if self._access is None:
            self._access = resolve_access(self.session, self.actor)
        return self._access

    def require(self, permission: Permission) -> Access:
        """The acting user's access, if it carries ``permission``.

        Raises:
            PermissionDenied: nothing is changed; the message says who may.
        """
        return self.access.require(permission)

    def forget_access(self) -> None:
        """Look the acting user up again (after a change of people in this unit of work)."""
        self._access = None
