"""Large cases: many claims sharing a facet give findings that grow with the records, not the pairs.

A workspace of 90,000 claims naming a dozen places as text, 20,000 photos and one file received
583 times took minutes and 18 GB for one report. These tests build such shapes at a size a unit
test affords and check what bounds the work (findings, joins, listed reasons), then that the
summarized findings still say the right thing on an example small enough to check by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from rapidfuzz import process

from tests.verifier.crossref.factory import (
    ALI_RASH,
    T0,
    claim,
    claim_input,
    only,
    photo,
    place,
    related,
    source,
)
from verifier.crossref.corroboration import UNCOUNTED_GROUP_MIN, check_corroboration, corroborate
from verifier.crossref.devices import check_devices
from verifier.crossref.engine import check_case
from verifier.crossref.inputs import CaseInputs, ClaimInput
from verifier.crossref.place import SHARED_NAME_MIN, check_place
from verifier.crossref.recycling import find_copies
from verifier.domain import ClaimStatus, EvidenceRelation
from verifier.domain import TestimonyRelation as T

ALI = place(1, "Ali Rash", ALI_RASH)
MANY = 20_000


def _claims(count: int, *, start: int = 1, place_text: str = "Mosul") -> list[ClaimInput]:
    return [
        claim_input(claim(i, f"Armed men seen, report {i}", place_text=place_text))
        for i in range(start, start + count)
    ]


def test_claims_naming_one_unknown_place_get_one_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    extract = process.extract

    def counting(query: str, *args: Any, **kwargs: Any) -> Any:
        searched.append(query)
        return extract(query, *args, **kwargs)

    monkeypatch.setattr(process, "extract", counting)  # the module the place rules call
    claims = _claims(MANY) + _claims(3, start=MANY + 1, place_text="Ali Rashh")
    findings = check_place([], claims, [ALI])
    # One finding for the 20,000 claims, one per claim for the three below the threshold, and
    # the gazetteer searched once per name, not once per claim.
    assert [(f.rule, len(f.subjects)) for f in findings] == [("place.unknown_name", MANY)] + [
        ("place.unknown_name", 1)
    ] * 3
    assert searched == ["mosul", "ali rashh"]
    shared = findings[0]
    assert shared.subjects == tuple(("claim", i) for i in range(1, MANY + 1))
    assert shared.numbers == {"place_text": "Mosul", "claims": MANY, "suggestions": None, "best_score": None}
    assert shared.explanation.startswith(
        "20,000 claims name the place 'Mosul', which matches no place in the gazetteer, so no photo can "
        'be checked against them: claim #1 ("Armed men seen, report 1"), claim #2 ("Armed men seen, '
        'report 2"), claim #3 ("Armed men seen, report 3") and 19,997 more. No gazetteer place has a '
        "similar name"
    )
    assert shared.concerns("claim", MANY) and not shared.concerns("claim", MANY + 1)
    assert not shared.concerns("evidence", 1)
    alone = findings[1]
    assert alone.subjects == (("claim", MANY + 1),) and alone.numbers["suggestions"] == "Ali Rash"
    assert alone.explanation.startswith(f"claim #{MANY + 1} (")


def test_unknown_place_threshold_and_suggestions_for_a_group() -> None:
    below = _claims(SHARED_NAME_MIN - 1, place_text="Ali Rashh")
    assert len(check_place([], below, [ALI])) == SHARED_NAME_MIN - 1
    at = _claims(SHARED_NAME_MIN, place_text="Ali Rashh")
    at.append(claim_input(claim(100, "Linked", where=ALI), ALI))  # a gazetteer place: no finding
    grouped = only(check_place([], at, [ALI]), "place.unknown_name")
    assert len(grouped.subjects) == SHARED_NAME_MIN and ("claim", 100) not in grouped.subjects
    assert grouped.numbers["claims"] == SHARED_NAME_MIN and grouped.numbers["suggestions"] == "Ali Rash"
    assert "Link the claims to one of them, or add the place." in grouped.explanation


def test_claims_with_nothing_linked_share_one_count_finding() -> None:
    sources = [source(1, "Hama"), source(2, "Shwan")]
    lonely = _claims(MANY)
    lonely[5] = claim_input(claim(6, "Marked corroborated", status=ClaimStatus.CORROBORATED))
    backed = [
        claim_input(claim(MANY + 1, "Backed"), testimonies=((1, 1, T.ASSERTS), (2, 2, T.ASSERTS))),
        claim_input(claim(MANY + 2, "Denied"), testimonies=((3, 1, T.DENIES),)),
    ]
    claims = lonely + backed
    results = corroborate(claims, sources=sources)
    assert len(results) == MANY + 2  # every claim keeps its own count for its own view
    assert results[0].explanation == "Nothing supports this claim. Nothing contradicts this claim."
    findings = check_corroboration(claims, results)
    assert [(f.rule, f.subjects[0]) for f in findings] == [
        ("corroboration.count", ("claim", 1)),
        ("corroboration.status_unsupported", ("claim", 6)),
        ("corroboration.count", ("claim", MANY + 1)),
        ("corroboration.count", ("claim", MANY + 2)),
    ]
    grouped = findings[0]
    assert grouped.subjects == tuple(("claim", i) for i in range(1, MANY + 1))
    assert grouped.numbers["claims"] == MANY and grouped.numbers["supporting_origins"] == 0
    assert grouped.explanation.startswith("Nothing supports or contradicts 20,000 claims: no testimony")
    assert "and 19,997 more" in grouped.explanation
    assert (
        findings[2].numbers["supporting_origins"] == 2 and findings[3].numbers["contradicting_origins"] == 1
    )


def test_a_few_unlinked_claims_keep_their_own_count() -> None:
    claims = _claims(UNCOUNTED_GROUP_MIN - 1)
    findings = check_corroboration(claims, corroborate(claims))
    assert [f.subjects for f in findings] == [(c.subject,) for c in claims]
    assert findings[0].explanation == (
        'claim #1 ("Armed men seen, report 1"): Nothing supports this claim. Nothing contradicts this claim.'
    )


def test_a_file_received_many_times_joins_origins_linearly() -> None:
    copies = 300
    sources = [source(i, f"Sender {i}") for i in range(1, copies + 1)]
    photos = [
        photo(i, sha="ab" * 32, by=i, received=T0 + timedelta(hours=i), phash=0xF0F0, dhash=0x0F0F)
        for i in range(1, copies + 1)
    ]
    found = find_copies(photos)
    assert all(len(found[p.evidence_id]) == copies - 1 for p in photos)
    # Shared Copy records: one per photo, however many photos list it.
    assert len({id(c) for listed in found.values() for c in listed}) == copies
    claims = [
        claim_input(claim(i, f"Seen {i}"), evidence=((i % copies + 1, EvidenceRelation.SUPPORTS),))
        for i in range(1, MANY + 1)
    ]
    results = corroborate(claims, photos, sources, copies=found)
    origins = [o for r in results for o in r.supporting]
    assert len(origins) == MANY and all(r.support_count == 1 for r in results)
    # Each copy joined to the first received: 2 * 299 joins, not 300 * 299; each claim lists
    # at most 25 of them and counts the rest.
    assert {o.reason_count for o in origins} == {2 * (copies - 1)}
    assert max(len(o.reasons) for o in origins) == 25
    first = next(r for r in results if r.claim_id == copies)  # cites photo #1, the first received
    assert first.supporting[0].reasons[0] == (
        "photo #1 and photo #2 are the same picture (the identical file (same SHA-256))"
    )
    assert "594 more link(s)" in first.explanation  # 598 joins, 4 of them shown


def test_small_copies_keep_every_pairwise_join() -> None:
    names = ["Hama", "Shwan", "Kawa", "Rawlinson", "Villager"]
    sources = [source(i, name) for i, name in enumerate(names, start=1)]
    photos = [photo(i, sha="cd" * 32, by=i, received=T0 + timedelta(hours=i)) for i in (1, 2, 3)]
    photos.append(photo(4, by=4))
    linked = claim_input(
        claim(1, "Fighters"),
        evidence=(
            (2, EvidenceRelation.SUPPORTS),
            (3, EvidenceRelation.SUPPORTS),
            (4, EvidenceRelation.SUPPORTS),
        ),
    )
    result = corroborate([linked], photos, sources, relationships=[related(1, 4, 5)])[0]
    assert [o.key for o in result.supporting] == ["source:2", "source:4"]
    same, friends = result.supporting
    # Joins between the claim's own chains first (2-3 both ways), then those touching them.
    same_picture = "are the same picture (the identical file (same SHA-256))"
    assert same.reasons == tuple(
        f"photo #{a} and photo #{b} {same_picture}"
        for a, b in ((2, 3), (3, 2), (1, 2), (2, 1), (1, 3), (3, 1))
    )
    assert same.more_reasons == 0
    assert friends.reasons == ("Rawlinson and Villager are friends",)
    assert result.explanation.startswith(
        "3 evidence items support this claim, but photo #2 and photo #3 are the same picture"
    )


def test_a_camera_shared_by_many_sources_lists_a_few_pairs() -> None:
    canon: dict[str, Any] = {"make": "Canon", "model": "EOS 80D", "body_serial_number": "083024001234"}
    count = 30
    photos = [photo(i, by=i, **canon) for i in range(1, count + 1)]
    sources = [source(i, f"S{i}") for i in range(1, count + 1)]
    finding = check_devices(photos, sources, [related(1, 1, 2), related(2, 2, 3)])[0]
    assert finding.rule == "devices.shared_camera_unrelated_sources"
    assert finding.numbers["unrelated_pairs"] == 435 - 3  # 1-2, 2-3 and 1-3 are related
    assert "S1 and S4; S1 and S5;" in finding.explanation and "S1 and S2;" not in finding.explanation
    assert "(422 more pairs)" in finding.explanation


def test_a_case_of_many_claims_sharing_place_and_actors_reports_a_handful() -> None:
    record = replace(claim(1, "Armed men near the camp", place_text="Makhmour camp"), actors="a patrol")
    claims = tuple(claim_input(replace(record, id=i)) for i in range(1, MANY + 1))
    report = check_case(CaseInputs(1, claims=claims, gazetteer=(ALI,)))
    assert [(f.rule, len(f.subjects)) for f in report.findings] == [
        ("place.unknown_name", MANY),
        ("corroboration.count", MANY),
    ]
    assert len(report.corroboration) == MANY
