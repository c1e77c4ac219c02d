"""Corrective and preventive actions (issue 14 part B): ``desk.capa``.

Every write goes through the one door (``self._unit(actor)``), names the item's version the user saw (a
stale one is refused as ``ConcurrentChange`` naming who changed what), checks who may in the core
(``domain/capa.py``) and records an event on the case's timeline. Items are added with the case action
``ADD_CAPA`` (the case's handler, the oversight role; while handled and after closure: CAPA outlives the
case), naming the case version seen. The rules: ``branchdesk/domain/capa.py``; what screens read:
``branchdesk/read/capa.py``.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, true

from branchdesk.domain import capa as rules
from branchdesk.domain.bounds import Checks, ids_ok
from branchdesk.domain.capa import CapaAction, CapaKind, CapaStatus
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import Role
from branchdesk.domain.workflow import Action
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.read.capa import CapaFilter, CapaRow, count_capa, list_capa
from branchdesk.services.attachments import check_against_settings, precheck_files
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRefLike, IncomingFile
from branchdesk.services.timeline import record, who_when_what
from branchdesk.services.visibility import visible_cases
from branchdesk.storage.models import (
    Attachment,
    AttachmentBlob,
    CapaItem,
    CapaVerification,
    Case,
    Department,
    Event,
    User,
)

#: Text limits of this service's inputs (UTF-16 units, as Qt counts).
LIMITS = {"description": 1000, "note": 500, "evidence": 2000}


@dataclass(frozen=True)
class CapaTile:
    """The work page's tile: the overdue items that concern the viewer and the list filter behind them."""

    filter: CapaFilter
    count: int
    oversight: bool  # every overdue item (the oversight role), else the viewer's own


