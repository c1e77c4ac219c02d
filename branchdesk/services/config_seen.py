"""Configuration writes that name the version they saw (several PCs, one truth).

Every configuration write bumps ``branch.config_version`` by one, in its own transaction. A screen that
shows configuration names the version its data was read at (``seen``); the write claims the next version
only if the current one is still that (``claim``: one compare-and-set ``UPDATE``, atomic on SQLite and
PostgreSQL). Otherwise it is refused with who changed what: the event written with the last
configuration write (``branch.config_event_seq``, migration 0034). The refusal carries the current
version, so the screen, having told the person, names it at the next write.

A write without ``seen`` (a command typed in full on the command line, a preset applied at set-up) is
not checked: nothing was shown that could be stale.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from branchdesk.errors import ConfigChanged
from branchdesk.i18n import Text
from branchdesk.services.timeline import who_when_what
from branchdesk.storage.audit_chain import pending_head_seq
from branchdesk.storage.models import Branch, Event


def claim(session: Session, seen: int) -> None:
    """Move the configuration version from ``seen`` to the next, or refuse: someone changed it since."""
    result = cast(
        CursorResult[object],
        session.execute(
            update(Branch)
            .where(Branch.config_version == seen)
            .values(config_version=Branch.config_version + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        current = session.scalar(select(Branch.config_version)) or 0
        raise ConfigChanged(changed_by(session), current)


def record_change(session: Session, *, claimed: bool) -> int:
    """At the end of a configuration write: the version moves by one (unless ``claim`` moved it) and the
    branch remembers the event written with it. Returns the version the write leaves."""
    session.flush()  # the unit's events are sealed now: their sequence is known
    seq = pending_head_seq(session)
    values: dict[str, object] = {}
    if not claimed:
        values["config_version"] = Branch.config_version + 1
    if seq is not None:
        values["config_event_seq"] = seq
    if values:
        session.execute(update(Branch).values(**values).execution_options(synchronize_session=False))
    return int(session.scalar(select(Branch.config_version)) or 0)


def changed_by(session: Session) -> Text:
    """Who changed the configuration last, when, and what they did."""
    seq = session.scalar(select(Branch.config_event_seq))
    event = session.scalars(select(Event).where(Event.seq == seq)).first() if seq is not None else None
    if event is None:
        return Text("config.changed_elsewhere")
    return Text("config.changed_by", who_when_what(event))
