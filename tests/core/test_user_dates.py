"""Dates as a clerk types them (issue 17): ``parse_user_date`` / ``parse_user_datetime``."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from branchdesk.domain.text import parse_user_date, parse_user_datetime

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("20261130", date(2026, 11, 30)),
        ("11-30", date(2026, 11, 30)),  # this year
        ("1-5", date(2026, 1, 5)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026.01.05", date(2026, 1, 5)),
        ("2026年1月5日", date(2026, 1, 5)),
        ("3月8日", date(2026, 3, 8)),
        ("２０２６－１１－３０", date(2026, 11, 30)),  # full-width, as a Chinese input method types it
        ("  2026-11-30  ", date(2026, 11, 30)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_a_typed_date_is_read(typed: str, meant: date) -> None:
    assert parse_user_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    "typed", ["", "abc", "2026-02-30", "2025-02-29", "13-01", "1130", "2026-11", "2026113"]
)
def test_what_is_not_a_date_is_none(typed: str) -> None:
    assert parse_user_date(typed, TODAY) is None


def test_the_short_form_takes_the_year_of_today() -> None:
    assert parse_user_date("11-30", date(2027, 1, 2)) == date(2027, 11, 30)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-11-30 14:30", datetime(2026, 11, 30, 14, 30)),
        ("20261130 1430", datetime(2026, 11, 30, 14, 30)),
        ("11-30 9:05", datetime(2026, 11, 30, 9, 5)),
        ("2026-11-30T08:00", datetime(2026, 11, 30, 8, 0)),
        ("2026-11-30 14：30", datetime(2026, 11, 30, 14, 30)),
        ("2026-11-30 14:30:59", datetime(2026, 11, 30, 14, 30)),
        ("2026-11-30", datetime(2026, 11, 30, 10, 15)),  # no time: the default time
    ],
)
def test_a_typed_date_and_time_is_read(typed: str, meant: datetime) -> None:
    assert parse_user_datetime(typed, TODAY, time(10, 15)) == meant


@pytest.mark.parametrize("typed", ["2026-11-30 25:00", "2026-11-30 14:60", "11-30 14", "x 14:30", ""])
def test_what_is_not_a_date_and_time_is_none(typed: str) -> None:
    assert parse_user_datetime(typed, TODAY) is None


def test_a_very_long_text_is_refused_on_its_length() -> None:
    assert parse_user_date("2026-11-30" + " " * 100_000, TODAY) is None
    assert parse_user_datetime("1" * 100_000, TODAY) is None
