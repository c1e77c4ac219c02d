"""The catalogue: every code the core produces, in Chinese and English.

``CATALOGUE`` maps a message code to (Chinese, English) templates with
``{named}`` placeholders. ``LABELS`` maps a fixed vocabulary (the enum's class
name) and a code to its (Chinese, English) label. Lists a branch edits
(channels, categories …) are data in the database, not here.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "error.generic": ("输入有误", "Invalid input"),
    # audit chain (storage/audit_chain.py, services/audit.py)
    "audit.ok": (
        "审计链完好：{events} 条事件，{attachments} 个附件已核对；链头 {head}",
        "Audit trail intact: {events} events, {attachments} attachments checked; chain head {head}",
    ),
    "audit.content": (
        "审计链断裂：第 {seq} 号事件（记录 {event_id}）的内容、时间或操作人被改动",
        "Audit trail broken: event no. {seq} (row {event_id}) was altered (content, time or actor)",
    ),
    "audit.missing": (
        "审计链断裂：第 {seq} 号事件缺失（被删除），发现于记录 {event_id} 之前",
        "Audit trail broken: event no. {seq} is missing (deleted), found before row {event_id}",
    ),
    "audit.order": (
        "审计链断裂：第 {seq} 号事件（记录 {event_id}）的顺序被改动",
        "Audit trail broken: the order of event no. {seq} (row {event_id}) was changed",
    ),
    "audit.tail": (
        "审计链末尾被截断：链上只到第 {seq} 号事件，但应至少到 {detail}",
        "Audit trail cut at the end: the chain stops at event no. {seq}, but should reach {detail}",
    ),
    "audit.anchor": (
        "锚点 {detail} 与审计链不符（格式不对，或该事件已被改动）",
        "Anchor {detail} does not match the audit trail (malformed, or that event was altered)",
    ),
    "audit.attachment": (
        "附件 {detail} 的内容与登记的 SHA-256 不符：文件被改动",
        "Attachment {detail} no longer matches its recorded SHA-256: the file was altered",
    ),
}

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Role": {
        "clerk": ("客服专员", "Customer service clerk"),
        "cr_manager": ("客户关系经理", "Customer relations manager"),
        "handler": ("处理责任人", "Case handler"),
        "dept_manager": ("部门经理", "Department manager"),
        "deputy_gm": ("副总经理", "Deputy general manager"),
        "gm": ("总经理", "General manager"),
        "admin": ("系统管理员", "Administrator"),
    },
    "Status": {
        "draft": ("草稿", "Draft"),
        "registered": ("待分诊", "To triage"),
        "pending_assignment": ("待处理", "To assign"),
        "invalid": ("无效待答复", "Invalid, to answer"),
        "in_progress": ("处理中", "In progress"),
        "pending_approval": ("待审批", "Awaiting approval"),
        "awaiting_reply": ("待答复", "Awaiting reply"),
        "not_accepted": ("客户不接受", "Not accepted"),
        "awaiting_followup": ("待回访", "Awaiting follow-up"),
        "closed": ("已结案", "Closed"),
        "void": ("作废", "Void"),
    },
    "Kind": {
        "consultation": ("咨询", "Consultation"),
        "suggestion": ("建议", "Suggestion"),
        "complaint": ("投诉", "Complaint"),
        "praise": ("表扬", "Praise"),
    },
    "Severity": {
        "normal": ("一般", "Normal"),
        "moderate": ("中度", "Moderate"),
        "severe": ("重度", "Severe"),
    },
    "CloseKind": {
        "resolved": ("已结案", "Closed"),
        "invalid": ("已结案(无效)", "Closed (invalid)"),
        "answered": ("已结案(已答复)", "Closed (answered)"),
        "abnormal": ("非正常结案", "Closed abnormally"),
        "superseded": ("已结案(转新案)", "Closed (new case opened)"),
    },
    "Decision": {
        "approve": ("批准", "Approved"),
        "reject": ("驳回", "Rejected"),
    },
    "LinkKind": {
        "not_accepted": ("客户不接受转新案", "Not accepted, new case"),
        "repeat": ("重复投诉", "Repeat complaint"),
        "about_handling": ("对处理过程的投诉", "Complaint about the handling"),
        "related": ("相关案件", "Related case"),
    },
    "EscalationReason": {
        "overdue": ("超过处理时限", "Past the deadline"),
        "dissatisfied": ("回访不满意", "Dissatisfied at follow-up"),
        "repeat": ("重复投诉", "Repeat complaint"),
        "about_handling": ("客户投诉处理过程", "Complaint about the handling"),
        "manual": ("手动升级", "Escalated by hand"),
    },
    "Responsibility": {
        "ours": ("我方", "Ours"),
        "customer": ("客户", "Customer"),
        "third_party": ("第三方/供应商", "Third party / supplier"),
        "undetermined": ("无法判定", "Undetermined"),
    },
    "EscalationLevel": {
        "0": ("处理责任人", "Case handler"),
        "1": ("部门经理", "Department manager"),
        "2": ("副总经理", "Deputy general manager"),
        "3": ("总经理", "General manager"),
    },
    "ExtensionStatus": {
        "pending": ("待审批", "Pending"),
        "approved": ("已批准", "Approved"),
        "rejected": ("已驳回", "Rejected"),
    },
    "DeadlineUnit": {
        "hours": ("小时", "hours"),
        "working_days": ("个工作日", "working days"),
        "calendar_days": ("天", "calendar days"),
    },
}
