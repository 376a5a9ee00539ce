"""Who may do what: the roles of a newsroom team and the one table of their permissions.

A workspace with nobody registered is in *solo* mode: the local user may do everything, so a
single reporter (and the demo) never meets a role. Once people are registered (the first must be
an administrator), every service entry point asks for the permission it needs
(``uow.require(Permission.X)``) and an unknown or deactivated user is refused.

Pure Python: the lookup of the acting person is in ``storage.unit_of_work``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from verifier.errors import PermissionDenied


class Role(StrEnum):
    """A person's role in the newsroom team, from least to most entitled."""

    REPORTER = "reporter"
    EDITOR = "editor"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    """What a service entry point needs from the acting user."""

    READ = "read"
    RECORD = "record"  # log cases, sources, testimonies, photos, claims, places and links
    DELETE = "delete"  # delete records (always with a reason)
    GRADE = "grade"  # grade sources and claims
    DECIDE = "decide"  # set a claim's status and verdict, attest identities, close cases
    UNSEAL = "unseal"  # open a sealed identity one is entitled to, grant access to it
    EXPORT = "export"
    MANAGE_PEOPLE = "manage_people"  # register people, change roles, deactivate
    MANAGE_KEYS = "manage_keys"  # enrol key holders, revoke access, shred identities


_REPORTER = frozenset({Permission.READ, Permission.RECORD})
_EDITOR = _REPORTER | {
    Permission.DELETE,
    Permission.GRADE,
    Permission.DECIDE,
    Permission.UNSEAL,
    Permission.EXPORT,
}
_ADMINISTRATOR = _EDITOR | {Permission.MANAGE_PEOPLE, Permission.MANAGE_KEYS}

# The one table of who may do what.
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REPORTER: _REPORTER,
    Role.EDITOR: frozenset(_EDITOR),
    Role.ADMINISTRATOR: frozenset(_ADMINISTRATOR),
}

# What each permission lets one do, for refusal messages ("... needs the editor role").
ACTIONS: dict[Permission, str] = {
    Permission.READ: "reading this workspace",
    Permission.RECORD: "recording sources, testimonies, photos, claims and links",
    Permission.DELETE: "deleting records",
    Permission.GRADE: "grading sources and claims",
    Permission.DECIDE: "setting a claim's status or verdict",
    Permission.UNSEAL: "unsealing identities and granting access to them",
    Permission.EXPORT: "exporting",
    Permission.MANAGE_PEOPLE: "managing people and their roles",
    Permission.MANAGE_KEYS: "managing key holders and access to sealed identities",
}

# Roles whose holders may be given a source's key (need-to-know: never a reporter).
KEY_ROLES = frozenset({Role.EDITOR, Role.ADMINISTRATOR})


def roles_allowed(permission: Permission) -> list[Role]:
    """The roles that carry a permission, least entitled first."""
    return [role for role in Role if permission in PERMISSIONS[role]]


@dataclass(frozen=True)
class Access:
    """The acting user as the workspace knows them.

    Attributes:
        user: the user name actions are recorded under.
        role: their role; None in a solo workspace (nobody registered).
        display_name: their name as shown; empty in solo mode.
    """

    user: str
    role: Role | None
    display_name: str = ""

    @property
    def solo(self) -> bool:
        """True while nobody is registered: the local user may do everything."""
        return self.role is None

    def allows(self, permission: Permission) -> bool:
        return self.role is None or permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> Access:
        """This access, if it carries the permission.

        Raises:
            PermissionDenied: the role does not carry it (the message names who may).
        """
        if self.allows(permission):
            return self
        assert self.role is not None
        needed = " or ".join(role.value for role in roles_allowed(permission))
        raise PermissionDenied(
            f"'{self.user}' is a {self.role.value} in this workspace: {ACTIONS[permission]} needs the "
            f"{needed} role. Ask an administrator (verifier people set-role)."
        )
