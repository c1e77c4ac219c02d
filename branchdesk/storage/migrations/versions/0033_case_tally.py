"""How many cases are in each state (issue 16): table ``case_tally``, kept by triggers on the case table
(``storage/case_tally``), counted here from the existing cases.

The queue's total of a view that narrows only the states (the whole queue, a status filter) for a viewer
who sees every case is then the sum of a few rows, not an index entry per case.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from branchdesk.storage import case_tally

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_tally",
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("status", name=op.f("pk_case_tally")),
    )
    connection = op.get_bind()
    case_tally.create_triggers(connection)
    case_tally.recount(connection)


def downgrade() -> None:
    case_tally.drop_triggers(op.get_bind())
    op.drop_table("case_tally")
