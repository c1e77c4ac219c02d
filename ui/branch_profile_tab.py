"""设置 → 网点信息 (issue 12): the branch's name, code, address, phone, fax and postal code.

What the forms print in their header and foot. One save calls ``desk.branch_profile.save``; its
``FieldError`` marks the fields here, and success announces ``sig_config_changed`` (the window title
and every form read the profile from the configuration).
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.branch_profile import PROFILE_LIMITS, BranchProfile
from branchdesk.services.context import Actor
from ui.forms import FieldSet
from ui.operations import app_signals, run_action

FIELDS = ("name", "code", "address", "phone", "fax", "postal_code")


class BranchProfileTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
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
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
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
            lambda: self._desk.branch_profile.save(self._actor, profile),
            changes=False,
            config=True,
            on_fields=show,
        )
        if result is not None:
            self.fields.clear_errors()
            for name in FIELDS:
                self.fields.set_value(name, getattr(result, name))
            self.saved.setText(self.tr("Saved"))
