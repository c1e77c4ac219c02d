"""The monthly summary workbook (客诉案件统计表): 汇总, 结案明细, 责任归属, 未结案件, with charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from branchdesk.reports.monthly import MonthlyReport
from branchdesk.reports.xlsx_style import (
    DATETIME,
    MONEY,
    PERCENT,
    TITLE_FONT,
    anchor_line,
    fit_widths,
    header_row,
    print_setup,
    stamp_anchor,
)


class Sheet:
    """A write-only sheet that still takes cells by (row, column): kept until ``flush`` writes the
    rows in order (issue 16 "perf": write-only mode streams each row to the file instead of holding
    a cell object per value; the summary is small, the detail sheets append row by row)."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.title = sheet.title
        self.column_dimensions = sheet.column_dimensions
        self.page_setup = sheet.page_setup
        self.sheet_properties = sheet.sheet_properties
        self.print_options = sheet.print_options
        self.auto_filter = sheet.auto_filter
        self.PAPERSIZE_A4 = "9"
        self._cells: dict[int, dict[int, WriteOnlyCell]] = {}
        self._tail: list[list[Any]] = []  # rows appended after the cells placed by address
        self.max_row = 0

    def cell(self, row: int, column: int, value: Any = None) -> WriteOnlyCell:
        assert not self._tail, "cells by address come before the appended rows"
        cells = self._cells.setdefault(row, {})
        if column not in cells:
            cells[column] = WriteOnlyCell(self.sheet, value=value)
        elif value is not None:
            cells[column].value = value
        self.max_row = max(self.max_row, row)
        return cells[column]

    def append(self, values: list[Any], formats: dict[int, str] | None = None) -> None:
        """A row after the last, kept as plain values (a cell object only where ``formats``, column
        index 0-based → number format, asks for one)."""
        row = list(values)
        for index, number_format in (formats or {}).items():
            cell = WriteOnlyCell(self.sheet, value=row[index])
            cell.number_format = number_format
            row[index] = cell
        self._tail.append(row)
        self.max_row += 1

    def merge_cells(self, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet.merged_cells.add(
            f"{get_column_letter(start_column)}{start_row}:{get_column_letter(end_column)}{end_row}"
        )

    @property
    def freeze_panes(self) -> str | None:
        return str(self.sheet.freeze_panes) if self.sheet.freeze_panes else None

    @freeze_panes.setter
    def freeze_panes(self, value: str) -> None:
        self.sheet.freeze_panes = value

    @property
    def print_title_rows(self) -> str | None:
        return str(self.sheet.print_title_rows) if self.sheet.print_title_rows else None

    @print_title_rows.setter
    def print_title_rows(self, value: str) -> None:
        self.sheet.print_title_rows = value

    def add_chart(self, chart: Any, anchor: str) -> None:
        self.sheet.add_chart(chart, anchor)

    def flush(self) -> None:
        """Write the rows in order (widths, panes and print settings are set by now)."""
        for row in range(1, self.max_row - len(self._tail) + 1):
            cells = self._cells.pop(row, {})
            self.sheet.append([cells.get(c) for c in range(1, max(cells, default=0) + 1)])
        for values in self._tail:
            self.sheet.append(values)
        self._tail.clear()


def write_monthly(report: MonthlyReport, path: Path, *, anchor: str) -> Path:
    """The workbook; ``anchor`` (the chain head it was read at) under the title and in its properties."""
    workbook = Workbook(write_only=True)
    summary = Sheet(workbook.create_sheet("汇总"))
    _summary(summary, report)
    summary.cell(row=2, column=1, value=anchor_line(anchor))
    summary.flush()
    stamp_anchor(workbook, anchor)
    for name, fill in (("结案明细", _closed), ("责任归属", _departments), ("未结案件", _open)):
        sheet = Sheet(workbook.create_sheet(name))
        fill(sheet, report)
        sheet.flush()
    if report.breakdown is not None:  # issue 12 "fields": by one custom field's value
        sheet = Sheet(workbook.create_sheet(breakdown_sheet_name(report)))
        _breakdown(sheet, report)
        sheet.flush()
    from branchdesk.reports.capa_sheet import write_capa_sheet  # issue 14 part B: the CAPA sheet

    write_capa_sheet(workbook, report)
    write_rewards(workbook, report)  # issue 14 part C: the month's approved rewards and penalties
    from branchdesk.reports.comparison_sheet import write_comparison_sheet  # issue 15 part S: 对比

    write_comparison_sheet(workbook, report)
    from branchdesk.reports.period_sheets import write_period_sheets  # issue 15 part N: Pareto, fields, steps

    write_period_sheets(workbook, report)
    workbook.properties.title = f"客诉案件统计表 {report.title}"
    workbook.properties.creator = "BranchDesk 客诉台"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_rewards(workbook: Workbook, report: MonthlyReport) -> None:
    """issue 14 part C: the 奖罚 sheet (``reports/rewards_sheet.py``)."""
    from branchdesk.reports.rewards_sheet import SHEET_NAME, write_rewards_sheet

    sheet = Sheet(workbook.create_sheet(SHEET_NAME))
    write_rewards_sheet(sheet, report.rewards, report.year, report.month, title=report.title)
    sheet.flush()


def _trend_title(r: MonthlyReport) -> str:
    """The trend chart's title: by the points ``Period.sub_units`` gives (issue 15 part S)."""
    if r.is_month:
        return "近 12 个月受理与结案"
    assert r.period is not None
    return "近 12 周受理与结案" if r.period.kind == "week" else "本期各月受理与结案"


def _title(sheet: Sheet, text: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=text).font = TITLE_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")


def _summary(sheet: Sheet, r: MonthlyReport) -> None:
    _title(sheet, f"{r.branch} 客诉案件统计表（{r.title}）", 4)
    row = 3
    rows_for_width: list[list[Any]] = []
    w = r.word  # 本月/月末 in the monthly workbook, 本期/期末 for any other period (issue 15 part S)

    def table(title: str, items: list[tuple[str, Any]], fmt: str | None = None) -> tuple[int, int]:
        nonlocal row
        header_row(sheet, row, [title, "数值"])
        first = row + 1
        for label, value in items:
            row += 1
            sheet.cell(row=row, column=1, value=label)
            cell = sheet.cell(row=row, column=2, value=value)
            if fmt and isinstance(value, int | float):
                cell.number_format = fmt
            rows_for_width.append([label, value])
        row += 2
        return first, row - 2

    table(
        "总体",
        [
            (f"本{w}受理", r.received),
            ("其中重大投诉", r.major),
            (f"本{w}结案", r.closed),
            ("按时结案", r.closed_on_time),
            ("逾期结案", r.closed_overdue),
            (f"{w}末未结", len(r.open_rows)),
        ],
    )
    rates = [("有效投诉率", r.valid_rate), ("按时结案率", r.on_time_rate), ("回访率", r.follow_up_rate)]
    table("比率", [(k, v if v is not None else "—") for k, v in rates], PERCENT)
    table(
        "平均",
        [
            (
                "平均结案工作日",
                round(r.average_working_days, 1) if r.average_working_days is not None else "—",
            ),
            (
                "平均满意度（1–5）",
                round(r.average_satisfaction, 2) if r.average_satisfaction is not None else "—",
            ),
        ],
    )
    table("按性质", sorted(r.by_kind.items()))
    category_first, category_last = table(
        "按类别（第一级）", sorted(r.by_category_top.items(), key=lambda x: -x[1])
    )
    table("按类别（第二级）", sorted(r.by_category.items(), key=lambda x: -x[1]))
    table("按等级", sorted(r.by_severity.items()))
    table("按渠道", sorted(r.by_channel.items(), key=lambda x: -x[1]))
    table("按责任部门", sorted(r.by_department.items(), key=lambda x: -x[1]))
    table("升级（按原因）", sorted(r.escalations.items()) or [("无", 0)])
    table(
        "补偿金额（按处理方式，元）",
        [(k, v / 100) for k, v in sorted(r.compensation_by_type.items())] or [("无", 0)],
        MONEY,
    )

    header_row(sheet, row, ["对比", "受理", "结案", "按时结案率"])
    for label, received, closed, rate in r.comparison:
        row += 1
        sheet.cell(row=row, column=1, value=label)
        sheet.cell(row=row, column=2, value=received)
        sheet.cell(row=row, column=3, value=closed)
        cell = sheet.cell(row=row, column=4, value=rate if rate is not None else "—")
        cell.number_format = PERCENT
        rows_for_width.append([label, received, closed, "100.0%"])
    row += 2
    header_row(sheet, row, ["周" if r.period and r.period.kind == "week" else "月份", "受理", "结案"])
    trend_header = row
    for label, received, closed in r.trend:
        row += 1
        sheet.cell(row=row, column=1, value=label)
        sheet.cell(row=row, column=2, value=received)
        sheet.cell(row=row, column=3, value=closed)
    fit_widths(sheet, rows_for_width, minimum=10)
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 10, 26)

    trend = LineChart()
    trend.title = _trend_title(r)
    trend.y_axis.title = "件数"
    trend.add_data(
        Reference(sheet, min_col=2, max_col=3, min_row=trend_header, max_row=row), titles_from_data=True
    )
    trend.set_categories(Reference(sheet, min_col=1, min_row=trend_header + 1, max_row=row))
    for series in trend.series:
        series.smooth = False  # counts per month: straight lines, no invented curves
    trend.height, trend.width = 8, 16
    sheet.add_chart(trend, "F3")
    bars = BarChart()
    bars.type = "bar"
    bars.title = f"本{w}受理按类别"
    bars.add_data(
        Reference(sheet, min_col=2, min_row=category_first - 1, max_row=category_last), titles_from_data=True
    )
    bars.set_categories(Reference(sheet, min_col=1, min_row=category_first, max_row=category_last))
    bars.legend = None
    bars.height, bars.width = 8, 16
    sheet.add_chart(bars, "F21")
    print_setup(sheet)


