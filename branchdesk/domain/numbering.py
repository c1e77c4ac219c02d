"""Case numbers (客诉编号): ``[BRANCH-]YYYYMM-NNN``, serial per month (domain §3).

The serial itself is allocated in storage, inside the transaction that saves
the case, so a rolled-back save gives its number back and two PCs never get
the same one (``branchdesk.services.numbering``).
"""

from __future__ import annotations

import re
from datetime import datetime

_NUMBER = re.compile(r"(?:(?P<branch>[A-Za-z0-9]+)-)?(?P<ym>\d{6})-(?P<serial>\d{3,})")


def period_of(moment: datetime) -> str:
    return f"{moment.year:04d}{moment.month:02d}"


def format_case_number(period: str, serial: int, branch_code: str | None = None) -> str:
    core = f"{period}-{serial:03d}"
    return f"{branch_code}-{core}" if branch_code else core


def parse_case_number(text: str) -> tuple[str | None, str, int] | None:
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    return match.group("branch"), match.group("ym"), int(match.group("serial"))
