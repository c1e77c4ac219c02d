"""Issue 16: the calendar arithmetic (ordinals, working-time offsets) answers exactly as the
old day-by-day walk (``calendar_oracle``) for random dates, holiday overrides, hours and units."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchdesk.domain import deadlines
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import time_left
from tests.core import calendar_oracle as oracle

# Years on both sides of the official data's end, so guessed (unconfirmed) years are exercised.
DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))
TIMES = st.times().map(lambda t: t.replace(microsecond=t.microsecond - t.microsecond % 1000))
QUARTERS = st.integers(min_value=0, max_value=95).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    near = draw(DAYS)
    overrides = draw(
        st.dictionaries(
            st.integers(min_value=-40, max_value=40).map(lambda n: near + timedelta(days=n)),
            st.booleans(),
            max_size=25,
        )
    )
    opens, closes = sorted(draw(st.lists(QUARTERS, min_size=2, max_size=2)))
    lunch = draw(st.none() | st.lists(QUARTERS, min_size=2, max_size=2).map(sorted))
    return WorkingCalendar(
        overrides=overrides,
        confirmed_years=frozenset(draw(st.sets(st.integers(min_value=2024, max_value=2031), max_size=4))),
        office_opens=opens,
        office_closes=closes,
        lunch_starts=lunch[0] if lunch else None,
        lunch_ends=lunch[1] if lunch else None,
    )


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(calendars(), DAYS, DAYS)
def test_working_days_between_and_next_day_match_the_walk(
    calendar: WorkingCalendar, a: date, b: date
) -> None:
    assert calendar.working_days_between(a, b) == oracle.working_days_between(calendar, a, b)
    assert calendar.next_working_day(a) == oracle.next_working_day(calendar, a)
    assert calendar.is_working_day(b) == oracle.is_working_day(calendar, b)


@FAST
@given(calendars(), DAYS, TIMES, st.integers(min_value=0, max_value=400))
def test_working_hours_match_the_walk(calendar: WorkingCalendar, day: date, at: time, hours: int) -> None:
    start = datetime.combine(day, at)
    try:
        expected = oracle.add_working_hours(calendar, start, hours)
    except ValueError:
        with pytest.raises(ValueError):
            deadlines.add_working_hours(calendar, start, hours)
        return
    assert deadlines.add_working_hours(calendar, start, hours) == expected


@FAST
@given(calendars(), DAYS, TIMES, st.integers(min_value=0, max_value=365))
def test_working_days_and_same_day_match_the_walk(
    calendar: WorkingCalendar, day: date, at: time, days: int
) -> None:
    start = datetime.combine(day, at)
    assert deadlines.add_working_days(calendar, start, days) == oracle.add_working_days(calendar, start, days)
    assert deadlines.same_working_day(calendar, start) == oracle.same_working_day(calendar, start)


@FAST
@given(calendars(), DAYS, TIMES, DAYS, TIMES)
def test_time_left_matches_the_walk(
    calendar: WorkingCalendar, d1: date, t1: time, d2: date, t2: time
) -> None:
    now, due = datetime.combine(d1, t1), datetime.combine(d2, t2)
    left = time_left(calendar, now, due)
    if now > due:
        assert left.working_days == oracle.working_days_between(calendar, due.date(), now.date())
    else:
        assert left.working_days == oracle.working_days_between(calendar, now.date(), due.date())


def test_boundaries_the_rules_name() -> None:
    """Exactly at lunch or closing a due time stays there; zero hours from off hours is the next opening."""
    calendar = WorkingCalendar(lunch_starts=time(12), lunch_ends=time(13))
    monday = datetime(2025, 6, 9, 8, 30)
    assert deadlines.add_working_hours(calendar, monday, 3).at == datetime(2025, 6, 9, 11, 30)
    assert deadlines.add_working_hours(calendar, datetime(2025, 6, 9, 9), 3).at == datetime(2025, 6, 9, 12)
    assert deadlines.add_working_hours(calendar, monday, 8).at == datetime(2025, 6, 9, 17, 30)
    assert deadlines.add_working_hours(calendar, monday.replace(hour=12), 0).at == datetime(2025, 6, 9, 13)
    assert deadlines.add_working_hours(calendar, monday.replace(hour=18), 1).at == datetime(
        2025, 6, 10, 9, 30
    )
    # Dragon Boat Festival 2025 falls on 31 May–2 June: Friday 30 May at closing runs on to Tuesday 3 June.
    assert deadlines.add_working_hours(calendar, datetime(2025, 5, 30, 17, 30), 1).at == datetime(
        2025, 6, 3, 9, 30
    )


def test_a_calendar_without_business_hours_raises() -> None:
    calendar = WorkingCalendar(office_opens=time(9), office_closes=time(9))
    with pytest.raises(ValueError):
        deadlines.add_working_hours(calendar, datetime(2025, 6, 9, 8), 1)


def test_far_dates_grow_the_index_and_stay_exact() -> None:
    calendar = WorkingCalendar(overrides={date(2040, 3, 5): False})
    assert calendar.working_days_between(date(2001, 1, 1), date(2045, 1, 1)) == oracle.working_days_between(
        calendar, date(2001, 1, 1), date(2045, 1, 1)
    )
    assert calendar.next_working_day(date(2040, 3, 4)) == date(2040, 3, 6)
