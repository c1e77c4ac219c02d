"""Intake use cases: drafts, registration, repeat detection, customer history, linked cases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, select

from branchdesk.domain.bounds import ids_ok
from branchdesk.domain.intake import (
    CORRECTABLE_FIELDS,
    CORRECTION_REASON_LIMIT,
    LIMITS,
    IntakeForm,
    check_bounds,
    check_custom_bounds,
    check_custom_values,
    is_blank,
    validate_intake,
)
from branchdesk.domain.money import format_yuan
from branchdesk.domain.numbering import format_case_number, period_of
from branchdesk.domain.severity import MatterKey, is_repeat, may_be_repeat
from branchdesk.domain.text import name_sort_key, normalize_phone
from branchdesk.domain.vocab import (
    CloseKind,
    EscalationReason,
    LinkKind,
    Role,
    Status,
)
from branchdesk.domain.workflow import DEADLINE_STATES, Action
from branchdesk.errors import DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.attachments import precheck_files, store_files
from branchdesk.services.base import ServiceBase, Unit, require_text
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseRefLike, CustomerDetails, HistoryEntry, IncomingFile
from branchdesk.services.notes import returning_form  # issue 14 part D: a case that comes back
from branchdesk.services.numbering import allocate_serial
from branchdesk.services.timeline import apply_changes, record
from branchdesk.services.visibility import settled_cases, visible_cases
from branchdesk.storage.bulk import blank_row
from branchdesk.storage.models import Case, CaseLink, Customer, Department, PrintLog, User

INTAKE_ROLES = frozenset({Role.CLERK, Role.CR_MANAGER})


class IntakeService(ServiceBase):
    def save_draft(
        self,
        actor: Actor,
        form: IntakeForm,
        case_id: int | None = None,
        attachments: Sequence[IncomingFile] = (),
    ) -> CaseRef:
        """Save an unfinished intake; it gets its number now and keeps it. An empty form (nothing the
        clerk typed, no file) is refused before the write: it would only use up a case number (issue 17).
        ``attachments``: files dropped onto the form, stored with the case (issue 17 part E)."""
        _precheck(form, case_id)
        files = precheck_files(attachments)
        if case_id is None and is_blank(form) and not files:
            raise FieldError({"form": Text("intake.draft_empty")})
        with self._unit(actor) as unit:
            case = self._save(unit, form, case_id, final=False)
            if files:
                store_files(unit, case, files)
            return self._ref(case)

    def register(
        self,
        actor: Actor,
        form: IntakeForm,
        case_id: int | None = None,
        attachments: Sequence[IncomingFile] = (),
    ) -> CaseRef:
        """Register a complete intake (new, or finishing draft ``case_id``), with the files dropped onto
        the form (issue 17 part E)."""
        _precheck(form, case_id)
        files = precheck_files(attachments)
        with self._unit(actor) as unit:
            case = self._save(unit, form, case_id, final=True)
            if files:
                store_files(unit, case, files)
            originals = self._detect_repeat(unit, case, form.repeat_of_case_no)
            if case_id is None:  # written in this unit: no one can hold an older version to refuse
                self._evaluate(unit, case)  # received days ago (a letter): it may be overdue already
            else:
                self._touch(unit, case)
            return self._ref(case, tuple(o.case_no for o in originals))

    def open_linked_case(
        self, actor: Actor, original_ref: CaseRefLike, kind: LinkKind, form: IntakeForm | None = None
    ) -> CaseRef:
        """A new case tied to an earlier one: not accepted (附原表), about the handling, or related.

        Issue 14 part D: a case that comes back (not accepted) takes the original's customer, product,
        facts (``form`` None: all of the original's; the dialog prefills them from
        ``desk.notes.returning_form`` and the person may change them) and category. When the policy
        reopens instead (``returning_complaint_mode = reopen``) and this original may be reopened, no
        new case is opened.
        """
        if form is not None:
            _precheck(form, None)
        if not isinstance(kind, LinkKind):
            raise FieldError({"kind": Text("field.format", {"field": Label("Field", "kind")})})
        with self._unit(actor) as unit:
            original = self._case(unit, original_ref)
            if kind is LinkKind.NOT_ACCEPTED:
                self._require(unit, original, Action.OPEN_LINKED)
                if self._facts(unit, original).reopen_refusal is None:  # issue 14 D: the policy reopens
                    days = int(unit.config.setting("reopen_within_days"))
                    raise DomainError(Text("returning.reopen_instead", {"days": days}))
            elif original.status in (Status.DRAFT, Status.VOID):
                raise DomainError(Text("link.draft_or_void"))
            if form is None:
                form = returning_form(original) if kind is LinkKind.NOT_ACCEPTED else IntakeForm()
            new = self._save(unit, form, None, final=True)
            if kind is LinkKind.NOT_ACCEPTED and original.category_id is not None and new.category_id is None:
                new.category_id = original.category_id  # issue 14 D: the category, as triage set it
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="link",
                    case_id=new.id,
                    text=Text("event.returning_copied", {"case_no": original.case_no}),
                    changes=[("category_id", None, original.category_id)],
                )
                self._refresh_deadline(unit, new)  # a deadline rule may name the category
            unit.session.add(
                CaseLink(from_case_id=new.id, to_case_id=original.id, kind=kind.value, created_at=unit.now)
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="link",
                case_id=new.id,
                text=Text("event.linked_to", {"case_no": original.case_no, "kind": kind}),
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="link",
                case_id=original.id,
                text=Text("event.linked_from", {"case_no": new.case_no, "kind": kind}),
            )
            if kind is LinkKind.NOT_ACCEPTED:
                change = self._set_status(unit, original, Status.CLOSED)
                original.close_kind = CloseKind.SUPERSEDED.value
                original.closed_at = unit.now
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="close",
                    case_id=original.id,
                    text=Text("event.superseded", {"case_no": new.case_no}),
                    changes=[change],
                )
            elif kind is LinkKind.ABOUT_HANDLING and original.status not in (Status.CLOSED, Status.VOID):
                self._escalate(
                    unit,
                    original,
                    EscalationReason.ABOUT_HANDLING,
                    None,
                    note=Text("event.note_new_case", {"case_no": new.case_no}),
                )
            self._touch(unit, new)
            self._touch(unit, original)
            return self._ref(new)

    def customer_history(
        self, actor: Actor, phone: str, form: IntakeForm | None = None, limit: int = 20
    ) -> list[HistoryEntry]:
        """Earlier cases of the customer with this phone, newest first, possible repeats marked."""
        if not isinstance(phone, str) or len(phone) > LIMITS["phone"] * 4:
            return []
        if form is not None and check_bounds(form):
            form = None
        limit = max(1, min(limit, 200)) if isinstance(limit, int) else 20
        try:
            normalized = normalize_phone(phone)
        except ValueError:
            return []
        if len(normalized) < 5:
            return []
        with self._door.read(actor) as unit:
            cases = unit.session.scalars(
                select(Case)
                .where(Case.phone_normalized == normalized, Case.status.not_in([Status.DRAFT, Status.VOID]))
                # The front desk must see every earlier case of the caller to spot a repeat; this is a
                # summary (number, date, status, first words), opening a case still follows visibility.
                .where(visible_cases(unit.actor) if not unit.actor.roles & INTAKE_ROLES else settled_cases())
                .order_by(Case.received_at.desc())
                .limit(limit)
            ).all()
            key = _matter(form) if form else MatterKey()
            entries = []
            for case in cases:
                age = unit.now - case.received_at
                repeat = may_be_repeat(key, _case_matter(case), age, unit.config.policy)
                entries.append(
                    HistoryEntry(
                        id=case.id,
                        case_no=case.case_no,
                        received_at=case.received_at,
                        status=Status(case.status),
                        content_excerpt=case.content[:60],
                        order_no=case.order_no,
                        possible_repeat=repeat,
                    )
                )
            return entries

    # --- internals -------------------------------------------------------

    def _save(self, unit: Unit, form: IntakeForm, case_id: int | None, final: bool) -> Case:
        config = unit.config
        clean = validate_intake(
            form,
            final=final,
            now=unit.now,
            channels=list(config.choices.get("channel", {})),
            request_types=list(config.choices.get("request_type", {})),
            customer_types=list(config.choices.get("customer_type", {})),
            custom_fields=config.custom_fields,
            money_ceiling_fen=config.money_ceiling_fen,
        )
        for name, model in (("complained_department_id", Department), ("complained_user_id", User)):
            if values_id := clean.values[name]:
                self._existing(unit, model, values_id, name)
        values = dict(clean.values)
        values["phone_normalized"] = clean.phone_normalized
        values["request_amount_fen"] = clean.request_amount_fen
        values["custom_values"] = clean.custom
        if case_id is None:
            if not unit.actor.roles & INTAKE_ROLES:
                raise PermissionDenied(Text("intake.roles"))
            period = period_of(unit.now)
            serial = allocate_serial(unit.session, period)
            prefix = config.branch_code if config.setting("number_with_branch_code") else None
            # issue 16 part P: a new case is complete before it is written — customer, sort key, status,
            # major, deadline — so it is one INSERT (it was an INSERT and two UPDATEs and an extension
            # lookup a new case cannot have); the columns' defaults first, as the rules read them.
            fields = {k: v for k, v in blank_row(cast(Table, Case.__table__)).items() if k != "version"}
            fields.update(values)
            fields.update(
                case_no=format_case_number(period, serial, prefix),
                period=period,
                serial=serial,
                status=Status.DRAFT.value,
                created_at=unit.now,
                updated_at=unit.now,
                recorder_id=unit.user.id,
            )
            case = Case(**fields)
            changes = []
        else:
            case = self._case(unit, case_id)
            self._require(unit, case, Action.SUBMIT if final else Action.EDIT_DRAFT)
            changes = apply_changes(case, values)
        case.customer_id = self._customer(unit, case).id if case.complainant_name else None
        case.complainant_sort = name_sort_key(case.complainant_name)
        if final:
            change = self._set_status(unit, case, Status.REGISTERED)
            self._refresh_major(unit, case)
            self._refresh_deadline(unit, case, new=case_id is None)
        if case_id is None:
            unit.session.add(case)
            unit.session.flush()  # its id, for the event
        if final:
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="register",
                case_id=case.id,
                text=Text(
                    "event.registered_from_draft" if case_id else "event.registered",
                    {"name": case.complainant_name, "channel": config.label("channel", case.channel)},
                ),
                changes=[change, *changes],
            )
        else:
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="draft",
                case_id=case.id,
                text=Text("event.draft_saved" if case_id else "event.draft_created"),
                changes=changes,
            )
        return case

    @staticmethod
    def _customer(unit: Unit, case: Case) -> Customer:
        customer = None
        if case.phone_normalized:
            customer = unit.session.scalars(
                select(Customer).where(Customer.phone == case.phone_normalized)
            ).first()
        if customer is None:
            customer = Customer(
                name=case.complainant_name,
                phone=case.phone_normalized,
                company=case.company,
                customer_type=case.customer_type,
                created_at=unit.now,
            )
            unit.session.add(customer)
            unit.session.flush()
        else:
            customer.name = case.complainant_name
            customer.company = case.company or customer.company
            customer.customer_type = case.customer_type or customer.customer_type
        return customer

    def _detect_repeat(self, unit: Unit, case: Case, explicit_no: str) -> list[Case]:
        """Same customer, same matter, within the window: flag, link and escalate (domain §2, §6)."""
        explicit_no = explicit_no.strip()
        if not case.phone_normalized and not explicit_no:
            return []
        window = timedelta(days=unit.config.policy.repeat_window_days)
        candidates = (
            unit.session.scalars(
                select(Case).where(
                    Case.id != case.id,
                    Case.phone_normalized == case.phone_normalized,
                    Case.status.not_in([Status.DRAFT, Status.VOID]),
                    Case.received_at >= case.received_at - window,
                    Case.received_at <= case.received_at,
                )
            ).all()
            if case.phone_normalized
            else []
        )
        key, policy = _case_matter(case), unit.config.policy
        originals = [
            c
            for c in candidates
            if c.case_no == explicit_no
            or is_repeat(key, _case_matter(c), case.received_at - c.received_at, policy)
        ]
        if explicit_no and not any(c.case_no == explicit_no for c in originals):
            raise FieldError(
                {
                    "repeat_of_case_no": Text(
                        "intake.repeat_not_found",
                        {"days": unit.config.policy.repeat_window_days, "case_no": explicit_no},
                    )
                }
            )
        if not originals:
            return []
        case.is_repeat = True
        self._refresh_major(unit, case)
        self._refresh_deadline(unit, case)
        for original in originals:
            unit.session.add(
                CaseLink(
                    from_case_id=case.id,
                    to_case_id=original.id,
                    kind=LinkKind.REPEAT.value,
                    created_at=unit.now,
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=None,
                action="repeat",
                case_id=original.id,
                text=Text("event.repeated_by", {"case_no": case.case_no}),
            )
            if original.status not in (Status.CLOSED, Status.VOID):
                self._escalate(
                    unit,
                    original,
                    EscalationReason.REPEAT,
                    None,
                    note=Text("event.note_case", {"case_no": case.case_no}),
                )
        record(
            unit.session,
            at=unit.now,
            actor=None,
            action="repeat",
            case_id=case.id,
            text=Text(
                "event.repeat",
                {"days": unit.config.policy.repeat_window_days, "originals": [o.case_no for o in originals]},
            ),
        )
        self._escalate(unit, case, EscalationReason.REPEAT, None)
        return originals

    # --- issue 12 "fields": the branch's own fields, corrected after intake ------------------

    def edit_custom_fields(self, actor: Actor, ref: CaseRefLike, values: Mapping[str, Any]) -> CaseRef:
        """Change some of the case's custom values (key -> as typed; empty clears it), checked by the
        intake's rules. Keys not named keep their value; a deactivated field's value is kept as it is
        and cannot be changed (it is not on the branch's form any more)."""
        errors = check_custom_bounds(values)
        if errors:
            raise FieldError(dict(errors))
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._require(unit, case, Action.EDIT_CUSTOM)
            definitions = [d for d in unit.config.custom_fields if d.key in values]
            unknown = [k for k in values if k not in {d.key for d in unit.config.custom_fields}]
            if unknown:
                missing = Text("field.not_found", {"field": Label("Field", "custom_value")})
                raise FieldError({f"custom.{unknown[0]}": missing})
            clean, problems = check_custom_values(definitions, values, final=True)
            if problems:
                raise FieldError(dict(problems))
            old = dict(case.custom_values or {})
            new = {k: v for k, v in old.items() if k not in values}
            new.update(clean)
            changes = [
                (d.label, old.get(d.key), new.get(d.key))
                for d in definitions
                if old.get(d.key) != new.get(d.key)
            ]
            if not changes:
                return self._ref(case)
            case.custom_values = new
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action=Action.EDIT_CUSTOM.value,
                case_id=case.id,
                text=Text("event.custom_edited", {"fields": [label for label, _o, _n in changes]}),
                changes=changes,
            )
            self._touch(unit, case)
            return self._ref(case)

    # --- issue 17 part E "correction": a typo in the phone or the name of a registered case ----------

    def correct_intake(
        self, actor: Actor, seen: CaseRefLike, values: Mapping[str, Any], reason: str
    ) -> CaseRef:
        """Correct what the clerk typed at intake (field -> as typed, as in ``IntakeForm``; fields not
        named keep their value), with a required reason. Checked by the intake's own rules; old and new
        values go on the timeline; a deadline that depends on a corrected field is recomputed (and its
        move shown); copies printed before are marked superseded in the print log."""
        if not isinstance(values, Mapping) or not values:
            raise FieldError({"reason": Text("correct.nothing_changed")})
        unknown = [k for k in values if not isinstance(k, str) or k not in CORRECTABLE_FIELDS]
        if unknown:
            name = str(unknown[0])[:40]
            raise FieldError({name: Text("correct.unknown_field", {"field": name})})
        why = require_text(reason, "reason", Label("Field", "reason"), CORRECTION_REASON_LIMIT)
        errors = check_bounds(IntakeForm(**values))  # lengths, types, dates: before the write lock
        if errors:
            raise FieldError(dict(errors))
        with self._unit(actor) as unit:
            case = self._case(unit, seen)
            self._require(unit, case, Action.CORRECT_INTAKE)
            typed = {name: _typed(case, name) for name in INTAKE_FORM_FIELDS}
            typed.update(values)
            form = IntakeForm(**typed)
            errors = check_bounds(form)
            if errors:
                raise FieldError(dict(errors))
            config = unit.config
            clean = validate_intake(
                form,
                final=True,
                now=unit.now,
                channels=list(config.all_choices.get("channel", {})),
                request_types=list(config.all_choices.get("request_type", {})),
                customer_types=list(config.all_choices.get("customer_type", {})),
                money_ceiling_fen=config.money_ceiling_fen,
            )
            for name, model in (("complained_department_id", Department), ("complained_user_id", User)):
                if name in values and (values_id := clean.values[name]):
                    self._existing(unit, model, values_id, name)
            wanted = {n: v for n, v in clean.values.items() if n in values}
            if "phone" in values:
                wanted["phone_normalized"] = clean.phone_normalized
            if "request_amount" in values:
                wanted["request_amount_fen"] = clean.request_amount_fen
            changes = apply_changes(case, wanted)
            if not changes:
                raise FieldError({"reason": Text("correct.nothing_changed")})
            if case.complainant_name:
                case.customer_id = self._customer(unit, case).id
            case.complainant_sort = name_sort_key(case.complainant_name)
            old_due = case.deadline_at
            self._refresh_major(unit, case)
            if case.status in {s.value for s in DEADLINE_STATES}:
                self._refresh_deadline(unit, case)
            shown = [(name, old, new) for name, old, new in changes if name != "phone_normalized"]
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action=Action.CORRECT_INTAKE.value,
                case_id=case.id,
                text=Text(
                    "event.intake_corrected",
                    {"fields": [Label("Field", _field_of(n)) for n, _o, _n in shown], "reason": why},
                ),
                changes=shown,
            )
            if case.deadline_at != old_due:
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,  # the correction moved it
                    action="deadline",
                    case_id=case.id,
                    text=Text(
                        "event.deadline_recomputed",
                        {"old": _minute(old_due), "new": _minute(case.deadline_at)},
                    ),
                    changes=[("deadline_at", old_due, case.deadline_at)],
                )
            prints = unit.session.scalars(
                select(PrintLog).where(PrintLog.case_id == case.id, PrintLog.superseded_at.is_(None))
            ).all()
            for printed in prints:
                printed.superseded_at = unit.now
            if superseded := len(prints):
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="print",
                    case_id=case.id,
                    text=Text("event.prints_superseded", {"count": superseded}),
                )
            self._touch(unit, case)
            return self._ref(case)

    def customer_details(self, actor: Actor, phone: str) -> CustomerDetails | None:
        """What the customer with this phone gave last time (issue 17 part E: the intake form offers to
        fill it in): from their latest registered case, or None when the number is new."""
        if not isinstance(phone, str) or len(phone) > LIMITS["phone"] * 4:
            return None
        try:
            normalized = normalize_phone(phone)
        except ValueError:
            return None
        if len(normalized) < 5:
            return None
        with self._door.read(actor) as unit:
            if not unit.actor.roles & INTAKE_ROLES:
                return None
            case = unit.session.scalars(
                select(Case)
                .where(Case.phone_normalized == normalized, Case.status.not_in([Status.DRAFT, Status.VOID]))
                .order_by(Case.received_at.desc(), Case.id.desc())
                .limit(1)
            ).first()
            if case is None:
                return None
            return CustomerDetails(
                case_no=case.case_no,
                complainant_name=case.complainant_name or "",
                complainant_title=case.complainant_title or "",
                company=case.company or "",
                customer_type=case.customer_type or "",
                is_foreign=bool(case.is_foreign),
                address=case.address or "",
                email=case.email or "",
            )


