"""Reading a branch's own Excel ledger (投诉台帐) into a plan of cases, row by row, without the database.

- The header row is found under title rows: the row among the first 30 that names most known headings.
- Columns are mapped by heading, with the usual Chinese variants; a caller may correct the mapping.
- Dates come as dates, as ``2025年3月5日``, ``2025.3.5``, ``2025-3-5`` or ``2025/3/5``, with or without a
  time, or as Excel serial numbers; phones with spaces or dashes, landlines included.
- Blank rows and total rows (合计 · 总计 · 小计) are skipped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

from branchdesk.domain.text import clean_text, normalize_phone

#: field -> headings that mean it (first is the canonical one)
HEADINGS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "No.", "NO", "行号"),
    "received_at": ("受理日期", "受理时间", "投诉日期", "投诉时间", "登记日期", "日期", "时间", "来电时间"),
    "complainant_name": ("投诉人", "投诉人姓名", "客户姓名", "姓名", "客户", "客户名称", "投诉单位"),
    "phone": ("联系电话", "电话", "手机", "手机号", "联系方式", "电话号码"),
    "channel": ("投诉渠道", "渠道", "投诉方式", "来源", "受理方式"),
    "content": ("投诉内容", "内容", "问题描述", "投诉事项", "投诉事由", "事由", "问题"),
    "request": ("客户要求", "要求", "诉求", "客户诉求"),
    "recorder": ("受理人", "登记人", "接待人", "记录人"),
    "department": ("责任部门", "处理部门", "部门", "承办部门"),
    "result": ("处理结果", "处理情况", "处理意见", "结果", "处理措施"),
    "opinion": ("投诉人意见", "客户意见", "客户反馈", "满意度", "回访结果"),
    "closed_at": ("结案日期", "结案时间", "完成日期", "办结日期", "处理完成日期"),
    "remark": ("备注", "说明"),
}
FIELD_LABELS = {key: names[0] for key, names in HEADINGS.items()}
REQUIRED = ("received_at", "complainant_name", "content")
TOTAL_MARKERS = ("合计", "总计", "小计", "共计")
_DATE = re.compile(
    r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})[:：时](\d{1,2}))?"
)
_AMOUNT = re.compile(r"(\d+(?:\.\d{1,2})?)\s*元")


def _norm(text: Any) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).replace(" ", "").strip().lower()


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class LedgerRow:
    row: int  # as Excel numbers it
    values: dict[str, Any]  # field -> clean value
    original: dict[str, Any]  # heading -> cell value, as it was
    problems: list[Problem] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Fingerprint of the row's substance, so a second import recognises it."""
        parts = [
            str(self.values.get(name) or "")
            for name in ("received_at", "complainant_name", "phone", "content")
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class LedgerPlan:
    """What the ledger's first rows say: its sheet, header row and columns. The rows themselves are
    streamed by ``open_ledger``: a 200,000-row ledger is never held in memory at once (issue 16)."""

    path: Path
    sheet: str
    header_row: int
    mapping: dict[str, int]  # field -> column index (1-based)
    headings: dict[int, str]  # column index -> heading text
    skipped_blank: int = 0  # counted as the rows are read (``open_ledger``)
    skipped_total: list[int] = field(default_factory=list)  # likewise
    problems: list[Problem] = field(default_factory=list)  # sheet-level (missing columns)


#: The header is looked for among the sheet's first rows (title rows above it are common).
HEADER_SEARCH_ROWS = 30


def sheet_names(path: Path) -> list[str]:
    import openpyxl  # here, not at import: the start of the app does not need the Excel stack

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


@contextmanager
def _sheet_rows(path: Path, sheet: str | None) -> Iterator[tuple[str, Iterator[tuple[Any, ...]]]]:
    """The sheet's title and its rows as values, read as they are needed (openpyxl's read-only mode)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        yield ws.title, ws.iter_rows(values_only=True)
    finally:
        workbook.close()


@contextmanager
def open_ledger(
    path: Path, sheet: str | None = None, mapping: dict[str, int] | None = None
) -> Iterator[tuple[LedgerPlan, Iterator[LedgerRow]]]:
    """The ledger read once: its plan (header and columns, from the first ``HEADER_SEARCH_ROWS`` rows)
    and its rows under the header, parsed one at a time as they are taken. Opening a workbook parses
    its whole table of strings, so the import opens it once, not once for the plan and again for the
    rows (issue 16: 10,000 rows 4.6 → 5.6 s)."""
    with _sheet_rows(path, sheet) as (title, rows):
        head = [list(r) for r in islice(rows, HEADER_SEARCH_ROWS)]
        plan = _plan(path, title, head, mapping)
        yield plan, _parsed(plan, chain(head[plan.header_row :], rows))


def read_plan(path: Path, sheet: str | None = None, mapping: dict[str, int] | None = None) -> LedgerPlan:
    """The header and the columns only (the import wizard shows them at once)."""
    with open_ledger(path, sheet, mapping) as (plan, _rows):
        return plan


def _plan(path: Path, title: str, head: list[list[Any]], mapping: dict[str, int] | None) -> LedgerPlan:
    header_index, guessed = find_header(head)
    headings = {i + 1: clean_text(str(v)) for i, v in enumerate(head[header_index] if head else []) if v}
    plan = LedgerPlan(path, title, header_index + 1, dict(mapping or guessed), headings)
    missing = [f for f in REQUIRED if f not in plan.mapping]
    for name in missing:
        plan.problems.append(Problem(plan.header_row, FIELD_LABELS[name], f"找不到“{FIELD_LABELS[name]}”列"))
    return plan


def _parsed(plan: LedgerPlan, raw_rows: Iterable[Sequence[Any]]) -> Iterator[LedgerRow]:
    """The rows under the header, parsed; blank and total rows are counted into the plan
    (``skipped_blank``, ``skipped_total``) and not yielded."""
    for offset, raw in enumerate(raw_rows, start=plan.header_row + 1):
        cells = ["" if v is None else v for v in raw]
        if all(str(v).strip() == "" for v in cells):
            plan.skipped_blank += 1
            continue
        if any(isinstance(v, str) and v.strip().startswith(TOTAL_MARKERS) for v in cells[:3]):
            plan.skipped_total.append(offset)
            continue
        yield _parse_row(offset, cells, plan)


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    best_index, best = 0, dict[str, int]()
    for index, row in enumerate(rows[:30]):
        found: dict[str, int] = {}
        for column, value in enumerate(row, start=1):
            text = _norm(value)
            if not text:
                continue
            for name, variants in HEADINGS.items():
                if name not in found and text in {_norm(v) for v in variants}:
                    found[name] = column
                    break
        if len(found) > len(best):
            best_index, best = index, found
    return (best_index, best) if len(best) >= 3 else (0, {})


def _parse_row(number: int, cells: list[Any], plan: LedgerPlan) -> LedgerRow:
    def cell(name: str) -> Any:
        column = plan.mapping.get(name)
        return cells[column - 1] if column and column <= len(cells) else None

    original = {
        plan.headings.get(i + 1, f"列{i + 1}"): (v.isoformat() if hasattr(v, "isoformat") else v)
        for i, v in enumerate(cells)
        if v != ""
    }
    row = LedgerRow(number, {}, original)
    for name in ("received_at", "closed_at"):
        raw = cell(name)
        value = parse_date(raw)
        if raw not in (None, "") and value is None:
            row.problems.append(Problem(number, FIELD_LABELS[name], f"看不懂的日期：{raw}"))
        row.values[name] = value
    for name in (
        "complainant_name",
        "content",
        "channel",
        "request",
        "recorder",
        "department",
        "result",
        "opinion",
        "remark",
    ):
        raw = cell(name)
        row.values[name] = clean_text(str(raw)) if raw not in (None, "") else ""
    raw_phone = cell("phone")
    phone_text = str(int(raw_phone)) if isinstance(raw_phone, float) and raw_phone.is_integer() else raw_phone
    try:
        row.values["phone"] = normalize_phone(str(phone_text)) if phone_text not in (None, "") else ""
        row.values["phone_text"] = clean_text(str(phone_text)) if phone_text not in (None, "") else ""
    except ValueError:
        row.values["phone"] = row.values["phone_text"] = ""
        row.problems.append(Problem(number, FIELD_LABELS["phone"], f"电话号码不正确：{raw_phone}"))
    for name in REQUIRED:
        if not row.values.get(name) and not any(p.column == FIELD_LABELS[name] for p in row.problems):
            row.problems.append(Problem(number, FIELD_LABELS[name], f"缺少{FIELD_LABELS[name]}"))
    received, closed = row.values.get("received_at"), row.values.get("closed_at")
    if received and closed and closed < received:
        row.problems.append(Problem(number, FIELD_LABELS["closed_at"], "结案日期早于受理日期"))
    amount = _AMOUNT.search(row.values.get("request") or "")
    row.values["request_amount"] = amount.group(1) if amount else ""
    return row


def parse_date(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel serial day number
        return datetime(1899, 12, 30) + timedelta(days=float(value))
    match = _DATE.search(unicodedata.normalize("NFKC", str(value)))
    if match is None:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
