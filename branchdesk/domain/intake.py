"""What a complaint intake must contain, and how typed input becomes clean data (domain §2).

``validate_intake`` collects every problem at once as field → Chinese message,
so the form can mark each field; a draft is checked for format only, a
submission also for what is required.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from branchdesk.domain.money import parse_yuan
from branchdesk.domain.text import clean_text, is_valid_email, normalize_phone, utf16_length
from branchdesk.domain.vocab import Kind
from branchdesk.errors import FieldError

#: Length limits in UTF-16 units (as Qt counts), shared with the UI and print.
LIMITS: dict[str, int] = {
    "complainant_name": 50,
    "complainant_title": 10,
    "phone": 30,
    "address": 200,
    "email": 100,
    "company": 100,
    "product": 100,
    "order_no": 50,
    "part_no": 50,
    "lot_no": 50,
    "quantity": 30,
    "defective_quantity": 30,
    "vehicle_model": 50,
    "plate": 20,
    "complained_person": 50,
    "content": 5000,
    "request_text": 2000,
}

FIELD_LABELS: dict[str, str] = {
    "received_at": "受理时间",
    "channel": "投诉渠道",
    "kind": "性质",
    "complainant_name": "投诉人姓名",
    "complainant_title": "称呼",
    "phone": "联系电话",
    "address": "地址",
    "email": "电子邮件",
    "company": "单位/客户名称",
    "customer_type": "客户类型",
    "is_foreign": "国内/国外",
    "product": "产品或服务",
    "order_no": "订单编号",
    "part_no": "料号/型号",
    "lot_no": "批号",
    "quantity": "数量",
    "defective_quantity": "不良数量",
    "delivery_date": "交运日期",
    "vehicle_model": "车型",
    "plate": "车牌",
    "occurred_at": "事件发生时间",
    "complained_department_id": "被投诉部门",
    "complained_user_id": "被投诉人",
    "complained_person": "被投诉人",
    "content": "投诉内容",
    "request_type": "客户要求",
    "request_amount": "要求金额",
    "request_text": "要求说明",
    "complainant_count": "投诉人数",
    "contact": "联系方式",
}

UNKNOWN_QUANTITY = "客户加工中未确定"


@dataclass(frozen=True)
class CustomFieldDef:
    key: str
    label: str
    type: str  # text | number | date | choice
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass
class IntakeForm:
    """What the intake form collects, as typed (strings where a person types)."""

    received_at: datetime | None = None
    channel: str = ""
    kind: str = Kind.COMPLAINT.value
    complainant_name: str = ""
    complainant_title: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
    company: str = ""
    customer_type: str = ""
    is_foreign: bool = False
    product: str = ""
    order_no: str = ""
    part_no: str = ""
    lot_no: str = ""
    quantity: str = ""
    defective_quantity: str = ""
    delivery_date: date | None = None
    vehicle_model: str = ""
    plate: str = ""
    occurred_at: datetime | None = None
    complained_department_id: int | None = None
    complained_user_id: int | None = None
    complained_person: str = ""
    content: str = ""
    request_type: str = ""
    request_amount: str = ""
    request_text: str = ""
    complainant_count: int = 1
    personal_injury: bool = False
    lawsuit_threatened: bool = False
    media_involved: bool = False
    external_body: bool = False
    repeat_of_case_no: str = ""
    custom: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CleanIntake:
    values: dict[str, Any]  # column name -> clean value, ready to store
    phone_normalized: str
    request_amount_fen: int | None
    custom: dict[str, Any]


def validate_intake(
    form: IntakeForm,
    *,
    final: bool,
    now: datetime,
    channels: Sequence[str],
    request_types: Sequence[str],
    customer_types: Sequence[str],
    custom_fields: Sequence[CustomFieldDef] = (),
) -> CleanIntake:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}

    for name, limit in LIMITS.items():
        text = clean_text(getattr(form, name))
        if utf16_length(text) > limit:
            errors[name] = f"{FIELD_LABELS[name]}最多 {limit} 个字，现有 {utf16_length(text)} 个"
        values[name] = text

    phone = ""
    try:
        phone = normalize_phone(form.phone)
    except ValueError:
        errors["phone"] = "电话号码只能包含数字、空格、“-”和开头的“+”，至少 5 位"
    if values["email"] and not is_valid_email(values["email"]):
        errors["email"] = "电子邮件格式不正确，例如 name@example.com"

    received_at = form.received_at or now
    if received_at > now.replace(second=59, microsecond=999999):
        errors["received_at"] = "受理时间不能晚于现在"
    values["received_at"] = received_at.replace(microsecond=0)
    if form.occurred_at and form.occurred_at > received_at:
        errors["occurred_at"] = "事件发生时间不能晚于受理时间"
    values["occurred_at"] = form.occurred_at
    values["delivery_date"] = form.delivery_date

    try:
        kind = Kind(form.kind)
    except ValueError:
        errors["kind"] = "请选择性质：咨询、建议、投诉或表扬"
        kind = Kind.COMPLAINT
    values["kind"] = kind.value

    for name, allowed in (
        ("channel", channels),
        ("request_type", request_types),
        ("customer_type", customer_types),
    ):
        code = clean_text(getattr(form, name))
        if code and code not in allowed:
            errors[name] = f"{FIELD_LABELS[name]}不在可选列表中"
        values[name] = code or None

    amount: int | None = None
    if clean_text(form.request_amount):
        try:
            amount = parse_yuan(form.request_amount, "request_amount")
        except FieldError as exc:
            errors.update(exc.errors)

    if form.complainant_count < 1:
        errors["complainant_count"] = "投诉人数至少为 1"
    for name in (
        "is_foreign",
        "personal_injury",
        "lawsuit_threatened",
        "media_involved",
        "external_body",
        "complainant_count",
        "complained_department_id",
        "complained_user_id",
    ):
        values[name] = getattr(form, name)

    custom: dict[str, Any] = {}
    for definition in custom_fields:
        raw = form.custom.get(definition.key)
        problem, clean = _check_custom(definition, raw)
        if problem:
            errors[f"custom.{definition.key}"] = problem
        elif clean not in (None, ""):
            custom[definition.key] = clean
        elif final and definition.required:
            errors[f"custom.{definition.key}"] = f"请填写{definition.label}"

    if final:
        if not values["channel"]:
            errors["channel"] = "请选择投诉渠道"
        if not values["complainant_name"]:
            errors["complainant_name"] = "请填写投诉人姓名"
        if not (phone or values["address"] or values["email"]) and "phone" not in errors:
            errors["phone"] = "请至少留下一种联系方式：电话、地址或电子邮件"
        if not values["content"]:
            errors["content"] = "请填写投诉内容"
        if not values["request_type"] and kind is Kind.COMPLAINT:
            errors["request_type"] = "请选择客户要求"

    if errors:
        raise FieldError(_in_form_order(errors))
    return CleanIntake(values=values, phone_normalized=phone, request_amount_fen=amount, custom=custom)


def _check_custom(definition: CustomFieldDef, raw: Any) -> tuple[str | None, Any]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if definition.type == "number":
        try:
            number = float(str(raw).strip()) if not isinstance(raw, int | float) else float(raw)
        except ValueError:
            return f"{definition.label}须为数字", None
        if number != number or number in (float("inf"), float("-inf")):
            return f"{definition.label}须为数字", None
        return None, number
    if definition.type == "date":
        if isinstance(raw, date):
            return None, raw.isoformat()
        try:
            return None, date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            return f"{definition.label}须为日期，如 2026-11-24", None
    if definition.type == "choice":
        if str(raw) not in definition.choices:
            return f"{definition.label}请从列表中选择", None
        return None, str(raw)
    text = clean_text(str(raw))
    if utf16_length(text) > 500:
        return f"{definition.label}最多 500 个字", None
    return None, text


def _in_form_order(errors: Mapping[str, str]) -> dict[str, str]:
    order = list(FIELD_LABELS)
    return dict(
        sorted(errors.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    )
