"""Normalising what people type: phones, names, free text."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, time

import phonenumbers

_PHONE_CHARS = re.compile(r"[\s\-()（）]+")
_PHONE = re.compile(r"\+?\d{5,20}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)


def clean_text(value: str | None) -> str:
    """Strip, NFC-normalise, drop lone surrogates (they make SQLite raise) and NUL (PostgreSQL refuses it)."""
    if not value:
        return ""
    value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace").replace("\x00", "")
    return unicodedata.normalize("NFC", value).strip()


#: Extension markers people write after a landline: 转 801, ext. 801, x801, 分机 801.
_EXTENSION = re.compile(r"(转|分机|ext\.?|x)\s*(\d{1,6})\s*$", re.IGNORECASE)
_PHONE_REGION = "CN"


def normalize_phone(raw: str | None, region: str = _PHONE_REGION) -> str:
    """One spelling per number, so that the same caller is found however the clerk typed it.

    Mobiles and foreign numbers become E.164 (``+8613800138000``); a Chinese landline becomes
    area code and number with its trunk 0 (``02162345678``), an extension after a dash
    (``02162345678-801``); service and short numbers (400…, 95588) stay as their digits.
    ``+86 138…``, ``0086 138…``, ``138-0013-8000`` and ``13800138000`` are one number.
    Returns '' when empty; raises ValueError when it is not a phone number.
    """
    if (
        raw
        and region == _PHONE_REGION
        and len(raw) == 11
        and raw.isdigit()
        and raw.isascii()
        and _plain_mobile(raw)
    ):  # 11 plain digits of a mobile: phonenumbers' answer without it
        return "+86" + raw
    return _normalize_phone(raw, region)


@functools.lru_cache(maxsize=65_536)
def _normalize_phone(raw: str | None, region: str) -> str:
    """``normalize_phone`` through phonenumbers, once per distinct string (a ledger repeats its callers;
    a ValueError is not cached and is raised again)."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw).strip()
    extension = ""
    found = _EXTENSION.search(text)
    if found:
        extension, text = found.group(2), text[: found.start()]
    digits = _PHONE_CHARS.sub("", text)
    if not digits:
        return ""
    if not _PHONE.fullmatch(digits):
        raise ValueError(raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return digits
    if not phonenumbers.is_valid_number(number):
        return digits
    suffix = f"-{extension or number.extension}" if (extension or number.extension) else ""
    kind = phonenumbers.number_type(number)
    if phonenumbers.region_code_for_number(number) == "CN":
        if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
            return f"0{number.national_number}{suffix}"
        mobile = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if kind not in mobile:
            return f"{number.national_number}{suffix}"  # 400/800 and other service numbers: as dialled
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) + suffix


@functools.cache
def _mobile_pattern() -> re.Pattern[str] | None:
    """The national numbers phonenumbers reads as Chinese mobiles and as nothing else, or None when its
    metadata has another shape than this fast path knows (then every number goes the slow way).

    The fast path (issue 16 "Import": phonenumbers' parse took as long as all the writing of 200,000
    rows) answers for 11 plain ASCII digits only, and only where phonenumbers' own answer is "+86" and
    the digits: the number matches the CN mobile pattern, no other number type's pattern, and does not
    begin with a prefix phonenumbers would strip as a carrier or trunk prefix. ``tests/core/test_phone_
    fast_path.py`` compares it with phonenumbers over every 5-digit prefix."""
    from phonenumbers import PhoneMetadata

    meta = PhoneMetadata.metadata_for_region(_PHONE_REGION)
    if meta is None or meta.mobile is None or not meta.mobile.national_number_pattern:
        return None
    others = [
        getattr(meta, kind).national_number_pattern
        for kind in (
            "fixed_line",
            "toll_free",
            "premium_rate",
            "shared_cost",
            "personal_number",
            "voip",
            "pager",
            "uan",
            "voicemail",
        )
        if getattr(meta, kind) is not None and getattr(meta, kind).national_number_pattern
    ]
    exclude = [f"(?:{p})$" for p in others]
    if meta.national_prefix_for_parsing:
        exclude.append(f"(?:{meta.national_prefix_for_parsing})")
    negative = "".join(f"(?!{p})" for p in exclude)
    return re.compile(f"{negative}(?:{meta.mobile.national_number_pattern})")


def _plain_mobile(digits: str) -> bool:
    pattern = _mobile_pattern()
    return pattern is not None and pattern.fullmatch(digits) is not None


