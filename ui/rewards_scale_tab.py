"""设置 → 奖罚标准 (issue 14 part C): the reward/penalty scale — one line per row; 新增/修改 open a dialog
(kind, fixed amount or a range, 绩效分, measure, who proposes, the approval chain). The service checks
every value and refuses a line someone else changed meanwhile."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.approvals import STEP_ROLES, ApprovalStep
from branchdesk.domain.money import format_yuan, parse_yuan
from branchdesk.domain.rewards import RewardKind, ScaleItem
from branchdesk.domain.vocab import Role
from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.action_dialog import ActionDialog, Field
from ui.config_seen import seen_version
from ui.language import label, render, roles_text
from ui.operations import app_signals, run_action

#: Roles that may propose (a line names some of them); the administrator never does.
PROPOSER_ROLES = (Role.CR_MANAGER, Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM)
#: Steps the dialog offers (the service takes up to ``approvals.MAX_STEPS``; real scales use one to three).
DIALOG_STEPS = 3


def amount_text(item: ScaleItem) -> str:
    if item.fixed_amount:
        return format_yuan(item.min_amount_fen)
    return f"{format_yuan(item.min_amount_fen)}–{format_yuan(item.max_amount_fen)}"


class RewardsScaleTab(QWidget):
    HEADERS = (
        "Code",
        "Label",
        "Kind",
        "Amount",
        "Points",
        "Measure",
        "Who proposes",
        "Approval chain",
        "Active",
    )

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # the configuration version this PC's screens name
        self.items: list[ScaleItem] = []
        explain = QLabel(
            self.tr(
                "Each line: what it is for, a fixed amount or a range the proposer picks within, "
                "performance points, the disciplinary measure, who may propose it and who approves it, in order."
            )
        )
        explain.setWordWrap(True)
        headers = [
            self.tr("Code"),
            self.tr("Label"),
            self.tr("Kind"),
            self.tr("Amount"),
            self.tr("Points"),
            self.tr("Measure"),
            self.tr("Who proposes"),
            self.tr("Approval chain"),
            self.tr("Active"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        new_button = QPushButton(self.tr("New line…"))
        new_button.clicked.connect(lambda: self.open_editor(None))
        edit_button = QPushButton(self.tr("Edit…"))
        edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(new_button)
        buttons.addWidget(edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        items = run_action(self, lambda: self._desk.rewards.scale(self._me), changes=False)
        self.items = items or []
        self.table.setRowCount(len(self.items))
        yes, no = self.tr("Yes"), self.tr("No")
        for row, item in enumerate(self.items):
            values = [
                item.code,
                item.label,
                label(item.kind),
                amount_text(item),
                f"{item.points:+d}" if item.points else "",
                item.measure,
                roles_text(list(item.proposer_roles)),
                render(_chain_text(item.chain)),
                yes if item.active else no,
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def edit_selected(self) -> ActionDialog | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return None
        return self.open_editor(self.items[row])

    def open_editor(self, item: ScaleItem | None, *, show: bool = True) -> ActionDialog:
        """The dialog for one line (``item`` None: a new one); ``show=False`` for tests and screenshots."""
        roles = [(r.value, label(r)) for r in STEP_ROLES]
        fields = [
            Field("code", self.tr("Code"), default=item.code if item else ""),
            Field("label", self.tr("Label"), default=item.label if item else ""),
            Field(
                "kind",
                self.tr("Kind"),
                "choice",
                [(k.value, label(k)) for k in RewardKind],
                default=(item.kind if item else RewardKind.PENALTY).value,
                empty=None,
            ),
            Field(
                "min_amount_fen",
                self.tr("Amount from (yuan)"),
                default=_yuan(item.min_amount_fen if item else 0),
            ),
            Field(
                "max_amount_fen",
                self.tr("Amount to (yuan; same: fixed)"),
                default=_yuan(item.max_amount_fen if item else 0),
            ),
            Field("points", self.tr("Points (minus: deducted)"), default=str(item.points if item else 0)),
            Field("measure", self.tr("Disciplinary measure"), default=item.measure if item else ""),
        ]
        for role in PROPOSER_ROLES:
            fields.append(
                Field(
                    f"proposer_{role.value}",
                    self.tr("May propose: %1").replace("%1", label(role)),
                    "check",
                    default=bool(item and role in item.proposer_roles),
                )
            )
        chain = list(item.chain) if item else []
        for n in range(DIALOG_STEPS):
            step = chain[n] if n < len(chain) else None
            fields.append(
                Field(
                    f"step_{n}",
                    self.tr("Approval step %1").replace("%1", str(n + 1)),
                    "choice",
                    roles,
                    default=step.role.value if step else "",
                )
            )
            fields.append(
                Field(
                    f"own_{n}",
                    self.tr("Step %1 of the subject's department").replace("%1", str(n + 1)),
                    "check",
                    default=bool(step and step.of_responsible_department),
                )
            )
        fields.append(Field("active", self.tr("Active"), "check", default=item.active if item else True))
        version = item.version if item else 0
        dialog = ActionDialog(
            self.tr("Scale line %1").replace("%1", item.code if item else self.tr("(new)")),
            fields,
            lambda v: self._save(v, version, chain[DIALOG_STEPS:]),
            parent=self,
        )
        dialog.accepted.connect(self._saved)
        if show:
            dialog.open()
        return dialog

    def _saved(self) -> None:
        self._seen.written()  # the line was checked by its own version; the configuration's moved too
        app_signals().sig_config_changed.emit()  # a configuration change: every page re-reads
        self.reload()

    def _save(self, v: dict[str, Any], version: int, beyond: list[ApprovalStep]) -> object:
        steps = [
            ApprovalStep(Role(v[f"step_{n}"]), bool(v[f"own_{n}"]))
            for n in range(DIALOG_STEPS)
            if v[f"step_{n}"]
        ]
        item = ScaleItem(
            code=(v["code"] or "").strip(),
            label=v["label"] or "",
            kind=RewardKind(v["kind"] or RewardKind.PENALTY.value),
            min_amount_fen=parse_yuan(v["min_amount_fen"] or "0", "min_amount_fen"),
            max_amount_fen=parse_yuan(v["max_amount_fen"] or "0", "max_amount_fen"),
            points=_points(v["points"]),
            measure=v["measure"] or "",
            proposer_roles=tuple(r for r in PROPOSER_ROLES if v[f"proposer_{r.value}"]),
            chain=tuple(steps + beyond),  # steps past the dialog's (from a policy file) are kept
            active=bool(v["active"]),
            version=version,
        )
        return self._desk.rewards.save_scale_item(self._me, item)  # the dialog runs it (run_action)


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def _points(text: Any) -> int:
    try:
        return int(str(text or "0").strip().replace("＋", "+").replace("－", "-"))
    except ValueError:
        raise FieldError({"points": Text("field.format", {"field": Label("Field", "points")})}) from None


def _chain_text(chain: tuple[ApprovalStep, ...]) -> Text:
    from branchdesk.domain.approvals import chain_text

    return chain_text(chain)
