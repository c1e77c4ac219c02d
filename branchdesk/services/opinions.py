"""``desk.opinions`` (issue 14 part A): ask other departments for their opinion (会签/协办), give one,
proceed without waiting — and the sweep's part for a late opinion.

Rules: ``domain/opinions.py`` and ``workflow.opinion_refusal``. The due time of each ask is a deadline step
(``DeadlineStep.OPINION``, a rule of the deadline policy counted from the ask, capped by nothing: a late
opinion is late even when the case has time). Asking and proceeding name the case as the user saw it
(``CaseVersion``); giving an opinion names the *ask* as read (``OpinionSeen``): two departments answering
at the same time must not refuse each other, but the same ask signed twice (or after it was waived) is
refused as ``ConcurrentChange`` naming who did what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, select

from branchdesk.domain import opinions as rules
from branchdesk.domain.bounds import INT_MAX, TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.opinions import OpinionState
from branchdesk.domain.steps import StepPolicy, TrackedStep
from branchdesk.domain.vocab import DeadlineStep, Status
from branchdesk.domain.workflow import Action
from branchdesk.errors import ConcurrentChange, DomainError, FieldError
from branchdesk.i18n import Label, Text
from branchdesk.read import opinions as read
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseRefLike
from branchdesk.services.notifications import notify_opinion_asked, notify_opinion_late
from branchdesk.services.step_outcome import SweepBudget, act_on_late_step
from branchdesk.services.timeline import record
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import Case, Department, OpinionRequest, StepAlert

__all__ = ["OpinionSeen", "OpinionService", "act_on_late_opinions"]

#: The limits of this service's texts (the question, the opinion, the reason to proceed).
QUESTION_LIMIT = TEXT_LIMITS["reason"]
OPINION_LIMIT = TEXT_LIMITS["conclusion"]
REASON_LIMIT = TEXT_LIMITS["reason"]


@dataclass(frozen=True)
class OpinionSeen:
    """One ask as the user read it (``OpinionView.id``/``version``): giving the opinion names it."""

    id: int
    version: int


def _plausible(seen: object) -> bool:
    """An ``OpinionSeen`` whose id and version a column can hold (anything else names no ask)."""
    if not isinstance(seen, OpinionSeen) or not ids_ok(seen.id):
        return False
    version = seen.version
    return isinstance(version, int) and not isinstance(version, bool) and abs(version) <= INT_MAX


def _when(at: object) -> str:
    return f"{at:%Y-%m-%d %H:%M}"


class OpinionService(ServiceBase):
    """Opinions from several departments on one case: every write through the one door."""

    def ask(self, actor: Actor, ref: CaseRefLike, departments: Sequence[int], question: str) -> CaseRef:
        """Ask each of ``departments`` for its opinion on the case; each gets its due time by the policy."""
        checks = Checks()
        text = checks.text("question", question, QUESTION_LIMIT, Label("Field", "question"), required=True)
        asked = list(departments) if isinstance(departments, (list, tuple)) else []
        if len(asked) > rules.MAX_DEPARTMENTS or not all(ids_ok(d) for d in asked):
            checks.add("departments", Text("error.department_not_found"))
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ASK_OPINION)
            names: list[str] = []
            for department_id in asked:
                department = unit.session.get(Department, department_id)
                if department is None or not department.active:
                    raise FieldError({"departments": Text("error.department_not_found")})
                names.append(department.name)
            pending = [d for d, _ in read.pending_departments(unit.session, case.id)]
            reason = rules.departments_refusal(asked, case.responsible_department_id, pending)
            if reason is not None:
                raise FieldError({"departments": reason})
            due = self._step_due(unit, case, DeadlineStep.OPINION, unit.now)
            rows = [
                OpinionRequest(
                    case_id=case.id,
                    department_id=department_id,
                    asked_by_id=unit.user.id,
                    asked_at=unit.now,
                    question=text,
                    due_at=due.at,
                    due_unconfirmed=due.unconfirmed,
                    state=OpinionState.PENDING.value,
                    opinion="",
                    signer_name="",
                    signer_role="",
                    waive_reason="",
                )
                for department_id in asked
            ]
            unit.session.add_all(rows)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="opinion_ask",
                case_id=case.id,
                text=Text(
                    "event.opinion_asked", {"departments": names, "due": _when(due.at), "question": text}
                ),
            )
            for department_id, name in zip(asked, names, strict=True):
                notify_opinion_asked(unit, case, department_id, name, due.at)
            self._touch(unit, case)
            return self._ref(case)

    def give(self, actor: Actor, seen: OpinionSeen, opinion: str, share_percent: int | None) -> CaseRef:
        """The asked department's opinion, signed by the person giving it (name and role frozen now)."""
        checks = Checks()
        text = checks.text("opinion", opinion, OPINION_LIMIT, Label("Field", "opinion"), required=True)
        share = None
        if share_percent is not None:
            low, high = rules.SHARE_RANGE
            share = checks.integer("share_percent", share_percent, low, high, Label("Field", "share_percent"))
        if not _plausible(seen):
            checks.add("opinion_id", Text("opinion.not_found"))
        checks.done()
        with self._unit(actor) as unit:
            row = unit.session.get(OpinionRequest, seen.id)
            if row is None:
                raise FieldError({"opinion_id": Text("opinion.not_found")})
            case = self._case(unit, row.case_id)  # visibility: only someone who sees the case
            if row.version != seen.version:
                raise ConcurrentChange(self._changed_since(unit, case))
            self._require(unit, case, Action.GIVE_OPINION)
            user = unit.user
            reason = rules.give_refusal(
                state=OpinionState(row.state),
                asked_department_id=row.department_id,
                actor_id=user.id,
                roles=unit.actor.roles,
                actor_department_id=user.department_id,
                complained_user_id=case.complained_user_id,
            )
            if reason is not None:
                raise DomainError(reason)
            row.state = OpinionState.GIVEN.value
            row.opinion = text
            row.share_percent = share
            row.signer_id = user.id
            row.signer_name = user.full_name
            row.signer_role = rules.signer_role(unit.actor.roles).value
            row.given_at = unit.now
            department = unit.session.get(Department, row.department_id)
            params: dict[str, object] = {"department": department.name if department else "", "opinion": text}
            late = unit.now > row.due_at
            if share is not None:
                params["share"] = share
            record(
                unit.session,
                at=unit.now,
                actor=user,
                action="opinion_give",
                case_id=case.id,
                text=Text(
                    ("event.opinion_given_share_late" if late else "event.opinion_given_share")
                    if share is not None
                    else ("event.opinion_given_late" if late else "event.opinion_given"),
                    params,
                ),
            )
            self._touch(unit, case)
            return self._ref(case)

    def proceed_without(self, actor: Actor, ref: CaseRefLike, reason: str) -> CaseRef:
        """A manager decides not to wait: every pending ask is waived with ``reason`` (on the timeline)."""
        checks = Checks()
        why = checks.text("reason", reason, REASON_LIMIT, Label("Field", "reason"), required=True)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.PROCEED_WITHOUT_OPINIONS)
            pending = unit.session.scalars(
                select(OpinionRequest)
                .where(
                    OpinionRequest.case_id == case.id,
                    OpinionRequest.state == OpinionState.PENDING.value,
                )
                .order_by(OpinionRequest.id)
            ).all()
            names = []
            for row in pending:
                row.state = OpinionState.WAIVED.value
                row.waived_at = unit.now
                row.waive_reason = why
                department = unit.session.get(Department, row.department_id)
                names.append(department.name if department else "")
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="opinion_waive",
                case_id=case.id,
                text=Text("event.opinions_waived", {"departments": names, "reason": why}),
            )
            self._touch(unit, case)
            return self._ref(case)


