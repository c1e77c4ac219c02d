"""Plain data the services accept (inputs) and small references they return.

The read models (queue, case view, work counts) live in ``branchdesk.read``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from branchdesk.domain.money import DEFAULT_CEILING_FEN
from branchdesk.domain.vocab import Status


@dataclass(frozen=True)
class CaseRef:
    id: int
    case_no: str
    status: str
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
    satisfaction: int | None  # None: not asked yet — refused (issue 17 part F: no default)
    comments: str = ""
    visited_at: datetime | None = None


@dataclass
class ExtensionInput:
    reason: str
    customer_consent: str
    new_deadline: datetime


# --- outputs ---------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    case_no: str
    received_at: datetime
    status: Status  # rendered by the reader
    content_excerpt: str
    order_no: str
    possible_repeat: bool


# --- issue 17 part E "intake": the customer's details from their latest case, offered to the form ---


@dataclass(frozen=True)
class IncomingFile:
    """A file the clerk dropped onto the intake form, read off the GUI thread, stored on save."""

    filename: str
    content: bytes
    media_type: str = "application/octet-stream"
    # as read (the form shows it); storing computes it again from ``content``: the audit chain trusts
    # no hash it did not make
    sha256: str = ""


@dataclass(frozen=True)
class CustomerDetails:
    case_no: str  # the case they come from (the form names it when it offers them)
    complainant_name: str
    complainant_title: str  # codes of the branch's lists, as the form's combo boxes hold them
    company: str
    customer_type: str
    is_foreign: bool
    address: str
    email: str


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
    # issue 17 part E: the largest amount the core takes (setting ``money_ceiling_fen``); the amount
    # field refuses to take more as it is typed
    money_ceiling_fen: int = DEFAULT_CEILING_FEN
    attachment_max_mb: int = 20  # issue 17 part E: settings ``attachment_max_mb`` and ``attachment_types``
    attachment_types: str = ""


@dataclass(frozen=True)
class AdminSnapshot:
    """The editable configuration, as plain rows for the settings screens."""

    departments: list[tuple[int, str, str, bool]]  # id, code, name, active
    categories: list[tuple[str, str, str | None, bool]]  # code, label, parent code, active
    sla_rules: list[dict[str, Any]]
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
