"""One way for every user action: run a service call, show what went wrong, announce what changed.

Widgets never talk to the database; they call ``run_action`` (or ``Worker`` for
long work) with a lambda that calls a service. The contract, as Anki's
``CollectionOp``: the call must not touch widgets; afterwards

- success: the result is returned and the change is announced — ``sig_case_changed(case_id)``
  for one case, ``sig_case_changed(ALL_CASES)`` for many, ``sig_config_changed()`` after a
  configuration write — and every window decides for itself what to reload;
- bad input (``FieldError``): handed back to the form (``on_fields``) to mark the fields;
- a refusal (any other ``BranchDeskError``): its reason in a message box;
- anything else: logged with its traceback and one calm message (``ui.crash``).

The wait cursor is always restored, whatever happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from branchdesk.errors import BranchDeskError, ConcurrentChange, ConfigChanged, FieldError
from ui.language import render

if TYPE_CHECKING:
    from ui.config_seen import SeenVersion

T = TypeVar("T")

log = logging.getLogger(__name__)

ALL_CASES = 0
"""The case id ``sig_case_changed`` carries when many cases may have changed (sweep, import)."""


class AppSignals(QObject):
    sig_case_changed = Signal(int)
    """The case with this id changed (``ALL_CASES``: any number of cases, e.g. after the sweep or an import).

    A window showing that case reloads it; lists (queue, 工作台) reload when visible, else when shown again.
    """

    sig_config_changed = Signal()
    """The branch configuration changed (categories, departments, users, choices, settings …).

    Pick lists reload their lookups; emitted after every settings write, and when another PC changed it.
    """

    sig_open_case = Signal(int)
    """Somebody asked to open the case with this id."""


_signals: AppSignals | None = None


def app_signals() -> AppSignals:
    global _signals
    if _signals is None:
        _signals = AppSignals()
    return _signals


def announce_case_changed(case_id: int = ALL_CASES) -> None:
    app_signals().sig_case_changed.emit(case_id)


def announce_config_changed() -> None:
    app_signals().sig_config_changed.emit()


def error_text(exc: BranchDeskError) -> str:
    """The user's reading of a core error: its ``Text`` rendered in the UI language, else its message."""
    text = getattr(exc, "text", None)
    if text is not None:
        return render(text)
    return str(exc.message)


def field_errors(exc: FieldError) -> dict[str, str]:
    """Field name → message in the UI language (the core may hand ``Text`` values)."""
    return {name: render(text) for name, text in exc.texts.items()}


def run_action(
    parent: QWidget | None,
    call: Callable[[], T],
    *,
    changes: bool = True,
    case_id: int | Callable[[T], int] = ALL_CASES,
    config: bool = False,
    on_fields: Callable[[FieldError], None] | None = None,
    config_seen: SeenVersion | None = None,
) -> T | None:
    """Run ``call``; return its result, or None when it was refused or failed (so ``call`` should return something).

    ``changes``: announce ``sig_case_changed`` with ``case_id`` (a number, or a function of the result,
    e.g. ``lambda ref: ref.id``); ``config``: announce ``sig_config_changed``. ``config_seen``: the call
    writes configuration (it implies ``config``) naming this version; it moves with the write, or to
    the version a refusal names (``ui/config_seen``).
    """
    config = config or config_seen is not None
    try:
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            result = call()
        finally:
            QApplication.restoreOverrideCursor()
    except FieldError as exc:
        log.info("input refused: %s", field_errors(exc))
        if on_fields is not None:
            on_fields(exc)
        else:
            QMessageBox.warning(
                parent,
                QApplication.translate("operations", "Please check"),
                "\n".join(field_errors(exc).values()),
            )
        return None
    except BranchDeskError as exc:
        message = error_text(exc)
        log.info("refused (%s): %s", type(exc).__name__, message)
        QMessageBox.warning(parent, QApplication.translate("operations", "Not possible"), message)
        if isinstance(exc, ConcurrentChange) and isinstance(case_id, int):
            announce_case_changed(case_id)  # someone else changed it: show the latest state now
        if isinstance(exc, ConfigChanged):
            if config_seen is not None:
                config_seen.refused(exc.version)  # told who changed what: the next save applies knowingly
            announce_config_changed()  # every configuration screen shows the latest now
        return None
    except Exception as exc:
        from ui.crash import report_unexpected

        report_unexpected(exc, parent, where="a user action")
        return None
    if changes:
        announce_case_changed(case_id(result) if callable(case_id) else case_id)
    if config_seen is not None:
        config_seen.written()
    if config:
        announce_config_changed()
    return result


class Worker(QThread):
    """Runs a slow call off the GUI thread; the call must not touch widgets.

    ``sig_failed`` carries the text to show: a refusal's reason, or for an unexpected
    exception (logged here with its traceback) the crash handler's message.
    """

    sig_done = Signal(object)
    sig_failed = Signal(str)

    def __init__(self, call: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call

    def run(self) -> None:
        try:
            self.sig_done.emit(self._call())
        except BranchDeskError as exc:
            log.info("refused in worker (%s): %s", type(exc).__name__, error_text(exc))
            self.sig_failed.emit(error_text(exc))
        except Exception:
            from ui.crash import unexpected_message

            log.exception("unexpected error in a worker thread")
            self.sig_failed.emit(unexpected_message())


__all__ = [
    "ALL_CASES",
    "AppSignals",
    "Worker",
    "announce_case_changed",
    "announce_config_changed",
    "app_signals",
    "error_text",
    "field_errors",
    "run_action",
]
