"""Step deadlines that act: the step policy, the sweep's once-per-due-time marker, the reply step,
first contact, the major case's GM alert and per-step unconfirmed flags.

Existing data: every case gets its reply due time from its deadline; an open major case not yet
reported to the GM gets its GM alert due ``gm_inform_hours`` after triage (or receipt). Steps that
were already late when the branch upgrades are recorded as marked, not escalated: the first
release had no first-contact action, so nobody could have stopped those clocks, and an upgrade
must not escalate the whole backlog at once. The new columns are nullable and added in place
(no rebuild of the case table on SQLite).

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: The shipped step policies at the time of this migration (``domain/defaults.STEP_POLICIES``).
_POLICIES = [
    ("first_contact", 30, "escalate", "cr_manager", True),
    ("investigation", 480, "escalate", "dept_manager", True),
    ("reply", 240, "escalate", "dept_manager", True),
    ("follow_up", 240, "mark", None, True),
    ("gm_inform", 120, "escalate", "gm", True),
]
_CLOSED = ("closed", "void", "draft")


def upgrade() -> None:
    policy = op.create_table(
        "step_policy",
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("warn_before_minutes", sa.Integer(), nullable=False),
        sa.Column("on_overdue", sa.String(length=10), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("step", name="pk_step_policy"),
    )
    op.create_table(
        "step_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_step_alert_case_id_complaint_case"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_step_alert"),
        sa.UniqueConstraint("case_id", "step", "due_at", name="uq_step_alert_case_id"),
    )
    op.create_index("ix_step_alert_case_id", "step_alert", ["case_id"], unique=False)
    with op.batch_alter_table("complaint_case") as batch:
        batch.add_column(sa.Column("reply_due_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("first_contacted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("gm_inform_due_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("step_unconfirmed", sa.JSON(), nullable=True))

    # A branch that exists gets the shipped policies here; a new one gets them from ``init``.
    if op.get_bind().execute(sa.text("SELECT count(*) FROM branch")).scalar():
        op.bulk_insert(
            policy,
            [
                {"step": s, "warn_before_minutes": w, "on_overdue": o, "role": r, "active": a}
                for s, w, o, r, a in _POLICIES
            ],
        )
    _carry_over()


def _carry_over() -> None:
    bind = op.get_bind()
    now = datetime.now()  # the branch's local time, as every stored time
    bind.execute(sa.text("UPDATE complaint_case SET reply_due_at = deadline_at WHERE reply_due_at IS NULL"))
    hours_row = bind.execute(sa.text("SELECT value FROM setting WHERE key = 'gm_inform_hours'")).first()
    hours = 24
    if hours_row is not None:
        raw = hours_row[0]
        hours = int(json.loads(raw) if isinstance(raw, str) else raw)
    closed = ", ".join(f"'{s}'" for s in _CLOSED)
    majors = bind.execute(
        sa.text(
            "SELECT id, triaged_at, received_at FROM complaint_case WHERE is_major = :yes "
            f"AND gm_informed_at IS NULL AND status NOT IN ({closed})"
        ),
        {"yes": True},
    ).all()
    for case_id, triaged_at, received_at in majors:
        start = _moment(triaged_at) or _moment(received_at)
        if start is not None:
            bind.execute(
                sa.text("UPDATE complaint_case SET gm_inform_due_at = :due WHERE id = :id"),
                {"due": start + timedelta(hours=hours), "id": case_id},
            )
    # Late before the upgrade: recorded as marked, so the first sweep does not escalate the backlog.
    for step, column in (
        ("first_contact", "first_contact_due_at"),
        ("investigation", "investigation_due_at"),
        ("reply", "reply_due_at"),
        ("follow_up", "follow_up_due_at"),
        ("gm_inform", "gm_inform_due_at"),
    ):
        bind.execute(
            sa.text(
                "INSERT INTO step_alert (case_id, step, due_at, at, outcome, role) "
                f"SELECT id, :step, {column}, :now, 'mark', NULL FROM complaint_case "
                f"WHERE {column} IS NOT NULL AND {column} < :now AND status NOT IN ({closed})"
            ),
            {"step": step, "now": now},
        )


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value)
    return None


def downgrade() -> None:
    with op.batch_alter_table("complaint_case") as batch:
        batch.drop_column("step_unconfirmed")
        batch.drop_column("gm_inform_due_at")
        batch.drop_column("first_contacted_at")
        batch.drop_column("reply_due_at")
    op.drop_index("ix_step_alert_case_id", table_name="step_alert")
    op.drop_table("step_alert")
    op.drop_table("step_policy")
