"""工作台的图表 (issue 17, part D): the figures as SQL aggregates in the viewer's visibility.

Every figure is counted under the SQL conditions of a queue filter (the service passes in
``conditions``, visibility included), and every bar names the filter that lists exactly its cases
(``*_filter`` below): clicking a bar opens the queue on that filter, so the bar and the list agree by
construction. No Python loop over cases: one GROUP BY per chart, buckets as CASE expressions over
fixed bounds (the same SQL on SQLite and PostgreSQL, and the ``received_at`` index stays usable).

Definitions:
- *cases per week by kind*: registered cases (not drafts) by 受理时间, weeks Monday to Sunday, the
  last ``WEEKS`` weeks including the current one;
- *on time*: of the cases closed (结案) in a month, those replied (or, without a reply, closed) by
  the deadline in force — ``reports.monthly.on_time``; a case without a deadline counts as on time;
  the last ``MONTHS`` months including the current one;
- *open cases by department*: open cases (neither draft, closed nor void) by responsible department,
  "no department" when none is set yet;
- *top categories*: cases received in the same ``WEEKS`` weeks by top-level category (a case filed
  under a sub-category counts for its top category), the ``TOP_CATEGORIES`` largest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, aliased

from branchdesk.domain.vocab import Kind
from branchdesk.read.queue import QueueFilter, on_time
from branchdesk.storage.models import Case, Category, Department

WEEKS = 12
MONTHS = 6
TOP_CATEGORIES = 8

Conditions = Callable[[QueueFilter], Sequence[ColumnElement[bool]]]


@dataclass(frozen=True)
class MonthTiming:
    month: date  # its first day
    on_time: int
    late: int

    @property
    def closed(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return self.on_time / self.closed if self.closed else None


@dataclass(frozen=True)
class DepartmentCount:
    department_id: int | None  # None: no responsible department yet
    name: str
    count: int


@dataclass(frozen=True)
class CategoryCount:
    code: str  # a top-level category's code
    label: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    weeks: list[date]  # the Monday of each week, oldest first
    by_kind: dict[Kind, list[int]]  # per kind, a count per week (same order as ``weeks``)
    months: list[MonthTiming]  # oldest first
    departments: list[DepartmentCount]  # largest first
    categories: list[CategoryCount]  # largest first
    today: date


# --- the filters behind the bars ----------------------------------------------------------------


def week_filter(week: date, today: date, kind: Kind | None = None) -> QueueFilter:
    return QueueFilter(
        received_from=week,
        received_to=min(week + timedelta(days=6), today),
        kinds=[kind.value] if kind else [],
        pile="chart_week",
    )


def month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def timing_filter(month: date, today: date, timing: str = "") -> QueueFilter:
    """Cases closed in ``month``; ``timing`` "on_time" | "late" | "" (all of them)."""
    return QueueFilter(
        closed_from=month, closed_to=min(month_end(month), today), timing=timing, pile="chart_timing"
    )


def department_filter(department_id: int | None) -> QueueFilter:
    return QueueFilter(include_closed=False, department_ids=[department_id or 0], pile="chart_department")


def category_filter(code: str, weeks: Sequence[date], today: date) -> QueueFilter:
    return QueueFilter(
        category_codes=[code], received_from=weeks[0], received_to=today, pile="chart_category"
    )


def recent_weeks(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def recent_months(today: date) -> list[date]:
    months: list[date] = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _bucket(column: Any, starts: Sequence[date]) -> ColumnElement[int]:
    """The index of the newest start the value is at or after (the filter keeps values >= the first)."""
    whens: list[tuple[ColumnElement[bool], int]] = [
        (column >= datetime.combine(start, time.min), index)
        for index, start in reversed(list(enumerate(starts)))
    ]
    return case(*whens, else_=0)


# --- the aggregates -------------------------------------------------------------------------------


def dashboard(session: Session, conditions: Conditions, today: date) -> Dashboard:
    weeks = recent_weeks(today)
    months = recent_months(today)

    # cases per week by kind
    week = _bucket(Case.received_at, weeks).label("week")
    by_kind: dict[Kind, list[int]] = {kind: [0] * WEEKS for kind in Kind}
    for index, kind, count in session.execute(
        select(week, Case.kind, func.count(Case.id))
        .where(*conditions(QueueFilter(received_from=weeks[0], received_to=today)))
        .group_by(week, Case.kind)
    ):
        if kind in Kind._value2member_map_:
            by_kind[Kind(kind)][int(index)] += int(count)

    # on time, per month of closing
    month = _bucket(Case.closed_at, months).label("month")
    timely = case((on_time(), 1), else_=0).label("timely")
    tally = {m: [0, 0] for m in range(MONTHS)}  # month index -> [on time, late]
    for index, is_timely, count in session.execute(
        select(month, timely, func.count(Case.id))
        .where(*conditions(QueueFilter(closed_from=months[0], closed_to=today)))
        .group_by(month, timely)
    ):
        tally[int(index)][0 if is_timely else 1] += int(count)
    timing = [MonthTiming(months[i], tally[i][0], tally[i][1]) for i in range(MONTHS)]

    # open cases by department
    departments = [
        DepartmentCount(department_id, name or "", int(count))
        for department_id, name, count in session.execute(
            select(Case.responsible_department_id, Department.name, func.count(Case.id))
            .outerjoin(Department, Department.id == Case.responsible_department_id)
            .where(*conditions(QueueFilter(include_closed=False)))
            .group_by(Case.responsible_department_id, Department.name)
            .order_by(func.count(Case.id).desc(), Department.name.is_(None), Department.name)
        )
    ]

    # top categories (top-level: the tree is at most three levels deep)
    own, parent, grandparent = aliased(Category), aliased(Category), aliased(Category)
    top_id = func.coalesce(grandparent.id, parent.id, own.id).label("top_id")
    counted = (
        select(top_id, func.count(Case.id).label("n"))
        .join(own, own.id == Case.category_id)
        .outerjoin(parent, parent.id == own.parent_id)
        .outerjoin(grandparent, grandparent.id == parent.parent_id)
        .where(*conditions(QueueFilter(received_from=weeks[0], received_to=today)))
        .group_by(top_id)
        .subquery()
    )
    top = aliased(Category)
    categories = [
        CategoryCount(code, label, int(count))
        for code, label, count in session.execute(
            select(top.code, top.label, counted.c.n)
            .join(counted, counted.c.top_id == top.id)
            .order_by(counted.c.n.desc(), top.sort_order, top.code)
            .limit(TOP_CATEGORIES)
        )
    ]
    return Dashboard(weeks, by_kind, timing, departments, categories, today)
