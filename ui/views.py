"""The record views of the main window, each declared once: columns, detail renderer, empty hint.

A ``ViewSpec`` is all the main window needs to build a tab (model + proxy + table + detail).
Later views (gallery, claims board, map, timeline) are widgets of their own; they slot into the
same tab bar and read the same ``CaseData``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt

from ui import detail
from ui.case_data import CaseData
from ui.models.records import Column
from ui.vocabulary import format_size, format_time, isolate, label, language_name
from verifier import domain
from verifier.domain import Anonymity, ClaimStatus

R = TypeVar("R")
_CONTEXT = "Views"
RIGHT = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
# Counts sit centred under their header: right-aligned they run into the next column's text.
CENTER = Qt.AlignmentFlag.AlignCenter


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class CaseContext:
    """The case currently shown; columns that need a look-up (a source's alias) read it.

    Column getters are built once, so they hold this small mutable box rather than the data.
    """

    def __init__(self) -> None:
        self.data: CaseData | None = None

    def alias(self, source_id: int | None) -> str:
        return self.data.source_alias(source_id) if self.data is not None else ""

    def evidence_links(self, claim_id: int) -> int:
        return len(self.data.links_of(claim_id).evidence) if self.data is not None else 0

    def testimony_links(self, claim_id: int) -> int:
        return len(self.data.links_of(claim_id).testimonies) if self.data is not None else 0

    def claims_of_evidence(self, evidence_id: int) -> int | None:
        """None while a first look of a large case leaves claims out (see ``CaseData``)."""
        return self.data.claims_citing(evidence_id) if self.data is not None else 0

    def testimonies_of(self, source_id: int) -> int:
        return len(self.data.testimonies_by(source_id)) if self.data is not None else 0


@dataclass(frozen=True)
class ViewSpec(Generic[R]):
    """One record view.

    Attributes:
        key: a stable name (object names, settings, tests).
        title: the tab's translated title.
        columns: the table's columns.
        record_id: a record's id for ``Roles.RECORD_ID``.
        records: the view's rows in a ``CaseData``.
        render: the detail pane's HTML for a record.
        empty_hint: what to tell the user when the view has no rows.
        stretch: the column that takes the spare width.
        sort: initial sort column and order.
        search_extra: more text the filter finds rows by.
    """

    key: str
    title: str
    columns: Sequence[Column[R]]
    record_id: Callable[[R], int]
    records: Callable[[CaseData], Sequence[R]]
    render: Callable[[R, CaseData], str]
    empty_hint: str
    stretch: int
    sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
    search_extra: Callable[[R], str] | None = None


def _anonymity_tone(value: Anonymity) -> str:
    if value.is_protected:
        return "protected"
    return "caution" if value == Anonymity.BACKGROUND else "named"


_STATUS_TONES = {
    ClaimStatus.UNVERIFIED: "neutral",
    ClaimStatus.IN_PROGRESS: "progress",
    ClaimStatus.CORROBORATED: "ok",
    ClaimStatus.CONTRADICTED: "bad",
}


def _count(value: int | None) -> str:
    if value is None:
        return "…"  # not known yet: the case's claims are still being read
    return str(value) if value else ""


def build_views(ctx: CaseContext) -> list[ViewSpec[Any]]:
    """Every record view, in tab order."""
    sources: ViewSpec[domain.Source] = ViewSpec(
        key="sources",
        title=_tr("Sources"),
        columns=[
            Column(_tr("Alias"), lambda s: s.alias, width=20),
            Column(_tr("Kind"), lambda s: label(s.kind), width=15),
            Column(
                _tr("Attribution"),
                lambda s: label(s.anonymity),
                sort_key=lambda s: list(Anonymity).index(s.anonymity),
                badge=lambda s: _anonymity_tone(s.anonymity),
                width=30,
                header_tooltip=_tr("The terms agreed with the source for published work"),
            ),
            Column(
                _tr("Testimonies"),
                lambda s: _count(ctx.testimonies_of(s.id)),
                sort_key=lambda s: ctx.testimonies_of(s.id),
                alignment=CENTER,
                width=11,
            ),
            Column(
                _tr("Public description"),
                lambda s: s.public_description,
                tooltip=lambda s: s.public_description,
                width=40,
            ),
        ],
        record_id=lambda s: s.id,
        records=lambda d: d.sources,
        render=detail.source_html,
        empty_hint=_tr("No sources in this case yet. Add one with Case ▸ Add Source…"),
        stretch=4,
        search_extra=lambda s: s.notes,
    )
    testimonies: ViewSpec[domain.Testimony] = ViewSpec(
        key="testimonies",
        title=_tr("Testimonies"),
        columns=[
            Column(
                _tr("Taken (UTC)"),
                lambda t: format_time(t.taken_at) or _tr("Undated"),
                sort_key=lambda t: t.taken_at,
                width=18,
            ),
            Column(_tr("Source"), lambda t: ctx.alias(t.source_id), width=18),
            Column(_tr("Medium"), lambda t: label(t.medium), width=13),
            Column(_tr("Language"), lambda t: language_name(t.language), width=14),
            Column(
                _tr("Transcript"),
                lambda t: detail.first_line(t.transcript),
                tooltip=lambda t: detail.first_line(t.transcript, 400),
                width=50,
            ),
        ],
        record_id=lambda t: t.id,
        records=lambda d: d.testimonies,
        render=detail.testimony_html,
        empty_hint=_tr("No testimonies in this case yet."),
        stretch=4,
        search_extra=lambda t: t.transcript + "\n" + t.notes,
    )
    claims: ViewSpec[domain.Claim] = ViewSpec(
        key="claims",
        title=_tr("Claims"),
        columns=[
            Column("#", lambda c: str(c.id), sort_key=lambda c: c.id, alignment=RIGHT, width=4),
            Column(_tr("Statement"), lambda c: c.statement, tooltip=lambda c: c.statement, width=60),
            Column(
                _tr("Status"),
                lambda c: label(c.status),
                sort_key=lambda c: list(ClaimStatus).index(c.status),
                badge=lambda c: _STATUS_TONES.get(c.status, "neutral"),
                width=15,
            ),
            Column(_tr("Verdict"), lambda c: label(c.verdict) or "—", width=14),
            Column(
                _tr("Testimonies"),
                lambda c: _count(ctx.testimony_links(c.id)),
                sort_key=lambda c: ctx.testimony_links(c.id),
                alignment=CENTER,
                width=11,
                header_tooltip=_tr("Testimonies that assert or deny the claim"),
            ),
            Column(
                _tr("Evidence"),
                lambda c: _count(ctx.evidence_links(c.id)),
                sort_key=lambda c: ctx.evidence_links(c.id),
                alignment=CENTER,
                width=9,
                header_tooltip=_tr("Evidence items linked to the claim"),
            ),
        ],
        record_id=lambda c: c.id,
        records=lambda d: d.claims,
        render=detail.claim_html,
        empty_hint=_tr("No claims in this case yet. Add one with Case ▸ Add Claim…"),
        stretch=1,
    )
    evidence: ViewSpec[domain.Evidence] = ViewSpec(
        key="evidence",
        title=_tr("Evidence"),
        columns=[
            Column(_tr("File"), lambda e: e.original_name, tooltip=lambda e: e.notes, width=28),
            Column(_tr("Kind"), lambda e: label(e.kind), width=9),
            Column(
                _tr("Received (UTC)"),
                lambda e: format_time(e.received_at),
                sort_key=lambda e: e.received_at,
                width=18,
            ),
            Column(_tr("Sent by"), lambda e: ctx.alias(e.submitted_by_id), width=17),
            Column(
                _tr("Size"),
                lambda e: format_size(e.size),
                sort_key=lambda e: e.size,
                alignment=RIGHT,
                width=9,
            ),
            Column(
                _tr("Claims"),
                lambda e: _count(ctx.claims_of_evidence(e.id)),
                sort_key=lambda e: ctx.claims_of_evidence(e.id) or 0,
                alignment=CENTER,
                width=7,
            ),
            Column(_tr("Notes"), lambda e: e.notes, tooltip=lambda e: e.notes, width=40),
        ],
        record_id=lambda e: e.id,
        records=lambda d: d.evidence,
        render=detail.evidence_html,
        empty_hint=_tr("No evidence in this case yet."),
        stretch=6,
        sort=(2, Qt.SortOrder.AscendingOrder),
        search_extra=lambda e: e.sha256,
    )
    places: ViewSpec[domain.Place] = ViewSpec(
        key="places",
        title=_tr("Places"),
        columns=[
            Column(_tr("Name"), lambda p: p.name, width=18),
            Column(_tr("Other names"), lambda p: "  ·  ".join(isolate(name) for name in p.aliases), width=34),
            Column(
                _tr("Coordinates"),
                lambda p: detail.format_coordinates(p.latitude, p.longitude),
                sort_key=lambda p: (p.latitude is None, p.latitude, p.longitude),
                width=24,
            ),
            Column(_tr("Precision"), lambda p: label(p.precision), width=15),
            Column(_tr("Notes"), lambda p: p.notes, tooltip=lambda p: p.notes, width=40),
        ],
        record_id=lambda p: p.id,
        records=lambda d: d.places,
        render=detail.place_html,
        empty_hint=_tr("The workspace's gazetteer is empty."),
        stretch=4,
    )
    audit: ViewSpec[domain.AuditEntry] = ViewSpec(
        key="audit",
        title=_tr("Audit log"),
        columns=[
            Column("#", lambda a: str(a.seq), sort_key=lambda a: a.seq, alignment=RIGHT, width=5),
            Column(_tr("When (UTC)"), lambda a: format_time(a.at), sort_key=lambda a: a.at, width=18),
            Column(_tr("Who"), lambda a: a.actor, width=10),
            Column(_tr("Action"), lambda a: label(a.action), width=10),
            Column(
                _tr("Record"),
                lambda a: detail.audit_record(a),
                sort_key=lambda a: (a.entity_type.value, a.entity_id),
                width=19,
            ),
            Column(_tr("Change"), lambda a: detail.audit_summary(a), tooltip=detail.audit_summary, width=40),
            Column(_tr("Reason"), lambda a: a.reason or "", tooltip=lambda a: a.reason or "", width=22),
        ],
        record_id=lambda a: a.seq,
        records=lambda d: d.audit,
        render=detail.audit_html,
        empty_hint=_tr("Nothing has been recorded for this case yet."),
        stretch=5,
        sort=(0, Qt.SortOrder.DescendingOrder),
    )
    return [sources, testimonies, claims, evidence, places, audit]