def _precheck(form: IntakeForm, case_id: int | None) -> None:
    """What needs no database — lengths, formats, dates, numbers — refused before the write lock."""
    if not isinstance(form, IntakeForm):
        raise FieldError({"form": Text("error.generic")})
    errors = check_bounds(form)
    if errors:
        raise FieldError(dict(errors))
    if case_id is not None and not ids_ok(case_id):
        raise NotFound(Text("error.case_not_found", {"ref": str(case_id)[:40]}))


def _case_matter(case: Case) -> MatterKey:
    return MatterKey(order_no=case.order_no, part_no=case.part_no, lot_no=case.lot_no)


def _matter(form: IntakeForm) -> MatterKey:
    return MatterKey(order_no=form.order_no.strip(), part_no=form.part_no.strip(), lot_no=form.lot_no.strip())


#: Every field of ``IntakeForm`` but the branch's own (a correction keeps them; they have their own action).
INTAKE_FORM_FIELDS = tuple(name for name in IntakeForm.__dataclass_fields__ if name != "custom")


def _typed(case: Case, name: str) -> Any:
    """The case's value of intake field ``name`` as the form holds it (text as typed, amount in yuan)."""
    if name == "request_amount":
        fen = case.request_amount_fen
        return "" if fen is None else format_yuan(fen, symbol=False).replace(",", "")
    if name == "repeat_of_case_no":
        return ""
    value = getattr(case, name)
    default = IntakeForm.__dataclass_fields__[name].default
    return "" if value is None and default == "" else value


def _field_of(name: str) -> str:
    return "request_amount" if name == "request_amount_fen" else name


def _minute(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if at is not None else "—"
