"""The yearly archive (issue 15 part V): tables ``case_archive`` and ``archived_case``.

An archive row names the year, who wrote it and when, the folder, its counts and the manifest's
SHA-256; ``archived_case`` marks each case it holds read-only. Existing branches have no archive yet,
so there is nothing to carry over.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=1000), nullable=False),
        sa.Column("case_count", sa.Integer(), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("total_bytes", sa.BigInteger(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("audit_anchor", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name="fk_case_archive_created_by_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_archive"),
    )
    op.create_index("ix_case_archive_year", "case_archive", ["year"], unique=False)
    op.create_table(
        "archived_case",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("archive_id", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_archived_case_case_id_complaint_case"
        ),
        sa.ForeignKeyConstraint(
            ["archive_id"], ["case_archive.id"], name="fk_archived_case_archive_id_case_archive"
        ),
        sa.PrimaryKeyConstraint("case_id", name="pk_archived_case"),
    )
    op.create_index("ix_archived_case_archive_id", "archived_case", ["archive_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_archived_case_archive_id", table_name="archived_case")
    op.drop_table("archived_case")
    op.drop_index("ix_case_archive_year", table_name="case_archive")
    op.drop_table("case_archive")
