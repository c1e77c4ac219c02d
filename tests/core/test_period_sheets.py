"""The period summary's remaining sheets (issue 15 part N): the Pareto chart of top categories, a sheet
per groupable (choice) custom field, the on-time rate per step and the valid rate against the policy's
target — each figure read back with openpyxl equals the test's own SQL count on the demo."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from branchdesk.demo import DEMO_PASSWORD, build_demo
from branchdesk.domain.periods import Period, parse_period
from branchdesk.domain.vocab import Status
from branchdesk.errors import FieldError
from branchdesk.services.app import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import Case, Category, FollowUp, Investigation, OpinionRequest
from tests.conftest import Branch, MutableClock

END = datetime(2026, 11, 20, 17, 0)
REGIONS = ["城区", "郊县", "山区"]


@pytest.fixture(scope="module")
def demo_desk(tmp_path_factory: pytest.TempPathFactory) -> BranchDesk:
    """The demo with two custom fields: a choice field 区域 (filled on most cases) and a text field."""
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))), MutableClock(END))
    build_demo(desk, cases=80, end=END)
    admin = desk.auth.login("admin", DEMO_PASSWORD)
    desk.admin.save_custom_field(admin, "region", "区域", "choice", REGIONS)
    desk.admin.save_custom_field(admin, "remark", "备注二", "text")
    with desk.db.write() as session:  # the values as intake would store them; every fourth case left empty
        ids = list(session.scalars(select(Case.id).order_by(Case.id)))
        for index, case_id in enumerate(ids):
            if index % 4:
                values = {"region": REGIONS[index % 3], "remark": f"x{index}"}
                session.execute(update(Case).where(Case.id == case_id).values(custom_values=values))
    return desk


def bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time.min), datetime.combine(period.end, time.min)


def received(period: Period) -> Any:
    start, end = bounds(period)
    return (
        Case.received_at >= start,
        Case.received_at < end,
        Case.status.not_in([Status.DRAFT.value, Status.VOID.value]),
    )


def table(book: openpyxl.Workbook, name: str) -> list[tuple[Any, ...]]:
    return [r for r in book[name].iter_rows(min_row=3, values_only=True) if r and r[0] is not None]


def check_pareto(session: Session, period: Period, book: openpyxl.Workbook, at_least: int = 3) -> None:
    sheet = book["帕累托"]
    rows = table(book, "帕累托")
    labels = {c.id: c.label for c in session.scalars(select(Category))}
    parents = {c.id: c.parent_id for c in session.scalars(select(Category))}

    def path(category_id: int | None) -> str:
        names: list[str] = []
        while category_id is not None:
            names.insert(0, labels[category_id])
            category_id = parents[category_id]
        return " / ".join(dict.fromkeys(names)) or "未分类"

    expected: dict[str, int] = {}
    for category_id, count in session.execute(
        select(Case.category_id, func.count()).where(*received(period)).group_by(Case.category_id)
    ):
        expected[path(category_id)] = expected.get(path(category_id), 0) + count
    assert {r[0]: r[1] for r in rows} == expected
    counts = [r[1] for r in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) >= at_least
    assert rows[-1][2] == pytest.approx(1.0)
    assert [r[2] for r in rows] == pytest.approx(
        [sum(counts[: i + 1]) / sum(counts) for i in range(len(counts))]
    )
    # The chart: bars of B3:B<n> over the categories A3:A<n>, the cumulative line of C on a second axis.
    (chart,) = sheet._charts
    last = 2 + len(rows)
    assert chart.tagname == "barChart"
    (bars,) = chart.series
    assert bars.val.numRef.f == f"'帕累托'!$B$3:$B${last}"
    assert (bars.cat.strRef or bars.cat.numRef).f == f"'帕累托'!$A$3:$A${last}"
    (line_chart,) = chart._charts[1:]
    assert line_chart.tagname == "lineChart"
    (line,) = line_chart.series
    assert line.val.numRef.f == f"'帕累托'!$C$3:$C${last}"
    assert line_chart.y_axis.axId == 200 and line_chart.y_axis.crosses == "max"


def check_groupings(session: Session, period: Period, book: openpyxl.Workbook) -> None:
    assert "按备注二" not in book.sheetnames  # a text field groups nothing
    value = Case.custom_values["region"].as_string()
    expected = {
        (v or "未填"): n
        for v, n in session.execute(select(value, func.count()).where(*received(period)).group_by(value))
    }
    rows = table(book, "按区域")
    assert {r[0]: r[1] for r in rows} == expected
    assert set(expected) - {"未填"} and rows[-1][0] == "未填"


def check_steps(session: Session, period: Period, book: openpyxl.Workbook) -> None:
    start, end = bounds(period)
    rows = {r[0]: r[1:] for r in table(book, "各步骤按时率")}

    def counted(done: Any, due: Any, *joins: Any) -> tuple[int, int]:
        query = select(done, due).select_from(Case)
        for target, on in joins:
            query = query.join(target, on)
        pairs = session.execute(query.where(done >= start, done < end, due.is_not(None))).all()
        return len(pairs), sum(1 for d, u in pairs if d <= u)

    firsts = {}
    for case_id, visited in session.execute(select(FollowUp.case_id, FollowUp.visited_at)):
        firsts[case_id] = min(visited, firsts.get(case_id, visited))
    dues = dict(session.execute(select(Case.id, Case.follow_up_due_at)).all())
    visits = [(v, dues[c]) for c, v in firsts.items() if start <= v < end and dues[c] is not None]
    opinions = session.execute(
        select(OpinionRequest.given_at, OpinionRequest.due_at).where(OpinionRequest.state == "given")
    ).all()
    given = [(g, d) for g, d in opinions if start <= g < end]
    expected = {
        "首次联系": counted(Case.first_contacted_at, Case.first_contact_due_at),
        "调查": counted(
            Investigation.recorded_at,
            Case.investigation_due_at,
            (Investigation, Investigation.case_id == Case.id),
        ),
        "会签意见": (len(given), sum(1 for g, d in given if g <= d)),
        "答复": counted(Case.replied_at, Case.reply_due_at),
        "回访": (len(visits), sum(1 for v, d in visits if v <= d)),
        "通报总经理": counted(Case.gm_informed_at, Case.gm_inform_due_at),
    }
    assert list(rows) == list(expected)
    for label, (done, timely) in expected.items():
        assert rows[label][:2] == (done, timely), label
        assert rows[label][2] == (pytest.approx(timely / done) if done else "—"), label


@pytest.mark.parametrize("form", ["2026-Q4", "2026", "2026-09-15..2026-11-15"])
def test_the_new_sheets_equal_sql_counts_on_the_demo(
    demo_desk: BranchDesk, form: str, tmp_path: Path
) -> None:
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    period = parse_period(form)
    path = demo_desk.reports.export_summary(crm, period, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    assert names.index("帕累托") == names.index("对比") + 1
    assert "有效投诉率目标" not in names  # the policy sets no target
    with demo_desk.db.read() as session:
        check_pareto(session, period, book)
        check_groupings(session, period, book)
        check_steps(session, period, book)
    if period.kind == "year":  # the demo does the steps: a rate that can be wrong
        rows = {r[0]: r[1] for r in table(book, "各步骤按时率")}
        assert rows["答复"] > 0 and rows["调查"] > 0 and rows["回访"] > 0


def test_the_month_keeps_its_sheets(demo_desk: BranchDesk, tmp_path: Path) -> None:
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    path = demo_desk.reports.export_summary(crm, parse_period("2026-10"), tmp_path / "m.xlsx")
    names = openpyxl.load_workbook(path).sheetnames
    assert not {"帕累托", "各步骤按时率", "按区域", "有效投诉率目标"} & set(names)


def test_the_valid_rate_against_the_policy_target(branch: Branch, tmp_path: Path) -> None:
    """A target set (as the property preset does, 1 %) adds the sheet; its figures are the table's."""
    from tests.work_cases import many_states

    b = branch
    many_states(b)
    with pytest.raises(FieldError) as refused:
        b.desk.admin.set_setting(b["admin"], "valid_rate_target_percent", 101)
    assert "valid_rate_target_percent" in refused.value.errors
    b.desk.admin.set_setting(b["admin"], "valid_rate_target_percent", 40)
    period = parse_period("2026-Q4")
    path = b.desk.reports.export_summary(b["crm"], period, tmp_path / "q.xlsx")
    rows = {r[0]: r[1] for r in table(openpyxl.load_workbook(path), "有效投诉率目标")}
    with b.desk.db.read() as session:
        complaints = (
            session.execute(
                select(Case.valid).where(*received(period), Case.kind == "complaint", Case.valid.is_not(None))
            )
            .scalars()
            .all()
        )
    valid = sum(1 for v in complaints if v)
    assert complaints, "the cases include triaged complaints"
    assert (rows["已认定的投诉"], rows["其中有效"]) == (len(complaints), valid)
    assert rows["有效投诉率"] == pytest.approx(valid / len(complaints))
    assert rows["目标（不高于）"] == pytest.approx(0.4)
    assert rows["结论"] == ("达标" if valid / len(complaints) <= 0.4 else "未达标")


