"""The near-duplicate index returns exactly what a brute-force scan returns."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.crossref.nearindex import NearDuplicateIndex

HASH = st.integers(min_value=0, max_value=2**64 - 1)


def _brute(items: list[tuple[int, int]], query: int, max_distance: int) -> list[tuple[int, int]]:
    found = [(i, (h ^ query).bit_count()) for i, h in items]
    return sorted(((i, d) for i, d in found if d <= max_distance), key=lambda p: (p[1], p[0]))


def _flip(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@settings(max_examples=60, deadline=None)
@given(
    query=HASH,
    noise=st.lists(HASH, min_size=0, max_size=150),
    near=st.lists(st.lists(st.integers(0, 63), max_size=14), max_size=40),
    max_distance=st.integers(0, 12),
    chunks=st.sampled_from([4, 8]),
)
def test_matches_brute_force(
    query: int, noise: list[int], near: list[list[int]], max_distance: int, chunks: int
) -> None:
    values = noise + [_flip(query, bits) for bits in near]
    items = list(enumerate(values))
    index = NearDuplicateIndex(chunks=chunks)
    for item_id, value in items:
        index.add(item_id, value)
    assert index.query(query, max_distance) == _brute(items, query, max_distance)


def test_probing_path_on_a_large_random_set() -> None:
    rng = random.Random(7)
    values = [rng.getrandbits(64) for _ in range(20_000)]
    queries = [rng.choice(values) for _ in range(30)]
    values += [_flip(q, rng.sample(range(64), rng.randint(1, 11))) for q in queries for _ in range(3)]
    items = list(enumerate(values))
    index = NearDuplicateIndex()
    for item_id, value in items:
        index.add(item_id, value)
    for query in queries:
        for max_distance in (0, 4, 8, 11):
            assert index.query(query, max_distance) == _brute(items, query, max_distance)


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(bits=64, chunks=5)
    index = NearDuplicateIndex()
    with pytest.raises(ValueError):
        index.add(1, 2**64)
    with pytest.raises(ValueError):
        index.query(0, -1)
    assert len(index) == 0
