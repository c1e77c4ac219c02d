"""What anonymisation replaces with what, and when a case is due (issue 15 part R). Pure: no I/O.

**The registry** (``PERSONAL``) names every personal column per table: how the row finds its case and
what each column becomes. The writer (``services/anonymise.py``) walks it; a new table that holds a
customer's data (issue 14's ``case_note``, ``customer_contact``, ``opinion_request`` …) is one line
here. What stays: case number, dates, category, severity, amounts, outcomes, responsibility, codes —
everything a summary counts — so every past summary gives the same figures afterwards.

Free text is replaced whole (never partially masked: a name inside a sentence is not reliably
found); a name by the marker; phones, e-mail and ID-like columns emptied.

**Retention**: per category (at any level; a child inherits its nearest ancestor's rule) and kind,
in years counted from the closure; no rule: the setting ``retention_years``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class Replace(StrEnum):
    """What a personal column becomes."""

    NAME = "name"  # the marker (a name column must keep some text: forms and lists show it)
    TEXT = "text"  # free text: the marker when it held anything, else ''
    EMPTY = "empty"  # phones, e-mail, ID numbers, plates: ''
    NULL = "null"  # a JSON copy of personal data (an imported ledger row): NULL


@dataclass(frozen=True)
class PersonalTable:
    """One table's personal columns; ``case_column`` finds the rows of a case (``id`` for the case row)."""

    table: str
    case_column: str
    columns: Mapping[str, Replace]


#: Every personal column, per table (a new table with free text about a case gets its line here).
PERSONAL: tuple[PersonalTable, ...] = (
    PersonalTable(
        "complaint_case",
        "id",
        {
            "complainant_name": Replace.NAME,
            "complainant_sort": Replace.EMPTY,  # the name's pinyin
            "phone": Replace.EMPTY,
            "phone_normalized": Replace.EMPTY,
            "address": Replace.EMPTY,
            "email": Replace.EMPTY,
            "company": Replace.EMPTY,
            "plate": Replace.EMPTY,
            "content": Replace.TEXT,
            "request_text": Replace.TEXT,
            "close_note": Replace.TEXT,
            "void_reason": Replace.TEXT,
            "imported_row": Replace.NULL,
        },
    ),
    PersonalTable(
        "investigation",
        "case_id",
        {
            "cause": Replace.TEXT,
            "details": Replace.TEXT,
            "conclusion": Replace.TEXT,
            "corrective_action": Replace.TEXT,
            "preventive_action": Replace.TEXT,
        },
    ),
    PersonalTable("resolution", "case_id", {"text": Replace.TEXT}),
    PersonalTable("reply", "case_id", {"content": Replace.TEXT}),
    PersonalTable("follow_up", "case_id", {"comments": Replace.TEXT}),
    PersonalTable(
        "extension",
        "case_id",
        {"reason": Replace.TEXT, "customer_consent": Replace.TEXT, "decision_note": Replace.TEXT},
    ),
    # issue 14: what other departments, the CAPA owners, notes and progress notices wrote about the case
    PersonalTable(
        "opinion_request",
        "case_id",
        {"question": Replace.TEXT, "opinion": Replace.TEXT, "waive_reason": Replace.TEXT},
    ),
    PersonalTable("capa_item", "case_id", {"description": Replace.TEXT, "done_note": Replace.TEXT}),
    PersonalTable("case_note", "case_id", {"text": Replace.TEXT}),
    PersonalTable("customer_contact", "case_id", {"said": Replace.TEXT}),
)

#: The customer row (shared by a customer's cases): emptied once none of its cases keeps personal data.
CUSTOMER_COLUMNS: Mapping[str, Replace] = {
    "name": Replace.NAME,
    "phone": Replace.EMPTY,
    "company": Replace.EMPTY,
}

