"""The full view of one case: a tree of frozen dataclasses with English names and typed values.

Vocabulary values are enums (rendered by the reader); values from the branch's
own lists carry code and the branch's label (``Choice``); people and
departments carry their names. ``intake_raw`` keeps the stored intake values
under their attribute names, for re-opening a draft or copying a case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.domain.approvals import ApprovalStep, chain_text, frozen_chain, next_level
from branchdesk.domain.deadlines import TimeLeft, time_left
from branchdesk.domain.intake import INTAKE_FIELDS
from branchdesk.domain.money import format_yuan
from branchdesk.domain.severity import major_reason_label
from branchdesk.domain.steps import StepState, TrackedStep, step_state
from branchdesk.domain.text import mask_phone
from branchdesk.domain.vocab import (
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
from branchdesk.i18n import Label, Text
from branchdesk.read import steps as step_sql
from branchdesk.read.capa import CapaFilter, CapaRow, list_capa  # issue 14 part B
from branchdesk.read.notes import NotesPart, notes_part  # issue 14 part D
from branchdesk.read.opinions import OpinionView, opinions_of_case  # issue 14 part A
from branchdesk.read.queue import RUNNING
from branchdesk.read.timeline import TimelineEntry, timeline
from branchdesk.read.values import (
    Choice,
    DeadlineStep,
    ExtensionStatus,
    Named,
    ResolutionStatus,
    shown_status,
    validity,
)
from branchdesk.storage.models import (
    Approval,
    Attachment,
    Case,
    CaseLink,
    Category,
    CustomField,
    Department,
    Escalation,
    Extension,
    FollowUp,
    Investigation,
    Reply,
    Resolution,
    User,
)


@dataclass(frozen=True)
class IntakeFacts:
    """What the customer told us at intake, as recorded."""

    received_at: datetime
    channel: Choice | None
    kind: Kind
    complainant_name: str
    complainant_title: Choice | None
    phone: str  # masked when the viewer may not see it
    address: str
    email: str
    company: str
    customer_type: Choice | None
    is_foreign: bool
    product: str
    order_no: str
    part_no: str
    lot_no: str
    quantity: str  # as told: a number, or words when the customer does not know yet
    defective_quantity: str
    delivery_date: date | None
    vehicle_model: str
    plate: str
    occurred_at: datetime | None
    complained_department: Named | None
    complained_person: str  # the named user, or the name as told
    content: str
    request_type: Choice | None
    request_amount_fen: int | None
    request_text: str
    complainant_count: int
    personal_injury: bool
    lawsuit_threatened: bool
    media_involved: bool
    external_body: bool
    recorder_name: str


@dataclass(frozen=True)
class TriageFacts:
    """The CR manager's triage; ``None`` on the case view until the case is triaged."""

    valid: bool | None
    invalid_reason: Choice | None
    category_path: tuple[Choice, ...]  # from the top of the tree down; () when not categorised
    severity: Severity | None
    loss_estimate_fen: int | None
    triaged_at: datetime | None

    def validity(self) -> Label | None:
        return None if self.valid is None else validity(self.valid)


@dataclass(frozen=True)
class Share:
    department: Named
    percent: int


@dataclass(frozen=True)
class InvestigationView:
    cause: str
    details: str
    responsible_department: Named | None
    responsible_person: str
    conclusion: str
    corrective_action: str
    preventive_action: str
    track_improvement: bool
    responsibility: Responsibility
    shares: list[Share]
    author_name: str
    recorded_at: datetime

    def improvement(self) -> Label:
        return Label("Improvement", "tracked" if self.track_improvement else "exempt")


@dataclass(frozen=True)
class ApprovalView:
    level_order: int
    level_role: Role
    printed_name: str
    signed_role: Role
    decision: Decision
    meaning: str  # as signed (stored with the signature, Chinese; the printed forms show it)
    reason: str
    signed_at: datetime

    def meaning_text(self) -> Text:
        """What the signature means, in the reader's language (the stored wording is its Chinese)."""
        return Text("approval.meaning", {"decision": self.decision, "role": self.level_role})


