"""Whole-case listings read through Core give exactly the snapshots the ORM rows give.

The main window lists every source, testimony, claim, evidence item and link of a case; those
listings skip the ORM (4 s → under 1 s for 90,000 claims). Here they are compared, object for
object and field for field (types, enum members, UTC time zones, quantity order, None), with
the ORM rows' ``to_domain()`` on a workspace holding every enum value, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, TypeVar

import pytest
from sqlalchemy.orm import Session

from verifier import demo
from verifier.domain import (
    Anonymity,
    ArrivalChannel,
    Audience,
    ClaimOrigin,
    ClaimRelation,
    ClaimStatus,
    Connection,
    Credibility,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    Medium,
    PlacePrecision,
    SourceKind,
    SourceReliability,
    TestimonyRelation,
    TimePrecision,
    Verdict,
)
from verifier.errors import NotFound
from verifier.services import cases, claims, evidence, links, sources, testimonies
from verifier.services.workspace import Workspace
from verifier.storage import repositories as repo
from verifier.storage.models import (
    CaseRow,
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimQuantityRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    PlaceRow,
    SourceAttestationRow,
    SourceGradeRow,
    SourceRow,
    TestimonyRow,
)

E = TypeVar("E", bound=Enum)
PLUS_3 = timezone(timedelta(hours=3))


def _values(enum_type: type[E], *, optional: bool = False) -> Iterator[E | None]:
    """Every member in turn (and None for a nullable column), forever."""
    return itertools.cycle([*enum_type, *([None] if optional else [])])


def _add_varied_case(ws: Workspace, title: str, size: int) -> int:
    """A case whose records take every value of every enum column, None where allowed, times
    given in another zone, quantities stored out of position order, and links in shuffled order."""
    with ws.transaction() as uow:
        session = uow.session
        case = CaseRow(title=title)
        place = PlaceRow(name=f"Makhmour {title}")
        session.add_all([case, place])
        session.flush()
        kinds, anonymity, identity = _values(SourceKind), _values(Anonymity), _values(IdentityState)
        grades = _values(SourceReliability)
        audiences = itertools.cycle(["", "public", "family,public", ",".join(a.value for a in Audience)])
        source_rows = []
        for i in range(size):
            row = SourceRow(
                case_id=case.id,
                alias=f"Source {i}",
                kind=next(kinds),
                anonymity=next(anonymity),
                anonymous_from=next(audiences),
                agreement_date=date(2019, 4, 1 + i % 28) if i % 2 else None,
                identity_state=next(identity),
                notes="ملاحظة" if i % 3 else "",
            )
            # Attestations and grades in an order unlike their editors' names: listed by id.
            row.attestations = [SourceAttestationRow(editor=name) for name in ("zed", "amy", "bo")[: i % 4]]
            # The newest grade is the current one: earlier ones are F, the newest takes every value.
            row.grades = [
                SourceGradeRow(grade=grade, rationale="seen", graded_by="tester")
                for grade in [*[SourceReliability.F] * (i % 3 - 1), *([next(grades)] if i % 3 else [])]
            ]
            source_rows.append(row)
        session.add_all(source_rows)
        session.flush()

        precisions, mediums = _values(TimePrecision, optional=True), _values(Medium)
        attributions = _values(Anonymity, optional=True)
        testimony_rows = [
            TestimonyRow(
                case_id=case.id,
                source_id=source_rows[i % size].id,
                taken_at=datetime(2019, 4, 11, 9, i % 60, tzinfo=PLUS_3) if i % 4 else None,
                taken_until=datetime(2019, 4, 11, 10, 0, 0, i, tzinfo=UTC) if i % 4 == 1 else None,
                taken_precision=next(precisions),
                medium=next(mediums),
                language="ku" if i % 2 else "",
                transcript=f"They came at dawn ({i}).",
                place_id=place.id if i % 2 else None,
                place_text="near the camp" if i % 3 else "",
                attribution=next(attributions),
            )
            for i in range(size)
        ]
        session.add_all(testimony_rows)

        arrivals, evidence_kinds = _values(ArrivalChannel, optional=True), _values(EvidenceKind)
        evidence_rows = [
            EvidenceRow(
                case_id=case.id,
                kind=next(evidence_kinds),
                sha256=hashlib.sha256(f"{title}{i}".encode()).hexdigest(),
                size=i * 1000,
                original_name=f"IMG_{i:04d}.jpg",
                received_at=datetime(2019, 4, 12, tzinfo=PLUS_3) + timedelta(microseconds=i),
                submitted_by_id=source_rows[i % size].id if i % 2 else None,
                arrival=next(arrivals),
                caption="armed men" if i % 2 else "",
            )
            for i in range(size)
        ]
        session.add_all(evidence_rows)

        statuses, verdicts, origins = (
            _values(ClaimStatus),
            _values(Verdict, optional=True),
            _values(ClaimOrigin),
        )
        place_precisions = _values(PlacePrecision, optional=True)
        when_precisions = _values(TimePrecision, optional=True)
        credibility = _values(Credibility, optional=True)
        claim_rows = []
        for i in range(size):
            start = datetime(2019, 3, 10 + i % 10, 17, tzinfo=PLUS_3) if i % 4 else None
            claim_row = ClaimRow(
                case_id=case.id,
                statement=f"Claim {i}: six killed, 31 injured",
                status=next(statuses),
                verdict=next(verdicts),
                origin=next(origins),
                actors="PKK" if i % 2 else "",
                place_id=place.id if i % 3 else None,
                place_text="Makhmour" if i % 3 else "",
                place_precision=next(place_precisions),
                # i % 4 == 2: a start without an end is no interval.
                when_start=start,
                when_end=start + timedelta(days=1, microseconds=i) if start and i % 4 != 2 else None,
                when_precision=next(when_precisions) if start else None,
                when_label="mid-March" if i % 2 else "",
                credibility=next(credibility),
                credibility_rationale="two witnesses" if i % 2 else "",
            )
            # Inserted out of position order: listed by position.
            claim_row.quantities = [
                ClaimQuantityRow(position=p, minimum=m, maximum=x, unit=u, qualifier=q)
                for p, m, x, u, q in [
                    (2, None, 31.0, "injured", "up to"),
                    (0, 6.0, 6.0, "killed", ""),
                    (1, 50.0, None, "fighters", "and their families"),
                ][: i % 4]
            ]
            claim_rows.append(claim_row)
        session.add_all(claim_rows)
        session.flush()

        relations, claim_relations = _values(EvidenceRelation), _values(ClaimRelation)
        said, connections = _values(TestimonyRelation), _values(Connection, optional=True)
        for i in reversed(range(size)):  # link ids run against claim ids
            claim = claim_rows[i]
            session.add(
                ClaimEvidenceRow(claim_id=claim.id, evidence_id=evidence_rows[i].id, relation=next(relations))
            )
            if i % 2:
                session.add(
                    ClaimEvidenceRow(
                        claim_id=claim.id, evidence_id=evidence_rows[0].id, relation=next(relations), note="x"
                    )
                )
                session.add(
                    ClaimClaimRow(
                        claim_id=claim.id, other_claim_id=claim_rows[i - 1].id, relation=next(claim_relations)
                    )
                )
            session.add(
                ClaimTestimonyRow(
                    claim_id=claim.id,
                    testimony_id=testimony_rows[(i * 7) % size].id,
                    relation=next(said),
                    quote="at dawn",
                    connection=next(connections),
                )
            )
        return case.id


@pytest.fixture
def case_ids(workspace: Workspace) -> list[int]:
    """The demo case (built through the services) and two varied cases."""
    built = [demo.build_demo_case(workspace)]
    built += [_add_varied_case(workspace, title, size) for title, size in (("Varied", 24), ("Other", 9))]
    with workspace.transaction() as uow:
        built.append(cases.create_case(uow, "Empty").id)
    return built


def _assert_same(listed: object, expected: object, where: str) -> None:
    """Equal, and of the same types all the way down (a StrEnum member equals its str value, and
    an aware datetime equals the same instant in another zone, so == alone would not tell)."""
    assert type(listed) is type(expected), f"{where}: {type(listed)} instead of {type(expected)}"
    if dataclasses.is_dataclass(listed):
        for field in dataclasses.fields(listed):
            _assert_same(getattr(listed, field.name), getattr(expected, field.name), f"{where}.{field.name}")
    elif isinstance(listed, dict):
        assert list(listed) == list(expected), f"{where}: keys"  # type: ignore[call-overload]
        for key, value in listed.items():
            _assert_same(value, expected[key], f"{where}[{key}]")  # type: ignore[index]
    elif isinstance(listed, tuple):
        assert len(listed) == len(expected), where  # type: ignore[arg-type]
        for i, (a, b) in enumerate(zip(listed, expected, strict=True)):  # type: ignore[call-overload]
            _assert_same(a, b, f"{where}[{i}]")
    else:
        assert listed == expected, f"{where}: {listed!r} instead of {expected!r}"
        if isinstance(listed, datetime):
            assert listed.tzinfo is UTC, f"{where}: {listed!r} is not in UTC"


def _assert_declared_types(record: object, where: str) -> None:
    """Each field holds what the dataclass declares: enum members, not their strings; aware UTC."""
    hints = typing.get_type_hints(type(record))
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, field.name)
        _assert_declared(value, hints[field.name], f"{where}.{field.name}")


def _assert_declared(value: object, hint: Any, where: str) -> None:
    if isinstance(hint, types.UnionType):
        options = typing.get_args(hint)
        assert any(_fits(value, option) for option in options), f"{where}: {value!r} is not a {hint}"
    else:
        assert _fits(value, hint), f"{where}: {value!r} is not a {hint}"
    if isinstance(value, datetime):
        assert value.tzinfo is UTC, f"{where}: {value!r}"
    if dataclasses.is_dataclass(value):
        _assert_declared_types(value, where)


def _fits(value: object, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if typing.get_origin(hint) is tuple:
        (item, _) = typing.get_args(hint)
        return type(value) is tuple and all(_fits(v, item) for v in value)
    return type(value) is hint


def _orm_links(session: Session, case_id: int) -> dict[int, links.ClaimLinks]:
    """links_of_case as it was built from ORM rows (each claim's links in id order)."""
    evidence_rows, claim_rows, testimony_rows = repo.links_in_case(session, case_id)
    grouped: dict[int, tuple[list[Any], list[Any], list[Any]]] = {}
    for shown in sorted(evidence_rows, key=lambda r: r.id):
        grouped.setdefault(shown.claim_id, ([], [], []))[0].append(shown.to_domain())
    for related in sorted(claim_rows, key=lambda r: r.id):
        for end in {related.claim_id, related.other_claim_id}:
            grouped.setdefault(end, ([], [], []))[1].append(related.to_domain())
    for said in sorted(testimony_rows, key=lambda r: r.id):
        grouped.setdefault(said.claim_id, ([], [], []))[2].append(said.to_domain())
    return {
        claim_id: links.ClaimLinks(tuple(e), tuple(c), tuple(t))
        for claim_id, (e, c, t) in sorted(grouped.items())
    }


LISTINGS: list[tuple[Callable[[Session, int], Sequence[Any]], type[Any]]] = [
    (sources.list_sources, SourceRow),
    (testimonies.list_testimonies, TestimonyRow),
    (claims.list_claims, ClaimRow),
    (evidence.list_evidence, EvidenceRow),
]


def test_listings_equal_the_orm_snapshots(workspace: Workspace, case_ids: list[int]) -> None:
    seen: dict[str, set[Any]] = {}
    for case_id in case_ids:
        for listing, row_type in LISTINGS:
            with workspace.reading() as session:
                listed = listing(session, case_id)
            with workspace.reading() as session:
                expected = [row.to_domain() for row in repo.list_in_case(session, row_type, case_id)]
            where = f"case {case_id} {listing.__name__}"
            assert [r.id for r in listed] == sorted(r.id for r in expected), where
            _assert_same(tuple(listed), tuple(expected), where)
            for record in listed:
                _assert_declared_types(record, f"{where} #{record.id}")
                for field in dataclasses.fields(record):
                    seen.setdefault(f"{row_type.__name__}.{field.name}", set()).add(
                        getattr(record, field.name)
                    )
        with workspace.reading() as session:
            listed_links = links.links_of_case(session, case_id)
        with workspace.reading() as session:
            _assert_same(listed_links, _orm_links(session, case_id), f"case {case_id} links")
            assert list(listed_links) == sorted(listed_links)
            for claim_links in listed_links.values():
                every: tuple[Any, ...] = (
                    *claim_links.evidence,
                    *claim_links.claims,
                    *claim_links.testimonies,
                )
                for link in every:
                    _assert_declared_types(link, f"case {case_id} link {link.id}")
                    seen.setdefault(type(link).__name__, set()).update(
                        getattr(link, name) for name in ("relation", "connection") if hasattr(link, name)
                    )
    # The data really held every enum value, None, intervals and quantities in every position.
    assert seen["ClaimRow.status"] == set(ClaimStatus)
    assert seen["ClaimRow.verdict"] == {*Verdict, None}
    assert seen["ClaimRow.credibility"] == {*Credibility, None}
    assert seen["ClaimRow.place_precision"] == {*PlacePrecision, None}
    assert {w.precision for w in seen["ClaimRow.when"] if w} == set(TimePrecision)
    assert None in seen["ClaimRow.when"]
    assert {len(q) for q in seen["ClaimRow.quantities"]} == {0, 1, 2, 3}
    assert seen["TestimonyRow.attribution"] == {*Anonymity, None}
    assert seen["TestimonyRow.taken_precision"] == {*TimePrecision, None}
    assert seen["EvidenceRow.arrival"] == {*ArrivalChannel, None}
    assert seen["SourceRow.reliability"] == {*SourceReliability, None}
    assert seen["SourceRow.attested_by"] >= {(), ("zed",), ("zed", "amy"), ("zed", "amy", "bo")}
    assert seen["ClaimTestimonyLink"] >= {*TestimonyRelation, *Connection, None}
    assert seen["ClaimEvidenceLink"] == set(EvidenceRelation)
    assert seen["ClaimClaimLink"] == set(ClaimRelation)


def test_what_was_recorded_is_what_is_listed(workspace: Workspace) -> None:
    case_id = _add_varied_case(workspace, "Varied", 8)
    with workspace.reading() as session:
        listed = claims.list_claims(session, case_id)
        said = testimonies.list_testimonies(session, case_id)
        items = evidence.list_evidence(session, case_id)
        people = sources.list_sources(session, case_id)
    third = listed[3]  # i = 3: an interval given at UTC+3, three quantities stored out of order
    assert third.when is not None
    assert third.when.start == datetime(2019, 3, 13, 14, tzinfo=UTC) and third.when.start.tzinfo is UTC
    assert third.when.end - third.when.start == timedelta(days=1, microseconds=3)
    assert [(q.unit, q.minimum, q.maximum) for q in third.quantities] == [
        ("killed", 6.0, 6.0),
        ("fighters", 50.0, None),
        ("injured", None, 31.0),
    ]
    assert listed[0].when is None and listed[2].when is None  # no start; a start without an end
    assert listed[0].quantities == () and listed[0].verdict is Verdict.VERIFIED
    assert listed[5].verdict is None and listed[5].credibility is Credibility("6")  # i = 5: sixth value
    assert said[0].taken_at is None and said[1].taken_at == datetime(2019, 4, 11, 6, 1, tzinfo=UTC)
    assert said[1].taken_until == datetime(2019, 4, 11, 10, 0, 0, 1, tzinfo=UTC)
    assert items[5].received_at == datetime(2019, 4, 11, 21, 0, 0, 5, tzinfo=UTC)
    assert items[0].submitted_by_id is None and items[1].submitted_by_id == people[1].id
    assert people[3].anonymous_from == tuple(Audience) and people[3].attested_by == ("zed", "amy", "bo")
    assert people[0].reliability is None and people[0].agreement_date is None
    assert people[1].agreement_date == date(2019, 4, 2)


def test_first_claims_of_a_large_case(workspace: Workspace, case_ids: list[int]) -> None:
    case_id = case_ids[1]
    with workspace.reading() as session:
        every = claims.list_claims(session, case_id)
        assert claims.count_claims(session, case_id) == len(every) == 24
        for limit in (0, 1, 5, 24, 1000):
            first = claims.list_claims(session, case_id, limit=limit)
            _assert_same(tuple(first), tuple(every[:limit]), f"limit {limit}")
        assert claims.count_claims(session, case_ids[-1]) == 0
        assert claims.list_claims(session, case_ids[-1]) == []
        assert claims.count_claims(session, 999) == 0


def test_links_of_the_first_claims_are_all_of_their_links(workspace: Workspace, case_ids: list[int]) -> None:
    case_id = case_ids[1]
    with workspace.reading() as session:
        every = links.links_of_case(session, case_id)
        ids = [claim.id for claim in claims.list_claims(session, case_id)]
        assert any(found.claims for found in every.values()), "the case needs links between claims"
        for last in (ids[0], ids[4], ids[len(ids) // 2], ids[-1]):
            first = links.links_of_case(session, case_id, up_to_claim=last)
            assert first == {claim_id: found for claim_id, found in every.items() if claim_id <= last}


def test_listings_of_an_unknown_or_empty_case(workspace: Workspace, case_ids: list[int]) -> None:
    empty = case_ids[-1]
    with workspace.reading() as session:
        assert sources.list_sources(session, empty) == []
        assert testimonies.list_testimonies(session, empty) == []
        assert evidence.list_evidence(session, empty) == []
        assert links.links_of_case(session, empty) == {}
        with pytest.raises(NotFound, match="no case with id 999"):
            sources.list_sources(session, 999)


@pytest.mark.parametrize(
    "row_type", [row for _, row in LISTINGS] + [ClaimEvidenceRow, ClaimClaimRow, ClaimTestimonyRow]
)
def test_listings_read_every_column(row_type: type[repo.ListedRow]) -> None:
    """A column added to the table must be added to from_columns too, or listings would drop it."""
    assert set(repo.listed_columns(row_type)) == set(row_type.__table__.c.keys())


def test_an_unknown_stored_value_is_named() -> None:
    stamp = datetime(2019, 4, 11, tzinfo=UTC)
    with pytest.raises(LookupError, match="'settled' is not among the values of ClaimStatus"):
        ClaimRow.from_columns(
            *(1, 1, "six killed", "settled", None, "", "editor", "", "", None, "", None),
            *(None, None, None, "", None, "", stamp, stamp, 1),
            quantities=(),
        )
