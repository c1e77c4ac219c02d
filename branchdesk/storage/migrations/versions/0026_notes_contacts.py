"""Internal notes, progress notices, the complaint that comes back (issue 14 part D).

- ``case_note``: an internal note on a case (staff only); ``attachment.note_id`` ties a file to its note;
- ``customer_contact``: a progress notice (进度告知) — channel, what was said, the next contact due;
- existing first contacts (``complaint_case.first_contacted_at``) become progress notices, so every
  case's list of contacts starts where its first-contact clock stopped;
- the stored handling form (``form_spec`` ``handling``) gets the section 附原表 (the original's number
  on a returning complaint) when its sections are still the shipped ones; a branch that edited its
  sections keeps them (the administrator adds the field in 设置 → 表单).

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

# Frozen copies (a migration keeps doing what it did when later code changes): the handling form's
# sections as migration 0016 seeded them, and the section this migration adds after the first two.
_OLD_HANDLING = json.loads(
    '[{"title":"受理","fields":[{"field":"received_at","label":"受理时间"},{"field":"channel","label":"投诉渠道"},'
    '{"field":"kind","label":"性质"},{"field":"complainant","label":"投诉人"},{"field":"phone","label":"联系电话"},'
    '{"field":"company","label":"单位/客户"},{"field":"order_no","label":"订单编号"},'
    '{"field":"product","label":"产品或服务"},{"field":"part_no","label":"料号/型号"},'
    '{"field":"lot_no","label":"批号"},{"field":"quantity","label":"数量"},'
    '{"field":"defective_quantity","label":"不良数量"},{"field":"delivery_date","label":"交运日期"},'
    '{"field":"complained","label":"被投诉部门/人"},{"field":"recorder","label":"受理人"},'
    '{"field":"request","label":"客户要求"},{"field":"content","label":"投诉内容","text":true}]},'
    '{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true},'
    '{"title":"分诊","fields":[{"field":"valid","label":"有效性"},{"field":"category","label":"类别"},'
    '{"field":"severity","label":"等级"},{"field":"major","label":"重大投诉"},'
    '{"field":"department","label":"责任部门"},{"field":"handler","label":"处理责任人"},'
    '{"field":"deadline","label":"处理期限"}]},'
    '{"title":"调查","fields":[{"field":"investigation.responsibility","label":"责任归属"},'
    '{"field":"investigation.shares","label":"责任比率"},{"field":"investigation.responsible","label":"责任部门/人"},'
    '{"field":"investigation.cause","label":"发生原因","text":true},'
    '{"field":"investigation.details","label":"具体经过","text":true},'
    '{"field":"investigation.conclusion","label":"调查结论","text":true},'
    '{"field":"investigation.measures","label":"纠正预防措施","text":true}],"when":"investigation"},'
    '{"title":"处理方案与核决","fields":[{"field":"resolution.type","label":"处理方式"},'
    '{"field":"resolution.amount","label":"金额"},{"field":"resolution.chain","label":"审批层级"},'
    '{"field":"resolution.text","label":"方案说明","text":true}],"when":"resolution","signatures":true},'
    '{"title":"答复客户","fields":[{"field":"reply.at","label":"时间"},{"field":"reply.method","label":"方式"},'
    '{"field":"reply.by","label":"答复人"},{"field":"reply.accepted","label":"客户接受"},'
    '{"field":"reply.content","label":"答复内容","text":true}],"when":"reply"},'
    '{"title":"回访","fields":[{"field":"follow_up.at","label":"时间"},{"field":"follow_up.method","label":"方式"},'
    '{"field":"follow_up.by","label":"回访人"},{"field":"follow_up.solved","label":"问题解决"},'
    '{"field":"follow_up.satisfaction","label":"满意度"},'
    '{"field":"follow_up.comments","label":"客户意见","text":true}],"when":"follow_up"}]'
)
ORIGINAL_SECTION: dict[str, Any] = {
    "title": "附原表",
    "fields": [
        {"field": "original.case_no", "label": "原表编号"},
        {"field": "original.received_at", "label": "原受理时间"},
        {"field": "original.close", "label": "原表结果"},
    ],
    "when": "original",
}
ORIGINAL_AT = 2
#: The same sections once 0023 (opinions, merged before this one) added 会签意见 after 调查: not customised
#: either. A frozen copy of 0023's section.
_OPINIONS_SECTION = {
    "title": "会签意见",
    "fields": [{"field": "opinions", "label": "会签意见", "text": True}],
    "when": "opinions",
}
_AFTER_0023 = [
    *_OLD_HANDLING[:4],
    _OPINIONS_SECTION,
    *_OLD_HANDLING[4:],
]

FORM_SPEC = sa.table("form_spec", sa.column("code", sa.String), sa.column("spec", sa.JSON))
CASE = sa.table(
    "complaint_case",
    sa.column("id", sa.Integer),
    sa.column("first_contacted_at", sa.DateTime),
    sa.column("handler_id", sa.Integer),
    sa.column("recorder_id", sa.Integer),
)
CONTACT = sa.table(
    "customer_contact",
    sa.column("case_id", sa.Integer),
    sa.column("contacted_at", sa.DateTime),
    sa.column("channel", sa.String),
    sa.column("said", sa.Text),
    sa.column("next_due_at", sa.DateTime),
    sa.column("user_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
)


def upgrade() -> None:
    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["complaint_case.id"], name="fk_case_note_case_id_complaint_case"),
        sa.ForeignKeyConstraint(["author_id"], ["user_account.id"], name="fk_case_note_author_id_user_account"),
        sa.PrimaryKeyConstraint("id", name="pk_case_note"),
    )
    op.create_index("ix_case_note_case_id", "case_note", ["case_id"], unique=False)
    op.create_table(
        "customer_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("contacted_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_customer_contact_case_id_complaint_case"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name="fk_customer_contact_user_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_customer_contact"),
    )
    op.create_index("ix_customer_contact_case_id", "customer_contact", ["case_id"], unique=False)
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_attachment_note_id", ["note_id"], unique=False)
        batch_op.create_foreign_key("fk_attachment_note_id_case_note", "case_note", ["note_id"], ["id"])
    bind = op.get_bind()
    # A first contact recorded before progress notices existed becomes the case's first notice (by its
    # handler, else its recorder; the old action kept the channel only in the event's text).
    for row in bind.execute(
        sa.select(CASE.c.id, CASE.c.first_contacted_at, CASE.c.handler_id, CASE.c.recorder_id).where(
            CASE.c.first_contacted_at.is_not(None)
        )
    ).all():
        user = row.handler_id or row.recorder_id
        if user is None:
            continue
        bind.execute(
            CONTACT.insert().values(
                case_id=row.id,
                contacted_at=row.first_contacted_at,
                channel="",
                said="首次联系",
                next_due_at=None,
                user_id=user,
                created_at=row.first_contacted_at,
            )
        )
    stored = bind.execute(sa.select(FORM_SPEC.c.spec).where(FORM_SPEC.c.code == "handling")).first()
    if stored is not None:
        spec = stored.spec if isinstance(stored.spec, dict) else json.loads(stored.spec)
        sections = spec.get("sections")
        if sections in (_OLD_HANDLING, _AFTER_0023):
            spec["sections"] = [*sections[:ORIGINAL_AT], ORIGINAL_SECTION, *sections[ORIGINAL_AT:]]
            bind.execute(FORM_SPEC.update().where(FORM_SPEC.c.code == "handling").values(spec=spec))


def downgrade() -> None:
    bind = op.get_bind()
    row = bind.execute(sa.select(FORM_SPEC.c.spec).where(FORM_SPEC.c.code == "handling")).first()
    if row is not None:
        spec = row.spec if isinstance(row.spec, dict) else json.loads(row.spec)
        spec["sections"] = [s for s in spec.get("sections", []) if s.get("when") != "original"]
        bind.execute(FORM_SPEC.update().where(FORM_SPEC.c.code == "handling").values(spec=spec))
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint("fk_attachment_note_id_case_note", type_="foreignkey")
        batch_op.drop_index("ix_attachment_note_id")
        batch_op.drop_column("note_id")
    op.drop_index("ix_customer_contact_case_id", table_name="customer_contact")
    op.drop_table("customer_contact")
    op.drop_index("ix_case_note_case_id", table_name="case_note")
    op.drop_table("case_note")
