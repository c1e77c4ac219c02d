"""The ledger (投诉台帐) export: paper columns first, every case of the period, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from branchdesk.errors import PermissionDenied
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import TriageInput
from tests.conftest import Branch, complaint_form


def test_ledger_of_a_period_reads_back(branch: Branch, tmp_path: Path) -> None:
    b = branch
    b.clock.now = datetime(2026, 10, 31, 16, 0)
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="王䶮𠮷", order_no="A"))
    b.clock.now = datetime(2026, 11, 2, 9, 0)
    second = b.desk.intake.register(b["clerk"], complaint_form(order_no="B", media_involved=True))
    b.desk.cases.triage(
        b["crm"], second.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )
    b.desk.intake.save_draft(b["clerk"], complaint_form(content=""))  # drafts are not in the ledger
    seen: list[tuple[int, int]] = []
    rows = b.desk.reports.export_ledger(
        b["crm"],
        date(2026, 10, 1),
        date(2026, 11, 30),
        tmp_path / "l.xlsx",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert rows == 2 and seen[-1] == (2, 2)
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    assert header[:9] == [
        "序号",
        "时间",
        "投诉人",
        "联系电话",
        "投诉内容",
        "受理人",
        "处理结果",
        "投诉人意见",
        "备注",
    ]
    first, last = [c.value for c in sheet[3]], [c.value for c in sheet[4]]
    assert first[0] == 1 and first[2] == "王䶮𠮷" and first[5] == "王小红"
    assert first[1] == datetime(2026, 10, 31, 16, 0)
    assert last[header.index("编号")] == "202611-001" and last[header.index("类别")] == "业务类 / 货损"
    assert last[header.index("重大")] == "是" and "重大" in last[header.index("备注")]
    assert sheet.freeze_panes == "C3"
    only_october = b.desk.reports.export_ledger(
        b["gm"], date(2026, 10, 1), date(2026, 10, 31), tmp_path / "o.xlsx"
    )
    assert only_october == 1


def test_the_queue_filter_exports_as_a_ledger(branch: Branch, tmp_path: Path) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(content="快递员态度恶劣"))
    b.desk.intake.register(b["clerk"], complaint_form(order_no="X", content="包装破损"))
    rows = b.desk.reports.export_queue(b["crm"], QueueFilter(search="态度"), tmp_path / "q.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "q.xlsx").active
    assert rows == 1 and sheet is not None and sheet.cell(row=3, column=5).value == "快递员态度恶劣"


def test_a_ledger_longer_than_one_chunk_streams_through(
    branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import branchdesk.reports.ledger_xlsx as ledger

    monkeypatch.setattr(ledger, "CHUNK", 2)  # five cases: three chunks
    for index in range(5):
        branch.desk.intake.register(
            branch["clerk"], complaint_form(order_no=f"N{index}", phone=f"1390000000{index}")
        )
    seen: list[int] = []
    rows = branch.desk.reports.export_ledger(
        branch["crm"],
        date(2026, 11, 1),
        date(2026, 11, 30),
        tmp_path / "c.xlsx",
        progress=lambda done, total: seen.append(done),
    )
    assert rows == 5 and seen == [2, 4, 5]
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert sheet is not None and [sheet.cell(row=r, column=1).value for r in range(3, 8)] == [1, 2, 3, 4, 5]


def test_exports_check_the_report_roles(branch: Branch, tmp_path: Path) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    for who in ("clerk", "handler", "qa_mgr", "admin"):
        with pytest.raises(PermissionDenied):
            b.desk.reports.export_ledger(b[who], date(2026, 11, 1), date(2026, 11, 30), tmp_path / "l.xlsx")
        with pytest.raises(PermissionDenied):
            b.desk.reports.export_queue(b[who], QueueFilter(), tmp_path / "q.xlsx")
        with pytest.raises(PermissionDenied):
            b.desk.reports.export_monthly(b[who], 2026, 11, tmp_path / "m.xlsx")
    assert not list(tmp_path.glob("*.xlsx"))  # nothing written for a refused export
    for who in ("crm", "deputy", "gm"):
        assert b.desk.reports.export_queue(b[who], QueueFilter(), tmp_path / f"{who}.xlsx") >= 0


def phones(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    column = [c.value for c in sheet[2]].index("联系电话") + 1
    return [str(sheet.cell(row=r, column=column).value) for r in range(3, sheet.max_row + 1)]


def test_exports_mask_phones_the_reader_may_not_see(
    branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import branchdesk.services.reports as reports

    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(phone="138 0013 5678"))
    period = (date(2026, 11, 1), date(2026, 11, 30))
    b.desk.reports.export_ledger(b["crm"], *period, tmp_path / "full.xlsx")
    b.desk.reports.export_queue(b["crm"], QueueFilter(), tmp_path / "full-q.xlsx")
    assert phones(tmp_path / "full.xlsx") == phones(tmp_path / "full-q.xlsx") == ["138 0013 5678"]
    # Every report role may see phones today; a reader who may not (a narrower policy) gets them masked.
    seen: list[str] = []
    monkeypatch.setattr(reports, "may_see_phone", lambda actor: bool(seen.append(actor.username)))
    b.desk.reports.export_ledger(b["deputy"], *period, tmp_path / "masked.xlsx")
    b.desk.reports.export_queue(b["deputy"], QueueFilter(), tmp_path / "masked-q.xlsx")
    assert phones(tmp_path / "masked.xlsx") == phones(tmp_path / "masked-q.xlsx") == ["138****5678"]
    assert seen == ["deputy", "deputy"]  # asked of the reader, re-read inside the unit


def test_every_export_carries_the_audit_anchor(branch: Branch, tmp_path: Path) -> None:
    from branchdesk.services.audit import anchor, verify_audit

    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    head = anchor(b.desk.db)
    b.desk.reports.export_ledger(b["crm"], date(2026, 11, 1), date(2026, 11, 30), tmp_path / "l.xlsx")
    b.desk.reports.export_queue(b["crm"], QueueFilter(), tmp_path / "q.xlsx")
    b.desk.reports.export_monthly(b["crm"], 2026, 11, tmp_path / "m.xlsx")
    for name, cell in (("l.xlsx", "G1"), ("q.xlsx", "G1"), ("m.xlsx", "A2")):
        workbook = openpyxl.load_workbook(tmp_path / name)
        assert workbook.worksheets[0][cell].value == f"审计链 {head}", name
        assert workbook.custom_doc_props["审计链"].value == head, name
        assert workbook.properties.keywords == head and head in (workbook.properties.description or "")
    verdict, _text = verify_audit(b.desk.db, head)
    assert verdict.ok
