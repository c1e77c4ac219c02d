"""The database schema as SQLAlchemy 2.x typed models.

Conventions: money is integer fen (``*_fen``); times are naive local times of
the branch (deadlines are close-of-business local times); configuration that
the domain file calls "defaults" lives in tables, seeded by ``branchdesk init``.
Any change here needs a migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


# --- configuration ---------------------------------------------------------


class Branch(Base):
    __tablename__ = "branch"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Bumped by every configuration write (any PC): readers reuse their loaded configuration until it moves.
    config_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: The audit sequence of the event written with the last configuration write: who changed what, for
    #: a configuration write refused because it named an older version (``services/config_seen``).
    config_event_seq: Mapped[int | None] = mapped_column(Integer)
    #: Head of the audit hash chain (``storage/audit_chain.py``): the last event's sequence and hash.
    audit_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    audit_hash: Mapped[str | None] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(50))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: Set when an administrator reset the password: the next login asks for a new one first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    department: Mapped[Department] = relationship(lazy="joined")


class UserRole(Base):
    __tablename__ = "user_role"
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class ChoiceItem(Base):
    """An entry of an editable pick list (channels, request types, ...)."""

    __tablename__ = "choice_item"
    __table_args__ = (UniqueConstraint("list_key", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    list_key: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(Base):
    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SlaRuleRow(Base):
    __tablename__ = "sla_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))
    amount: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str | None] = mapped_column(String(20))
    category_code: Mapped[str | None] = mapped_column(String(60))
    min_severity: Mapped[str | None] = mapped_column(String(20))
    major: Mapped[bool | None] = mapped_column(Boolean)
    severity_or_major: Mapped[bool] = mapped_column(Boolean, default=False)
    foreign: Mapped[bool | None] = mapped_column(Boolean)
    # --- issue 12 "rules" (migration 0012): what the rule times, and more conditions ---
    step: Mapped[str] = mapped_column(String(20), default="case", server_default="case")
    channel: Mapped[str | None] = mapped_column(String(40))
    customer_type: Mapped[str | None] = mapped_column(String(40))
    custom_key: Mapped[str | None] = mapped_column(String(60))
    custom_value: Mapped[str | None] = mapped_column(String(200))


class AuthorityRow(Base):
    """The fixed authority matrix of releases before 0011. Superseded by ``approval_rule``: 0011 converted
    its rows into rules; nothing reads it any more. Kept so a downgrade to 0010 finds its rows."""

    __tablename__ = "authority_level"
    id: Mapped[int] = mapped_column(primary_key=True)
    level_order: Mapped[int] = mapped_column(Integer, unique=True)
    role: Mapped[str] = mapped_column(String(20))
    max_amount_fen: Mapped[int | None] = mapped_column(Integer)


class CalendarOverride(Base):
    __tablename__ = "calendar_override"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(100), default="")


class ReplyTemplate(Base):
    __tablename__ = "reply_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    body: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CustomField(Base):
    __tablename__ = "custom_field"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(50))
    type: Mapped[str] = mapped_column(String(10))
    choices: Mapped[list[Any]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: issue 15 part R: values of this field are personal data (anonymised with the case)
    personal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


# --- cases -----------------------------------------------------------------


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)  # normalised digits
    company: Mapped[str] = mapped_column(String(100), default="")
    customer_type: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ImportBatch(Base):
    """One ledger import: 'pending' while its chunks are written, 'done' when the last one committed.

    Cases of a pending batch are shown nowhere; a failed import deletes them, and a batch left
    pending by a process that died (no chunk for ``STALE_AFTER``) is removed by the next import.
    """

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    file: Mapped[str] = mapped_column(String(255), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    touched_at: Mapped[datetime] = mapped_column(DateTime)


class CaseCounter(Base):
    """Last serial handed out per month; updated in the transaction that saves the case."""

    __tablename__ = "case_counter"
    period: Mapped[str] = mapped_column(String(6), primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class CaseTally(Base):
    """How many cases are in each state, kept by triggers on the case table (``storage/case_tally``): the
    queue's total of a view that narrows only the states, at any size."""

    __tablename__ = "case_tally"
    status: Mapped[str] = mapped_column(String(30), primary_key=True)
    cases: Mapped[int] = mapped_column(Integer)