@dataclass(frozen=True)
class ResolutionView:
    id: int
    resolution_type: Choice
    amount_fen: int
    text: str
    proposer_name: str
    proposed_at: datetime
    required_roles: list[Role]  # in signing order (the roles of ``steps``)
    status: ResolutionStatus
    approvals: list[ApprovalView]
    next_level: Role | None  # the level that signs next, while pending
    #: The frozen chain (issue 12 "approvals"): each step's role and "of the responsible department";
    #: empty when the rule needed no approval. ``approval_rule``: the rule that chose it (None before 0011).
    steps: tuple[ApprovalStep, ...] = ()
    approval_rule: str | None = None

    def chain_text(self) -> Text:
        """The chain as people read it ("部门经理（责任部门） → 副总经理", "无需审批")."""
        return chain_text(self.steps)


@dataclass(frozen=True)
class ReplyView:
    replied_at: datetime
    method: Choice
    by_name: str
    content: str
    accepted: bool


@dataclass(frozen=True)
class FollowUpView:
    visited_at: datetime
    method: Choice
    visitor_name: str
    solved: bool
    satisfaction: int  # 1 (very dissatisfied) … 5
    comments: str


@dataclass(frozen=True)
class ExtensionView:
    requested_at: datetime
    requested_by_name: str
    reason: str
    customer_consent: str
    old_deadline: datetime | None
    new_deadline: datetime
    status: ExtensionStatus
    decided_by_name: str


@dataclass(frozen=True)
class EscalationView:
    at: datetime
    from_level: int
    to_level: int
    reason: EscalationReason
    by_name: str | None  # None: escalated automatically


@dataclass(frozen=True)
class LinkView:
    case_id: int
    case_no: str
    kind: LinkKind
    direction: str  # "to" (this case points at it) | "from"
    status: Status
    close_kind: CloseKind | None

    @property
    def shown_status(self) -> Status | CloseKind:
        return shown_status(self.status, self.close_kind)


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    media_type: str
    size: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class StepDeadline:
    step: DeadlineStep | TrackedStep  # TrackedStep.GM_INFORM: a major case's GM alert
    due: datetime | None
    # --- step deadlines that act (issue 12, part "steps") ---
    state: StepState = StepState.NOT_DUE
    done_at: datetime | None = None
    unconfirmed: bool = False  # its due time counts over a year whose holidays are only guessed (待确认)


@dataclass(frozen=True)
class DeadlineView:
    due: datetime | None  # the case deadline
    unconfirmed: bool  # counted over a year whose holidays are only guessed
    time_left: TimeLeft | None  # None once the deadline no longer runs
    overdue: bool
    sla_rule: str  # the branch's name of the SLA rule that set it
    steps: list[StepDeadline]


@dataclass(frozen=True)
class CustomValue:
    """One of the branch's own fields on this case (issue 12): its definition and the stored value.

    ``active`` is False for a field deactivated since: its value still shows, and it cannot be edited.
    """

    key: str
    label: str
    type: str  # text | number | date | choice
    choices: tuple[str, ...]
    required: bool
    value: Any  # as stored: text, float, ISO date text; None when empty
    active: bool


