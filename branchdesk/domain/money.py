"""Money is integer fen (分) everywhere; this module is the only way in and out."""

from __future__ import annotations

import re
import unicodedata

from branchdesk.errors import FieldError
from branchdesk.i18n import Text

_AMOUNT = re.compile(r"(\d{1,12})(?:\.(\d{1,2}))?", re.ASCII)


def parse_yuan(text: str, field: str = "amount") -> int:
    """Parse a yuan amount typed by a person ("1,234.5", "¥30000", "１２") into fen.

    Refuses negatives, more than two decimals, exponents, NaN and anything that
    is not plain digits.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.replace(",", "").replace("¥", "").replace("￥", "").replace("元", "")
    cleaned = cleaned.strip()
    if not cleaned:
        raise FieldError({field: Text("money.empty")})
    if cleaned.startswith("-"):
        raise FieldError({field: Text("money.negative")})
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise FieldError({field: Text("money.format")})
    whole, decimals = match.group(1), (match.group(2) or "")
    return int(whole) * 100 + int(decimals.ljust(2, "0"))


def format_yuan(fen: int | None, symbol: bool = True) -> str:
    """12345 -> '¥123.45' (thousands separated)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{'¥' if symbol else ''}{whole:,}.{part:02d}"


def yuan(amount: int | str) -> int:
    """Fen from a yuan figure written in code or configuration (e.g. ``yuan(5000)``)."""
    return parse_yuan(str(amount))
