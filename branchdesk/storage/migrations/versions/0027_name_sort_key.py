"""The name's sort key: the queue sorted by customer name follows pinyin, by an index.

Issue 16 "Queue": ordering by the name's characters put 张 before 王 by code point, and the sort read
the whole table. ``complainant_sort`` holds ``domain/text.name_sort_key`` (pinyin, then the name),
filled here for every existing case, indexed with the id as the tie-break the queue uses.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from branchdesk.domain.text import name_sort_key

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complainant_sort", sa.String(200), nullable=False, server_default=""))
    bind = op.get_bind()
    cases = sa.table("complaint_case", sa.column("id", sa.Integer), sa.column("complainant_name", sa.String))
    sort = sa.table("complaint_case", sa.column("id", sa.Integer), sa.column("complainant_sort", sa.String))
    last = 0
    while True:  # in id order, a batch at a time: a million cases never sit in memory at once
        rows = bind.execute(
            sa.select(cases.c.id, cases.c.complainant_name)
            .where(cases.c.id > last, cases.c.complainant_name != "")
            .order_by(cases.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        bind.execute(
            sa.update(sort).where(sort.c.id == sa.bindparam("case_id")).values(complainant_sort=sa.bindparam("key")),
            [{"case_id": row.id, "key": name_sort_key(row.complainant_name)} for row in rows],
        )
        last = rows[-1].id
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.create_index("ix_case_complainant_sort", ["complainant_sort", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_complainant_sort")
        batch_op.drop_column("complainant_sort")
