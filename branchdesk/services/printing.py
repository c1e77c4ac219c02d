"""Printing use cases: which forms apply to a case now, and the PDF of a form's copies (logged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain.approvals import ApprovalStep, step_text
from branchdesk.domain.bounds import ids_ok
from branchdesk.domain.defaults import FORM_CUSTOM_DEFAULT
from branchdesk.domain.intake import custom_text
from branchdesk.domain.money import format_yuan
from branchdesk.domain.opinions import OpinionState
from branchdesk.domain.rewards import RewardStatus
from branchdesk.domain.text import normalize_phone
from branchdesk.domain.vocab import CloseKind, Role, Status
from branchdesk.errors import BranchDeskError, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, LabelOverrides, Text, label, render
from branchdesk.printing.content import FORM_CODES, Copy, PrintableCase, form_custom_keys
from branchdesk.printing.form_spec import APPROVED_PREFIX, FormSpec
from branchdesk.read.case_view import CaseView, ResolutionView
from branchdesk.read.notes import original_of  # issue 14 part D
from branchdesk.read.opinions import OpinionView
from branchdesk.read.prints import PrintRecord, print_records
from branchdesk.read.rewards import record_views
from branchdesk.read.values import Choice, Named, ResolutionStatus, shown_status
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.queries import QueryService
from branchdesk.services.timeline import record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.audit_chain import current_anchor
from branchdesk.storage.models import Case, PrintLog, RewardPenalty

MODES = ("plain", "overlay")


def _check_form_and_mode(forms: dict[str, FormSpec], form: str, mode: str) -> FormSpec:
    """The branch's active form ``form`` (issue 13 "forms": the forms are the config's, not code)."""
    if form not in forms:
        raise FieldError({"form": Text("print.form", {"forms": list(forms)})})
    if mode not in MODES:
        raise FieldError({"mode": Text("print.mode")})
    return forms[form]


def _chosen(spec: FormSpec, copies: Sequence[int] | None) -> tuple[list[Copy], list[Copy]]:
    """The copies asked for (all when None) and the form's whole routing, as the branch sets it."""
    routing = [
        Copy(c.number, c.name, c.colour, c.shows_phone, c.internal)
        for c in sorted(spec.copies, key=lambda c: c.number)
    ]
    wanted = list(copies) if copies else [c.number for c in routing]
    unknown = sorted(set(wanted) - {c.number for c in routing})
    if unknown:
        raise FieldError(
            {
                "copies": Text(
                    "print.copies",
                    {"form": _form_name(spec), "first": routing[0].number, "last": routing[-1].number},
                )
            }
        )
    return [c for c in routing if c.number in wanted], routing


def _form_name(spec: FormSpec) -> Label | str:
    """A shipped form is named in the reader's language; a form the branch added by its own title."""
    return Label("Form", spec.code) if spec.code in FORM_CODES else spec.title


def _printed_before(unit: Unit, case_id: int, form: str) -> bool:
    return (
        unit.session.scalars(
            select(PrintLog.id).where(PrintLog.case_id == case_id, PrintLog.form == form)
        ).first()
        is not None
    )


