"""Step deadlines in SQL (issue 12, part "steps"): when each step is due, when it still runs, and the
conditions of the 工作台's "steps due soon" / "steps overdue" piles (the sweep uses the same ones).

A step runs only in the states where the action that completes it can be taken — a clock that
nobody could stop must not escalate (``workflow.TRANSITIONS``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select

from branchdesk.domain.steps import StepPolicy, TrackedStep
from branchdesk.domain.vocab import Status
from branchdesk.domain.workflow import DEADLINE_STATES, OPEN_STATES, TRANSITIONS, Action
from branchdesk.storage.models import Case, FollowUp, Investigation, OpinionRequest, StepAlert

#: Each step's due-time column on the case.
DUE_COLUMNS: dict[TrackedStep, Any] = {
    TrackedStep.FIRST_CONTACT: Case.first_contact_due_at,
    TrackedStep.INVESTIGATION: Case.investigation_due_at,
    TrackedStep.REPLY: Case.reply_due_at,
    TrackedStep.FOLLOW_UP: Case.follow_up_due_at,
    TrackedStep.GM_INFORM: Case.gm_inform_due_at,
    # issue 14 part A: each ask has its own due time; the case's is its earliest pending one
    TrackedStep.OPINION: select(func.min(OpinionRequest.due_at))
    .where(OpinionRequest.case_id == Case.id, OpinionRequest.state == "pending")
    .correlate(Case)
    .scalar_subquery(),
}


def _states(states: frozenset[Status]) -> list[str]:
    return sorted(s.value for s in states)


def running(step: TrackedStep) -> ColumnElement[bool]:
    """The step is not done and can still be done (SQL over ``Case``)."""
    if step is TrackedStep.FIRST_CONTACT:
        return and_(
            Case.first_contacted_at.is_(None),
            Case.status.in_(_states(TRANSITIONS[Action.FIRST_CONTACT].sources)),
        )
    if step is TrackedStep.INVESTIGATION:
        return and_(
            ~exists(select(Investigation.id).where(Investigation.case_id == Case.id)),
            Case.status.in_(_states(TRANSITIONS[Action.RECORD_INVESTIGATION].sources)),
        )
    if step is TrackedStep.REPLY:
        return and_(Case.replied_at.is_(None), Case.status.in_(_states(DEADLINE_STATES)))
    if step is TrackedStep.FOLLOW_UP:
        return and_(
            ~exists(select(FollowUp.id).where(FollowUp.case_id == Case.id)),
            Case.status == Status.AWAITING_FOLLOWUP.value,
        )
    if step is TrackedStep.OPINION:  # issue 14 part A: some ask pending (its due time is the subquery's)
        return Case.status.in_(_states(TRANSITIONS[Action.GIVE_OPINION].sources))
    return and_(Case.is_major.is_(True), Case.gm_informed_at.is_(None), Case.status.in_(_states(OPEN_STATES)))


def runs_in(step: TrackedStep, status: Status, is_major: bool) -> bool:
    """``running`` without its "not done" part, in Python (the case view): the step can be done now."""
    if step is TrackedStep.FIRST_CONTACT:
        return status in TRANSITIONS[Action.FIRST_CONTACT].sources
    if step is TrackedStep.INVESTIGATION:
        return status in TRANSITIONS[Action.RECORD_INVESTIGATION].sources
    if step is TrackedStep.REPLY:
        return status in DEADLINE_STATES
    if step is TrackedStep.FOLLOW_UP:
        return status is Status.AWAITING_FOLLOWUP
    if step is TrackedStep.OPINION:
        return status in TRANSITIONS[Action.GIVE_OPINION].sources
    return is_major and status in OPEN_STATES


def overdue(step: TrackedStep, now: datetime) -> ColumnElement[bool]:
    return and_(DUE_COLUMNS[step] < now, running(step))


def due_soon(policy: StepPolicy, now: datetime) -> ColumnElement[bool]:
    due = DUE_COLUMNS[policy.step]
    return and_(due >= now, due < now + policy.warn_before, running(policy.step))


def any_overdue(policies: Mapping[TrackedStep, StepPolicy], now: datetime) -> ColumnElement[bool]:
    """Some active step of the case is past its due time and not done."""
    terms = [overdue(step, now) for step, policy in policies.items() if policy.active]
    return or_(*terms) if terms else false()


def any_due_soon(policies: Mapping[TrackedStep, StepPolicy], now: datetime) -> ColumnElement[bool]:
    """Some active step of the case falls due within its warning time and is not done."""
    terms = [due_soon(policy, now) for policy in policies.values() if policy.active]
    return or_(*terms) if terms else false()


def alerted_to(roles: Collection[str], now: datetime) -> ColumnElement[bool]:
    """A late step was escalated or notified to one of ``roles`` and is still not done (that due time)."""
    if not roles:
        return false()
    terms = [
        exists(
            select(StepAlert.id).where(
                StepAlert.case_id == Case.id,
                StepAlert.step == step.value,
                StepAlert.due_at == DUE_COLUMNS[step],
                StepAlert.role.in_(sorted(roles)),
            )
        )
        & overdue(step, now)
        for step in TrackedStep
    ]
    return or_(*terms)
