"""The main window: navigation between 工作台, 新建投诉, 案件队列 and 设置; cases open in their own windows.
The 用户 menu locks, changes one's password, logs out (back to the login, same process), chooses the
language and quits; the 帮助 menu opens the user guide (F1: at the current screen's section) and 关于.

It owns the five-minute timer: the deadline sweep (announces ``sig_case_changed(ALL_CASES)`` when
it changed cases) and the check whether another PC changed the configuration
(``_check_config_version``, announces ``sig_config_changed``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from branchdesk.domain.vocab import Role
from branchdesk.errors import BranchDeskError
from branchdesk.read.queue import QueueFilter
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.database import default_data_dir
from ui.about_dialog import AboutDialog
from ui.case_detail import CaseDetailView
from ui.help import close_help, install_f1, show_help
from ui.i18n import LANGUAGE_NAMES, store_language
from ui.intake_page import IntakePage
from ui.keyboard import scroll_to_top
from ui.language import current_language, roles_text, set_label_overrides
from ui.lock import IdleWatcher, LockDialog
from ui.operations import ALL_CASES, announce_case_changed, announce_config_changed, app_signals
from ui.password_dialog import ChangePasswordDialog
from ui.queue_page import QueueView
from ui.screen_fit import fit_to_screen
from ui.search_page import SearchPage  # issue 17 part C
from ui.work_page import WorkPage

log = logging.getLogger(__name__)

SWEEP_INTERVAL_MS = 5 * 60 * 1000
#: issue 16 part P: the pause between two units of the sweep (the window and other PCs' saves go first)
SWEEP_PAUSE_MS = 50


def branch_title(name: str, demo: bool) -> str:
    """The branch as windows name it: its name, marked when it is the demo branch."""
    return name + (QCoreApplication.translate("main", " (demo)") if demo else "")


class MainWindow(QMainWindow):
    #: The user logged out: ``ui.main`` shows the login again.
    sig_logged_out = Signal()

    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        branch_title: str,
        config_version: Callable[[], object] | None = None,
    ) -> None:
        """``config_version``: reads the configuration's version from the database (another PC may bump it)."""
        super().__init__()
        self._desk = desk
        self._actor = actor
        self._config_version = config_version
        self._seen_config_version = config_version() if config_version is not None else None
        self.setWindowTitle(self.tr("BranchDesk — %1").replace("%1", branch_title))
        self.lookups = desk.queries.lookups(actor)
        # issue 12: the branch's names for kinds, statuses, roles … — set before any page renders, and
        # connected before the pages connect theirs, so a page reloading on a change reads the new names.
        self._refresh_label_overrides()
        app_signals().sig_config_changed.connect(self._refresh_label_overrides)
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
        self._build_capa()  # issue 14 part B: the CAPA list, before the settings (navigation order)
        # issue 15 part R: the retention queue and personal-data requests (GM, CR manager)
        self.privacy: QWidget | None = None
        if actor.roles & {Role.GM, Role.CR_MANAGER}:
            from ui.privacy_page import PrivacyPage

            self.privacy = PrivacyPage(desk, actor)
            self._add_page(self.tr("Retention and privacy"), self.privacy)
        if Role.ADMIN in actor.roles:
            from ui.admin_page import AdminPage

            admin_page = AdminPage(desk, actor, self.lookups)
            admin_page.backup_tab.sig_restored.connect(self.close)  # start again on the restored database
            self.work.sig_open_backups.connect(lambda: self._show_backups(admin_page))
            self._add_page(self.tr("Settings"), admin_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        roles = roles_text(actor.roles)
        self.who = QLabel(self.tr("%1 · %2").replace("%1", actor.full_name).replace("%2", roles))
        self.statusBar().addPermanentWidget(self.who)
        self._build_user_menu()
        self._build_help_menu()
        self._build_search()  # issue 17 part C: one search box in the toolbar, Ctrl+F
        self._build_archive_menu()  # issue 15 part V: 工具 → 年度归档 (the CR manager)
        #: Set by ``log_out``: the window closed for another login, not to quit.
        self.logged_out = False
        self._session_closed = False
        # the keys this user has: no intake page (administrator), no Ctrl+N; no search box, no Ctrl+F
        keys = [self.tr("Ctrl+N new complaint")] if self.intake is not None else []
        keys += [self.tr("Ctrl+F find a case")] if self.search_page is not None else []
        self.statusBar().showMessage(" · ".join([*keys, self.tr("Ctrl+L lock")]), 8000)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_complaint)
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.close)
        install_f1(self, self.help_section)
        self.idle = IdleWatcher(self.lookups.idle_lock_minutes, self.lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._locked = False
        self._sweep_timer = QTimer(self)
        self._sweep_timer.timeout.connect(self._on_sweep)
        self._sweep_timer.start(SWEEP_INTERVAL_MS)
        # issue 16 part P: the next unit of a running sweep (``start_sweep``)
        self._sweep_next = QTimer(self, singleShot=True)
        self._sweep_next.timeout.connect(self._sweep_step)
        self._sweep_running = False
        self._sweep_changed = False
        app_signals().sig_open_case.connect(self.open_case)
        app_signals().sig_config_changed.connect(self._on_config_changed)
        # issue 17 "notify": the bell (unread count, the list, tray messages) polling this user's notifications;
        # it stops with the window (``NotificationBell.stop``).
        from ui.notifications import install_bell

        self.notifications = install_bell(self, desk, actor)
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

    def _show_backups(self, admin_page: QWidget) -> None:
        from ui.admin_page import AdminPage

        assert isinstance(admin_page, AdminPage)
        self.nav.setCurrentRow(self.pages.indexOf(admin_page))
        admin_page.tabs.setCurrentWidget(admin_page.backup_tab)

    def _build_user_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&User"))
        lock = menu.addAction(self.tr("Lock (Ctrl+L)"))
        lock.triggered.connect(self.lock)
        menu.addAction(self.tr("Change password…")).triggered.connect(self.change_password)
        menu.addAction(self.tr("Log out (switch user)")).triggered.connect(self.log_out)
        languages = menu.addMenu(self.tr("Interface language"))
        self.language_actions = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            self.language_actions.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Quit (Ctrl+Q)")).triggered.connect(self.close)

    def _build_help_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Help"))
        menu.addAction(self.tr("User guide (F1)")).triggered.connect(lambda: show_help(self.help_section()))
        menu.addAction(self.tr("About BranchDesk")).triggered.connect(self.show_about)

    # --- issue 14 part B: corrective and preventive actions (ui/capa_page.py) ---------------------

    def _build_capa(self) -> None:
        """The CAPA list for everyone with a case role (owners, handlers, the oversight role); the work
        page's tile of overdue items opens it with the filter it counted."""
        from ui.capa_page import CapaPage

        self.capa: CapaPage | None = None
        if not self._actor.roles - {Role.ADMIN}:
            return  # the administrator sees no case content
        self.capa = CapaPage(self._desk, self._actor, self.lookups)
        self.capa.sig_open_case.connect(self.open_case)
        self._add_page(self.tr("Corrective actions"), self.capa)
        self.work.capa_tile.sig_show_capa.connect(self.show_capa)

    def show_capa(self, capa_filter: object) -> None:
        from branchdesk.read.capa import CapaFilter
        from ui.capa_page import CapaPage

        if isinstance(self.capa, CapaPage):
            if isinstance(capa_filter, CapaFilter):
                self.capa.set_filter(capa_filter)
            self.nav.setCurrentRow(self.pages.indexOf(self.capa))

    # --- issue 17 part C: one search box that finds everything (ui/search_page.py) -----------------

    # --- issue 15 part V: 工具 → 年度归档, before 帮助; the CR manager writes the archive ---------------
    def _build_archive_menu(self) -> None:
        self.archive_action = None
        if Role.CR_MANAGER not in self._actor.roles:
            return
        from PySide6.QtWidgets import QMenu

        help_menu = self.menuBar().actions()[-1]
        menu = QMenu(self.tr("&Tools"), self)
        self.menuBar().insertMenu(help_menu, menu)
        self.archive_action = menu.addAction(self.tr("Yearly archive…"))
        self.archive_action.triggered.connect(self.show_archive)

    def show_archive(self) -> QWidget:
        from ui.archive_dialog import ArchiveDialog

        dialog = ArchiveDialog(self._desk, self._actor, self)
        dialog.show()
        return dialog

    # --- end of issue 15 part V ---

    def _build_search(self) -> None:
        """The box in the toolbar (Ctrl+F focuses it); its results are a page of their own, outside
        the navigation list, and open cases as the queue does."""
        self.search_page: SearchPage | None = None
        if not self._actor.roles - {Role.ADMIN}:
            return  # the administrator sees no case content
        self.search_page = SearchPage(self._desk, self._actor)
        self.search_page.sig_open_case.connect(self.open_case)
        self.search_page.sig_show.connect(self.show_search)
        self.pages.addWidget(self.search_page)
        toolbar = self.addToolBar(self.tr("Search"))
        toolbar.setObjectName("search_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_page.box)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search_page.focus_box)

    def show_search(self) -> None:
        if self.search_page is not None and self.pages.currentWidget() is not self.search_page:
            self.nav.setCurrentRow(-1)  # no navigation entry is current: any of them leads back
            self.pages.setCurrentWidget(self.search_page)

    def help_section(self) -> str:
        """The guide's section of the screen in front of the user (``ui.help.SECTIONS``)."""
        page = self.pages.currentWidget()
        if page is self.work:
            return "work"
        if page is self.intake:
            return "intake"
        if page is self.queue:
            return "queue"
        if page is getattr(self, "capa", None):  # issue 14 part B
            return "capa"
        if page is not None and getattr(page, "tabs", None) is not None and page.tabs.currentIndex() == 0:
            return "users"  # 设置 opens on 用户与角色
        return "settings" if page is not None else "start"

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self._desk, self)
        dialog.show()
        return dialog

    def change_password(self) -> bool:
        dialog = ChangePasswordDialog(self._desk, self._actor, parent=self)
        if dialog.exec() != ChangePasswordDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self._actor = dialog.actor
        self.statusBar().showMessage(self.tr("Your password is changed."), 8000)
        return True

    def log_out(self) -> None:
        """Close this user's session: case windows close, what the intake form holds goes to its
        recovery file (offered at this user's next login), and ``ui.main`` shows the login again."""
        self.logged_out = True
        self.close()

    def choose_language(self, language: str) -> None:
        """Store the interface language on this PC; it applies at the next start."""
        store_language(language)
        QMessageBox.information(
            self,
            self.tr("Interface language"),
            self.tr(
                "The interface language is saved on this computer and applies the next time BranchDesk starts."
            ),
        )

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
            scroll_to_top(self.intake.phone)  # issue 17: Ctrl+N starts at the top of the form

    def new_complaint(self) -> None:
        """Ctrl+N (issue 17 part E): the intake form, emptied — also over an open draft or a registered
        case (typing not saved yet is discarded only when the clerk says so)."""
        if self.intake is not None:
            self.show_intake()
            self.intake.new_complaint()

    def open_case(self, case_id: int) -> CaseDetailView | None:
        if self.intake is not None and self._desk.queries.is_own_draft(self._actor, case_id):
            self.intake.load_draft(case_id)  # a draft is finished in the intake form
            self.show_intake()
            return None
        view = self.detail_windows.get(case_id)
        if view is None:  # a closed window is shown again (it reloads if its case changed meanwhile)
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
        self.start_sweep()
        self._check_config_version()

    # issue 16 part P: the sweep runs after the window shows, one short write unit at a time
    def start_sweep(self) -> None:
        """Run the deadline sweep in bounded units (``CaseService.sweep_batch``), one every
        ``SWEEP_PAUSE_MS`` on this thread: between two units the window answers and any PC's save
        takes the write lock, so a big backlog (the first start on a large branch) never blocks a clerk.
        Announces ``sig_case_changed(ALL_CASES)`` once, at the end, when a unit changed cases."""
        if self._sweep_running:
            return  # the five-minute tick during a long sweep: the running one carries on
        self._sweep_running = True
        self._sweep_changed = False
        self._sweep_next.start(0)

    def sweep_running(self) -> bool:
        return self._sweep_running

    def _sweep_step(self) -> None:
        if self._session_closed:
            self._sweep_running = False
            return
        try:
            batch = self._desk.cases.sweep_batch()
        except BranchDeskError as exc:  # e.g. another PC held the lock too long: the next tick tries again
            log.warning("the deadline sweep stopped: %s", exc.message)
            self._sweep_running = False
            return
        self._sweep_changed |= bool(batch.escalated or batch.steps_acted or batch.announced)
        if batch.more:
            self._sweep_next.start(SWEEP_PAUSE_MS)
            return
        self._sweep_running = False
        if self._sweep_changed:
            announce_case_changed(ALL_CASES)

    def _check_config_version(self) -> None:
        """Announce ``sig_config_changed`` when the configuration's version moved (another PC changed it).

        The one place the poll lives; ``config_version`` is the core's reader, passed in by ``ui.main``.
        """
        if self._config_version is None:
            return
        version = self._config_version()
        if version != self._seen_config_version:
            self._seen_config_version = version
            announce_config_changed()

    def _refresh_label_overrides(self) -> None:
        set_label_overrides(self._desk.label_overrides())

    def _on_config_changed(self) -> None:
        """Pick lists of new case windows and the idle lock follow the new configuration."""
        self.lookups = self._desk.queries.lookups(self._actor)
        # 设置 → 本单位 may have renamed the branch (here or on another PC)
        self.setWindowTitle(self.tr("BranchDesk — %1").replace("%1", branch_title(*self._desk.branch_identity())))
        self.idle.timer.setInterval(max(1, self.lookups.idle_lock_minutes) * 60_000)

    def _restore_geometry(self, widget: QWidget, key: str, width: int, height: int) -> None:
        geometry = QSettings().value(f"geometry/{key}")
        if geometry is None or not widget.restoreGeometry(geometry):
            widget.resize(width, height)
        fit_to_screen(widget, widget.size())  # issue 17: a default or a bigger monitor's size shrinks to this one

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("geometry/main", self.saveGeometry())
        for view in self.detail_windows.values():
            if view.isVisible():
                QSettings().setValue("geometry/case", view.saveGeometry())
            view.close()
            view.deleteLater()
        self.detail_windows.clear()
        if self.intake is not None:
            self.intake.flush_recovery()
        close_help()
        # This session is over: no more sweeps, idle locks or case windows opened for it.
        self._sweep_timer.stop()
        self._sweep_next.stop()
        self.idle.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        if not self._session_closed:
            self._session_closed = True
            app_signals().sig_open_case.disconnect(self.open_case)
            app_signals().sig_config_changed.disconnect(self._on_config_changed)
            app_signals().sig_config_changed.disconnect(self._refresh_label_overrides)
        super().closeEvent(event)
        if self.logged_out:
            self.sig_logged_out.emit()
