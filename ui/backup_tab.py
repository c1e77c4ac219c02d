"""设置 → 备份与恢复: back up now (and copy to the second folder), the list of backups, restore one.

A restore from inside the running app: this process holds the instance lock beside the database,
and ``backup.restore`` refuses only a lock held by *another* live process, so the app restores
itself — after closing its own database connections (``Database.dispose``) — and keeps its lock
throughout, so no second start can open the file while it is swapped. Then it closes: the user
starts it again on the restored database (no screen keeps rows of the replaced one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError, StorageError
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.backup import (
    DAILY,
    DAMAGED,
    IMPORT,
    MANUAL,
    MIGRATION,
    RESTORE,
    BackupInfo,
    RestoreResult,
    copy_backup,
    list_backups,
    make_backup,
    restore,
)
from branchdesk.storage.failures import explain
from ui.config_seen import seen_version
from ui.export_done import open_path
from ui.operations import Worker, error_text, run_action
from ui.progress import ProgressRun, Report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupDone:
    """A manual backup, where it went, and the copy in the second folder (or why it failed)."""

    info: BackupInfo
    copy: Path | None
    copy_failure: str | None


def back_up(desk: BranchDesk) -> BackupDone:
    """Off the GUI thread: a manual backup, then its copy in the second folder (a failed copy is reported)."""
    assert desk.db.path is not None
    info = make_backup(desk.db.path, MANUAL, desk.clock())
    folder = desk.backup_copy_folder()
    if not folder:
        return BackupDone(info, None, None)
    try:
        return BackupDone(info, copy_backup(info, Path(folder)), None)
    except StorageError as exc:
        return BackupDone(info, None, error_text(exc))


def reveal_folder(folder: Path) -> object:
    """Open ``folder`` in the system's file manager (issue 17 part F), as the exports do."""
    return open_path(folder)


def start_backup(parent: QObject, desk: BranchDesk) -> Worker:
    """A backup on a worker thread; the caller connects ``sig_done`` (a ``BackupDone``) and ``sig_failed``."""
    worker = Worker(lambda: back_up(desk), parent)
    worker.finished.connect(worker.deleteLater)
    return worker


def done_text(widget: QWidget, done: BackupDone) -> str:
    said = (
        widget.tr("Backed up to %1 (%2 cases).")
        .replace("%1", str(done.info.path))
        .replace("%2", str(done.info.cases))
    )
    if done.copy is not None:
        said += " " + widget.tr("Copied to %1.").replace("%1", str(done.copy))
    if done.copy_failure is not None:
        said += " " + done.copy_failure
    return said


