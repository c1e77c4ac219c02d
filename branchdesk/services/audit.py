"""Verifying the tamper-evident audit trail (``branchdesk audit verify``, ``branchdesk check``)."""

from __future__ import annotations

from branchdesk.i18n import Text
from branchdesk.storage.audit_chain import Verdict, current_anchor, verify
from branchdesk.storage.database import Database


def verify_audit(db: Database, anchor: str | None = None) -> tuple[Verdict, Text]:
    """Walk the whole chain (and the attachments); the verdict and what to tell the person."""
    with db.read() as session:
        verdict = verify(session, anchor)
    return verdict, describe(verdict)


def describe(verdict: Verdict) -> Text:
    if verdict.broken is None:
        return Text(
            "audit.ok", {"events": verdict.events, "attachments": verdict.attachments, "head": verdict.head}
        )
    broken = verdict.broken
    params = {"seq": broken.seq, "event_id": broken.event_id, "detail": broken.detail}
    by_kind = {
        "content": Text("audit.content", params),
        "missing": Text("audit.missing", params),
        "order": Text("audit.order", params),
        "tail": Text("audit.tail", params),
        "anchor": Text("audit.anchor", params),
        "attachment": Text("audit.attachment", params),
    }
    return by_kind[broken.kind]


def anchor(db: Database) -> str:
    """The current chain head as a short code, for forms, exports and backups."""
    with db.read() as session:
        return current_anchor(session)
