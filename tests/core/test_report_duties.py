"""Report duties (issue 15 part M): which report is due when (pure), who owes it, made = exported (app
service and CLI), the administrator's list with its checks and stale-write refusal, the policy file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from branchdesk.domain.periods import parse_period
from branchdesk.domain.report_duties import Duty, duty_problems, owed, window
from branchdesk.errors import ConcurrentChange, FieldError, PermissionDenied
from branchdesk.i18n import render
from branchdesk.policy.presets import find
from branchdesk.storage.models import Event, ReportMade
from tests.conftest import START, Branch

GENERAL = Path(__file__).parents[2] / "branchdesk" / "presets" / "general.toml"
MONTHLY = Duty("month", "after_end", 10, "cr_manager", None, "客诉案件统计表")
WEEKLY = Duty("week", "after_end", 1, "cr_manager", None, "周报")
HALF = Duty("half", "last_month", 10, "cr_manager", None, "半年总结")
LONG_AGO = date(2000, 1, 1)


# --- the rule (pure) -------------------------------------------------------------------------------


def test_a_month_ending_on_a_friday_is_due_on_the_10th_and_overdue_from_the_11th() -> None:
    july = parse_period("2026-07")  # 31 July 2026 is a Friday
    assert july.end - timedelta(days=1) == date(2026, 7, 31) and date(2026, 7, 31).isoweekday() == 5
    assert window(MONTHLY, july) == (date(2026, 8, 1), date(2026, 8, 10))
    assert [o.period.key for o in owed(MONTHLY, date(2026, 7, 31), date(2026, 6, 20), {"2026-06"})] == []
    on_1st = owed(MONTHLY, date(2026, 8, 1), date(2026, 7, 2), set())
    assert [(o.period.key, o.overdue) for o in on_1st] == [("2026-07", False)]
    assert [o.overdue for o in owed(MONTHLY, date(2026, 8, 10), date(2026, 7, 2), set())] == [False]
    assert [o.overdue for o in owed(MONTHLY, date(2026, 8, 11), date(2026, 7, 2), set())] == [True]


def test_the_10th_on_a_holiday_or_weekend_stays_the_10th() -> None:
    """The policies name a date (每月十日前, 每月初10日内): the due date counts calendar days, so
    September's report is due on Saturday 10 October 2026, just after the National Day holiday."""
    due = window(MONTHLY, parse_period("2026-09"))[1]
    assert due == date(2026, 10, 10) and due.isoweekday() == 6
    assert owed(MONTHLY, date(2026, 10, 12), date(2026, 9, 1), set())[0].overdue


def test_weekly_on_monday_and_the_half_year_in_june_and_december() -> None:
    week = parse_period("2026-W47")  # 16–22 November
    assert window(WEEKLY, week) == (date(2026, 11, 23), date(2026, 11, 23))
    assert [o.period.key for o in owed(WEEKLY, date(2026, 11, 23), date(2026, 11, 23), set())] == ["2026-W47"]
    # 000 篇7 (三)4: 每年6月和12月的前10日汇总半年来的投诉处理情况
    assert window(HALF, parse_period("2026-H1")) == (date(2026, 6, 1), date(2026, 6, 10))
    assert window(HALF, parse_period("2026-H2")) == (date(2026, 12, 1), date(2026, 12, 10))
    in_june = owed(HALF, date(2026, 6, 5), date(2026, 6, 1), set())
    assert [(o.period.key, o.overdue) for o in in_june] == [("2026-H1", False)]
    assert [o.period.key for o in owed(HALF, date(2026, 11, 30), date(2026, 6, 1), {"2026-H1"})] == []


def test_older_unmade_periods_count_from_the_day_the_duty_came_in() -> None:
    today = date(2026, 11, 2)
    # The latest period is always owed, even to a duty that came in today.
    assert [o.period.key for o in owed(MONTHLY, today, today, set())] == ["2026-10"]
    keys = [o.period.key for o in owed(MONTHLY, today, date(2026, 9, 15), set())]
    assert keys == ["2026-10", "2026-09"]  # August's window opened on 1 September, before the duty came in
    assert [o.period.key for o in owed(MONTHLY, today, date(2026, 9, 15), {"2026-10"})] == ["2026-09"]
    assert len(owed(MONTHLY, today, LONG_AGO, set())) == 12  # bounded


