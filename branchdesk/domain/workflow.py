"""The life of a case (domain §7): which action is allowed in which state, for which role.

The table ``TRANSITIONS`` is the whole state machine. Guards that depend on
the particular person (recusal, being the assigned handler, separation of
duties) are functions below; the approval-specific guards live in
``branchdesk.domain.approvals``. Services call ``refusal()`` before acting and
raise its message as a ``DomainError``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from branchdesk.domain.vocab import ANSWER_ONLY_KINDS, Kind, Role, Status

S = Status
R = Role


class Action(StrEnum):
    EDIT_DRAFT = "edit_draft"
    SUBMIT = "submit"
    TRIAGE = "triage"
    ASSIGN = "assign"
    RECORD_INVESTIGATION = "record_investigation"
    PROPOSE = "propose"
    APPROVE = "approve"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    REPLY = "reply"
    ANSWER = "answer"  # consultation / suggestion / praise: reply and close, no investigation
    FOLLOW_UP = "follow_up"
    CLOSE = "close"
    CLOSE_ABNORMAL = "close_abnormal"
    OPEN_LINKED = "open_linked"
    VOID = "void"
    ESCALATE = "escalate"
    INFORM_GM = "inform_gm"
    ADD_ATTACHMENT = "add_attachment"


ACTION_LABELS: dict[Action, str] = {
    Action.EDIT_DRAFT: "修改草稿",
    Action.SUBMIT: "提交登记",
    Action.TRIAGE: "分诊",
    Action.ASSIGN: "分派/转派",
    Action.RECORD_INVESTIGATION: "填写调查报告",
    Action.PROPOSE: "提出处理方案",
    Action.APPROVE: "审批",
    Action.REQUEST_EXTENSION: "申请延期",
    Action.DECIDE_EXTENSION: "审批延期",
    Action.REPLY: "答复客户",
    Action.ANSWER: "答复并结案",
    Action.FOLLOW_UP: "回访",
    Action.CLOSE: "结案",
    Action.CLOSE_ABNORMAL: "非正常结案",
    Action.OPEN_LINKED: "开立关联案件",
    Action.VOID: "作废",
    Action.ESCALATE: "升级",
    Action.INFORM_GM: "登记已报告总经理",
    Action.ADD_ATTACHMENT: "添加附件",
}

MANAGERS = frozenset({R.DEPT_MANAGER, R.DEPUTY_GM, R.GM})
WORKING_STATES = frozenset({S.PENDING_ASSIGNMENT, S.IN_PROGRESS, S.PENDING_APPROVAL, S.AWAITING_REPLY})
OPEN_STATES = frozenset(Status) - {S.CLOSED, S.VOID, S.DRAFT}
#: States in which the resolution deadline runs: from registration until the customer has the reply.
DEADLINE_STATES = frozenset(
    {S.REGISTERED, S.PENDING_ASSIGNMENT, S.INVALID, S.IN_PROGRESS, S.PENDING_APPROVAL, S.AWAITING_REPLY}
)


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    roles: frozenset[Role]


TRANSITIONS: dict[Action, Transition] = {
    Action.EDIT_DRAFT: Transition(frozenset({S.DRAFT}), frozenset({R.CLERK, R.CR_MANAGER})),
    Action.SUBMIT: Transition(frozenset({S.DRAFT}), frozenset({R.CLERK, R.CR_MANAGER})),
    Action.TRIAGE: Transition(
        frozenset({S.REGISTERED, S.PENDING_ASSIGNMENT, S.IN_PROGRESS}), frozenset({R.CR_MANAGER})
    ),
    Action.ASSIGN: Transition(
        frozenset({S.PENDING_ASSIGNMENT, S.IN_PROGRESS}), frozenset({R.CR_MANAGER, R.DEPT_MANAGER})
    ),
    Action.RECORD_INVESTIGATION: Transition(frozenset({S.IN_PROGRESS}), frozenset({R.HANDLER})),
    Action.PROPOSE: Transition(frozenset({S.IN_PROGRESS}), frozenset({R.HANDLER})),
    Action.APPROVE: Transition(frozenset({S.PENDING_APPROVAL}), MANAGERS),
    Action.REQUEST_EXTENSION: Transition(WORKING_STATES, frozenset({R.HANDLER, R.CR_MANAGER})),
    Action.DECIDE_EXTENSION: Transition(WORKING_STATES, MANAGERS | {R.CR_MANAGER}),
    Action.REPLY: Transition(
        frozenset({S.AWAITING_REPLY, S.INVALID}), frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER})
    ),
    Action.ANSWER: Transition(
        frozenset({S.REGISTERED, S.PENDING_ASSIGNMENT, S.IN_PROGRESS}),
        frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER}),
    ),
    Action.FOLLOW_UP: Transition(frozenset({S.AWAITING_FOLLOWUP}), frozenset({R.CLERK, R.CR_MANAGER})),
    Action.CLOSE: Transition(frozenset({S.AWAITING_FOLLOWUP}), frozenset({R.CLERK, R.CR_MANAGER})),
    Action.CLOSE_ABNORMAL: Transition(frozenset({S.NOT_ACCEPTED, S.AWAITING_FOLLOWUP}), frozenset({R.GM})),
    Action.OPEN_LINKED: Transition(
        frozenset({S.NOT_ACCEPTED, S.AWAITING_FOLLOWUP}), frozenset({R.CLERK, R.CR_MANAGER})
    ),
    Action.VOID: Transition(
        frozenset({S.DRAFT, S.REGISTERED, S.PENDING_ASSIGNMENT, S.INVALID, S.IN_PROGRESS}),
        MANAGERS | {R.CR_MANAGER},
    ),
    Action.ESCALATE: Transition(OPEN_STATES - {S.REGISTERED}, frozenset({R.CR_MANAGER, R.GM})),
    Action.INFORM_GM: Transition(OPEN_STATES, frozenset({R.CR_MANAGER, R.GM})),
    Action.ADD_ATTACHMENT: Transition(
        OPEN_STATES | {S.DRAFT}, frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER}) | MANAGERS
    ),
}

#: Actions the employee complained about may not take on their own case (domain §1, 回避).
RECUSED_ACTIONS = frozenset(
    {
        Action.RECORD_INVESTIGATION,
        Action.PROPOSE,
        Action.APPROVE,
        Action.FOLLOW_UP,
        Action.DECIDE_EXTENSION,
        Action.ASSIGN,
        Action.CLOSE,
        Action.CLOSE_ABNORMAL,
        Action.VOID,
        Action.TRIAGE,
    }
)

#: Actions only the assigned handler takes (among holders of the handler role).
HANDLER_ONLY_ACTIONS = frozenset({Action.RECORD_INVESTIGATION, Action.PROPOSE})

RECUSAL_MESSAGE = "您是本案被投诉人，依规定回避"


def role_names(roles: Collection[Role]) -> str:
    return "、".join(r.label for r in sorted(roles, key=list(Role).index)) or "无角色"


@dataclass(frozen=True)
class CaseFacts:
    """What the state machine needs to know about a case."""

    status: Status
    kind: Kind
    handler_id: int | None
    complained_user_id: int | None
    recorder_id: int | None
    has_follow_up: bool = False
    #: The last follow-up found the customer dissatisfied (``escalation.dissatisfied`` with the setting).
    dissatisfied: bool = False
    pending_extension: bool = False


def refusal(action: Action, case: CaseFacts, actor_id: int, roles: Collection[Role]) -> str | None:
    """Why ``actor`` may not take ``action`` on ``case`` now, or None when allowed."""
    transition = TRANSITIONS[action]
    label = ACTION_LABELS[action]
    if case.status not in transition.sources:
        return f"案件当前状态为“{case.status.label}”，不能{label}"
    if action is Action.ANSWER and case.kind not in ANSWER_ONLY_KINDS:
        return "投诉须经调查、审批后才能答复客户"
    if (
        action in (Action.ASSIGN, Action.RECORD_INVESTIGATION, Action.PROPOSE)
        and case.kind in ANSWER_ONLY_KINDS
    ):
        return f"“{case.kind.label}”类案件直接答复，不需要{label}"
    if not set(roles) & transition.roles:
        return f"您的角色（{role_names(roles)}）无权{label}，需要：{role_names(transition.roles)}"
    if action in RECUSED_ACTIONS and case.complained_user_id == actor_id:
        return RECUSAL_MESSAGE
    if action in HANDLER_ONLY_ACTIONS and case.handler_id != actor_id:
        return f"只有本案的处理责任人才能{label}"
    if action is Action.DECIDE_EXTENSION and not case.pending_extension:
        return "没有待审批的延期申请"
    if action is Action.REQUEST_EXTENSION and case.pending_extension:
        return "已有一项延期申请待审批"
    if action is Action.CLOSE and not case.has_follow_up:
        return "请先完成回访，再结案"
    if action is Action.CLOSE and case.dissatisfied:
        return "回访不满意：请开立转新案，或由总经理批准非正常结案"
    if (
        action is Action.OPEN_LINKED
        and case.status is S.AWAITING_FOLLOWUP
        and not case.dissatisfied
    ):
        return "只有客户不接受答复或回访不满意时，才开立转新案"
    if (
        action is Action.CLOSE_ABNORMAL
        and case.status is S.AWAITING_FOLLOWUP
        and not case.dissatisfied
    ):
        return "只有客户不接受答复或回访不满意时，才能非正常结案"
    return None


def allowed_actions(case: CaseFacts, actor_id: int, roles: Collection[Role]) -> dict[Action, str | None]:
    """Every action with None (allowed) or the reason it is refused: the UI's button states."""
    return {action: refusal(action, case, actor_id, roles) for action in Action}
