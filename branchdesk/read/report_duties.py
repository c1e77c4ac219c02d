"""What the report duties' settings tab and the work page's 待交报表 read (issue 15 part M)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from branchdesk.i18n import Text


@dataclass(frozen=True)
class DutyRow:
    id: int
    label: str
    kind: str  # week | month | quarter | half | year
    rule: str  # after_end | last_month
    day: int
    role: str
    department: str | None  # a department code; None: any
    version: int  # what a change names (``seen``)
    rule_text: Text  # the rule in words


@dataclass(frozen=True)
class OwedReport:
    """A report due (``overdue``: its due date has passed) until a summary of ``period_key`` is made."""

    duty_id: int
    label: str
    kind: str
    period_key: str  # what ``domain.periods.parse_period`` reads back: the summary dialog opens at it
    period: Text
    due: date
    overdue: bool

    @property
    def line(self) -> Text:
        state = Text("duty.state_overdue" if self.overdue else "duty.state_due")
        return Text(
            "duty.due_line",
            {"label": self.label, "period": self.period, "state": state, "due": self.due.isoformat()},
        )
