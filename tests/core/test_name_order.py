"""Names sorted as a Chinese list orders people: by pinyin, stored beside the name (issue 16 "Queue")."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select, update

from branchdesk.domain.text import name_sort_key
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import CaseVersion
from branchdesk.storage.migrate import upgrade
from branchdesk.storage.models import Case
from tests.conftest import Branch, complaint_form
from tests.core.conftest import revision_before, rewind_to

_NAMES_AND_KEYS = select(Case.complainant_name, Case.complainant_sort)


def test_the_key_reads_names_in_pinyin_with_surname_readings() -> None:
    assert name_sort_key("王伟") == "wang wei|王伟"
    assert name_sort_key("单田芳").startswith("shan tian fang|")  # the surname reading, not dān
    assert name_sort_key("曾国藩").startswith("zeng guo fan|")
    assert name_sort_key("尉迟恭").startswith("yu chi gong|")
    assert name_sort_key(" Smith 约翰 ").startswith("smith yue han|")
    assert name_sort_key("") == name_sort_key(None) == ""
    names = ["张三", "王伟", "安娜", "单田芳", "李四", "曾国藩"]
    assert sorted(names, key=name_sort_key) == ["安娜", "李四", "单田芳", "王伟", "曾国藩", "张三"]
    assert len(name_sort_key("长" * 50)) <= 200


def _names_sorted(b: Branch) -> list[str]:
    rows = b.desk.queries.queue_page(b["crm"], QueueFilter(), sort="complainant_name", descending=False).rows
    return [row.complainant_name for row in rows]


def test_the_queue_sorts_by_name_in_pinyin_order_after_registration_and_correction(branch: Branch) -> None:
    b = branch
    refs = {
        name: b.desk.intake.register(b["clerk"], complaint_form(complainant_name=name))
        for name in ("张三", "王伟", "安娜", "单田芳")
    }
    # Code-point order would be 单 (5355) 安 (5B89) 张 (5F20) 王 (738B); pinyin is an, shan, wang, zhang.
    assert _names_sorted(b) == ["安娜", "单田芳", "王伟", "张三"]
    detail = b.desk.queries.case_detail(b["clerk"], refs["安娜"].id)
    b.desk.intake.correct_intake(
        b["clerk"], CaseVersion(detail.id, detail.version), {"complainant_name": "赵安娜"}, "姓名记错"
    )
    assert _names_sorted(b) == ["单田芳", "王伟", "张三", "赵安娜"]


def test_imported_cases_carry_the_key(branch: Branch, tmp_path: Path) -> None:
    b = branch
    ledger = tmp_path / "ledger.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["受理日期", "投诉人", "联系电话", "投诉内容"])
    sheet.append(["2026-10-08", "曾小贤", "13800001111", "快递破损"])
    sheet.append(["2026-10-09", "艾米", "13800002222", "发票开错"])
    book.save(ledger)
    report = b.desk.ledger_import.import_ledger(b["crm"], ledger)
    assert report.imported == 2
    assert _names_sorted(b) == ["艾米", "曾小贤"]
    with b.desk.db.read() as session:
        keys = {name: key for name, key in session.execute(_NAMES_AND_KEYS)}
    assert keys == {name: name_sort_key(name) for name in ("曾小贤", "艾米")}


def test_the_migration_fills_the_key_of_existing_cases(branch: Branch) -> None:
    b = branch
    for name in ("张三", "单田芳"):
        b.desk.intake.register(b["clerk"], complaint_form(complainant_name=name))
    rewind_to(b.desk.db, revision_before("0027"))
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        keys = {name: key for name, key in session.execute(_NAMES_AND_KEYS)}
    assert keys == {"张三": "zhang san|张三", "单田芳": "shan tian fang|单田芳"}
    with b.desk.db.write() as session:  # the migration wrote it, not the registration above
        session.execute(update(Case).values(complainant_sort=""))
    rewind_to(b.desk.db, revision_before("0027"))
    upgrade(b.desk.db)
    assert _names_sorted(b) == ["单田芳", "张三"]