@dataclass(frozen=True)
class CaseView:
    id: int
    version: int  # what an action names (``CaseVersion``), so a change made meanwhile refuses it
    case_no: str
    status: Status
    close_kind: CloseKind | None
    closed_at: datetime | None
    intake: IntakeFacts
    intake_raw: dict[str, Any]  # attribute name -> stored value (for editing a draft)
    custom: dict[str, Any]  # custom field key -> value
    custom_fields: list[CustomValue]  # the active fields in form order, then deactivated ones with a value
    triage: TriageFacts | None
    department: Named | None  # responsible department
    handler: Named | None
    deadlines: DeadlineView
    escalation_level: int  # 0 handler … 3 GM
    is_major: bool
    major_reasons: list[Label]  # why the case is major (old rows: their Chinese sentence, as stored)
    gm_informed_at: datetime | None
    is_repeat: bool
    investigation: InvestigationView | None
    resolutions: list[ResolutionView]
    replies: list[ReplyView]
    follow_ups: list[FollowUpView]
    extensions: list[ExtensionView]
    escalations: list[EscalationView]
    links: list[LinkView]
    attachments: list[AttachmentView]
    timeline: list[TimelineEntry]
    actions: dict[str, Text | None]  # action code -> None if allowed, else why not (render it)
    phone_visible: bool
    # issue 12: why a case was closed abnormally (the branch's list) and the closing note as stored
    abnormal_reason: Choice | None = None
    close_note: str = ""
    # issue 14 part A: the departments asked for their opinion (会签), in the order asked
    opinions: list[OpinionView] = field(default_factory=list)
    # issue 14 part B: the case's corrective and preventive actions (read/capa.py)
    capa_items: tuple[CapaRow, ...] = ()
    # issue 14 part D: internal notes, progress notices, the original of a returning complaint
    # (``read/notes.notes_part``)
    notes_part: NotesPart | None = None
    # issue 15 part N: the legal hold (``case_privacy``), shown on the case; None when not held
    legal_hold: LegalHoldView | None = None

    @property
    def shown_status(self) -> Status | CloseKind:
        return shown_status(self.status, self.close_kind)

    @property
    def handler_id(self) -> int | None:
        return self.handler.id if self.handler else None

    @property
    def handler_name(self) -> str:
        return self.handler.name if self.handler else ""

    @property
    def department_name(self) -> str:
        return self.department.name if self.department else ""


#: Intake attributes a draft is re-opened with: the intake form's fields as stored (the amount is
#: re-read from fen, the contact check is no attribute) and the major-complaint flags.
RAW_FIELDS: tuple[str, ...] = (
    *(name for name in INTAKE_FIELDS if name not in ("request_amount", "contact")),
    "personal_injury",
    "lawsuit_threatened",
    "media_involved",
    "external_body",
)


class _Names:
    """Names of people and departments by id, each read once per view."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._people: dict[int, str] = {}
        self._departments: dict[int, Named | None] = {}

    def person(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        if user_id not in self._people:
            user = self._session.get(User, user_id)
            self._people[user_id] = user.full_name if user else ""
        return self._people[user_id]

    def department(self, department_id: int | None) -> Named | None:
        if department_id is None:
            return None
        if department_id not in self._departments:
            found = self._session.get(Department, department_id)
            self._departments[department_id] = Named(found.id, found.name) if found else None
        return self._departments[department_id]

    def department_name(self, department_id: int | None) -> str:
        found = self.department(department_id)
        return found.name if found else ""


def custom_values(session: Session, config: BranchConfig, stored: Mapping[str, Any]) -> list[CustomValue]:
    """Every active custom field (empty ones too: the case window edits them) and, after them, any
    deactivated field this case has a value for — looked up only then."""
    shown = [
        CustomValue(d.key, d.label, d.type, d.choices, d.required, stored.get(d.key), True)
        for d in config.custom_fields
    ]
    known = {d.key for d in config.custom_fields}
    # "_imported", "_result" …: a ledger import's bookkeeping (services/ledger_import.py), not a field
    others = [key for key in stored if key not in known and not key.startswith("_")]
    if others:
        rows = {
            row.key: row
            for row in session.scalars(select(CustomField).where(CustomField.key.in_(others)))
        }
        for key in others:
            row = rows.get(key)
            shown.append(
                CustomValue(
                    key,
                    row.label if row else key,
                    row.type if row else "text",
                    tuple(row.choices or ()) if row else (),
                    False,
                    stored[key],
                    False,
                )
            )
    return shown


def _choice(config: BranchConfig, list_key: str, code: str | None) -> Choice | None:
    return Choice(code, config.label(list_key, code)) if code else None


def _choice_of(config: BranchConfig, list_key: str, code: str) -> Choice:
    return Choice(code, config.label(list_key, code) or code)


# --- step deadlines that act (issue 12, part "steps") ---
def _steps(session: Session, config: BranchConfig, case: Case, now: datetime) -> list[StepDeadline]:
    """Each step's due time and state: done at, due, due soon, overdue (``domain/steps.step_state``)."""
    investigated = session.scalar(select(Investigation.recorded_at).where(Investigation.case_id == case.id))
    followed_up = session.scalar(
        select(FollowUp.visited_at).where(FollowUp.case_id == case.id).order_by(FollowUp.id).limit(1)
    )
    rows: list[tuple[DeadlineStep | TrackedStep, datetime | None, datetime | None]] = [
        (DeadlineStep.FIRST_CONTACT, case.first_contact_due_at, case.first_contacted_at),
        (DeadlineStep.INVESTIGATION, case.investigation_due_at, investigated),
        (DeadlineStep.REPLY, case.reply_due_at, case.replied_at),
        (DeadlineStep.FOLLOW_UP, case.follow_up_due_at, followed_up),
    ]
    if case.is_major:
        rows.append((TrackedStep.GM_INFORM, case.gm_inform_due_at, case.gm_informed_at))
    flagged = set(case.step_unconfirmed or [])
    status = Status(case.status)
    result = []
    for step, due, done_at in rows:
        tracked = TrackedStep(step.value)
        state = step_state(now, due, done_at, config.step_policies.get(tracked))
        if state not in (StepState.DONE, StepState.NOT_DUE) and not step_sql.runs_in(
            tracked, status, case.is_major
        ):
            state = StepState.SKIPPED
        result.append(StepDeadline(step, due, state, done_at, step.value in flagged))
    return result