class PrintService(ServiceBase):
    def __init__(self, door: UnitOfWork, queries: QueryService) -> None:
        super().__init__(door)
        self._queries = queries  # a form prints the same case view the detail window shows

    def forms_for(self, actor: Actor, ref: int | str) -> list[tuple[str, str]]:
        """(form code, title) of the forms that apply to the case in its present state."""
        detail = self._queries.case_detail(actor, ref)
        forms = self.forms(actor)
        with self._door.read(actor) as unit:  # issue 14 part C: the 奖罚通知单 needs an approved record
            reward = has_approved_reward(unit.session, detail.id)
        return [(code, forms[code].title) for code in offered_forms(forms, detail, reward_approved=reward)]

    def forms(self, actor: Actor) -> dict[str, FormSpec]:
        """The branch's active forms, code -> spec, in their order (issue 13 "forms")."""
        with self._door.read(actor) as unit:
            return dict(unit.config.forms)

    def render(
        self,
        actor: Actor,
        ref: int | str,
        form: str,
        *,
        mode: str = "plain",
        copies: Sequence[int] | None = None,
        page: str | None = None,
        offset_mm: tuple[float, float] = (0, 0),
        output: Path | None = None,
        log: bool = True,
        record_id: int | None = None,
    ) -> bytes:
        """The PDF of ``form`` for the case, marked 补打 when printed before, with the audit anchor.

        With ``output`` the PDF is written there first; with ``log`` the print is recorded only
        once the PDF exists (a file that cannot be written is one clear error, and no print).
        The app renders with ``log=False``, prints, and then calls ``record_print``.
        A form that prints a reward/penalty record (the 奖罚通知单: a ``reward.*`` field) needs
        ``record_id``, an approved record of this case (issue 14 part C).
        """
        # Reading only: rendering a long form must not hold the write lock other PCs need.
        with self._door.read(actor) as unit:
            spec = _check_form_and_mode(unit.config.forms, form, mode)
            case = self._case(unit, ref)
            chosen, routing = _chosen(spec, copies)
            if spec.refuses_draft and case.status == Status.DRAFT:
                raise DomainError(Text("print.draft"))
            printable = self._printable(unit, case.id)
            if prints_reward(spec):  # issue 14 part C: the notice prints from one approved record
                printable.data["reward"] = _reward_data(unit, case.id, record_id)
            reprint = _printed_before(unit, case.id, form)
            if mode == "plain":
                from branchdesk.printing.plain import render_plain

                attached = self._attached_original(unit, spec, case.id)  # issue 14 part D
                pdf = render_plain(spec, printable, chosen, len(routing), unit.now, reprint, page, attached)
            else:
                from branchdesk.printing.overlay import render_overlay

                pdf = render_overlay(spec, printable, chosen, len(routing), unit.now, reprint, offset_mm)
            case_id = case.id
        if output is not None:
            try:
                output.parent.mkdir(parents=True, exist_ok=True)
                output.write_bytes(pdf)
            except OSError as exc:
                raise BranchDeskError(
                    Text("print.unwritable", {"file": str(output), "reason": exc.strerror or str(exc)})
                ) from exc
        if log:  # a preview is not a print
            self.record_print(actor, case_id, form, [c.number for c in chosen], mode)
        return pdf

    def record_print(
        self, actor: Actor, ref: int | str, form: str, copies: Sequence[int] | None, mode: str
    ) -> None:
        """Record that ``copies`` of ``form`` were printed (after the printer or the file took them)."""
        with self._unit(actor) as unit:
            spec = _check_form_and_mode(unit.config.forms, form, mode)
            case = self._case(unit, ref)
            chosen, _routing = _chosen(spec, copies)
            numbers = [c.number for c in chosen]
            reprint = _printed_before(unit, case.id, form)
            unit.session.add(
                PrintLog(
                    case_id=case.id,
                    form=form,
                    copies=numbers,
                    mode=mode,
                    reprint=reprint,
                    user_id=unit.user.id,
                    printed_at=unit.now,
                )
            )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="print",
                case_id=case.id,
                text=Text(
                    ("event.reprinted" if reprint else "event.printed")
                    + ("_overlay" if mode == "overlay" else "_plain"),
                    {"form": _form_name(spec), "copies": numbers},
                ),
            )

    # issue 17 part E: the print log, with the copies an intake correction superseded
    def print_log(self, actor: Actor, ref: int | str) -> list[PrintRecord]:
        """Every print of the case (visible to the actor), oldest first."""
        with self._door.read(actor) as unit:
            case = self._case(unit, ref)
            return print_records(unit.session, case.id)

    # --- issue 17 part F: a PDF saved from the print dialog is not a print -------------------------

    def record_saved(
        self, actor: Actor, ref: int | str, form: str, copies: Sequence[int] | None, mode: str
    ) -> None:
        """Note on the timeline that ``copies`` of ``form`` were saved as a PDF file. No ``print_log``
        row: nobody holds a paper copy yet, so the next print is the first one, not a 补打."""
        with self._unit(actor) as unit:
            spec = _check_form_and_mode(unit.config.forms, form, mode)
            case = self._case(unit, ref)
            chosen, _routing = _chosen(spec, copies)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="print.saved",
                case_id=case.id,
                text=Text(
                    "event.saved_pdf", {"form": _form_name(spec), "copies": [c.number for c in chosen]}
                ),
            )

    def copies_of(self, form: str) -> list[tuple[int, str]]:
        """(copy number, destination) of a form, as the branch routes it."""
        with self._db.read() as session:
            from branchdesk.storage.models import FormSpecRow

            row = session.get(FormSpecRow, form)
            spec = FormSpec.from_dict(row.spec) if row is not None else None
            return [(c.number, c.name) for c in sorted(spec.copies, key=lambda c: c.number)] if spec else []

    def calibration(self, offset_mm: tuple[float, float] = (0, 0), paper: str = "241-1") -> bytes:
        from branchdesk.printing.overlay import render_calibration

        return bytes(render_calibration(offset_mm, paper))

    # --- issue 14 part D: a returning complaint prints 附原表 -----------------------------------------

    def _attached_original(
        self, unit: Unit, spec: FormSpec, case_id: int
    ) -> tuple[FormSpec, PrintableCase] | None:
        """The original's same form, attached to a returning complaint's form that prints 附原表, when
        the policy says so (``returning_attach_original_form``) and the person may see the original."""
        if not any(s.when == "original" for s in spec.sections):
            return None
        if not unit.config.setting("returning_attach_original_form"):
            return None
        original = original_of(unit.session, case_id)
        if original is None:
            return None
        try:
            return spec, self._printable(unit, original.id)
        except NotFound:  # a confidential original this person may not see: its number only
            return None

    @staticmethod
    def _original_data(unit: Unit, case_id: int) -> dict[str, str] | None:
        """What 附原表 prints: the original's number, when it was received, how it ended."""
        ref = original_of(unit.session, case_id)
        original = unit.session.get(Case, ref.id) if ref else None
        if original is None:
            return None
        close = CloseKind(original.close_kind) if original.close_kind else None
        status = shown_status(Status(original.status), close)
        return {
            "case_no": original.case_no,
            "received_at": _when(original.received_at),
            "close": label(status, FORM_LANGUAGE, unit.config.label_overrides),
        }

    # --- issue 15 part V: the yearly archive files each case's forms as one PDF --------------------

    def archive_pdf(self, unit: Unit, case_id: int) -> tuple[bytes, list[str]]:
        """Every form the case is offered now (as ``forms_for``), all copies, plain, in one PDF, read in
        the caller's unit (the archive reads the whole year in one snapshot); and the form codes. Not a
        print: nothing is logged (the archive's own event records it)."""
        from branchdesk.printing.plain import render_plain_bundle

        view = self._queries.detail_of(unit, self._case(unit, case_id))
        forms = unit.config.forms
        # A branch whose forms offer nothing for a closed case still files its first form (the brief:
        # "the handling form at least").
        codes = offered_forms(forms, view) or [("handling" if "handling" in forms else next(iter(forms)))]
        printable = self._printable(unit, case_id, view)
        chosen = [(forms[code], _chosen(forms[code], None)[0], printable) for code in codes]
        # The 奖罚通知单 prints one record: filed once per approved record of the case, as each was issued
        # (``offered_forms`` above leaves it out: it offers it only with ``reward_approved``).
        notices = [code for code, spec in forms.items() if prints_reward(spec)]
        if notices:
            approved = unit.session.scalars(
                select(RewardPenalty.id)
                .where(
                    RewardPenalty.case_id == case_id,
                    RewardPenalty.status == RewardStatus.APPROVED.value,
                )
                .order_by(RewardPenalty.id)
            ).all()
            for record_id in approved:
                notice = replace(
                    printable, data={**printable.data, "reward": _reward_data(unit, case_id, record_id)}
                )
                for code in notices:
                    chosen.append((forms[code], _chosen(forms[code], None)[0], notice))
                    codes.append(code)
        return render_plain_bundle(chosen, unit.now), codes

    def _printable(self, unit: Unit, case_id: int, view: CaseView | None = None) -> PrintableCase:
        """The case view rendered as the form's text: vocabulary labels in the form's language."""
        view = view or self._queries.detail_of(unit, self._case(unit, case_id))
        lang = FORM_LANGUAGE
        own = unit.config.label_overrides  # the branch's names for kinds, severities, roles (issue 12)
        intake, triage, deadline = view.intake, view.triage, view.deadlines.due
        validity = triage.validity() if triage else None
        data: dict[str, Any] = {
            "received_at": _when(intake.received_at),
            "channel": _choice(intake.channel),
            "kind": label(intake.kind, lang, own),
            "complainant": intake.complainant_name + _choice(intake.complainant_title),
            "company": intake.company,
            "order_no": intake.order_no,
            "product": intake.product,
            "part_no": intake.part_no,
            "lot_no": intake.lot_no,
            "quantity": intake.quantity,
            "defective_quantity": intake.defective_quantity,
            "delivery_date": intake.delivery_date.isoformat() if intake.delivery_date else "",
            "complained": _join(_name(intake.complained_department), intake.complained_person),
            "recorder": intake.recorder_name,
            "request": _join(
                _choice(intake.request_type),
                format_yuan(intake.request_amount_fen) if intake.request_amount_fen is not None else "",
                intake.request_text,
            ),
            "content": intake.content,
            "phone_normalized": normalize_phone(view.intake_raw.get("phone") or ""),
            "valid": label(validity, lang, own) if validity else "",
            "category": " / ".join(c.label for c in triage.category_path) if triage else "",
            "severity": label(triage.severity, lang, own) if triage and triage.severity else "",
            # The form is Chinese: stored reason codes print as their Chinese labels.
            "major": "是（" + "、".join(label(r, lang, own) for r in view.major_reasons) + "）"
            if view.is_major
            else "否",
            "department": view.department_name,
            "handler": view.handler_name,
            "deadline": _when(deadline),
            "reply_due": f"{deadline:%Y年%m月%d日 %H:%M}" if deadline else "",
        }
        inv = view.investigation
        if inv is not None:
            data["investigation"] = {
                "cause": inv.cause,
                "details": inv.details,
                "conclusion": inv.conclusion,
                "corrective": inv.corrective_action,
                "preventive": inv.preventive_action,
                "measures": "；".join(x for x in (inv.corrective_action, inv.preventive_action) if x),
                "responsibility": label(inv.responsibility, lang, own),
                "track": label(inv.improvement(), lang, own),
                "author": inv.author_name,
                "shares": "、".join(f"{s.department.name} {s.percent}%" for s in inv.shares),
                "responsible": _join(_name(inv.responsible_department), inv.responsible_person),
            }
        approved = [r for r in view.resolutions if r.status is ResolutionStatus.APPROVED] or view.resolutions[
            -1:
        ]
        if approved:
            r = approved[-1]
            data["resolution"] = {
                "type": r.resolution_type.label,
                "amount": format_yuan(r.amount_fen),
                "text": r.text,
                # The frozen chain and the rule that chose it (issue 12 "approvals"), in the branch's names.
                "chain": render(r.chain_text(), lang, own)
                + (f"（{r.approval_rule}）" if r.approval_rule else "")
                + ("" if r.status is ResolutionStatus.APPROVED else "（审批中）"),
                "signatures": [
                    (
                        f"{a.level_order}. {render(_step_of(r, a.level_order, a.level_role), lang, own)}",
                        a.printed_name,
                        label(a.signed_role, lang, own),
                        _when(a.signed_at),
                        a.meaning,
                    )
                    for a in r.approvals
                ],
            }
        if view.replies:
            reply = view.replies[-1]
            data["reply"] = {
                "at": _when(reply.replied_at),
                "method": reply.method.label,
                "by": reply.by_name,
                "accepted": "是" if reply.accepted else "否",
                "content": reply.content,
            }
        if view.follow_ups:
            f = view.follow_ups[-1]
            data["follow_up"] = {
                "at": _when(f.visited_at),
                "method": f.method.label,
                "by": f.visitor_name,
                "solved": "是" if f.solved else "否",
                "satisfaction": f"{f.satisfaction}/5",
                "comments": f.comments,
            }
        if view.opinions:  # issue 14 part A: each department's opinion, one block each (会签)
            data["opinions"] = [_opinion_block(o, own) for o in view.opinions]
        if (original := self._original_data(unit, case_id)) is not None:  # issue 14 part D: 附原表
            data["original"] = original
        settings = unit.config.settings
        # issue 12 "fields": the branch's own fields each form prints (setting ``form_custom_fields``)
        active = [f.key for f in view.custom_fields if f.active]
        by_key = {f.key: f for f in view.custom_fields}
        chosen = settings.get("form_custom_fields") or {}
        custom = {
            code: [
                (by_key[key].label, custom_text(by_key[key].value))
                for key in form_custom_keys(code, active, chosen, FORM_CUSTOM_DEFAULT)
                if key in by_key
            ]
            for code in unit.config.forms
        }
        return PrintableCase(
            branch_fax=str(settings.get("branch_fax", "")),
            branch_postal_code=str(settings.get("branch_postal_code", "")),
            custom=custom,
            custom_fields={key: (f.label, custom_text(f.value)) for key, f in by_key.items()},
            audit_anchor=current_anchor(unit.session),
            case_no=view.case_no,
            branch_name=unit.config.branch_name,
            branch_phone=str(settings.get("branch_phone", "")),
            branch_address=str(settings.get("branch_address", "")),
            phone=view.intake_raw.get("phone") or "",
            data=data,
        )


