"""Keyboard on forms, as on a paper form: Enter moves to the next field, Ctrl+Enter submits.

``FormKeys`` watches the fields of a form in their order (``FieldSet`` makes one for its fields):

- Enter in a one-line field, a pick list, a number, a date or a check box moves to the next field
  (a date does not walk its sections, a check box is not left stuck);
- in a multi-line text Enter is a new line, Tab or Ctrl+Tab moves on;
- Ctrl+Enter submits from any field; in a dialog Enter on the last field submits too, so one Enter
  accepts a one-field dialog (before, Enter moved to the OK button and a second Enter pressed it).

``reveal`` scrolls the enclosing scroll area to a widget (the first wrong field after a failed
submit), ``scroll_to_top`` back to the start (a new intake).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FormKeys(QObject):
    """Enter moves on, Ctrl+Enter (and, with ``submit_on_last``, Enter on the last field) submits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: list[QWidget] = []
        self._owner: dict[QObject, QWidget] = {}  # the watched object (a field or its inner edit) → field
        self.submit: Callable[[], object] | None = None
        self.submit_on_last = False

    def set_submit(self, submit: Callable[[], object] | None, on_last: bool = False) -> None:
        """``submit`` runs on Ctrl+Enter; with ``on_last`` also on Enter in the last field (a dialog)."""
        self.submit = submit
        self.submit_on_last = on_last

    def watch(self, field: QWidget) -> None:
        """Add ``field`` (after the ones watched before). Keys reach an editable pick list's or a date
        field's inner line edit first, so that is watched too."""
        self.fields.append(field)
        for target in (field, *field.findChildren(QLineEdit)):
            self._owner[target] = field
            target.installEventFilter(self)

    def next_field(self, field: QWidget) -> QWidget | None:
        """The next field that can take the focus now (shown, enabled), or None after the last."""
        try:
            index = self.fields.index(field)
        except ValueError:
            return None
        for candidate in self.fields[index + 1 :]:
            window = candidate.window()
            if (
                candidate.isEnabled()
                and candidate.isVisibleTo(window)
                and candidate.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                return candidate
        return None

    def move_on(self, field: QWidget) -> bool:
        """Focus the field after ``field`` (its text selected, as Tab does); True if there was one."""
        commit = getattr(field, "commit", None)
        if callable(commit):
            commit()  # a date field writes out what was typed (2026-11-30 for 11-30)
        target = self.next_field(field)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.TabFocusReason)
        edit = target if isinstance(target, QLineEdit) else target.findChild(QLineEdit)
        if edit is not None:
            edit.selectAll()
        reveal(target)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        field = self._owner.get(watched)
        if field is None:
            return False
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        multiline = isinstance(field, QPlainTextEdit | QTextEdit)
        if multiline and key == Qt.Key.Key_Tab and control:
            self.move_on(field)
            return True
        if key not in _ENTER:
            return False
        if control:
            if self.submit is None:
                return False  # the page's own Ctrl+Enter shortcut, if any
            self.submit()
            return True
        if multiline or modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            return False  # a new line
        popup = getattr(field, "view", None)
        if callable(popup) and popup().isVisible():
            return False  # Enter chooses in an open pick list
        if self.move_on(field):
            return True
        commit = getattr(field, "commit", None)
        if callable(commit):
            commit()
        if self.submit_on_last and self.submit is not None:
            self.submit()
            return True
        return False


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def reveal(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so it is in view (with its label's margin)."""
    # An error label just shown moves the fields: lay them out before measuring, and once more when
    # the event loop has settled the nested layouts.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    _ensure_visible(widget)
    QTimer.singleShot(0, widget, lambda: _ensure_visible(widget))


def _ensure_visible(widget: QWidget) -> None:
    area = scroll_area_of(widget)
    while area is not None:
        inner = area.widget()
        if inner is not None and inner.isAncestorOf(widget):
            # The whole field with room for its label and error line (ensureWidgetVisible would show
            # only a text box's cursor line).
            top_left = widget.mapTo(inner, widget.rect().topLeft())
            half_w, half_h = widget.width() // 2, widget.height() // 2
            area.ensureVisible(top_left.x() + half_w, top_left.y() + half_h, half_w + 20, half_h + 30)
        area = scroll_area_of(area)


def scroll_to_top(widget: QWidget) -> None:
    """Scroll the areas around ``widget`` back to their start."""
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            parent.verticalScrollBar().setValue(0)
        parent = parent.parentWidget()
