"""Step deadlines that act (domain §5, §6; issue 12): warn before a step falls due, act once when it passes.

A case has steps with their own due time inside the case deadline: first contact (首次联系),
the investigation report, the reply, the follow-up — and, for a major complaint, informing the
general manager within ``gm_inform_hours`` (a step-like check). Each step has a policy (table
``step_policy``, defaults in ``domain/defaults.STEP_POLICIES``): how long before its due time it
shows as "due soon", and what happens when it passes undone:

- ``mark``: the case shows the step overdue (and the 工作台 pile counts it);
- ``escalate``: the case escalates (``EscalationReason.STEP_OVERDUE``) to the policy's role —
  see ``escalation_target`` for how a role maps onto the escalation ladder;
- ``notify``: a timeline event names the role to alert, and the case sits in the "steps
  overdue" pile; the escalation level does not move.

Each step acts once per due time (a step whose due time moves acts again when the new one passes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from branchdesk.domain.escalation import TOP_LEVEL, next_level
from branchdesk.domain.vocab import ESCALATION_LADDER, DeadlineStep, Role


class TrackedStep(StrEnum):
    """Every step the sweep watches: the deadline steps (same codes as ``DeadlineStep``) and the GM alert."""

    FIRST_CONTACT = DeadlineStep.FIRST_CONTACT.value
    INVESTIGATION = DeadlineStep.INVESTIGATION.value
    REPLY = DeadlineStep.REPLY.value
    FOLLOW_UP = DeadlineStep.FOLLOW_UP.value
    GM_INFORM = "gm_inform"
    # issue 14 part A: each department's opinion (会签), due by its own row (``opinion_request.due_at``)
    OPINION = DeadlineStep.OPINION.value


class StepOutcome(StrEnum):
    MARK = "mark"
    ESCALATE = "escalate"
    NOTIFY = "notify"


class StepState(StrEnum):
    """What the case view shows for a step."""

    NOT_DUE = "not_due"  # no due time yet (the step has not started)
    PENDING = "pending"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"
    SKIPPED = "skipped"  # not recorded, and the case has moved past the point where it could be


#: The longest warning a policy may set: a week (a longer one would warn before most steps start).
MAX_WARN_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class StepPolicy:
    step: TrackedStep
    warn_before_minutes: int
    on_overdue: StepOutcome
    role: Role | None  # whom ``escalate`` / ``notify`` reaches
    active: bool = True

    @property
    def warn_before(self) -> timedelta:
        return timedelta(minutes=self.warn_before_minutes)


def step_state(
    now: datetime, due: datetime | None, done_at: datetime | None, policy: StepPolicy | None
) -> StepState:
    if done_at is not None:
        return StepState.DONE
    if due is None:
        return StepState.NOT_DUE
    if now > due:
        return StepState.OVERDUE
    if policy is not None and policy.active and now >= due - policy.warn_before:
        return StepState.DUE_SOON
    return StepState.PENDING


def escalation_target(current: int, role: Role | None) -> int:
    """The escalation level a step escalation moves the case to.

    The ladder is 0 处理责任人 → 1 部门经理 → 2 副总经理 → 3 总经理 (``ESCALATION_LADDER``). A role
    on the ladder lifts the case to that role's level (never lowers it: a case already there or
    above stays, the event still records the lateness). A role off the ladder (客户关系经理, 客服专员)
    or none: one level up, as the case-deadline escalation does.
    """
    if role is not None and role in ESCALATION_LADDER:
        return min(max(current, ESCALATION_LADDER.index(role)), TOP_LEVEL)
    return next_level(current)
