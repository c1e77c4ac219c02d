"""工具 → 年度归档 (issue 15 part V): pick a year and a folder, write the archive under a progress dialog
(Cancel removes what was written), see what was written (files, size, the manifest's audit head), the
archives written before, and verify any archive folder — the same check as ``branchdesk archive verify``.

The CR manager writes archives (``ArchiveService``); verifying reads only the folder's files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError
from branchdesk.reports.archive import ArchiveCheck
from branchdesk.services import BranchDesk
from branchdesk.services.archive import ArchiveResult, ArchiveRow, human_size
from branchdesk.services.context import Actor
from ui.export_done import open_path
from ui.language import render
from ui.operations import Worker, error_text
from ui.progress import ProgressRun
from ui.screen_fit import fit_to_screen

ERROR_STYLE = "color: #B71C1C"


class ArchiveDialog(QDialog):
    sig_written = Signal(object)
    """An archive was written (the ``ArchiveResult``)."""

    sig_verified = Signal(object)
    """A folder was checked (the ``ArchiveCheck``)."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self.setWindowTitle(self.tr("Yearly archive"))
        layout = QVBoxLayout(self)

        write_box = QGroupBox(self.tr("Write the archive of a year"))
        form = QFormLayout(write_box)
        this_year = desk.clock().year
        self.year = QSpinBox()
        self.year.setRange(2000, max(this_year - 1, 2000))
        self.year.setValue(max(this_year - 1, 2000))
        self.year.setAccessibleName(self.tr("Year"))
        form.addRow(self.tr("Year (cases closed in it)"), self.year)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("A new or empty folder"))
        self.folder.setAccessibleName(self.tr("Folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(lambda: self._choose(self.folder))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Folder"), row)
        self.write_button = QPushButton(self.tr("Write archive"))
        self.write_button.clicked.connect(self.write)
        form.addRow("", self.write_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        form.addRow(self.result)
        self.files = QListWidget()
        self.files.setMaximumHeight(120)
        self.files.setAccessibleName(self.tr("Files written"))
        form.addRow(self.files)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        form.addRow("", self.open_button)
        layout.addWidget(write_box)

        listed = QGroupBox(self.tr("Archives written"))
        listed_layout = QVBoxLayout(listed)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Year"),
                self.tr("Written"),
                self.tr("By"),
                self.tr("Cases"),
                self.tr("Size"),
                self.tr("Folder"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(130)
        self.table.horizontalHeader().setStretchLastSection(True)
        listed_layout.addWidget(self.table)
        layout.addWidget(listed)

        verify_box = QGroupBox(self.tr("Verify an archive folder"))
        verify_form = QFormLayout(verify_box)
        self.verify_folder = QLineEdit()
        self.verify_folder.setPlaceholderText(self.tr("The folder holding manifest.json"))
        self.verify_folder.setAccessibleName(self.tr("Archive folder"))
        choose_verify = QPushButton(self.tr("Choose…"))
        choose_verify.clicked.connect(lambda: self._choose(self.verify_folder))
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_folder, 1)
        verify_row.addWidget(choose_verify)
        verify_form.addRow(self.tr("Folder"), verify_row)
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.clicked.connect(self.verify)
        verify_form.addRow("", self.verify_button)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        verify_form.addRow(self.verdict)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(90)
        self.problems.setAccessibleName(self.tr("Differences found"))
        verify_form.addRow(self.problems)
        layout.addWidget(verify_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._last: ArchiveResult | None = None
        self._worker: Worker | None = None
        self.progress: ProgressRun | None = None
        self.reload()
        fit_to_screen(
            self, QSize(940, 700)
        )  # the folder paths and the table want width; capped to the screen

    # --- the archives written ----------------------------------------------------------------------

    def reload(self) -> None:
        try:
            rows = self._desk.archive.archives(self._actor)
        except BranchDeskError as exc:  # a refusal (roles changed meanwhile): the list stays empty, said once
            self._say(self.result, error_text(exc), error=True)
            rows = []
        self._fill(rows)

    def _fill(self, rows: list[ArchiveRow]) -> None:
        self.table.setRowCount(len(rows))
        for index, a in enumerate(rows):
            values = [
                str(a.id),
                str(a.year),
                f"{a.created_at:%Y-%m-%d %H:%M}",
                a.created_by,
                str(a.cases),
                human_size(a.total_bytes),
                a.folder,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(a.audit_anchor if column == 0 else value)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    # --- write -------------------------------------------------------------------------------------

    def write(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self._say(self.result, self.tr("Choose the folder to write the archive into."), error=True)
            return
        year = self.year.value()
        self.write_button.setEnabled(False)
        self.result.clear()
        self.files.clear()
        self.progress = ProgressRun(
            self,
            self.tr("Writing the archive"),
            lambda report: self._desk.archive.write(self._actor, year, Path(folder), report),
            cancellable=True,
        )
        self.progress.sig_done.connect(self._written)
        self.progress.sig_failed.connect(self._write_failed)
        self.progress.start()

    def _written(self, result: ArchiveResult) -> None:
        self.write_button.setEnabled(True)
        self._last = result
        self._say(self.result, render(result.text()))
        from branchdesk.reports.archive import read_manifest

        manifest, _sha = read_manifest(result.folder)
        for entry in manifest.files:
            self.files.addItem(f"{entry.path}  ({human_size(entry.size)})")
        self.open_button.setEnabled(True)
        self.verify_folder.setText(str(result.folder))
        self.reload()
        self.sig_written.emit(result)

    def _write_failed(self, reason: str) -> None:
        self.write_button.setEnabled(True)
        self._say(self.result, reason, error=True)

    def _open_folder(self) -> None:
        if self._last is not None:
            open_path(self._last.folder)

    # --- verify ------------------------------------------------------------------------------------

    def verify(self) -> None:
        folder = self.verify_folder.text().strip()
        if not folder:
            self._say(self.verdict, self.tr("Choose the archive folder to verify."), error=True)
            return
        self.verify_button.setEnabled(False)
        self.problems.clear()
        self.verdict.setText(self.tr("Verifying…"))
        self._worker = Worker(lambda: self._desk.archive.verify(Path(folder)), self)
        self._worker.sig_done.connect(self._verified)
        self._worker.sig_failed.connect(self._verify_failed)
        self._worker.start()

    def _verified(self, check: ArchiveCheck) -> None:
        self.verify_button.setEnabled(True)
        for problem in check.problems:
            self.problems.addItem(render(problem.text()))
        self._say(self.verdict, render(check.summary()), error=not check.ok)
        self.sig_verified.emit(check)

    def _verify_failed(self, reason: str) -> None:
        self.verify_button.setEnabled(True)
        self._say(self.verdict, reason, error=True)
        self.sig_verified.emit(None)

    # --- helpers -----------------------------------------------------------------------------------

    def _choose(self, target: QLineEdit) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), target.text())
        if chosen:
            target.setText(chosen)

    @staticmethod
    def _say(label: QLabel, text: str, error: bool = False) -> None:
        label.setStyleSheet(ERROR_STYLE if error else "")
        label.setText(text)


__all__ = ["ArchiveDialog"]
