"""客诉案件统计表: the monthly figures (domain §9), computed from the database.

Definitions (each one place, used by the workbook and the tests):
- *received in the month*: registered cases (not drafts, not void) whose 受理时间 lies in the month;
- *closed in the month*: cases whose 结案时间 lies in the month;
- *on time*: the customer had the reply (or the case was closed) by the deadline in force;
- *working days to close*: working days from 受理 to 结案 by the branch calendar;
- *open at month end*: received by the end of the month and not closed by then.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import InstrumentedAttribute, Session

from branchdesk.config import BranchConfig
from branchdesk.domain.periods import Period
from branchdesk.domain.periods import month as month_period
from branchdesk.domain.text import mask_phone
from branchdesk.domain.vocab import (
    ESCALATION_REASON_LABELS,
    RESPONSIBILITY_LABELS,
    CloseKind,
    EscalationReason,
    Kind,
    Responsibility,
    Severity,
    Status,
)
from branchdesk.i18n import label as vocabulary_label
from branchdesk.i18n import render
from branchdesk.read.rewards import MonthRewardRow, approved_in  # issue 14 part C
from branchdesk.reports.capa_sheet import CapaFigures, capa_figures  # issue 14 part B
from branchdesk.reports.comparison_sheet import PeriodFigures, compared  # issue 15 part S
from branchdesk.reports.period_sheets import PeriodExtras, period_extras  # issue 15 part N
from branchdesk.storage.models import (
    Case,
    Department,
    Escalation,
    FollowUp,
    Investigation,
    Resolution,
    ResponsibilityShare,
    User,
)

NOT_COUNTED = (Status.DRAFT.value, Status.VOID.value)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


@dataclass
class ClosedRow:
    case_no: str
    received_at: datetime
    closed_at: datetime
    complainant: str
    phone_masked: str
    kind: str
    category: str
    severity: str
    department: str
    handler: str
    cause: str
    resolution: str
    amount_fen: int
    corrective: str
    responsibility: str
    shares: str
    satisfaction: int | None
    working_days: int
    on_time: bool
    close_kind: str


@dataclass
class OpenRow:
    case_no: str
    received_at: datetime
    complainant: str
    status: str
    department: str
    handler: str
    deadline_at: datetime | None
    overdue_working_days: int  # at month end; 0 when not overdue


@dataclass
class DepartmentRow:
    department: str
    cases: int = 0
    weighted: float = 0.0
    compensation_fen: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class FieldBreakdown:
    """Cases received in the month by one custom field's value (issue 12 "fields")."""

    key: str
    label: str
    kinds: list[str]  # the kinds' labels, the columns of ``rows``
    rows: list[tuple[str, int, list[int]]]  # value ("未填" when empty), cases, cases per kind


@dataclass
class MonthlyReport:
    year: int
    month: int
    branch: str
    received: int
    by_kind: dict[str, int]
    by_category_top: dict[str, int]
    by_category: dict[str, int]
    by_severity: dict[str, int]
    by_channel: dict[str, int]
    by_department: dict[str, int]
    major: int
    complaints_triaged: int
    complaints_valid: int
    closed: int
    closed_on_time: int
    closed_overdue: int
    average_working_days: float | None
    escalations: dict[str, int]
    follow_up_due: int
    followed_up: int
    average_satisfaction: float | None
    compensation_by_type: dict[str, int]
    departments: list[DepartmentRow]
    closed_rows: list[ClosedRow]
    open_rows: list[OpenRow]
    comparison: list[tuple[str, int, int, float | None]] = field(
        default_factory=list
    )  # label, recv, closed, rate
    trend: list[tuple[str, int, int]] = field(default_factory=list)  # "2026-10", received, closed
    breakdown: FieldBreakdown | None = None  # by one custom field's value, when asked (issue 12)
    # issue 14 part B: the CAPA sheet's figures (reports/capa_sheet.py, checked by tests/core/test_capa.py;
    # not part of the equality the old case walk ``tests/core/monthly_oracle.py`` is compared by)
    capa: CapaFigures | None = field(default=None, compare=False)
    rewards: list[MonthRewardRow] = field(default_factory=list)  # issue 14 part C: approved in the month
    # issue 15 part S: the period summarised (None: built before periods; read as the month)
    period: Period | None = field(default=None, compare=False)
    compared: list[PeriodFigures] = field(default_factory=list, compare=False)  # the 对比 sheet; not monthly
    # issue 15 part N: Pareto, groupable custom fields, on-time per step, valid rate vs target; not monthly
    extras: PeriodExtras | None = field(default=None, compare=False)

    @property
    def is_month(self) -> bool:
        return self.period is None or self.period.kind == "month"

    @property
    def title(self) -> str:
        """「2026年11月」, 「2026年第4季度」…: the period as the workbook's titles name it."""
        return render(self.period.label, "zh_CN") if self.period else f"{self.year}年{self.month}月"

    @property
    def word(self) -> str:
        """「月」 in the monthly workbook's 本月/月末, 「期」 for any other period (本期/期末)."""
        return "月" if self.is_month else "期"

    @property
    def valid_rate(self) -> float | None:
        return self.complaints_valid / self.complaints_triaged if self.complaints_triaged else None

    @property
    def on_time_rate(self) -> float | None:
        return self.closed_on_time / self.closed if self.closed else None

    @property
    def follow_up_rate(self) -> float | None:
        return self.followed_up / self.follow_up_due if self.follow_up_due else None


