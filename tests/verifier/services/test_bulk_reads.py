"""Whole-case reads the main window uses: they agree with the one-record reads they replace."""

from __future__ import annotations

import pytest

from verifier import demo
from verifier.errors import NotFound
from verifier.services import claims, evidence, intake, links
from verifier.services.workspace import Workspace


def test_photo_facts_agree_with_photo_details(workspace: Workspace) -> None:
    case_id = demo.build_demo_case(workspace)
    with workspace.reading() as session:
        facts = intake.photo_facts(session, case_id)
        items = evidence.list_evidence(session, case_id)
        assert items and set(facts) == {item.id for item in items}
        for item in items:
            details = intake.photo_details(session, item.id)
            assert facts[item.id].capture_utc == details.capture_utc
            assert facts[item.id].has_gps == (details.gps_latitude is not None)
        assert any(f.has_gps for f in facts.values()) and any(f.capture_utc for f in facts.values())
        with pytest.raises(NotFound):
            intake.photo_facts(session, 999)


def test_links_of_case_agree_with_links_of_claim(workspace: Workspace) -> None:
    case_id = demo.build_demo_case(workspace)
    with workspace.reading() as session:
        found = links.links_of_case(session, case_id)
        every = claims.list_claims(session, case_id)
        assert any(found.values())
        for claim in every:
            one = links.links_of_claim(session, claim.id)
            shown = found.get(claim.id, links.ClaimLinks((), (), ()))
            assert shown.evidence == one.evidence
            assert shown.testimonies == one.testimonies
            assert sorted(shown.claims, key=lambda c: c.id) == sorted(one.claims, key=lambda c: c.id)
