"""Internal notes, progress notices and the complaint that comes back (issue 14 part D): ``desk.notes``.

- ``add_note``: any case role that sees the case writes a note (text, files) visible to staff only;
  the timeline says a note was added (the note's text is in the event, so the search box finds it);
- ``record_contact``: a progress notice (进度告知) — channel (the branch's list ``reply_method``), what
  was said, the next contact due. The first notice of a case is its first contact: it stops the
  first-contact clock (``first_contacted_at``). The old 首次联系 action
  (``CaseService.record_first_contact``) keeps working and writes a notice too, so both ways agree;
- ``returning_form``: the intake form of a new case prefilled from the original (customer, product,
  facts, the branch's own fields) — the dialog shows it, the person may change it;
- ``reopen``: when the policy prefers it (``returning_complaint_mode = reopen``), the original goes back
  to 处理中 with a recorded reason and a deadline counted again from now.

Every write names the case version the person saw and moves it (``_touch``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import exists, func, select

from branchdesk.domain.bounds import TEXT_LIMITS, Checks
from branchdesk.domain.deadlines import case_due
from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.notes import MAX_NOTE_FILES, NOTE_LIMIT, SAID_LIMIT, form_from_raw, next_due_window
from branchdesk.domain.notifications import NotificationKind
from branchdesk.domain.vocab import DeadlineStep, Status
from branchdesk.domain.workflow import TRANSITIONS, Action
from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text
from branchdesk.read.case_view import RAW_FIELDS
from branchdesk.services.attachments import precheck_files, store_files
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseRefLike, IncomingFile
from branchdesk.services.notifications import _add as notify
from branchdesk.services.timeline import apply_changes, record
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import Case, CaseNote, CustomerContact, Notification


class NoteService(ServiceBase):
    # --- internal notes ------------------------------------------------------------------------

    def add_note(
        self, actor: Actor, ref: CaseRefLike, text: str, files: Sequence[IncomingFile] | None = None
    ) -> int:
        """Add an internal note (and its files) to the case; returns the note's id."""
        checks = Checks()
        text = checks.text("note_text", text, NOTE_LIMIT, Label("Field", "note_text"), required=True)
        checks.done()
        if files is not None and isinstance(files, Sequence) and len(files) > MAX_NOTE_FILES:
            raise FieldError({"attachments": Text("note.files", {"count": MAX_NOTE_FILES})})
        incoming = precheck_files(files)
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ADD_NOTE)
            note = CaseNote(case_id=case.id, author_id=unit.user.id, created_at=unit.now, text=text)
            unit.session.add(note)
            unit.session.flush()
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="note",
                case_id=case.id,
                text=Text(
                    "event.note_added",
                    {
                        # a plain "note" parameter: the search index reads it (storage/search_index)
                        "note": text,
                        "files": Text("event.note_files", {"count": len(incoming)}) if incoming else "",
                    },
                ),
            )
            if incoming:
                store_files(unit, case, incoming, note_id=note.id)
            self._touch(unit, case)
            return note.id

    # --- progress notices ----------------------------------------------------------------------

    def record_contact(
        self,
        actor: Actor,
        ref: CaseRefLike,
        channel: str,
        said: str,
        *,
        contacted_at: datetime | None = None,
        next_due_at: datetime | None = None,
    ) -> CaseRef:
        """进度告知: a contact with the customer while handling; a case's first one is its first contact."""
        checks = Checks()
        channel = checks.text(
            "channel", channel, TEXT_LIMITS["filter_code"], Label("Field", "contact_channel"), required=True
        )
        said = checks.text("said", said, SAID_LIMIT, Label("Field", "said"), required=True)
        checks.moment("contacted_at", contacted_at)
        checks.moment("next_due_at", next_due_at, Label("Field", "next_due_at"))
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.RECORD_CONTACT)
            self.write_contact(unit, case, channel, said, contacted_at, next_due_at)
            self._touch(unit, case)
            return self._ref(case)

    @staticmethod
    def write_contact(
        unit: Unit,
        case: Case,
        channel: str,
        said: str,
        contacted_at: datetime | None,
        next_due_at: datetime | None,
    ) -> None:
        """Check and store one notice inside the caller's unit (``CaseService.record_first_contact`` too)."""
        if channel not in unit.config.choices.get("reply_method", {}):
            raise FieldError({"channel": Text("contact.channel")})
        at = contacted_at or unit.now
        earliest = case.received_at
        if not earliest.replace(second=0, microsecond=0) <= at <= unit.now:
            raise FieldError(
                {
                    "contacted_at": Text(
                        "contact.time",
                        {"first": f"{earliest:%Y-%m-%d %H:%M}", "last": f"{unit.now:%Y-%m-%d %H:%M}"},
                    )
                }
            )
        if next_due_at is not None:
            first, last = next_due_window(unit.now, int(unit.config.setting("next_contact_max_days")))
            if not first <= next_due_at <= last:
                raise FieldError(
                    {
                        "next_due_at": Text(
                            "contact.next_due",
                            {"first": f"{first:%Y-%m-%d %H:%M}", "last": f"{last:%Y-%m-%d %H:%M}"},
                        )
                    }
                )
        unit.session.add(
            CustomerContact(
                case_id=case.id,
                contacted_at=at,
                channel=channel,
                said=said,
                next_due_at=next_due_at,
                user_id=unit.user.id,
                created_at=unit.now,
            )
        )
        # The first notice stops the first-contact clock (issue 12 "steps"): the step is done at ``at``.
        changes = apply_changes(case, {"first_contacted_at": at}) if case.first_contacted_at is None else []
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="contact",
            case_id=case.id,
            text=Text(
                "event.contact",
                {
                    "at": f"{at:%Y-%m-%d %H:%M}",
                    "channel": unit.config.label("reply_method", channel),
                    "said": said,
                    "next": Text("event.contact_next", {"due": f"{next_due_at:%Y-%m-%d %H:%M}"})
                    if next_due_at
                    else "",
                },
            ),
            changes=changes,
        )

    # --- the complaint that comes back ----------------------------------------------------------

    def returning_form(self, actor: Actor, original: CaseRefLike) -> IntakeForm:
        """The intake form of a new case opened from ``original``: its customer, product and facts."""
        with self._door.read(actor) as unit:
            return returning_form(self._case(unit, original))

    def reopen(self, actor: Actor, ref: CaseRefLike, reason: str) -> CaseRef:
        """Back to 处理中 (policy ``returning_complaint_mode = reopen``): a recorded reason, the deadline
        counted again from now, the customer's earlier reply and follow-up kept on the timeline."""
        checks = Checks()
        label = Label("Field", "reopen_reason")
        reason = checks.text("reason", reason, TEXT_LIMITS["reason"], label, required=True)
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.REOPEN)
            changes = [self._set_status(unit, case, Status.IN_PROGRESS)]
            facts = self._sla_facts(unit, case)
            due, rule = case_due(unit.config.calendar, unit.config.sla_rules, facts, unit.now)
            changes += apply_changes(
                case,
                {
                    "closed_at": None,
                    "close_kind": None,
                    "deadline_at": due.at,
                    "deadline_unconfirmed": due.unconfirmed,
                    "overdue_escalated_deadline": None,
                },
            )
            case.sla_label = rule.label
            self._set_step_due(unit, case, DeadlineStep.REPLY, unit.now)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="reopen",
                case_id=case.id,
                text=Text("event.reopened", {"reason": reason}),
                changes=[c for c in changes if c[0] in ("status", "deadline_at", "closed_at")],
            )
            self._touch(unit, case)
            return self._ref(case)


