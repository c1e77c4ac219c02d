"""Who may see which case (domain §1, confidentiality), as one SQL condition.

Case details are visible to the people working on the case, their managers,
the CR manager and the GM. Working on a case means: having recorded it, being
its handler, having signed or visited it, or holding a role that may sign its pending
approval step from any department (a step not bound to the responsible department);
front-desk clerks also work on every case that waits for the front desk (a reply, an
answer or a follow-up).
The same condition filters the queue and guards every single-case call.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import aliased

from branchdesk.domain.vocab import Role, Status
from branchdesk.read.import_batches import unfinished_batches
from branchdesk.services.context import Actor
from branchdesk.storage.models import Approval, Case, FollowUp, OpinionRequest, Resolution

FRONT_DESK_STATES = (
    Status.REGISTERED,
    Status.INVALID,
    Status.AWAITING_REPLY,
    Status.NOT_ACCEPTED,
    Status.AWAITING_FOLLOWUP,
)
SEES_ALL = frozenset({Role.GM, Role.CR_MANAGER, Role.DEPUTY_GM})
PHONE_ROLES = frozenset({Role.CLERK, Role.CR_MANAGER, Role.HANDLER, Role.GM, Role.DEPUTY_GM})


def settled_cases() -> ColumnElement[bool]:
    """Not a case of a ledger import still being written (its batch pending): such a case is nowhere yet."""
    return or_(Case.import_batch_id.is_(None), Case.import_batch_id.not_in(unfinished_batches()))


def visible_cases(actor: Actor) -> ColumnElement[bool]:
    try:
        return _visible_to(actor.user_id, actor.roles, actor.department_id)
    except TypeError:  # an unhashable id (bounded-input tests): built afresh, refused by the query
        return and_(settled_cases(), _visible(actor))


@lru_cache(maxsize=512)
def _visible_to(user_id: int, roles: frozenset[Role], department_id: int | None) -> ColumnElement[bool]:
    """The condition, built once per user, roles and department (issue 16 part P): building it took 2 ms CPU
    (the aliased ``Resolution`` and its columns), at every case a service loads (1,700 loads in
    ``init --demo``). SQL expressions are immutable, so one built condition serves every query and thread;
    a user's roles or department changing gives another key."""
    actor = Actor(user_id=user_id, roles=roles, department_id=department_id)
    return and_(settled_cases(), _visible(actor))


def _visible(actor: Actor) -> ColumnElement[bool]:
    if not actor.roles or actor.roles == {Role.ADMIN}:
        return false()  # the administrator sees no case content without a case role
    not_someone_elses_draft = or_(Case.status != Status.DRAFT, Case.recorder_id == actor.user_id)
    if Role.CR_MANAGER in actor.roles or Role.GM in actor.roles:
        return true()  # they also see drafts, to void one entered by mistake
    if actor.roles & SEES_ALL:
        return not_someone_elses_draft
    conditions: list[ColumnElement[bool]] = [Case.recorder_id == actor.user_id]
    if Role.CLERK in actor.roles:
        conditions.append(Case.status.in_([s.value for s in FRONT_DESK_STATES]))
    if Role.HANDLER in actor.roles:
        conditions.append(Case.handler_id == actor.user_id)
    if Role.DEPT_MANAGER in actor.roles and actor.department_id is not None:
        conditions.append(Case.responsible_department_id == actor.department_id)
        conditions.append(Case.complained_department_id == actor.department_id)
    if actor.roles & {Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM}:
        conditions.append(
            exists(
                select(Approval.id)
                .join(Resolution, Resolution.id == Approval.resolution_id)
                .where(Resolution.case_id == Case.id, Approval.approver_id == actor.user_id)
            )
        )
    # a pending step any department's holder of my role may sign (approvals.open_roles_text)
    # (an alias: callers join Resolution themselves, and it must not correlate to theirs)
    open_step = aliased(Resolution)
    signable_anywhere = [
        open_step.open_to_roles.contains(f",{role.value},", autoescape=True) for role in actor.roles
    ]
    conditions.append(
        exists(
            select(open_step.id).where(
                open_step.case_id == Case.id, open_step.status == "pending", or_(*signable_anywhere)
            )
        )
    )
    conditions.append(
        exists(select(FollowUp.id).where(FollowUp.case_id == Case.id, FollowUp.visitor_id == actor.user_id))
    )
    # issue 14 part A: a department asked for its opinion works on the case (its managers and handlers)
    if actor.roles & {Role.DEPT_MANAGER, Role.HANDLER} and actor.department_id is not None:
        conditions.append(
            exists(
                select(OpinionRequest.id).where(
                    OpinionRequest.case_id == Case.id, OpinionRequest.department_id == actor.department_id
                )
            )
        )
    return and_(not_someone_elses_draft, or_(*conditions))


def may_see_phone(actor: Actor) -> bool:
    return bool(actor.roles & PHONE_ROLES)
