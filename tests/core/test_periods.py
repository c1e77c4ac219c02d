"""Report periods (issue 15 part S): the six written forms, their neighbours, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from branchdesk.domain.periods import parse_period
from branchdesk.errors import FieldError


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "key", "zh", "en"),
    [
        ("2026-W47", "week", date(2026, 11, 16), date(2026, 11, 23), "2026-W47",
         "2026年第47周（2026-11-16至2026-11-22）", "Week 47 of 2026 (2026-11-16 to 2026-11-22)"),
        ("2026-11", "month", date(2026, 11, 1), date(2026, 12, 1), "2026-11", "2026年11月", "11/2026"),
        ("2026-q4", "quarter", date(2026, 10, 1), date(2027, 1, 1), "2026-Q4", "2026年第4季度", "Q4 2026"),
        ("2026-H2", "half", date(2026, 7, 1), date(2027, 1, 1), "2026-H2", "2026年第2半年", "H2 2026"),
        ("2026", "year", date(2026, 1, 1), date(2027, 1, 1), "2026", "2026年", "2026"),
        (" 2026/10/1..2026-12-15 ", "range", date(2026, 10, 1), date(2026, 12, 16), "2026-10-01..2026-12-15",
         "2026-10-01至2026-12-15", "2026-10-01 to 2026-12-15"),
    ],
)
def test_each_form_parses_to_its_days_and_labels(
    text: str, kind: str, start: date, end: date, key: str, zh: str, en: str
) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.key) == (kind, start, end, key)
    assert period.label.render("zh_CN") == zh
    assert period.label.render("en") == en
    assert parse_period(period.key) == period  # the key is a form that reads back


@pytest.mark.parametrize(
    ("text", "previous", "last_year"),
    [
        ("2026-W01", "2025-W52", "2025-W01"),
        ("2026-W53", "2026-W52", "2025-W52"),  # 2026 has 53 ISO weeks, 2025 has 52: its last one
        ("2026-01", "2025-12", "2025-01"),
        ("2026-Q1", "2025-Q4", "2025-Q1"),
        ("2026-H1", "2025-H2", "2025-H1"),
        ("2026", "2025", "2025"),
        ("2026-10-01..2026-10-10", "2026-09-21..2026-09-30", "2025-10-01..2025-10-10"),
        ("2024-02-29..2024-03-01", "2024-02-27..2024-02-28", "2023-02-28..2023-03-01"),
    ],
)
def test_previous_period_and_same_period_last_year(text: str, previous: str, last_year: str) -> None:
    period = parse_period(text)
    assert period.previous().key == previous
    assert period.last_year().key == last_year


def test_trend_points_are_twelve_of_a_week_or_month_else_the_months_touched() -> None:
    assert [p.key for p in parse_period("2026-11").sub_units()][::11] == ["2025-12", "2026-11"]
    weeks = parse_period("2026-W02").sub_units()
    assert len(weeks) == 12 and weeks[-1].key == "2026-W02" and weeks[0].key == "2025-W43"
    assert [p.key for p in parse_period("2026-Q4").sub_units()] == ["2026-10", "2026-11", "2026-12"]
    assert len(parse_period("2026").sub_units()) == 12
    assert [p.key for p in parse_period("2026-10-20..2026-11-05").sub_units()] == ["2026-10", "2026-11"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "期间写作"),
        ("2026-W54", "期间写作"),
        ("2025-W53", "期间写作"),  # 2025 has 52 ISO weeks
        ("2026-Q5", "期间写作"),
        ("2026-02-30..2026-03-01", "期间写作"),
        ("1999", "年份须在 2000 至 2100 之间"),
        ("2026-12-01..2026-11-01", "结束日期不能早于开始日期"),
        ("2020-01-01..2026-01-01", "期间最长"),
        ("下个月", "期间写作"),
        ("", "期间写作"),
        ("2026-11" * 10, "期间写作"),
    ],
)
def test_bad_periods_are_refused_at_the_field(text: str, message: str) -> None:
    with pytest.raises(FieldError) as refused:
        parse_period(text)
    assert list(refused.value.errors) == ["period"]
    assert message in refused.value.errors["period"]
    assert not refused.value.texts["period"].render("en").startswith("period.")
