"""设置 → 环节期限 (issue 12, part "steps"): per step, how long before its due time it warns and what
happens when it passes (mark, escalate to a role, notify a role). The service checks every value."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from branchdesk.domain.steps import StepOutcome, TrackedStep
from branchdesk.domain.vocab import Role
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.action_dialog import Field
from ui.config_seen import seen_version
from ui.config_tab import ConfigTab
from ui.language import label


class StepPolicyTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        roles = [(role.value, label(role)) for role in Role if role is not Role.ADMIN]
        explain = QLabel(
            self.tr(
                "Each step of a case warns this many minutes before its due time (the work page's "
                "“Steps due soon”) and, when it passes undone: is marked overdue, escalates the case "
                "to the role's level, or notifies the role (the case timeline)."
            )
        )
        explain.setWordWrap(True)
        self.table_tab = ConfigTab(
            [
                ("step_label", self.tr("Step")),
                ("warn_before_minutes", self.tr("Warn before (minutes)")),
                ("outcome_label", self.tr("When late")),
                ("role_label", self.tr("Role")),
                ("active_label", self.tr("Active")),
            ],
            [
                Field(
                    "step", self.tr("Step"), "choice", [(s.value, label(s)) for s in TrackedStep], empty=None
                ),
                Field("warn_before_minutes", self.tr("Warn before (minutes)"), "int"),
                Field(
                    "on_overdue",
                    self.tr("When late"),
                    "choice",
                    [(o.value, label(o)) for o in StepOutcome],
                    empty=None,
                ),
                Field("role", self.tr("Role to escalate to / notify"), "choice", roles),
                Field("active", self.tr("Active"), "check"),
            ],
            self._policy_rows,
            self._save_row,
            fixed_rows=("step",),  # one policy per tracked step: edited, never added or renamed
            config_seen=self._seen,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addWidget(self.table_tab, 1)

    def reload(self) -> None:
        self.table_tab.reload()

    def _policy_rows(self) -> list[dict[str, Any]]:
        yes, no = self.tr("Yes"), self.tr("No")
        return [
            {
                "step": p.step.value,
                "step_label": label(p.step),
                "warn_before_minutes": p.warn_before_minutes,
                "on_overdue": p.on_overdue.value,
                "outcome_label": label(p.on_overdue),
                "role": p.role.value if p.role else "",
                "role_label": label(p.role) if p.role else "",
                "active": p.active,
                "active_label": yes if p.active else no,
            }
            for p in self._desk.step_policy.policies(self._me)
        ]

    def _save_row(self, _row: dict[str, Any] | None, values: dict[str, Any]) -> object:
        self._desk.step_policy.save(
            self._me,
            values["step"] or "",
            int(values["warn_before_minutes"] or 0),
            values["on_overdue"] or "",
            values["role"] or None,
            bool(values["active"]),
            seen=self._seen.version,
        )
        return True
