"""Starting the desktop app: log file and crash hook, interface language, database (upgrade with backup),
first run, login."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from branchdesk.errors import BranchDeskError
from branchdesk.logs import configure_logging
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from ui import crash
from ui.first_run_dialog import FirstRunDialog
from ui.i18n import install_translations, startup_language
from ui.language import set_language
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.operations import Worker, error_text

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
    login = LoginDialog(desk, title)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return 0
    # MainWindow._check_config_version polls the configuration version (any PC's admin write bumps it)
    # with the sweep and announces sig_config_changed.
    window = MainWindow(desk, login.actor, title, config_version=desk.configuration_version)
    window.show()
    return app.exec()
