"""A whole policy as typed data: what a policy file holds, independent of the file and the database.

Codes are the program's codes (``Kind``, ``DeadlineUnit``, ``Role`` …) as plain strings: the model is
filled from a file that may be wrong, and ``validate.py`` says where; nothing here checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The file format this program writes and reads (top-level key ``format``).
FORMAT = 1


@dataclass(frozen=True)
class Header:
    """Who the policy is: a preset's name and title, or what the branch was last given (kept on import)."""

    name: str = ""
    title: str = ""
    description: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()  # what the source asks for that BranchDesk cannot express yet


@dataclass(frozen=True)
class ChoiceEntry:
    code: str
    label: str
    active: bool = True


@dataclass(frozen=True)
class NameEntry:
    """The branch's own name for a fixed code (``label_override``)."""

    vocabulary: str
    code: str
    zh: str
    en: str | None = None


@dataclass(frozen=True)
class CategoryEntry:
    code: str
    label: str
    parent: str | None = None
    active: bool = True


@dataclass(frozen=True)
class DepartmentEntry:
    code: str
    name: str
    active: bool = True


@dataclass(frozen=True)
class DeadlineRuleEntry:
    priority: int
    label: str
    amount: int
    unit: str
    step: str = "case"
    kind: str | None = None
    category: str | None = None
    min_severity: str | None = None
    major: bool | None = None
    severity_or_major: bool = False
    foreign: bool | None = None
    channel: str | None = None
    customer_type: str | None = None
    custom_field: str | None = None
    custom_value: str | None = None


@dataclass(frozen=True)
class StepPolicyEntry:
    step: str
    warn_before_minutes: int
    on_overdue: str
    role: str | None = None
    active: bool = True


@dataclass(frozen=True)
class ApprovalStepEntry:
    role: str
    own_department: bool = False


@dataclass(frozen=True)
class ApprovalRuleEntry:
    priority: int
    label: str
    steps: tuple[ApprovalStepEntry, ...]
    min_amount_fen: int | None = None
    max_amount_fen: int | None = None
    category: str | None = None
    kind: str | None = None
    min_severity: str | None = None
    major: bool | None = None
    active: bool = True


@dataclass(frozen=True)
class ReplyTemplateEntry:
    title: str
    body: str


@dataclass(frozen=True)
class CustomFieldEntry:
    key: str
    label: str
    type: str
    choices: tuple[str, ...] = ()
    required: bool = False
    active: bool = True
    personal: bool = False  # issue 15 part R: its values are personal data (anonymised with the case)


@dataclass(frozen=True)
class RetentionEntry:
    """Issue 15 part R: how long closed cases of a category (any level, children inherit; None: any)
    and kind (None: any) are kept before anonymisation; no entry: the setting ``retention_years``."""

    years: int
    category: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class FormCopyEntry:
    no: int
    destination: str
    colour: str
    shows_phone: bool = False
    internal: bool = True


@dataclass(frozen=True)
class FormEntry:
    """One form's copies (the rest of the form — sections, fields, boxes — lives in ``form_spec``, edited in
    设置 → 表单, and is not yet part of the file)."""

    form: str
    copies: tuple[FormCopyEntry, ...]
    #: The rest of the form (``FormSpec.to_dict`` without code and copies: title, paper, sections,
    #: signature blocks, overlay boxes, offered_by …); None: the shipped layout of that form.
    layout: dict[str, Any] | None = None


@dataclass(frozen=True)
class CalendarDay:
    day: str  # ISO date
    working: bool
    note: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """Only with ``--with-calendar``: the overrides and the confirmed years."""

    confirmed_years: tuple[int, ...]
    days: tuple[CalendarDay, ...]


@dataclass(frozen=True)
class Policy:
    header: Header
    settings: dict[str, Any]
    lists: dict[str, tuple[ChoiceEntry, ...]]
    names: tuple[NameEntry, ...]
    categories: tuple[CategoryEntry, ...]
    departments: tuple[DepartmentEntry, ...]
    deadline_rules: tuple[DeadlineRuleEntry, ...]
    step_policies: tuple[StepPolicyEntry, ...]
    approval_rules: tuple[ApprovalRuleEntry, ...]
    reply_templates: tuple[ReplyTemplateEntry, ...]
    custom_fields: tuple[CustomFieldEntry, ...]
    forms: tuple[FormEntry, ...]
    calendar: CalendarEntry | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # reserved; never written
    #: issue 14 part C: the reward/penalty scale; None: the file says nothing (applying leaves it alone)
    rewards: tuple[RewardScaleEntry, ...] | None = None
    retention: tuple[RetentionEntry, ...] = ()  # issue 15 part R
    #: issue 15 part M: the reports due; None: the file says nothing (applying leaves them alone)
    report_duties: tuple[ReportDutyEntry, ...] | None = None


# --- issue 14 part C: the reward/penalty scale (奖罚标准) ------------------------------------------------


@dataclass(frozen=True)
class RewardScaleEntry:
    """One line of the scale (``[[rewards]]``): amounts in fen, min = max a fixed amount; the chain's steps
    with ``own_department`` = of the subject's department."""

    code: str
    label: str
    kind: str
    min_amount_fen: int
    max_amount_fen: int
    points: int = 0
    measure: str = ""
    proposers: tuple[str, ...] = ()
    steps: tuple[ApprovalStepEntry, ...] = ()
    active: bool = True


# --- issue 15 part M: the reports the policy asks for (``[[report_duties]]``) ---------------------------


@dataclass(frozen=True)
class ReportDutyEntry:
    """One report due (``domain/report_duties.Duty``): period kind, rule (after_end | last_month) and day,
    the role that makes it, optionally of one department (its code)."""

    label: str
    kind: str
    rule: str
    day: int
    role: str
    department: str | None = None