def notify_next_contacts_due(unit: Unit) -> int:
    """The sweep's part (a step due soon, issue 17 "notify"): a case whose latest progress notice promised
    a next contact within ``next_contact_warn_minutes`` tells its handler (else whoever promised it), once
    per promised time. Returns how many notifications were written."""
    warn = int(unit.config.setting("next_contact_warn_minutes"))
    if warn <= 0:
        return 0
    latest = (
        select(func.max(CustomerContact.id)).group_by(CustomerContact.case_id).scalar_subquery()
    )
    announced = exists(
        select(Notification.id).where(
            Notification.case_id == CustomerContact.case_id,
            Notification.kind == NotificationKind.NEXT_CONTACT.value,
            Notification.due_at == CustomerContact.next_due_at,
        )
    )
    rows = unit.session.execute(
        select(CustomerContact, Case)
        .join(Case, Case.id == CustomerContact.case_id)
        .where(
            CustomerContact.id.in_(latest),
            CustomerContact.next_due_at.is_not(None),
            CustomerContact.next_due_at <= unit.now + timedelta(minutes=warn),
            Case.status.in_([s.value for s in TRANSITIONS[Action.RECORD_CONTACT].sources]),
            ~announced,
            settled_cases(),
        )
        .order_by(CustomerContact.id)
    ).all()
    added = 0
    for contact, case in rows:
        assert contact.next_due_at is not None
        added += notify(
            unit,
            [case.handler_id or contact.user_id],
            NotificationKind.NEXT_CONTACT,
            case,
            {"case_no": case.case_no, "due": f"{contact.next_due_at:%Y-%m-%d %H:%M}"},
            due_at=contact.next_due_at,
        )
    return added


def returning_form(original: Case) -> IntakeForm:
    """An intake form carrying ``original``'s customer, product and facts (the person may change them)."""
    raw = {name: getattr(original, name) for name in RAW_FIELDS}
    amount = original.request_amount_fen
    raw["request_amount"] = f"{amount // 100}.{amount % 100:02d}" if amount is not None else ""
    return form_from_raw(raw, original.custom_values or {})


__all__ = ["NoteService", "returning_form"]
