"""Reading the branch configuration (the editable defaults) out of the database."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from branchdesk.domain import defaults
from branchdesk.domain.approvals import AuthorityLevel
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import SlaRule
from branchdesk.domain.intake import CustomFieldDef
from branchdesk.domain.severity import MajorPolicy
from branchdesk.domain.steps import StepOutcome, StepPolicy, TrackedStep
from branchdesk.domain.vocab import DeadlineUnit, Kind, Role, Severity
from branchdesk.storage.models import (
    AuthorityRow,
    Branch,
    CalendarOverride,
    Category,
    ChoiceItem,
    CustomField,
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
    authority: tuple[AuthorityLevel, ...]
    policy: MajorPolicy
    choices: dict[str, dict[str, str]]  # list key -> code -> label (active only)
    custom_fields: tuple[CustomFieldDef, ...]
    categories: dict[int, tuple[str, int | None]]  # id -> (code, parent id), active or not
    version: int = 0
    # --- step deadlines that act (issue 12, part "steps") ---
    step_policies: dict[TrackedStep, StepPolicy] = field(default_factory=dict)

    def setting(self, key: str) -> Any:
        return self.settings[key]

    @property
    def money_ceiling_fen(self) -> int:
        """The largest amount any input takes (setting ``money_ceiling_fen``)."""
        return int(self.settings["money_ceiling_fen"])

    def label(self, list_key: str, code: str | None) -> str:
        if not code:
            return ""
        return self.choices.get(list_key, {}).get(code, code)

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
        )
        for row in session.scalars(select(SlaRuleRow))
    )
    authority = tuple(
        AuthorityLevel(row.level_order, Role(row.role), row.max_amount_fen)
        for row in session.scalars(select(AuthorityRow).order_by(AuthorityRow.level_order))
    )
    choices: dict[str, dict[str, str]] = {}
    for item in session.scalars(
        select(ChoiceItem).where(ChoiceItem.active).order_by(ChoiceItem.list_key, ChoiceItem.sort_order)
    ):
        choices.setdefault(item.list_key, {})[item.code] = item.label
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
    categories = {row.id: (row.code, row.parent_id) for row in session.scalars(select(Category))}
    return BranchConfig(
        version=branch.config_version,
        categories=categories,
        branch_name=branch.name,
        branch_code=branch.code,
        demo=branch.demo,
        settings=settings,
        calendar=load_calendar(session, settings),
        sla_rules=rules,
        authority=authority,
        policy=policy,
        choices=choices,
        custom_fields=customs,
        step_policies=load_step_policies(session),
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


def bump_version(session: Session) -> None:
    """Mark the configuration as changed, in the writer's transaction (every PC sees it at its next unit)."""
    session.execute(update(Branch).values(config_version=Branch.config_version + 1))


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
