"""The State Council's holiday notice: preview it against the calendar, apply it as overrides, list a year.

Administrator only, through the one door; applying is one admin unit (the configuration version moves):
the notice's days become calendar overrides (note = the holiday's name as the notice writes it), the
year is marked confirmed (``AdminService.confirm_year_in``, the same code as 确认年份) and one
timeline event records the import with each changed day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from branchdesk.domain.bounds import FIRST_DAY, LAST_DAY, Checks
from branchdesk.domain.holiday_notice import (
    MAX_NOTICE_CHARS,
    HolidayNotice,
    notice_changes,
    official_holiday,
    parse_notice,
)
from branchdesk.domain.vocab import Role
from branchdesk.errors import PermissionDenied
from branchdesk.i18n import Text
from branchdesk.read.calendar import CalendarDay, NoticeApplied, NoticePreview
from branchdesk.services.admin import AdminService
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.models import CalendarOverride


class CalendarAdminService(ServiceBase):
    def __init__(self, door: UnitOfWork, admin: AdminService) -> None:
        super().__init__(door)
        self._admin_service = admin

    @staticmethod
    def _admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    @staticmethod
    def _parse(text: Any, year: Any) -> HolidayNotice:
        """Bounded before anything runs on it: the text's length, the year's range; then the parser."""
        checks = Checks()
        if year is not None:
            checks.integer("year", year, FIRST_DAY.year, LAST_DAY.year)
        if not isinstance(text, str):
            checks.add("text", Text("notice.empty"))
        elif len(text) > MAX_NOTICE_CHARS:
            checks.add("text", Text("notice.too_long", {"limit": MAX_NOTICE_CHARS}))
        checks.done()
        return parse_notice(text, year)

    def preview_notice(self, actor: Actor, text: str, year: int | None = None) -> NoticePreview:
        notice = self._parse(text, year)
        with self._door.read(actor) as unit:
            self._admin(unit)
            calendar = unit.config.calendar
            return NoticePreview(
                year=notice.year,
                days=notice.days,
                changes=tuple(notice_changes(calendar, notice)),
                year_confirmed=not calendar.unconfirmed_years([notice.year]),
            )

    def apply_notice(
        self,
        actor: Actor,
        text: str,
        year: int | None = None,
        *,
        seen: int | None = None,
    ) -> NoticeApplied:
        """Write the notice's days as overrides and confirm its year; a second import changes nothing."""
        notice = self._parse(text, year)
        # The door's own write unit, not an always-bumping admin unit: a second import of the same
        # notice changes nothing and leaves the configuration version where it is.
        with self._door.write(actor) as unit:
            self._admin(unit)
            rows = {
                row.day: row
                for row in unit.session.scalars(
                    select(CalendarOverride).where(CalendarOverride.day.in_([d.day for d in notice.days]))
                )
            }
            changes: list[tuple[str, Any, Any]] = []
            for item in notice.days:
                row = rows.get(item.day)
                if row is None:
                    unit.session.add(CalendarOverride(day=item.day, working=item.working, note=item.name))
                    changes.append((item.day.isoformat(), None, item.working))
                elif row.working != item.working:
                    changes.append((item.day.isoformat(), row.working, item.working))
                    row.working, row.note = item.working, item.name
            confirmed = notice.year in unit.config.calendar.confirmed_years
            if changes or not confirmed:
                unit.mark_config_changed(seen)
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="admin.calendar",
                    text=Text("event.admin_notice_applied", {"year": notice.year, "days": len(changes)}),
                    changes=changes,
                )
            if not confirmed:
                self._admin_service.confirm_year_in(unit, notice.year)
            return NoticeApplied(notice.year, len(changes), not confirmed)

    def list_days(self, actor: Actor, year: int) -> list[CalendarDay]:
        """Every day of ``year`` whose status differs from Monday–Friday, with its name and source."""
        checks = Checks()
        checks.integer("year", year, FIRST_DAY.year, LAST_DAY.year)
        checks.done()
        first, last = date(year, 1, 1), date(year, 12, 31)
        with self._door.read(actor) as unit:
            self._admin(unit)
            calendar = unit.config.calendar
            notes = {
                row.day: row.note
                for row in unit.session.scalars(
                    select(CalendarOverride).where(CalendarOverride.day.between(first, last))
                )
            }
        days: list[CalendarDay] = []
        day = first
        while day <= last:
            info = calendar.day(day)
            if info.source != "weekday" and info.working != (day.weekday() < 5):
                name = notes.get(day, "") if info.source == "override" else (official_holiday(day) or "")
                days.append(CalendarDay(day, info.working, name, info.source))
            day += timedelta(days=1)
        return days