def on_time(case: Case) -> bool:
    """Replied (or, without a reply, closed) by the deadline in force."""
    if case.deadline_at is None:
        return True
    done = case.replied_at or case.closed_at
    return done is not None and done <= case.deadline_at


def received_count(session: Session, start: datetime, end: datetime) -> int:
    return (
        session.scalar(
            select(func.count(Case.id)).where(
                Case.received_at >= start, Case.received_at < end, Case.status.not_in(NOT_COUNTED)
            )
        )
        or 0
    )


def closed_cases(session: Session, start: datetime, end: datetime) -> list[Case]:
    return list(
        session.scalars(
            select(Case)
            .where(Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value)
            .order_by(Case.closed_at)
        )
    )


# The columns the closed cases' rows and figures read: a year's 60,000 cases as rows, not as objects
# (issue 15 part S: loading each case whole decoded its JSON columns and took half the year's build).
_CLOSED_COLUMNS = (
    Case.id,
    Case.case_no,
    Case.received_at,
    Case.closed_at,
    Case.replied_at,
    Case.deadline_at,
    Case.complainant_name,
    Case.phone_normalized,
    Case.kind,
    Case.category_id,
    Case.severity,
    Case.responsible_department_id,
    Case.handler_id,
    Case.close_kind,
)


def _closed_in(session: Session, start: datetime, end: datetime) -> list[Any]:
    """``closed_cases`` as rows of ``_CLOSED_COLUMNS``, in the same order."""
    return list(
        session.execute(
            select(*_CLOSED_COLUMNS)
            .where(Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value)
            .order_by(Case.closed_at)
        )
    )


def build_monthly(
    session: Session, config: BranchConfig, year: int, month: int, by_field: str | None = None
) -> MonthlyReport:
    """The month's figures; ``by_field`` a custom field key to break the received cases down by
    (None: the setting ``monthly_breakdown_field``; "": none). The monthly preset of ``build_summary``."""
    return build_summary(session, config, month_period(year, month), by_field)


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time.min), datetime.combine(period.end, time.min)


