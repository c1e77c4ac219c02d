"""Starting the desktop app: log file and crash hook, interface language, database (upgrade with backup),
first run, login (a forced password change after an administrator's reset), and the login again after
a user logs out."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from branchdesk.errors import BranchDeskError
from branchdesk.logs import configure_logging
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.database import Database, resolve_url
from ui import crash
from ui.first_run_dialog import FirstRunDialog
from ui.i18n import install_translations, startup_language
from ui.language import set_language
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.operations import Worker, error_text
from ui.password_dialog import ChangePasswordDialog

log = logging.getLogger(__name__)


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


def run(db_arg: str | None, demo: bool = False, language: str | None = None) -> int:
    """The desktop app (the ``branchdesk.gui`` entry point); ``language``: ``--lang``, if given."""
    log_path = configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    crash.install()
    chosen = startup_language(language)
    install_translations(app, chosen)
    set_language(chosen)
    log.info("desktop app starting: language %s, log %s", chosen, log_path)
    try:
        desk = open_desk(db_arg, demo)
    except BranchDeskError as exc:
        log.warning("cannot open the database: %s", error_text(exc))
        QMessageBox.critical(None, app.translate("main", "BranchDesk"), error_text(exc))
        return 1
    if not desk.is_initialised() and FirstRunDialog(desk).exec() != QDialog.DialogCode.Accepted:
        return 1
    desk.cases.sweep()
    name, demo_branch = desk.branch_identity()
    title = name + (app.translate("main", " (demo)") if demo_branch else "")
    return run_sessions(desk, title, app.exec)


def log_in(desk: BranchDesk, title: str) -> Actor | None:
    """The login; after an administrator's reset the new password first (cancel: the login again).
    None when the login is cancelled."""
    while True:
        login = LoginDialog(desk, title)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return None
        if not login.actor.must_change_password:
            return login.actor
        change = ChangePasswordDialog(desk, login.actor, forced=True)
        if change.exec() == QDialog.DialogCode.Accepted and change.actor is not None:
            return change.actor


def run_sessions(desk: BranchDesk, title: str, event_loop: Callable[[], int]) -> int:
    """Login, main window, until the window closes; after 用户 → 注销 the login again (same process).

    ``event_loop`` is ``QApplication.exec``: it returns when the last window closed.
    """
    while True:
        actor = log_in(desk, title)
        if actor is None:
            return 0
        log.info("session of %s starts", actor.username)
        # MainWindow._check_config_version polls the configuration version (any PC's admin write bumps it)
        # with the sweep and announces sig_config_changed.
        window = MainWindow(desk, actor, title, config_version=desk.configuration_version)
        window.show()
        code = event_loop()
        if not window.logged_out:
            return code
        log.info("%s logged out", actor.username)
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
