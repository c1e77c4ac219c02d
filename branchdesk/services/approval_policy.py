"""The approval policy (核决规则): list, save (create or change, with its steps) and delete rules.

Administrator only; every change goes through the one door as an admin unit (the configuration
version moves, so every PC reloads the rules) and is an event. Inputs are bounded before the
unit opens; codes, amounts (the money ceiling) and the category are checked inside it. The policy
always keeps at least one active catch-all rule (no condition), so every proposal finds a rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from branchdesk.config import load_approval_rules
from branchdesk.domain.approvals import MAX_STEPS, STEP_ROLES, ApprovalRule, ApprovalStep
from branchdesk.domain.bounds import TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.money import parse_yuan
from branchdesk.domain.vocab import Kind, Role, Severity
from branchdesk.errors import DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import ApprovalRuleRow, ApprovalStepRow, Category

#: Priorities a rule may have (the lowest number decides first).
PRIORITY_RANGE = (1, 9999)


@dataclass(frozen=True)
class ApprovalStepInput:
    role: str
    of_responsible_department: bool = False


@dataclass(frozen=True)
class ApprovalRuleInput:
    """A rule as the form sends it: amounts as typed (yuan, "" = no bound); codes "" or None = any."""

    priority: int
    label: str
    steps: Sequence[ApprovalStepInput] = field(default_factory=tuple)
    min_amount: str = ""
    max_amount: str = ""
    category_code: str | None = None
    kind: str | None = None
    min_severity: str | None = None
    major: bool | None = None  # True only major cases, False only non-major, None either
    active: bool = True


class ApprovalPolicyService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        with self._door.write(actor) as unit:
            unit.mark_config_changed(seen)
            yield unit

    @staticmethod
    def _admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    def rules(self, actor: Actor) -> list[ApprovalRule]:
        """Every rule, active or not, in deciding order (lowest priority first)."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            return list(load_approval_rules(unit.session))

    def save_rule(
        self,
        actor: Actor,
        rule_id: int | None,
        data: ApprovalRuleInput,
        *,
        seen: int | None = None,
    ) -> int:
        """Create (``rule_id`` None) or change a rule with its steps; the rule's id."""
        checks = Checks()
        if not isinstance(data, ApprovalRuleInput):
            raise FieldError({"label": Text("admin.rule_label")})
        priority = checks.integer("priority", data.priority, *PRIORITY_RANGE)
        label = checks.text("label", data.label, TEXT_LIMITS["label"], required=True)
        min_typed = checks.text("min_amount", data.min_amount, 40)
        max_typed = checks.text("max_amount", data.max_amount, 40)
        category_code = checks.text("category_code", data.category_code, TEXT_LIMITS["category_code"]) or None
        kind = checks.text("kind", data.kind, TEXT_LIMITS["filter_code"]) or None
        min_severity = checks.text("min_severity", data.min_severity, TEXT_LIMITS["filter_code"]) or None
        if kind and kind not in {k.value for k in Kind}:
            checks.add("kind", Text("admin.sla_kind"))
        if min_severity and min_severity not in {s.value for s in Severity}:
            checks.add("min_severity", Text("admin.sla_severity"))
        if data.major is not None and not isinstance(data.major, bool):
            checks.add("major", Text("admin.rule_major"))
        if not isinstance(data.active, bool):
            checks.add("active", Text("field.format", {"field": Label("Field", "active")}))
        steps = _checked_steps(checks, data.steps)
        if rule_id is not None and not ids_ok(rule_id):
            raise NotFound(Text("admin.rule_not_found"))
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            errors: dict[str, Text | str] = {}
            ceiling = unit.config.money_ceiling_fen
            bounds: dict[str, int | None] = {}
            for name, typed in (("min_amount", min_typed), ("max_amount", max_typed)):
                try:
                    bounds[name] = parse_yuan(typed, name, ceiling) if typed else None
                except FieldError as exc:
                    errors.update(exc.texts)
                    bounds[name] = None
            low, high = bounds["min_amount"], bounds["max_amount"]
            if low is not None and high is not None and low > high:
                errors["min_amount"] = Text("admin.rule_band")
            if (
                category_code
                and unit.session.scalars(select(Category.id).where(Category.code == category_code)).first()
                is None
            ):
                errors["category_code"] = Text("admin.category_not_found")
            if errors:
                raise FieldError(errors)
            values: dict[str, Any] = {
                "priority": priority,
                "label": label,
                "min_amount_fen": low,
                "max_amount_fen": high,
                "category_code": category_code,
                "kind": kind,
                "min_severity": min_severity,
                "major": data.major,
                "active": data.active,
            }
            candidate = ApprovalRule(
                priority=priority,
                label=label,
                steps=tuple(steps),
                min_amount_fen=low,
                max_amount_fen=high,
                category_code=category_code,
                kind=Kind(kind) if kind else None,
                min_severity=Severity(min_severity) if min_severity else None,
                major=data.major,
                active=data.active,
                id=rule_id,
            )
            others = [r for r in load_approval_rules(unit.session) if r.id != rule_id]
            _keep_a_catch_all([*others, candidate])
            new_steps = [
                ApprovalStepRow(
                    step_order=order,
                    role=step.role.value,
                    of_responsible_department=step.of_responsible_department,
                )
                for order, step in enumerate(steps, start=1)
            ]
            if rule_id is None:
                row = ApprovalRuleRow(**values, steps=new_steps)
                unit.session.add(row)
                unit.session.flush()
                _event(unit, Text("event.admin_approval_rule_added", {"label": label}), [])
                return row.id
            existing = unit.session.get(ApprovalRuleRow, rule_id)
            if existing is None:
                raise NotFound(Text("admin.rule_not_found"))
            row = existing
            before = _chain_code(row.steps)
            changes = apply_changes(row, values)
            after = _chain_code(new_steps)
            if before != after:
                row.steps.clear()
                unit.session.flush()  # the old steps go before the new ones take their (rule, order)
                row.steps.extend(new_steps)
                changes.append(("steps", before, after))
            _event(unit, Text("event.admin_approval_rule_changed", {"label": row.label}), changes)
            return row.id

    def delete_rule(self, actor: Actor, rule_id: int, *, seen: int | None = None) -> None:
        """Delete a rule and its steps (frozen chains on resolutions keep what they froze)."""
        if not ids_ok(rule_id):
            raise NotFound(Text("admin.rule_not_found"))
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            row = unit.session.get(ApprovalRuleRow, rule_id)
            if row is None:
                raise NotFound(Text("admin.rule_not_found"))
            _keep_a_catch_all([r for r in load_approval_rules(unit.session) if r.id != rule_id])
            label = row.label
            unit.session.delete(row)
            _event(unit, Text("event.admin_approval_rule_deleted", {"label": label}), [])


