"""Appending events to a case's timeline (and the admin audit trail)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from branchdesk.storage.models import Event, User


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
    summary: str,
    case_id: int | None = None,
    changes: Iterable[tuple[str, Any, Any]] = (),
) -> Event:
    event = Event(
        case_id=case_id,
        at=at,
        actor_id=actor.id if actor else None,
        actor_name=actor.full_name if actor else "系统",
        action=action,
        summary=summary,
        changes=[[name, _plain(old), _plain(new)] for name, old, new in changes if old != new],
    )
    session.add(event)
    return event


def apply_changes(target: Any, values: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Set attributes on ``target`` and return (field, old, new) for the ones that changed."""
    changes = []
    for name, new in values.items():
        old = getattr(target, name)
        if old != new:
            changes.append((name, old, new))
            setattr(target, name, new)
    return changes
