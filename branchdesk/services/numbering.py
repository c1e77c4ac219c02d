"""Handing out case serials: inside the caller's write transaction, one per month, no gaps.

The counter row is updated before it is read, so on PostgreSQL the UPDATE's
row lock, and on SQLite the ``BEGIN IMMEDIATE`` write lock, serialise two PCs
saving at the same instant. A rolled-back save rolls its serial back too.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from branchdesk.storage.models import CaseCounter


def allocate_serial(session: Session, period: str) -> int:
    return allocate_serials(session, period, 1)


def allocate_serials(session: Session, period: str, count: int) -> int:
    """``count`` consecutive serials of ``period`` (a ledger import's chunk); returns the first."""
    for _attempt in range(3):
        result = session.execute(
            update(CaseCounter)
            .where(CaseCounter.period == period)
            .values(last_serial=CaseCounter.last_serial + count)
            .returning(CaseCounter.last_serial)
        ).scalar_one_or_none()
        if result is not None:
            return int(result) - count + 1
        try:
            with session.begin_nested():
                session.add(CaseCounter(period=period, last_serial=count))
            return 1
        except IntegrityError:
            continue  # another PC created the month's row first: update it
    raise RuntimeError(f"could not allocate a case serial for {period}")