class CapaService(ServiceBase):
    # --- reading -----------------------------------------------------------------------------

    def oversight_role(self, actor: Actor) -> Role | None:
        """The role that oversees CAPA (the setting), so the screens enable what the core allows."""
        with self._door.read(actor) as unit:
            return rules.oversight_role(unit.config.setting("capa_oversight_role"))

    def list(self, actor: Actor, capa_filter: CapaFilter | None = None) -> builtins.list[CapaRow]:
        f = _checked_filter(capa_filter or CapaFilter())
        with self._door.read(actor) as unit:
            return list_capa(unit.session, f, unit.now.date(), self._visible(unit))

    def count(self, actor: Actor, capa_filter: CapaFilter | None = None) -> int:
        f = _checked_filter(capa_filter or CapaFilter())
        with self._door.read(actor) as unit:
            return count_capa(unit.session, f, unit.now.date(), self._visible(unit))

    def of_case(self, actor: Actor, case_id: int) -> builtins.list[CapaRow]:
        return self.list(actor, CapaFilter(case_id=case_id))

    def work_tile(self, actor: Actor) -> CapaTile | None:
        """Overdue items on the work page: all of them for the oversight role, one's own for an owner
        (None for the administrator, who sees no case content). The count is the list's, same filter."""
        with self._door.read(actor) as unit:
            if not unit.actor.roles - {Role.ADMIN}:
                return None
            oversight = rules.oversight_role(unit.config.setting("capa_oversight_role"))
            overseer = oversight is not None and oversight in unit.actor.roles
            f = (
                CapaFilter(overdue=True)
                if overseer
                else CapaFilter(overdue=True, owner_id=unit.actor.user_id)
            )
            return CapaTile(f, count_capa(unit.session, f, unit.now.date(), self._visible(unit)), overseer)

    @staticmethod
    def _visible(unit: Unit) -> ColumnElement[bool]:
        """The items of cases the viewer sees, and their own; the oversight role sees every item."""
        if not unit.actor.roles - {Role.ADMIN}:
            return visible_cases(unit.actor)  # nothing: the administrator sees no case content
        oversight = rules.oversight_role(unit.config.setting("capa_oversight_role"))
        if oversight is not None and oversight in unit.actor.roles:
            return true()
        return or_(visible_cases(unit.actor), CapaItem.owner_id == unit.actor.user_id)

    # --- adding ------------------------------------------------------------------------------

    def add(
        self,
        actor: Actor,
        ref: CaseRefLike,
        *,
        kind: str,
        description: str,
        owner_id: int,
        department_id: int,
        due_date: date,
    ) -> int:
        """A new item on the case (the case action ``ADD_CAPA``, naming the case version seen)."""
        due_date = _day(due_date)
        checks = Checks()
        kind_code = _kind(checks, kind)
        description = checks.text(
            "description", description, LIMITS["description"], Label("Field", "description"), required=True
        )
        checks.moment("due_date", due_date, Label("Field", "due_date"))
        if due_date is None:
            checks.add("due_date", Text("field.required", {"field": Label("Field", "due_date")}))
        checks.done()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.ADD_CAPA)
            owner = self._owner(unit, owner_id)
            department = self._existing(unit, Department, department_id, "department_id")
            _due_in_range(unit, "due_date", due_date)
            item = CapaItem(
                case_id=case.id,
                kind=kind_code.value,
                description=description,
                owner_id=owner.id,
                department_id=department.id,
                due_date=due_date,
                status=CapaStatus.OPEN.value,
                reopen_count=0,
                created_by_id=unit.user.id,
                created_at=unit.now,
                done_note="",
                updated_at=unit.now,
            )
            unit.session.add(item)
            unit.session.flush()
            self._event(
                unit,
                item,
                Text(
                    "event.capa_added",
                    {
                        "kind": kind_code,
                        "id": item.id,
                        "description": description[:80],
                        "owner": owner.full_name,
                        "due": due_date.isoformat(),
                    },
                ),
            )
            self._touch(unit, case)
            return item.id

    # --- the item's life ---------------------------------------------------------------------

    def mark_done(self, actor: Actor, item_id: int, seen: int, note: str = "") -> int:
        """The owner (or the oversight role) says the action was carried out."""
        note = _text("note", note, LIMITS["note"], Label("Field", "note"))
        with self._unit(actor) as unit:
            item = self._item(unit, item_id, seen, CapaAction.MARK_DONE)
            item.status = CapaStatus.DONE.value
            item.done_at = unit.now
            item.done_note = note
            return self._event(unit, item, Text("event.capa_done", {"id": item.id, "note": _colon(note)}))

    def verify(
        self,
        actor: Actor,
        item_id: int,
        seen: int,
        *,
        effective: bool,
        evidence: str,
        check_date: date,
        attachment_id: int | None = None,
        file: IncomingFile | None = None,
    ) -> int:
        """Someone other than the owner verifies a done item, with evidence (a note, optionally an
        attachment of the case or a new file stored with the case) and the effectiveness check date."""
        check_date = _day(check_date)
        checks = Checks()
        if not isinstance(effective, bool):
            checks.add("verdict", Text("field.format", {"field": Label("Field", "verdict")}))
        evidence = checks.text(
            "evidence", evidence, LIMITS["evidence"], Label("Field", "evidence"), required=True
        )
        checks.moment("check_date", check_date, Label("Field", "check_date"))
        if check_date is None:
            checks.add("check_date", Text("field.required", {"field": Label("Field", "check_date")}))
        if attachment_id is not None and not ids_ok(attachment_id):
            checks.add("attachment_id", Text("field.not_found", {"field": Label("Field", "attachment_id")}))
        checks.done()
        files = precheck_files([file] if file is not None else None)
        with self._unit(actor) as unit:
            item = self._item(unit, item_id, seen, CapaAction.VERIFY)
            assert item.done_at is not None
            if check_date < item.done_at.date():
                raise FieldError(
                    {
                        "check_date": Text(
                            "capa.check_before_done",
                            {"field": Label("Field", "check_date"), "first": item.done_at.date().isoformat()},
                        )
                    }
                )
            evidence_id: int | None = None
            if attachment_id is not None:
                attachment = self._existing(unit, Attachment, attachment_id, "attachment_id")
                if attachment.case_id != item.case_id:
                    raise FieldError({"attachment_id": Text("capa.attachment_other_case")})
                evidence_id = attachment.id
            for incoming in files:
                evidence_id = _store(unit, item.case_id, incoming, f"#{item.id}")
            verdict = CapaStatus.VERIFIED if effective else CapaStatus.NOT_EFFECTIVE
            unit.session.add(
                CapaVerification(
                    item_id=item.id,
                    verdict=verdict.value,
                    note=evidence,
                    attachment_id=evidence_id,
                    check_date=check_date,
                    verifier_id=unit.user.id,
                    at=unit.now,
                )
            )
            item.status = verdict.value
            params = {"id": item.id, "check": check_date.isoformat(), "note": _colon(evidence[:200])}
            if effective:
                return self._event(unit, item, Text("event.capa_verified", params))
            return self._event(unit, item, Text("event.capa_not_effective", params))

    def reopen(self, actor: Actor, item_id: int, seen: int, due_date: date, note: str = "") -> int:
        """An item verified not effective is open again with a new due date (the rounds are kept)."""
        note = _text("note", note, LIMITS["note"], Label("Field", "note"))
        due_date = _day(due_date)
        _date_given(due_date)
        with self._unit(actor) as unit:
            item = self._item(unit, item_id, seen, CapaAction.REOPEN)
            _due_in_range(unit, "due_date", due_date)
            item.status = CapaStatus.OPEN.value
            item.due_date = due_date
            item.done_at = None
            item.done_note = ""
            item.reopen_count += 1
            params = {
                "id": item.id,
                "count": item.reopen_count,
                "due": due_date.isoformat(),
                "note": _colon(note),
            }
            return self._event(unit, item, Text("event.capa_reopened", params))

    def reassign(
        self,
        actor: Actor,
        item_id: int,
        seen: int,
        *,
        owner_id: int,
        department_id: int,
        due_date: date,
        note: str = "",
    ) -> int:
        """The oversight role gives an outstanding item another owner, department or due date."""
        note = _text("note", note, LIMITS["note"], Label("Field", "note"))
        due_date = _day(due_date)
        _date_given(due_date)
        with self._unit(actor) as unit:
            item = self._item(unit, item_id, seen, CapaAction.REASSIGN)
            owner = self._owner(unit, owner_id)
            department = self._existing(unit, Department, department_id, "department_id")
            if due_date != item.due_date:
                _due_in_range(unit, "due_date", due_date)
            if (owner.id, department.id, due_date) == (item.owner_id, item.department_id, item.due_date):
                raise FieldError({"owner_id": Text("capa.nothing_changed")})
            item.owner_id, item.department_id, item.due_date = owner.id, department.id, due_date
            params = {
                "id": item.id,
                "owner": owner.full_name,
                "due": due_date.isoformat(),
                "note": _colon(note),
            }
            return self._event(unit, item, Text("event.capa_reassigned", params))

    # --- plumbing ----------------------------------------------------------------------------

    def _item(self, unit: Unit, item_id: int, seen: int, action: CapaAction) -> CapaItem:
        """The item, visible to the actor, still at the version they saw, and theirs to act on."""
        item = unit.session.get(CapaItem, item_id) if ids_ok(item_id) else None
        if item is None:
            raise NotFound(Text("capa.not_found", {"id": str(item_id)[:20]}))
        # The version before visibility: whoever lost the item to a reassignment since they saw it learns
        # who changed it (they saw the item, so naming the change tells them nothing new).
        if not isinstance(seen, int) or isinstance(seen, bool) or item.version != seen:
            raise ConcurrentChange(_changed_since(unit, item))
        visible = select(CapaItem.id).join(Case, Case.id == CapaItem.case_id)
        if unit.session.scalar(visible.where(CapaItem.id == item.id, self._visible(unit))) is None:
            raise NotFound(Text("capa.not_found", {"id": str(item_id)[:20]}))
        oversight = rules.oversight_role(unit.config.setting("capa_oversight_role"))
        reason = rules.capa_refusal(
            action, CapaStatus(item.status), item.owner_id, unit.actor.user_id, unit.actor.roles, oversight
        )
        if reason is not None:
            raise PermissionDenied(reason) if reason.code != "capa.state" else DomainError(reason)
        return item

    @staticmethod
    def _owner(unit: Unit, owner_id: int) -> User:
        owner = unit.session.get(User, owner_id) if ids_ok(owner_id) else None
        if owner is None or not owner.active:
            raise FieldError({"owner_id": Text("capa.owner_inactive")})
        return owner

    def _event(self, unit: Unit, item: CapaItem, text: Text) -> int:
        """On the case's timeline; the item's own version moves (its ``updated_at`` with it): the new
        version, which the caller returns (what the screen names next)."""
        item.updated_at = unit.now
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action=f"capa:{item.id}",
            case_id=item.case_id,
            text=text,
        )
        unit.session.flush()  # the version moves now: a stale writer in another transaction is refused
        return item.version


