"""When a case (or a step in it) is due.

Rules (domain §5): "within N working days" counts the day of intake as day 0
(an intake on a non-working day counts from the next working day) and falls
due at close of business of the N-th working day after it. Hour deadlines are
calendar hours from the moment of intake; calendar-day deadlines fall due at
close of business of the N-th calendar day. The matching SLA rule is the one
with the lowest priority number whose conditions all hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.vocab import DeadlineUnit, Kind, Severity
from branchdesk.i18n import DEFAULT_LANGUAGE, Text, render


@dataclass(frozen=True)
class Due:
    at: datetime
    unconfirmed: bool  # some working day counted lies in a year the calendar only guesses


def add_working_days(calendar: WorkingCalendar, start: datetime, days: int) -> Due:
    day0 = start.date()
    if not calendar.is_working_day(day0):
        day0 = calendar.next_working_day(day0)
    counted = [day0]
    day = day0
    for _ in range(days):
        day = calendar.next_working_day(day)
        counted.append(day)
    # Every day walked over matters, holidays included: a guessed holiday is as wrong as a guessed workday.
    walked = [day0 + timedelta(days=i) for i in range((day - day0).days + 1)]
    unconfirmed = bool(calendar.unconfirmed_days(walked))
    return Due(datetime.combine(day, calendar.office_closes), unconfirmed)


def add_duration(calendar: WorkingCalendar, start: datetime, amount: int, unit: DeadlineUnit) -> Due:
    if unit is DeadlineUnit.HOURS:
        return Due(start + timedelta(hours=amount), False)
    if unit is DeadlineUnit.CALENDAR_DAYS:
        return Due(datetime.combine(start.date() + timedelta(days=amount), calendar.office_closes), False)
    return add_working_days(calendar, start, amount)


@dataclass(frozen=True)
class SlaRule:
    """One row of the SLA policy. ``None`` in a condition means "any"."""

    priority: int
    label: str
    amount: int
    unit: DeadlineUnit
    kind: Kind | None = None
    category_code: str | None = None  # matches the category or any of its descendants
    min_severity: Severity | None = None
    major: bool | None = None  # True: only major cases
    severity_or_major: bool = False  # min_severity OR major (投诉 · 重度 or 重大)
    foreign: bool | None = None


@dataclass(frozen=True)
class SlaFacts:
    kind: Kind
    category_path: tuple[str, ...]  # codes from the top of the tree down; () before triage
    severity: Severity | None
    major: bool
    foreign: bool


def _matches(rule: SlaRule, facts: SlaFacts) -> bool:
    if rule.kind is not None and rule.kind != facts.kind:
        return False
    if rule.category_code is not None and rule.category_code not in facts.category_path:
        return False
    if rule.foreign is not None and rule.foreign != facts.foreign:
        return False
    severe_enough = rule.min_severity is None or (
        facts.severity is not None and facts.severity.rank >= rule.min_severity.rank
    )
    if rule.severity_or_major:
        return severe_enough or facts.major
    if rule.major is not None and rule.major != facts.major:
        return False
    return severe_enough


def select_rule(rules: Sequence[SlaRule], facts: SlaFacts) -> SlaRule:
    for rule in sorted(rules, key=lambda r: r.priority):
        if _matches(rule, facts):
            return rule
    raise LookupError("no SLA rule matches; the policy needs a catch-all rule")


def case_due(
    calendar: WorkingCalendar, rules: Sequence[SlaRule], facts: SlaFacts, received_at: datetime
) -> tuple[Due, SlaRule]:
    rule = select_rule(rules, facts)
    return add_duration(calendar, received_at, rule.amount, rule.unit), rule


@dataclass(frozen=True)
class TimeLeft:
    overdue: bool
    working_days: int  # left (not overdue) or late by (overdue), in working days
    hours: float  # signed hours until due

    def text(self) -> Text:
        """What a reader is told, rendered in their language at the edge (queue, detail, forms)."""
        if self.overdue:
            if self.working_days:
                return Text("time_left.overdue_days", {"days": max(self.working_days, 1)})
            return Text("time_left.overdue")
        if self.working_days == 0:
            if self.hours < 24:
                return Text("time_left.today_hours", {"hours": f"{max(self.hours, 0):.0f}"})
            return Text("time_left.today")
        return Text("time_left.working_days", {"days": self.working_days})

    def label(self) -> str:
        """In Chinese (logs, tests); readers render ``text()`` in their own language."""
        return render(self.text(), DEFAULT_LANGUAGE)


def time_left(calendar: WorkingCalendar, now: datetime, due: datetime) -> TimeLeft:
    hours = (due - now).total_seconds() / 3600
    if now > due:
        late = calendar.working_days_between(due.date(), now.date())
        return TimeLeft(True, late, hours)
    return TimeLeft(False, calendar.working_days_between(now.date(), due.date()), hours)
