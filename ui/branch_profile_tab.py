"""设置 → 网点信息 (issue 12): the branch's name, code, address, phone, fax and postal code.

What the forms print in their header and foot. One save calls ``desk.branch_profile.save``; its
``FieldError`` marks the fields here, and success announces ``sig_config_changed`` (the window title
and every form read the profile from the configuration).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.defaults import FORM_CUSTOM_DEFAULT
from branchdesk.errors import FieldError
from branchdesk.printing.content import form_custom_keys
from branchdesk.services import BranchDesk
from branchdesk.services.branch_profile import PROFILE_LIMITS, BranchProfile
from branchdesk.services.context import Actor
from ui.config_seen import seen_version
from ui.forms import FieldSet
from ui.operations import app_signals, run_action

FIELDS = ("name", "code", "address", "phone", "fax", "postal_code")


class BranchProfileTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        labels = {
            "name": self.tr("Branch name"),
            "code": self.tr("Branch code"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone"),
            "fax": self.tr("Fax"),
            "postal_code": self.tr("Postal code"),
        }
        self.fields = FieldSet()
        form = QFormLayout()
        for name in FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(PROFILE_LIMITS.get(name, 6) * 2)  # the core counts exactly; this stops a paste
            self.fields.add(form, name, labels[name], edit)
        note = QLabel(
            self.tr(
                "Printed on the receipt, the handling form and the report, and in the monthly summary's title. "
                "The branch code starts the case numbers when the administrator chose so; existing numbers stay."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.message.hide()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved)
        buttons.addStretch()
        self.outputs = OutputFieldsBox(desk, actor)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.outputs)
        layout.addStretch()
        self._stale = True
        app_signals().sig_config_changed.connect(self._on_config_changed)

    def _on_config_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        self.outputs.reload()
        profile = run_action(self, lambda: self._desk.branch_profile.get(self._actor), changes=False)
        if profile is None:
            return
        for name in FIELDS:
            self.fields.set_value(name, getattr(profile, name))
        self.fields.clear_errors()

    def save(self) -> None:
        self.message.hide()
        self.saved.clear()
        values = self.fields.values()
        profile = BranchProfile(**{name: str(values[name] or "") for name in FIELDS})

        def show(error: FieldError) -> None:
            self.fields.show_errors(error.texts, self.message)

        result = run_action(
            self,
            lambda: self._desk.branch_profile.save(self._actor, profile, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
            on_fields=show,
        )
        if result is not None:
            self.fields.clear_errors()
            for name in FIELDS:
                self.fields.set_value(name, getattr(result, name))
            self.saved.setText(self.tr("Saved"))


#: The forms that may print the branch's own fields, in the order of the grid's columns.
OUTPUT_FORMS = ("receipt", "handling", "report")


class OutputFieldsBox(QGroupBox):
    """Which of the branch's own fields each form prints (setting ``form_custom_fields``) and the field
    the monthly summary breaks the month down by (``monthly_breakdown_field``): issue 12 "fields"."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("The branch's own fields on forms and reports"), parent)
        self._desk = desk
        self._actor = actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self.headers = {
            "receipt": self.tr("Receipt"),
            "handling": self.tr("Handling form"),
            "report": self.tr("Investigation report"),
        }
        self.grid = QGridLayout()
        self.checks: dict[tuple[str, str], QCheckBox] = {}
        self._saved_forms: dict[str, list[str]] = {}
        self._saved_breakdown = ""
        self._read: dict[str, dict[str, Any]] = {}
        self.breakdown = QComboBox()
        self.breakdown.setAccessibleName(self.tr("Monthly summary broken down by"))
        self.none_label = QLabel(self.tr("The branch has no custom intake fields."))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        month = QFormLayout()
        month.addRow(self.tr("Monthly summary broken down by"), self.breakdown)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.none_label)
        layout.addLayout(self.grid)
        layout.addLayout(month)
        layout.addLayout(buttons)

    def reload(self) -> None:
        snapshot = run_action(self, lambda: self._desk.admin.snapshot(self._actor), changes=False)
        if snapshot is None:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.checks.clear()
        active = [(key, label) for key, label, _t, _c, _r, on in snapshot.custom_fields if on]
        chosen = snapshot.settings.get("form_custom_fields") or {}
        # what each form prints now: the printing rule itself (the setting, else the default)
        shown = {
            form: form_custom_keys(form, [key for key, _label in active], chosen, FORM_CUSTOM_DEFAULT)
            for form in OUTPUT_FORMS
        }
        if active:
            for column, form in enumerate(OUTPUT_FORMS, start=1):
                self.grid.addWidget(QLabel(self.headers[form]), 0, column)
        for row, (key, label) in enumerate(active, start=1):
            self.grid.addWidget(QLabel(label), row, 0)
            for column, form in enumerate(OUTPUT_FORMS, start=1):
                box = QCheckBox()
                box.setAccessibleName(f"{label} · {self.headers[form]}")
                box.setChecked(key in shown[form])
                self.grid.addWidget(box, row, column)
                self.checks[(form, key)] = box
        self.none_label.setVisible(not active)
        self.save_button.setEnabled(bool(active))
        self.breakdown.clear()
        self.breakdown.addItem(self.tr("No breakdown"), "")
        for key, label in active:
            self.breakdown.addItem(label, key)
        current = str(snapshot.settings.get("monthly_breakdown_field") or "")
        self.breakdown.setCurrentIndex(max(self.breakdown.findData(current), 0))
        self._saved_forms = self._chosen_forms()
        self._saved_breakdown = current
        # the stored values as read (a setting the branch never stored has none: not checked)
        self._read = {
            key: {"seen": snapshot.settings[key]} if key in snapshot.settings else {}
            for key in ("form_custom_fields", "monthly_breakdown_field")
        }

    def _chosen_forms(self) -> dict[str, list[str]]:
        return {
            form: [key for (f, key), box in self.checks.items() if f == form and box.isChecked()]
            for form in OUTPUT_FORMS
        }

    def save(self) -> None:
        self.saved.clear()
        forms = self._chosen_forms()
        breakdown = str(self.breakdown.currentData() or "")
        admin = self._desk.admin

        def store() -> bool:
            # each as read: one another PC changed since is refused naming who set what
            if forms != self._saved_forms:
                admin.set_setting(self._actor, "form_custom_fields", forms, **self._read["form_custom_fields"])
            if breakdown != self._saved_breakdown:
                admin.set_setting(
                    self._actor, "monthly_breakdown_field", breakdown, **self._read["monthly_breakdown_field"]
                )
            return True

        # settings, checked by value where shown; the version this PC names follows the last write
        if run_action(self, store, changes=False, config_seen=self._seen) is not None:
            self._saved_forms, self._saved_breakdown = forms, breakdown
            self.saved.setText(self.tr("Saved"))
