"""The claims board: column models, moving claims with a rationale, linking dropped photos, claim detail."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent, QFont, QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox

from ui.dialogs.move_claim import LinkEvidenceDialog, MoveClaimDialog
from ui.main_window import MainWindow
from ui.models.claims_board import BoardRoles, ClaimCard, ClaimColumnModel
from ui.models.gallery import EvidenceGalleryModel
from ui.models.mime import CLAIM_MIME, EVIDENCE_MIME, decode_ids, encode_ids
from ui.models.records import Roles
from ui.widgets.claims_board import ClaimsBoardPanel, elided_lines
from verifier import domain
from verifier.domain import ClaimOrigin, ClaimStatus, Credibility, EntityType, EvidenceRelation
from verifier.errors import Conflict
from verifier.services import claims, crossref, integrity

T = TypeVar("T")
TIMEOUT = 15_000
T0 = datetime(2019, 2, 21, 8, 0, tzinfo=UTC)


def _claim(n: int, status: ClaimStatus, credibility: Credibility | None = None) -> domain.Claim:
    return domain.Claim(
        id=n,
        case_id=1,
        statement=f"Claim number {n} says something checkable about the hills.",
        status=status,
        verdict=None,
        rationale="",
        origin=ClaimOrigin.EDITOR,
        event_type="",
        actors="",
        place_id=None,
        place_text="",
        place_precision=None,
        when=None,
        quantities=(),
        credibility=credibility,
        credibility_rationale="",
        created_at=T0,
        updated_at=T0,
        version=1,
    )


def test_column_models_pass_the_model_tester_and_turn_drops_into_requests(qtmodeltester: ModelTester) -> None:
    statuses = list(ClaimStatus)
    cards = [
        ClaimCard(_claim(n, statuses[n % 4], Credibility.DOUBTFUL if n % 2 else None)) for n in range(1, 13)
    ]
    unverified = ClaimColumnModel(ClaimStatus.UNVERIFIED)
    unverified.set_cards(cards)
    qtmodeltester.check(unverified)
    assert [unverified.index(r, 0).data(Roles.RECORD_ID) for r in range(unverified.rowCount())] == [4, 8, 12]
    index = unverified.index(0, 0)
    assert index.data(BoardRoles.SUPPORTING) is None  # not counted yet
    assert "origins being counted" in index.data(Qt.ItemDataRole.ToolTipRole)
    unverified.update_cards([ClaimCard(_claim(4, ClaimStatus.UNVERIFIED), 2, 1, 1)])
    qtmodeltester.check(unverified)
    assert (index.data(BoardRoles.SUPPORTING), index.data(BoardRoles.CONTRADICTING)) == (2, 1)
    assert "2 for · 1 against" in index.data(Qt.ItemDataRole.ToolTipRole)

    corroborated = ClaimColumnModel(ClaimStatus.CORROBORATED)
    corroborated.set_cards(cards)
    qtmodeltester.check(corroborated)
    moves: list[tuple[int, str]] = []
    corroborated.sig_move_requested.connect(lambda cid, status: moves.append((cid, status)))
    links: list[tuple[int, list[int]]] = []
    corroborated.sig_link_requested.connect(lambda cid, ids: links.append((cid, ids)))
    dragged = unverified.mimeData([unverified.index(1, 0)])
    assert decode_ids(dragged, CLAIM_MIME) == [8]
    assert corroborated.canDropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    # A move is a request only: nothing moves until the user confirmed it.
    assert not corroborated.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert moves == [(8, "corroborated")]
    assert not unverified.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # own column
    assert moves == [(8, "corroborated")]
    # Evidence goes onto a card, not onto the column's empty space.
    photos = encode_ids(EVIDENCE_MIME, [3, 4])
    assert not corroborated.canDropMimeData(photos, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    card = corroborated.index(0, 0)
    assert corroborated.canDropMimeData(photos, Qt.DropAction.CopyAction, -1, -1, card)
    assert corroborated.dropMimeData(photos, Qt.DropAction.CopyAction, -1, -1, card)
    assert links == [(card.data(Roles.RECORD_ID), [3, 4])]


def test_drag_payloads_carry_ids_and_refuse_malformed_drops() -> None:
    mime = encode_ids(EVIDENCE_MIME, [5, 2, 5])
    assert decode_ids(mime, EVIDENCE_MIME) == [5, 2]
    assert decode_ids(mime, CLAIM_MIME) == []
    for payload in (b"not json", b'{"id": 3}', b'[1, "2", true, -4, 7]', b"\xff\xfe"):
        bad = QMimeData()
        bad.setData(EVIDENCE_MIME, payload)
        assert decode_ids(bad, EVIDENCE_MIME) == ([1, 7] if payload.startswith(b"[1") else [])
    model = EvidenceGalleryModel(None)
    assert model.mimeTypes() == [EVIDENCE_MIME]


def elided(text: str, width: int) -> list[str]:
    return elided_lines(text, QFontMetrics(QFont()), width, 3)


def test_card_text_wraps_in_three_lines_at_most(qapp: object) -> None:
    long = "word " * 80
    lines = elided(long, 150)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert elided("Short claim.", 300) == ["Short claim."]


# --- on the demo case ------------------------------------------------------------------------


def _board(qtbot: QtBot, window: MainWindow) -> ClaimsBoardPanel:
    board = window.panels["board"]
    assert isinstance(board, ClaimsBoardPanel)
    window.select_view("board")

    def counted() -> None:
        assert board.report is not None

    qtbot.waitUntil(counted, timeout=TIMEOUT)
    return board


def _claim_id(window: MainWindow, words: str) -> int:
    data = window.case_data
    assert data is not None
    return next(c.id for c in data.claims if words in c.statement)


def _in_background(qtbot: QtBot, window: MainWindow, fn: Callable[[], T]) -> T:
    """Run ``fn`` on a worker (the GUI thread never touches the database) and return its result."""
    results: list[T] = []
    window.runner.run(lambda progress, cancel: fn(), on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    return results[0]


def _claim_audit(qtbot: QtBot, window: MainWindow, claim_id: int) -> list[domain.AuditEntry]:
    ws, data = window.workspace, window.case_data
    assert ws is not None and data is not None

    def read() -> list[domain.AuditEntry]:
        with ws.reading() as session:
            entries = integrity.audit_log(session, case_id=data.case.id, limit=10_000)
        return [e for e in entries if e.entity_type == EntityType.CLAIM and e.entity_id == claim_id]

    return _in_background(qtbot, window, read)


def _stored_claim(qtbot: QtBot, window: MainWindow, claim_id: int) -> domain.Claim:
    ws = window.workspace
    assert ws is not None

    def read() -> domain.Claim:
        with ws.reading() as session:
            return claims.get_claim(session, claim_id)

    return _in_background(qtbot, window, read)


def _drop_on_view(board: ClaimsBoardPanel, status: ClaimStatus, mime: QMimeData, row: int | None) -> bool:
    """A real drop event on a column's viewport (on a card's centre, or on the empty space below)."""
    view = board.views[status]
    view.resize(260, 600)
    view.doItemsLayout()
    if row is None:
        spot = QPointF(view.viewport().width() / 2, view.viewport().height() - 5)
    else:
        spot = QPointF(view.visualRect(view.model().index(row, 0)).center())
    event = QDropEvent(
        spot,
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)
    return event.isAccepted()


def test_moving_a_claim_asks_why_and_cancel_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    board = _board(qtbot, window)
    claim_id = _claim_id(window, "Ali Rash in mid-March")
    source = board.models[ClaimStatus.UNVERIFIED]
    mime = source.mimeData([source.index(source.row_of(claim_id), 0)])
    before = _claim_audit(qtbot, window, claim_id)

    with qtbot.waitSignal(board.sig_dialog_opened, timeout=TIMEOUT) as opened:
        _drop_on_view(board, ClaimStatus.CORROBORATED, mime, None)
    dialog = opened.args[0]
    assert isinstance(dialog, MoveClaimDialog) and dialog.isVisible()
    assert dialog.target() == ClaimStatus.CORROBORATED
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the rationale is required
    dialog.rationale_edit.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.rationale_edit.setPlainText("Changed my mind")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    qtbot.wait(200)
    assert _stored_claim(qtbot, window, claim_id).status == ClaimStatus.UNVERIFIED
    assert _claim_audit(qtbot, window, claim_id) == before
    assert source.row_of(claim_id) >= 0


def test_moving_a_claim_stores_status_rationale_and_audit_entry(qtbot: QtBot, window: MainWindow) -> None:
    board = _board(qtbot, window)
    claim_id = _claim_id(window, "Ali Rash in mid-March")
    source = board.models[ClaimStatus.UNVERIFIED]
    mime = source.mimeData([source.index(source.row_of(claim_id), 0)])
    with qtbot.waitSignal(board.sig_dialog_opened, timeout=TIMEOUT) as opened:
        board.models[ClaimStatus.CORROBORATED].dropMimeData(
            mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex()
        )
    dialog = opened.args[0]
    assert isinstance(dialog, MoveClaimDialog)
    why = "A second, unrelated witness described the same encounter near Ali Rash."
    dialog.rationale_edit.setPlainText(why)
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(Credibility.PROBABLY_TRUE))
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    data = window.case_data
    assert data is not None
    moved = data.claim(claim_id)
    assert moved is not None
    assert moved.status == ClaimStatus.CORROBORATED and moved.rationale == why
    assert moved.credibility == Credibility.PROBABLY_TRUE and moved.credibility_rationale == why
    assert board.models[ClaimStatus.CORROBORATED].row_of(claim_id) >= 0
    assert source.row_of(claim_id) < 0
    changes = [
        e
        for e in data.audit
        if e.entity_type == EntityType.CLAIM and e.entity_id == claim_id and e.reason == why
    ]
    assert any((e.new_values or {}).get("status") == "corroborated" for e in changes)
    assert any((e.new_values or {}).get("credibility") == "2" for e in changes)


def test_move_to_from_the_keyboard_proposes_the_next_column(qtbot: QtBot, window: MainWindow) -> None:
    board = _board(qtbot, window)
    claim_id = _claim_id(window, "daylight")
    assert board.select_record("claims", claim_id)
    assert "daylight" in window.detail.toPlainText()  # the card's claim in the detail pane
    with qtbot.waitSignal(board.sig_dialog_opened, timeout=TIMEOUT) as opened:
        board.act_move.trigger()
    dialog = opened.args[0]
    assert isinstance(dialog, MoveClaimDialog)
    assert dialog.target() == ClaimStatus.CORROBORATED  # "Being checked" is followed by "Corroborated"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ClaimStatus.CONTRADICTED))
    dialog.rationale_edit.setPlainText("The second photo was taken in 2017, near Kirkuk.")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        dialog.save()
    assert board.models[ClaimStatus.CONTRADICTED].row_of(claim_id) >= 0


def test_a_stale_move_is_refused_with_a_clear_message(
    qtbot: QtBot, window: MainWindow, presented: list[tuple[object, BaseException]]
) -> None:
    board = _board(qtbot, window)
    claim_id = _claim_id(window, "Gali Manjala on 29 March")
    dialog = board.request_move(claim_id, ClaimStatus.IN_PROGRESS)
    assert dialog is not None
    ws = window.workspace
    assert ws is not None

    def colleague_edits() -> None:  # someone else changes the claim meanwhile
        with ws.transaction() as uow:
            claims.update_claim(
                uow, claim_id, statement="Armed men were seen at Gali Manjalan on 29 March 2019."
            )

    _in_background(qtbot, window, colleague_edits)
    dialog.rationale_edit.setPlainText("Checking the valley's name with a second source.")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        dialog.save()
    assert len(presented) == 1
    error = presented[0][1]
    assert isinstance(error, Conflict)
    assert "changed by someone else" in str(error) and "was not moved" in str(error)
    stored = _stored_claim(qtbot, window, claim_id)
    assert stored.status == ClaimStatus.UNVERIFIED and stored.statement.startswith("Armed men were seen")
    assert board.models[ClaimStatus.UNVERIFIED].row_of(claim_id) >= 0


def test_dropping_a_photo_on_a_claim_links_it(qtbot: QtBot, window: MainWindow) -> None:
    board = _board(qtbot, window)
    claim_id = _claim_id(window, "two positions")
    data = window.case_data
    assert data is not None
    stripped = next(e for e in data.evidence if e.original_name.startswith("photo_2019"))
    # The gallery is a drag source of evidence ids; so is the evidence table.
    gallery = window.gallery_model
    mime = gallery.mimeData([gallery.index(gallery.row_of(stripped.id), 0)])
    assert decode_ids(mime, EVIDENCE_MIME) == [stripped.id]
    assert gallery.flags(gallery.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    table = window.table("evidence")
    assert table.select_record(stripped.id)
    assert decode_ids(table.proxy.mimeData([table.currentIndex()]), EVIDENCE_MIME) == [stripped.id]
    assert table.proxy.flags(table.currentIndex()) & Qt.ItemFlag.ItemIsDragEnabled
    assert not window.table("claims").proxy.flags(window.table("claims").proxy.index(0, 0)) & (
        Qt.ItemFlag.ItemIsDragEnabled
    )

    column = board.models[ClaimStatus.UNVERIFIED]
    with qtbot.waitSignal(board.sig_dialog_opened, timeout=TIMEOUT) as opened:
        assert _drop_on_view(board, ClaimStatus.UNVERIFIED, mime, column.row_of(claim_id))
    dialog = opened.args[0]
    assert isinstance(dialog, LinkEvidenceDialog) and dialog.claim.id == claim_id
    assert [item.id for item in dialog.items] == [stripped.id]
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData(EvidenceRelation.ILLUSTRATIVE))
    dialog.note_edit.setText("Men on a ridge; no way to tell which one.")
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    data = window.case_data
    assert data is not None
    linked = [link for link in data.links_of(claim_id).evidence if link.evidence_id == stripped.id]
    assert [(link.relation, link.note) for link in linked] == [
        (EvidenceRelation.ILLUSTRATIVE, "Men on a ridge; no way to tell which one.")
    ]
    # The same photo again, the same way: nothing left to link, OK stays disabled.
    again = board.request_link(claim_id, [stripped.id])
    assert again is not None
    again.relation_combo.setCurrentIndex(again.relation_combo.findData(EvidenceRelation.ILLUSTRATIVE))
    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert stripped.original_name in again.already_label.text()
    again.reject()
    # Photos of another case are not linked from here.
    assert board.request_link(claim_id, [10_000]) is None


def shown_text(window: MainWindow) -> str:
    """The detail pane's text as read: without the invisible marks that isolate each name."""
    return window.detail.toPlainText().replace("\u2068", "").replace("\u2069", "")