CLOSED_HEADINGS = [
    "编号",
    "受理时间",
    "结案时间",
    "投诉人",
    "联系电话",
    "性质",
    "类别",
    "等级",
    "责任部门",
    "处理责任人",
    "发生原因",
    "处理方式",
    "金额（元）",
    "纠正预防措施",
    "责任归属",
    "责任比率",
    "满意度",
    "用时（工作日）",
    "按时",
    "结案方式",
]


def _closed(sheet: Sheet, r: MonthlyReport) -> None:
    _title(sheet, f"结案明细（{r.title}）", len(CLOSED_HEADINGS))
    header_row(sheet, 2, CLOSED_HEADINGS)
    rows: list[list[Any]] = [CLOSED_HEADINGS]
    for c in r.closed_rows:
        values = [
            c.case_no,
            c.received_at,
            c.closed_at,
            c.complainant,
            c.phone_masked,
            c.kind,
            c.category,
            c.severity,
            c.department,
            c.handler,
            c.cause,
            c.resolution,
            c.amount_fen / 100,
            c.corrective,
            c.responsibility,
            c.shares,
            c.satisfaction,
            c.working_days,
            "是" if c.on_time else "否",
            c.close_kind,
        ]
        sheet.append(values, {1: DATETIME, 2: DATETIME, 12: MONEY})
        rows.append(values)
    _finish_table(sheet, rows, len(CLOSED_HEADINGS))


