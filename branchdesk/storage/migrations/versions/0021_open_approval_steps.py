"""Approval steps any department's holder of a role may sign are findable in SQL.

A step "部门经理" that is not restricted to the responsible department (the manufacturing preset's
业务部经理) may be signed by a manager of another department; visibility has to show him the case,
and it is one SQL condition. The frozen chain is JSON, which SQLite and PostgreSQL query
differently, so the roles of such steps are copied at proposal into ``open_to_roles`` as
``,dept_manager,`` — one ``LIKE`` on both engines. Existing resolutions get it from their chain
(plain role codes from before 0011 were always department-bound: nothing to copy for those).

Revision ID: 0021
Revises: 0019
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None

resolution = sa.table(
    "resolution",
    sa.column("id", sa.Integer),
    sa.column("required_roles", sa.JSON),
    sa.column("open_to_roles", sa.String),
)


def _open_roles(stored: Any) -> str:
    if isinstance(stored, str):  # some drivers hand JSON back as text
        stored = json.loads(stored)
    roles = sorted(
        {str(item["role"]) for item in stored or () if isinstance(item, dict) and not item.get("of_responsible_department")}
    )
    return "".join(f",{role}," for role in roles)


def upgrade() -> None:
    with op.batch_alter_table("resolution") as batch:
        batch.add_column(sa.Column("open_to_roles", sa.String(length=200), nullable=False, server_default=""))
    connection = op.get_bind()
    for row in connection.execute(sa.select(resolution.c.id, resolution.c.required_roles)).all():
        roles = _open_roles(row.required_roles)
        if roles:
            connection.execute(resolution.update().where(resolution.c.id == row.id).values(open_to_roles=roles))


def downgrade() -> None:
    with op.batch_alter_table("resolution") as batch:
        batch.drop_column("open_to_roles")
