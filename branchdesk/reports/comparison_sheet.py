"""The 对比 sheet of a period's summary (issue 15 part S): this period, the one before it and the same
period last year side by side, each figure one aggregate in SQL.

Definitions (as the summary's): *received* registered cases (not drafts, not void) whose 受理时间 lies in
the period; *repeat rate* those marked repeat among them; *escalation rate* cases escalated in the
period (distinct) per case received; *valid rate* valid among the triaged complaints received; *closed*
and *on time* as ``monthly.on_time``; *satisfaction* the mean of the follow-ups made in the period.
The monthly workbook keeps its sheets (its comparison is the 汇总's 对比 table); other periods add this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from branchdesk.domain.periods import Period
from branchdesk.domain.vocab import Kind, Status
from branchdesk.storage.models import Case, Escalation, FollowUp

SHEET_NAME = "对比"


@dataclass(frozen=True)
class PeriodFigures:
    label: str  # 本期 / 上期（2026-Q3） / 去年同期（2025-Q4）
    received: int
    major: int
    repeat: int
    escalated: int
    triaged: int
    valid: int
    closed: int
    on_time: int
    satisfaction: float | None

    def rate(self, part: int, whole: int) -> float | None:
        return part / whole if whole else None


def period_figures(session: Session, period: Period, label: str) -> PeriodFigures:
    """Four aggregate queries over indexed date ranges; no case loaded."""
    from branchdesk.reports.monthly import NOT_COUNTED, _on_time_sql

    start, end = (datetime.combine(d, time.min) for d in (period.start, period.end))
    complaint = Case.kind == Kind.COMPLAINT.value
    received, major, repeat, triaged, valid = session.execute(
        select(
            func.count(Case.id),
            func.sum(sql_case((Case.is_major, 1), else_=0)),
            func.sum(sql_case((Case.is_repeat, 1), else_=0)),
            func.sum(sql_case((complaint & Case.valid.is_not(None), 1), else_=0)),
            func.sum(sql_case((complaint & Case.valid.is_(True), 1), else_=0)),
        ).where(Case.received_at >= start, Case.received_at < end, Case.status.not_in(NOT_COUNTED))
    ).one()
    closed, timely = session.execute(
        select(func.count(Case.id), func.sum(_on_time_sql())).where(
            Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value
        )
    ).one()
    escalations = func.count(func.distinct(Escalation.case_id))
    escalated = session.scalar(select(escalations).where(Escalation.at >= start, Escalation.at < end))
    satisfaction = session.scalar(
        select(func.avg(FollowUp.satisfaction)).where(FollowUp.visited_at >= start, FollowUp.visited_at < end)
    )
    return PeriodFigures(
        label=label,
        received=int(received or 0),
        major=int(major or 0),
        repeat=int(repeat or 0),
        escalated=int(escalated or 0),
        triaged=int(triaged or 0),
        valid=int(valid or 0),
        closed=int(closed or 0),
        on_time=int(timely or 0),
        satisfaction=float(satisfaction) if satisfaction is not None else None,
    )


def compared(session: Session, period: Period) -> list[PeriodFigures]:
    return [
        period_figures(session, period, "本期"),
        period_figures(session, period.previous(), f"上期（{period.previous().key}）"),
        period_figures(session, period.last_year(), f"去年同期（{period.last_year().key}）"),
    ]


ROWS: list[tuple[str, str]] = [  # label, how the value is read from PeriodFigures ("rate:a/b")
    ("受理", "received"),
    ("其中重大投诉", "major"),
    ("结案", "closed"),
    ("按时结案率", "rate:on_time/closed"),
    ("有效投诉率", "rate:valid/triaged"),
    ("重复投诉率", "rate:repeat/received"),
    ("升级率", "rate:escalated/received"),
    ("平均满意度（1–5）", "satisfaction"),
]


def value_of(figures: PeriodFigures, how: str) -> Any:
    if how.startswith("rate:"):
        part, whole = how[5:].split("/")
        return figures.rate(getattr(figures, part), getattr(figures, whole))
    value = getattr(figures, how)
    return round(value, 2) if isinstance(value, float) else value


def write_comparison_sheet(workbook: Any, report: Any) -> None:
    """After the other sheets, for any period but a month (``report.compared`` empty: no sheet)."""
    from branchdesk.reports.monthly_xlsx import Sheet, _title
    from branchdesk.reports.xlsx_style import PERCENT, fit_widths, header_row, print_setup

    figures: list[PeriodFigures] = report.compared
    if not figures:
        return
    sheet = Sheet(workbook.create_sheet(SHEET_NAME))
    headings = ["指标", *(f.label for f in figures)]
    _title(sheet, f"{report.branch} 对比（{report.title}）", len(headings))
    header_row(sheet, 2, headings)
    widths: list[list[Any]] = [headings]
    for offset, (label, how) in enumerate(ROWS, start=3):
        sheet.cell(row=offset, column=1, value=label)
        values = [value_of(f, how) for f in figures]
        for column, value in enumerate(values, start=2):
            cell = sheet.cell(row=offset, column=column, value=value if value is not None else "—")
            if how.startswith("rate:"):
                cell.number_format = PERCENT
        widths.append([label, *values])
    fit_widths(sheet, widths, minimum=12)
    print_setup(sheet)
    sheet.flush()
