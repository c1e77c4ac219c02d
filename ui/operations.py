"""One way for every user action: run a service call, show what went wrong, announce changes.

Widgets never talk to the database; they call ``run_action`` (or ``Busy`` for
long work) with a lambda that calls a service. A refused action shows its
Chinese reason; bad input is handed back so the form can mark the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from branchdesk.errors import BranchDeskError, FieldError

T = TypeVar("T")


class AppSignals(QObject):
    sig_cases_changed = Signal()
    """A service call changed cases: every view that shows cases refreshes itself."""

    sig_open_case = Signal(int)
    """Somebody asked to open the case with this id."""


_signals: AppSignals | None = None


def app_signals() -> AppSignals:
    global _signals
    if _signals is None:
        _signals = AppSignals()
    return _signals


def run_action(
    parent: QWidget | None,
    call: Callable[[], T],
    *,
    changes: bool = True,
    on_fields: Callable[[FieldError], None] | None = None,
) -> T | None:
    """Run ``call``; on a refusal show its reason and return None (so ``call`` should return something)."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        result = call()
    except FieldError as exc:
        QApplication.restoreOverrideCursor()
        if on_fields is not None:
            on_fields(exc)
        else:
            QMessageBox.warning(
                parent, QApplication.translate("operations", "Please check"), "\n".join(exc.errors.values())
            )
        return None
    except BranchDeskError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, QApplication.translate("operations", "Not possible"), exc.message)
        return None
    QApplication.restoreOverrideCursor()
    if changes:
        app_signals().sig_cases_changed.emit()
    return result


class Worker(QThread):
    """Runs a slow call off the GUI thread; the call must not touch widgets."""

    sig_done = Signal(object)
    sig_failed = Signal(str)

    def __init__(self, call: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call

    def run(self) -> None:
        try:
            self.sig_done.emit(self._call())
        except BranchDeskError as exc:
            self.sig_failed.emit(exc.message)
        except Exception as exc:
            self.sig_failed.emit(f"{type(exc).__name__}: {exc}")
