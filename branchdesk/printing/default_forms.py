"""The default form set (issue 13 "forms"): the six forms BranchDesk printed from code, as data.

Each form is what ``content.py`` and the layouts in ``overlay.py`` printed before: the same sections,
labels, order and millimetre positions, so the golden texts in ``tests/data/forms_golden`` still hold.
Seeded into table ``form_spec`` by init and migration 0016; a branch edits its own copy there.
"""

from __future__ import annotations

from branchdesk.domain.defaults import FORM_COPIES, FORM_TITLES
from branchdesk.printing.form_spec import (
    ALL_CUSTOM,
    FIXED,
    CopySpec,
    FieldSpec,
    FormSpec,
    OverlayBox,
    SectionSpec,
)

F = FieldSpec
T = True  # a long text below the grid
CUSTOM_SECTION = "补充信息"


def _custom() -> SectionSpec:
    # After the first section, with the intake facts the branch's own fields belong to (issue 12);
    # plain mode only: the pre-printed carbon sets have no boxes for them.
    return SectionSpec(CUSTOM_SECTION, [F(ALL_CUSTOM)], when="filled", plain_only=True)


def _copies(form: str) -> list[CopySpec]:
    return [
        CopySpec(number, destination, colour, "", phone, internal)
        for number, destination, colour, phone, internal in FORM_COPIES[form]
    ]


def _boxes(
    rows: list[
        tuple[str, float, float, float]
        | tuple[str, float, float, float, int]
        | tuple[str, float, float, float, int, float]
    ],
) -> list[OverlayBox]:
    boxes = []
    for field_ref, x, y, width, *rest in rows:
        # floats as the spec reads them back, so a stored form and its defaults compare equal as data
        lines = int(rest[0]) if rest else 1
        size = float(rest[1]) if len(rest) > 1 else 9.0
        boxes.append(OverlayBox(field_ref, float(x), float(y), float(width), lines, size))
    return boxes


def default_forms() -> list[FormSpec]:
    """A fresh copy of the six default forms, in the order the print dialog offers them."""
    return [_receipt(), _handling(), _allowance(), _return(), _penalty(), _report()]


def _receipt() -> FormSpec:
    return FormSpec(
        "receipt",
        FORM_TITLES["receipt"],
        copies=_copies("receipt"),
        sections=[
            SectionSpec(
                "受理信息",
                [
                    F("case_no", "受理编号"),
                    F("received_at", "受理时间"),
                    F("complainant", "投诉人"),
                    F("phone", "联系电话"),
                    F("recorder", "受理人"),
                    F("channel", "投诉渠道"),
                    F("content", "投诉内容", T),
                    F("request", "您的要求", T),
                ],
            ),
            _custom(),
            SectionSpec(
                "答复承诺",
                [
                    F("reply_due", "最迟答复日期"),
                    F("branch.phone", "网点联系电话", empty="—"),
                    F("branch.address", "网点地址", empty="—"),
                    F("branch.postal_code", "邮政编码"),
                    F("branch.fax", "传真"),
                    F(
                        FIXED,
                        "说明",
                        T,
                        value="我们将在上述日期前答复您。请保留本回执，查询时请告知受理编号。感谢您的理解与支持。",
                    ),
                ],
            ),
        ],
        overlay=_boxes(
            [
                ("case_no", 150, 22, 70),
                ("received_at", 40, 34, 60),
                ("complainant", 140, 34, 60),
                ("phone", 40, 44, 60),
                ("recorder", 140, 44, 60),
                ("content", 40, 56, 180, 4),
                ("request", 40, 84, 180, 2),
                ("reply_due", 40, 100, 70),
                ("branch.phone", 140, 100, 70),
                ("branch.address", 40, 110, 180),
            ]
        ),
        offered_by=["registered"],
        refuses_draft=False,
    )