class BackupTab(QWidget):
    sig_backed_up = Signal(object)
    """A manual backup finished (a ``BackupDone``); the list is reloaded."""

    sig_restored = Signal()
    """A backup replaced the database: the main window closes, the user starts again."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._seen = seen_version(desk)  # the configuration version this PC's screens name
        self._actor = actor
        self._backups: list[BackupInfo] = []
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        if not desk.db.is_sqlite:
            self.message.setText(
                self.tr("This database is on a server: its backups are made with pg_dump by IT.")
            )
            layout.addWidget(self.message)
            layout.addStretch()
            self.table = None
            return
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Second folder for copies (USB disk, share):")))
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("None set"))
        folder_row.addWidget(self.folder, 1)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._on_choose_folder)
        folder_row.addWidget(choose)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(lambda: self.set_folder(""))
        folder_row.addWidget(clear)
        layout.addLayout(folder_row)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Made"),
                self.tr("Size"),
                self.tr("Cases"),
                self.tr("Audit head"),
                self.tr("Why"),
                self.tr("File"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self._on_restore)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        # issue 17 part F: after a backup, its folder (the opener is an attribute: tests launch nothing)
        self.opener: Callable[[Path], object] = reveal_folder
        self._last_folder: Path | None = None
        self._run: ProgressRun | None = None
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setToolTip(self.tr("Show the folder of the backup just made"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        buttons.addWidget(self.open_folder_button)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.reload()

    def _why(self, source: str) -> str:
        return {
            DAILY: self.tr("Daily"),
            MIGRATION: self.tr("Before an upgrade"),
            IMPORT: self.tr("Before a ledger import"),
            RESTORE: self.tr("Before a restore"),
            MANUAL: self.tr("Made by hand"),
            DAMAGED: self.tr("Damaged database kept"),
        }.get(source, source)

    def reload(self) -> None:
        if self.table is None or self._desk.db.path is None:
            return
        self.folder.setText(self._desk.backup_copy_folder())
        self._backups = list(reversed(list_backups(self._desk.db.path)))  # newest first
        self.table.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            cells = [
                info.created.strftime("%Y-%m-%d %H:%M"),
                f"{info.size / 1_048_576:.1f} MB",
                str(info.cases),
                info.anchor,
                self._why(info.source),
                info.path.name,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def set_folder(self, folder: str) -> bool:
        shown = self.folder.text()
        done = run_action(
            self,
            # the folder as shown: one another PC changed since is refused naming who set what
            lambda: self._desk.admin.set_setting(self._actor, "backup_copy_folder", folder, seen=shown) or True,
            changes=False,
            config_seen=self._seen,  # a setting: the configuration version moves with it
        )
        self.reload()
        return bool(done)

    def _on_choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Second folder for copies"), self.folder.text()
        )
        if folder:
            self.set_folder(folder)

    # --- issue 17 part F: backup and restore with a progress dialog; 打开所在文件夹 afterwards ----------

    def back_up_now(self) -> None:
        """A backup off the GUI thread under a progress dialog (no cancel: a backup is whole or nothing)."""
        self.backup_button.setEnabled(False)
        self.open_folder_button.hide()
        self.message.setText(self.tr("Backing up…"))
        desk = self._desk
        self._run = ProgressRun(self, self.tr("Backing up"), lambda _report: back_up(desk))
        self._run.sig_done.connect(self._on_backed_up)
        self._run.sig_failed.connect(self._on_backup_failed)
        self._run.start()

    def _on_backed_up(self, done: BackupDone) -> None:
        self._run = None
        self.backup_button.setEnabled(True)
        self.message.setText(done_text(self, done))
        self._last_folder = done.info.path.parent
        self.open_folder_button.show()
        self.reload()
        self.sig_backed_up.emit(done)

    def _on_backup_failed(self, reason: str) -> None:
        self._run = None
        self.backup_button.setEnabled(True)
        self.message.setText(reason)

    def open_folder(self) -> None:
        """Show the folder of the backup just made, with the opener (tests give their own)."""
        if self._last_folder is not None:
            self.opener(self._last_folder)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table is not None else []
        return self._backups[rows[0].row()] if rows else None

    def restore_question(self, info: BackupInfo) -> str:
        return (
            self.tr(
                "Restore the backup of %1 (%2 cases)? Everything entered after it is lost. The current "
                "database is backed up first. BranchDesk then closes: start it again."
            )
            .replace("%1", info.created.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", str(info.cases))
        )

    def _on_restore(self) -> None:
        info = self.selected()
        if info is None:
            self.message.setText(self.tr("Choose a backup in the list first."))
            return
        answer = QMessageBox.question(self, self.tr("Restore a backup"), self.restore_question(info))
        if answer != QMessageBox.StandardButton.Yes:
            return
        database = self._desk.db.path
        assert database is not None
        self._desk.db.dispose()  # our own connections closed; our instance lock stays held (see above)
        now = self._desk.clock()
        self.restore_button.setEnabled(False)

        def swap(_report: Report) -> RestoreResult:
            try:
                return restore(database, info.path, now)
            except BranchDeskError as exc:
                log.warning("restore of %s refused: %s", info.path, exc.message)
                raise
            except OSError as exc:  # one line for the person; the traceback in the log
                log.exception("restore of %s failed", info.path)
                raise StorageError(explain(exc) or str(exc)) from exc

        # issue 17 part F: off the GUI thread under a progress dialog; no cancel — a swap is not stopped
        self._run = ProgressRun(self, self.tr("Restoring"), swap)
        self._run.sig_done.connect(lambda result: self._on_restored(info, result))
        self._run.sig_failed.connect(self._on_restore_failed)
        self._run.start()

    def _on_restore_failed(self, reason: str) -> None:
        self._run = None
        self.restore_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Restore a backup"), reason)

    def _on_restored(self, info: BackupInfo, result: RestoreResult) -> None:
        self._run = None
        database = self._desk.db.path
        log.info("restored %s from %s in the app", database, info.path)
        QMessageBox.information(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "The backup of %1 is restored. The previous database was backed up as %2. "
                "BranchDesk closes now: start it again."
            )
            .replace("%1", info.created.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", str(result.previous)),
        )
        self.sig_restored.emit()
