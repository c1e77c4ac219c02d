"""Which event last changed the configuration: ``branch.config_event_seq``, the audit sequence of the
event written with the last configuration write. A configuration write that names a version it saw and
finds another is refused with who changed what from that event (``services/config_seen``).

Branches from before have none until their next configuration write: a refusal then says only that the
configuration changed.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("branch") as batch:
        batch.add_column(sa.Column("config_event_seq", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("branch") as batch:
        batch.drop_column("config_event_seq")
