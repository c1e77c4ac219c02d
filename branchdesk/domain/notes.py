"""Internal notes, progress notices and the complaint that comes back (issue 14 part D): the pure rules.

- a note's and a notice's length limits, how many files a note carries;
- when a progress notice may say it happened and when the next contact may be set;
- whether the policy reopens a case that comes back (``returning_complaint_mode``, ``reopen_within_days``)
  instead of opening a new case attached to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.vocab import CloseKind, Status
from branchdesk.i18n import Text

#: The longest internal note and progress notice (characters).
NOTE_LIMIT = 2000
SAID_LIMIT = 2000
#: The most files one note carries.
MAX_NOTE_FILES = 10

REOPEN_MODE = "reopen"
#: How a case must have closed to be reopened: resolved or answered (not abnormally, not superseded by a
#: new case, not judged invalid).
REOPENABLE_CLOSES = frozenset({CloseKind.RESOLVED.value, CloseKind.ANSWERED.value})


def next_due_window(now: datetime, max_days: int) -> tuple[datetime, datetime]:
    """The earliest and latest next contact a notice may set: after now, within ``max_days`` days."""
    return now, now + timedelta(days=max_days)


def reopen_refusal(
    *,
    mode: str,
    status: Status,
    close_kind: str | None,
    closed_at: datetime | None,
    now: datetime,
    within_days: int,
    dissatisfied: bool,
) -> Text | None:
    """Why the policy does not reopen this case now, or None when it does.

    Reopening is the policy's alternative to a new case (``mode == "reopen"``): a reply the customer did
    not accept, a dissatisfied follow-up, or a case closed normally at most ``within_days`` days ago.
    """
    if mode != REOPEN_MODE:
        return Text("reopen.not_policy")
    if status is Status.AWAITING_FOLLOWUP and not dissatisfied:
        return Text("reopen.needs_dissatisfied")
    if status is Status.CLOSED:
        if close_kind not in REOPENABLE_CLOSES or closed_at is None:
            return Text("reopen.not_closed_normally")
        if now - closed_at > timedelta(days=within_days):
            return Text("reopen.too_late", {"days": within_days})
    return None


#: Intake form fields a returning complaint does not take from its original: it is received now, and it
#: is linked to the original rather than marked a repeat of it.
NOT_COPIED = frozenset({"received_at", "repeat_of_case_no", "custom"})


def form_from_raw(raw: Mapping[str, Any], custom: Mapping[str, Any]) -> IntakeForm:
    """The intake form of a complaint that comes back: the original's stored intake values (the case
    view's ``intake_raw``: customer, product, facts; the amount as typed) and its own fields."""
    values: dict[str, Any] = {}
    for item in dataclasses.fields(IntakeForm):
        if item.name in NOT_COPIED or item.name not in raw:
            continue
        value = raw[item.name]
        if value is None and item.default is not dataclasses.MISSING:
            value = item.default
        values[item.name] = value
    return IntakeForm(**values, custom=dict(custom))
