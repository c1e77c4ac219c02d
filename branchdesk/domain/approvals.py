"""Approval (核决) rules: which chain of signatures a resolution needs, and who may sign each step.

**Rules are data** (table ``approval_rule`` + ``approval_step``, loaded into
``BranchConfig.approval_rules``). A rule has conditions and an ordered list of steps of any
length, including none; the active rule with the lowest priority number whose conditions all
hold decides (``choose_rule``). Conditions, each optional ("any" when unset):

- amount band ``min_amount_fen`` ≤ amount ≤ ``max_amount_fen`` — both bounds **inclusive**, in fen
  (a band "under ¥500" is ``max_amount_fen = 49_999``; "¥5,000 and less" is ``500_000``);
- ``category_code``: the case's category *or any of its ancestors* (``BranchConfig.category_path``);
- ``kind``; ``min_severity`` (the case's severity at least this; a case without one does not match);
- ``major``: True only major cases, False only non-major cases, None either.

A rule with no condition is a *catch-all*; the policy service keeps at least one active, so every
proposal finds a rule (``choose_rule`` returns None only for a policy broken by hand, which the
proposal refuses with ``approval.no_rule``).

**The chain is frozen** on the resolution when it is proposed (``Resolution.required_roles`` in
``chain_to_json``'s shape, plus the rule's label), so editing the rules never changes a proposal
already waiting. Rows from before rules (plain role codes) still read: ``frozen_chain``.

**Who signs a step** (``signing_refusal``), for every chain shape: never the employee complained
about (recusal), never the proposer, each step a different person, steps in order.

- A step whose role is on the management ladder (``ESCALATION_LADDER``: handler, department
  manager, deputy GM, GM) is signed by a holder of that role — of the case's responsible
  department when the step says so; a role higher on the ladder signs in its place only when
  nobody of the step's own role may sign ("one level up", e.g. a complaint against the
  department manager).
- A step whose role is *not* on the ladder (the customer-relations manager) is signed by a
  holder of exactly that role (of the responsible department when the step says so). No one
  stands in: the ladder says nothing about who is above a customer-relations manager.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import ESCALATION_LADDER, Kind, Role, Severity
from branchdesk.domain.workflow import APPROVERS, RECUSAL_MESSAGE
from branchdesk.i18n import Text

#: The most steps one chain may have (bounded input; real policies stop at four or five).
MAX_STEPS = 8

#: Roles a step may name (``workflow.APPROVERS``: the managers and the customer-relations manager).
STEP_ROLES: tuple[Role, ...] = tuple(r for r in Role if r in APPROVERS)


@dataclass(frozen=True)
class ApprovalStep:
    role: Role
    of_responsible_department: bool = False  # only a holder whose department is the case's responsible one


@dataclass(frozen=True)
class ApprovalLevel:
    """A step at its place in a frozen chain (``order`` counts from 1)."""

    order: int
    role: Role
    of_responsible_department: bool = False

    @property
    def step(self) -> ApprovalStep:
        return ApprovalStep(self.role, self.of_responsible_department)


@dataclass(frozen=True)
class ApprovalFacts:
    """What a rule's conditions look at."""

    amount_fen: int
    category_path: tuple[str, ...]  # codes from the top of the tree down; () without a category
    kind: Kind
    severity: Severity | None
    major: bool


@dataclass(frozen=True)
class ApprovalRule:
    priority: int
    label: str
    steps: tuple[ApprovalStep, ...]
    min_amount_fen: int | None = None  # inclusive
    max_amount_fen: int | None = None  # inclusive
    category_code: str | None = None  # the case's category or any ancestor
    kind: Kind | None = None
    min_severity: Severity | None = None
    major: bool | None = None
    active: bool = True
    id: int | None = None

    @property
    def is_catch_all(self) -> bool:
        return (
            self.min_amount_fen is None
            and self.max_amount_fen is None
            and self.category_code is None
            and self.kind is None
            and self.min_severity is None
            and self.major is None
        )

    def matches(self, facts: ApprovalFacts) -> bool:
        if self.min_amount_fen is not None and facts.amount_fen < self.min_amount_fen:
            return False
        if self.max_amount_fen is not None and facts.amount_fen > self.max_amount_fen:
            return False
        if self.category_code is not None and self.category_code not in facts.category_path:
            return False
        if self.kind is not None and self.kind != facts.kind:
            return False
        if self.min_severity is not None and (
            facts.severity is None or facts.severity.rank < self.min_severity.rank
        ):
            return False
        return self.major is None or self.major == facts.major


def choose_rule(rules: Sequence[ApprovalRule], facts: ApprovalFacts) -> ApprovalRule | None:
    """The active rule that decides: lowest priority number first (ties: the older rule), first match."""
    ordered = sorted((r for r in rules if r.active), key=lambda r: (r.priority, r.id or 0))
    return next((rule for rule in ordered if rule.matches(facts)), None)


# --- the frozen chain ---------------------------------------------------------------------


