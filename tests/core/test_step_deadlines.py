"""Step deadlines that act (issue 12, part "steps"), end to end through the services on both engines:
a step warns (the due-soon pile), then acts once when it passes (escalate / mark / notify), the
first-contact action stops its clock, a major case's GM alert, unconfirmed years, the policy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from branchdesk.domain.steps import StepState, TrackedStep
from branchdesk.domain.vocab import DeadlineStep, EscalationReason
from branchdesk.errors import DomainError, FieldError, PermissionDenied
from branchdesk.i18n import render
from branchdesk.read.case_view import CaseView, StepDeadline
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import TriageInput
from tests.conftest import START, Branch, complaint_form


def assigned(b: Branch, major: bool = False, **form: object) -> int:
    """A complaint registered and triaged to 张伟 now: first contact falls due an hour later."""
    ref = b.desk.intake.register(b["clerk"], complaint_form(**form))
    department = b["handler"].department_id
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            declared_major=major,
            responsible_department_id=department,
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def step(detail: CaseView, which: DeadlineStep | TrackedStep) -> StepDeadline:
    return next(s for s in detail.deadlines.steps if s.step.value == which.value)


def step_escalations(detail: CaseView) -> list[int]:
    return [e.to_level for e in detail.escalations if e.reason is EscalationReason.STEP_OVERDUE]


def in_pile(b: Branch, actor: str, case_id: int, **pile: bool) -> bool:
    page = b.desk.queries.queue_page(b[actor], QueueFilter(**pile))  # type: ignore[arg-type]
    return case_id in [row.id for row in page.rows]


def test_a_step_warns_then_escalates_once_naming_the_step(branch: Branch) -> None:
    b = branch
    case_id = assigned(b)
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert step(detail, DeadlineStep.FIRST_CONTACT).due == START + timedelta(hours=1)
    assert step(detail, DeadlineStep.REPLY).due == detail.deadlines.due  # the reply is due with the case
    assert not in_pile(b, "crm", case_id, steps_due_soon=True)

    b.clock.now = START + timedelta(minutes=40)  # first contact warns 30 minutes before
    assert in_pile(b, "crm", case_id, steps_due_soon=True)
    assert b.desk.queries.work_counts(b["crm"]).steps_due_soon == 1
    assert step(b.desk.queries.case_detail(b["crm"], case_id), DeadlineStep.FIRST_CONTACT).state is (
        StepState.DUE_SOON
    )
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 0  # warning is not acting

    b.clock.now = START + timedelta(hours=1, minutes=5)
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 1
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 0  # once per due time
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert step_escalations(detail) == [1]  # 客户关系经理 is off the ladder: one level up
    assert detail.escalation_level == 1
    assert step(detail, DeadlineStep.FIRST_CONTACT).state is StepState.OVERDUE
    last = render(detail.timeline[-1].text)
    assert "首次联系客户" in last and "环节逾期" in last and "客户关系经理" in last, last
    assert "First contact" in render(detail.timeline[-1].text, "en")
    counts = b.desk.queries.work_counts(b["crm"])
    assert counts.steps_overdue == 1 and counts.steps_due_soon == 0
    assert counts.steps_alerted_to_me == 1  # escalated naming the 客户关系经理: in their pile
    assert b.desk.queries.work_counts(b["qa_mgr"]).steps_alerted_to_me == 0
    assert in_pile(b, "crm", case_id, steps_overdue=True)
    b.desk.cases.record_first_contact(b["handler"], case_id, "phone")  # late, but done: off the piles
    counts = b.desk.queries.work_counts(b["crm"])
    assert counts.steps_overdue == 0 and counts.steps_alerted_to_me == 0


def test_first_contact_stops_its_clock(branch: Branch) -> None:
    b = branch
    case_id = assigned(b)
    with pytest.raises(DomainError):  # only the case's handler or the CR manager
        b.desk.cases.record_first_contact(b["clerk"], case_id, "phone")
    with pytest.raises(FieldError) as bad:
        b.desk.cases.record_first_contact(b["handler"], case_id, "pigeon")
    assert "method" in bad.value.errors
    with pytest.raises(FieldError) as late:
        b.desk.cases.record_first_contact(
            b["handler"], case_id, "phone", contacted_at=START + timedelta(days=1)
        )
    assert "contacted_at" in late.value.errors
    with pytest.raises(FieldError):
        b.desk.cases.record_first_contact(b["handler"], case_id, "phone", note="x" * 100_000)

    b.clock.now = START + timedelta(minutes=20)
    b.desk.cases.record_first_contact(b["handler"], case_id, "phone", note="已致电，约明日上门")
    with pytest.raises(DomainError):  # once
        b.desk.cases.record_first_contact(b["crm"], case_id, "sms")

    b.clock.now = START + timedelta(hours=2)
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 0
    detail = b.desk.queries.case_detail(b["handler"], case_id)
    first = step(detail, DeadlineStep.FIRST_CONTACT)
    assert first.state is StepState.DONE and first.done_at == START + timedelta(minutes=20)
    assert detail.escalation_level == 0 and step_escalations(detail) == []
    assert "首次联系客户" in render(detail.timeline[-1].text)
    assert "已致电" in render(detail.timeline[-1].text)
    assert b.desk.queries.work_counts(b["crm"]).steps_overdue == 0


def test_a_major_case_not_reported_to_the_gm_in_time_escalates_to_the_gm(branch: Branch) -> None:
    b = branch
    silent = assigned(b, major=True)
    informed = assigned(b, major=True, order_no="SO-OTHER", phone="13912345678")
    for case_id in (silent, informed):  # first contact is not what this test is about
        b.desk.cases.record_first_contact(b["handler"], case_id, "phone")
    b.desk.cases.inform_gm(b["crm"], informed, note="电话报告")
    detail = b.desk.queries.case_detail(b["gm"], silent)
    assert step(detail, TrackedStep.GM_INFORM).due == START + timedelta(hours=24)  # gm_inform_hours

    b.clock.now = START + timedelta(hours=22, minutes=30)  # warns two hours before
    assert in_pile(b, "gm", silent, steps_due_soon=True)
    assert not in_pile(b, "gm", informed, steps_due_soon=True)

    b.clock.now = START + timedelta(hours=24, minutes=1)
    b.desk.cases.sweep()
    after = b.desk.queries.case_detail(b["gm"], silent)
    assert 3 in step_escalations(after) and after.escalation_level == 3
    assert any("报告总经理" in render(e.text) for e in after.timeline)
    assert step(after, TrackedStep.GM_INFORM).state is StepState.OVERDUE
    assert 3 not in step_escalations(b.desk.queries.case_detail(b["gm"], informed))
    assert step(b.desk.queries.case_detail(b["gm"], informed), TrackedStep.GM_INFORM).state is StepState.DONE
    before = len(after.escalations)
    b.desk.cases.sweep()
    assert len(b.desk.queries.case_detail(b["gm"], silent).escalations) == before


def test_steps_in_a_year_without_published_holidays_are_flagged(branch: Branch) -> None:
    b = branch
    b.clock.now = datetime(2031, 3, 3, 9, 0)  # beyond chinesecalendar's data
    case_id = assigned(b)
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.deadlines.unconfirmed
    assert step(detail, DeadlineStep.INVESTIGATION).unconfirmed  # counted in working days
    assert step(detail, DeadlineStep.REPLY).unconfirmed

    b.clock.now = START
    confirmed = assigned(b, order_no="SO-OTHER", phone="13912345678")
    detail = b.desk.queries.case_detail(b["crm"], confirmed)
    assert not any(s.unconfirmed for s in detail.deadlines.steps)


def test_the_step_policy_is_data_the_admin_edits(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    policies = {p.step: p for p in b.desk.step_policy.policies(admin)}
    assert set(policies) == set(TrackedStep)
    with pytest.raises(PermissionDenied):
        b.desk.step_policy.save(b["crm"], "first_contact", 10, "notify", "dept_manager")
    for bad, field in (
        (dict(step="lunch"), "step"),
        (dict(warn_before_minutes=-1), "warn_before_minutes"),
        (dict(warn_before_minutes=10**9), "warn_before_minutes"),
        (dict(on_overdue="shout"), "on_overdue"),
        (dict(role=None), "role"),  # notify whom?
        (dict(role="pope"), "role"),
    ):
        values: dict[str, object] = dict(
            step="first_contact", warn_before_minutes=10, on_overdue="notify", role="dept_manager"
        )
        values.update(bad)
        with pytest.raises(FieldError) as refused:
            b.desk.step_policy.save(admin, **values)  # type: ignore[arg-type]
        assert field in refused.value.errors, (bad, refused.value.errors)
    b.desk.step_policy.save(admin, "first_contact", 10, "notify", "dept_manager")
    b.desk.step_policy.save(admin, "investigation", 60, "mark", None, active=False)

    case_id = assigned(b)
    b.clock.now = START + timedelta(minutes=40)  # 20 minutes before: outside the 10-minute warning now
    assert not in_pile(b, "crm", case_id, steps_due_soon=True)
    b.clock.now = START + timedelta(hours=1, minutes=1)
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 1
    detail = b.desk.queries.case_detail(b["qa_mgr"], case_id)
    assert detail.escalation_level == 0 and step_escalations(detail) == []  # notify, not escalate
    assert "已提醒部门经理" in render(detail.timeline[-1].text)
    assert in_pile(b, "qa_mgr", case_id, steps_alerted_to_me=True)  # the notified role's pile
    assert not in_pile(b, "crm", case_id, steps_alerted_to_me=True)
    b.clock.now = START + timedelta(days=20)  # the investigation step is inactive: never acts
    b.desk.cases.sweep()
    detail = b.desk.queries.case_detail(b["qa_mgr"], case_id)
    assert not any("调查报告" in render(e.text) for e in detail.timeline)


def test_an_approved_extension_moves_the_reply_step(branch: Branch) -> None:
    from branchdesk.services.dto import ExtensionInput

    b = branch
    case_id = assigned(b)
    due = b.desk.queries.case_detail(b["crm"], case_id).deadlines.due
    assert due is not None
    later = due + timedelta(days=7)
    b.desk.cases.request_extension(b["handler"], case_id, ExtensionInput("需要检测", "客户电话同意", later))
    b.desk.cases.decide_extension(b["qa_mgr"], case_id, True, "")
    assert step(b.desk.queries.case_detail(b["crm"], case_id), DeadlineStep.REPLY).due == later


@pytest.mark.sqlite_only
def test_migration_0013_carries_existing_cases_over(branch: Branch) -> None:
    """From 0010: reply due with the deadline, majors get their GM alert, steps already late are
    marked (not escalated all at once by the first sweep), the shipped policies are seeded."""
    from alembic import command

    from branchdesk.storage.migrate import alembic_config, upgrade

    b = branch
    late = assigned(b)
    major = assigned(b, major=True, order_no="SO-OTHER", phone="13912345678")
    config = alembic_config(b.desk.db)
    with b.desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
        connection.commit()
    with b.desk.db.write() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0010"
        # as the first release left them: assigned long ago, nothing recorded
        session.execute(
            text("UPDATE complaint_case SET first_contact_due_at = '2026-10-01 10:00:00', triaged_at = :t"),
            {"t": START},
        )
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        rows = session.execute(
            text("SELECT id, reply_due_at, deadline_at, gm_inform_due_at FROM complaint_case")
        )
        by_id = {r[0]: r[1:] for r in rows}
        alerts = session.execute(text("SELECT case_id, step, outcome FROM step_alert ORDER BY case_id")).all()
        policies = session.execute(text("SELECT count(*) FROM step_policy")).scalar()
    assert by_id[late][0] == by_id[late][1] and by_id[late][0] is not None
    assert by_id[major][2] is not None and by_id[late][2] is None
    assert (late, "first_contact", "mark") in [tuple(a) for a in alerts]
    assert policies == len(TrackedStep)
    b.clock.now = START + timedelta(hours=2)
    b.desk.cases.sweep()
    assert step_escalations(b.desk.queries.case_detail(b["crm"], late)) == []  # the backlog stays quiet


def test_a_reply_due_with_the_case_deadline_escalates_once_not_twice(branch: Branch) -> None:
    b = branch
    case_id = assigned(b)
    b.desk.cases.record_first_contact(b["handler"], case_id, "phone")
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.deadlines.due is not None
    b.clock.now = detail.deadlines.due + timedelta(minutes=5)  # the investigation is not due yet
    b.desk.cases.sweep()
    b.desk.cases.sweep()
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [e.reason for e in detail.escalations] == [EscalationReason.OVERDUE]
    assert step(detail, DeadlineStep.REPLY).state is StepState.OVERDUE  # shown, said once
    assert not any("答复客户" in render(e.text) for e in detail.timeline if e.action == "escalate")
