"""The tamper-evident audit trail: every event is a link in a hash chain.

Each event gets a sequence number and ``hash = SHA-256(previous hash ‖ canonical content)``,
where the canonical content is a fixed JSON rendering of everything the event says
(sequence, case, time, actor, action, texts, changes). Editing, deleting, reordering
or re-attributing an event breaks the chain at that event; cutting the tail is caught
against the head kept on the branch row and against an anchor code kept outside the
database (printed on forms, written into exports and backups).

The chain is sealed when events are flushed (``seal_new_events``, hooked into every
write unit), so no caller can forget it. The canonical format never changes: a new
format would get a new ``FORMAT`` and a migration that re-seals.

**Anonymisation (issue 15 part R)** redacts the personal data in a case's events, which changes their
canonical content. The chain is not re-sealed (that would make any rewrite look legitimate). Instead a
redacted event keeps its original link hash (``hash``, which the next event's link covers) and gets
``redacted_hash`` = SHA-256 of its redacted canonical content; the anonymisation event, appended to the
chain in the same unit, lists ``[seq, redacted_hash, hash]`` of every event it redacted (params key
``REDACTED``). ``verify`` accepts a redacted event only when its content still hashes to
``redacted_hash`` *and* a later, intact link of the chain vouches for exactly that pair. What is lost,
honestly: the redacted event's original content can no longer be proven — only that it was redacted,
when, by whom, and that nothing changed since.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from branchdesk.storage.models import Attachment, AttachmentBlob, Branch, Event

FORMAT = 1
GENESIS = "0" * 64
_HEAD_KEY = "branchdesk.audit_head"
#: The head this transaction commits, for the note beside a SQLite file (``storage.integrity``).
COMMITTED_HEAD_KEY = "branchdesk.committed_head"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


class EventContent(Protocol):
    """What an event says; the ORM row and the migration's plain rows both have it."""

    case_id: int | None
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    summary: str
    code: str | None
    params: dict[str, Any] | None
    changes: list[Any]


def canonical(seq: int, event: EventContent) -> bytes:
    """The bytes an event's hash covers, the same whether computed at insert or read back later."""
    content = {
        "format": FORMAT,
        "seq": seq,
        "case_id": event.case_id,
        "at": _plain(event.at),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "summary": event.summary,
        "code": event.code,
        "params": event.params,
        "changes": event.changes or [],
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.encode()


#: The anonymisation event's parameter listing the events it redacted: [[seq, redacted_hash, hash], …].
REDACTED = "redacted"


def content_hash(seq: int, event: EventContent) -> str:
    """SHA-256 of an event's canonical content alone (a redacted event's ``redacted_hash``)."""
    return hashlib.sha256(canonical(seq, event)).hexdigest()


def link_hash(previous: str, seq: int, event: EventContent) -> str:
    return hashlib.sha256(previous.encode("ascii") + canonical(seq, event)).hexdigest()


def anchor_code(seq: int, digest: str) -> str:
    """A short code for the chain head, for paper and files: ``<seq>-<first 12 hex digits>``."""
    return f"{seq}-{digest[:12]}"


def parse_anchor(code: str) -> tuple[int, str] | None:
    seq, _, prefix = code.strip().partition("-")
    if not seq.isdigit() or len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix.lower()):
        return None
    return int(seq), prefix.lower()


# --- sealing (writers) ----------------------------------------------------------


def seal_new_events(session: Session) -> None:
    """Give every event about to be inserted its place in the chain (a ``before_flush`` hook).

    The head is read once per transaction (row-locked on PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
    already serialises writers) and written back by ``store_head`` before the commit.
    """
    new = [obj for obj in session.new if isinstance(obj, Event) and obj.hash is None]
    if not new:
        return
    seq, digest = _head(session)
    # Insertion order: the order in which the unit appended its events.
    for event in sorted(new, key=lambda obj: inspect(obj).insert_order or 0):
        seq += 1
        event.seq = seq
        digest = link_hash(digest, seq, event)
        event.hash = digest
    session.info[_HEAD_KEY] = (seq, digest)


def _head(session: Session) -> tuple[int, str]:
    """The chain head as this transaction left it; read once per transaction (row-locked on PostgreSQL;
    SQLite's ``BEGIN IMMEDIATE`` already serialises writers)."""
    head: tuple[int, str] | None = session.info.get(_HEAD_KEY)
    if head is None:
        row = session.execute(select(Branch.audit_seq, Branch.audit_hash).limit(1).with_for_update()).first()
        head = (row[0] or 0, row[1] or GENESIS) if row is not None else (0, GENESIS)
    return head


def pending_head_seq(session: Session) -> int | None:
    """The sequence of the last event this transaction has sealed so far (None: it sealed none)."""
    head: tuple[int, str] | None = session.info.get(_HEAD_KEY)
    return head[0] if head is not None else None