@pytest.mark.parametrize(
    ("duty", "fields"),
    [
        (Duty("fortnight", "after_end", 10, "cr_manager", None, "x"), {"kind"}),
        (Duty("month", "whenever", 10, "cr_manager", None, "x"), {"rule"}),
        (Duty("month", "after_end", 0, "cr_manager", None, "x"), {"day"}),
        (Duty("month", "after_end", 61, "cr_manager", None, "x"), {"day"}),
        (Duty("quarter", "last_month", 29, "cr_manager", None, "x"), {"day"}),
        (Duty("month", "last_month", 10, "cr_manager", None, "x"), {"rule"}),
        (Duty("month", "after_end", 10, "admin", None, "x"), {"role"}),
        (Duty("month", "after_end", 10, "cr_manager", "NOPE", "x"), {"department"}),
        (Duty("month", "after_end", 10, "cr_manager", None, "  "), {"label"}),
        (Duty("month", "after_end", 10, "cr_manager", None, "x" * 61), {"label"}),
    ],
)
def test_a_bad_duty_is_refused_at_its_field(duty: Duty, fields: set[str]) -> None:
    problems = duty_problems(duty, {"CS", "QA"})
    assert set(problems) == fields
    for problem in problems.values():
        render(problem)


# --- who owes what, made = exported ------------------------------------------------------------


