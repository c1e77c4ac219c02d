"""Read-side use cases: the queue (filters, sort, search, paging in SQL), case detail, work counts."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import aliased

from branchdesk.domain.deadlines import time_left
from branchdesk.domain.escalation import level_label
from branchdesk.domain.money import format_yuan
from branchdesk.domain.text import mask_phone
from branchdesk.domain.vocab import (
    CLOSE_KIND_LABELS,
    ESCALATION_REASON_LABELS,
    LINK_LABELS,
    RESPONSIBILITY_LABELS,
    CloseKind,
    Decision,
    EscalationReason,
    Kind,
    LinkKind,
    Responsibility,
    Role,
    Severity,
    Status,
)
from branchdesk.domain.workflow import DEADLINE_STATES, allowed_actions
from branchdesk.errors import NotFound
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.cases import level_has_own_signer
from branchdesk.services.change_labels import describe_changes
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    ApprovalView,
    AttachmentView,
    CaseDetail,
    EventView,
    LinkView,
    Lookups,
    PersonOption,
    QueueFilter,
    QueuePage,
    QueueRow,
    ResolutionView,
    WorkCounts,
)
from branchdesk.services.visibility import may_see_phone, visible_cases
from branchdesk.storage.models import (
    Approval,
    Attachment,
    Case,
    CaseLink,
    Category,
    Department,
    Escalation,
    Event,
    Extension,
    FollowUp,
    Investigation,
    Reply,
    Resolution,
    User,
)

OPEN = [s.value for s in Status if s not in (Status.CLOSED, Status.VOID, Status.DRAFT)]
RUNNING = [s.value for s in DEADLINE_STATES]
Handler = aliased(User)

SORTABLE: dict[str, Any] = {
    "case_no": Case.id,
    "received_at": Case.received_at,
    "complainant_name": Case.complainant_name,
    "phone": Case.phone_normalized,
    "kind": Case.kind,
    "category": Category.label,
    "severity": Case.severity,
    "status": Case.status,
    "department": Department.name,
    "handler": Handler.full_name,
    "deadline_at": Case.deadline_at,
    "escalation_level": Case.escalation_level,
    "is_major": Case.is_major,
}


NULLABLE_SORTS = frozenset({"phone", "category", "severity", "department", "handler", "deadline_at"})


def _like(column: Any, text: str) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = column.contains(text, autoescape=True)
    return condition


class QueryService(ServiceBase):
    # --- queue ---------------------------------------------------------------

    def queue_page(
        self,
        actor: Actor,
        filters: QueueFilter,
        *,
        sort: str = "received_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
        with_total: bool = True,
    ) -> QueuePage:
        with self._db.read() as session:
            from branchdesk.services.auth import actor_of

            user = session.get(User, actor.user_id)
            if user is None:
                return QueuePage([], 0, offset)
            fresh = actor_of(user)
            config = self._door.config(session)
            now = self._clock()
            conditions = self.queue_conditions(session, fresh, filters, now)
            query = (
                select(Case, Category.label, Department.name, Handler.full_name)
                .outerjoin(Category, Category.id == Case.category_id)
                .outerjoin(Department, Department.id == Case.responsible_department_id)
                .outerjoin(Handler, Handler.id == Case.handler_id)
                .where(*conditions)
            )
            column = SORTABLE.get(sort, Case.received_at)
            order = column.desc() if descending else column.asc()
            tie = Case.id.desc() if descending else Case.id.asc()
            if sort in NULLABLE_SORTS:  # empty values last; a NOT NULL column keeps its index usable
                query = query.order_by(column.is_(None), order, tie)
            else:
                query = query.order_by(order, tie)
            rows = session.execute(query.offset(offset).limit(limit)).all()
            total = -1
            if with_total:
                total = session.scalar(select(func.count(Case.id)).where(*conditions)) or 0
            show_phone = may_see_phone(fresh)
            result = []
            for case, category_label, department_name, handler_name in rows:
                left = time_left(config.calendar, now, case.deadline_at) if case.deadline_at else None
                is_open = case.status in RUNNING
                result.append(
                    QueueRow(
                        id=case.id,
                        case_no=case.case_no,
                        received_at=case.received_at,
                        complainant_name=case.complainant_name,
                        phone=case.phone if show_phone else mask_phone(case.phone_normalized),
                        kind=case.kind,
                        kind_label=Kind(case.kind).label,
                        category_label=category_label or "",
                        severity=case.severity,
                        severity_label=Severity(case.severity).label if case.severity else "",
                        status=case.status,
                        status_label=_status_label(case),
                        department_name=department_name or "",
                        handler_name=handler_name or "",
                        deadline_at=case.deadline_at,
                        time_left_label=left.label() if (left and is_open) else "",
                        overdue=bool(left and left.overdue and is_open),
                        escalation_level=case.escalation_level,
                        escalation_label=level_label(case.escalation_level) if case.escalation_level else "",
                        is_major=case.is_major,
                        is_repeat=case.is_repeat,
                        deadline_unconfirmed=case.deadline_unconfirmed,
                    )
                )
            return QueuePage(result, total, offset)

    def queue_conditions(
        self, session: Any, actor: Actor, f: QueueFilter, now: datetime
    ) -> list[ColumnElement[bool]]:
        """SQL conditions of a queue filter, visibility included (queue, counts and exports share them)."""
        conditions: list[ColumnElement[bool]] = [visible_cases(actor)]
        if f.drafts_only:
            conditions.append(Case.status == Status.DRAFT.value)
            conditions.append(Case.recorder_id == actor.user_id)
        elif f.statuses:
            conditions.append(Case.status.in_(f.statuses))
        elif not f.include_closed:
            conditions.append(Case.status.in_(OPEN))
        else:
            conditions.append(Case.status != Status.DRAFT.value)
        if f.scope == "mine":
            conditions.append(or_(Case.handler_id == actor.user_id, Case.recorder_id == actor.user_id))
        elif f.scope == "department" and actor.department_id is not None:
            conditions.append(Case.responsible_department_id == actor.department_id)
        if f.overdue:
            conditions += [Case.status.in_(RUNNING), Case.deadline_at < now]
        if f.due_today:
            start = datetime.combine(now.date(), time.min)
            conditions += [
                Case.status.in_(RUNNING),
                Case.deadline_at >= now,
                Case.deadline_at < start + timedelta(days=1),
            ]
        if f.follow_up_due:
            conditions += [Case.status == Status.AWAITING_FOLLOWUP.value]
        if f.kinds:
            conditions.append(Case.kind.in_(f.kinds))
        if f.severities:
            conditions.append(Case.severity.in_(f.severities))
        if f.channels:
            conditions.append(Case.channel.in_(f.channels))
        if f.major_only:
            conditions.append(Case.is_major.is_(True))
        if f.category_codes:
            parent = aliased(Category)
            ids = (
                select(Category.id)
                .outerjoin(parent, parent.id == Category.parent_id)
                .where(or_(Category.code.in_(f.category_codes), parent.code.in_(f.category_codes)))
            )
            conditions.append(Case.category_id.in_(ids))
        if f.received_from:
            conditions.append(Case.received_at >= datetime.combine(f.received_from, time.min))
        if f.received_to:
            conditions.append(
                Case.received_at < datetime.combine(f.received_to + timedelta(days=1), time.min)
            )
        if f.awaiting_my_approval:
            ids_ = self._awaiting_approval_ids(session, actor)
            conditions.append(Case.id.in_(ids_ or [-1]))
        text = f.search.strip()
        if text:
            words = [w for w in text.split() if w]
            for word in words:
                digits = word.replace("-", "")
                conditions.append(
                    or_(
                        _like(Case.case_no, word),
                        _like(Case.complainant_name, word),
                        _like(Case.phone_normalized, digits) if digits.isdigit() else Case.id < 0,
                        _like(Case.content, word),
                        _like(Case.company, word),
                        _like(Case.order_no, word),
                    )
                )
        return conditions

    def _awaiting_approval_ids(self, session: Any, actor: Actor) -> list[int]:
        """Cases whose next approval level this actor may sign now (computed by the approval rules)."""
        from branchdesk.domain import approvals as rules

        if not actor.roles & {Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM}:
            return []
        pending = session.execute(
            select(Case.id, Case.complained_user_id, Case.responsible_department_id, Resolution)
            .join(Resolution, and_(Resolution.case_id == Case.id, Resolution.status == "pending"))
            .where(Case.status == Status.PENDING_APPROVAL.value, visible_cases(actor))
        ).all()
        result = []
        for case_id, complained, department_id, resolution in pending:
            signed = session.scalars(
                select(Approval.approver_id).where(Approval.resolution_id == resolution.id)
            ).all()
            if len(signed) >= len(resolution.required_roles):
                continue
            level = rules.AuthorityLevel(len(signed) + 1, Role(resolution.required_roles[len(signed)]), None)
            case = session.get(Case, case_id)
            refusal = rules.signing_refusal(
                level,
                rules.Signer(actor.user_id, actor.roles, actor.department_id),
                proposer_id=resolution.proposer_id,
                earlier_signer_ids=set(signed),
                complained_user_id=complained,
                responsible_department_id=department_id,
                amount_fen=resolution.amount_fen,
                own_level_available=level_has_own_signer(
                    session, level.role, case, excluded={resolution.proposer_id, *signed}
                ),
            )
            if refusal is None:
                result.append(case_id)
        return result

    def is_own_draft(self, actor: Actor, case_id: int) -> bool:
        """Whether the case is a draft this user recorded (it is finished in the intake form)."""
        with self._db.read() as session:
            found = session.scalar(
                select(Case.id).where(
                    Case.id == case_id, Case.status == Status.DRAFT.value, Case.recorder_id == actor.user_id
                )
            )
            return found is not None

    # --- lookups -------------------------------------------------------------

    def lookups(self, actor: Actor) -> Lookups:
        from branchdesk.services.auth import actor_of
        from branchdesk.storage.models import ReplyTemplate

        with self._db.read() as session:
            if session.get(User, actor.user_id) is None:
                raise NotFound("用户不存在")
            config = self._door.config(session)
            parent = aliased(Category)
            categories = [
                (c.code, c.label, p.code if p else None)
                for c, p in session.execute(
                    select(Category, parent)
                    .outerjoin(parent, parent.id == Category.parent_id)
                    .where(Category.active)
                    .order_by(Category.parent_id.is_not(None), Category.sort_order)
                )
            ]
            departments = [
                (d.id, d.name)
                for d in session.scalars(select(Department).where(Department.active).order_by(Department.id))
            ]
            names = dict(departments)
            people = [
                PersonOption(
                    u.id,
                    u.full_name,
                    u.department_id,
                    names.get(u.department_id, ""),
                    tuple(sorted(r.value for r in actor_of(u).roles)),
                )
                for u in session.scalars(select(User).where(User.active).order_by(User.full_name))
            ]
            templates = [
                (t.title, t.body)
                for t in session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.sort_order))
            ]
            return Lookups(
                branch_name=config.branch_name,
                choices=config.choices,
                categories=categories,
                departments=departments,
                people=people,
                custom_fields=[(f.key, f.label, f.type, f.choices, f.required) for f in config.custom_fields],
                reply_templates=templates,
                idle_lock_minutes=int(config.setting("idle_lock_minutes")),
            )

    # --- my work -------------------------------------------------------------

    def work_counts(self, actor: Actor) -> WorkCounts:
        with self._db.read() as session:
            from branchdesk.services.auth import actor_of

            user = session.get(User, actor.user_id)
            if user is None:
                return WorkCounts(0, 0, 0, 0, 0, 0, 0, [])
            fresh = actor_of(user)
            now = self._clock()

            def count(f: QueueFilter) -> int:
                return (
                    session.scalar(
                        select(func.count(Case.id)).where(*self.queue_conditions(session, fresh, f, now))
                    )
                    or 0
                )

            majors: list[tuple[int, str, str]] = []
            if fresh.roles & {Role.GM, Role.CR_MANAGER}:
                majors = [
                    (r[0], r[1], r[2])
                    for r in session.execute(
                        select(Case.id, Case.case_no, Case.complainant_name)
                        .where(Case.is_major.is_(True), Case.status.in_(OPEN))
                        .order_by(Case.received_at.desc())
                        .limit(20)
                    ).all()
                ]
            return WorkCounts(
                my_cases=count(QueueFilter(scope="mine", include_closed=False)),
                awaiting_my_approval=len(self._awaiting_approval_ids(session, fresh)),
                due_today=count(QueueFilter(due_today=True)),
                overdue=count(QueueFilter(overdue=True)),
                follow_ups_due=count(QueueFilter(follow_up_due=True)),
                drafts=count(QueueFilter(drafts_only=True)),
                to_triage=count(QueueFilter(statuses=[Status.REGISTERED.value]))
                if Role.CR_MANAGER in fresh.roles
                else 0,
                major_open=majors,
            )

    # --- detail --------------------------------------------------------------

    def case_detail(self, actor: Actor, ref: int | str) -> CaseDetail:
        """Everything about one case. Reading evaluates automatic escalation first."""
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._evaluate(unit, case)
            unit.session.flush()
            return self.detail_of(unit, case)

    def detail_of(self, unit: Unit, case: Case) -> CaseDetail:
        """Everything about ``case`` inside the caller's unit of work (detail view, printing)."""
        s = unit.session
        cfg = unit.config

        def name_of(user_id: int | None) -> str:
            if user_id is None:
                return ""
            user = s.get(User, user_id)
            return user.full_name if user else ""

        def dept(department_id: int | None) -> str:
            if department_id is None:
                return ""
            department = s.get(Department, department_id)
            return department.name if department else ""

        show_phone = may_see_phone(unit.actor)
        category = s.get(Category, case.category_id) if case.category_id else None
        parent = s.get(Category, category.parent_id) if category and category.parent_id else None
        intake = {
            "受理时间": f"{case.received_at:%Y-%m-%d %H:%M}",
            "投诉渠道": cfg.label("channel", case.channel),
            "性质": Kind(case.kind).label,
            "投诉人": f"{case.complainant_name}{cfg.label('complainant_title', case.complainant_title)}",
            "联系电话": case.phone if show_phone else mask_phone(case.phone_normalized),
            "地址": case.address,
            "电子邮件": case.email,
            "单位/客户名称": case.company,
            "客户类型": cfg.label("customer_type", case.customer_type),
            "国内/国外": "国外" if case.is_foreign else "国内",
            "产品或服务": case.product,
            "订单编号": case.order_no,
            "料号/型号": case.part_no,
            "批号": case.lot_no,
            "数量": case.quantity,
            "不良数量": case.defective_quantity,
            "交运日期": case.delivery_date.isoformat() if case.delivery_date else "",
            "车型/车牌": " ".join(x for x in (case.vehicle_model, case.plate) if x),
            "事件发生时间": f"{case.occurred_at:%Y-%m-%d %H:%M}" if case.occurred_at else "",
            "被投诉部门": dept(case.complained_department_id),
            "被投诉人": name_of(case.complained_user_id) or case.complained_person,
            "投诉内容": case.content,
            "客户要求": cfg.label("request_type", case.request_type),
            "要求金额": format_yuan(case.request_amount_fen) if case.request_amount_fen is not None else "",
            "要求说明": case.request_text,
            "投诉人数": str(case.complainant_count),
        }
        raw_fields = (
            "received_at",
            "channel",
            "kind",
            "complainant_name",
            "complainant_title",
            "phone",
            "address",
            "email",
            "company",
            "customer_type",
            "is_foreign",
            "product",
            "order_no",
            "part_no",
            "lot_no",
            "quantity",
            "defective_quantity",
            "delivery_date",
            "vehicle_model",
            "plate",
            "occurred_at",
            "complained_department_id",
            "complained_user_id",
            "complained_person",
            "content",
            "request_type",
            "request_text",
            "complainant_count",
            "personal_injury",
            "lawsuit_threatened",
            "media_involved",
            "external_body",
        )
        intake_raw = {name: getattr(case, name) for name in raw_fields}
        intake_raw["request_amount"] = (
            format_yuan(case.request_amount_fen, symbol=False).replace(",", "")
            if case.request_amount_fen is not None
            else ""
        )
        triage = {
            "有效性": "" if case.valid is None else ("有效" if case.valid else "无效"),
            "无效原因": cfg.label("invalid_reason", case.invalid_reason),
            "投诉类别": " / ".join(c.label for c in (parent, category) if c),
            "等级": Severity(case.severity).label if case.severity else "",
            "损失估计": format_yuan(case.loss_estimate_fen) if case.loss_estimate_fen is not None else "",
            "责任部门": dept(case.responsible_department_id),
            "分诊时间": f"{case.triaged_at:%Y-%m-%d %H:%M}" if case.triaged_at else "",
        }
        report = s.scalars(select(Investigation).where(Investigation.case_id == case.id)).first()
        investigation = None
        if report is not None:
            investigation = {
                "发生原因": report.cause,
                "具体经过": report.details,
                "责任部门": dept(report.responsible_department_id),
                "责任人": report.responsible_person,
                "调查结论": report.conclusion,
                "纠正措施": report.corrective_action,
                "预防措施": report.preventive_action,
                "改善追踪": "列案追踪" if report.track_improvement else "人为疏忽免列案追踪",
                "责任归属": RESPONSIBILITY_LABELS[Responsibility(report.responsibility)],
                "责任比率": [(dept(share.department_id), share.percent) for share in report.shares],
                "填写人": name_of(report.author_id),
                "填写时间": f"{report.recorded_at:%Y-%m-%d %H:%M}",
            }
        resolutions = []
        for resolution in s.scalars(
            select(Resolution).where(Resolution.case_id == case.id).order_by(Resolution.id)
        ):
            approvals = s.scalars(
                select(Approval).where(Approval.resolution_id == resolution.id).order_by(Approval.id)
            ).all()
            roles = [Role(r) for r in resolution.required_roles]
            next_label = (
                roles[len(approvals)].label
                if resolution.status == "pending" and len(approvals) < len(roles)
                else None
            )
            resolutions.append(
                ResolutionView(
                    id=resolution.id,
                    resolution_type=resolution.resolution_type,
                    resolution_label=cfg.label("resolution_type", resolution.resolution_type),
                    amount_fen=resolution.amount_fen,
                    text=resolution.text,
                    proposer_name=name_of(resolution.proposer_id),
                    proposed_at=resolution.proposed_at,
                    required_role_labels=[r.label for r in roles],
                    status=resolution.status,
                    approvals=[
                        ApprovalView(
                            level_order=a.level_order,
                            level_role_label=Role(a.level_role).label,
                            printed_name=a.printed_name,
                            signed_role_label=Role(a.signed_role).label,
                            decision=Decision(a.decision),
                            meaning=a.meaning,
                            reason=a.reason,
                            signed_at=a.signed_at,
                        )
                        for a in approvals
                    ],
                    next_level_label=next_label,
                )
            )
        replies = [
            {
                "时间": r.replied_at,
                "方式": cfg.label("reply_method", r.method),
                "答复人": name_of(r.user_id),
                "内容": r.content,
                "客户接受": r.accepted,
            }
            for r in s.scalars(select(Reply).where(Reply.case_id == case.id).order_by(Reply.id))
        ]
        follow_ups = [
            {
                "时间": f.visited_at,
                "方式": cfg.label("followup_method", f.method),
                "回访人": name_of(f.visitor_id),
                "问题解决": f.solved,
                "满意度": f.satisfaction,
                "意见": f.comments,
            }
            for f in s.scalars(select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.id))
        ]
        extensions = [
            {
                "申请时间": e.requested_at,
                "申请人": name_of(e.requested_by_id),
                "原因": e.reason,
                "客户同意": e.customer_consent,
                "原期限": e.old_deadline,
                "新期限": e.new_deadline,
                "状态": {"pending": "待审批", "approved": "已批准", "rejected": "已驳回"}[e.status],
                "审批人": name_of(e.decided_by_id),
            }
            for e in s.scalars(select(Extension).where(Extension.case_id == case.id).order_by(Extension.id))
        ]
        escalations = [
            {
                "时间": e.at,
                "从": level_label(e.from_level),
                "到": level_label(e.to_level),
                "原因": ESCALATION_REASON_LABELS[EscalationReason(e.reason)],
                "操作人": name_of(e.by_id) or "系统",
            }
            for e in s.scalars(
                select(Escalation).where(Escalation.case_id == case.id).order_by(Escalation.id)
            )
        ]
        links = []
        for link in s.scalars(
            select(CaseLink).where(or_(CaseLink.from_case_id == case.id, CaseLink.to_case_id == case.id))
        ):
            other_id = link.to_case_id if link.from_case_id == case.id else link.from_case_id
            other = s.get(Case, other_id)
            if other is None:
                continue
            links.append(
                LinkView(
                    case_id=other.id,
                    case_no=other.case_no,
                    kind=LinkKind(link.kind),
                    kind_label=LINK_LABELS[LinkKind(link.kind)],
                    direction="to" if link.from_case_id == case.id else "from",
                    status_label=_status_label(other),
                )
            )
        attachments = [
            AttachmentView(a.id, a.filename, a.media_type, a.size, name_of(a.added_by_id), a.added_at)
            for a in s.scalars(
                select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
            )
        ]

        def id_name(field: str, value: Any) -> str:
            if field == "category_id":
                found = s.get(Category, value)
                return found.label if found else str(value)
            if "department" in field:
                return dept(value) or str(value)
            return name_of(value) or str(value)

        timeline = [
            EventView(e.at, e.actor_name, e.action, e.summary, describe_changes(e.changes, id_name))
            for e in s.scalars(select(Event).where(Event.case_id == case.id).order_by(Event.id))
        ]
        left = time_left(cfg.calendar, unit.now, case.deadline_at) if case.deadline_at else None
        is_open = case.status in RUNNING
        actions = {
            a.value: r
            for a, r in allowed_actions(self._facts(unit, case), unit.actor.user_id, unit.actor.roles).items()
        }
        return CaseDetail(
            id=case.id,
            case_no=case.case_no,
            status=case.status,
            status_label=_status_label(case),
            intake=intake,
            intake_raw=intake_raw,
            custom=dict(case.custom_values or {}),
            triage=triage,
            recorder_name=name_of(case.recorder_id),
            handler_id=case.handler_id,
            handler_name=name_of(case.handler_id),
            department_name=dept(case.responsible_department_id),
            deadline_at=case.deadline_at,
            deadline_unconfirmed=case.deadline_unconfirmed,
            time_left_label=left.label() if left and is_open else "",
            overdue=bool(left and left.overdue and is_open),
            sla_label=case.sla_label,
            step_deadlines={
                "首次联系客户": case.first_contact_due_at,
                "调查报告": case.investigation_due_at,
                "回访": case.follow_up_due_at,
            },
            escalation_level=case.escalation_level,
            escalation_label=level_label(case.escalation_level),
            is_major=case.is_major,
            major_reasons=list(case.major_reasons or []),
            gm_informed_at=case.gm_informed_at,
            is_repeat=case.is_repeat,
            investigation=investigation,
            resolutions=resolutions,
            replies=replies,
            follow_ups=follow_ups,
            extensions=extensions,
            escalations=escalations,
            links=links,
            attachments=attachments,
            timeline=timeline,
            actions=actions,
            close_kind=case.close_kind,
            closed_at=case.closed_at,
            phone_visible=show_phone,
        )


def _status_label(case: Case) -> str:
    if case.status == Status.CLOSED and case.close_kind:
        return CLOSE_KIND_LABELS[CloseKind(case.close_kind)]
    return Status(case.status).label
