"""The summary of any period from the app (issue 15 part S): a kind (month, week, quarter, half year,
year, date range), the period (the last finished one first: the one a report is due for), then the save
dialog and the export off the GUI thread, as the monthly summary does (``ui/reports_ui.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from branchdesk.domain.periods import Period, parse_period
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import render
from ui.reports_ui import export_to_chosen_file
from ui.screen_fit import fit_to_screen

RECENT = {"month": 24, "week": 12, "quarter": 8, "half": 6, "year": 5}  # how far back the list goes


def recent_periods(kind: str, today: date) -> list[Period]:
    """The finished periods of ``kind`` before ``today``, the latest first (the one a report is due for)."""
    periods = [parse_period(_key_of(kind, today)).previous()]
    for _ in range(RECENT[kind] - 1):
        periods.append(periods[-1].previous())
    return periods


def _key_of(kind: str, day: date) -> str:
    if kind == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return str(day.year)


class SummaryDialog(QDialog):
    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        custom_fields: list[tuple[str, str]] | None = None,
        due: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Summary for a period"))
        self._today = today
        # issue 15 part M: the periods whose reports are due (period keys, the one to offer first first)
        self._due = [parse_period(key) for key in due or []]
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of period"))
        for text, kind in (
            (self.tr("Month"), "month"),
            (self.tr("Week"), "week"),
            (self.tr("Quarter"), "quarter"),
            (self.tr("Half year"), "half"),
            (self.tr("Year"), "year"),
            (self.tr("Dates from … to …"), "range"),
        ):
            self.kind.addItem(text, kind)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        self.date_from = QDateEdit(QDate(today.year, today.month, 1).addMonths(-1))
        self.date_to = QDateEdit(QDate(today.year, today.month, 1).addDays(-1))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Kind of period"), self.kind)
        self.form.addRow(self.tr("Period"), self.period)
        self.form.addRow(self.tr("From"), self.date_from)
        self.form.addRow(self.tr("To"), self.date_to)
        self.form.addRow(self.error)
        self.by_field = QComboBox()
        self.by_field.setAccessibleName(self.tr("Break down by"))
        self.by_field.addItem(self.tr("As the administrator set"), None)
        self.by_field.addItem(self.tr("No breakdown"), "")
        for key, label in custom_fields or []:
            self.by_field.addItem(label, key)
        if custom_fields:
            self.form.addRow(self.tr("Break down by"), self.by_field)
        else:
            self.by_field.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._fill)
        if self._due:  # the kind of the report due first (issue 15 part M)
            self.kind.setCurrentIndex(max(0, self.kind.findData(self._due[0].kind)))
        self._fill()
        self.setMinimumWidth(380)  # a week's label (with its dates) reads whole
        fit_to_screen(self)

    def _fill(self) -> None:
        kind = str(self.kind.currentData())
        ranged = kind == "range"
        self.form.setRowVisible(self.period, not ranged)
        self.form.setRowVisible(self.date_from, ranged)
        self.form.setRowVisible(self.date_to, ranged)
        self.period.clear()
        if not ranged:
            due = [p for p in self._due if p.kind == kind]  # issue 15 part M: due reports first, selected
            for period in due + [p for p in recent_periods(kind, self._today) if p not in due]:
                self.period.addItem(render(period.label), period.key)
            self.period.setCurrentIndex(0)
        self.error.hide()

    def chosen(self) -> Period:
        """The period chosen; FieldError("period") for dates the core refuses."""
        if self.kind.currentData() == "range":
            first = self.date_from.date().toString("yyyy-MM-dd")
            last = self.date_to.date().toString("yyyy-MM-dd")
            return parse_period(f"{first}..{last}")
        return parse_period(str(self.period.currentData()))

    def chosen_field(self) -> str | None:
        data = self.by_field.currentData()
        return None if data is None else str(data)

    def _on_ok(self) -> None:
        try:
            self.chosen()
        except FieldError as refused:  # the core's reason, at the field, in the user's language
            self.error.setText(render(refused.texts["period"]))
            self.error.show()
            return
        self.accept()


def make_summary(parent: QWidget, desk: BranchDesk, actor: Actor, first: str | None = None) -> Path | None:
    """``first``: a period key to offer first (a report due clicked on the work page); the other reports
    the user owes follow it (issue 15 part M)."""
    fields = [(key, label) for key, label, *_rest in desk.queries.lookups(actor).custom_fields]
    owed = [o.period_key for o in desk.report_duties.owed(actor)]
    due = ([first] if first else []) + [key for key in owed if key != first]
    dialog = SummaryDialog(desk.clock().date(), parent, fields, due)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    period, by_field = dialog.chosen(), dialog.chosen_field()
    return export_to_chosen_file(
        parent,
        QCoreApplication.translate("summary", "Save the summary"),
        str(Path.home() / f"客诉案件统计表-{period.key.replace('..', '_')}.xlsx"),
        QCoreApplication.translate("summary", "Summary for a period"),
        lambda path, _p: desk.reports.export_summary(actor, period, path, by_field),
        lambda _result, path: QCoreApplication.translate("summary", "Saved %1").replace("%1", path),
    )


def summary_button(parent: QWidget, desk: BranchDesk, actor: Actor) -> QPushButton:
    """The work page's button beside 「月度统计表」 (report roles only, as that one)."""
    from branchdesk.services.reports import REPORT_ROLES

    button = QPushButton(QCoreApplication.translate("summary", "Summary for a period…"))
    button.setObjectName("summary_button")
    button.clicked.connect(lambda: make_summary(parent, desk, actor))
    button.setVisible(bool(actor.roles & REPORT_ROLES))
    return button
