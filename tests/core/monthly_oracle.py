"""The monthly summary as built before issue 16 (case objects loaded per month), kept as the test
oracle for ``branchdesk.reports.monthly``; the report dataclasses are the app's own.

Originally: 客诉案件统计表: the monthly figures (domain §9), computed from the database.

Definitions (each one place, used by the workbook and the tests):
- *received in the month*: registered cases (not drafts, not void) whose 受理时间 lies in the month;
- *closed in the month*: cases whose 结案时间 lies in the month;
- *on time*: the customer had the reply (or the case was closed) by the deadline in force;
- *working days to close*: working days from 受理 to 结案 by the branch calendar;
- *open at month end*: received by the end of the month and not closed by then.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
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
from branchdesk.reports.monthly import (
    NOT_COUNTED,
    ClosedRow,
    DepartmentRow,
    FieldBreakdown,
    MonthlyReport,
    OpenRow,
    month_bounds,
    previous_month,
)
from branchdesk.storage.models import (
    Case,
    Department,
    Escalation,
    FollowUp,
    Investigation,
    Resolution,
    User,
)


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


def build_monthly(
    session: Session, config: BranchConfig, year: int, month: int, by_field: str | None = None
) -> MonthlyReport:
    """The month's figures; ``by_field`` a custom field key to break the received cases down by
    (None: the setting ``monthly_breakdown_field``; "": none)."""
    start, end = month_bounds(year, month)
    calendar = config.calendar
    names = {u.id: u.full_name for u in session.scalars(select(User))}
    departments = {d.id: d.name for d in session.scalars(select(Department))}
    # Every level's label from the top down (issue 12: up to three levels); grouped by the top one.
    categories = {cid: config.category_labels_path(cid) for cid in config.categories}

    def zh(value: Kind | Severity | CloseKind | Status) -> str:
        """A fixed code's name as this branch calls it (its label overrides), in Chinese."""
        return vocabulary_label(value, "zh_CN", config.label_overrides)

    received = list(
        session.scalars(
            select(Case)
            .where(Case.received_at >= start, Case.received_at < end, Case.status.not_in(NOT_COUNTED))
            .order_by(Case.received_at, Case.id)  # the order SQLite's index walk gave, made explicit
        )
    )
    by_kind = Counter(zh(Kind(c.kind)) for c in received)
    by_top = Counter(categories[c.category_id][0] if c.category_id else "未分类" for c in received)
    by_category = Counter(
        " / ".join(dict.fromkeys(categories[c.category_id])) if c.category_id else "未分类" for c in received
    )
    by_severity = Counter(zh(Severity(c.severity)) if c.severity else "未定级" for c in received)
    by_channel = Counter(config.label("channel", c.channel) or "未填" for c in received)
    by_department = Counter(departments.get(c.responsible_department_id or -1, "未分派") for c in received)
    complaints = [c for c in received if c.kind == Kind.COMPLAINT.value and c.valid is not None]

    closed = closed_cases(session, start, end)
    closed_ids = [c.id for c in closed]
    investigations = {
        i.case_id: i
        for i in session.scalars(select(Investigation).where(Investigation.case_id.in_(closed_ids)))
    }
    approved = {
        r.case_id: r
        for r in session.scalars(
            select(Resolution)
            .where(Resolution.case_id.in_(closed_ids), Resolution.status == "approved")
            .order_by(Resolution.id)
        )
    }
    follow_ups: dict[int, FollowUp] = {
        f.case_id: f
        for f in session.scalars(
            select(FollowUp).where(FollowUp.case_id.in_(closed_ids)).order_by(FollowUp.id)
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
        shares = [
            (departments.get(s.department_id, ""), s.percent) for s in (inquiry.shares if inquiry else [])
        ]
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
                satisfaction=follow_ups[case.id].satisfaction if case.id in follow_ups else None,
                working_days=used,
                on_time=timely,
                close_kind=zh(CloseKind(case.close_kind)) if case.close_kind else "",
            )
        )

    needs_follow_up = [c for c in closed if c.close_kind == CloseKind.RESOLVED.value]
    followed = [c for c in needs_follow_up if c.id in follow_ups]
    month_follow_ups = list(
        session.scalars(select(FollowUp).where(FollowUp.visited_at >= start, FollowUp.visited_at < end))
    )
    escalations = Counter(
        ESCALATION_REASON_LABELS[EscalationReason(e.reason)]
        for e in session.scalars(select(Escalation).where(Escalation.at >= start, Escalation.at < end))
    )

    month_end = end - timedelta(seconds=1)
    open_cases = session.scalars(
        select(Case)
        .where(
            Case.received_at < end,
            Case.status.not_in(NOT_COUNTED),
            (Case.closed_at.is_(None)) | (Case.closed_at >= end),
        )
        .order_by(Case.received_at)
    )
    open_rows = []
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
                status=zh(Status(case.status)) if case.closed_at is None else "（月末未结）",
                department=departments.get(case.responsible_department_id or -1, ""),
                handler=names.get(case.handler_id or -1, ""),
                deadline_at=case.deadline_at,
                overdue_working_days=late,
            )
        )

    report = MonthlyReport(
        year=year,
        month=month,
        branch=config.branch_name,
        received=len(received),
        by_kind=dict(by_kind),
        by_category_top=dict(by_top),
        by_category=dict(by_category),
        by_severity=dict(by_severity),
        by_channel=dict(by_channel),
        by_department=dict(by_department),
        major=sum(1 for c in received if c.is_major),
        complaints_triaged=len(complaints),
        complaints_valid=sum(1 for c in complaints if c.valid),
        closed=len(closed),
        closed_on_time=sum(1 for r in closed_rows if r.on_time),
        closed_overdue=sum(1 for r in closed_rows if not r.on_time),
        average_working_days=sum(days_used) / len(days_used) if days_used else None,
        escalations=dict(escalations),
        follow_up_due=len(needs_follow_up),
        followed_up=len(followed),
        average_satisfaction=(
            sum(f.satisfaction for f in month_follow_ups) / len(month_follow_ups)
            if month_follow_ups
            else None
        ),
        compensation_by_type=dict(compensation),
        departments=sorted(department_rows.values(), key=lambda r: -r.weighted),
        closed_rows=closed_rows,
        open_rows=open_rows,
    )
    report.comparison = _comparison(session, year, month, report)
    report.trend = _trend(session, year, month)
    key = config.setting("monthly_breakdown_field") if by_field is None else by_field
    if key:
        report.breakdown = field_breakdown(session, config, str(key), received)
    return report


