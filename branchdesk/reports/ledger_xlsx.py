"""投诉台帐: every case of a period (or of the queue's filter), streamed into a write-only workbook.

The paper ledger's columns come first (序号 · 时间 · 投诉人 · 联系电话 · 投诉内容 · 受理人 · 处理结果 ·
投诉人意见 · 备注), then the system's fields, then one column per custom field of the branch. Rows
are read from the database in chunks and written as they come, so 100,000 cases need little memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.domain.escalation import level_label
from branchdesk.domain.intake import custom_text
from branchdesk.domain.money import format_yuan
from branchdesk.domain.text import mask_phone
from branchdesk.domain.vocab import (
    CloseKind,
    Kind,
    Severity,
    Status,
)
from branchdesk.i18n import label
from branchdesk.reports.xlsx_style import (
    DATETIME,
    HEADER_FILL,
    HEADER_FONT,
    MONEY,
    anchor_line,
    stamp_anchor,
    text_width,
)
from branchdesk.storage.models import (
    Case,
    CustomField,
    Department,
    FollowUp,
    Reply,
    Resolution,
    User,
)

PAPER_COLUMNS = ["序号", "时间", "投诉人", "联系电话", "投诉内容", "受理人", "处理结果", "投诉人意见", "备注"]
SYSTEM_COLUMNS = [
    "编号",
    "性质",
    "渠道",
    "类别",
    "等级",
    "状态",
    "责任部门",
    "处理责任人",
    "处理期限",
    "结案时间",
    "升级",
    "重大",
    "金额（元）",
]
WIDTHS = [6, 17, 10, 14, 50, 8, 36, 16, 16, 14, 6, 10, 16, 7, 12, 12, 10, 17, 17, 10, 6, 12]
CUSTOM_WIDTH = 14
SATISFACTION = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
CHUNK = 1000
#: The title row's cell for the audit anchor: 处理结果, wide enough for it.
ANCHOR_COLUMN = 7

Progress = Callable[[int, int], None]


def write_ledger(
    session: Session,
    config: BranchConfig,
    conditions: Sequence[ColumnElement[bool]],
    path: Path,
    title: str,
    progress: Progress | None = None,
    *,
    show_phone: bool,
    anchor: str,
) -> int:
    """Write every case matching ``conditions``; returns the number of rows.

    Phones are masked unless ``show_phone`` (the reader may see them); ``anchor`` is the audit
    chain head the rows were read at, written beside the title and into the file's properties.
    """
    total = session.scalar(select(func.count(Case.id)).where(*conditions)) or 0
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet("投诉台帐")
    customs = custom_columns(session, config, conditions)
    headings = PAPER_COLUMNS + SYSTEM_COLUMNS + [label for _key, label in customs]
    widths = WIDTHS + [CUSTOM_WIDTH] * len(customs)
    for index, width in enumerate(widths[: len(headings)], start=1):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(index)].width = max(width, text_width(headings[index - 1]))
    sheet.freeze_panes = "C3"  # must be set before the first row in write-only mode
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A3  # 22 columns
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    title_cell = WriteOnlyCell(sheet, value=title)
    from openpyxl.styles import Font

    title_cell.font = Font(size=14, bold=True)
    sheet.append([title_cell, *[None] * (ANCHOR_COLUMN - 2), anchor_line(anchor)])
    stamp_anchor(workbook, anchor)
    workbook.properties.title = title
    workbook.properties.creator = "BranchDesk 客诉台"
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header.append(cell)
    sheet.append(header)

    names = {u.id: u.full_name for u in session.scalars(select(User))}
    departments = {d.id: d.name for d in session.scalars(select(Department))}
    # The whole path, 质量类 / 产品品质 / 外观 (issue 12: up to three levels).
    categories = {cid: config.category_text(cid) for cid in config.categories}
    written = 0
    memo: dict[tuple[str, str], str] = {}  # a fixed code's name, looked up once per export
    query = (
        select(*_CASE_COLUMNS)
        .where(*conditions)
        .order_by(Case.received_at, Case.id)
        .execution_options(yield_per=CHUNK)
    )
    for chunk in session.execute(query).partitions(CHUNK):
        cases = list(chunk)
        extras = _extras(session, [c.id for c in cases])
        for case in cases:
            written += 1
            row = _row(sheet, written, case, config, names, departments, categories, extras, show_phone, memo)
            values = case.custom_values or {}
            sheet.append(row + [_custom_cell(values.get(key)) for key, _label in customs])
        if progress is not None:
            progress(written, total)
    sheet.auto_filter.ref = f"A2:{_column(len(headings))}{written + 2}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return written


#: The columns a ledger row reads, as tuples with the same attribute names (issue 16 "Reports"): whole
#: mapped cases decoded every JSON column — an imported case's original row among them — for each row.
_CASE_COLUMNS = (
    Case.id,
    Case.received_at,
    Case.complainant_name,
    Case.phone,
    Case.phone_normalized,
    Case.content,
    Case.custom_values,
    Case.recorder_id,
    Case.close_note,
    Case.is_major,
    Case.is_repeat,
    Case.status,
    Case.void_reason,
    Case.case_no,
    Case.kind,
    Case.channel,
    Case.category_id,
    Case.severity,
    Case.responsible_department_id,
    Case.handler_id,
    Case.deadline_at,
    Case.closed_at,
    Case.escalation_level,
    Case.close_kind,
)


def custom_columns(
    session: Session, config: BranchConfig, conditions: Sequence[ColumnElement[bool]]
) -> list[tuple[str, str]]:
    """(key, label) of the branch's own fields, after the fixed columns (issue 12): the active ones
    in form order, then each deactivated field some exported case has a value for (one small query
    per deactivated field; a branch has a handful)."""
    columns = [(d.key, d.label) for d in config.custom_fields]
    active = {key for key, _label in columns}
    for row in session.scalars(select(CustomField).order_by(CustomField.sort_order, CustomField.id)):
        if row.key in active:
            continue
        used = session.scalar(
            select(Case.id).where(*conditions, Case.custom_values[row.key].as_string().is_not(None)).limit(1)
        )
        if used is not None:
            columns.append((row.key, row.label))
    return columns


def _custom_cell(value: Any) -> Any:
    """Numbers stay numbers (Excel sums them); the rest as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else value
    return custom_text(value)


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _extras(session: Session, ids: list[int]) -> dict[str, dict[int, Any]]:
    # The columns a row shows, as tuples with the attributes' names (no mapped objects).
    resolutions = {
        r.case_id: r
        for r in session.execute(
            select(Resolution.case_id, Resolution.resolution_type, Resolution.amount_fen, Resolution.text)
            .where(Resolution.case_id.in_(ids), Resolution.status == "approved")
            .order_by(Resolution.id)
        )
    }
    follow_ups = {
        f.case_id: f
        for f in session.execute(
            select(FollowUp.case_id, FollowUp.satisfaction, FollowUp.comments)
            .where(FollowUp.case_id.in_(ids))
            .order_by(FollowUp.id)
        )
    }
    replies = {
        r.case_id: r
        for r in session.execute(
            select(Reply.case_id, Reply.content, Reply.accepted)
            .where(Reply.case_id.in_(ids))
            .order_by(Reply.id)
        )
    }
    return {"resolution": resolutions, "follow_up": follow_ups, "reply": replies}