def _departments(sheet: Sheet, r: MonthlyReport) -> None:
    headings = ["责任部门", "案件数", "按比率折算件数", "补偿金额（元）", "逾期件数"]
    _title(sheet, f"责任归属（{r.title}结案）", len(headings))
    header_row(sheet, 2, headings)
    rows: list[list[Any]] = [headings]
    for d in r.departments:
        values = [d.department, d.cases, round(d.weighted, 2), d.compensation_fen / 100, d.overdue]
        sheet.append(values, {2: "0.00", 3: MONEY})
        rows.append(values)
    _finish_table(sheet, rows, len(headings))


def _open(sheet: Sheet, r: MonthlyReport) -> None:
    headings = [
        "编号",
        "受理时间",
        "投诉人",
        "状态",
        "责任部门",
        "处理责任人",
        "处理期限",
        f"{r.word}末逾期（工作日）",
    ]
    _title(sheet, f"{r.word}末未结案件（{r.title}）", len(headings))
    header_row(sheet, 2, headings)
    rows: list[list[Any]] = [headings]
    for o in r.open_rows:
        values = [
            o.case_no,
            o.received_at,
            o.complainant,
            o.status,
            o.department,
            o.handler,
            o.deadline_at,
            o.overdue_working_days,
        ]
        sheet.append(values, {1: DATETIME, 6: DATETIME})
        rows.append(values)
    _finish_table(sheet, rows, len(headings))


def breakdown_sheet_name(report: MonthlyReport) -> str:
    """「按车型」: a sheet name Excel takes (at most 31 characters, none of []:*?/\\)."""
    assert report.breakdown is not None
    label = "".join(ch for ch in report.breakdown.label if ch not in "[]:*?/\\")
    return f"按{label}"[:31]


def _breakdown(sheet: Sheet, r: MonthlyReport) -> None:
    b = r.breakdown
    assert b is not None
    headings = [b.label, f"本{r.word}受理", *b.kinds]
    _title(sheet, f"{r.branch} 本{r.word}受理按{b.label}（{r.title}）", len(headings))
    header_row(sheet, 2, headings)
    rows: list[list[Any]] = [headings]
    for value, total, per_kind in b.rows:
        values: list[Any] = [value, total, *per_kind]
        sheet.append(values)
        rows.append(values)
    _finish_table(sheet, rows, len(headings))


def _finish_table(sheet: Sheet, rows: list[list[Any]], width: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(width)}{max(sheet.max_row, 2)}"
    fit_widths(sheet, rows, as_text=lambda v: "2026-11-24 17:30" if hasattr(v, "strftime") else v)
    print_setup(sheet, "1:2")
