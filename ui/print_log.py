"""打印记录 (issue 17 part E): every print of a case, and which copies an intake correction superseded.

A copy printed before 更正受理信息 shows facts that are no longer the case's: the list marks it, so the
desk knows which paper to recall or reprint.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import i18n
from branchdesk.printing.content import FORM_CODES
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import label
from ui.operations import run_action


class PrintLogDialog(QDialog):
    def __init__(
        self, desk: BranchDesk, actor: Actor, case_id: int, case_no: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print log of %1").replace("%1", case_no))
        self.resize(760, 420)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Printed at"), self.tr("Form"), self.tr("Copies"), self.tr("By"), self.tr("State")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Nothing of this case has been printed."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        records = run_action(self, lambda: desk.printing.print_log(actor, case_id), changes=False) or []
        self.empty.setVisible(not records)
        for row, record in enumerate(records):
            self.table.insertRow(row)
            form = label(i18n.Label("Form", record.form)) if record.form in FORM_CODES else record.form
            mode = self.tr("overlay") if record.mode == "overlay" else self.tr("plain paper")
            if record.superseded_at is not None:
                state = self.tr("Superseded by the intake correction of %1").replace(
                    "%1", f"{record.superseded_at:%Y-%m-%d %H:%M}"
                )
            else:
                state = self.tr("Reprint") if record.reprint else self.tr("Current")
            cells = [
                f"{record.printed_at:%Y-%m-%d %H:%M}",
                f"{form} ({mode})",
                "、".join(str(c) for c in record.copies),
                record.printed_by,
                state,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if record.superseded_at is not None:
                    item.setForeground(QBrush(QColor("#c0392b")))
                    font = item.font()
                    font.setStrikeOut(column != 4)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
