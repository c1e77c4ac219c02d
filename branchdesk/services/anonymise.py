"""Retention, anonymisation and personal-data requests (issue 15 part R): the writer.

What is replaced with what is ``domain/anonymise.py`` (the registry); this module applies it to one
case at a time inside a write unit, redacts the case's events and seals the redaction into the audit
chain (``storage/audit_chain.py``: the anonymisation event vouches for every event it redacted).

Flow: the retention queue proposes closed cases whose period has passed (or a personal-data request
names a customer's cases) → a GM who is not the proposer approves the batch, with a reason → ``run``
anonymises it in short units (``UNIT_CASES`` cases each, so other PCs wait at most a moment), each
case re-checked (still closed, not on legal hold) in the unit that changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, text, update
from sqlalchemy import case as sql_case
from sqlalchemy.orm.attributes import flag_modified

from branchdesk.domain import anonymise as anon
from branchdesk.domain.bounds import INT_MAX, TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.text import clean_text, name_sort_key, normalize_phone
from branchdesk.domain.vocab import Kind, Role, Status
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, PermissionDenied
from branchdesk.i18n import DEFAULT_LANGUAGE, Label, Text, render
from branchdesk.read.retention import (
    BatchRow,
    Candidate,
    HeldCase,
    HeldData,
    RetentionQueue,
    RetentionRuleRow,
    RunResult,
)
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CaseVersion
from branchdesk.services.timeline import event_text, record
from branchdesk.services.visibility import visible_cases
from branchdesk.storage.audit_chain import REDACTED, content_hash
from branchdesk.storage.models import (
    AnonymisationBatch,
    Attachment,
    AttachmentBlob,
    Base,
    Case,
    CasePrivacy,
    Category,
    Customer,
    CustomField,
    Event,
    FollowUp,
    Notification,
    Reply,
    RetentionRule,
    User,
)

#: Who works the retention queue and personal-data requests; only a GM approves a batch.
DESK_ROLES = frozenset({Role.GM, Role.CR_MANAGER})
#: Cases one proposal may name (bounded input); a bigger queue is proposed in several batches.
MAX_BATCH = 5000
#: Cases anonymised per write unit: each unit holds the write lock only briefly.
UNIT_CASES = 25
#: States in which a case is no longer worked on ("closed" for retention and requests).
ENDED = (Status.CLOSED.value, Status.VOID.value)

Progress = Callable[[int, int], bool]


def _closure() -> Any:
    """When a case ended: its closing time; a voided case without one, its last change."""
    return func.coalesce(Case.closed_at, sql_case((Case.status == Status.VOID.value, Case.updated_at)))


class RetentionService(ServiceBase):
    # --- permissions ---------------------------------------------------------------------------

    @staticmethod
    def _desk(unit: Unit) -> None:
        if not unit.actor.roles & DESK_ROLES:
            raise PermissionDenied(Text("anonymise.roles"))

    @staticmethod
    def _marker(unit: Unit) -> str:
        return render(Text("anonymise.marker"), DEFAULT_LANGUAGE)

    # --- retention rules (administrator) -------------------------------------------------------

    def rules(self, actor: Actor) -> tuple[RetentionRuleRow, ...]:
        with self._door.read(actor) as unit:
            return self._rules(unit)

    @staticmethod
    def _rules(unit: Unit) -> tuple[RetentionRuleRow, ...]:
        rows = unit.session.scalars(
            select(RetentionRule).order_by(RetentionRule.category_code, RetentionRule.kind)
        )
        ids = {c.code: c.id for c in unit.session.scalars(select(Category))}
        return tuple(
            RetentionRuleRow(
                r.id,
                r.category_code,
                " / ".join(unit.config.category_labels_path(ids.get(r.category_code)))
                if r.category_code
                else "",
                r.kind,
                r.years,
            )
            for r in rows
        )

    def save_rule(
        self,
        actor: Actor,
        category_code: str | None,
        kind: str | None,
        years: int,
        *,
        seen: int | None = None,
    ) -> int:
        """Set how long closed cases of a category (any level; None: any) and kind (None: any) are kept."""
        checks = Checks()
        code = checks.text("category_code", category_code, TEXT_LIMITS["category_code"]) or None
        kind_code = checks.text("kind", kind, 20) or None
        low, high = 1, 100
        checks.integer("years", years, low, high)
        checks.done()
        if kind_code is not None and kind_code not in {k.value for k in Kind}:
            raise FieldError({"kind": Text("anonymise.unknown_kind", {"kind": kind_code})})
        with self._unit(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("anonymise.admin_only"))
            if (
                code is not None
                and unit.session.scalars(select(Category.id).where(Category.code == code)).first() is None
            ):
                raise FieldError(
                    {"category_code": Text("field.not_found", {"field": Label("Field", "category_code")})}
                )
            row = unit.session.scalars(
                select(RetentionRule).where(
                    RetentionRule.category_code.is_(None)
                    if code is None
                    else RetentionRule.category_code == code,
                    RetentionRule.kind.is_(None) if kind_code is None else RetentionRule.kind == kind_code,
                )
            ).first()
            old = row.years if row is not None else None
            if row is None:
                row = RetentionRule(category_code=code, kind=kind_code, years=years)
                unit.session.add(row)
            row.years = years
            any_ = Text("anonymise.any")
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="retention_rule",
                text=Text(
                    "event.retention_rule",
                    {
                        "category": code or any_,
                        "kind": Label("Kind", kind_code) if kind_code else any_,
                        "years": years,
                    },
                ),
                changes=[("years", old, years)],
            )
            unit.mark_config_changed(seen)
            unit.session.flush()
            return row.id

    def remove_rule(self, actor: Actor, rule_id: int, *, seen: int | None = None) -> None:
        with self._unit(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("anonymise.admin_only"))
            row = self._existing(unit, RetentionRule, rule_id, "rule")
            any_ = Text("anonymise.any")
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="retention_rule",
                text=Text(
                    "event.retention_rule_removed",
                    {
                        "category": row.category_code or any_,
                        "kind": Label("Kind", row.kind) if row.kind else any_,
                    },
                ),
                changes=[("years", row.years, None)],
            )
            unit.session.delete(row)
            unit.mark_config_changed(seen)

    def mark_personal(self, actor: Actor, key: str, personal: bool, *, seen: int | None = None) -> None:
        """Mark a custom field as holding personal data (anonymised with the case) or not (administrator)."""
        checks = Checks()
        key = checks.text("key", key, 40, required=True)
        checks.done()
        with self._unit(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("anonymise.admin_only"))
            row = unit.session.scalars(select(CustomField).where(CustomField.key == key)).first()
            if row is None:
                raise FieldError({"key": Text("field.not_found", {"field": Label("Field", "key")})})
            if bool(row.personal) != bool(personal):
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="custom_field",
                    text=Text("event.admin_custom_changed", {"label": row.label}),
                    changes=[("personal", bool(row.personal), bool(personal))],
                )
                row.personal = bool(personal)
                unit.mark_config_changed(seen)

    # --- the retention queue -------------------------------------------------------------------

    @staticmethod
    def _periods(unit: Unit) -> tuple[list[anon.RetentionPeriod], int]:
        periods = [
            anon.RetentionPeriod(r.category_code, r.kind, r.years)
            for r in unit.session.scalars(select(RetentionRule))
        ]
        return periods, int(unit.config.setting("retention_years"))

    def _due(self, unit: Unit, category_id: int | None, kind: str, closed: datetime) -> tuple[int, datetime]:
        periods, default = self._periods(unit)
        years = anon.retention_years(periods, unit.config.category_path(category_id), kind, default)
        return years, anon.due_at(closed, years)

    def queue(self, actor: Actor, limit: int = 1000) -> RetentionQueue:
        """Closed cases whose retention period has passed, oldest closure first (those on legal hold
        shown as blocked), and the batches."""
        checks = Checks()
        checks.integer("limit", limit, 1, MAX_BATCH)
        checks.done()
        with self._door.read(actor) as unit:
            self._desk(unit)
            periods, default = self._periods(unit)
            shortest = min([p.years for p in periods] + [default])
            closure = _closure()
            # a case closed less than the shortest period ago cannot be due: SQL leaves it out
            latest = anon.due_at(unit.now, -shortest) if shortest else unit.now
            open_batches = unit.session.scalars(
                select(AnonymisationBatch).where(AnonymisationBatch.status.in_(("proposed", "approved")))
            ).all()
            named = {int(cid): b.id for b in open_batches for cid in b.case_ids}
            # streamed: the loop stops after ``limit`` candidates, not after reading every closed case
            rows = unit.session.execute(
                select(
                    Case.id,
                    Case.case_no,
                    Case.kind,
                    Case.category_id,
                    closure,
                    CasePrivacy.legal_hold,
                    CasePrivacy.hold_reason,
                    Case.version,
                )
                .outerjoin(CasePrivacy, CasePrivacy.case_id == Case.id)
                .where(
                    Case.status.in_(ENDED),
                    closure.is_not(None),
                    closure <= latest,
                    CasePrivacy.anonymised_at.is_(None),
                    visible_cases(unit.actor),
                )
                .order_by(closure, Case.id)
                .execution_options(yield_per=500)
            )
            candidates: list[Candidate] = []
            more = False
            for cid, case_no, kind, category_id, closed, hold, reason, version in rows:
                years = anon.retention_years(periods, unit.config.category_path(category_id), kind, default)
                due = anon.due_at(closed, years)
                if due > unit.now:
                    continue
                if len(candidates) >= limit:
                    more = True
                    break
                candidates.append(
                    Candidate(
                        cid,
                        case_no,
                        kind,
                        unit.config.category_text(category_id),
                        closed,
                        due,
                        years,
                        bool(hold),
                        reason or "",
                        named.get(cid),
                        version,
                    )
                )
            rows.close()
            return RetentionQueue(tuple(candidates), self._batches(unit), default, more)

    @staticmethod
    def _batches(unit: Unit, limit: int = 50) -> tuple[BatchRow, ...]:
        names = dict(unit.session.execute(select(User.id, User.full_name)).all())
        rows = unit.session.scalars(
            select(AnonymisationBatch).order_by(AnonymisationBatch.id.desc()).limit(limit)
        )
        return tuple(
            BatchRow(
                b.id,
                b.purpose,
                b.status,
                len(b.case_ids),
                b.reason,
                names.get(b.proposed_by_id, ""),
                b.proposed_at,
                names.get(b.decided_by_id, "") if b.decided_by_id else "",
                b.decided_at,
                b.done_count,
                b.version,
                b.proposed_by_id,
                tuple(str(s) for s in b.skipped or []),
            )
            for b in rows
        )

    def batch(self, actor: Actor, batch_id: int) -> BatchRow:
        with self._door.read(actor) as unit:
            self._desk(unit)
            self._existing(unit, AnonymisationBatch, batch_id, "batch")
            return next(b for b in self._batches(unit, limit=INT_MAX) if b.id == batch_id)

    def propose(self, actor: Actor, cases: Sequence[int | str], reason: str) -> int:
        """Propose cases (ids or case numbers: each due, closed, not on hold, not anonymised yet)."""
        refs = self._check_refs(cases)
        reason = self._reason(reason)
        with self._unit(actor) as unit:
            self._desk(unit)
            ids: list[int] = []
            for ref in refs:
                case = self._case(unit, ref)
                self._refuse_blocked(unit, case)
                closed = case.closed_at or case.updated_at
                _years, due = self._due(unit, case.category_id, case.kind, closed)
                if due > unit.now:
                    raise DomainError(
                        Text("anonymise.not_due", {"case_no": case.case_no, "due": due.strftime("%Y-%m-%d")})
                    )
                ids.append(case.id)
            return self._new_batch(unit, "retention", list(dict.fromkeys(ids)), reason)

    def _new_batch(self, unit: Unit, purpose: str, ids: list[int], reason: str) -> int:
        batch = AnonymisationBatch(
            purpose=purpose,
            status="proposed",
            case_ids=ids,
            reason=reason,
            proposed_by_id=unit.actor.user_id,
            proposed_at=unit.now,
            decision_note="",
            done_count=0,
            skipped=[],
            version=1,
        )
        unit.session.add(batch)
        unit.session.flush()
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="anonymise_propose",
            text=Text(
                "event.anonymise_proposed",
                {
                    "batch": batch.id,
                    "purpose": Label("AnonymisePurpose", purpose),
                    "count": len(ids),
                    "reason": reason,
                },
            ),
        )
        return batch.id

    @staticmethod
    def _check_refs(cases: Sequence[int | str]) -> list[int | str]:
        if not isinstance(cases, (list, tuple)) or not cases:
            raise FieldError({"case_ids": Text("anonymise.no_cases")})
        if len(cases) > MAX_BATCH:
            raise FieldError({"case_ids": Text("anonymise.too_many", {"max": MAX_BATCH})})
        refs: list[int | str] = []
        for ref in cases:
            if isinstance(ref, str) and 0 < len(ref) <= 30:
                refs.append(ref.strip())
            elif isinstance(ref, int) and ids_ok(ref):
                refs.append(ref)
            else:
                raise FieldError({"case_ids": Text("field.not_found", {"field": Label("Field", "case_ids")})})
        return list(dict.fromkeys(refs))

    @staticmethod
    def _reason(reason: str) -> str:
        checks = Checks()
        value = checks.text("reason", reason, TEXT_LIMITS["reason"], required=True)
        checks.done()
        return value

    @staticmethod
    def _privacy(unit: Unit, case_id: int) -> CasePrivacy | None:
        return unit.session.get(CasePrivacy, case_id)

    def _refuse_blocked(self, unit: Unit, case: Case) -> None:
        """Open, on legal hold or done already: the reason, as a refusal."""
        reason = self._blocked(unit, case)
        if reason is not None:
            raise DomainError(reason)

    def _blocked(self, unit: Unit, case: Case) -> Text | None:
        if case.status not in ENDED:
            return Text("anonymise.open_case", {"case_no": case.case_no})
        privacy = self._privacy(unit, case.id)
        if privacy is not None and privacy.legal_hold:
            return Text("anonymise.on_hold", {"case_no": case.case_no, "reason": privacy.hold_reason})
        if privacy is not None and privacy.anonymised_at is not None:
            return Text("anonymise.done_already", {"case_no": case.case_no})
        return None

    def decide(self, actor: Actor, batch_id: int, seen_version: int, approve: bool, note: str = "") -> None:
        """A GM approves (or refuses) a proposed batch; never the person who proposed it."""
        checks = Checks()
        note = checks.text("note", note, TEXT_LIMITS["note"], required=approve is False)
        checks.integer("version", seen_version, 0, INT_MAX)
        checks.done()
        if not isinstance(approve, bool):
            raise FieldError({"decision": Text("field.format", {"field": Label("Field", "decision")})})
        with self._unit(actor) as unit:
            if Role.GM not in unit.actor.roles:
                raise PermissionDenied(Text("anonymise.gm_only"))
            batch = self._existing(unit, AnonymisationBatch, batch_id, "batch")
            self._seen(unit, batch, seen_version)
            if batch.proposed_by_id == unit.actor.user_id:
                raise PermissionDenied(Text("anonymise.not_proposer"))
            if batch.status != "proposed":
                raise DomainError(self._state_text(batch, Text("anonymise.approve")))
            batch.status = "approved" if approve else "rejected"
            batch.decided_by_id = unit.actor.user_id
            batch.decided_at = unit.now
            batch.decision_note = note
            batch.version += 1
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="anonymise_decide",
                text=Text(
                    "event.anonymise_decided",
                    {
                        "batch": batch.id,
                        "decision": Text("anonymise.approved" if approve else "anonymise.rejected"),
                        "note": f"：{note}" if note else "",
                    },
                ),
                changes=[("status", "proposed", batch.status)],
            )

    @staticmethod
    def _state_text(batch: AnonymisationBatch, what: Text) -> Text:
        return Text(
            "anonymise.batch_state",
            {"batch": batch.id, "status": Label("BatchStatus", batch.status), "what": what},
        )

    @staticmethod
    def _seen(unit: Unit, batch: AnonymisationBatch, seen_version: int) -> None:
        if batch.version == seen_version:
            return
        who = unit.session.get(User, batch.decided_by_id or batch.proposed_by_id)
        when = batch.decided_at or batch.proposed_at
        raise ConcurrentChange(
            Text(
                "anonymise.batch_changed",
                {
                    "batch": batch.id,
                    "who": who.full_name if who else "",
                    "when": when.strftime("%m-%d %H:%M"),
                },
            )
        )

    # --- running a batch -------------------------------------------------------------------------

    def run(self, actor: Actor, batch_id: int, progress: Progress | None = None) -> RunResult:
        """Anonymise an approved batch in short units; ``progress(done, total)`` returning False stops
        between units (what is done stays done; ``run`` again continues)."""
        if not ids_ok(batch_id):
            raise FieldError({"batch": Text("field.not_found", {"field": Label("Field", "batch")})})
        with self._door.read(actor) as unit:
            self._desk(unit)
            batch = self._existing(unit, AnonymisationBatch, batch_id, "batch")
            if batch.status != "approved":
                raise DomainError(self._state_text(batch, Text("anonymise.run")))
            done_ids = set(
                unit.session.scalars(
                    select(CasePrivacy.case_id).where(
                        CasePrivacy.case_id.in_(batch.case_ids), CasePrivacy.anonymised_at.is_not(None)
                    )
                )
            )
            todo = [int(c) for c in batch.case_ids if int(c) not in done_ids]
        total, done = len(todo), 0
        skipped: list[str] = []
        for start in range(0, total, UNIT_CASES):
            chunk = todo[start : start + UNIT_CASES]
            with self._unit(actor) as unit:
                self._desk(unit)
                batch = self._existing(unit, AnonymisationBatch, batch_id, "batch")
                if batch.status != "approved":  # refused or finished elsewhere meanwhile
                    raise DomainError(self._state_text(batch, Text("anonymise.run")))
                context = _Context(unit, self._marker(unit))
                for cid in chunk:
                    case = unit.session.get(Case, cid)
                    if case is None:
                        continue
                    if self._blocked(unit, case) is not None:  # reopened or put on hold since the approval
                        skipped.append(case.case_no)
                        continue
                    context.anonymise(case, batch)
                    done += 1
                batch.done_count = (batch.done_count or 0) + context.count
                batch.skipped = sorted(set(batch.skipped or []) | set(skipped))
                flag_modified(batch, "skipped")
                batch.version += 1
            if progress is not None and not progress(start + len(chunk), total):
                return RunResult(batch_id, done, tuple(skipped))
        with self._unit(actor) as unit:
            batch = self._existing(unit, AnonymisationBatch, batch_id, "batch")
            if batch.status == "approved":
                batch.status = "done"
                batch.version += 1
            _purge_search_index(unit)
        return RunResult(batch_id, done, tuple(skipped))

    # --- legal hold ------------------------------------------------------------------------------

    def set_legal_hold(self, actor: Actor, ref: CaseVersion, hold: bool, reason: str) -> CaseRef:
        """Put a case on legal hold (or lift it): never anonymised while held. GM or CR manager, a reason."""
        reason = self._reason(reason)
        if not isinstance(hold, bool):
            raise FieldError({"legal_hold": Text("field.format", {"field": Label("Field", "legal_hold")})})
        with self._unit(actor) as unit:
            self._desk(unit)
            case = self._case(unit, ref)
            privacy = self._privacy(unit, case.id)
            if privacy is None:
                privacy = CasePrivacy(case_id=case.id, legal_hold=False, hold_reason="")
                unit.session.add(privacy)
            if bool(privacy.legal_hold) == hold:
                raise DomainError(Text("anonymise.hold_same"))
            old = bool(privacy.legal_hold)
            privacy.legal_hold = hold
            privacy.hold_reason = reason if hold else ""
            privacy.hold_by_id = unit.actor.user_id
            privacy.hold_at = unit.now
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="legal_hold",
                case_id=case.id,
                text=Text("event.legal_hold_set" if hold else "event.legal_hold_cleared", {"reason": reason}),
                changes=[("legal_hold", old, hold)],
            )
            case.updated_at = unit.now
            flag_modified(case, "updated_at")  # the case's version moves: a stale window is refused
            return self._ref(case)

    # --- personal-data requests --------------------------------------------------------------------

    @staticmethod
    def _subject(subject: str) -> tuple[str, str]:
        """(normalised phone, '') when ``subject`` is a phone number, else ('', name)."""
        checks = Checks()
        value = checks.text("subject", subject, 100, required=True)
        checks.done()
        value = clean_text(value)
        if not value:
            raise FieldError({"subject": Text("anonymise.need_subject")})
        try:
            phone = normalize_phone(value)
        except ValueError:
            phone = ""
        return (phone, "") if phone else ("", value)

    def _held_query(self, unit: Unit, subject: str) -> Any:
        phone, name = self._subject(subject)
        if phone:
            match = or_(
                Case.phone_normalized == phone,
                Case.customer_id.in_(select(Customer.id).where(Customer.phone == phone)),
            )
        else:
            match = or_(
                Case.complainant_name == name,
                Case.customer_id.in_(select(Customer.id).where(Customer.name == name)),
            )
        return select(Case).where(match, visible_cases(unit.actor)).order_by(Case.received_at, Case.id)

    def find(self, actor: Actor, subject: str) -> HeldData:
        """Every case held on a customer, by phone (any spelling) or name."""
        with self._door.read(actor) as unit:
            self._desk(unit)
            return self._find(unit, subject)

    def _find(self, unit: Unit, subject: str) -> HeldData:
        cases = unit.session.scalars(self._held_query(unit, subject)).all()
        privacy = {
            p.case_id: p
            for p in unit.session.scalars(
                select(CasePrivacy).where(CasePrivacy.case_id.in_([c.id for c in cases]))
            )
        }
        held = tuple(
            HeldCase(
                c.id,
                c.case_no,
                c.status,
                c.received_at,
                c.closed_at,
                c.complainant_name,
                c.phone,
                c.status not in ENDED,
                bool(privacy.get(c.id) and privacy[c.id].legal_hold),
                bool(privacy.get(c.id) and privacy[c.id].anonymised_at is not None),
            )
            for c in cases
        )
        return HeldData(clean_text(subject), held)

    def export(self, actor: Actor, subject: str, path: Path, files: bool = False) -> int:
        """Everything held on the customer as a workbook for them (their cases only); returns the count.
        ``files``: the attachments themselves too, in ``<path>.zip`` beside it (issue 15 part N)."""
        with self._door.read(actor) as unit:
            self._desk(unit)
            data = self._find(unit, subject)
            if not data.cases:
                raise DomainError(Text("anonymise.nothing_found"))
            ids = [c.case_id for c in data.cases]
            cases = unit.session.scalars(
                select(Case).where(Case.id.in_(ids)).order_by(Case.received_at, Case.id)
            ).all()
            replies = unit.session.scalars(
                select(Reply).where(Reply.case_id.in_(ids)).order_by(Reply.id)
            ).all()
            follow_ups = unit.session.scalars(
                select(FollowUp).where(FollowUp.case_id.in_(ids)).order_by(FollowUp.id)
            ).all()
            from branchdesk.reports.personal_data_xlsx import write_personal_data  # openpyxl on demand

            extra = personal_extra(unit, cases, path.with_suffix(".zip") if files else None)  # issue 15 N
            write_personal_data(path, unit.config, data.subject, unit.now, cases, replies, follow_ups, extra)
        with self._unit(actor) as unit:  # who exported a customer's data, and how much (never whose)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="personal_data_export",
                text=Text("event.personal_data_export", {"count": len(ids)}),
            )
        return len(ids)

    def request_anonymisation(self, actor: Actor, subject: str, reason: str) -> int:
        """A customer asks to be forgotten: propose all their cases (refused while one is open or held)."""
        reason = self._reason(reason)
        with self._unit(actor) as unit:
            self._desk(unit)
            data = self._find(unit, subject)
            todo = [c for c in data.cases if not c.anonymised]
            if not todo:
                raise DomainError(Text("anonymise.nothing_found"))
            for held in todo:
                case = self._case(unit, held.case_id)
                self._refuse_blocked(unit, case)
            return self._new_batch(unit, "request", [c.case_id for c in todo], reason)


# --- issue 15 part N: the personal-data export's timeline, progress notices and attachments --------------


def personal_extra(unit: Unit, cases: Sequence[Case], zip_path: Path | None) -> Any:
    """Each case's timeline (internal notes left out: staff only), its progress notices and attachments;
    with ``zip_path`` the attachments' files too, written there (a temporary name first, renamed whole)."""
    import zipfile

    from branchdesk.read.timeline import timeline
    from branchdesk.reports.personal_data_xlsx import AttachmentRow, PersonalExtra, TimelineRow
    from branchdesk.storage.models import AttachmentBlob, CustomerContact, Department, User

    session = unit.session
    number = {c.id: c.case_no for c in cases}
    ids = list(number)
    people = dict(session.execute(select(User.id, User.full_name)).all())
    departments = dict(session.execute(select(Department.id, Department.name)).all())

    def name_of(field: str, value: Any) -> str:
        if field == "category_id":
            return unit.config.category_text(value) if value in unit.config.categories else str(value)
        if "department" in field:
            return str(departments.get(value, value))
        return str(people.get(value, value))

    extra = PersonalExtra()
    for case in cases:
        for entry in timeline(session, case.id, name_of):
            if entry.action == "note":  # an internal note: staff only, never in a customer's export
                continue
            changes = tuple((c.field, c.old, c.new) for c in entry.changes)
            extra.timeline.append(TimelineRow(case.case_no, entry.at, entry.actor_name, entry.text, changes))
    for contact in session.scalars(
        select(CustomerContact).where(CustomerContact.case_id.in_(ids)).order_by(CustomerContact.id)
    ):
        channel = unit.config.label("reply_method", contact.channel) or contact.channel
        extra.contacts.append((number[contact.case_id], contact.contacted_at, channel, contact.said))
    attachments = session.scalars(
        select(Attachment).where(Attachment.case_id.in_(ids)).order_by(Attachment.case_id, Attachment.id)
    ).all()
    for item in attachments:
        inside = f"{number[item.case_id]}/{item.id}-{item.filename}"
        extra.attachments.append(
            AttachmentRow(number[item.case_id], item.filename, item.size, item.sha256, item.added_at, inside)
        )
    if zip_path is not None:
        partial = zip_path.with_name(zip_path.name + ".part")
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for item, row in zip(attachments, extra.attachments, strict=True):
                    blob = session.get(AttachmentBlob, item.id)  # one file in memory at a time
                    archive.writestr(row.zip_name, blob.content if blob is not None else b"")
                    if blob is not None:
                        session.expunge(blob)
            partial.replace(zip_path)
        finally:
            partial.unlink(missing_ok=True)
    return extra


