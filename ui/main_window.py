"""The main window. For now: who is working, and the counts of their work (工作台)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor

SWEEP_INTERVAL_MS = 5 * 60 * 1000


class MainWindow(QMainWindow):
    def __init__(self, desk: BranchDesk, actor: Actor, branch_title: str) -> None:
        super().__init__()
        self._desk = desk
        self._actor = actor
        self.setWindowTitle(self.tr("BranchDesk — %1").replace("%1", branch_title))
        self.resize(1100, 700)
        central = QWidget()
        layout = QVBoxLayout(central)
        heading = QLabel(self.tr("My work"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold")
        layout.addWidget(heading)
        self.major_banner = QLabel()
        self.major_banner.setStyleSheet("background: #fdecea; color: #a61b1b; padding: 6px")
        self.major_banner.setWordWrap(True)
        self.major_banner.hide()
        layout.addWidget(self.major_banner)
        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        names = [
            ("my_cases", self.tr("My cases")),
            ("awaiting_my_approval", self.tr("Approvals waiting for me")),
            ("due_today", self.tr("Due today")),
            ("overdue", self.tr("Overdue")),
            ("follow_ups_due", self.tr("Follow-ups due")),
            ("drafts", self.tr("Drafts")),
            ("to_triage", self.tr("To triage")),
        ]
        for index, (key, text) in enumerate(names):
            value = QLabel("–")
            value.setStyleSheet("font-size: 22pt")
            value.setAccessibleName(text)
            grid.addWidget(QLabel(text), index // 4 * 2, index % 4)
            grid.addWidget(value, index // 4 * 2 + 1, index % 4)
            self.count_labels[key] = value
        layout.addLayout(grid)
        layout.addStretch()
        self.setCentralWidget(central)
        roles = "、".join(role.label for role in sorted(actor.roles))
        self.statusBar().showMessage(self.tr("%1 · %2").replace("%1", actor.full_name).replace("%2", roles))
        self.refresh()
        self._sweep_timer = QTimer(self)
        self._sweep_timer.timeout.connect(self._on_sweep)
        self._sweep_timer.start(SWEEP_INTERVAL_MS)

    def refresh(self) -> None:
        counts = self._desk.queries.work_counts(self._actor)
        for key, label in self.count_labels.items():
            label.setText(str(getattr(counts, key)))
        if counts.major_open:
            numbers = "、".join(f"{number} {name}" for _, number, name in counts.major_open[:5])
            self.major_banner.setText(self.tr("Major complaints open: %1").replace("%1", numbers))
            self.major_banner.show()
        else:
            self.major_banner.hide()

    def _on_sweep(self) -> None:
        self._desk.cases.sweep()
        self.refresh()
