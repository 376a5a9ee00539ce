"""Offline towns: parsed in slices (so the window keeps running) into exactly what one parse gives."""

from __future__ import annotations

import json

import pytest

from verifier.domain import GeoPoint
from verifier.geo import WORLD_TOWNS, _parse_in_slices


@pytest.mark.parametrize("slice_bytes", [1, 5, 30, 1 << 20])
def test_slices_give_every_record_once_in_order(slice_bytes: int) -> None:
    records = [{"city": f"Town {n}", "note": "a},{b" if n == 3 else "", "n": n} for n in range(12)]
    text = json.dumps(records, separators=(",", ":")).encode()
    assert _parse_in_slices(text, slice_bytes) == records
    assert _parse_in_slices(b" [] ") == []


def test_nearest_town_to_makhmour_is_makhmour() -> None:
    [town] = WORLD_TOWNS.nearest(GeoPoint(35.7763, 43.5798), count=1)
    assert town.name == "Mexmur" and town.distance_m < 100  # the Kurdish spelling, in the data
