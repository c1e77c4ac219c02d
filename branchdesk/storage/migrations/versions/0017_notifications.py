"""Notifications, per user (issue 17 "notify"): table ``notification``.

One row per recipient: kind (``assigned``, ``approval``, ``reply_ready``, ``step_due``), case, the text's
parameters, created, read; a step-due-soon notice also names its step and due time (once per case, step
and due time). Existing branches start with none: nothing that happened before was announced.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("step", sa.String(length=20), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["user_account.id"], name="fk_notification_recipient_id_user_account"
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_notification_case_id_complaint_case"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notification"),
    )
    op.create_index("ix_notification_recipient", "notification", ["recipient_id", "read_at"], unique=False)
    op.create_index("ix_notification_recipient_id", "notification", ["recipient_id", "id"], unique=False)
    op.create_index("ix_notification_case_id", "notification", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notification_case_id", table_name="notification")
    op.drop_index("ix_notification_recipient_id", table_name="notification")
    op.drop_index("ix_notification_recipient", table_name="notification")
    op.drop_table("notification")