def _handling() -> FormSpec:
    return FormSpec(
        "handling",
        FORM_TITLES["handling"],
        paper="A4",
        overlay_paper="241-1",
        copies=_copies("handling"),
        sections=[
            SectionSpec(
                "受理",
                [
                    F("received_at", "受理时间"),
                    F("channel", "投诉渠道"),
                    F("kind", "性质"),
                    F("complainant", "投诉人"),
                    F("phone", "联系电话"),
                    F("company", "单位/客户"),
                    F("order_no", "订单编号"),
                    F("product", "产品或服务"),
                    F("part_no", "料号/型号"),
                    F("lot_no", "批号"),
                    F("quantity", "数量"),
                    F("defective_quantity", "不良数量"),
                    F("delivery_date", "交运日期"),
                    F("complained", "被投诉部门/人"),
                    F("recorder", "受理人"),
                    F("request", "客户要求"),
                    F("content", "投诉内容", T),
                ],
            ),
            _custom(),
            # issue 14 part D: a returning complaint prints 附原表 with the original's number
            SectionSpec(
                "附原表",
                [
                    F("original.case_no", "原表编号"),
                    F("original.received_at", "原受理时间"),
                    F("original.close", "原表结果"),
                ],
                when="original",
            ),
            SectionSpec(
                "分诊",
                [
                    F("valid", "有效性"),
                    F("category", "类别"),
                    F("severity", "等级"),
                    F("major", "重大投诉"),
                    F("department", "责任部门"),
                    F("handler", "处理责任人"),
                    F("deadline", "处理期限"),
                ],
            ),
            SectionSpec(
                "调查",
                [
                    F("investigation.responsibility", "责任归属"),
                    F("investigation.shares", "责任比率"),
                    F("investigation.responsible", "责任部门/人"),
                    F("investigation.cause", "发生原因", T),
                    F("investigation.details", "具体经过", T),
                    F("investigation.conclusion", "调查结论", T),
                    F("investigation.measures", "纠正预防措施", T),
                ],
                when="investigation",
            ),
            # issue 14 part A: one block per department asked for its opinion (会签), beside the investigation
            SectionSpec("会签意见", [F("opinions", "会签意见", T)], when="opinions"),
            SectionSpec(
                "处理方案与核决",
                [
                    F("resolution.type", "处理方式"),
                    F("resolution.amount", "金额"),
                    F("resolution.chain", "审批层级"),
                    F("resolution.text", "方案说明", T),
                ],
                when="resolution",
                signatures=True,
            ),
            SectionSpec(
                "答复客户",
                [
                    F("reply.at", "时间"),
                    F("reply.method", "方式"),
                    F("reply.by", "答复人"),
                    F("reply.accepted", "客户接受"),
                    F("reply.content", "答复内容", T),
                ],
                when="reply",
            ),
            SectionSpec(
                "回访",
                [
                    F("follow_up.at", "时间"),
                    F("follow_up.method", "方式"),
                    F("follow_up.by", "回访人"),
                    F("follow_up.solved", "问题解决"),
                    F("follow_up.satisfaction", "满意度"),
                    F("follow_up.comments", "客户意见", T),
                ],
                when="follow_up",
            ),
        ],
        overlay=_boxes(
            [
                ("received_at", 35, 32, 55),
                ("channel", 115, 32, 35),
                ("kind", 180, 32, 40),
                ("complainant", 35, 41, 55),
                ("phone", 115, 41, 45),
                ("company", 180, 41, 50),
                ("order_no", 35, 50, 55),
                ("product", 115, 50, 50),
                ("part_no", 180, 50, 50),
                ("lot_no", 35, 59, 55),
                ("quantity", 115, 59, 30),
                ("defective_quantity", 180, 59, 40),
                ("content", 35, 70, 195, 5),
                ("request", 35, 102, 195, 1),
                ("category", 35, 112, 60),
                ("severity", 115, 112, 30),
                ("department", 180, 112, 50),
                ("handler", 35, 121, 55),
                ("deadline", 115, 121, 60),
                ("investigation.cause", 35, 132, 195, 3),
                ("investigation.conclusion", 35, 152, 195, 2),
                ("investigation.measures", 35, 166, 195, 2),
                ("resolution.type", 35, 182, 50),
                ("resolution.amount", 115, 182, 50),
                ("resolution.text", 35, 191, 195, 2),
                ("opinions", 35, 205, 195, 3),  # issue 14 part A: the rest goes to the 附页
                ("reply.content", 35, 226, 195, 2),
                ("follow_up.satisfaction", 35, 244, 40),
                ("follow_up.comments", 115, 244, 115, 1),
            ]
        ),
        offered_by=["open_or_closed"],
    )


def _allowance() -> FormSpec:
    return FormSpec(
        "allowance",
        FORM_TITLES["allowance"],
        copies=_copies("allowance"),
        sections=[
            SectionSpec(
                "折让",
                [
                    F("complainant", "客户"),
                    F("company", "单位"),
                    F("order_no", "订单编号"),
                    F("product", "产品"),
                    F("resolution.amount", "折让金额"),
                    F("resolution.chain", "核准"),
                    F("resolution.reason", "折让原因", T),
                ],
                signatures=True,
            ),
            _custom(),
        ],
        overlay=_boxes(
            [
                ("complainant", 35, 30, 80),
                ("order_no", 150, 30, 70),
                ("product", 35, 42, 80),
                ("resolution.amount", 150, 42, 70, 1, 11),
                ("resolution.reason", 35, 56, 190, 3),
            ]
        ),
        offered_by=["approved:allowance"],
    )