# --- issue 16 part Q: the open states, written out as SQL literals: a partial index serves a query only
# when the query names the same list of values, literally (``read/queue.open_cases``) ---
OPEN_STATUSES: tuple[str, ...] = (
    "registered",
    "pending_assignment",
    "invalid",
    "in_progress",
    "pending_approval",
    "awaiting_reply",
    "not_accepted",
    "awaiting_followup",
)
OPEN_STATUS_SQL = "status IN (" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"


class Case(Base):
    __tablename__ = "complaint_case"
    __table_args__ = (
        UniqueConstraint("period", "serial"),
        Index("ix_case_status_deadline", "status", "deadline_at"),
        Index("ix_case_received", "received_at"),
        Index("ix_case_handler", "handler_id", "status"),
        Index("ix_case_department", "responsible_department_id", "status"),
        Index("ix_case_phone", "phone_normalized"),
        Index("ix_case_complainant", "complainant_name"),
        Index("ix_case_closed", "closed_at"),  # issue 16 "perf": the monthly summary's closed cases
        Index("ix_case_complainant_sort", "complainant_sort", "id"),  # issue 16: the queue sorted by name
        # --- issue 16 part Q (migration 0030): an index for each filter and sort of the queue ---
        # a status filter, newest first; with the import batch the open total is counted from the index alone
        # (``visibility.settled_cases`` reads it: 191 → 3 ms for 28k open cases)
        Index("ix_case_status_received", "status", "received_at", "id", "import_batch_id"),
        Index("ix_case_recorder", "recorder_id", "status"),  # "mine" = handler OR recorder: both indexed
        # the open cases newest first: the default view, its total and the open counts read only these
        Index(
            "ix_case_open_received",
            "received_at",
            "id",
            sqlite_where=text(OPEN_STATUS_SQL),
            postgresql_where=text(OPEN_STATUS_SQL),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(30), unique=True)
    period: Mapped[str] = mapped_column(String(6))
    serial: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    recorder_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    # intake
    received_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    complainant_name: Mapped[str] = mapped_column(String(50), default="")
    complainant_title: Mapped[str] = mapped_column(String(10), default="")
    #: The name's pinyin then the name (``domain/text.name_sort_key``): the queue's order by name (issue 16).
    complainant_sort: Mapped[str] = mapped_column(String(200), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    phone_normalized: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    company: Mapped[str] = mapped_column(String(100), default="")
    customer_type: Mapped[str | None] = mapped_column(String(40))
    is_foreign: Mapped[bool] = mapped_column(Boolean, default=False)
    product: Mapped[str] = mapped_column(String(100), default="")
    order_no: Mapped[str] = mapped_column(String(50), default="")
    part_no: Mapped[str] = mapped_column(String(50), default="")
    lot_no: Mapped[str] = mapped_column(String(50), default="")
    quantity: Mapped[str] = mapped_column(String(30), default="")
    defective_quantity: Mapped[str] = mapped_column(String(30), default="")
    delivery_date: Mapped[date | None] = mapped_column(Date)
    vehicle_model: Mapped[str] = mapped_column(String(50), default="")
    plate: Mapped[str] = mapped_column(String(20), default="")
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime)
    complained_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    complained_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    complained_person: Mapped[str] = mapped_column(String(50), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    request_type: Mapped[str | None] = mapped_column(String(40))
    request_amount_fen: Mapped[int | None] = mapped_column(Integer)
    request_text: Mapped[str] = mapped_column(Text, default="")
    complainant_count: Mapped[int] = mapped_column(Integer, default=1)
    personal_injury: Mapped[bool] = mapped_column(Boolean, default=False)
    lawsuit_threatened: Mapped[bool] = mapped_column(Boolean, default=False)
    media_involved: Mapped[bool] = mapped_column(Boolean, default=False)
    external_body: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    # triage
    valid: Mapped[bool | None] = mapped_column(Boolean)
    invalid_reason: Mapped[str | None] = mapped_column(String(40))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    severity: Mapped[str | None] = mapped_column(String(20))
    loss_estimate_fen: Mapped[int | None] = mapped_column(Integer)
    declared_major: Mapped[bool] = mapped_column(Boolean, default=False)
    is_major: Mapped[bool] = mapped_column(Boolean, default=False)
    major_reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    gm_informed_at: Mapped[datetime | None] = mapped_column(DateTime)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    responsible_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    triaged_at: Mapped[datetime | None] = mapped_column(DateTime)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime)

    # deadlines and escalation
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime)
    deadline_unconfirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_label: Mapped[str] = mapped_column(String(100), default="")
    first_contact_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    investigation_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    follow_up_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    overdue_escalated_deadline: Mapped[datetime | None] = mapped_column(DateTime)

    # end
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_kind: Mapped[str | None] = mapped_column(String(20))
    close_note: Mapped[str] = mapped_column(Text, default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # issue 12 (vocabularies): the code from the branch's list ``abnormal_reason`` when closed abnormally
    # (the note goes to close_note); cases closed before the list have only their event's free text.
    abnormal_reason: Mapped[str | None] = mapped_column(String(40))

    # brought in from a branch's Excel ledger: a fingerprint against importing twice, and the row as it was
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    imported_row: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: The import (``import_batch.id``) that wrote it; hidden while that batch is pending, removed with it
    #: if the import fails. No foreign key: on SQLite one would rebuild the whole case table to add it.
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)

    # --- step deadlines that act (issue 12, part "steps"; domain/steps.py) ---
    reply_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_contacted_at: Mapped[datetime | None] = mapped_column(DateTime)  # 首次联系: stops its clock
    gm_inform_due_at: Mapped[datetime | None] = mapped_column(DateTime)  # a major case's GM alert
    #: Step codes whose due time counts over a year whose holidays are only guessed (待确认).
    step_unconfirmed: Mapped[list[Any] | None] = mapped_column(JSON, default=list)

    __mapper_args__ = {"version_id_col": version}


