"""Starting the desktop app: translations, database (upgrade with backup), first run, login."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from branchdesk.errors import BranchDeskError
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from ui.first_run_dialog import FirstRunDialog
from ui.i18n import install_translations
from ui.language import render
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.operations import Worker


def open_desk(db_arg: str | None, demo: bool) -> BranchDesk:
    desk = BranchDesk(Database(resolve_url(db_arg, demo=demo)))
    if desk.is_initialised():
        desk.upgrade()
    elif demo:
        build_demo_with_progress(desk)
    return desk


def build_demo_with_progress(desk: BranchDesk) -> None:
    """The demo branch takes half a minute: build it off the GUI thread, with a busy dialog."""
    from branchdesk.demo import build_demo

    app = QApplication.instance()
    dialog = QProgressDialog(app.translate("main", "Building the demo branch (about 300 cases)…"), "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(app.translate("main", "BranchDesk"))
    dialog.setMinimumDuration(0)
    worker = Worker(lambda: build_demo(desk))
    failure: list[str] = []
    worker.sig_failed.connect(failure.append)
    worker.finished.connect(dialog.close)
    worker.start()
    dialog.exec()
    worker.wait()
    if failure:
        raise BranchDeskError(failure[0])


def run(db_arg: str | None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    install_translations(app)
    try:
        desk = open_desk(db_arg, demo)
    except BranchDeskError as exc:
        QMessageBox.critical(None, app.translate("main", "BranchDesk"), render(exc.text))
        return 1
    if not desk.is_initialised() and FirstRunDialog(desk).exec() != QDialog.DialogCode.Accepted:
        return 1
    desk.cases.sweep()
    with desk.db.read() as session:
        from branchdesk.config import load_config

        config = load_config(session)
    title = config.branch_name + ("（演示）" if config.demo else "")
    login = LoginDialog(desk, title)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return 0
    window = MainWindow(desk, login.actor, title)
    window.show()
    return app.exec()
