"""Making the monthly summary and the ledger from the app: month picker, save dialog, progress off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from branchdesk.read.queue import QueueFilter
from branchdesk.reports.monthly import previous_month
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.export_done import export_done
from ui.operations import Worker
from ui.screen_fit import fit_to_screen


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the dialog on the GUI thread."""

    sig_progress = Signal(int, int)


def run_with_progress(
    parent: QWidget | None, title: str, work: Callable[[Callable[[int, int], None]], object]
) -> object:
    """Run ``work(progress)`` off the GUI thread with a progress dialog; returns its result or None."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    # Reaching the maximum must not end exec(): the result arrives after the last progress step,
    # and a dialog that closed itself then returned None for a finished export (issue 17, part D).
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    relay = _ProgressRelay()

    def update(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"{title}：{done} / {total}")

    relay.sig_progress.connect(update)
    outcome: list[object] = []
    failure: list[str] = []
    worker = Worker(lambda: work(lambda done, total: relay.sig_progress.emit(done, total)))
    worker.sig_done.connect(outcome.append)
    worker.sig_failed.connect(failure.append)
    worker.finished.connect(dialog.close)
    worker.start()
    dialog.exec()
    worker.wait()
    if failure:
        QMessageBox.warning(parent, title, failure[0])
        return None
    return outcome[0] if outcome else None


class MonthDialog(QDialog):
    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        custom_fields: list[tuple[str, str]] | None = None,
    ) -> None:
        """``custom_fields``: (key, label) of the branch's own fields, offered as a breakdown (issue 12)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Monthly summary"))
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        y, m = today.year, today.month
        for _ in range(24):
            y, m = previous_month(y, m)
            self.month.addItem(f"{y}年{m}月", (y, m))
        form = QFormLayout(self)
        form.addRow(self.tr("Month"), self.month)
        self.by_field = QComboBox()
        self.by_field.setAccessibleName(self.tr("Break down by"))
        self.by_field.addItem(self.tr("As the administrator set"), None)
        self.by_field.addItem(self.tr("No breakdown"), "")
        for key, label in custom_fields or []:
            self.by_field.addItem(label, key)
        if custom_fields:
            form.addRow(self.tr("Break down by"), self.by_field)
        else:
            self.by_field.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        fit_to_screen(self)  # issue 17: never taller than the screen

    def chosen(self) -> tuple[int, int]:
        year, month = self.month.currentData()
        return int(year), int(month)

    def chosen_field(self) -> str | None:
        """The custom field key to break the month down by; None: the setting; "": none."""
        data = self.by_field.currentData()
        return None if data is None else str(data)


def make_monthly(
    parent: QWidget, desk: BranchDesk, actor: Actor, month: tuple[int, int] | None = None
) -> Path | None:
    by_field: str | None = None
    if month is None:
        fields = [(key, label) for key, label, *_rest in desk.queries.lookups(actor).custom_fields]
        dialog = MonthDialog(desk.clock().date(), parent, fields)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        month, by_field = dialog.chosen(), dialog.chosen_field()
    year, number = month
    return export_to_chosen_file(
        parent,
        QCoreApplication.translate("reports", "Save the monthly summary"),
        str(Path.home() / f"客诉案件统计表-{year}-{number:02d}.xlsx"),
        QCoreApplication.translate("reports", "Monthly summary"),
        lambda path, _p: desk.reports.export_monthly(actor, year, number, path, by_field),
        lambda _result, path: QCoreApplication.translate("reports", "Saved %1").replace("%1", path),
    )


def export_queue(parent: QWidget, desk: BranchDesk, actor: Actor, filters: QueueFilter) -> Path | None:
    return export_to_chosen_file(
        parent,
        QCoreApplication.translate("reports", "Export the ledger"),
        str(Path.home() / f"投诉台帐-{desk.clock():%Y%m%d-%H%M}.xlsx"),
        QCoreApplication.translate("reports", "Exporting the ledger"),
        lambda path, progress: desk.reports.export_queue(actor, filters, path, progress),
        lambda rows, path: QCoreApplication.translate("reports", "%1 cases written to %2")
        .replace("%1", str(rows))
        .replace("%2", path),
    )


def export_to_chosen_file(
    parent: QWidget,
    caption: str,
    suggested: str,
    title: str,
    work: Callable[[Path, Callable[[int, int], None]], object],
    said: Callable[[object, str], str],
) -> Path | None:
    """Every workbook export from the app: ask where (``suggested`` offered), write it off the GUI thread
    under a progress dialog (``work(path, progress)``), then say where it went (``said(result, path)``)."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, "Excel (*.xlsx)")
    if not path:
        return None
    result = run_with_progress(parent, title, lambda progress: work(Path(path), progress))
    if result is None:
        return None
    export_done(parent, title, said(result, path), Path(path))
    return Path(path)