# --- issue 14 part C: the 奖罚通知单 prints one approved reward/penalty record ---------------------


def prints_reward(spec: FormSpec) -> bool:
    """Whether the form prints a reward/penalty record (any ``reward.*`` field): then it needs one."""
    return any(f.field.startswith("reward.") for s in spec.sections for f in s.fields) or any(
        box.field.startswith("reward.") for box in spec.overlay
    )


def has_approved_reward(session: Session, case_id: int) -> bool:
    return (
        session.scalars(
            select(RewardPenalty.id).where(
                RewardPenalty.case_id == case_id, RewardPenalty.status == RewardStatus.APPROVED.value
            )
        ).first()
        is not None
    )


def _reward_data(unit: Unit, case_id: int, record_id: int | None) -> dict[str, str]:
    """The record's fields as the notice prints them (Chinese, the branch's names for roles)."""
    if record_id is None:
        raise FieldError({"record_id": Text("rewards.print_needs_record")})
    entry = unit.session.get(RewardPenalty, record_id) if ids_ok(record_id) else None
    if entry is None or entry.case_id != case_id:
        raise FieldError({"record_id": Text("rewards.record_not_found")})
    if entry.status != RewardStatus.APPROVED.value:
        raise DomainError(Text("rewards.print_not_approved"))
    view = record_views(
        unit.session,
        [entry],
        viewer_id=unit.user.id,
        roles=unit.actor.roles,
        viewer_department_id=unit.user.department_id,
    )[0]
    if view.masked:  # whoever may not read the amount may not print it either
        raise PermissionDenied(Text("rewards.history_denied"))
    lang, own = FORM_LANGUAGE, unit.config.label_overrides
    points = view.points or 0
    return {
        "no": str(view.id),
        "subject": view.subject_name,
        "department": view.department_name,
        "kind": label(view.kind, lang, own),
        "item": f"{view.scale_code} {view.scale_name}",
        "amount": format_yuan(view.amount_fen or 0),
        "points": f"{points:+d}" if points else "",
        "measure": view.measure,
        "proposer": f"{view.proposer_name} {_when(view.proposed_at)}",
        "reason": view.reason,
        "approvals": "；".join(
            f"{s.order}. {label(s.level_role, lang, own)} {s.name}（{label(s.signed_role, lang, own)}）"
            f" {label(s.decision, lang, own)} {_when(s.at)}"
            for s in view.signatures
        ),
    }


