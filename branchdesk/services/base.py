"""Plumbing every case service shares: loading the actor and the case, guards, escalation, deadlines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import object_session
from sqlalchemy.orm.attributes import flag_modified

from branchdesk.domain import capa as capa_rules
from branchdesk.domain import escalation as escalation_rules
from branchdesk.domain.bounds import INT_MAX, Checks, ids_ok
from branchdesk.domain.deadlines import Due, SlaFacts, case_due, step_due
from branchdesk.domain.escalation import escalation_level
from branchdesk.domain.notes import reopen_refusal  # issue 14 part D
from branchdesk.domain.severity import MajorFacts, major_reasons
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import (
    DeadlineStep,
    EscalationReason,
    Kind,
    Severity,
    Status,
)
from branchdesk.domain.workflow import DEADLINE_STATES, Action, CaseFacts, refusal
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, NotFound
from branchdesk.i18n import Label, Text
from branchdesk.read.opinions import pending_departments  # issue 14 part A
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseRefLike, CaseVersion
from branchdesk.services.timeline import record, who_when_what
from branchdesk.services.unit_of_work import Unit, UnitOfWork
from branchdesk.services.visibility import visible_cases
from branchdesk.storage.models import (
    ArchivedCase,
    CapaItem,
    Case,
    Escalation,
    Event,
    Extension,
    FollowUp,
    User,
)

__all__ = ["ServiceBase", "Unit", "optional_text", "require_text"]

_Row = TypeVar("_Row")

class ServiceBase:
    """A service of one database: it opens its units through the one door (``UnitOfWork``)."""

    def __init__(self, door: UnitOfWork) -> None:
        self._door = door
        self._db = door.db
        self._clock = door.clock

    @contextmanager
    def _unit(self, actor: Actor) -> Iterator[Unit]:
        with self._door.write(actor) as unit:
            yield unit

    # --- loading and guarding ----------------------------------------------

    @staticmethod
    def _case(unit: Unit, ref: CaseRefLike) -> Case:
        """The case, visible to the actor; named with the version the user saw, it must still be that.

        The check runs inside the write transaction, so of two people acting on what they both saw,
        the second is refused with who changed what, never silently applied over the first.
        """
        if not _plausible_ref(ref):  # an id no column holds, a number no case can have: nothing to look up
            raise NotFound(Text("error.case_not_found", {"ref": str(ref)[:40]}))
        query = select(Case).where(visible_cases(unit.actor))
        if isinstance(ref, CaseVersion):
            query = query.where(Case.id == ref.id)
        elif isinstance(ref, int):
            query = query.where(Case.id == ref)
        else:
            query = query.where(Case.case_no == ref)
        case = unit.session.scalars(query).first()
        if case is not None and isinstance(ref, CaseVersion) and case.version != ref.version:
            raise ConcurrentChange(ServiceBase._changed_since(unit, case))
        if case is None:
            raise NotFound(Text("error.case_not_found", {"ref": ref}))
        return case

    @staticmethod
    def _existing(
        unit: Unit, model: type[_Row], row_id: object, field: str, label: Text | Label | None = None
    ) -> _Row:
        """The row ``row_id`` names; a missing one (or no id at all) is a refusal naming the field."""
        row = unit.session.get(model, row_id) if ids_ok(row_id) else None
        if row is None:
            raise FieldError({field: Text("field.not_found", {"field": label or Label("Field", field)})})
        return row

    @staticmethod
    def _changed_since(unit: Unit, case: Case) -> Text:
        """Who changed the case last, when, and what they did (for the person whose view is stale)."""
        last = unit.session.scalars(
            select(Event).where(Event.case_id == case.id).order_by(Event.id.desc()).limit(1)
        ).first()
        if last is None:
            return Text("error.concurrent_change")
        return Text("error.case_changed", who_when_what(last))

    @staticmethod
    def _facts(unit: Unit, case: Case) -> CaseFacts:
        last = unit.session.scalars(
            select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.id.desc())
        ).first()
        return CaseFacts(
            status=Status(case.status),
            kind=Kind(case.kind),
            handler_id=case.handler_id,
            complained_user_id=case.complained_user_id,
            recorder_id=case.recorder_id,
            has_follow_up=last is not None,
            dissatisfied=last is not None
            and escalation_rules.dissatisfied(
                last.satisfaction, int(unit.config.setting("dissatisfied_at_or_below"))
            ),
            first_contacted=case.first_contacted_at is not None,
            # issue 14 part A: the case waits for the departments asked; who acts depends on departments
            opinions_pending=pending_departments(unit.session, case.id)
            if case.status == Status.IN_PROGRESS.value
            else (),
            responsible_department_id=case.responsible_department_id,
            actor_department_id=unit.user.department_id if unit.user_or_none else unit.actor.department_id,
            pending_extension=unit.session.scalars(
                select(Extension.id).where(Extension.case_id == case.id, Extension.status == "pending")
            ).first()
            is not None,
            **_capa_facts(unit, case),  # issue 14 part B
            # issue 14 part D: whether the policy reopens this case (no query: settings and the row)
            reopen_refusal=reopen_refusal(
                mode=str(unit.config.setting("returning_complaint_mode")),
                status=Status(case.status),
                close_kind=case.close_kind,
                closed_at=case.closed_at,
                now=unit.now,
                within_days=int(unit.config.setting("reopen_within_days")),
                dissatisfied=last is not None
                and escalation_rules.dissatisfied(
                    last.satisfaction, int(unit.config.setting("dissatisfied_at_or_below"))
                ),
            ),
            # issue 15 part V: an archived case is read-only (one indexed lookup by primary key)
            archived=unit.session.get(ArchivedCase, case.id) is not None,
        )

    def _require(self, unit: Unit, case: Case, action: Action) -> None:
        reason = refusal(action, self._facts(unit, case), unit.actor.user_id, unit.actor.roles)
        if reason is not None:
            raise DomainError(reason)

    @staticmethod
    def _ref(case: Case, repeat_of: tuple[str, ...] = ()) -> CaseRef:
        session = object_session(case)
        if session is not None:
            session.flush()  # the version the caller gets back is the one the commit will store
        status = Status(case.status)
        return CaseRef(
            id=case.id,
            case_no=case.case_no,
            status=status.value,
            deadline_at=case.deadline_at,
            deadline_unconfirmed=case.deadline_unconfirmed,
            is_major=case.is_major,
            is_repeat=case.is_repeat,
            repeat_of=repeat_of,
            version=case.version,
        )

    # --- derived facts ---------------------------------------------------

    @staticmethod
    def _major_facts(case: Case) -> MajorFacts:
        return MajorFacts(
            is_repeat=case.is_repeat,
            external_body=case.external_body,
            media_involved=case.media_involved,
            lawsuit_threatened=case.lawsuit_threatened,
            complainant_count=case.complainant_count,
            personal_injury=case.personal_injury,
            loss_fen=max(case.request_amount_fen or 0, case.loss_estimate_fen or 0),
            declared_by_cr_manager=case.declared_major,
        )

    @classmethod
    def _refresh_major(cls, unit: Unit, case: Case) -> None:
        # Codes are stored (``LABELS["MajorReason"]``); rows from before hold Chinese sentences.
        reasons = major_reasons(cls._major_facts(case), unit.config.policy)
        if reasons != list(case.major_reasons or []):
            case.major_reasons = reasons
        case.is_major = bool(reasons)
        if case.is_major and case.gm_inform_due_at is None and case.gm_informed_at is None:
            # The GM alert's clock (issue 12 "steps") starts when the case becomes major.
            hours = int(unit.config.setting("gm_inform_hours"))
            case.gm_inform_due_at = unit.now + timedelta(hours=hours)

    @staticmethod
    def _refresh_deadline(unit: Unit, case: Case, *, new: bool = False) -> None:
        """``new``: a case not yet written (a ledger import's row) — it has no extension to look for."""
        if not new:
            has_extension = unit.session.scalars(
                select(Extension.id).where(Extension.case_id == case.id, Extension.status == "approved")
            ).first()
            if has_extension is not None:
                return
        facts = ServiceBase._sla_facts(unit, case)
        due, rule = case_due(unit.config.calendar, unit.config.sla_rules, facts, case.received_at)
        case.deadline_at = due.at
        case.deadline_unconfirmed = due.unconfirmed
        case.sla_label = rule.label
        ServiceBase._set_step_due(unit, case, DeadlineStep.REPLY, case.received_at)

    @staticmethod
    def _sla_facts(unit: Unit, case: Case) -> SlaFacts:
        """What the deadline rules look at, from the case row (no query: the category tree is loaded)."""
        return SlaFacts(
            kind=Kind(case.kind),
            category_path=unit.config.category_path(case.category_id),
            severity=Severity(case.severity) if case.severity else None,
            major=case.is_major,
            foreign=case.is_foreign,
            channel=case.channel or None,
            customer_type=case.customer_type or None,
            custom_values=dict(case.custom_values or {}),
        )

    @staticmethod
    def _step_due(unit: Unit, case: Case, step: DeadlineStep, start: datetime) -> Due:
        """When ``step`` of ``case`` falls due, counted from ``start`` (the one place that says so).

        The rule comes from the deadline policy (``deadlines.step_due``, which the 试算 panel's
        ``deadlines.schedule`` calls too); the case deadline in force (an approved extension
        included) caps the reply and stands in for a step without a rule. Callers pass the
        assignment time (first contact, investigation), the intake (reply) or the reply (follow-up).
        """
        facts = ServiceBase._sla_facts(unit, case)
        config = unit.config
        if case.deadline_at is not None:
            case_deadline = Due(case.deadline_at, case.deadline_unconfirmed)
        else:
            case_deadline, _ = case_due(config.calendar, config.sla_rules, facts, case.received_at)
        return step_due(config.calendar, config.sla_rules, facts, step, start, case_deadline).due

    # --- step deadlines that act (issue 12, part "steps") ---
    _STEP_COLUMNS = {
        DeadlineStep.FIRST_CONTACT: "first_contact_due_at",
        DeadlineStep.INVESTIGATION: "investigation_due_at",
        DeadlineStep.REPLY: "reply_due_at",
        DeadlineStep.FOLLOW_UP: "follow_up_due_at",
    }

    @staticmethod
    def _set_step_due(unit: Unit, case: Case, step: DeadlineStep, start: datetime) -> Due:
        """Store ``step``'s due time (``_step_due``) and whether it counts over an unconfirmed year."""
        due = ServiceBase._step_due(unit, case, step, start)
        setattr(case, ServiceBase._STEP_COLUMNS[step], due.at)
        flagged = [code for code in (case.step_unconfirmed or []) if code != step.value]
        if due.unconfirmed:
            flagged.append(step.value)
        if flagged != list(case.step_unconfirmed or []):
            case.step_unconfirmed = flagged
        return due

    # --- escalation --------------------------------------------------------

    @staticmethod
    def _escalate(
        unit: Unit,
        case: Case,
        reason: EscalationReason,
        by: User | None,
        note: Text | None = None,
        to_level: int | None = None,
    ) -> None:
        """One level up the ladder, or to ``to_level`` (a step escalation: ``steps.escalation_target``)."""
        before = case.escalation_level
        after = escalation_rules.next_level(before) if to_level is None else to_level
        case.escalation_level = after
        unit.session.add(
            Escalation(
                case_id=case.id,
                from_level=before,
                to_level=after,
                reason=reason.value,
                at=unit.now,
                by_id=by.id if by else None,
            )
        )
        step = (
            Text("event.escalated", {"from": escalation_level(before), "to": escalation_level(after)})
            if after != before
            else Text("event.escalated_at_top", {"level": escalation_level(after)})
            if after == escalation_rules.TOP_LEVEL
            else Text("event.step_escalation_held", {"level": escalation_level(after)})
        )
        record(
            unit.session,
            at=unit.now,
            actor=by,
            action="escalate",
            case_id=case.id,
            text=Text("event.escalation", {"step": step, "reason": reason, "note": note or ""}),
            changes=[("escalation_level", before, after)],
        )

    @staticmethod
    def _escalation_due(unit: Unit, case: Case) -> bool:
        running = case.status in DEADLINE_STATES
        return escalation_rules.overdue_escalation_due(
            unit.now, case.deadline_at, running, case.overdue_escalated_deadline is not None
        )

    def _evaluate(self, unit: Unit, case: Case) -> None:
        """Automatic escalation, run whenever a case is read or changed and by the sweep."""
        if self._escalation_due(unit, case):
            case.overdue_escalated_deadline = case.deadline_at
            self._escalate(unit, case, EscalationReason.OVERDUE, None)

    def _touch(self, unit: Unit, case: Case) -> None:
        """Every action moves the case's version, even one that writes only child rows (a report,
        a reply): whoever acts on the older version afterwards is refused."""
        case.updated_at = unit.now
        flag_modified(case, "updated_at")
        self._evaluate(unit, case)

    @staticmethod
    def _set_status(unit: Unit, case: Case, status: Status) -> tuple[str, str, str]:
        old = case.status
        case.status = status.value
        return ("status", old, status.value)  # codes: the reader renders them in their language


def _capa_facts(unit: Unit, case: Case) -> dict[str, Any]:
    """CAPA's part of the facts (issue 14 part B): the oversight role, and the items not yet verified
    effective only when the policy lets them keep the case open (no query otherwise)."""
    oversight = capa_rules.oversight_role(unit.config.setting("capa_oversight_role"))
    facts: dict[str, Any] = {"capa_oversight": oversight}
    if unit.config.setting("capa_blocks_close") and case.status == Status.AWAITING_FOLLOWUP.value:
        ids = unit.session.scalars(
            select(CapaItem.id)
            .where(CapaItem.case_id == case.id, CapaItem.status.in_([s.value for s in capa_rules.UNCLOSED]))
            .order_by(CapaItem.id)
        ).all()
        facts["capa_unclosed"] = tuple(f"#{i}" for i in ids)
    return facts


def require_text(value: str, field: str, label: Text | Label, limit: int = 5000) -> str:
    """The cleaned text of a required field; ``label`` names the field in the error."""
    checks = Checks()
    text = checks.text(field, value, limit, label, required=True)
    checks.done()
    return text


def optional_text(value: str | None, field: str, limit: int, label: Text | Label | None = None) -> str:
    """The cleaned text of an optional field (None and blank are ''), refused when too long."""
    checks = Checks()
    text = checks.text(field, value, limit, label)
    checks.done()
    return text


def _plausible_ref(ref: object) -> bool:
    if isinstance(ref, CaseVersion):
        return ids_ok(ref.id) and isinstance(ref.version, int) and abs(ref.version) <= INT_MAX
    if isinstance(ref, str):
        return 0 < len(ref) <= 30 and ref.isprintable() and clean_text(ref) == ref
    return ids_ok(ref)
