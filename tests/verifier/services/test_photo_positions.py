"""photo_positions: where and when each photo of a case was taken, in one read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from verifier.crossref.time import capture_time
from verifier.demo import build_demo_case
from verifier.errors import NotFound
from verifier.services import crossref, evidence, intake
from verifier.services.workspace import Workspace


def test_positions_and_times_of_the_demo_photos(sqlite_workspace: Workspace) -> None:
    case_id = build_demo_case(sqlite_workspace)
    with sqlite_workspace.reading() as session:
        found = intake.photo_positions(session, case_id)
        items = {e.id: e for e in evidence.list_evidence(session, case_id)}
        inputs = {p.evidence_id: p for p in crossref.gather(session, case_id).photos}
        one_by_one = {i: intake.photo_details(session, i) for i in items}
    assert [p.evidence_id for p in found] == sorted(items)
    by_name = {items[p.evidence_id].original_name: p for p in found}
    fitting = by_name["IMG_20190221_104012.jpg"]
    assert (fitting.latitude, fitting.longitude) == pytest.approx((35.7921, 43.6188), abs=1e-6)
    assert fitting.capture_earliest == fitting.capture_latest == datetime(2019, 2, 21, 7, 40, tzinfo=UTC)
    assert fitting.capture_local == "2019-02-21T10:40:00"
    assert fitting.capture_basis == "offset_tag"
    assert fitting.gps_utc == datetime(2019, 2, 21, 7, 40, tzinfo=UTC)
    assert fitting.received_at == items[fitting.evidence_id].received_at
    stripped = by_name["photo_2019-03-02_09-12-44.jpg"]
    assert stripped.latitude is None and stripped.capture_earliest is None and stripped.capture_basis == ""
    for position in found:
        # The same facts as the per-photo read, and the same instants as the time rules use.
        details = one_by_one[position.evidence_id]
        assert (position.latitude, position.longitude) == (details.gps_latitude, details.gps_longitude)
        assert position.error_m == details.summary.get("gps_h_positioning_error")
        rule = capture_time(inputs[position.evidence_id])
        assert position.capture_earliest == (rule.earliest if rule else None)
        assert position.capture_latest == (rule.latest if rule else None)


def test_unknown_case_is_refused(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.reading() as session, pytest.raises(NotFound):
        intake.photo_positions(session, 999)
