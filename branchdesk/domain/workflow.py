"""The life of a case (domain §7): which action is allowed in which state, for which role.

The table ``TRANSITIONS`` is the whole state machine. Guards that depend on
the particular person (recusal, being the assigned handler, separation of
duties) are functions below; the approval-specific guards live in
``branchdesk.domain.approvals``. Services call ``refusal()`` before acting and
raise its text (a code, ``branchdesk.texts``) as a ``DomainError``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from branchdesk.domain.vocab import ANSWER_ONLY_KINDS, Kind, Role, Status
from branchdesk.i18n import Label, Text

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
    # --- issue 12 "fields": the branch's own fields, corrected after intake -----------------
    EDIT_CUSTOM = "edit_custom"
    FIRST_CONTACT = "first_contact"  # 首次联系 (issue 12 "steps"): stops the first-contact clock
    # --- issue 17 part E: correcting the intake facts of a registered case (a typo in phone or name)
    CORRECT_INTAKE = "correct_intake"


def action_label(action: Action) -> Label:
    """The action's name, rendered in the reader's language (``LABELS["Action"]``)."""
    return Label("Action", action.value)


MANAGERS = frozenset({R.DEPT_MANAGER, R.DEPUTY_GM, R.GM})
#: The roles an approval rule's step may name, so the roles that reach the approval action at all
#: (issue 12 "approvals"); whether this person signs the next step is ``approvals.signing_refusal``.
#: Not the clerk (a case waiting for approval is not at the front desk: they do not see it), not the
#: handler (they propose), not the administrator (they see no case).
APPROVERS = MANAGERS | {R.CR_MANAGER}
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
    Action.APPROVE: Transition(frozenset({S.PENDING_APPROVAL}), APPROVERS),
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
    # issue 12 "fields": a handler only on their own case (``CASE_HANDLER_ACTIONS``); closed or void: none.
    Action.EDIT_CUSTOM: Transition(OPEN_STATES, frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER})),
    # The case's handler (or the CR manager) records the first contact once the case is assigned.
    Action.FIRST_CONTACT: Transition(
        frozenset({S.IN_PROGRESS, S.PENDING_APPROVAL, S.AWAITING_REPLY}), frozenset({R.HANDLER, R.CR_MANAGER})
    ),
    # issue 17 part E: free before triage for the clerk who registered it, afterwards the CR manager only
    # (``correction_refusal``); closed or void cases are history and stay as they are.
    Action.CORRECT_INTAKE: Transition(OPEN_STATES, frozenset({R.CLERK, R.CR_MANAGER})),
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
        Action.FIRST_CONTACT,
    }
)

#: Actions only the assigned handler takes (among holders of the handler role).
HANDLER_ONLY_ACTIONS = frozenset({Action.RECORD_INVESTIGATION, Action.PROPOSE})

#: Actions a handler takes only on the case assigned to them (clerks and the CR manager on any case).
CASE_HANDLER_ACTIONS = frozenset({Action.EDIT_CUSTOM})

RECUSAL_MESSAGE = Text("refusal.recused")


def role_names(roles: Collection[Role]) -> list[Role] | Text:
    """The roles in ladder order (rendered as a list of labels), or "no role"."""
    ordered = sorted(roles, key=list(Role).index)
    return ordered if ordered else Text("refusal.no_role")


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
    first_contacted: bool = False  # 首次联系 recorded (the first-contact clock stopped)
    #: issue 15 part V: the case is in a yearly archive; its record is final and every action is refused.
    archived: bool = False


def refusal(action: Action, case: CaseFacts, actor_id: int, roles: Collection[Role]) -> Text | None:
    """Why ``actor`` may not take ``action`` on ``case`` now, or None when allowed."""
    transition = TRANSITIONS[action]
    label = action_label(action)
    if case.archived:  # issue 15 part V: before any other reason, for every action (the archive is final)
        return Text("refusal.archived", {"action": label})
    if case.status not in transition.sources:
        return Text("refusal.state", {"status": case.status, "action": label})
    if action is Action.ANSWER and case.kind not in ANSWER_ONLY_KINDS:
        return Text("refusal.complaint_needs_investigation")
    if (
        action in (Action.ASSIGN, Action.RECORD_INVESTIGATION, Action.PROPOSE)
        and case.kind in ANSWER_ONLY_KINDS
    ):
        return Text("refusal.answer_only_kind", {"kind": case.kind, "action": label})
    if not set(roles) & transition.roles:
        return Text(
            "refusal.role",
            {"roles": role_names(roles), "action": label, "needed": role_names(transition.roles)},
        )
    if action in RECUSED_ACTIONS and case.complained_user_id == actor_id:
        return RECUSAL_MESSAGE
    if action in HANDLER_ONLY_ACTIONS and case.handler_id != actor_id:
        return Text("refusal.handler_only", {"action": label})
    if (
        action in CASE_HANDLER_ACTIONS
        and not set(roles) & {R.CLERK, R.CR_MANAGER}
        and case.handler_id != actor_id
    ):
        return Text("refusal.handler_only", {"action": label})
    if (
        action is Action.FIRST_CONTACT
        and case.handler_id != actor_id
        and R.CR_MANAGER not in set(roles)
    ):
        return Text("refusal.handler_only", {"action": label})
    if action is Action.FIRST_CONTACT and case.first_contacted:
        return Text("refusal.first_contact_done")
    if action is Action.CORRECT_INTAKE and (reason := correction_refusal(case, actor_id, roles)):
        return reason
    if action is Action.DECIDE_EXTENSION and not case.pending_extension:
        return Text("refusal.no_pending_extension")
    if action is Action.REQUEST_EXTENSION and case.pending_extension:
        return Text("refusal.extension_pending")
    if action is Action.CLOSE and not case.has_follow_up:
        return Text("refusal.follow_up_first")
    if action is Action.CLOSE and case.dissatisfied:
        return Text("close.dissatisfied")
    if (
        action is Action.OPEN_LINKED
        and case.status is S.AWAITING_FOLLOWUP
        and not case.dissatisfied
    ):
        return Text("refusal.open_linked_needs_dissatisfied")
    if (
        action is Action.CLOSE_ABNORMAL
        and case.status is S.AWAITING_FOLLOWUP
        and not case.dissatisfied
    ):
        return Text("refusal.close_abnormal_needs_dissatisfied")
    return None


def correction_refusal(case: CaseFacts, actor_id: int, roles: Collection[Role]) -> Text | None:
    """Who corrects a registered case's intake (issue 17 part E): the CR manager always; before triage
    (still 已登记) also the clerk who registered it — a typo found at once needs no manager."""
    if R.CR_MANAGER in set(roles):
        return None
    if case.status is not S.REGISTERED:
        return Text("correct.after_triage")
    if case.recorder_id != actor_id:
        return Text("correct.not_recorder")
    return None


def refusals(case: CaseFacts, actor_id: int, roles: Collection[Role]) -> dict[Action, Text | None]:
    """Every action with None (allowed) or the reason it is refused: the UI's button states."""
    return {action: refusal(action, case, actor_id, roles) for action in Action}
