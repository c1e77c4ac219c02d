"""Building blocks for forms: labelled inputs with accessible names and an error line under each.

Every input a person fills gets its label as accessible name; ``FieldSet.show_errors``
marks the fields a ``FieldError`` names, in the user's language, and focuses the first (scrolled
into view). Enter moves from field to field (``ui.keyboard.FormKeys``); dates are
``ui.date_field`` fields (typed as 2026-11-30, 20261130 or 11-30).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk.i18n import Text
from ui.date_field import NO_DATE as NO_DATE  # "no date" in the QDateEdit calls the screens keep
from ui.date_field import DateField, DateTimeField
from ui.keyboard import FormKeys, reveal
from ui.language import render

ERROR_STYLE = "border: 1px solid #c0392b;"


class FieldSet:
    """Named inputs inside one or more form layouts."""

    def __init__(self) -> None:
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.order: list[str] = []
        self.keys = FormKeys()

    def add(self, layout: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setAccessibleName(label)
        widget.setObjectName(name)
        error = QLabel()
        error.setStyleSheet("color: #c0392b")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        layout.addRow(label, holder)
        self.keys.watch(widget)
        self.widgets[name] = widget
        self.errors[name] = error
        self.order.append(name)
        return widget

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.hide()
            label.clear()
            self.widgets[name].setStyleSheet("")

    def show_errors(self, errors: Mapping[str, Text | str], fallback: QLabel | None = None) -> None:
        """Mark each named field with its error (a core ``Text`` is rendered in the user's language);
        errors for fields not in this set go to ``fallback``."""
        self.clear_errors()
        first: QWidget | None = None
        unplaced = []
        for name, text in errors.items():
            message = render(text)
            if name in self.errors:
                self.errors[name].setText(message)
                self.errors[name].show()
                self.widgets[name].setStyleSheet(ERROR_STYLE)
                if first is None or self.order.index(name) < self.order.index(first.objectName()):
                    first = self.widgets[name]
            else:
                unplaced.append(message)
        if unplaced and fallback is not None:
            fallback.setText("\n".join(unplaced))
            fallback.show()
        if first is not None:
            first.setFocus()
            reveal(first)

    def typing_errors(self) -> bool:
        """Mark the date fields whose text is not a date (they would read as empty); True if any."""
        wrong = {
            name: QCoreApplication.translate("FieldSet", "Not a date: type 2026-11-30, 20261130 or 11-30")
            for name, widget in self.widgets.items()
            if isinstance(widget, DateField) and not widget.is_acceptable()
        }
        if wrong:
            self.show_errors(wrong)
        return bool(wrong)

    # --- reading and writing values -------------------------------------------

    def value(self, name: str) -> Any:
        return read_value(self.widgets[name])

    def set_value(self, name: str, value: Any) -> None:
        write_value(self.widgets[name], value)

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.order}


def read_value(widget: QWidget) -> Any:
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()  # None for the empty first entry
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        moment = widget.dateTime()
        if moment.date() == NO_DATE:
            return None
        return datetime(
            moment.date().year(),
            moment.date().month(),
            moment.date().day(),
            moment.time().hour(),
            moment.time().minute(),
        )
    if isinstance(widget, QDateEdit):
        day = widget.date()
        return None if day == NO_DATE else date(day.year(), day.month(), day.day())
    raise TypeError(widget)


def write_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateTimeField):
        if isinstance(value, str) and value:
            value = datetime.fromisoformat(value)
        widget.set_value(value if isinstance(value, datetime) else None)
    elif isinstance(widget, DateField):
        if isinstance(value, str) and value:
            value = date.fromisoformat(value[:10])
        if isinstance(value, datetime):
            value = value.date()
        widget.set_value(value if isinstance(value, date) else None)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value) if value not in (None, "") else 0
        widget.setCurrentIndex(max(index, 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or widget.minimum()))
    elif isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        if isinstance(value, str) and value:
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime):
            widget.setDateTime(
                QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
            )
        else:
            widget.setDateTime(QDateTime(NO_DATE, QTime(0, 0)))
    elif isinstance(widget, QDateEdit):
        if isinstance(value, str) and value:
            value = date.fromisoformat(value)
        widget.setDate(QDate(value.year, value.month, value.day) if isinstance(value, date) else NO_DATE)


def combo(items: dict[str, str] | list[tuple[Any, str]], empty: str | None = "") -> QComboBox:
    widget = QComboBox()
    if empty is not None:
        widget.addItem(empty, None)
    pairs = items.items() if isinstance(items, dict) else items
    for code, label in pairs:
        widget.addItem(label, code)
    return widget


def refill_combo(widget: QComboBox, items: dict[str, str] | list[tuple[Any, str]]) -> None:
    """New choices for a pick list: the empty first entry and the current choice (if still offered) stay.

    Signals are held while refilling; ``currentIndexChanged`` fires once if the choice had to change.
    """
    current = widget.currentData()
    empty = widget.itemText(0) if widget.count() and widget.itemData(0) is None else None
    widget.blockSignals(True)
    try:
        widget.clear()
        if empty is not None:
            widget.addItem(empty, None)
        for code, label in items.items() if isinstance(items, dict) else items:
            widget.addItem(label, code)
        widget.setCurrentIndex(max(widget.findData(current), 0) if current is not None else 0)
    finally:
        widget.blockSignals(False)
    if widget.currentData() != current:
        widget.currentIndexChanged.emit(widget.currentIndex())


def optional_datetime(empty_text: str) -> DateTimeField:
    """A date and time that may be empty (``empty_text`` shown greyed)."""
    return DateTimeField(empty_text)


def optional_date(empty_text: str) -> DateField:
    """A date that may be empty (``empty_text`` shown greyed)."""
    return DateField(empty_text)


def required_datetime() -> DateTimeField:
    """A date and time that must be given."""
    return DateTimeField(None)


def multiline(height: int = 80) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    widget.setTabChangesFocus(True)
    widget.setMinimumHeight(height)
    return widget
