"""When a case (or a step in it) is due.

Rules (domain §5): "within N working days" counts the day of intake as day 0
(an intake on a non-working day counts from the next working day) and falls
due at close of business of the N-th working day after it. Hour deadlines are
calendar hours from the moment of intake; calendar-day deadlines fall due at
close of business of the N-th calendar day.

Working hours count only inside business hours (``office_opens``–``office_closes``,
minus the optional lunch break ``lunch_starts``–``lunch_ends``) on working days:
an intake outside them (before opening, at lunch, after closing, on a weekend or
holiday) starts counting at the next opening, and a due time that ends exactly at
the start of the lunch break or at closing stays there. "Same working day" is due
at close of business of the intake day, or of the next working day when the
intake is on a non-working day or at/after closing.

The policy is a list of rules; each names what it times (``step``: the case
itself, ``"case"``, or one ``DeadlineStep``). The rule for a step is the one with
the lowest priority number, among that step's rules, whose conditions all hold
(``None`` in a condition means "any"). ``schedule`` gives every due time of a case
from its facts and times: the services and the 试算 panel both come here.

Steps: first contact and investigation count from the assignment; the reply
from the intake, never later than the case deadline (no reply rule: due with
the case); the follow-up from the reply. A step without any matching rule
falls due with the case (the admin cannot delete the last catch-all rule of the
case, first contact, investigation or follow-up, so this only guards old data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Severity
from branchdesk.i18n import DEFAULT_LANGUAGE, Text, render

#: ``SlaRule.step`` of a rule that times the case itself.
CASE_STEP = "case"
#: What a rule may time: the case, then each step in the order they happen.
RULE_STEPS: tuple[str, ...] = (CASE_STEP, *(s.value for s in DeadlineStep))
#: Steps that must always keep a catch-all rule (the reply falls back to the case deadline).
STEPS_NEEDING_CATCH_ALL: tuple[str, ...] = (
    CASE_STEP,
    DeadlineStep.FIRST_CONTACT.value,
    DeadlineStep.INVESTIGATION.value,
    DeadlineStep.FOLLOW_UP.value,
)
#: A walk over the calendar that finds no business hours within this many days is a broken calendar.
_MAX_WALK_DAYS = 3660


@dataclass(frozen=True)
class Due:
    at: datetime
    unconfirmed: bool  # some working day counted lies in a year the calendar only guesses


def add_working_days(calendar: WorkingCalendar, start: datetime, days: int) -> Due:
    index = calendar.index
    day0 = start.date()
    if not index.is_working(day0):
        day0 = index.after(day0, 1)
    day = index.after(day0, days) if days > 0 else day0
    # Every day walked over matters, holidays included: a guessed holiday is as wrong as a guessed workday.
    unconfirmed = index.span(day0, day).unconfirmed_in(day0, day) > 0
    return Due(datetime.combine(day, calendar.office_closes), unconfirmed)


def _periods(calendar: WorkingCalendar) -> list[tuple[time, time]]:
    """Business hours of any working day (every working day has the same ones)."""
    opens, closes = calendar.office_opens, calendar.office_closes
    lunch_from, lunch_to = calendar.lunch_starts, calendar.lunch_ends
    if lunch_from is not None and lunch_to is not None and opens < lunch_from < lunch_to < closes:
        return [(opens, lunch_from), (lunch_to, closes)]
    return [(opens, closes)] if opens < closes else []


def business_periods(calendar: WorkingCalendar, day: date) -> list[tuple[datetime, datetime]]:
    """The spans of ``day`` that count as working hours (none on a non-working day)."""
    if not calendar.is_working_day(day):
        return []
    return [(datetime.combine(day, b), datetime.combine(day, e)) for b, e in _periods(calendar)]


def _length(begins: time, ends: time) -> timedelta:
    return datetime.combine(date.min, ends) - datetime.combine(date.min, begins)


def add_working_hours(calendar: WorkingCalendar, start: datetime, hours: int) -> Due:
    """``hours`` counted only inside business hours on working days (see the module's rules).

    Arithmetic on working time: every working day holds the same business hours, so a moment's
    position is (working days before its day) × (hours of a day) + the hours it is into its day.
    The due time is the earliest moment whose position is ``hours`` later — the end of a period
    when it falls exactly there, as the rules say; zero hours from off hours is the next opening.
    """
    periods = _periods(calendar)
    per_day = sum((_length(b, e) for b, e in periods), timedelta())
    if not periods or per_day <= timedelta():
        raise ValueError("the working calendar has no business hours")
    first = start.date()
    horizon = first + timedelta(days=_MAX_WALK_DAYS)
    span = calendar.index.span(first, horizon)
    # Position of ``start`` in working time: whole working days before its day, then into its day.
    working = span.is_working(first)
    before = span.ordinal(first) - (1 if working else 0)
    into = timedelta()
    if working:
        for begins, ends in periods:
            into += min(max(start - datetime.combine(first, begins), timedelta()), _length(begins, ends))
    remaining = timedelta(hours=hours)
    target = into + remaining
    # The working day holding the target, and how far into it (the end of a day, not the next
    # opening, when more than zero hours end exactly at a day's end).
    if remaining > timedelta():
        days_on = (target - timedelta(microseconds=1)) // per_day
    else:
        days_on = target // per_day
    left = target - days_on * per_day
    ordinal = before + days_on + 1
    if ordinal > span.ordinal(horizon):
        raise ValueError("the working calendar has no business hours")
    day = span.nth(ordinal)
    assert day is not None  # the span reaches the horizon, which holds that many working days
    for begins, ends in periods:
        length = _length(begins, ends)
        if left < length or (remaining > timedelta() and left == length):
            return Due(datetime.combine(day, begins) + left, span.unconfirmed_in(first, day) > 0)
        left -= length
    raise AssertionError("a working day holds its business hours")  # pragma: no cover


def same_working_day(calendar: WorkingCalendar, start: datetime) -> Due:
    """Close of business of the intake day; of the next working day when received off hours."""
    index = calendar.index
    day = start.date()
    if not index.is_working(day) or start.time() >= calendar.office_closes:
        day = index.after(day, 1)
    unconfirmed = index.span(start.date(), day).unconfirmed_in(start.date(), day) > 0
    return Due(datetime.combine(day, calendar.office_closes), unconfirmed)


def add_duration(calendar: WorkingCalendar, start: datetime, amount: int, unit: DeadlineUnit) -> Due:
    if unit is DeadlineUnit.HOURS:
        return Due(start + timedelta(hours=amount), False)
    if unit is DeadlineUnit.CALENDAR_DAYS:
        return Due(datetime.combine(start.date() + timedelta(days=amount), calendar.office_closes), False)
    if unit is DeadlineUnit.WORKING_HOURS:
        return add_working_hours(calendar, start, amount)
    if unit is DeadlineUnit.SAME_WORKING_DAY:
        return same_working_day(calendar, start)  # the amount plays no part
    return add_working_days(calendar, start, amount)


@dataclass(frozen=True)
class SlaRule:
    """One row of the deadline policy. ``None`` in a condition means "any"."""

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
    channel: str | None = None  # a code of the branch's channel list
    customer_type: str | None = None  # a code of the branch's customer type list
    custom_key: str | None = None  # a custom intake field; the rule holds when its value equals custom_value
    custom_value: str | None = None
    step: str = CASE_STEP  # what it times: "case" or a DeadlineStep value

    @property
    def catch_all(self) -> bool:
        """Holds for every case: the rule that makes sure each case (step) gets a due time."""
        return (
            self.kind is None
            and self.category_code is None
            and self.min_severity is None
            and self.major is None
            and not self.severity_or_major
            and self.foreign is None
            and self.channel is None
            and self.customer_type is None
            and self.custom_key is None
        )


@dataclass(frozen=True)
class SlaFacts:
    kind: Kind
    category_path: tuple[str, ...]  # codes from the top of the tree down; () before triage
    severity: Severity | None
    major: bool
    foreign: bool
    channel: str | None = None
    customer_type: str | None = None
    custom_values: Mapping[str, Any] = field(default_factory=dict)


def custom_text(value: Any) -> str:
    """A custom field's stored value as a rule compares it: trimmed text, nothing is "", 5.0 is "5"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _matches(rule: SlaRule, facts: SlaFacts) -> bool:
    if rule.kind is not None and rule.kind != facts.kind:
        return False
    if rule.category_code is not None and rule.category_code not in facts.category_path:
        return False
    if rule.foreign is not None and rule.foreign != facts.foreign:
        return False
    if rule.channel is not None and rule.channel != facts.channel:
        return False
    if rule.customer_type is not None and rule.customer_type != facts.customer_type:
        return False
    if rule.custom_key is not None and custom_text(facts.custom_values.get(rule.custom_key)) != custom_text(
        rule.custom_value
    ):
        return False
    severe_enough = rule.min_severity is None or (
        facts.severity is not None and facts.severity.rank >= rule.min_severity.rank
    )
    if rule.severity_or_major:
        return severe_enough or facts.major
    if rule.major is not None and rule.major != facts.major:
        return False
    return severe_enough


def find_rule(rules: Sequence[SlaRule], facts: SlaFacts, step: str = CASE_STEP) -> SlaRule | None:
    """The rule timing ``step`` for these facts: lowest priority whose conditions hold."""
    for rule in sorted((r for r in rules if r.step == step), key=lambda r: r.priority):
        if _matches(rule, facts):
            return rule
    return None


def select_rule(rules: Sequence[SlaRule], facts: SlaFacts) -> SlaRule:
    rule = find_rule(rules, facts, CASE_STEP)
    if rule is None:
        raise LookupError("no SLA rule matches; the policy needs a catch-all rule")
    return rule


def case_due(
    calendar: WorkingCalendar, rules: Sequence[SlaRule], facts: SlaFacts, received_at: datetime
) -> tuple[Due, SlaRule]:
    rule = select_rule(rules, facts)
    return add_duration(calendar, received_at, rule.amount, rule.unit), rule


@dataclass(frozen=True)
class RuleDue:
    """A due time and the rule that produced it (None: no rule for the step, due with the case)."""

    due: Due
    rule: SlaRule | None
    capped: bool = False  # the rule gave a later time than the case deadline, which wins


def step_due(
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    facts: SlaFacts,
    step: DeadlineStep,
    start: datetime,
    case: Due,
) -> RuleDue:
    """When ``step`` falls due, counted from ``start``; ``case`` is the case deadline now in force."""
    rule = find_rule(rules, facts, step.value)
    if rule is None:
        return RuleDue(case, None)
    due = add_duration(calendar, start, rule.amount, rule.unit)
    if step is DeadlineStep.REPLY and due.at > case.at:
        return RuleDue(case, rule, capped=True)
    return RuleDue(due, rule)


@dataclass(frozen=True)
class Schedule:
    """Every due time of a case: the case deadline and each step's, with the rule behind each."""

    case: RuleDue
    steps: dict[DeadlineStep, RuleDue]

    @property
    def unconfirmed(self) -> bool:
        return self.case.due.unconfirmed or any(s.due.unconfirmed for s in self.steps.values())


def schedule(
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    facts: SlaFacts,
    received_at: datetime,
    assigned_at: datetime | None = None,
    replied_at: datetime | None = None,
) -> Schedule:
    """All due times of a case from its facts and times.

    Not yet assigned: counted as if assigned at intake. Not yet replied: the follow-up
    counts from the reply's due time (the latest the reply may come).
    """
    due, rule = case_due(calendar, rules, facts, received_at)

    def at(step: DeadlineStep, start: datetime) -> RuleDue:
        return step_due(calendar, rules, facts, step, start, due)

    reply = at(DeadlineStep.REPLY, received_at)
    assigned = assigned_at or received_at
    steps = {
        DeadlineStep.FIRST_CONTACT: at(DeadlineStep.FIRST_CONTACT, assigned),
        DeadlineStep.INVESTIGATION: at(DeadlineStep.INVESTIGATION, assigned),
        DeadlineStep.REPLY: reply,
        DeadlineStep.FOLLOW_UP: at(DeadlineStep.FOLLOW_UP, replied_at or reply.due.at),
    }
    return Schedule(RuleDue(due, rule), steps)


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
