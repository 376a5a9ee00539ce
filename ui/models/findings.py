"""The findings of a case as a table (one row per finding) and its filter proxy.

A finding names the rule that produced it, its severity, the records it speaks of and a plain
explanation with the numbers used (``verifier.crossref.findings``). The model shows each in
words: a severity badge, the rule family, a short title for the rule, the records by alias or
file name (never anything sealed: the names come from the case's snapshots, which hold aliases
only) and the explanation. Rows are in the report's order; the proxy sorts and filters.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.models.proxy import WordFilterProxy
from ui.models.records import Roles, sort_ranks
from verifier.crossref.engine import FAMILIES
from verifier.crossref.findings import Finding, Severity, Subject

AnyIndex = QModelIndex | QPersistentModelIndex
SubjectName = Callable[[str, int], str]
_CONTEXT = "Findings"


class FindingRoles(enum.IntEnum):
    """Roles of the findings model, after the shared ``Roles`` (which it also answers)."""

    SEVERITY = Qt.ItemDataRole.UserRole + 40  # Severity
    FAMILY = Qt.ItemDataRole.UserRole + 41  # str: "time", "place", ...
    SUBJECTS = Qt.ItemDataRole.UserRole + 42  # tuple[(kind, id), ...], most specific first
    RULE = Qt.ItemDataRole.UserRole + 43  # str: the dotted rule id
    FIRST_SUBJECT = Qt.ItemDataRole.UserRole + 44  # (view key, id) of the first shown record, or None


class Column(enum.IntEnum):
    """The table's columns."""

    SEVERITY = 0
    FAMILY = 1
    TITLE = 2
    CONCERNS = 3
    EXPLANATION = 4


# --- words -------------------------------------------------------------------------------------

SEVERITY_TONES: Final = {Severity.CONFLICT: "bad", Severity.WARNING: "caution", Severity.INFO: "neutral"}
"""Badge tones (``ui.widgets.badge_delegate.TONES``) of each severity."""

_SEVERITY_WORDS: Final[dict[Severity, object]] = {
    Severity.CONFLICT: QT_TRANSLATE_NOOP("Findings", "Conflict"),
    Severity.WARNING: QT_TRANSLATE_NOOP("Findings", "Warning"),
    Severity.INFO: QT_TRANSLATE_NOOP("Findings", "Information"),
}

_FAMILY_WORDS: Final[dict[str, object]] = {
    "time": QT_TRANSLATE_NOOP("Findings", "Time"),
    "place": QT_TRANSLATE_NOOP("Findings", "Place"),
    "recycling": QT_TRANSLATE_NOOP("Findings", "Recycled pictures"),
    "editing": QT_TRANSLATE_NOOP("Findings", "Editing traces"),
    "devices": QT_TRANSLATE_NOOP("Findings", "Devices"),
    "sun": QT_TRANSLATE_NOOP("Findings", "Sun and light"),
    "claims": QT_TRANSLATE_NOOP("Findings", "Claims compared"),
    "corroboration": QT_TRANSLATE_NOOP("Findings", "Corroboration"),
}

