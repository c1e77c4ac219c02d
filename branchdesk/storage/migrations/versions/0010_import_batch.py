"""Ledger imports written in chunks: an import batch, and the batch each imported case came with.

The case column has no foreign key, so SQLite adds it in place (no rebuild of the case table).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("file", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("touched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name="fk_import_batch_user_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_import_batch"),
    )
    with op.batch_alter_table("complaint_case") as batch:
        batch.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch.create_index("ix_complaint_case_import_batch_id", ["import_batch_id"])


def downgrade() -> None:
    with op.batch_alter_table("complaint_case") as batch:
        batch.drop_index("ix_complaint_case_import_batch_id")
        batch.drop_column("import_batch_id")
    op.drop_table("import_batch")
