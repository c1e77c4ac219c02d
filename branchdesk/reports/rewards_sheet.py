"""The monthly workbook's 奖罚 sheet (issue 14 part C): the records approved in the month and the totals
by department. Its figures come from ``read/rewards.approved_in`` (the database, no masking: only the
report roles export the workbook)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branchdesk.domain.rewards import RewardKind
from branchdesk.i18n import label
from branchdesk.read.rewards import MonthRewardRow
from branchdesk.reports.xlsx_style import DATETIME, MONEY, TITLE_FONT, fit_widths, header_row, print_setup

SHEET_NAME = "奖罚"
HEADINGS = [
    "记录编号",
    "核准时间",
    "客诉编号",
    "奖罚对象",
    "所属部门",
    "类别",
    "金额（元）",
    "绩效分",
    "处分",
]
TOTAL_HEADINGS = ["部门", "奖励件数", "奖励金额（元）", "处罚件数", "处罚金额（元）", "绩效分合计"]


def department_totals(rows: Sequence[MonthRewardRow]) -> list[tuple[str, int, int, int, int, int]]:
    """(department, rewards, reward fen, penalties, penalty fen, points) per department, by name."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        t = totals.setdefault(row.department_name, [0, 0, 0, 0, 0])
        offset = 0 if row.kind is RewardKind.REWARD else 2
        t[offset] += 1
        t[offset + 1] += row.amount_fen
        t[4] += row.points
    return [(name, *values) for name, values in sorted(totals.items())]  # type: ignore[misc]


def write_rewards_sheet(
    sheet: Any, rows: Sequence[MonthRewardRow], year: int, month: int, title: str | None = None
) -> None:
    """Fill ``sheet`` (``monthly_xlsx.Sheet``): the title, the records, then the totals by department;
    ``title`` names any other period (issue 15 part S: 「2026年第4季度」)."""
    from openpyxl.styles import Alignment

    sheet.cell(row=1, column=1, value=f"奖罚（{title or f'{year}年{month}月'}核准）").font = TITLE_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS))
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    header_row(sheet, 2, HEADINGS)
    widths: list[list[Any]] = [HEADINGS, TOTAL_HEADINGS]
    for r in rows:
        values: list[Any] = [
            r.id,
            r.decided_at,
            r.case_no,
            r.subject_name,
            r.department_name,
            label(r.kind, "zh_CN"),
            r.amount_fen / 100,
            r.points,
            r.measure,
        ]
        sheet.append(values, {1: DATETIME, 6: MONEY})
        widths.append([v if not hasattr(v, "strftime") else "2026-11-24 17:30" for v in values])
    # Rows by address come before appended ones (``monthly_xlsx.Sheet``): the totals follow as plain rows.
    sheet.append([])
    sheet.append(["按部门合计"])
    sheet.append(list(TOTAL_HEADINGS))
    for name, rewards, reward_fen, penalties, penalty_fen, points in department_totals(rows):
        values = [name, rewards, reward_fen / 100, penalties, penalty_fen / 100, points]
        sheet.append(values, {2: MONEY, 4: MONEY})
        widths.append(values)
    sheet.freeze_panes = "A3"
    fit_widths(sheet, widths)
    print_setup(sheet, "1:2")