#: Case columns that say what a person asked about (kept: they are not about the person) — listed so a
#: reviewer sees they were considered: product, order_no, part_no, lot_no, quantities, vehicle_model.
#: Event parameters whose plain string value is free text (a note, a reason, a file name …).
FREE_TEXT_PARAMS = frozenset(
    {
        "note",
        "reason",
        "text",
        "content",
        "comments",
        "filename",
        "name",
        "title",
        "consent",
        "detail",
        "old",
        "new",
    }
)
#: Fields in an event's ``changes`` that are personal (the registry's columns, custom fields added by caller).
PERSONAL_FIELDS = frozenset(column for table in PERSONAL for column in table.columns) | frozenset(
    {"customer_name", "customer_phone", "custom_values"}
)


def replacement(kind: Replace, old: Any, marker: str) -> Any:
    """The value a personal column gets."""
    if kind is Replace.NULL:
        return None
    if kind is Replace.NAME:
        return marker
    if kind is Replace.TEXT:
        return marker if old else ""
    return ""


def tokens(values: Iterable[str | None]) -> tuple[str, ...]:
    """The personal strings to look for in free-form event data (names, phones in every spelling);
    a one-character piece would match anything, so pieces shorter than two characters are left out."""
    found = {v.strip() for v in values if v and len(v.strip()) >= 2}
    return tuple(sorted(found, key=len, reverse=True))


def _holds(value: str, personal: Sequence[str]) -> bool:
    return any(token in value for token in personal)


def redact_value(value: Any, personal: Sequence[str], marker: str, key: str | None = None) -> Any:
    """``value`` with every personal string replaced by the marker: free text by key (a note, a reason),
    any string holding a token; label and text markers (``$label``, ``$text``) keep their codes."""
    if isinstance(value, str):
        if value and (key in FREE_TEXT_PARAMS or _holds(value, personal)):
            return marker
        return value
    if isinstance(value, list):
        return [redact_value(v, personal, marker, key) for v in value]
    if isinstance(value, dict):
        if "$label" in value:
            return value
        return {
            k: (v if k in ("$label", "code") else redact_value(v, personal, marker, k))
            for k, v in value.items()
        }
    return value


def redact_changes(
    changes: Sequence[Any], personal: Sequence[str], marker: str, fields: Iterable[str] = ()
) -> list[Any]:
    """[[field, old, new], …] with a personal field's values (or any holding a token) replaced; ``fields``:
    more personal field names (a custom field's change is named by its label)."""
    named = PERSONAL_FIELDS | frozenset(fields)
    out: list[Any] = []
    for entry in changes or []:
        if not isinstance(entry, list) or len(entry) != 3:
            out.append(redact_value(entry, personal, marker))
            continue
        field, old, new = entry
        if field in named:
            out.append(
                [field, marker if old not in (None, "") else old, marker if new not in (None, "") else new]
            )
        else:
            out.append([field, redact_value(old, personal, marker), redact_value(new, personal, marker)])
    return out


def redact_custom(values: Mapping[str, Any], personal_keys: Iterable[str], marker: str) -> dict[str, Any]:
    keys = set(personal_keys)
    return {k: (marker if k in keys and v not in (None, "") else v) for k, v in values.items()}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPeriod:
    category_code: str | None
    kind: str | None
    years: int


def retention_years(
    rules: Sequence[RetentionPeriod], category_path: Sequence[str], kind: str, default_years: int
) -> int:
    """Years a closed case of this category (its path, root first) and kind is kept.

    The rule of the nearest category on the path wins (a child inherits); at one level, a rule naming
    the kind wins over one for any kind; a rule for any category is the last before the default."""
    best: tuple[int, int] | None = None
    years = default_years
    depth_of = {code: depth for depth, code in enumerate(category_path, start=1)}
    for rule in rules:
        if rule.kind is not None and rule.kind != kind:
            continue
        if rule.category_code is None:
            depth = 0
        elif rule.category_code in depth_of:
            depth = depth_of[rule.category_code]
        else:
            continue
        rank = (depth, 1 if rule.kind is not None else 0)
        if best is None or rank > best:
            best, years = rank, rule.years
    return years


def due_at(closed_at: datetime, years: int) -> datetime:
    """The day the period has passed: the closure's date ``years`` later (29 February → 28 February)."""
    try:
        return closed_at.replace(year=closed_at.year + years)
    except ValueError:
        return closed_at.replace(year=closed_at.year + years, day=28)
