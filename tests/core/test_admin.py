"""Configuration edited by the administrator changes what the rules do, and each edit is an event."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from branchdesk.errors import FieldError, PermissionDenied
from branchdesk.services.deadline_policy import RuleInput
from branchdesk.storage.models import Event
from tests.conftest import Branch, complaint_form


def test_only_the_administrator_edits_configuration(branch: Branch) -> None:
    with pytest.raises(PermissionDenied):
        branch.desk.admin.save_department(branch["gm"], "PR", "公关部")


def test_sla_rule_edit_moves_the_next_deadline(branch: Branch) -> None:
    b = branch
    rule = next(r for r in b.desk.deadline_policy.rules(b["admin"]) if r.label.startswith("投诉·一般"))
    b.desk.deadline_policy.save(
        b["admin"],
        rule.id,
        RuleInput(
            priority=rule.priority,
            label="投诉·一般 2 个工作日",
            amount=2,
            unit="working_days",
            kind="complaint",
        ),
    )
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    assert ref.deadline_at == datetime(2026, 11, 4, 17, 30)
    with b.desk.db.read() as session:
        event = session.scalars(select(Event).where(Event.action == "admin.sla")).one()
    assert ["amount", 1, 2] in event.changes and event.actor_name == "管理员"


def test_company_holiday_and_confirmed_year(branch: Branch) -> None:
    b = branch
    b.desk.admin.set_calendar_day(b["admin"], date(2026, 11, 3), working=False, note="公司年会")
    assert b.desk.intake.register(b["clerk"], complaint_form()).deadline_at == datetime(2026, 11, 4, 17, 30)
    b.clock.now = datetime(2026, 12, 31, 9, 0)
    assert b.desk.intake.register(b["clerk"], complaint_form(order_no="A")).deadline_unconfirmed
    b.desk.admin.confirm_calendar_year(b["admin"], 2027)
    assert not b.desk.intake.register(b["clerk"], complaint_form(order_no="B")).deadline_unconfirmed


def test_custom_field_is_asked_at_intake(branch: Branch) -> None:
    b = branch
    b.desk.admin.save_custom_field(b["admin"], "store", "门店", "choice", ["浦东店", "徐汇店"], required=True)
    with pytest.raises(FieldError) as info:
        b.desk.intake.register(b["clerk"], complaint_form())
    assert info.value.errors == {"custom.store": "请填写门店"}
    with pytest.raises(FieldError, match="请从列表中选择"):
        b.desk.intake.register(b["clerk"], complaint_form(custom={"store": "静安店"}))
    ref = b.desk.intake.register(b["clerk"], complaint_form(custom={"store": "浦东店"}))
    assert b.desk.queries.case_detail(b["crm"], ref.id).custom == {"store": "浦东店"}


def test_categories_departments_and_templates(branch: Branch) -> None:
    b = branch
    b.desk.admin.save_category(b["admin"], "service.delivery", "送货服务", "service")
    # issue 12: three levels now; the fourth is refused
    b.desk.admin.save_category(b["admin"], "x.y", "三级", "service.delivery")
    with pytest.raises(FieldError, match="最多三级"):
        b.desk.admin.save_category(b["admin"], "x.y.z", "四级", "x.y")
    b.desk.admin.save_department(b["admin"], "pr", "公关部")
    b.desk.admin.save_reply_template(b["admin"], None, "节日问候", "您好，祝您节日快乐。")
    lookups = b.desk.queries.lookups(b["crm"])
    assert ("service.delivery", "送货服务", "service") in lookups.categories
    assert "公关部" in dict(lookups.departments).values()
    assert ("节日问候", "您好，祝您节日快乐。") in lookups.reply_templates


def test_a_deactivated_user_cannot_log_in_and_is_offered_to_nobody(branch: Branch) -> None:
    from branchdesk.errors import AuthenticationFailed, DomainError
    from branchdesk.services.dto import TriageInput
    from tests.conftest import PASSWORD

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    handler_id = b["handler"].user_id
    b.desk.admin.set_active(b["admin"], handler_id, False)
    with pytest.raises(AuthenticationFailed):
        b.desk.auth.login("handler", PASSWORD)
    assert handler_id not in {p.id for p in b.desk.queries.lookups(b["crm"]).people}
    row = next(u for u in b.desk.admin.snapshot(b["admin"]).users if u.id == handler_id)
    assert not row.active and row.open_cases == 1  # the case to reassign
    with pytest.raises(FieldError):
        b.desk.cases.assign(b["qa_mgr"], ref.id, handler_id)
    with pytest.raises(PermissionDenied):  # a session still open on another PC is refused too
        b.desk.intake.register(b["handler"], complaint_form())
    with pytest.raises(DomainError):
        b.desk.admin.set_active(b["admin"], b["admin"].user_id, False)
    b.desk.admin.set_active(b["admin"], handler_id, True)
    assert b.desk.auth.login("handler", PASSWORD).user_id == handler_id


def test_a_user_keeps_at_least_one_role(branch: Branch) -> None:
    with pytest.raises(FieldError):
        branch.desk.admin.set_roles(branch["admin"], branch["clerk"].user_id, [])


def test_the_open_cases_of_a_deactivated_handler_wait_on_the_managers_work_page(branch: Branch) -> None:
    from branchdesk.read.work import PILES
    from branchdesk.services.dto import TriageInput

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    assert b.desk.queries.work_counts(b["crm"]).to_reassign == 0
    b.desk.admin.set_active(b["admin"], b["handler"].user_id, False)
    assert b.desk.queries.work_counts(b["crm"]).to_reassign == 1
    assert b.desk.queries.work_counts(b["clerk"]).to_reassign == 0  # a clerk does not reassign
    page = b.desk.queries.queue_page(b["crm"], PILES["to_reassign"])
    assert [row.case_no for row in page.rows] == [ref.case_no]
    b.desk.cases.assign(b["qa_mgr"], ref.id, b["sales_mgr"].user_id)
    assert b.desk.queries.work_counts(b["crm"]).to_reassign == 0
