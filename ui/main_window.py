"""The main window: navigation between 工作台, 新建投诉, 案件队列 and 设置; cases open in their own windows."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from branchdesk.domain.vocab import Role
from branchdesk.read.queue import QueueFilter
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.database import default_data_dir
from ui.case_detail import CaseDetailView
from ui.intake_page import IntakePage
from ui.lock import IdleWatcher, LockDialog
from ui.operations import app_signals
from ui.queue_page import QueueView
from ui.work_page import WorkPage

SWEEP_INTERVAL_MS = 5 * 60 * 1000


class MainWindow(QMainWindow):
    def __init__(self, desk: BranchDesk, actor: Actor, branch_title: str) -> None:
        super().__init__()
        self._desk = desk
        self._actor = actor
        self.setWindowTitle(self.tr("BranchDesk — %1").replace("%1", branch_title))
        self.lookups = desk.queries.lookups(actor)
        self.detail_windows: dict[int, CaseDetailView] = {}

        self.nav = QListWidget()
        self.nav.setMaximumWidth(150)
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setStyleSheet("font-size: 12pt")
        self.pages = QStackedWidget()
        self.work = WorkPage(desk, actor)
        self.work.sig_show_queue.connect(self.show_queue)
        self.work.sig_open_case.connect(self.open_case)
        self._add_page(self.tr("My work"), self.work)
        self.intake: IntakePage | None = None
        if actor.roles & {Role.CLERK, Role.CR_MANAGER}:
            self.intake = IntakePage(desk, actor, self.lookups, default_data_dir() / "recovery")
            self._add_page(self.tr("New complaint"), self.intake)
        self.queue: QueueView | None = None
        if actor.roles - {Role.ADMIN}:
            self.queue = QueueView(desk, actor, self.lookups)
            self.queue.sig_open_case.connect(self.open_case)
            self._add_page(self.tr("Case queue"), self.queue)
        if Role.ADMIN in actor.roles:
            from ui.admin_page import AdminPage

            self._add_page(self.tr("Settings"), AdminPage(desk, actor, self.lookups))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        roles = "、".join(role.label for role in sorted(actor.roles, key=list(Role).index))
        self.who = QLabel(self.tr("%1 · %2").replace("%1", actor.full_name).replace("%2", roles))
        self.statusBar().addPermanentWidget(self.who)
        self.statusBar().showMessage(self.tr("Ctrl+N new complaint · Ctrl+L lock"), 8000)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.show_intake)
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.close)
        self.idle = IdleWatcher(self.lookups.idle_lock_minutes, self.lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._locked = False
        self._sweep_timer = QTimer(self)
        self._sweep_timer.timeout.connect(self._on_sweep)
        self._sweep_timer.start(SWEEP_INTERVAL_MS)
        app_signals().sig_open_case.connect(self.open_case)
        self._restore_geometry(self, "main", 1280, 800)
        if self.intake is not None:
            QTimer.singleShot(0, self._offer_recovery)

    def _offer_recovery(self) -> None:
        """What was typed before a crash or a closed window comes back on the next start."""
        if self.intake is not None and self.intake.offer_recovery():
            self.show_intake()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)

    # --- navigation ------------------------------------------------------------------

    def show_queue(self, preset: QueueFilter | None = None) -> None:
        if self.queue is None:
            return
        if preset is not None:
            self.queue.apply_preset(preset)
        self.nav.setCurrentRow(self.pages.indexOf(self.queue))

    def show_intake(self) -> None:
        if self.intake is not None:
            self.nav.setCurrentRow(self.pages.indexOf(self.intake))
            self.intake.phone.setFocus()

    def open_case(self, case_id: int) -> CaseDetailView | None:
        if self.intake is not None and self._desk.queries.is_own_draft(self._actor, case_id):
            self.intake.load_draft(case_id)  # a draft is finished in the intake form
            self.show_intake()
            return None
        view = self.detail_windows.get(case_id)
        if view is None or not view.isVisible():
            view = CaseDetailView(self._desk, self._actor, self.lookups, case_id)
            view.sig_open_case.connect(self.open_case)
            self._restore_geometry(view, "case", 1000, 760)
            self.detail_windows[case_id] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    # --- lock, sweep, geometry ----------------------------------------------------------

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        hidden = [w for w in self.detail_windows.values() if w.isVisible()]
        for window in hidden:
            window.hide()
        self.centralWidget().hide()
        LockDialog(self._desk, self._actor, self).exec()
        self.centralWidget().show()
        for window in hidden:
            window.show()
        self._locked = False
        self.idle.timer.start()

    def _on_sweep(self) -> None:
        if self._desk.cases.sweep():
            app_signals().sig_cases_changed.emit()

    def _restore_geometry(self, widget: QWidget, key: str, width: int, height: int) -> None:
        geometry = QSettings().value(f"geometry/{key}")
        if geometry is None or not widget.restoreGeometry(geometry):
            widget.resize(width, height)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("geometry/main", self.saveGeometry())
        for view in self.detail_windows.values():
            if view.isVisible():
                QSettings().setValue("geometry/case", view.saveGeometry())
                view.close()
        if self.intake is not None:
            self.intake.flush_recovery()
        super().closeEvent(event)
