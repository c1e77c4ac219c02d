"""Report duties in the app (issue 15 part M): the work page's 待交报表 (red when overdue, a click opens the
summary dialog at that period, gone once the summary is made), the dialog's first entry, the settings tab
(refusal at the field, a change, a stale change refused), and all of it in English at 1366×768."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from branchdesk.domain.periods import parse_period
from tests.conftest import Branch
from tests.ui.admin_window import open_settings
from tests.ui.test_english_walk import chinese_left, english, user_data  # noqa: F401 (a fixture)
from ui.summary_dialog import SummaryDialog


def test_the_work_page_lists_the_reports_due_and_a_click_opens_the_dialog_at_that_period(
    qtbot: QtBot, branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.work_page import WorkPage

    b = branch
    opened: list[tuple[str, str, bool]] = []

    def look(dialog: SummaryDialog) -> int:  # what the person would see, then Cancel
        opened.append((str(dialog.kind.currentData()), str(dialog.period.currentData()), dialog.isModal()))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(SummaryDialog, "exec", look)
    page = WorkPage(b.desk, b["crm"])  # the test clock is 2026-11-02; the branch came in on 3 September
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    panel = page.reports_due
    assert panel.isVisible()
    assert [bt.objectName() for bt in panel.buttons] == ["report_due_2026-09", "report_due_2026-10"]
    overdue, due = panel.buttons
    assert overdue.property("overdue") and "#c0392b" in overdue.styleSheet() and "已逾期" in overdue.text()
    assert not due.property("overdue") and "2026年10月" in due.text() and "2026-11-10" in due.text()
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton)
    assert opened == [("month", "2026-10", False)]
    qtbot.mouseClick(overdue, Qt.MouseButton.LeftButton)
    assert opened[-1][:2] == ("month", "2026-09")
    # Made (the service the dialog's export calls): gone for the CR manager at the next refresh.
    b.desk.reports.export_summary(b["crm"], parse_period("2026-10"), tmp_path / "oct.xlsx")
    page.refresh()
    assert [bt.objectName() for bt in panel.buttons] == ["report_due_2026-09"]
    # Made through the page's own 期间统计表 button (its dialog and export replaced by the service call):
    # the list follows at once.
    import ui.summary_dialog

    def export(_parent: object, desk: object, actor: object, first: str | None = None) -> Path:
        return b.desk.reports.export_summary(b["crm"], parse_period("2026-09"), tmp_path / "sep.xlsx")

    monkeypatch.setattr(ui.summary_dialog, "make_summary", export)
    button = page.findChild(QPushButton, "summary_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.buttons == [] and panel.isHidden()
    clerk_page = WorkPage(b.desk, b["clerk"])
    qtbot.addWidget(clerk_page)
    assert clerk_page.reports_due.isHidden() and clerk_page.monthly_button.isHidden()


def test_the_dialog_offers_the_due_period_first_and_selected(qtbot: QtBot) -> None:
    dialog = SummaryDialog(date(2026, 11, 2), due=["2026-H1", "2026-09"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind.currentData() == "half"
    assert dialog.period.currentIndex() == 0 and dialog.period.currentData() == "2026-H1"
    assert [dialog.period.itemData(i) for i in range(3)] == ["2026-H1", "2025-H2", "2025-H1"]  # no repeat
    dialog.kind.setCurrentIndex(dialog.kind.findData("month"))
    assert dialog.period.currentData() == "2026-09" and dialog.period.itemData(1) == "2026-10"
    assert dialog.chosen() == parse_period("2026-09")
    plain = SummaryDialog(date(2026, 11, 2))  # nothing due: the last finished period first, as before
    qtbot.addWidget(plain)
    assert plain.kind.currentData() == "month" and plain.period.currentData() == "2026-10"


@pytest.mark.usefixtures("english")
def test_the_settings_tab_edits_duties_refuses_at_the_field_and_reads_english(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    window, page = open_settings(qtbot, b, "report_duties_tab")
    tab = page.report_duties_tab
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "day 10 after the period ends"
    # A refusal at the field: a month has no "last month" of its own, and the name is required.
    tab.label_edit.setText("")
    tab.kind.setCurrentIndex(tab.kind.findData("month"))
    tab.rule.setCurrentIndex(tab.rule.findData("last_month"))
    tab.add_button.click()
    assert "The report's name is required" in tab.errors.text() and "applies only to" in tab.errors.text()
    assert tab.table.rowCount() == 1
    # A good one: the half-year summary in June and December, by the 10th, of the customer service dept.
    tab.label_edit.setText("Half-year summary")
    tab.kind.setCurrentIndex(tab.kind.findData("half"))
    tab.department.setCurrentIndex(tab.department.findData("CS"))
    tab.add_button.click()
    assert tab.errors.text() == "" and tab.table.rowCount() == 2
    assert tab.table.item(1, 2).text() == "day 10 of the period's last month"
    problems = chinese_left(page, user_data(b))
    assert not problems, problems
    assert page.width() <= 1366 and window.height() <= 768
    # Edit the selected row; then a change made meanwhile elsewhere makes the next save a refusal.
    tab.table.selectRow(1)
    tab.day.setValue(5)
    tab.save_button.click()
    assert b.desk.report_duties.duties(b["admin"])[1].day == 5
    tab.table.selectRow(1)
    fresh = b.desk.report_duties.duties(b["admin"])[1]
    b.desk.report_duties.save(
        b["admin"],
        fresh.id,
        label="H",
        kind="half",
        rule="last_month",
        day=7,
        role="cr_manager",
        seen=fresh.version,
    )
    tab.day.setValue(3)
    tab.save_button.click()
    assert len(messages) == 1 and "changed this report" in messages[0]
    assert b.desk.report_duties.duties(b["admin"])[1].day == 7
    window.close()
