"""Working days and deadlines, with the domain file's numbers (§5)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from branchdesk.domain import defaults
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import (
    SlaFacts,
    SlaRule,
    add_duration,
    add_working_days,
    case_due,
    time_left,
)
from branchdesk.domain.vocab import DeadlineUnit, Kind, Severity

CAL = WorkingCalendar()
RULES = [SlaRule(**r) for r in defaults.SLA_RULES]  # type: ignore[arg-type]


def test_domain_file_worked_example_national_day() -> None:
    due = add_working_days(CAL, datetime(2026, 9, 30, 16, 0), 3)
    assert due.at == datetime(2026, 10, 10, 17, 30)
    assert not due.unconfirmed


@pytest.mark.parametrize(
    "day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
)
def test_2026_make_up_working_days_are_working_days(day: str) -> None:
    assert CAL.is_working_day(date.fromisoformat(day))


def test_intake_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Saturday 2026-11-07: day 0 is Monday 11-09, one working day later is Tuesday 11-10.
    assert add_working_days(CAL, datetime(2026, 11, 7, 10, 0), 1).at == datetime(2026, 11, 10, 17, 30)


def test_zero_working_days_is_close_of_business_the_same_day() -> None:
    assert add_working_days(CAL, datetime(2026, 11, 4, 9, 0), 0).at == datetime(2026, 11, 4, 17, 30)


def test_a_year_beyond_the_official_data_is_flagged_unconfirmed() -> None:
    due = add_working_days(CAL, datetime(2026, 12, 30, 10, 0), 3)
    assert due.unconfirmed  # walks into 2027, which the package does not know yet
    assert CAL.unconfirmed_years([2026, 2027]) == [2027]


def test_admin_overrides_win_and_a_confirmed_year_is_not_flagged() -> None:
    calendar = WorkingCalendar(
        overrides={date(2027, 1, 1): False, date(2027, 1, 4): True}, confirmed_years=frozenset({2027})
    )
    due = add_working_days(calendar, datetime(2026, 12, 31, 10, 0), 1)
    assert due.at == datetime(2027, 1, 4, 17, 30)
    assert not due.unconfirmed
    company_holiday = WorkingCalendar(overrides={date(2026, 11, 5): False})
    assert add_working_days(company_holiday, datetime(2026, 11, 4, 9, 0), 1).at == datetime(
        2026, 11, 6, 17, 30
    )


def test_hour_deadlines_are_calendar_hours() -> None:
    due = add_duration(CAL, datetime(2026, 10, 1, 9, 0), 24, DeadlineUnit.HOURS)
    assert due.at == datetime(2026, 10, 2, 9, 0)  # a holiday changes nothing


def facts(
    kind: Kind = Kind.COMPLAINT,
    path: tuple[str, ...] = ("business", "business.damage"),
    severity: Severity | None = Severity.NORMAL,
    major: bool = False,
    foreign: bool = False,
) -> SlaFacts:
    return SlaFacts(kind, path, severity, major, foreign)


RECEIVED = datetime(2026, 11, 2, 10, 0)  # Monday


@pytest.mark.parametrize(
    ("sla_facts", "expected"),
    [
        (facts(kind=Kind.CONSULTATION, path=(), severity=None), datetime(2026, 11, 3, 10, 0)),
        (facts(), datetime(2026, 11, 3, 17, 30)),
        (facts(path=("service", "service.attitude")), datetime(2026, 11, 4, 17, 30)),
        (facts(severity=Severity.MODERATE), datetime(2026, 11, 5, 17, 30)),
        (facts(severity=Severity.SEVERE), datetime(2026, 11, 11, 17, 30)),
        (facts(major=True), datetime(2026, 11, 11, 17, 30)),
        (facts(path=("quality", "quality.product")), datetime(2026, 11, 17, 17, 30)),
        (facts(path=("quality", "quality.product"), foreign=True), datetime(2026, 11, 22, 17, 30)),
        (facts(path=(), severity=None), datetime(2026, 11, 3, 17, 30)),  # before triage: the general rule
    ],
    ids=[
        "consult-24h",
        "general-1wd",
        "attitude-2wd",
        "moderate-3wd",
        "severe-7wd",
        "major-7wd",
        "quality-15d",
        "quality-foreign-20d",
        "untriaged",
    ],
)
def test_deadline_per_kind_category_severity(sla_facts: SlaFacts, expected: datetime) -> None:
    due, _rule = case_due(CAL, RULES, sla_facts, RECEIVED)
    assert due.at == expected


def test_time_left_labels() -> None:
    due = datetime(2026, 11, 5, 17, 30)
    assert time_left(CAL, datetime(2026, 11, 3, 9, 0), due).label() == "剩 2 个工作日"
    late = time_left(CAL, datetime(2026, 11, 6, 9, 0), due)
    assert late.overdue and late.label() == "已逾期 1 天"
