"""分派 from the queue (issue 17, part D): the selected cases to one handler, through the service.

Each case is written naming the version the queue showed (``QueueRow.version``); a case someone changed
meanwhile is refused with who changed it, the others go through, and one message sums it up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from branchdesk.domain.bounds import TEXT_LIMITS
from branchdesk.errors import FieldError
from branchdesk.read.queue import QueueRow
from branchdesk.services import BranchDesk
from branchdesk.services.cases import BulkOutcome
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseVersion, Lookups
from ui.language import render
from ui.operations import field_errors, run_action


class BulkAssignDialog(QDialog):
    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        lookups: Lookups,
        rows: list[QueueRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._actor, self._rows = desk, actor, rows
        self.outcome: BulkOutcome | None = None
        self.setWindowTitle(self.tr("Assign %1 cases").replace("%1", str(len(rows))))
        shown = ", ".join(row.case_no for row in rows[:12]) + (" …" if len(rows) > 12 else "")
        self.cases = QLabel(shown)
        self.cases.setWordWrap(True)
        self.handler = QComboBox()
        self.handler.setAccessibleName(self.tr("Handler"))
        self.handler.addItem("", None)
        for person in lookups.people:
            if "handler" in person.roles:
                name = self.tr("%1 (%2)", "a person (their department)")
                self.handler.addItem(name.replace("%1", person.name).replace("%2", person.department_name), person.id)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaxLength(TEXT_LIMITS["note"])
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Assign"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Cases"), self.cases)
        form.addRow(self.tr("Handler"), self.handler)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.error)
        form.addRow(buttons)

    def submit(self) -> None:
        handler_id = self.handler.currentData()
        if handler_id is None:
            self._show_error(self.tr("Choose the handler"))
            return
        refs = [CaseVersion(row.id, row.version) for row in self._rows]
        outcome = run_action(
            self,
            lambda: self._desk.cases.assign_many(self._actor, refs, handler_id, note=self.note.text()),
            on_fields=self._on_fields,
        )
        if outcome is None:
            return
        self.outcome = outcome
        QMessageBox.information(self, self.windowTitle(), summary(outcome, self._rows))
        self.accept()

    def _on_fields(self, error: FieldError) -> None:
        self._show_error("\n".join(field_errors(error).values()))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def summary(outcome: BulkOutcome, rows: list[QueueRow]) -> str:
    """One message: how many were assigned, and each refused case with its reason."""
    numbers = {row.id: row.case_no for row in rows}
    text = QCoreApplication.translate("BulkAssignDialog", "%1 cases assigned.").replace(
        "%1", str(len(outcome.done))
    )
    if outcome.refused:
        text += "\n" + QCoreApplication.translate("BulkAssignDialog", "%1 not assigned:").replace(
            "%1", str(len(outcome.refused))
        )
        for case_id, reason in outcome.refused:
            text += f"\n{numbers.get(case_id, str(case_id))}: {render(reason)}"
    return text
