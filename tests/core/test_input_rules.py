"""Money, phones and intake validation."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from branchdesk.domain.intake import IntakeForm, validate_intake
from branchdesk.domain.money import format_yuan, parse_yuan
from branchdesk.domain.text import mask_phone, normalize_phone
from branchdesk.errors import FieldError
from tests.conftest import Branch

NOW = datetime(2026, 11, 2, 10, 0)
LISTS = dict(channels=["phone", "visit"], request_types=["compensation", "other"], customer_types=["person"])


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("5000", 500000),
        ("1,234.5", 123450),
        ("¥30000.01", 3000001),
        ("１２", 1200),
        ("0.07", 7),
        ("8000元", 800000),
    ],
)
def test_amounts_become_exact_fen(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["-5", "1.234", "1e309", "nan", "NaN", "12a", "١٢"])
def test_bad_amounts_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_yuan(text, "amount")
    assert "金额" in info.value.errors["amount"]


def test_format_yuan() -> None:
    assert format_yuan(3000001) == "¥30,000.01"


def test_phone_normalisation_and_masking() -> None:
    assert normalize_phone("１３８ 0013-5678") == "+8613800135678"
    with pytest.raises(ValueError):
        normalize_phone("1380013567٨")  # an Arabic-Indic digit passes a naive \d
    assert mask_phone(normalize_phone("13800135678")) == "138****5678"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+86 138 0013 8000", "+8613800138000"),
        ("0086 13800138000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("13800138000", "+8613800138000"),
        ("021-6234 5678", "02162345678"),
        ("+86 21 6234 5678", "02162345678"),
        ("(021)62345678 转 801", "02162345678-801"),
        ("4008001234", "4008001234"),
        ("95588", "95588"),
        ("+1 650 253 0000", "+16502530000"),
    ],
)
def test_one_spelling_per_number(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


def test_masking_keeps_area_code_and_extension_readable() -> None:
    assert mask_phone("02162345678-801") == "021****5678-801"
    assert mask_phone("+8613800138000") == "138****8000"


def test_the_same_caller_typed_four_ways_is_one_customer_with_one_history(branch: Branch) -> None:
    from tests.conftest import complaint_form

    b = branch
    for number, typed in enumerate(["+86 138 0013 8000", "0086 13800138000", "138-0013-8000"]):
        b.desk.intake.register(b["clerk"], complaint_form(phone=typed, order_no=f"SO-{number}"))
    history = b.desk.intake.customer_history(b["clerk"], "13800138000")
    assert len(history) == 3
    with b.desk.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM customer")).scalar() == 1


def test_submission_lists_every_missing_field_in_form_order() -> None:
    with pytest.raises(FieldError) as info:
        validate_intake(IntakeForm(), final=True, now=NOW, **LISTS)
    assert list(info.value.errors) == ["channel", "complainant_name", "phone", "content", "request_type"]
    assert info.value.errors["phone"] == "请至少留下一种联系方式：电话、地址或电子邮件"


def test_a_draft_may_be_incomplete_but_not_malformed() -> None:
    clean = validate_intake(IntakeForm(complainant_name="王女士"), final=False, now=NOW, **LISTS)
    assert clean.values["complainant_name"] == "王女士"
    with pytest.raises(FieldError) as info:
        validate_intake(IntakeForm(phone="abc", request_amount="-1"), final=False, now=NOW, **LISTS)
    assert set(info.value.errors) == {"phone", "request_amount"}


def test_rare_characters_count_as_qt_counts_them() -> None:
    name = "王䶮𠮷" * 12 + "王"  # 37 code points, 49 UTF-16 units
    clean = validate_intake(IntakeForm(complainant_name=name), final=False, now=NOW, **LISTS)
    assert clean.values["complainant_name"] == name
    with pytest.raises(FieldError) as info:
        validate_intake(IntakeForm(complainant_name=name + "𠮷"), final=False, now=NOW, **LISTS)
    assert "最多 50 个字" in info.value.errors["complainant_name"]


def test_received_at_in_the_future_is_refused() -> None:
    with pytest.raises(FieldError) as info:
        validate_intake(IntakeForm(received_at=datetime(2026, 11, 3)), final=False, now=NOW, **LISTS)
    assert info.value.errors == {"received_at": "受理时间不能晚于现在"}


def test_unknown_quantity_is_a_valid_answer() -> None:
    clean = validate_intake(IntakeForm(defective_quantity="客户加工中未确定"), final=False, now=NOW, **LISTS)
    assert clean.values["defective_quantity"] == "客户加工中未确定"
