"""The case window's 奖罚 (issue 14 part C): the case's reward/penalty records with their approvals, the
next signer's 审批 dialog, the 奖罚通知单 of an approved record, and a person's or department's history.

What the reader may not see (``domain/rewards.may_see_details``) arrives masked from the core: the table
says that a record exists and on whom, not the amount, points, measure or reason.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.money import format_yuan
from branchdesk.domain.rewards import RewardStatus
from branchdesk.domain.vocab import Decision
from branchdesk.read.rewards import RewardRecordView
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.action_dialog import ActionDialog, Field
from ui.language import label, render, roles_text
from ui.operations import ALL_CASES, app_signals, run_action
from ui.screen_fit import fit_to_screen

MASKED = "—"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


def _amount(view: RewardRecordView) -> str:
    return MASKED if view.masked or view.amount_fen is None else format_yuan(view.amount_fen)


def _points(view: RewardRecordView) -> str:
    if view.masked or not view.points:
        return MASKED if view.masked else ""
    return f"{view.points:+d}"


class RewardsDialog(QDialog):
    """The records of one case: select one to sign it, print its notice or open its subject's history."""

    def __init__(
        self, desk: BranchDesk, actor: Actor, case_id: int, case_no: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk, self._me, self.case_id = desk, actor, case_id
        self.records: list[RewardRecordView] = []
        self.setWindowTitle(self.tr("Rewards and penalties %1").replace("%1", case_no))
        self.table = _table(
            [
                self.tr("No."),
                self.tr("Kind"),
                self.tr("Subject"),
                self.tr("Department"),
                self.tr("Scale line"),
                self.tr("Amount"),
                self.tr("Points"),
                self.tr("Measure"),
                self.tr("Status"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._on_select)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setStyleSheet("background: #f4f6f8; padding: 6px")
        self.sign_button = QPushButton(self.tr("Approve / reject…"))
        self.sign_button.clicked.connect(self.open_sign)
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.print_button.clicked.connect(self.open_print)
        self.history_button = QPushButton(self.tr("History of the subject…"))
        self.history_button.clicked.connect(self.open_history)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.sign_button, self.print_button, self.history_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(1000, 520))
        app_signals().sig_case_changed.connect(self._on_case_changed)
        self.reload()

    def _on_case_changed(self, case_id: int) -> None:
        if case_id in (self.case_id, ALL_CASES) and self.isVisible():
            self.reload()

    def reload(self) -> None:
        records = run_action(self, lambda: self._desk.rewards.for_case(self._me, self.case_id), changes=False)
        self.records = records or []
        self.table.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            values = [
                str(r.id),
                label(r.kind),
                r.subject_name,
                r.department_name,
                f"{r.scale_code} {r.scale_name}",
                _amount(r),
                _points(r),
                MASKED if r.masked else r.measure,
                label(r.status),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.records:
            self.table.selectRow(len(self.records) - 1)
        self._on_select()

    def selected(self) -> RewardRecordView | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _on_select(self) -> None:
        r = self.selected()
        self.sign_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.history_button.setEnabled(r is not None)
        if r is None:
            self.details.setText(self.tr("No reward or penalty on this case yet."))
            return
        lines = [
            html.escape(
                self.tr("Proposed by %1 at %2")
                .replace("%1", r.proposer_name)
                .replace("%2", f"{r.proposed_at:%Y-%m-%d %H:%M}")
            ),
            html.escape(
                self.tr("Reason: %1").replace(
                    "%1", self.tr("(shown to managers only)") if r.masked else r.reason
                )
            ),
        ]
        for s in r.signatures:
            lines.append(
                html.escape(
                    self.tr("Signed: %1 (%2) %3 %4")
                    .replace("%1", s.name)
                    .replace("%2", roles_text([s.signed_role]))
                    .replace("%3", f"{s.at:%Y-%m-%d %H:%M}")
                    .replace("%4", label(s.decision) + (f" — {s.reason}" if s.reason else ""))
                )
            )
        if r.next_level is not None:
            lines.append(html.escape(self.tr("Waiting for: %1").replace("%1", label(r.next_level.role))))
        self.details.setText("<br>".join(lines))
        refusal = run_action(self, lambda: self._desk.rewards.may_sign(self._me, r.id), changes=False)
        may_sign = r.status is RewardStatus.PENDING and refusal is None
        self.sign_button.setEnabled(may_sign)
        self.sign_button.setToolTip(render(refusal) if refusal is not None else "")
        self.print_button.setEnabled(r.status is RewardStatus.APPROVED and not r.masked)

    def open_sign(self, *, show: bool = True) -> ActionDialog | None:
        """The next signer's dialog (decision, reason, password), like a resolution's approval."""
        r = self.selected()
        if r is None:
            return None
        summary = (
            f"{r.id} · {label(r.kind)} · {r.subject_name} · {r.scale_code} {r.scale_name} · {_amount(r)}"
            f"\n{r.reason}"
        )
        dialog = ActionDialog(
            self.tr("Approve reward/penalty %1").replace("%1", str(r.id)),
            [
                Field(
                    "decision",
                    self.tr("Decision"),
                    "choice",
                    [(Decision.APPROVE, label(Decision.APPROVE)), (Decision.REJECT, label(Decision.REJECT))],
                    empty=None,
                ),
                Field("reason", self.tr("Reason (required to reject)"), "multiline"),
                Field("password", self.tr("Your password to sign"), "password"),
            ],
            lambda v: self._desk.rewards.decide(
                self._me, r.id, r.version, Decision(v["decision"]), v["password"], v["reason"]
            ),
            summary,
            ok_text=self.tr("Sign"),
            parent=self,
            case_id=self.case_id,
        )
        if show:
            dialog.open()
        return dialog

    def open_print(self) -> QWidget | None:
        """The print dialog on the 奖罚通知单 of the selected (approved) record."""
        from ui.print_dialog import PrintDialog

        r = self.selected()
        if r is None:
            return None
        forms = run_action(self, lambda: self._desk.printing.forms_for(self._me, self.case_id), changes=False)
        if not forms:
            return None
        dialog = PrintDialog(self._desk, self._me, self.case_id, forms, "penalty", self, record_id=r.id)
        dialog.show()
        return dialog

    def open_history(self, *, show: bool = True) -> QDialog | None:
        r = self.selected()
        if r is None:
            return None
        dialog = RewardsHistoryDialog(
            self._desk,
            self._me,
            r.subject_name,
            user_id=r.subject_user_id,
            department_id=None if r.subject_user_id else r.department_id,
            parent=self,
        )
        if dialog.records is None:  # refused (not a manager of theirs): the message was shown
            return None
        if show:
            dialog.show()
        return dialog


class RewardsHistoryDialog(QDialog):
    """Every record of one employee or department, across cases (managers only: the core refuses others)."""

    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        name: str,
        *,
        user_id: int | None,
        department_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rewards and penalties of %1").replace("%1", name))
        self.records = run_action(
            self,
            lambda: desk.rewards.history(actor, user_id=user_id, department_id=department_id),
            changes=False,
        )
        self.table = _table(
            [
                self.tr("No."),
                self.tr("Case"),
                self.tr("Proposed"),
                self.tr("Kind"),
                self.tr("Subject"),
                self.tr("Scale line"),
                self.tr("Amount"),
                self.tr("Points"),
                self.tr("Measure"),
                self.tr("Status"),
            ]
        )
        rows = self.records or []
        self.table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            values = [
                str(r.id),
                r.case_no,
                f"{r.proposed_at:%Y-%m-%d}",
                label(r.kind),
                r.subject_name,
                f"{r.scale_code} {r.scale_name}",
                _amount(r),
                _points(r),
                r.measure,
                label(r.status),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        approved = [r for r in rows if r.status is RewardStatus.APPROVED and r.amount_fen is not None]
        total = QLabel(
            self.tr("Approved: %1 records, %2 in all, %3 points")
            .replace("%1", str(len(approved)))
            .replace("%2", format_yuan(sum(r.amount_fen or 0 for r in approved)))
            .replace("%3", f"{sum(r.points or 0 for r in approved):+d}")
        )
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(total, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, QSize(1000, 480))
