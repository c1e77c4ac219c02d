"""Money is integer fen (分) everywhere; this module is the only way in and out."""

from __future__ import annotations

import re
import unicodedata

from branchdesk.errors import FieldError
from branchdesk.i18n import Text

#: The ceiling when a branch has not set ``money_ceiling_fen``: ¥10,000,000.
DEFAULT_CEILING_FEN = 1_000_000_000

#: Longer than any amount a person types ("¥1,000,000,000.00元" with spaces): refused before any regex.
MAX_TYPED_LENGTH = 40

# Thousands separators only in groups of three after one to three leading digits ("1,234,567"),
# or plain digits; then at most two decimals.
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?", re.ASCII)


def parse_yuan(text: str, field: str = "amount", ceiling_fen: int | None = None) -> int:
    """Parse a yuan amount typed by a person ("1,234.5", "¥30000", "１２", "8000元") into fen.

    Refuses negatives, more than two decimals, separators not in groups of three ("1,2,3"),
    exponents, NaN, anything that is not plain digits, and — given ``ceiling_fen`` — more than it.
    """
    if not isinstance(text, str):
        raise FieldError({field: Text("money.format")})
    if len(text) > MAX_TYPED_LENGTH:
        raise FieldError({field: Text("money.format")})
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.replace("¥", "").replace("￥", "").replace("元", "").strip()
    if not cleaned:
        raise FieldError({field: Text("money.empty")})
    if cleaned.startswith("-"):
        raise FieldError({field: Text("money.negative")})
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise FieldError({field: Text("money.format")})
    whole, decimals = match.group(1).replace(",", ""), (match.group(2) or "")
    if len(whole) > 15:
        raise FieldError(
            {field: Text("money.too_much", {"limit": format_yuan(ceiling_fen or DEFAULT_CEILING_FEN)})}
        )
    fen = int(whole) * 100 + int(decimals.ljust(2, "0"))
    if ceiling_fen is not None and fen > ceiling_fen:
        raise FieldError({field: Text("money.too_much", {"limit": format_yuan(ceiling_fen)})})
    return fen


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
