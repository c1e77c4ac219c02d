"""Fixed codes the rules reason about, with their Chinese labels.

Codes are the program's vocabulary (state machine, roles, kinds); the lists a
branch may edit (channels, categories, request types ...) live in the database
and are seeded from ``branchdesk.domain.defaults``.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    CR_MANAGER = "cr_manager"
    HANDLER = "handler"
    DEPT_MANAGER = "dept_manager"
    DEPUTY_GM = "deputy_gm"
    GM = "gm"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.CLERK: "客服专员",
    Role.CR_MANAGER: "客户关系经理",
    Role.HANDLER: "处理责任人",
    Role.DEPT_MANAGER: "部门经理",
    Role.DEPUTY_GM: "副总经理",
    Role.GM: "总经理",
    Role.ADMIN: "系统管理员",
}

#: Management ladder used by escalation and by "one level up" on recusal.
ESCALATION_LADDER: tuple[Role, ...] = (Role.HANDLER, Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM)
ESCALATION_LABELS = ("处理责任人", "部门经理", "副总经理", "总经理")


class Status(StrEnum):
    DRAFT = "draft"
    REGISTERED = "registered"
    PENDING_ASSIGNMENT = "pending_assignment"
    INVALID = "invalid"
    IN_PROGRESS = "in_progress"
    PENDING_APPROVAL = "pending_approval"
    AWAITING_REPLY = "awaiting_reply"
    NOT_ACCEPTED = "not_accepted"
    AWAITING_FOLLOWUP = "awaiting_followup"
    CLOSED = "closed"
    VOID = "void"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "草稿",
    Status.REGISTERED: "待分诊",
    Status.PENDING_ASSIGNMENT: "待处理",
    Status.INVALID: "无效待答复",
    Status.IN_PROGRESS: "处理中",
    Status.PENDING_APPROVAL: "待审批",
    Status.AWAITING_REPLY: "待答复",
    Status.NOT_ACCEPTED: "客户不接受",
    Status.AWAITING_FOLLOWUP: "待回访",
    Status.CLOSED: "已结案",
    Status.VOID: "作废",
}

OPEN_STATUSES = frozenset(Status) - {Status.CLOSED, Status.VOID, Status.DRAFT}


class Kind(StrEnum):
    CONSULTATION = "consultation"
    SUGGESTION = "suggestion"
    COMPLAINT = "complaint"
    PRAISE = "praise"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[Kind, str] = {
    Kind.CONSULTATION: "咨询",
    Kind.SUGGESTION: "建议",
    Kind.COMPLAINT: "投诉",
    Kind.PRAISE: "表扬",
}

#: Kinds that are answered directly, without investigation.
ANSWER_ONLY_KINDS = frozenset({Kind.CONSULTATION, Kind.SUGGESTION, Kind.PRAISE})


class Severity(StrEnum):
    NORMAL = "normal"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.NORMAL: "一般",
    Severity.MODERATE: "中度",
    Severity.SEVERE: "重度",
}


class CloseKind(StrEnum):
    RESOLVED = "resolved"
    INVALID = "invalid"
    ANSWERED = "answered"
    ABNORMAL = "abnormal"
    SUPERSEDED = "superseded"


CLOSE_KIND_LABELS: dict[CloseKind, str] = {
    CloseKind.RESOLVED: "已结案",
    CloseKind.INVALID: "已结案(无效)",
    CloseKind.ANSWERED: "已结案(已答复)",
    CloseKind.ABNORMAL: "非正常结案",
    CloseKind.SUPERSEDED: "已结案(转新案)",
}


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


DECISION_LABELS = {Decision.APPROVE: "批准", Decision.REJECT: "驳回"}


class LinkKind(StrEnum):
    NOT_ACCEPTED = "not_accepted"  # new case opened because the customer did not accept
    REPEAT = "repeat"  # same customer, same matter, within the repeat window
    ABOUT_HANDLING = "about_handling"  # a complaint about how a case was handled
    RELATED = "related"


LINK_LABELS = {
    LinkKind.NOT_ACCEPTED: "客户不接受转新案",
    LinkKind.REPEAT: "重复投诉",
    LinkKind.ABOUT_HANDLING: "对处理过程的投诉",
    LinkKind.RELATED: "相关案件",
}


class EscalationReason(StrEnum):
    OVERDUE = "overdue"
    DISSATISFIED = "dissatisfied"
    REPEAT = "repeat"
    ABOUT_HANDLING = "about_handling"
    MANUAL = "manual"
    STEP_OVERDUE = "step_overdue"  # a step deadline passed (issue 12, domain/steps.py)


ESCALATION_REASON_LABELS = {
    EscalationReason.OVERDUE: "超过处理时限",
    EscalationReason.DISSATISFIED: "回访不满意",
    EscalationReason.REPEAT: "重复投诉",
    EscalationReason.ABOUT_HANDLING: "客户投诉处理过程",
    EscalationReason.MANUAL: "手动升级",
    EscalationReason.STEP_OVERDUE: "环节逾期",
}


class Responsibility(StrEnum):
    OURS = "ours"
    CUSTOMER = "customer"
    THIRD_PARTY = "third_party"
    UNDETERMINED = "undetermined"


RESPONSIBILITY_LABELS = {
    Responsibility.OURS: "我方",
    Responsibility.CUSTOMER: "客户",
    Responsibility.THIRD_PARTY: "第三方/供应商",
    Responsibility.UNDETERMINED: "无法判定",
}


class DeadlineStep(StrEnum):
    """Steps with their own deadline inside the case deadline (domain §5)."""

    FIRST_CONTACT = "first_contact"
    INVESTIGATION = "investigation"
    REPLY = "reply"
    FOLLOW_UP = "follow_up"
    OPINION = "opinion"  # issue 14 part A: a department's opinion (会签), counted from the ask


class DeadlineUnit(StrEnum):
    HOURS = "hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WORKING_HOURS = "working_hours"  # hours inside business hours on working days (lunch skipped)
    SAME_WORKING_DAY = "same_working_day"  # close of business of the intake's working day