def _changed_since(unit: Unit, item: CapaItem) -> Text:
    """Who changed the item last, when and what (its last event on the case's timeline)."""
    last = unit.session.scalars(
        select(Event)
        .where(Event.case_id == item.case_id, Event.action == f"capa:{item.id}")
        .order_by(Event.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return Text("error.concurrent_change")
    return Text(
        "capa.changed",
        {**who_when_what(last), "id": item.id},
    )


def _store(unit: Unit, case_id: int, incoming: IncomingFile, note: str) -> int:
    """The evidence file as an attachment of the case (the branch's size and type limits apply)."""
    name = clean_text(incoming.filename.replace("\\", "/").rsplit("/", 1)[-1][:255]) or "附件"
    check_against_settings(unit, name, len(incoming.content))
    attachment = Attachment(
        case_id=case_id,
        filename=name,
        media_type=clean_text(incoming.media_type[:100]) or "application/octet-stream",
        size=len(incoming.content),
        sha256=hashlib.sha256(incoming.content).hexdigest(),
        added_by_id=unit.user.id,
        added_at=unit.now,
        note=note,
    )
    unit.session.add(attachment)
    unit.session.flush()
    unit.session.add(AttachmentBlob(attachment_id=attachment.id, content=incoming.content))
    record(
        unit.session,
        at=unit.now,
        actor=unit.user,
        action="attachment",
        case_id=case_id,
        text=Text("event.attachment_added", {"name": name, "kb": len(incoming.content) // 1024 + 1}),
    )
    return attachment.id


def _kind(checks: Checks, kind: object) -> CapaKind:
    try:
        if not isinstance(kind, str):
            raise ValueError(kind)
        return CapaKind(kind)
    except ValueError:
        checks.add("kind", Text("field.format", {"field": Label("Field", "kind")}))
        return CapaKind.CORRECTIVE


def _day(value: date) -> date:
    """A date as given; a date-time (a ``date`` too) is its day, so comparisons with dates hold."""
    return value.date() if isinstance(value, datetime) else value


def _text(field: str, value: object, limit: int, label: Label) -> str:
    checks = Checks()
    text = checks.text(field, value, limit, label)
    checks.done()
    return text


def _date_given(due_date: object) -> None:
    checks = Checks()
    checks.moment("due_date", due_date, Label("Field", "due_date"))
    if due_date is None:
        checks.add("due_date", Text("field.required", {"field": Label("Field", "due_date")}))
    checks.done()


def _due_in_range(unit: Unit, field: str, due: date) -> None:
    """A due date from today up to ``MAX_DUE_DAYS`` ahead (a date in the past would be overdue at once)."""
    today = unit.now.date()
    last = today + timedelta(days=rules.MAX_DUE_DAYS)
    if isinstance(due, date) and not today <= due <= last:
        raise FieldError(
            {
                field: Text(
                    "capa.due_range",
                    {"field": Label("Field", field), "first": today.isoformat(), "last": last.isoformat()},
                )
            }
        )


def _checked_filter(f: CapaFilter) -> CapaFilter:
    """A filter the list can run: ids a column holds, a known status."""
    checks = Checks()
    if not isinstance(f, CapaFilter):
        raise FieldError({"filter": Text("error.generic")})
    for name in ("department_id", "owner_id", "case_id"):
        value = getattr(f, name)
        if value is not None and not ids_ok(value):
            checks.add(name, Text("field.not_found", {"field": Label("Field", name)}))
    if f.status is not None and (not isinstance(f.status, str) or f.status not in {"", *CapaStatus}):
        checks.add("status", Text("field.format", {"field": Label("Field", "status")}))
    if not isinstance(f.overdue, bool):
        checks.add("overdue", Text("error.generic"))
    checks.done()
    return f


def _colon(note: str) -> Text | str:
    return Text("event.note_colon", {"note": note.strip()}) if note and note.strip() else ""


__all__ = ["LIMITS", "CapaService", "CapaTile"]
