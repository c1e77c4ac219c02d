"""The deadline policy (处理时效规则): rules for the case and each step, business hours, and 试算.

Admin only. The rules themselves live in ``domain/deadlines.py``; ``trial`` calls the very
``deadlines.schedule`` the case services' ``_refresh_deadline``/``_step_due`` are made of, so
what the panel shows is what a registered case with the same facts gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select

from branchdesk.config import BranchConfig
from branchdesk.domain.bounds import TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.deadlines import (
    CASE_STEP,
    RULE_STEPS,
    STEPS_NEEDING_CATCH_ALL,
    RuleDue,
    SlaFacts,
    schedule,
)
from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Role, Severity
from branchdesk.errors import DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.read.deadline_rules import DeadlineRuleRow, TrialDue, TrialResult
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import Setting, SlaRuleRow

__all__ = ["DeadlinePolicyService", "RuleInput", "TrialInput"]

_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d", re.ASCII)
#: How many custom values a trial takes (a branch has a handful of custom fields).
_MAX_CUSTOM = 50


@dataclass(frozen=True)
class RuleInput:
    """A rule as the admin typed it; ``None`` in a condition means "any"."""

    priority: int
    label: str
    amount: int
    unit: str  # a DeadlineUnit value
    step: str = CASE_STEP  # "case" or a DeadlineStep value
    kind: str | None = None
    category_code: str | None = None
    min_severity: str | None = None
    major: bool | None = None
    severity_or_major: bool = False
    foreign: bool | None = None
    channel: str | None = None
    customer_type: str | None = None
    custom_key: str | None = None
    custom_value: str | None = None


@dataclass(frozen=True)
class TrialInput:
    """The facts of an imagined case. Not assigned: as if at intake; no reply: at the reply's due time."""

    received_at: datetime
    kind: str = Kind.COMPLAINT.value
    category_code: str | None = None
    severity: str | None = None
    major: bool = False
    channel: str | None = None
    customer_type: str | None = None
    foreign: bool = False
    custom_values: Mapping[str, str] = field(default_factory=dict)
    assigned_at: datetime | None = None
    replied_at: datetime | None = None


def _optional_bool(value: Any) -> bool:
    return value is None or isinstance(value, bool)


