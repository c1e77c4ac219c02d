"""A customer's personal data, as a workbook for them (issue 15 part R): every case held on them,
their replies and follow-ups — the cases the request's search found, nothing of anyone else.

Issue 15 part N completes it: each case's timeline (events rendered in Chinese, with their field
changes), the progress notices (what was said to the customer), and the list of attachments (name,
size, SHA-256; the files themselves in a zip beside the workbook when asked). Internal notes are staff
only (``CaseNote``): neither they nor their timeline entries are in a customer's export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
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
    extra: PersonalExtra | None = None,
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
    if extra is not None:  # issue 15 part N
        _extra_sheets(book, extra)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


# --- issue 15 part N: timeline, progress notices, attachments ----------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    case_no: str
    at: datetime
    actor: str
    text: Text
    changes: tuple[tuple[str, Any, Any], ...]  # field, old, new (values as ``read.timeline`` gives them)


@dataclass(frozen=True)
class AttachmentRow:
    case_no: str
    filename: str
    size: int
    sha256: str
    added_at: datetime
    zip_name: str  # its name inside the zip beside the workbook


@dataclass
class PersonalExtra:
    timeline: list[TimelineRow] = field(default_factory=list)
    contacts: list[tuple[str, datetime, str, str]] = field(default_factory=list)  # case no, at, channel, said
    attachments: list[AttachmentRow] = field(default_factory=list)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Enum):
        return label(value, DEFAULT_LANGUAGE)
    return str(value)


def change_text(changes: Sequence[tuple[str, Any, Any]]) -> str:
    """「状态：待分诊 → 处理中；等级：一般 → 严重」."""
    return "；".join(
        f"{_zh(Label('Field', name))}：{_shown(old)} → {_shown(new)}" for name, old, new in changes
    )


def _extra_sheets(book: Workbook, extra: PersonalExtra) -> None:
    _children(
        book.create_sheet(_zh(Text("pd.sheet_timeline"))),
        ["case_no", "event_at", "actor", "event", "changes"],
        [[t.case_no, t.at, t.actor, _zh(t.text), change_text(t.changes)] for t in extra.timeline],
    )
    _children(
        book.create_sheet(_zh(Text("pd.sheet_contacts"))),
        ["case_no", "contacted_at", "method", "said"],
        [list(c) for c in extra.contacts],
    )
    _children(
        book.create_sheet(_zh(Text("pd.sheet_attachments"))),
        ["case_no", "filename", "size", "sha256", "added_at", "zip_name"],
        [[a.case_no, a.filename, a.size, a.sha256, a.added_at, a.zip_name] for a in extra.attachments],
    )


def _children(sheet: Any, fields: list[str], rows: list[list[Any]]) -> None:
    headings = [_zh(Label("Field", f)) for f in fields]
    header_row(sheet, 1, headings)
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=column, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME
    fit_widths(sheet, [headings, *rows])