_RULE_TITLES: Final[dict[str, object]] = {
    "time.capture_after_receipt": QT_TRANSLATE_NOOP("Findings", "Taken after it was received"),
    "time.capture_outside_claim": QT_TRANSLATE_NOOP("Findings", "Taken outside the claimed period"),
    "time.capture_uncertain": QT_TRANSLATE_NOOP("Findings", "Capture time uncertain"),
    "time.capture_within_claim": QT_TRANSLATE_NOOP("Findings", "Taken within the claimed period"),
    "time.long_delay": QT_TRANSLATE_NOOP("Findings", "Sent long after it was taken"),
    "time.modified_after_capture": QT_TRANSLATE_NOOP("Findings", "Modified after capture"),
    "time.modified_before_capture": QT_TRANSLATE_NOOP("Findings", "Modified before its capture time"),
    "time.no_capture_time": QT_TRANSLATE_NOOP("Findings", "No capture time"),
    "time.zone_mismatch": QT_TRANSLATE_NOOP("Findings", "Time zone does not fit the position"),
    "time.zone_unknown": QT_TRANSLATE_NOOP("Findings", "Time zone unknown"),
    "place.nearest_names": QT_TRANSLATE_NOOP("Findings", "Nearest named places"),
    "place.no_gps": QT_TRANSLATE_NOOP("Findings", "No GPS position"),
    "place.photo_outside_claim_place": QT_TRANSLATE_NOOP("Findings", "Taken outside the claimed place"),
    "place.photo_within_claim_place": QT_TRANSLATE_NOOP("Findings", "Taken inside the claimed place"),
    "place.unknown_name": QT_TRANSLATE_NOOP("Findings", "Place name not in the gazetteer"),
    "recycling.predates_claim": QT_TRANSLATE_NOOP("Findings", "Received before the claimed event"),
    "recycling.received_again": QT_TRANSLATE_NOOP("Findings", "Same picture received again"),
    "recycling.seen_before": QT_TRANSLATE_NOOP("Findings", "Picture already received"),
    "editing.dimensions_changed": QT_TRANSLATE_NOOP("Findings", "Dimensions changed"),
    "editing.low_quality": QT_TRANSLATE_NOOP("Findings", "Low JPEG quality"),
    "editing.no_metadata": QT_TRANSLATE_NOOP("Findings", "No camera metadata"),
    "editing.software": QT_TRANSLATE_NOOP("Findings", "Editing software recorded"),
    "editing.standard_quant_tables": QT_TRANSLATE_NOOP("Findings", "Re-saved by software"),
    "editing.thumbnail_aspect": QT_TRANSLATE_NOOP("Findings", "Thumbnail of another shape"),
    "editing.thumbnail_content": QT_TRANSLATE_NOOP("Findings", "Thumbnail shows another picture"),
    "editing.thumbnail_rotated": QT_TRANSLATE_NOOP("Findings", "Thumbnail rotated"),
    "editing.xmp_history": QT_TRANSLATE_NOOP("Findings", "Editing history recorded"),
    "devices.several_devices": QT_TRANSLATE_NOOP("Findings", "Several devices, one sender"),
    "devices.shared_camera_unrelated_sources": QT_TRANSLATE_NOOP(
        "Findings", "One camera behind unrelated sources"
    ),
    "devices.shared_camera_related_sources": QT_TRANSLATE_NOOP("Findings", "One camera, related sources"),
    "devices.shared_exposure_unrelated_sources": QT_TRANSLATE_NOOP(
        "Findings", "One exposure from unrelated sources"
    ),
    "devices.shared_exposure_related_sources": QT_TRANSLATE_NOOP("Findings", "One exposure, related sources"),
    "sun.position": QT_TRANSLATE_NOOP("Findings", "Sun position at capture"),
    "sun.photo_light_vs_claim": QT_TRANSLATE_NOOP("Findings", "Light in the photo does not fit the claim"),
    "sun.claim_light_vs_words": QT_TRANSLATE_NOOP("Findings", "Daylight does not fit the claim's words"),
    "claims.intervals_exclusive": QT_TRANSLATE_NOOP("Findings", "Periods exclude each other"),
    "claims.places_apart": QT_TRANSLATE_NOOP("Findings", "Places too far apart"),
    "claims.quantities_disagree": QT_TRANSLATE_NOOP("Findings", "Quantities disagree"),
    "corroboration.count": QT_TRANSLATE_NOOP("Findings", "Independent origins"),
    "corroboration.fewer_origins": QT_TRANSLATE_NOOP("Findings", "Fewer origins than records"),
    "corroboration.status_unsupported": QT_TRANSLATE_NOOP("Findings", "Status not backed by origins"),
}

VIEW_OF_KIND: Final = {
    "evidence": "evidence",
    "claim": "claims",
    "source": "sources",
    "testimony": "testimonies",
}
"""The record view (main window tab key) showing each kind of finding subject."""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def severity_label(severity: Severity) -> str:
    """'Conflict', 'Warning' or 'Information', translated."""
    return _tr(str(_SEVERITY_WORDS[severity]))


def family_label(family: str) -> str:
    """The rule family in words ('Recycled pictures'); unknown families as given."""
    text = _FAMILY_WORDS.get(family)
    return _tr(str(text)) if text is not None else family.replace("_", " ").capitalize()


def families() -> list[str]:
    """Every rule family, in the report's order."""
    return list(FAMILIES)


def rule_title(rule: str) -> str:
    """A short title of a rule ('Taken outside the claimed period'); unknown rules readably."""
    text = _RULE_TITLES.get(rule)
    if text is not None:
        return _tr(str(text))
    name = rule.split(".", 1)[-1]
    return name.replace("_", " ").capitalize()


def first_shown_subject(subjects: Sequence[Subject]) -> tuple[str, int] | None:
    """The first subject a record view can show, as (view key, id); None for a case-wide finding."""
    for kind, record_id in subjects:
        if kind in VIEW_OF_KIND:
            return VIEW_OF_KIND[kind], record_id
    return None


# --- the model ---------------------------------------------------------------------------------


