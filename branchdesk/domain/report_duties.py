"""Report duties (issue 15 part M): which period summary the policy asks for, when it is due, who makes it.

A duty is data (table ``report_duty``, policy file ``[[report_duties]]``): the report's period kind
(week, month, quarter, half, year), a due rule, the role (optionally of one department) that makes it,
and a label. Two rules, each one number (``day``):

- ``after_end``: due on the ``day``-th calendar day after the period ends (the first day after it is
  day 1). "每月十日前汇总上月" is a month with day 10; "weekly on Monday" is a week with day 1 (a week
  ends on Sunday, so day N is the N-th weekday of the next week). Owed from the day after the period.
- ``last_month``: due on day ``day`` of the period's own last month, owed from that month's 1st — the
  half-year summary "每年6月和12月的前10日" (000 篇7 (三)4) is a half with day 10.

The due date is a calendar date, never moved for a weekend or holiday: every seed policy names a date
("每月十日前", "每月初10日内", "每月10日前"), not a count of working days.

A report is owed from its window's opening until a summary of exactly that period is made (exported);
after the due date it is overdue. The latest opened period is always owed (a new branch is reminded of
the report due now); older unmade ones are owed only when their window opened since the duty existed
(``since``), at most ``LOOKBACK`` of them. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from branchdesk.domain.periods import Period, _containing
from branchdesk.domain.vocab import Role
from branchdesk.i18n import Label, Text

PERIOD_KINDS = ("week", "month", "quarter", "half", "year")
RULES = ("after_end", "last_month")
DAY_BOUNDS = {"after_end": (1, 60), "last_month": (1, 28)}  # 28: every month has the day
LABEL_LIMIT = 60
MAX_DUTIES = 20
LOOKBACK = 12  # older unmade periods still listed (a year of months)
DUTY_ROLES = tuple(r.value for r in Role if r is not Role.ADMIN)  # the administrator sees no case


@dataclass(frozen=True)
class Duty:
    kind: str  # one of PERIOD_KINDS
    rule: str  # one of RULES
    day: int
    role: str  # a Role value
    department: str | None  # a department code; None: the role in any department
    label: str


@dataclass(frozen=True)
class Owed:
    period: Period
    opens: date
    due: date
    overdue: bool


def duty_problems(duty: Duty, departments: set[str] | None = None) -> dict[str, Text]:
    """Each wrong field of ``duty`` named (empty: fine); ``departments``: the codes that exist."""
    out: dict[str, Text] = {}
    if duty.kind not in PERIOD_KINDS:
        out["kind"] = Text("duty.bad_kind", {"kind": str(duty.kind)[:20]})
    if duty.rule not in RULES:
        out["rule"] = Text("duty.bad_rule", {"rule": str(duty.rule)[:20]})
    else:
        low, high = DAY_BOUNDS[duty.rule]
        if isinstance(duty.day, bool) or not isinstance(duty.day, int) or not low <= duty.day <= high:
            out["day"] = Text("duty.bad_day", {"low": low, "high": high})
        elif duty.rule == "last_month" and duty.kind in ("week", "month"):
            out["rule"] = Text("duty.last_month_kind")  # a week has no month of its own; a month is its own
    if duty.role not in DUTY_ROLES:
        out["role"] = Text("duty.bad_role", {"role": str(duty.role)[:20]})
    if departments is not None and duty.department is not None and duty.department not in departments:
        out["department"] = Text("field.not_found", {"field": Label("Field", "department")})
    label = duty.label.strip() if isinstance(duty.label, str) else ""
    if not label or len(duty.label) > LABEL_LIMIT:
        out["label"] = Text("duty.bad_label", {"limit": LABEL_LIMIT})
    return out


def window(duty: Duty, period: Period) -> tuple[date, date]:
    """(the day the report is first owed, its due date) for ``period``."""
    if duty.rule == "last_month":
        last = period.end - timedelta(days=1)
        return date(last.year, last.month, 1), date(last.year, last.month, duty.day)
    return period.end, period.end + timedelta(days=duty.day - 1)


def owed(duty: Duty, today: date, since: date, made: set[str]) -> list[Owed]:
    """The periods of ``duty`` owed on ``today`` (not in ``made``, period keys), latest first."""
    period = _containing(duty.kind, today)
    while window(duty, period)[0] > today:
        period = period.previous()
    out: list[Owed] = []
    for index in range(LOOKBACK):
        opens, due = window(duty, period)
        if index and opens < since:
            break
        if period.key not in made:
            out.append(Owed(period, opens, due, today > due))
        period = period.previous()
    return out