def offered_forms(
    forms: dict[str, FormSpec], detail: CaseView, *, reward_approved: bool = False
) -> list[str]:
    """The codes of the forms that apply to the case in its present state, in the branch's order;
    ``reward_approved``: the case has an approved reward/penalty record (issue 14 part C's notice)."""
    approved = [r for r in detail.resolutions if r.status is ResolutionStatus.APPROVED]
    holds = {
        "registered": detail.status != Status.DRAFT,
        "open_or_closed": detail.status not in (Status.DRAFT, Status.VOID),
        "investigated": detail.investigation is not None,
        "responsibility_shared": bool(detail.investigation and detail.investigation.shares),
    }
    if approved:
        holds[APPROVED_PREFIX + approved[-1].resolution_type.code] = True
    holds["reward_approved"] = reward_approved
    # issue 13 "forms": each form says what offers it (``offered_by``: all of them must hold)
    return [
        code
        for code, spec in forms.items()
        if spec.offered_by and all(holds.get(condition, False) for condition in spec.offered_by)
    ]


def _step_of(resolution: ResolutionView, order: int, role: Role) -> Text:
    """The step a signature was given at, as the chain names it (a signature row's own role otherwise)."""
    if 0 < order <= len(resolution.steps):
        return step_text(resolution.steps[order - 1])
    return step_text(ApprovalStep(role))


