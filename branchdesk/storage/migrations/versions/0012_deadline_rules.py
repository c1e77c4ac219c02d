"""Deadline rules for the steps too, and more conditions (channel, customer type, a custom field).

Each rule names what it times (``step``: "case" or first_contact / investigation / reply /
follow_up). The settings that timed the steps (first_contact_hours, investigation_days with
investigation_unit, follow_up_hours) become catch-all step rules with the same values — the
branch's policy, kept as it was (48 calendar hours for the follow-up stays 48 calendar hours;
only new branches get the 2-working-day default) — and the settings rows go. The columns have
no foreign key, so SQLite adds them in place.

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.JSON))
_rule = sa.table(
    "sla_rule",
    sa.column("priority", sa.Integer),
    sa.column("label", sa.String),
    sa.column("amount", sa.Integer),
    sa.column("unit", sa.String),
    sa.column("severity_or_major", sa.Boolean),
    sa.column("step", sa.String),
)
_OLD_KEYS = ("first_contact_hours", "investigation_days", "investigation_unit", "follow_up_hours")
#: What the settings were shipped as, for a database that somehow lacks a row.
_OLD_DEFAULTS: dict[str, Any] = {
    "first_contact_hours": 1,
    "investigation_days": 3,
    "investigation_unit": "working_days",
    "follow_up_hours": 48,
}
_UNIT_WORDS = {"hours": "小时", "working_days": "个工作日", "calendar_days": "天"}


def _amount(value: Any, fallback: int) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return fallback
    return amount if 1 <= amount <= 365 else fallback


def upgrade() -> None:
    with op.batch_alter_table("sla_rule") as batch:
        batch.add_column(sa.Column("step", sa.String(length=20), server_default="case", nullable=False))
        batch.add_column(sa.Column("channel", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("customer_type", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("custom_key", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("custom_value", sa.String(length=200), nullable=True))
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM branch")).scalar() == 0:
        return  # an empty database: init seeds the new defaults
    stored = {
        key: value
        for key, value in bind.execute(
            sa.select(_setting.c.key, _setting.c.value).where(_setting.c.key.in_(_OLD_KEYS))
        )
    }
    values = {key: stored.get(key, default) for key, default in _OLD_DEFAULTS.items()}
    top = bind.execute(sa.text("SELECT max(priority) FROM sla_rule")).scalar() or 0
    first_contact = _amount(values["first_contact_hours"], 1)
    investigation = _amount(values["investigation_days"], 3)
    investigation_unit = (
        values["investigation_unit"] if values["investigation_unit"] in _UNIT_WORDS else "working_days"
    )
    follow_up = _amount(values["follow_up_hours"], 48)
    rows = [
        ("first_contact", f"首次联系客户 {first_contact} 小时", first_contact, "hours"),
        (
            "investigation",
            f"调查报告 {investigation} {_UNIT_WORDS[investigation_unit]}",
            investigation,
            investigation_unit,
        ),
        ("follow_up", f"回访 {follow_up} 小时", follow_up, "hours"),
    ]
    op.bulk_insert(
        _rule,
        [
            {
                "priority": top + 10 * (order + 1),
                "label": label,
                "amount": amount,
                "unit": unit,
                "severity_or_major": False,
                "step": step,
            }
            for order, (step, label, amount, unit) in enumerate(rows)
        ],
    )
    bind.execute(sa.delete(_setting).where(_setting.c.key.in_(_OLD_KEYS)))
    # Every PC reloads its cached configuration.
    bind.execute(sa.text("UPDATE branch SET config_version = config_version + 1"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM branch")).scalar():
        # The step rules go; the settings come back with their shipped values.
        bind.execute(sa.delete(_setting).where(_setting.c.key.in_(_OLD_KEYS)))
        op.bulk_insert(_setting, [{"key": k, "value": v} for k, v in _OLD_DEFAULTS.items()])
    bind.execute(sa.text("DELETE FROM sla_rule WHERE step <> 'case'"))
    with op.batch_alter_table("sla_rule") as batch:
        batch.drop_column("custom_value")
        batch.drop_column("custom_key")
        batch.drop_column("customer_type")
        batch.drop_column("channel")
        batch.drop_column("step")
