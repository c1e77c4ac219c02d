"""设置 → 工作日历 → 导入节假日安排通知: paste or open the notice, preview the rows, apply through the
service, and a refusal at the text field. Real widgets on a real branch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from branchdesk.storage.models import CalendarOverride
from tests.conftest import Branch
from tests.core.test_calendar_admin import FICTIONAL_2027, NOTICE_2026
from ui.admin_page import AdminPage
from ui.holiday_notice_dialog import HolidayNoticeDialog
from ui.operations import app_signals


def dialog(qtbot: QtBot, b: Branch) -> HolidayNoticeDialog:
    d = HolidayNoticeDialog(b.desk, b["admin"])
    qtbot.addWidget(d)
    d.show()
    return d


def cell(d: HolidayNoticeDialog, row: int, column: int) -> str:
    item = d.table.item(row, column)
    assert item is not None
    return item.text()


def test_paste_preview_and_apply(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    b.desk.admin.set_calendar_day(b["admin"], date(2026, 2, 14), False, "误设")
    d = dialog(qtbot, b)
    assert d.width() <= 1366 and d.height() <= 768
    d.text.setPlainText(NOTICE_2026)
    assert not d.apply_button.isEnabled()
    d.preview_button.click()
    assert d.table.rowCount() == 1
    assert [cell(d, 0, c) for c in range(6)] == [
        "2026-02-14",
        "周六",
        "休息日",
        "管理员设定",
        "工作日",
        "春节",
    ]
    assert "2026 年" in d.summary.text() and "39" in d.summary.text()
    assert d.apply_button.isEnabled()
    with qtbot.waitSignal(app_signals().sig_config_changed, timeout=5000):
        d.apply_button.click()
    with b.desk.db.read() as session:
        rows = {r.day: r.working for r in session.scalars(select(CalendarOverride))}
    assert len(rows) == 39 and rows[date(2026, 2, 14)] is True
    assert 2026 in b.desk.admin.snapshot(b["admin"]).confirmed_years
    assert d.table.rowCount() == 0 and "39" in d.summary.text() and not d.apply_button.isEnabled()
    assert messages == []


def test_a_year_not_yet_known_lists_every_day(qtbot: QtBot, branch: Branch) -> None:
    d = dialog(qtbot, branch)
    d.text.setPlainText(FICTIONAL_2027)
    d.preview_button.click()
    assert d.table.rowCount() == 11
    assert {cell(d, r, 3) for r in range(11)} == {"按周一至周五推定（未确认）"}


def test_garbage_is_refused_at_the_text_field(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    d = dialog(qtbot, branch)
    d.text.setPlainText(NOTICE_2026)
    d.preview_button.click()
    d.text.setPlainText("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：元月初一放假。")
    assert not d.apply_button.isEnabled()  # an edit after the preview: apply what? preview again first
    d.preview_button.click()
    error = d.fields.errors["text"]
    assert error.isVisible() and "没有日期" in error.text()
    assert d.table.rowCount() == 0 and not d.apply_button.isEnabled()
    assert messages == []  # at the field, not in a message box
    d.year.setValue(2027)
    d.text.setPlainText(NOTICE_2026)
    d.preview_button.click()
    assert "2027" in d.fields.errors["text"].text() and "2026" in d.fields.errors["text"].text()


def test_open_a_gb18030_file_and_a_file_that_is_not_text(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    d = dialog(qtbot, branch)
    notice = tmp_path / "通知.txt"
    notice.write_bytes(NOTICE_2026.encode("gb18030"))
    d.open_file(notice)
    assert d.text.toPlainText().startswith("国务院办公厅") and d.apply_button.isEnabled()
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    d.open_file(picture)
    assert d.fields.errors["text"].isVisible() and "scan.png" in d.fields.errors["text"].text()


def test_the_calendar_tab_opens_the_dialog(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    opened: list[HolidayNoticeDialog] = []
    monkeypatch.setattr(HolidayNoticeDialog, "exec", lambda self: opened.append(self) or 0)
    page.notice_button.click()
    assert len(opened) == 1 and opened[0].windowTitle() == "导入节假日安排通知"
