"""The day-by-day calendar walk the app used before issue 16, kept only as the test oracle.

``test_calendar_arithmetic.py`` checks that the O(1) arithmetic in ``domain/calendar.py`` and
``domain/deadlines.py`` gives exactly these answers. Every question here asks ``calendar.day()``,
the one source of truth about a single date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import Due

_MAX_WALK_DAYS = 3660


def is_working_day(calendar: WorkingCalendar, day: date) -> bool:
    return calendar.day(day).working


def next_working_day(calendar: WorkingCalendar, day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(calendar, day):
        day += timedelta(days=1)
    return day


def working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(calendar, day):
            count += 1
    return sign * count


def _unconfirmed(calendar: WorkingCalendar, first: date, last: date) -> bool:
    return any(not calendar.day(first + timedelta(days=i)).confirmed for i in range((last - first).days + 1))


def add_working_days(calendar: WorkingCalendar, start: datetime, days: int) -> Due:
    day0 = start.date()
    if not is_working_day(calendar, day0):
        day0 = next_working_day(calendar, day0)
    day = day0
    for _ in range(days):
        day = next_working_day(calendar, day)
    return Due(datetime.combine(day, calendar.office_closes), _unconfirmed(calendar, day0, day))


def business_periods(calendar: WorkingCalendar, day: date) -> list[tuple[datetime, datetime]]:
    if not is_working_day(calendar, day):
        return []
    opens = datetime.combine(day, calendar.office_opens)
    closes = datetime.combine(day, calendar.office_closes)
    lunch_from, lunch_to = calendar.lunch_starts, calendar.lunch_ends
    if lunch_from is not None and lunch_to is not None:
        starts, ends = datetime.combine(day, lunch_from), datetime.combine(day, lunch_to)
        if opens < starts < ends < closes:
            return [(opens, starts), (ends, closes)]
    return [(opens, closes)] if opens < closes else []


def add_working_hours(calendar: WorkingCalendar, start: datetime, hours: int) -> Due:
    remaining = timedelta(hours=hours)
    day = start.date()
    while (day - start.date()).days <= _MAX_WALK_DAYS:
        for begins, ends in business_periods(calendar, day):
            if ends <= start:
                continue
            begin = max(begins, start)
            if begin + remaining <= ends:
                return Due(begin + remaining, _unconfirmed(calendar, start.date(), day))
            remaining -= ends - begin
        day += timedelta(days=1)
    raise ValueError("the working calendar has no business hours")


def same_working_day(calendar: WorkingCalendar, start: datetime) -> Due:
    day = start.date()
    if not is_working_day(calendar, day) or start.time() >= calendar.office_closes:
        day = next_working_day(calendar, day)
    return Due(datetime.combine(day, calendar.office_closes), _unconfirmed(calendar, start.date(), day))
