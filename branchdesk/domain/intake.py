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

from branchdesk.domain.bounds import FIRST_DAY, LAST_DAY, ids_ok, in_range
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
    money_ceiling_fen: int | None = None,
) -> CleanIntake:
    errors: dict[str, Text] = dict(check_bounds(form))
    values: dict[str, Any] = {}

    for name in LIMITS:
        raw = getattr(form, name)
        values[name] = "" if name in errors else clean_text(raw)

    phone = ""
    if "phone" not in errors:
        try:
            phone = normalize_phone(values["phone"])
        except ValueError:
            errors["phone"] = Text("intake.phone_format")
    if values["email"] and "email" not in errors and not is_valid_email(values["email"]):
        errors["email"] = Text("intake.email_format")

    received_at = form.received_at if "received_at" not in errors and form.received_at else now
    if received_at > now.replace(second=59, microsecond=999999):
        errors["received_at"] = Text("intake.received_in_future")
    values["received_at"] = received_at.replace(microsecond=0)
    occurred_at = form.occurred_at if "occurred_at" not in errors else None
    if occurred_at and occurred_at > received_at:
        errors["occurred_at"] = Text("intake.occurred_after_received")
    values["occurred_at"] = occurred_at
    delivery = form.delivery_date if "delivery_date" not in errors else None
    values["delivery_date"] = delivery.date() if isinstance(delivery, datetime) else delivery

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
        code = "" if name in errors else clean_text(getattr(form, name))
        if code and code not in allowed:
            errors[name] = Text("intake.not_in_list", {"field": Label("Field", name)})
        values[name] = code or None

    amount: int | None = None
    if "request_amount" not in errors and clean_text(form.request_amount):
        try:
            amount = parse_yuan(form.request_amount, "request_amount", money_ceiling_fen)
        except FieldError as exc:
            errors.update(exc.texts)

    if "complainant_count" not in errors and form.complainant_count < 1:
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
    for name in ("is_foreign", "personal_injury", "lawsuit_threatened", "media_involved", "external_body"):
        values[name] = bool(values[name])

    custom, custom_errors = check_custom_values(custom_fields, form.custom, final=final)
    errors.update(custom_errors)

    if final:
        if not values["channel"]:
            errors.setdefault("channel", Text("field.choose", {"field": Label("Field", "channel")}))
        if not values["complainant_name"]:
            errors.setdefault(
                "complainant_name", Text("field.required", {"field": Label("Field", "complainant_name")})
            )
        if not (phone or values["address"] or values["email"]) and not errors.keys() & {
            "phone",
            "address",
            "email",
        }:
            errors.setdefault("phone", Text("intake.contact_required"))
        if not values["content"]:
            errors.setdefault("content", Text("field.required", {"field": Label("Field", "content")}))
        if not values["request_type"] and kind is Kind.COMPLAINT:
            errors.setdefault("request_type", Text("field.choose", {"field": Label("Field", "request_type")}))

    if errors:
        raise FieldError(_in_form_order(errors))
    return CleanIntake(values=values, phone_normalized=phone, request_amount_fen=amount, custom=custom)


def check_custom_values(
    custom_fields: Sequence[CustomFieldDef], given: Any, *, final: bool
) -> tuple[dict[str, Any], dict[str, Text]]:
    """The clean values of ``custom_fields`` from ``given`` (key -> as typed) and the problems, under
    ``custom.<key>``: the one rule for intake and for editing the values later (issue 12)."""
    custom: dict[str, Any] = {}
    errors: dict[str, Text] = {}
    given = given if isinstance(given, Mapping) else {}
    for definition in custom_fields:
        raw = given.get(definition.key)
        problem, clean = _check_custom(definition, raw)
        if problem:
            errors[f"custom.{definition.key}"] = problem
        elif clean not in (None, ""):
            custom[definition.key] = clean
        elif final and definition.required:
            errors[f"custom.{definition.key}"] = Text("field.required", {"field": definition.label})
    return custom, errors