def _checked_steps(checks: Checks, steps: object) -> list[ApprovalStep]:
    """The steps, each a valid role; at most ``MAX_STEPS``. Problems are reported at ``steps``."""
    if isinstance(steps, (str, bytes)) or not isinstance(steps, (list, tuple)):
        checks.add("steps", Text("admin.rule_step_format"))
        return []
    if len(steps) > MAX_STEPS:
        checks.add("steps", Text("admin.rule_steps", {"max": MAX_STEPS}))
        return []
    result = []
    valid = {r.value for r in STEP_ROLES}
    for step in steps:
        if not isinstance(step, ApprovalStepInput) or not isinstance(step.of_responsible_department, bool):
            checks.add("steps", Text("admin.rule_step_format"))
            return []
        if not isinstance(step.role, str) or step.role not in valid:
            checks.add("steps", Text("admin.rule_role"))
            return []
        result.append(ApprovalStep(Role(step.role), step.of_responsible_department))
    return result


def _keep_a_catch_all(rules: list[ApprovalRule]) -> None:
    if not any(rule.active and rule.is_catch_all for rule in rules):
        raise DomainError(Text("admin.rule_last_catch_all"))


def _chain_code(steps: Sequence[ApprovalStepRow]) -> str:
    """The steps as one short line for the change record ("dept_manager*>deputy_gm"; * = of the
    responsible department)."""
    return ">".join(s.role + ("*" if s.of_responsible_department else "") for s in steps)


def _event(unit: Unit, text: Text, changes: list[tuple[str, Any, Any]]) -> None:
    record(
        unit.session, at=unit.now, actor=unit.user, action="admin.approval_rule", text=text, changes=changes
    )


__all__ = ["PRIORITY_RANGE", "ApprovalPolicyService", "ApprovalRuleInput", "ApprovalStepInput"]
