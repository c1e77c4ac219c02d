"""A customer's personal data, as a workbook for them (issue 15 part R): every case held on them,
their replies and follow-ups — the cases the request's search found, nothing of anyone else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from branchdesk.config import BranchConfig
from branchdesk.i18n import DEFAULT_LANGUAGE, Label, Text, label, render
from branchdesk.reports.xlsx_style import DATETIME, fit_widths, header_row
from branchdesk.storage.models import Case, FollowUp, Reply

#: The case's columns the customer gets back (what they told us and what we recorded about them).
CASE_COLUMNS = (
    "received_at",
    "status",
    "kind",
    "complainant_name",
    "phone",
    "address",
    "email",
    "company",
    "plate",
    "product",
    "order_no",
    "content",
    "request_text",
)


def _zh(value: Text | Label) -> str:
    return label(value, DEFAULT_LANGUAGE) if isinstance(value, Label) else render(value, DEFAULT_LANGUAGE)


def write_personal_data(
    path: Path,
    config: BranchConfig,
    subject: str,
    now: datetime,
    cases: Sequence[Case],
    replies: Sequence[Reply],
    follow_ups: Sequence[FollowUp],
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _zh(Text("pd.sheet_cases"))
    sheet.cell(
        row=1,
        column=1,
        value=_zh(
            Text("pd.title", {"subject": subject, "count": len(cases), "at": now.strftime("%Y-%m-%d %H:%M")})
        ),
    )
    headings = [
        _zh(Label("Field", "case_no")),
        *(_zh(Label("Field", c)) for c in CASE_COLUMNS),
        _zh(Label("Field", "closed_at")),
    ]
    custom_keys = sorted({k for c in cases for k in (c.custom_values or {})})
    headings += custom_keys
    header_row(sheet, 3, headings)
    rows: list[list[Any]] = [headings]
    number = {c.id: c.case_no for c in cases}
    for index, case in enumerate(cases, start=4):
        row: list[Any] = [case.case_no]
        for column in CASE_COLUMNS:
            value: Any = getattr(case, column)
            if column in ("status", "kind"):
                value = _zh(Label("Kind" if column == "kind" else "Status", value))
            row.append(value)
        row.append(case.closed_at)
        row += [str((case.custom_values or {}).get(k, "")) for k in custom_keys]
        for place, item in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=place, value=item)
            if isinstance(item, datetime):
                cell.number_format = DATETIME
        rows.append(row)
    fit_widths(sheet, rows)
    _children(
        book.create_sheet(_zh(Text("pd.sheet_replies"))),
        ["case_no", "replied_at", "method", "content"],
        [[number[r.case_id], r.replied_at, r.method, r.content] for r in replies],
    )
    _children(
        book.create_sheet(_zh(Text("pd.sheet_follow_ups"))),
        ["case_no", "visited_at", "satisfaction", "comments"],
        [[number[f.case_id], f.visited_at, f.satisfaction, f.comments] for f in follow_ups],
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _children(sheet: Any, fields: list[str], rows: list[list[Any]]) -> None:
    headings = [_zh(Label("Field", f)) for f in fields]
    header_row(sheet, 1, headings)
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=column, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME
    fit_widths(sheet, [headings, *rows])