def build_summary(
    session: Session, config: BranchConfig, period: Period, by_field: str | None = None
) -> MonthlyReport:
    """The figures of any period (issue 15 part S): the one builder every summary uses."""
    start, end = _bounds(period)
    calendar = config.calendar
    names = {u.id: u.full_name for u in session.scalars(select(User))}
    departments = {d.id: d.name for d in session.scalars(select(Department))}
    # Every level's label from the top down (issue 12: up to three levels); grouped by the top one.
    categories = {cid: config.category_labels_path(cid) for cid in config.categories}

    def zh(value: Kind | Severity | CloseKind | Status) -> str:
        """A fixed code's name as this branch calls it (its label overrides), in Chinese."""
        return vocabulary_label(value, "zh_CN", config.label_overrides)

    in_month = (Case.received_at >= start, Case.received_at < end, Case.status.not_in(NOT_COUNTED))
    facets = (
        Case.kind,
        Case.category_id,
        Case.severity,
        Case.channel,
        Case.responsible_department_id,
        Case.is_major,
        Case.valid,
    )
    # One row per combination of the facets counted, not one object per case. Groups in the order of
    # their first case (受理时间, then id) so that each counter meets its values in the order a walk
    # over the cases would: equal counts keep that order in the workbook's sorted tables.
    groups = session.execute(
        select(*facets, func.count(Case.id), func.min(Case.received_at), func.min(Case.id))
        .where(*in_month)
        .group_by(*facets)
        .order_by(func.min(Case.received_at), func.min(Case.id))
    ).all()
    by_kind: Counter[str] = Counter()
    by_top: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    by_department: Counter[str] = Counter()
    received = major = complaints_triaged = complaints_valid = 0
    for kind, category_id, severity, channel, department_id, is_major, valid, count, _first, _id in groups:
        received += count
        by_kind[zh(Kind(kind))] += count
        by_top[categories[category_id][0] if category_id else "未分类"] += count
        by_category[" / ".join(dict.fromkeys(categories[category_id])) if category_id else "未分类"] += count
        by_severity[zh(Severity(severity)) if severity else "未定级"] += count
        by_channel[config.label("channel", channel) or "未填"] += count
        by_department[departments.get(department_id or -1, "未分派")] += count
        major += count if is_major else 0
        if kind == Kind.COMPLAINT.value and valid is not None:
            complaints_triaged += count
            complaints_valid += count if valid else 0

    closed = _closed_in(session, start, end)
    # A subquery, not a list of ids: a year's closed cases are more parameters than SQLite takes.
    closed_ids = (
        select(Case.id)
        .where(Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value)
        .scalar_subquery()
    )
    # Only the columns the rows read, as tuples (issue 16 "Reports"): the ORM objects and their
    # relationship loads took a third of the summary at 5,000 closed cases.
    investigations = {
        i.case_id: i
        for i in session.execute(
            select(
                Investigation.id,
                Investigation.case_id,
                Investigation.cause,
                Investigation.corrective_action,
                Investigation.preventive_action,
                Investigation.responsibility,
            ).where(Investigation.case_id.in_(closed_ids))
        )
    }
    shares_of: dict[int, list[tuple[int, int]]] = {}
    for investigation_id, department_id, percent in session.execute(
        select(
            ResponsibilityShare.investigation_id,
            ResponsibilityShare.department_id,
            ResponsibilityShare.percent,
        )
        .join(Investigation, Investigation.id == ResponsibilityShare.investigation_id)
        .where(Investigation.case_id.in_(closed_ids))
        .order_by(ResponsibilityShare.id)  # the relationship's order
    ):
        shares_of.setdefault(investigation_id, []).append((department_id, percent))
    approved = {
        r.case_id: r
        for r in session.execute(
            select(Resolution.case_id, Resolution.resolution_type, Resolution.amount_fen)
            .where(Resolution.case_id.in_(closed_ids), Resolution.status == "approved")
            .order_by(Resolution.id)
        )
    }
    follow_ups: dict[int, int] = {  # case id → satisfaction of its last follow-up
        case_id: satisfaction
        for case_id, satisfaction in session.execute(
            select(FollowUp.case_id, FollowUp.satisfaction)
            .where(FollowUp.case_id.in_(closed_ids))
            .order_by(FollowUp.id)
        )
    }

    closed_rows: list[ClosedRow] = []
    department_rows: dict[str, DepartmentRow] = {}
    compensation: Counter[str] = Counter()
    days_used: list[int] = []
    for case in closed:
        assert case.closed_at is not None
        inquiry = investigations.get(case.id)
        measures = (inquiry.corrective_action, inquiry.preventive_action) if inquiry else ()
        responsibility = RESPONSIBILITY_LABELS[Responsibility(inquiry.responsibility)] if inquiry else ""
        resolution = approved.get(case.id)
        amount = resolution.amount_fen if resolution else 0
        if resolution is not None and amount:
            compensation[config.label("resolution_type", resolution.resolution_type)] += amount
        used = max(calendar.working_days_between(case.received_at.date(), case.closed_at.date()), 0)
        days_used.append(used)
        timely = on_time(case)
        shares = [(departments.get(d, ""), p) for d, p in (shares_of.get(inquiry.id, []) if inquiry else [])]
        for name, percent in shares:
            row = department_rows.setdefault(name, DepartmentRow(name))
            row.cases += 1
            row.weighted += percent / 100
            row.compensation_fen += amount * percent // 100
            row.overdue += 0 if timely else 1
        category = categories.get(case.category_id or -1)
        closed_rows.append(
            ClosedRow(
                case_no=case.case_no,
                received_at=case.received_at,
                closed_at=case.closed_at,
                complainant=case.complainant_name,
                phone_masked=mask_phone(case.phone_normalized),
                kind=zh(Kind(case.kind)),
                category=" / ".join(dict.fromkeys(category)) if category else "",
                severity=zh(Severity(case.severity)) if case.severity else "",
                department=departments.get(case.responsible_department_id or -1, ""),
                handler=names.get(case.handler_id or -1, ""),
                cause=inquiry.cause if inquiry else "",
                resolution=config.label("resolution_type", resolution.resolution_type) if resolution else "",
                amount_fen=amount,
                corrective="；".join(x for x in measures if x),
                responsibility=responsibility,
                shares="、".join(f"{name} {pct}%" for name, pct in shares),
                satisfaction=follow_ups.get(case.id),
                working_days=used,
                on_time=timely,
                close_kind=zh(CloseKind(case.close_kind)) if case.close_kind else "",
            )
        )

    needs_follow_up = [c for c in closed if c.close_kind == CloseKind.RESOLVED.value]
    followed = [c for c in needs_follow_up if c.id in follow_ups]
    month_follow_ups = list(
        session.scalars(
            select(FollowUp.satisfaction).where(FollowUp.visited_at >= start, FollowUp.visited_at < end)
        )
    )
    escalations = Counter(
        ESCALATION_REASON_LABELS[EscalationReason(reason)]
        for reason in session.scalars(
            select(Escalation.reason).where(Escalation.at >= start, Escalation.at < end)
        )
    )

    month_end = end - timedelta(seconds=1)
    open_cases = session.execute(
        select(
            Case.case_no,
            Case.received_at,
            Case.complainant_name,
            Case.status,
            Case.closed_at,
            Case.replied_at,
            Case.deadline_at,
            Case.responsible_department_id,
            Case.handler_id,
        )
        .where(
            Case.received_at < end,
            Case.status.not_in(NOT_COUNTED),
            (Case.closed_at.is_(None)) | (Case.closed_at >= end),
        )
        .order_by(Case.received_at, Case.id)  # the id breaks ties: PostgreSQL keeps no order of its own
        # Streamed, as tuples of the columns a row shows: on a large branch the open cases are tens of
        # thousands; each becomes a row and goes.
        .execution_options(yield_per=2000)
    )
    open_rows = []
    word = "月" if period.kind == "month" else "期"
    for case in open_cases:
        late = 0
        if (
            case.deadline_at is not None
            and case.deadline_at < month_end
            and (case.replied_at is None or case.replied_at > case.deadline_at)
        ):
            late = max(calendar.working_days_between(case.deadline_at.date(), month_end.date()), 1)
        open_rows.append(
            OpenRow(
                case_no=case.case_no,
                received_at=case.received_at,
                complainant=case.complainant_name,
                status=zh(Status(case.status)) if case.closed_at is None else f"（{word}末未结）",
                department=departments.get(case.responsible_department_id or -1, ""),
                handler=names.get(case.handler_id or -1, ""),
                deadline_at=case.deadline_at,
                overdue_working_days=late,
            )
        )

    report = MonthlyReport(
        year=period.year,
        month=period.number if period.kind == "month" else 0,
        branch=config.branch_name,
        received=received,
        by_kind=dict(by_kind),
        by_category_top=dict(by_top),
        by_category=dict(by_category),
        by_severity=dict(by_severity),
        by_channel=dict(by_channel),
        by_department=dict(by_department),
        major=major,
        complaints_triaged=complaints_triaged,
        complaints_valid=complaints_valid,
        closed=len(closed),
        closed_on_time=sum(1 for r in closed_rows if r.on_time),
        closed_overdue=sum(1 for r in closed_rows if not r.on_time),
        average_working_days=sum(days_used) / len(days_used) if days_used else None,
        escalations=dict(escalations),
        follow_up_due=len(needs_follow_up),
        followed_up=len(followed),
        average_satisfaction=(sum(month_follow_ups) / len(month_follow_ups) if month_follow_ups else None),
        compensation_by_type=dict(compensation),
        departments=sorted(department_rows.values(), key=lambda r: -r.weighted),
        closed_rows=closed_rows,
        open_rows=open_rows,
    )
    report.period = period
    report.comparison = _comparison(session, period, report)
    report.trend = _trend(session, period)
    report.capa = capa_figures(session, start, end)  # issue 14 part B
    key = config.setting("monthly_breakdown_field") if by_field is None else by_field
    if key:
        # Only the two columns it needs, streamed: the month's cases are never loaded as objects.
        values = session.execute(
            select(Case.kind, Case.custom_values).where(*in_month).execution_options(yield_per=2000)
        )
        report.breakdown = field_breakdown(session, config, str(key), values)
    report.rewards = approved_in(session, start, end)  # issue 14 part C: the 奖罚 sheet
    if period.kind != "month":  # issue 15 part S: the monthly workbook keeps its sheets
        report.compared = compared(session, period)
        counted = (report.by_category, report.complaints_triaged, report.complaints_valid)
        report.extras = period_extras(session, config, start, end, counted)  # issue 15 part N
    return report


