"""The step policies (issue 12, part "steps"): the administrator says, per step, how long before its due
time it warns and what happens when it passes (mark, escalate to a role, notify a role).

Admin only; every save is a configuration change (the version moves, every PC reloads).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select

from branchdesk.config import load_step_policies
from branchdesk.domain.bounds import Checks
from branchdesk.domain.steps import MAX_WARN_MINUTES, StepOutcome, StepPolicy, TrackedStep
from branchdesk.domain.vocab import Role
from branchdesk.errors import PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import StepPolicyRow


class StepPolicyService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        with self._door.write(actor) as unit:
            unit.mark_config_changed(seen)
            yield unit

    @staticmethod
    def _admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    def policies(self, actor: Actor) -> list[StepPolicy]:
        """Every step's policy, in the order the steps happen."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            loaded = load_step_policies(unit.session)
        return [loaded[step] for step in TrackedStep if step in loaded]

    def save(
        self,
        actor: Actor,
        step: str,
        warn_before_minutes: int,
        on_overdue: str,
        role: str | None,
        active: bool = True,
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        try:
            step_code = TrackedStep(step)
        except (ValueError, TypeError):
            checks.add("step", Text("step_policy.step"))
        checks.integer(
            "warn_before_minutes",
            warn_before_minutes,
            0,
            MAX_WARN_MINUTES,
            Label("Field", "warn_before_minutes"),
        )
        try:
            outcome = StepOutcome(on_overdue)
        except (ValueError, TypeError):
            checks.add("on_overdue", Text("step_policy.outcome"))
            outcome = StepOutcome.MARK
        role_code: Role | None = None
        if role not in (None, ""):
            try:
                role_code = Role(role)
            except (ValueError, TypeError):
                checks.add("role", Text("step_policy.role"))
        if outcome is not StepOutcome.MARK and role_code is None and "role" not in checks.errors:
            checks.add("role", Text("step_policy.role"))
        if not isinstance(active, bool):
            checks.add("active", Text("admin.setting_type"))
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            row = unit.session.scalars(
                select(StepPolicyRow).where(StepPolicyRow.step == step_code.value)
            ).first()
            if row is None:
                row = StepPolicyRow(
                    step=step_code.value, warn_before_minutes=0, on_overdue="mark", active=True
                )
                unit.session.add(row)
            values: dict[str, Any] = {
                "warn_before_minutes": int(warn_before_minutes),
                "on_overdue": outcome.value,
                "role": role_code.value if role_code else None,
                "active": active,
            }
            changes = apply_changes(row, values)
            if not changes:
                return
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="admin.step_policy",
                text=Text("event.admin_step_policy", {"step": step_code}),
                changes=changes,
            )


__all__ = ["StepPolicyService"]
