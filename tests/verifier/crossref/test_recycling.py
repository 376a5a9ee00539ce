"""Recycling: identical files and near-identical pictures, who sent them first, and when."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.verifier.crossref.factory import claim, claim_input, only, photo, rules, source
from verifier.crossref.findings import Severity
from verifier.crossref.recycling import check_recycling, find_copies
from verifier.domain import EvidenceRelation

BASE_P = 0x9F3A_61C4_0B7E_D258
BASE_D = 0x3C3C_7E7E_FF00_8181
SOURCES = [source(1, "Villager"), source(2, "Rawa", case_id=2)]
RECEIVED_2017 = datetime(2017, 6, 11, 8, 0, tzinfo=UTC)
RECEIVED_2019 = datetime(2019, 2, 22, 9, 0, tzinfo=UTC)


def _flip(value: int, count: int, shift: int = 0) -> int:
    return value ^ (((1 << count) - 1) << shift)


def test_identical_file_from_another_submitter_in_another_case() -> None:
    old = photo(10, case_id=2, sha="ab" * 32, received=RECEIVED_2017, by=2)
    new = photo(1, sha="AB" * 32, received=RECEIVED_2019, by=1)
    findings = check_recycling([new], [], SOURCES, [old])
    finding = only(findings, "recycling.seen_before")
    assert finding.severity is Severity.WARNING
    assert "already received on 2017-06-11 from Rawa (another submitter) in case #2" in finding.explanation
    assert "identical file" in finding.explanation and finding.subjects == (("evidence", 1), ("evidence", 10))


def test_the_first_submission_is_told_it_came_again() -> None:
    first = photo(1, sha="cd" * 32, received=RECEIVED_2017, by=1)
    again = photo(2, sha="cd" * 32, received=RECEIVED_2019, by=2)
    findings = check_recycling([first, again], [], SOURCES)
    assert rules(findings) == ["recycling.received_again", "recycling.seen_before"]


def test_same_submitter_twice_is_information() -> None:
    a = photo(1, sha="ef" * 32, received=RECEIVED_2017, by=1)
    b = photo(2, sha="ef" * 32, received=RECEIVED_2019, by=1)
    finding = only(check_recycling([a, b], [], SOURCES), "recycling.seen_before")
    assert finding.severity is Severity.INFO and "the same submitter (Villager)" in finding.explanation


def test_near_duplicate_thresholds_on_both_sides() -> None:
    original = photo(1, received=RECEIVED_2017, phash=BASE_P, dhash=BASE_D)
    resaved = photo(2, received=RECEIVED_2019, phash=_flip(BASE_P, 8), dhash=_flip(BASE_D, 10))
    too_far_p = photo(3, received=RECEIVED_2019, phash=_flip(BASE_P, 9, 20), dhash=BASE_D)
    too_far_d = photo(4, received=RECEIVED_2019, phash=_flip(BASE_P, 2, 40), dhash=_flip(BASE_D, 11, 40))
    copies = find_copies([original, resaved, too_far_p, too_far_d])
    assert [c.photo.evidence_id for c in copies[1]] == [2]
    assert copies[2][0].phash_distance == 8 and copies[2][0].dhash_distance == 10
    assert 3 not in copies and 4 not in copies
    explanation = only(check_recycling([original, resaved]), "recycling.seen_before").explanation
    assert "pHash differs in 8 of 64 bits" in explanation and "an unknown submitter" in explanation


def test_picture_older_than_the_claim_it_supports() -> None:
    old = photo(10, case_id=2, sha="12" * 32, received=RECEIVED_2017, by=2)
    new = photo(1, sha="12" * 32, received=RECEIVED_2019, by=1)
    linked = claim_input(
        claim(5, "Armed men walk around Makhmour", when="2019-02-21"),
        evidence=((1, EvidenceRelation.SUPPORTS),),
    )
    finding = only(check_recycling([new], [linked], SOURCES, [old]), "recycling.predates_claim")
    assert finding.severity is Severity.CONFLICT and "2017-06-11" in finding.explanation
    assert finding.numbers["first_evidence_id"] == 10
    fresh = claim_input(claim(5, when="2017-06-01"), evidence=((1, EvidenceRelation.SUPPORTS),))
    assert "recycling.predates_claim" not in rules(check_recycling([new], [fresh], SOURCES, [old]))