def case_view(
    session: Session,
    config: BranchConfig,
    case: Case,
    *,
    now: datetime,
    show_phone: bool,
    actions: Mapping[str, Text | None],
) -> CaseView:
    """Everything about ``case``; the caller has checked the viewer may see it and decided the phone."""
    names = _Names(session)
    category = session.get(Category, case.category_id) if case.category_id else None
    intake = IntakeFacts(
        received_at=case.received_at,
        channel=_choice(config, "channel", case.channel),
        kind=Kind(case.kind),
        complainant_name=case.complainant_name,
        complainant_title=_choice(config, "complainant_title", case.complainant_title),
        phone=case.phone if show_phone else mask_phone(case.phone_normalized),
        address=case.address,
        email=case.email,
        company=case.company,
        customer_type=_choice(config, "customer_type", case.customer_type),
        is_foreign=case.is_foreign,
        product=case.product,
        order_no=case.order_no,
        part_no=case.part_no,
        lot_no=case.lot_no,
        quantity=case.quantity,
        defective_quantity=case.defective_quantity,
        delivery_date=case.delivery_date,
        vehicle_model=case.vehicle_model,
        plate=case.plate,
        occurred_at=case.occurred_at,
        complained_department=names.department(case.complained_department_id),
        complained_person=names.person(case.complained_user_id) or case.complained_person,
        content=case.content,
        request_type=_choice(config, "request_type", case.request_type),
        request_amount_fen=case.request_amount_fen,
        request_text=case.request_text,
        complainant_count=case.complainant_count,
        personal_injury=case.personal_injury,
        lawsuit_threatened=case.lawsuit_threatened,
        media_involved=case.media_involved,
        external_body=case.external_body,
        recorder_name=names.person(case.recorder_id),
    )
    intake_raw = {name: getattr(case, name) for name in RAW_FIELDS}
    intake_raw["request_amount"] = (
        format_yuan(case.request_amount_fen, symbol=False).replace(",", "")
        if case.request_amount_fen is not None
        else ""
    )
    triage = None
    triage_values = (
        case.valid,
        case.invalid_reason,
        category,
        case.severity,
        case.loss_estimate_fen,
        case.triaged_at,
    )
    if any(v is not None for v in triage_values):
        triage = TriageFacts(
            valid=case.valid,
            invalid_reason=_choice(config, "invalid_reason", case.invalid_reason),
            # the whole path, top level first (issue 12: up to three levels)
            category_path=tuple(
                Choice(code, label)
                for code, label in zip(
                    config.category_path(case.category_id),
                    config.category_labels_path(case.category_id),
                    strict=False,
                )
            ),
            severity=Severity(case.severity) if case.severity else None,
            loss_estimate_fen=case.loss_estimate_fen,
            triaged_at=case.triaged_at,
        )
    running = case.status in RUNNING
    left = time_left(config.calendar, now, case.deadline_at) if (case.deadline_at and running) else None
    deadlines = DeadlineView(
        due=case.deadline_at,
        unconfirmed=case.deadline_unconfirmed,
        time_left=left,
        overdue=bool(left and left.overdue),
        sla_rule=case.sla_label,
        steps=_steps(session, config, case, now),
    )

    def id_name(field: str, value: Any) -> str:
        if field == "category_id":  # the whole path (issue 12: three levels)
            return config.category_text(value) if value in config.categories else str(value)
        if "department" in field:
            return names.department_name(value) or str(value)
        return names.person(value) or str(value)

    handler_name = names.person(case.handler_id)
    return CaseView(
        id=case.id,
        version=case.version,
        case_no=case.case_no,
        status=Status(case.status),
        close_kind=CloseKind(case.close_kind) if case.close_kind else None,
        closed_at=case.closed_at,
        intake=intake,
        intake_raw=intake_raw,
        custom=dict(case.custom_values or {}),
        custom_fields=custom_values(session, config, case.custom_values or {}),
        triage=triage,
        department=names.department(case.responsible_department_id),
        handler=Named(case.handler_id, handler_name) if case.handler_id is not None else None,
        deadlines=deadlines,
        escalation_level=case.escalation_level,
        is_major=case.is_major,
        major_reasons=[major_reason_label(str(r)) for r in case.major_reasons or []],
        gm_informed_at=case.gm_informed_at,
        is_repeat=case.is_repeat,
        investigation=_investigation(session, case.id, names),
        resolutions=_resolutions(session, config, case.id, names),
        replies=[
            ReplyView(
                r.replied_at,
                _choice_of(config, "reply_method", r.method),
                names.person(r.user_id),
                r.content,
                r.accepted,
            )
            for r in session.scalars(select(Reply).where(Reply.case_id == case.id).order_by(Reply.id))
        ],
        follow_ups=[
            FollowUpView(
                f.visited_at,
                _choice_of(config, "followup_method", f.method),
                names.person(f.visitor_id),
                f.solved,
                f.satisfaction,
                f.comments,
            )
            for f in session.scalars(
                select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.id)
            )
        ],
        extensions=[
            ExtensionView(
                requested_at=e.requested_at,
                requested_by_name=names.person(e.requested_by_id),
                reason=e.reason,
                customer_consent=e.customer_consent,
                old_deadline=e.old_deadline,
                new_deadline=e.new_deadline,
                status=ExtensionStatus(e.status),
                decided_by_name=names.person(e.decided_by_id),
            )
            for e in session.scalars(
                select(Extension).where(Extension.case_id == case.id).order_by(Extension.id)
            )
        ],
        escalations=[
            EscalationView(
                e.at,
                e.from_level,
                e.to_level,
                EscalationReason(e.reason),
                names.person(e.by_id) or None,
            )
            for e in session.scalars(
                select(Escalation).where(Escalation.case_id == case.id).order_by(Escalation.id)
            )
        ],
        links=_links(session, case.id),
        attachments=[
            AttachmentView(a.id, a.filename, a.media_type, a.size, names.person(a.added_by_id), a.added_at)
            for a in session.scalars(
                select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
            )
        ],
        timeline=timeline(session, case.id, id_name),
        actions=dict(actions),
        opinions=opinions_of_case(session, config, case.id, now),  # issue 14 part A
        phone_visible=show_phone,
        abnormal_reason=_choice(config, "abnormal_reason", case.abnormal_reason),
        close_note=case.close_note or "",
        capa_items=_capa_items(session, case, now),  # issue 14 part B
        notes_part=notes_part(session, config, case.id),  # issue 14 part D
        legal_hold=legal_hold_of(session, case.id),  # issue 15 part N
    )


