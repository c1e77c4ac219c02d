"""Plain data the services return and accept: no ORM objects cross the service boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from branchdesk.domain.vocab import Decision, LinkKind


@dataclass(frozen=True)
class CaseRef:
    id: int
    case_no: str
    status: str
    status_label: str
    deadline_at: datetime | None
    deadline_unconfirmed: bool = False
    is_major: bool = False
    is_repeat: bool = False
    repeat_of: tuple[str, ...] = ()
    version: int = 0  # the case's version after the action: name it in the next action


@dataclass(frozen=True)
class CaseVersion:
    """A case as the user saw it: an action names it, and is refused if someone changed the case since."""

    id: int
    version: int


#: How an action names its case: by id or number, or — from a screen — as the user saw it.
CaseRefLike = int | str | CaseVersion


# --- inputs ----------------------------------------------------------------


@dataclass
class TriageInput:
    valid: bool
    category_code: str | None = None
    severity: str | None = None
    invalid_reason: str | None = None
    declared_major: bool = False
    loss_estimate: str = ""  # yuan, as typed
    responsible_department_id: int | None = None
    handler_id: int | None = None  # given: assign in the same step
    note: str = ""


@dataclass
class InvestigationInput:
    cause: str
    details: str
    conclusion: str
    responsibility: str
    responsible_department_id: int | None = None
    responsible_person: str = ""
    corrective_action: str = ""
    preventive_action: str = ""
    track_improvement: bool = True
    shares: list[tuple[int, int]] = field(default_factory=list)  # (department id, percent)


@dataclass
class ResolutionInput:
    resolution_type: str
    amount: str = "0"  # yuan, as typed
    text: str = ""


@dataclass
class ReplyInput:
    method: str
    content: str
    accepted: bool
    replied_at: datetime | None = None


@dataclass
class FollowUpInput:
    method: str
    solved: bool
    satisfaction: int
    comments: str = ""
    visited_at: datetime | None = None


@dataclass
class ExtensionInput:
    reason: str
    customer_consent: str
    new_deadline: datetime


# --- outputs ---------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    id: int
    case_no: str
    received_at: datetime
    complainant_name: str
    phone: str  # already masked when the viewer may not see it
    kind: str
    kind_label: str
    category_label: str
    severity: str | None
    severity_label: str
    status: str
    status_label: str
    department_name: str
    handler_name: str
    deadline_at: datetime | None
    time_left_label: str
    overdue: bool
    escalation_level: int
    escalation_label: str
    is_major: bool
    is_repeat: bool
    deadline_unconfirmed: bool


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    offset: int


@dataclass
class QueueFilter:
    statuses: list[str] = field(default_factory=list)
    scope: str = "all"  # all | mine | department
    overdue: bool = False
    due_today: bool = False
    kinds: list[str] = field(default_factory=list)
    category_codes: list[str] = field(default_factory=list)  # a code matches its children too
    severities: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    received_from: date | None = None
    received_to: date | None = None
    major_only: bool = False
    search: str = ""
    include_closed: bool = True
    drafts_only: bool = False
    awaiting_my_approval: bool = False
    follow_up_due: bool = False


@dataclass(frozen=True)
class ApprovalView:
    level_order: int
    level_role_label: str
    printed_name: str
    signed_role_label: str
    decision: Decision
    meaning: str
    reason: str
    signed_at: datetime


@dataclass(frozen=True)
class ResolutionView:
    id: int
    resolution_type: str
    resolution_label: str
    amount_fen: int
    text: str
    proposer_name: str
    proposed_at: datetime
    required_role_labels: list[str]
    status: str
    approvals: list[ApprovalView]
    next_level_label: str | None


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor_name: str
    action: str
    summary: str
    changes: list[tuple[str, Any, Any]]


@dataclass(frozen=True)
class LinkView:
    case_id: int
    case_no: str
    kind: LinkKind
    kind_label: str
    direction: str  # "to" (this case points at it) | "from"
    status_label: str


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    media_type: str
    size: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class CaseDetail:
    id: int
    case_no: str
    status: str
    status_label: str
    intake: dict[str, Any]  # field -> display value
    intake_raw: dict[str, Any]  # field -> stored value (for editing a draft)
    custom: dict[str, Any]
    triage: dict[str, Any]
    recorder_name: str
    handler_id: int | None
    handler_name: str
    department_name: str
    deadline_at: datetime | None
    deadline_unconfirmed: bool
    time_left_label: str
    overdue: bool
    sla_label: str
    step_deadlines: dict[str, datetime | None]
    escalation_level: int
    escalation_label: str
    is_major: bool
    major_reasons: list[str]
    gm_informed_at: datetime | None
    is_repeat: bool
    investigation: dict[str, Any] | None
    resolutions: list[ResolutionView]
    replies: list[dict[str, Any]]
    follow_ups: list[dict[str, Any]]
    extensions: list[dict[str, Any]]
    escalations: list[dict[str, Any]]
    links: list[LinkView]
    attachments: list[AttachmentView]
    timeline: list[EventView]
    actions: dict[str, str | None]  # action -> None if allowed, else the reason (Chinese)
    close_kind: str | None
    closed_at: datetime | None
    phone_visible: bool


@dataclass(frozen=True)
class WorkCounts:
    my_cases: int
    awaiting_my_approval: int
    due_today: int
    overdue: int
    follow_ups_due: int
    drafts: int
    to_triage: int
    major_open: list[tuple[int, str, str]]  # (id, case no, complainant) for the banner


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    case_no: str
    received_at: datetime
    status_label: str
    content_excerpt: str
    order_no: str
    possible_repeat: bool


@dataclass(frozen=True)
class PersonOption:
    id: int
    name: str
    department_id: int
    department_name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Lookups:
    """Everything a form needs to offer choices, read once per screen."""

    branch_name: str
    choices: dict[str, dict[str, str]]
    categories: list[tuple[str, str, str | None]]  # (code, label, parent code)
    departments: list[tuple[int, str]]
    people: list[PersonOption]
    custom_fields: list[tuple[str, str, str, tuple[str, ...], bool]]  # key, label, type, choices, required
    reply_templates: list[tuple[str, str]]
    idle_lock_minutes: int


@dataclass(frozen=True)
class AdminSnapshot:
    """The editable configuration, as plain rows for the settings screens."""

    departments: list[tuple[int, str, str, bool]]  # id, code, name, active
    categories: list[tuple[str, str, str | None, bool]]  # code, label, parent code, active
    sla_rules: list[dict[str, Any]]
    authority: list[tuple[int, str, int | None]]  # order, role, max fen
    reply_templates: list[tuple[int, str, str]]  # id, title, body
    custom_fields: list[
        tuple[str, str, str, list[str], bool, bool]
    ]  # key, label, type, choices, required, active
    settings: dict[str, Any]
    confirmed_years: list[int]
    users: list[UserRow] = field(default_factory=list)


@dataclass(frozen=True)
class UserRow:
    """A user as the users page lists them, active or not."""

    id: int
    username: str
    full_name: str
    department_id: int
    roles: tuple[str, ...]
    active: bool
    open_cases: int  # cases this user handles that are not closed: to reassign when deactivated