NO_VALUE = "未填"


class _KindAndValues(Protocol):
    """A case as the breakdown reads it (a ``Case`` or a row of those two columns)."""

    @property
    def kind(self) -> str: ...

    @property
    def custom_values(self) -> dict[str, Any] | None: ...


def field_breakdown(
    session: Session, config: BranchConfig, key: str, cases: Iterable[_KindAndValues]
) -> FieldBreakdown:
    """Counts per value of custom field ``key`` (most cases first, "未填" last), and per kind."""
    from branchdesk.domain.intake import custom_text
    from branchdesk.storage.models import CustomField

    label = next((d.label for d in config.custom_fields if d.key == key), None)
    if label is None:  # a deactivated field: its label from its row
        row = session.scalars(select(CustomField).where(CustomField.key == key)).first()
        label = row.label if row else key
    counts: dict[str, Counter[str]] = {}
    seen: set[str] = set()
    for item in cases:
        value = custom_text((item.custom_values or {}).get(key)) or NO_VALUE
        counts.setdefault(value, Counter())[item.kind] += 1
        seen.add(item.kind)
    kinds = [k for k in Kind if k.value in seen]
    order = sorted(counts, key=lambda v: (v == NO_VALUE, -sum(counts[v].values()), v))
    return FieldBreakdown(
        key=key,
        label=label,
        kinds=[vocabulary_label(k, "zh_CN", config.label_overrides) for k in kinds],
        rows=[(v, sum(counts[v].values()), [counts[v][k.value] for k in kinds]) for v in order],
    )


