"""The holiday notice through the services on both engines: preview, apply (overrides, confirmed year,
configuration version, one event), a second import that changes nothing, and the year's list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from branchdesk.errors import FieldError, PermissionDenied
from branchdesk.storage.models import CalendarOverride, Event
from tests.conftest import Branch
from tests.core.test_holiday_notice import official

NOTICE_2026 = (Path(__file__).parent.parent / "data" / "holiday_notices" / "2026.txt").read_text(
    encoding="utf-8"
)
# A made-up notice for a year chinesecalendar does not know: every day is new to the calendar.
FICTIONAL_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。
"""


def test_apply_writes_overrides_confirms_the_year_and_a_second_apply_changes_nothing(branch: Branch) -> None:
    b = branch
    version = b.desk.configuration_version()
    preview = b.desk.calendar.preview_notice(b["admin"], NOTICE_2026)
    assert preview.year == 2026 and len(preview.days) == 39
    assert preview.changes == ()  # chinesecalendar already says every day of 2026 the same
    result = b.desk.calendar.apply_notice(b["admin"], NOTICE_2026)
    assert (result.year, result.written, result.newly_confirmed) == (2026, 39, True)
    with b.desk.db.read() as session:
        rows = {r.day: (r.working, r.note) for r in session.scalars(select(CalendarOverride))}
        events = session.scalars(select(Event).where(Event.action == "admin.calendar")).all()
    assert rows[date(2026, 2, 14)] == (True, "春节") and rows[date(2026, 10, 7)] == (False, "国庆节")
    assert len(rows) == 39
    assert [e.code for e in events] == ["event.admin_notice_applied", "event.admin_year_confirmed"]
    assert ["2026-02-14", None, True] in events[0].changes
    assert 2026 in b.desk.admin.snapshot(b["admin"]).confirmed_years
    moved = b.desk.configuration_version()
    assert moved != version

    again = b.desk.calendar.preview_notice(b["admin"], NOTICE_2026)
    assert again.changes == () and again.year_confirmed
    assert b.desk.calendar.apply_notice(b["admin"], NOTICE_2026).written == 0
    assert b.desk.configuration_version() == moved  # nothing changed, nothing reloads

    days = b.desk.calendar.list_days(b["admin"], 2026)
    assert {d.day: d.working for d in days} == {d: w for d, (w, _) in official(2026).items()}
    assert {d.source for d in days} == {"override"}


def test_a_year_the_calendar_does_not_know(branch: Branch) -> None:
    b = branch
    preview = b.desk.calendar.preview_notice(b["admin"], FICTIONAL_2027)
    assert not preview.year_confirmed
    assert {c.current_source for c in preview.changes} == {"weekday"}
    changed = {c.day: (c.current_working, c.new_working) for c in preview.changes}
    assert changed[date(2027, 2, 8)] == (True, False) and changed[date(2027, 2, 13)] == (False, True)
    assert len(changed) == 11  # every day the notice names: the guess is no confirmation
    assert b.desk.calendar.list_days(b["admin"], 2027) == []
    b.desk.calendar.apply_notice(b["admin"], FICTIONAL_2027)
    days = b.desk.calendar.list_days(b["admin"], 2027)
    assert [(d.day, d.working, d.name) for d in days] == [
        (date(2027, 1, 1), False, "元旦"),  # a Friday; the weekend after it is no change from Mon–Fri
        (date(2027, 2, 5), False, "春节"),
        (date(2027, 2, 8), False, "春节"),
        (date(2027, 2, 9), False, "春节"),
        (date(2027, 2, 10), False, "春节"),
        (date(2027, 2, 11), False, "春节"),
        (date(2027, 2, 13), True, "春节"),
    ]
    assert 2027 in b.desk.admin.snapshot(b["admin"]).confirmed_years


def test_a_changed_day_is_a_change_even_where_an_override_exists(branch: Branch) -> None:
    b = branch
    b.desk.admin.set_calendar_day(b["admin"], date(2026, 2, 14), False, "公司统一放假")
    changes = b.desk.calendar.preview_notice(b["admin"], NOTICE_2026).changes
    assert [(c.day, c.current_working, c.current_source, c.new_working) for c in changes] == [
        (date(2026, 2, 14), False, "override", True)
    ]


def test_only_the_administrator_and_bounded_input(branch: Branch) -> None:
    b = branch
    with pytest.raises(PermissionDenied):
        b.desk.calendar.apply_notice(b["gm"], NOTICE_2026)
    with pytest.raises(PermissionDenied):
        b.desk.calendar.list_days(b["clerk"], 2026)
    with pytest.raises(FieldError) as caught:
        b.desk.calendar.preview_notice(b["admin"], "一、元旦：某日放假。", 2026)
    assert caught.value.texts["text"].code == "notice.no_dates"
    with pytest.raises(FieldError) as caught:
        b.desk.calendar.preview_notice(b["admin"], NOTICE_2026, 1800)
    assert "year" in caught.value.texts
    with pytest.raises(FieldError):
        b.desk.calendar.apply_notice(b["admin"], "x" * 100_000)
    with pytest.raises(FieldError):
        b.desk.calendar.list_days(b["admin"], 99999)
    with pytest.raises(FieldError):
        b.desk.calendar.preview_notice(b["admin"], None, None)  # type: ignore[arg-type]
