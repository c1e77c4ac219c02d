"""A made-up case that fills every field a form can print (issue 13 "forms"): the settings' preview.

Pure: a form being edited is rendered for this case before it is saved, so positions and fields can be
checked without touching a real customer's data.
"""

from __future__ import annotations

from branchdesk.printing.content import PrintableCase


def sample_case(
    branch_name: str, forms: list[str], custom: dict[str, tuple[str, str]] | None = None
) -> PrintableCase:
    """A sample case; ``custom`` is the branch's custom fields (key -> (label, sample value))."""
    custom = custom or {}
    rows = list(custom.values())
    data = {
        "received_at": "2026-11-02 09:00",
        "channel": "电话",
        "kind": "投诉",
        "complainant": "王先生",
        "company": "示例贸易有限公司",
        "order_no": "PO-2026-0001",
        "product": "电动工具套装",
        "part_no": "DT-200",
        "lot_no": "L2611",
        "quantity": 20,
        "defective_quantity": 2,
        "delivery_date": "2026-10-28",
        "complained": "物流部",
        "recorder": "刘芳",
        "request": "赔偿 200.00 元",
        "content": "收到的货物外包装破损，内有两件产品划伤。",
        "phone_normalized": "13800135678",
        "valid": "有效投诉",
        "category": "业务类 / 货损",
        "severity": "一般",
        "major": "否",
        "department": "质量管理部",
        "handler": "张伟",
        "deadline": "2026-11-05 17:30",
        "reply_due": "2026年11月05日 17:30",
        "investigation": {
            "cause": "承运商装卸不当",
            "details": "外箱受压",
            "conclusion": "属实",
            "corrective": "复检",
            "preventive": "更换承运商",
            "measures": "复检；更换承运商",
            "responsibility": "我方",
            "track": "列案追踪",
            "author": "张伟",
            "shares": "质量管理部 100%",
            "responsible": "质量管理部",
        },
        "resolution": {
            "type": "折让",
            "amount": "200.00 元",
            "text": "折让 200 元",
            "chain": "主管 → 经理",
            "signatures": [("1. 主管", "赵敏", "主管", "2026-11-03 10:00", "批准")],
        },
        "reply": {
            "at": "2026-11-04 10:00",
            "method": "电话",
            "by": "刘芳",
            "accepted": "是",
            "content": "已告知",
        },
        "follow_up": {
            "at": "2026-11-10 10:00",
            "method": "电话",
            "by": "刘芳",
            "solved": "是",
            "satisfaction": "5/5",
            "comments": "满意",
        },
    }
    return PrintableCase(
        case_no="SAMPLE-001",
        branch_name=branch_name,
        branch_phone="021-0000 0000",
        branch_address="示例路 1 号",
        phone="138 0013 5678",
        data=data,
        custom={form: list(rows) for form in forms},  # ``custom:*``: every field, on every form
        custom_fields=dict(custom),
    )
