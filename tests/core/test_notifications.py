"""Notifications, per user (issue 17 "notify"), end to end through the services on both engines: each kind
reaches exactly the people it is for, in the unit of the event; the poll, the list and the marks see only
the user's own; a step due soon is announced once per step and due time; the poll interval is bounded."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from branchdesk.domain.notifications import NotificationKind
from branchdesk.domain.steps import TrackedStep
from branchdesk.domain.vocab import Decision
from branchdesk.errors import BranchDeskError, DomainError, FieldError
from branchdesk.i18n import Text, render
from branchdesk.services.cases import CaseService
from branchdesk.services.dto import TriageInput
from branchdesk.services.notifications import poll_seconds
from branchdesk.storage.models import Case, Notification
from tests.conftest import PASSWORD, STAFF, START, Branch, complaint_form, proposed_case


def kinds_for(b: Branch, who: str, case_id: int) -> list[NotificationKind | str]:
    return [n.kind for n in b.desk.notifications.list(b[who]) if n.case_id == case_id]


def told(b: Branch, kind: NotificationKind, case_id: int) -> set[str]:
    """Who of the staff (and the admin) has a notification of ``kind`` about the case."""
    return {who for who in [*STAFF, "admin"] if kind in kinds_for(b, who, case_id)}


def triaged_to_handler(b: Branch) -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def test_intake_tells_nobody_and_an_assignment_tells_the_handler_only(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    assert not any(told(b, kind, ref.id) for kind in NotificationKind)
    case_id = triaged_to_handler(b)
    assert told(b, NotificationKind.ASSIGNED, case_id) == {"handler"}
    (note,) = b.desk.notifications.list(b["handler"])
    assert note.unread and note.case_no and note.created_at == START
    assert render(note.text) == f"陈静 将案件 {note.case_no} 分派给您处理"
    assert render(note.text, "en") == f"陈静 assigned case {note.case_no} to you"
    # A transfer tells the new handler (of the other department, by the CR manager).
    b.desk.cases.assign(b["crm"], case_id, b["handler2"].user_id)
    assert told(b, NotificationKind.ASSIGNED, case_id) == {"handler", "handler2"}


def test_nobody_is_told_of_their_own_assignment(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    sales = b["sales_mgr"].department_id
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", responsible_department_id=sales
        ),
    )
    # 孙丽 manages SALES and is a handler herself: she assigns the case to herself.
    b.desk.cases.assign(b["sales_mgr"], ref.id, b["sales_mgr"].user_id, b["sales_mgr"].department_id)
    assert told(b, NotificationKind.ASSIGNED, ref.id) == set()


def test_an_approval_waits_for_exactly_those_who_may_sign_it_then_the_clerk_replies(branch: Branch) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "800")  # ≤ ¥5,000: the responsible department's manager
    # Told: everyone whose 待我审批 pile holds the case — the same signing rule — and nobody else.
    may_sign = {who for who in STAFF if b.desk.queries.work_counts(b[who]).awaiting_my_approval}
    assert may_sign == {"qa_mgr"}
    assert told(b, NotificationKind.APPROVAL, ref.id) == may_sign
    (note,) = [n for n in b.desk.notifications.list(b["qa_mgr"]) if n.kind is NotificationKind.APPROVAL]
    assert render(note.text) == f"案件 {ref.case_no} 的处理方案等待您审批（部门经理（责任部门））"
    assert told(b, NotificationKind.REPLY_READY, ref.id) == set()
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    # Approved: the clerk who recorded the case replies (首问负责制), not the other clerk.
    assert told(b, NotificationKind.REPLY_READY, ref.id) == {"clerk"}
    assert "请答复客户" in render(kinds_note(b, "clerk", ref.id, NotificationKind.REPLY_READY))


def kinds_note(b: Branch, who: str, case_id: int, kind: NotificationKind) -> object:
    return next(n.text for n in b.desk.notifications.list(b[who]) if n.case_id == case_id and n.kind is kind)


def test_a_chain_moves_the_notice_step_by_step_and_a_recused_manager_sends_it_up(branch: Branch) -> None:
    b = branch
    # ¥20,000: the responsible department's manager, then a deputy GM.
    ref = proposed_case(b, "compensation", "20000")
    assert told(b, NotificationKind.APPROVAL, ref.id) == {"qa_mgr"}
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    assert told(b, NotificationKind.APPROVAL, ref.id) == {"qa_mgr", "deputy", "deputy2"}
    assert told(b, NotificationKind.REPLY_READY, ref.id) == set()
    assert b.desk.notifications.unread_count(b["qa_mgr"]) == 0  # their step is signed: it waits no more
    assert b.desk.notifications.unread_count(b["deputy"]) == 1
    b.desk.cases.decide_approval(b["deputy2"], ref.id, Decision.APPROVE, PASSWORD)
    assert told(b, NotificationKind.REPLY_READY, ref.id) == {"clerk"}
    # 吴敏 signed; 周建国's notice of the same step is settled too.
    assert b.desk.notifications.unread_count(b["deputy"]) == 0

    # A complaint against the QA manager: nobody of the step's own role may sign, so the roles above are told.
    against = proposed_case(
        b, "compensation", "800", complained_user_id=b["qa_mgr"].user_id, phone="139 0000 1111"
    )
    may_sign = {who for who in STAFF if who != "qa_mgr" and _may_sign(b, who, against.id)}
    assert may_sign == {"deputy", "deputy2", "gm"}
    assert told(b, NotificationKind.APPROVAL, against.id) == may_sign


def _may_sign(b: Branch, who: str, case_id: int) -> bool:
    try:
        b.desk.cases._check_eligible_to_sign(b[who], case_id)
    except BranchDeskError:
        return False
    return True


def test_a_rejection_tells_no_signer_and_a_chain_of_no_steps_goes_straight_to_the_clerk(
    branch: Branch,
) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "800")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.REJECT, PASSWORD, "金额偏高")
    assert told(b, NotificationKind.REPLY_READY, ref.id) == set()
    from branchdesk.services.approval_policy import ApprovalRuleInput

    b.desk.approval_policy.save_rule(
        b["admin"], None, ApprovalRuleInput(1, "道歉无需审批", [], max_amount="0")
    )
    free = proposed_case(b, "apology", "0", phone="139 0000 2222")
    assert told(b, NotificationKind.APPROVAL, free.id) == set()
    assert told(b, NotificationKind.REPLY_READY, free.id) == {"clerk"}


def test_a_step_due_soon_is_announced_once_per_due_time_to_whoever_does_it(branch: Branch) -> None:
    b = branch
    case_id = triaged_to_handler(b)  # first contact due an hour after the assignment, warned 30 min before
    b.desk.cases.sweep()
    assert told(b, NotificationKind.STEP_DUE, case_id) == set()
    b.clock.now = START + timedelta(minutes=40)
    b.desk.cases.sweep()
    assert b.desk.cases.steps_announced == 1
    assert told(b, NotificationKind.STEP_DUE, case_id) == {"handler"}
    note = kinds_note(b, "handler", case_id, NotificationKind.STEP_DUE)
    assert (
        render(note)
        == f"案件 {_case_no(b, case_id)}：首次联系客户将于 {START + timedelta(hours=1):%Y-%m-%d %H:%M} 到期"
    )
    b.desk.cases.sweep()
    assert b.desk.cases.steps_announced == 0  # once per step and due time
    with b.desk.db.read() as session:
        rows = session.scalars(select(Notification).where(Notification.kind == "step_due")).all()
    assert [(n.step, n.due_at) for n in rows] == [
        (TrackedStep.FIRST_CONTACT.value, START + timedelta(hours=1))
    ]


def _case_no(b: Branch, case_id: int) -> str:
    with b.desk.db.read() as session:
        return session.get(Case, case_id).case_no  # type: ignore[union-attr]


def test_the_poll_the_list_and_the_marks_are_the_users_own(branch: Branch) -> None:
    b = branch
    first = triaged_to_handler(b)
    second = triaged_to_handler(b)
    poll = b.desk.notifications.poll(b["handler"])
    assert poll.unread == 2 and poll.latest_id > 0
    assert b.desk.notifications.poll(b["handler2"]).unread == 0
    assert b.desk.notifications.latest_id(b["handler2"]) == 0
    notes = b.desk.notifications.list(b["handler"])
    assert [n.case_id for n in notes] == [second, first]  # newest first
    assert [n.id for n in b.desk.notifications.list(b["handler"], after_id=notes[1].id)] == [notes[0].id]
    # Someone else's ids are ignored, not marked.
    assert b.desk.notifications.mark_read(b["handler2"], [n.id for n in notes]) == 0
    assert b.desk.notifications.unread_count(b["handler"]) == 2
    assert b.desk.notifications.mark_read(b["handler"], [notes[1].id]) == 1
    assert b.desk.notifications.unread_count(b["handler"]) == 1
    assert b.desk.notifications.latest_id(b["handler"]) == notes[0].id  # read ones still count as seen
    assert b.desk.notifications.mark_all_read(b["handler"]) == 1
    assert b.desk.notifications.unread_count(b["handler"]) == 0
    assert all(not n.unread for n in b.desk.notifications.list(b["handler"]))


def test_a_notification_is_written_in_the_unit_of_its_event(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"], ref.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )

    def fail(*_args: object) -> None:  # the assignment fails after its notification was added
        raise DomainError(Text("error.concurrent_change"))

    monkeypatch.setattr(CaseService, "_touch", fail)
    with pytest.raises(DomainError):
        b.desk.cases.assign(b["crm"], ref.id, b["handler"].user_id)
    monkeypatch.undo()
    with b.desk.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Notification)) == 0
    b.desk.cases.assign(b["crm"], ref.id, b["handler"].user_id)
    assert told(b, NotificationKind.ASSIGNED, ref.id) == {"handler"}


def test_inputs_are_bounded_and_the_poll_interval_too(branch: Branch) -> None:
    b = branch
    for bad in (["x"], [0], [2**63], "12", None, list(range(2000))):
        with pytest.raises(FieldError):
            b.desk.notifications.mark_read(b["handler"], bad)  # type: ignore[arg-type]
    for limit in (0, -1, 10**9, True, "5"):
        with pytest.raises(FieldError):
            b.desk.notifications.list(b["handler"], limit)  # type: ignore[arg-type]
    assert b.desk.notifications.poll_interval_seconds() == 20  # the shipped default, a later setting
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "notification_poll_seconds", 0)
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "notification_poll_seconds", 601)
    b.desk.admin.set_setting(b["admin"], "notification_poll_seconds", 5)
    assert b.desk.notifications.poll_interval_seconds() == 5
    assert poll_seconds(0) == 1 and poll_seconds(10**6) == 600 and poll_seconds("x") == 20


def test_migration_0017_adds_the_table_to_a_branch_with_cases_and_undoes_it(branch: Branch) -> None:
    from sqlalchemy import inspect

    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    case_id = triaged_to_handler(b)
    rewind_to(b.desk.db, revision_before("0017"))  # 0017's downgrade drops the table
    assert "notification" not in inspect(b.desk.db.engine).get_table_names()
    upgrade(b.desk.db)
    assert "notification" in inspect(b.desk.db.engine).get_table_names()
    # Nothing that happened before is announced; what happens after is.
    assert b.desk.notifications.poll(b["handler"]).unread == 0
    b.desk.cases.assign(b["crm"], case_id, b["handler2"].user_id)
    assert told(b, NotificationKind.ASSIGNED, case_id) == {"handler2"}


ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=20),
    st.floats(allow_nan=True),
    st.lists(st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=5)), max_size=5),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=ANY, limit=ANY, after=ANY)
def test_arbitrary_values_are_refused_in_the_domains_words(
    branch: Branch, ids: object, limit: object, after: object
) -> None:
    b = branch
    for call in (
        lambda: b.desk.notifications.mark_read(b["handler"], ids),  # type: ignore[arg-type]
        lambda: b.desk.notifications.list(b["handler"], limit, after),  # type: ignore[arg-type]
        lambda: b.desk.notifications.list(b["handler"], 10, after),  # type: ignore[arg-type]
    ):
        with contextlib.suppress(BranchDeskError):  # anything else fails the test
            call()
