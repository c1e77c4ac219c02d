"""Printing use cases: which forms apply to a case now, and the PDF of a form's copies (logged)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from branchdesk.domain.money import format_yuan
from branchdesk.domain.severity import major_reason_label
from branchdesk.domain.text import normalize_phone
from branchdesk.domain.vocab import Role, Status
from branchdesk.errors import DomainError, FieldError
from branchdesk.i18n import Label, Text, label
from branchdesk.printing.content import FORM_CODES, Copy, PrintableCase, title
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.queries import QueryService
from branchdesk.services.timeline import record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.models import FormCopy, PrintLog

MODES = ("plain", "overlay")


class PrintService(ServiceBase):
    def __init__(self, door: UnitOfWork, queries: QueryService) -> None:
        super().__init__(door)
        self._queries = queries  # a form prints the same case view the detail window shows

    def forms_for(self, actor: Actor, ref: int | str) -> list[tuple[str, str]]:
        """(form code, title) of the forms that apply to the case in its present state."""
        detail = self._queries.case_detail(actor, ref)
        forms = []
        if detail.status != Status.DRAFT:
            forms.append("receipt")
        if detail.status not in (Status.DRAFT, Status.VOID):
            forms.append("handling")
        approved = [r for r in detail.resolutions if r.status == "approved"]
        if approved and approved[-1].resolution_type == "allowance":
            forms.append("allowance")
        if approved and approved[-1].resolution_type == "return":
            forms.append("return")
        if detail.investigation:
            forms.append("report")
            if detail.investigation.get("责任比率"):
                forms.append("penalty")
        return [(code, title(code)) for code in FORM_CODES if code in forms]

    def render(
        self,
        actor: Actor | None,
        ref: int | str,
        form: str,
        *,
        mode: str = "plain",
        copies: Sequence[int] | None = None,
        page: str | None = None,
        offset_mm: tuple[float, float] = (0, 0),
        output: Path | None = None,
        log: bool = True,
    ) -> bytes:
        """The PDF of ``form`` for the case; logged, and marked 补打 when printed before."""
        if form not in FORM_CODES:
            raise FieldError({"form": Text("print.form", {"forms": list(FORM_CODES)})})
        if mode not in MODES:
            raise FieldError({"mode": Text("print.mode")})
        actor = actor or self._first_admin()
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            routing = [
                Copy(c.copy_no, c.destination, c.colour, c.shows_phone, c.internal)
                for c in unit.session.scalars(
                    select(FormCopy).where(FormCopy.form == form).order_by(FormCopy.copy_no)
                )
            ]
            wanted = list(copies) if copies else [c.number for c in routing]
            unknown = sorted(set(wanted) - {c.number for c in routing})
            if unknown:
                raise FieldError(
                    {
                        "copies": Text(
                            "print.copies",
                            {
                                "form": Label("Form", form),
                                "first": routing[0].number,
                                "last": routing[-1].number,
                            },
                        )
                    }
                )
            chosen = [c for c in routing if c.number in wanted]
            if (
                form in ("allowance", "return", "penalty", "report", "handling")
                and case.status == Status.DRAFT
            ):
                raise DomainError(Text("print.draft"))
            printable = self._printable(unit, case.id)
            reprint = (
                unit.session.scalars(
                    select(PrintLog.id).where(PrintLog.case_id == case.id, PrintLog.form == form)
                ).first()
                is not None
            )
            if mode == "plain":
                from branchdesk.printing.plain import render_plain

                pdf = render_plain(form, printable, chosen, len(routing), unit.now, reprint, page)
            else:
                from branchdesk.printing.overlay import render_overlay

                pdf = render_overlay(form, printable, chosen, len(routing), unit.now, reprint, offset_mm)
            if log:  # a preview is not a print
                unit.session.add(
                    PrintLog(
                        case_id=case.id,
                        form=form,
                        copies=[c.number for c in chosen],
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
                        {"form": Label("Form", form), "copies": [c.number for c in chosen]},
                    ),
                )
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(pdf)
        return pdf

    def copies_of(self, form: str) -> list[tuple[int, str]]:
        """(copy number, destination) of a form, as the branch routes it."""
        with self._db.read() as session:
            return [
                (c.copy_no, c.destination)
                for c in session.scalars(
                    select(FormCopy).where(FormCopy.form == form).order_by(FormCopy.copy_no)
                )
            ]

    def calibration(self, offset_mm: tuple[float, float] = (0, 0), paper: str = "241-1") -> bytes:
        from branchdesk.printing.overlay import render_calibration

        return bytes(render_calibration(offset_mm, paper))

    def _first_admin(self) -> Actor:
        from branchdesk.services.auth import actor_of
        from branchdesk.storage.models import User, UserRole

        with self._db.read() as session:
            user = session.scalars(
                select(User)
                .join(UserRole)
                .where(UserRole.role.in_([Role.CR_MANAGER.value, Role.GM.value]))
                .order_by(User.id)
            ).first()
            if user is None:
                raise DomainError(Text("print.no_signer"))
            return actor_of(user)

    def _printable(self, unit: Unit, case_id: int) -> PrintableCase:
        detail = self._queries.detail_of(unit, self._case(unit, case_id))
        raw, intake, triage = detail.intake_raw, detail.intake, detail.triage
        data: dict[str, Any] = {
            "received_at": intake["受理时间"],
            "channel": intake["投诉渠道"],
            "kind": intake["性质"],
            "complainant": intake["投诉人"],
            "company": intake["单位/客户名称"],
            "order_no": intake["订单编号"],
            "product": intake["产品或服务"],
            "part_no": intake["料号/型号"],
            "lot_no": intake["批号"],
            "quantity": intake["数量"],
            "defective_quantity": intake["不良数量"],
            "delivery_date": intake["交运日期"],
            "complained": " ".join(x for x in (intake["被投诉部门"], intake["被投诉人"]) if x),
            "recorder": detail.recorder_name,
            "request": " ".join(x for x in (intake["客户要求"], intake["要求金额"], intake["要求说明"]) if x),
            "content": intake["投诉内容"],
            "phone_normalized": normalize_phone(raw.get("phone") or ""),
            "valid": triage["有效性"],
            "category": triage["投诉类别"],
            "severity": triage["等级"],
            # The form is Chinese: stored reason codes print as their Chinese labels.
            "major": "是（" + "、".join(label(major_reason_label(r)) for r in detail.major_reasons) + "）"
            if detail.is_major
            else "否",
            "department": detail.department_name,
            "handler": detail.handler_name,
            "deadline": f"{detail.deadline_at:%Y-%m-%d %H:%M}" if detail.deadline_at else "",
            "reply_due": f"{detail.deadline_at:%Y年%m月%d日 %H:%M}" if detail.deadline_at else "",
        }
        if detail.investigation:
            inv = detail.investigation
            data["investigation"] = {
                "cause": inv["发生原因"],
                "details": inv["具体经过"],
                "conclusion": inv["调查结论"],
                "corrective": inv["纠正措施"],
                "preventive": inv["预防措施"],
                "measures": "；".join(x for x in (inv["纠正措施"], inv["预防措施"]) if x),
                "responsibility": inv["责任归属"],
                "track": inv["改善追踪"],
                "author": inv["填写人"],
                "shares": "、".join(f"{name} {pct}%" for name, pct in inv["责任比率"]),
                "responsible": " ".join(x for x in (inv["责任部门"], inv["责任人"]) if x),
            }
        approved = [r for r in detail.resolutions if r.status == "approved"] or detail.resolutions[-1:]
        if approved:
            r = approved[-1]
            data["resolution"] = {
                "type": r.resolution_label,
                "amount": format_yuan(r.amount_fen),
                "text": r.text,
                "chain": " → ".join(r.required_role_labels)
                + ("" if r.status == "approved" else "（审批中）"),
                "signatures": [
                    (
                        f"{a.level_role_label}级",
                        a.printed_name,
                        a.signed_role_label,
                        f"{a.signed_at:%Y-%m-%d %H:%M}",
                        a.meaning,
                    )
                    for a in r.approvals
                ],
            }
        if detail.replies:
            reply = detail.replies[-1]
            data["reply"] = {
                "at": f"{reply['时间']:%Y-%m-%d %H:%M}",
                "method": reply["方式"],
                "by": reply["答复人"],
                "accepted": "是" if reply["客户接受"] else "否",
                "content": reply["内容"],
            }
        if detail.follow_ups:
            f = detail.follow_ups[-1]
            data["follow_up"] = {
                "at": f"{f['时间']:%Y-%m-%d %H:%M}",
                "method": f["方式"],
                "by": f["回访人"],
                "solved": "是" if f["问题解决"] else "否",
                "satisfaction": f"{f['满意度']}/5",
                "comments": f["意见"],
            }
        settings = unit.config.settings
        return PrintableCase(
            case_no=detail.case_no,
            branch_name=unit.config.branch_name,
            branch_phone=str(settings.get("branch_phone", "")),
            branch_address=str(settings.get("branch_address", "")),
            phone=raw.get("phone") or "",
            data=data,
        )