def _cell(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None) -> Any:
    if number_format is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _row(
    sheet: WriteOnlyWorksheet,
    number: int,
    case: Any,  # a row of ``_CASE_COLUMNS`` (or a mapped Case: the same attributes)
    config: BranchConfig,
    names: dict[int, str],
    departments: dict[int, str],
    categories: dict[int, str],
    extras: dict[str, dict[int, Any]],
    show_phone: bool,
    memo: dict[tuple[str, str], str] | None = None,
) -> list[Any]:
    resolution = extras["resolution"].get(case.id)
    follow_up = extras["follow_up"].get(case.id)
    reply = extras["reply"].get(case.id)
    if resolution is not None:
        kind = config.label("resolution_type", resolution.resolution_type)
        result = f"{kind} {format_yuan(resolution.amount_fen)}"
        result += f"：{resolution.text}" if resolution.text else ""
    elif case.custom_values.get("_imported"):
        result = case.custom_values.get("_result", "")  # the ledger's own words, as they were
    else:
        result = case.close_note or (reply.content if reply else "")
    if follow_up is not None:
        opinion = SATISFACTION.get(follow_up.satisfaction, str(follow_up.satisfaction))
        opinion += f"：{follow_up.comments}" if follow_up.comments else ""
    elif reply is not None:
        opinion = "接受" if reply.accepted else "不接受"
    elif case.custom_values.get("_imported"):
        opinion = case.custom_values.get("_opinion", "")
    else:
        opinion = ""
    notes = [
        note
        for flag, note in (
            (case.is_major, "重大"),
            (case.is_repeat, "重复投诉"),
            (case.status == Status.VOID.value, f"作废：{case.void_reason}"),
        )
        if flag
    ]
    if case.custom_values.get("_imported"):
        notes.append("台账导入")
    own = config.label_overrides  # the branch's names for kinds, severities, statuses (issue 12)
    memo = {} if memo is None else memo
    key = ("close_kind", case.close_kind) if case.close_kind else ("status", case.status)
    if key not in memo:
        shown: CloseKind | Status = CloseKind(case.close_kind) if case.close_kind else Status(case.status)
        memo[key] = label(shown, "zh_CN", own)
    status = memo[key]
    if ("kind", case.kind) not in memo:
        memo[("kind", case.kind)] = label(Kind(case.kind), "zh_CN", own)
    if case.severity and ("severity", case.severity) not in memo:
        memo[("severity", case.severity)] = label(Severity(case.severity), "zh_CN", own)
    return [
        number,
        _cell(sheet, case.received_at, DATETIME),
        case.complainant_name,
        case.phone if show_phone else mask_phone(case.phone_normalized),
        case.content,
        case.custom_values.get("_recorder") or names.get(case.recorder_id, ""),
        result,
        opinion,
        "；".join(notes),
        case.case_no,
        memo[("kind", case.kind)],
        config.label("channel", case.channel),
        categories.get(case.category_id or -1, ""),
        memo[("severity", case.severity)] if case.severity else "",
        status,
        departments.get(case.responsible_department_id or -1, ""),
        names.get(case.handler_id or -1, ""),
        _cell(sheet, case.deadline_at, DATETIME),
        _cell(sheet, case.closed_at, DATETIME),
        level_label(case.escalation_level) if case.escalation_level else "",
        "是" if case.is_major else "",
        _cell(sheet, resolution.amount_fen / 100 if resolution else None, MONEY),
    ]


def period_conditions(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [Case.received_at >= start, Case.received_at < end, Case.status != Status.DRAFT.value]
