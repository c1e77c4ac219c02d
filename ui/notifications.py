"""The bell (issue 17 "notify"): the user's unread notifications, a list to open them, a tray message.

``NotificationBell`` sits in the main window's menu bar. A ``QTimer`` runs ``desk.notifications.poll``
(one indexed query) every ``notification_poll_seconds``; a notification another PC wrote is seen at the
next poll — no server, only the shared database. What arrived since the last poll is announced as
``sig_case_changed`` for its case (open screens reload) and, where the desktop has a tray, shown as one
tray message. The list (``NotificationList``) opens a case in its window (``sig_open_case``, which the
main window serves) and marks the notification read; 全部已读 marks them all.

A poll that fails (the file briefly unreachable on a share) is logged and tried again at the next tick:
a background check must never put a dialog in front of a clerk every few seconds.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenuBar,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.notifications import MAX_LIST
from branchdesk.read.notifications import NotificationRow
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import render
from ui.operations import announce_case_changed, app_signals, run_action

log = logging.getLogger(__name__)

#: How many notifications the list shows (the newest).
LIST_LIMIT = 100


def bell_icon(size: int = 32) -> QIcon:
    """A bell drawn here (no image file to ship, no emoji font needed)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c98a00"))
    unit = size / 16
    body = QPainterPath()
    body.moveTo(3 * unit, 12 * unit)
    body.cubicTo(4.5 * unit, 10 * unit, 4 * unit, 3 * unit, 8 * unit, 3 * unit)
    body.cubicTo(12 * unit, 3 * unit, 11.5 * unit, 10 * unit, 13 * unit, 12 * unit)
    body.closeSubpath()
    painter.drawPath(body)
    painter.drawRect(QRectF(2 * unit, 12 * unit, 12 * unit, 1.5 * unit))
    painter.drawEllipse(QRectF(6.5 * unit, 13.5 * unit, 3 * unit, 2.2 * unit))
    painter.drawEllipse(QRectF(7 * unit, 1.5 * unit, 2 * unit, 2 * unit))
    painter.end()
    return QIcon(pixmap)


class NotificationBell(QToolButton):
    """The bell with the unread count; clicking it opens the list."""

    #: The unread count changed (tests and the list follow it).
    sig_count_changed = Signal(int)

    def __init__(self, desk: BranchDesk, actor: Actor, window: QMainWindow) -> None:
        super().__init__(window)
        self._desk = desk
        self._actor = actor
        self._window = window
        self.unread = 0
        self.list_dialog: NotificationList | None = None
        self.setAutoRaise(True)
        self.setIcon(bell_icon())
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAccessibleName(self.tr("Notifications"))
        self.clicked.connect(self.show_list)
        # What is there at login is not "new": only later arrivals get a tray message.
        self._seen = self._safe_poll_latest()
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("BranchDesk"))
            self.tray.messageClicked.connect(self.show_list)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self._apply_interval()
        self.timer.start()
        app_signals().sig_config_changed.connect(self._apply_interval)
        app_signals().sig_case_changed.connect(self._on_case_changed)
        window.installEventFilter(self)
        self._closed = False
        self.poll()

    # --- the poll --------------------------------------------------------------------

    def _apply_interval(self) -> None:
        try:
            seconds = self._desk.notifications.poll_interval_seconds()
        except Exception:  # keep the interval it had; logged, retried when the configuration moves again
            log.warning("cannot read the notification poll interval", exc_info=True)
            return
        self.timer.setInterval(seconds * 1000)

    def _safe_poll_latest(self) -> int:
        try:
            return self._desk.notifications.latest_id(self._actor)
        except Exception:
            log.warning("cannot read notifications", exc_info=True)
            return 0

    def poll(self) -> None:
        """Compare the user's newest notification with the last one seen; announce what arrived."""
        try:
            figures = self._desk.notifications.poll(self._actor)
            arrived: list[NotificationRow] = []
            if figures.latest_id > self._seen:
                arrived = self._desk.notifications.list(self._actor, MAX_LIST, after_id=self._seen)
        except Exception:
            log.warning("notification poll failed; trying again at the next one", exc_info=True)
            return
        self._set_count(figures.unread)
        if figures.latest_id <= self._seen:
            return
        self._seen = figures.latest_id
        for case_id in dict.fromkeys(n.case_id for n in arrived):
            announce_case_changed(case_id)  # another PC changed the case: open screens reload
        fresh = [n for n in arrived if n.unread]
        if fresh:
            self._tray_message(fresh)
        if self.list_dialog is not None and self.list_dialog.isVisible():
            self.list_dialog.reload()

    def _tray_message(self, fresh: list[NotificationRow]) -> None:
        if self.tray is None:
            return
        if len(fresh) == 1:
            title = self.tr("BranchDesk")
        else:
            title = self.tr("%1 new notifications").replace("%1", str(len(fresh)))
        self.tray.showMessage(title, render(fresh[0].text), QSystemTrayIcon.MessageIcon.Information, 8000)

    def _on_case_changed(self, _case_id: int) -> None:
        """This PC acted on a case: a notification read elsewhere in the app shows at once."""
        if self.list_dialog is not None and self.list_dialog.isVisible():
            self.list_dialog.reload()

    def _set_count(self, unread: int) -> None:
        self.unread = unread
        # Words, not an emoji: the shipped fonts have no 🔔, and a box is what a clerk would see.
        self.setText(
            self.tr("Notifications (%1)").replace("%1", str(unread)) if unread else self.tr("Notifications")
        )
        self.setToolTip(
            self.tr("%1 unread notifications").replace("%1", str(unread))
            if unread
            else self.tr("No unread notifications")
        )
        font = self.font()
        font.setBold(bool(unread))
        self.setFont(font)
        self.sig_count_changed.emit(unread)

    def refresh(self) -> None:
        """Read the count again now (after this user marked some read)."""
        try:
            self._set_count(self._desk.notifications.unread_count(self._actor))
        except Exception:
            log.warning("cannot read notifications", exc_info=True)

    # --- the list --------------------------------------------------------------------

    def show_list(self) -> NotificationList:
        if self.list_dialog is None:
            self.list_dialog = NotificationList(self._desk, self._actor, self, self._window)
        self.list_dialog.reload()
        self.list_dialog.show()
        self.list_dialog.raise_()
        self.list_dialog.activateWindow()
        return self.list_dialog

    # --- the session ends with the window ---------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        """The session is over (the window closed, or logged out): no more polls or tray messages."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.list_dialog is not None:
            self.list_dialog.close()
        app_signals().sig_config_changed.disconnect(self._apply_interval)
        app_signals().sig_case_changed.disconnect(self._on_case_changed)


