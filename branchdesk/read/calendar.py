"""What the holiday notice import and the calendar list show: the preview of a notice, and a year's days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from branchdesk.domain.holiday_notice import NoticeChange, NoticeDay
from branchdesk.i18n import Label


@dataclass(frozen=True)
class NoticePreview:
    """A parsed notice against the calendar as it is: every day it names, and the ones that would change."""

    year: int
    days: tuple[NoticeDay, ...]
    changes: tuple[NoticeChange, ...]
    year_confirmed: bool  # the year is already marked confirmed (or the official data covers it)


@dataclass(frozen=True)
class NoticeApplied:
    year: int
    written: int  # overrides written or changed
    newly_confirmed: bool


@dataclass(frozen=True)
class CalendarDay:
    """A day whose status differs from Monday–Friday: a holiday on a weekday, a make-up working weekend."""

    day: date
    working: bool
    name: str | Label  # an override's note (the notice's holiday name) or the official holiday's label
    source: str  # "override" | "official"
