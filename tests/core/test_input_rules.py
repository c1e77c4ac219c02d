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


# --- bounded input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1,234.50", 123450),
        ("1,234,567.8", 123456780),
        ("１，２３４．５０", 123450),  # full-width digits, comma and point
        ("￥1,000元", 100000),
        ("¥ 12 ", 1200),
        ("10000000", 1_000_000_000),  # exactly the default ceiling
    ],
)
def test_strict_amounts_accept_what_people_write(text: str, fen: int) -> None:
    assert parse_yuan(text, "amount", ceiling_fen=1_000_000_000) == fen


@pytest.mark.parametrize("text", ["1,2,3", "12,34", "1,2345", ",123", "123,", "1,,234", "1.2.3", "1,234.567"])
def test_thousands_separators_only_in_groups_of_three(text: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_yuan(text, "amount")
    assert info.value.texts["amount"].code == "money.format"


def test_an_amount_above_the_ceiling_is_refused_naming_the_ceiling() -> None:
    with pytest.raises(FieldError) as info:
        parse_yuan("99,999,999,999", "amount", ceiling_fen=1_000_000_000)
    assert info.value.errors["amount"] == "金额不能超过 ¥10,000,000.00"
    assert info.value.rendered("en")["amount"] == "The amount cannot exceed ¥10,000,000.00"
    with pytest.raises(FieldError):
        parse_yuan("10000000.01", "amount", ceiling_fen=1_000_000_000)
    with pytest.raises(FieldError):  # no ceiling given: still nothing a column cannot hold
        parse_yuan("9" * 40, "amount")


def test_a_huge_email_is_refused_at_once_on_its_length() -> None:
    import time

    started = time.perf_counter()
    with pytest.raises(FieldError) as info:
        validate_intake(
            IntakeForm(received_at=NOW, email="a" * 100_000 + "@", phone="1" * 100_000),
            final=False,
            now=NOW,
            **LISTS,
        )
    assert time.perf_counter() - started < 1
    assert info.value.texts["email"].code == "intake.too_long"
    assert info.value.texts["phone"].code == "intake.too_long"


@pytest.mark.parametrize("when", [datetime.min, datetime(1989, 12, 31, 23, 59)])
def test_dates_outside_1990_to_2100_are_refused(when: datetime) -> None:
    from datetime import date

    with pytest.raises(FieldError) as info:
        validate_intake(
            IntakeForm(received_at=when, occurred_at=datetime.max, delivery_date=date.max),
            final=False,
            now=NOW,
            **LISTS,
        )
    assert {name: t.code for name, t in info.value.texts.items()} == {
        "received_at": "field.date_range",
        "delivery_date": "field.date_range",
        "occurred_at": "field.date_range",
    }
    assert info.value.errors["received_at"] == "受理时间须在 1990-01-01 至 2100-12-31 之间"


def test_counts_and_custom_numbers_are_bounded() -> None:
    from branchdesk.domain.intake import CustomFieldDef

    with pytest.raises(FieldError) as info:
        validate_intake(
            IntakeForm(received_at=NOW, complainant_count=2**63, custom={"n": 1e300, "d": "0001-01-01"}),
            final=False,
            now=NOW,
            custom_fields=[CustomFieldDef("n", "件数", "number"), CustomFieldDef("d", "日期", "date")],
            **LISTS,
        )
    assert set(info.value.texts) == {"complainant_count", "custom.n", "custom.d"}


def test_ids_that_do_not_exist_are_refused_naming_the_field(branch: Branch) -> None:
    from branchdesk.services.dto import InvestigationInput, TriageInput
    from tests.conftest import complaint_form

    b = branch
    for name in ("complained_department_id", "complained_user_id"):
        for missing in (999_999, 2**63):
            with pytest.raises(FieldError) as info:
                b.desk.intake.register(b["clerk"], complaint_form(**{name: missing}))
            assert info.value.texts[name].code == "field.not_found"
    with pytest.raises(FieldError) as info:
        b.desk.intake.register(b["clerk"], complaint_form(complained_user_id=999_999))
    assert info.value.errors == {"complained_user_id": "所选被投诉人不存在（可能已被删除或停用），请重新选择"}
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    with pytest.raises(FieldError) as info:
        b.desk.cases.triage(
            b["crm"],
            ref.id,
            TriageInput(valid=True, category_code="business.damage", severity="normal", handler_id=999_999),
        )
    b.desk.cases.triage(
        b["crm"], ref.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )
    with pytest.raises(FieldError) as info:
        b.desk.cases.assign(b["crm"], ref.id, b["handler"].user_id, department_id=999_999)
    assert set(info.value.texts) == {"department"}
    b.desk.cases.assign(b["crm"], ref.id, b["handler"].user_id)
    with pytest.raises(FieldError) as info:
        b.desk.cases.record_investigation(
            b["handler"], ref.id, InvestigationInput("c", "d", "e", "ours", shares=[(999_999, 100)])
        )
    assert set(info.value.texts) == {"shares"}


def test_the_money_ceiling_is_a_setting_read_with_its_default_on_older_branches(branch: Branch) -> None:
    from sqlalchemy import delete

    from branchdesk.services.dto import TriageInput
    from branchdesk.storage.models import Setting
    from tests.conftest import complaint_form

    b = branch
    with pytest.raises(FieldError) as info:
        b.desk.intake.register(b["clerk"], complaint_form(request_amount="10,000,000.01"))
    assert info.value.texts["request_amount"].code == "money.too_much"
    with b.desk.db.write() as session:  # a branch created before the setting existed
        session.execute(delete(Setting).where(Setting.key == "money_ceiling_fen"))
    b.desk.admin.set_setting(b["admin"], "money_ceiling_fen", 100_000)  # ¥1,000: the row is created
    with pytest.raises(FieldError) as info:
        b.desk.intake.register(b["clerk"], complaint_form(request_amount="1,000.01"))
    assert info.value.errors["request_amount"] == "金额不能超过 ¥1,000.00"
    ref = b.desk.intake.register(b["clerk"], complaint_form(request_amount="1,000"))
    with pytest.raises(FieldError) as info:
        b.desk.cases.triage(
            b["crm"],
            ref.id,
            TriageInput(valid=True, category_code="business.damage", severity="normal", loss_estimate="2000"),
        )
    assert info.value.texts["loss_estimate"].code == "money.too_much"
    from branchdesk.services.approval_policy import ApprovalRuleInput

    with pytest.raises(FieldError) as info:
        b.desk.approval_policy.save_rule(b["admin"], None, ApprovalRuleInput(5, "规则", max_amount="5000"))
    assert info.value.texts["max_amount"].code == "money.too_much"
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "money_ceiling_fen", 2**31)


@pytest.mark.sqlite_only
def test_bad_intake_is_refused_without_waiting_for_the_write_lock(branch: Branch) -> None:
    """Another PC holds the write lock: a malformed form is refused at once, not after the busy timeout."""
    import sqlite3
    import time

    from tests.conftest import complaint_form

    assert branch.path is not None
    other = sqlite3.connect(branch.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with pytest.raises(FieldError):
            branch.desk.intake.register(branch["clerk"], complaint_form(email="x" * 100_000))
        with pytest.raises(FieldError):
            branch.desk.cases.void(branch["crm"], 1, "x" * 100_000)
        assert time.perf_counter() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_queue_filter_is_narrowed_not_refused(branch: Branch) -> None:
    from datetime import date

    from branchdesk.read.queue import QueueFilter
    from tests.conftest import complaint_form

    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    wide = QueueFilter(received_from=date.min, received_to=date.max, search="李 " * 5000)
    page = b.desk.queries.queue_page(b["crm"], wide, offset=-5, limit=2**70)
    assert page.total == 1 and page.offset == 0
