"""What the bell reads (issue 17 "notify"): one user's notifications, and the poll's two figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from branchdesk.domain.notifications import NotificationKind, notification_text
from branchdesk.i18n import Text
from branchdesk.storage.models import Case, Notification


@dataclass(frozen=True)
class NotificationPoll:
    """What a PC compares every few seconds: a larger ``latest_id`` means something new arrived."""

    unread: int
    latest_id: int  # 0: none yet


@dataclass(frozen=True)
class NotificationRow:
    id: int
    kind: NotificationKind | str  # a kind this release does not know stays its code
    case_id: int
    case_no: str
    text: Text  # ``notify.<kind>``, rendered by the reader in their language
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


def poll(session: Session, user_id: int) -> NotificationPoll:
    """One statement: the unread count (on ``ix_notification_recipient``) and the newest id (on
    ``ix_notification_recipient_id``), each a scalar subquery so each uses its own index."""
    mine = Notification.recipient_id == user_id
    unread = select(func.count(Notification.id)).where(mine, Notification.read_at.is_(None))
    latest = select(func.max(Notification.id)).where(mine)
    count, newest = session.execute(select(unread.scalar_subquery(), latest.scalar_subquery())).one()
    return NotificationPoll(int(count or 0), int(newest or 0))


def rows(session: Session, user_id: int, limit: int, after_id: int = 0) -> list[NotificationRow]:
    """The user's notifications, newest first (``after_id``: only those newer than that one)."""
    query = (
        select(Notification, Case.case_no)
        .join(Case, Case.id == Notification.case_id)
        .where(Notification.recipient_id == user_id, Notification.id > after_id)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    result = []
    for note, case_no in session.execute(query).all():
        params = Text.from_json({"code": "", "params": note.params or {}}).params
        try:
            kind: NotificationKind | str = NotificationKind(note.kind)
        except ValueError:
            kind = note.kind
        result.append(
            NotificationRow(
                id=note.id,
                kind=kind,
                case_id=note.case_id,
                case_no=case_no,
                text=notification_text(note.kind, params),
                created_at=note.created_at,
                read_at=note.read_at,
            )
        )
    return result