# --- issue 15 part N: the legal hold shown on the case ------------------------------------------


@dataclass(frozen=True)
class LegalHoldView:
    reason: str
    by: str
    at: datetime | None


def legal_hold_of(session: Session, case_id: int) -> LegalHoldView | None:
    """The case's legal hold (who set it, when, why), None when it is not held."""
    from branchdesk.storage.models import CasePrivacy

    privacy = session.get(CasePrivacy, case_id)
    if privacy is None or not privacy.legal_hold:
        return None
    by = session.get(User, privacy.hold_by_id) if privacy.hold_by_id else None
    return LegalHoldView(reason=privacy.hold_reason, by=by.full_name if by else "", at=privacy.hold_at)


def _capa_items(session: Session, case: Case, now: datetime) -> tuple[CapaRow, ...]:
    """The case's CAPA items (issue 14 part B): whoever sees the case sees its items."""
    return tuple(list_capa(session, CapaFilter(case_id=case.id), now.date(), true()))


def _investigation(session: Session, case_id: int, names: _Names) -> InvestigationView | None:
    report = session.scalars(select(Investigation).where(Investigation.case_id == case_id)).first()
    if report is None:
        return None
    shares = []
    for share in report.shares:
        department = names.department(share.department_id)
        if department is not None:
            shares.append(Share(department, share.percent))
    return InvestigationView(
        cause=report.cause,
        details=report.details,
        responsible_department=names.department(report.responsible_department_id),
        responsible_person=report.responsible_person,
        conclusion=report.conclusion,
        corrective_action=report.corrective_action,
        preventive_action=report.preventive_action,
        track_improvement=report.track_improvement,
        responsibility=Responsibility(report.responsibility),
        shares=shares,
        author_name=names.person(report.author_id),
        recorded_at=report.recorded_at,
    )


