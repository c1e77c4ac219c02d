"""Issue 17 part E, core: an empty draft uses no number, the amount ceiling, correcting a registered
case's intake (who may, when, what the timeline and the deadline and the print log say), and the
customer's details offered to the intake form — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.workflow import Action
from branchdesk.errors import ConcurrentChange, DomainError, FieldError
from branchdesk.i18n import render
from branchdesk.services.dto import CaseVersion, TriageInput
from tests.conftest import Branch, complaint_form


def test_an_empty_draft_saves_nothing_and_uses_no_number(branch: Branch) -> None:
    b = branch
    with pytest.raises(FieldError) as refused:
        b.desk.intake.save_draft(b["clerk"], IntakeForm(received_at=b.clock(), complainant_count=1))
    assert "表单是空的" in refused.value.message
    with pytest.raises(FieldError):
        b.desk.intake.save_draft(b["clerk"], IntakeForm(phone="  ", custom={"x": ""}))
    ref = b.desk.intake.save_draft(b["clerk"], IntakeForm(complainant_name="周女士"))
    assert ref.case_no.endswith("-001")  # the refused ones took no number


def test_the_amount_is_bounded_by_the_setting(branch: Branch) -> None:
    b = branch
    with pytest.raises(FieldError) as refused:
        b.desk.intake.register(b["clerk"], complaint_form(request_amount="99,999,999,999"))
    assert "request_amount" in refused.value.texts
    assert b.desk.queries.lookups(b["clerk"]).money_ceiling_fen == 1_000_000_000
    b.desk.admin.set_setting(b["admin"], "money_ceiling_fen", 100_000)  # ¥1,000
    assert b.desk.queries.lookups(b["clerk"]).money_ceiling_fen == 100_000
    with pytest.raises(FieldError):
        b.desk.intake.register(b["clerk"], complaint_form(request_amount="1,000.01"))
    assert b.desk.intake.register(b["clerk"], complaint_form(request_amount="1,000")).id


def _seen(b: Branch, who: str, case_id: int) -> CaseVersion:
    return CaseVersion(case_id, b.desk.queries.case_detail(b[who], case_id).version)


def test_the_registering_clerk_corrects_before_triage_then_only_the_cr_manager(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form(complainant_name="李先生", phone="138 0013 5678"))
    detail = b.desk.queries.case_detail(b["clerk"], ref.id)
    assert detail.actions[Action.CORRECT_INTAKE] is None
    # another clerk may not (before triage it is the registering clerk's own typo)
    refused = b.desk.queries.case_detail(b["clerk2"], ref.id).actions[Action.CORRECT_INTAKE]
    assert refused is not None and "登记本案的受理员" in render(refused)
    with pytest.raises(DomainError):
        b.desk.intake.correct_intake(b["clerk2"], ref.id, {"phone": "13800135679"}, "打错了")
    with pytest.raises(FieldError) as no_reason:
        b.desk.intake.correct_intake(b["clerk"], _seen(b, "clerk", ref.id), {"phone": "13800135679"}, " ")
    assert "reason" in no_reason.value.texts
    with pytest.raises(FieldError) as bad_phone:
        b.desk.intake.correct_intake(b["clerk"], _seen(b, "clerk", ref.id), {"phone": "12"}, "打错了")
    assert "phone" in bad_phone.value.texts
    with pytest.raises(FieldError):
        b.desk.intake.correct_intake(b["clerk"], ref.id, {"category": "x"}, "打错了")
    seen = _seen(b, "clerk", ref.id)
    b.desk.intake.correct_intake(
        b["clerk"], seen, {"phone": "139 1234 5678", "complainant_name": "黎先生"}, "电话和姓名记错"
    )
    with pytest.raises(ConcurrentChange):  # the version the user saw is named: a second write on it fails
        b.desk.intake.correct_intake(b["clerk"], seen, {"company": "某公司"}, "补充")
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert detail.intake.complainant_name == "黎先生"
    assert detail.intake_raw["phone"] == "139 1234 5678"
    last = detail.timeline[-1]
    assert last.action == "correct_intake"
    assert render(last.text) == "更正受理信息（投诉人姓名、联系电话），原因：电话和姓名记错"
    assert render(last.text, "en").startswith("Intake corrected (")
    changed = {c.field: (c.old, c.new) for c in last.changes}
    assert changed["phone"] == ("138 0013 5678", "139 1234 5678")
    assert changed["complainant_name"] == ("李先生", "黎先生")
    assert b.desk.intake.customer_history(b["clerk"], "13912345678")[0].case_no == ref.case_no

    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(valid=True, category_code="business.damage", severity="normal", handler_id=None),
    )
    refused = b.desk.queries.case_detail(b["clerk"], ref.id).actions[Action.CORRECT_INTAKE]
    assert refused is not None and render(refused) == "本案已分诊，只有客户关系经理可以更正受理信息"
    with pytest.raises(DomainError):
        b.desk.intake.correct_intake(b["clerk"], ref.id, {"company": "某公司"}, "补充")
    b.desk.intake.correct_intake(b["crm"], _seen(b, "crm", ref.id), {"company": "某公司"}, "补充单位")
    with pytest.raises(FieldError) as same:
        b.desk.intake.correct_intake(b["crm"], ref.id, {"company": "某公司"}, "再次")
    assert render(same.value.texts["reason"]) == "没有修改任何受理信息"


def test_a_correction_recomputes_the_deadline_and_supersedes_earlier_prints(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"], ref.id, TriageInput(valid=True, category_code="quality.product", severity="normal")
    )
    before = b.desk.queries.case_detail(b["crm"], ref.id)
    b.desk.printing.record_print(b["crm"], ref.id, "receipt", [1], "plain")
    b.clock.advance(minutes=3)
    b.desk.intake.correct_intake(b["crm"], ref.id, {"is_foreign": True}, "客户在国外")  # 15 → 20 days
    after = b.desk.queries.case_detail(b["crm"], ref.id)
    assert before.deadlines.due is not None and after.deadlines.due is not None
    assert after.deadlines.due - before.deadlines.due == timedelta(days=5)
    texts = [render(e.text) for e in after.timeline[-3:]]
    old, new = f"{before.deadlines.due:%Y-%m-%d %H:%M}", f"{after.deadlines.due:%Y-%m-%d %H:%M}"
    assert f"更正后处理期限由 {old} 改为 {new}" in texts
    assert "更正前打印的 1 份表单已标记为作废" in texts
    log = b.desk.printing.print_log(b["crm"], ref.id)
    assert len(log) == 1 and log[0].superseded_at == b.clock()
    b.desk.printing.record_print(b["crm"], ref.id, "receipt", [1], "plain")
    log = b.desk.printing.print_log(b["crm"], ref.id)
    assert [p.superseded_at is None for p in log] == [False, True]


def test_customer_details_come_from_the_latest_case(branch: Branch) -> None:
    b = branch
    assert b.desk.intake.customer_details(b["clerk"], "138 0013 5678") is None
    b.desk.intake.register(
        b["clerk"],
        complaint_form(address="旧地址", received_at=b.clock() - timedelta(days=3)),
    )
    b.desk.intake.register(b["clerk"], complaint_form(address="上海市浦东新区 1 号", email="li@example.com"))
    details = b.desk.intake.customer_details(b["clerk"], "+86 138-0013-5678")
    assert details is not None
    assert (details.complainant_name, details.address, details.email) == (
        "李先生",
        "上海市浦东新区 1 号",
        "li@example.com",
    )
    assert b.desk.intake.customer_details(b["clerk"], "x" * 500) is None
    assert isinstance(b.clock(), datetime)


def test_files_dropped_at_intake_are_stored_with_the_case(branch: Branch) -> None:
    from branchdesk.services.audit import verify_audit
    from branchdesk.services.dto import IncomingFile

    b = branch
    photo = bytes(range(256)) * 4096  # 1 MB
    ref = b.desk.intake.register(
        b["clerk"],
        complaint_form(),
        attachments=[
            IncomingFile("D:\\扫描\\破损照片.JPG", photo, "image/jpeg"),
            IncomingFile("单据.pdf", b"%PDF"),
        ],
    )
    detail = b.desk.queries.case_detail(b["clerk"], ref.id)
    assert [(a.filename, a.size) for a in detail.attachments] == [
        ("破损照片.JPG", len(photo)),
        ("单据.pdf", 4),
    ]
    name, content = b.desk.cases.attachment_content(b["clerk"], detail.attachments[0].id)
    assert name == "破损照片.JPG" and content == photo
    verdict, _text = verify_audit(b.desk.db)  # the stored SHA-256 is the content's
    assert verdict.ok and verdict.attachments == 2
    # a draft with only a file is not empty
    draft = b.desk.intake.save_draft(b["clerk"], IntakeForm(), attachments=[IncomingFile("a.png", b"x")])
    assert len(b.desk.queries.case_detail(b["clerk"], draft.id).attachments) == 1


def test_attachment_size_and_type_are_the_branch_s_settings(branch: Branch) -> None:
    from branchdesk.services.dto import IncomingFile

    b = branch
    with pytest.raises(FieldError) as exe:
        b.desk.intake.register(b["clerk"], complaint_form(), attachments=[IncomingFile("setup.exe", b"MZ")])
    assert "exe" in exe.value.message
    b.desk.admin.set_setting(b["admin"], "attachment_max_mb", 1)
    big = b"x" * (1024 * 1024 + 1)
    with pytest.raises(FieldError) as too_big:
        b.desk.intake.register(b["clerk"], complaint_form(), attachments=[IncomingFile("scan.png", big)])
    assert "1 MB" in too_big.value.message
    ref = b.desk.intake.register(b["clerk"], complaint_form())  # nothing was stored by the refused ones
    assert ref.case_no.endswith("-001")
    with pytest.raises(FieldError):  # the same limits on a case's later attachments
        b.desk.cases.add_attachment(b["clerk"], ref.id, "scan.png", big)
    b.desk.admin.set_setting(b["admin"], "attachment_types", "")  # any type
    assert b.desk.cases.add_attachment(b["clerk"], ref.id, "setup.exe", b"MZ")
    with pytest.raises(FieldError):  # never above the hard ceiling, whatever is typed
        b.desk.intake.register(
            b["clerk"], complaint_form(), attachments=[IncomingFile("x.png", b"x" * (20 * 1024 * 1024 + 1))]
        )


def test_migration_0019_keeps_the_prints_and_marks_none_superseded(branch: Branch) -> None:
    from sqlalchemy import inspect, text

    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.printing.record_print(b["clerk"], ref.id, "receipt", [1, 2], "plain")
    rewind_to(b.desk.db, revision_before("0019"))
    with b.desk.db.read() as session:
        columns = {c["name"] for c in inspect(session.connection()).get_columns("print_log")}
        assert "superseded_at" not in columns
        assert session.execute(text("SELECT count(*) FROM print_log")).scalar_one() == 1
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)  # a new process on the upgraded database
    log = fresh.printing.print_log(b["clerk"], ref.id)
    assert [(p.form, p.copies, p.superseded_at) for p in log] == [("receipt", (1, 2), None)]
