"""Index the closing time: the monthly summary counts and lists cases closed in a month.

Issue 16 "perf": without it every month of the summary's comparison and trend scanned the
whole case table.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.create_index("ix_case_closed", ["closed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_closed")
