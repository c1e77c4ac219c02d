"""Turning stored change triples (field, old, new) into words a clerk reads on the timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from branchdesk.domain.intake import FIELD_LABELS
from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import Severity

LABELS: dict[str, str] = {
    **FIELD_LABELS,
    "status": "状态",
    "valid": "有效性",
    "invalid_reason": "无效原因",
    "category_id": "投诉类别",
    "severity": "等级",
    "loss_estimate_fen": "损失估计",
    "declared_major": "认定重大",
    "responsible_department_id": "责任部门",
    "handler_id": "处理责任人",
    "triaged_at": "分诊时间",
    "assigned_at": "分派时间",
    "deadline_at": "处理期限",
    "deadline_unconfirmed": "期限待确认",
    "escalation_level": "升级级别",
    "gm_informed_at": "报告总经理时间",
    "request_amount_fen": "要求金额",
    "custom_values": "自定义字段",
    "phone_normalized": "联系电话",
    "cause": "发生原因",
    "details": "具体经过",
    "conclusion": "调查结论",
    "responsibility": "责任归属",
    "responsible_person": "责任人",
    "corrective_action": "纠正措施",
    "preventive_action": "预防措施",
    "track_improvement": "改善追踪",
    "roles": "角色",
    "working": "工作日",
}

HIDDEN = frozenset({"phone_normalized", "triaged_at", "assigned_at"})


def describe_changes(
    changes: list[list[Any]], name_of: Callable[[str, Any], str]
) -> list[tuple[str, Any, Any]]:
    """(label, old, new) for display; ``name_of(field, id)`` resolves ids to names."""
    result = []
    for field, old, new in changes:
        if field in HIDDEN:
            continue
        result.append((LABELS.get(field, field), _value(field, old, name_of), _value(field, new, name_of)))
    return result


def _value(field: str, value: Any, name_of: Callable[[str, Any], str]) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.endswith("_fen") and isinstance(value, int):
        return format_yuan(value)
    if field == "severity":
        return Severity(value).label
    if field.endswith("_id"):
        return name_of(field, value)
    return value
