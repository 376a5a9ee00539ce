"""The detail pane on records of a very large case: long lists are cut and counted, not dumped."""

from __future__ import annotations

from dataclasses import replace

from ui import detail
from ui.case_data import load_case_data
from verifier.crossref.corroboration import Chain, Corroboration, Origin
from verifier.crossref.engine import CaseReport
from verifier.services.workspace import Workspace


def _chain(number: int, claim_id: int) -> Chain:
    return Chain(claim_id, None, "evidence", number, "supports", None, None, None)


def test_an_origin_of_many_copies_lists_the_first_chains_and_counts_the_rest(
    demo_workspace: tuple[Workspace, int],
) -> None:
    ws, case_id = demo_workspace
    data = load_case_data(ws, case_id, lambda *args: None)
    claim = data.claims[0]
    copies = detail.SHOWN_CHAINS + 15
    crowd = Origin(
        "evidence:1",
        (),
        tuple(_chain(number, claim.id) for number in range(1, copies + 1)),
        ("the same picture was received again",),
        more_reasons=582,
    )
    report = CaseReport((), (Corroboration(claim.id, (crowd,), (), "one origin"),))
    text = detail.claim_html(claim, replace(data, report=report))
    assert text.count("unknown sender") == detail.SHOWN_CHAINS  # one per chain listed
    assert "and 15 more linked record(s) of this origin" in text
    assert "(and 582 more)" in text
    # A small origin is listed whole, with no count.
    small = replace(crowd, chains=crowd.chains[:3], more_reasons=0)
    text = detail.claim_html(
        claim, replace(data, report=CaseReport((), (Corroboration(claim.id, (small,), (), ""),)))
    )
    assert text.count("unknown sender") == 3
    assert "more linked record" not in text and "more)" not in text
