"""Opinions from several departments on one case (issue 14 part A, 会签/协办).

- table ``opinion_request``: one row per department asked (pending → given | waived), the opinion, its
  share, the signer's name and role frozen at signing, the sweep's escalation marker;
- an existing branch gets the shipped deadline rule of the new step (会签意见 2 个工作日) and its step
  policy (late → escalate to the 部门经理 level), as ``init`` seeds a new one;
- the stored handling form (``form_spec``, stored by 0016) gets the 会签意见 section after 调查 and its
  overlay box, when its sections are still the shipped ones: a branch that edited the sections of its
  handling form keeps its own (the administrator adds the field ``opinions`` in 设置 → 表单 if wanted).
  Its copies are never touched (0016 folded the branch's own routing into them).

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

#: The handling form's sections as shipped until this migration (0016's frozen default): a stored spec
#: with exactly these sections was not customised and gets the opinions section.
SHIPPED_SECTIONS: list[dict[str, Any]] = json.loads(
    '[{"title":"受理","fields":[{"field":"received_at","label":"受理时间"},{"field":"channel","label":"投诉渠道"},{"field":"kind","label":"性质"},{"field":"complainant","label":"投诉人"},{"field":"phone","label":"联系电话"},{"field":"company","label":"单位/客户"},{"field":"order_no","label":"订单编号"},{"field":"product","label":"产品或服务"},{"field":"part_no","label":"料号/型号"},{"field":"lot_no","label":"批号"},{"field":"quantity","label":"数量"},{"field":"defective_quantity","label":"不良数量"},{"field":"delivery_date","label":"交运日期"},{"field":"complained","label":"被投诉部门/人"},{"field":"recorder","label":"受理人"},{"field":"request","label":"客户要求"},{"field":"content","label":"投诉内容","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true},{"title":"分诊","fields":[{"field":"valid","label":"有效性"},{"field":"category","label":"类别"},{"field":"severity","label":"等级"},{"field":"major","label":"重大投诉"},{"field":"department","label":"责任部门"},{"field":"handler","label":"处理责任人"},{"field":"deadline","label":"处理期限"}]},{"title":"调查","fields":[{"field":"investigation.responsibility","label":"责任归属"},{"field":"investigation.shares","label":"责任比率"},{"field":"investigation.responsible","label":"责任部门/人"},{"field":"investigation.cause","label":"发生原因","text":true},{"field":"investigation.details","label":"具体经过","text":true},{"field":"investigation.conclusion","label":"调查结论","text":true},{"field":"investigation.measures","label":"纠正预防措施","text":true}],"when":"investigation"},{"title":"处理方案与核决","fields":[{"field":"resolution.type","label":"处理方式"},{"field":"resolution.amount","label":"金额"},{"field":"resolution.chain","label":"审批层级"},{"field":"resolution.text","label":"方案说明","text":true}],"when":"resolution","signatures":true},{"title":"答复客户","fields":[{"field":"reply.at","label":"时间"},{"field":"reply.method","label":"方式"},{"field":"reply.by","label":"答复人"},{"field":"reply.accepted","label":"客户接受"},{"field":"reply.content","label":"答复内容","text":true}],"when":"reply"},{"title":"回访","fields":[{"field":"follow_up.at","label":"时间"},{"field":"follow_up.method","label":"方式"},{"field":"follow_up.by","label":"回访人"},{"field":"follow_up.solved","label":"问题解决"},{"field":"follow_up.satisfaction","label":"满意度"},{"field":"follow_up.comments","label":"客户意见","text":true}],"when":"follow_up"}]'
)
OPINIONS_SECTION: dict[str, Any] = {
    "title": "会签意见",
    "fields": [{"field": "opinions", "label": "会签意见", "text": True}],
    "when": "opinions",
}
OPINIONS_BOX: dict[str, Any] = {
    "field": "opinions",
    "x": 35.0,
    "y": 205.0,
    "width": 195.0,
    "lines": 3,
    "size": 9.0,
}
#: The shipped rule and policy of the new step at the time of this migration (``domain/defaults``).
RULE = {
    "priority": 130,
    "label": "会签意见 2 个工作日",
    "amount": 2,
    "unit": "working_days",
    "step": "opinion",
}
POLICY = {"step": "opinion", "warn_before_minutes": 240, "on_overdue": "escalate", "role": "dept_manager"}

FORM_SPEC = sa.table("form_spec", sa.column("code", sa.String), sa.column("spec", sa.JSON))
SLA_RULE = sa.table(
    "sla_rule",
    sa.column("priority", sa.Integer),
    sa.column("label", sa.String),
    sa.column("amount", sa.Integer),
    sa.column("unit", sa.String),
    sa.column("step", sa.String),
    sa.column("severity_or_major", sa.Boolean),
)
STEP_POLICY = sa.table(
    "step_policy",
    sa.column("step", sa.String),
    sa.column("warn_before_minutes", sa.Integer),
    sa.column("on_overdue", sa.String),
    sa.column("role", sa.String),
    sa.column("active", sa.Boolean),
)


def upgrade() -> None:
    op.create_table(
        "opinion_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("due_unconfirmed", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("share_percent", sa.Integer(), nullable=True),
        sa.Column("signer_id", sa.Integer(), nullable=True),
        sa.Column("signer_name", sa.String(length=50), nullable=False),
        sa.Column("signer_role", sa.String(length=20), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=True),
        sa.Column("waived_at", sa.DateTime(), nullable=True),
        sa.Column("waive_reason", sa.Text(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asked_by_id"], ["user_account.id"], name="fk_opinion_request_asked_by_id_user_account"
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name="fk_opinion_request_case_id_complaint_case"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name="fk_opinion_request_department_id_department"
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["user_account.id"], name="fk_opinion_request_signer_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_opinion_request"),
    )
    op.create_index("ix_opinion_request_case_id", "opinion_request", ["case_id"], unique=False)
    op.create_index("ix_opinion_request_pending", "opinion_request", ["state", "due_at"], unique=False)

    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT count(*) FROM branch")).scalar():
        return  # a new database: ``init`` seeds the rule, the policy and the forms
    if not bind.execute(
        sa.select(sa.func.count()).select_from(SLA_RULE).where(SLA_RULE.c.step == "opinion")
    ).scalar():
        op.bulk_insert(SLA_RULE, [{**RULE, "severity_or_major": False}])
    if not bind.execute(
        sa.select(sa.func.count()).select_from(STEP_POLICY).where(STEP_POLICY.c.step == "opinion")
    ).scalar():
        op.bulk_insert(STEP_POLICY, [{**POLICY, "active": True}])
    for code, spec in bind.execute(sa.select(FORM_SPEC.c.code, FORM_SPEC.c.spec)).all():
        spec = json.loads(spec) if isinstance(spec, str) else spec
        if code != "handling" or spec.get("sections") != SHIPPED_SECTIONS:
            continue
        sections = list(spec["sections"])
        after = next(i for i, s in enumerate(sections) if s.get("when") == "investigation") + 1
        sections.insert(after, OPINIONS_SECTION)
        overlay = list(spec.get("overlay", []))
        if not any(box.get("field") == "opinions" for box in overlay):
            at = next((i for i, b in enumerate(overlay) if b.get("field") == "reply.content"), len(overlay))
            overlay.insert(at, OPINIONS_BOX)
        bind.execute(
            FORM_SPEC.update()
            .where(FORM_SPEC.c.code == code)
            .values(spec={**spec, "sections": sections, "overlay": overlay})
        )


def downgrade() -> None:
    bind = op.get_bind()
    for code, spec in bind.execute(sa.select(FORM_SPEC.c.code, FORM_SPEC.c.spec)).all():
        spec = json.loads(spec) if isinstance(spec, str) else spec
        sections = [s for s in spec.get("sections", []) if s != OPINIONS_SECTION]
        overlay = [b for b in spec.get("overlay", []) if b.get("field") != "opinions"]
        if sections != spec.get("sections") or overlay != spec.get("overlay"):
            bind.execute(
                FORM_SPEC.update()
                .where(FORM_SPEC.c.code == code)
                .values(spec={**spec, "sections": sections, "overlay": overlay})
            )
    bind.execute(STEP_POLICY.delete().where(STEP_POLICY.c.step == "opinion"))
    bind.execute(SLA_RULE.delete().where(SLA_RULE.c.step == "opinion"))
    op.drop_index("ix_opinion_request_pending", table_name="opinion_request")
    op.drop_index("ix_opinion_request_case_id", table_name="opinion_request")
    op.drop_table("opinion_request")