def _resolutions(session: Session, config: BranchConfig, case_id: int, names: _Names) -> list[ResolutionView]:
    result = []
    for resolution in session.scalars(
        select(Resolution).where(Resolution.case_id == case_id).order_by(Resolution.id)
    ):
        approvals = session.scalars(
            select(Approval).where(Approval.resolution_id == resolution.id).order_by(Approval.id)
        ).all()
        steps = frozen_chain(resolution.required_roles)
        status = ResolutionStatus(resolution.status)
        result.append(
            ResolutionView(
                id=resolution.id,
                resolution_type=_choice_of(config, "resolution_type", resolution.resolution_type),
                amount_fen=resolution.amount_fen,
                text=resolution.text,
                proposer_name=names.person(resolution.proposer_id),
                proposed_at=resolution.proposed_at,
                required_roles=[step.role for step in steps],
                steps=steps,
                approval_rule=resolution.approval_rule_label,
                status=status,
                approvals=[
                    ApprovalView(
                        level_order=a.level_order,
                        level_role=Role(a.level_role),
                        printed_name=a.printed_name,
                        signed_role=Role(a.signed_role),
                        decision=Decision(a.decision),
                        meaning=a.meaning,
                        reason=a.reason,
                        signed_at=a.signed_at,
                    )
                    for a in approvals
                ],
                next_level=_next_role(steps, len(approvals))
                if status is ResolutionStatus.PENDING
                else None,
            )
        )
    return result


def _links(session: Session, case_id: int) -> list[LinkView]:
    result = []
    for link in session.scalars(
        select(CaseLink).where(or_(CaseLink.from_case_id == case_id, CaseLink.to_case_id == case_id))
    ):
        other_id = link.to_case_id if link.from_case_id == case_id else link.from_case_id
        other = session.get(Case, other_id)
        if other is None:
            continue
        result.append(
            LinkView(
                case_id=other.id,
                case_no=other.case_no,
                kind=LinkKind(link.kind),
                direction="to" if link.from_case_id == case_id else "from",
                status=Status(other.status),
                close_kind=CloseKind(other.close_kind) if other.close_kind else None,
            )
        )
    return result


def _next_role(steps: tuple[ApprovalStep, ...], signed: int) -> Role | None:
    level = next_level(steps, signed)
    return level.role if level else None
