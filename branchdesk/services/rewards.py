"""Rewards and penalties (奖罚, issue 14 part C): the scale (admin), proposing on a case, signing the
frozen chain, the case's records (masked where the reader may not see details) and a person's history.

Every write goes through the one door; a proposal names the case version the user saw, a signature
names the record's version (its own ``version`` column), a scale edit the line's version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from branchdesk.domain import rewards as rules
from branchdesk.domain.approvals import (
    ApprovalLevel,
    Signer,
    chain_to_json,
    frozen_chain,
    may_stand_in,
    next_level,
    on_ladder,
    signed_as,
    step_text,
)
from branchdesk.domain.bounds import INT_MAX, Checks, ids_ok
from branchdesk.domain.notifications import NotificationKind
from branchdesk.domain.vocab import Decision, Role
from branchdesk.domain.workflow import Action
from branchdesk.errors import (
    AuthenticationFailed,
    ConcurrentChange,
    DomainError,
    FieldError,
    NotFound,
    PermissionDenied,
)
from branchdesk.i18n import Label, Text
from branchdesk.read.rewards import RewardRecordView, record_views, scale_item, scale_items
from branchdesk.services.auth import LOCKED_CODE, AuthService
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseVersion
from branchdesk.services.timeline import apply_changes, record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.models import (
    Case,
    Department,
    RewardPenalty,
    RewardScaleRow,
    RewardSignature,
    User,
    UserRole,
)


@dataclass(frozen=True)
class RewardProposal:
    """What the proposer enters: a scale line, exactly one subject, the amount (fen) and the reason."""

    scale_code: str
    amount_fen: int
    reason: str
    subject_user_id: int | None = None
    subject_department_id: int | None = None


def _subject_managers(session: Session, record: RewardPenalty) -> set[int]:
    """The managers of a subject department (a department's record): persons concerned too."""
    if record.subject_user_id is not None:
        return set()
    return set(
        session.scalars(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(User.department_id == record.department_id, UserRole.role == Role.DEPT_MANAGER.value)
        )
    )


def _own_level_signer(
    session: Session, level: ApprovalLevel, record: RewardPenalty, excluded: set[int]
) -> bool:
    """Whether someone of exactly the step's role (of the subject's department when the step says so),
    not excluded, may sign: only when nobody may does a higher role stand in."""
    if not on_ladder(level.role):
        return True
    query = (
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.active, UserRole.role == level.role.value, User.id.not_in(excluded or {-1}))
    )
    if level.of_responsible_department:
        query = query.where(User.department_id == record.department_id)
    return session.scalars(query.limit(1)).first() is not None


def signing_state(
    session: Session, record: RewardPenalty, user: User, roles: frozenset[Role]
) -> tuple[ApprovalLevel | None, Text | None]:
    """The step the record waits for and why ``user`` may not sign it (None: may). One place for
    signing and for the screens' button."""
    if record.status != rules.RewardStatus.PENDING.value:
        return None, Text("rewards.not_pending")
    signed = list(
        session.scalars(select(RewardSignature.signer_id).where(RewardSignature.record_id == record.id))
    )
    level = next_level(frozen_chain(record.chain), len(signed))
    if level is None:
        return None, Text("rewards.not_pending")
    managers = _subject_managers(session, record)
    excluded = {record.proposer_id, *signed, *managers}
    if record.subject_user_id is not None:
        excluded.add(record.subject_user_id)
    refusal = rules.sign_refusal(
        level,
        Signer(user.id, roles, user.department_id),
        proposer_id=record.proposer_id,
        earlier_signer_ids=set(signed),
        subject_user_id=record.subject_user_id,
        subject_manager_ids=managers,
        department_id=record.department_id,
        amount_fen=record.amount_fen,
        own_level_available=may_stand_in(level, roles)
        and _own_level_signer(session, level, record, excluded),
    )
    return level, refusal


def notify_next_signers(unit: Unit, case: Case, entry: RewardPenalty) -> None:
    """Everyone who may give the record's next signature is told (``services/notifications.py``'s way:
    in the unit of the event, never the person acting). Nothing when the record is decided."""
    from branchdesk.services.notifications import _add, _people

    unit.session.flush()
    signed = set(
        unit.session.scalars(select(RewardSignature.signer_id).where(RewardSignature.record_id == entry.id))
    )
    level = next_level(frozen_chain(entry.chain), len(signed))
    if entry.status != rules.RewardStatus.PENDING.value or level is None:
        return
    managers = _subject_managers(unit.session, entry)
    excluded = {
        entry.proposer_id,
        *signed,
        *managers,
        *([entry.subject_user_id] if entry.subject_user_id else []),
    }
    own_available = _own_level_signer(unit.session, level, entry, excluded)
    recipients = [
        p.user_id
        for p in _people(unit, [r for r in Role if may_stand_in(level, {r})])
        if rules.sign_refusal(
            level,
            Signer(p.user_id, p.roles, p.department_id),
            proposer_id=entry.proposer_id,
            earlier_signer_ids=signed,
            subject_user_id=entry.subject_user_id,
            subject_manager_ids=managers,
            department_id=entry.department_id,
            amount_fen=entry.amount_fen,
            own_level_available=may_stand_in(level, p.roles) and own_available,
        )
        is None
    ]
    params = {"case_no": case.case_no, "no": entry.id, "step": step_text(level.step)}
    _add(unit, recipients, NotificationKind.REWARD, case, params)