#: Surnames whose reading differs from the character's commonest one (单 is shàn as a surname, not dān):
#: a name starting with one files under this reading. Two-character surnames first.
_SURNAME_READINGS = {
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "单于": "chan yu",
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "覃": "qin",
    "召": "shao",
    "翟": "zhai",
    "种": "chong",
    "秘": "bi",
    "折": "she",
    "繁": "po",
    "员": "yun",
    "隗": "wei",
    "句": "gou",
    "能": "nai",
    "长孙": "zhang sun",
}
#: The stored key's length (the column's): enough to order any 50-character name.
NAME_SORT_KEY_LENGTH = 200


@functools.lru_cache(maxsize=65_536)  # pure; a ledger import repeats its customers' names (issue 16)
def name_sort_key(name: str | None) -> str:
    """Where a name files in a list sorted by name: by its pinyin, as a Chinese phone book orders people
    (王伟 before 张三), then by the characters themselves; Latin letters lower-cased in place.

    Stored beside the name (``complaint_case.complainant_sort``) so that the queue sorts by an index;
    pypinyin (its dictionary costs a quarter of a second) loads at the first name saved."""
    from pypinyin import Style, lazy_pinyin

    text = clean_text(name)
    if not text:
        return ""
    head = ""
    for surname in sorted(_SURNAME_READINGS, key=len, reverse=True):
        if text.startswith(surname):
            head, text_rest = _SURNAME_READINGS[surname], text[len(surname) :]
            break
    else:
        text_rest = text
    syllables = [part.strip().lower() for part in lazy_pinyin(text_rest, style=Style.NORMAL)]
    reading = " ".join(p for p in [head, *syllables] if p)
    return f"{reading}|{text}"[:NAME_SORT_KEY_LENGTH]


def is_valid_email(raw: str) -> bool:
    return bool(_EMAIL.fullmatch(unicodedata.normalize("NFKC", raw).strip()))


def mask_phone(phone: str | None) -> str:
    """138****5678: keep the first three and last four digits (a Chinese mobile without its +86)."""
    if not phone:
        return ""
    if phone.startswith("+86"):
        phone = phone[3:]
    number, dash, extension = phone.partition("-")
    if len(number) <= 7:
        masked = number[:1] + "*" * (len(number) - 2) + number[-1:]
    else:
        masked = number[:3] + "*" * (len(number) - 7) + number[-4:]
    return masked + dash + extension


def utf16_length(value: str) -> int:
    """Length as Qt counts it, so limits agree between the UI, the database and print."""
    return len(value.encode("utf-16-le")) // 2


# --- issue 17: dates as a clerk types them --------------------------------------------------

#: Longer than any way of writing a date and time: refused before a pattern runs.
_DATE_TEXT_LIMIT = 40
#: 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日 (one-digit month and day too).
_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: 20261130
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
#: 11-30, 11/30, 11.30, 11月30日: the current year.
_SHORT_DATE = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: 14:30, 14：30, 1430, 9:05 (seconds are dropped).
_TIME = re.compile(r"(\d{1,2})[:：]?(\d{2})(?:[:：]\d{2})?")
#: the date, then the time after a space or T (the shortest date part that leaves a time).
_DATE_TIME = re.compile(r"(.+?)(?:\s*[T\s]\s*(\d{1,2}[:：]?\d{2}(?:[:：]\d{2})?))?")


def parse_user_date(text: str, today: date) -> date | None:
    """The date a person typed — ``2026-11-30``, ``20261130``, ``11-30`` (this year), full-width digits,
    ``/`` ``.`` or 年月日 as separators — or None when it is not a real date."""
    if len(text or "") > _DATE_TEXT_LIMIT:
        return None
    value = unicodedata.normalize("NFKC", text or "").strip()
    for pattern, this_year in ((_FULL_DATE, False), (_COMPACT_DATE, False), (_SHORT_DATE, True)):
        match = pattern.fullmatch(value)
        if match is None:
            continue
        numbers = [int(part) for part in match.groups()]
        year, month, day = [today.year, *numbers] if this_year else numbers
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def parse_user_datetime(text: str, today: date, default_time: time = time(0, 0)) -> datetime | None:
    """A date as ``parse_user_date`` reads it, then optionally a time (``14:30``, ``1430``), after a space
    or ``T``; without a time ``default_time``. None when either part is not real."""
    if len(text or "") > _DATE_TEXT_LIMIT:
        return None
    value = unicodedata.normalize("NFKC", text or "").strip()
    parts = _DATE_TIME.fullmatch(value)
    day = parse_user_date(parts.group(1), today) if parts else None
    if parts is None or day is None:
        return None
    if parts.group(2) is None:
        return datetime.combine(day, default_time)
    match = _TIME.fullmatch(parts.group(2))
    assert match is not None  # _DATE_TIME matched it
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return datetime(day.year, day.month, day.day, hour, minute)
