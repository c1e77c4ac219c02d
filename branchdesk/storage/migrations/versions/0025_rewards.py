"""Rewards and penalties (issue 14 part C): tables ``reward_penalty_scale``, ``reward_penalty``,
``reward_signature``.

- an existing branch gets the shipped scale (``defaults.REWARD_SCALE`` as it was when this was written);
- its stored 奖罚通知单 (``form_spec`` "penalty", stored by 0016) prints from a record from now on: when
  the branch never customised it (its sections, boxes and offer are still the shipped ones), those are
  replaced by the record's fields; its copies (the branch's routing) are kept. A customised spec is left
  as the branch made it.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

# Frozen copies (a migration keeps doing what it did when later code changes).
SCALE = json.loads(
    '[{"code":"P1","label":"服务态度不佳、业务不熟、不尊重客户","kind":"penalty","min_amount_fen":3000,"max_amount_fen":10000,"points":0,"measure":"","proposer_roles":["cr_manager","dept_manager","deputy_gm","gm"],"chain":[{"role":"dept_manager","of_responsible_department":true},{"role":"gm","of_responsible_department":false}]},{"code":"P2","label":"态度冷淡、刁难客户、与客户争执","kind":"penalty","min_amount_fen":20000,"max_amount_fen":20000,"points":-5,"measure":"通报","proposer_roles":["cr_manager","dept_manager","deputy_gm","gm"],"chain":[{"role":"dept_manager","of_responsible_department":true},{"role":"gm","of_responsible_department":false}]},{"code":"P3","label":"拒不承认投诉事实、主管管理不力","kind":"penalty","min_amount_fen":30000,"max_amount_fen":30000,"points":-10,"measure":"申诫","proposer_roles":["cr_manager","dept_manager","deputy_gm","gm"],"chain":[{"role":"dept_manager","of_responsible_department":true},{"role":"gm","of_responsible_department":false}]},{"code":"P4","label":"隐瞒不报、不配合处理致投诉恶化","kind":"penalty","min_amount_fen":100000,"max_amount_fen":100000,"points":0,"measure":"记大过","proposer_roles":["cr_manager","dept_manager","deputy_gm","gm"],"chain":[{"role":"dept_manager","of_responsible_department":true},{"role":"gm","of_responsible_department":false}]},{"code":"R1","label":"处理及时到位、受客户表扬","kind":"reward","min_amount_fen":5000,"max_amount_fen":50000,"points":2,"measure":"表扬","proposer_roles":["cr_manager","dept_manager","deputy_gm","gm"],"chain":[{"role":"dept_manager","of_responsible_department":true},{"role":"gm","of_responsible_department":false}]}]'
)
#: The shipped penalty form before this migration (``default_forms._penalty`` then).
OLD_PENALTY = json.loads(
    '{"code":"penalty","title":"奖罚通知单","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"总经理室(自存)","colour":"白","department":"","shows_phone":false,"internal":true},{"number":2,"name":"会计","colour":"红","department":"","shows_phone":false,"internal":true},{"number":3,"name":"受罚部门","colour":"蓝","department":"","shows_phone":false,"internal":true}],"sections":[{"title":"奖罚","fields":[{"field":"investigation.responsible","label":"责任部门/人"},{"field":"investigation.responsibility","label":"责任归属"},{"field":"investigation.shares","label":"责任比率"},{"field":"resolution.amount","label":"涉及金额"},{"field":"investigation.cause","label":"事由","text":true},{"field":"investigation.conclusion","label":"调查结论","text":true},{"field":"investigation.measures","label":"纠正预防措施","text":true},{"field":"fixed","label":"奖罚意见","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"investigation.responsible","x":35.0,"y":30.0,"width":100.0,"lines":1,"size":9.0},{"field":"investigation.responsibility","x":160.0,"y":30.0,"width":60.0,"lines":1,"size":9.0},{"field":"investigation.shares","x":35.0,"y":40.0,"width":100.0,"lines":1,"size":9.0},{"field":"resolution.amount","x":160.0,"y":40.0,"width":60.0,"lines":1,"size":9.0},{"field":"investigation.cause","x":35.0,"y":52.0,"width":190.0,"lines":2,"size":9.0},{"field":"investigation.conclusion","x":35.0,"y":70.0,"width":190.0,"lines":2,"size":9.0}],"offered_by":["investigated","responsibility_shared"],"refuses_draft":true}'
)
#: The shipped penalty form from this migration on: prints from a reward/penalty record.
NEW_PENALTY = json.loads(
    '{"code":"penalty","title":"奖罚通知单","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"总经理室(自存)","colour":"白","department":"","shows_phone":false,"internal":true},{"number":2,"name":"会计","colour":"红","department":"","shows_phone":false,"internal":true},{"number":3,"name":"受罚部门","colour":"蓝","department":"","shows_phone":false,"internal":true}],"sections":[{"title":"奖罚","fields":[{"field":"reward.no","label":"奖罚编号"},{"field":"reward.subject","label":"奖罚对象"},{"field":"reward.department","label":"所属部门"},{"field":"reward.kind","label":"类别"},{"field":"reward.item","label":"奖罚标准"},{"field":"reward.amount","label":"金额"},{"field":"reward.points","label":"绩效分"},{"field":"reward.measure","label":"处分"},{"field":"reward.proposer","label":"提出人"},{"field":"reward.reason","label":"事由","text":true},{"field":"reward.approvals","label":"核准","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"reward.subject","x":35.0,"y":30.0,"width":100.0,"lines":1,"size":9.0},{"field":"reward.kind","x":160.0,"y":30.0,"width":60.0,"lines":1,"size":9.0},{"field":"reward.item","x":35.0,"y":40.0,"width":100.0,"lines":1,"size":9.0},{"field":"reward.amount","x":160.0,"y":40.0,"width":60.0,"lines":1,"size":9.0},{"field":"reward.reason","x":35.0,"y":52.0,"width":190.0,"lines":2,"size":9.0},{"field":"reward.approvals","x":35.0,"y":70.0,"width":190.0,"lines":2,"size":9.0}],"offered_by":["reward_approved"],"refuses_draft":true}'
)
_SHAPE = ("title", "paper", "overlay_paper", "sections", "signature_blocks", "overlay", "offered_by")

SCALE_TABLE = sa.table(
    "reward_penalty_scale",
    sa.column("code", sa.String),
    sa.column("label", sa.String),
    sa.column("kind", sa.String),
    sa.column("min_amount_fen", sa.Integer),
    sa.column("max_amount_fen", sa.Integer),
    sa.column("points", sa.Integer),
    sa.column("measure", sa.String),
    sa.column("proposer_roles", sa.JSON),
    sa.column("chain", sa.JSON),
    sa.column("sort_order", sa.Integer),
    sa.column("active", sa.Boolean),
    sa.column("version", sa.Integer),
)
FORM_SPEC = sa.table("form_spec", sa.column("code", sa.String), sa.column("spec", sa.JSON))
BRANCH = sa.table("branch", sa.column("id", sa.Integer))


def _same_shape(spec: dict[str, object], shipped: dict[str, object]) -> bool:
    """Whether ``spec`` is ``shipped`` apart from its copies (JSON round trip: 30 and 30.0 compare equal)."""
    return all(spec.get(key) == shipped.get(key) for key in _SHAPE)


def _swap_penalty(bind: sa.engine.Connection, old: dict[str, object], new: dict[str, object]) -> None:
    row = bind.execute(sa.select(FORM_SPEC.c.spec).where(FORM_SPEC.c.code == "penalty")).first()
    if row is None:
        return
    spec = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    if not _same_shape(spec, old):
        return  # customised by the branch: theirs to change
    updated = dict(spec)
    updated.update({key: new[key] for key in _SHAPE if key in new})
    bind.execute(FORM_SPEC.update().where(FORM_SPEC.c.code == "penalty").values(spec=updated))


def upgrade() -> None:
    op.create_table(
        "reward_penalty_scale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("min_amount_fen", sa.Integer(), nullable=False),
        sa.Column("max_amount_fen", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=50), nullable=False),
        sa.Column("proposer_roles", sa.JSON(), nullable=False),
        sa.Column("chain", sa.JSON(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reward_penalty_scale"),
        sa.UniqueConstraint("code", name="uq_reward_penalty_scale_code"),
    )
    op.create_table(
        "reward_penalty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("scale_code", sa.String(length=20), nullable=False),
        sa.Column("scale_label", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposer_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("chain", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_reward_penalty_case_id_complaint_case"
        ),
        sa.ForeignKeyConstraint(
            ["subject_user_id"], ["user_account.id"], name="fk_reward_penalty_subject_user_id_user_account"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name="fk_reward_penalty_department_id_department"
        ),
        sa.ForeignKeyConstraint(
            ["proposer_id"], ["user_account.id"], name="fk_reward_penalty_proposer_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reward_penalty"),
    )
    op.create_index("ix_reward_penalty_case_id", "reward_penalty", ["case_id"], unique=False)
    op.create_index("ix_reward_penalty_subject_user_id", "reward_penalty", ["subject_user_id"], unique=False)
    op.create_index("ix_reward_penalty_department_id", "reward_penalty", ["department_id"], unique=False)
    op.create_index("ix_reward_penalty_decided_at", "reward_penalty", ["decided_at"], unique=False)
    op.create_table(
        "reward_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("level_order", sa.Integer(), nullable=False),
        sa.Column("level_role", sa.String(length=20), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=False),
        sa.Column("printed_name", sa.String(length=50), nullable=False),
        sa.Column("signed_role", sa.String(length=20), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["reward_penalty.id"], name="fk_reward_signature_record_id_reward_penalty"
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["user_account.id"], name="fk_reward_signature_signer_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reward_signature"),
    )
    op.create_index("ix_reward_signature_record_id", "reward_signature", ["record_id"], unique=False)
    bind = op.get_bind()
    if (
        bind.execute(sa.select(BRANCH.c.id)).first() is not None
    ):  # an initialised branch (init seeds a new one)
        for order, item in enumerate(SCALE):
            bind.execute(
                SCALE_TABLE.insert().values(
                    **item,
                    sort_order=order,
                    active=True,
                    version=1,
                )
            )
    _swap_penalty(bind, OLD_PENALTY, NEW_PENALTY)


def downgrade() -> None:
    _swap_penalty(op.get_bind(), NEW_PENALTY, OLD_PENALTY)
    op.drop_index("ix_reward_signature_record_id", table_name="reward_signature")
    op.drop_table("reward_signature")
    op.drop_index("ix_reward_penalty_decided_at", table_name="reward_penalty")
    op.drop_index("ix_reward_penalty_department_id", table_name="reward_penalty")
    op.drop_index("ix_reward_penalty_subject_user_id", table_name="reward_penalty")
    op.drop_index("ix_reward_penalty_case_id", table_name="reward_penalty")
    op.drop_table("reward_penalty")
    op.drop_table("reward_penalty_scale")
