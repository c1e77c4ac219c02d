"""The summary of any period from the work page (issue 15 part S): the period menu, a refusal at the
field, the export through the button, and the dialog in English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from branchdesk.domain.periods import parse_period
from tests.conftest import START, Branch
from tests.ui.test_english_walk import chinese_left, english, user_data  # noqa: F401 (a fixture)
from ui.main_window import MainWindow
from ui.summary_dialog import SummaryDialog


def choose(dialog: SummaryDialog, kind: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def test_the_due_period_comes_first_and_bad_dates_are_refused_at_the_field(qtbot: QtBot) -> None:
    dialog = SummaryDialog(date(2026, 11, 2))  # a Monday early in November
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.period.itemData(0) == "2026-10" and dialog.period.itemText(0) == "2026年10月"
    assert dialog.chosen() == parse_period("2026-10")
    firsts = {}
    for kind in ("week", "quarter", "half", "year"):
        choose(dialog, kind)
        firsts[kind] = dialog.period.itemData(0)
    assert firsts == {"week": "2026-W44", "quarter": "2026-Q3", "half": "2026-H1", "year": "2025"}
    assert dialog.date_from.isHidden()
    choose(dialog, "range")
    assert not dialog.date_from.isHidden() and dialog.period.isHidden()
    dialog.date_from.setDate(QDate(2026, 10, 10))
    dialog.date_to.setDate(QDate(2026, 10, 1))
    dialog._on_ok()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and dialog.error.text() == "结束日期不能早于开始日期"
    dialog.date_to.setDate(QDate(2026, 10, 31))
    dialog._on_ok()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen().key == "2026-10-10..2026-10-31"
    assert dialog.height() <= 768 and dialog.width() <= 1366


def test_the_work_page_button_exports_the_chosen_quarter(
    qtbot: QtBot, branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.work_cases import many_states

    b = branch
    many_states(b)  # six weeks before START: September and October
    clerk = MainWindow(b.desk, b["clerk"], "Test branch")
    qtbot.addWidget(clerk)
    assert clerk.work.findChild(QPushButton, "summary_button").isHidden()
    window = MainWindow(b.desk, b["crm"], "Test branch")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    button = window.work.findChild(QPushButton, "summary_button")
    assert button is not None and button.isVisible()

    def pick_quarter(dialog: SummaryDialog) -> int:
        choose(dialog, "quarter")
        dialog.period.setCurrentIndex(dialog.period.findData("2026-Q4"))
        assert dialog.period.currentIndex() < 0  # Q4 is not over on 2 November: not offered
        dialog.period.setCurrentIndex(dialog.period.findData("2026-Q3"))
        return QDialog.DialogCode.Accepted.value

    target = tmp_path / "q3.xlsx"
    monkeypatch.setattr(SummaryDialog, "exec", pick_quarter)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    button.click()
    book = openpyxl.load_workbook(target)
    assert "2026年第3季度" in str(book["汇总"]["A1"].value)
    figures = {r[0]: r[1] for r in book["汇总"].iter_rows(min_row=3, values_only=True) if r and r[0]}
    expected = b.desk.reports.summary(b["crm"], parse_period("2026-Q3"))
    assert figures["本期受理"] == expected.received > 0
    assert START.date() > parse_period("2026-Q3").end


def test_the_dialog_reads_english(qtbot: QtBot, branch: Branch, english: None) -> None:  # noqa: F811
    dialog = SummaryDialog(branch.clock().date(), None, [("car_model", "车型")])
    qtbot.addWidget(dialog)
    dialog.show()
    problems = chinese_left(dialog, [*user_data(branch), "车型"])
    choose(dialog, "quarter")
    assert dialog.period.itemText(0) == "Q3 2026"
    problems += chinese_left(dialog, [*user_data(branch), "车型"])
    choose(dialog, "range")
    dialog.date_to.setDate(dialog.date_from.date().addDays(-1))
    dialog._on_ok()
    assert dialog.error.text() == "The end date cannot be before the start date"
    problems += chinese_left(dialog, [*user_data(branch), "车型"])
    assert not problems, "\n".join(problems)
