"""Automatic escalation (domain §6): handler → 部门经理 → 副总经理 → 总经理.

A case escalates one level when it passes its deadline without an approved
extension (once per deadline: an extension that is passed again escalates
again), when the customer is dissatisfied at the follow-up, when the same
customer complains again about the same matter, or when a complaint is made
about the handling itself.
"""

from __future__ import annotations

from datetime import datetime

from branchdesk.domain.vocab import ESCALATION_LABELS
from branchdesk.i18n import Label

TOP_LEVEL = len(ESCALATION_LABELS) - 1


def next_level(current: int) -> int:
    return min(current + 1, TOP_LEVEL)


def level_label(level: int) -> str:
    """The level's Chinese name (printed forms); texts use ``escalation_level``."""
    return ESCALATION_LABELS[max(0, min(level, TOP_LEVEL))]


def escalation_level(level: int) -> Label:
    """The level as a label rendered in the reader's language (``LABELS["EscalationLevel"]``)."""
    return Label("EscalationLevel", str(max(0, min(level, TOP_LEVEL))))


def overdue_escalation_due(
    now: datetime, deadline: datetime | None, running: bool, already_escalated: bool
) -> bool:
    """True when the case is past its deadline and was not escalated for lateness since the last
    approved extension (a deadline re-computed at triage does not earn a second escalation)."""
    if not running or deadline is None or now <= deadline:
        return False
    return not already_escalated


def dissatisfied(satisfaction: int, threshold: int) -> bool:
    """Dissatisfied at the follow-up (``threshold``: the setting ``dissatisfied_at_or_below``)."""
    return satisfaction <= threshold
