"""What the case window shows of internal notes, progress notices and a returning complaint's original
(issue 14 part D). Staff only: nothing here is printed on a form or exported for the customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.domain.vocab import LinkKind
from branchdesk.read.values import Choice
from branchdesk.storage.models import Attachment, Case, CaseLink, CaseNote, CustomerContact, User


@dataclass(frozen=True)
class NoteFile:
    id: int
    filename: str
    size: int


@dataclass(frozen=True)
class NoteView:
    id: int
    at: datetime
    author: str
    text: str
    files: tuple[NoteFile, ...] = ()


@dataclass(frozen=True)
class ContactView:
    """A progress notice (进度告知): when, how, what was said, the next contact due, who."""

    id: int
    at: datetime
    channel: Choice | None  # None: a first contact carried over from before progress notices
    said: str
    next_due_at: datetime | None
    by: str


@dataclass(frozen=True)
class OriginalRef:
    """The case a returning complaint was opened from (附原表)."""

    id: int
    case_no: str


@dataclass(frozen=True)
class NotesPart:
    notes: tuple[NoteView, ...]
    contacts: tuple[ContactView, ...]
    #: The next contact the latest notice promised, when it has not come yet (a later notice clears it).
    next_contact_due: datetime | None
    original: OriginalRef | None


def notes_part(session: Session, config: BranchConfig, case_id: int) -> NotesPart:
    """The notes (newest first), the notices (oldest first), the next contact due, the original."""
    people: dict[int, str] = {}

    def person(user_id: int) -> str:
        if user_id not in people:
            user = session.get(User, user_id)
            people[user_id] = user.full_name if user else ""
        return people[user_id]

    files: dict[int, list[NoteFile]] = {}
    for a in session.scalars(
        select(Attachment).where(Attachment.case_id == case_id, Attachment.note_id.is_not(None))
    ):
        assert a.note_id is not None
        files.setdefault(a.note_id, []).append(NoteFile(a.id, a.filename, a.size))
    notes = tuple(
        NoteView(n.id, n.created_at, person(n.author_id), n.text, tuple(files.get(n.id, ())))
        for n in session.scalars(
            select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.id.desc())
        )
    )
    contacts = tuple(
        ContactView(
            c.id,
            c.contacted_at,
            Choice(c.channel, config.label("reply_method", c.channel) or c.channel) if c.channel else None,
            c.said,
            c.next_due_at,
            person(c.user_id),
        )
        for c in session.scalars(
            select(CustomerContact)
            .where(CustomerContact.case_id == case_id)
            .order_by(CustomerContact.contacted_at, CustomerContact.id)
        )
    )
    next_due = contacts[-1].next_due_at if contacts else None
    return NotesPart(notes, contacts, next_due, original_of(session, case_id))


def original_of(session: Session, case_id: int) -> OriginalRef | None:
    """The original a returning complaint (``LinkKind.NOT_ACCEPTED``) was opened from, or None."""
    row = session.execute(
        select(Case.id, Case.case_no)
        .join(CaseLink, CaseLink.to_case_id == Case.id)
        .where(CaseLink.from_case_id == case_id, CaseLink.kind == LinkKind.NOT_ACCEPTED.value)
    ).first()
    return OriginalRef(row.id, row.case_no) if row else None