def test_every_sheet_on_both_engines(branch: Branch, tmp_path: Path) -> None:
    """The same checks on the work cases (tests/work_cases.py), on SQLite and PostgreSQL: the JSON grouping
    (``->>`` on PostgreSQL), the step joins and the Pareto order."""
    from tests.work_cases import many_states

    b = branch
    many_states(b)
    b.desk.admin.save_custom_field(b["admin"], "region", "区域", "choice", REGIONS)
    with b.desk.db.write() as session:
        ids = list(session.scalars(select(Case.id).order_by(Case.id)))
        for index, case_id in enumerate(ids):
            if index % 3:
                values = {"region": REGIONS[index % 2]}
                session.execute(update(Case).where(Case.id == case_id).values(custom_values=values))
    period = parse_period("2026-Q4")
    path = b.desk.reports.export_summary(b["crm"], period, tmp_path / "q.xlsx")
    book = openpyxl.load_workbook(path)
    with b.desk.db.read() as session:
        check_pareto(session, period, book, at_least=2)
        check_groupings(session, period, book)
        check_steps(session, period, book)


def test_a_field_broken_down_by_by_field_has_one_sheet(demo_desk: BranchDesk, tmp_path: Path) -> None:
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    path = tmp_path / "q.xlsx"
    demo_desk.reports.export_summary(crm, parse_period("2026-Q4"), path, by_field="region")
    names = openpyxl.load_workbook(path).sheetnames
    assert [n for n in names if n.startswith("按区域")] == ["按区域"]