def _return() -> FormSpec:
    return FormSpec(
        "return",
        FORM_TITLES["return"],
        copies=_copies("return"),
        sections=[
            SectionSpec(
                "退货",
                [
                    F("complainant", "客户"),
                    F("company", "单位"),
                    F("order_no", "订单编号"),
                    F("product", "产品"),
                    F("part_no", "料号/型号"),
                    F("lot_no", "批号"),
                    F("quantity", "数量"),
                    F("defective_quantity", "不良数量"),
                    F("resolution.amount", "金额"),
                    F("resolution.reason", "退货原因", T),
                ],
                signatures=True,
            ),
            _custom(),
        ],
        overlay=_boxes(
            [
                ("complainant", 35, 30, 80),
                ("order_no", 150, 30, 70),
                ("product", 35, 40, 80),
                ("part_no", 150, 40, 70),
                ("lot_no", 35, 50, 60),
                ("quantity", 110, 50, 30),
                ("defective_quantity", 170, 50, 40),
                ("resolution.reason", 35, 62, 190, 3),
            ]
        ),
        offered_by=["approved:return"],
    )


def _penalty() -> FormSpec:
    """The 奖罚通知单 (issue 14 part C): printed from one approved reward/penalty record, its approvals
    with names; three copies (seed 000: 总经理室自存, 会计查核, 受罚部门)."""
    return FormSpec(
        "penalty",
        FORM_TITLES["penalty"],
        copies=_copies("penalty"),
        sections=[
            SectionSpec(
                "奖罚",
                [
                    F("reward.no", "奖罚编号"),
                    F("reward.subject", "奖罚对象"),
                    F("reward.department", "所属部门"),
                    F("reward.kind", "类别"),
                    F("reward.item", "奖罚标准"),
                    F("reward.amount", "金额"),
                    F("reward.points", "绩效分"),
                    F("reward.measure", "处分"),
                    F("reward.proposer", "提出人"),
                    F("reward.reason", "事由", T),
                    F("reward.approvals", "核准", T),
                ],
            ),
            _custom(),
        ],
        overlay=_boxes(
            [
                ("reward.subject", 35, 30, 100),
                ("reward.kind", 160, 30, 60),
                ("reward.item", 35, 40, 100),
                ("reward.amount", 160, 40, 60),
                ("reward.reason", 35, 52, 190, 2),
                ("reward.approvals", 35, 70, 190, 2),
            ]
        ),
        offered_by=["reward_approved"],
    )


def _report() -> FormSpec:
    return FormSpec(
        "report",
        FORM_TITLES["report"],
        paper="A4",
        overlay_paper="241-1",
        copies=_copies("report"),
        sections=[
            SectionSpec(
                "投诉调查报告",
                [
                    F("complainant", "客户"),
                    F("received_at", "受理时间"),
                    F("category", "类别"),
                    F("investigation.responsible", "责任部门/人"),
                    F("investigation.responsibility", "责任归属"),
                    F("investigation.shares", "责任比率"),
                    F("investigation.track", "改善追踪"),
                    F("investigation.author", "调查人"),
                    F("content", "投诉内容", T),
                    F("investigation.cause", "发生原因", T),
                    F("investigation.details", "具体经过", T),
                    F("investigation.conclusion", "调查结论", T),
                    F("investigation.corrective", "纠正措施", T),
                    F("investigation.preventive", "预防措施", T),
                ],
            ),
            _custom(),
        ],
        overlay=_boxes(
            [
                ("complainant", 35, 30, 80),
                ("received_at", 150, 30, 70),
                ("category", 35, 40, 80),
                ("investigation.responsible", 150, 40, 70),
                ("content", 35, 52, 195, 4),
                ("investigation.cause", 35, 82, 195, 4),
                ("investigation.details", 35, 112, 195, 6),
                ("investigation.conclusion", 35, 158, 195, 3),
                ("investigation.corrective", 35, 184, 195, 3),
                ("investigation.preventive", 35, 210, 195, 3),
            ]
        ),
        offered_by=["investigated"],
    )