class CaseLink(Base):
    __tablename__ = "case_link"
    __table_args__ = (UniqueConstraint("from_case_id", "to_case_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    from_case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    to_case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Investigation(Base):
    __tablename__ = "investigation"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), unique=True)
    cause: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")
    responsible_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    preventive_action: Mapped[str] = mapped_column(Text, default="")
    track_improvement: Mapped[bool] = mapped_column(Boolean, default=True)
    responsibility: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    shares: Mapped[list[ResponsibilityShare]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ResponsibilityShare.id"
    )


class ResponsibilityShare(Base):
    __tablename__ = "responsibility_share"
    id: Mapped[int] = mapped_column(primary_key=True)
    investigation_id: Mapped[int] = mapped_column(
        ForeignKey("investigation.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    percent: Mapped[int] = mapped_column(Integer)


class Resolution(Base):
    __tablename__ = "resolution"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    resolution_type: Mapped[str] = mapped_column(String(40))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    proposer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    #: The frozen chain, in signing order: [{"role", "of_responsible_department"}] (approvals.chain_to_json);
    #: rows from before 0011 hold plain role codes (read by approvals.frozen_chain).
    required_roles: Mapped[list[Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))  # pending | approved | rejected
    approval_rule_label: Mapped[str | None] = mapped_column(String(100))  # the rule that chose it (0011)
    #: Roles of steps any department's holder may sign, as ",dept_manager," (approvals.open_roles_text):
    #: visibility finds them with one LIKE on both engines; the JSON chain would need two dialects (0021).
    open_to_roles: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Approval(Base):
    """One signature on a resolution: the printed name and role are frozen at signing."""

    __tablename__ = "approval"
    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolution.id"), index=True)
    level_order: Mapped[int] = mapped_column(Integer)
    level_role: Mapped[str] = mapped_column(String(20))
    approver_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    printed_name: Mapped[str] = mapped_column(String(50))
    signed_role: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(10))
    meaning: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime] = mapped_column(DateTime)


class Reply(Base):
    __tablename__ = "reply"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    replied_at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    content: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(Boolean)


class FollowUp(Base):
    __tablename__ = "follow_up"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    visited_at: Mapped[datetime] = mapped_column(DateTime)
    method: Mapped[str] = mapped_column(String(20))
    visitor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    solved: Mapped[bool] = mapped_column(Boolean)
    satisfaction: Mapped[int] = mapped_column(Integer)
    comments: Mapped[str] = mapped_column(Text, default="")


class Extension(Base):
    __tablename__ = "extension"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    customer_consent: Mapped[str] = mapped_column(Text)  # how and when the customer agreed
    old_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    new_deadline: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # pending | approved | rejected
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class Escalation(Base):
    __tablename__ = "escalation"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    from_level: Mapped[int] = mapped_column(Integer)
    to_level: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: automatic
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


class Attachment(Base):
    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(String(200), default="")
    # issue 14 part D: the internal note this file belongs to (None: a file of the case itself)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("case_note.id"), index=True)


