"""My work: how many cases wait for the user in each of the work page's piles."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from branchdesk.domain.approvals import STEP_ROLES
from branchdesk.domain.vocab import Role, Status
from branchdesk.read.queue import QueueFilter, open_cases
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
    # --- issue 17, part D ---
    awaiting_reply: int = 0  # ready for the customer's reply (待答复, 无效待答复)
    piles: tuple[str, ...] = ()  # the piles that concern the viewer, in the work page's order
    opinions_owed: int = 0  # issue 14 part A: cases waiting for my department's opinion (会签)


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
    "awaiting_reply": QueueFilter(statuses=[Status.AWAITING_REPLY.value, Status.INVALID.value]),
    "opinions_owed": QueueFilter(opinions_owed=True),  # issue 14 part A
}
for _name, _pile in PILES.items():
    _pile.pile = _name  # the queue names the pile it shows
del _name, _pile

#: Who each pile concerns (a role set); a pile not listed concerns everyone. A pile that does not
#: concern the viewer is not shown at all (its count would be a list they cannot act on).
PILE_ROLES: dict[str, frozenset[Role]] = {
    "to_triage": frozenset({Role.CR_MANAGER}),
    "to_reassign": frozenset({Role.CR_MANAGER, Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM}),
    "awaiting_reply": frozenset({Role.CLERK, Role.CR_MANAGER, Role.HANDLER}),
    "awaiting_my_approval": frozenset(STEP_ROLES),  # a role no approval step names never signs
    "opinions_owed": frozenset({Role.DEPT_MANAGER, Role.HANDLER}),  # issue 14 part A: who gives opinions
}


def concerns(pile: str, roles: Collection[Role]) -> bool:
    wanted = PILE_ROLES.get(pile)
    return wanted is None or bool(wanted & set(roles))


def work_counts(
    session: Session,
    conditions: Callable[[QueueFilter], Sequence[ColumnElement[bool]]],
    *,
    roles: Collection[Role],
    sees_majors: bool,
) -> WorkCounts:
    """Counts under the viewer's ``conditions`` (visibility included): every count is the count of the
    pile's queue filter (``PILES``), the very query the queue runs when the tile is clicked. A pile that
    does not concern the viewer's roles counts 0 and is not listed in ``piles``."""
    piles = tuple(name for name in PILES if concerns(name, roles))

    def count(name: str) -> int:
        if name not in piles:
            return 0
        return session.scalar(select(func.count(Case.id)).where(*conditions(PILES[name]))) or 0

    majors: list[MajorCase] = []
    if sees_majors:
        majors = [
            MajorCase(r[0], r[1], r[2])
            for r in session.execute(
                select(Case.id, Case.case_no, Case.complainant_name)
                .where(Case.is_major.is_(True), open_cases())  # newest open cases: the partial index
                .order_by(Case.received_at.desc())
                .limit(20)
            ).all()
        ]
    return WorkCounts(
        my_cases=count("my_cases"),
        awaiting_my_approval=count("awaiting_my_approval"),
        due_today=count("due_today"),
        overdue=count("overdue"),
        follow_ups_due=count("follow_ups_due"),
        drafts=count("drafts"),
        to_triage=count("to_triage"),
        major_open=majors,
        to_reassign=count("to_reassign"),
        steps_due_soon=count("steps_due_soon"),
        steps_overdue=count("steps_overdue"),
        steps_alerted_to_me=count("steps_alerted_to_me"),
        awaiting_reply=count("awaiting_reply"),
        piles=piles,
        opinions_owed=count("opinions_owed"),  # issue 14 part A
    )
