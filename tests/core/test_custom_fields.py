"""Issue 12 "fields": a 4S car dealer's own fields (车型, 车牌) from intake to the case view, the action
that corrects them, the forms, the ledger, the queue filter and the monthly breakdown; the branch profile."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from branchdesk.domain.vocab import Kind, Role, Status
from branchdesk.domain.workflow import Action, CaseFacts, refusal
from branchdesk.errors import BranchDeskError, ConcurrentChange, DomainError, FieldError, PermissionDenied
from branchdesk.read.queue import QueueFilter
from branchdesk.reports.ledger_xlsx import PAPER_COLUMNS, SYSTEM_COLUMNS
from branchdesk.services.branch_profile import BranchProfile
from branchdesk.services.dto import CaseVersion, TriageInput
from tests.conftest import Branch, complaint_form
from tests.core.test_printing import pages

MODELS = ["Model Y", "汉 EV", "卡罗拉"]


def dealer(b: Branch) -> None:
    """The dealer's fields: 车型 from a list (required), 车牌 free text."""
    b.desk.admin.save_custom_field(b["admin"], "car_model", "车型", "choice", MODELS, required=True)
    b.desk.admin.save_custom_field(b["admin"], "plate_no", "车牌", "text")


def registered(b: Branch, model: str = "汉 EV", plate: str = "沪A·12345") -> int:
    form = complaint_form(custom={"car_model": model, "plate_no": plate})
    return b.desk.intake.register(b["clerk"], form).id


def test_case_view_shows_custom_fields_with_labels_and_keeps_a_deactivated_one(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    shown = [(f.label, f.type, f.value, f.active) for f in view.custom_fields]
    assert shown == [("车型", "choice", "汉 EV", True), ("车牌", "text", "沪A·12345", True)]
    b.desk.admin.save_custom_field(b["admin"], "plate_no", "车牌", "text", active=False)
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    assert [(f.label, f.value, f.active) for f in view.custom_fields] == [
        ("车型", "汉 EV", True),
        ("车牌", "沪A·12345", False),
    ]


def test_editing_records_old_and_new_and_refuses_a_stale_version(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    seen = b.desk.queries.case_detail(b["clerk"], case_id).version
    ref = b.desk.intake.edit_custom_fields(
        b["crm"], CaseVersion(case_id, seen), {"car_model": "Model Y", "plate_no": "沪B·99999"}
    )
    assert ref.version != seen
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    assert view.custom == {"car_model": "Model Y", "plate_no": "沪B·99999"}
    entry = view.timeline[-1]
    assert entry.action == "edit_custom"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("车型", "汉 EV", "Model Y"),
        ("车牌", "沪A·12345", "沪B·99999"),
    ]
    with pytest.raises(ConcurrentChange):  # someone else's view, from before that change
        b.desk.intake.edit_custom_fields(b["clerk"], CaseVersion(case_id, seen), {"plate_no": "沪C·1"})
    assert b.desk.queries.case_detail(b["clerk"], case_id).custom["plate_no"] == "沪B·99999"


def test_editing_uses_the_intake_rules_and_the_workflow(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    with pytest.raises(FieldError) as error:
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"car_model": "拖拉机"})
    assert list(error.value.texts) == ["custom.car_model"]
    with pytest.raises(FieldError) as error:  # required stays required
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"car_model": ""})
    assert list(error.value.texts) == ["custom.car_model"]
    with pytest.raises(FieldError):
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"nonsense": "x"})
    b.desk.cases.triage(
        b["crm"],
        case_id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    b.desk.intake.edit_custom_fields(b["handler"], case_id, {"plate_no": "沪A·12346"})  # the case's handler
    with pytest.raises(BranchDeskError):  # another handler (who does not even see the case)
        b.desk.intake.edit_custom_fields(b["handler2"], case_id, {"plate_no": "x"})
    with pytest.raises(DomainError):  # a role the table does not name
        b.desk.intake.edit_custom_fields(b["gm"], case_id, {"plate_no": "x"})
    b.desk.cases.void(b["crm"], case_id, "重复登记")
    with pytest.raises(DomainError):
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"plate_no": "x"})
    assert b.desk.queries.case_detail(b["clerk"], case_id).custom["plate_no"] == "沪A·12346"


