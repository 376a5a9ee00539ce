"""Team mode through the services: solo mode, roles, refusals, audit actors (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verifier.team.conftest import OpenAs
from verifier.domain import AuditAction, ClaimStatus, Credibility, EntityType
from verifier.errors import Conflict, InvalidInput, PermissionDenied
from verifier.permissions import PERMISSIONS, Permission, Role
from verifier.services import cases, claims, export, integrity, links, people, sources
from verifier.services.workspace import Workspace


def _team(open_as: OpenAs) -> tuple[Workspace, Workspace, Workspace]:
    """amira (administrator), dilan (editor), rebaz (reporter), and a case with a claim."""
    admin = open_as("amira")
    with admin.transaction() as uow:
        people.add_person(uow, "amira", Role.ADMINISTRATOR, "Amira K.")
        people.add_person(uow, "dilan", "editor", "Dilan S.")
        people.add_person(uow, "rebaz", Role.REPORTER)
    return admin, open_as("dilan"), open_as("rebaz")


def test_solo_workspace_lets_the_local_user_do_everything(workspace: Workspace) -> None:
    assert workspace.access().solo and workspace.access().user == "tester"
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        claim = claims.add_claim(uow, case.id, "Fighters hide in the hills near Makhmour.")
        claims.grade_claim(uow, claim.id, "3", "one local source")
        claims.update_claim(uow, claim.id, status=ClaimStatus.IN_PROGRESS, reason="checking")
    with workspace.reading() as session:
        assert people.list_people(session) == []


def test_first_person_must_be_an_administrator_and_oneself(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="first person registered must be an administrator"):
        with workspace.transaction() as uow:
            people.add_person(uow, "tester", Role.EDITOR)
    with pytest.raises(InvalidInput, match=r"Register yourself \('tester'\) first"):
        with workspace.transaction() as uow:
            people.add_person(uow, "someone-else", Role.ADMINISTRATOR)
    with workspace.reading() as session:
        assert people.list_people(session) == []  # nothing was stored
    with workspace.transaction() as uow:
        person = people.add_person(uow, "tester", Role.ADMINISTRATOR, "Test Admin")
    assert (person.user_name, person.role, person.active) == ("tester", Role.ADMINISTRATOR, True)
    assert workspace.access().role is Role.ADMINISTRATOR


def test_roles_are_enforced_in_the_services(open_as: OpenAs) -> None:
    admin, editor, reporter = _team(open_as)
    with reporter.transaction() as uow:  # a reporter logs
        case = cases.create_case(uow, "Makhmour")
        hama = sources.add_source(uow, case.id, "Hama")
        claim = claims.add_claim(uow, case.id, "Armed men were seen near Gali Manjalan.")
    with pytest.raises(PermissionDenied, match=r"'rebaz' is a reporter.*grading.*editor or administrator"):
        with reporter.transaction() as uow:
            claims.grade_claim(uow, claim.id, "2", "two sources")
    with pytest.raises(PermissionDenied, match="setting a claim's status or verdict"):
        with reporter.transaction() as uow:
            claims.update_claim(uow, claim.id, status=ClaimStatus.IN_PROGRESS, reason="starting")
    with pytest.raises(PermissionDenied, match="deleting records"):
        with reporter.transaction() as uow:
            sources.delete_source(uow, hama.id, "duplicate")
    with reporter.transaction() as uow:  # but may still change the wording
        claims.update_claim(uow, claim.id, statement="Armed men were seen in Gali Manjalan.")
    with editor.transaction() as uow:  # an editor grades and decides
        claims.grade_claim(uow, claim.id, "3", "one source so far")
        claims.update_claim(uow, claim.id, status=ClaimStatus.IN_PROGRESS, reason="checking with shepherds")
    with pytest.raises(PermissionDenied, match="managing people"), editor.transaction() as uow:
        people.add_person(uow, "newcomer", Role.REPORTER)
    with admin.transaction() as uow:
        people.set_role(uow, "rebaz", Role.EDITOR, reason="promoted")
    with reporter.transaction() as uow:  # the same user, now an editor
        claims.grade_claim(uow, claim.id, "2", "a second, independent source")
    with admin.reading() as session:
        stored = claims.get_claim(session, claim.id)
    assert (stored.statement, stored.status, str(stored.credibility)) == (
        "Armed men were seen in Gali Manjalan.",
        ClaimStatus.IN_PROGRESS,
        str(Credibility("2")),
    )


def test_unknown_and_deactivated_users_are_refused_with_a_clear_message(open_as: OpenAs) -> None:
    admin, _, reporter = _team(open_as)
    with reporter.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
    stranger = open_as("mallory")
    with pytest.raises(PermissionDenied, match=r"'mallory' is not registered.*3 people are.*--user"):
        with stranger.reading() as session:
            cases.list_cases(session)
    with pytest.raises(PermissionDenied, match="'mallory' is not registered"), stranger.transaction() as uow:
        claims.add_claim(uow, case.id, "Invented")
    with admin.transaction() as uow:
        people.deactivate(uow, "rebaz", reason="left the newsroom")
    with pytest.raises(PermissionDenied, match="'rebaz' was deactivated"), reporter.transaction() as uow:
        claims.add_claim(uow, case.id, "After leaving")
    with pytest.raises(PermissionDenied, match="'rebaz' was deactivated"):
        reporter.access()
    with admin.reading() as session:
        assert claims.list_claims(session, case.id) == []
        listed = {p.user_name: p.active for p in people.list_people(session)}
    assert listed == {"amira": True, "dilan": True, "rebaz": False}
    with admin.transaction() as uow:
        people.reactivate(uow, "rebaz", reason="back")
    assert reporter.access().role is Role.REPORTER


def test_the_last_administrator_cannot_be_demoted_or_deactivated(open_as: OpenAs) -> None:
    admin, _, _ = _team(open_as)
    with pytest.raises(Conflict, match="last active administrator"), admin.transaction() as uow:
        people.set_role(uow, "amira", Role.EDITOR)
    with pytest.raises(Conflict, match="last active administrator"), admin.transaction() as uow:
        people.deactivate(uow, "amira")
    with admin.transaction() as uow:
        people.set_role(uow, "dilan", Role.ADMINISTRATOR)
        people.set_role(uow, "amira", Role.EDITOR, reason="handing over")
    assert admin.access().role is Role.EDITOR
    with pytest.raises(Conflict, match="already registered"), open_as("dilan").transaction() as uow:
        people.add_person(uow, "rebaz", Role.EDITOR)


def test_each_audit_entry_carries_its_own_actor(open_as: OpenAs) -> None:
    admin, editor, reporter = _team(open_as)
    with reporter.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        claim = claims.add_claim(uow, case.id, "A fight took place on 29 March.")
        other = claims.add_claim(uow, case.id, "The road to Makhmour was closed.")
        links.link_claims(uow, claim.id, other.id, "corroborates")
    with editor.transaction() as uow:
        claims.grade_claim(uow, claim.id, "4", "doubtful: one source")
    with admin.reading() as session:
        entries = integrity.audit_log(session, limit=100)
        assert integrity.verify_audit(session, admin.anchors).ok
    by_what = {(e.entity_type, e.action, e.entity_id): e.actor for e in entries}
    assert by_what[(EntityType.PERSON, AuditAction.CREATE, 1)] == "amira"
    assert by_what[(EntityType.CASE, AuditAction.CREATE, case.id)] == "rebaz"
    assert by_what[(EntityType.CLAIM, AuditAction.CREATE, claim.id)] == "rebaz"
    assert by_what[(EntityType.CLAIM, AuditAction.UPDATE, claim.id)] == "dilan"
    people_entries = [e for e in entries if e.entity_type is EntityType.PERSON]
    assert {e.new_values["user_name"] for e in people_entries if e.new_values} == {"amira", "dilan", "rebaz"}


def test_permission_table_is_ordered_by_entitlement() -> None:
    assert PERMISSIONS[Role.REPORTER] < PERMISSIONS[Role.EDITOR] < PERMISSIONS[Role.ADMINISTRATOR]
    assert Permission.EXPORT not in PERMISSIONS[Role.REPORTER]
    assert Permission.MANAGE_KEYS not in PERMISSIONS[Role.EDITOR]


def test_a_reporter_may_link_but_not_export(open_as: OpenAs, tmp_path: Path) -> None:
    _, _, reporter = _team(open_as)
    with reporter.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        claim = claims.add_claim(uow, case.id, "Smoke rose over the village.")
        other = claims.add_claim(uow, case.id, "A fire burned near the village.")
        links.link_claims(uow, claim.id, other.id, "corroborates")
    destination = tmp_path / "out"
    with pytest.raises(PermissionDenied, match="exporting needs the editor or administrator role"):
        export.export_case(reporter, case.id, destination, profile="internal", formats=["html"])
    assert not destination.exists()
