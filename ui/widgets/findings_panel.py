"""The "Findings" tab: every finding of the case's cross-reference report, filterable.

The findings come from the report the main window computes once per load (``ui.case_report``);
this panel never runs a rule. Selecting a finding shows its first record in the detail pane
(``sig_current``); double-click or Enter opens it (the photo viewer for evidence). Records are
named by alias, file name or claim statement, never by anything sealed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui import detail
from ui.case_data import CaseData
from ui.detail import esc, first_line
from ui.models.findings import (
    Column,
    FindingRoles,
    FindingsFilterProxy,
    FindingsTableModel,
    families,
    family_label,
    rule_title,
    severity_label,
)
from ui.models.records import Roles
from ui.tasks import TaskRunner
from ui.vocabulary import format_count
from ui.widgets.badge_delegate import BadgeDelegate
from ui.widgets.case_panel import CasePanel
from ui.widgets.record_table import DataTextDelegate
from verifier.crossref.engine import CaseReport
from verifier.crossref.findings import Finding, Severity

# A finding that groups a crowd of claims can name tens of thousands: the explanation lists this
# many and counts the rest (the table's row still filters on all of them).
SHOWN_SUBJECTS = 30


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsPanel", text)


def concerns_html(data: CaseData | None, finding: Finding) -> str:
    """The records a finding is about, by name: the first ``SHOWN_SUBJECTS``, then a count."""
    shown = finding.subjects[:SHOWN_SUBJECTS]
    names = ", ".join(detail.inline(subject_name(data, kind, rid)) for kind, rid in shown)
    if len(finding.subjects) > SHOWN_SUBJECTS:
        more = _tr("and {count} more").format(count=format_count(len(finding.subjects) - SHOWN_SUBJECTS))
        names += ", " + esc(more)
    return esc(_tr("Concerns: {names}")).format(names=names)


def subject_name(data: CaseData | None, kind: str, record_id: int) -> str:
    """A record as people know it: a source's alias, a photo's file name, a claim's statement.

    Only what the case's snapshots hold is used, so a sealed identity can never show here.

    Args:
        data: the case shown (None: names by number only).
        kind: "evidence", "claim", "source", "testimony" or "case".
        record_id: the record's id.

    Returns:
        A short name.
    """

    if data is not None:
        if kind == "evidence" and (item := data.evidence_item(record_id)) is not None:
            return item.original_name
        if kind == "claim" and (claim := data.claim(record_id)) is not None:
            return f"#{record_id} {first_line(claim.statement, 48)}"
        if kind == "source" and (source := data.source(record_id)) is not None:
            return source.alias
        if kind == "testimony" and (testimony := data.testimony(record_id)) is not None:
            return _tr("testimony of {alias}").format(alias=data.source_alias(testimony.source_id))
        if kind == "case" and data.case.id == record_id:
            return _tr("this case")
    # Records of another case (a picture first received elsewhere): by number only.
    words = {
        "evidence": _tr("photo #{id}"),
        "claim": _tr("claim #{id}"),
        "source": _tr("source #{id}"),
        "testimony": _tr("testimony #{id}"),
        "case": _tr("case #{id}"),
    }
    return words.get(kind, f"{kind} #{{id}}").format(id=record_id)


class FindingsPanel(CasePanel):
    """A table of every finding with severity and family filters and the selected one explained."""

    key = "findings"
    after = "evidence"

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.title = self.tr("Findings")
        self.report: CaseReport | None = None
        self._last_case: int | None = None
        self.findings_model = FindingsTableModel(self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.findings_model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(QLabel(self.tr("Show:"), self))
        self.severity_checks: dict[Severity, QCheckBox] = {}
        for severity in (Severity.CONFLICT, Severity.WARNING, Severity.INFO):
            check = QCheckBox(severity_label(severity), self)
            check.setObjectName(f"findings_{severity.value}")
            check.setChecked(True)
            check.toggled.connect(self._severities_changed)
            self.severity_checks[severity] = check
            bar.addWidget(check)
        family_label_widget = QLabel(self.tr("&Family:"), self)
        self.family_combo = QComboBox(self)
        self.family_combo.setObjectName("findings_family")
        self.family_combo.addItem(self.tr("Every family"), None)
        for family in families():
            self.family_combo.addItem(family_label(family), family)
        self.family_combo.currentIndexChanged.connect(self._family_changed)
        family_label_widget.setBuddy(self.family_combo)
        bar.addSpacing(8)
        bar.addWidget(family_label_widget)
        bar.addWidget(self.family_combo)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findings_count")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.table = QTableView(self)
        self.table.setObjectName("findings_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        average = self.fontMetrics().averageCharWidth()
        for column, chars in (
            (Column.SEVERITY, 13),
            (Column.FAMILY, 16),
            (Column.TITLE, 30),
            (Column.CONCERNS, 30),
        ):
            header.resizeSection(column, chars * average + 16)
        header.setSectionResizeMode(Column.EXPLANATION, QHeaderView.ResizeMode.Stretch)
        self._badges = BadgeDelegate(self.table)
        self.table.setItemDelegateForColumn(Column.SEVERITY, self._badges)
        self.table.setItemDelegate(DataTextDelegate(self.table))  # each cell in its text's direction
        self.table.sortByColumn(Column.SEVERITY, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)

        self.explanation = QTextBrowser(self)
        self.explanation.setObjectName("findings_explanation")
        self.explanation.setOpenLinks(False)
        self.explanation.setMinimumHeight(self.fontMetrics().height() * 4)
        self.explanation.document().setDocumentMargin(8)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.explanation)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 130])
        layout.addWidget(splitter, 1)
        self._show_explanation(None)
        self._update_count()

    # --- CasePanel -------------------------------------------------------------------------------
    def show_case(self, data: CaseData) -> None:
        super().show_case(data)
        if self._last_case != data.case.id:
            # Another case: the previous case's findings must not linger while this one is checked.
            self.report = None
            self.findings_model.clear()
        self._last_case = data.case.id
        if data.report is not None and data.report is not self.report:
            self.show_findings(data.report)
        self._update_count()

    def show_findings(self, report: CaseReport) -> None:
        picked = self.current_finding()
        self.report = report
        self.findings_model.set_findings(report.findings, partial(subject_name, self.data))
        self._update_count()
        if picked is not None:
            self._reselect(picked)
        if not self.table.currentIndex().isValid():
            if self.proxy.rowCount() and self.isVisible():
                self.table.setCurrentIndex(self.proxy.index(0, 0))  # the most serious first
            else:
                self._show_explanation(None)

    def clear(self) -> None:
        super().clear()
        self.report = None
        self._last_case = None
        self.findings_model.clear()
        self._show_explanation(None)
        self._update_count()

    def select_record(self, kind: str, record_id: int) -> bool:
        """Select the first finding (in the table's order) that names this record."""
        subject_kind = {
            "evidence": "evidence",
            "claims": "claim",
            "sources": "source",
            "testimonies": "testimony",
        }
        wanted = (subject_kind.get(kind, kind), record_id)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if wanted in (index.data(FindingRoles.SUBJECTS) or ()):
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def tab_title(self, data: CaseData | None, report: CaseReport | None) -> str:
        del data
        if report is None:
            return self.title
        return self.tr("{view} ({count})").format(view=self.title, count=format_count(len(report.findings)))

    # --- our API ---------------------------------------------------------------------------------
    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        found = index.data(Roles.RECORD) if index.isValid() else None
        return found if isinstance(found, Finding) else None

    def shown_findings(self) -> list[Finding]:
        """The findings the table shows, in its order (after filters and sorting)."""
        rows = (self.proxy.index(row, 0).data(Roles.RECORD) for row in range(self.proxy.rowCount()))
        return [finding for finding in rows if isinstance(finding, Finding)]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))  # the detail pane shows its record

    # --- internals -------------------------------------------------------------------------------
    def _severities_changed(self) -> None:
        self.proxy.set_severities({sev for sev, check in self.severity_checks.items() if check.isChecked()})
        self._update_count()

    def _family_changed(self) -> None:
        family = self.family_combo.currentData()
        self.proxy.set_family(family if isinstance(family, str) else None)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.findings_model.rowCount(), self.proxy.rowCount()
        if self.data is not None and self.report is None:
            text = self.tr("Cross-referencing the case…")
        elif self.report is None:
            text = ""
        elif shown == total:
            text = self.tr("{count} finding(s)").format(count=total)
        else:
            text = self.tr("{shown} of {count} finding(s) shown").format(shown=shown, count=total)
        self.count_label.setText(text)

    def _reselect(self, finding: Finding) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Roles.RECORD) == finding:
                self.table.setCurrentIndex(index)
                return

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        finding = current.data(Roles.RECORD) if current.isValid() else None
        self._show_explanation(finding if isinstance(finding, Finding) else None)
        target = current.data(FindingRoles.FIRST_SUBJECT) if current.isValid() else None
        if target is not None:
            view, record_id = target
            self.sig_current.emit(view, int(record_id))

    def _activated(self, index: QModelIndex) -> None:
        target = index.data(FindingRoles.FIRST_SUBJECT) if index.isValid() else None
        if target is not None:
            view, record_id = target
            self.sig_open.emit(view, int(record_id))

    def _show_explanation(self, finding: Finding | None) -> None:
        if finding is None:
            hint = (
                self.tr("Pick a finding to read its explanation.")
                if self.report is None or self.findings_model.rowCount()
                else self.tr("The cross-reference found nothing to report in this case.")
            )
            self.explanation.setHtml(detail.document(f'<p style="color:#627d98">{esc(hint)}</p>'))
            return
        # The page in the interface's direction; names and the (English) explanation in their own.
        concerns = concerns_html(self.data, finding)
        self.explanation.setHtml(
            detail.document(
                f"<p><b>{esc(rule_title(finding.rule))}</b> "
                f'<span style="color:#627d98">· {esc(severity_label(finding.severity))} · '
                f"{esc(family_label(finding.family))} · {detail.inline(finding.rule)}</span></p>",
                detail.paragraphs(finding.explanation),
                f'<p style="color:#627d98">{concerns}</p>',
            )
        )
