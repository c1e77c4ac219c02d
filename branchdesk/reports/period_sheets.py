"""The period summary's remaining sheets (issue 15 part N): top categories as a Pareto chart, the
received cases by each groupable custom field, the on-time rate per step, and the valid-complaint rate
against the policy's target. Each figure is one aggregate in SQL (GROUP BY), never a walk over cases.

Definitions:
- *top categories*: registered cases (not drafts, not void) received in the period, per category (its
  full path; "未分类" without one), most first; the cumulative share runs over that order.
- *groupable custom field*: every active custom field of type ``choice`` (its value list makes a
  grouping; free text, numbers and dates do not). The domain has no region of its own: a branch that
  groups by region defines a choice field for it (the logistics preset's ``network_node`` is one).
  Cases per value of the field, received in the period; "未填" for none.
- *on-time rate per step*: the steps done in the period that had a due time (首次联系
  ``first_contacted_at``, 调查 the investigation's ``recorded_at``, 会签意见 each opinion's
  ``given_at``, 答复 ``replied_at``, 回访 the first follow-up's ``visited_at``, 通报总经理
  ``gm_informed_at``), and of those the ones done by it.
- *valid-complaint rate against the target*: the summary's valid rate (valid among the triaged
  complaints received) beside the setting ``valid_rate_target_percent`` — a ceiling (seed 001 篇1
  二.1（4）"有效投诉率力争在 1% 以下"); 0 = no target, no sheet.

The monthly workbook keeps its sheets (``tests/core/test_monthly_equivalence`` compares it cell by
cell); every other period adds these after 对比.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.domain.vocab import Kind
from branchdesk.storage.models import Case, FollowUp, Investigation, OpinionRequest

PARETO_SHEET = "帕累托"
STEPS_SHEET = "各步骤按时率"
TARGET_SHEET = "有效投诉率目标"
NO_VALUE = "未填"
NO_CATEGORY = "未分类"


@dataclass(frozen=True)
class Grouping:
    key: str
    label: str
    rows: list[tuple[str, int]]  # value, cases received (most first, 未填 last)


@dataclass(frozen=True)
class StepRate:
    label: str
    done: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.done if self.done else None


@dataclass
class PeriodExtras:
    pareto: list[tuple[str, int]] = field(default_factory=list)  # category path, cases (most first)
    groupings: list[Grouping] = field(default_factory=list)
    steps: list[StepRate] = field(default_factory=list)
    triaged: int = 0
    valid: int = 0
    valid_target_percent: int = 0  # 0: the policy sets none

    @property
    def valid_rate(self) -> float | None:
        return self.valid / self.triaged if self.triaged else None


def _received(start: datetime, end: datetime) -> tuple[ColumnElement[bool], ...]:
    from branchdesk.reports.monthly import NOT_COUNTED

    return (Case.received_at >= start, Case.received_at < end, Case.status.not_in(NOT_COUNTED))


def pareto(session: Session, config: BranchConfig, start: datetime, end: datetime) -> list[tuple[str, int]]:
    rows = session.execute(
        select(Case.category_id, func.count(Case.id)).where(*_received(start, end)).group_by(Case.category_id)
    ).all()
    counts: dict[str, int] = {}
    for category_id, count in rows:
        path = config.category_labels_path(category_id) if category_id in config.categories else ()
        name = " / ".join(dict.fromkeys(path)) if path else NO_CATEGORY
        counts[name] = counts.get(name, 0) + int(count)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def groupable_fields(config: BranchConfig) -> list[tuple[str, str]]:
    """(key, label) of the fields a summary groups by: the active choice fields, in their order."""
    return [(d.key, d.label) for d in config.custom_fields if d.type == "choice"]


def grouping(session: Session, key: str, label: str, start: datetime, end: datetime) -> Grouping:
    value = Case.custom_values[key].as_string()
    rows = session.execute(
        select(value, func.count(Case.id)).where(*_received(start, end)).group_by(value)
    ).all()
    counts: dict[str, int] = {}
    for raw, count in rows:
        name = str(raw) if raw not in (None, "") else NO_VALUE
        counts[name] = counts.get(name, 0) + int(count)
    order = sorted(counts, key=lambda v: (v == NO_VALUE, -counts[v], v))
    return Grouping(key=key, label=label, rows=[(v, counts[v]) for v in order])


def _done_on_time(
    session: Session, done: Any, due: Any, start: datetime, end: datetime, *join: Any
) -> tuple[int, int]:
    """Steps whose ``done`` time lies in the period and that had a ``due`` time: (done, on time)."""
    query = select(func.count(), func.sum(sql_case((done <= due, 1), else_=0)))
    for target, on in join:
        query = query.select_from(Case).join(target, on)
    count, timely = session.execute(query.where(done >= start, done < end, due.is_not(None))).one()
    return int(count or 0), int(timely or 0)


def step_rates(session: Session, start: datetime, end: datetime) -> list[StepRate]:
    first_visit = (
        select(FollowUp.case_id, func.min(FollowUp.visited_at).label("visited_at"))
        .group_by(FollowUp.case_id)
        .subquery()
    )
    plain = [
        ("首次联系", Case.first_contacted_at, Case.first_contact_due_at, ()),
        (
            "调查",
            Investigation.recorded_at,
            Case.investigation_due_at,
            ((Investigation, Investigation.case_id == Case.id),),
        ),
        ("答复", Case.replied_at, Case.reply_due_at, ()),
        (
            "回访",
            first_visit.c.visited_at,
            Case.follow_up_due_at,
            ((first_visit, first_visit.c.case_id == Case.id),),
        ),
        ("通报总经理", Case.gm_informed_at, Case.gm_inform_due_at, ()),
    ]
    rates = [
        StepRate(label, *_done_on_time(session, done, due, start, end, *join))
        for label, done, due, join in plain
    ]
    given = OpinionRequest.given_at
    count, timely = session.execute(
        select(func.count(), func.sum(sql_case((given <= OpinionRequest.due_at, 1), else_=0))).where(
            OpinionRequest.state == "given", given >= start, given < end
        )
    ).one()
    rates.insert(2, StepRate("会签意见", int(count or 0), int(timely or 0)))
    return rates


def period_extras(
    session: Session,
    config: BranchConfig,
    start: datetime,
    end: datetime,
    received: tuple[dict[str, int], int, int] | None = None,
) -> PeriodExtras:
    """``received``: the summary's own GROUP BY of the received cases (per category path, triaged, valid),
    so a year's 60,000 cases are not grouped twice; None: counted here."""
    if received is None:
        complaint = and_(Case.kind == Kind.COMPLAINT.value, Case.valid.is_not(None))
        triaged, valid = session.execute(
            select(
                func.sum(sql_case((complaint, 1), else_=0)),
                func.sum(sql_case((and_(complaint, Case.valid.is_(True)), 1), else_=0)),
            ).where(*_received(start, end))
        ).one()
        categories = pareto(session, config, start, end)
    else:
        by_category, triaged, valid = received
        categories = sorted(by_category.items(), key=lambda item: (-item[1], item[0]))
    return PeriodExtras(
        pareto=categories,
        groupings=[grouping(session, key, label, start, end) for key, label in groupable_fields(config)],
        steps=step_rates(session, start, end),
        triaged=int(triaged or 0),
        valid=int(valid or 0),
        valid_target_percent=int(config.setting("valid_rate_target_percent") or 0),
    )


