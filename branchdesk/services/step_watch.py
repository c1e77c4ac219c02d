"""The sweep's step deadlines (issue 12, part "steps"): a step past its due time acts once, per its policy.

``CaseService.sweep`` calls ``act_on_overdue_steps`` in its write unit (the system acts, no person).
The marker is a ``step_alert`` row per (case, step, due time): a second sweep finds it and does
nothing; a step whose due time moves (a re-assignment, an approved extension) acts again when the
new one passes. What each outcome does is ``domain/steps.py``'s.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, select
from sqlalchemy.orm.attributes import flag_modified

from branchdesk.domain.escalation import escalation_level
from branchdesk.domain.steps import StepOutcome, StepPolicy, TrackedStep, escalation_target
from branchdesk.domain.vocab import EscalationReason
from branchdesk.i18n import Text
from branchdesk.read import steps as step_sql
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.opinions import act_on_late_opinions
from branchdesk.services.timeline import record
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import Case, StepAlert


def act_on_overdue_steps(unit: Unit) -> int:
    """Act on every step past its due time not yet acted on for that due time; returns how many."""
    count = 0
    for policy in unit.config.step_policies.values():
        if not policy.active:
            continue
        if policy.step is TrackedStep.OPINION:  # issue 14 part A: one due time per ask, acted on per ask
            count += act_on_late_opinions(unit, policy)
            continue
        due_column = step_sql.DUE_COLUMNS[policy.step]
        acted = exists(
            select(StepAlert.id).where(
                and_(
                    StepAlert.case_id == Case.id,
                    StepAlert.step == policy.step.value,
                    StepAlert.due_at == due_column,
                )
            )
        )
        cases = unit.session.scalars(
            select(Case)
            .where(step_sql.overdue(policy.step, unit.now), ~acted, settled_cases())
            .order_by(Case.id)
        ).all()
        for case in cases:
            count += int(_act(unit, case, policy))
    return count


def _act(unit: Unit, case: Case, policy: StepPolicy) -> bool:
    """Record that the step passed and act on it; False when the case deadline already said it."""
    due = getattr(case, step_sql.DUE_COLUMNS[policy.step].key)
    # The reply due with the case deadline: the deadline's own escalation (run before the steps, and
    # on every read) already says it; a second entry at the same moment would only be noise.
    covered = policy.step is TrackedStep.REPLY and due == case.deadline_at
    unit.session.add(
        StepAlert(
            case_id=case.id,
            step=policy.step.value,
            due_at=due,
            at=unit.now,
            outcome=StepOutcome.MARK.value if covered else policy.on_overdue.value,
            role=None if covered or policy.role is None else policy.role.value,
        )
    )
    if covered:
        return False
    when = f"{due:%Y-%m-%d %H:%M}"
    if policy.on_overdue is StepOutcome.ESCALATE:
        target = escalation_target(case.escalation_level, policy.role)
        whom = policy.role if policy.role is not None else escalation_level(target)
        ServiceBase._escalate(
            unit,
            case,
            EscalationReason.STEP_OVERDUE,
            None,
            note=Text("event.step_overdue_note", {"step": policy.step, "due": when, "role": whom}),
            to_level=target,
        )
    else:
        notify = policy.on_overdue is StepOutcome.NOTIFY and policy.role is not None
        record(
            unit.session,
            at=unit.now,
            actor=None,
            action="step_overdue",
            case_id=case.id,
            text=Text(
                "event.step_overdue_notify" if notify else "event.step_overdue_mark",
                {"step": policy.step, "due": when, "role": policy.role}
                if notify
                else {"step": policy.step, "due": when},
            ),
        )
    # An open case window sees the change (every change moves the case's version).
    case.updated_at = unit.now
    flag_modified(case, "updated_at")
    return True
