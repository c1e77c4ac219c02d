"""What each form says: sections of (label, value) facts and long texts, from one case's data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from branchdesk.domain.defaults import FORM_TITLES
from branchdesk.domain.text import mask_phone

FORM_CODES = ("receipt", "handling", "allowance", "return", "penalty", "report")


@dataclass(frozen=True)
class Copy:
    number: int
    destination: str
    colour: str
    shows_phone: bool
    internal: bool


@dataclass
class Section:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # short label/value pairs, in a grid
    texts: list[tuple[str, str]] = field(default_factory=list)  # long texts that may run over pages
    signatures: list[tuple[str, str, str, str, str]] = field(
        default_factory=list
    )  # level, name, role, time, meaning
    #: The branch's own fields (issue 12): printed in plain mode only — the pre-printed carbon sets
    #: have no boxes for them, and their labels must not take the place of a box's value.
    custom: bool = False


@dataclass
class PrintableCase:
    """Everything a form may print about one case (phones unmasked; masking is per copy)."""

    case_no: str
    branch_name: str
    branch_phone: str
    branch_address: str
    phone: str
    data: dict[str, Any]  # see services/printing.py for the keys
    audit_anchor: str = ""  # the audit chain head when the form was made (``audit verify --anchor``)
    # --- issue 12 "fields" ---
    branch_fax: str = ""
    branch_postal_code: str = ""
    #: form -> the branch's own fields it prints, (label, value) in order (``form_custom_fields``)
    custom: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


CUSTOM_SECTION = "补充信息"


def branch_line(case: PrintableCase) -> str:
    """The branch's address and numbers in one line (a form's foot); empty when none is set."""
    parts = [
        case.branch_address,
        f"邮编 {case.branch_postal_code}" if case.branch_postal_code else "",
        f"电话 {case.branch_phone}" if case.branch_phone else "",
        f"传真 {case.branch_fax}" if case.branch_fax else "",
    ]
    return "  ".join(p for p in parts if p)


def form_custom_keys(
    form: str, active: Sequence[str], setting: Mapping[str, Sequence[str]], default_forms: Sequence[str]
) -> list[str]:
    """The custom field keys ``form`` prints: those the setting names for it, else every active field
    on the forms that print them by default, else none."""
    if form in setting:
        return list(setting[form])
    return list(active) if form in default_forms else []


def anchor_text(case: PrintableCase) -> str:
    """「审计链 123-ab12cd34ef56」, printed small beside the print time; empty without an anchor."""
    return f"审计链 {case.audit_anchor}" if case.audit_anchor else ""


def sections(form: str, case: PrintableCase, copy: Copy) -> list[Section]:
    result = _sections(form, case, copy)
    rows = case.custom.get(form)
    if rows:  # after the first section: with the intake facts they belong to
        result.insert(1, Section(CUSTOM_SECTION, facts=list(rows), custom=True))
    return result


def _sections(form: str, case: PrintableCase, copy: Copy) -> list[Section]:
    d = case.data
    phone = case.phone if copy.shows_phone else mask_phone(d.get("phone_normalized") or case.phone)
    if form == "receipt":
        return [
            Section(
                "受理信息",
                facts=[
                    ("受理编号", case.case_no),
                    ("受理时间", d["received_at"]),
                    ("投诉人", d["complainant"]),
                    ("联系电话", phone),
                    ("受理人", d["recorder"]),
                    ("投诉渠道", d["channel"]),
                ],
                texts=[("投诉内容", d["content"]), ("您的要求", d["request"])],
            ),
            Section(
                "答复承诺",
                facts=[
                    ("最迟答复日期", d["reply_due"]),
                    ("网点联系电话", case.branch_phone or "—"),
                    ("网点地址", case.branch_address or "—"),
                    *([("邮政编码", case.branch_postal_code)] if case.branch_postal_code else []),
                    *([("传真", case.branch_fax)] if case.branch_fax else []),
                ],
                texts=[
                    (
                        "说明",
                        "我们将在上述日期前答复您。请保留本回执，查询时请告知受理编号。感谢您的理解与支持。",
                    )
                ],
            ),
        ]
    if form == "handling":
        result = [
            Section(
                "受理",
                facts=[
                    ("受理时间", d["received_at"]),
                    ("投诉渠道", d["channel"]),
                    ("性质", d["kind"]),
                    ("投诉人", d["complainant"]),
                    ("联系电话", phone),
                    ("单位/客户", d["company"]),
                    ("订单编号", d["order_no"]),
                    ("产品或服务", d["product"]),
                    ("料号/型号", d["part_no"]),
                    ("批号", d["lot_no"]),
                    ("数量", d["quantity"]),
                    ("不良数量", d["defective_quantity"]),
                    ("交运日期", d["delivery_date"]),
                    ("被投诉部门/人", d["complained"]),
                    ("受理人", d["recorder"]),
                    ("客户要求", d["request"]),
                ],
                texts=[("投诉内容", d["content"])],
            ),
            Section(
                "分诊",
                facts=[
                    ("有效性", d["valid"]),
                    ("类别", d["category"]),
                    ("等级", d["severity"]),
                    ("重大投诉", d["major"]),
                    ("责任部门", d["department"]),
                    ("处理责任人", d["handler"]),
                    ("处理期限", d["deadline"]),
                ],
            ),
        ]
        if d.get("investigation"):
            inv = d["investigation"]
            result.append(
                Section(
                    "调查",
                    facts=[
                        ("责任归属", inv["responsibility"]),
                        ("责任比率", inv["shares"]),
                        ("责任部门/人", inv["responsible"]),
                    ],
                    texts=[
                        ("发生原因", inv["cause"]),
                        ("具体经过", inv["details"]),
                        ("调查结论", inv["conclusion"]),
                        ("纠正预防措施", inv["measures"]),
                    ],
                )
            )
        if d.get("resolution"):
            res = d["resolution"]
            result.append(
                Section(
                    "处理方案与核决",
                    facts=[("处理方式", res["type"]), ("金额", res["amount"]), ("审批层级", res["chain"])],
                    texts=[("方案说明", res["text"])],
                    signatures=res["signatures"],
                )
            )
        if d.get("reply"):
            result.append(
                Section(
                    "答复客户",
                    facts=[
                        ("时间", d["reply"]["at"]),
                        ("方式", d["reply"]["method"]),
                        ("答复人", d["reply"]["by"]),
                        ("客户接受", d["reply"]["accepted"]),
                    ],
                    texts=[("答复内容", d["reply"]["content"])],
                )
            )
        if d.get("follow_up"):
            f = d["follow_up"]
            result.append(
                Section(
                    "回访",
                    facts=[
                        ("时间", f["at"]),
                        ("方式", f["method"]),
                        ("回访人", f["by"]),
                        ("问题解决", f["solved"]),
                        ("满意度", f["satisfaction"]),
                    ],
                    texts=[("客户意见", f["comments"])],
                )
            )
        return result
    res = d.get("resolution") or {}
    if form == "allowance":
        return [
            Section(
                "折让",
                facts=[
                    ("客户", d["complainant"]),
                    ("单位", d["company"]),
                    ("订单编号", d["order_no"]),
                    ("产品", d["product"]),
                    ("折让金额", res.get("amount", "")),
                    ("核准", res.get("chain", "")),
                ],
                texts=[("折让原因", res.get("text") or d["content"])],
                signatures=res.get("signatures", []),
            )
        ]
    if form == "return":
        return [
            Section(
                "退货",
                facts=[
                    ("客户", d["complainant"]),
                    ("单位", d["company"]),
                    ("订单编号", d["order_no"]),
                    ("产品", d["product"]),
                    ("料号/型号", d["part_no"]),
                    ("批号", d["lot_no"]),
                    ("数量", d["quantity"]),
                    ("不良数量", d["defective_quantity"]),
                    ("金额", res.get("amount", "")),
                ],
                texts=[("退货原因", res.get("text") or d["content"])],
                signatures=res.get("signatures", []),
            )
        ]
    inv = d.get("investigation") or {}
    if form == "penalty":
        return [
            Section(
                "奖罚",
                facts=[
                    ("责任部门/人", inv.get("responsible", "")),
                    ("责任归属", inv.get("responsibility", "")),
                    ("责任比率", inv.get("shares", "")),
                    ("涉及金额", res.get("amount", "")),
                ],
                texts=[
                    ("事由", inv.get("cause", "")),
                    ("调查结论", inv.get("conclusion", "")),
                    ("纠正预防措施", inv.get("measures", "")),
                    ("奖罚意见", ""),
                ],
            )
        ]
    if form == "report":
        return [
            Section(
                "投诉调查报告",
                facts=[
                    ("客户", d["complainant"]),
                    ("受理时间", d["received_at"]),
                    ("类别", d["category"]),
                    ("责任部门/人", inv.get("responsible", "")),
                    ("责任归属", inv.get("responsibility", "")),
                    ("责任比率", inv.get("shares", "")),
                    ("改善追踪", inv.get("track", "")),
                    ("调查人", inv.get("author", "")),
                ],
                texts=[
                    ("投诉内容", d["content"]),
                    ("发生原因", inv.get("cause", "")),
                    ("具体经过", inv.get("details", "")),
                    ("调查结论", inv.get("conclusion", "")),
                    ("纠正措施", inv.get("corrective", "")),
                    ("预防措施", inv.get("preventive", "")),
                ],
            )
        ]
    raise ValueError(form)


def title(form: str) -> str:
    return FORM_TITLES[form]
