"""Which days are working days: admin overrides, then the official calendar, then weekdays.

The official Chinese calendar (public holidays and make-up working days,
调休) comes from the ``chinesecalendar`` package, which knows each year only
once the State Council has published it. For a later year the calendar falls
back to plain Monday–Friday and reports the day as *unconfirmed*, so every
deadline that depends on such a day can be flagged until an administrator
enters the official days (as overrides) and marks the year confirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache

import chinese_calendar


@dataclass(frozen=True)
class DayInfo:
    working: bool
    confirmed: bool
    source: str  # "override" | "official" | "weekday"


@lru_cache(maxsize=8192)
def _official(day: date) -> bool | None:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def official_years() -> range:
    """Years the installed ``chinesecalendar`` data covers."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


@dataclass(frozen=True)
class WorkingCalendar:
    overrides: Mapping[date, bool] = field(default_factory=dict)
    confirmed_years: frozenset[int] = frozenset()
    office_opens: time = time(8, 30)
    office_closes: time = time(17, 30)
    # An optional lunch break inside business hours (settings lunch_starts/lunch_ends; None: no break).
    lunch_starts: time | None = None
    lunch_ends: time | None = None

    def day(self, day: date) -> DayInfo:
        if day in self.overrides:
            return DayInfo(self.overrides[day], True, "override")
        official = _official(day)
        if official is not None:
            return DayInfo(official, True, "official")
        return DayInfo(day.weekday() < 5, day.year in self.confirmed_years, "weekday")

    def is_working_day(self, day: date) -> bool:
        return self.day(day).working

    def is_confirmed(self, day: date) -> bool:
        return self.day(day).confirmed

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count

    def unconfirmed_days(self, days: Iterable[date]) -> list[date]:
        return [d for d in days if not self.is_confirmed(d)]

    def unconfirmed_years(self, years: Iterable[int]) -> list[int]:
        """Years among ``years`` that rely on the weekday guess."""
        covered = official_years()
        return [y for y in years if y not in covered and y not in self.confirmed_years]