class AttachmentBlob(Base):
    """File content, apart from the metadata so that listing attachments never loads it."""

    __tablename__ = "attachment_blob"
    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Event(Base):
    """The timeline and audit trail: who, when, what, old → new. Never updated or deleted — except that
    anonymisation (issue 15 part R) redacts personal data in place, recorded by ``redacted_hash``."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_case", "case_id", "id"), Index("ux_event_seq", "seq", unique=True))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_case.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: system
    actor_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)  # rendered in Chinese when written; legacy rows have only this
    code: Mapped[str | None] = mapped_column(String(60))  # branchdesk.texts code, rendered on read
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the code's parameters (Text.to_json)
    changes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[field, old, new], ...]
    #: Place in the audit hash chain and the link's hash, set when the event is flushed.
    seq: Mapped[int | None] = mapped_column(Integer)
    hash: Mapped[str | None] = mapped_column(String(64))
    #: issue 15 part R: set when anonymisation redacted this event — SHA-256 of its redacted canonical
    #: content; ``hash`` keeps the original link, vouched for by the later anonymisation event.
    redacted_hash: Mapped[str | None] = mapped_column(String(64))


class PrintLog(Base):
    """Every printed or saved form: who, when, which form and copies; a later one is a reprint (补打)."""

    __tablename__ = "print_log"
    __table_args__ = (Index("ix_print_log_case", "case_id", "form"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"))
    form: Mapped[str] = mapped_column(String(20))
    copies: Mapped[list[Any]] = mapped_column(JSON)
    mode: Mapped[str] = mapped_column(String(10))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    # issue 17 part E: the intake was corrected after this copy was printed (it shows the old facts).
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


# --- issue 12 "approvals": approval chains as data (domain/approvals.py, services/approval_policy.py) ---


class ApprovalRuleRow(Base):
    """One approval rule: conditions (None = any) → the ordered steps. Lowest ``priority`` decides."""

    __tablename__ = "approval_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))
    min_amount_fen: Mapped[int | None] = mapped_column(Integer)  # inclusive
    max_amount_fen: Mapped[int | None] = mapped_column(Integer)  # inclusive
    category_code: Mapped[str | None] = mapped_column(String(60))  # the case's category or an ancestor
    kind: Mapped[str | None] = mapped_column(String(20))
    min_severity: Mapped[str | None] = mapped_column(String(20))
    major: Mapped[bool | None] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    steps: Mapped[list[ApprovalStepRow]] = relationship(
        order_by="ApprovalStepRow.step_order", cascade="all, delete-orphan"
    )


class ApprovalStepRow(Base):
    __tablename__ = "approval_step"
    __table_args__ = (UniqueConstraint("rule_id", "step_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("approval_rule.id", ondelete="CASCADE"), index=True)
    step_order: Mapped[int] = mapped_column(Integer)  # 1, 2, … in signing order
    role: Mapped[str] = mapped_column(String(20))
    of_responsible_department: Mapped[bool] = mapped_column(Boolean, default=False)


# --- issue 12, vocabularies: a branch's own names for fixed codes ------------------------------------


class LabelOverride(Base):
    """The branch's name for a fixed vocabulary code (投诉 → 客诉, 部门经理 → 部门负责人).

    The code itself never changes; only its display. ``label_en`` empty: English stays as shipped.
    """

    __tablename__ = "label_override"
    __table_args__ = (UniqueConstraint("vocabulary", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(40))
    label_zh: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[str | None] = mapped_column(String(100))


# --- step deadlines that act (issue 12, part "steps") ---------------------------------------------


class StepPolicyRow(Base):
    """What a step does before and after its due time (``domain/steps.StepPolicy``)."""

    __tablename__ = "step_policy"
    step: Mapped[str] = mapped_column(String(20), primary_key=True)
    warn_before_minutes: Mapped[int] = mapped_column(Integer)
    on_overdue: Mapped[str] = mapped_column(String(10))  # mark | escalate | notify
    role: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StepAlert(Base):
    """A step that passed its due time and was acted on: once per step and due time (the sweep's marker)."""

    __tablename__ = "step_alert"
    __table_args__ = (UniqueConstraint("case_id", "step", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime] = mapped_column(DateTime)
    at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(10))
    role: Mapped[str | None] = mapped_column(String(20))


# --- issue 13 "forms": the printed forms as data -------------------------------------------------


class FormSpecRow(Base):
    """One printed form (``printing/form_spec.FormSpec.to_dict``): its copies, fields and boxes."""

    __tablename__ = "form_spec"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


# --- issue 17 "notify": notifications, per user ---------------------------------------------------


class Notification(Base):
    """Something a person should know about a case (assigned to them, an approval waiting, ready for reply,
    a step due soon), written in the unit of work of the event it reports, one row per recipient.

    The text is a ``branchdesk.texts`` code (``notify.<kind>``) and its parameters, rendered by the reader in
    their language. ``step``/``due_at`` mark a step-due-soon notice: once per case, step and due time.
    """

    __tablename__ = "notification"
    # The poll (``NotificationService.poll``): a recipient's unread count, newest id and list from an index.
    __table_args__ = (
        Index("ix_notification_recipient", "recipient_id", "read_at"),
        Index("ix_notification_recipient_id", "recipient_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    step: Mapped[str | None] = mapped_column(String(20))
    due_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- issue 14 part A: opinions from several departments on one case (会签/协办) ------------------------


class OpinionRequest(Base):
    """One department asked for its opinion on a case (``domain/opinions.py``): pending → given | waived.

    The signer's printed name and role are frozen when the opinion is given (a later rename or role change
    does not rewrite a signed opinion). ``escalated_at`` is the sweep's marker: a late ask acts once.
    """

    __tablename__ = "opinion_request"
    __table_args__ = (Index("ix_opinion_request_pending", "state", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    asked_at: Mapped[datetime] = mapped_column(DateTime)
    question: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[datetime] = mapped_column(DateTime)
    due_unconfirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(10))  # pending | given | waived
    opinion: Mapped[str] = mapped_column(Text, default="")
    share_percent: Mapped[int | None] = mapped_column(Integer)
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    signer_name: Mapped[str] = mapped_column(String(50), default="")
    signer_role: Mapped[str] = mapped_column(String(20), default="")
    given_at: Mapped[datetime | None] = mapped_column(DateTime)
    waived_at: Mapped[datetime | None] = mapped_column(DateTime)
    waive_reason: Mapped[str] = mapped_column(Text, default="")
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
# --- issue 14 part B: corrective and preventive actions (CAPA), followed to verification -----------


class CapaItem(Base):
    """One corrective or preventive action taken from a case (``domain/capa.py``): owner, department, due
    date, status open → done → verified / not_effective (→ reopened: open again with a new due date)."""

    __tablename__ = "capa_item"
    __table_args__ = (
        Index("ix_capa_item_status_due", "status", "due_date"),  # the overdue list and tiles
        Index("ix_capa_item_owner", "owner_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # corrective | preventive
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(15))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_note: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CapaVerification(Base):
    """One verification of a done item (kept for every round: not effective, reopened, verified again)."""

    __tablename__ = "capa_verification"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("capa_item.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(15))  # verified | not_effective
    note: Mapped[str] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    check_date: Mapped[date] = mapped_column(Date)  # when the effect was (or will be) checked
    verifier_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # the monthly sheet counts by it
# --- issue 14 part C: rewards and penalties (奖罚) — domain/rewards.py, services/rewards.py ---------


class RewardScaleRow(Base):
    """One line of the branch's reward/penalty scale (奖罚标准): what it is for, the amount (fixed when
    min = max, else a range the proposer picks within), 绩效分, the disciplinary measure, who proposes
    and the approval chain (``approvals.chain_to_json``'s shape; "of_responsible_department" means of
    the subject's department)."""

    __tablename__ = "reward_penalty_scale"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    label: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # reward | penalty
    min_amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    max_amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[int] = mapped_column(Integer, default=0)  # 绩效分, + or -
    measure: Mapped[str] = mapped_column(String(50), default="")  # 申诫, 记大过 … (a free label)
    proposer_roles: Mapped[list[Any]] = mapped_column(JSON)
    chain: Mapped[list[Any]] = mapped_column(JSON)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class RewardPenalty(Base):
    """A reward or penalty proposed on a case for an employee or a department; the scale line's label,
    measure and chain are frozen on it, so editing the scale never changes a record already made."""

    __tablename__ = "reward_penalty"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    scale_code: Mapped[str] = mapped_column(String(20))
    scale_label: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: The subject department, or the subject employee's department when proposed (totals by department).
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer, default=0)
    measure: Mapped[str] = mapped_column(String(50), default="")
    reason: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10))  # pending | approved | rejected
    chain: Mapped[list[Any]] = mapped_column(JSON)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class RewardSignature(Base):
    """One signature on a reward/penalty record: the printed name and role are frozen at signing."""

    __tablename__ = "reward_signature"
    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("reward_penalty.id"), index=True)
    level_order: Mapped[int] = mapped_column(Integer)
    level_role: Mapped[str] = mapped_column(String(20))
    signer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    printed_name: Mapped[str] = mapped_column(String(50))
    signed_role: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(10))  # approve | reject
    reason: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime] = mapped_column(DateTime)