# --- the sweep's part (``services/step_watch.act_on_overdue_steps``) --------------------------------


def act_on_late_opinions(unit: Unit, policy: StepPolicy, budget: SweepBudget | None = None) -> int:
    """Each pending ask past its due time, not yet acted on, acts once: the step policy's outcome on the
    case (escalate / notify / mark, like every step: ``step_outcome.act_on_late_step``) and a notification
    to the asked department's managers. Returns how many asks were acted on; with a ``budget`` (the sweep in
    bounded units) at most what is left of it."""
    budget = budget or SweepBudget()
    rows = unit.session.execute(
        budget.limit(
            select(OpinionRequest, Case, Department.name)
            .join(Case, Case.id == OpinionRequest.case_id)
            .join(Department, Department.id == OpinionRequest.department_id)
            .where(
                and_(
                    OpinionRequest.state == OpinionState.PENDING.value,
                    OpinionRequest.due_at < unit.now,
                    OpinionRequest.escalated_at.is_(None),
                    Case.status == Status.IN_PROGRESS.value,
                    settled_cases(),
                )
            )
            .order_by(OpinionRequest.id)
        )
    ).all()
    budget.spend(len(rows))
    alerted: set[tuple[int, object]] = set()
    for row, case, department in rows:
        row.escalated_at = unit.now
        key = (case.id, row.due_at)
        exists_already = unit.session.scalars(
            select(StepAlert.id).where(
                StepAlert.case_id == case.id,
                StepAlert.step == TrackedStep.OPINION.value,
                StepAlert.due_at == row.due_at,
            )
        ).first()
        if key not in alerted and exists_already is None:
            # the marker the "alerted to my role" pile reads (one per case and due time)
            unit.session.add(
                StepAlert(
                    case_id=case.id,
                    step=TrackedStep.OPINION.value,
                    due_at=row.due_at,
                    at=unit.now,
                    outcome=policy.on_overdue.value,
                    role=None if policy.role is None else policy.role.value,
                )
            )
        alerted.add(key)
        said = {"department": department, "due": _when(row.due_at)}
        act_on_late_step(
            unit,
            case,
            policy,
            Text("event.opinion_late_note", said),
            notify=Text("event.opinion_late_notify", {**said, "role": policy.role}),
            mark=Text("event.opinion_late_mark", said),
        )
        notify_opinion_late(unit, case, row.department_id, department, row.due_at)
    return len(rows)