class RewardService(ServiceBase):
    def __init__(self, door: UnitOfWork, auth: AuthService) -> None:
        super().__init__(door)
        self._auth = auth  # a signature asks for the signer's password, like a resolution's

    # --- the scale (administrator) ---------------------------------------------------------

    def scale(self, actor: Actor) -> list[rules.ScaleItem]:
        """Every line of the scale (proposers choose among the active ones)."""
        with self._door.read(actor) as unit:
            return scale_items(unit.session)

    def save_scale_item(
        self,
        actor: Actor,
        item: rules.ScaleItem,
        *,
        seen: int | None = None,
    ) -> rules.ScaleItem:
        """Create a line (``item.version`` 0) or change the line as read (its version): a line changed
        since is refused naming it. Admin only; a configuration change."""
        checks = Checks()
        if not isinstance(item, rules.ScaleItem):
            raise FieldError({"code": Text("field.format", {"field": Label("Field", "scale_code")})})
        code = checks.text(
            "code", item.code, rules.LIMITS["code"], Label("Field", "scale_code"), required=True
        )
        label = checks.text(
            "label", item.label, rules.LIMITS["label"], Label("Field", "label"), required=True
        )
        measure = checks.text("measure", item.measure, rules.LIMITS["measure"], Label("Field", "measure"))
        for name in ("min_amount_fen", "max_amount_fen"):
            checks.integer(name, getattr(item, name), 0, INT_MAX, Label("Field", name))
        checks.integer("points", item.points, -rules.MAX_POINTS, rules.MAX_POINTS, Label("Field", "points"))
        checks.integer("version", item.version, 0, INT_MAX)
        if not isinstance(item.kind, rules.RewardKind):
            checks.add("kind", Text("field.format", {"field": Label("Field", "kind")}))
        if not isinstance(item.active, bool):
            checks.add("active", Text("admin.setting_type"))
        checks.done()
        with self._door.write(actor) as unit:
            unit.mark_config_changed(seen)
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("admin.only_admin"))
            cleaned = rules.ScaleItem(
                code=code,
                label=label,
                kind=item.kind,
                min_amount_fen=item.min_amount_fen,
                max_amount_fen=item.max_amount_fen,
                points=item.points,
                measure=measure,
                proposer_roles=tuple(item.proposer_roles),
                chain=tuple(item.chain),
                active=item.active,
                version=item.version,
            )
            problems = rules.scale_problems(cleaned, unit.config.money_ceiling_fen)
            if problems:
                raise FieldError(dict(problems))
            row = unit.session.scalars(select(RewardScaleRow).where(RewardScaleRow.code == code)).first()
            if row is None and item.version:
                raise ConcurrentChange(Text("rewards.scale_changed", {"code": code}))
            if row is not None and row.version != item.version:
                raise ConcurrentChange(Text("rewards.scale_changed", {"code": code}))
            if row is None:
                last = unit.session.scalars(
                    select(RewardScaleRow.sort_order).order_by(RewardScaleRow.sort_order.desc()).limit(1)
                ).first()
                row = RewardScaleRow(
                    code=code, sort_order=(last or 0) + 1, label="", kind="", proposer_roles=[], chain=[]
                )
                unit.session.add(row)
            changes = apply_changes(
                row,
                {
                    "label": label,
                    "kind": cleaned.kind.value,
                    "min_amount_fen": cleaned.min_amount_fen,
                    "max_amount_fen": cleaned.max_amount_fen,
                    "points": cleaned.points,
                    "measure": measure,
                    "proposer_roles": [r.value for r in cleaned.proposer_roles],
                    "chain": chain_to_json(cleaned.chain),
                    "active": cleaned.active,
                },
            )
            if changes:
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="admin.reward_scale",
                    text=Text("event.admin_reward_scale", {"code": code}),
                    changes=changes,
                )
            unit.session.flush()
            return scale_item(row)

    # --- records on a case -----------------------------------------------------------------

    def propose(self, actor: Actor, seen: CaseVersion, data: RewardProposal) -> tuple[CaseRef, int]:
        """Propose a reward or penalty on the case as the user saw it; returns the case and the record id."""
        checks = Checks()
        if not isinstance(data, RewardProposal):
            raise FieldError({"scale_code": Text("field.format", {"field": Label("Field", "scale_code")})})
        code = checks.text(
            "scale_code", data.scale_code, rules.LIMITS["code"], Label("Field", "scale_code"), required=True
        )
        amount = checks.integer("amount_fen", data.amount_fen, 0, INT_MAX, Label("Field", "amount_fen"))
        reason = checks.text(
            "reason", data.reason, rules.LIMITS["reason"], Label("Field", "reason"), required=True
        )
        user_id, department_id = data.subject_user_id, data.subject_department_id
        if (user_id is None) == (department_id is None):
            checks.add("subject_user_id", Text("rewards.subject"))
        elif not ids_ok(user_id if user_id is not None else department_id):
            checks.add(
                "subject_user_id" if user_id is not None else "subject_department_id",
                Text("rewards.subject_not_found"),
            )
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, seen)
            self._require(unit, case, Action.PROPOSE_REWARD)
            row = unit.session.scalars(select(RewardScaleRow).where(RewardScaleRow.code == code)).first()
            if row is None:
                raise FieldError({"scale_code": Text("rewards.scale_not_found", {"code": code})})
            item = scale_item(row)
            refusal = rules.proposal_refusal(item, unit.actor.roles)
            if refusal is not None:
                raise PermissionDenied(refusal)
            wrong = rules.amount_refusal(item, amount)
            if wrong is not None:
                raise FieldError({"amount_fen": wrong})
            if user_id is not None:
                subject = unit.session.get(User, user_id)
                if subject is None or not subject.active:
                    raise FieldError({"subject_user_id": Text("rewards.subject_not_found")})
                record_department, subject_name = subject.department_id, subject.full_name
            else:
                department = unit.session.get(Department, department_id)
                if department is None or not department.active:
                    raise FieldError({"subject_department_id": Text("rewards.subject_not_found")})
                record_department, subject_name = department.id, department.name
            entry = RewardPenalty(
                case_id=case.id,
                scale_code=item.code,
                scale_label=item.label,
                kind=item.kind.value,
                subject_user_id=user_id,
                department_id=record_department,
                amount_fen=amount,
                points=item.points,
                measure=item.measure,
                reason=reason,
                proposer_id=unit.user.id,
                proposed_at=unit.now,
                status=rules.RewardStatus.PENDING.value,
                chain=chain_to_json(item.chain),
            )
            if not item.chain:  # a line without approval steps stands as proposed
                entry.status, entry.decided_at = rules.RewardStatus.APPROVED.value, unit.now
            unit.session.add(entry)
            unit.session.flush()
            # The timeline (any case role reads it) names the subject and the line, never the amount.
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="rewards.propose",
                case_id=case.id,
                text=Text(
                    "event.reward_proposed", {"kind": item.kind, "subject": subject_name, "label": item.label}
                ),
            )
            notify_next_signers(unit, case, entry)
            self._touch(unit, case)
            return self._ref(case), entry.id

    def decide(
        self,
        actor: Actor,
        record_id: int,
        seen_version: int,
        decision: Decision,
        password: str,
        reason: str = "",
    ) -> RewardRecordView:
        """Sign the next step of a pending record (the signer's password, like a resolution's)."""
        checks = Checks()
        reason = checks.text("reason", reason, rules.LIMITS["reason"], Label("Field", "reason"))
        if not ids_ok(record_id):
            checks.add("record_id", Text("rewards.record_not_found"))
        checks.integer("version", seen_version, 0, INT_MAX)
        if not isinstance(decision, Decision):
            checks.add("decision", Text("field.format", {"field": Label("Field", "decision")}))
        checks.done()
        if decision is Decision.REJECT and not reason:
            raise FieldError({"reason": Text("approval.reason_required")})
        if not isinstance(password, str) or len(password) > 200:
            raise AuthenticationFailed(Text("approval.wrong_password"))
        with self._unit(actor) as unit:  # refused before the password is asked: the signer learns why at once
            self._signable(unit, record_id, seen_version)
        try:
            self._auth.verify(actor, password)
        except AuthenticationFailed as exc:
            locked = exc.text.code == LOCKED_CODE
            raise AuthenticationFailed(exc.text if locked else Text("approval.wrong_password")) from exc
        with self._unit(actor) as unit:
            entry, level = self._signable(unit, record_id, seen_version)
            case = self._case(unit, entry.case_id)
            unit.session.add(
                RewardSignature(
                    record_id=entry.id,
                    level_order=level.order,
                    level_role=level.role.value,
                    signer_id=unit.user.id,
                    printed_name=unit.user.full_name,
                    signed_role=signed_as(level, unit.actor.roles).value,
                    decision=decision.value,
                    reason=reason,
                    signed_at=unit.now,
                )
            )
            params = {"name": unit.user.full_name, "role": level.role, "no": entry.id}
            old_status = entry.status
            if decision is Decision.REJECT:
                entry.status, entry.decided_at = rules.RewardStatus.REJECTED.value, unit.now
                text = Text("event.reward_rejected", {**params, "reason": reason})
            elif level.order >= len(frozen_chain(entry.chain)):
                entry.status, entry.decided_at = rules.RewardStatus.APPROVED.value, unit.now
                text = Text("event.reward_approved", params)
            else:
                text = Text("event.reward_signed", params)
            flag_modified(entry, "status")  # every signature moves the record's version
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action=f"rewards.{decision.value}",
                case_id=case.id,
                text=text,
                changes=[("reward_status", old_status, entry.status)],
            )
            notify_next_signers(unit, case, entry)
            self._touch(unit, case)
            unit.session.flush()
            return self._views(unit, [entry])[0]

    def _signable(self, unit: Unit, record_id: int, seen_version: int) -> tuple[RewardPenalty, ApprovalLevel]:
        entry = self._record(unit, record_id)
        if entry.version != seen_version:
            last = unit.session.scalars(
                select(RewardSignature)
                .where(RewardSignature.record_id == entry.id)
                .order_by(RewardSignature.id.desc())
            ).first()
            who, when = (last.printed_name, last.signed_at) if last else ("", entry.proposed_at)
            raise ConcurrentChange(
                Text("rewards.record_changed", {"who": who, "when": when.strftime("%m-%d %H:%M")})
            )
        level, refusal = signing_state(unit.session, entry, unit.user, unit.actor.roles)
        if refusal is not None:
            raise DomainError(refusal)
        assert level is not None
        return entry, level

    def _record(self, unit: Unit, record_id: int) -> RewardPenalty:
        """The record, on a case the actor may see (else: not found)."""
        entry = unit.session.get(RewardPenalty, record_id) if ids_ok(record_id) else None
        if entry is None:
            raise NotFound(Text("rewards.record_not_found"))
        try:
            self._case(unit, entry.case_id)
        except NotFound as exc:
            raise NotFound(Text("rewards.record_not_found")) from exc
        return entry

    @staticmethod
    def _views(unit: Unit, records: Sequence[RewardPenalty]) -> list[RewardRecordView]:
        return record_views(
            unit.session,
            records,
            viewer_id=unit.user.id,
            roles=unit.actor.roles,
            viewer_department_id=unit.user.department_id,
        )

    def for_case(self, actor: Actor, case_id: int) -> list[RewardRecordView]:
        """The case's records, oldest first; amounts and reasons masked where the reader may not see them."""
        with self._door.read(actor) as unit:
            case = self._case(unit, case_id)
            rows = unit.session.scalars(
                select(RewardPenalty).where(RewardPenalty.case_id == case.id).order_by(RewardPenalty.id)
            ).all()
            return self._views(unit, rows)

    def get(self, actor: Actor, record_id: int) -> RewardRecordView:
        with self._door.read(actor) as unit:
            return self._views(unit, [self._record(unit, record_id)])[0]

    def may_sign(self, actor: Actor, record_id: int) -> Text | None:
        """Why the actor may not sign the record now (None: the 审批 button is enabled)."""
        with self._door.read(actor) as unit:
            entry = self._record(unit, record_id)
            return signing_state(unit.session, entry, unit.user, unit.actor.roles)[1]

    def history(
        self, actor: Actor, *, user_id: int | None = None, department_id: int | None = None
    ) -> list[RewardRecordView]:
        """Every record of one employee, or of one department (its own records and its employees'),
        newest first. Managers only (``rewards.may_read_history``); nothing is masked for them."""
        if (user_id is None) == (department_id is None) or not ids_ok(user_id or department_id):
            raise FieldError({"subject_user_id": Text("rewards.subject")})
        with self._door.read(actor) as unit:
            if user_id is not None:
                subject = unit.session.get(User, user_id)
                if subject is None:
                    raise FieldError({"subject_user_id": Text("rewards.subject_not_found")})
                dept = subject.department_id
                condition = RewardPenalty.subject_user_id == user_id
            else:
                if unit.session.get(Department, department_id) is None:
                    raise FieldError({"subject_department_id": Text("rewards.subject_not_found")})
                dept = int(department_id or 0)
                condition = RewardPenalty.department_id == dept
            if not rules.may_read_history(unit.actor.roles, unit.user.department_id, dept):
                raise PermissionDenied(Text("rewards.history_denied"))
            rows = unit.session.scalars(
                select(RewardPenalty).where(condition).order_by(RewardPenalty.id.desc())
            ).all()
            return self._views(unit, rows)


__all__ = ["RewardProposal", "RewardService", "signing_state"]
