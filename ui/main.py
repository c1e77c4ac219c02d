"""Starting the desktop app: translations, database (upgrade with backup), first run, login."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from branchdesk.errors import BranchDeskError
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from ui.first_run_dialog import FirstRunDialog
from ui.i18n import install_translations
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow


def open_desk(db_arg: str | None, demo: bool) -> BranchDesk:
    desk = BranchDesk(Database(resolve_url(db_arg, demo=demo)))
    if desk.is_initialised():
        desk.upgrade()
    elif demo:
        from branchdesk.services.demo import build_demo

        build_demo(desk)
    return desk


def run(db_arg: str | None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    install_translations(app)
    try:
        desk = open_desk(db_arg, demo)
    except BranchDeskError as exc:
        QMessageBox.critical(None, app.translate("main", "BranchDesk"), exc.message)
        return 1
    if not desk.is_initialised() and FirstRunDialog(desk).exec() != QDialog.DialogCode.Accepted:
        return 1
    desk.cases.sweep()
    with desk.db.read() as session:
        from branchdesk.services.configuration import load_config

        config = load_config(session)
    title = config.branch_name + ("（演示）" if config.demo else "")
    login = LoginDialog(desk, title)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return 0
    window = MainWindow(desk, login.actor, title)
    window.show()
    return app.exec()