class _Context:
    """One write unit's anonymisation: the marker, the branch's personal custom fields, the tables."""

    def __init__(self, unit: Unit, marker: str) -> None:
        self.unit = unit
        self.session = unit.session
        self.marker = marker
        fields = self.session.execute(
            select(CustomField.key, CustomField.label).where(CustomField.personal.is_(True))
        ).all()
        self.custom_keys = {key for key, _label in fields}
        self.custom_labels = {label for _key, label in fields}
        self.count = 0

    def anonymise(self, case: Case, batch: AnonymisationBatch) -> None:
        customer = self.session.get(Customer, case.customer_id) if case.customer_id else None
        strings = [*self._personal_strings(case, customer), *self._earlier_values(case.id)]
        tokens = anon.tokens(strings)
        replaced = self._columns(case)
        files = self._attachments(case.id)
        redacted = self._events(case.id, tokens)
        self._notifications(case.id, tokens)
        self._customers(case, customer, strings)
        privacy = self.session.get(CasePrivacy, case.id)
        if privacy is None:
            privacy = CasePrivacy(case_id=case.id, legal_hold=False, hold_reason="")
            self.session.add(privacy)
        privacy.anonymised_at = self.unit.now
        privacy.batch_id = batch.id
        record(
            self.session,
            at=self.unit.now,
            actor=self.unit.user,
            action="anonymise",
            case_id=case.id,
            text=Text(
                "event.anonymised",
                {
                    "purpose": Label("AnonymisePurpose", batch.purpose),
                    "batch": batch.id,
                    "fields": replaced,
                    "files": files,
                    "events": len(redacted),
                    REDACTED: redacted,
                },
            ),
        )
        self.count += 1

    def _personal_strings(self, case: Case, customer: Customer | None) -> Iterable[str | None]:
        yield from (case.complainant_name, case.phone, case.address, case.email, case.company, case.plate)
        for phone in (case.phone_normalized, customer.phone if customer else "", case.phone):
            yield from _phone_forms(phone)
        if customer is not None:
            yield from (customer.name, customer.company)
        for key, value in (case.custom_values or {}).items():
            if key in self.custom_keys and isinstance(value, str):
                yield value

    def _columns(self, case: Case) -> int:
        """Every registered column of the case's rows replaced; returns how many values changed."""
        count = 0
        for table in anon.PERSONAL:
            if table.table == "complaint_case":
                for column, kind in table.columns.items():
                    old = getattr(case, column)
                    new = anon.replacement(kind, old, self.marker)
                    if column == "complainant_sort":
                        new = name_sort_key(self.marker)
                    if old != new:
                        setattr(case, column, new)
                        count += 1
                custom = dict(case.custom_values or {})
                cleaned = anon.redact_custom(custom, self.custom_keys, self.marker)
                if cleaned != custom:
                    case.custom_values = cleaned
                    count += sum(1 for k in custom if custom[k] != cleaned[k])
                continue
            sql_table = Base.metadata.tables[table.table]
            key = sql_table.c[table.case_column]
            values: dict[str, Any] = {}
            for column, kind in table.columns.items():
                col = sql_table.c[column]
                if kind is anon.Replace.TEXT:
                    values[column] = sql_case((or_(col.is_(None), col == ""), col), else_=self.marker)
                else:
                    values[column] = anon.replacement(kind, None, self.marker)
            changed = self.session.execute(
                select(func.count())
                .select_from(sql_table)
                .where(
                    key == case.id,
                    or_(*[and_(sql_table.c[c].is_not(None), sql_table.c[c] != "") for c in table.columns]),
                )
            ).scalar_one()
            if changed:
                self.session.execute(update(sql_table).where(key == case.id).values(values))
                count += int(changed)
        return count

    def _attachments(self, case_id: int) -> int:
        ids = list(self.session.scalars(select(Attachment.id).where(Attachment.case_id == case_id)))
        if ids:
            self.session.execute(delete(AttachmentBlob).where(AttachmentBlob.attachment_id.in_(ids)))
            self.session.execute(delete(Attachment).where(Attachment.id.in_(ids)))
        return len(ids)

    def _events(self, case_id: int, tokens: Sequence[str]) -> list[list[Any]]:
        """Redact the case's events; [[seq, redacted hash, link hash], …] for the vouching event."""
        redacted: list[list[Any]] = []
        self.session.flush()
        for event in self.session.scalars(select(Event).where(Event.case_id == case_id).order_by(Event.id)):
            if event.seq is None or event.hash is None:
                continue
            params = (
                anon.redact_value(event.params, tokens, self.marker) if event.params is not None else None
            )
            changes = anon.redact_changes(event.changes or [], tokens, self.marker, self.custom_labels)
            if event.code is not None and params is not None:
                summary = render(event_text_of(event.code, params), DEFAULT_LANGUAGE)
            else:
                summary = self.marker if any(t in (event.summary or "") for t in tokens) else event.summary
            if (params, changes, summary) == (event.params, list(event.changes or []), event.summary):
                continue
            event.params, event.changes, event.summary = params, changes, summary
            event.redacted_hash = content_hash(event.seq, event)
            redacted.append([event.seq, event.redacted_hash, event.hash])
        return redacted

    def _notifications(self, case_id: int, tokens: Sequence[str]) -> None:
        for note in self.session.scalars(select(Notification).where(Notification.case_id == case_id)):
            params = anon.redact_value(note.params or {}, tokens, self.marker)
            if params != note.params:
                note.params = params

    def _earlier_values(self, case_id: int) -> Iterable[str]:
        """Values a personal field had before a correction (only the timeline's changes still hold them),
        phones also in their normalised spelling: they are looked for in the events and the customers."""
        for changes in self.session.scalars(select(Event.changes).where(Event.case_id == case_id)):
            for entry in changes or []:
                if isinstance(entry, list) and len(entry) == 3 and entry[0] in anon.PERSONAL_FIELDS:
                    for value in entry[1:]:
                        if isinstance(value, str) and value:
                            yield value
                            yield from _phone_forms(value)

    def _customers(self, case: Case, customer: Customer | None, strings: Sequence[str | None]) -> None:
        """The case's customer row, and any other row with one of its names or phones (a phone corrected
        after intake left a row behind), emptied once no case not yet anonymised refers to it."""
        values = [v for v in strings if v]
        rows = {customer.id: customer} if customer is not None else {}
        if values:
            for row in self.session.scalars(
                select(Customer).where(or_(Customer.phone.in_(values), Customer.name.in_(values)))
            ):
                rows[row.id] = row
        for row in rows.values():
            live = self.session.scalars(
                select(Case.id).where(
                    Case.customer_id == row.id,
                    Case.id != case.id,
                    ~exists().where(CasePrivacy.case_id == Case.id, CasePrivacy.anonymised_at.is_not(None)),
                )
            ).first()
            if live is None:
                for column, kind in anon.CUSTOMER_COLUMNS.items():
                    setattr(row, column, anon.replacement(kind, getattr(row, column), self.marker))


def _phone_forms(value: str | None) -> list[str]:
    """A phone as stored, normalised, without '+' or the country code, and its bare digits."""
    if not value:
        return []
    forms = [value, "".join(ch for ch in value if ch.isdigit())]
    try:
        normal = normalize_phone(value)
    except ValueError:
        normal = ""
    if normal:
        forms += [normal, normal.lstrip("+"), normal[3:] if normal.startswith("+86") else normal]
    return [f for f in forms if len(f) >= 5]


def event_text_of(code: str, params: dict[str, Any]) -> Text:
    return Text.from_json({"code": code, "params": params})


def _purge_search_index(unit: Unit) -> None:
    """SQLite FTS5 keeps deleted terms in its segments until they merge: 'optimize' rewrites them, so the
    index no longer holds the old names' trigrams (free pages still do until VACUUM)."""
    if unit.session.get_bind().dialect.name == "sqlite":
        unit.session.execute(text("INSERT INTO case_search(case_search) VALUES ('optimize')"))


__all__ = ["DESK_ROLES", "MAX_BATCH", "UNIT_CASES", "RetentionService", "event_text"]