NO_VALUE = "未填"


def field_breakdown(session: Session, config: BranchConfig, key: str, cases: list[Case]) -> FieldBreakdown:
    """Counts per value of custom field ``key`` (most cases first, "未填" last), and per kind."""
    from branchdesk.domain.intake import custom_text
    from branchdesk.storage.models import CustomField

    label = next((d.label for d in config.custom_fields if d.key == key), None)
    if label is None:  # a deactivated field: its label from its row
        row = session.scalars(select(CustomField).where(CustomField.key == key)).first()
        label = row.label if row else key
    kinds = [k for k in Kind if any(c.kind == k.value for c in cases)]
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        value = custom_text((case.custom_values or {}).get(key)) or NO_VALUE
        counts.setdefault(value, Counter())[case.kind] += 1
    order = sorted(counts, key=lambda v: (v == NO_VALUE, -sum(counts[v].values()), v))
    return FieldBreakdown(
        key=key,
        label=label,
        kinds=[vocabulary_label(k, "zh_CN", config.label_overrides) for k in kinds],
        rows=[(v, sum(counts[v].values()), [counts[v][k.value] for k in kinds]) for v in order],
    )


def _rate(session: Session, start: datetime, end: datetime) -> tuple[int, float | None]:
    cases = closed_cases(session, start, end)
    return len(cases), (sum(1 for c in cases if on_time(c)) / len(cases) if cases else None)


def _comparison(
    session: Session, year: int, month: int, report: MonthlyReport
) -> list[tuple[str, int, int, float | None]]:
    rows = [("本月", report.received, report.closed, report.on_time_rate)]
    for label, (y, m) in (("上月", previous_month(year, month)), ("去年同月", (year - 1, month))):
        start, end = month_bounds(y, m)
        closed, rate = _rate(session, start, end)
        rows.append((f"{label}（{y}-{m:02d}）", received_count(session, start, end), closed, rate))
    return rows


def _trend(session: Session, year: int, month: int) -> list[tuple[str, int, int]]:
    months = []
    y, m = year, month
    for _ in range(12):
        months.append((y, m))
        y, m = previous_month(y, m)
    rows = []
    for y, m in reversed(months):
        start, end = month_bounds(y, m)
        rows.append(
            (f"{y}-{m:02d}", received_count(session, start, end), len(closed_cases(session, start, end)))
        )
    return rows
