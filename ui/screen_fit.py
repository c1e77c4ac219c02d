"""Every window fits the screen it opens on (1366×768 with a taskbar, 1920×1080 at 150 %).

A form taller than the screen scrolls (``scrolled``) while its buttons stay outside the scroll
area, and ``fit_to_screen`` caps a window's initial size — its own wish, a restored geometry or a
fixed default — to the screen's available geometry, keeping room for the title bar and frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

#: Room for the window frame and title bar, which the window's own size does not include
#: (a Windows title bar is about 31 px at 100 %; 8 px frame).
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """The part of the widget's screen not covered by the taskbar (the primary screen before it is shown)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> QSize:
    """Size ``window`` to ``preferred`` (default: what its layout wishes), never beyond the screen.

    A minimum size larger than the screen is lowered too, and a window placed partly off the screen
    (a geometry restored from a larger monitor) is moved back onto it. Returns the size given.
    """
    area = available_geometry(window)
    limit = QSize(max(area.width() - FRAME.width(), 200), max(area.height() - FRAME.height(), 200))
    window.ensurePolished()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    if window.minimumWidth() > limit.width() or window.minimumHeight() > limit.height():
        window.setMinimumSize(window.minimumSize().boundedTo(limit))
    wanted = preferred if preferred is not None else window.sizeHint()
    if not wanted.isValid():
        wanted = window.size()
    size = wanted.boundedTo(limit).expandedTo(window.minimumSizeHint().boundedTo(limit))
    window.resize(size)
    if window.isWindow() and window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        frame = window.frameGeometry()
        x = min(max(frame.x(), area.x()), area.x() + area.width() - size.width() - FRAME.width())
        y = min(max(frame.y(), area.y()), area.y() + area.height() - size.height() - FRAME.height())
        window.move(max(x, area.x()), max(y, area.y()))
    return size


class FitScrollArea(QScrollArea):
    """A scroll area that asks for its whole content (``QScrollArea`` asks for at most 24 lines),
    so a short form opens without a scroll bar and only a long one scrolls."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + bar + frame, hint.height() + frame)


def scrolled(content: QWidget) -> FitScrollArea:
    """``content`` in a frameless scroll area that fills its width: the form scrolls, the window fits."""
    area = FitScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return area
