"""The state machine of §7 as a table of allowed and refused transitions per role."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from branchdesk.domain.vocab import Kind, Role, Status
from branchdesk.domain.workflow import TRANSITIONS, Action, CaseFacts
from branchdesk.domain.workflow import refusal as refusal_text
from branchdesk.i18n import render

ME = 1


def refusal(action: Action, case: CaseFacts, actor_id: int, roles: Collection[Role]) -> str | None:
    """The refusal as the Chinese UI shows it (the rules return a code)."""
    reason = refusal_text(action, case, actor_id, roles)
    return None if reason is None else render(reason, "zh_CN")


S, R, A = Status, Role, Action

# (action, state, role, allowed) — the acting user is the assigned handler, not the complained person.
TABLE = [
    (A.SUBMIT, S.DRAFT, R.CLERK, True),
    (A.SUBMIT, S.DRAFT, R.HANDLER, False),
    (A.SUBMIT, S.REGISTERED, R.CLERK, False),
    (A.TRIAGE, S.REGISTERED, R.CR_MANAGER, True),
    (A.TRIAGE, S.REGISTERED, R.CLERK, False),
    (A.TRIAGE, S.REGISTERED, R.GM, False),
    (A.TRIAGE, S.CLOSED, R.CR_MANAGER, False),
    (A.ASSIGN, S.PENDING_ASSIGNMENT, R.CR_MANAGER, True),
    (A.ASSIGN, S.PENDING_ASSIGNMENT, R.DEPT_MANAGER, True),
    (A.ASSIGN, S.IN_PROGRESS, R.CR_MANAGER, True),  # transfer
    (A.ASSIGN, S.REGISTERED, R.CR_MANAGER, False),
    (A.ASSIGN, S.PENDING_ASSIGNMENT, R.HANDLER, False),
    (A.RECORD_INVESTIGATION, S.IN_PROGRESS, R.HANDLER, True),
    (A.RECORD_INVESTIGATION, S.IN_PROGRESS, R.CR_MANAGER, False),
    (A.RECORD_INVESTIGATION, S.PENDING_APPROVAL, R.HANDLER, False),
    (A.PROPOSE, S.IN_PROGRESS, R.HANDLER, True),
    (A.PROPOSE, S.IN_PROGRESS, R.CLERK, False),
    (A.APPROVE, S.PENDING_APPROVAL, R.DEPT_MANAGER, True),
    (A.APPROVE, S.PENDING_APPROVAL, R.DEPUTY_GM, True),
    (A.APPROVE, S.PENDING_APPROVAL, R.GM, True),
    # Any business role may reach the approval step; the frozen chain decides who signs which step
    # (approvals.signing_refusal, tests/core/test_approval_chains.py).
    (A.APPROVE, S.PENDING_APPROVAL, R.CR_MANAGER, True),
    (A.APPROVE, S.PENDING_APPROVAL, R.HANDLER, False),  # the handler proposes
    (A.APPROVE, S.PENDING_APPROVAL, R.ADMIN, False),
    (A.APPROVE, S.IN_PROGRESS, R.GM, False),
    (A.REPLY, S.AWAITING_REPLY, R.CLERK, True),
    (A.REPLY, S.INVALID, R.CLERK, True),
    (A.REPLY, S.PENDING_APPROVAL, R.CLERK, False),  # only approved resolutions are communicated
    (A.REPLY, S.AWAITING_REPLY, R.DEPT_MANAGER, False),
    (A.FOLLOW_UP, S.AWAITING_FOLLOWUP, R.CLERK, True),
    (A.FOLLOW_UP, S.AWAITING_REPLY, R.CLERK, False),
    (A.FOLLOW_UP, S.AWAITING_FOLLOWUP, R.HANDLER, False),
    (A.CLOSE, S.AWAITING_FOLLOWUP, R.CR_MANAGER, False),  # no follow-up recorded yet
    (A.CLOSE_ABNORMAL, S.NOT_ACCEPTED, R.GM, True),
    (A.CLOSE_ABNORMAL, S.NOT_ACCEPTED, R.DEPUTY_GM, False),
    (A.CLOSE_ABNORMAL, S.IN_PROGRESS, R.GM, False),
    (A.OPEN_LINKED, S.NOT_ACCEPTED, R.CLERK, True),
    (A.OPEN_LINKED, S.NOT_ACCEPTED, R.HANDLER, False),
    (A.VOID, S.DRAFT, R.CR_MANAGER, True),
    (A.VOID, S.REGISTERED, R.DEPT_MANAGER, True),
    (A.VOID, S.REGISTERED, R.CLERK, False),
    (A.VOID, S.CLOSED, R.GM, False),
    (A.VOID, S.PENDING_APPROVAL, R.GM, False),
    (A.REQUEST_EXTENSION, S.IN_PROGRESS, R.HANDLER, True),
    (A.REQUEST_EXTENSION, S.AWAITING_FOLLOWUP, R.HANDLER, False),
    (A.DECIDE_EXTENSION, S.IN_PROGRESS, R.DEPT_MANAGER, False),  # nothing pending (see below)
    (A.DECIDE_EXTENSION, S.IN_PROGRESS, R.CLERK, False),
    (A.ESCALATE, S.IN_PROGRESS, R.CR_MANAGER, True),
    (A.ESCALATE, S.CLOSED, R.CR_MANAGER, False),
]


def facts(status: Status, **kw: object) -> CaseFacts:
    values: dict[str, object] = dict(
        status=status, kind=Kind.COMPLAINT, handler_id=ME, complained_user_id=None, recorder_id=ME
    )
    values.update(kw)
    return CaseFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("action", "status", "role", "allowed"),
    TABLE,
    ids=[f"{a.value}-{s.value}-{r.value}" for a, s, r, _ in TABLE],
)
def test_transition_table(action: Action, status: Status, role: Role, allowed: bool) -> None:
    reason = refusal(action, facts(status), ME, {role})
    assert (reason is None) is allowed, reason


def test_every_refusal_says_why_in_chinese() -> None:
    for action in Action:
        for status in Status:
            for role in Role:
                reason = refusal(action, facts(status), ME, {role})
                allowed_by_table = status in TRANSITIONS[action].sources and role in TRANSITIONS[action].roles
                if reason is None:
                    assert allowed_by_table, (action, status, role)
                else:
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in reason)


def test_recused_employee_is_refused_with_the_rule() -> None:
    case = facts(S.IN_PROGRESS, complained_user_id=ME)
    assert refusal(A.RECORD_INVESTIGATION, case, ME, {R.HANDLER}) == "您是本案被投诉人，依规定回避"
    assert (
        refusal(A.APPROVE, facts(S.PENDING_APPROVAL, complained_user_id=ME), ME, {R.GM})
        == "您是本案被投诉人，依规定回避"
    )
    assert (
        refusal(A.FOLLOW_UP, facts(S.AWAITING_FOLLOWUP, complained_user_id=ME), ME, {R.CLERK})
        == "您是本案被投诉人，依规定回避"
    )


def test_only_the_assigned_handler_investigates() -> None:
    assert (
        refusal(A.PROPOSE, facts(S.IN_PROGRESS, handler_id=99), ME, {R.HANDLER})
        == "只有本案的处理责任人才能提出处理方案"
    )


def test_consultations_are_answered_not_investigated() -> None:
    consult = facts(S.PENDING_ASSIGNMENT, kind=Kind.CONSULTATION)
    assert refusal(A.ANSWER, consult, ME, {R.CLERK}) is None
    assert refusal(A.ASSIGN, consult, ME, {R.CR_MANAGER}) == "“咨询”类案件直接答复，不需要分派/转派"
    assert refusal(A.ANSWER, facts(S.PENDING_ASSIGNMENT), ME, {R.CLERK}) == "投诉须经调查、审批后才能答复客户"


def test_dissatisfied_follow_up_opens_the_not_accepted_paths() -> None:
    unhappy = facts(S.AWAITING_FOLLOWUP, has_follow_up=True, dissatisfied=True)
    happy = facts(S.AWAITING_FOLLOWUP, has_follow_up=True, dissatisfied=False)
    assert refusal(A.OPEN_LINKED, unhappy, ME, {R.CLERK}) is None
    assert refusal(A.CLOSE_ABNORMAL, unhappy, ME, {R.GM}) is None
    assert refusal(A.CLOSE, unhappy, ME, {R.CR_MANAGER}) == (
        "回访不满意：请开立转新案，或由总经理批准非正常结案"
    )
    assert refusal(A.OPEN_LINKED, happy, ME, {R.CLERK}) is not None
    assert refusal(A.CLOSE, happy, ME, {R.CR_MANAGER}) is None


def test_extension_buttons_follow_the_pending_request() -> None:
    pending = facts(S.IN_PROGRESS, pending_extension=True)
    assert refusal(A.DECIDE_EXTENSION, pending, ME, {R.DEPT_MANAGER}) is None
    assert refusal(A.REQUEST_EXTENSION, pending, ME, {R.HANDLER}) == "已有一项延期申请待审批"
    assert refusal(A.DECIDE_EXTENSION, facts(S.IN_PROGRESS), ME, {R.DEPT_MANAGER}) == "没有待审批的延期申请"
