"""Bounded input: every text has a length limit, every date a range, every number bounds (domain §2).

A service collects its problems in one ``Checks`` and raises them together as a ``FieldError``
before it opens the write transaction where it can. The checks cost time linear in the input
and look at the length first, so a 100,000-character value is refused before any pattern runs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from branchdesk.domain.text import clean_text, utf16_length
from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text

#: Dates and times a branch can mean: nothing before 1990 or after 2100 is a typo we store.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)

#: The largest value an integer column holds on both SQLite and PostgreSQL (``INTEGER``).
INT_MAX = 2**31 - 1

#: Length limits (UTF-16 units, as Qt counts) of the free texts the case services, the
#: administration and the queue take; the intake form's own are ``domain.intake.LIMITS``.
TEXT_LIMITS: dict[str, int] = {
    "note": 500,
    "reason": 2000,
    "customer_consent": 2000,
    "content": 5000,  # a reply
    "comments": 2000,  # a follow-up
    "cause": 5000,
    "details": 5000,
    "conclusion": 5000,
    "responsible_person": 50,
    "corrective_action": 5000,
    "preventive_action": 5000,
    "resolution_text": 2000,
    "password": 200,
    "filename": 255,
    "media_type": 100,
    "attachment_note": 200,
    # administration
    "code": 20,  # a department's code
    "category_code": 60,
    "name": 100,  # a department's name
    "label": 100,  # a category's or SLA rule's label
    "custom_label": 50,
    "custom_choice": 100,
    "title": 50,  # a reply template's title
    "body": 5000,
    "username": 50,
    "full_name": 50,
    "calendar_note": 100,
    "setting": 200,  # a text setting (branch phone, address, office hours)
    # the queue
    "search": 200,
    "filter_code": 60,
}

#: How many choices a custom field may offer, how many items a queue filter may name.
MAX_CHOICES = 100
MAX_FILTER_ITEMS = 100


def _name(field: str, label: Text | Label | str | None) -> Text | Label | str:
    return label if label is not None else Label("Field", field)


class Checks:
    """Problems found in one input, field → text; ``done()`` raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, Text | str] = {}

    def add(self, field: str, text: Text) -> None:
        self.errors.setdefault(field, text)

    def text(
        self,
        field: str,
        value: Any,
        limit: int,
        label: Text | Label | str | None = None,
        *,
        required: bool = False,
    ) -> str:
        """The cleaned text (or '' after a problem): too long or, when required, empty is refused."""
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, Text("field.format", {"field": _name(field, label)}))
            return ""
        if len(value) > 4 * limit + 100:  # far too long: refused before any normalisation
            self.add(field, Text("field.max_length", {"field": _name(field, label), "limit": limit}))
            return ""
        text = clean_text(value)
        if utf16_length(text) > limit:
            self.add(field, Text("field.max_length", {"field": _name(field, label), "limit": limit}))
            return ""
        if required and not text:
            self.add(field, Text("field.required", {"field": _name(field, label)}))
        return text

    def integer(
        self,
        field: str,
        value: Any,
        low: int,
        high: int,
        label: Text | Label | str | None = None,
    ) -> int:
        """An integer within [low, high] (booleans and other types are refused)."""
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(
                field, Text("field.number_range", {"field": _name(field, label), "min": low, "max": high})
            )
            return low
        return value

    def moment(self, field: str, value: Any, label: Text | Label | str | None = None) -> None:
        """A date or time within 1990-01-01 … 2100-12-31 (None passes: the caller decides)."""
        if value is None:
            return
        if not isinstance(value, date) or not in_range(value):
            self.add(
                field,
                Text(
                    "field.date_range",
                    {
                        "field": _name(field, label),
                        "first": FIRST_DAY.isoformat(),
                        "last": LAST_DAY.isoformat(),
                    },
                ),
            )

    def done(self) -> None:
        if self.errors:
            raise FieldError(self.errors)


def in_range(value: date | datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


def ids_ok(value: Any) -> bool:
    """Whether ``value`` can be a row id at all (a positive integer a column holds)."""
    return not isinstance(value, bool) and isinstance(value, int) and 0 < value <= INT_MAX
