"""Report duties (issue 15 part M): tables ``report_duty`` (which period summary the policy asks for,
when it is due and who makes it) and ``report_made`` (each period summary exported).

An existing branch gets the shipped duty (the monthly 客诉案件统计表 by the 10th, as
``defaults.REPORT_DUTIES`` was when this was written), counted from the day of the upgrade: the month
due now is shown, older months are not claimed as unmade. No report is recorded as made before this.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

BRANCH = sa.table("branch", sa.column("id", sa.Integer))
DUTY = sa.table(
    "report_duty",
    sa.column("label", sa.String),
    sa.column("kind", sa.String),
    sa.column("rule", sa.String),
    sa.column("day", sa.Integer),
    sa.column("role", sa.String),
    sa.column("department_code", sa.String),
    sa.column("sort_order", sa.Integer),
    sa.column("since", sa.Date),
    sa.column("version", sa.Integer),
)
# Frozen copy of the shipped duty (a migration keeps doing what it did when later code changes).
SHIPPED = {"label": "客诉案件统计表", "kind": "month", "rule": "after_end", "day": 10, "role": "cr_manager"}


def upgrade() -> None:
    op.create_table(
        "report_duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("department_code", sa.String(length=20), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["user_account.id"], name=op.f("fk_report_duty_changed_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_duty")),
    )
    op.create_table(
        "report_made",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=30), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["user_account.id"], name=op.f("fk_report_made_made_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_made")),
    )
    with op.batch_alter_table("report_made", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_made_period_key"), ["period_key"], unique=False)
    bind = op.get_bind()
    if (
        bind.execute(sa.select(BRANCH.c.id)).first() is not None
    ):  # an initialised branch (init seeds a new one)
        bind.execute(
            DUTY.insert().values(**SHIPPED, department_code=None, sort_order=0, since=date.today(), version=1)
        )


def downgrade() -> None:
    with op.batch_alter_table("report_made", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_made_period_key"))
    op.drop_table("report_made")
    op.drop_table("report_duty")