def test_claim_detail_shows_facets_links_findings_and_corroboration_chains(
    qtbot: QtBot, window: MainWindow
) -> None:
    _board(qtbot, window)
    window.select_view("claims")
    daylight = _claim_id(window, "daylight")
    assert window.table("claims").select_record(daylight)
    text = shown_text(window)
    assert "Facets" in text and "armed men in the open" in text and "Makhmour" in text
    assert "1 independent origin(s) support it, 1 contradict it." in text
    assert "IMG_20170611_171533.jpg contradicts → Villager (photos)" in text
    assert "IMG_20190221_104012.jpg supports → Villager (photos)" in text
    assert "Photos and other evidence" in text and "Illustrates · photo_2019-03-02_09-12-44.jpg" in text
    assert "Taken outside the claimed period" in text and "Taken inside the claimed place" in text
    assert "Credibility" in text and "Not graded yet" in text
    # Two testimonies, one origin: Shwan is Hama's friend. The chain goes through the linked claim.
    assert window.table("claims").select_record(_claim_id(window, "two positions"))
    text = shown_text(window)
    assert "1 independent origin(s) support it, 0 contradict it." in text
    assert "via claim #4 (partly corroborates)" in text and "Shwan" in text and "Hama" in text
    assert "One origin because: Shwan and Hama are friends" in text
    assert "Fewer origins than records" in text
    regroup = window.case_data.claim(_claim_id(window, "regroup")) if window.case_data else None
    assert regroup is not None and regroup.credibility == Credibility.POSSIBLY_TRUE
    assert window.table("claims").select_record(regroup.id)
    assert "3 · Possibly true" in window.detail.toPlainText()


def test_claim_detail_says_when_the_report_is_still_running(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board(qtbot, window)
    gate = threading.Event()
    original = crossref.case_report

    def slow(*args: object, **kwargs: object) -> object:
        gate.wait(TIMEOUT)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crossref, "case_report", slow)
    with qtbot.waitSignal(window.sig_case_loaded, timeout=TIMEOUT):
        window.reload()
    window.select_view("claims")
    assert window.table("claims").select_record(_claim_id(window, "daylight"))
    assert "Counting independent origins…" in window.detail.toPlainText()
    board = window.panels["board"]
    assert isinstance(board, ClaimsBoardPanel)
    with qtbot.waitSignal(window.sig_report_ready, timeout=TIMEOUT):
        gate.set()
    assert "1 independent origin(s) support it" in window.detail.toPlainText()
