"""What the case window, the printed handling form and the work page read about opinions (issue 14 part A).

``OpinionView`` is one department's ask and, once given, its opinion; the case view carries them in the
order asked (``CaseView.opinions``). The share is that department's own view of its part, shown beside the
investigation's shares — never added to them (those add up to 100 and feed the monthly statistics).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session, aliased

from branchdesk.config import BranchConfig
from branchdesk.domain.opinions import OpinionState
from branchdesk.domain.steps import StepState, TrackedStep
from branchdesk.domain.vocab import Role, Status
from branchdesk.storage.models import Case, Department, OpinionRequest, User


@dataclass(frozen=True)
class OpinionView:
    id: int
    version: int  # the row as read: giving the opinion names it (a stale one is refused)
    department_id: int
    department: str
    asked_by: str
    asked_at: datetime
    question: str
    due_at: datetime
    due_unconfirmed: bool
    state: OpinionState
    #: pending: pending / due soon / overdue (``domain/steps.step_state``); given: done; waived: skipped
    step_state: StepState
    opinion: str = ""
    share_percent: int | None = None
    signer: str = ""  # the name printed under the opinion, frozen when it was given
    signer_role: Role | None = None
    given_at: datetime | None = None
    waived_at: datetime | None = None
    waive_reason: str = ""
    escalated_at: datetime | None = None  # the sweep acted on it being late


def pending_departments(session: Session, case_id: int) -> tuple[tuple[int, str], ...]:
    """The departments whose opinion the case still waits for: (id, name), in the order asked."""
    rows = session.execute(
        select(Department.id, Department.name)
        .join(OpinionRequest, OpinionRequest.department_id == Department.id)
        .where(OpinionRequest.case_id == case_id, OpinionRequest.state == OpinionState.PENDING.value)
        .order_by(OpinionRequest.id)
    ).all()
    return tuple((int(i), str(n)) for i, n in rows)


def opinions_of_case(
    session: Session, config: BranchConfig, case_id: int, now: datetime
) -> list[OpinionView]:
    """The case view's opinions, with the step policy's warning time for "due soon"."""
    policy = config.step_policies.get(TrackedStep.OPINION)
    return opinions(session, case_id, now, policy.warn_before_minutes if policy and policy.active else None)


def opinions(
    session: Session, case_id: int, now: datetime, warn_minutes: int | None
) -> list[OpinionView]:
    """Every ask on the case with its state (``warn_minutes``: the step policy's warning, None: inactive)."""
    asker = aliased(User)
    rows = session.execute(
        select(OpinionRequest, Department.name, asker.full_name)
        .join(Department, Department.id == OpinionRequest.department_id)
        .join(asker, asker.id == OpinionRequest.asked_by_id)
        .where(OpinionRequest.case_id == case_id)
        .order_by(OpinionRequest.id)
    ).all()
    result = []
    for row, department, asked_by in rows:
        state = OpinionState(row.state)
        result.append(
            OpinionView(
                id=row.id,
                version=row.version,
                department_id=row.department_id,
                department=department,
                asked_by=asked_by,
                asked_at=row.asked_at,
                question=row.question,
                due_at=row.due_at,
                due_unconfirmed=row.due_unconfirmed,
                state=state,
                step_state=_step_state(state, row.due_at, now, warn_minutes),
                opinion=row.opinion,
                share_percent=row.share_percent,
                signer=row.signer_name,
                signer_role=Role(row.signer_role) if row.signer_role else None,
                given_at=row.given_at,
                waived_at=row.waived_at,
                waive_reason=row.waive_reason,
                escalated_at=row.escalated_at,
            )
        )
    return result


def _step_state(state: OpinionState, due: datetime, now: datetime, warn_minutes: int | None) -> StepState:
    if state is OpinionState.GIVEN:
        return StepState.DONE
    if state is OpinionState.WAIVED:
        return StepState.SKIPPED
    if now > due:
        return StepState.OVERDUE
    if warn_minutes is not None and (due - now).total_seconds() <= warn_minutes * 60:
        return StepState.DUE_SOON
    return StepState.PENDING


def owed_by(department_id: int | None) -> ColumnElement[bool]:
    """The case waits for an opinion of ``department_id`` (SQL over ``Case``): the work page's pile."""
    if department_id is None:
        return exists(select(OpinionRequest.id).where(OpinionRequest.id < 0))
    return and_(
        Case.status == Status.IN_PROGRESS.value,
        exists(
            select(OpinionRequest.id).where(
                OpinionRequest.case_id == Case.id,
                OpinionRequest.department_id == department_id,
                OpinionRequest.state == OpinionState.PENDING.value,
            )
        ),
    )
