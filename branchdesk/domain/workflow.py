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

from branchdesk.domain import opinions as opinion_rules
from branchdesk.domain.capa import add_refusal
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
    # --- issue 14 part A: opinions from several departments (会签/协办), ``domain/opinions.py`` --------
    ASK_OPINION = "ask_opinion"
    GIVE_OPINION = "give_opinion"
    PROCEED_WITHOUT_OPINIONS = "proceed_without_opinions"
    # --- issue 14 part B: a corrective/preventive action from the case (CAPA outlives the case)
    ADD_CAPA = "add_capa"
    # --- issue 14 part C: a reward or penalty (奖罚) proposed on the case (the scale says who may) ---
    PROPOSE_REWARD = "propose_reward"
    # --- issue 14 part D: internal notes, progress notices, reopening a case that comes back ------
    ADD_NOTE = "add_note"
    RECORD_CONTACT = "record_contact"
    REOPEN = "reopen"


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
    # issue 14 part A: asked, given and waived while the case is being handled (``domain/opinions.py``
    # says which person of these roles: the case's handler / the responsible department's manager / the
    # CR manager ask; the asked department's manager or handler gives; a manager proceeds).
    Action.ASK_OPINION: Transition(frozenset({S.IN_PROGRESS}), opinion_rules.ASKERS),
    Action.GIVE_OPINION: Transition(frozenset({S.IN_PROGRESS}), opinion_rules.GIVERS),
    Action.PROCEED_WITHOUT_OPINIONS: Transition(frozenset({S.IN_PROGRESS}), opinion_rules.PROCEEDERS),
    # issue 14 part B: while the case is handled and after it is closed; who adds is ``capa.add_refusal``
    # (the case's handler, the oversight role the setting names), so every role but the administrator here.
    Action.ADD_CAPA: Transition(
        frozenset({S.IN_PROGRESS, S.PENDING_APPROVAL, S.AWAITING_REPLY, S.NOT_ACCEPTED})
        | {S.AWAITING_FOLLOWUP, S.CLOSED},
        frozenset(Role) - {R.ADMIN},
    ),
    # issue 14 part C: while open and after closing (the GM's office reviews closed cases monthly, seed 000
    # 第十二条); the managers and the CR manager reach it, the scale line's proposer roles decide further.
    Action.PROPOSE_REWARD: Transition(OPEN_STATES | {S.CLOSED}, MANAGERS | {R.CR_MANAGER}),
    # issue 14 part D: any case role that sees the case notes it, closed cases too (not the administrator,
    # who has no case role); a progress notice while the case is being handled; reopening (policy
    # ``returning_complaint_mode = reopen``) a case the customer did not accept or that closed lately.
    Action.ADD_NOTE: Transition(
        frozenset(Status) - {S.VOID}, frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER}) | MANAGERS
    ),
    Action.RECORD_CONTACT: Transition(
        frozenset({S.PENDING_ASSIGNMENT, S.IN_PROGRESS, S.PENDING_APPROVAL, S.AWAITING_REPLY, S.INVALID}),
        frozenset({R.CLERK, R.CR_MANAGER, R.HANDLER}),
    ),
    Action.REOPEN: Transition(
        frozenset({S.NOT_ACCEPTED, S.AWAITING_FOLLOWUP, S.CLOSED}), frozenset({R.CLERK, R.CR_MANAGER})
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
        Action.FIRST_CONTACT,
        Action.REOPEN,  # issue 14 part D
        Action.RECORD_CONTACT,  # issue 14 part D: the employee complained about does not call the customer
    }
)

#: Actions only the assigned handler takes (among holders of the handler role).
HANDLER_ONLY_ACTIONS = frozenset({Action.RECORD_INVESTIGATION, Action.PROPOSE})

#: Actions a handler takes only on the case assigned to them (clerks and the CR manager on any case).
CASE_HANDLER_ACTIONS = frozenset({Action.EDIT_CUSTOM, Action.RECORD_CONTACT})  # issue 14 D: the notice

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
    # --- issue 14 part A: opinions (会签) ---
    #: The departments whose opinion is still pending: (department id, name), in the order asked.
    opinions_pending: tuple[tuple[int, str], ...] = ()
    responsible_department_id: int | None = None
    #: The acting person's department (who asks / gives / proceeds depends on it).
    actor_department_id: int | None = None
    # --- issue 14 part B: CAPA. Items not yet verified effective ("#3、#5"), filled only when the setting
    # ``capa_blocks_close`` is on; the role the setting ``capa_oversight_role`` names.
    capa_unclosed: tuple[str, ...] = ()
    capa_oversight: Role | None = None
    # --- issue 14 part D ---
    #: Why the policy does not reopen this case now (mode "new_case", closed too long ago), or None.
    reopen_refusal: Text | None = None
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
    if action is Action.REOPEN and case.reopen_refusal is not None:
        return case.reopen_refusal
    if action is Action.DECIDE_EXTENSION and not case.pending_extension:
        return Text("refusal.no_pending_extension")
    if action is Action.REQUEST_EXTENSION and case.pending_extension:
        return Text("refusal.extension_pending")
    if action is Action.CLOSE and not case.has_follow_up:
        return Text("refusal.follow_up_first")
    if action is Action.CLOSE and case.dissatisfied:
        return Text("close.dissatisfied")
    if action is Action.CLOSE and case.capa_unclosed:  # issue 14 part B
        return Text("refusal.capa_open", {"items": list(case.capa_unclosed)})
    if action is Action.ADD_CAPA and (
        reason := add_refusal(case.handler_id, actor_id, roles, case.capa_oversight)
    ):
        return reason
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
    if (reason := opinion_refusal(action, case, actor_id, roles)) is not None:  # issue 14 part A
        return reason
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


# --- issue 14 part A: opinions from several departments (会签/协办) -----------------------------------
OPINION_ACTIONS = frozenset({Action.ASK_OPINION, Action.GIVE_OPINION, Action.PROCEED_WITHOUT_OPINIONS})


def opinion_refusal(action: Action, case: CaseFacts, actor_id: int, roles: Collection[Role]) -> Text | None:
    """The case waits for the departments asked (proposing is refused, naming them), and who takes the
    opinion actions (``domain/opinions.py``); the employee complained about takes none of them (回避)."""
    if action is Action.PROPOSE and case.opinions_pending:
        return Text("refusal.opinions_pending", {"departments": [name for _, name in case.opinions_pending]})
    if action not in OPINION_ACTIONS:
        return None
    if case.complained_user_id == actor_id:
        return RECUSAL_MESSAGE
    if action is Action.ASK_OPINION:
        return opinion_rules.ask_refusal(
            actor_id=actor_id,
            roles=roles,
            actor_department_id=case.actor_department_id,
            handler_id=case.handler_id,
            responsible_department_id=case.responsible_department_id,
        )
    if action is Action.GIVE_OPINION:
        if case.actor_department_id not in {d for d, _ in case.opinions_pending}:
            return Text("opinion.nothing_for_you")
        return None  # the row's own checks (``opinions.give_refusal``) run when it is given
    return opinion_rules.proceed_refusal(
        roles=roles,
        actor_department_id=case.actor_department_id,
        responsible_department_id=case.responsible_department_id,
        pending=len(case.opinions_pending),
    )