#: Forms print in Chinese: they are filed and signed on paper in the branch.
FORM_LANGUAGE = "zh_CN"


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _choice(value: Choice | None) -> str:
    return value.label if value else ""


def _name(value: Named | None) -> str:
    return value.name if value else ""


def _join(*parts: str) -> str:
    return " ".join(x for x in parts if x)


# --- issue 14 part A: opinions from several departments (会签) ---------------------------------------
def _opinion_block(opinion: OpinionView, own: LabelOverrides) -> dict[str, str]:
    """One department's block as the form prints it (``printing/content.OpinionBlock``), in Chinese."""
    if opinion.state is OpinionState.GIVEN:
        role = label(opinion.signer_role, FORM_LANGUAGE, own) if opinion.signer_role else ""
        return {
            "department": opinion.department,
            "opinion": opinion.opinion,
            "share": f"{opinion.share_percent}%" if opinion.share_percent is not None else "",
            "signer": f"{opinion.signer}（{role}）" if role else opinion.signer,
            "at": _when(opinion.given_at),
        }
    if opinion.state is OpinionState.WAIVED:
        text = f"未等待会签意见：{opinion.waive_reason}"
        at = _when(opinion.waived_at)
        return {"department": opinion.department, "opinion": text, "share": "", "signer": "", "at": at}
    text = f"待回复（{_when(opinion.due_at)} 前）"
    return {"department": opinion.department, "opinion": text, "share": "", "signer": "", "at": ""}
