"""Vocabularies (issue 12): the branch's own names for fixed codes, and abnormal-closure reasons as a list.

- ``label_override``: (vocabulary, code) → the branch's Chinese name and optional English name;
- ``complaint_case.abnormal_reason``: the code from the new list ``abnormal_reason`` (no foreign key,
  so SQLite adds it in place); cases closed abnormally before keep their reason in the event text;
- an existing branch gets the shipped ``abnormal_reason`` list (a new one is seeded by ``init``).

Revision ID: 0014
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# A copy, not an import: a migration must keep doing what it did when later code changes.
ABNORMAL_REASONS = (
    ("lost_contact", "客户失联"),
    ("withdrawn", "客户撤诉"),
    ("excessive_demand", "要求超出标准，无法达成一致"),
    ("legal", "转司法程序"),
    ("other", "其他"),
)


def upgrade() -> None:
    op.create_table(
        "label_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vocabulary", sa.String(length=30), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label_zh", sa.String(length=100), nullable=False),
        sa.Column("label_en", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_label_override"),
        sa.UniqueConstraint("vocabulary", "code", name="uq_label_override_vocabulary"),
    )
    with op.batch_alter_table("complaint_case") as batch:
        batch.add_column(sa.Column("abnormal_reason", sa.String(length=40), nullable=True))

    bind = op.get_bind()
    choice = sa.table(
        "choice_item",
        sa.column("list_key", sa.String),
        sa.column("code", sa.String),
        sa.column("label", sa.String),
        sa.column("sort_order", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    initialised = bind.execute(sa.select(sa.func.count()).select_from(choice)).scalar()
    present = bind.execute(
        sa.select(sa.func.count()).select_from(choice).where(choice.c.list_key == "abnormal_reason")
    ).scalar()
    if initialised and not present:
        bind.execute(
            choice.insert(),
            [
                {
                    "list_key": "abnormal_reason",
                    "code": code,
                    "label": label,
                    "sort_order": order,
                    "active": True,
                }
                for order, (code, label) in enumerate(ABNORMAL_REASONS)
            ],
        )


def downgrade() -> None:
    op.execute("DELETE FROM choice_item WHERE list_key = 'abnormal_reason'")
    with op.batch_alter_table("complaint_case") as batch:
        batch.drop_column("abnormal_reason")
    op.drop_table("label_override")