def _on_time_sql() -> ColumnElement[int]:
    """``on_time`` in SQL: 1 when replied (or, without a reply, closed) by the deadline in force."""
    done = func.coalesce(Case.replied_at, Case.closed_at)
    return sql_case((Case.deadline_at.is_(None), 1), (done <= Case.deadline_at, 1), else_=0)


def _rate(session: Session, start: datetime, end: datetime) -> tuple[int, float | None]:
    closed, timely = session.execute(
        select(func.count(Case.id), func.sum(_on_time_sql())).where(
            Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value
        )
    ).one()
    return closed, (int(timely) / closed if closed else None)


def _comparison(
    session: Session, period: Period, report: MonthlyReport
) -> list[tuple[str, int, int, float | None]]:
    """This period, the one before it and the same one last year: counts in SQL."""
    w = report.word
    rows = [(f"本{w}", report.received, report.closed, report.on_time_rate)]
    for label, other in ((f"上{w}", period.previous()), (f"去年同{w}", period.last_year())):
        start, end = _bounds(other)
        closed, rate = _rate(session, start, end)
        rows.append((f"{label}（{other.key}）", received_count(session, start, end), closed, rate))
    return rows


def _per_month(
    session: Session,
    column: InstrumentedAttribute[Any],
    months: Sequence[tuple[datetime, datetime]],
    *conditions: ColumnElement[bool],
) -> list[int]:
    """Cases whose ``column`` falls in each of ``months``: one indexed range, one row of sums."""
    sums = [func.sum(sql_case((and_(column >= s, column < e), 1), else_=0)) for s, e in months]
    row = session.execute(
        select(*sums).where(column >= months[0][0], column < months[-1][1], *conditions)
    ).one()
    return [int(n or 0) for n in row]


def _trend(session: Session, period: Period) -> list[tuple[str, int, int]]:
    """Received and closed per point of ``period.sub_units()`` (a month: the 12 months up to it)."""
    points = period.sub_units()
    bounds = [_bounds(p) for p in points]
    received = _per_month(session, Case.received_at, bounds, Case.status.not_in(NOT_COUNTED))
    closed = _per_month(session, Case.closed_at, bounds, Case.status == Status.CLOSED.value)
    return [(p.key, r, c) for p, r, c in zip(points, received, closed, strict=True)]
