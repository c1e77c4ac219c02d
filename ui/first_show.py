"""Load a page's data when it is first shown, not when the main window builds it.

The main window builds every page of the user's navigation at start; a page the user may never open
that day (the retention queue, the CAPA list) should not make every start wait for its queries
(issue 16: start on a large branch). A page that is visible already loads at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _OnFirstShow(QObject):
    def __init__(self, widget: QWidget, load: Callable[[], object]) -> None:
        super().__init__(widget)
        self._load = load
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self._load()
        return False


def load_when_shown(widget: QWidget, load: Callable[[], object]) -> None:
    """Call ``load`` now if ``widget`` is visible, else at its first show."""
    if widget.isVisible():
        load()
    else:
        _OnFirstShow(widget, load)