def test_the_workflow_lets_a_handler_edit_only_their_own_case() -> None:
    facts = CaseFacts(Status.IN_PROGRESS, Kind.COMPLAINT, 1, complained_user_id=None, recorder_id=3)
    assert refusal(Action.EDIT_CUSTOM, facts, 1, {Role.HANDLER}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.HANDLER}) is not None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.CLERK}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.CR_MANAGER}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.GM}) is not None
    for status in (Status.CLOSED, Status.VOID):
        closed = CaseFacts(status, Kind.COMPLAINT, handler_id=1, complained_user_id=None, recorder_id=3)
        assert refusal(Action.EDIT_CUSTOM, closed, 2, {Role.CLERK}) is not None


# --- forms -------------------------------------------------------------------------------------


def test_the_handling_form_prints_the_custom_fields_and_the_receipt_does_not(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"plate_no": "沪B·88888"})
    handling = "\n".join(pages(b.desk.printing.render(b["crm"], case_id, "handling", copies=[1]), tmp_path))
    assert "补充信息" in handling
    assert re.search(r"车型\s+汉 EV", handling)
    assert re.search(r"车牌\s+沪B·88888", handling)
    receipt = "\n".join(pages(b.desk.printing.render(b["clerk"], case_id, "receipt", copies=[1]), tmp_path))
    assert "车型" not in receipt and "补充信息" not in receipt
    # the setting chooses per form: the plate on the receipt, nothing on the handling form
    b.desk.admin.set_setting(b["admin"], "form_custom_fields", {"receipt": ["plate_no"], "handling": []})
    receipt = "\n".join(pages(b.desk.printing.render(b["clerk"], case_id, "receipt", copies=[1]), tmp_path))
    assert re.search(r"车牌\s+沪B·88888", receipt) and "车型" not in receipt
    handling = "\n".join(pages(b.desk.printing.render(b["crm"], case_id, "handling", copies=[1]), tmp_path))
    assert "车牌" not in handling
    # the pre-printed carbon set has no box for them: overlay prints the form without them
    overlay = "\n".join(
        pages(b.desk.printing.render(b["clerk"], case_id, "receipt", mode="overlay", copies=[1]), tmp_path)
    )
    assert "沪B·88888" not in overlay and "李先生" in overlay
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "form_custom_fields", {"nonsense": ["plate_no"]})
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "form_custom_fields", {"receipt": "plate_no"})


# --- the branch profile ------------------------------------------------------------------------


