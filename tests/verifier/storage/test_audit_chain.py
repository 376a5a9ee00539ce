"""The hash-chained audit log names every kind of tampering."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from verifier.domain import AuditAction, EntityType
from verifier.services import cases, claims, integrity
from verifier.services.workspace import Workspace
from verifier.storage.audit import compute_hash
from verifier.storage.models import AuditEntryRow


@pytest.fixture
def logged(workspace: Workspace) -> Workspace:
    """Five entries: a case, two claims, a status change, a deletion."""
    with workspace.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        first = claims.add_claim(uow, case.id, "Fighters were seen near Ali Rash in mid-March.")
        second = claims.add_claim(uow, case.id, "Fighters were seen in Gali Manjalan on 29 March.")
    with workspace.transaction() as uow:
        claims.update_claim(uow, first.id, status="in_progress", reason="asked a second witness")
        claims.delete_claim(uow, second.id, reason="duplicate of claim 1")
    return workspace


def _report(ws: Workspace) -> integrity.AuditReport:
    with ws.reading() as session:
        return integrity.verify_audit(session, ws.anchors)


def _sql(ws: Workspace, statement: str, **params: object) -> None:
    with ws.engine.begin() as connection:
        connection.execute(text(statement), params)


def test_untouched_log_verifies(logged: Workspace) -> None:
    report = _report(logged)
    assert report.ok and report.entries == 5 and report.head_seq == 5


def test_entries_record_who_what_old_new_and_reason(logged: Workspace) -> None:
    with logged.reading() as session:
        entries = integrity.audit_log(session, limit=10)
    change = next(e for e in entries if e.action is AuditAction.UPDATE)
    assert change.actor == "tester" and change.entity_type is EntityType.CLAIM
    assert change.old_values == {"status": "unverified", "rationale": ""}
    assert change.new_values == {"status": "in_progress", "rationale": "asked a second witness"}
    assert change.reason == "asked a second witness"
    deletion = entries[0]
    assert deletion.action is AuditAction.DELETE and deletion.old_values is not None
    assert deletion.old_values["statement"].startswith("Fighters were seen in Gali Manjalan")
    assert deletion.at.tzinfo is not None


def test_edited_entry_is_named(logged: Workspace) -> None:
    _sql(logged, "UPDATE audit_entry SET reason = 'nothing to see' WHERE seq = 4")
    report = _report(logged)
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "altered")]
    assert "Audit entry #4 (update claim" in report.problems[0].message


def test_removed_entry_is_named(logged: Workspace) -> None:
    _sql(logged, "DELETE FROM audit_entry WHERE seq = 3")
    report = _report(logged)
    assert (4, "missing") in [(p.seq, p.kind) for p in report.problems]
    assert any("#3 are missing" in p.message for p in report.problems)


def test_removed_last_entry_is_caught_by_the_anchor(logged: Workspace) -> None:
    _sql(logged, "DELETE FROM audit_entry WHERE seq = 5")
    report = _report(logged)
    assert [(p.seq, p.kind) for p in report.problems] == [(5, "anchor_missing")]


def test_inserted_entry_is_named(logged: Workspace) -> None:
    # Shift entries 3..5 up by one (highest first, for the primary key) and forge a new #3.
    for seq in (5, 4, 3):
        _sql(logged, "UPDATE audit_entry SET seq = :new WHERE seq = :old", new=seq + 1, old=seq)
    _sql(
        logged,
        "INSERT INTO audit_entry (seq, at, actor, action, entity_type, entity_id, case_id, old_values,"
        " new_values, reason, prev_hash, entry_hash) SELECT 3, at, 'mallory', 'delete', 'claim', 1, 1,"
        " NULL, NULL, 'forged', entry_hash, :forged FROM audit_entry WHERE seq = 2",
        forged="f" * 64,
    )
    kinds = {(p.seq, p.kind) for p in _report(logged).problems}
    assert (3, "altered") in kinds  # the forged entry's hash is not its own
    assert (4, "altered") in kinds or (4, "broken_link") in kinds  # the next one no longer follows


def test_reordered_entries_are_named(logged: Workspace) -> None:
    # Swap the contents of #2 and #3 (both 'create claim'), keeping their sequence numbers.
    with logged.engine.begin() as connection:
        rows = {r.seq: r for r in connection.execute(text("SELECT * FROM audit_entry WHERE seq IN (2, 3)"))}
        for seq, other in ((2, 3), (3, 2)):
            source = rows[other]
            connection.execute(
                text("UPDATE audit_entry SET entity_id = :e, new_values = :n, at = :at WHERE seq = :s"),
                {"e": source.entity_id, "n": source.new_values, "at": source.at, "s": seq},
            )
    flagged = {p.seq for p in _report(logged).problems}
    assert {2, 3} <= flagged


def test_rewritten_chain_is_caught_by_the_anchors(logged: Workspace) -> None:
    """Someone edits #2 and recomputes every later hash: the chain is consistent again,
    but no longer matches what this machine recorded when the entries were written."""
    with Session(logged.engine) as session, session.begin():
        rows = list(session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)))
        prev = rows[0].entry_hash
        for row in rows[1:]:
            if row.seq == 2:
                row.new_values = json.dumps({"statement": "rewritten"})
            row.prev_hash = prev
            row.entry_hash = compute_hash(
                seq=row.seq,
                at=row.at,
                actor=row.actor,
                action=row.action.value,
                entity_type=row.entity_type.value,
                entity_id=row.entity_id,
                case_id=row.case_id,
                old_values=row.old_values,
                new_values=row.new_values,
                reason=row.reason,
                prev_hash=prev,
            )
            prev = row.entry_hash
    report = _report(logged)
    assert [p.kind for p in report.problems] and {p.kind for p in report.problems} == {"anchor_mismatch"}
    assert all(p.seq >= 3 for p in report.problems)  # anchors exist at #3 and #5


def test_rolled_back_action_leaves_no_entry(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), workspace.transaction() as uow:
        cases.create_case(uow, "Never committed")
        raise RuntimeError("the user's action failed half-way")
    with workspace.reading() as session:
        assert integrity.audit_log(session) == []
        assert cases.list_cases(session) == []
