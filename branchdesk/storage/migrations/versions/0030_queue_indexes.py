"""The queue at scale (issue 16 part Q): an index for each filter and sort, and one over the open cases.

- ``ix_case_status_received`` (status, received_at, id): a status filter reads only its cases, newest
  first, without a sort (before: the received-time index walked over every case, the others skipped);
- ``ix_case_recorder`` (recorder_id, status): "my cases" is handler OR recorder — with both indexed
  the OR is two index lookups, not a table scan;
- ``ix_case_open_received`` (received_at, id) over the open cases only (a partial index, SQLite and
  PostgreSQL): the default view (open cases newest first), its total and the work page's open counts
  read the open cases and none of the closed ones, however many years of them the branch keeps.

Existing rows need no conversion: the indexes are built from them.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

#: Written out here (a migration never imports the models): the same list as ``models.OPEN_STATUSES``.
_OPEN = (
    "status IN ('registered', 'pending_assignment', 'invalid', 'in_progress', 'pending_approval',"
    " 'awaiting_reply', 'not_accepted', 'awaiting_followup')"
)


def upgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.create_index("ix_case_status_received", ["status", "received_at", "id"], unique=False)
        batch_op.create_index("ix_case_recorder", ["recorder_id", "status"], unique=False)
        batch_op.create_index(
            "ix_case_open_received",
            ["received_at", "id"],
            unique=False,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_open_received")
        batch_op.drop_index("ix_case_recorder")
        batch_op.drop_index("ix_case_status_received")