def chain_to_json(steps: Sequence[ApprovalStep]) -> list[dict[str, Any]]:
    """The shape stored in ``Resolution.required_roles``: one object per step, in signing order."""
    return [{"role": s.role.value, "of_responsible_department": s.of_responsible_department} for s in steps]


def open_roles_text(steps: Sequence[ApprovalStep]) -> str:
    """The roles of steps not bound to the responsible department, as ``,role,role,`` (sorted): whoever
    holds one of them, in any department, may be asked to sign and so must see the case."""
    roles = {s.role.value for s in steps if not s.of_responsible_department}
    return "".join(f",{role}," for role in sorted(roles))


def frozen_chain(stored: Sequence[Any] | None) -> tuple[ApprovalStep, ...]:
    """The steps of a stored chain. Rows from before approval rules hold plain role codes; there a
    department-manager level was always the responsible department's manager."""
    steps = []
    for item in stored or ():
        if isinstance(item, str):
            role = Role(item)
            steps.append(ApprovalStep(role, role is Role.DEPT_MANAGER))
        else:
            steps.append(ApprovalStep(Role(item["role"]), bool(item.get("of_responsible_department"))))
    return tuple(steps)


def next_level(chain: Sequence[ApprovalStep], signed_count: int) -> ApprovalLevel | None:
    """The step a pending resolution waits for after ``signed_count`` signatures; None when complete.

    The one place that says "steps are signed in order": signing, the approvals waiting for a
    manager and the case view all ask here.
    """
    if signed_count >= len(chain):
        return None
    step = chain[signed_count]
    return ApprovalLevel(signed_count + 1, step.role, step.of_responsible_department)


def step_text(step: ApprovalStep) -> Text:
    """A step as people read it: "部门经理（责任部门）" or just the role."""
    return Text(
        "approval.step_responsible" if step.of_responsible_department else "approval.step",
        {"role": step.role},
    )


def chain_text(chain: Sequence[ApprovalStep]) -> Text:
    """The chain as people read it: "部门经理（责任部门） → 副总经理 → 总经理", or "无需审批"."""
    if not chain:
        return Text("approval.no_steps")
    text = step_text(chain[0])
    for step in chain[1:]:
        text = Text("event.then", {"first": text, "next": step_text(step)})
    return text


# --- who may sign -------------------------------------------------------------------------


def on_ladder(role: Role) -> bool:
    return role in ESCALATION_LADDER


def _rank(role: Role) -> int:
    return ESCALATION_LADDER.index(role) if role in ESCALATION_LADDER else -1


@dataclass(frozen=True)
class Signer:
    user_id: int
    roles: frozenset[Role]
    department_id: int | None


def may_stand_in(level: ApprovalLevel, roles: Collection[Role]) -> bool:
    """Whether ``roles`` could ever sign ``level`` (before looking at people and departments):
    the step's role, or — for a ladder role — a role above it. Cheap: lists skip the rest with it."""
    if level.role in roles:
        return True
    return on_ladder(level.role) and max((_rank(r) for r in roles), default=-1) > _rank(level.role)


def signing_refusal(
    level: ApprovalLevel,
    signer: Signer,
    *,
    proposer_id: int,
    earlier_signer_ids: Collection[int],
    complained_user_id: int | None,
    responsible_department_id: int | None,
    amount_fen: int,
    own_level_available: bool = False,
) -> Text | None:
    """Why ``signer`` may not sign ``level``, or None.

    ``own_level_available``: someone holding the step's own role (of the responsible department when
    the step says so), not the proposer, not an earlier signer and not recused, may sign — then
    nobody above stands in.
    """
    if signer.user_id == complained_user_id:
        return RECUSAL_MESSAGE
    if signer.user_id == proposer_id:
        return Text("approval.own_proposal")
    if signer.user_id in earlier_signer_ids:
        return Text("approval.signed_earlier")
    holds_level = level.role in signer.roles and (
        not level.of_responsible_department or signer.department_id == responsible_department_id
    )
    if holds_level:
        return None
    if not on_ladder(level.role):
        # Off the ladder nobody stands in: exactly that role (of the responsible department if asked).
        if level.role in signer.roles:
            return Text("approval.responsible_department", {"role": level.role})
        return Text("approval.exact_role", {"role": level.role})
    top = max((_rank(r) for r in signer.roles), default=-1)
    needed = _rank(level.role)
    if top < needed:
        return Text("approval.authority", {"role": level.role, "amount": format_yuan(amount_fen)})
    if top == needed:
        if level.role is Role.DEPT_MANAGER:
            return Text("approval.department_manager")
        return Text("approval.responsible_department", {"role": level.role})
    if own_level_available:
        return Text("approval.own_level", {"role": level.role})
    return None


def signed_as(level: ApprovalLevel, roles: Collection[Role]) -> Role:
    """The role a signature is recorded under: the step's own role when the signer holds it, else the
    highest ladder role they stand in with."""
    if level.role in roles:
        return level.role
    ladder = [r for r in roles if r in ESCALATION_LADDER]
    return max(ladder, key=_rank) if ladder else level.role
