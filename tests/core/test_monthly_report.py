"""The monthly summary: figures agree with the database and the queue, and the workbook reads back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from branchdesk.domain.vocab import Decision
from branchdesk.errors import PermissionDenied
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import (
    FollowUpInput,
    ReplyInput,
)
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case


def close_one(b: Branch, amount: str, received: datetime, closed: datetime, **form: object) -> str:
    """A complaint received at ``received`` and closed at ``closed`` through the services."""
    b.clock.now = received
    shares = [(b["handler"].department_id or 0, 60), (b["handler2"].department_id or 0, 40)]
    ref = proposed_case(b, "compensation", amount, shares, **form)
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", True))
    b.clock.now = closed
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 4))
    b.desk.cases.close(b["crm"], ref.id)
    return ref.case_no


def test_figures_of_a_month_with_cases_spanning_month_ends(branch: Branch, tmp_path: Path) -> None:
    b = branch
    # received in October, closed in November; received and closed in November; received in November, open
    close_one(b, "1000", datetime(2026, 10, 30, 10, 0), datetime(2026, 11, 2, 10, 0), order_no="A")
    close_one(
        b,
        "2000",
        datetime(2026, 11, 3, 9, 0),
        datetime(2026, 11, 3, 15, 0),
        order_no="B",
        phone="13900000001",
    )
    b.clock.now = datetime(2026, 11, 27, 9, 0)
    b.desk.intake.register(b["clerk"], complaint_form(order_no="C", phone="13900000002", channel="visit"))
    b.desk.intake.register(
        b["clerk"], complaint_form(order_no="D", phone="13900000003", kind="consultation", request_type="")
    )
    b.clock.now = datetime(2026, 12, 2, 9, 0)
    report = b.desk.reports.monthly(b["crm"], 2026, 11)
    assert report.received == 3
    assert report.closed == 2
    assert report.by_kind == {"投诉": 2, "咨询": 1}
    assert report.by_channel == {"来电": 2, "来访": 1}
    assert [r.case_no for r in report.closed_rows] == ["202610-001", "202611-001"]
    assert report.compensation_by_type == {"赔偿": 300000}
    qa = next(d for d in report.departments if d.department == "质量管理部")
    assert (qa.cases, round(qa.weighted, 2), qa.compensation_fen) == (2, 1.2, 180000)
    assert report.follow_up_due == report.followed_up == 2
    assert report.average_satisfaction == 4
    assert sorted(o.case_no for o in report.open_rows) == ["202611-002", "202611-003"]
    assert report.closed_rows[1].on_time and report.closed_rows[1].working_days == 0
    # the same figures as the queue the app shows
    crm = b["crm"]
    for kind, count in (("complaint", 2), ("consultation", 1)):
        page = b.desk.queries.queue_page(
            crm, QueueFilter(kinds=[kind], received_from=date(2026, 11, 1), received_to=date(2026, 11, 30))
        )
        assert page.total == count
    october = b.desk.reports.monthly(crm, 2026, 10)
    assert (october.received, october.closed, len(october.open_rows)) == (1, 0, 1)

    path = b.desk.reports.export_monthly(crm, 2026, 11, tmp_path / "m.xlsx")
    workbook = openpyxl.load_workbook(path)
    # 纠正预防措施: issue 14 B; 奖罚: issue 14 C
    assert workbook.sheetnames == ["汇总", "结案明细", "责任归属", "未结案件", "纠正预防措施", "奖罚"]
    summary = {row[0]: row[1] for row in workbook["汇总"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert summary["本月受理"] == 3 and summary["本月结案"] == 2 and summary["按时结案率"] == 1
    assert summary["赔偿"] == 3000
    closed = workbook["结案明细"]
    assert closed.freeze_panes == "A3" and closed.auto_filter.ref.startswith("A2:")
    assert [closed.cell(row=r, column=1).value for r in (3, 4)] == ["202610-001", "202611-001"]
    assert closed.cell(row=3, column=5).value == "138****5678"
    assert closed.cell(row=3, column=13).number_format == "#,##0.00"
    assert workbook["责任归属"].cell(row=3, column=1).value == "质量管理部"
    assert workbook["汇总"].page_setup.orientation == "landscape"
    assert len(workbook["汇总"]._charts) == 2


def test_a_month_without_cases(branch: Branch, tmp_path: Path) -> None:
    report = branch.desk.reports.monthly(branch["crm"], 2025, 2)
    assert (report.received, report.closed, report.on_time_rate, report.open_rows) == (0, 0, None, [])
    path = branch.desk.reports.export_monthly(branch["crm"], 2025, 2, tmp_path / "empty.xlsx")
    summary = openpyxl.load_workbook(path)["汇总"]
    values = {row[0]: row[1] for row in summary.iter_rows(min_row=3, values_only=True) if row[0]}
    assert values["本月受理"] == 0 and values["按时结案率"] == "—"


def test_only_managers_make_the_summary_and_the_cr_manager_is_reminded(branch: Branch) -> None:
    with pytest.raises(PermissionDenied):
        branch.desk.reports.monthly(branch["clerk"], 2026, 10)
    assert branch.desk.reports.monthly_reminder(branch["crm"], date(2026, 11, 10)) == (2026, 10)
    assert branch.desk.reports.monthly_reminder(branch["crm"], date(2026, 1, 3)) == (2025, 12)
    assert branch.desk.reports.monthly_reminder(branch["crm"], date(2026, 11, 11)) is None
    assert branch.desk.reports.monthly_reminder(branch["clerk"], date(2026, 11, 2)) is None
