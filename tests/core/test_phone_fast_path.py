"""issue 16 "Import": the phone fast path for 11 plain digits gives exactly phonenumbers' answer."""

from __future__ import annotations

import random

import pytest

from branchdesk.domain import text
from branchdesk.domain.text import normalize_phone


def _slow(raw: str) -> str:
    """phonenumbers' answer, bypassing both the fast path and the cache."""
    return text._normalize_phone.__wrapped__(raw, "CN")  # type: ignore[attr-defined]


def test_every_five_digit_prefix_of_an_eleven_digit_number_normalises_as_phonenumbers_does() -> None:
    rng = random.Random(16)
    fast = 0
    for prefix in range(10_000, 20_000):
        for _ in range(2):
            digits = f"{prefix}{rng.randint(0, 999_999):06d}"
            fast += text._plain_mobile(digits)
            assert normalize_phone(digits) == _slow(digits), digits
    assert fast > 5_000  # the common mobile ranges do take the fast path


@pytest.mark.parametrize(
    "digits",
    ["13800138000", "19912345678", "16212345678", "17400012345", "14512345678", "17951380013", "12593800138"],
)
def test_known_ranges_and_carrier_prefixes_agree(digits: str) -> None:
    assert normalize_phone(digits) == _slow(digits)


def test_plain_mobiles_take_the_fast_path_and_other_spellings_do_not() -> None:
    assert text._plain_mobile("13800138000")
    assert not text._plain_mobile("17951380013")  # begins with a carrier prefix phonenumbers strips
    assert normalize_phone("138 0013 8000") == "+8613800138000"  # spaces: the cached slow path
    assert normalize_phone("１３８００１３８０００") == "+8613800138000"  # full-width digits: not ASCII
    assert normalize_phone("02162345678") == "02162345678"


def test_a_wrong_number_is_refused_every_time_not_only_the_first() -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            normalize_phone("abc")
