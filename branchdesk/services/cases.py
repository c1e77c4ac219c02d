"""Case use cases after intake: triage, assignment, investigation, resolution and approval,
reply, extension, follow-up, closing, void, escalation and attachments."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain import approvals as approval_rules
from branchdesk.domain.escalation import dissatisfied
from branchdesk.domain.money import format_yuan, parse_yuan
from branchdesk.domain.severity import effective_severity
from branchdesk.domain.vocab import (
    DECISION_LABELS,
    RESPONSIBILITY_LABELS,
    CloseKind,
    Decision,
    EscalationReason,
    Kind,
    Responsibility,
    Role,
    Severity,
    Status,
)
from branchdesk.domain.workflow import DEADLINE_STATES, RECUSAL_MESSAGE, Action
from branchdesk.errors import AuthenticationFailed, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.services.auth import AuthService
from branchdesk.services.base import ServiceBase, Unit, require_text
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    CaseRef,
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.services.timeline import apply_changes, record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.models import (
    Approval,
    Attachment,
    AttachmentBlob,
    Case,
    Category,
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


def level_has_own_signer(session: Session, role: Role, case: Case, excluded: set[int]) -> bool:
    """Whether someone holding exactly ``role`` (in the responsible department, for a department
    manager) may sign: only when nobody may does a higher role sign in their place."""
    query = (
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.active,
            UserRole.role == role.value,
            User.id.not_in(excluded | {case.complained_user_id or -1}),
        )
    )
    if role is Role.DEPT_MANAGER:
        query = query.where(User.department_id == case.responsible_department_id)
    return session.scalars(query.limit(1)).first() is not None


class CaseService(ServiceBase):
    def __init__(self, door: UnitOfWork, auth: AuthService) -> None:
        super().__init__(door)
        self._auth = auth  # the signing password is checked like a login (throttled)

    # --- triage and assignment ---------------------------------------------

    def triage(self, actor: Actor, ref: int | str, data: TriageInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.TRIAGE)
            errors: dict[str, str] = {}
            values: dict[str, object] = {"valid": data.valid}
            loss = None
            if data.loss_estimate.strip():
                try:
                    loss = parse_yuan(data.loss_estimate, "loss_estimate")
                except FieldError as exc:
                    errors.update(exc.errors)
            values["loss_estimate_fen"] = loss
            values["declared_major"] = data.declared_major
            if data.valid:
                category = None
                if data.category_code:
                    category = unit.session.scalars(
                        select(Category).where(Category.code == data.category_code, Category.active)
                    ).first()
                if category is None:
                    errors["category"] = "请选择投诉类别"
                else:
                    values["category_id"] = category.id
                try:
                    chosen = Severity(data.severity or "")
                except ValueError:
                    errors["severity"] = "请选择等级：一般、中度或重度"
                    chosen = Severity.NORMAL
                claimed = max(case.request_amount_fen or 0, loss or 0)
                values["severity"] = effective_severity(chosen, claimed, unit.config.policy).value
                values["invalid_reason"] = None
            else:
                if data.invalid_reason not in unit.config.choices.get("invalid_reason", {}):
                    errors["invalid_reason"] = "请选择无效原因"
                values["invalid_reason"] = data.invalid_reason
            if data.responsible_department_id is not None:
                if unit.session.get(Department, data.responsible_department_id) is None:
                    errors["responsible_department"] = "责任部门不存在"
                values["responsible_department_id"] = data.responsible_department_id
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
            reason_label = unit.config.label("invalid_reason", data.invalid_reason)
            summary = "分诊：有效" if data.valid else f"分诊：无效（{reason_label}）"
            if case.is_major:
                summary += "，重大投诉：" + "、".join(case.major_reasons)
            if data.note.strip():
                summary += f"。{data.note.strip()}"
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="triage",
                case_id=case.id,
                summary=summary,
                changes=changes,
            )
            if data.valid and data.handler_id is not None and Kind(case.kind) is Kind.COMPLAINT:
                self._assign(unit, case, data.handler_id, data.responsible_department_id, "")
            self._touch(unit, case)
            return self._ref(case)

    def assign(
        self, actor: Actor, ref: int | str, handler_id: int, department_id: int | None = None, note: str = ""
    ) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._assign(unit, case, handler_id, department_id, note)
            self._touch(unit, case)
            return self._ref(case)

    def _assign(self, unit: Unit, case: Case, handler_id: int, department_id: int | None, note: str) -> None:
        self._require(unit, case, Action.ASSIGN)
        handler = unit.session.get(User, handler_id)
        if handler is None or not handler.active or Role.HANDLER not in {Role(r.role) for r in handler.roles}:
            raise FieldError({"handler": "请选择一位在职的处理责任人"})
        if handler.id == case.complained_user_id:
            raise DomainError("该员工是本案被投诉人，依规定回避，不能担任处理责任人")
        department_id = department_id or case.responsible_department_id or handler.department_id
        if Role.CR_MANAGER not in unit.actor.roles and unit.actor.department_id not in (
            department_id,
            case.responsible_department_id,
        ):
            raise PermissionDenied("部门经理只能在本部门内分派案件")
        transfer = case.handler_id is not None and case.handler_id != handler.id
        changes = apply_changes(
            case,
            {"handler_id": handler.id, "responsible_department_id": department_id, "assigned_at": unit.now},
        )
        if case.status != Status.IN_PROGRESS:
            changes.append(self._set_status(unit, case, Status.IN_PROGRESS))
        case.first_contact_due_at = self._step_due(unit, unit.now, "first_contact_hours", None)
        case.investigation_due_at = self._step_due(unit, unit.now, "investigation_days", "investigation_unit")
        department = unit.session.get(Department, department_id) if department_id else None
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="transfer" if transfer else "assign",
            case_id=case.id,
            changes=changes,
            summary=f"{'转派' if transfer else '分派'}给 {handler.full_name}"
            f"（{department.name if department else ''}）{('：' + note) if note else ''}",
        )

    # --- investigation and resolution ----------------------------------------

    def record_investigation(self, actor: Actor, ref: int | str, data: InvestigationInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.RECORD_INVESTIGATION)
            errors: dict[str, str] = {}
            values: dict[str, object] = {}
            for name, label in (("cause", "发生原因"), ("details", "具体经过"), ("conclusion", "调查结论")):
                try:
                    values[name] = require_text(getattr(data, name), name, label)
                except FieldError as exc:
                    errors.update(exc.errors)
            try:
                values["responsibility"] = Responsibility(data.responsibility).value
            except ValueError:
                errors["responsibility"] = "请选择责任归属"
            shares = list(data.shares)
            if not shares and data.responsible_department_id:
                shares = [(data.responsible_department_id, 100)]
            if shares:
                if any(p <= 0 or p > 100 for _, p in shares):
                    errors["shares"] = "每个部门的责任比率须在 1%–100% 之间"
                elif sum(p for _, p in shares) != 100:
                    errors["shares"] = f"各部门责任比率合计须为 100%，现为 {sum(p for _, p in shares)}%"
                elif len({d for d, _ in shares}) != len(shares):
                    errors["shares"] = "同一部门只能列一次"
                elif any(unit.session.get(Department, d) is None for d, _ in shares):
                    errors["shares"] = "责任部门不存在"
            elif data.responsibility == Responsibility.OURS:
                errors["shares"] = "我方责任须列出责任部门及比率"
            if errors:
                raise FieldError(errors)
            values.update(
                responsible_department_id=data.responsible_department_id,
                responsible_person=data.responsible_person.strip(),
                corrective_action=data.corrective_action.strip(),
                preventive_action=data.preventive_action.strip(),
                track_improvement=data.track_improvement,
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
                summary=("填写调查报告" if first else "修改调查报告")
                + f"：责任归属 {RESPONSIBILITY_LABELS[Responsibility(data.responsibility)]}",
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def propose_resolution(self, actor: Actor, ref: int | str, data: ResolutionInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.PROPOSE)
            if (
                unit.session.scalars(select(Investigation.id).where(Investigation.case_id == case.id)).first()
                is None
            ):
                raise DomainError("请先填写调查报告，再提出处理方案")
            errors: dict[str, str] = {}
            if data.resolution_type not in unit.config.choices.get("resolution_type", {}):
                errors["resolution_type"] = "请选择处理方式"
            amount = 0
            try:
                amount = parse_yuan(data.amount or "0", "amount")
            except FieldError as exc:
                errors.update(exc.errors)
            if errors:
                raise FieldError(errors)
            levels = approval_rules.required_levels(unit.config.authority, amount, case.is_major)
            resolution = Resolution(
                case_id=case.id,
                resolution_type=data.resolution_type,
                amount_fen=amount,
                text=data.text.strip(),
                proposer_id=unit.user.id,
                proposed_at=unit.now,
                required_roles=[level.role.value for level in levels],
                status="pending",
            )
            unit.session.add(resolution)
            change = self._set_status(unit, case, Status.PENDING_APPROVAL)
            chain = " → ".join(level.role.label for level in levels)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="propose",
                case_id=case.id,
                summary=f"提出处理方案：{unit.config.label('resolution_type', data.resolution_type)} "
                f"{format_yuan(amount)}，需 {chain} 审批"
                + ("（重大投诉须总经理核决）" if case.is_major else ""),
                changes=[change],
            )
            self._touch(unit, case)
            return self._ref(case)

    def decide_approval(
        self, actor: Actor, ref: int | str, decision: Decision, password: str, reason: str = ""
    ) -> CaseRef:
        """Sign the next approval level of the pending resolution, with the signer's password."""
        if decision is Decision.REJECT and not reason.strip():
            raise FieldError({"reason": "驳回时请写明理由"})
        self._check_eligible_to_sign(actor, ref)
        try:
            self._auth.verify(actor, password)
        except AuthenticationFailed as exc:
            message = exc.message if "分钟" in exc.message else "密码错误，未签署"
            raise AuthenticationFailed(message) from exc
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            resolution, level = self._next_level(unit, case)
            signer_role = max(
                (r for r in unit.actor.roles if r in (Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM)),
                key=lambda r: [Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM].index(r),
            )
            meaning = f"{DECISION_LABELS[decision]}（{level.role.label}级核决）"
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
                summary = f"{level.role.label}级审批驳回（{unit.user.full_name}）：{reason.strip()}"
            elif level.order >= len(resolution.required_roles):
                resolution.status = "approved"
                change = self._set_status(unit, case, Status.AWAITING_REPLY)
                summary = f"{level.role.label}级审批批准（{unit.user.full_name}），方案核准，待答复客户"
            else:
                change = ("status", Status.PENDING_APPROVAL.label, Status.PENDING_APPROVAL.label)
                summary = f"{level.role.label}级审批批准（{unit.user.full_name}），转下一级"
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action=f"approval.{decision.value}",
                case_id=case.id,
                summary=summary,
                changes=[change],
            )
            self._touch(unit, case)
            return self._ref(case)

    def _check_eligible_to_sign(self, actor: Actor, ref: int | str) -> None:
        """Refuse before asking for the password, so a refused signer is told why at once."""
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._next_level(unit, case)

    def _next_level(self, unit: Unit, case: Case) -> tuple[Resolution, approval_rules.AuthorityLevel]:
        self._require(unit, case, Action.APPROVE)
        resolution = unit.session.scalars(
            select(Resolution).where(Resolution.case_id == case.id, Resolution.status == "pending")
        ).first()
        if resolution is None:
            raise DomainError("没有待审批的处理方案")
        signed = unit.session.scalars(
            select(Approval).where(Approval.resolution_id == resolution.id).order_by(Approval.level_order)
        ).all()
        level = approval_rules.next_level(resolution.required_roles, len(signed))
        if level is None:
            raise DomainError("该处理方案已完成全部审批")
        earlier = {a.approver_id for a in signed}
        refusal = approval_rules.signing_refusal(
            level,
            approval_rules.Signer(unit.user.id, unit.actor.roles, unit.user.department_id),
            proposer_id=resolution.proposer_id,
            earlier_signer_ids=earlier,
            complained_user_id=case.complained_user_id,
            responsible_department_id=case.responsible_department_id,
            amount_fen=resolution.amount_fen,
            own_level_available=level_has_own_signer(
                unit.session, level.role, case, excluded={resolution.proposer_id, *earlier}
            ),
        )
        if refusal:
            raise DomainError(refusal)
        return resolution, level

    # --- reply, extension, follow-up ----------------------------------------

    def record_reply(self, actor: Actor, ref: int | str, data: ReplyInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.REPLY)
            reply = self._reply(unit, case, data)
            if case.status == Status.INVALID:
                changes = [self._set_status(unit, case, Status.CLOSED)]
                case.close_kind, case.closed_at = CloseKind.INVALID.value, unit.now
                summary = "已答复客户（无效投诉），结案"
            elif data.accepted:
                changes = [self._set_status(unit, case, Status.AWAITING_FOLLOWUP)]
                case.follow_up_due_at = self._step_due(unit, reply.replied_at, "follow_up_hours", None)
                summary = "已答复客户，客户接受处理方案，待回访"
            else:
                changes = [self._set_status(unit, case, Status.NOT_ACCEPTED)]
                summary = "已答复客户，客户不接受：需开立转新案或由总经理非正常结案"
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="reply",
                case_id=case.id,
                summary=f"{summary}（{unit.config.label('reply_method', data.method)}）",
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def answer(self, actor: Actor, ref: int | str, data: ReplyInput) -> CaseRef:
        """Consultation, suggestion, praise: answer the customer and close, without investigation."""
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ANSWER)
            self._reply(unit, case, data)
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at = CloseKind.ANSWERED.value, unit.now
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="answer",
                case_id=case.id,
                summary=f"已答复{Kind(case.kind).label}，结案",
                changes=[change],
            )
            self._touch(unit, case)
            return self._ref(case)

    def _reply(self, unit: Unit, case: Case, data: ReplyInput) -> Reply:
        if data.method not in unit.config.choices.get("reply_method", {}):
            raise FieldError({"method": "请选择答复方式"})
        content = require_text(data.content, "content", "答复内容")
        replied_at = data.replied_at or unit.now
        if replied_at > unit.now or replied_at < case.received_at:
            raise FieldError({"replied_at": "答复时间须在受理时间之后、现在之前"})
        reply = Reply(
            case_id=case.id,
            method=data.method,
            replied_at=replied_at,
            user_id=unit.user.id,
            content=content,
            accepted=data.accepted,
        )
        unit.session.add(reply)
        case.replied_at = replied_at
        return reply

    def request_extension(self, actor: Actor, ref: int | str, data: ExtensionInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.REQUEST_EXTENSION)
            reason = require_text(data.reason, "reason", "延期原因")
            consent = require_text(
                data.customer_consent, "customer_consent", "客户同意情况（何时、如何同意）"
            )
            if case.deadline_at and data.new_deadline <= case.deadline_at:
                raise FieldError({"new_deadline": "新的期限须晚于现有期限"})
            pending = unit.session.scalars(
                select(Extension.id).where(Extension.case_id == case.id, Extension.status == "pending")
            ).first()
            if pending is not None:
                raise DomainError("已有一项延期申请待审批")
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
                summary=f"申请延期至 {data.new_deadline:%Y-%m-%d %H:%M}：{reason}（客户同意：{consent}）",
            )
            self._touch(unit, case)
            return self._ref(case)

    def decide_extension(self, actor: Actor, ref: int | str, approve: bool, note: str = "") -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.DECIDE_EXTENSION)
            extension = unit.session.scalars(
                select(Extension).where(Extension.case_id == case.id, Extension.status == "pending")
            ).first()
            if extension is None:
                raise DomainError("没有待审批的延期申请")
            if extension.requested_by_id == unit.user.id:
                raise DomainError("不能审批自己提出的延期申请")
            extension.status = "approved" if approve else "rejected"
            extension.decided_by_id, extension.decided_at = unit.user.id, unit.now
            extension.decision_note = note.strip()
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
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="extension.decide",
                case_id=case.id,
                summary=("批准" if approve else "驳回")
                + f"延期申请{('：' + note.strip()) if note.strip() else ''}",
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def record_follow_up(self, actor: Actor, ref: int | str, data: FollowUpInput) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.FOLLOW_UP)
            errors = {}
            if data.method not in unit.config.choices.get("followup_method", {}):
                errors["method"] = "请选择回访方式"
            if not 1 <= data.satisfaction <= 5:
                errors["satisfaction"] = "满意度请选择 1（非常不满意）到 5（非常满意）"
            if errors:
                raise FieldError(errors)
            unit.session.add(
                FollowUp(
                    case_id=case.id,
                    visited_at=data.visited_at or unit.now,
                    method=data.method,
                    visitor_id=unit.user.id,
                    solved=data.solved,
                    satisfaction=data.satisfaction,
                    comments=data.comments.strip(),
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="follow_up",
                case_id=case.id,
                summary=f"回访（{unit.config.label('followup_method', data.method)}）："
                f"{'问题已解决' if data.solved else '问题未解决'}，满意度 {data.satisfaction}/5",
            )
            if dissatisfied(data.satisfaction, int(unit.config.setting("dissatisfied_at_or_below"))):
                self._escalate(unit, case, EscalationReason.DISSATISFIED, None)
            self._touch(unit, case)
            return self._ref(case)

    # --- closing -------------------------------------------------------------

    def close(self, actor: Actor, ref: int | str, note: str = "") -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.CLOSE)  # refuses a dissatisfied follow-up too
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at, case.close_note = (
                CloseKind.RESOLVED.value,
                unit.now,
                note.strip(),
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="close",
                case_id=case.id,
                summary="结案" + (f"：{note.strip()}" if note.strip() else ""),
                changes=[change],
            )
            self._touch(unit, case)
            return self._ref(case)

    def close_abnormally(self, actor: Actor, ref: int | str, reason: str) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.CLOSE_ABNORMAL)
            text = require_text(reason, "reason", "非正常结案理由")
            change = self._set_status(unit, case, Status.CLOSED)
            case.close_kind, case.closed_at, case.close_note = CloseKind.ABNORMAL.value, unit.now, text
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="close_abnormal",
                case_id=case.id,
                summary=f"总经理批准非正常结案：{text}",
                changes=[change],
            )
            return self._ref(case)

    def void(self, actor: Actor, ref: int | str, reason: str) -> CaseRef:
        """Void a case entered by mistake; the acting manager is the approver, the number stays used."""
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.VOID)
            text = require_text(reason, "reason", "作废原因")
            change = self._set_status(unit, case, Status.VOID)
            case.void_reason = text
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="void",
                case_id=case.id,
                summary=f"作废（批准人：{unit.user.full_name}）：{text}；编号 {case.case_no} 保留不再使用",
                changes=[change],
            )
            return self._ref(case)

    # --- escalation and alerts -----------------------------------------------

    def escalate(self, actor: Actor, ref: int | str, reason: str) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ESCALATE)
            text = require_text(reason, "reason", "升级原因")
            self._escalate(unit, case, EscalationReason.MANUAL, unit.user, note=f"：{text}")
            self._touch(unit, case)
            return self._ref(case)

    def inform_gm(
        self, actor: Actor, ref: int | str, informed_at: datetime | None = None, note: str = ""
    ) -> CaseRef:
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.INFORM_GM)
            if not case.is_major:
                raise DomainError("只有重大投诉需要登记报告总经理")
            at = informed_at or unit.now
            changes = apply_changes(case, {"gm_informed_at": at})
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="inform_gm",
                case_id=case.id,
                summary=f"已报告总经理（{at:%Y-%m-%d %H:%M}）{note}",
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    def sweep(self, actor: Actor | None = None) -> int:
        """Evaluate automatic escalation on every open case past its deadline; returns escalations made.

        The app runs it as the system (``actor`` None); escalations it makes name no person.
        """
        count = 0
        with self._door.write(actor) as unit:
            cases = unit.session.scalars(
                select(Case).where(
                    Case.status.in_([s.value for s in DEADLINE_STATES]),
                    Case.deadline_at < unit.now,
                    Case.overdue_escalated_deadline.is_(None),
                )
            ).all()
            for case in cases:
                marker = case.overdue_escalated_deadline
                self._evaluate(unit, case)
                count += int(case.overdue_escalated_deadline != marker)
        return count

    # --- attachments ---------------------------------------------------------

    def add_attachment(
        self,
        actor: Actor,
        ref: int | str,
        filename: str,
        content: bytes,
        media_type: str = "application/octet-stream",
        note: str = "",
    ) -> int:
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise FieldError({"attachment": f"附件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"})
        if not content:
            raise FieldError({"attachment": "附件是空文件"})
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ADD_ATTACHMENT)
            name = filename.replace("\\", "/").rsplit("/", 1)[-1][:255] or "附件"
            attachment = Attachment(
                case_id=case.id,
                filename=name,
                media_type=media_type[:100],
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                added_by_id=unit.user.id,
                added_at=unit.now,
                note=note[:200],
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
                summary=f"添加附件：{name}（{len(content) // 1024 + 1} KB）",
            )
            return attachment.id

    def attachment_content(self, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
        with self._unit(actor) as unit:
            attachment = unit.session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFound("附件不存在")
            self._case(unit, attachment.case_id)  # visibility
            blob = unit.session.get(AttachmentBlob, attachment_id)
            assert blob is not None
            return attachment.filename, blob.content


__all__ = ["RECUSAL_MESSAGE", "CaseService"]
