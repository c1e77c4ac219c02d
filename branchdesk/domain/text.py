"""Normalising what people type: phones, names, free text."""

from __future__ import annotations

import re
import unicodedata

_PHONE_CHARS = re.compile(r"[\s\-()（）]+")
_PHONE = re.compile(r"\+?\d{5,20}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)


def clean_text(value: str | None) -> str:
    """Strip, NFC-normalise and drop lone surrogates (they make SQLite raise)."""
    if not value:
        return ""
    value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return unicodedata.normalize("NFC", value).strip()


def normalize_phone(raw: str | None) -> str:
    """Digits only (full-width digits folded), '+' kept at the front; '' if empty.

    Raises ValueError when what remains is not a phone number.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = _PHONE_CHARS.sub("", text)
    if not text:
        return ""
    if not _PHONE.fullmatch(text):
        raise ValueError(raw)
    return text


def is_valid_email(raw: str) -> bool:
    return bool(_EMAIL.fullmatch(unicodedata.normalize("NFKC", raw).strip()))


def mask_phone(phone: str | None) -> str:
    """138****5678: keep the first three and last four digits."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return phone[:1] + "*" * (len(phone) - 2) + phone[-1:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def utf16_length(value: str) -> int:
    """Length as Qt counts it, so limits agree between the UI, the database and print."""
    return len(value.encode("utf-16-le")) // 2
