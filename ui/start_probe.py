"""A hidden way to time the start (issue 16, ``benchmarks/run.py``'s start figure).

With ``BRANCHDESK_BENCH_START=<demo user>`` in the environment the app logs that user in with the demo
password instead of showing the login, opens the queue and quits as soon as the queue's first page is
painted, so a benchmark can time "start → main window with the queue shown" as a whole process. Only a
demo user of a demo branch can log in this way (the password is the public demo one); anything else shows
the login.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from branchdesk.errors import BranchDeskError
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor

ENV = "BRANCHDESK_BENCH_START"


def bench_user() -> str:
    """The demo user the start is timed for; "" in normal use."""
    return os.environ.get(ENV, "")


def log_in(desk: BranchDesk) -> Actor | None:
    """The benchmark's user, logged in with the public demo password (None: show the login). Only on a
    demo branch: a real branch's user who chose that password is not logged in by an environment variable."""
    from branchdesk.demo import DEMO_PASSWORD

    try:
        if not desk.branch_identity()[1]:
            return None
        return desk.auth.login(bench_user(), DEMO_PASSWORD)
    except BranchDeskError:
        return None


class _QuitWhenPainted(QObject):
    """Quits the application at the first paint of the queue's table with rows in it."""

    def __init__(self, window: QObject, table: QObject, has_rows: object) -> None:
        super().__init__(window)
        self._has_rows = has_rows
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and callable(self._has_rows) and self._has_rows():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def quit_when_queue_painted(window: object) -> None:
    """Open the queue of ``window`` (a ``MainWindow``) and quit once its first page is painted."""
    queue = getattr(window, "queue", None)
    if queue is None:
        QTimer.singleShot(0, QApplication.quit)
        return
    window.show_queue()  # type: ignore[attr-defined]
    _QuitWhenPainted(queue, queue.table.viewport(), lambda: queue.model.rowCount() > 0)
