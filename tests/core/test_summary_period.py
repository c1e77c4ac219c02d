"""One summary for any period (issue 15 part S): each written form gives a workbook whose figures,
read back with openpyxl, are the database's own counts; the comparison rows likewise."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from branchdesk.demo import DEMO_PASSWORD, build_demo
from branchdesk.domain.periods import Period, parse_period
from branchdesk.domain.vocab import Status
from branchdesk.errors import FieldError
from branchdesk.services.app import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import Case, Escalation
from tests.conftest import Branch, MutableClock
from tests.core.test_cli import run
from tests.work_cases import many_states

END = datetime(2026, 11, 20, 17, 0)
FORMS = ["2026-W46", "2026-10", "2026-Q4", "2026-H2", "2026", "2026-09-15..2026-11-15"]


@pytest.fixture(scope="module")
def demo_desk(tmp_path_factory: pytest.TempPathFactory) -> BranchDesk:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))), MutableClock(END))
    build_demo(desk, cases=80, end=END)
    return desk


def bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time.min), datetime.combine(period.end, time.min)


def sql_counts(session: Session, period: Period) -> dict[str, int]:
    """The figures straight from the tables (the test's own queries, not the builder's)."""
    start, end = bounds(period)
    counted = Case.status.not_in([Status.DRAFT.value, Status.VOID.value])
    count = func.count(Case.id)
    return {
        "received": session.scalar(
            select(count).where(Case.received_at >= start, Case.received_at < end, counted)
        )
        or 0,
        "closed": session.scalar(
            select(count).where(
                Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value
            )
        )
        or 0,
        "open_at_end": session.scalar(
            select(count).where(
                Case.received_at < end, counted, Case.closed_at.is_(None) | (Case.closed_at >= end)
            )
        )
        or 0,
    }


def summary_cells(path: Path) -> tuple[dict[str, Any], dict[str, tuple[Any, ...]], openpyxl.Workbook]:
    """汇总 as label → value, its comparison rows as label → (received, closed, rate)."""
    book = openpyxl.load_workbook(path)
    rows = list(book["汇总"].iter_rows(min_row=3, values_only=True))
    values = {str(r[0]): r[1] for r in rows if r and r[0] is not None}
    comparison: dict[str, tuple[Any, ...]] = {}
    inside = False
    for r in rows:
        if r and r[0] == "对比":
            inside = True
        elif inside and r and r[0]:
            comparison[str(r[0])] = tuple(r[1:4])
        elif inside:
            break
    return values, comparison, book


def check_workbook(session: Session, period: Period, path: Path) -> dict[str, int]:
    counts = sql_counts(session, period)
    values, comparison, book = summary_cells(path)
    w = "月" if period.kind == "month" else "期"
    assert values[f"本{w}受理"] == counts["received"]
    assert values[f"本{w}结案"] == counts["closed"]
    assert values[f"{w}末未结"] == counts["open_at_end"]
    assert book["结案明细"].max_row - 2 == counts["closed"]
    assert book["未结案件"].max_row - 2 == counts["open_at_end"]
    this = comparison[f"本{w}"]
    assert this[:2] == (counts["received"], counts["closed"])
    for label, other in ((f"上{w}", period.previous()), (f"去年同{w}", period.last_year())):
        expected = sql_counts(session, other)
        assert comparison[f"{label}（{other.key}）"][:2] == (expected["received"], expected["closed"])
    title = str(book["汇总"]["A1"].value)
    assert period.label.render("zh_CN") in title
    if period.kind == "month":
        assert "对比" not in book.sheetnames  # the monthly workbook keeps its sheets
    else:
        check_comparison_sheet(session, period, book)
    return counts


def check_comparison_sheet(session: Session, period: Period, book: openpyxl.Workbook) -> None:
    """对比: this period, the previous one, the same one last year — each column the tables' counts."""
    sheet = book["对比"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=3, values_only=True) if r and r[0]}
    headers = [c.value for c in sheet[2]]
    previous, last_year = period.previous().key, period.last_year().key
    assert headers == ["指标", "本期", f"上期（{previous}）", f"去年同期（{last_year}）"]
    for column, other in enumerate((period, period.previous(), period.last_year())):
        counts = sql_counts(session, other)
        start, end = bounds(other)
        assert (rows["受理"][column], rows["结案"][column]) == (counts["received"], counts["closed"])
        repeat = session.scalar(
            select(func.count(Case.id)).where(
                Case.received_at >= start,
                Case.received_at < end,
                Case.status.not_in([Status.DRAFT.value, Status.VOID.value]),
                Case.is_repeat.is_(True),
            )
        )
        escalated = session.scalar(
            select(func.count(func.distinct(Escalation.case_id))).where(
                Escalation.at >= start, Escalation.at < end
            )
        )
        for label, part in (("重复投诉率", repeat), ("升级率", escalated)):
            if counts["received"]:
                assert rows[label][column] == pytest.approx((part or 0) / counts["received"]), label
            else:
                assert rows[label][column] == "—", label


