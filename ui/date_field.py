"""Date and date-time fields a clerk types into: ``2026-11-30``, ``20261130`` or ``11-30``.

``QDateEdit`` edits section by section (Enter walks the sections, Down changes the month, the wheel
the year), opens its calendar at 2000 and shows 2000-01-01 for "no date". These fields are a line
edit read by ``branchdesk.domain.text.parse_user_date`` (the rule), with a calendar button (F4 or
Alt+Down) that opens at the field's date or today; empty is empty where a date is optional.

They keep the ``QDateEdit`` calls the screens use (``date``/``setDate``, ``dateTime``/``setDateTime``,
``dateChanged``/``dateTimeChanged``), with ``forms.NO_DATE`` meaning "no date" as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from branchdesk.domain.bounds import FIRST_DAY, LAST_DAY
from branchdesk.domain.text import parse_user_date, parse_user_datetime

#: "No date" in the QDateEdit calls these fields keep (the value the old widgets used).
NO_DATE = QDate(2000, 1, 1)
INVALID_STYLE = "border: 1px solid #c0392b;"


class DateField(QWidget):
    """A date, typed or picked; ``empty_text`` (shown greyed when empty) means it may be left empty."""

    dateChanged = Signal(QDate)  # the QDateEdit name the screens connect to
    with_time = False

    def __init__(
        self,
        empty_text: str | None = "",
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.optional = empty_text is not None
        self._today = today
        self._value: date | datetime | None = None
        self.edit = QLineEdit()
        self.edit.setMaxLength(40)  # parse_user_date refuses longer text anyway
        self.edit.setPlaceholderText(empty_text or self._pattern())
        self.edit.setToolTip(self._hint())
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(QCoreApplication.translate("DateField", "Pick from the calendar (F4)"))
        self.button.setAccessibleName(QCoreApplication.translate("DateField", "Calendar"))
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(lambda _text: self.edit.setStyleSheet(""))
        self.edit.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None

    # --- what the field holds -----------------------------------------------------------

    def _pattern(self) -> str:
        return "yyyy-mm-dd"

    def _hint(self) -> str:
        return QCoreApplication.translate("DateField", "Type 2026-11-30, 20261130 or 11-30 (this year)")

    def _format(self, value: date | datetime) -> str:
        return f"{value:%Y-%m-%d}"

    def _parse(self, text: str) -> date | datetime | None:
        return parse_user_date(text, self._today())

    def text(self) -> str:
        return self.edit.text()

    def is_acceptable(self) -> bool:
        """Empty where that is allowed, or a real date."""
        text = self.edit.text().strip()
        return (not text and self.optional) or (bool(text) and self._parse(text) is not None)

    def value(self) -> date | datetime | None:
        """What is typed now (read before the field loses the focus too); None when empty or not a date."""
        text = self.edit.text().strip()
        return self._parse(text) if text else None

    def set_value(self, value: date | datetime | None) -> None:
        self.edit.setText("" if value is None else self._format(value))
        self.edit.setStyleSheet("")
        self._changed()

    def commit(self) -> None:
        """Leaving the field: a real date is written out in full, anything else is marked."""
        text = self.edit.text().strip()
        parsed = self._parse(text) if text else None
        if parsed is not None:
            if self.edit.text() != self._format(parsed):
                self.edit.setText(self._format(parsed))
        elif text or not self.optional:
            self.edit.setStyleSheet(INVALID_STYLE)
        self._changed()

    def _changed(self) -> None:
        value = self.value()
        if value != self._value:
            self._value = value
            self._emit()

    def _emit(self) -> None:
        self.dateChanged.emit(self.date())

    # --- the calendar ------------------------------------------------------------------------

    def open_calendar(self) -> QCalendarWidget:
        """A calendar under the field at its date, or today when it is empty (not at 2000)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget()
            self.calendar.setParent(self, Qt.WindowType.Popup)
            self.calendar.setMinimumDate(_qdate(FIRST_DAY))
            self.calendar.setMaximumDate(_qdate(LAST_DAY))
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        current = self.value()
        self.calendar.setSelectedDate(_qdate(current if current is not None else self._today()))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        picked = date(day.year(), day.month(), day.day())
        self.set_value(self._with_day(picked))
        self.edit.setFocus()

    def _with_day(self, day: date) -> date | datetime:
        return day

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.commit()
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.open_calendar()
                return True
        return False

    # --- the QDateEdit calls the screens use -------------------------------------------------

    def date(self) -> QDate:
        value = self.value()
        return NO_DATE if value is None else _qdate(value)

    def setDate(self, day: QDate) -> None:
        self.set_value(
            None if not day.isValid() or day == NO_DATE else date(day.year(), day.month(), day.day())
        )


class DateTimeField(DateField):
    """A date and a time (``2026-11-30 14:30``, ``20261130 1430``; without a time: the time shown before)."""

    dateTimeChanged = Signal(QDateTime)
    with_time = True

    def _pattern(self) -> str:
        return "yyyy-mm-dd hh:mm"

    def _hint(self) -> str:
        return QCoreApplication.translate(
            "DateField", "Type 2026-11-30 14:30, 20261130 1430 or 11-30 14:30 (this year)"
        )

    def _format(self, value: date | datetime) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else f"{value:%Y-%m-%d} 00:00"

    def _parse(self, text: str) -> date | datetime | None:
        shown = self._value
        keep = shown.time() if isinstance(shown, datetime) else time(0, 0)
        return parse_user_datetime(text, self._today(), keep)

    def _with_day(self, day: date) -> date | datetime:
        shown = self.value()
        return datetime.combine(day, shown.time() if isinstance(shown, datetime) else time(0, 0))

    def _emit(self) -> None:
        super()._emit()
        self.dateTimeChanged.emit(self.dateTime())

    def dateTime(self) -> QDateTime:
        value = self.value()
        if not isinstance(value, datetime):
            return QDateTime(NO_DATE, QTime(0, 0))
        return QDateTime(_qdate(value), QTime(value.hour, value.minute))

    def setDateTime(self, moment: QDateTime) -> None:
        day = moment.date()
        if not day.isValid() or day == NO_DATE:
            self.set_value(None)
            return
        clock = moment.time()
        self.set_value(datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute()))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
