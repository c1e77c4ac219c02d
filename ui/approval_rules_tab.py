"""设置 → 核决规则: the approval rules — which chain of signatures a resolution needs.

The list shows each rule in deciding order (the lowest priority that matches decides): its
conditions and its chain ("部门经理（责任部门） → 副总经理 → 总经理", or 无需审批). The form edits the
selected rule or a new one: conditions, and the steps (add, remove, move up and down; a role and
"of the responsible department"). Saving and deleting go through ``desk.approval_policy``, which
checks everything; its refusals come back at the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.approvals import (
    MAX_STEPS,
    STEP_ROLES,
    ApprovalRule,
    ApprovalStep,
    chain_text,
    step_text,
)
from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import Kind, Role, Severity
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.approval_policy import PRIORITY_RANGE, ApprovalRuleInput, ApprovalStepInput
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups
from ui.config_seen import seen_version
from ui.forms import FieldSet, combo, refill_combo
from ui.language import label, render
from ui.operations import run_action

#: The "major" condition's choices as the combo stores them.
MAJOR_CODES = {"yes": True, "no": False}


@dataclass
class _Step:
    role: Role
    of_responsible_department: bool


class ApprovalRulesTab(QWidget):
    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._actor = actor
        self._categories: dict[str, str] = {}
        self._rules: list[ApprovalRule] = []
        self._selected: ApprovalRule | None = None
        self._steps: list[_Step] = []

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Priority"),
                self.tr("Rule"),
                self.tr("Conditions"),
                self.tr("Approval chain"),
                self.tr("In use"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._on_select)
        hint = QLabel(
            self.tr(
                "The first rule that matches decides (lowest priority number first). "
                "Amount bounds include the amount typed. Keep one rule without conditions."
            )
        )
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.table, 1)

        # --- the form: conditions --------------------------------------------------------
        self.fields = FieldSet()
        conditions = QFormLayout()
        priority = QSpinBox()
        priority.setRange(*PRIORITY_RANGE)
        self.fields.add(conditions, "priority", self.tr("Priority"), priority)
        self.fields.add(conditions, "label", self.tr("Rule name"), QLineEdit())
        self.fields.add(conditions, "min_amount", self.tr("Amount from (yuan)"), QLineEdit())
        self.fields.add(conditions, "max_amount", self.tr("Amount up to (yuan)"), QLineEdit())
        any_text = self.tr("Any")
        self.fields.add(
            conditions, "category_code", self.tr("Category (or a sub-category)"), combo([], any_text)
        )
        self.fields.add(
            conditions, "kind", self.tr("Kind"), combo([(k.value, label(k)) for k in Kind], any_text)
        )
        self.fields.add(
            conditions,
            "min_severity",
            self.tr("Severity at least"),
            combo([(s.value, label(s)) for s in Severity], any_text),
        )
        self.fields.add(
            conditions,
            "major",
            self.tr("Major case"),
            combo([("yes", self.tr("Yes")), ("no", self.tr("No"))], any_text),
        )
        active = QCheckBox(self.tr("In use"))
        self.fields.add(conditions, "active", self.tr("In use"), active)
        for name in ("min_amount", "max_amount"):
            line = self.fields.widgets[name]
            assert isinstance(line, QLineEdit)
            line.setPlaceholderText(self.tr("empty: no bound"))

        # --- the form: steps -----------------------------------------------------------------
        steps_box = QGroupBox(self.tr("Approval steps, in signing order"))
        steps_layout = QFormLayout(steps_box)
        self.step_list = QListWidget()
        self.step_list.setMinimumHeight(90)
        self.step_list.setMaximumHeight(170)
        self.fields.add(steps_layout, "steps", self.tr("Steps"), self.step_list)
        self.role_combo = combo([(r.value, label(r)) for r in STEP_ROLES], None)
        self.role_combo.setAccessibleName(self.tr("Role"))
        self.own_department = QCheckBox(self.tr("Of the responsible department"))
        add = QPushButton(self.tr("Add step"))
        add.clicked.connect(self._on_add_step)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._on_remove_step)
        up = QPushButton(self.tr("Up"))
        up.clicked.connect(lambda: self._move_step(-1))
        down = QPushButton(self.tr("Down"))
        down.clicked.connect(lambda: self._move_step(1))
        picker = QHBoxLayout()
        picker.addWidget(self.role_combo, 1)
        picker.addWidget(self.own_department)
        moves = QHBoxLayout()
        for button in (add, remove, up, down):
            moves.addWidget(button)
        steps_layout.addRow(picker)
        steps_layout.addRow(moves)

        self.message = QLabel()
        self.message.setWordWrap(True)
        new = QPushButton(self.tr("New"))
        new.clicked.connect(self.clear_form)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._on_delete)
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(self._on_save)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(save)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addLayout(conditions)
        form_layout.addWidget(steps_box)
        form_layout.addWidget(self.message)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)
        scroll = QScrollArea()  # the form scrolls rather than pushing the window past 768 pixels
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.set_lookups(lookups)
        self.clear_form()
        self.reload()

    # --- reading -----------------------------------------------------------------------------

    def set_lookups(self, lookups: Lookups) -> None:
        """The category pick list as configured now (a sub-category shows its parent)."""
        names = {code: name for code, name, _ in lookups.categories}
        self._categories = {
            code: f"{names.get(parent, parent)} / {name}" if parent else name
            for code, name, parent in lookups.categories
        }
        combo_box = self.fields.widgets["category_code"]
        assert isinstance(combo_box, QComboBox)
        refill_combo(combo_box, list(self._categories.items()))

    def reload(self) -> None:
        rules = run_action(self, lambda: self._desk.approval_policy.rules(self._actor), changes=False)
        if rules is None:
            return
        self._rules = rules
        self.table.blockSignals(True)
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            cells = [
                str(rule.priority),
                rule.label,
                self.conditions_text(rule),
                render(chain_text(rule.steps)),
                self.tr("Yes") if rule.active else self.tr("No"),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for column_index, widest in ((1, 200), (2, 160)):  # long names wrap; the chain stays readable
            self.table.setColumnWidth(column_index, min(self.table.columnWidth(column_index), widest))
        self.table.resizeRowsToContents()
        selected = self._selected.id if self._selected else None
        for row, rule in enumerate(rules):
            if rule.id == selected:
                self.table.selectRow(row)

    def conditions_text(self, rule: ApprovalRule) -> str:
        """The rule's conditions in one line, in the reader's language ("any case" when none)."""
        parts = []
        if rule.min_amount_fen is not None and rule.max_amount_fen is not None:
            parts.append(
                self.tr("%1 – %2")
                .replace("%1", format_yuan(rule.min_amount_fen))
                .replace("%2", format_yuan(rule.max_amount_fen))
            )
        elif rule.max_amount_fen is not None:
            parts.append(self.tr("up to %1").replace("%1", format_yuan(rule.max_amount_fen)))
        elif rule.min_amount_fen is not None:
            parts.append(self.tr("from %1").replace("%1", format_yuan(rule.min_amount_fen)))
        if rule.category_code:
            parts.append(self._categories.get(rule.category_code, rule.category_code))
        if rule.kind:
            parts.append(label(rule.kind))
        if rule.min_severity:
            parts.append(self.tr("severity at least %1").replace("%1", label(rule.min_severity)))
        if rule.major is True:
            parts.append(self.tr("major cases"))
        elif rule.major is False:
            parts.append(self.tr("cases not major"))
        return "; ".join(parts) if parts else self.tr("any case")

    # --- the form ------------------------------------------------------------------------------

    def clear_form(self) -> None:
        self.table.clearSelection()
        self._selected = None
        self.fields.set_value("priority", 50)
        for name in ("label", "min_amount", "max_amount", "category_code", "kind", "min_severity", "major"):
            self.fields.set_value(name, None)
        self.fields.set_value("active", True)
        self._steps = []
        self._show_steps()
        self.fields.clear_errors()
        self.message.clear()
        self.delete_button.setEnabled(False)

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        rule = self._rules[rows[0].row()]
        self._selected = rule
        self.fields.set_value("priority", rule.priority)
        self.fields.set_value("label", rule.label)
        for name, fen in (("min_amount", rule.min_amount_fen), ("max_amount", rule.max_amount_fen)):
            self.fields.set_value(
                name, format_yuan(fen, symbol=False).replace(",", "") if fen is not None else ""
            )
        self.fields.set_value("category_code", rule.category_code)
        self.fields.set_value("kind", rule.kind.value if rule.kind else None)
        self.fields.set_value("min_severity", rule.min_severity.value if rule.min_severity else None)
        self.fields.set_value(
            "major", {True: "yes", False: "no"}.get(rule.major) if rule.major is not None else None
        )
        self.fields.set_value("active", rule.active)
        self._steps = [_Step(s.role, s.of_responsible_department) for s in rule.steps]
        self._show_steps()
        self.fields.clear_errors()
        self.message.clear()
        self.delete_button.setEnabled(True)

    def _show_steps(self, current: int | None = None) -> None:
        self.step_list.clear()
        for number, s in enumerate(self._steps, start=1):
            text = render(step_text(ApprovalStep(s.role, s.of_responsible_department)))
            self.step_list.addItem(QListWidgetItem(f"{number}. {text}"))
        if not self._steps:
            self.step_list.addItem(QListWidgetItem(self.tr("No steps: approved at once when proposed")))
        elif current is not None:
            self.step_list.setCurrentRow(current)

    def _current_step(self) -> int | None:
        row = self.step_list.currentRow()
        return row if self._steps and 0 <= row < len(self._steps) else None

    def _on_add_step(self) -> None:
        role = self.role_combo.currentData()
        if role is None:
            return
        if len(self._steps) >= MAX_STEPS:
            self.fields.show_errors({"steps": self.tr("At most %1 steps").replace("%1", str(MAX_STEPS))})
            return
        self._steps.append(_Step(Role(role), self.own_department.isChecked()))
        self._show_steps(len(self._steps) - 1)

    def _on_remove_step(self) -> None:
        row = self._current_step()
        if row is None:
            return
        del self._steps[row]
        self._show_steps(min(row, len(self._steps) - 1) if self._steps else None)

    def _move_step(self, by: int) -> None:
        row = self._current_step()
        if row is None or not 0 <= row + by < len(self._steps):
            return
        self._steps[row], self._steps[row + by] = self._steps[row + by], self._steps[row]
        self._show_steps(row + by)

    def _input(self) -> ApprovalRuleInput:
        v = {name: self.fields.value(name) for name in self.fields.order if name != "steps"}
        return ApprovalRuleInput(
            priority=int(v["priority"]),
            label=v["label"] or "",
            steps=[ApprovalStepInput(s.role.value, s.of_responsible_department) for s in self._steps],
            min_amount=v["min_amount"] or "",
            max_amount=v["max_amount"] or "",
            category_code=v["category_code"],
            kind=v["kind"],
            min_severity=v["min_severity"],
            major=MAJOR_CODES.get(v["major"]) if v["major"] else None,
            active=bool(v["active"]),
        )

    def _show_field_errors(self, error: FieldError) -> None:
        self.message.setStyleSheet("color: #c0392b")
        self.message.clear()
        self.fields.show_errors(error.texts, self.message)

    def _on_save(self) -> None:
        data = self._input()
        rule_id = self._selected.id if self._selected else None
        saved = run_action(
            self,
            lambda: self._desk.approval_policy.save_rule(self._actor, rule_id, data, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
            on_fields=self._show_field_errors,
        )
        if saved is None:
            return
        self.fields.clear_errors()
        self._selected = next(
            (r for r in self._desk.approval_policy.rules(self._actor) if r.id == saved), None
        )
        self.reload()
        self.message.setStyleSheet("color: #1e7e34")
        self.message.setText(self.tr("Saved"))

    def _on_delete(self) -> None:
        rule = self._selected
        if rule is None or rule.id is None:
            return
        rule_id = rule.id
        question = self.tr("Delete the approval rule “%1”? Resolutions already proposed keep their chain.")
        answer = QMessageBox.question(self, self.tr("Delete rule"), question.replace("%1", rule.label))
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = run_action(
            self,
            lambda: self._desk.approval_policy.delete_rule(self._actor, rule_id, seen=self._seen.version) or True,
            changes=False,
            config_seen=self._seen,
            on_fields=self._show_field_errors,
        )
        if done is None:
            return
        self.clear_form()
        self.reload()
        self.message.setStyleSheet("color: #1e7e34")
        self.message.setText(self.tr("Deleted"))
