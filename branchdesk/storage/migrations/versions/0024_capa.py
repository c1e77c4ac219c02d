"""Corrective and preventive actions (issue 14 part B): tables ``capa_item`` and ``capa_verification``.

Existing branches start with no items: the investigation's corrective/preventive text stays where it was
(printed on the handling form); nobody followed it before, so there is nothing to carry over as an item.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "capa_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_note", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_capa_item_case_id_complaint_case"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["user_account.id"], name="fk_capa_item_owner_id_user_account"),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name="fk_capa_item_department_id_department"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name="fk_capa_item_created_by_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_capa_item"),
    )
    op.create_index("ix_capa_item_case_id", "capa_item", ["case_id"], unique=False)
    op.create_index("ix_capa_item_status_due", "capa_item", ["status", "due_date"], unique=False)
    op.create_index("ix_capa_item_owner", "capa_item", ["owner_id", "status"], unique=False)
    op.create_table(
        "capa_verification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=15), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("check_date", sa.Date(), nullable=False),
        sa.Column("verifier_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["capa_item.id"], name="fk_capa_verification_item_id_capa_item"),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachment.id"], name="fk_capa_verification_attachment_id_attachment"
        ),
        sa.ForeignKeyConstraint(
            ["verifier_id"], ["user_account.id"], name="fk_capa_verification_verifier_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_capa_verification"),
    )
    op.create_index("ix_capa_verification_item_id", "capa_verification", ["item_id"], unique=False)
    op.create_index("ix_capa_verification_at", "capa_verification", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_capa_verification_at", table_name="capa_verification")
    op.drop_index("ix_capa_verification_item_id", table_name="capa_verification")
    op.drop_table("capa_verification")
    op.drop_index("ix_capa_item_owner", table_name="capa_item")
    op.drop_index("ix_capa_item_status_due", table_name="capa_item")
    op.drop_index("ix_capa_item_case_id", table_name="capa_item")
    op.drop_table("capa_item")
