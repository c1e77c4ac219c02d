"""The queue at scale (issue 16 part Q): an index for each filter and sort, and one over the open cases.

- ``ix_case_status_received`` (status, received_at, id, import_batch_id): a status filter reads only its
  cases, newest first, without a sort (before: the received-time index walked over every case, the others
  skipped); with the import batch in it, a count by states (the open total) never reads the table;
- ``ix_case_recorder`` (recorder_id, status): "my cases" is handler OR recorder — with both indexed
  the OR is two index lookups, not a table scan;
- PostgreSQL: ``ix_case_search_grams``, a GIN index of every searched text's 1–2 character pieces, so a
  short search word (张三, a surname) is an index lookup instead of ``LIKE`` over every text;
- ``ix_case_open_received`` (received_at, id) over the open cases only (a partial index, SQLite and
  PostgreSQL): the default view (open cases newest first), its total and the work page's open counts
  read the open cases and none of the closed ones, however many years of them the branch keeps.

Existing rows need no conversion: the indexes are built from them; on SQLite the planner's statistics
of the case table are taken (sampled) so that it weighs the new indexes with the branch's numbers.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from branchdesk.storage import search_index

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
        batch_op.create_index(
            "ix_case_status_received", ["status", "received_at", "id", "import_batch_id"], unique=False
        )
        batch_op.create_index("ix_case_recorder", ["recorder_id", "status"], unique=False)
        batch_op.create_index(
            "ix_case_open_received",
            ["received_at", "id"],
            unique=False,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # PostgreSQL: 1–2 character search words by an index (search_index)
        search_index.create_short_index(bind)
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("SELECT 1 FROM complaint_case LIMIT 1").first():
        # Without statistics SQLite guesses, and for the open cases newest first it guesses a sort of every
        # open case (188 ms at 100k) rather than the partial index read in order (7 ms). A sampled ANALYZE
        # (1,000 rows per index: well under a second at 1M) gives it the branch's own proportions.
        # PostgreSQL keeps its statistics itself (autovacuum).
        bind.exec_driver_sql("PRAGMA analysis_limit = 1000")
        bind.exec_driver_sql("ANALYZE complaint_case")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_case_search_grams")
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_open_received")
        batch_op.drop_index("ix_case_recorder")
        batch_op.drop_index("ix_case_status_received")
