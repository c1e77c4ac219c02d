"""导入台帐: choose the file and sheet, check the column mapping, see the dry run row by row, import."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from branchdesk.i18n import Label
from branchdesk.reports.ledger_import import HEADINGS, REQUIRED, sheet_names
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.ledger_import import ImportReport
from ui.language import label as vocabulary_label
from ui.operations import ALL_CASES, announce_case_changed, run_action
from ui.progress import ProgressRun, Report


class ImportWizard(QWizard):
    sig_finished = Signal()
    """A trial run or the import ended (done, failed or cancelled): its page shows the outcome."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self.setWindowTitle(self.tr("Import a ledger"))
        self.resize(900, 620)
        self.report: ImportReport | None = None
        self.running: ProgressRun | None = None  # issue 17 part F: the run under way, if any
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.check_page = _CheckPage(self)
        self.done_page = _DonePage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)

    @property
    def path(self) -> Path:
        return Path(self.file_page.path.text())

    @property
    def sheet(self) -> str | None:
        return self.file_page.sheet.currentText() or None

    def mapping(self) -> dict[str, int]:
        return self.mapping_page.mapping()

    # --- issue 17 part F: the trial run and the import off the GUI thread, with progress ----------------

    def reject(self) -> None:
        """Closing while a run is under way stops the import at its next safe point instead (the
        thread must end before the wizard goes); the trial run only reads and ends by itself."""
        if self.running is not None:
            self.running.cancel()
            return
        super().reject()

    def run(self, dry_run: bool, page: _RunPage) -> ProgressRun:
        """Start the trial run (reads only) or the import on a worker under a progress dialog; ``page``
        shows the outcome. The import can be cancelled between its chunks of 500 cases: the core then
        undoes what it wrote (a pending batch, no event yet), so nothing stays half-imported."""
        desk, actor = self._desk, self._actor
        path, sheet, mapping = self.path, self.sheet, self.mapping()
        self.report = None

        def work(report: Report) -> ImportReport:
            return desk.ledger_import.import_ledger(
                actor,
                path,
                sheet=sheet,
                mapping=mapping,
                dry_run=dry_run,
                skip_invalid=not dry_run,
                progress=None if dry_run else report,
            )

        label = self.tr("Checking the ledger") if dry_run else self.tr("Importing the ledger")
        self.running = ProgressRun(self, label, work, cancellable=not dry_run)
        page.set_running(True)

        def done(report: object) -> None:
            self.running = None
            assert isinstance(report, ImportReport)
            self.report = report
            if not dry_run:
                announce_case_changed(ALL_CASES)
            page.set_running(False)
            page.show_report(report)
            self.sig_finished.emit()

        def failed(reason: str) -> None:
            self.running = None
            page.set_running(False)
            page.show_failure(reason)
            self.sig_finished.emit()

        self.running.sig_done.connect(done)
        self.running.sig_failed.connect(failed)
        return self.running.start()


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Which file?"))
        self.setSubTitle(
            self.tr(
                "The Excel ledger the branch kept so far (.xlsx). Nothing is written until the last step."
            )
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File"))
        self.path.textChanged.connect(self._on_path)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse)
        self.sheet = QComboBox()
        self.sheet.setAccessibleName(self.tr("Sheet"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the ledger"), str(Path.home()), "Excel (*.xlsx)"
        )
        if path:
            self.path.setText(path)

    def _on_path(self, text: str) -> None:
        self.sheet.clear()
        path = Path(text)
        if path.is_file():
            with contextlib.suppress(Exception):  # an unreadable file is simply not offered
                self.sheet.addItems(sheet_names(path))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Which column is which?"))
        self.setSubTitle(self.tr("Found by the headings; correct any that is wrong."))
        self.header = QLabel()
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name in HEADINGS:
            box = QComboBox()
            label = vocabulary_label(Label("LedgerColumn", name)) + (
                self.tr(" (required)") if name in REQUIRED else ""
            )
            box.setAccessibleName(label)
            self.boxes[name] = box
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)

    def initializePage(self) -> None:
        plan = run_action(
            self,
            lambda: self._wizard._desk.ledger_import.plan(self._wizard.path, self._wizard.sheet),
            changes=False,
        )
        if plan is None:
            return
        self.header.setText(self.tr("Headings found on row %1.").replace("%1", str(plan.header_row)))
        for name, box in self.boxes.items():
            box.clear()
            box.addItem(self.tr("(not in this ledger)"), 0)
            for column, heading in plan.headings.items():
                box.addItem(heading, column)
            box.setCurrentIndex(max(box.findData(plan.mapping.get(name, 0)), 0))

    def mapping(self) -> dict[str, int]:
        return {name: int(box.currentData()) for name, box in self.boxes.items() if box.currentData()}


class _RunPage(QWizardPage):
    """A page that shows a run's outcome; Next/Finish waits while it runs (issue 17 part F)."""

    _running = False

    def set_running(self, running: bool) -> None:
        self._running = running
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._running

    def show_report(self, report: ImportReport) -> None:
        raise NotImplementedError

    def show_failure(self, reason: str) -> None:
        raise NotImplementedError


class _CheckPage(_RunPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Trial run"))
        self.setSubTitle(self.tr("What would happen to each row. Click Next to import (all rows in one go)."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Result"), self.tr("Case no."), self.tr("Problems")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.table.setRowCount(0)
        self.summary.setText(self.tr("Checking the ledger…"))
        self._wizard.run(dry_run=True, page=self)

    def show_failure(self, reason: str) -> None:
        self.summary.setText(self.tr("The ledger cannot be read with this mapping.") + "\n" + reason)

    def show_report(self, report: ImportReport) -> None:
        self.table.setRowCount(len(report.outcomes))
        for index, outcome in enumerate(report.outcomes):
            problems = "；".join(f"{p.column}：{p.message}" for p in outcome.problems)
            action = vocabulary_label(Label("ImportOutcome", outcome.action))
            for column, text in enumerate((str(outcome.row), action, outcome.case_no, problems)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        bad = len({p.row for p in report.problems})
        self.summary.setText(
            self.tr(
                "%1 rows to import, %2 already imported, %3 with problems (rows with problems "
                "are left out; fix them in Excel and import again)."
            )
            .replace("%1", str(report.imported))
            .replace("%2", str(report.duplicates))
            .replace("%3", str(bad))
        )


class _DonePage(_RunPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Imported"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.result)

    def initializePage(self) -> None:
        self.result.setText(self.tr("Importing…"))
        self._wizard.run(dry_run=False, page=self)

    def show_failure(self, reason: str) -> None:
        self.result.setText(self.tr("Nothing was imported.") + "\n" + reason)

    def show_report(self, report: ImportReport) -> None:
        self.result.setText(
            self.tr("%1 cases imported, %2 were already there.")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.duplicates))
        )
