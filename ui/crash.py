"""What the user sees when the program itself fails: one calm Chinese message, the details in the log.

``install()`` (called by ``ui.main.run``) routes every uncaught exception — in a
slot, an event handler or a worker thread — to ``report``: the traceback goes
to the log file (``branchdesk.logs``), the user gets one dialog naming the log
file, and the event loop keeps running. ``ui.operations.run_action`` calls
``report_unexpected`` for an unexpected exception inside a user action.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from branchdesk.logs import current_log_path

log = logging.getLogger(__name__)

_showing = False  # one dialog at a time: a failing paint event must not stack up dialogs


def unexpected_message() -> str:
    """The sentence the user reads (translated), naming the log file."""
    path = current_log_path()
    return QCoreApplication.translate(
        "crash",
        "An unexpected error occurred and was written to the log: %1. Your data has been saved.",
    ).replace("%1", str(path) if path is not None else "—")


def show_unexpected(parent: QWidget | None = None) -> None:
    """Show the one dialog for an unexpected error (on the GUI thread only; never two at once)."""
    global _showing
    app = QApplication.instance()
    if _showing or app is None or QThread.currentThread() is not app.thread():
        return
    _showing = True
    try:
        QMessageBox.critical(parent, QCoreApplication.translate("crash", "BranchDesk"), unexpected_message())
    finally:
        _showing = False


def report_unexpected(exc: BaseException, parent: QWidget | None = None, where: str = "") -> None:
    """Log ``exc`` with its traceback and tell the user once."""
    log.error("unexpected error%s", f" in {where}" if where else "", exc_info=exc)
    show_unexpected(parent)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("uncaught exception", exc_info=(exc_type, exc, tb))
    _relay().sig_unexpected.emit()


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    log.error(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, exc, args.exc_traceback),
    )
    _relay().sig_unexpected.emit()  # queued to the GUI thread


class _Relay(QObject):
    """Carries "something failed" from any thread to the dialog on the GUI thread."""

    sig_unexpected = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.sig_unexpected.connect(self._on_unexpected)  # a method of a GUI-thread object: queued

    def _on_unexpected(self) -> None:
        show_unexpected(QApplication.activeWindow())


_relay_object: _Relay | None = None


def _relay() -> _Relay:
    global _relay_object
    if _relay_object is None:
        _relay_object = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            _relay_object.moveToThread(app.thread())
    return _relay_object


_previous: list[tuple[object, object]] = []


def install() -> None:
    """Route uncaught exceptions (GUI thread and other threads) to the log and one dialog."""
    _relay()  # created on the GUI thread, so its slot runs there
    _previous.append((sys.excepthook, threading.excepthook))
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def uninstall() -> None:
    """Put back the hooks ``install`` replaced."""
    if _previous:
        sys.excepthook, threading.excepthook = _previous.pop()  # type: ignore[assignment]
