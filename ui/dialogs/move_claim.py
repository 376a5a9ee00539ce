"""Move a claim to another status (with the rationale the audit log keeps), and link evidence to it.

Both open from the claims board: after a card was dragged to another column or "Move to…" was
chosen, and after photos were dropped on a card. Both save in the background (``SavingDialog``)
and change nothing until OK; Cancel leaves every record as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ui import errors
from ui.detail import first_line
from ui.dialogs.base import SavingDialog
from ui.tasks import ProgressFn, TaskRunner
from ui.vocabulary import graded, label
from verifier import domain
from verifier.domain import ClaimStatus, Credibility, EvidenceRelation
from verifier.errors import Conflict
from verifier.services import claims, links
from verifier.services.workspace import Workspace


class MoveClaimDialog(SavingDialog):
    """Changes a claim's status, asking why; optionally grades its credibility at the same time.

    The change is based on the version of the claim the board showed: if someone changed the
    claim meanwhile, nothing is saved, the user is told so, and ``sig_stale`` asks the board to
    reload.

    Signals:
        sig_stale(): the claim had changed since it was read; nothing was saved.
    """

    sig_stale = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        claim: domain.Claim,
        target: ClaimStatus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            self.tr("Move Claim"),
            self.tr("Claim #{id}: {statement}").format(
                id=claim.id, statement=first_line(claim.statement, 200)
            ),
            parent,
        )
        self.setObjectName("MoveClaimDialog")
        self._ws = ws
        self.claim = claim
        self.from_label = QLabel(label(claim.status), self)
        self.form.addRow(self.tr("From:"), self.from_label)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("MoveClaimStatus")
        for status in ClaimStatus:
            if status != claim.status:
                self.status_combo.addItem(label(status), status)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(target)))
        self.form.addRow(self.tr("&To:"), self.status_combo)
        self.rationale_edit = QPlainTextEdit(self)
        self.rationale_edit.setObjectName("MoveClaimRationale")
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setPlaceholderText(
            self.tr("Required: what you checked and why it justifies the new status (kept in the audit log).")
        )
        self.form.addRow(self.tr("&Why:"), self.rationale_edit)
        self.grade_combo = QComboBox(self)
        self.grade_combo.setObjectName("MoveClaimGrade")
        current = graded(claim.credibility) or self.tr("not graded")
        self.grade_combo.addItem(self.tr("Keep ({grade})").format(grade=current), None)
        for grade in Credibility:
            if grade != claim.credibility:
                self.grade_combo.addItem(graded(grade), grade)
        self.form.addRow(self.tr("&Credibility:"), self.grade_combo)
        self.rationale_edit.textChanged.connect(self.update_ok)
        self.resize(560, self.sizeHint().height())
        self.update_ok()

    def target(self) -> ClaimStatus:
        value = self.status_combo.currentData()
        return value if isinstance(value, ClaimStatus) else ClaimStatus(value)

    def is_complete(self) -> bool:
        return bool(self.rationale_edit.toPlainText().strip())

    def task_label(self) -> str:
        return self.tr("Moving claim #{id}").format(id=self.claim.id)

    def save_function(self) -> Callable[[ProgressFn, threading.Event], domain.Claim]:
        ws, claim_id, version = self._ws, self.claim.id, self.claim.version
        target, why = self.target(), self.rationale_edit.toPlainText().strip()
        chosen = self.grade_combo.currentData()  # Qt hands enum values back as plain strings
        grade = Credibility(chosen) if chosen else None

        def move(progress: ProgressFn, cancel: threading.Event) -> domain.Claim:
            with ws.transaction() as uow:
                moved = claims.update_claim(
                    uow, claim_id, status=target, reason=why, expected_version=version
                )
                if grade is not None:
                    moved = claims.grade_claim(uow, claim_id, grade, why)
                return moved

        return move

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Conflict):
            super()._failed(exc)
            return
        self._saving = None
        self._set_busy(False)
        errors.show_error(
            self,
            Conflict(
                self.tr(
                    "Claim #{id} was changed by someone else since the board was read, so it was not "
                    "moved. The board now shows it as it is; move it again if you still want to.\n\n{detail}"
                ).format(id=self.claim.id, detail=str(exc))
            ),
        )
        self.sig_stale.emit()
        self.reject()


class LinkEvidenceDialog(SavingDialog):
    """Links photos dropped on a claim card to that claim, asking how they bear on it."""

    def __init__(
        self,
        runner: TaskRunner,
        ws: Workspace,
        claim: domain.Claim,
        items: Sequence[domain.Evidence],
        existing: Sequence[domain.ClaimEvidenceLink] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            self.tr("Link Evidence"),
            self.tr("Claim #{id}: {statement}").format(
                id=claim.id, statement=first_line(claim.statement, 200)
            ),
            parent,
        )
        self.setObjectName("LinkEvidenceDialog")
        self._ws = ws
        self.claim = claim
        self.items = list(items)
        self._existing = {(link.evidence_id, link.relation) for link in existing}
        names = QLabel("\n".join(item.original_name for item in self.items), self)
        names.setWordWrap(True)
        self.form.addRow(self.tr("Evidence:"), names)
        self.relation_combo = QComboBox(self)
        self.relation_combo.setObjectName("LinkRelation")
        for relation in EvidenceRelation:
            self.relation_combo.addItem(label(relation), relation)
        self.form.addRow(self.tr("&How it bears on the claim:"), self.relation_combo)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Optional: what in the photo bears on the claim"))
        self.form.addRow(self.tr("&Note:"), self.note_edit)
        self.already_label = QLabel(self)
        self.already_label.setWordWrap(True)
        self.already_label.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow(self.already_label)
        self.relation_combo.currentIndexChanged.connect(self._relation_changed)
        self._relation_changed()
        self.resize(560, self.sizeHint().height())

    def relation(self) -> EvidenceRelation:
        value = self.relation_combo.currentData()
        return value if isinstance(value, EvidenceRelation) else EvidenceRelation(value)

    def to_link(self) -> list[domain.Evidence]:
        """The items not yet linked to the claim with the chosen relation."""
        relation = self.relation()
        return [item for item in self.items if (item.id, relation) not in self._existing]

    def _relation_changed(self) -> None:
        linked = [item.original_name for item in self.items if item not in self.to_link()]
        self.already_label.setText(
            self.tr("Already linked this way (left as is): {names}").format(names=", ".join(linked))
            if linked
            else ""
        )
        self.already_label.setVisible(bool(linked))
        self.update_ok()

    def is_complete(self) -> bool:
        return bool(self.to_link())

    def task_label(self) -> str:
        return self.tr("Linking evidence to claim #{id}").format(id=self.claim.id)

    def save_function(self) -> Callable[[ProgressFn, threading.Event], list[domain.ClaimEvidenceLink]]:
        ws, claim_id = self._ws, self.claim.id
        relation, note = self.relation(), self.note_edit.text()
        ids = [item.id for item in self.to_link()]

        def link(progress: ProgressFn, cancel: threading.Event) -> list[domain.ClaimEvidenceLink]:
            with ws.transaction() as uow:  # all or none
                return [links.link_claim_evidence(uow, claim_id, eid, relation, note) for eid in ids]

        return link