def seal_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Chain plain event rows (a bulk insert's dicts, in their order) after the events already sealed in
    this transaction — the same links ``seal_new_events`` makes for mapped events; flush those first."""
    if not rows:
        return
    seq, digest = _head(session)
    for row in rows:
        seq += 1
        row["seq"] = seq
        digest = link_hash(digest, seq, _RowContent(row))
        row["hash"] = digest
    session.info[_HEAD_KEY] = (seq, digest)


class _RowContent:
    """A plain event row read as ``EventContent``."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.case_id = row["case_id"]
        self.at = row["at"]
        self.actor_id = row["actor_id"]
        self.actor_name = row["actor_name"]
        self.action = row["action"]
        self.summary = row["summary"]
        self.code = row["code"]
        self.params = row["params"]
        self.changes = row["changes"]


def store_head(session: Session) -> None:
    """Write the chain head of this transaction onto the branch row (before the commit)."""
    session.flush()
    head = session.info.pop(_HEAD_KEY, None)
    if head is not None:
        session.execute(update(Branch).values(audit_seq=head[0], audit_hash=head[1]))
        session.info[COMMITTED_HEAD_KEY] = head


def current_anchor(session: Session) -> str:
    row = session.execute(select(Branch.audit_seq, Branch.audit_hash).limit(1)).first()
    if row is None or not row[0] or not row[1]:
        return anchor_code(0, GENESIS)
    return anchor_code(row[0], row[1])


# --- verifying (auditors) ------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first broken link: which event and what kind of break (a code for the catalogue)."""

    kind: str  # content | missing | order | tail | anchor | attachment
    event_id: int | None
    seq: int | None
    detail: str = ""


@dataclass(frozen=True)
class Verdict:
    events: int
    attachments: int
    head: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _events(session: Session) -> Iterator[Event]:
    yield from session.scalars(
        select(Event).order_by(Event.seq.is_(None), Event.seq, Event.id).execution_options(yield_per=2000)
    )


def verify(session: Session, anchor: str | None = None) -> Verdict:
    """Walk the chain from the start; stop at the first break."""
    wanted = parse_anchor(anchor) if anchor else None
    if anchor and wanted is None:
        return Verdict(0, 0, "", Break("anchor", None, None, anchor))
    previous, expected_seq, last_id, count = GENESIS, 1, 0, 0
    anchor_found = False
    pending: dict[int, tuple[str, str]] = {}  # redacted events not yet vouched for: seq -> (redacted, link)
    pending_ids: dict[int, int] = {}
    for event in _events(session):
        count += 1
        if event.seq is None or event.hash is None:
            return Verdict(count, 0, "", Break("content", event.id, None, "unsealed"))
        if event.seq > expected_seq:
            return Verdict(count, 0, "", Break("missing", event.id, expected_seq))
        if event.seq < expected_seq:
            return Verdict(count, 0, "", Break("order", event.id, event.seq, "duplicate"))
        if event.id < last_id:
            return Verdict(count, 0, "", Break("order", event.id, event.seq))
        redacted_hash = getattr(event, "redacted_hash", None)
        if redacted_hash is not None:
            if content_hash(event.seq, event) != redacted_hash:
                return Verdict(count, 0, "", Break("content", event.id, event.seq, "redacted"))
            pending[event.seq] = (redacted_hash, event.hash)
            pending_ids[event.seq] = event.id
        elif link_hash(previous, event.seq, event) != event.hash:
            return Verdict(count, 0, "", Break("content", event.id, event.seq))
        elif event.params and isinstance(event.params.get(REDACTED), list):
            for entry in event.params[REDACTED]:
                seq, rh, lh = entry
                if pending.pop(int(seq), None) != (rh, lh):
                    return Verdict(count, 0, "", Break("content", event.id, int(seq), "redaction"))
        if wanted and wanted[0] == event.seq:
            if not event.hash.startswith(wanted[1]):
                return Verdict(count, 0, "", Break("anchor", event.id, event.seq, anchor or ""))
            anchor_found = True
        previous, expected_seq, last_id = event.hash, expected_seq + 1, event.id
    if pending:  # redacted with no anonymisation event vouching for it: an unexplained change
        seq = min(pending)
        return Verdict(count, 0, "", Break("content", pending_ids[seq], seq, "redacted"))
    last_seq = expected_seq - 1
    row = session.execute(select(Branch.audit_seq, Branch.audit_hash).limit(1)).first()
    head_seq, head_hash = (row[0] or 0, row[1] or GENESIS) if row is not None else (0, GENESIS)
    if (head_seq, head_hash) != (last_seq, previous):
        return Verdict(count, 0, "", Break("tail", None, last_seq, f"{head_seq}"))
    if wanted and not anchor_found:
        return Verdict(count, 0, "", Break("tail", None, last_seq, anchor or ""))
    checked, bad = _verify_attachments(session)
    if bad is not None:
        return Verdict(count, checked, anchor_code(last_seq, previous), Break("attachment", None, None, bad))
    return Verdict(count, checked, anchor_code(last_seq, previous), None)


def _verify_attachments(session: Session) -> tuple[int, str | None]:
    rows = session.execute(
        select(Attachment.id, Attachment.sha256, AttachmentBlob.content)
        .join(AttachmentBlob, AttachmentBlob.attachment_id == Attachment.id)
        .order_by(Attachment.id)
        .execution_options(yield_per=50)
    )
    checked = 0
    for attachment_id, digest, content in rows:
        checked += 1
        if hashlib.sha256(content).hexdigest() != digest:
            return checked, str(attachment_id)
    return checked, None
