"""What a late step does, in one place (issue 16 part P), and the sweep's budget per write unit.

A late step (``services/step_watch.py``) and a late opinion (``services/opinions.act_on_late_opinions``)
act alike: the step policy's outcome on the case — escalate, notify a role or mark — and the case's version
moves so an open case window sees it. Only their sentences differ, so each passes its own.

``SweepBudget``: the sweep works in bounded write units (``CaseService.sweep_batch``), so a clerk's save
waits for one short unit at most, never for a whole backlog; every part of a unit takes from one budget of
cases and stops when it is spent (the next unit goes on where this one stopped: what was acted on carries
its marker, so the queries skip it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from branchdesk.domain.steps import StepOutcome, StepPolicy, escalation_target
from branchdesk.domain.vocab import EscalationReason
from branchdesk.i18n import Text
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.timeline import record
from branchdesk.storage.models import Case


@dataclass
class SweepBudget:
    """How many more rows this write unit may act on (None: no bound, the whole backlog)."""

    left: int | None = None

    @property
    def spent(self) -> bool:
        return self.left is not None and self.left <= 0

    def limit(self, query: Any) -> Any:
        """``query`` limited to what is left (a SQLAlchemy ``Select``)."""
        return query if self.left is None else query.limit(self.left)

    def spend(self, rows: int) -> None:
        if self.left is not None:
            self.left -= rows


def act_on_late_step(
    unit: Unit,
    case: Case,
    policy: StepPolicy,
    escalate_note: Text | Callable[[int], Text],
    notify: Text,
    mark: Text,
) -> None:
    """The policy's outcome of a late step on ``case``: escalate (with ``escalate_note``, or what it
    gives for the target level), notify the policy's role, or mark; the case's version moves."""
    if policy.on_overdue is StepOutcome.ESCALATE:
        target = escalation_target(case.escalation_level, policy.role)
        note = escalate_note if isinstance(escalate_note, Text) else escalate_note(target)
        ServiceBase._escalate(unit, case, EscalationReason.STEP_OVERDUE, None, note=note, to_level=target)
    else:
        notifies = policy.on_overdue is StepOutcome.NOTIFY and policy.role is not None
        record(
            unit.session,
            at=unit.now,
            actor=None,
            action="step_overdue",
            case_id=case.id,
            text=notify if notifies else mark,
        )
    # An open case window sees the change (every change moves the case's version).
    case.updated_at = unit.now
    flag_modified(case, "updated_at")