def grouping_sheet_name(label: str, taken: set[str]) -> str:
    """「按车型」: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = "按" + "".join(ch for ch in label if ch not in "[]:*?/\\")
    name, number = base[:31], 2
    while name in taken:
        suffix = f"({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    return name


def write_period_sheets(workbook: Any, report: Any) -> None:
    """After 对比, for any period but a month (``report.extras`` None: nothing)."""
    extras: PeriodExtras | None = report.extras
    if extras is None:
        return
    _pareto_sheet(workbook, report, extras)
    taken = set(workbook.sheetnames)
    shown = report.breakdown.key if report.breakdown is not None else None  # --by-field wrote its own sheet
    for group in extras.groupings:
        if group.key == shown:
            continue
        name = grouping_sheet_name(group.label, taken)
        taken.add(name)
        _table_sheet(
            workbook,
            name,
            f"{report.branch} 本期受理按{group.label}（{report.title}）",
            [group.label, "本期受理"],
            [[value, count] for value, count in group.rows],
        )
    _table_sheet(
        workbook,
        STEPS_SHEET,
        f"{report.branch} 各步骤按时率（{report.title}）",
        ["步骤", "本期完成（有期限）", "按时完成", "按时率"],
        [[s.label, s.done, s.on_time, s.rate if s.rate is not None else "—"] for s in extras.steps],
        percent_columns={4},
    )
    if extras.valid_target_percent:
        rate = extras.valid_rate
        target = extras.valid_target_percent / 100
        met = "—" if rate is None else ("达标" if rate <= target else "未达标")
        _table_sheet(
            workbook,
            TARGET_SHEET,
            f"{report.branch} 有效投诉率与目标（{report.title}）",
            ["指标", "数值"],
            [
                ["已认定的投诉", extras.triaged],
                ["其中有效", extras.valid],
                ["有效投诉率", rate if rate is not None else "—"],
                ["目标（不高于）", target],
                ["结论", met],
            ],
            percent_cells={(5, 2), (6, 2)},
        )


def _table_sheet(
    workbook: Any,
    name: str,
    title: str,
    headings: list[str],
    rows: list[list[Any]],
    *,
    percent_columns: set[int] | None = None,
    percent_cells: set[tuple[int, int]] | None = None,
    flush: bool = True,
) -> Any:
    from branchdesk.reports.monthly_xlsx import Sheet, _title
    from branchdesk.reports.xlsx_style import PERCENT, fit_widths, header_row, print_setup

    sheet = Sheet(workbook.create_sheet(name))
    _title(sheet, title, len(headings))
    header_row(sheet, 2, headings)
    for row_number, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            if column in (percent_columns or set()) or (row_number, column) in (percent_cells or set()):
                cell.number_format = PERCENT
    fit_widths(sheet, [headings, *rows], minimum=12)
    print_setup(sheet)
    if flush:
        sheet.flush()
    return sheet


def _pareto_sheet(workbook: Any, report: Any, extras: PeriodExtras) -> None:
    """类别 · 件数 · 累计占比, most first; bars of the counts and the cumulative line on a second axis."""
    from openpyxl.chart import BarChart, LineChart, Reference

    total = sum(count for _name, count in extras.pareto)
    rows: list[list[Any]] = []
    running = 0
    for name, count in extras.pareto:
        running += count
        rows.append([name, count, running / total])
    sheet = _table_sheet(
        workbook,
        PARETO_SHEET,
        f"{report.branch} 本期受理按类别（帕累托，{report.title}）",
        ["类别", "件数", "累计占比"],
        rows,
        percent_columns={3},
        flush=False,
    )
    if rows:
        last = 2 + len(rows)
        bars = BarChart()
        bars.title = "本期受理按类别（帕累托）"
        bars.y_axis.title = "件数"
        bars.add_data(Reference(sheet, min_col=2, min_row=2, max_row=last), titles_from_data=True)
        bars.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=last))
        line = LineChart()
        line.add_data(Reference(sheet, min_col=3, min_row=2, max_row=last), titles_from_data=True)
        line.y_axis.axId = 200  # the second axis: the share, 0–100 %, on the right
        line.y_axis.title = "累计占比"
        line.y_axis.number_format = "0%"
        line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1
        line.y_axis.crosses = "max"
        line.y_axis.majorGridlines = None  # one set of grid lines: the counts'
        for axis in (bars.x_axis, bars.y_axis, line.y_axis):
            axis.delete = False  # openpyxl 3.1 leaves it unset, and some readers then hide the axis
        for series in line.series:
            series.smooth = False
        bars += line
        bars.height, bars.width = 9, 18
        sheet.add_chart(bars, "E3")
    sheet.flush()
