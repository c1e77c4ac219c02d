"""Phones stored in one spelling per number (domain/text.normalize_phone): old rows re-normalised,
customers that were one caller under several spellings merged into the oldest.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

case = sa.table("complaint_case", sa.column("id", sa.Integer), sa.column("phone", sa.String),
                sa.column("phone_normalized", sa.String), sa.column("customer_id", sa.Integer))
customer = sa.table("customer", sa.column("id", sa.Integer), sa.column("phone", sa.String))


def _spelling(raw: str | None, stored: str) -> str:
    from branchdesk.domain.text import normalize_phone

    for candidate in (raw, stored):  # what the clerk typed first: it still has its extension
        try:
            if candidate:
                return normalize_phone(candidate)
        except ValueError:
            continue
    return stored


def upgrade() -> None:
    connection = op.get_bind()
    for row in connection.execute(sa.select(case.c.id, case.c.phone, case.c.phone_normalized)).all():
        new = _spelling(row.phone, row.phone_normalized or "")
        if new != (row.phone_normalized or ""):
            connection.execute(case.update().where(case.c.id == row.id).values(phone_normalized=new))
    keeper: dict[str, int] = {}
    for person in connection.execute(sa.select(customer.c.id, customer.c.phone).order_by(customer.c.id)).all():
        new = _spelling(None, person.phone or "")
        if new and new in keeper:  # the same caller under another spelling: fold into the first
            connection.execute(case.update().where(case.c.customer_id == person.id).values(customer_id=keeper[new]))
            connection.execute(customer.delete().where(customer.c.id == person.id))
            continue
        if new:
            keeper[new] = person.id
        if new != (person.phone or ""):
            connection.execute(customer.update().where(customer.c.id == person.id).values(phone=new))


def downgrade() -> None:
    pass  # the new spelling is still a valid phone for the older code; merged customers stay merged
