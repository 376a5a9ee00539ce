"""Need-to-know sealing in a team: one wrap per entitled editor, revocation, who may be granted."""

from __future__ import annotations

import pytest

from tests.verifier.team.conftest import OpenAs
from verifier.errors import InvalidInput, NoAccess, PermissionDenied, WrongPassphrase
from verifier.permissions import Role
from verifier.sealing import KdfCost, KeyRing, Secret
from verifier.services import cases, identities, integrity, people, sources
from verifier.services.workspace import Workspace
from verifier.storage.models import SourceKeyringRow

FAST = KdfCost(2**10, 8, 1)  # tests only
PASS = {name: f"{name}'s long passphrase" for name in ("amira", "dilan", "shirin", "rebaz")}
NAME = "Hevi Qandil-Testcase"


def _stored_ring(ws: Workspace, source_id: int) -> KeyRing:
    with ws.reading() as session:
        row = session.get(SourceKeyringRow, source_id)
        assert row is not None
        return KeyRing.from_bytes(row.keyring.encode("utf-8"))


@pytest.fixture
def team(open_as: OpenAs) -> tuple[dict[str, Workspace], int]:
    """amira (administrator), dilan and shirin (editors), rebaz (reporter); a source sealed for dilan."""
    ws = {name: open_as(name) for name in PASS}
    with ws["amira"].transaction() as uow:
        people.add_person(uow, "amira", Role.ADMINISTRATOR)
        people.add_person(uow, "dilan", Role.EDITOR)
        people.add_person(uow, "shirin", Role.EDITOR)
        people.add_person(uow, "rebaz", Role.REPORTER)
        for name in ("amira", "dilan", "shirin"):
            identities.enroll_holder(uow, name, Secret(PASS[name]), cost=FAST)
    with ws["rebaz"].transaction() as uow:  # the reporter who met the source seals for an editor
        case = cases.create_case(uow, "Makhmour")
        source = sources.add_source(uow, case.id, "Hevi")
        identities.seal_identity(uow, source.id, {"real_name": NAME}, ["dilan"])
    return ws, source.id


def test_each_entitled_editor_has_their_own_wrap(team: tuple[dict[str, Workspace], int]) -> None:
    ws, source_id = team
    with ws["dilan"].transaction() as uow:
        identities.grant_access(uow, source_id, "dilan", Secret(PASS["dilan"]), "shirin")
    ring = _stored_ring(ws["amira"], source_id)
    assert ring.holders == {"dilan", "shirin"}
    dilan, shirin = ring.wrap_for("dilan"), ring.wrap_for("shirin")
    assert dilan is not None and shirin is not None and dilan != shirin
    for name in ("dilan", "shirin"):
        with ws[name].transaction() as uow:
            fields = identities.unseal_identity(uow, source_id, name, Secret(PASS[name]), "verify spelling")
        assert fields["real_name"].reveal() == NAME


def test_revoking_removes_the_wrap_so_they_can_no_longer_unseal(
    team: tuple[dict[str, Workspace], int],
) -> None:
    ws, source_id = team
    with ws["dilan"].transaction() as uow:
        identities.grant_access(uow, source_id, "dilan", Secret(PASS["dilan"]), "shirin")
    with pytest.raises(PermissionDenied, match="managing key holders"), ws["dilan"].transaction() as uow:
        identities.revoke_access(uow, source_id, "shirin", "no longer on the story")
    with ws["amira"].transaction() as uow:
        assert identities.revoke_access(uow, source_id, "shirin", "no longer on the story") == ["dilan"]
    ring = _stored_ring(ws["amira"], source_id)
    assert ring.holders == {"dilan"} and ring.wrap_for("shirin") is None
    with pytest.raises(NoAccess), ws["shirin"].transaction() as uow:
        identities.unseal_identity(uow, source_id, "shirin", Secret(PASS["shirin"]), "curious")
    with pytest.raises(NoAccess), ws["shirin"].transaction() as uow:  # nor hand it on
        identities.grant_access(uow, source_id, "shirin", Secret(PASS["shirin"]), "amira")
    with ws["dilan"].transaction() as uow:
        assert identities.unseal_identity(uow, source_id, "dilan", Secret(PASS["dilan"]), "still entitled")
    with ws["amira"].reading() as session:
        assert integrity.verify_audit(session, ws["amira"].anchors).ok


def test_only_editors_and_administrators_can_be_granted(team: tuple[dict[str, Workspace], int]) -> None:
    ws, source_id = team
    with pytest.raises(InvalidInput, match=r"'rebaz' is a reporter.*need to know"):
        with ws["dilan"].transaction() as uow:
            identities.grant_access(uow, source_id, "dilan", Secret(PASS["dilan"]), "rebaz")
    with pytest.raises(InvalidInput, match="'rebaz' is a reporter"), ws["amira"].transaction() as uow:
        identities.enroll_holder(uow, "rebaz", Secret(PASS["rebaz"]), cost=FAST)
    with ws["amira"].transaction() as uow:
        people.deactivate(uow, "shirin", reason="left")
    with pytest.raises(InvalidInput, match="'shirin' is deactivated"), ws["dilan"].transaction() as uow:
        identities.grant_access(uow, source_id, "dilan", Secret(PASS["dilan"]), "shirin")
    with pytest.raises(InvalidInput, match="'nobody' is not in this workspace's team"):
        with ws["rebaz"].transaction() as uow:
            case = cases.create_case(uow, "Other")
            other = sources.add_source(uow, case.id, "Other")
            identities.seal_identity(uow, other.id, {"real_name": "x"}, ["dilan", "nobody"])
    assert _stored_ring(ws["amira"], source_id).holders == {"dilan"}


def test_granting_requires_the_grantor_to_be_able_to_unseal(team: tuple[dict[str, Workspace], int]) -> None:
    ws, source_id = team
    with pytest.raises(NoAccess), ws["shirin"].transaction() as uow:  # an editor without a wrap
        identities.grant_access(uow, source_id, "shirin", Secret(PASS["shirin"]), "shirin")
    with pytest.raises(WrongPassphrase), ws["dilan"].transaction() as uow:
        identities.grant_access(uow, source_id, "dilan", Secret("a guess"), "shirin")
    with pytest.raises(PermissionDenied, match="may not use the key of 'dilan'"):
        with ws["shirin"].transaction() as uow:  # even knowing dilan's passphrase
            identities.grant_access(uow, source_id, "dilan", Secret(PASS["dilan"]), "shirin")
    with pytest.raises(PermissionDenied, match="unsealing identities"), ws["rebaz"].transaction() as uow:
        identities.unseal_identity(uow, source_id, "dilan", Secret(PASS["dilan"]), "curious")
    assert _stored_ring(ws["amira"], source_id).holders == {"dilan"}
