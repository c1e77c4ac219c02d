"""What a complaint intake must contain, and how typed input becomes clean data (domain §2).

``validate_intake`` collects every problem at once as field → text (a code),
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
from branchdesk.i18n import Label, Text, label

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

#: The intake fields in form order (errors are reported in this order).
INTAKE_FIELDS: tuple[str, ...] = (
    "received_at",
    "channel",
    "kind",
    "complainant_name",
    "complainant_title",
    "phone",
    "address",
    "email",
    "company",
    "customer_type",
    "is_foreign",
    "product",
    "order_no",
    "part_no",
    "lot_no",
    "quantity",
    "defective_quantity",
    "delivery_date",
    "vehicle_model",
    "plate",
    "occurred_at",
    "complained_department_id",
    "complained_user_id",
    "complained_person",
    "content",
    "request_type",
    "request_amount",
    "request_text",
    "complainant_count",
    "contact",
)

#: Chinese field names (kept for older readers); the labels in both languages are ``LABELS["Field"]``.
FIELD_LABELS: dict[str, str] = {name: label(Label("Field", name)) for name in INTAKE_FIELDS}

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
    errors: dict[str, Text] = {}
    values: dict[str, Any] = {}

    for name, limit in LIMITS.items():
        text = clean_text(getattr(form, name))
        if utf16_length(text) > limit:
            errors[name] = Text(
                "intake.too_long",
                {"field": Label("Field", name), "limit": limit, "length": utf16_length(text)},
            )
        values[name] = text

    phone = ""
    try:
        phone = normalize_phone(form.phone)
    except ValueError:
        errors["phone"] = Text("intake.phone_format")
    if values["email"] and not is_valid_email(values["email"]):
        errors["email"] = Text("intake.email_format")

    received_at = form.received_at or now
    if received_at > now.replace(second=59, microsecond=999999):
        errors["received_at"] = Text("intake.received_in_future")
    values["received_at"] = received_at.replace(microsecond=0)
    if form.occurred_at and form.occurred_at > received_at:
        errors["occurred_at"] = Text("intake.occurred_after_received")
    values["occurred_at"] = form.occurred_at
    values["delivery_date"] = form.delivery_date

    try:
        kind = Kind(form.kind)
    except ValueError:
        errors["kind"] = Text("intake.kind")
        kind = Kind.COMPLAINT
    values["kind"] = kind.value

    for name, allowed in (
        ("channel", channels),
        ("request_type", request_types),
        ("customer_type", customer_types),
    ):
        code = clean_text(getattr(form, name))
        if code and code not in allowed:
            errors[name] = Text("intake.not_in_list", {"field": Label("Field", name)})
        values[name] = code or None

    amount: int | None = None
    if clean_text(form.request_amount):
        try:
            amount = parse_yuan(form.request_amount, "request_amount")
        except FieldError as exc:
            errors.update(exc.texts)

    if form.complainant_count < 1:
        errors["complainant_count"] = Text("intake.complainant_count")
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
            errors[f"custom.{definition.key}"] = Text("field.required", {"field": definition.label})

    if final:
        if not values["channel"]:
            errors["channel"] = Text("field.choose", {"field": Label("Field", "channel")})
        if not values["complainant_name"]:
            errors["complainant_name"] = Text("field.required", {"field": Label("Field", "complainant_name")})
        if not (phone or values["address"] or values["email"]) and "phone" not in errors:
            errors["phone"] = Text("intake.contact_required")
        if not values["content"]:
            errors["content"] = Text("field.required", {"field": Label("Field", "content")})
        if not values["request_type"] and kind is Kind.COMPLAINT:
            errors["request_type"] = Text("field.choose", {"field": Label("Field", "request_type")})

    if errors:
        raise FieldError(_in_form_order(errors))
    return CleanIntake(values=values, phone_normalized=phone, request_amount_fen=amount, custom=custom)


def _check_custom(definition: CustomFieldDef, raw: Any) -> tuple[Text | None, Any]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if definition.type == "number":
        try:
            number = float(str(raw).strip()) if not isinstance(raw, int | float) else float(raw)
        except ValueError:
            return Text("custom.number", {"field": definition.label}), None
        if number != number or number in (float("inf"), float("-inf")):
            return Text("custom.number", {"field": definition.label}), None
        return None, number
    if definition.type == "date":
        if isinstance(raw, date):
            return None, raw.isoformat()
        try:
            return None, date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            return Text("custom.date", {"field": definition.label}), None
    if definition.type == "choice":
        if str(raw) not in definition.choices:
            return Text("custom.choice", {"field": definition.label}), None
        return None, str(raw)
    text = clean_text(str(raw))
    if utf16_length(text) > 500:
        return Text("field.max_length", {"field": definition.label, "limit": 500}), None
    return None, text


def _in_form_order(errors: Mapping[str, Text]) -> dict[str, Text | str]:
    order = list(INTAKE_FIELDS)
    return dict(
        sorted(errors.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    )
