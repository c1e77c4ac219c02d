"""The policy file's ``[[report_duties]]`` section (issue 15 part M): the reports the policy asks for —
read and checked (``domain/report_duties.duty_problems``, each problem at its place), exported, applied
(the file's list replaces the branch's; a duty kept keeps the day it came in), and written as TOML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain.report_duties import MAX_DUTIES, Duty, duty_problems
from branchdesk.domain.text import clean_text
from branchdesk.i18n import Text
from branchdesk.policy.model import ReportDutyEntry
from branchdesk.storage.models import ReportDuty

if TYPE_CHECKING:
    from datetime import date

    from branchdesk.policy.validate import Reader

KEYS = ("label", "kind", "rule", "day", "role", "department")


def read_report_duties(
    r: Reader, doc: dict[str, Any], departments: set[str]
) -> tuple[ReportDutyEntry, ...] | None:
    """The ``[[report_duties]]`` entries (None when the file has no such section)."""
    if "report_duties" not in doc:
        return None
    entries = r.entries(doc, "report_duties", KEYS, lambda item, place: _entry(r, item, place, departments))
    if len(entries) > MAX_DUTIES:
        r.add(
            Text("policy.problem", {"problem": Text("duty.too_many", {"limit": MAX_DUTIES})}), "report_duties"
        )
    r.unique(
        [(f"report_duties[{n}]", (e.kind, e.role, e.department or "")) for n, e in enumerate(entries)],
        "report_duties",
    )
    return tuple(entries)


def _entry(r: Reader, item: dict[str, Any], place: str, departments: set[str]) -> ReportDutyEntry | None:
    label = r.text(item, "label", place, 60)
    kind = r.text(item, "kind", place, 20)
    rule = r.text(item, "rule", place, 20)
    day = r.integer(item, "day", place, 1, 60)
    role = r.text(item, "role", place, 20)
    department = r.text(item, "department", place, 20, required=False) or None
    if label is None or kind is None or rule is None or day is None or role is None:
        return None
    label = clean_text(label)  # as the settings tab saves it: no control characters, trimmed
    duty = Duty(kind, rule, day, role, department, label)
    problems = duty_problems(duty, departments)
    for key, text in problems.items():
        r.add(Text("policy.problem", {"problem": text}), f"{place}.{key}")
    if problems:
        return None
    return ReportDutyEntry(label, kind, rule, day, role, department)


def export_report_duties(session: Session) -> tuple[ReportDutyEntry, ...]:
    rows = session.scalars(select(ReportDuty).order_by(ReportDuty.sort_order, ReportDuty.id))
    return tuple(ReportDutyEntry(r.label, r.kind, r.rule, r.day, r.role, r.department_code) for r in rows)


def apply_report_duties(session: Session, entries: tuple[ReportDutyEntry, ...] | None, today: date) -> None:
    """The file's duties into the branch; one of the same kind, role and department keeps its row (and
    the day it came in: its older unmade periods stay owed), the others are removed or added (from today)."""
    if entries is None:
        return
    rows = {(r.kind, r.role, r.department_code): r for r in session.scalars(select(ReportDuty))}
    for order, e in enumerate(entries):
        row = rows.pop((e.kind, e.role, e.department), None)
        if row is None:
            row = ReportDuty(kind=e.kind, role=e.role, department_code=e.department, since=today, version=0)
            session.add(row)
        values = {"label": e.label, "rule": e.rule, "day": e.day, "sort_order": order}
        if any(getattr(row, k) != v for k, v in values.items()) or row.version == 0:
            for key, value in values.items():
                setattr(row, key, value)
            row.version = (row.version or 0) + 1
    for row in rows.values():
        session.delete(row)


def report_duty_lines(entries: tuple[ReportDutyEntry, ...] | None) -> list[str]:
    """The section as TOML lines (``toml_io.policy_to_toml`` appends them)."""
    from branchdesk.policy.toml_io import _entry, _table

    if entries is None:
        return []
    lines = [
        "",
        "# 应交报表：kind = week | month | quarter | half | year；rule = after_end（期间结束后第 day 天，",
        "# 自然日）| last_month（期间最后一个月的 day 日）；role 负责的角色，department 限某部门（可不写）",
    ]
    for e in entries:
        lines += ["", "[[report_duties]]"]
        _table(lines, _entry(e))
    return lines
