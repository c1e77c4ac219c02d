"""What the retention queue and the personal-data request screens read (issue 15 part R)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RetentionRuleRow:
    id: int
    category_code: str | None  # None: any category
    category_label: str  # the path's labels, '' for any
    kind: str | None  # None: any kind
    years: int


@dataclass(frozen=True)
class Candidate:
    """A closed case whose retention period has passed (``blocked``: on legal hold — shown, not proposed)."""

    case_id: int
    case_no: str
    kind: str
    category: str
    closed_at: datetime
    due_at: datetime
    years: int
    legal_hold: bool = False
    hold_reason: str = ""
    in_batch: int | None = None  # an open batch already names it
    version: int = 0  # the case's version as read (a legal hold names it)


@dataclass(frozen=True)
class BatchRow:
    id: int
    purpose: str  # retention | request
    status: str  # proposed | approved | rejected | done
    count: int
    reason: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str = ""
    decided_at: datetime | None = None
    done_count: int = 0
    version: int = 1
    proposed_by_id: int = 0
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetentionQueue:
    candidates: tuple[Candidate, ...]
    batches: tuple[BatchRow, ...]
    default_years: int
    more: bool = False  # more candidates than the limit


@dataclass(frozen=True)
class HeldCase:
    """One case held on a customer (a personal-data request's search)."""

    case_id: int
    case_no: str
    status: str
    received_at: datetime
    closed_at: datetime | None
    complainant_name: str
    phone: str
    open: bool
    legal_hold: bool
    anonymised: bool


@dataclass(frozen=True)
class HeldData:
    subject: str
    cases: tuple[HeldCase, ...] = field(default_factory=tuple)

    @property
    def blocked(self) -> tuple[HeldCase, ...]:
        return tuple(c for c in self.cases if c.open or c.legal_hold)


@dataclass(frozen=True)
class RunResult:
    batch_id: int
    done: int
    skipped: tuple[str, ...]  # case numbers left (reopened, put on hold meanwhile)
