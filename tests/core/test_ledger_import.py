"""Importing a branch's Excel ledger: the sample (dry run, real run, second run) and a messier one."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from branchdesk.domain.vocab import Status
from branchdesk.errors import FieldError, PermissionDenied
from branchdesk.i18n import render
from branchdesk.read.queue import QueueFilter
from branchdesk.reports.ledger_import import parse_date
from branchdesk.storage.models import Event
from tests.conftest import PASSWORD, Branch

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ledger-2025-sample.xlsx"  # copy of shared/samples


def test_sample_ledger_dry_run_real_run_second_run(branch: Branch) -> None:
    b = branch
    dry = b.desk.ledger_import.import_ledger(b["crm"], SAMPLE, dry_run=True)
    assert (dry.imported, dry.duplicates, dry.problems, dry.committed) == (60, 0, [], False)
    assert dry.header_row == 2 and dry.mapping["received_at"] == "受理日期"
    assert b.desk.queries.queue_page(b["crm"], QueueFilter()).total == 0  # nothing written
    real = b.desk.ledger_import.import_ledger(b["crm"], SAMPLE)
    assert (real.imported, real.committed) == (60, True)
    assert [o.case_no for o in real.outcomes[:3]] == ["202501-001", "202501-002", "202501-003"]
    again = b.desk.ledger_import.import_ledger(b["crm"], SAMPLE)
    assert (again.imported, again.duplicates) == (0, 60)
    page = b.desk.queries.queue_page(b["crm"], QueueFilter(search="王䶮"))
    assert page.total == 7
    detail = b.desk.queries.case_detail(b["crm"], real.outcomes[6].case_no)  # row 9: 王䶮, 2025-01-29, 重大
    assert detail.intake.complainant_name.startswith("王䶮") and detail.is_major
    assert detail.status == Status.CLOSED and detail.closed_at == datetime(2025, 2, 8, 17, 30)
    assert detail.intake.channel is not None and detail.intake.channel.label == "上级/监管部门转办"
    registered = render(detail.timeline[0].text)
    assert "从台帐导入" in registered and "第 9 行" in registered
    landline = b.desk.queries.case_detail(b["crm"], real.outcomes[7].case_no)  # 016-84656321
    assert landline.intake.phone == "016-84656321"
    assert "赔偿200元" in landline.intake.request_text and landline.intake.request_amount_fen == 20000


def make_messy_ledger(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "2024台账"
    sheet.append(["XX分公司投诉台账"])
    sheet.append(["制表：客服部", None, "2024年"])
    sheet.append([])
    sheet.append(["编号", "投诉时间", "客户姓名", "电话", "问题描述", "诉求", "处理情况", "完成日期"])
    sheet.append([1, "2024年3月5日", "张三", "138 0013 8000", "送货晚了两天", "道歉", "已致歉", "2024.3.6"])
    sheet.append([2, "2024.3.7 14:30", "李四", "021-6123 4567", "发票抬头错误", "重开发票", None, None])
    sheet.append([])
    sheet.append([3, 45400, "王五", "139-0000-1111", "包装破损", "换货", "已换货", "2024/4/20"])
    sheet.append([4, "三月某日", "赵六", "abc", "态度不好", "道歉", None, None])
    sheet.append(["合计", None, "4 件"])
    workbook.save(path)


def test_messy_ledger_is_read_and_problems_are_reported_by_row_and_column(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    path = tmp_path / "messy.xlsx"
    make_messy_ledger(path)
    dry = b.desk.ledger_import.import_ledger(b["crm"], path, dry_run=True)
    assert dry.header_row == 4 and dry.sheet == "2024台账"
    assert dry.skipped_blank == 1 and len(dry.skipped_total) == 1
    assert [(p.row, p.column) for p in dry.problems] == [(9, "受理日期"), (9, "联系电话")]
    refused = b.desk.ledger_import.import_ledger(b["crm"], path)
    assert not refused.committed and b.desk.queries.queue_page(b["crm"], QueueFilter()).total == 0
    partial = b.desk.ledger_import.import_ledger(b["crm"], path, skip_invalid=True)
    assert partial.imported == 3 and partial.committed
    open_case = b.desk.queries.case_detail(b["crm"], partial.outcomes[1].case_no)
    assert open_case.status == Status.REGISTERED  # no closing date: still to be handled
    assert open_case.intake.received_at == datetime(2024, 3, 7, 14, 30)
    serial = b.desk.queries.case_detail(b["crm"], partial.outcomes[2].case_no)
    assert serial.intake.received_at.date() == date(2024, 4, 18)


def test_parse_date_variants() -> None:
    assert parse_date("2025年3月5日") == datetime(2025, 3, 5)
    assert parse_date("2025.3.5") == datetime(2025, 3, 5)
    assert parse_date("2025/03/05 09:15") == datetime(2025, 3, 5, 9, 15)
    assert parse_date("２０２５－３－５") == datetime(2025, 3, 5)
    assert parse_date(45400) == datetime(2024, 4, 18)
    assert parse_date("2025年2月30日") is None and parse_date("下周") is None


def test_missing_columns_and_permissions(branch: Branch, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.append(["序号", "日期", "金额"])
    workbook.save(path)
    with pytest.raises(FieldError, match="找不到“投诉人”列"):
        branch.desk.ledger_import.import_ledger(branch["crm"], path, dry_run=True)
    with pytest.raises(PermissionDenied):
        branch.desk.ledger_import.import_ledger(branch["clerk"], SAMPLE, dry_run=True)


def test_import_from_the_command_line(branch: Branch) -> None:
    branch.desk.db.dispose()
    command = [
        *(sys.executable, "-m", "branchdesk", "--db", branch.url, "import", "ledger", str(SAMPLE)),
        *("--user", "crm", "--password-stdin"),
    ]

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        password = PASSWORD + "\n"
        return subprocess.run([*command, *extra], input=password, capture_output=True, text=True, check=False)

    dry = run("--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "第 3 行：导入 202501-001" in dry.stdout and "试运行：可导入 60 件" in dry.stdout
    real = run()
    assert real.returncode == 0 and "已导入：可导入 60 件" in real.stdout
    again = run()
    assert "已导入过 60 件" in again.stdout
    with branch.desk.db.read() as session:
        imports = session.scalars(select(Event.actor_id).where(Event.action == "admin.import")).all()
        assert imports == [branch["crm"].user_id] * 2  # each run is the named user's


def test_imported_cases_come_back_out_in_the_ledger_with_their_own_words(
    branch: Branch, tmp_path: Path
) -> None:
    from datetime import date

    b = branch
    b.desk.ledger_import.import_ledger(b["crm"], SAMPLE)
    rows = b.desk.reports.export_ledger(b["crm"], date(2025, 1, 1), date(2025, 12, 31), tmp_path / "out.xlsx")
    assert rows == 60
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None
    first = [c.value for c in sheet[3]]
    assert first[2] == "马超" and first[3] == "13815908301" and first[4] == "产品外包装破损，内物有划痕"
    assert first[5] == "刘敏"  # the ledger's own 受理人, not whoever ran the import
    assert first[6] == "已安排换货" and first[7] == "满意" and "台账导入" in first[8]
