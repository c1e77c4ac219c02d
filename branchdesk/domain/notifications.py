"""Notifications (issue 17 "notify"): which events a person is told about, and who is told.

Four kinds, each written in the unit of work of the event it reports, one row per recipient
(fan-out at write time: a PC's poll then reads only its own user's rows, one indexed query):

- ``assigned``: a case was assigned (or transferred) to me — the handler;
- ``approval``: a resolution waits for a signature I may give — every active user who may sign
  the next step (``approvals.signing_refusal`` says None for them), computed when the step opens;
- ``reply_ready``: the resolution is approved (or needs no approval): the case waits for the reply
  to the customer — whoever replies by policy (``repliers``);
- ``step_due``: a step of the case falls due within its warning time (``StepPolicy.warn_before``,
  the same "due soon" as the 工作台 pile) — whoever does that step (``step_recipients``); once per
  case, step and due time (a due time that moves, e.g. a transfer, warns again).

Nobody is notified of their own action.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from branchdesk.domain.approvals import ApprovalLevel, Signer, may_stand_in, signing_refusal
from branchdesk.domain.steps import TrackedStep
from branchdesk.domain.vocab import Role, Status
from branchdesk.domain.workflow import TRANSITIONS, Action
from branchdesk.i18n import Text


class NotificationKind(StrEnum):
    ASSIGNED = "assigned"
    APPROVAL = "approval"
    REPLY_READY = "reply_ready"
    STEP_DUE = "step_due"
    # issue 14 part A: a department asked for its opinion (会签), and that opinion late
    OPINION_ASKED = "opinion_asked"
    OPINION_LATE = "opinion_late"
    REWARD = "reward"  # issue 14 part C: a reward/penalty record waits for your signature
    NEXT_CONTACT = "next_contact"  # issue 14 part D: a progress notice's next contact is due soon


#: The most notifications one list shows (bounded input: ``NotificationService.list``'s ``limit``).
MAX_LIST = 500
#: The most ids one ``mark_read`` takes.
MAX_MARK = 1000


def notification_text(kind: str, params: Mapping[str, Any]) -> Text:
    """The sentence a notification shows (``notify.<kind>``), in the reader's language when rendered."""
    if kind == NotificationKind.ASSIGNED:
        return Text("notify.assigned", params)
    if kind == NotificationKind.APPROVAL:
        return Text("notify.approval", params)
    if kind == NotificationKind.REPLY_READY:
        return Text("notify.reply_ready", params)
    if kind == NotificationKind.STEP_DUE:
        return Text("notify.step_due", params)
    if kind == NotificationKind.OPINION_ASKED:  # issue 14 part A
        return Text("notify.opinion_asked", params)
    if kind == NotificationKind.OPINION_LATE:
        return Text("notify.opinion_late", params)
    if kind == NotificationKind.REWARD:  # issue 14 part C
        return Text("notify.reward", params)
    if kind == NotificationKind.NEXT_CONTACT:  # issue 14 part D
        return Text("notify.next_contact", params)
    return Text("notify.unknown", {"case_no": params.get("case_no", "")})


@dataclass(frozen=True)
class Person:
    """An active user as the notification rules see them."""

    user_id: int
    roles: frozenset[Role]
    department_id: int | None


def department_managers(people: Iterable[Person], department_id: int) -> list[int]:
    """Who hears of an opinion asked of (or late from) a department: its managers (issue 14 part A)."""
    return [p.user_id for p in people if p.department_id == department_id and Role.DEPT_MANAGER in p.roles]


def may_reply(roles: Collection[Role]) -> bool:
    return bool(set(roles) & TRANSITIONS[Action.REPLY].roles)


def repliers(recorder: Person | None, clerks: Iterable[Person]) -> list[int]:
    """Who replies to the customer by policy (domain §1: the clerk replies; 首问负责制: the one who
    recorded the case stays its 受理人): the recorder while active and allowed to reply, else every clerk."""
    if recorder is not None and may_reply(recorder.roles):
        return [recorder.user_id]
    return [p.user_id for p in clerks if Role.CLERK in p.roles]


def step_recipients(
    step: TrackedStep,
    status: Status,
    handler_id: int | None,
    reply_people: list[int],
    cr_managers: Iterable[int],
) -> list[int]:
    """Who does ``step`` of a case now: first contact and the investigation report its handler; the
    reply its handler while they work the case, the repliers once it waits for the reply (or when it has
    no handler); the follow-up the repliers (the desk visits); the GM alert the CR managers."""
    if step in (TrackedStep.FIRST_CONTACT, TrackedStep.INVESTIGATION):
        return [handler_id] if handler_id is not None else []
    if step is TrackedStep.REPLY:
        if handler_id is not None and status is not Status.AWAITING_REPLY:
            return [handler_id]
        return reply_people
    if step is TrackedStep.FOLLOW_UP:
        return reply_people
    return list(cr_managers)


def approval_recipients(
    level: ApprovalLevel,
    people: Iterable[Person],
    *,
    proposer_id: int,
    earlier_signer_ids: Collection[int],
    complained_user_id: int | None,
    responsible_department_id: int | None,
    amount_fen: int,
) -> list[int]:
    """Everyone who may sign ``level`` now — the same rule as signing itself (``signing_refusal``),
    with "someone of the step's own role may sign" computed from the same people."""
    people = [p for p in people if may_stand_in(level, p.roles)]
    excluded = {proposer_id, *earlier_signer_ids, complained_user_id}
    own_level_available = any(
        level.role in p.roles
        and p.user_id not in excluded
        and (not level.of_responsible_department or p.department_id == responsible_department_id)
        for p in people
    )
    return [
        p.user_id
        for p in people
        if signing_refusal(
            level,
            Signer(p.user_id, p.roles, p.department_id),
            proposer_id=proposer_id,
            earlier_signer_ids=earlier_signer_ids,
            complained_user_id=complained_user_id,
            responsible_department_id=responsible_department_id,
            amount_fen=amount_fen,
            own_level_available=own_level_available,
        )
        is None
    ]
