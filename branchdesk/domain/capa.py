"""Corrective and preventive actions (CAPA, issue 14 part B): states, transitions, who may, overdue.

An item is taken from a case (its investigation): a description, a kind, an owner and the owner's
department, a due date. The owner marks it done; someone other than the owner verifies it — effective
(the item is closed) or not effective, after which it is reopened with a new due date (the count of
reopenings and every round's verification are kept). Who oversees CAPA is the setting
``capa_oversight_role``; whether an item not yet verified effective keeps its case from closing is the
setting ``capa_blocks_close``. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum

from branchdesk.domain.vocab import Role
from branchdesk.i18n import Text


class CapaKind(StrEnum):
    CORRECTIVE = "corrective"
    PREVENTIVE = "preventive"


class CapaStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    VERIFIED = "verified"  # verified effective: the item is closed
    NOT_EFFECTIVE = "not_effective"  # verified not effective: waits to be reopened with a new due date


class CapaAction(StrEnum):
    MARK_DONE = "mark_done"
    VERIFY = "verify"
    REOPEN = "reopen"
    REASSIGN = "reassign"


#: The states each action starts from.
CAPA_SOURCES: dict[CapaAction, frozenset[CapaStatus]] = {
    CapaAction.MARK_DONE: frozenset({CapaStatus.OPEN}),
    CapaAction.VERIFY: frozenset({CapaStatus.DONE}),
    CapaAction.REOPEN: frozenset({CapaStatus.NOT_EFFECTIVE}),
    CapaAction.REASSIGN: frozenset({CapaStatus.OPEN, CapaStatus.NOT_EFFECTIVE}),
}

#: Not done yet: these can be overdue.
OUTSTANDING = frozenset({CapaStatus.OPEN, CapaStatus.NOT_EFFECTIVE})
#: Not closed: everything but verified effective (what ``capa_blocks_close`` counts).
UNCLOSED = frozenset(CapaStatus) - {CapaStatus.VERIFIED}

#: The longest a due date may lie ahead (days): a typo of a year is refused at the field.
MAX_DUE_DAYS = 3 * 366


def oversight_role(setting: object) -> Role | None:
    """The role the setting names (an unknown code or the administrator: nobody oversees)."""
    try:
        role = Role(str(setting))
    except ValueError:
        return None
    return None if role is Role.ADMIN else role


def is_overdue(status: CapaStatus, due: date, today: date) -> bool:
    """Past its due date and not done (the list's filter and the work page's tile say the same in SQL)."""
    return status in OUTSTANDING and due < today


def add_refusal(
    handler_id: int | None, actor_id: int, roles: Collection[Role], oversight: Role | None
) -> Text | None:
    """Who adds items to a case: its handler (from the investigation) and the oversight role."""
    if handler_id == actor_id or (oversight is not None and oversight in set(roles)):
        return None
    return Text("capa.add_refused", {"role": oversight or Text("refusal.no_role")})


def capa_refusal(
    action: CapaAction,
    status: CapaStatus,
    owner_id: int,
    actor_id: int,
    roles: Collection[Role],
    oversight: Role | None,
) -> Text | None:
    """Why ``actor`` may not take ``action`` on an item now, or None when allowed."""
    if status not in CAPA_SOURCES[action]:
        return Text("capa.state", {"status": status, "action": action})
    overseer = oversight is not None and oversight in set(roles)
    if action is CapaAction.MARK_DONE and actor_id != owner_id and not overseer:
        return Text("capa.owner_only")
    if action is CapaAction.VERIFY:
        if actor_id == owner_id:
            return Text("capa.own_item")  # separation of duties: the owner never verifies their own item
        if not overseer:
            return Text("capa.oversight_only", {"role": oversight or Text("refusal.no_role")})
    if action in (CapaAction.REOPEN, CapaAction.REASSIGN) and not overseer:
        return Text("capa.oversight_only", {"role": oversight or Text("refusal.no_role")})
    return None


def effective_rate(effective: int, verified: int) -> float | None:
    """Verified effective over all verifications; None when nothing was verified."""
    return effective / verified if verified else None
