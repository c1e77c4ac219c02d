"""Tamper-evident audit: events get a sequence and a chained hash; the branch row keeps the head.

Existing events are sealed in id order, so an upgraded database verifies from its first event.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("branch") as batch:
        batch.add_column(sa.Column("audit_seq", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("audit_hash", sa.String(length=64), nullable=True))
    _seal_existing_events()
    op.create_index("ux_event_seq", "event", ["seq"], unique=True)


def _seal_existing_events() -> None:
    # The chain's own canonical form, so that the upgraded rows verify like new ones. The table is
    # described here as it is at this revision (not through the ORM model, which later revisions change).
    from branchdesk.storage.audit_chain import GENESIS, link_hash

    event = sa.table(
        "event",
        sa.column("id", sa.Integer), sa.column("case_id", sa.Integer), sa.column("at", sa.DateTime),
        sa.column("actor_id", sa.Integer), sa.column("actor_name", sa.String), sa.column("action", sa.String),
        sa.column("summary", sa.Text), sa.column("code", sa.String), sa.column("params", sa.JSON),
        sa.column("changes", sa.JSON), sa.column("seq", sa.Integer), sa.column("hash", sa.String),
    )
    branch = sa.table("branch", sa.column("audit_seq", sa.Integer), sa.column("audit_hash", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(event).order_by(event.c.id)).all()
    seq, digest = 0, GENESIS
    for row in rows:
        seq += 1
        digest = link_hash(digest, seq, row)
        connection.execute(event.update().where(event.c.id == row.id).values(seq=seq, hash=digest))
    if seq:
        connection.execute(branch.update().values(audit_seq=seq, audit_hash=digest))


def downgrade() -> None:
    op.drop_index("ux_event_seq", table_name="event")
    with op.batch_alter_table("branch") as batch:
        batch.drop_column("audit_hash")
        batch.drop_column("audit_seq")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("hash")
        batch.drop_column("seq")
