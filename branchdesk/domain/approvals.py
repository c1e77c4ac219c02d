"""Approval (核决) rules: which levels a resolution needs, and who may sign each level.

Defaults (domain §7): ≤ ¥5,000 部门经理; ≤ ¥30,000 副总经理; above, or any
major case, 总经理. Levels are signed in order, each by a different person,
none of them the proposer or the employee complained about. A level is signed
by its own role (a department-manager level by the responsible department's
manager); a role above it signs in its place only when nobody of that level
may sign, which is how a complaint against a department manager "goes one
level up".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import ESCALATION_LADDER, Role
from branchdesk.domain.workflow import RECUSAL_MESSAGE
from branchdesk.i18n import Text


@dataclass(frozen=True)
class AuthorityLevel:
    order: int
    role: Role
    max_amount_fen: int | None  # None: no upper limit


def required_levels(matrix: Sequence[AuthorityLevel], amount_fen: int, major: bool) -> list[AuthorityLevel]:
    """The levels that must sign, lowest first."""
    levels = sorted(matrix, key=lambda level: level.order)
    if not levels:
        raise ValueError("the authority matrix is empty")
    if major:
        return levels
    chain: list[AuthorityLevel] = []
    for level in levels:
        chain.append(level)
        if level.max_amount_fen is None or amount_fen <= level.max_amount_fen:
            return chain
    return chain


def next_level(required_roles: Sequence[str], signed_count: int) -> AuthorityLevel | None:
    """The level a pending resolution waits for after ``signed_count`` signatures; None when complete.

    The one place that says "levels are signed in order": signing, the approvals waiting for a
    manager and the case view all ask here.
    """
    if signed_count >= len(required_roles):
        return None
    return AuthorityLevel(signed_count + 1, Role(required_roles[signed_count]), None)


def _rank(role: Role) -> int:
    return ESCALATION_LADDER.index(role) if role in ESCALATION_LADDER else -1


@dataclass(frozen=True)
class Signer:
    user_id: int
    roles: frozenset[Role]
    department_id: int | None


def signing_refusal(
    level: AuthorityLevel,
    signer: Signer,
    *,
    proposer_id: int,
    earlier_signer_ids: Collection[int],
    complained_user_id: int | None,
    responsible_department_id: int | None,
    amount_fen: int,
    own_level_available: bool = False,
) -> Text | None:
    """Why ``signer`` may not sign ``level``, or None."""
    if signer.user_id == complained_user_id:
        return RECUSAL_MESSAGE
    if signer.user_id == proposer_id:
        return Text("approval.own_proposal")
    if signer.user_id in earlier_signer_ids:
        return Text("approval.signed_earlier")
    top = max((_rank(r) for r in signer.roles), default=-1)
    needed = _rank(level.role)
    if top < needed:
        return Text("approval.authority", {"role": level.role, "amount": format_yuan(amount_fen)})
    holds_level = level.role in signer.roles and (
        level.role is not Role.DEPT_MANAGER or signer.department_id == responsible_department_id
    )
    if holds_level:
        return None
    if top == needed:
        return Text("approval.department_manager")
    if own_level_available:
        return Text("approval.own_level", {"role": level.role})
    return None
