"""Report periods (issue 15 part S): one summary for any period, written as the user types it.

Forms: ``2026-W47`` (ISO week), ``2026-11`` (month), ``2026-Q4``, ``2026-H2``, ``2026`` (year) and
``2026-10-01..2026-12-15`` (a range, both days included). A period is ``[start, end)`` in days; its
previous period is the one of the same kind just before it (a range: the same number of days just
before it) and its "same period last year" is the same kind a year earlier. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from branchdesk.errors import FieldError
from branchdesk.i18n import Text

KINDS = ("week", "month", "quarter", "half", "year", "range")
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_RANGE_DAYS = 3 * 366 + 1  # a range longer than three years is a mistake, not a report
MAX_INPUT = 30

_WEEK = re.compile(r"(\d{4})-W(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_YEAR = re.compile(r"(\d{4})")
_RANGE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\.\.(\d{4}-\d{1,2}-\d{1,2})")


@dataclass(frozen=True)
class Period:
    kind: str  # one of KINDS
    start: date
    end: date  # exclusive
    number: int = 0  # the week, month, quarter or half within ``start``'s (ISO) year; 0 for year and range

    @property
    def year(self) -> int:
        return self.start.isocalendar()[0] if self.kind == "week" else self.start.year

    @property
    def key(self) -> str:
        """The form it was parsed from (normalised): ``2026-W07``, ``2026-11``, … (a file name part)."""
        if self.kind == "week":
            return f"{self.year}-W{self.number:02d}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "half":
            return f"{self.year}-H{self.number}"
        if self.kind == "year":
            return str(self.year)
        return f"{self.start.isoformat()}..{(self.end - timedelta(days=1)).isoformat()}"

    @property
    def label(self) -> Text:
        """``2026年11月`` / ``November 2026``: the name under which the workbook is titled."""
        last = self.end - timedelta(days=1)
        params: dict[str, object] = {"year": self.year, "number": self.number}
        if self.kind == "range":
            params = {"start": self.start.isoformat(), "end": last.isoformat()}
        elif self.kind == "week":
            params.update(start=self.start.isoformat(), end=last.isoformat())
        kind = self.kind
        return Text(  # literal codes: tests/core/test_texts.py checks each is in the catalogue
            "period.week"
            if kind == "week"
            else "period.month"
            if kind == "month"
            else "period.quarter"
            if kind == "quarter"
            else "period.half"
            if kind == "half"
            else "period.year"
            if kind == "year"
            else "period.range",
            params,
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period of the same kind just before (a range: as many days, ending where this starts)."""
        if self.kind == "range":
            return Period("range", self.start - timedelta(days=self.days), self.start)
        return _containing(self.kind, self.start - timedelta(days=1))

    def last_year(self) -> Period:
        """The same period a year earlier (a week: the same ISO week number, or the year's last one)."""
        if self.kind == "week":
            weeks = date(self.year - 1, 12, 28).isocalendar()[1]
            return week(self.year - 1, min(self.number, weeks))
        if self.kind == "range":
            return Period("range", _year_back(self.start), _year_back(self.end))
        return _containing(self.kind, _year_back(self.start))

    def sub_units(self) -> list[Period]:
        """The trend's points: a week and a month the 12 periods of its kind up to it (the monthly
        summary's 12-month trend); a quarter, half, year or range the months it touches."""
        if self.kind in ("week", "month"):
            points = [self]
            for _ in range(11):
                points.append(points[-1].previous())
            return points[::-1]
        months = [_containing("month", self.start)]
        while months[-1].end < self.end:
            months.append(_containing("month", months[-1].end))
        return months


def _year_back(day: date) -> date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else date(day.year - 1, 2, 28)


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    return Period("month", start, date(year + (number == 12), number % 12 + 1, 1), number)


def week(year: int, number: int) -> Period:
    start = date.fromisocalendar(year, number, 1)
    return Period("week", start, start + timedelta(days=7), number)


def _containing(kind: str, day: date) -> Period:
    """The period of ``kind`` (not range) holding ``day``."""
    if kind == "week":
        iso_year, number, _ = day.isocalendar()
        return week(iso_year, number)
    if kind == "month":
        return month(day.year, day.month)
    if kind == "quarter":
        number = (day.month - 1) // 3 + 1
        first = month(day.year, number * 3 - 2).start
        return Period("quarter", first, month(day.year, number * 3).end, number)
    if kind == "half":
        number = 1 if day.month <= 6 else 2
        return Period("half", month(day.year, number * 6 - 5).start, month(day.year, number * 6).end, number)
    return Period("year", date(day.year, 1, 1), date(day.year + 1, 1, 1))


def _bad(why: str = "format") -> FieldError:
    params = {"first": FIRST_YEAR, "last": LAST_YEAR, "days": MAX_RANGE_DAYS}
    text = Text(
        "period.year_range"
        if why == "year"
        else "report.dates"
        if why == "order"
        else "period.too_long"
        if why == "long"
        else "period.format",
        params,
    )
    return FieldError({"period": text})


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _bad("year")
    return year


def parse_period(text: str) -> Period:
    """One of the forms above (``/`` taken for ``-``, any case); FieldError("period") otherwise."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        raise _bad()
    value = text.strip().upper().replace("/", "-")
    try:
        if found := _WEEK.fullmatch(value):
            year, number = _year(found[1]), int(found[2])
            if not 1 <= number <= date(year, 12, 28).isocalendar()[1]:
                raise _bad()
            return week(year, number)
        if found := _QUARTER.fullmatch(value):
            return _containing("quarter", date(_year(found[1]), int(found[2]) * 3, 1))
        if found := _HALF.fullmatch(value):
            return _containing("half", date(_year(found[1]), int(found[2]) * 6, 1))
        if found := _MONTH.fullmatch(value):
            year, number = _year(found[1]), int(found[2])
            if not 1 <= number <= 12:
                raise _bad()
            return month(year, number)
        if found := _YEAR.fullmatch(value):
            return _containing("year", date(_year(found[1]), 1, 1))
        if found := _RANGE.fullmatch(value):
            first, last = (date.fromisoformat(_iso(part)) for part in (found[1], found[2]))
            _year(str(first.year)), _year(str(last.year))
            if last < first:
                raise _bad("order")
            if (last - first).days + 1 > MAX_RANGE_DAYS:
                raise _bad("long")
            return Period("range", first, last + timedelta(days=1))
    except ValueError:  # a day that does not exist (2026-02-30)
        raise _bad() from None
    raise _bad()


def _iso(text: str) -> str:
    year, month_, day = text.split("-")
    return f"{year}-{int(month_):02d}-{int(day):02d}"