class FindingsTableModel(QAbstractTableModel):
    """Findings (frozen ``Finding`` values) in report order; replaced wholesale per report.

    Args:
        parent: the owning QObject.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._names: list[str] = []
        self._search: list[str] = []
        # Per column, each row's rank in sort order, computed on the first sort by that column:
        # Qt then compares ints itself (thousands of findings sorted through Python froze the
        # window for most of a second).
        self._ranks: dict[tuple[int, bool], list[int]] = {}
        # Set by the proxy before it sorts: ties keep the report's order in either direction.
        self.sort_descending = False

    def set_findings(self, findings: Sequence[Finding], name: SubjectName) -> None:
        """Show a report's findings.

        Args:
            findings: in the report's order.
            name: a record's name for people (alias, file name, "#6 statement…") by kind and id.
        """
        self.beginResetModel()
        self._ranks = {}
        self._findings = list(findings)
        self._names = [" · ".join(name(kind, rid) for kind, rid in f.subjects) for f in self._findings]
        self._search = [
            "\n".join(
                (
                    rule_title(f.rule),
                    f.rule,
                    family_label(f.family),
                    severity_label(f.severity),
                    names,
                    f.explanation,
                )
            ).casefold()
            for f, names in zip(self._findings, self._names, strict=True)
        ]
        self.endResetModel()

    def _sort_value(self, row: int, column: int) -> Any:
        finding = self._findings[row]
        if column == Column.SEVERITY:
            return finding.severity.rank
        if column == Column.FAMILY:
            return FAMILIES.index(finding.family) if finding.family in FAMILIES else len(FAMILIES)
        return self._display(row, column).casefold()

    def _sort_rank(self, row: int, column: int) -> int:
        key = (column, self.sort_descending)
        ranks = self._ranks.get(key)
        if ranks is None:
            # Unique ranks: the value, then the report's order (reversed for a descending sort,
            # which Qt then reverses again).
            tie = -1 if self.sort_descending else 1
            values = [(self._sort_value(r, column), tie * r) for r in range(len(self._findings))]
            ranks = self._ranks[key] = sort_ranks(values)
        return ranks[row]

    def clear(self) -> None:
        self.beginResetModel()
        self._ranks = {}
        self._findings, self._names, self._search = [], [], []
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def findings(self) -> list[Finding]:
        return list(self._findings)

    # --- Qt overrides ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (Column.TITLE, Column.EXPLANATION):
                return finding.explanation
            if column == Column.CONCERNS:
                return self._names[index.row()]
            return None
        if role == Roles.RECORD:
            return finding
        if role == Roles.RECORD_ID:
            return index.row()  # findings have no id: the report's order is theirs
        if role == Roles.SORT:
            return self._sort_rank(index.row(), column)
        if role == Roles.SEARCH:
            return self._search[index.row()]
        if role == Roles.BADGE:
            return SEVERITY_TONES[finding.severity] if column == Column.SEVERITY else None
        if role == FindingRoles.SEVERITY:
            return finding.severity
        if role == FindingRoles.FAMILY:
            return finding.family
        if role == FindingRoles.SUBJECTS:
            return finding.subjects
        if role == FindingRoles.RULE:
            return finding.rule
        if role == FindingRoles.FIRST_SUBJECT:
            return first_shown_subject(finding.subjects)
        return None

    def _display(self, row: int, column: int) -> str:
        finding = self._findings[row]
        if column == Column.SEVERITY:
            return severity_label(finding.severity)
        if column == Column.FAMILY:
            return family_label(finding.family)
        if column == Column.TITLE:
            return rule_title(finding.rule)
        if column == Column.CONCERNS:
            return self._names[row]
        return " ".join(finding.explanation.split())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [_tr("Severity"), _tr("Family"), _tr("Finding"), _tr("Concerns"), _tr("Explanation")][
                section
            ]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.CONCERNS:
            return _tr("The records the finding speaks of, by alias or file name")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class FindingsFilterProxy(WordFilterProxy):
    """Filters findings by severity, rule family and the words typed; sorts on typed values.

    Ties keep the report's order, so sorting by severity lists each family's findings together.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._severities: frozenset[Severity] = frozenset(Severity)
        self._family: str | None = None
        self.setSortRole(Roles.SORT)
        self.setDynamicSortFilter(True)

    def set_severities(self, severities: frozenset[Severity] | set[Severity]) -> None:
        """Show only findings of these severities."""
        wanted = frozenset(severities)
        if wanted != self._severities:
            self._change_filter(lambda: setattr(self, "_severities", wanted))

    def set_family(self, family: str | None) -> None:
        """Show only one rule family (None: every family)."""
        if family != self._family:
            self._change_filter(lambda: setattr(self, "_family", family))

    def is_filtering(self) -> bool:
        return self._severities != frozenset(Severity) or self._family is not None or bool(self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, FindingsTableModel):
            model.sort_descending = order == Qt.SortOrder.DescendingOrder
        super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.is_filtering():
            return True  # called once per finding on every reload: skip the look-ups
        index = self.sourceModel().index(source_row, 0, source_parent)
        if index.data(FindingRoles.SEVERITY) not in self._severities:
            return False
        if self._family is not None and index.data(FindingRoles.FAMILY) != self._family:
            return False
        return self._holds_every_word(index.data(Roles.SEARCH))