def test_the_receipt_prints_the_branch_address_and_phone_set_through_the_profile(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    case_id = b.desk.intake.register(b["clerk"], complaint_form()).id
    before = "\n".join(pages(b.desk.printing.render(b["clerk"], case_id, "receipt", copies=[1]), tmp_path))
    assert re.search(r"网点联系电话\s+—", before)
    profile = b.desk.branch_profile.get(b["clerk"])
    assert (profile.name, profile.code, profile.address) == ("测试网点", "TS01", "")
    saved = b.desk.branch_profile.save(
        b["admin"],
        BranchProfile(
            name="上海浦东4S店",
            code="sh01",
            address="上海市浦东新区张江路 88 号",
            phone="021-6234 5678",
            fax="021-6234 5679",
            postal_code="201203",
        ),
    )
    assert saved.code == "SH01"
    assert b.desk.branch_profile.get(b["clerk"]) == saved
    receipt = "\n".join(pages(b.desk.printing.render(b["clerk"], case_id, "receipt", copies=[1]), tmp_path))
    assert "上海市浦东新区张江路 88 号" in receipt
    assert re.search(r"网点联系电话\s+021-6234 5678", receipt)
    assert "201203" in receipt and "021-6234 5679" in receipt
    assert "上海浦东4S店 客户投诉受理回执" in receipt
    assert "—" not in receipt.split("答复承诺")[1].split("说明")[0]
    handling = "\n".join(pages(b.desk.printing.render(b["crm"], case_id, "handling", copies=[1]), tmp_path))
    assert "上海市浦东新区张江路 88 号" in handling and "电话 021-6234 5678" in handling
    entry = [e for e in b.desk.queries.case_detail(b["crm"], case_id).timeline][-1]
    assert entry.action != "admin.branch_profile"  # the profile's event is not the case's


def test_the_profile_is_checked_at_each_field_and_only_the_admin_saves_it(branch: Branch) -> None:
    b = branch
    good = BranchProfile(name="网点", code="TS01", postal_code="201203")
    with pytest.raises(FieldError) as error:
        b.desk.branch_profile.save(b["admin"], dataclasses.replace(good, postal_code="20120"))
    assert list(error.value.texts) == ["postal_code"]
    assert "6 位数字" in str(error.value.errors["postal_code"])
    with pytest.raises(FieldError) as error:
        b.desk.branch_profile.save(
            b["admin"], dataclasses.replace(good, phone="电话号码", name="", code="上海", address="路" * 201)
        )
    assert set(error.value.texts) == {"phone", "name", "code", "address"}
    with pytest.raises(PermissionDenied):
        b.desk.branch_profile.save(b["crm"], good)
    assert b.desk.branch_profile.get(b["admin"]).postal_code == ""


# --- the ledger --------------------------------------------------------------------------------


def test_the_ledger_has_a_column_per_custom_field_and_keeps_a_deactivated_one_in_use(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    dealer(b)
    b.desk.admin.save_custom_field(b["admin"], "km", "里程", "number")
    b.desk.admin.save_custom_field(b["admin"], "old_field", "旧字段", "text")
    b.desk.admin.save_custom_field(b["admin"], "unused", "未用字段", "text")
    b.desk.intake.register(
        b["clerk"],
        complaint_form(
            custom={"car_model": "Model Y", "plate_no": "沪A·1", "km": "12000", "old_field": "旧"}
        ),
    )
    registered(b, model="卡罗拉", plate="")
    b.desk.admin.save_custom_field(b["admin"], "old_field", "旧字段", "text", active=False)
    b.desk.admin.save_custom_field(b["admin"], "unused", "未用字段", "text", active=False)
    rows = b.desk.reports.export_ledger(b["crm"], date(2026, 11, 1), date(2026, 11, 30), tmp_path / "l.xlsx")
    assert rows == 2
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    fixed = len(PAPER_COLUMNS) + len(SYSTEM_COLUMNS)
    assert header[:fixed] == PAPER_COLUMNS + SYSTEM_COLUMNS  # the fixed columns stay where they were
    assert header[fixed:] == ["车型", "车牌", "里程", "旧字段"]
    values = [[c.value for c in row][fixed:] for row in sheet.iter_rows(min_row=3)]
    assert values == [["Model Y", "沪A·1", 12000, "旧"], ["卡罗拉", None, None, None]]


# --- the queue filter --------------------------------------------------------------------------


def test_the_queue_filters_by_a_custom_field_on_both_databases(branch: Branch) -> None:
    b = branch
    dealer(b)
    b.desk.admin.save_custom_field(b["admin"], "km", "里程", "number")
    han = registered(b, model="汉 EV", plate="沪A·12345")
    b.desk.intake.edit_custom_fields(b["clerk"], han, {"km": "12000"})
    model_y = registered(b, model="Model Y", plate="苏E·2%_")
    b.desk.intake.register(b["clerk"], complaint_form(custom={"car_model": "卡罗拉"}))

    def found(*pairs: tuple[str, str]) -> list[int]:
        page = b.desk.queries.queue_page(b["crm"], QueueFilter(custom=pairs))
        return sorted(row.id for row in page.rows)

    assert found(("car_model", "汉 EV")) == [han]
    assert found(("car_model", "Model Y")) == [model_y]
    assert found(("car_model", "汉")) == []  # a choice is equal, not contained
    assert found(("plate_no", "12345")) == [han]  # a text contains
    assert found(("plate_no", "2%_")) == [model_y]  # wildcards are literal
    assert found(("plate_no", "%")) == [model_y]
    assert found(("km", "12000")) == [han]
    assert found(("km", "12000.0")) == [han]
    assert found(("km", "十二")) == []
    assert found(("car_model", "汉 EV"), ("plate_no", "沪A")) == [han]
    assert found(("car_model", "Model Y"), ("plate_no", "沪A")) == []
    assert found(("nobody", "x")) == []
    with pytest.raises(FieldError):
        b.desk.queries.queue_page(b["crm"], QueueFilter(custom=(("car model; drop", "x"),)))


# --- the monthly breakdown ---------------------------------------------------------------------


def test_the_monthly_report_breaks_the_month_down_by_a_custom_field(branch: Branch, tmp_path: Path) -> None:
    b = branch
    dealer(b)
    registered(b, model="汉 EV")
    registered(b, model="汉 EV")
    registered(b, model="Model Y")
    b.desk.intake.register(
        b["clerk"], complaint_form(kind="consultation", request_type="", custom={"car_model": "汉 EV"})
    )
    assert b.desk.reports.monthly(b["crm"], 2026, 11).breakdown is None  # not asked, no setting
    report = b.desk.reports.monthly(b["crm"], 2026, 11, by_field="car_model")
    assert report.breakdown is not None
    assert report.breakdown.label == "车型"
    assert report.breakdown.kinds == ["咨询", "投诉"]  # in the vocabulary's order
    assert report.breakdown.rows == [("汉 EV", 3, [1, 2]), ("Model Y", 1, [0, 1])]
    by_plate = b.desk.reports.monthly(b["crm"], 2026, 11, by_field="plate_no").breakdown
    assert by_plate is not None and by_plate.rows == [("沪A·12345", 3, [0, 3]), ("未填", 1, [1, 0])]
    with pytest.raises(FieldError):
        b.desk.reports.monthly(b["crm"], 2026, 11, by_field="nonsense")
    # the setting asks for it in every export; the workbook has the sheet 按车型
    b.desk.admin.set_setting(b["admin"], "monthly_breakdown_field", "car_model")
    b.desk.branch_profile.save(b["admin"], BranchProfile(name="浦东4S店", code="PD01"))
    path = b.desk.reports.export_monthly(b["crm"], 2026, 11, tmp_path / "m.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["按车型"]
    assert sheet["A1"].value == "浦东4S店 本月受理按车型（2026年11月）"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["车型", "本月受理", "咨询", "投诉"],
        ["汉 EV", 3, 1, 2],
        ["Model Y", 1, 0, 1],
    ]
    assert str(workbook["汇总"]["A1"].value).startswith("浦东4S店 客诉案件统计表")


@pytest.mark.sqlite_only
def test_the_cli_exports_the_monthly_breakdown_by_field(branch: Branch, tmp_path: Path) -> None:
    from tests.conftest import PASSWORD
    from tests.core.test_cli import run

    b = branch
    dealer(b)
    registered(b, model="卡罗拉")
    b.desk.db.dispose()
    target = tmp_path / "m.xlsx"
    command = ["--db", b.url, "--user", "crm", "--password-stdin", "export", "monthly", "--month", "2026-11"]
    done = run(*command, "--by-field", "car_model", "-o", str(target), stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(target)["按车型"].iter_rows(min_row=3)]
    assert rows == [["卡罗拉", 1, 1]]
    wrong = run(*command, "--by-field", "nope", "-o", str(target), stdin=PASSWORD + "\n")
    assert wrong.returncode == 1 and len(wrong.stderr.strip().splitlines()) == 1


def test_a_ledger_column_headed_with_a_custom_fields_label_is_imported_into_it(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    dealer(b)
    b.desk.admin.save_custom_field(b["admin"], "bought", "购车日期", "date")
    path = tmp_path / "dealer.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["序号", "受理时间", "投诉人", "联系电话", "投诉内容", "车型", "车牌", "购车日期"])
    bought = datetime(2024, 5, 1)
    sheet.append([1, "2025年3月5日", "张三", "138 0013 8000", "保养后异响", "汉 EV", "沪A·1", bought])
    sheet.append([2, "2025年3月6日", "李四", "139 0013 8000", "漆面划伤", "拖拉机", None, None])
    workbook.save(path)
    dry = b.desk.ledger_import.import_ledger(b["crm"], path, dry_run=True)
    assert [(p.row, p.column) for p in dry.problems] == [(3, "车型")]
    done = b.desk.ledger_import.import_ledger(b["crm"], path, skip_invalid=True)
    assert done.imported == 1
    view = b.desk.queries.case_detail(b["crm"], done.outcomes[0].case_no)
    assert [(f.label, f.value) for f in view.custom_fields] == [
        ("车型", "汉 EV"),
        ("车牌", "沪A·1"),
        ("购车日期", "2024-05-01"),
    ]  # the import's own bookkeeping (_imported, _result …) is not shown as a field
    found = b.desk.queries.queue_page(b["crm"], QueueFilter(custom=(("car_model", "汉 EV"),)))
    assert [row.case_no for row in found.rows] == [done.outcomes[0].case_no]
