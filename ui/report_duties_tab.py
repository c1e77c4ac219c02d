"""设置 → 应交报表 (issue 15 part M, administrator): the reports the policy asks for — the period, when
it is due, who makes it. The checks are the core's (``domain/report_duties.duty_problems``); a change
names the version the table showed, so one made meanwhile on another PC is refused, not overwritten."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.report_duties import DAY_BOUNDS, DUTY_ROLES, LABEL_LIMIT
from branchdesk.domain.vocab import Role
from branchdesk.errors import FieldError
from branchdesk.read.report_duties import DutyRow
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.config_seen import seen_version
from ui.language import label, render
from ui.operations import field_errors, run_action


class ReportDutiesTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor) -> None:
        super().__init__()
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # the configuration version this PC's screens name
        explain = QLabel(
            self.tr(
                "The reports the policy asks for. Each shows on the work page of the people with its role (of its"
                " department, if one is named) from the end of its period until a summary of that period is"
                " exported, in red once its due date has passed. Due dates are calendar dates."
            )
        )
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Report"), self.tr("Period"), self.tr("Due"), self.tr("Made by"), self.tr("Department")]
        )
        self.table.setAccessibleName(self.tr("Reports due"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.label_edit = QLineEdit()
        self.label_edit.setMaxLength(LABEL_LIMIT)
        self.label_edit.setAccessibleName(self.tr("Report"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Period"))
        for code, text in (
            ("week", self.tr("Week")),
            ("month", self.tr("Month")),
            ("quarter", self.tr("Quarter")),
            ("half", self.tr("Half year")),
            ("year", self.tr("Year")),
        ):
            self.kind.addItem(text, code)
        self.rule = QComboBox()
        self.rule.setAccessibleName(self.tr("Due"))
        self.rule.addItem(self.tr("Day N after the period ends"), "after_end")
        self.rule.addItem(self.tr("Day N of the period's last month"), "last_month")
        self.day = QSpinBox()
        self.day.setAccessibleName(self.tr("Day N"))
        self.day.setRange(1, max(high for _low, high in DAY_BOUNDS.values()))
        self.day.setValue(10)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Made by"))
        for code in DUTY_ROLES:
            self.role.addItem(label(Role(code)), code)
        self.role.setCurrentIndex(max(0, self.role.findData(Role.CR_MANAGER.value)))
        self.department = QComboBox()
        self.department.setAccessibleName(self.tr("Department"))
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.label_edit)
        due_row = QHBoxLayout()
        due_row.addWidget(self.rule, 1)
        due_row.addWidget(QLabel(self.tr("N =")))
        due_row.addWidget(self.day)
        form.addRow(self.tr("Period"), self.kind)
        form.addRow(self.tr("Due"), due_row)
        form.addRow(self.tr("Made by"), self.role)
        form.addRow(self.tr("Department"), self.department)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(lambda: self.save(new=True))
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(lambda: self.save(new=False))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.errors = QLabel()
        self.errors.setStyleSheet("color: #b00020")
        self.errors.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)
        self.rows: list[DutyRow] = []
        self.reload()

    def reload(self) -> None:
        snapshot = run_action(self, lambda: self._desk.admin.snapshot(self._me), changes=False)
        current = self.department.currentData()
        self.department.clear()
        self.department.addItem(self.tr("Any department"), None)
        names: dict[str, str] = {}
        for _id, code, name, active in snapshot.departments if snapshot else []:
            names[code] = name
            if active:
                self.department.addItem(name, code)
        self.department.setCurrentIndex(max(0, self.department.findData(current)))
        self.rows = list(
            run_action(self, lambda: self._desk.report_duties.duties(self._me), changes=False) or ()
        )
        self.table.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            department = names.get(r.department, r.department) if r.department else self.tr("Any department")
            for column, value in enumerate(
                (
                    r.label,
                    self.kind.itemText(self.kind.findData(r.kind)),
                    render(r.rule_text),
                    label(Role(r.role)),
                    department,
                )
            ):
                self.table.setItem(n, column, QTableWidgetItem(value))
        self._on_selected()

    def _selected(self) -> DutyRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _on_selected(self) -> None:
        chosen = self._selected()
        self.save_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        if chosen is None:
            return
        self.label_edit.setText(chosen.label)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen.kind)))
        self.rule.setCurrentIndex(max(0, self.rule.findData(chosen.rule)))
        self.day.setValue(chosen.day)
        self.role.setCurrentIndex(max(0, self.role.findData(chosen.role)))
        self.department.setCurrentIndex(max(0, self.department.findData(chosen.department)))

    def _show_fields(self, exc: FieldError) -> None:
        self.errors.setText("；".join(field_errors(exc).values()))

    def save(self, new: bool) -> None:
        self.errors.clear()
        chosen = None if new else self._selected()
        if not new and chosen is None:
            return
        values = {
            "label": self.label_edit.text(),
            "kind": str(self.kind.currentData()),
            "rule": str(self.rule.currentData()),
            "day": self.day.value(),
            "role": str(self.role.currentData()),
            "department": self.department.currentData(),
        }
        duty_id, seen = (chosen.id, chosen.version) if chosen else (None, None)
        done = run_action(
            self,
            lambda: self._desk.report_duties.save(self._me, duty_id, seen=seen, **values),
            changes=False,
            config_seen=self._seen,  # checked by the duty's own version; the configuration's moves too
            on_fields=self._show_fields,
        )
        if done is not None:
            self.reload()

    def remove(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        done = run_action(
            self,
            lambda: self._desk.report_duties.remove(self._me, chosen.id, chosen.version) or True,
            changes=False,
            config_seen=self._seen,
        )
        if done is not None:
            self.reload()