def custom_text(value: Any) -> str:
    """A stored custom value as a person reads it (screens, forms, exports): a whole number without
    ``.0``, a date as ISO text, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: The most custom values one edit names (a branch has a handful of fields).
MAX_CUSTOM_VALUES = 200
#: The longest custom field key (the column holds 40).
CUSTOM_KEY_LIMIT = 40


def check_custom_bounds(given: Any) -> dict[str, Text]:
    """Custom values as typed within bounds (a mapping of short keys to short scalars), before any lock."""
    if not isinstance(given, Mapping) or len(given) > MAX_CUSTOM_VALUES:
        return {"custom": Text("field.format", {"field": Label("Field", "custom_value")})}
    errors: dict[str, Text] = {}
    for key, raw in given.items():
        if not isinstance(key, str) or not key or len(key) > CUSTOM_KEY_LIMIT:
            return {"custom": Text("field.format", {"field": Label("Field", "custom_value")})}
        if raw is not None and (not isinstance(raw, str | int | float | date) or isinstance(raw, bool)):
            errors[f"custom.{key}"] = Text("field.format", {"field": Label("Field", "custom_value")})
        elif isinstance(raw, str) and len(raw) > CUSTOM_TEXT_LIMIT * 4:
            errors[f"custom.{key}"] = Text(
                "field.max_length", {"field": Label("Field", "custom_value"), "limit": CUSTOM_TEXT_LIMIT}
            )
    return errors


#: The largest number a custom number field takes (a quantity, a length …): well inside a float's exact range.
CUSTOM_NUMBER_LIMIT = 1e12


def _check_custom(definition: CustomFieldDef, raw: Any) -> tuple[Text | None, Any]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if not isinstance(raw, str | int | float | date) or isinstance(raw, bool):
        return Text("field.format", {"field": definition.label}), None
    if isinstance(raw, str) and len(raw) > CUSTOM_TEXT_LIMIT * 4:
        return Text("field.max_length", {"field": definition.label, "limit": CUSTOM_TEXT_LIMIT}), None
    if definition.type == "number":
        try:
            number = float(str(raw).strip()) if not isinstance(raw, int | float) else float(raw)
        except (ValueError, OverflowError):
            return Text("custom.number", {"field": definition.label}), None
        if number != number or not -CUSTOM_NUMBER_LIMIT <= number <= CUSTOM_NUMBER_LIMIT:
            return Text("custom.number", {"field": definition.label}), None
        return None, number
    if definition.type == "date":
        try:
            day = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
        except ValueError:
            return Text("custom.date", {"field": definition.label}), None
        if not in_range(day):
            return (
                Text(
                    "field.date_range",
                    {"field": definition.label, "first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
                ),
                None,
            )
        return None, (day.date() if isinstance(day, datetime) else day).isoformat()
    if definition.type == "choice":
        if str(raw) not in definition.choices:
            return Text("custom.choice", {"field": definition.label}), None
        return None, str(raw)
    text = clean_text(str(raw))
    if utf16_length(text) > CUSTOM_TEXT_LIMIT:
        return Text("field.max_length", {"field": definition.label, "limit": CUSTOM_TEXT_LIMIT}), None
    return None, text


#: The most complainants one case can name.
MAX_COMPLAINANTS = 100_000

#: The longest value of a custom text field.
CUSTOM_TEXT_LIMIT = 500


def check_bounds(form: IntakeForm) -> dict[str, Text]:
    """The form's lengths, types, dates and numbers within bounds — cheap (linear, lengths before any
    pattern) and needing no database, so the service runs it before it takes the write lock."""
    errors: dict[str, Text] = {}
    for name, limit in LIMITS.items():
        raw = getattr(form, name)
        if raw is None:
            continue
        if not isinstance(raw, str):
            errors[name] = Text("field.format", {"field": Label("Field", name)})
            continue
        # far too long: refused on its raw length, before normalising (cleaning cannot shrink it enough)
        length = len(raw) if len(raw) > 4 * limit + 100 else utf16_length(clean_text(raw))
        if length > limit:
            errors[name] = Text(
                "intake.too_long", {"field": Label("Field", name), "limit": limit, "length": length}
            )
    for name in ("channel", "request_type", "customer_type", "kind"):
        raw = getattr(form, name)
        if raw is not None and (not isinstance(raw, str) or len(raw) > 100):
            errors[name] = Text("intake.not_in_list", {"field": Label("Field", name)})
    if not isinstance(form.request_amount, str) or len(form.request_amount) > 100:
        errors["request_amount"] = Text("money.format")
    for name in ("received_at", "occurred_at", "delivery_date"):
        value = getattr(form, name)
        wanted = date if name == "delivery_date" else datetime
        if value is not None and (not isinstance(value, wanted) or not in_range(value)):
            errors[name] = Text(
                "field.date_range",
                {"field": Label("Field", name), "first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            )
    count = form.complainant_count
    if isinstance(count, bool) or not isinstance(count, int) or count > MAX_COMPLAINANTS:
        errors["complainant_count"] = Text(
            "field.number_range",
            {"field": Label("Field", "complainant_count"), "min": 1, "max": MAX_COMPLAINANTS},
        )
    for name in ("complained_department_id", "complained_user_id"):
        value = getattr(form, name)
        if value is not None and not ids_ok(value):
            errors[name] = Text("field.not_found", {"field": Label("Field", name)})
    if not isinstance(form.repeat_of_case_no, str) or len(form.repeat_of_case_no) > 30:
        errors["repeat_of_case_no"] = Text("field.format", {"field": Label("Field", "repeat_of_case_no")})
    return errors


def _in_form_order(errors: Mapping[str, Text]) -> dict[str, Text | str]:
    order = list(INTAKE_FIELDS)
    return dict(
        sorted(errors.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    )


# --- issue 17 part E "intake": an empty form is not a draft ---------------------------------------

#: Fields the form fills in itself (time received, kind, one complainant): not something the clerk typed.
PREFILLED_FIELDS = frozenset({"received_at", "kind", "complainant_count", "custom"})


def is_blank(form: IntakeForm) -> bool:
    """Nothing typed or chosen by the clerk: saving it would only use up a case number."""
    for name in IntakeForm.__dataclass_fields__:
        if name in PREFILLED_FIELDS:
            continue
        value = getattr(form, name)
        if isinstance(value, str) and not value.strip():
            continue
        if value is None or value is False:
            continue
        return False
    custom = form.custom if isinstance(form.custom, Mapping) else {}
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in custom.values())


# --- issue 17 part E "correction": the intake facts a registered case's correction may change ----------

#: What the clerk typed at intake and may correct later (kind changes the workflow, custom fields have
#: their own action, a repeat link is made at registration: none of them is here).
CORRECTABLE_FIELDS: tuple[str, ...] = tuple(
    name
    for name in (*INTAKE_FIELDS, "personal_injury", "lawsuit_threatened", "media_involved", "external_body")
    if name not in ("kind", "contact")
)

#: The longest reason a correction takes.
CORRECTION_REASON_LIMIT = 500