# --- issue 14 part D: internal notes and progress notices (进度告知) ---------------------------------


class CaseNote(Base):
    """An internal note on a case (staff only: never printed on a form, never in an export for the
    customer). Written once and never edited: the timeline says it was added; its files are the case's
    attachments with ``Attachment.note_id`` pointing here."""

    __tablename__ = "case_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text)


class CustomerContact(Base):
    """A progress notice: a contact with the customer during handling (channel from the list
    ``reply_method``, what was said, the next contact due). The first one stops the first-contact clock."""

    __tablename__ = "customer_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), index=True)
    contacted_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(40))
    said: Mapped[str] = mapped_column(Text)
    next_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
# --- issue 15 part V: the yearly archive ---------------------------------------------------------


class CaseArchive(Base):
    """One archive written to a folder (``branchdesk archive YEAR``): the year's closed cases as forms,
    ledger, summary and attachments, with a manifest of every file's SHA-256. ``manifest_sha256`` is the
    manifest's own hash, so a folder whose manifest was rewritten no longer matches what was recorded."""

    __tablename__ = "case_archive"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    folder: Mapped[str] = mapped_column(String(1000))
    case_count: Mapped[int] = mapped_column(Integer)
    file_count: Mapped[int] = mapped_column(Integer)
    total_bytes: Mapped[int] = mapped_column(BigInteger)  # a year's attachments may pass 2 GB
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    audit_anchor: Mapped[str] = mapped_column(String(100))


