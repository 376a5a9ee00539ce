"""The Findings panel: model and proxy, the demo case's findings, filters, selection and opening."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from ui.dialogs.photo_viewer import PhotoViewerDialog
from ui.main_window import MainWindow
from ui.models.findings import (
    Column,
    FindingRoles,
    FindingsFilterProxy,
    FindingsTableModel,
    first_shown_subject,
    rule_title,
)
from ui.models.records import Roles
from ui.widgets.findings_panel import SHOWN_SUBJECTS, FindingsPanel, concerns_html
from verifier.crossref.findings import Finding, Severity

TIMEOUT = 15_000


def _findings() -> list[Finding]:
    return [
        Finding(
            "time.long_delay", Severity.WARNING, (("evidence", 2),), "photo #2 was received 620 days later"
        ),
        Finding("editing.no_metadata", Severity.INFO, (("evidence", 3),), "photo #3 carries no metadata"),
        Finding(
            "recycling.predates_claim",
            Severity.CONFLICT,
            (("evidence", 1), ("claim", 6)),
            "photo #1 was received before the claimed period",
        ),
        Finding("corroboration.count", Severity.INFO, (("claim", 6), ("source", 3)), "1 origin"),
        Finding("devices.brand_new_rule", Severity.INFO, (("case", 1),), "a rule the GUI has no title for"),
    ]


def _names(kind: str, record_id: int) -> str:
    return f"{kind}-{record_id}"


def test_findings_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = FindingsTableModel()
    model.set_findings(_findings(), _names)
    qtmodeltester.check(model)
    proxy = FindingsFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.SEVERITY, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    # Most serious first; ties keep the report's order.
    rules = [proxy.index(row, 0).data(FindingRoles.RULE) for row in range(proxy.rowCount())]
    assert rules == [
        "recycling.predates_claim",
        "time.long_delay",
        "editing.no_metadata",
        "corroboration.count",
        "devices.brand_new_rule",
    ]
    proxy.set_severities({Severity.CONFLICT, Severity.WARNING})
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2
    proxy.set_severities(set(Severity))
    proxy.set_family("editing")
    assert [proxy.index(r, 0).data(FindingRoles.RULE) for r in range(proxy.rowCount())] == [
        "editing.no_metadata"
    ]
    proxy.set_family(None)
    proxy.set_filter_text("received before")
    assert proxy.rowCount() == 1 and proxy.is_filtering()
    # Words, not codes: the severity as a badge, the rule's title, the records by name.
    row = model.findings().index(_findings()[2])
    assert model.index(row, Column.SEVERITY).data() == "Conflict"
    assert model.index(row, Column.SEVERITY).data(Roles.BADGE) == "bad"
    assert model.index(row, Column.TITLE).data() == "Received before the claimed event"
    assert model.index(row, Column.CONCERNS).data() == "evidence-1 · claim-6"
    assert model.index(row, 0).data(FindingRoles.FIRST_SUBJECT) == ("evidence", 1)
    assert rule_title("devices.brand_new_rule") == "Brand new rule"
    assert first_shown_subject((("case", 1),)) is None
    assert first_shown_subject((("claim", 6), ("source", 3))) == ("claims", 6)
    model.clear()
    qtmodeltester.check(model)


def _panel(qtbot: QtBot, window: MainWindow) -> FindingsPanel:
    panel = window.panels["findings"]
    assert isinstance(panel, FindingsPanel)
    window.select_view("findings")  # a panel draws the case when it is brought to the front

    def reported() -> None:
        assert panel.report is not None

    qtbot.waitUntil(reported, timeout=TIMEOUT)
    return panel


def _rows(panel: FindingsPanel) -> list[tuple[str, str, str, str]]:
    """(severity, title, concerns, rule) of each row the table shows."""
    proxy = panel.proxy
    return [
        (
            proxy.index(row, Column.SEVERITY).data(),
            proxy.index(row, Column.TITLE).data(),
            proxy.index(row, Column.CONCERNS).data(),
            proxy.index(row, 0).data(FindingRoles.RULE),
        )
        for row in range(proxy.rowCount())
    ]


def test_the_demo_cases_findings_are_listed_by_name(qtbot: QtBot, window: MainWindow) -> None:
    panel = _panel(qtbot, window)
    window.select_view("findings")
    rows = _rows(panel)
    assert panel.report is not None and len(rows) == len(panel.report.findings) > 0
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"Findings ({len(rows)})"
    by_rule = {(rule, concerns) for _, _, concerns, rule in rows}

    def listed(rule: str, concerns: str) -> bool:
        return any(r == rule and names.startswith(concerns) for r, names in by_rule)

    # The photo that contradicts the daylight claim: taken elsewhere, long before.
    assert listed("place.photo_outside_claim_place", "IMG_20170611_171533.jpg · #6 Armed men walked openly")
    assert listed("time.capture_outside_claim", "IMG_20170611_171533.jpg · #6 Armed men walked openly")
    assert ("Warning", "Sent long after it was taken", "IMG_20170611_171533.jpg", "time.long_delay") in rows
    # The photo stripped by a messaging app.
    assert ("editing.no_metadata", "photo_2019-03-02_09-12-44.jpg") in by_rule
    # The near-duplicate of the first photo, sent again three days later.
    assert ("recycling.seen_before", "IMG-20190224-WA0003.jpg · IMG_20190221_104012.jpg") in by_rule
    assert ("recycling.received_again", "IMG_20190221_104012.jpg · IMG-20190224-WA0003.jpg") in by_rule
    # Sources by alias: Shwan and Hama are friends, so one origin for claim #1.
    assert any(rule == "corroboration.fewer_origins" and "Hama" in names for _, _, names, rule in rows)
    assert "Warning" in {severity for severity, _, _, _ in rows}

    # Filters: one family, then warnings only.
    panel.family_combo.setCurrentIndex(panel.family_combo.findData("recycling"))
    assert {rule for *_, rule in _rows(panel)} == {"recycling.received_again", "recycling.seen_before"}
    assert "2 of" in panel.count_label.text()
    panel.family_combo.setCurrentIndex(0)
    panel.severity_checks[Severity.INFO].setChecked(False)
    assert {severity for severity, *_ in _rows(panel)} == {"Warning"}
    panel.severity_checks[Severity.INFO].setChecked(True)
    assert len(_rows(panel)) == len(rows)


def test_selecting_a_finding_shows_its_record_and_activating_it_opens_the_photo(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = _panel(qtbot, window)
    window.select_view("findings")
    row = next(r for r, values in enumerate(_rows(panel)) if values[3] == "editing.no_metadata")
    index = panel.proxy.index(row, Column.TITLE)
    panel.table.setCurrentIndex(index)
    name = panel.proxy.index(row, Column.CONCERNS).data()
    assert name in window.detail.toPlainText()  # the photo's detail, with its notes
    assert "Messaging apps" in panel.explanation.toPlainText()  # the whole explanation, below
    evidence_id = panel.proxy.index(row, 0).data(FindingRoles.FIRST_SUBJECT)[1]
    assert window.table("evidence").current_record().id == evidence_id
    with qtbot.waitSignal(window.sig_viewer_opened, timeout=TIMEOUT) as opened:
        panel.table.activated.emit(index)
    viewer = opened.args[0]
    assert isinstance(viewer, PhotoViewerDialog) and viewer.evidence_id == evidence_id
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.sig_loaded, timeout=TIMEOUT):
        pass
    # A claim's finding selects the claim and shows it in the detail pane.
    assert panel.select_record("claims", 1)
    assert "Militants hold two positions" in window.detail.toPlainText()


def test_a_finding_about_a_crowd_names_the_first_records_and_counts_the_rest() -> None:
    crowd = tuple(("claim", number) for number in range(1, 1001))
    finding = Finding(
        "place.unknown_name", Severity.INFO, crowd, "1,000 claims name a place not in the gazetteer."
    )
    text = concerns_html(None, finding)
    assert text.count("#") == SHOWN_SUBJECTS  # claims by number: no case snapshot given
    assert text.endswith(f"and {1000 - SHOWN_SUBJECTS:,} more")
    few = Finding("place.unknown_name", Severity.INFO, crowd[:3], "Three claims.")
    assert "more" not in concerns_html(None, few)
