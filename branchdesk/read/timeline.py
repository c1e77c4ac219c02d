"""The case timeline: who did what when, as a text (code + parameters) and typed field changes.

Events written since migration 0005 keep a code and parameters, rendered in the
reader's language; older rows only have the Chinese sentence written at the
time, which is shown as it is. A change names the field (an English attribute
name, rendered through the ``Field`` vocabulary at the edge) and its values as
data: names for ids, enums for vocabulary codes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain.vocab import Kind, Responsibility, Severity, Status
from branchdesk.i18n import Text
from branchdesk.storage.models import Event

#: Bookkeeping fields a reader does not need (they change along with a field that is shown).
HIDDEN = frozenset({"phone_normalized", "triaged_at", "assigned_at"})

#: Fields whose stored value is a code of a fixed vocabulary.
VOCABULARIES: dict[str, type[Status] | type[Severity] | type[Kind] | type[Responsibility]] = {
    "status": Status,
    "severity": Severity,
    "kind": Kind,
    "responsibility": Responsibility,
}


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value. ``None`` means empty; ids are resolved to names.

    Values are data as stored (text, bool, int fen for ``*_fen`` fields, dates as
    ``YYYY-MM-DD HH:MM`` strings) or the enum of a vocabulary field.
    """

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor_name: str
    action: str
    text: Text
    changes: list[FieldChange]


def timeline(session: Session, case_id: int, name_of: Callable[[str, Any], str]) -> list[TimelineEntry]:
    """The case's events in order; ``name_of(field, id)`` names the row an id field points at."""
    return [
        TimelineEntry(
            at=e.at,
            actor_name=e.actor_name,
            action=e.action,
            text=Text.from_json({"code": e.code, "params": e.params}) if e.code else Text.literal(e.summary),
            changes=changes_of(e.changes or [], name_of),
        )
        for e in session.scalars(select(Event).where(Event.case_id == case_id).order_by(Event.id))
    ]


def changes_of(stored: list[list[Any]], name_of: Callable[[str, Any], str]) -> list[FieldChange]:
    return [
        FieldChange(field, _value(field, old, name_of), _value(field, new, name_of))
        for field, old, new in stored
        if field not in HIDDEN
    ]


def _value(field: str, value: Any, name_of: Callable[[str, Any], str]) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    vocabulary = VOCABULARIES.get(field)
    if vocabulary is not None:
        try:
            return vocabulary(value)
        except ValueError:  # a code the program no longer knows: show it as stored
            return value
    if field.endswith("_id") and isinstance(value, int):
        return name_of(field, value)
    return value
