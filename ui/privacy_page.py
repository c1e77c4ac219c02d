"""Retention and personal-data requests (issue 15 part R): the page for the GM and the CR manager, and the
administrator's retention rules tab.

- 保存期限 (``RetentionQueueTab``): closed cases whose retention period has passed; tick, give a reason,
  propose; a GM (never the proposer) approves or refuses a batch; an approved batch runs under a
  progress dialog, a few cases per unit; a legal hold keeps a case out.
- 个人信息请求 (``PersonalDataTab``): find a customer's cases by phone (any spelling) or name, export
  them to a workbook for the customer, or propose their anonymisation (refused while a case is open or
  held). Every rule is the core's (``services/anonymise.py``); this module only shows and asks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.vocab import Kind, Role
from branchdesk.errors import FieldError
from branchdesk.i18n import Label
from branchdesk.read.retention import BatchRow, Candidate, HeldCase, RunResult
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseVersion
from ui.config_seen import seen_version
from ui.export_done import export_done
from ui.first_show import load_when_shown
from ui.language import label
from ui.operations import field_errors, run_action
from ui.progress import ProgressRun, Report


def _table(headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: object) -> QTableWidgetItem:
    return QTableWidgetItem("" if text is None else str(text))


class _Errors(QLabel):
    """The one line under a form that says what the core refused (a field's message)."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("color: #b00020")
        self.setWordWrap(True)

    def show_fields(self, exc: FieldError) -> None:
        self.setText("；".join(field_errors(exc).values()))


class RetentionQueueTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor) -> None:
        super().__init__()
        self._desk, self._me = desk, actor
        self.candidates: list[Candidate] = []
        self.batch_rows: list[BatchRow] = []
        self.running: ProgressRun | None = None
        explain = QLabel(
            self.tr(
                "Closed cases whose retention period has passed. Tick the ones to anonymise and give a reason;"
                " a general manager who did not propose the batch approves it, then it runs. Case number,"
                " dates, category, amounts and outcomes stay; names, phones, addresses and free text go."
            )
        )
        explain.setWordWrap(True)
        self.summary = QLabel()
        self.table = _table(
            [
                self.tr("Propose"),
                self.tr("Case no."),
                self.tr("Category"),
                self.tr("Closed"),
                self.tr("Years kept"),
                self.tr("Due since"),
                self.tr("Legal hold / batch"),
            ]
        )
        self.table.setAccessibleName(self.tr("Cases due for anonymisation"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.errors = _Errors()
        self.propose_button = QPushButton(self.tr("Propose the ticked cases"))
        self.propose_button.clicked.connect(self.propose)
        self.hold_button = QPushButton(self.tr("Legal hold on / off"))
        self.hold_button.clicked.connect(self.toggle_hold)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.propose_button)
        row.addWidget(self.hold_button)
        row.addWidget(refresh)

        self.batches = _table(
            [
                self.tr("Batch"),
                self.tr("Purpose"),
                self.tr("Status"),
                self.tr("Done / cases"),
                self.tr("Proposed by"),
                self.tr("Decided by"),
                self.tr("Reason"),
            ]
        )
        self.batches.setAccessibleName(self.tr("Anonymisation batches"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton(self.tr("Refuse"))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.run_button = QPushButton(self.tr("Run the batch"))
        self.run_button.clicked.connect(self.run)
        is_gm = Role.GM in actor.roles
        self.approve_button.setVisible(is_gm)
        self.reject_button.setVisible(is_gm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.approve_button, self.reject_button, self.run_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addLayout(row)
        layout.addWidget(self.errors)
        layout.addWidget(QLabel(self.tr("Batches")))
        layout.addWidget(self.batches, 2)
        layout.addLayout(buttons)
        load_when_shown(self, self.reload)  # the queue reads every closed case: not at each start

    def reload(self) -> None:
        queue = run_action(self, lambda: self._desk.retention.queue(self._me), changes=False)
        if queue is None:
            return
        self.candidates = list(queue.candidates)
        self.summary.setText(
            self.tr("%1 cases due (default retention: %2 years)")
            .replace("%1", f"{len(queue.candidates)}{'+' if queue.more else ''}")
            .replace("%2", str(queue.default_years))
        )
        self.table.setRowCount(len(self.candidates))
        for n, c in enumerate(self.candidates):
            tick = QTableWidgetItem()
            tick.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            )
            free = not c.legal_hold and c.in_batch is None
            tick.setCheckState(Qt.CheckState.Checked if free else Qt.CheckState.Unchecked)
            self.table.setItem(n, 0, tick)
            note = (
                self.tr("On hold: %1").replace("%1", c.hold_reason)
                if c.legal_hold
                else self.tr("In batch %1").replace("%1", str(c.in_batch))
                if c.in_batch
                else ""
            )
            values = (c.case_no, c.category, f"{c.closed_at:%Y-%m-%d}", c.years, f"{c.due_at:%Y-%m-%d}", note)
            for column, value in enumerate(values, start=1):
                self.table.setItem(n, column, _cell(value))
        self.batch_rows = list(queue.batches)
        self.batches.setRowCount(len(self.batch_rows))
        for n, b in enumerate(self.batch_rows):
            values = (
                f"#{b.id}",
                label(Label("AnonymisePurpose", b.purpose)),
                label(Label("BatchStatus", b.status)),
                f"{b.done_count} / {b.count}",
                b.proposed_by,
                b.decided_by,
                b.reason,
            )
            for column, value in enumerate(values):
                self.batches.setItem(n, column, _cell(value))

    def ticked(self) -> list[int]:
        return [
            self.candidates[n].case_id
            for n in range(self.table.rowCount())
            if (item := self.table.item(n, 0)) is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def propose(self) -> int | None:
        self.errors.clear()
        ids, reason = self.ticked(), self.reason.text()
        batch = run_action(
            self,
            lambda: self._desk.retention.propose(self._me, list(ids), reason),
            changes=False,
            on_fields=self.errors.show_fields,
        )
        if batch is not None:
            self.reason.clear()
            self.reload()
        return batch

    def toggle_hold(self) -> None:
        self.errors.clear()
        row = self.table.currentRow()
        if not 0 <= row < len(self.candidates):
            self.errors.setText(self.tr("Select a case first"))
            return
        case, reason = self.candidates[row], self.reason.text()
        done = run_action(
            self,
            lambda: self._desk.retention.set_legal_hold(
                self._me, CaseVersion(case.case_id, case.version), not case.legal_hold, reason
            ),
            case_id=case.case_id,
            on_fields=self.errors.show_fields,
        )
        if done is not None:
            self.reason.clear()
            self.reload()

    def _batch(self) -> BatchRow | None:
        row = self.batches.currentRow()
        if 0 <= row < len(self.batch_rows):
            return self.batch_rows[row]
        self.errors.setText(self.tr("Select a batch first"))
        return None

    def decide(self, approve: bool) -> None:
        self.errors.clear()
        batch = self._batch()
        if batch is None:
            return
        note = self.reason.text()
        done = run_action(
            self,
            lambda: self._desk.retention.decide(self._me, batch.id, batch.version, approve, note) or True,
            changes=False,
            on_fields=self.errors.show_fields,
        )
        if done is not None:
            self.reason.clear()
            self.reload()

    def run(self) -> ProgressRun | None:
        """Anonymise the selected approved batch on a worker, a progress dialog showing the cases done."""
        self.errors.clear()
        batch = self._batch()
        if batch is None:
            return None
        desk, me = self._desk, self._me

        def work(report: Report) -> RunResult:
            return desk.retention.run(me, batch.id, report)

        self.running = ProgressRun(self, self.tr("Anonymising batch %1").replace("%1", str(batch.id)), work)

        def done(result: object) -> None:
            self.running = None
            assert isinstance(result, RunResult)
            self.errors.setText(
                self.tr("%1 cases anonymised").replace("%1", str(result.done))
                + (
                    self.tr("; left (reopened or on hold): %1").replace("%1", " ".join(result.skipped))
                    if result.skipped
                    else ""
                )
            )
            self.reload()

        def failed(reason: str) -> None:
            self.running = None
            self.errors.setText(reason)
            self.reload()

        self.running.sig_done.connect(done)
        self.running.sig_failed.connect(failed)
        return self.running.start()


class PersonalDataTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor) -> None:
        super().__init__()
        self._desk, self._me = desk, actor
        self.held: list[HeldCase] = []
        explain = QLabel(
            self.tr(
                "Everything held on a customer, found by phone (any spelling) or name: export it for them, or"
                " propose its anonymisation at their request (a general manager approves; refused while a"
                " case is open or on legal hold)."
            )
        )
        explain.setWordWrap(True)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("Phone or name"))
        self.subject.setAccessibleName(self.tr("Phone or name"))
        self.subject.returnPressed.connect(self.find)
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(self.find)
        self.export_button = QPushButton(self.tr("Export for the customer…"))
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.subject, 1)
        top.addWidget(find)
        top.addWidget(self.export_button)
        # issue 15 part N: the attachments' files too, in a zip beside the workbook
        self.with_files = QCheckBox(self.tr("With attachment files (zip)"))
        top.addWidget(self.with_files)
        self.summary = QLabel()
        self.table = _table(
            [
                self.tr("Case no."),
                self.tr("Received"),
                self.tr("Status"),
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("Blocks a request"),
            ]
        )
        self.table.setAccessibleName(self.tr("Cases held on the customer"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. the customer's written request"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.request_button = QPushButton(self.tr("Propose anonymisation"))
        self.request_button.clicked.connect(self.request)
        self.errors = _Errors()
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.request_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.errors)

    def _fields(self, exc: FieldError) -> None:
        self.errors.show_fields(exc)

    def find(self) -> None:
        self.errors.clear()
        subject = self.subject.text()
        data = run_action(
            self, lambda: self._desk.retention.find(self._me, subject), changes=False, on_fields=self._fields
        )
        if data is None:
            return
        self.held = list(data.cases)
        self.summary.setText(self.tr("%1 cases found").replace("%1", str(len(self.held))))
        self.table.setRowCount(len(self.held))
        for n, c in enumerate(self.held):
            blocks = (
                self.tr("open")
                if c.open
                else self.tr("legal hold")
                if c.legal_hold
                else self.tr("anonymised")
                if c.anonymised
                else ""
            )
            values = (
                c.case_no,
                f"{c.received_at:%Y-%m-%d}",
                label(Label("Status", c.status)),
                c.complainant_name,
                c.phone,
                blocks,
            )
            for column, value in enumerate(values):
                self.table.setItem(n, column, _cell(value))

    def export(self) -> Path | None:
        self.errors.clear()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export personal data"), "personal-data.xlsx", self.tr("Excel workbooks (*.xlsx)")
        )
        if not path:
            return None
        subject, files = self.subject.text(), self.with_files.isChecked()
        count = run_action(
            self,
            lambda: self._desk.retention.export(self._me, subject, Path(path), files=files),
            changes=False,
            on_fields=self._fields,
        )
        if count is None:
            return None
        text = self.tr("%1 cases exported to %2").replace("%1", str(count)).replace("%2", path)
        self.summary.setText(text)
        export_done(self, self.tr("Export personal data"), text, Path(path))
        return Path(path)

    def request(self) -> int | None:
        self.errors.clear()
        subject, reason = self.subject.text(), self.reason.text()
        batch = run_action(
            self,
            lambda: self._desk.retention.request_anonymisation(self._me, subject, reason),
            changes=False,
            on_fields=self._fields,
        )
        if batch is not None:
            self.reason.clear()
            self.summary.setText(
                self.tr("Batch %1 proposed: a general manager approves it").replace("%1", str(batch))
            )
        return batch


class PrivacyPage(QTabWidget):
    """The page of the main window (GM, CR manager): the retention queue and personal-data requests."""

    def __init__(self, desk: BranchDesk, actor: Actor) -> None:
        super().__init__()
        self.queue_tab = RetentionQueueTab(desk, actor)
        self.request_tab = PersonalDataTab(desk, actor)
        self.addTab(self.queue_tab, self.tr("Retention queue"))
        self.addTab(self.request_tab, self.tr("Personal-data requests"))


class RetentionRulesTab(QWidget):
    """设置 → 保存期限 (administrator): years kept per category (children inherit) and kind."""

    def __init__(self, desk: BranchDesk, actor: Actor) -> None:
        super().__init__()
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        explain = QLabel(
            self.tr(
                "How many years after closure a case keeps its personal data. A rule on a category covers its"
                " sub-categories (the nearest rule wins); a rule for a kind wins over one for any kind. Without"
                " a rule: the setting retention_years."
            )
        )
        explain.setWordWrap(True)
        self.table = _table([self.tr("Category"), self.tr("Kind"), self.tr("Years kept")])
        self.table.setAccessibleName(self.tr("Retention rules"))
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        self.kind.addItem(self.tr("Any kind"), None)
        for kind in Kind:
            self.kind.addItem(label(kind), kind.value)
        self.years = QSpinBox()
        self.years.setRange(1, 100)
        self.years.setValue(2)
        self.years.setAccessibleName(self.tr("Years kept"))
        save = QPushButton(self.tr("Save rule"))
        save.clicked.connect(self.save)
        remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self.remove)
        self.errors = _Errors()
        row = QHBoxLayout()
        for widget in (self.category, self.kind, self.years, save, remove):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.errors)
        self.rule_ids: list[int] = []
        self.reload()

    def reload(self) -> None:
        lookups = run_action(self, lambda: self._desk.queries.lookups(self._me), changes=False)
        self.category.clear()
        self.category.addItem(self.tr("Any category"), None)
        for code, text, _parent in lookups.categories if lookups else []:
            self.category.addItem(text, code)
        rules = run_action(self, lambda: self._desk.retention.rules(self._me), changes=False) or ()
        self.rule_ids = [r.id for r in rules]
        self.table.setRowCount(len(rules))
        for n, r in enumerate(rules):
            kind = label(Kind(r.kind)) if r.kind else self.tr("Any kind")
            for column, value in enumerate((r.category_label or self.tr("Any category"), kind, r.years)):
                self.table.setItem(n, column, _cell(value))

    def save(self) -> None:
        self.errors.clear()
        code, kind, years = self.category.currentData(), self.kind.currentData(), self.years.value()
        done = run_action(
            self,
            lambda: self._desk.retention.save_rule(self._me, code, kind, years, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
            on_fields=self.errors.show_fields,
        )
        if done is not None:
            self.reload()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rule_ids):
            return
        rule_id = self.rule_ids[row]
        done = run_action(
            self,
            lambda: self._desk.retention.remove_rule(self._me, rule_id, seen=self._seen.version) or True,
            changes=False,
            config_seen=self._seen,
        )
        if done is not None:
            self.reload()
