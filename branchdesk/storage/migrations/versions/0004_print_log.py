"""Print log: who printed which form and copies of a case, and when (reprints say 补打).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("copies", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["complaint_case.id"], name=op.f("fk_print_log_case_id_complaint_case")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_print_log_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_log")),
    )
    op.create_index("ix_print_log_case", "print_log", ["case_id", "form"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_print_log_case", table_name="print_log")
    op.drop_table("print_log")
