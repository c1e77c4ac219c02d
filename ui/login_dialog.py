"""Log in: choose the user, type the password. A wrong password never says which part was wrong."""

from __future__ import annotations

from PySide6.QtCore import QSettings
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

from branchdesk.errors import AuthenticationFailed
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.help import install_f1
from ui.language import person_with_department, render
from ui.screen_fit import fit_to_screen


class LoginDialog(QDialog):
    def __init__(self, desk: BranchDesk, branch_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("BranchDesk — log in"))
        title = QLabel(branch_title)
        title.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.setAccessibleName(self.tr("User"))
        for username, full_name in desk.auth.login_names():
            self.user.addItem(person_with_department(full_name, username), username)
        last = QSettings().value("login/last_user")
        if last:
            self.user.setCurrentIndex(max(self.user.findData(last), 0))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self._on_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        install_f1(self, "login")
        fit_to_screen(self)  # issue 17: never taller than the screen
        self.password.setFocus()

    def _username(self) -> str:
        data = self.user.currentData()
        if data and self.user.currentText() == self.user.itemText(self.user.currentIndex()):
            return str(data)
        return self.user.currentText().strip()

    def _on_login(self) -> None:
        try:
            self.actor = self._desk.auth.login(self._username(), self.password.text())
        except AuthenticationFailed as exc:
            self.message.setText(render(exc.text))
            self.password.selectAll()
            self.password.setFocus()
            return
        QSettings().setValue("login/last_user", self.actor.username)
        self.accept()
