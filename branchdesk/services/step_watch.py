"""The sweep's step deadlines (issue 12, part "steps"): a step past its due time acts once, per its policy.

``CaseService.sweep`` calls ``act_on_overdue_steps`` in its write unit (the system acts, no person).
The marker is a ``step_alert`` row per (case, step, due time): a second sweep finds it and does
nothing; a step whose due time moves (a re-assignment, an approved extension) acts again when the
new one passes. What each outcome does is ``domain/steps.py``'s.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, select

from branchdesk.domain.escalation import escalation_level
from branchdesk.domain.steps import StepOutcome, StepPolicy, TrackedStep
from branchdesk.i18n import Text
from branchdesk.read import steps as step_sql
from branchdesk.read.queue import open_cases
from branchdesk.services.base import Unit
from branchdesk.services.opinions import act_on_late_opinions
from branchdesk.services.step_outcome import SweepBudget, act_on_late_step
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import Case, StepAlert


def act_on_overdue_steps(unit: Unit, budget: SweepBudget | None = None) -> int:
    """Act on every step past its due time not yet acted on for that due time; returns how many.

    With a ``budget`` (issue 16 part P: the sweep in bounded units) it takes at most what is left and
    spends what it took; the next unit finds the rest (each one acted on has its ``step_alert``)."""
    budget = budget or SweepBudget()
    count = 0
    for policy in unit.config.step_policies.values():
        if budget.spent:
            break
        if not policy.active:
            continue
        if policy.step is TrackedStep.OPINION:  # issue 14 part A: one due time per ask, acted on per ask
            count += act_on_late_opinions(unit, policy, budget)
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
            budget.limit(
                select(Case)
                .where(open_cases(), step_sql.overdue(policy.step, unit.now), ~acted, settled_cases())
                .order_by(Case.id)
            )
        ).all()
        budget.spend(len(cases))
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

    def note(target: int) -> Text:
        whom = policy.role if policy.role is not None else escalation_level(target)
        return Text("event.step_overdue_note", {"step": policy.step, "due": when, "role": whom})

    act_on_late_step(
        unit,
        case,
        policy,
        note,
        notify=Text("event.step_overdue_notify", {"step": policy.step, "due": when, "role": policy.role}),
        mark=Text("event.step_overdue_mark", {"step": policy.step, "due": when}),
    )
    return True