class NotificationList(QDialog):
    """The user's notifications, newest first: text, case number, time; unread ones in bold."""

    def __init__(self, desk: BranchDesk, actor: Actor, bell: NotificationBell, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._bell = bell
        self.rows: list[NotificationRow] = []
        self.setWindowTitle(self.tr("Notifications"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Notification"), self.tr("Case"), self.tr("Time")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Notifications"))
        self.table.cellClicked.connect(lambda row, _col: self.open_row(row))
        self.table.cellActivated.connect(lambda row, _col: self.open_row(row))  # Enter on a row
        self.empty = QLabel(self.tr("No notifications."))
        self.mark_all_button = QPushButton(self.tr("Mark all read"))
        self.mark_all_button.clicked.connect(lambda _checked=False: self.mark_all_read())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.mark_all_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(640, 420)  # fits 1366×768 with room to spare

    def reload(self) -> None:
        try:
            self.rows = self._desk.notifications.list(self._actor, LIST_LIMIT)
        except Exception:
            log.warning("cannot list notifications", exc_info=True)
            return
        self.table.setRowCount(len(self.rows))
        for index, note in enumerate(self.rows):
            cells = [render(note.text), note.case_no, f"{note.created_at:%Y-%m-%d %H:%M}"]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if note.unread:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, note.id)
                self.table.setItem(index, column, item)
        self.empty.setVisible(not self.rows)
        self.mark_all_button.setEnabled(any(n.unread for n in self.rows))

    def open_row(self, row: int) -> None:
        """Open the notification's case in its window and mark the notification read."""
        if not 0 <= row < len(self.rows):
            return
        note = self.rows[row]
        if note.unread:
            run_action(
                self, lambda: self._desk.notifications.mark_read(self._actor, [note.id]), changes=False
            )
            self._bell.refresh()
            self.reload()
        app_signals().sig_open_case.emit(note.case_id)

    def mark_all_read(self) -> None:
        run_action(self, lambda: self._desk.notifications.mark_all_read(self._actor), changes=False)
        self._bell.refresh()
        self.reload()


def install_bell(window: QMainWindow, desk: BranchDesk, actor: Actor) -> NotificationBell:
    """Put the bell in the window's menu bar, top right; a widget already there (e.g. a search box)
    stays, beside it."""
    bell = NotificationBell(desk, actor, window)
    bar: QMenuBar = window.menuBar()
    existing = bar.cornerWidget(Qt.Corner.TopRightCorner)
    if existing is None:
        bar.setCornerWidget(bell, Qt.Corner.TopRightCorner)
    else:
        holder = QWidget(bar)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(existing)
        row.addWidget(bell)
        bar.setCornerWidget(holder, Qt.Corner.TopRightCorner)
    return bell
