"""First start on an empty database: name the branch and create the first administrator."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError, FieldError
from branchdesk.policy.presets import list_presets
from branchdesk.services import BranchDesk
from ui.language import render
from ui.policy_tab import preset_title
from ui.screen_fit import fit_to_screen


class FirstRunDialog(QDialog):
    def __init__(self, desk: BranchDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle(self.tr("Set up BranchDesk"))
        intro = QLabel(
            self.tr(
                "This database is new. Name your branch and create the first "
                "administrator. There is no default password."
            )
        )
        intro.setWordWrap(True)
        self.name = self._field(self.tr("Branch name"))
        self.code = self._field(self.tr("Branch code"))
        self.code.setPlaceholderText("BJ01")
        self.username = self._field(self.tr("Administrator user name"))
        self.full_name = self._field(self.tr("Administrator full name"))
        self.password = self._field(self.tr("Password"), secret=True)
        self.password_again = self._field(self.tr("Password again"), secret=True)
        # issue 13 "policy": the branch starts on a ready-made policy (通用 = the shipped defaults)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Starting policy"))
        for preset in list_presets():
            self.preset.addItem(preset_title(preset.name, preset.title), preset.name)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.message.setWordWrap(True)
        form = QFormLayout()
        for widget in (
            self.name,
            self.code,
            self.username,
            self.full_name,
            self.password,
            self.password_again,
        ):
            form.addRow(widget.accessibleName(), widget)
        form.addRow(self.preset.accessibleName(), self.preset)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self)  # issue 17: never taller than the screen

    def _field(self, label: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(label)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _on_ok(self) -> None:
        if self.password.text() != self.password_again.text():
            self._show(self.tr("The two passwords differ."), self.password_again)
            return
        try:
            self._desk.initialise(
                name=self.name.text(),
                code=self.code.text(),
                admin_username=self.username.text(),
                admin_full_name=self.full_name.text(),
                admin_password=self.password.text(),
                preset=self.preset.currentData() or None,  # issue 13 "policy"
            )
        except FieldError as exc:
            widgets = {
                "name": self.name,
                "code": self.code,
                "admin_username": self.username,
                "admin_full_name": self.full_name,
                "password": self.password,
            }
            field, text = next(iter(exc.texts.items()))
            self._show(render(text), widgets.get(field, self.name))
            return
        except BranchDeskError as exc:
            self._show(render(exc.text), self.name)
            return
        self.accept()

    def _show(self, message: str, widget: QLineEdit) -> None:
        self.message.setText(message)
        widget.setFocus()
