"""工作台 → 待交报表 (issue 15 part M): the reports the user's duties owe now (``desk.report_duties.owed``),
overdue ones in red; a click opens the period summary dialog at that period. Exporting the summary makes
the report (for everyone with that duty), so the entry goes with the next refresh."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from branchdesk.read.report_duties import OwedReport
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import render
from ui.operations import run_action

MAX_SHOWN = 8  # a year of unmade months would push the tiles off the page: the rest is counted
DUE_STYLE = "text-align: left; padding: 4px 8px; color: #7a5a00; background: #fff3cd"
OVERDUE_STYLE = "text-align: left; padding: 4px 8px; color: #c0392b; background: #fdecea; font-weight: bold"


class ReportsDuePanel(QFrame):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._actor = desk, actor
        self.setObjectName("reports_due")
        self.title = QLabel(self.tr("Reports due"))
        self.title.setStyleSheet("font-weight: bold")
        self.more = QLabel()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 4)
        self._layout.addWidget(self.title)
        self.buttons: list[QPushButton] = []
        self.owed: tuple[OwedReport, ...] = ()
        self._layout.addWidget(self.more)
        self.hide()

    def refresh(self) -> None:
        self.owed = run_action(self, lambda: self._desk.report_duties.owed(self._actor), changes=False) or ()
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for index, item in enumerate(self.owed[:MAX_SHOWN]):
            button = QPushButton(render(item.line))
            button.setObjectName(f"report_due_{item.period_key}")
            button.setProperty("overdue", item.overdue)
            button.setStyleSheet(OVERDUE_STYLE if item.overdue else DUE_STYLE)
            button.setToolTip(self.tr("Click to make this report now"))
            button.clicked.connect(lambda _c=False, key=item.period_key: self.open_summary(key))
            self._layout.insertWidget(1 + index, button)
            self.buttons.append(button)
        hidden = len(self.owed) - len(self.buttons)
        self.more.setText(self.tr("… and %1 more").replace("%1", str(hidden)) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.setVisible(bool(self.owed))

    def open_summary(self, period_key: str) -> None:
        from ui.summary_dialog import make_summary

        if make_summary(self, self._desk, self._actor, period_key) is not None:
            self.refresh()
