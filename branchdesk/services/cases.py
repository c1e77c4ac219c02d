"""Case use cases after intake: triage, assignment, investigation, resolution and approval,
reply, extension, follow-up, closing, void, escalation and attachments."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.domain import approvals as approval_rules
from branchdesk.domain.bounds import MAX_CHOICES, TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.escalation import dissatisfied
from branchdesk.domain.money import format_yuan, parse_yuan
from branchdesk.domain.severity import effective_severity, major_reason_texts
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import (
    CloseKind,
    DeadlineStep,
    Decision,
    EscalationReason,
    Kind,
    Responsibility,
    Role,
    Severity,
    Status,
)
from branchdesk.domain.workflow import DEADLINE_STATES, RECUSAL_MESSAGE, Action
from branchdesk.errors import (
    AuthenticationFailed,
    BranchDeskError,
    DomainError,
    FieldError,
    NotFound,
    PermissionDenied,
)
from branchdesk.i18n import Label, Text, render
from branchdesk.read.queue import open_cases
from branchdesk.services.attachments import check_against_settings
from branchdesk.services.auth import LOCKED_CODE, AuthService
from branchdesk.services.base import ServiceBase, Unit, optional_text, require_text
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    CaseRef,
    CaseRefLike,
    CaseVersion,
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.services.notes import notify_next_contacts_due  # issue 14 part D
from branchdesk.services.notifications import (  # issue 17 "notify"
    notify_approval,
    notify_assigned,
    notify_reply_ready,
    notify_steps_due_soon,
    settle_approval_notices,
)
from branchdesk.services.step_outcome import SweepBudget
from branchdesk.services.step_watch import act_on_overdue_steps
from branchdesk.services.timeline import apply_changes, record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import (
    Approval,
    Attachment,
    AttachmentBlob,
    Case,
    Category,
    CustomerContact,  # issue 14 part D
    Department,
    Extension,
    FollowUp,
    Investigation,
    Reply,
    Resolution,
    ResponsibilityShare,
    User,
    UserRole,
)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

#: The most cases one bulk assignment names (issue 17, part D).
MAX_BULK = 500

#: issue 16 part P: cases (and late steps) one sweep unit acts on — 0.2 s of write lock (median, the
#: 2-core machine under load); a clerk's save waits for one such unit at most. ``MAX_SWEEP_BATCH`` bounds
#: the caller.
SWEEP_BATCH = 100
MAX_SWEEP_BATCH = 5_000


@dataclass(frozen=True)
class SweepBatch:
    """What one unit of the sweep did (``CaseService.sweep_batch``)."""

    escalated: int  # cases escalated for their overdue deadline
    steps_acted: int  # late steps acted on (escalated, notified, marked)
    announced: int  # "due soon" notifications written (the last unit only)
    more: bool  # some are left for the next unit


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk action did: the cases it changed, and each refused case's id with the reason."""

    done: list[CaseRef]
    refused: list[tuple[int, Text]]


def level_has_own_signer(
    session: Session, level: approval_rules.ApprovalLevel, case: Case, excluded: set[int]
) -> bool:
    """Whether someone holding exactly the step's role (of the responsible department, when the step
    says so) may sign: only when nobody may does a higher role sign in their place."""
    if not approval_rules.on_ladder(level.role):
        return True  # off the ladder nobody stands in, so the answer does not matter: skip the query
    return has_own_signer(
        role_holders(session, level.role),
        level,
        excluded | {case.complained_user_id or -1},
        case.responsible_department_id,
    )


def role_holders(session: Session, role: Role | None = None) -> list[tuple[int, int | None, str]]:
    """(user id, department id, role) of every active user's roles (of ``role`` only, when given)."""
    query = select(User.id, User.department_id, UserRole.role).join(UserRole, UserRole.user_id == User.id)
    query = query.where(User.active)
    if role is not None:
        query = query.where(UserRole.role == role.value)
    return [(int(r[0]), r[1], str(r[2])) for r in session.execute(query)]


def has_own_signer(
    holders: Sequence[tuple[int, int | None, str]],
    level: approval_rules.ApprovalLevel,
    barred: set[int],
    responsible_department_id: int | None,
) -> bool:
    """``level_has_own_signer`` over ``role_holders`` read once (the work page asks it for every case
    awaiting approval); ``barred``: the proposer, earlier signers and the complained-about user."""
    if not approval_rules.on_ladder(level.role):
        return True
    return any(
        role == level.role.value
        and user_id not in barred
        and (not level.of_responsible_department or department_id == responsible_department_id)
        for user_id, department_id, role in holders
    )


def next_signature(
    session: Session, case: Case, roles: frozenset[Role], user: User
) -> tuple[Resolution | None, approval_rules.ApprovalLevel | None, Text | None]:
    """The pending resolution, the step that signs next and why ``user`` may not sign it (None: may).

    One place for signing (``decide_approval``) and the case view's button (``queries.detail_of``).
    """
    resolution = session.scalars(
        select(Resolution).where(Resolution.case_id == case.id, Resolution.status == "pending")
    ).first()
    if resolution is None:
        return None, None, Text("approval.no_pending_resolution")
    signed = session.scalars(
        select(Approval.approver_id).where(Approval.resolution_id == resolution.id)
    ).all()
    level = approval_rules.next_level(approval_rules.frozen_chain(resolution.required_roles), len(signed))
    if level is None:
        return resolution, None, Text("approval.no_pending_resolution")
    refusal = approval_rules.signing_refusal(
        level,
        approval_rules.Signer(user.id, roles, user.department_id),
        proposer_id=resolution.proposer_id,
        earlier_signer_ids=set(signed),
        complained_user_id=case.complained_user_id,
        responsible_department_id=case.responsible_department_id,
        amount_fen=resolution.amount_fen,
        own_level_available=approval_rules.may_stand_in(level, roles)
        and level_has_own_signer(session, level, case, excluded={resolution.proposer_id, *signed}),
    )
    return resolution, level, refusal


