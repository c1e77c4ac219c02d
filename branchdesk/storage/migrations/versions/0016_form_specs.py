"""Forms as data (issue 13 "forms"): table ``form_spec`` replaces ``form_copy``.

- ``form_spec``: code, the form as JSON (``printing/form_spec.FormSpec.to_dict``), active, order;
- an existing branch gets the six default forms, with the copies it had set in ``form_copy`` folded in
  (number, destination, colour, shows phone, internal), so an edited routing survives;
- ``form_copy`` is dropped (downgrade rebuilds it from the specs' copies).

Revision ID: 0016
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None

# A frozen copy of ``printing/default_forms.default_forms()`` as it was when this migration was written:
# a migration must keep doing what it did when later code changes.
DEFAULT_FORMS = [
    '{"code":"receipt","title":"客户投诉受理回执","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"客户","colour":"白","department":"","shows_phone":true,"internal":false},{"number":2,"name":"存根","colour":"红","department":"","shows_phone":true,"internal":true}],"sections":[{"title":"受理信息","fields":[{"field":"case_no","label":"受理编号"},{"field":"received_at","label":"受理时间"},{"field":"complainant","label":"投诉人"},{"field":"phone","label":"联系电话"},{"field":"recorder","label":"受理人"},{"field":"channel","label":"投诉渠道"},{"field":"content","label":"投诉内容","text":true},{"field":"request","label":"您的要求","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true},{"title":"答复承诺","fields":[{"field":"reply_due","label":"最迟答复日期"},{"field":"branch.phone","label":"网点联系电话","empty":"—"},{"field":"branch.address","label":"网点地址","empty":"—"},{"field":"branch.postal_code","label":"邮政编码"},{"field":"branch.fax","label":"传真"},{"field":"fixed","label":"说明","text":true,"value":"我们将在上述日期前答复您。请保留本回执，查询时请告知受理编号。感谢您的理解与支持。"}]}],"signature_blocks":[],"overlay":[{"field":"case_no","x":150,"y":22,"width":70,"lines":1,"size":9},{"field":"received_at","x":40,"y":34,"width":60,"lines":1,"size":9},{"field":"complainant","x":140,"y":34,"width":60,"lines":1,"size":9},{"field":"phone","x":40,"y":44,"width":60,"lines":1,"size":9},{"field":"recorder","x":140,"y":44,"width":60,"lines":1,"size":9},{"field":"content","x":40,"y":56,"width":180,"lines":4,"size":9},{"field":"request","x":40,"y":84,"width":180,"lines":2,"size":9},{"field":"reply_due","x":40,"y":100,"width":70,"lines":1,"size":9},{"field":"branch.phone","x":140,"y":100,"width":70,"lines":1,"size":9},{"field":"branch.address","x":40,"y":110,"width":180,"lines":1,"size":9}],"offered_by":["registered"],"refuses_draft":false}',
    '{"code":"handling","title":"客户抱怨处理表","paper":"A4","overlay_paper":"241-1","copies":[{"number":1,"name":"质量管理部","colour":"白","department":"","shows_phone":false,"internal":true},{"number":2,"name":"制造部门","colour":"红","department":"","shows_phone":false,"internal":true},{"number":3,"name":"业务部门(依批示办理)","colour":"蓝","department":"","shows_phone":true,"internal":true},{"number":4,"name":"会计科","colour":"黄","department":"","shows_phone":false,"internal":true},{"number":5,"name":"总经理室","colour":"绿","department":"","shows_phone":true,"internal":true}],"sections":[{"title":"受理","fields":[{"field":"received_at","label":"受理时间"},{"field":"channel","label":"投诉渠道"},{"field":"kind","label":"性质"},{"field":"complainant","label":"投诉人"},{"field":"phone","label":"联系电话"},{"field":"company","label":"单位/客户"},{"field":"order_no","label":"订单编号"},{"field":"product","label":"产品或服务"},{"field":"part_no","label":"料号/型号"},{"field":"lot_no","label":"批号"},{"field":"quantity","label":"数量"},{"field":"defective_quantity","label":"不良数量"},{"field":"delivery_date","label":"交运日期"},{"field":"complained","label":"被投诉部门/人"},{"field":"recorder","label":"受理人"},{"field":"request","label":"客户要求"},{"field":"content","label":"投诉内容","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true},{"title":"分诊","fields":[{"field":"valid","label":"有效性"},{"field":"category","label":"类别"},{"field":"severity","label":"等级"},{"field":"major","label":"重大投诉"},{"field":"department","label":"责任部门"},{"field":"handler","label":"处理责任人"},{"field":"deadline","label":"处理期限"}]},{"title":"调查","fields":[{"field":"investigation.responsibility","label":"责任归属"},{"field":"investigation.shares","label":"责任比率"},{"field":"investigation.responsible","label":"责任部门/人"},{"field":"investigation.cause","label":"发生原因","text":true},{"field":"investigation.details","label":"具体经过","text":true},{"field":"investigation.conclusion","label":"调查结论","text":true},{"field":"investigation.measures","label":"纠正预防措施","text":true}],"when":"investigation"},{"title":"处理方案与核决","fields":[{"field":"resolution.type","label":"处理方式"},{"field":"resolution.amount","label":"金额"},{"field":"resolution.chain","label":"审批层级"},{"field":"resolution.text","label":"方案说明","text":true}],"when":"resolution","signatures":true},{"title":"答复客户","fields":[{"field":"reply.at","label":"时间"},{"field":"reply.method","label":"方式"},{"field":"reply.by","label":"答复人"},{"field":"reply.accepted","label":"客户接受"},{"field":"reply.content","label":"答复内容","text":true}],"when":"reply"},{"title":"回访","fields":[{"field":"follow_up.at","label":"时间"},{"field":"follow_up.method","label":"方式"},{"field":"follow_up.by","label":"回访人"},{"field":"follow_up.solved","label":"问题解决"},{"field":"follow_up.satisfaction","label":"满意度"},{"field":"follow_up.comments","label":"客户意见","text":true}],"when":"follow_up"}],"signature_blocks":[],"overlay":[{"field":"received_at","x":35,"y":32,"width":55,"lines":1,"size":9},{"field":"channel","x":115,"y":32,"width":35,"lines":1,"size":9},{"field":"kind","x":180,"y":32,"width":40,"lines":1,"size":9},{"field":"complainant","x":35,"y":41,"width":55,"lines":1,"size":9},{"field":"phone","x":115,"y":41,"width":45,"lines":1,"size":9},{"field":"company","x":180,"y":41,"width":50,"lines":1,"size":9},{"field":"order_no","x":35,"y":50,"width":55,"lines":1,"size":9},{"field":"product","x":115,"y":50,"width":50,"lines":1,"size":9},{"field":"part_no","x":180,"y":50,"width":50,"lines":1,"size":9},{"field":"lot_no","x":35,"y":59,"width":55,"lines":1,"size":9},{"field":"quantity","x":115,"y":59,"width":30,"lines":1,"size":9},{"field":"defective_quantity","x":180,"y":59,"width":40,"lines":1,"size":9},{"field":"content","x":35,"y":70,"width":195,"lines":5,"size":9},{"field":"request","x":35,"y":102,"width":195,"lines":1,"size":9},{"field":"category","x":35,"y":112,"width":60,"lines":1,"size":9},{"field":"severity","x":115,"y":112,"width":30,"lines":1,"size":9},{"field":"department","x":180,"y":112,"width":50,"lines":1,"size":9},{"field":"handler","x":35,"y":121,"width":55,"lines":1,"size":9},{"field":"deadline","x":115,"y":121,"width":60,"lines":1,"size":9},{"field":"investigation.cause","x":35,"y":132,"width":195,"lines":3,"size":9},{"field":"investigation.conclusion","x":35,"y":152,"width":195,"lines":2,"size":9},{"field":"investigation.measures","x":35,"y":166,"width":195,"lines":2,"size":9},{"field":"resolution.type","x":35,"y":182,"width":50,"lines":1,"size":9},{"field":"resolution.amount","x":115,"y":182,"width":50,"lines":1,"size":9},{"field":"resolution.text","x":35,"y":191,"width":195,"lines":2,"size":9},{"field":"reply.content","x":35,"y":226,"width":195,"lines":2,"size":9},{"field":"follow_up.satisfaction","x":35,"y":244,"width":40,"lines":1,"size":9},{"field":"follow_up.comments","x":115,"y":244,"width":115,"lines":1,"size":9}],"offered_by":["open_or_closed"],"refuses_draft":true}',
    '{"code":"allowance","title":"销货折让证明单","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"业务部","colour":"白","department":"","shows_phone":true,"internal":true},{"number":2,"name":"会计","colour":"红","department":"","shows_phone":false,"internal":true}],"sections":[{"title":"折让","fields":[{"field":"complainant","label":"客户"},{"field":"company","label":"单位"},{"field":"order_no","label":"订单编号"},{"field":"product","label":"产品"},{"field":"resolution.amount","label":"折让金额"},{"field":"resolution.chain","label":"核准"},{"field":"resolution.reason","label":"折让原因","text":true}],"signatures":true},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"complainant","x":35,"y":30,"width":80,"lines":1,"size":9},{"field":"order_no","x":150,"y":30,"width":70,"lines":1,"size":9},{"field":"product","x":35,"y":42,"width":80,"lines":1,"size":9},{"field":"resolution.amount","x":150,"y":42,"width":70,"lines":1,"size":11},{"field":"resolution.reason","x":35,"y":56,"width":190,"lines":3,"size":9}],"offered_by":["approved:allowance"],"refuses_draft":true}',
    '{"code":"return","title":"成品退货单","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"业务部(自存督促)","colour":"白","department":"","shows_phone":true,"internal":true},{"number":2,"name":"成品仓储","colour":"红","department":"","shows_phone":false,"internal":true},{"number":3,"name":"会计科","colour":"蓝","department":"","shows_phone":false,"internal":true},{"number":4,"name":"业务部","colour":"黄","department":"","shows_phone":true,"internal":true}],"sections":[{"title":"退货","fields":[{"field":"complainant","label":"客户"},{"field":"company","label":"单位"},{"field":"order_no","label":"订单编号"},{"field":"product","label":"产品"},{"field":"part_no","label":"料号/型号"},{"field":"lot_no","label":"批号"},{"field":"quantity","label":"数量"},{"field":"defective_quantity","label":"不良数量"},{"field":"resolution.amount","label":"金额"},{"field":"resolution.reason","label":"退货原因","text":true}],"signatures":true},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"complainant","x":35,"y":30,"width":80,"lines":1,"size":9},{"field":"order_no","x":150,"y":30,"width":70,"lines":1,"size":9},{"field":"product","x":35,"y":40,"width":80,"lines":1,"size":9},{"field":"part_no","x":150,"y":40,"width":70,"lines":1,"size":9},{"field":"lot_no","x":35,"y":50,"width":60,"lines":1,"size":9},{"field":"quantity","x":110,"y":50,"width":30,"lines":1,"size":9},{"field":"defective_quantity","x":170,"y":50,"width":40,"lines":1,"size":9},{"field":"resolution.reason","x":35,"y":62,"width":190,"lines":3,"size":9}],"offered_by":["approved:return"],"refuses_draft":true}',
    '{"code":"penalty","title":"奖罚通知单","paper":"A5L","overlay_paper":"241-2","copies":[{"number":1,"name":"总经理室(自存)","colour":"白","department":"","shows_phone":false,"internal":true},{"number":2,"name":"会计","colour":"红","department":"","shows_phone":false,"internal":true},{"number":3,"name":"受罚部门","colour":"蓝","department":"","shows_phone":false,"internal":true}],"sections":[{"title":"奖罚","fields":[{"field":"investigation.responsible","label":"责任部门/人"},{"field":"investigation.responsibility","label":"责任归属"},{"field":"investigation.shares","label":"责任比率"},{"field":"resolution.amount","label":"涉及金额"},{"field":"investigation.cause","label":"事由","text":true},{"field":"investigation.conclusion","label":"调查结论","text":true},{"field":"investigation.measures","label":"纠正预防措施","text":true},{"field":"fixed","label":"奖罚意见","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"investigation.responsible","x":35,"y":30,"width":100,"lines":1,"size":9},{"field":"investigation.responsibility","x":160,"y":30,"width":60,"lines":1,"size":9},{"field":"investigation.shares","x":35,"y":40,"width":100,"lines":1,"size":9},{"field":"resolution.amount","x":160,"y":40,"width":60,"lines":1,"size":9},{"field":"investigation.cause","x":35,"y":52,"width":190,"lines":2,"size":9},{"field":"investigation.conclusion","x":35,"y":70,"width":190,"lines":2,"size":9}],"offered_by":["investigated","responsibility_shared"],"refuses_draft":true}',
    '{"code":"report","title":"投诉调查报告","paper":"A4","overlay_paper":"241-1","copies":[{"number":1,"name":"存档","colour":"白","department":"","shows_phone":true,"internal":true}],"sections":[{"title":"投诉调查报告","fields":[{"field":"complainant","label":"客户"},{"field":"received_at","label":"受理时间"},{"field":"category","label":"类别"},{"field":"investigation.responsible","label":"责任部门/人"},{"field":"investigation.responsibility","label":"责任归属"},{"field":"investigation.shares","label":"责任比率"},{"field":"investigation.track","label":"改善追踪"},{"field":"investigation.author","label":"调查人"},{"field":"content","label":"投诉内容","text":true},{"field":"investigation.cause","label":"发生原因","text":true},{"field":"investigation.details","label":"具体经过","text":true},{"field":"investigation.conclusion","label":"调查结论","text":true},{"field":"investigation.corrective","label":"纠正措施","text":true},{"field":"investigation.preventive","label":"预防措施","text":true}]},{"title":"补充信息","fields":[{"field":"custom:*"}],"when":"filled","plain_only":true}],"signature_blocks":[],"overlay":[{"field":"complainant","x":35,"y":30,"width":80,"lines":1,"size":9},{"field":"received_at","x":150,"y":30,"width":70,"lines":1,"size":9},{"field":"category","x":35,"y":40,"width":80,"lines":1,"size":9},{"field":"investigation.responsible","x":150,"y":40,"width":70,"lines":1,"size":9},{"field":"content","x":35,"y":52,"width":195,"lines":4,"size":9},{"field":"investigation.cause","x":35,"y":82,"width":195,"lines":4,"size":9},{"field":"investigation.details","x":35,"y":112,"width":195,"lines":6,"size":9},{"field":"investigation.conclusion","x":35,"y":158,"width":195,"lines":3,"size":9},{"field":"investigation.corrective","x":35,"y":184,"width":195,"lines":3,"size":9},{"field":"investigation.preventive","x":35,"y":210,"width":195,"lines":3,"size":9}],"offered_by":["investigated"],"refuses_draft":true}',
]

FORM_COPY = sa.table(
    "form_copy",
    sa.column("id", sa.Integer),
    sa.column("form", sa.String),
    sa.column("copy_no", sa.Integer),
    sa.column("destination", sa.String),
    sa.column("colour", sa.String),
    sa.column("shows_phone", sa.Boolean),
    sa.column("internal", sa.Boolean),
)
FORM_SPEC = sa.table(
    "form_spec",
    sa.column("code", sa.String),
    sa.column("spec", sa.JSON),
    sa.column("active", sa.Boolean),
    sa.column("sort_order", sa.Integer),
)


def upgrade() -> None:
    op.create_table(
        "form_spec",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_form_spec"),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(FORM_COPY).order_by(FORM_COPY.c.form, FORM_COPY.c.copy_no)
    ).mappings().all()
    if rows:  # an initialised branch (a new one is seeded by ``init``)
        copies: dict[str, list[dict[str, object]]] = {}
        for row in rows:
            copies.setdefault(row["form"], []).append(
                {
                    "number": row["copy_no"],
                    "name": row["destination"],
                    "colour": row["colour"],
                    "department": "",
                    "shows_phone": bool(row["shows_phone"]),
                    "internal": bool(row["internal"]),
                }
            )
        for order, text in enumerate(DEFAULT_FORMS):
            spec = json.loads(text)
            if spec["code"] in copies:
                spec["copies"] = copies[spec["code"]]
            bind.execute(
                FORM_SPEC.insert().values(code=spec["code"], spec=spec, active=True, sort_order=order)
            )
    op.drop_table("form_copy")


def downgrade() -> None:
    op.create_table(
        "form_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("copy_no", sa.Integer(), nullable=False),
        sa.Column("destination", sa.String(length=50), nullable=False),
        sa.Column("colour", sa.String(length=10), nullable=False),
        sa.Column("shows_phone", sa.Boolean(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_form_copy"),
        sa.UniqueConstraint("form", "copy_no", name="uq_form_copy_form"),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(FORM_SPEC.c.code, FORM_SPEC.c.spec)).mappings().all():
        spec = row["spec"] if isinstance(row["spec"], dict) else json.loads(row["spec"])
        for copy in spec.get("copies", []):
            bind.execute(
                FORM_COPY.insert().values(
                    form=row["code"][:20],
                    copy_no=copy["number"],
                    destination=copy["name"][:50],
                    colour=copy["colour"][:10],
                    shows_phone=copy["shows_phone"],
                    internal=copy["internal"],
                )
            )
    op.drop_table("form_spec")
