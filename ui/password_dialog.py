"""Passwords: a user changes their own (用户 → 修改密码, or forced after an administrator's reset), and an
administrator gives a user a temporary one (设置 → 用户与角色 → 重置密码)."""

from __future__ import annotations

import secrets

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import AuthenticationFailed, FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.auth import MIN_PASSWORD_LENGTH
from branchdesk.services.context import Actor
from branchdesk.services.dto import UserRow
from ui.help import install_f1
from ui.language import render
from ui.operations import run_action
from ui.screen_fit import fit_to_screen

#: Letters and digits that cannot be misread when told over the phone or written down (no 0/O, 1/l/I).
READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password(length: int = 10) -> str:
    return "".join(secrets.choice(READABLE) for _ in range(length))


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class ChangePasswordDialog(QDialog):
    """The current password, the new one twice. ``forced``: after an administrator's reset, at login."""

    def __init__(
        self, desk: BranchDesk, actor: Actor, forced: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self.actor: Actor | None = None  # the refreshed user once the password is changed
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr("An administrator reset your password, %1. Choose your own before you go on.")
            .replace("%1", actor.full_name)
            if forced
            else self.tr("%1, choose a new password.").replace("%1", actor.full_name)
        )
        intro.setWordWrap(True)
        rules = QLabel(
            self.tr("At least %1 characters, not beginning or ending with a space.").replace(
                "%1", str(MIN_PASSWORD_LENGTH)
            )
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555")
        self.old_password = _secret(
            self.tr("Temporary password") if forced else self.tr("Current password")
        )
        self.new_password = _secret(self.tr("New password"))
        self.new_again = _secret(self.tr("New password again"))
        form = QFormLayout()
        for edit in (self.old_password, self.new_password, self.new_again):
            form.addRow(edit.accessibleName(), edit)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change password"))
        if forced:  # no way past it: cancelling goes back to the login
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Back to login"))
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, rules):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        install_f1(self, "password")
        fit_to_screen(self)  # issue 17: never taller than the screen
        self.old_password.setFocus()

    def _on_ok(self) -> None:
        if self.new_password.text() != self.new_again.text():
            self._show(self.tr("The two new passwords differ."), self.new_again)
            return
        old, new = self.old_password.text(), self.new_password.text()

        def call() -> Actor | AuthenticationFailed:
            try:
                return self._desk.auth.change_password(self._actor, old, new)
            except AuthenticationFailed as exc:  # shown in the dialog, like the login's
                return exc

        result = run_action(
            self,
            call,
            changes=False,
            on_fields=lambda e: self._show(render(next(iter(e.texts.values()))), self.new_password),
        )
        if isinstance(result, AuthenticationFailed):
            self._show(render(result.text), self.old_password)
        elif result is not None:
            self.actor = result
            self.accept()

    def _show(self, message: str, focus: QLineEdit) -> None:
        self.message.setText(message)
        focus.selectAll()
        focus.setFocus()


class ResetPasswordDialog(QDialog):
    """The administrator gives ``user`` a temporary password (suggested, readable) to tell them."""

    def __init__(
        self, desk: BranchDesk, actor: Actor, user: UserRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._user = user
        self.setWindowTitle(self.tr("Reset password"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Give %1 a temporary password and tell it to them in person. They must choose their own "
                "at the next login. A lock after wrong passwords is lifted as well."
            ).replace("%1", f"{user.full_name} ({user.username})")
        )
        intro.setWordWrap(True)
        self.password = QLineEdit(temporary_password())
        self.password.setAccessibleName(self.tr("Temporary password"))
        self.password.setStyleSheet("font-family: monospace; font-size: 13pt")
        form = QFormLayout()
        form.addRow(self.password.accessibleName(), self.password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reset password"))
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        install_f1(self, "users")
        fit_to_screen(self)  # issue 17: never taller than the screen

    def _on_ok(self) -> None:
        password = self.password.text()

        def shown(error: FieldError) -> None:
            self.message.setText(render(next(iter(error.texts.values()))))

        done = run_action(
            self,
            lambda: self._desk.admin.reset_password(self._actor, self._user.id, password) or True,
            changes=False,
            on_fields=shown,
        )
        if done is not None:
            self.accept()
