"""Rewards and penalties (奖罚, issue 14 part C): the scale's checks, who may propose, the amount within
the scale's range, who may sign, and who may read amounts and reasons.

**The scale is data** (table ``reward_penalty_scale``, seeded from ``defaults.REWARD_SCALE``): each line
has a kind (reward / penalty), an amount in fen — fixed (min = max) or a range the proposer picks
within —, 绩效分 (±), a disciplinary measure (a free label: 通报, 申诫, 记大过), the roles that may
propose and an approval chain (``approvals.ApprovalStep``; "of the responsible department" here means
of the *subject's* department). The line's label, measure and chain are frozen on the record.

**Signing** reuses ``approvals.signing_refusal`` (order, different people, the proposer never, a
ladder role stands in one level up only when nobody of the step's own role may sign). Before it, the
*person concerned* may not approve their own: the subject employee, or — a department's record — the
managers of that department (``own_record_refusal``).

**Who reads amounts and reasons** (``may_see_details``): a reward or penalty is a personnel matter.
The general manager, deputy GM and customer-relations manager (who runs the complaint desk and
proposes most records) see every record; a department manager sees those of their own department;
the proposer and the signers see the records they took part in. Everyone else who may see the case
sees that a record exists, not the amount, points, measure or reason. The per-person history is for
the same managers only (``may_read_history``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from branchdesk.domain.approvals import (
    MAX_STEPS,
    STEP_ROLES,
    ApprovalLevel,
    ApprovalStep,
    Signer,
    signing_refusal,
)
from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import Role
from branchdesk.i18n import Text

#: Length limits of the scale's and the record's texts (bounded input; the columns hold them).
LIMITS = {"code": 20, "label": 100, "measure": 50, "reason": 2000}
#: 绩效分 a line may give or take (a month's appraisal is out of 100).
MAX_POINTS = 100
#: Roles that read every record and every person's history.
BRANCH_WIDE_READERS = frozenset({Role.GM, Role.DEPUTY_GM, Role.CR_MANAGER})


class RewardKind(StrEnum):
    REWARD = "reward"
    PENALTY = "penalty"


class RewardStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ScaleItem:
    """One line of the scale."""

    code: str
    label: str
    kind: RewardKind
    min_amount_fen: int
    max_amount_fen: int
    points: int
    measure: str
    proposer_roles: tuple[Role, ...]
    chain: tuple[ApprovalStep, ...]
    active: bool = True
    version: int = 0  # the row's version when read (0: a new line)

    @property
    def fixed_amount(self) -> bool:
        return self.min_amount_fen == self.max_amount_fen


def scale_problems(item: ScaleItem, money_ceiling_fen: int) -> dict[str, Text]:
    """What is wrong with a scale line (field → why); empty when it may be saved."""
    problems: dict[str, Text] = {}
    code = item.code
    if not code or len(code) > LIMITS["code"] or not code.isascii() or not code.replace("_", "").isalnum():
        problems["code"] = Text("rewards.scale_code", {"max": LIMITS["code"]})
    if not item.label.strip():
        problems["label"] = Text("rewards.scale_label")
    if not 0 <= item.min_amount_fen <= money_ceiling_fen:
        problems["min_amount_fen"] = Text("rewards.scale_amount")
    if not 0 <= item.max_amount_fen <= money_ceiling_fen or item.max_amount_fen < item.min_amount_fen:
        problems["max_amount_fen"] = Text("rewards.scale_amount")
    if not -MAX_POINTS <= item.points <= MAX_POINTS:
        problems["points"] = Text("rewards.scale_points", {"max": MAX_POINTS})
    if not item.proposer_roles or any(r is Role.ADMIN for r in item.proposer_roles):
        problems["proposer_roles"] = Text("rewards.scale_proposers")
    if len(item.chain) > MAX_STEPS or any(step.role not in STEP_ROLES for step in item.chain):
        problems["chain"] = Text("rewards.scale_chain", {"max": MAX_STEPS})
    return problems


def proposal_refusal(item: ScaleItem, roles: Collection[Role]) -> Text | None:
    """Why a holder of ``roles`` may not propose under ``item``, or None."""
    if not item.active:
        return Text("rewards.scale_inactive", {"code": item.code})
    if not any(role in item.proposer_roles for role in roles):
        return Text("rewards.may_not_propose", {"label": item.label})
    return None


def amount_refusal(item: ScaleItem, amount_fen: int) -> Text | None:
    """Why ``amount_fen`` does not fit the line (fixed, or within its range), or None."""
    if item.min_amount_fen <= amount_fen <= item.max_amount_fen:
        return None
    if item.fixed_amount:
        return Text("rewards.amount_fixed", {"amount": format_yuan(item.min_amount_fen)})
    return Text(
        "rewards.amount_range",
        {"min": format_yuan(item.min_amount_fen), "max": format_yuan(item.max_amount_fen)},
    )


def own_record_refusal(
    signer_id: int, subject_user_id: int | None, subject_manager_ids: Collection[int]
) -> Text | None:
    """The person concerned may not approve their own: the subject employee, or a manager of the
    subject department (a department's record)."""
    if signer_id == subject_user_id or signer_id in subject_manager_ids:
        return Text("rewards.own_record")
    return None


def sign_refusal(
    level: ApprovalLevel,
    signer: Signer,
    *,
    proposer_id: int,
    earlier_signer_ids: Collection[int],
    subject_user_id: int | None,
    subject_manager_ids: Collection[int],
    department_id: int,
    amount_fen: int,
    own_level_available: bool,
) -> Text | None:
    """Why ``signer`` may not sign ``level`` of a record, or None (the person concerned first, then the
    approval rules every chain shares)."""
    own = own_record_refusal(signer.user_id, subject_user_id, subject_manager_ids)
    if own is not None:
        return own
    if signer.user_id == proposer_id:
        return Text("rewards.own_proposal")
    return signing_refusal(
        level,
        signer,
        proposer_id=proposer_id,
        earlier_signer_ids=earlier_signer_ids,
        complained_user_id=subject_user_id,
        responsible_department_id=department_id,
        amount_fen=amount_fen,
        own_level_available=own_level_available,
    )


def may_see_details(
    viewer_id: int,
    roles: Collection[Role],
    viewer_department_id: int | None,
    *,
    department_id: int,
    proposer_id: int,
    signer_ids: Sequence[int],
) -> bool:
    """Whether the viewer reads a record's amount, points, measure and reason (else: masked)."""
    if any(role in BRANCH_WIDE_READERS for role in roles):
        return True
    if Role.DEPT_MANAGER in roles and viewer_department_id == department_id:
        return True
    return viewer_id == proposer_id or viewer_id in signer_ids


def may_read_history(roles: Collection[Role], viewer_department_id: int | None, department_id: int) -> bool:
    """Whether the viewer may read the history of a person or department in ``department_id``."""
    if any(role in BRANCH_WIDE_READERS for role in roles):
        return True
    return Role.DEPT_MANAGER in roles and viewer_department_id == department_id
