"""Appending events to a case's timeline (and the admin audit trail).

An event keeps its text as a code and parameters, re-rendered in the reader's
language; ``summary`` holds the Chinese rendering for readers that predate codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from branchdesk.i18n import DEFAULT_LANGUAGE, Text, render
from branchdesk.storage.audit_chain import seal_rows
from branchdesk.storage.bulk import blank_row
from branchdesk.storage.models import Event, User

_EVENTS = cast(Table, Event.__table__)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def record(
    session: Session,
    *,
    at: datetime,
    actor: User | None,
    action: str,
    text: Text,
    case_id: int | None = None,
    changes: Iterable[tuple[str, Any, Any]] = (),
) -> Event:
    event = Event(
        case_id=case_id,
        at=at,
        actor_id=actor.id if actor else None,
        actor_name=actor.full_name if actor else "系统",
        action=action,
        summary=render(text, DEFAULT_LANGUAGE),
        code=text.code,
        params=text.to_json()["params"],
        changes=[[name, _plain(old), _plain(new)] for name, old, new in changes if old != new],
    )
    session.add(event)
    return event


def record_rows(
    session: Session, events: Iterable[tuple[int | None, datetime, User | None, str, Text]]
) -> int:
    """Many events — (case id, at, actor, action, text), no changes — chained into the audit trail in this
    order like ``record`` ones (a ledger import's 200,000 rows; issue 16 "Import"). Written
    ``_ROWS_PER_STATEMENT`` at a time, so a generator of events never has them all in memory at once."""
    session.flush()  # mapped events added before these take their places in the chain first
    template = blank_row(_EVENTS)
    written = 0
    rows: list[dict[str, Any]] = []
    for case_id, at, actor, action, text in events:
        row = dict(template)
        row.update(
            case_id=case_id,
            at=at,
            actor_id=actor.id if actor else None,
            actor_name=actor.full_name if actor else "系统",
            action=action,
            summary=render(text, DEFAULT_LANGUAGE),
            code=text.code,
            params=text.to_json()["params"],
            changes=[],
        )
        rows.append(row)
        if len(rows) == _ROWS_PER_STATEMENT:
            written += _write_sealed(session, rows)
            rows = []
    return written + _write_sealed(session, rows)


def _write_sealed(session: Session, rows: list[dict[str, Any]]) -> int:
    """Seal ``rows`` after the chain's head in this transaction (``seal_rows``) and insert them."""
    if rows:
        seal_rows(session, rows)
        session.execute(insert(_EVENTS), rows)
    return len(rows)


#: Rows per executemany: bounded, so a huge import never builds one giant parameter list in the driver.
_ROWS_PER_STATEMENT = 5_000


def event_text(event: Event) -> Text | str:
    """The event's text: its code and parameters, or the Chinese summary of a row written before codes."""
    if event.code is None:
        return event.summary
    return Text.from_json({"code": event.code, "params": event.params or {}})


def who_when_what(event: Event) -> dict[str, Any]:
    """The parameters of a "changed meanwhile" refusal: who did ``event``, when, and what it did."""
    return {"who": event.actor_name, "when": event.at.strftime("%m-%d %H:%M"), "what": event_text(event)}


def apply_changes(target: Any, values: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Set attributes on ``target`` and return (field, old, new) for the ones that changed."""
    changes = []
    for name, new in values.items():
        old = getattr(target, name)
        if old != new:
            changes.append((name, old, new))
            setattr(target, name, new)
    return changes
