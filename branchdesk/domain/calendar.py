"""Which days are working days: admin overrides, then the official calendar, then weekdays.

The official Chinese calendar (public holidays and make-up working days,
调休) comes from the ``chinesecalendar`` package, which knows each year only
once the State Council has published it. For a later year the calendar falls
back to plain Monday–Friday and reports the day as *unconfirmed*, so every
deadline that depends on such a day can be flagged until an administrator
enters the official days (as overrides) and marks the year confirmed.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import cached_property, lru_cache

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

    @cached_property
    def index(self) -> DayIndex:
        """Working-day ordinals over the dates asked about so far (built once per calendar, i.e.
        per configuration version: ``BranchConfig`` keeps one calendar until an admin changes it)."""
        return DayIndex(self)

    def is_working_day(self, day: date) -> bool:
        return self.index.is_working(day)

    def is_confirmed(self, day: date) -> bool:
        return self.day(day).confirmed

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.index.after(day, 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        span = self.index.span(start, end)
        return span.ordinal(end) - span.ordinal(start)

    def unconfirmed_days(self, days: Iterable[date]) -> list[date]:
        return [d for d in days if not self.is_confirmed(d)]

    def unconfirmed_years(self, years: Iterable[int]) -> list[int]:
        """Years among ``years`` that rely on the weekday guess."""
        covered = official_years()
        return [y for y in years if y not in covered and y not in self.confirmed_years]


@dataclass(frozen=True)
class DaySpan:
    """Prefix counts over consecutive dates from ``first``: ``work[i]`` working days and
    ``guessed[i]`` unconfirmed days among the first ``i`` days. Immutable: one question is
    answered from one span even if another thread grows the index meanwhile."""

    first: date
    work: Sequence[int]
    guessed: Sequence[int]

    @property
    def last(self) -> date:
        return self.first + timedelta(days=len(self.work) - 2)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def ordinal(self, day: date) -> int:
        """Working days from ``first`` up to and including ``day``."""
        return self.work[(day - self.first).days + 1]

    def is_working(self, day: date) -> bool:
        i = (day - self.first).days
        return self.work[i + 1] > self.work[i]

    def nth(self, ordinal: int) -> date | None:
        """The working day whose ordinal is ``ordinal`` (None: beyond the span)."""
        if ordinal < 1 or ordinal > self.work[-1]:
            return None
        return self.first + timedelta(days=bisect_left(self.work, ordinal) - 1)

    def unconfirmed_in(self, start: date, end: date) -> int:
        """Days in [start, end] whose working status the calendar only guesses."""
        if end < start:
            return 0
        return self.guessed[(end - self.first).days + 1] - self.guessed[(start - self.first).days]


class DayIndex:
    """Calendar questions as subtractions and bisects over a ``DaySpan``.

    Walking the calendar day by day for each queue row cost hundreds of thousands of ``day()``
    calls per page, growing with the age of the cases. The span is built once per calendar
    (``BranchConfig`` keeps one calendar per configuration version) and grows by whole years
    when a date outside it is asked about; every answer is then O(1) or O(log n).
    """

    #: Years added beyond a date the span grows to reach.
    _MARGIN_YEARS = 2

    def __init__(self, calendar: WorkingCalendar) -> None:
        self._calendar = calendar
        self._lock = threading.Lock()
        self._span: DaySpan | None = None

    def span(self, *days: date) -> DaySpan:
        """A span covering every one of ``days``."""
        span = self._span
        if span is not None and all(span.covers(d) for d in days):
            return span
        with self._lock:
            span = self._span
            low, high = min(days), max(days)
            if span is not None:
                if span.covers(low) and span.covers(high):
                    return span
                start = span.first if low >= span.first else date(max(low.year - self._MARGIN_YEARS, 1), 1, 1)
                end = (
                    span.last
                    if high <= span.last
                    else date(min(high.year + self._MARGIN_YEARS, 9998), 12, 31)
                )
            else:
                start = date(max(low.year - self._MARGIN_YEARS, 1), 1, 1)
                end = date(min(high.year + self._MARGIN_YEARS, 9998), 12, 31)
            work, guessed = [0], [0]
            day_of = self._calendar.day
            current = start
            while current <= end:
                info = day_of(current)
                work.append(work[-1] + info.working)
                guessed.append(guessed[-1] + (not info.confirmed))
                current += timedelta(days=1)
            span = DaySpan(start, work, guessed)
            self._span = span
            return span

    def is_working(self, day: date) -> bool:
        return self.span(day).is_working(day)

    def after(self, day: date, count: int) -> date:
        """The ``count``-th working day strictly after ``day`` (count ≥ 1)."""
        span = self.span(day)
        while True:
            found = span.nth(span.ordinal(day) + count)
            if found is not None:
                return found
            if span.last.year >= 9998:
                raise ValueError("the working calendar has no working day ahead")
            # Grow by at least as many years again as the span holds: few rebuilds for a far date.
            grow = timedelta(days=max(366, (span.last - span.first).days))
            span = self.span(day, min(span.last + grow, date(9998, 12, 31)))