def test_the_cr_manager_owes_the_shipped_monthly_report_until_a_summary_is_exported(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    crm, gm = b["crm"], b["gm"]
    # The template branch was made on 3 September: September's and October's reports are owed on 2 November.
    owed_now = b.desk.report_duties.owed(crm)
    assert [(o.period_key, o.overdue, o.due) for o in owed_now] == [
        ("2026-09", True, date(2026, 10, 10)),
        ("2026-10", False, date(2026, 11, 10)),
    ]
    assert "已逾期" in render(owed_now[0].line) and "2026年9月" in render(owed_now[0].line)
    assert b.desk.report_duties.owed(b["clerk"]) == ()
    # The GM owes the same monthly report (a second duty): one export makes it for both.
    rows = b.desk.report_duties.duties(b["admin"])
    b.desk.report_duties.save(
        b["admin"], None, label="总经理月报", kind="month", rule="after_end", day=15, role="gm"
    )
    assert [o.period_key for o in b.desk.report_duties.owed(gm)] == ["2026-10"]  # came in today
    target = b.desk.reports.export_summary(crm, parse_period("2026-10"), tmp_path / "oct.xlsx")
    assert target.exists()
    assert [o.period_key for o in b.desk.report_duties.owed(crm)] == ["2026-09"]
    assert b.desk.report_duties.owed(gm) == ()
    with b.desk.db.read() as session:
        made = session.scalars(select(ReportMade)).one()
        assert (made.period_key, made.kind, made.file_name) == ("2026-10", "month", "oct.xlsx")
        event = session.scalars(select(Event).where(Event.action == "report_made")).one()
        assert event.case_id is None and event.actor_id == crm.user_id
    # A quarter or a date range is no monthly duty's period; the range is not recorded at all.
    b.desk.reports.export_summary(crm, parse_period("2026-09-01..2026-09-30"), tmp_path / "r.xlsx")
    assert [o.period_key for o in b.desk.report_duties.owed(crm)] == ["2026-09"]
    b.desk.reports.export_monthly(crm, 2026, 9, tmp_path / "sep.xlsx")  # the monthly preset counts too
    assert b.desk.report_duties.owed(crm) == ()
    # On 11 November a new month's report is not yet owed; on 1 December November's is.
    b.clock.now = datetime(2026, 12, 11, 9, 0)
    assert [(o.period_key, o.overdue) for o in b.desk.report_duties.owed(crm)] == [("2026-11", True)]
    assert rows[0].label == "客诉案件统计表"


def test_a_duty_of_one_department_is_owed_only_there(branch: Branch) -> None:
    b = branch
    b.desk.report_duties.save(
        b["admin"],
        None,
        label="质量月报",
        kind="month",
        rule="after_end",
        day=5,
        role="dept_manager",
        department="QA",
    )
    assert [o.label for o in b.desk.report_duties.owed(b["qa_mgr"])] == ["质量月报"]
    assert b.desk.report_duties.owed(b["sales_mgr"]) == ()


def test_the_administrator_edits_duties_checked_at_the_field_and_never_over_a_newer_change(
    branch: Branch,
) -> None:
    b = branch
    admin = b["admin"]
    with pytest.raises(FieldError) as refused:
        b.desk.report_duties.save(
            admin, None, label="", kind="month", rule="last_month", day=99, role="boss", department="XX"
        )
    assert set(refused.value.texts) == {"label", "day", "role", "department"}  # last_month: day 1–28
    with pytest.raises(PermissionDenied):
        b.desk.report_duties.save(b["crm"], None, label="x", kind="month", rule="after_end", day=1, role="gm")
    with pytest.raises(FieldError) as twin:  # one per period kind, role and department (the file's key)
        b.desk.report_duties.save(
            admin, None, label="又一份", kind="month", rule="after_end", day=5, role="cr_manager"
        )
    assert set(twin.value.texts) == {"kind"}
    duty = b.desk.report_duties.duties(admin)[0]
    b.desk.report_duties.save(
        admin,
        duty.id,
        label="统计表",
        kind="month",
        rule="after_end",
        day=8,
        role="cr_manager",
        seen=duty.version,
    )
    changed = b.desk.report_duties.duties(admin)[0]
    assert (changed.day, changed.version) == (8, duty.version + 1)
    assert render(changed.rule_text) == "期间结束后第 8 天"
    with pytest.raises(ConcurrentChange) as stale:
        b.desk.report_duties.save(
            admin,
            duty.id,
            label="x",
            kind="month",
            rule="after_end",
            day=9,
            role="cr_manager",
            seen=duty.version,
        )
    assert "管理员" in render(stale.value.text)
    with pytest.raises(ConcurrentChange):
        b.desk.report_duties.remove(admin, duty.id, duty.version)
    b.desk.report_duties.remove(admin, duty.id, changed.version)
    assert b.desk.report_duties.duties(admin) == ()
    assert b.desk.report_duties.owed(b["crm"]) == ()
    with b.desk.db.read() as session:
        assert session.scalar(select(Event).where(Event.action == "report_duty").limit(1)) is not None


# --- the policy file ------------------------------------------------------------------------------


def test_duties_round_trip_through_the_policy_file(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    b.desk.report_duties.save(
        admin,
        None,
        label="半年总结",
        kind="half",
        rule="last_month",
        day=10,
        role="cr_manager",
        department="CS",
    )
    first = b.desk.policy.export(admin)
    assert '[[report_duties]]\nlabel = "半年总结"\nkind = "half"\nrule = "last_month"\nday = 10\n' in first
    assert 'department = "CS"' in first
    assert b.desk.policy.preview(admin, first).changes == ()
    result = b.desk.policy.apply(admin, GENERAL.read_text(encoding="utf-8"))
    assert any(c.section == "report_duties" for c in result.changes)
    assert [d.label for d in b.desk.report_duties.duties(admin)] == ["客诉案件统计表"]
    b.desk.policy.apply(admin, first)
    assert b.desk.policy.export(admin) == first
    # A preset carries its seed's duties: 4S 店 weekly and monthly (000 篇1 2.8).
    dealer = find("auto_dealer")
    assert dealer is not None
    b.desk.policy.apply(admin, dealer.text())
    assert [(d.kind, d.day) for d in b.desk.report_duties.duties(admin)] == [("week", 1), ("month", 10)]


def test_a_bad_duty_in_the_policy_file_is_named_at_its_place(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    good = b.desk.policy.export(admin)
    bad = good.replace(
        'kind = "month"\nrule = "after_end"\nday = 10', 'kind = "fortnight"\nrule = "after_end"\nday = 0'
    )
    problems = [render(p) for p in b.desk.policy.preview(admin, bad).problems]
    assert problems == ["report_duties[0].day：数值应在 1 到 60 之间"]
    bad = good.replace('kind = "month"\nrule = "after_end"', 'kind = "fortnight"\nrule = "after_end"')
    problems = [render(p) for p in b.desk.policy.preview(admin, bad).problems]
    assert problems == ["report_duties[0].kind：报表期间「fortnight」无效：应为周、月、季度、半年或年"]
    assert b.desk.policy.export(admin) == good


def test_migration_0031_gives_an_existing_branch_the_shipped_duty(branch: Branch) -> None:
    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    with b.desk.db.read() as session:
        events = session.execute(text("SELECT count(*) FROM event")).scalar_one()
    rewind_to(b.desk.db, revision_before("0031"))
    with b.desk.db.read() as session:
        tables = {r[0] for r in session.execute(text("SELECT version_num FROM alembic_version"))}
    assert tables == {revision_before("0031")}
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)
    rows = fresh.report_duties.duties(b["admin"])
    assert [(r.label, r.kind, r.rule, r.day, r.role) for r in rows] == [
        ("客诉案件统计表", "month", "after_end", 10, "cr_manager")
    ]
    with fresh.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM event")).scalar_one() == events
        assert session.execute(text("SELECT count(*) FROM report_made")).scalar_one() == 0
    assert [o.period_key for o in fresh.report_duties.owed(b["crm"])][-1:] == ["2026-10"]
    assert START.date() == date(2026, 11, 2)


def test_cli_reports_due_one_line_each_and_made_by_the_cli_export(tmp_path: Path) -> None:
    from branchdesk.demo import DEMO_PASSWORD
    from tests.core.test_cli import run

    db = str(tmp_path / "d.sqlite3")
    made = run("--db", db, "init", "--demo", "--seed", "7", "--cases", "20")
    assert made.returncode == 0, made.stderr
    login = ["--user", "crm", "--password-stdin"]
    due = run("--db", db, "reports", "due", "--date", "2026-11-12", *login, stdin=f"{DEMO_PASSWORD}\n")
    assert due.returncode == 0, due.stderr
    lines = due.stdout.splitlines()  # the demo's branch came in months before: older months are owed too
    assert lines[-1] == "已逾期\t客诉案件统计表\t2026-10\t2026年10月\t2026-11-10"
    assert all(line.startswith("已逾期\t") and line.count("\t") == 4 for line in lines)
    target = tmp_path / "oct.xlsx"
    export = run(
        "--db",
        db,
        "export",
        "summary",
        "--period",
        "2026-10",
        "-o",
        str(target),
        *login,
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert export.returncode == 0, export.stderr
    after = run("--db", db, "reports", "due", "--date", "2026-11-12", *login, stdin=f"{DEMO_PASSWORD}\n")
    assert after.returncode == 0 and after.stdout.splitlines() == lines[:-1]
    bad = run("--db", db, "reports", "due", "--date", "2026-13-01", *login, stdin=f"{DEMO_PASSWORD}\n")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "--date" in bad.stderr
    far = run("--db", db, "reports", "due", "--date", "9999-12-31", *login, stdin=f"{DEMO_PASSWORD}\n")
    assert far.returncode != 0 and len(far.stderr.strip().splitlines()) == 1 and "2100" in far.stderr


ODD: list[object] = [None, "", "x" * 10_000, -1, 2**63, 3.5, True, ["month"], {"a": 1}, "月", "\x00"]


def test_odd_values_at_every_entry_point_are_refused_by_name_never_crash(branch: Branch) -> None:
    """Bounded input: any value in any argument ends in a ``BranchDeskError`` (a field named) or works."""
    from branchdesk.errors import BranchDeskError

    b = branch
    admin = b["admin"]
    good = {"label": "周报", "kind": "week", "rule": "after_end", "day": 1, "role": "cr_manager"}
    duty = b.desk.report_duties.duties(admin)[0]
    for key in (*good, "department"):
        for value in ODD:
            try:
                b.desk.report_duties.save(admin, None, **{**good, key: value})  # type: ignore[arg-type]
            except BranchDeskError:
                continue
    for value in ODD:
        for call in (
            lambda value=value: b.desk.report_duties.save(admin, value, **good, seen=duty.version),  # type: ignore[arg-type]
            lambda value=value: b.desk.report_duties.save(admin, duty.id, **good, seen=value),  # type: ignore[arg-type]
            lambda value=value: b.desk.report_duties.remove(admin, value, 1),  # type: ignore[arg-type]
            lambda value=value: b.desk.report_duties.owed(b["crm"], value),  # type: ignore[arg-type]
        ):
            try:
                call()
            except BranchDeskError:
                continue
    rows = b.desk.report_duties.duties(admin)
    keys = [(r.kind, r.role, r.department) for r in rows]
    assert len(rows) <= 20 and len(set(keys)) == len(keys)
    text = b.desk.policy.export(admin)  # whatever was saved, the policy file still round-trips
    assert (
        b.desk.policy.preview(admin, text).problems == () and b.desk.policy.preview(admin, text).changes == ()
    )
    assert len(rows) == 2 and "\x00" not in text