@pytest.mark.parametrize("form", FORMS)
def test_each_period_form_matches_sql_counts_on_the_demo(
    demo_desk: BranchDesk, form: str, tmp_path: Path
) -> None:
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    period = parse_period(form)
    path = demo_desk.reports.export_summary(crm, period, tmp_path / "s.xlsx")
    with demo_desk.db.read() as session:
        counts = check_workbook(session, period, path)
    if period.kind != "week":  # the demo's cases lie in the months before END: a count that can fail
        assert counts["received"] > 0 and counts["closed"] > 0
    if period.kind == "year":  # the demo has repeats and escalations: the rates are not all zero
        rates = {r[0]: r[1] for r in openpyxl.load_workbook(path)["对比"].iter_rows(values_only=True) if r}
        assert rates["重复投诉率"] > 0 and rates["升级率"] > 0


def test_the_month_preset_is_the_same_workbook(
    demo_desk: BranchDesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.core.test_monthly_equivalence import assert_same_workbook

    # Each export records its period as made (issue 15 part M), an audit event that moves the chain head
    # the second workbook is stamped with; this test compares the workbooks, not that record.
    monkeypatch.setattr("branchdesk.services.reports.record_made", lambda *_args: None)
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    monthly = demo_desk.reports.export_monthly(crm, 2026, 10, tmp_path / "m.xlsx")
    summary = demo_desk.reports.export_summary(crm, parse_period("2026-10"), tmp_path / "s.xlsx")
    assert_same_workbook(monthly, summary)


def test_a_year_has_one_trend_point_per_month_and_the_sums_agree(demo_desk: BranchDesk) -> None:
    crm = demo_desk.auth.login("crm", DEMO_PASSWORD)
    year = demo_desk.reports.summary(crm, parse_period("2026"))
    assert [label for label, _r, _c in year.trend] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert sum(r for _l, r, _c in year.trend) == year.received
    assert sum(c for _l, _r, c in year.trend) == year.closed
    months = [demo_desk.reports.monthly(crm, 2026, m) for m in range(1, 13)]
    assert year.received == sum(m.received for m in months)
    assert year.by_kind == {
        k: sum(m.by_kind.get(k, 0) for m in months) for k in year.by_kind
    }


def test_weeks_and_quarters_on_both_engines(branch: Branch, tmp_path: Path) -> None:
    """Cases over six weeks (tests/work_cases.py), summarised by week, quarter and range."""
    b = branch
    many_states(b)
    for form in ("2026-W41", "2026-W43", "2026-Q3", "2026-Q4", "2026-09-28..2026-10-25"):
        period = parse_period(form)
        path = b.desk.reports.export_summary(b["crm"], period, tmp_path / f"{period.kind}.xlsx")
        with b.desk.db.read() as session:
            check_workbook(session, period, path)
    with b.desk.db.read() as session:
        assert sql_counts(session, parse_period("2026-Q4"))["received"] > 0


def test_export_summary_in_the_cli_one_line_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite3")
    made = run("--db", db, "init", "--demo", "--seed", "7", "--cases", "40")
    assert made.returncode == 0, made.stderr
    login = ["--user", "crm", "--password-stdin"]
    bad = run("--db", db, "export", "summary", "--period", "2026-Q5", *login, stdin=f"{DEMO_PASSWORD}\n")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
    assert "期间写作 2026-W47" in bad.stderr
    target = tmp_path / "q.xlsx"
    good = run(
        "--db", db, "export", "summary", "--period", "2026-Q4", "-o", str(target), *login,
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert good.returncode == 0, good.stderr
    assert "第4季度" in str(openpyxl.load_workbook(target)["汇总"]["A1"].value)


def test_a_bad_period_reaches_no_report(demo_desk: BranchDesk) -> None:
    with pytest.raises(FieldError):
        parse_period("2026-W99")
