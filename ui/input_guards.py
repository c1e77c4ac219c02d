"""No accidental changes: the mouse wheel changes a pick list, a number or a date only when it has the focus.

Scrolling a long form with the wheel used to change whatever combo or spin box passed under the
pointer (kind, count, year) without anyone noticing. One application-wide event filter
(``install_input_guards``, called where the ``QApplication`` is made) gives every such widget
``Qt.StrongFocus`` (Tab and click, not the wheel) and hands a wheel turned over one without the focus
to the scroll area around it, so the form scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """The filter: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if (
            kind != QEvent.Type.Wheel
            or not isinstance(watched, _GUARDED)
            or not isinstance(event, QWheelEvent)
        ):
            return False
        if watched.hasFocus() or _focus_inside(watched):
            return False  # the person chose this field: the wheel changes it
        area = _scroll_area_around(watched)
        if area is not None:
            relay = QWheelEvent(
                area.viewport().mapFromGlobal(event.globalPosition()),
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
            )
            QCoreApplication.sendEvent(area.viewport(), relay)
        event.accept()
        return True


def _focus_inside(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and widget.isAncestorOf(focus)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


_guard: WheelGuard | None = None


def install_input_guards(app: QCoreApplication) -> WheelGuard:
    """Install the one filter on ``app`` (once; a second call returns the same filter)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard


def remove_input_guards(app: QCoreApplication) -> None:
    global _guard
    if _guard is not None:
        app.removeEventFilter(_guard)
        _guard.deleteLater()
        _guard = None
