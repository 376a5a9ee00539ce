"""Two processes editing one case at once, on SQLite (WAL) and on PostgreSQL.

Each editor runs in its own process (``concurrent_worker``), as two copies of the app would.
Updates to different claims must all land; updates to the same claim leave one winner and a
stale-edit error naming the newer value and who made it; the audit chain stays one chain.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.verifier.team.conftest import OpenAs
from verifier.domain import AuditAction, EntityType
from verifier.permissions import Role
from verifier.services import cases, claims, integrity, people
from verifier.services.workspace import Workspace
from verifier.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
EDITORS = ("dilan", "shirin")


def _prepare(open_as: OpenAs, count: int) -> tuple[Workspace, list[int]]:
    admin = open_as("amira")
    with admin.transaction() as uow:
        people.add_person(uow, "amira", Role.ADMINISTRATOR)
        for name in EDITORS:
            people.add_person(uow, name, Role.EDITOR)
        case = cases.create_case(uow, "Makhmour")
        ids = [claims.add_claim(uow, case.id, f"Claim number {n} about Makhmour").id for n in range(count)]
    return admin, ids


def _run_editors(
    settings: Settings, meeting: Path, plan: dict[str, list[int]], statement: str, rounds: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """Start one process per editor, release them together, and collect their results."""
    meeting.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = {
        user: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.verifier.team.concurrent_worker",
                json.dumps(
                    {
                        "workspace": str(settings.workspace),
                        "db": settings.database_url,
                        "user": user,
                        "meeting": str(meeting),
                        "claims": ids,
                        "statement": statement,
                        "rounds": rounds,
                    }
                ),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for user, ids in plan.items()
    }
    deadline = time.monotonic() + 120
    while not all((meeting / f"ready-{user}").exists() for user in plan):
        assert time.monotonic() < deadline, "an editor process did not start"
        assert all(p.poll() is None for p in processes.values()), "an editor process died early"
        time.sleep(0.01)
    (meeting / "go").touch()
    results: dict[str, list[dict[str, Any]]] = {}
    for user, process in processes.items():
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        results[user] = [json.loads(line) for line in out.splitlines()]
    return results


def _check_chain(ws: Workspace) -> None:
    with ws.reading() as session:
        report = integrity.verify_audit(session, ws.anchors)
    assert report.ok, report.problems


def test_concurrent_updates_of_different_claims_all_land(
    open_as: OpenAs, settings: Settings, tmp_path: Path
) -> None:
    admin, ids = _prepare(open_as, 60)
    plan = {"dilan": ids[0::2], "shirin": ids[1::2]}
    started = time.perf_counter()
    results = _run_editors(settings, tmp_path / "meeting", plan, "Revised")
    elapsed = time.perf_counter() - started
    for lines in results.values():
        assert [line.get("error") for line in lines] == [None] * 30, lines
    with admin.reading() as session:
        stored = {c.id: c for c in claims.list_claims(session, claims.get_claim(session, ids[0]).case_id)}
        updates = integrity.audit_log(session, entity_type=EntityType.CLAIM.value, limit=500)
    for user, owned in plan.items():
        for claim_id in owned:
            assert stored[claim_id].statement == f"Revised (claim {claim_id}, by {user})"
            assert stored[claim_id].version == 2
    actors = [e.actor for e in updates if e.action is AuditAction.UPDATE]
    assert sorted(actors) == ["dilan"] * 30 + ["shirin"] * 30
    _check_chain(admin)
    print(f"60 concurrent claim updates from 2 processes: {elapsed:.1f} s including start-up")


def test_concurrent_updates_of_the_same_claim_leave_one_winner_and_a_clear_conflict(
    open_as: OpenAs, settings: Settings, tmp_path: Path
) -> None:
    admin, ids = _prepare(open_as, 8)
    plan = {"dilan": ids, "shirin": ids}
    results = _run_editors(settings, tmp_path / "meeting", plan, "Contested")
    with admin.reading() as session:
        final = {claim_id: claims.get_claim(session, claim_id) for claim_id in ids}
    for index, claim_id in enumerate(ids):
        outcome = {user: results[user][index] for user in EDITORS}
        winners = [user for user in EDITORS if "saved" in outcome[user]]
        assert len(winners) == 1, outcome
        winner = winners[0]
        loser = next(user for user in EDITORS if user != winner)
        saved = outcome[winner]["saved"]
        assert final[claim_id].statement == saved and final[claim_id].version == 2
        refusal = outcome[loser]
        assert refusal["error"] == "Conflict", refusal
        message = refusal["message"]
        assert f"This claim ({claim_id}) was changed by {winner} at " in message
        assert f"statement is now '{saved}'" in message
        assert message.endswith("Reload it and apply your change again; nothing was saved.")
    _check_chain(admin)


def test_transactions_touching_the_same_claims_in_opposite_orders_do_not_deadlock(
    open_as: OpenAs, settings: Settings, tmp_path: Path
) -> None:
    """Each writer updates two claims per transaction, in opposite orders: on PostgreSQL, row
    locks taken before the chain's lock would deadlock; writers queue at their first statement."""
    admin, ids = _prepare(open_as, 2)
    plan = {"dilan": ids, "shirin": ids[::-1]}
    results = _run_editors(settings, tmp_path / "meeting", plan, "", rounds=15)
    for lines in results.values():
        assert [line.get("error") for line in lines] == [None] * 15, lines
    with admin.reading() as session:
        updates = integrity.audit_log(session, entity_type=EntityType.CLAIM.value, limit=500)
        final = [claims.get_claim(session, claim_id) for claim_id in ids]
    assert len([e for e in updates if e.action is AuditAction.UPDATE]) == 2 * 2 * 15
    # Each transaction ran whole: both claims carry the same writer's last round.
    assert {c.statement.split(" (claim")[0] for c in final} in ({"Round 14 by dilan"}, {"Round 14 by shirin"})
    _check_chain(admin)
