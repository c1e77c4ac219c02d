"""The day's first start backs up the database — off the GUI thread, while the login shows and the clerk
works (issue 16: at a million cases the copy and its page-by-page check take minutes; before, the window
waited for them).

The backup's copy is checked page by page (``PRAGMA integrity_check``); the start itself only checks the
file's shape (``check_sqlite_file(thorough=False)``). So a damaged page anywhere in the database is found
here: the person is told at once, the file is marked (``<database>.damaged-pages``), and the next start
reads every page and offers the newest good backup.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from branchdesk.errors import BranchDeskError, StorageError
from branchdesk.storage.backup import copy_backup, daily_backup
from branchdesk.storage.failures import explain
from branchdesk.storage.integrity import damaged_pages_mark
from branchdesk.storage.statistics import refresh_statistics
from ui.language import render
from ui.operations import Worker

log = logging.getLogger(__name__)

#: The backup's verification failed: the live database has damaged pages (``backup_sqlite``).
DAMAGED = "storage.backup_check"


def back_up_for_the_day(path: Path, now: datetime, copy_folder: str) -> StorageError | None:
    """The day's backup (nothing when one exists), copied to the second folder; a ``StorageError`` that
    says the database is damaged is returned for the GUI thread to show, every other failure logged."""
    damage: StorageError | None = None
    try:
        info = daily_backup(path, now)
        if info is not None and copy_folder:
            copy_backup(info, Path(copy_folder))
        if info is not None:
            refresh_day_statistics(path)
    except StorageError as exc:
        if exc.text.code != DAMAGED:
            log.warning("the daily backup of %s: %s", path, exc.message)  # e.g. the USB disk not plugged in
            return None
        damage = exc
    except sqlite3.DatabaseError as exc:  # a page the copy or its counts could not read
        said = explain(exc, str(path))
        if said is None or said.code != "storage.damaged":
            log.exception("the daily backup of %s failed", path)
            return None
        damage = StorageError(said)
    except (BranchDeskError, OSError, sqlite3.Error):  # a failed backup must not stop the day's work
        log.exception("the daily backup of %s failed", path)
        return None
    if damage is None:
        return None
    log.error("the day's backup of %s found damaged pages: %s", path, damage.message)
    try:  # the next start reads every page and offers the newest good backup
        damaged_pages_mark(path).touch()
    except OSError:
        log.exception("cannot mark %s as damaged", path)
    return damage


def refresh_day_statistics(path: Path) -> None:
    """The planner's statistics, once a day when the branch's size has moved (``storage/statistics``);
    a failure (another PC writing past the busy timeout) leaves them for tomorrow."""
    try:
        if refresh_statistics(path):
            log.info("planner statistics of %s taken again", path)
    except sqlite3.Error:
        log.exception("the planner statistics of %s", path)


class DayStart(QObject):
    """Runs ``back_up_for_the_day`` in a worker thread; ``wait()`` before the process ends."""

    sig_finished = Signal(object)  # the StorageError that says the database is damaged, or None

    def __init__(self, path: Path, now: datetime, copy_folder: str) -> None:
        super().__init__()
        self.worker = Worker(lambda: back_up_for_the_day(path, now, copy_folder))
        self.worker.sig_done.connect(self._on_done)
        self.worker.sig_failed.connect(lambda text: log.error("the day's backup: %s", text))

    def start(self) -> None:
        self.worker.start()

    def wait(self) -> None:
        if self.worker.isRunning():
            log.info("waiting for the day's backup to finish before quitting")
        self.worker.wait()

    def _on_done(self, damaged: object) -> None:
        if isinstance(damaged, StorageError):
            app = QApplication.instance()
            QMessageBox.critical(
                app.activeWindow() if isinstance(app, QApplication) else None,
                QCoreApplication.translate("main", "BranchDesk"),
                render(damaged.text)
                + "\n\n"
                + QCoreApplication.translate(
                    "main",
                    "The database file is damaged. Close BranchDesk and start it again: it offers to "
                    "restore the newest good backup.",
                ),
            )
        self.sig_finished.emit(damaged)
