"""The monthly workbook's CAPA sheet (issue 14 part B): the figures in SQL and the sheet that shows them.

Definitions (one place, used by the workbook and the tests), by the item's department:
- *opened*: items created in the month;
- *closed*: verifications made in the month, effective or not (an item verified not effective, reopened
  and verified again in the month counts twice: two rounds closed);
- *effective*: those of them verified effective; *effective rate* = effective / closed;
- *overdue at month end*: items created by the month's end, due before it ended and not done by then
  (an item reopened since counts with its new due date: the item keeps its current due date only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from branchdesk.domain.capa import CapaStatus, effective_rate
from branchdesk.storage.models import CapaItem, CapaVerification, Department

SHEET_NAME = "纠正预防措施"
HEADINGS = ["责任部门", "本月新增", "本月验证", "其中有效", "有效率", "月末逾期"]


@dataclass(frozen=True)
class CapaDepartmentRow:
    department: str
    opened: int
    closed: int
    effective: int
    overdue: int

    @property
    def effective_rate(self) -> float | None:
        return effective_rate(self.effective, self.closed)


@dataclass(frozen=True)
class CapaFigures:
    rows: list[CapaDepartmentRow] = field(default_factory=list)

    @property
    def total(self) -> CapaDepartmentRow:
        return CapaDepartmentRow(
            "合计",
            sum(r.opened for r in self.rows),
            sum(r.closed for r in self.rows),
            sum(r.effective for r in self.rows),
            sum(r.overdue for r in self.rows),
        )


def capa_figures(session: Session, start: datetime, end: datetime) -> CapaFigures:
    """The month ``[start, end)``'s figures by department: three GROUP BYs, nothing loaded as objects."""
    opened = dict(
        session.execute(
            select(CapaItem.department_id, func.count(CapaItem.id))
            .where(CapaItem.created_at >= start, CapaItem.created_at < end)
            .group_by(CapaItem.department_id)
        ).all()
    )
    verified: dict[int, tuple[int, int]] = {
        dept: (int(closed), int(effective or 0))
        for dept, closed, effective in session.execute(
            select(
                CapaItem.department_id,
                func.count(CapaVerification.id),
                func.sum(sql_case((CapaVerification.verdict == CapaStatus.VERIFIED.value, 1), else_=0)),
            )
            .join(CapaItem, CapaItem.id == CapaVerification.item_id)
            .where(CapaVerification.at >= start, CapaVerification.at < end)
            .group_by(CapaItem.department_id)
        ).all()
    }
    overdue = dict(
        session.execute(
            select(CapaItem.department_id, func.count(CapaItem.id))
            .where(
                CapaItem.created_at < end,
                CapaItem.due_date < end.date(),
                or_(CapaItem.done_at.is_(None), CapaItem.done_at >= end),
            )
            .group_by(CapaItem.department_id)
        ).all()
    )
    ids = set(opened) | set(verified) | set(overdue)
    names = dict(session.execute(select(Department.id, Department.name).where(Department.id.in_(ids))).all())
    rows = [
        CapaDepartmentRow(
            names.get(dept, str(dept)),
            int(opened.get(dept, 0)),
            verified.get(dept, (0, 0))[0],
            verified.get(dept, (0, 0))[1],
            int(overdue.get(dept, 0)),
        )
        for dept in sorted(ids)
    ]
    return CapaFigures(rows)


def write_capa_sheet(workbook: Any, report: Any) -> None:
    """The sheet in the monthly workbook (``report.capa``: ``CapaFigures``; none: no sheet)."""
    figures: CapaFigures | None = getattr(report, "capa", None)
    if figures is None:
        return
    from branchdesk.reports.monthly_xlsx import Sheet, _finish_table, _title  # openpyxl: only when writing
    from branchdesk.reports.xlsx_style import PERCENT, header_row

    sheet = Sheet(workbook.create_sheet(SHEET_NAME))
    _title(sheet, f"{report.branch} 纠正预防措施（{report.title}）", len(HEADINGS))
    header_row(sheet, 2, HEADINGS)
    rows: list[list[Any]] = [HEADINGS]
    for r in [*figures.rows, figures.total]:
        rate = r.effective_rate
        values: list[Any] = [
            r.department,
            r.opened,
            r.closed,
            r.effective,
            "—" if rate is None else rate,
            r.overdue,
        ]
        sheet.append(values, {4: PERCENT} if rate is not None else None)
        rows.append(values)
    _finish_table(sheet, rows, len(HEADINGS))
    sheet.flush()


__all__ = ["HEADINGS", "SHEET_NAME", "CapaDepartmentRow", "CapaFigures", "capa_figures", "write_capa_sheet"]
