"""Slow work with a progress dialog (issue 17 part F): a ``ui.operations.Worker`` off the GUI thread,
a window-modal ``QProgressDialog`` over the screen that asked, and a cancel only where the work can
stop safely.

The call gets a ``report(done, total) -> bool`` function: it moves the bar (``total`` 0 keeps it
busy) and returns False once the person pressed Cancel, so the core stops at its next safe point
(the ledger import between its chunks, ``LedgerImportService.import_ledger(progress=…)``). Work that
cannot stop half-way (a backup, a restore) gets no Cancel button at all.

The worker's errors follow ``Worker``: a refusal's text, or the crash handler's calm message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.operations import Worker

Report = Callable[[int, int], bool]


class ProgressRun(QObject):
    sig_done = Signal(object)
    """The call returned this value."""

    sig_failed = Signal(str)
    """The call failed or was cancelled: the sentence to show."""

    _sig_progress = Signal(int, int)  # from the worker thread to the bar (queued: the bar lives here)
    _sig_cancelling = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        call: Callable[[Report], object],
        *,
        cancellable: bool = False,
    ) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()
        self._label = label
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a quick job never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if cancellable:
            self.dialog.setCancelButtonText(self.tr("Cancel"))
            self.dialog.canceled.connect(self.cancel)
        else:
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self._sig_progress.connect(self._on_progress)
        self._sig_cancelling.connect(self._on_cancelling)
        self.worker = Worker(lambda: call(self._report), self)
        self.worker.sig_done.connect(self._on_done)
        self.worker.sig_failed.connect(self._on_failed)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def start(self) -> ProgressRun:
        self.worker.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point; the dialog says so until it has. Safe from any
        thread: the flag is an ``Event``, the dialog is told through a (queued) signal."""
        self._cancelled.set()
        self._sig_cancelling.emit()

    def _on_cancelling(self) -> None:
        if self.worker.isFinished():
            return
        self.dialog.show()  # QProgressDialog hides itself on cancel: keep telling what happens
        self.dialog.setLabelText(self.tr("Stopping after the current step…"))

    def _report(self, done: int, total: int) -> bool:
        """Called on the worker thread: move the bar, tell the work whether to go on."""
        self._sig_progress.emit(done, total)
        return not self._cancelled.is_set()

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if total:
            self.dialog.setLabelText(
                self.tr("%1: %2 of %3").replace("%1", self._label).replace("%2", str(done)).replace("%3", str(total))
            )

    def _finish(self) -> None:
        self.worker.wait()  # run() has returned: let the thread end before anything may delete it
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _on_done(self, result: object) -> None:
        self._finish()
        self.sig_done.emit(result)

    def _on_failed(self, reason: str) -> None:
        self._finish()
        self.sig_failed.emit(reason)


__all__ = ["ProgressRun", "Report"]
