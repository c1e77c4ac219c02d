"""Retention and anonymisation (issue 15 part R): retention rules, legal holds, anonymisation batches,
custom fields marked personal, and the redacted events' hash.

Existing rows need no conversion: no rule means the setting ``retention_years`` (as before, when
nothing read it), no custom field is personal until an administrator marks one, no case is on hold.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_rule")),
        sa.UniqueConstraint("category_code", "kind", name=op.f("uq_retention_rule_category_code")),
    )
    op.create_table(
        "case_privacy",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("legal_hold", sa.Boolean(), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("hold_by_id", sa.Integer(), nullable=True),
        sa.Column("hold_at", sa.DateTime(), nullable=True),
        sa.Column("anonymised_at", sa.DateTime(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name=op.f("fk_case_privacy_case_id_complaint_case")
        ),
        sa.ForeignKeyConstraint(
            ["hold_by_id"], ["user_account.id"], name=op.f("fk_case_privacy_hold_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_privacy")),
    )
    with op.batch_alter_table("case_privacy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_privacy_anonymised_at"), ["anonymised_at"], unique=False)
    op.create_table(
        "anonymisation_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("case_ids", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("done_count", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["user_account.id"],
            name=op.f("fk_anonymisation_batch_proposed_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_anonymisation_batch_decided_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisation_batch")),
    )
    # plain ADD COLUMN on both engines (batch mode does not rebuild a table for an added column)
    with op.batch_alter_table("custom_field", schema=None) as batch_op:
        batch_op.add_column(sa.Column("personal", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redacted_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("redacted_hash")
    with op.batch_alter_table("custom_field", schema=None) as batch_op:
        batch_op.drop_column("personal")
    op.drop_table("anonymisation_batch")
    with op.batch_alter_table("case_privacy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_privacy_anonymised_at"))
    op.drop_table("case_privacy")
    op.drop_table("retention_rule")
