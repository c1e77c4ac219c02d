"""处理时效: the deadline rules (case and steps), business hours, and the 试算 (trial) panel.

Three sub-tabs so each fits 1366×768: the rules (list above, the edit form in a scroll area
below, a splitter between), the trial (facts left, result right), business hours. The core
checks everything (``desk.deadline_policy``); errors show at the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Severity
from branchdesk.errors import FieldError
from branchdesk.read.deadline_rules import DeadlineRuleRow, TrialDue, TrialResult
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.deadline_policy import RuleInput, TrialInput
from ui.config_seen import seen_version
from ui.forms import FieldSet, combo, optional_datetime, refill_combo
from ui.language import label
from ui.operations import run_action

CASE = "case"


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class DeadlineRulesTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._actor = actor
        self._rules: list[DeadlineRuleRow] = []
        self._selected: DeadlineRuleRow | None = None
        self._custom_inputs: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._rules_page(), self.tr("Rules"))
        self.tabs.addTab(self._trial_page(), self.tr("Trial calculation"))
        self.tabs.addTab(self._hours_page(), self.tr("Business hours"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload()

    # --- vocabularies ----------------------------------------------------------------------

    def _steps(self) -> list[tuple[str, str]]:
        return [(CASE, self.tr("Case deadline")), *((s.value, label(s)) for s in DeadlineStep)]

    def _units(self) -> list[tuple[str, str]]:
        return [(u.value, label(u)) for u in DeadlineUnit]

    def _yes_no(self) -> list[tuple[Any, str]]:
        return [(True, self.tr("Yes")), (False, self.tr("No"))]

    # --- the rules -------------------------------------------------------------------------

    def _rules_page(self) -> QWidget:
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Priority"), self.tr("Times"), self.tr("Conditions"), self.tr("Within"), self.tr("Rule")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_select)

        form_holder = QWidget()
        columns = QHBoxLayout(form_holder)
        left, right = QFormLayout(), QFormLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        f = self.fields = FieldSet()
        priority = QSpinBox()
        priority.setRange(-10_000, 10_000)
        f.add(left, "priority", self.tr("Priority (lower wins)"), priority)
        f.add(left, "step", self.tr("Times"), combo(self._steps(), empty=None))
        f.add(left, "label", self.tr("Rule"), QLineEdit())
        amount = QSpinBox()
        amount.setRange(0, 999)
        f.add(left, "amount", self.tr("Within"), amount)
        f.add(left, "unit", self.tr("Unit"), combo(self._units(), empty=None))
        f.add(left, "kind", self.tr("Kind"), combo([(k.value, label(k)) for k in Kind], self.tr("Any")))
        f.add(left, "category_code", self.tr("Category (any level)"), combo([], self.tr("Any")))
        f.add(
            right,
            "min_severity",
            self.tr("Severity at least"),
            combo([(s.value, label(s)) for s in Severity], self.tr("Any")),
        )
        f.add(right, "major", self.tr("Major"), combo(self._yes_no(), self.tr("Any")))
        f.add(
            right,
            "severity_or_major",
            self.tr("Or major"),
            QCheckBox(self.tr("Severity at least … or major")),
        )
        f.add(right, "foreign", self.tr("Abroad"), combo(self._yes_no(), self.tr("Any")))
        f.add(right, "channel", self.tr("Channel"), combo([], self.tr("Any")))
        f.add(right, "customer_type", self.tr("Customer type"), combo([], self.tr("Any")))
        f.add(right, "custom_key", self.tr("Custom field"), combo([], self.tr("Any")))
        f.add(right, "custom_value", self.tr("Custom field value"), QLineEdit())

        self.message = QLabel()
        self.message.setWordWrap(True)
        new = QPushButton(self.tr("New"))
        new.clicked.connect(self.clear_form)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self._on_save)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self._on_delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(new)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(_scrolled(form_holder), 1)
        bottom_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 300])
        page = QWidget()
        QVBoxLayout(page).addWidget(splitter)
        return page

    def reload(self) -> None:
        """The rules and every pick list as configured now."""
        lookups = self._desk.queries.lookups(self._actor)
        snapshot = self._desk.admin.snapshot(self._actor)
        # Every category, out of use ones too: a rule may name one (the admin page's lists do the same).
        categories = [(code, lbl) for code, lbl, _, _ in snapshot.categories]
        channels = list(lookups.choices.get("channel", {}).items())
        customer_types = list(lookups.choices.get("customer_type", {}).items())
        self._custom_fields = lookups.custom_fields
        customs = [(key, lbl) for key, lbl, *_ in lookups.custom_fields]
        for fields in (self.fields, self.trial_fields):
            refill_combo(fields.widgets["category_code"], categories)  # type: ignore[arg-type]
            refill_combo(fields.widgets["channel"], channels)  # type: ignore[arg-type]
            refill_combo(fields.widgets["customer_type"], customer_types)  # type: ignore[arg-type]
        refill_combo(self.fields.widgets["custom_key"], customs)  # type: ignore[arg-type]
        self._fill_custom_trial_inputs()
        self._names = {
            "category_code": dict(categories),
            "channel": dict(channels),
            "customer_type": dict(customer_types),
            "custom_key": dict(customs),
        }
        self._rules = self._desk.deadline_policy.rules(self._actor)
        self.table.setRowCount(len(self._rules))
        steps, units = dict(self._steps()), dict(self._units())
        for r, rule in enumerate(self._rules):
            within = (
                units.get(rule.unit, rule.unit)
                if rule.unit == DeadlineUnit.SAME_WORKING_DAY.value
                else f"{rule.amount} {units.get(rule.unit, rule.unit)}"
            )
            conditions = self.conditions_text(rule)
            cells = [
                str(rule.priority),
                steps.get(rule.step, rule.step),
                conditions or self.tr("Every case"),
                within,
                rule.label,
            ]
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        hours = snapshot.settings
        for key in ("office_opens", "office_closes", "lunch_starts", "lunch_ends"):
            self.hours_fields.set_value(key, hours.get(key, ""))

    def conditions_text(self, rule: DeadlineRuleRow) -> str:
        """The rule's conditions in a line ("" when it holds for every case)."""
        parts: list[str] = []
        if rule.kind:
            parts.append(label(Kind(rule.kind)))
        if rule.category_code:
            parts.append(self._names["category_code"].get(rule.category_code, rule.category_code))
        severity = label(Severity(rule.min_severity)) if rule.min_severity else ""
        if severity and rule.severity_or_major:
            parts.append(self.tr("%1 or above, or major").replace("%1", severity))
        elif severity:
            parts.append(self.tr("%1 or above").replace("%1", severity))
        elif rule.severity_or_major:
            parts.append(self.tr("major"))
        if rule.major is not None:
            parts.append(self.tr("major") if rule.major else self.tr("not major"))
        if rule.foreign is not None:
            parts.append(self.tr("abroad") if rule.foreign else self.tr("domestic"))
        if rule.channel:
            parts.append(self._names["channel"].get(rule.channel, rule.channel))
        if rule.customer_type:
            parts.append(self._names["customer_type"].get(rule.customer_type, rule.customer_type))
        if rule.custom_key:
            name = self._names["custom_key"].get(rule.custom_key, rule.custom_key)
            parts.append(f"{name} = {rule.custom_value or ''}")
        return " · ".join(parts)

    def clear_form(self) -> None:
        self.table.clearSelection()
        self._selected = None
        for name in self.fields.order:
            self.fields.set_value(name, None)
        self.fields.set_value("step", CASE)
        self.fields.set_value("amount", 1)
        self.fields.set_value("priority", max((r.priority for r in self._rules), default=0) + 10)
        self.fields.clear_errors()
        self.message.clear()

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self._selected = rule = self._rules[rows[0].row()]
        for name in self.fields.order:
            self.fields.set_value(name, getattr(rule, name))
        self.fields.clear_errors()
        self.message.clear()

    def select_rule(self, rule_id: int) -> None:
        """Select the row of a rule (tests, and after saving)."""
        for row, rule in enumerate(self._rules):
            if rule.id == rule_id:
                self.table.selectRow(row)
                return

    def _input(self) -> RuleInput:
        v = self.fields.values()
        return RuleInput(
            priority=v["priority"],
            label=v["label"],
            amount=v["amount"],
            unit=v["unit"] or "",
            step=v["step"] or CASE,
            kind=v["kind"],
            category_code=v["category_code"],
            min_severity=v["min_severity"],
            major=v["major"],
            severity_or_major=v["severity_or_major"],
            foreign=v["foreign"],
            channel=v["channel"],
            customer_type=v["customer_type"],
            custom_key=v["custom_key"],
            custom_value=v["custom_value"] or None,
        )

    def _done(self, text: str) -> None:
        self.fields.clear_errors()
        self.message.setStyleSheet("color: #1e7e34")
        self.message.setText(text)

    def _show_errors(self, error: FieldError) -> None:
        self.message.setStyleSheet("color: #c0392b")
        self.fields.show_errors(error.texts, self.message)

    def _on_save(self) -> None:
        data, selected = self._input(), self._selected
        saved = run_action(
            self,
            lambda: self._desk.deadline_policy.save(
                self._actor, selected.id if selected else None, data, seen=self._seen.version
            ),
            changes=False,
            config_seen=self._seen,
            on_fields=self._show_errors,
        )
        if saved is None:
            return
        self.reload()
        self.select_rule(saved)
        self._done(self.tr("Saved"))

    def confirm_delete(self, rule: DeadlineRuleRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete rule"),
            self.tr("Delete the rule “%1”? Cases registered from now on no longer get it.").replace(
                "%1", rule.label
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_delete(self) -> None:
        rule = self._selected
        if rule is None:
            self.message.setStyleSheet("color: #c0392b")
            self.message.setText(self.tr("Select a rule first"))
            return
        if not self.confirm_delete(rule):
            return

        def call() -> bool:
            self._desk.deadline_policy.delete(self._actor, rule.id, seen=self._seen.version)
            return True

        if run_action(self, call, changes=False, on_fields=self._show_errors, config_seen=self._seen) is None:
            return
        self.reload()
        self.clear_form()
        self._done(self.tr("Deleted"))

    # --- 试算 ------------------------------------------------------------------------------

    def _trial_page(self) -> QWidget:
        facts = QWidget()
        form = QFormLayout(facts)
        f = self.trial_fields = FieldSet()
        f.add(form, "received_at", self.tr("Received at"), optional_datetime(""))
        f.add(
            form,
            "assigned_at",
            self.tr("Assigned at (empty: at intake)"),
            optional_datetime(self.tr("At intake")),
        )
        f.add(
            form,
            "replied_at",
            self.tr("Replied at (empty: when the reply is due)"),
            optional_datetime(self.tr("When due")),
        )
        f.add(form, "kind", self.tr("Kind"), combo([(k.value, label(k)) for k in Kind], empty=None))
        f.add(form, "category_code", self.tr("Category"), combo([], self.tr("Not yet triaged")))
        f.add(
            form,
            "severity",
            self.tr("Severity"),
            combo([(s.value, label(s)) for s in Severity], self.tr("Not yet triaged")),
        )
        f.add(form, "major", self.tr("Major"), QCheckBox(self.tr("Major case")))
        f.add(form, "foreign", self.tr("Abroad"), QCheckBox(self.tr("Customer abroad")))
        f.add(form, "channel", self.tr("Channel"), combo([], ""))
        f.add(form, "customer_type", self.tr("Customer type"), combo([], ""))
        self._custom_form = QFormLayout()
        form.addRow(self._custom_form)
        now = self._desk.clock()
        f.widgets["received_at"].setDateTime(  # type: ignore[attr-defined]
            QDateTime.fromString(f"{now:%Y-%m-%d %H:%M}", "yyyy-MM-dd HH:mm")
        )
        f.set_value("kind", Kind.COMPLAINT.value)
        run = QPushButton(self.tr("Try"))
        run.clicked.connect(self._on_trial)
        self.trial_message = QLabel()
        self.trial_message.setWordWrap(True)
        self.trial_table = QTableWidget(0, 3)
        self.trial_table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("When"), self.tr("By rule")])
        self.trial_table.horizontalHeader().setStretchLastSection(True)
        self.trial_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        result = QWidget()
        result_layout = QVBoxLayout(result)
        result_layout.addWidget(self.trial_table, 1)
        result_layout.addWidget(self.trial_message)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_scrolled(facts), 1)
        left_layout.addWidget(run)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(result)
        splitter.setSizes([420, 600])
        page = QWidget()
        QVBoxLayout(page).addWidget(splitter)
        return page

    def _fill_custom_trial_inputs(self) -> None:
        """One input per custom intake field: a pick list for a choice field, a line otherwise."""
        while self._custom_form.rowCount():
            self._custom_form.removeRow(0)
        self._custom_inputs = {}
        for key, name, field_type, choices, _required in self._custom_fields:
            widget: QWidget = combo([(c, c) for c in choices], "") if field_type == "choice" else QLineEdit()
            widget.setObjectName(f"custom.{key}")
            widget.setAccessibleName(name)
            self._custom_form.addRow(name, widget)
            self._custom_inputs[key] = widget

    def _custom_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key, widget in self._custom_inputs.items():
            value = widget.currentData() if isinstance(widget, QComboBox) else widget.text()  # type: ignore[attr-defined]
            if value:
                values[key] = str(value)
        return values

    def _on_trial(self) -> None:
        v = self.trial_fields.values()
        received = v["received_at"]
        if not isinstance(received, datetime):
            self.trial_fields.show_errors({"received_at": self.tr("Please enter the time of intake")})
            return
        data = TrialInput(
            received_at=received,
            kind=v["kind"] or Kind.COMPLAINT.value,
            category_code=v["category_code"],
            severity=v["severity"],
            major=v["major"],
            foreign=v["foreign"],
            channel=v["channel"],
            customer_type=v["customer_type"],
            custom_values=self._custom_values(),
            assigned_at=v["assigned_at"],
            replied_at=v["replied_at"],
        )

        def show(error: FieldError) -> None:
            self.trial_fields.show_errors(error.texts, self.trial_message)

        result = run_action(
            self, lambda: self._desk.deadline_policy.trial(self._actor, data), changes=False, on_fields=show
        )
        if result is not None:
            self.trial_fields.clear_errors()
            self.show_trial(result)

    def show_trial(self, result: TrialResult) -> None:
        steps = dict(self._steps())
        items = [result.case, *result.steps]
        self.trial_table.setRowCount(len(items))
        for row, item in enumerate(items):
            when = f"{item.due:%Y-%m-%d %H:%M}"
            if item.unconfirmed:
                when += " " + self.tr("(unconfirmed)")
            cells = [steps.get(item.step, item.step), when, self._rule_text(item)]
            for column, value in enumerate(cells):
                self.trial_table.setItem(row, column, QTableWidgetItem(value))
        self.trial_table.resizeColumnsToContents()
        self.trial_message.setText(
            self.tr("Some days counted lie in a year whose holidays are not confirmed yet.")
            if result.unconfirmed
            else ""
        )

    def _rule_text(self, item: TrialDue) -> str:
        if item.rule_priority is None:
            return self.tr("No rule: due with the case")
        text = (
            self.tr("%1 (priority %2)").replace("%2", str(item.rule_priority)).replace("%1", item.rule_name)
        )
        if item.capped:
            text += " — " + self.tr("later than the case deadline, so due with the case")
        return text

    # --- business hours ----------------------------------------------------------------------

    def _hours_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        f = self.hours_fields = FieldSet()
        for key, text in (
            ("office_opens", self.tr("Office opens (HH:MM)")),
            ("office_closes", self.tr("Office closes (HH:MM)")),
            ("lunch_starts", self.tr("Lunch break starts (empty: none)")),
            ("lunch_ends", self.tr("Lunch break ends (empty: none)")),
        ):
            f.add(form, key, text, QLineEdit())
        note = QLabel(
            self.tr(
                "Working hours count only inside these hours on working days, without the lunch break; "
                "deadlines in working days and same-day deadlines fall due at closing."
            )
        )
        note.setWordWrap(True)
        self.hours_message = QLabel()
        save = QPushButton(self.tr("Save business hours"))
        save.clicked.connect(self._on_save_hours)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.hours_message)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _on_save_hours(self) -> None:
        v = self.hours_fields.values()

        def call() -> bool:
            self._desk.deadline_policy.save_business_hours(
                self._actor,
                v["office_opens"],
                v["office_closes"],
                v["lunch_starts"],
                v["lunch_ends"],
                seen=self._seen.version,
            )
            return True

        def show(error: FieldError) -> None:
            self.hours_fields.show_errors(error.texts, self.hours_message)

        if run_action(self, call, changes=False, on_fields=show, config_seen=self._seen) is not None:
            self.hours_fields.clear_errors()
            self.hours_message.setStyleSheet("color: #1e7e34")
            self.hours_message.setText(self.tr("Saved"))
