"""工作台: the counts of my work; each count opens the queue filtered to it. The administrator is
reminded when no backup copy reached the second folder (USB disk, share) for a week."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.vocab import Role
from branchdesk.read.queue import QueueFilter
from branchdesk.read.work import PILES
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.reports import REPORT_ROLES
from branchdesk.storage.backup import COPY_REMINDER_DAYS, copy_due, last_copy
from ui.backup_tab import BackupDone, done_text, start_backup
from ui.capa_page import CapaTile  # issue 14 part B
from ui.dashboard_charts import ChartsPanel
from ui.import_wizard import ImportWizard
from ui.operations import Worker, app_signals
from ui.reports_ui import make_monthly
from ui.summary_dialog import summary_button  # issue 15 part S

#: Each count opens the queue with the filter it counts (one definition, in the read side).
PRESETS: dict[str, QueueFilter] = PILES

# issue 17, part D: twelve tiles in two rows leave room for the charts at 1366×768
TILE_COLUMNS = 6
TILE_HEIGHT = 58
TILE_STYLE = "font-size: 11pt; text-align: left; padding: 6px;"


class WorkPage(QWidget):
    sig_show_queue = Signal(object)
    """Open the queue with this QueueFilter."""

    sig_open_case = Signal(int)

    sig_open_backups = Signal()
    """Open 设置 → 备份与恢复 (to choose the second folder)."""

    sig_backed_up = Signal(object)
    """The reminder's backup finished (a ``BackupDone``)."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        heading = QLabel(self.tr("My work"))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.major_banner = QLabel()
        self.major_banner.setStyleSheet("background: #fdecea; color: #a61b1b; padding: 6px")
        self.major_banner.setWordWrap(True)
        self.major_banner.setOpenExternalLinks(False)
        self.major_banner.linkActivated.connect(lambda link: self.sig_open_case.emit(int(link)))
        self.major_banner.hide()
        names = [
            ("my_cases", self.tr("My cases")),
            ("awaiting_my_approval", self.tr("Approvals waiting for me")),
            ("due_today", self.tr("Due today")),
            ("overdue", self.tr("Overdue")),
            ("follow_ups_due", self.tr("Follow-ups due")),
            ("drafts", self.tr("Drafts")),
            ("to_triage", self.tr("To triage")),
            ("to_reassign", self.tr("To reassign (handler deactivated)")),
            # step deadlines that act (issue 12, part "steps")
            ("steps_due_soon", self.tr("Steps due soon")),
            ("steps_overdue", self.tr("Steps overdue")),
            ("steps_alerted_to_me", self.tr("Late steps alerted to my role")),
            ("awaiting_reply", self.tr("Ready for the reply")),  # issue 17, part D
            ("opinions_owed", self.tr("Opinions my department owes")),  # issue 14 part A
        ]
        grid = QGridLayout()
        self.count_buttons: dict[str, QPushButton] = {}
        for key, text in names:
            button = QPushButton()
            button.setAccessibleName(text)
            button.setMinimumHeight(TILE_HEIGHT)
            button.setStyleSheet(TILE_STYLE)
            button.clicked.connect(lambda _c=False, k=key: self.sig_show_queue.emit(PRESETS[k]))
            button.setProperty("label", text)
            self.count_buttons[key] = button
        self._tiles = grid  # laid out in ``refresh``: only the piles that concern the user
        for column in range(TILE_COLUMNS):
            grid.setColumnStretch(column, 1)  # tiles of one width, whatever their text
        self.monthly_button = QPushButton(self.tr("Monthly summary…"))
        self.monthly_button.clicked.connect(lambda: make_monthly(self, self._desk, self._actor))
        self.monthly_button.setVisible(bool(actor.roles & REPORT_ROLES))
        self.backup_reminder = self._backup_reminder()
        # issue 17, part D: the charts, and everything in a scroll area (the page fits 1366×768)
        self.charts = ChartsPanel(desk, actor)
        self.charts.sig_show_queue.connect(self.sig_show_queue.emit)
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        self._heading_row = QHBoxLayout()  # the heading and the report buttons share a line (room for charts)
        self._heading_row.addWidget(heading)
        self._heading_row.addStretch()
        layout.addLayout(self._heading_row)
        from ui.reports_due import ReportsDuePanel  # issue 15 part M: 待交报表, the policy's report duties

        self.reports_due = ReportsDuePanel(desk, actor)  # (it replaces the fixed "by the 10th" reminder)
        layout.addWidget(self.reports_due)
        layout.addWidget(self.backup_reminder)
        layout.addWidget(self.major_banner)
        layout.addLayout(grid)
        # issue 14 part B: overdue corrective/preventive actions (opens the CAPA list with the filter it counts)
        self.capa_tile = CapaTile(desk, actor)
        layout.addWidget(self.capa_tile)
        self.import_button = QPushButton(self.tr("Import a ledger…"))
        self.import_button.clicked.connect(lambda: ImportWizard(self._desk, self._actor, self).exec())
        self.import_button.setVisible(Role.CR_MANAGER in actor.roles)
        self._heading_row.addWidget(self.monthly_button)
        self._heading_row.addWidget(summary_button(self, self._desk, self._actor))  # issue 15 part S
        self._heading_row.addWidget(self.import_button)
        # issue 15 part M: a summary exported from these buttons may be a report due: list them again
        for made_here in (self.monthly_button, self.findChild(QPushButton, "summary_button")):
            made_here.clicked.connect(self.reports_due.refresh)
        layout.addWidget(self.charts, 1)
        self._shown_tiles: list[str] = []
        self._stale = False  # cases changed while hidden: refresh when shown again
        app_signals().sig_case_changed.connect(self._on_case_changed)
        app_signals().sig_config_changed.connect(self._on_config_changed)
        self.refresh()

    def _lay_out_tiles(self, piles: tuple[str, ...]) -> None:
        """The tiles of the piles that concern the user, in the page's order, ``TILE_COLUMNS`` a row."""
        shown = [key for key in self.count_buttons if key in piles]
        if shown == self._shown_tiles:
            return
        for button in self.count_buttons.values():
            self._tiles.removeWidget(button)
            button.hide()
        for index, key in enumerate(shown):
            self._tiles.addWidget(self.count_buttons[key], index // TILE_COLUMNS, index % TILE_COLUMNS)
            self.count_buttons[key].show()
        self._shown_tiles = shown

    def _on_case_changed(self, _case_id: int) -> None:
        """Any change may move a count: refresh now if visible, else when shown again."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_config_changed(self) -> None:
        """The second folder may have been set; the reports due may have changed (issue 15 part M)."""
        self.refresh_backup_reminder()
        self.reports_due.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _backup_reminder(self) -> QWidget:
        """For the administrator of a SQLite branch: no recent copy in the second folder (or none set)."""
        box = QFrame()
        box.setStyleSheet("QFrame { background: #fff3cd; } QLabel { color: #7a5a00; padding: 6px }")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 6, 0)
        self.backup_text = QLabel()
        self.backup_text.setWordWrap(True)
        row.addWidget(self.backup_text, 1)
        self.backup_now = QPushButton(self.tr("Back up now"))
        self.backup_now.clicked.connect(self._on_back_up_now)
        row.addWidget(self.backup_now)
        self.choose_folder = QPushButton(self.tr("Choose the folder…"))
        self.choose_folder.clicked.connect(self.sig_open_backups.emit)
        row.addWidget(self.choose_folder)
        box.hide()
        self._backup_worker: Worker | None = None
        return box

    def refresh_backup_reminder(self) -> None:
        if Role.ADMIN not in self._actor.roles or not self._desk.db.is_sqlite:
            self.backup_reminder.hide()
            return
        folder = self._desk.backup_copy_folder()
        due = copy_due(folder, self._desk.clock())
        if not folder:
            self.backup_text.setText(
                self.tr("No second folder (USB disk, share) receives copies of the backups: choose one.")
            )
        elif due:
            newest = last_copy(Path(folder))
            self.backup_text.setText(
                self.tr("The last backup copy in %1 is older than %2 days: back up now.")
                .replace("%1", folder)
                .replace("%2", str(COPY_REMINDER_DAYS))
                if newest is not None
                else self.tr("There is no backup copy in %1 yet: back up now.").replace("%1", folder)
            )
        self.backup_now.setVisible(bool(folder))
        self.backup_reminder.setVisible(due)

    def _on_back_up_now(self) -> None:
        self.backup_now.setEnabled(False)
        self._backup_worker = start_backup(self, self._desk)
        self._backup_worker.sig_done.connect(self._on_backed_up)
        self._backup_worker.sig_failed.connect(self._on_backup_failed)
        self._backup_worker.start()

    def _finish_worker(self) -> None:
        if self._backup_worker is not None:
            self._backup_worker.wait()  # run() has returned: let the thread end before anything may delete it
            self._backup_worker = None

    def _on_backed_up(self, done: BackupDone) -> None:
        self._finish_worker()
        self.backup_now.setEnabled(True)
        self.refresh_backup_reminder()
        QMessageBox.information(self, self.tr("Back up now"), done_text(self, done))
        self.sig_backed_up.emit(done)

    def _on_backup_failed(self, reason: str) -> None:
        self._finish_worker()
        self.backup_now.setEnabled(True)
        QMessageBox.warning(self, self.tr("Back up now"), reason)

    def refresh(self) -> None:
        self.refresh_backup_reminder()
        self.reports_due.refresh()  # issue 15 part M
        self.capa_tile.refresh()  # issue 14 part B
        counts = self._desk.queries.work_counts(self._actor)
        self._lay_out_tiles(counts.piles)
        for key, button in self.count_buttons.items():
            value = getattr(counts, key)
            button.setText(f"{button.property('label')}\n{value}")
            button.setStyleSheet(
                TILE_STYLE
                + (" color: #c0392b;" if key in ("overdue", "steps_overdue", "steps_alerted_to_me") and value else "")
            )
        self.charts.refresh()
        if counts.major_open:
            links = self.tr(", ").join(
                f"<a href='{case.id}'>{case.case_no}</a> {case.complainant_name}"
                for case in counts.major_open[:8]
            )
            self.major_banner.setText(self.tr("Major complaints open: %1").replace("%1", links))
            self.major_banner.show()
        else:
            self.major_banner.hide()
