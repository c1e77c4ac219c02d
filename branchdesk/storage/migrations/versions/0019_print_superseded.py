"""Printed copies made before an intake correction are marked (issue 17 part E).

- ``print_log.superseded_at``: when the case's intake was corrected after the copy was printed
  (NULL: the copy still shows what the case says). Existing prints were made before any correction
  existed, so they all stay NULL.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_log") as batch:
        batch.add_column(sa.Column("superseded_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_log") as batch:
        batch.drop_column("superseded_at")