class DeadlinePolicyService(ServiceBase):
    @contextmanager
    def _admin_unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        """An admin write: it changes configuration, so every PC reloads it."""
        with self._door.write(actor) as unit:
            unit.mark_config_changed(seen)
            self._require_admin(unit)
            yield unit

    @staticmethod
    def _require_admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    @staticmethod
    def _event(unit: Unit, action: str, text: Text, changes: list[tuple[str, Any, Any]]) -> None:
        record(
            unit.session, at=unit.now, actor=unit.user, action=f"admin.{action}", text=text, changes=changes
        )

    # --- the rules ---------------------------------------------------------------------

    def rules(self, actor: Actor) -> list[DeadlineRuleRow]:
        """Every rule, in priority order (then the step they time)."""
        with self._door.read(actor) as unit:
            self._require_admin(unit)
            rows = unit.session.scalars(select(SlaRuleRow).order_by(SlaRuleRow.priority, SlaRuleRow.id))
            return [
                DeadlineRuleRow(**{f.name: getattr(row, f.name) for f in fields(DeadlineRuleRow)})
                for row in rows
            ]

    def save(self, actor: Actor, rule_id: int | None, data: RuleInput, *, seen: int | None = None) -> int:
        """Create (``rule_id`` None) or change a rule; returns its id."""
        if not isinstance(data, RuleInput):
            raise FieldError({"rule": Text("field.format", {"field": Label("Field", "rule")})})
        values = self._checked(data)
        if rule_id is not None and not ids_ok(rule_id):
            raise NotFound(Text("admin.sla_not_found"))
        with self._admin_unit(actor, seen) as unit:
            self._check_codes(unit.config, values)
            if rule_id is None:
                added = SlaRuleRow(**values)
                unit.session.add(added)
                unit.session.flush()
                self._event(unit, "sla", Text("event.admin_sla_added", {"label": values["label"]}), [])
                return added.id
            row = unit.session.get(SlaRuleRow, rule_id)
            if row is None:
                raise NotFound(Text("admin.sla_not_found"))
            if _is_catch_all(row) and not _is_catch_all_values(values, row.step):
                self._keep_a_catch_all(unit, row)
            self._event(
                unit, "sla", Text("event.admin_sla_changed", {"label": row.label}), apply_changes(row, values)
            )
            return row.id

    def delete(self, actor: Actor, rule_id: int, *, seen: int | None = None) -> None:
        """Remove a rule; the last catch-all rule of the case or of a step stays (all get a due time)."""
        if not ids_ok(rule_id):
            raise NotFound(Text("admin.sla_not_found"))
        with self._admin_unit(actor, seen) as unit:
            row = unit.session.get(SlaRuleRow, rule_id)
            if row is None:
                raise NotFound(Text("admin.sla_not_found"))
            if _is_catch_all(row):
                self._keep_a_catch_all(unit, row)
            self._event(unit, "sla", Text("event.admin_sla_deleted", {"label": row.label}), [])
            unit.session.delete(row)

    @staticmethod
    def _keep_a_catch_all(unit: Unit, row: SlaRuleRow) -> None:
        if row.step not in STEPS_NEEDING_CATCH_ALL:
            return
        others = unit.session.scalars(
            select(SlaRuleRow).where(SlaRuleRow.step == row.step, SlaRuleRow.id != row.id)
        )
        if not any(_is_catch_all(other) for other in others):
            if row.step == CASE_STEP:
                raise DomainError(Text("deadline_rules.last_catch_all_case"))
            raise DomainError(Text("deadline_rules.last_catch_all_step", {"step": DeadlineStep(row.step)}))

    @staticmethod
    def _checked(data: RuleInput) -> dict[str, Any]:
        """The rule's values, bounded and in their vocabularies (what needs no database)."""
        checks = Checks()
        checks.integer("priority", data.priority, -10_000, 10_000)
        label = checks.text("label", data.label, TEXT_LIMITS["label"])
        codes = {
            name: checks.text(name, getattr(data, name), TEXT_LIMITS["filter_code"]) or None
            for name in ("unit", "step", "kind", "category_code", "min_severity", "channel", "customer_type")
        }
        custom_key = checks.text("custom_key", data.custom_key, TEXT_LIMITS["filter_code"]) or None
        custom_value = checks.text("custom_value", data.custom_value, TEXT_LIMITS["custom_choice"]) or None
        checks.done()
        errors: dict[str, Text | str] = {}
        if not label:
            errors["label"] = Text("admin.sla_label")
        unit_code = codes["unit"]
        if unit_code not in {u.value for u in DeadlineUnit}:
            errors["unit"] = Text("admin.sla_unit")
        amount = data.amount
        if unit_code == DeadlineUnit.SAME_WORKING_DAY.value:
            amount = 1  # same working day takes no amount; 1 keeps the column meaningful
        elif isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= 365:
            errors["amount"] = Text("admin.sla_amount")
        step = codes["step"] or CASE_STEP
        if step not in RULE_STEPS:
            errors["step"] = Text("deadline_rules.step")
        if codes["kind"] and codes["kind"] not in {k.value for k in Kind}:
            errors["kind"] = Text("admin.sla_kind")
        if codes["min_severity"] and codes["min_severity"] not in {s.value for s in Severity}:
            errors["min_severity"] = Text("admin.sla_severity")
        for name in ("major", "foreign"):
            if not _optional_bool(getattr(data, name)):
                errors[name] = Text("field.format", {"field": Label("Field", name)})
        if not isinstance(data.severity_or_major, bool):
            errors["severity_or_major"] = Text("field.format", {"field": Label("Field", "severity_or_major")})
        if custom_key and not custom_value:
            errors["custom_value"] = Text("deadline_rules.custom_value")
        if custom_value and not custom_key:
            errors["custom_key"] = Text("deadline_rules.custom_key")
        if errors:
            raise FieldError(errors)
        return {
            "priority": data.priority,
            "label": label,
            "amount": amount,
            "unit": unit_code,
            "step": step,
            "kind": codes["kind"],
            "category_code": codes["category_code"],
            "min_severity": codes["min_severity"],
            "major": data.major,
            "severity_or_major": data.severity_or_major,
            "foreign": data.foreign,
            "channel": codes["channel"],
            "customer_type": codes["customer_type"],
            "custom_key": custom_key,
            "custom_value": custom_value,
        }

    @staticmethod
    def _check_codes(config: BranchConfig, values: Mapping[str, Any]) -> None:
        """Codes the branch's configuration must know (categories, lists, custom fields)."""
        errors: dict[str, Text | str] = {}
        category = values.get("category_code")
        if category and category not in {code for code, _ in config.categories.values()}:
            errors["category_code"] = Text("admin.category_not_found")
        for name, text in (
            ("channel", Text("deadline_rules.channel")),
            ("customer_type", Text("deadline_rules.customer_type")),
        ):
            given = values.get(name)
            if given and given not in config.choices.get(name, {}):
                errors[name] = text
        key = values.get("custom_key")
        if key:
            definition = next((d for d in config.custom_fields if d.key == key), None)
            if definition is None:
                errors["custom_key"] = Text("deadline_rules.custom_key")
            elif definition.choices and values.get("custom_value") not in definition.choices:
                errors["custom_value"] = Text("deadline_rules.custom_choice")
        if errors:
            raise FieldError(errors)

    # --- business hours ----------------------------------------------------------------

    def save_business_hours(
        self, actor: Actor, opens: str, closes: str, lunch_starts: str = "", lunch_ends: str = "",
        *,
        seen: int | None = None,
    ) -> None:
        """Office hours and the optional lunch break ("HH:MM"; both lunch times empty: no break)."""
        given = {
            "office_opens": opens,
            "office_closes": closes,
            "lunch_starts": lunch_starts,
            "lunch_ends": lunch_ends,
        }
        errors: dict[str, Text | str] = {}
        for key, value in given.items():
            optional = key.startswith("lunch")
            if not isinstance(value, str) or len(value) > 10:
                errors[key] = Text("deadline_rules.clock")
                continue
            given[key] = value = value.strip()
            if not (optional and value == "") and not _CLOCK.fullmatch(value):
                errors[key] = Text("deadline_rules.clock")
        if not errors:
            if given["office_opens"] >= given["office_closes"]:
                errors["office_closes"] = Text("deadline_rules.hours_order")
            elif bool(given["lunch_starts"]) != bool(given["lunch_ends"]):
                errors["lunch_ends" if given["lunch_starts"] else "lunch_starts"] = Text(
                    "deadline_rules.lunch_pair"
                )
            elif given["lunch_starts"] and not (
                given["office_opens"] < given["lunch_starts"] < given["lunch_ends"] < given["office_closes"]
            ):
                errors["lunch_ends"] = Text("deadline_rules.lunch_inside")
        if errors:
            raise FieldError(errors)
        with self._admin_unit(actor, seen) as unit:
            changes: list[tuple[str, Any, Any]] = []
            for key, value in given.items():
                row = unit.session.get(Setting, key)
                if row is None:  # lunch_* arrived after this branch was created
                    row = Setting(key=key, value="")
                    unit.session.add(row)
                if row.value != value:
                    changes.append((key, row.value, value))
                    row.value = value
            self._event(unit, "setting", Text("event.admin_business_hours"), changes)

    # --- 试算 --------------------------------------------------------------------------

    def trial(self, actor: Actor, data: TrialInput) -> TrialResult:
        """Every due time a case with these facts would get, and the rule behind each."""
        if not isinstance(data, TrialInput):
            raise FieldError({"received_at": Text("field.format", {"field": Label("Field", "received_at")})})
        checks = Checks()
        for name in ("received_at", "assigned_at", "replied_at"):
            value = getattr(data, name)
            if (value is not None or name == "received_at") and not isinstance(value, datetime):
                checks.add(name, Text("field.format", {"field": Label("Field", name)}))
            else:
                checks.moment(name, value)
        codes = {
            name: checks.text(name, getattr(data, name), TEXT_LIMITS["filter_code"]) or None
            for name in ("kind", "category_code", "severity", "channel", "customer_type")
        }
        custom: dict[str, str] = {}
        if not isinstance(data.custom_values, Mapping) or len(data.custom_values) > _MAX_CUSTOM:
            checks.add("custom_value", Text("field.format", {"field": Label("Field", "custom_value")}))
        else:
            for key, value in data.custom_values.items():
                key = checks.text("custom_key", key, TEXT_LIMITS["filter_code"])
                custom[key] = checks.text("custom_value", value, TEXT_LIMITS["custom_choice"])
        for name in ("major", "foreign"):
            if not isinstance(getattr(data, name), bool):
                checks.add(name, Text("field.format", {"field": Label("Field", name)}))
        checks.done()
        errors: dict[str, Text | str] = {}
        if codes["kind"] not in {k.value for k in Kind}:
            errors["kind"] = Text("admin.sla_kind")
        if codes["severity"] and codes["severity"] not in {s.value for s in Severity}:
            errors["severity"] = Text("admin.sla_severity")
        if errors:
            raise FieldError(errors)
        with self._door.read(actor) as unit:
            self._require_admin(unit)
            config = unit.config
            self._check_codes(config, {k: codes[k] for k in ("category_code", "channel", "customer_type")})
            category_id = next(
                (i for i, (code, _) in config.categories.items() if code == codes["category_code"]), None
            )
            facts = SlaFacts(
                kind=Kind(codes["kind"] or ""),
                category_path=config.category_path(category_id),
                severity=Severity(codes["severity"]) if codes["severity"] else None,
                major=data.major,
                foreign=data.foreign,
                channel=codes["channel"],
                customer_type=codes["customer_type"],
                custom_values=custom,
            )
            try:
                plan = schedule(
                    config.calendar,
                    config.sla_rules,
                    facts,
                    data.received_at,
                    data.assigned_at,
                    data.replied_at,
                )
            except LookupError:
                raise DomainError(Text("deadline_rules.last_catch_all_case")) from None
        return TrialResult(
            case=_trial_due(CASE_STEP, plan.case),
            steps=[_trial_due(step.value, due) for step, due in plan.steps.items()],
        )


def _trial_due(step: str, item: RuleDue) -> TrialDue:
    return TrialDue(
        step=step,
        due=item.due.at,
        unconfirmed=item.due.unconfirmed,
        rule_name=item.rule.label if item.rule else "",
        rule_priority=item.rule.priority if item.rule else None,
        capped=item.capped,
    )


_CONDITIONS = (
    "kind",
    "category_code",
    "min_severity",
    "major",
    "foreign",
    "channel",
    "customer_type",
    "custom_key",
)


def _is_catch_all_values(values: Mapping[str, Any], step: str) -> bool:
    return (
        values.get("step") == step
        and not values.get("severity_or_major")
        and all(values.get(name) is None for name in _CONDITIONS)
    )


def _is_catch_all(row: SlaRuleRow) -> bool:
    return _is_catch_all_values(
        {
            **{name: getattr(row, name) for name in _CONDITIONS},
            "step": row.step,
            "severity_or_major": row.severity_or_major,
        },
        row.step,
    )
