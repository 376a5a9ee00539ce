"""The claims board's models: one list model per claim status, each row a claim card.

A card is a frozen snapshot: the claim and, once the case's cross-reference report is in, how many
independent origins support and contradict it (``verifier.crossref.corroboration``). The models
are drag sources (claim ids under ``CLAIM_MIME``) and drop targets: a claim dropped on a column
asks to move it to that status, evidence dropped on a card asks to link it to that claim. Both
are *requests* (``sig_move_requested``, ``sig_link_requested``): nothing changes until the user
has said why (a dialog), the service has stored it and the board has reloaded.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.models.mime import CLAIM_MIME, EVIDENCE_MIME, decode_ids, encode_ids
from ui.models.records import Roles
from ui.vocabulary import graded, label
from verifier import domain
from verifier.domain import ClaimStatus

AnyIndex = QModelIndex | QPersistentModelIndex
_CONTEXT = "ClaimsBoard"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class BoardRoles(enum.IntEnum):
    """Roles of the board's models, after the shared ``Roles`` (which they also answer)."""

    STATUS = Qt.ItemDataRole.UserRole + 50  # ClaimStatus
    CREDIBILITY = Qt.ItemDataRole.UserRole + 51  # Credibility | None
    SUPPORTING = Qt.ItemDataRole.UserRole + 52  # int | None: independent origins for (None: not known yet)
    CONTRADICTING = Qt.ItemDataRole.UserRole + 53  # int | None: independent origins against
    VERDICT = Qt.ItemDataRole.UserRole + 54  # Verdict | None
    FINDINGS = Qt.ItemDataRole.UserRole + 55  # int: warnings and conflicts naming the claim


@dataclass(frozen=True)
class ClaimCard:
    """What a card shows about one claim.

    Attributes:
        claim: the claim snapshot.
        supporting: independent origins supporting it; None until the report is in.
        contradicting: independent origins contradicting it; None until the report is in.
        concerns: warnings and conflicts that name the claim (0 until the report is in).
    """

    claim: domain.Claim
    supporting: int | None = None
    contradicting: int | None = None
    concerns: int = 0


def origins_text(card: ClaimCard) -> str:
    """'origins: 1 for · 1 against' (independent origins), or a note while they are being counted."""
    if card.supporting is None or card.contradicting is None:
        return _tr("origins being counted…")
    return _tr("origins: {supporting} for · {contradicting} against").format(
        supporting=card.supporting, contradicting=card.contradicting
    )


class ClaimColumnModel(QAbstractListModel):
    """The cards of one status column, in claim id order.

    Signals:
        sig_move_requested(claim_id, status): a claim was dropped on this column (status is the
            column's ``ClaimStatus`` value).
        sig_link_requested(claim_id, evidence_ids): evidence was dropped on a card.

    Args:
        status: the column's status.
    """

    sig_move_requested = Signal(int, str)
    sig_link_requested = Signal(int, list)

    def __init__(self, status: ClaimStatus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self._cards: list[ClaimCard] = []

    # --- our API -----------------------------------------------------------------------------
    def set_cards(self, cards: Sequence[ClaimCard]) -> None:
        """Replace every card (a reload); cards of other statuses are left out."""
        self.beginResetModel()
        self._cards = sorted((c for c in cards if c.claim.status == self.status), key=lambda c: c.claim.id)
        self.endResetModel()

    def update_cards(self, cards: Sequence[ClaimCard]) -> None:
        """New counts for the same claims (the report arrived): one dataChanged, no reset."""
        by_id = {card.claim.id: card for card in cards}
        if not self._cards:
            return
        self._cards = [by_id.get(card.claim.id, card) for card in self._cards]
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._cards) - 1, 0))

    def cards(self) -> list[ClaimCard]:
        return list(self._cards)

    def row_of(self, claim_id: int) -> int:
        return next((row for row, card in enumerate(self._cards) if card.claim.id == claim_id), -1)

    # --- Qt overrides ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cards):
            return None
        card = self._cards[index.row()]
        claim = card.claim
        if role == Qt.ItemDataRole.DisplayRole:
            return claim.statement
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            lines = [
                f"#{claim.id} {claim.statement}",
                _tr("Credibility: {grade}").format(grade=graded(claim.credibility) or _tr("not graded")),
                _tr("Independent origins: {origins}").format(origins=origins_text(card)),
            ]
            if claim.verdict is not None:
                lines.append(_tr("Verdict: {verdict}").format(verdict=label(claim.verdict)))
            if card.concerns:
                lines.append(
                    _tr("{count} warning(s) or conflict(s) name it: see Findings").format(count=card.concerns)
                )
            return "\n".join(lines)
        if role == Roles.RECORD_ID:
            return claim.id
        if role == Roles.RECORD:
            return claim
        if role == Roles.SORT:
            return claim.id
        if role == Roles.SEARCH:
            return f"#{claim.id} {claim.statement}".casefold()
        if role == BoardRoles.STATUS:
            return claim.status
        if role == BoardRoles.CREDIBILITY:
            return claim.credibility
        if role == BoardRoles.SUPPORTING:
            return card.supporting
        if role == BoardRoles.CONTRADICTING:
            return card.contradicting
        if role == BoardRoles.VERDICT:
            return claim.verdict
        if role == BoardRoles.FINDINGS:
            return card.concerns
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # the column's empty space takes moved claims
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def mimeTypes(self) -> list[str]:
        return [CLAIM_MIME, EVIDENCE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return encode_ids(CLAIM_MIME, (self._cards[row].claim.id for row in rows if row < len(self._cards)))

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        del action, row, column
        if decode_ids(data, CLAIM_MIME):
            return True
        # Evidence goes onto one card: the claim it is linked to.
        return parent.isValid() and bool(decode_ids(data, EVIDENCE_MIME))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Turn a drop into a request; nothing is changed here.

        Returns:
            True for a link request (the drag's source keeps its items); False for a move, which
            only happens once the user confirms it (the card stays put until the board reloads).
        """
        if action == Qt.DropAction.IgnoreAction:
            return True
        claims = [cid for cid in decode_ids(data, CLAIM_MIME) if self.row_of(cid) < 0]
        if claims:
            self.sig_move_requested.emit(claims[0], self.status.value)
            return False
        evidence = decode_ids(data, EVIDENCE_MIME)
        target = parent.row() if parent.isValid() else -1
        if evidence and 0 <= target < len(self._cards):
            self.sig_link_requested.emit(self._cards[target].claim.id, evidence)
            return True
        del row, column
        return False
