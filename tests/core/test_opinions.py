"""Opinions from several departments on one case (issue 14 part A, 会签/协办), end to end through the
services on both engines: two departments asked, one answers on time, the other is late and the sweep
escalates once; proposing waits for them; a manager proceeds with a reason; stale writes; recusal."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from branchdesk.config import load_config
from branchdesk.domain.opinions import OpinionState
from branchdesk.domain.steps import StepState, TrackedStep
from branchdesk.domain.vocab import EscalationReason, Role
from branchdesk.errors import ConcurrentChange, DomainError, FieldError
from branchdesk.i18n import render
from branchdesk.read.queue import QueueFilter
from branchdesk.read.work import PILES
from branchdesk.services.auth import actor_of
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseVersion, InvestigationInput, ResolutionInput, TriageInput
from branchdesk.services.opinions import OpinionSeen
from branchdesk.storage.models import Department, Notification, User
from tests.conftest import PASSWORD, START, Branch, complaint_form
from tests.core.conftest import revision_before, rewind_to


def department_id(b: Branch, code: str) -> int:
    with b.desk.db.read() as session:
        return session.scalars(select(Department.id).where(Department.code == code)).one()


def new_user(b: Branch, username: str, full_name: str, dept: str, *roles: Role) -> Actor:
    user_id = b.desk.admin.create_user(
        b["admin"],
        username=username,
        full_name=full_name,
        department_code=dept,
        roles=roles,
        password=PASSWORD,
    )
    with b.desk.db.read() as session:
        user = session.get(User, user_id)
        assert user is not None
        return actor_of(user)


def investigated(b: Branch, **form: object) -> int:
    """A moderate complaint (3 working days: due Thursday) triaged to 张伟 (质量管理部 responsible),
    contacted and investigated: ready to propose, no step of its own late before Thursday evening."""
    ref = b.desk.intake.register(b["clerk"], complaint_form(**form))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="moderate",
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    b.desk.cases.record_investigation(
        b["handler"],
        ref.id,
        InvestigationInput(
            cause="包装破损",
            details="运输途中受压",
            conclusion="属实",
            responsibility="ours",
            shares=[(b["handler"].department_id, 100)],
        ),
    )
    b.desk.cases.record_first_contact(b["handler"], ref.id, "phone", "已致电客户")  # no other step runs late
    return ref.id


def seen(b: Branch, case_id: int, dept: int, who: str = "crm") -> OpinionSeen:
    ask = next(o for o in b.desk.queries.case_detail(b[who], case_id).opinions if o.department_id == dept)
    return OpinionSeen(ask.id, ask.version)


def test_two_departments_one_on_time_one_late_escalated_once(branch: Branch) -> None:
    b = branch
    mfg_mgr = new_user(b, "mfg_mgr", "钱工", "MFG", Role.DEPT_MANAGER)
    sales, mfg = b["sales_mgr"].department_id, department_id(b, "MFG")
    case_id = investigated(b)

    b.desk.opinions.ask(b["handler"], case_id, [sales, mfg], "包装是否符合出货标准？")
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [(o.department, o.state) for o in detail.opinions] == [
        ("业务部门", OpinionState.PENDING),
        ("制造部门", OpinionState.PENDING),
    ]
    # due by the shipped rule: 2 working days from Monday 09:00 → Wednesday at close of business
    assert {o.due_at for o in detail.opinions} == {datetime(2026, 11, 4, 17, 30)}
    assert "请求会签：业务部门、制造部门" in render(detail.timeline[-1].text, "zh_CN")
    # the asked departments' managers are told at once, and now see the case
    with b.desk.db.read() as session:
        told = set(
            session.scalars(select(Notification.recipient_id).where(Notification.kind == "opinion_asked"))
        )
    assert told == {b["sales_mgr"].user_id, mfg_mgr.user_id}
    assert b.desk.queries.case_detail(mfg_mgr, case_id).opinions[1].department == "制造部门"
    # the work page's pile "opinions my department owes": the asked departments' people, the queue behind it
    assert b.desk.queries.work_counts(b["sales_mgr"]).opinions_owed == 1
    assert b.desk.queries.work_counts(b["handler2"]).opinions_owed == 1  # a handler of 业务部门 too
    assert "opinions_owed" not in b.desk.queries.work_counts(b["crm"]).piles  # gives no opinion
    owed = b.desk.queries.queue_page(b["sales_mgr"], PILES["opinions_owed"])
    assert [row.id for row in owed.rows] == [case_id]

    # proposing waits, naming the departments still owing their opinion
    with pytest.raises(DomainError) as refused:
        b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("compensation", "100"))
    assert "业务部门、制造部门" in render(refused.value.text, "zh_CN")

    # 业务部门 answers on Tuesday, on time, signed by its manager (role frozen)
    b.clock.now = START + timedelta(days=1)
    b.desk.opinions.give(b["sales_mgr"], seen(b, case_id, sales), "包装符合标准，承运商责任", 30)
    assert b.desk.queries.work_counts(b["sales_mgr"]).opinions_owed == 0
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    given = detail.opinions[0]
    assert (given.state, given.share_percent, given.signer, given.signer_role) == (
        OpinionState.GIVEN,
        30,
        "孙丽",
        Role.DEPT_MANAGER,
    )
    assert given.step_state is StepState.DONE
    # the investigation's shares are untouched: the opinion's share stands beside them
    assert detail.investigation is not None
    assert [s.percent for s in detail.investigation.shares] == [100]

    # Thursday: 制造部门 is late — the sweep escalates once (to the 部门经理 level), and tells its manager
    b.clock.now = datetime(2026, 11, 5, 9, 0)
    b.desk.cases.sweep()
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 0  # once per ask
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [e.to_level for e in detail.escalations if e.reason is EscalationReason.STEP_OVERDUE] == [1]
    late_events = [
        t
        for t in detail.timeline
        if "制造部门的会签意见应于 2026-11-04 17:30 前给出" in render(t.text, "zh_CN")
    ]
    assert len(late_events) == 1 and "处理责任人 → 部门经理" in render(late_events[0].text, "zh_CN")
    late = detail.opinions[1]
    assert late.step_state is StepState.OVERDUE and late.escalated_at == b.clock.now
    assert detail.opinions[0].escalated_at is None  # the one given on time is not touched
    with b.desk.db.read() as session:
        late_told = list(
            session.scalars(select(Notification.recipient_id).where(Notification.kind == "opinion_late"))
        )
    assert late_told == [mfg_mgr.user_id]
    # the case shows in the "steps overdue" pile while the opinion is owed
    page = b.desk.queries.queue_page(b["crm"], QueueFilter(steps_overdue=True))
    assert case_id in [row.id for row in page.rows]

    # the late opinion comes in (marked late on the timeline); the case may now propose
    b.desk.opinions.give(mfg_mgr, seen(b, case_id, mfg), "生产无异常", None)
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert "制造部门会签意见（逾期）：生产无异常" in render(detail.timeline[-1].text, "zh_CN")
    assert b.desk.queries.case_detail(b["handler"], case_id).actions["propose"] is None
    b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("compensation", "100"))


def test_a_manager_proceeds_without_waiting_with_a_reason(branch: Branch) -> None:
    b = branch
    sales = b["sales_mgr"].department_id
    case_id = investigated(b)
    b.desk.opinions.ask(b["handler"], case_id, [sales], "是否同意赔偿？")
    detail = b.desk.queries.case_detail(b["handler"], case_id)
    assert detail.actions["propose"] is not None
    # the handler may not waive the wait; another department's manager may not either
    assert detail.actions["proceed_without_opinions"] is not None
    with pytest.raises(DomainError):
        b.desk.opinions.proceed_without(b["handler"], case_id, "客户催促")
    with pytest.raises(DomainError):
        b.desk.opinions.proceed_without(b["sales_mgr"], case_id, "客户催促")
    with pytest.raises(FieldError) as blank:
        b.desk.opinions.proceed_without(b["qa_mgr"], case_id, "  ")
    assert "reason" in blank.value.texts

    version = b.desk.queries.case_detail(b["qa_mgr"], case_id).version
    b.desk.opinions.proceed_without(b["qa_mgr"], CaseVersion(case_id, version), "客户催促，业务部门出差")
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    waived = detail.opinions[0]
    assert (waived.state, waived.waive_reason, waived.step_state) == (
        OpinionState.WAIVED,
        "客户催促，业务部门出差",
        StepState.SKIPPED,
    )
    assert render(detail.timeline[-1].text, "zh_CN") == (
        "不等会签继续：业务部门的会签不再等待。理由：客户催促，业务部门出差"
    )
    assert detail.timeline[-1].actor_name == "赵强"
    # a waived ask can no longer be answered
    with pytest.raises(DomainError):
        b.desk.opinions.give(b["sales_mgr"], OpinionSeen(waived.id, waived.version), "迟到的意见", 10)
    b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("compensation", "100"))


def test_stale_writes_are_refused_naming_who(branch: Branch) -> None:
    b = branch
    sales = b["sales_mgr"].department_id
    case_id = investigated(b)
    before = b.desk.queries.case_detail(b["handler"], case_id).version
    b.desk.opinions.ask(b["handler"], CaseVersion(case_id, before), [sales], "意见？")
    # the same screen asks again on what it saw: the case changed meanwhile
    with pytest.raises(ConcurrentChange):
        b.desk.opinions.ask(b["crm"], CaseVersion(case_id, before), [department_id(b, "MFG")], "意见？")

    # two people of 业务部门 open the same ask; the first signs, the second is refused with who did
    read_by_manager = seen(b, case_id, sales, "sales_mgr")
    read_by_handler = seen(b, case_id, sales, "handler2")
    b.desk.opinions.give(b["handler2"], read_by_handler, "同意", 20)
    with pytest.raises(ConcurrentChange) as stale:
        b.desk.opinions.give(b["sales_mgr"], read_by_manager, "不同意", 0)
    assert "刘洋" in render(stale.value.text, "zh_CN")
    given = b.desk.queries.case_detail(b["crm"], case_id).opinions[0]
    assert (given.opinion, given.signer, given.signer_role) == ("同意", "刘洋", Role.HANDLER)


def test_who_asks_and_who_answers(branch: Branch) -> None:
    b = branch
    sales, qa, mfg = b["sales_mgr"].department_id, b["handler"].department_id, department_id(b, "MFG")
    # 刘洋 (业务部门) is the employee complained about: he may not give his department's opinion (回避)
    case_id = investigated(b, complained_department_id=sales, complained_user_id=b["handler2"].user_id)
    with pytest.raises(DomainError):
        b.desk.opinions.ask(b["clerk"], case_id, [sales], "意见？")  # not a role that asks
    with pytest.raises(DomainError):
        b.desk.opinions.ask(b["sales_mgr"], case_id, [mfg], "意见？")  # not the responsible department
    with pytest.raises(FieldError) as own:
        b.desk.opinions.ask(b["qa_mgr"], case_id, [qa], "意见？")
    assert render(own.value.texts["departments"], "zh_CN") == "责任部门不需要向自己请求会签"
    with pytest.raises(FieldError):
        b.desk.opinions.ask(b["qa_mgr"], case_id, [], "意见？")
    with pytest.raises(FieldError):
        b.desk.opinions.ask(b["qa_mgr"], case_id, [sales], " ")
    b.desk.opinions.ask(b["qa_mgr"], case_id, [sales], "意见？")
    with pytest.raises(FieldError) as twice:
        b.desk.opinions.ask(b["crm"], case_id, [sales, mfg], "再问一次")
    assert render(twice.value.texts["departments"], "zh_CN") == "所选部门已有一个待回复的会签请求"

    ask = seen(b, case_id, sales)
    with pytest.raises(DomainError) as recused:
        b.desk.opinions.give(b["handler2"], ask, "与我无关", 0)
    assert render(recused.value.text, "zh_CN") == "您是本案被投诉人，依规定回避"
    with pytest.raises(DomainError):
        b.desk.opinions.give(b["handler"], ask, "替业务部门回答", 0)  # not of the department asked
    with pytest.raises(FieldError) as share:
        b.desk.opinions.give(b["sales_mgr"], ask, "同意", 101)
    assert "share_percent" in share.value.texts
    b.desk.opinions.give(b["sales_mgr"], ask, "同意", 0)


def test_an_upgraded_branch_gets_the_step_and_the_form_section(branch: Branch) -> None:
    """Migration 0023 on a branch that existed before it: the rule, the policy, the handling form."""
    b = branch
    rewind_to(b.desk.db, revision_before("0023"))
    # the downgrade took them away (read as rows: today's models name columns later migrations add)
    with b.desk.db.read() as session:
        steps = session.execute(text("SELECT step FROM step_policy")).scalars().all()
    assert "opinion" not in steps
    b.desk.upgrade()
    with b.desk.db.read() as session:
        config = load_config(session)
    assert TrackedStep.OPINION in config.step_policies
    assert any(rule.step == "opinion" for rule in config.sla_rules)
    handling = config.forms["handling"]
    assert [s.title for s in handling.sections].count("会签意见") == 1
    assert any(box.field == "opinions" for box in handling.overlay)
