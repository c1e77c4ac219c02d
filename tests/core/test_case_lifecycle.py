"""The services, called directly on a real SQLite branch: the whole life of a case and its guards."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from branchdesk.domain.vocab import CloseKind, Decision, LinkKind, Status
from branchdesk.errors import AuthenticationFailed, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, label, render
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import (
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from tests.conftest import PASSWORD, Branch, complaint_form


def qa_dept(b: Branch) -> int:
    department = b["handler"].department_id
    assert department is not None
    return department


def to_in_progress(b: Branch, **form: object) -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form(**form))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            responsible_department_id=qa_dept(b),
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def investigate(b: Branch, case_id: int) -> None:
    b.desk.cases.record_investigation(
        b["handler"],
        case_id,
        InvestigationInput(
            cause="承运商装卸不当",
            details="外箱受压变形",
            conclusion="投诉属实",
            responsibility="ours",
            responsible_department_id=qa_dept(b),
        ),
    )


def to_pending_approval(b: Branch, amount: str, **form: object) -> int:
    case_id = to_in_progress(b, **form)
    investigate(b, case_id)
    b.desk.cases.propose_resolution(
        b["handler"], case_id, ResolutionInput("compensation", amount, "赔偿货款")
    )
    return case_id


def test_complaint_above_5000_runs_its_whole_life_with_two_approvers(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "8000", request_amount="8000")
    with pytest.raises(DomainError, match="本级应由部门经理签署"):
        b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD)  # level 1 first
    with pytest.raises(DomainError, match="无权审批"):
        b.desk.cases.decide_approval(b["clerk"], case_id, Decision.APPROVE, PASSWORD)
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    with pytest.raises(DomainError, match="各级须由不同人签署"):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    b.clock.advance(hours=1)
    ref = b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD)
    assert ref.status == Status.AWAITING_REPLY
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知赔偿 8000 元", accepted=True))
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    ref = b.desk.cases.close(b["crm"], case_id)
    assert ref.status == Status.CLOSED
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    signatures = [(a.printed_name, label(a.signed_role), a.meaning) for a in detail.resolutions[0].approvals]
    assert signatures == [
        ("赵强", "部门经理", "批准（部门经理级核决）"),
        ("周建国", "副总经理", "批准（副总经理级核决）"),
    ]
    actions = [e.action for e in detail.timeline]
    assert actions == [
        "register",
        "triage",
        "assign",
        "investigation",
        "propose",
        "approval.approve",
        "approval.approve",
        "reply",
        "follow_up",
        "close",
    ]
    change = detail.timeline[1].changes[-1]
    # Status changes are stored as codes and read back as the vocabulary, rendered by the reader.
    rendered = (label(Label("Field", change.field)), label(change.old), label(change.new))
    assert rendered == ("状态", "待分诊", "待处理")
    assert ("handler_id", None, "张伟") in [(c.field, c.old, c.new) for c in detail.timeline[2].changes]
    assert detail.intake.recorder_name == "王小红"


def test_proposer_may_not_approve_and_a_level_needs_a_different_person(branch: Branch) -> None:
    b = branch
    # 孙丽 is both a handler and the sales department's manager.
    ref = b.desk.intake.register(b["clerk"], complaint_form(request_amount="8000"))
    sales = b["sales_mgr"].department_id
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.delay",
            severity="normal",
            responsible_department_id=sales,
            handler_id=b["sales_mgr"].user_id,
        ),
    )
    b.desk.cases.record_investigation(
        b["sales_mgr"],
        ref.id,
        InvestigationInput(
            cause="排车失误",
            details="晚到三天",
            conclusion="属实",
            responsibility="ours",
            responsible_department_id=sales,
        ),
    )
    b.desk.cases.propose_resolution(b["sales_mgr"], ref.id, ResolutionInput("allowance", "6000"))
    with pytest.raises(DomainError, match="职责分离"):
        b.desk.cases.decide_approval(b["sales_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    # With the department manager unable to sign, a deputy GM signs level 1 and another signs level 2.
    b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    with pytest.raises(DomainError, match="各级须由不同人签署"):
        b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    assert (
        b.desk.cases.decide_approval(b["deputy2"], ref.id, Decision.APPROVE, PASSWORD).status
        == Status.AWAITING_REPLY
    )


def test_recused_employee_is_refused_on_the_services(branch: Branch) -> None:
    b = branch
    # The complaint is against the handler 张伟: he may not handle it.
    ref = b.desk.intake.register(b["clerk"], complaint_form(complained_user_id=b["handler"].user_id))
    with pytest.raises(DomainError, match="该员工是本案被投诉人，依规定回避"):
        b.desk.cases.triage(
            b["crm"],
            ref.id,
            TriageInput(
                valid=True,
                category_code="service.attitude",
                severity="normal",
                handler_id=b["handler"].user_id,
            ),
        )
    # The complaint is against the QA manager 赵强: he may not approve; the deputy GM signs in his place.
    case_id = to_pending_approval(b, "300", complained_user_id=b["qa_mgr"].user_id, order_no="SO-2")
    with pytest.raises(DomainError, match="您是本案被投诉人，依规定回避"):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    assert (
        b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD).status
        == Status.AWAITING_REPLY
    )


def test_rejection_returns_to_the_handler_with_the_reason(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "3000")
    with pytest.raises(FieldError):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.REJECT, PASSWORD, "")
    ref = b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.REJECT, PASSWORD, "金额偏高")
    assert ref.status == Status.IN_PROGRESS
    detail = b.desk.queries.case_detail(b["handler"], case_id)
    assert detail.resolutions[0].status == "rejected"
    assert "金额偏高" in render(detail.timeline[-1].text)


def test_signing_needs_the_password_and_wrong_ones_are_throttled(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "100")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="密码错误，未签署"):
            b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, "wrong-password")
    with pytest.raises(AuthenticationFailed, match="密码错误"):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, "wrong-password")
    with pytest.raises(AuthenticationFailed, match="分钟后再试"):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    b.clock.advance(minutes=6)
    assert (
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD).status
        == Status.AWAITING_REPLY
    )


def test_login_does_not_say_which_part_was_wrong(branch: Branch) -> None:
    b = branch
    assert b.desk.auth.login("clerk", PASSWORD).full_name == "王小红"
    with pytest.raises(AuthenticationFailed) as unknown:
        b.desk.auth.login("nobody", PASSWORD)
    with pytest.raises(AuthenticationFailed) as wrong:
        b.desk.auth.login("clerk", "not-the-password")
    assert unknown.value.message == wrong.value.message == "用户名或密码错误"


def test_roles_are_checked_by_the_service_not_the_ui(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    with pytest.raises(DomainError, match="无权分诊"):
        b.desk.cases.triage(
            b["clerk"], ref.id, TriageInput(valid=True, category_code="other", severity="normal")
        )
    with pytest.raises(PermissionDenied):
        b.desk.intake.register(b["handler"], complaint_form())
    with pytest.raises(NotFound):  # the administrator sees no case content
        b.desk.queries.case_detail(b["admin"], ref.id)
    with pytest.raises(NotFound):  # a handler sees only their own cases
        b.desk.queries.case_detail(b["handler2"], ref.id)


def test_case_numbers_run_per_month_and_void_keeps_the_number(branch: Branch) -> None:
    b = branch
    first = b.desk.intake.register(b["clerk"], complaint_form())
    draft = b.desk.intake.save_draft(b["clerk"], complaint_form(content=""))
    b.desk.cases.void(b["crm"], draft.id, "录入错误")
    third = b.desk.intake.register(b["clerk"], complaint_form())
    assert [first.case_no, draft.case_no, third.case_no] == ["202611-001", "202611-002", "202611-003"]
    with pytest.raises(FieldError):  # a failed save gives no number away
        b.desk.intake.register(b["clerk"], complaint_form(channel=""))
    b.clock.now = datetime(2026, 12, 1, 8, 40)
    assert b.desk.intake.register(b["clerk"], complaint_form()).case_no == "202612-001"
    b.clock.now = datetime(2026, 11, 30, 10, 0)
    assert b.desk.intake.register(b["clerk"], complaint_form()).case_no == "202611-004"


def test_a_draft_is_finished_later_and_keeps_its_number(branch: Branch) -> None:
    b = branch
    draft = b.desk.intake.save_draft(b["clerk"], complaint_form(content="", request_type=""))
    assert draft.status == Status.DRAFT
    with pytest.raises(FieldError) as info:
        b.desk.intake.register(b["clerk"], complaint_form(content=""), case_id=draft.id)
    assert info.value.errors == {"content": "请填写投诉内容"}
    ref = b.desk.intake.register(b["clerk"], complaint_form(), case_id=draft.id)
    assert (ref.case_no, ref.status) == (draft.case_no, Status.REGISTERED)


def test_repeat_complaint_is_major_linked_and_escalated(branch: Branch) -> None:
    b = branch
    original = to_in_progress(b)
    b.clock.advance(days=20)
    ref = b.desk.intake.register(b["clerk"], complaint_form(phone="13800135678"))
    assert ref.is_repeat and ref.is_major and ref.repeat_of == ("202611-001",)
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    # Reasons are stored as codes now; the Chinese UI shows their labels.
    assert "重复投诉" in [label(r) for r in detail.major_reasons]
    assert detail.links[0].case_no == "202611-001" and detail.links[0].kind == LinkKind.REPEAT
    assert detail.escalation_level == 1
    assert b.desk.queries.case_detail(b["crm"], original).escalation_level >= 1
    # 31 days later, or another order, is not a repeat
    b.clock.advance(days=31)
    assert not b.desk.intake.register(b["clerk"], complaint_form()).is_repeat
    assert not b.desk.intake.register(b["clerk"], complaint_form(order_no="SO-OTHER")).is_repeat


def test_customer_history_by_phone_marks_possible_repeats(branch: Branch) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    history = b.desk.intake.customer_history(b["clerk"], "138-0013-5678")
    assert [h.case_no for h in history] == ["202611-001"] and history[0].possible_repeat


def test_overdue_case_escalates_on_read_and_by_the_sweep(branch: Branch) -> None:
    b = branch
    first = to_in_progress(b)
    second = to_in_progress(b, order_no="SO-OTHER", phone="13912345678")
    b.clock.now = datetime(2026, 11, 4, 9, 0)  # general complaint due 11-03 17:30
    assert b.desk.queries.case_detail(b["crm"], first).escalation_level == 1
    assert b.desk.cases.sweep() == 1  # the second one; the first was escalated on read
    assert b.desk.cases.sweep() == 0  # not twice for the same lateness
    detail = b.desk.queries.case_detail(b["crm"], second)
    assert label(detail.escalations[0].reason) == "超过处理时限" and detail.deadlines.overdue
    page = b.desk.queries.queue_page(b["crm"], QueueFilter(overdue=True))
    left = page.rows[0].time_left
    assert page.total == 2 and left is not None and render(left.text()) == "已逾期 1 天"


def test_extension_needs_consent_and_another_persons_approval(branch: Branch) -> None:
    b = branch
    case_id = to_in_progress(b)
    new_deadline = datetime(2026, 11, 9, 17, 30)
    with pytest.raises(FieldError):
        b.desk.cases.request_extension(b["handler"], case_id, ExtensionInput("等检测报告", "", new_deadline))
    b.desk.cases.request_extension(
        b["handler"], case_id, ExtensionInput("等检测报告", "客户 11-02 电话同意", new_deadline)
    )
    with pytest.raises(DomainError, match="无权审批延期"):
        b.desk.cases.decide_extension(b["handler"], case_id, approve=True)
    ref = b.desk.cases.decide_extension(b["qa_mgr"], case_id, approve=True)
    assert ref.deadline_at == new_deadline
    b.clock.now = datetime(2026, 11, 5, 9, 0)  # past the original deadline, within the extension
    assert b.desk.queries.case_detail(b["crm"], case_id).escalation_level == 0


def test_dissatisfied_follow_up_escalates_and_blocks_plain_closing(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "200")
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=True))
    b.desk.cases.record_follow_up(b["clerk"], case_id, FollowUpInput("phone", solved=False, satisfaction=2))
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.escalation_level == 1 and label(detail.escalations[-1].reason) == "回访不满意"
    with pytest.raises(DomainError, match="回访不满意"):
        b.desk.cases.close(b["crm"], case_id)
    new = b.desk.intake.open_linked_case(b["clerk"], case_id, LinkKind.NOT_ACCEPTED, complaint_form())
    assert b.desk.queries.case_detail(b["crm"], case_id).shown_status == CloseKind.SUPERSEDED
    assert b.desk.queries.case_detail(b["crm"], new.id).links[0].case_no == "202611-001"


def test_the_dissatisfaction_threshold_is_the_setting_everywhere(branch: Branch) -> None:
    """Escalation, the close refusal and the not-accepted path all read one rule with one setting."""
    b = branch
    b.desk.admin.set_setting(b["admin"], "dissatisfied_at_or_below", 3)
    case_id = to_pending_approval(b, "200")
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=True))
    b.desk.cases.record_follow_up(b["clerk"], case_id, FollowUpInput("phone", solved=True, satisfaction=3))
    assert b.desk.queries.case_detail(b["crm"], case_id).escalation_level == 1
    with pytest.raises(DomainError, match="回访不满意"):
        b.desk.cases.close(b["crm"], case_id)
    new = b.desk.intake.open_linked_case(b["clerk"], case_id, LinkKind.NOT_ACCEPTED, complaint_form())
    assert new.case_no


def test_not_accepted_reply_then_abnormal_closure_by_the_gm(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "200")
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    ref = b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=False))
    assert ref.status == Status.NOT_ACCEPTED
    with pytest.raises(DomainError, match="无权非正常结案"):
        b.desk.cases.close_abnormally(b["deputy"], case_id, "超出政策")
    # issue 12: the reason is a code from the branch's list abnormal_reason, plus an optional note
    assert (
        b.desk.cases.close_abnormally(b["gm"], case_id, "excessive_demand", "要求超出法律法规").status
        == Status.CLOSED
    )


def test_invalid_complaint_gets_a_reply_then_closes(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    with pytest.raises(FieldError):
        b.desk.cases.triage(b["crm"], ref.id, TriageInput(valid=False))
    b.desk.cases.triage(b["crm"], ref.id, TriageInput(valid=False, invalid_reason="out_of_scope"))
    closed = b.desk.cases.record_reply(
        b["clerk"], ref.id, ReplyInput("phone", "超出服务承诺范围，感谢理解", True)
    )
    assert b.desk.queries.case_detail(b["crm"], closed.id).shown_status == CloseKind.INVALID


def test_consultation_is_answered_within_24_hours(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form(kind="consultation", request_type=""))
    assert ref.deadline_at == b.clock.now + timedelta(hours=24)
    assert (
        b.desk.cases.answer(b["clerk"], ref.id, ReplyInput("phone", "保修一年", True)).status == Status.CLOSED
    )


def test_major_case_sets_gm_deadline_and_needs_gm_approval(branch: Branch) -> None:
    b = branch
    case_id = to_pending_approval(b, "1000", media_involved=True)
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.is_major and [label(r) for r in detail.resolutions[0].required_roles] == [
        "部门经理",
        "副总经理",
        "总经理",
    ]
    assert detail.deadlines.sla_rule.startswith("投诉·重度或重大")
    counts = b.desk.queries.work_counts(b["gm"])
    assert [m.case_no for m in counts.major_open] == [detail.case_no]
    b.desk.cases.inform_gm(b["crm"], case_id)
    assert b.desk.queries.case_detail(b["crm"], case_id).gm_informed_at == b.clock.now


def test_investigation_shares_must_add_up(branch: Branch) -> None:
    b = branch
    case_id = to_in_progress(b)
    with pytest.raises(FieldError) as info:
        b.desk.cases.record_investigation(
            b["handler"],
            case_id,
            InvestigationInput(
                cause="a",
                details="b",
                conclusion="c",
                responsibility="ours",
                shares=[(qa_dept(b), 60), (b["handler2"].department_id or 0, 30)],
            ),
        )
    assert info.value.errors == {"shares": "各部门责任比率合计须为 100%，现为 90%"}
    with pytest.raises(DomainError, match="请先填写调查报告"):
        b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("apology", "0"))


def test_attachments_are_stored_and_read_back(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    attachment_id = b.desk.cases.add_attachment(
        b["clerk"], ref.id, "C:\\照片\\破损.jpg", b"\xff\xd8jpeg", "image/jpeg"
    )
    assert b.desk.cases.attachment_content(b["crm"], attachment_id) == ("破损.jpg", b"\xff\xd8jpeg")
    with pytest.raises(NotFound):
        b.desk.cases.attachment_content(b["handler2"], attachment_id)


def test_queue_filters_sort_and_search_in_sql(branch: Branch) -> None:
    b = branch
    b.desk.intake.register(
        b["clerk"], complaint_form(complainant_name="浦东王女士", content="快递员态度恶劣")
    )
    consultation = b.desk.intake.register(
        b["clerk"],
        complaint_form(complainant_name="张先生", phone="13912345678", kind="consultation", request_type=""),
    )
    crm = b["crm"]
    assert b.desk.queries.queue_page(crm, QueueFilter(search="浦东")).total == 1
    # a case number, whole or with another word: by the number index (the search index holds none)
    for query in (consultation.case_no, f"{consultation.case_no.lower()} 张先生"):
        page = b.desk.queries.queue_page(crm, QueueFilter(search=query))
        assert [r.case_no for r in page.rows] == [consultation.case_no], query
    assert b.desk.queries.queue_page(crm, QueueFilter(search=f"{consultation.case_no} 浦东")).total == 0
    assert b.desk.queries.queue_page(crm, QueueFilter(search="态度")).rows[0].complainant_name == "浦东王女士"
    assert b.desk.queries.queue_page(crm, QueueFilter(search="1391234")).rows[0].complainant_name == "张先生"
    assert b.desk.queries.queue_page(crm, QueueFilter(kinds=["consultation"])).total == 1
    names = [
        r.complainant_name
        for r in b.desk.queries.queue_page(crm, QueueFilter(), sort="complainant_name", descending=False).rows
    ]
    assert names == ["浦东王女士", "张先生"]  # by pinyin (pu, zhang; issue 16), not by code point
    clerk_rows = b.desk.queries.queue_page(b["handler"], QueueFilter()).rows
    assert clerk_rows == []  # nothing assigned to this handler yet
