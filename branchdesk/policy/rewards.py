"""The policy file's ``[[rewards]]`` section (issue 14 part C): the reward/penalty scale — read and
checked, exported, applied (codes missing from the file are deactivated, never deleted: records name
them), compared, and written as TOML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain.approvals import MAX_STEPS, STEP_ROLES, frozen_chain
from branchdesk.domain.rewards import LIMITS, MAX_POINTS, RewardKind
from branchdesk.domain.vocab import Role
from branchdesk.i18n import Text
from branchdesk.policy.model import ApprovalStepEntry, RewardScaleEntry
from branchdesk.storage.models import RewardScaleRow

if TYPE_CHECKING:
    from branchdesk.policy.validate import Reader

KEYS = (
    "code",
    "label",
    "kind",
    "min_amount_fen",
    "max_amount_fen",
    "points",
    "measure",
    "proposers",
    "steps",
    "active",
)
_SCALE_CODE = re.compile(r"[A-Za-z0-9_]{1,20}", re.ASCII)  # the scale's own codes (domain/rewards)
_PROPOSERS = tuple(r.value for r in Role if r is not Role.ADMIN)
_STEP_ROLES = tuple(r.value for r in STEP_ROLES)


def read_rewards(r: Reader, doc: dict[str, Any]) -> tuple[RewardScaleEntry, ...] | None:
    """The ``[[rewards]]`` entries (None when the file has no such section)."""
    if "rewards" not in doc:
        return None
    entries = r.entries(doc, "rewards", KEYS, lambda item, place: _entry(r, item, place))
    r.unique([(f"rewards[{n}].code", e.code) for n, e in enumerate(entries)], "rewards")
    return tuple(entries)


def _entry(r: Reader, item: dict[str, Any], place: str) -> RewardScaleEntry | None:
    code = r.code(item, "code", place, _SCALE_CODE)
    label = r.text(item, "label", place, LIMITS["label"])
    kind = r.enum(
        item, "kind", place, tuple(k.value for k in RewardKind), Text("policy.unknown_value"), required=True
    )
    low = r.integer(item, "min_amount_fen", place)
    high = r.integer(item, "max_amount_fen", place)
    if low is not None and high is not None and low > high:
        r.add(Text("policy.bad_band"), f"{place}.max_amount_fen")
    points = r.integer(item, "points", place, -MAX_POINTS, MAX_POINTS, required=False)
    measure = r.text(item, "measure", place, LIMITS["measure"], required=False)
    proposers: list[str] = []
    raw = item.get("proposers", [])
    if not isinstance(raw, list) or not raw:
        r.add(Text("policy.missing"), f"{place}.proposers")
    else:
        for n, role in enumerate(raw):
            if role not in _PROPOSERS:
                r.add(Text("policy.unknown_role"), f"{place}.proposers[{n}]", value=str(role))
            else:
                proposers.append(role)

    def step(entry: dict[str, Any], where: str) -> ApprovalStepEntry | None:
        role = r.enum(entry, "role", where, _STEP_ROLES, Text("policy.unknown_role"), required=True)
        own = r.flag(entry, "own_department", where, False)
        return ApprovalStepEntry(role, bool(own)) if role else None

    steps = r.entries(
        {f"{place}.steps": item.get("steps", [])}, f"{place}.steps", ("role", "own_department"), step
    )
    if len(steps) > MAX_STEPS:
        r.add(Text("policy.bad_number"), f"{place}.steps", low=0, high=MAX_STEPS)
    active = r.flag(item, "active", place, True)
    if code is None or label is None or kind is None or low is None or high is None:
        return None
    return RewardScaleEntry(
        code, label, kind, low, high, points or 0, measure or "", tuple(proposers), tuple(steps), bool(active)
    )


def export_rewards(session: Session) -> tuple[RewardScaleEntry, ...]:
    rows = session.scalars(select(RewardScaleRow).order_by(RewardScaleRow.sort_order, RewardScaleRow.id))
    return tuple(
        RewardScaleEntry(
            code=row.code,
            label=row.label,
            kind=row.kind,
            min_amount_fen=row.min_amount_fen,
            max_amount_fen=row.max_amount_fen,
            points=row.points,
            measure=row.measure or "",
            proposers=tuple(row.proposer_roles or ()),
            steps=tuple(
                ApprovalStepEntry(s.role.value, s.of_responsible_department) for s in frozen_chain(row.chain)
            ),
            active=row.active,
        )
        for row in rows
    )


def apply_rewards(session: Session, entries: tuple[RewardScaleEntry, ...] | None) -> None:
    """The file's scale into the branch; a line the file leaves out is deactivated (records name it)."""
    if entries is None:
        return
    rows = {row.code: row for row in session.scalars(select(RewardScaleRow))}
    for order, e in enumerate(entries):
        row = rows.get(e.code)
        if row is None:
            row = RewardScaleRow(code=e.code, proposer_roles=[], chain=[])
            session.add(row)
        values: dict[str, Any] = {
            "label": e.label,
            "kind": e.kind,
            "min_amount_fen": e.min_amount_fen,
            "max_amount_fen": e.max_amount_fen,
            "points": e.points,
            "measure": e.measure,
            "proposer_roles": list(e.proposers),
            "chain": [{"role": s.role, "of_responsible_department": s.own_department} for s in e.steps],
            "sort_order": order,
            "active": e.active,
        }
        for key, value in values.items():
            if getattr(row, key, None) != value:
                setattr(row, key, value)
    listed = {e.code for e in entries}
    for code, row in rows.items():
        if code not in listed and row.active:
            row.active = False


def reward_lines(entries: tuple[RewardScaleEntry, ...] | None) -> list[str]:
    """The section as TOML lines (``toml_io.policy_to_toml`` appends them)."""
    from branchdesk.policy.toml_io import _entry, _inline_array, _table

    if entries is None:
        return []
    lines = [
        "",
        "# 奖罚标准：kind = reward | penalty；金额以分计，min = max 为固定金额；points 绩效分（负数扣分）；",
        "# proposers 可提出的角色；steps 依次审批，own_department = 奖罚对象所属部门的",
    ]
    for e in entries:
        lines += ["", "[[rewards]]"]
        _table(lines, _entry(e, skip=("steps",)))
        lines += _inline_array("steps", [_entry(s) for s in e.steps])
    return lines
