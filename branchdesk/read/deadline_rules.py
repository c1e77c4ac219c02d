"""What the deadline rules tab reads: the rules as stored, and a 试算 (trial) result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DeadlineRuleRow:
    """One rule of the deadline policy, codes as stored (the screen renders them)."""

    id: int
    priority: int
    step: str  # "case" or a DeadlineStep value
    label: str
    amount: int
    unit: str  # a DeadlineUnit value
    kind: str | None
    category_code: str | None
    min_severity: str | None
    major: bool | None
    severity_or_major: bool
    foreign: bool | None
    channel: str | None
    customer_type: str | None
    custom_key: str | None
    custom_value: str | None


@dataclass(frozen=True)
class TrialDue:
    """A due time of the trial and the rule that produced it."""

    step: str  # "case" or a DeadlineStep value
    due: datetime
    unconfirmed: bool  # counted over a day of a year whose holidays are only guessed
    rule_name: str  # "" when no rule times this step (it falls due with the case)
    rule_priority: int | None
    capped: bool  # the step's rule gave a later time than the case deadline, which wins


@dataclass(frozen=True)
class TrialResult:
    case: TrialDue
    steps: list[TrialDue]  # first contact, investigation, reply, follow-up

    @property
    def unconfirmed(self) -> bool:
        return self.case.unconfirmed or any(s.unconfirmed for s in self.steps)
