"""The demo case is complete, consistent, built once, and cancellable without leftovers."""

from __future__ import annotations

import threading

import pytest

from verifier import demo
from verifier.domain import Anonymity
from verifier.errors import Cancelled
from verifier.services import cases, claims, evidence, integrity, places, sources
from verifier.services.workspace import Workspace


def test_demo_case_holds_the_scenario(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    case_id = demo.ensure_demo_case(ws)
    assert demo.ensure_demo_case(ws) == case_id  # built once
    with ws.reading() as session:
        assert [c.title for c in cases.list_cases(session)] == [demo.DEMO_TITLE]
        who = {s.alias: s for s in sources.list_sources(session, case_id)}
        names = {p.name: p for p in places.list_places(session)}
        items = evidence.list_evidence(session, case_id)
        statements = [c.statement for c in claims.list_claims(session, case_id)]
        assert integrity.verify_audit(session, ws.anchors).ok
        assert integrity.verify_vault(session, ws.vault).ok
    assert (
        who["Hama"].anonymity is Anonymity.ANONYMOUS
        and who["Coalition spokesman"].anonymity is Anonymity.ON_RECORD
    )
    assert "Gali Manjala" in names["Gali Manjalan"].aliases and "مخمور" in names["Makhmour"].aliases
    assert any("50 and 150" in s for s in statements)
    assert len(items) == 4
    stripped = [i for i in items if b"Exif" not in ws.vault.read_bytes(i.sha256)[:200]]
    assert [i.original_name for i in stripped] == ["photo_2019-03-02_09-12-44.jpg", "IMG-20190224-WA0003.jpg"]


def test_cancelled_demo_keeps_nothing(sqlite_workspace: Workspace) -> None:
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if what == "Claims":
            stop.set()

    with pytest.raises(Cancelled):
        demo.build_demo_case(sqlite_workspace, progress, stop)
    with sqlite_workspace.reading() as session:
        assert cases.list_cases(session) == [] and places.list_places(session) == []
        assert integrity.audit_log(session) == []


def test_the_apps_demo_seals_invented_identities_for_its_holder(sqlite_workspace: Workspace) -> None:
    from verifier.domain import IdentityState
    from verifier.errors import WrongPassphrase
    from verifier.sealing import Secret
    from verifier.services import identities

    ws = sqlite_workspace
    case_id = demo.ensure_demo_case(ws, sealed=True)
    with ws.reading() as session:
        case = cases.get_case(session, case_id)
        listed = sources.list_sources(session, case_id)
    states = {s.alias: s.identity_state for s in listed}
    hama = next(s for s in listed if s.alias == "Hama")
    assert demo.DEMO_HOLDER in case.summary and demo.DEMO_PASSPHRASE in case.summary
    assert states["Hama"] is states["Shwan"] is states["Villager (photos)"] is IdentityState.SEALED
    assert states["Coalition spokesman"] is not IdentityState.SEALED  # on the record: nothing to seal
    with ws.transaction() as uow:
        opened = identities.unseal_identity(
            uow, hama.id, demo.DEMO_HOLDER, Secret(demo.DEMO_PASSPHRASE), "trying the demo"
        )
    assert opened["real_name"].reveal() == "Invented person A (demo)"
    with pytest.raises(WrongPassphrase), ws.transaction() as uow:
        identities.unseal_identity(uow, hama.id, demo.DEMO_HOLDER, Secret("guess"), "trying the demo")
