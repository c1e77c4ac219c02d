"""Approval chains as data: rules (conditions → ordered steps) replace the fixed authority matrix.

The existing ``authority_level`` rows become rules that give exactly the chains the matrix gave
(``required_levels`` of releases before 0011): a major case → every level; otherwise the first
level whose limit covers the amount, with every level below it; above the last limit → every
level. A department-manager level was always signed by the responsible department's manager, so
its step says "of the responsible department". The old table stays (nothing reads it any more;
a downgrade finds its rows). Resolutions keep their frozen chain as it was stored (plain role codes
read as before); new ones also record the rule's label.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: The shipped matrix, for a database whose table is empty (never the case in practice).
_DEFAULT_MATRIX = [(1, "dept_manager", 500_000), (2, "deputy_gm", 3_000_000), (3, "gm", None)]
_ROLE_LABELS = {"dept_manager": "部门经理", "deputy_gm": "副总经理", "gm": "总经理"}


def _yuan(fen: int) -> str:
    whole, part = divmod(fen, 100)
    return f"¥{whole:,}" if not part else f"¥{whole:,}.{part:02d}"


def _chain(levels: list[tuple[int, str, int | None]]) -> str:
    return "→".join(_ROLE_LABELS.get(role, role) for _, role, _ in levels)


def rules_from_matrix(
    matrix: list[tuple[int, str, int | None]],
) -> list[tuple[dict[str, object], list[tuple[str, bool]]]]:
    """(rule columns, [(role, of responsible department)]) equivalent to the matrix, in priority order."""
    levels = sorted(matrix or _DEFAULT_MATRIX)
    steps = [(role, role == "dept_manager") for _, role, _ in levels]
    rules: list[tuple[dict[str, object], list[tuple[str, bool]]]] = [
        ({"label": f"重大案件：{_chain(levels)}", "major": True}, steps)
    ]
    for index, (_, _, limit) in enumerate(levels):
        if limit is None:  # no upper limit: this level closes every remaining amount
            rules.append(({"label": f"其他金额：{_chain(levels[: index + 1])}"}, steps[: index + 1]))
            break
        band = {"label": f"{_yuan(limit)} 及以下：{_chain(levels[: index + 1])}", "max_amount_fen": limit}
        rules.append((band, steps[: index + 1]))
    else:  # every level has a limit: above the last one, the whole chain signs
        rules.append(({"label": f"其他金额：{_chain(levels)}"}, steps))
    return rules


def upgrade() -> None:
    rule_table = op.create_table(
        "approval_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("min_amount_fen", sa.Integer(), nullable=True),
        sa.Column("max_amount_fen", sa.Integer(), nullable=True),
        sa.Column("category_code", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("min_severity", sa.String(length=20), nullable=True),
        sa.Column("major", sa.Boolean(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_approval_rule"),
    )
    step_table = op.create_table(
        "approval_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("step_order", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("of_responsible_department", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["approval_rule.id"],
            name="fk_approval_step_rule_id_approval_rule",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_approval_step"),
        sa.UniqueConstraint("rule_id", "step_order", name="uq_approval_step_rule_id"),
    )
    op.create_index("ix_approval_step_rule_id", "approval_step", ["rule_id"])
    with op.batch_alter_table("resolution") as batch:
        batch.add_column(sa.Column("approval_rule_label", sa.String(length=100), nullable=True))

    bind = op.get_bind()
    matrix = [
        (int(order), str(role), None if limit is None else int(limit))
        for order, role, limit in bind.execute(
            sa.text("SELECT level_order, role, max_amount_fen FROM authority_level")
        )
    ]
    has_branch = bind.execute(sa.text("SELECT count(*) FROM branch")).scalar()
    if not matrix and not has_branch:
        return  # a new, empty database: ``init`` seeds the shipped rules (domain/defaults.APPROVAL_RULES)
    # The configuration changed: a configuration cached before the upgrade is read again.
    bind.execute(sa.text("UPDATE branch SET config_version = config_version + 1"))
    for number, (columns, steps) in enumerate(rules_from_matrix(matrix), start=1):
        inserted = bind.execute(rule_table.insert().values(priority=number * 10, active=True, **columns))
        rule_id = inserted.inserted_primary_key[0]  # type: ignore[index]
        bind.execute(
            step_table.insert(),
            [
                {"rule_id": rule_id, "step_order": order, "role": role, "of_responsible_department": own}
                for order, (role, own) in enumerate(steps, start=1)
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("resolution") as batch:
        batch.drop_column("approval_rule_label")
    op.drop_index("ix_approval_step_rule_id", table_name="approval_step")
    op.drop_table("approval_step")
    op.drop_table("approval_rule")
