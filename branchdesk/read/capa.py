"""What the CAPA list, the case window's CAPA section and the work page's tile read (issue 14 part B).

One filter (``CapaFilter``) makes one SQL condition (``capa_conditions``); the list pages it and the tile
counts it, so a tile's count is exactly the list it opens. Who may see which item is the caller's
condition (``visible``, built by the service).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from branchdesk.domain.capa import OUTSTANDING, CapaKind, CapaStatus
from branchdesk.storage.models import CapaItem, CapaVerification, Case, Department, User

#: The most rows one list page shows.
PAGE_ROWS = 500


@dataclass(frozen=True)
class CapaFilter:
    """The CAPA list's filter; every field None/False: every item the viewer sees."""

    department_id: int | None = None
    status: str | None = None  # a ``CapaStatus`` code
    overdue: bool = False  # past the due date and not done (``domain.capa.is_overdue``)
    owner_id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class VerificationView:
    verdict: CapaStatus  # VERIFIED or NOT_EFFECTIVE
    note: str
    check_date: date
    verifier_name: str
    at: datetime
    attachment_id: int | None


@dataclass(frozen=True)
class CapaRow:
    id: int
    version: int  # what an item action names: a change made meanwhile refuses it
    case_id: int
    case_no: str
    kind: CapaKind
    description: str
    owner_id: int
    owner_name: str
    department_id: int
    department_name: str
    due_date: date
    status: CapaStatus
    overdue: bool
    reopen_count: int
    created_at: datetime
    done_at: datetime | None
    done_note: str
    verifications: tuple[VerificationView, ...] = ()


def capa_conditions(f: CapaFilter, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.department_id is not None:
        conditions.append(CapaItem.department_id == f.department_id)
    if f.status:
        conditions.append(CapaItem.status == f.status)
    if f.overdue:
        conditions.append(CapaItem.status.in_([s.value for s in OUTSTANDING]))
        conditions.append(CapaItem.due_date < today)
    if f.owner_id is not None:
        conditions.append(CapaItem.owner_id == f.owner_id)
    if f.case_id is not None:
        conditions.append(CapaItem.case_id == f.case_id)
    return conditions


def count_capa(session: Session, f: CapaFilter, today: date, visible: ColumnElement[bool]) -> int:
    """How many items the list shows under ``f`` (the work page's tile)."""
    query = (
        select(func.count(CapaItem.id))
        .join(Case, Case.id == CapaItem.case_id)
        .where(visible, *capa_conditions(f, today))
    )
    return session.scalar(query) or 0


def list_capa(
    session: Session, f: CapaFilter, today: date, visible: ColumnElement[bool], limit: int = PAGE_ROWS
) -> list[CapaRow]:
    """The items under ``f``, the most pressing first (outstanding by due date, then the rest)."""
    owner = aliased(User)
    query = (
        select(CapaItem, Case.case_no, owner.full_name, Department.name)
        .join(Case, Case.id == CapaItem.case_id)
        .join(owner, owner.id == CapaItem.owner_id)
        .join(Department, Department.id == CapaItem.department_id)
        .where(visible, *capa_conditions(f, today))
        .order_by(CapaItem.due_date, CapaItem.id)
        .limit(limit)
    )
    found = session.execute(query).all()
    verifications = _verifications(session, [item.id for item, *_ in found])
    return [
        CapaRow(
            id=item.id,
            version=item.version,
            case_id=item.case_id,
            case_no=case_no,
            kind=CapaKind(item.kind),
            description=item.description,
            owner_id=item.owner_id,
            owner_name=owner_name,
            department_id=item.department_id,
            department_name=department_name,
            due_date=item.due_date,
            status=CapaStatus(item.status),
            overdue=CapaStatus(item.status) in OUTSTANDING and item.due_date < today,
            reopen_count=item.reopen_count,
            created_at=item.created_at,
            done_at=item.done_at,
            done_note=item.done_note,
            verifications=tuple(verifications.get(item.id, ())),
        )
        for item, case_no, owner_name, department_name in found
    ]


def _verifications(session: Session, item_ids: Sequence[int]) -> dict[int, list[VerificationView]]:
    if not item_ids:
        return {}
    found: dict[int, list[VerificationView]] = {}
    rows = session.execute(
        select(CapaVerification, User.full_name)
        .join(User, User.id == CapaVerification.verifier_id)
        .where(CapaVerification.item_id.in_(list(item_ids)))
        .order_by(CapaVerification.id)
    ).all()
    for v, name in rows:
        found.setdefault(v.item_id, []).append(
            VerificationView(CapaStatus(v.verdict), v.note, v.check_date, name, v.at, v.attachment_id)
        )
    return found


__all__ = [
    "PAGE_ROWS",
    "CapaFilter",
    "CapaRow",
    "VerificationView",
    "capa_conditions",
    "count_capa",
    "list_capa",
]
