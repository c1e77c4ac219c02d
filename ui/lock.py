"""Locking the window: Ctrl+L, or after the idle time the administrator set. Unlocking needs the password."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from branchdesk.errors import AuthenticationFailed
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.help import install_f1
from ui.language import render
from ui.screen_fit import fit_to_screen

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}


class LockDialog(QDialog):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self.setWindowTitle(self.tr("Locked"))
        self.setModal(True)
        text = QLabel(
            self.tr("BranchDesk is locked. %1, type your password to go on.").replace("%1", actor.full_name)
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        buttons.accepted.connect(self._on_unlock)
        install_f1(self, "lock")
        layout = QVBoxLayout(self)
        for widget in (text, self.password, self.message, buttons):
            layout.addWidget(widget)
        fit_to_screen(self)  # issue 17: never taller than the screen

    def _on_unlock(self) -> None:
        try:
            self._desk.auth.verify(self._actor, self.password.text())
        except AuthenticationFailed as exc:
            self.message.setText(render(exc.text))
            self.password.clear()
            return
        self.accept()

    def reject(self) -> None:  # Esc must not unlock
        return


class IdleWatcher(QObject):
    """Calls ``on_idle`` after ``minutes`` without keyboard or mouse activity."""

    def __init__(self, minutes: int, on_idle: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(on_idle)  # type: ignore[arg-type]
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.timer.start()
        return False
