"""Reading the branch configuration (the editable defaults) out of the database."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from branchdesk.domain import defaults
from branchdesk.domain.approvals import ApprovalRule, ApprovalStep
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import SlaRule
from branchdesk.domain.intake import CustomFieldDef
from branchdesk.domain.severity import MajorPolicy
from branchdesk.domain.steps import StepOutcome, StepPolicy, TrackedStep
from branchdesk.domain.vocab import DeadlineUnit, Kind, Role, Severity
from branchdesk.printing.form_spec import FormSpec
from branchdesk.storage.models import (
    ApprovalRuleRow,
    Branch,
    CalendarOverride,
    Category,
    ChoiceItem,
    CustomField,
    LabelOverride,
    Setting,
    SlaRuleRow,
    StepPolicyRow,
)


def _time(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


@dataclass(frozen=True)
class BranchConfig:
    branch_name: str
    branch_code: str
    demo: bool
    settings: dict[str, Any]
    calendar: WorkingCalendar
    sla_rules: tuple[SlaRule, ...]
    approval_rules: tuple[ApprovalRule, ...]  # issue 12 "approvals": every rule, active or not
    policy: MajorPolicy
    choices: dict[str, dict[str, str]]  # list key -> code -> label (active only)
    custom_fields: tuple[CustomFieldDef, ...]
    categories: dict[int, tuple[str, int | None]]  # id -> (code, parent id), active or not
    version: int = 0
    # --- issue 12, vocabularies ---
    #: Every item of every list, active or not (list key → code → label, in the list's order): a
    #: deactivated value still names itself on the cases that carry it; ``choices`` is what is offered.
    all_choices: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The branch's own names for fixed codes, passed to ``i18n.label``/``render`` by every renderer.
    label_overrides: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)
    category_labels: dict[int, str] = field(default_factory=dict)  # id -> label, active or not
    # --- step deadlines that act (issue 12, part "steps") ---
    step_policies: dict[TrackedStep, StepPolicy] = field(default_factory=dict)
    # --- issue 13 "forms": the printed forms as data (active ones, in the order they are offered) ---
    forms: dict[str, FormSpec] = field(default_factory=dict)

    def setting(self, key: str) -> Any:
        return self.settings[key]

    @property
    def money_ceiling_fen(self) -> int:
        """The largest amount any input takes (setting ``money_ceiling_fen``)."""
        return int(self.settings["money_ceiling_fen"])

    def label(self, list_key: str, code: str | None) -> str:
        if not code:
            return ""
        return self.all_choices.get(list_key, {}).get(code) or self.choices.get(list_key, {}).get(code, code)

    def category_labels_path(self, category_id: int | None) -> tuple[str, ...]:
        """Labels from the top of the tree down to ``category_id`` (质量类, 产品品质, 外观)."""
        path: list[str] = []
        seen: set[int] = set()
        while category_id is not None and category_id in self.categories and category_id not in seen:
            seen.add(category_id)
            path.insert(0, self.category_labels.get(category_id, self.categories[category_id][0]))
            category_id = self.categories[category_id][1]
        return tuple(path)

    def category_text(self, category_id: int | None) -> str:
        """The category as people read it: its whole path, 质量类 / 产品品质 / 外观."""
        return " / ".join(self.category_labels_path(category_id))

    def category_path(self, category_id: int | None) -> tuple[str, ...]:
        """Codes from the top of the tree down to ``category_id`` (no query: the tree is loaded)."""
        path: list[str] = []
        seen: set[int] = set()
        while category_id is not None and category_id in self.categories and category_id not in seen:
            seen.add(category_id)
            code, category_id = self.categories[category_id]
            path.insert(0, code)
        return tuple(path)


def load_settings(session: Session) -> dict[str, Any]:
    """The settings rows; a setting added after the branch was created reads as its shipped value."""
    settings = {row.key: row.value for row in session.scalars(select(Setting))}
    for key in defaults.LATER_SETTINGS:
        settings.setdefault(key, defaults.SETTINGS[key])
    return settings


def load_calendar(session: Session, settings: dict[str, Any]) -> WorkingCalendar:
    overrides: dict[date, bool] = {row.day: row.working for row in session.scalars(select(CalendarOverride))}
    return WorkingCalendar(
        overrides=overrides,
        confirmed_years=frozenset(int(y) for y in settings.get("confirmed_calendar_years", [])),
        office_opens=_time(settings.get("office_opens", "08:30")),
        office_closes=_time(settings.get("office_closes", "17:30")),
        lunch_starts=_time(settings["lunch_starts"]) if settings.get("lunch_starts") else None,
        lunch_ends=_time(settings["lunch_ends"]) if settings.get("lunch_ends") else None,
    )


def load_config(session: Session) -> BranchConfig:
    branch = session.scalars(select(Branch)).first()
    if branch is None:
        from branchdesk.errors import StorageError
        from branchdesk.i18n import Text

        raise StorageError(Text("storage.not_initialised"))
    settings = load_settings(session)
    rules = tuple(
        SlaRule(
            priority=row.priority,
            label=row.label,
            amount=row.amount,
            unit=DeadlineUnit(row.unit),
            kind=Kind(row.kind) if row.kind else None,
            category_code=row.category_code,
            min_severity=Severity(row.min_severity) if row.min_severity else None,
            major=row.major,
            severity_or_major=row.severity_or_major,
            foreign=row.foreign,
            channel=row.channel,
            customer_type=row.customer_type,
            custom_key=row.custom_key,
            custom_value=row.custom_value,
            step=row.step,
        )
        for row in session.scalars(select(SlaRuleRow))
    )
    approval_rules = load_approval_rules(session)
    choices: dict[str, dict[str, str]] = {}
    all_choices: dict[str, dict[str, str]] = {}
    for item in session.scalars(
        select(ChoiceItem).order_by(ChoiceItem.list_key, ChoiceItem.sort_order, ChoiceItem.id)
    ):
        all_choices.setdefault(item.list_key, {})[item.code] = item.label
        if item.active:
            choices.setdefault(item.list_key, {})[item.code] = item.label
    overrides = {
        (row.vocabulary, row.code): (row.label_zh, row.label_en or None)
        for row in session.scalars(select(LabelOverride))
    }
    customs = tuple(
        CustomFieldDef(row.key, row.label, row.type, tuple(row.choices or ()), row.required)
        for row in session.scalars(
            select(CustomField).where(CustomField.active).order_by(CustomField.sort_order)
        )
    )
    policy = MajorPolicy(
        min_complainants=int(settings["major_min_complainants"]),
        major_loss_fen=int(settings["major_loss_fen"]),
        moderate_loss_fen=int(settings["moderate_loss_fen"]),
        repeat_window_days=int(settings["repeat_window_days"]),
    )
    category_rows = list(session.scalars(select(Category)))
    categories = {row.id: (row.code, row.parent_id) for row in category_rows}
    return BranchConfig(
        version=branch.config_version,
        categories=categories,
        branch_name=branch.name,
        branch_code=branch.code,
        demo=branch.demo,
        settings=settings,
        calendar=load_calendar(session, settings),
        sla_rules=rules,
        approval_rules=approval_rules,
        policy=policy,
        choices=choices,
        custom_fields=customs,
        step_policies=load_step_policies(session),
        all_choices=all_choices,
        label_overrides=overrides,
        category_labels={row.id: row.label for row in category_rows},
        forms=load_forms(session),
    )


# --- issue 12 "approvals": approval rules ---------------------------------------------------


def load_approval_rules(session: Session) -> tuple[ApprovalRule, ...]:
    """Every approval rule with its steps (two queries), in deciding order."""
    rows = session.scalars(
        select(ApprovalRuleRow)
        .options(selectinload(ApprovalRuleRow.steps))
        .order_by(ApprovalRuleRow.priority, ApprovalRuleRow.id)
    ).all()
    return tuple(
        ApprovalRule(
            id=row.id,
            priority=row.priority,
            label=row.label,
            steps=tuple(ApprovalStep(Role(s.role), s.of_responsible_department) for s in row.steps),
            min_amount_fen=row.min_amount_fen,
            max_amount_fen=row.max_amount_fen,
            category_code=row.category_code,
            kind=Kind(row.kind) if row.kind else None,
            min_severity=Severity(row.min_severity) if row.min_severity else None,
            major=row.major,
            active=row.active,
        )
        for row in rows
    )


# --- step deadlines that act (issue 12, part "steps") ---
def load_step_policies(session: Session) -> dict[TrackedStep, StepPolicy]:
    """The ``step_policy`` rows; a row naming a step or outcome this program does not know is skipped."""
    policies: dict[TrackedStep, StepPolicy] = {}
    for row in session.scalars(select(StepPolicyRow)):
        try:
            step, outcome = TrackedStep(row.step), StepOutcome(row.on_overdue)
            role = Role(row.role) if row.role else None
        except ValueError:
            continue
        policies[step] = StepPolicy(step, int(row.warn_before_minutes), outcome, role, bool(row.active))
    return policies


def current_version(session: Session) -> int | None:
    """The configuration version in the database (one small query); None before initialisation."""
    return session.scalar(select(Branch.config_version))


class ConfigCache:
    """The loaded configuration, reused until the database's configuration version moves.

    One per ``BranchDesk`` (per database); safe across the app's worker threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._config: BranchConfig | None = None
        self.loads = 0  # how many times the configuration was really read (tests and benchmarks)

    def get(self, session: Session) -> BranchConfig:
        version = current_version(session)
        with self._lock:
            cached = self._config
        if cached is not None and version is not None and cached.version == version:
            return cached
        config = load_config(session)
        with self._lock:
            self._config = config
            self.loads += 1
        return config

    def version(self, session: Session) -> int | None:
        return current_version(session)


def category_path(session: Session, category_id: int | None) -> tuple[str, ...]:
    """Codes from the top of the tree down to ``category_id``."""
    path: list[str] = []
    while category_id is not None:
        category = session.get(Category, category_id)
        if category is None:
            break
        path.insert(0, category.code)
        category_id = category.parent_id
    return tuple(path)


# --- issue 13 "forms": the printed forms as data ------------------------------------------------


def load_forms(session: Session) -> dict[str, FormSpec]:
    """The active forms (``form_spec``), code -> spec, in their order."""
    from branchdesk.storage.models import FormSpecRow

    rows = session.scalars(
        select(FormSpecRow).where(FormSpecRow.active).order_by(FormSpecRow.sort_order, FormSpecRow.code)
    )
    return {row.code: FormSpec.from_dict(row.spec) for row in rows}
