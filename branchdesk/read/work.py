"""My work: how many cases wait for the user in each of the work page's piles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from branchdesk.domain.vocab import Status
from branchdesk.read.queue import OPEN, QueueFilter
from branchdesk.storage.models import Case


@dataclass(frozen=True)
class MajorCase:
    id: int
    case_no: str
    complainant_name: str


@dataclass(frozen=True)
class WorkCounts:
    my_cases: int
    awaiting_my_approval: int
    due_today: int
    overdue: int
    follow_ups_due: int
    drafts: int
    to_triage: int
    major_open: list[MajorCase]  # for the banner, newest first
    to_reassign: int = 0  # open cases whose handler was deactivated (managers)
    # --- step deadlines that act (issue 12, part "steps") ---
    steps_due_soon: int = 0
    steps_overdue: int = 0
    steps_alerted_to_me: int = 0  # late steps escalated / notified to one of the viewer's roles


#: The queue filter behind each count: a count opens the queue with the same filter.
PILES: dict[str, QueueFilter] = {
    "my_cases": QueueFilter(scope="mine", include_closed=False),
    "due_today": QueueFilter(due_today=True),
    "overdue": QueueFilter(overdue=True),
    "follow_ups_due": QueueFilter(follow_up_due=True),
    "drafts": QueueFilter(drafts_only=True),
    "to_triage": QueueFilter(statuses=[Status.REGISTERED.value]),
    "awaiting_my_approval": QueueFilter(awaiting_my_approval=True),
    "to_reassign": QueueFilter(handler_inactive=True),
    "steps_due_soon": QueueFilter(steps_due_soon=True),
    "steps_overdue": QueueFilter(steps_overdue=True),
    "steps_alerted_to_me": QueueFilter(steps_alerted_to_me=True),
}


def work_counts(
    session: Session,
    conditions: Callable[[QueueFilter], Sequence[ColumnElement[bool]]],
    *,
    awaiting_my_approval: int,
    counts_triage: bool,
    sees_majors: bool,
    counts_reassign: bool = False,
) -> WorkCounts:
    """Counts under the viewer's ``conditions`` (visibility included); the service says what they may see."""

    def count(f: QueueFilter) -> int:
        return session.scalar(select(func.count(Case.id)).where(*conditions(f))) or 0

    majors: list[MajorCase] = []
    if sees_majors:
        majors = [
            MajorCase(r[0], r[1], r[2])
            for r in session.execute(
                select(Case.id, Case.case_no, Case.complainant_name)
                .where(Case.is_major.is_(True), Case.status.in_(OPEN))
                .order_by(Case.received_at.desc())
                .limit(20)
            ).all()
        ]
    return WorkCounts(
        my_cases=count(PILES["my_cases"]),
        awaiting_my_approval=awaiting_my_approval,
        due_today=count(PILES["due_today"]),
        overdue=count(PILES["overdue"]),
        follow_ups_due=count(PILES["follow_ups_due"]),
        drafts=count(PILES["drafts"]),
        to_triage=count(PILES["to_triage"]) if counts_triage else 0,
        major_open=majors,
        to_reassign=count(PILES["to_reassign"]) if counts_reassign else 0,
        steps_due_soon=count(PILES["steps_due_soon"]),
        steps_overdue=count(PILES["steps_overdue"]),
        steps_alerted_to_me=count(PILES["steps_alerted_to_me"]),
    )
