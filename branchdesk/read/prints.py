"""The print log of a case as screens read it (issue 17 part E): what was printed, by whom, and whether
an intake correction made afterwards superseded the copy (it shows facts that are no longer true)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.storage.models import PrintLog, User


@dataclass(frozen=True)
class PrintRecord:
    form: str  # the form's code; the reader names it (``Label("Form", code)`` or the branch's title)
    copies: tuple[int, ...]
    mode: str  # plain | overlay
    reprint: bool
    printed_by: str
    printed_at: datetime
    superseded_at: datetime | None  # the intake was corrected after this copy was printed


def print_records(session: Session, case_id: int) -> list[PrintRecord]:
    """Every print of the case, oldest first."""
    rows = session.execute(
        select(PrintLog, User.full_name)
        .outerjoin(User, User.id == PrintLog.user_id)
        .where(PrintLog.case_id == case_id)
        .order_by(PrintLog.printed_at, PrintLog.id)
    ).all()
    return [
        PrintRecord(
            form=p.form,
            copies=tuple(int(c) for c in (p.copies or [])),
            mode=p.mode,
            reprint=bool(p.reprint),
            printed_by=name or "",
            printed_at=p.printed_at,
            superseded_at=p.superseded_at,
        )
        for p, name in rows
    ]