class ArchivedCase(Base):
    """A case in an archive is read-only (``CaseFacts.archived``): it keeps the first archive that held it."""

    __tablename__ = "archived_case"
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), primary_key=True)
    archive_id: Mapped[int] = mapped_column(ForeignKey("case_archive.id"), index=True)
    archived_at: Mapped[datetime] = mapped_column(DateTime)
# --- issue 15 part R: retention, anonymisation and personal-data requests -------------------------


class RetentionRule(Base):
    """How long a closed case is kept before its personal data is anonymised (``domain/anonymise``).

    ``category_code`` None = any category (a rule on a parent covers its children); ``kind`` None =
    any kind. No rule matches: the setting ``retention_years``. Counted from the closure.
    """

    __tablename__ = "retention_rule"
    __table_args__ = (UniqueConstraint("category_code", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    category_code: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str | None] = mapped_column(String(20))
    years: Mapped[int] = mapped_column(Integer)


class CasePrivacy(Base):
    """A case's legal hold and its anonymisation, apart from the case row (the case table stays as it is)."""

    __tablename__ = "case_privacy"
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_case.id"), primary_key=True)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    hold_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    hold_at: Mapped[datetime | None] = mapped_column(DateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    batch_id: Mapped[int | None] = mapped_column(Integer)


class AnonymisationBatch(Base):
    """Cases to anonymise, proposed (retention queue or a personal-data request), decided by a GM who
    is not the proposer, then run in short units. ``version`` is what the deciding screen read."""

    __tablename__ = "anonymisation_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))  # retention | request
    status: Mapped[str] = mapped_column(String(20))  # proposed | approved | rejected | done
    case_ids: Mapped[list[Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[list[Any]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)


# --- issue 15 part M: report duties and the reports made ------------------------------------------


class ReportDuty(Base):
    """A report the policy asks for (``domain/report_duties``): period kind, due rule and day, the role
    (of ``department_code``'s department, None: any) that makes it. ``since``: owed older periods are
    counted from this day (when the duty came into the branch). ``version``: what the editing screen read."""

    __tablename__ = "report_duty"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    rule: Mapped[str] = mapped_column(String(20))
    day: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    department_code: Mapped[str | None] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    since: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)


class ReportMade(Base):
    """A period summary exported (app or CLI): the period it covers is made for every duty of its kind."""

    __tablename__ = "report_made"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(30), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    file_name: Mapped[str] = mapped_column(String(255))