def approval_facts(config: BranchConfig, case: Case, amount_fen: int) -> approval_rules.ApprovalFacts:
    """What the approval rules' conditions look at, for ``case`` and a proposed amount."""
    return approval_rules.ApprovalFacts(
        amount_fen=amount_fen,
        category_path=config.category_path(case.category_id),
        kind=Kind(case.kind),
        severity=Severity(case.severity) if case.severity else None,
        major=bool(case.is_major),
    )


class CaseService(ServiceBase):
    def __init__(self, door: UnitOfWork, auth: AuthService) -> None:
        super().__init__(door)
        self._auth = auth  # the signing password is checked like a login (throttled)

    # --- triage and assignment ---------------------------------------------

    def triage(self, actor: Actor, ref: CaseRefLike, data: TriageInput) -> CaseRef:
        checks = Checks()
        note = checks.text("note", data.note, TEXT_LIMITS["note"])
        category_code = checks.text("category", data.category_code, TEXT_LIMITS["category_code"])
        severity = checks.text("severity", data.severity, TEXT_LIMITS["filter_code"])
        invalid_reason = (
            checks.text("invalid_reason", data.invalid_reason, TEXT_LIMITS["filter_code"]) or None
        )
        loss_typed = checks.text("loss_estimate", data.loss_estimate, 40)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.TRIAGE)
            errors: dict[str, Text | str] = {}
            values: dict[str, object] = {"valid": bool(data.valid)}
            loss = None
            if loss_typed:
                try:
                    loss = parse_yuan(loss_typed, "loss_estimate", unit.config.money_ceiling_fen)
                except FieldError as exc:
                    errors.update(exc.texts)
            values["loss_estimate_fen"] = loss
            values["declared_major"] = data.declared_major
            if data.valid:
                category = None
                if category_code:
                    category = unit.session.scalars(
                        select(Category).where(Category.code == category_code, Category.active)
                    ).first()
                if category is None:
                    errors["category"] = Text("triage.category")
                else:
                    values["category_id"] = category.id
                try:
                    chosen = Severity(severity)
                except ValueError:
                    errors["severity"] = Text("triage.severity")
                    chosen = Severity.NORMAL
                claimed = max(case.request_amount_fen or 0, loss or 0)
                values["severity"] = effective_severity(chosen, claimed, unit.config.policy).value
                values["invalid_reason"] = None
            else:
                if invalid_reason not in unit.config.choices.get("invalid_reason", {}):
                    errors["invalid_reason"] = Text("triage.invalid_reason")
                values["invalid_reason"] = invalid_reason
            if data.responsible_department_id is not None:
                if not ids_ok(data.responsible_department_id) or (
                    unit.session.get(Department, data.responsible_department_id) is None
                ):
                    errors["responsible_department"] = Text("error.department_not_found")
                values["responsible_department_id"] = data.responsible_department_id
            if data.handler_id is not None and not ids_ok(data.handler_id):
                errors["handler"] = Text("assign.handler")
            if errors:
                raise FieldError(errors)
            values["triaged_at"] = unit.now
            changes = apply_changes(case, values)
            if not data.valid:
                changes.append(self._set_status(unit, case, Status.INVALID))
            elif case.status == Status.REGISTERED:
                changes.append(self._set_status(unit, case, Status.PENDING_ASSIGNMENT))
            self._refresh_major(unit, case)
            self._refresh_deadline(unit, case)
            reason_label = unit.config.label("invalid_reason", invalid_reason)
            major: Text | str = ""
            if case.is_major:
                reasons = major_reason_texts(self._major_facts(case), unit.config.policy)
                major = Text("event.triage_major", {"reasons": [text for _, text in reasons]})
            note_text: Text | str = Text("event.note_sentence", {"note": note}) if note else ""
            text = (
                Text("event.triage_valid", {"major": major, "note": note_text})
                if data.valid
                else Text("event.triage_invalid", {"reason": reason_label, "major": major, "note": note_text})
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="triage",
                case_id=case.id,
                text=text,
                changes=changes,
            )
            if data.valid and data.handler_id is not None and Kind(case.kind) is Kind.COMPLAINT:
                self._assign(unit, case, data.handler_id, data.responsible_department_id, "")
            self._touch(unit, case)
            return self._ref(case)

    def assign(
        self,
        actor: Actor,
        ref: CaseRefLike,
        handler_id: int,
        department_id: int | None = None,
        note: str = "",
    ) -> CaseRef:
        note = optional_text(note, "note", TEXT_LIMITS["note"])
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._assign(unit, case, handler_id, department_id, note)
            self._touch(unit, case)
            return self._ref(case)

    # --- issue 17, part D: bulk assignment from the queue ---------------------------------------

    def assign_many(
        self,
        actor: Actor,
        refs: Sequence[CaseVersion],
        handler_id: int,
        department_id: int | None = None,
        note: str = "",
    ) -> BulkOutcome:
        """Assign each case in its own unit, each naming the version the user saw: a case changed since
        (or refused for any other reason) is reported with its reason, the others go through."""
        if (
            isinstance(refs, str)
            or not isinstance(refs, list | tuple)
            or not refs
            or len(refs) > MAX_BULK
            or not all(isinstance(ref, CaseVersion) for ref in refs)
        ):
            raise FieldError({"cases": Text("field.format", {"field": Label("Field", "cases")})})
        note = optional_text(note, "note", TEXT_LIMITS["note"])
        done: list[CaseRef] = []
        refused: list[tuple[int, Text]] = []
        for ref in refs:
            try:
                done.append(self.assign(actor, ref, handler_id, department_id, note))
            except FieldError:
                raise  # the handler or department itself is wrong: the same for every case
            except BranchDeskError as exc:
                refused.append((ref.id, exc.text))
        return BulkOutcome(done, refused)

    def _assign(self, unit: Unit, case: Case, handler_id: int, department_id: int | None, note: str) -> None:
        self._require(unit, case, Action.ASSIGN)
        handler = unit.session.get(User, handler_id) if ids_ok(handler_id) else None
        if handler is None or not handler.active or Role.HANDLER not in {Role(r.role) for r in handler.roles}:
            raise FieldError({"handler": Text("assign.handler")})
        if handler.id == case.complained_user_id:
            raise DomainError(Text("assign.handler_recused"))
        if department_id is not None:
            department_id = self._existing(unit, Department, department_id, "department").id
        department_id = department_id or case.responsible_department_id or handler.department_id
        if Role.CR_MANAGER not in unit.actor.roles and unit.actor.department_id not in (
            department_id,
            case.responsible_department_id,
        ):
            raise PermissionDenied(Text("assign.own_department"))
        transfer = case.handler_id is not None and case.handler_id != handler.id
        changes = apply_changes(
            case,
            {"handler_id": handler.id, "responsible_department_id": department_id, "assigned_at": unit.now},
        )
        if case.status != Status.IN_PROGRESS:
            changes.append(self._set_status(unit, case, Status.IN_PROGRESS))
        self._set_step_due(unit, case, DeadlineStep.FIRST_CONTACT, unit.now)
        self._set_step_due(unit, case, DeadlineStep.INVESTIGATION, unit.now)
        department = unit.session.get(Department, department_id) if department_id else None
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="transfer" if transfer else "assign",
            case_id=case.id,
            changes=changes,
            text=Text(
                "event.transferred" if transfer else "event.assigned",
                {
                    "handler": handler.full_name,
                    "department": department.name if department else "",
                    "note": _note_colon(note),
                },
            ),
        )
        notify_assigned(unit, case, handler)  # issue 17 "notify"

    # --- investigation and resolution ----------------------------------------

    def record_investigation(self, actor: Actor, ref: CaseRefLike, data: InvestigationInput) -> CaseRef:
        checks = Checks()
        values: dict[str, object] = {}
        for name, label in (
            ("cause", Text("label.cause")),
            ("details", Text("label.details")),
            ("conclusion", Text("label.conclusion")),
        ):
            values[name] = checks.text(name, getattr(data, name), TEXT_LIMITS[name], label, required=True)
        for name in ("responsible_person", "corrective_action", "preventive_action"):
            values[name] = checks.text(name, getattr(data, name), TEXT_LIMITS[name])
        try:
            values["responsibility"] = Responsibility(data.responsibility).value
        except (ValueError, TypeError):
            checks.add("responsibility", Text("investigation.responsibility"))
        shares = list(data.shares) if len(data.shares) <= MAX_CHOICES else [(0, 0)]
        if not shares and data.responsible_department_id:
            shares = [(data.responsible_department_id, 100)]
        if any(not ids_ok(d) or not ids_ok(p) for d, p in shares):
            checks.add("shares", Text("investigation.share_range"))
        if data.responsible_department_id is not None and not ids_ok(data.responsible_department_id):
            checks.add("responsible_department", Text("error.department_not_found"))
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.RECORD_INVESTIGATION)
            errors: dict[str, Text | str] = {}
            if data.responsible_department_id is not None and (
                unit.session.get(Department, data.responsible_department_id) is None
            ):
                errors["responsible_department"] = Text("error.department_not_found")
            if shares:
                if any(p <= 0 or p > 100 for _, p in shares):
                    errors["shares"] = Text("investigation.share_range")
                elif sum(p for _, p in shares) != 100:
                    errors["shares"] = Text("investigation.share_total", {"total": sum(p for _, p in shares)})
                elif len({d for d, _ in shares}) != len(shares):
                    errors["shares"] = Text("investigation.share_duplicate")
                elif any(unit.session.get(Department, d) is None for d, _ in shares):
                    errors["shares"] = Text("error.department_not_found")
            elif data.responsibility == Responsibility.OURS:
                errors["shares"] = Text("investigation.shares_required")
            if errors:
                raise FieldError(errors)
            values.update(
                responsible_department_id=data.responsible_department_id,
                track_improvement=bool(data.track_improvement),
            )
            report = unit.session.scalars(
                select(Investigation).where(Investigation.case_id == case.id)
            ).first()
            first = report is None
            if report is None:
                report = Investigation(
                    case_id=case.id, author_id=unit.user.id, recorded_at=unit.now, **values
                )
                unit.session.add(report)
                changes: list[tuple[str, object, object]] = []
            else:
                changes = apply_changes(report, values)
                report.recorded_at = unit.now
                report.author_id = unit.user.id
            report.shares = [ResponsibilityShare(department_id=d, percent=p) for d, p in shares]
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="investigation",
                case_id=case.id,
                text=Text(
                    "event.investigation_recorded" if first else "event.investigation_changed",
                    {"responsibility": Responsibility(data.responsibility)},
                ),
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def propose_resolution(self, actor: Actor, ref: CaseRefLike, data: ResolutionInput) -> CaseRef:
        checks = Checks()
        resolution_type = checks.text("resolution_type", data.resolution_type, TEXT_LIMITS["filter_code"])
        amount_typed = checks.text("amount", data.amount, 40)
        resolution_text = checks.text(
            "text", data.text, TEXT_LIMITS["resolution_text"], Label("Field", "resolution_text")
        )
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.PROPOSE)
            if (
                unit.session.scalars(select(Investigation.id).where(Investigation.case_id == case.id)).first()
                is None
            ):
                raise DomainError(Text("propose.investigation_first"))
            errors: dict[str, Text | str] = {}
            if resolution_type not in unit.config.choices.get("resolution_type", {}):
                errors["resolution_type"] = Text("propose.resolution_type")
            amount = 0
            try:
                amount = parse_yuan(amount_typed or "0", "amount", unit.config.money_ceiling_fen)
            except FieldError as exc:
                errors.update(exc.texts)
            if errors:
                raise FieldError(errors)
            rule = approval_rules.choose_rule(
                unit.config.approval_rules, approval_facts(unit.config, case, amount)
            )
            if rule is None:  # only a policy broken by hand: the policy service keeps a catch-all
                raise DomainError(Text("approval.no_rule"))
            # The chain is frozen here: later edits of the rules never change a proposal already made.
            resolution = Resolution(
                case_id=case.id,
                resolution_type=resolution_type,
                amount_fen=amount,
                text=resolution_text,
                proposer_id=unit.user.id,
                proposed_at=unit.now,
                required_roles=approval_rules.chain_to_json(rule.steps),
                open_to_roles=approval_rules.open_roles_text(rule.steps),
                approval_rule_label=rule.label,
                status="pending" if rule.steps else "approved",
            )
            unit.session.add(resolution)
            details = {
                "type": unit.config.label("resolution_type", resolution_type),
                "amount": format_yuan(amount),
                "rule": rule.label,
            }
            if rule.steps:
                change = self._set_status(unit, case, Status.PENDING_APPROVAL)
                chain = approval_rules.chain_text(rule.steps)
                text = Text("event.proposed_by_rule", {**details, "chain": chain})
            else:  # a chain of no steps: approved on proposal, straight on to the reply
                change = self._set_status(unit, case, Status.AWAITING_REPLY)
                text = Text("event.proposed_no_approval", details)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="propose",
                case_id=case.id,
                text=text,
                changes=[change],
            )
            # issue 17 "notify": the first signers, or (no steps) whoever replies
            if rule.steps:
                notify_approval(unit, case, resolution)
            else:
                notify_reply_ready(unit, case)
            self._touch(unit, case)
            return self._ref(case)

    def decide_approval(
        self, actor: Actor, ref: CaseRefLike, decision: Decision, password: str, reason: str = ""
    ) -> CaseRef:
        """Sign the next approval level of the pending resolution, with the signer's password."""
        reason = optional_text(reason, "reason", TEXT_LIMITS["reason"])
        if not isinstance(decision, Decision):
            raise FieldError({"decision": Text("field.format", {"field": Label("Field", "decision")})})
        if decision is Decision.REJECT and not reason:
            raise FieldError({"reason": Text("approval.reason_required")})
        if not isinstance(password, str) or len(password) > TEXT_LIMITS["password"]:
            raise AuthenticationFailed(Text("approval.wrong_password"))
        self._check_eligible_to_sign(actor, ref)
        try:
            self._auth.verify(actor, password)
        except AuthenticationFailed as exc:
            locked = exc.text.code == LOCKED_CODE
            raise AuthenticationFailed(exc.text if locked else Text("approval.wrong_password")) from exc
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            resolution, level = self._next_level(unit, case)
            signer_role = approval_rules.signed_as(level, unit.actor.roles)
            # Stored with the signature in Chinese (the printed record), in the branch's names for the roles;
            # screens render it from the codes.
            meaning = render(
                Text("approval.meaning", {"decision": decision, "role": level.role}),
                "zh_CN",
                unit.config.label_overrides,
            )
            unit.session.add(
                Approval(
                    resolution_id=resolution.id,
                    level_order=level.order,
                    level_role=level.role.value,
                    approver_id=unit.user.id,
                    printed_name=unit.user.full_name,
                    signed_role=signer_role.value,
                    decision=decision.value,
                    meaning=meaning,
                    reason=reason.strip(),
                    signed_at=unit.now,
                )
            )
            if decision is Decision.REJECT:
                resolution.status = "rejected"
                change = self._set_status(unit, case, Status.IN_PROGRESS)
                text = Text(
                    "event.approval_rejected",
                    {"role": level.role, "name": unit.user.full_name, "reason": reason.strip()},
                )
            elif level.order >= len(approval_rules.frozen_chain(resolution.required_roles)):
                resolution.status = "approved"
                change = self._set_status(unit, case, Status.AWAITING_REPLY)
                text = Text("event.approval_final", {"role": level.role, "name": unit.user.full_name})
            else:
                change = ("status", Status.PENDING_APPROVAL.label, Status.PENDING_APPROVAL.label)
                text = Text("event.approval_next", {"role": level.role, "name": unit.user.full_name})
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action=f"approval.{decision.value}",
                case_id=case.id,
                text=text,
                changes=[change],
            )
            # issue 17 "notify": the signed step waits for nobody now; next step's signers, or whoever replies
            settle_approval_notices(unit, case)
            if resolution.status == "pending":
                notify_approval(unit, case, resolution)
            elif resolution.status == "approved":
                notify_reply_ready(unit, case)
            self._touch(unit, case)
            return self._ref(case)

    def _check_eligible_to_sign(self, actor: Actor, ref: CaseRefLike) -> None:
        """Refuse before asking for the password, so a refused signer is told why at once.

        A read unit (issue 16 part P): it writes nothing, and the signing unit checks again; as a write
        unit it took the write lock once more per signature (a third of the demo's approvals)."""
        with self._door.read(actor) as unit:
            case = self._case(unit, ref)
            self._next_level(unit, case)

    def _next_level(self, unit: Unit, case: Case) -> tuple[Resolution, approval_rules.ApprovalLevel]:
        self._require(unit, case, Action.APPROVE)
        resolution, level, refusal = next_signature(unit.session, case, unit.actor.roles, unit.user)
        if refusal:
            raise DomainError(refusal)
        assert resolution is not None and level is not None  # no refusal: both found
        return resolution, level

    # --- reply, extension, follow-up ----------------------------------------

    def record_reply(self, actor: Actor, ref: CaseRefLike, data: ReplyInput) -> CaseRef:
        data = _checked_reply(data)
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.REPLY)
            reply = self._reply(unit, case, data)
            if case.status == Status.INVALID:
                changes = [self._set_status(unit, case, Status.CLOSED)]
                case.close_kind, case.closed_at = CloseKind.INVALID.value, unit.now
                code = "event.reply_invalid"
            elif data.accepted:
                changes = [self._set_status(unit, case, Status.AWAITING_FOLLOWUP)]
                self._set_step_due(unit, case, DeadlineStep.FOLLOW_UP, reply.replied_at)
                code = "event.reply_accepted"
            else:
                changes = [self._set_status(unit, case, Status.NOT_ACCEPTED)]
                code = "event.reply_not_accepted"
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="reply",
                case_id=case.id,
                text=Text(code, {"method": unit.config.label("reply_method", data.method)}),
                changes=[*changes, _time_change("replied_at", reply.replied_at)],
            )
            self._touch(unit, case)
            return self._ref(case)

    def answer(self, actor: Actor, ref: CaseRefLike, data: ReplyInput) -> CaseRef:
        """Consultation, suggestion, praise: answer the customer and close, without investigation."""
        data = _checked_reply(data)
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ANSWER)
            reply = self._reply(unit, case, data)
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at = CloseKind.ANSWERED.value, unit.now
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="answer",
                case_id=case.id,
                text=Text("event.answered", {"kind": Kind(case.kind)}),
                changes=[change, _time_change("replied_at", reply.replied_at)],
            )
            self._touch(unit, case)
            return self._ref(case)

    def _reply(self, unit: Unit, case: Case, data: ReplyInput) -> Reply:
        if data.method not in unit.config.choices.get("reply_method", {}):
            raise FieldError({"method": Text("reply.method")})
        content = require_text(data.content, "content", Text("label.reply_content"))
        # issue 17 part F: a call made yesterday is recorded today — the time as entered, after the case
        # was received and not later than now (plus the other PCs' clock skew); deadlines count from it.
        replied_at = data.replied_at or unit.now
        _entered_time(unit, "replied_at", replied_at, case.received_at)
        reply = Reply(
            case_id=case.id,
            method=data.method,
            replied_at=replied_at,
            user_id=unit.user.id,
            content=content,
            accepted=bool(data.accepted),
        )
        unit.session.add(reply)
        case.replied_at = replied_at
        return reply

    def request_extension(self, actor: Actor, ref: CaseRefLike, data: ExtensionInput) -> CaseRef:
        checks = Checks()
        reason = checks.text(
            "reason", data.reason, TEXT_LIMITS["reason"], Text("label.extension_reason"), required=True
        )
        consent = checks.text(
            "customer_consent",
            data.customer_consent,
            TEXT_LIMITS["customer_consent"],
            Text("label.customer_consent"),
            required=True,
        )
        if not isinstance(data.new_deadline, datetime):
            checks.add("new_deadline", Text("field.required", {"field": Label("Field", "new_deadline")}))
        else:
            checks.moment("new_deadline", data.new_deadline)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.REQUEST_EXTENSION)
            if data.new_deadline <= unit.now or (case.deadline_at and data.new_deadline <= case.deadline_at):
                raise FieldError({"new_deadline": Text("extension.later")})
            pending = unit.session.scalars(
                select(Extension.id).where(Extension.case_id == case.id, Extension.status == "pending")
            ).first()
            if pending is not None:
                raise DomainError(Text("refusal.extension_pending"))
            unit.session.add(
                Extension(
                    case_id=case.id,
                    requested_by_id=unit.user.id,
                    requested_at=unit.now,
                    reason=reason,
                    customer_consent=consent,
                    old_deadline=case.deadline_at,
                    new_deadline=data.new_deadline,
                    status="pending",
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="extension.request",
                case_id=case.id,
                text=Text(
                    "event.extension_requested",
                    {"deadline": f"{data.new_deadline:%Y-%m-%d %H:%M}", "reason": reason, "consent": consent},
                ),
            )
            self._touch(unit, case)
            return self._ref(case)

    def decide_extension(self, actor: Actor, ref: CaseRefLike, approve: bool, note: str = "") -> CaseRef:
        note = optional_text(note, "note", TEXT_LIMITS["note"])
        approve = bool(approve)
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.DECIDE_EXTENSION)
            extension = unit.session.scalars(
                select(Extension).where(Extension.case_id == case.id, Extension.status == "pending")
            ).first()
            if extension is None:
                raise DomainError(Text("refusal.no_pending_extension"))
            if extension.requested_by_id == unit.user.id:
                raise DomainError(Text("extension.own_request"))
            extension.status = "approved" if approve else "rejected"
            extension.decided_by_id, extension.decided_at = unit.user.id, unit.now
            extension.decision_note = note
            changes = []
            if approve:
                case.overdue_escalated_deadline = None  # a new deadline: lateness escalates afresh
                changes = apply_changes(
                    case,
                    {
                        "deadline_at": extension.new_deadline,
                        "deadline_unconfirmed": not unit.config.calendar.is_confirmed(
                            extension.new_deadline.date()
                        ),
                    },
                )
                if case.reply_due_at is None or case.reply_due_at < extension.new_deadline:
                    case.reply_due_at = extension.new_deadline  # the customer agreed to wait for the reply
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="extension.decide",
                case_id=case.id,
                text=Text(
                    "event.extension_approved" if approve else "event.extension_rejected",
                    {"note": _note_colon(note)},
                ),
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def record_follow_up(self, actor: Actor, ref: CaseRefLike, data: FollowUpInput) -> CaseRef:
        checks = Checks()
        method = checks.text("method", data.method, TEXT_LIMITS["filter_code"])
        comments = checks.text("comments", data.comments, TEXT_LIMITS["comments"])
        checks.moment("visited_at", data.visited_at)
        if data.satisfaction is None:  # issue 17 part F: no default — the clerk asks and chooses
            checks.add("satisfaction", Text("field.required", {"field": Label("Field", "satisfaction")}))
        elif isinstance(data.satisfaction, bool) or not isinstance(data.satisfaction, int):
            checks.add("satisfaction", Text("follow_up.satisfaction"))
        checks.done()
        assert data.satisfaction is not None  # refused above
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.FOLLOW_UP)
            errors: dict[str, Text | str] = {}
            if method not in unit.config.choices.get("followup_method", {}):
                errors["method"] = Text("follow_up.method")
            if not 1 <= data.satisfaction <= 5:
                errors["satisfaction"] = Text("follow_up.satisfaction")
            # issue 17 part F: the visit's time as entered, after the reply (or receipt), not in the future
            visited_at = data.visited_at or unit.now
            try:
                _entered_time(unit, "visited_at", visited_at, case.replied_at or case.received_at)
            except FieldError as exc:
                errors.update(exc.texts)
            if errors:
                raise FieldError(errors)
            unit.session.add(
                FollowUp(
                    case_id=case.id,
                    visited_at=visited_at,
                    method=method,
                    visitor_id=unit.user.id,
                    solved=bool(data.solved),
                    satisfaction=data.satisfaction,
                    comments=comments,
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="follow_up",
                case_id=case.id,
                text=Text(
                    "event.follow_up_solved" if data.solved else "event.follow_up_unsolved",
                    {
                        "method": unit.config.label("followup_method", method),
                        "satisfaction": data.satisfaction,
                    },
                ),
                changes=[_time_change("visited_at", visited_at)],
            )
            if dissatisfied(data.satisfaction, int(unit.config.setting("dissatisfied_at_or_below"))):
                self._escalate(unit, case, EscalationReason.DISSATISFIED, None)
            self._touch(unit, case)
            return self._ref(case)

    # --- closing -------------------------------------------------------------

    def close(self, actor: Actor, ref: CaseRefLike, note: str = "") -> CaseRef:
        note = optional_text(note, "note", TEXT_LIMITS["note"])
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.CLOSE)  # refuses a dissatisfied follow-up too
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at, case.close_note = (
                CloseKind.RESOLVED.value,
                unit.now,
                note,
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="close",
                case_id=case.id,
                text=Text("event.closed", {"note": _note_colon(note)}),
                changes=[change],
            )
            self._touch(unit, case)
            return self._ref(case)

    def close_abnormally(self, actor: Actor, ref: CaseRefLike, reason: str, note: str = "") -> CaseRef:
        """Close with the GM's approval for a reason from the branch's list ``abnormal_reason``.

        ``close_note`` keeps the reason's label and the note as one sentence (the ledger's 处理结果,
        and the shape rows closed before the list have); ``abnormal_reason`` keeps the code.
        """
        checks = Checks()
        code = checks.text(
            "reason", reason, TEXT_LIMITS["filter_code"], Text("label.abnormal_reason"), required=True
        )
        note = checks.text("note", note, TEXT_LIMITS["note"])
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.CLOSE_ABNORMAL)
            if code not in unit.config.choices.get("abnormal_reason", {}):
                raise FieldError({"reason": Text("close.abnormal_reason")})
            label = unit.config.label("abnormal_reason", code)
            text = f"{label}：{note}" if note else label
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at, case.close_note = CloseKind.ABNORMAL.value, unit.now, text
            case.abnormal_reason = code
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="close_abnormal",
                case_id=case.id,
                text=Text("event.closed_abnormally", {"reason": text}),
                changes=[change],
            )
            return self._ref(case)

    def void(self, actor: Actor, ref: CaseRefLike, reason: str) -> CaseRef:
        """Void a case entered by mistake; the acting manager is the approver, the number stays used."""
        text = require_text(reason, "reason", Text("label.void_reason"), TEXT_LIMITS["reason"])
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.VOID)
            change = self._set_status(unit, case, Status.VOID)
            case.void_reason = text
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="void",
                case_id=case.id,
                text=Text(
                    "event.voided", {"name": unit.user.full_name, "reason": text, "case_no": case.case_no}
                ),
                changes=[change],
            )
            return self._ref(case)

    # --- escalation and alerts -----------------------------------------------

    def escalate(self, actor: Actor, ref: CaseRefLike, reason: str) -> CaseRef:
        text = require_text(reason, "reason", Text("label.escalation_reason"), TEXT_LIMITS["reason"])
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ESCALATE)
            self._escalate(
                unit, case, EscalationReason.MANUAL, unit.user, note=Text("event.note_colon", {"note": text})
            )
            self._touch(unit, case)
            return self._ref(case)

    def inform_gm(
        self, actor: Actor, ref: CaseRefLike, informed_at: datetime | None = None, note: str = ""
    ) -> CaseRef:
        checks = Checks()
        note = checks.text("note", note, TEXT_LIMITS["note"])
        checks.moment("informed_at", informed_at)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.INFORM_GM)
            if not case.is_major:
                raise DomainError(Text("inform_gm.not_major"))
            at = informed_at or unit.now
            if not isinstance(at, datetime) or at > unit.now:
                raise FieldError(
                    {
                        "informed_at": Text(
                            "field.date_range",
                            {
                                "field": Label("Field", "informed_at"),
                                "first": f"{case.received_at:%Y-%m-%d %H:%M}",
                                "last": f"{unit.now:%Y-%m-%d %H:%M}",
                            },
                        )
                    }
                )
            changes = apply_changes(case, {"gm_informed_at": at})
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="inform_gm",
                case_id=case.id,
                text=Text("event.gm_informed", {"at": f"{at:%Y-%m-%d %H:%M}", "note": note}),
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def sweep(self, actor: Actor | None = None) -> int:
        """Evaluate automatic escalation on every open case past its deadline and act on late steps, in
        as many bounded units as the backlog takes (``sweep_batch``); returns the escalations made.

        The app runs it as the system (``actor`` None); escalations it makes name no person.
        """
        escalated = acted = announced = 0
        while True:
            batch = self.sweep_batch(actor)
            escalated += batch.escalated
            acted += batch.steps_acted
            announced += batch.announced
            if not batch.more:
                break
        self.steps_acted, self.steps_announced = acted, announced
        return escalated

    def sweep_batch(self, actor: Actor | None = None, limit: int = SWEEP_BATCH) -> SweepBatch:
        """One write unit of the sweep (issue 16 part P): at most ``limit`` overdue cases and late steps,
        oldest first; ``more`` says whether some are left for the next unit.

        A whole backlog in one unit held the write lock for seconds (5.3 s for 18k overdue cases) while
        every clerk's save waited; a unit of ``limit`` is short, and the app runs the next one after a
        pause (``ui/main_window.MainWindow.start_sweep``). Each case or step acted on carries its marker
        (``overdue_escalated_deadline``, a ``step_alert`` row, the ask's ``escalated_at``) in the same
        unit, so the next unit skips it and nothing acts twice — also when a clerk's action between two
        units evaluated the case first. The "due soon" notifications run in the last unit only (their
        window is a few hours: few cases, never a backlog).
        """
        checks = Checks()
        checks.integer("limit", limit, 1, MAX_SWEEP_BATCH)
        checks.done()
        budget = SweepBudget(limit)
        announced = 0
        with self._door.write(actor) as unit:
            cases = unit.session.scalars(
                select(Case)
                .where(
                    open_cases(),  # the partial index over open cases: not a walk of the history
                    Case.status.in_([s.value for s in DEADLINE_STATES]),
                    Case.deadline_at < unit.now,
                    Case.overdue_escalated_deadline.is_(None),
                    settled_cases(),  # an import still being written is not there yet
                )
                .order_by(Case.id)
                .limit(limit)
            ).all()
            budget.spend(len(cases))
            escalated = 0
            for case in cases:
                marker = case.overdue_escalated_deadline
                self._evaluate(unit, case)
                escalated += int(case.overdue_escalated_deadline != marker)
            acted = act_on_overdue_steps(unit, budget) if not budget.spent else 0  # issue 12 "steps"
            more = budget.spent
            if not more:
                announced = notify_steps_due_soon(unit)  # issue 17 "notify": steps due soon
                announced += notify_next_contacts_due(unit)  # issue 14 part D: next contact due
        return SweepBatch(escalated, acted, announced, more)

    # --- first contact (issue 12, part "steps") --------------------------------

    #: How many steps the last ``sweep`` acted on (escalated, marked, notified).
    steps_acted = 0
    #: How many "step due soon" notifications the last ``sweep`` wrote (issue 17 "notify").
    steps_announced = 0

    def record_first_contact(
        self,
        actor: Actor,
        ref: CaseRefLike,
        method: str,
        note: str = "",
        contacted_at: datetime | None = None,
    ) -> CaseRef:
        """首次联系: the handler reached the customer (how, when, a note); stops the first-contact clock."""
        checks = Checks()
        method = checks.text("method", method, TEXT_LIMITS["filter_code"], Label("Field", "method"))
        note = checks.text("note", note, TEXT_LIMITS["note"])
        checks.moment("contacted_at", contacted_at)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.FIRST_CONTACT)
            if method not in unit.config.choices.get("reply_method", {}):
                raise FieldError({"method": Text("first_contact.method")})
            at = contacted_at or unit.now
            earliest = case.assigned_at or case.received_at
            if at > unit.now or at < earliest:
                raise FieldError(
                    {
                        "contacted_at": Text(
                            "first_contact.time",
                            {"first": f"{earliest:%Y-%m-%d %H:%M}", "last": f"{unit.now:%Y-%m-%d %H:%M}"},
                        )
                    }
                )
            changes = apply_changes(case, {"first_contacted_at": at})
            # issue 14 part D: the first contact is the case's first progress notice too (one list)
            unit.session.add(
                CustomerContact(
                    case_id=case.id,
                    contacted_at=at,
                    channel=method,
                    said=note,
                    next_due_at=None,
                    user_id=unit.user.id,
                    created_at=unit.now,
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="first_contact",
                case_id=case.id,
                text=Text(
                    "event.first_contact",
                    {
                        "at": f"{at:%Y-%m-%d %H:%M}",
                        "method": unit.config.label("reply_method", method),
                        "note": _note_colon(note),
                    },
                ),
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    # --- attachments ---------------------------------------------------------

    def add_attachment(
        self,
        actor: Actor,
        ref: CaseRefLike,
        filename: str,
        content: bytes,
        media_type: str = "application/octet-stream",
        note: str = "",
    ) -> int:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise FieldError({"attachment": Text("attachment.empty")})
        content = bytes(content)
        checks = Checks()
        filename = checks.text("filename", filename, 4 * TEXT_LIMITS["filename"])
        media_type = checks.text("media_type", media_type, 4 * TEXT_LIMITS["media_type"])
        note = checks.text("note", note, TEXT_LIMITS["attachment_note"], Label("Field", "attachment_note"))
        checks.done()
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise FieldError(
                {"attachment": Text("attachment.too_big", {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)})}
            )
        if not content:
            raise FieldError({"attachment": Text("attachment.empty")})
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ADD_ATTACHMENT)
            name = clean_text(filename.replace("\\", "/").rsplit("/", 1)[-1][:255]) or "附件"
            check_against_settings(unit, name, len(content))  # issue 17 part E: the branch's size and types
            attachment = Attachment(
                case_id=case.id,
                filename=name,
                media_type=clean_text(media_type[:100]) or "application/octet-stream",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                added_by_id=unit.user.id,
                added_at=unit.now,
                note=note,
            )
            unit.session.add(attachment)
            unit.session.flush()
            unit.session.add(AttachmentBlob(attachment_id=attachment.id, content=content))
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="attachment",
                case_id=case.id,
                text=Text("event.attachment_added", {"name": name, "kb": len(content) // 1024 + 1}),
            )
            return attachment.id

    def attachment_content(self, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
        with self._unit(actor) as unit:
            attachment = unit.session.get(Attachment, attachment_id) if ids_ok(attachment_id) else None
            if attachment is None:
                raise NotFound(Text("attachment.not_found"))
            self._case(unit, attachment.case_id)  # visibility
            blob = unit.session.get(AttachmentBlob, attachment_id)
            assert blob is not None
            return attachment.filename, blob.content


def _checked_reply(data: ReplyInput) -> ReplyInput:
    """A reply's texts and time within bounds (checked before the write lock)."""
    checks = Checks()
    method = checks.text("method", data.method, TEXT_LIMITS["filter_code"])
    content = checks.text(
        "content", data.content, TEXT_LIMITS["content"], Text("label.reply_content"), required=True
    )
    checks.moment("replied_at", data.replied_at)
    checks.done()
    return ReplyInput(
        method=method, content=content, accepted=bool(data.accepted), replied_at=data.replied_at
    )


# --- issue 17 part F: reply and follow-up times entered by the clerk ----------------------------


def _entered_time(unit: Unit, field: str, at: datetime, earliest: datetime) -> None:
    """Refuse at ``field`` a time before ``earliest`` or later than now plus the clock skew setting."""
    skew = int(unit.config.setting("entry_clock_skew_minutes"))
    latest = unit.now + timedelta(minutes=skew)
    # Minutes: the dialog's time has none, the registration's may (a reply in the minute it was received)
    if not isinstance(at, datetime) or not earliest.replace(second=0, microsecond=0) <= at <= latest:
        raise FieldError(
            {
                field: Text(
                    "field.date_range",
                    {
                        "field": Label("Field", field),
                        "first": f"{earliest:%Y-%m-%d %H:%M}",
                        "last": f"{unit.now:%Y-%m-%d %H:%M}",
                    },
                )
            }
        )


def _time_change(field: str, at: datetime) -> tuple[str, None, str]:
    """The entered time as a timeline change (``回访时间：— → 2026-11-29 15:00``)."""
    return (field, None, f"{at:%Y-%m-%d %H:%M}")


def _note_colon(note: str) -> Text | str:
    """A person's note after a timeline sentence ("：note"), or nothing."""
    return Text("event.note_colon", {"note": note.strip()}) if note.strip() else ""


__all__ = ["RECUSAL_MESSAGE", "CaseService"]
