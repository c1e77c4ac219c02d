"""Reading a branch's policy out of the database into a ``Policy`` (one read transaction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from branchdesk.config import load_settings
from branchdesk.domain import defaults
from branchdesk.domain.steps import TrackedStep
from branchdesk.policy.forms import exported_layout
from branchdesk.policy.model import (
    ApprovalRuleEntry,
    ApprovalStepEntry,
    CalendarDay,
    CalendarEntry,
    CategoryEntry,
    ChoiceEntry,
    CustomFieldEntry,
    DeadlineRuleEntry,
    DepartmentEntry,
    FormCopyEntry,
    FormEntry,
    Header,
    NameEntry,
    Policy,
    ReplyTemplateEntry,
    RetentionEntry,
    StepPolicyEntry,
)
from branchdesk.policy.report_duties import export_report_duties  # issue 15 part M
from branchdesk.policy.rewards import export_rewards  # issue 14 part C
from branchdesk.printing.form_spec import FormSpec
from branchdesk.storage.models import (
    ApprovalRuleRow,
    CalendarOverride,
    Category,
    ChoiceItem,
    CustomField,
    Department,
    FormSpecRow,
    LabelOverride,
    ReplyTemplate,
    RetentionRule,
    SlaRuleRow,
    StepPolicyRow,
)

#: The setting that keeps the header of the policy file last imported (name, title, source …).
HEADER_SETTING = "policy_header"

#: Settings that are not policy: this installation's folders and the branch's own profile (name, code,
#: address, phone, fax, postal code belong to one branch, not to the policy a head office hands out),
#: the calendar's confirmed years (only with ``--with-calendar``), the header itself, and how often the PCs
#: poll for notifications (the load an installation's database and network carry, issue 17).
NOT_POLICY_SETTINGS: frozenset[str] = frozenset(
    {
        "backup_copy_folder",
        "branch_phone",
        "branch_address",
        "branch_fax",
        "branch_postal_code",
        "confirmed_calendar_years",
        HEADER_SETTING,
        "notification_poll_seconds",  # issue 17 "notify": how often this installation's PCs poll its database
        "entry_clock_skew_minutes",  # issue 17 F: how far this installation's PC clocks may disagree
    }
)


def policy_settings(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(settings.items()) if k not in NOT_POLICY_SETTINGS}


def header_from(raw: Any) -> Header:
    if not isinstance(raw, dict):
        return Header()
    return Header(
        name=str(raw.get("name", "")),
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        source=str(raw.get("source", "")),
        notes=tuple(str(n) for n in raw.get("notes", ())),
    )


def categories_in_tree_order(rows: list[Category]) -> list[tuple[Category, str | None]]:
    """Parents before children, siblings by their order: the file reads as the tree does."""
    by_parent: dict[int | None, list[Category]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    code_of = {row.id: row.code for row in rows}
    out: list[tuple[Category, str | None]] = []

    def walk(parent: int | None) -> None:
        for row in sorted(by_parent.get(parent, []), key=lambda r: (r.sort_order, r.id)):
            out.append((row, code_of.get(row.parent_id) if row.parent_id else None))
            walk(row.id)

    walk(None)
    return out


def read_policy(session: Session, *, with_calendar: bool = False) -> Policy:
    settings = load_settings(session)
    lists: dict[str, list[ChoiceEntry]] = {}
    order = {key: n for n, key in enumerate(defaults.VOCABULARY_LISTS)}
    for item in session.scalars(select(ChoiceItem).order_by(ChoiceItem.sort_order, ChoiceItem.id)):
        lists.setdefault(item.list_key, []).append(ChoiceEntry(item.code, item.label, item.active))
    ordered = {k: tuple(lists[k]) for k in sorted(lists, key=lambda k: (order.get(k, len(order)), k))}
    names = tuple(
        NameEntry(row.vocabulary, row.code, row.label_zh, row.label_en or None)
        for row in session.scalars(
            select(LabelOverride).order_by(LabelOverride.vocabulary, LabelOverride.code)
        )
    )
    categories = tuple(
        CategoryEntry(row.code, row.label, parent, row.active)
        for row, parent in categories_in_tree_order(list(session.scalars(select(Category))))
    )
    departments = tuple(
        DepartmentEntry(d.code, d.name, d.active)
        for d in session.scalars(select(Department).order_by(Department.id))
    )
    deadline_rules = tuple(
        DeadlineRuleEntry(
            priority=r.priority,
            label=r.label,
            amount=r.amount,
            unit=r.unit,
            step=r.step or "case",
            kind=r.kind or None,
            category=r.category_code or None,
            min_severity=r.min_severity or None,
            major=r.major,
            severity_or_major=bool(r.severity_or_major),
            foreign=r.foreign,
            channel=r.channel or None,
            customer_type=r.customer_type or None,
            custom_field=r.custom_key or None,
            custom_value=r.custom_value,
        )
        for r in session.scalars(select(SlaRuleRow).order_by(SlaRuleRow.priority, SlaRuleRow.id))
    )
    step_order = {step.value: n for n, step in enumerate(TrackedStep)}
    step_policies = tuple(
        StepPolicyEntry(r.step, r.warn_before_minutes, r.on_overdue, r.role or None, r.active)
        for r in sorted(
            session.scalars(select(StepPolicyRow)), key=lambda r: (step_order.get(r.step, 99), r.step)
        )
    )
    approval_rules = tuple(
        ApprovalRuleEntry(
            priority=r.priority,
            label=r.label,
            steps=tuple(ApprovalStepEntry(s.role, s.of_responsible_department) for s in r.steps),
            min_amount_fen=r.min_amount_fen,
            max_amount_fen=r.max_amount_fen,
            category=r.category_code or None,
            kind=r.kind or None,
            min_severity=r.min_severity or None,
            major=r.major,
            active=r.active,
        )
        for r in session.scalars(
            select(ApprovalRuleRow)
            .options(selectinload(ApprovalRuleRow.steps))
            .order_by(ApprovalRuleRow.priority, ApprovalRuleRow.id)
        )
    )
    templates = tuple(
        ReplyTemplateEntry(t.title, t.body)
        for t in session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.sort_order, ReplyTemplate.id))
    )
    customs = tuple(
        CustomFieldEntry(
            c.key, c.label, c.type, tuple(str(x) for x in (c.choices or ())), c.required, c.active, c.personal
        )
        for c in session.scalars(select(CustomField).order_by(CustomField.sort_order, CustomField.id))
    )
    # The active forms in the branch's order: their copies, and their layout where it is not the shipped one.
    forms = tuple(
        FormEntry(
            spec.code,
            tuple(
                FormCopyEntry(c.number, c.name, c.colour, c.shows_phone, c.internal)
                for c in sorted(spec.copies, key=lambda c: c.number)
            ),
            exported_layout(spec),
        )
        for spec in (
            FormSpec.from_dict(row.spec)
            for row in session.scalars(
                select(FormSpecRow)
                .where(FormSpecRow.active)
                .order_by(FormSpecRow.sort_order, FormSpecRow.code)
            )
        )
    )
    calendar = None
    if with_calendar:
        calendar = CalendarEntry(
            confirmed_years=tuple(sorted(int(y) for y in settings.get("confirmed_calendar_years", []))),
            days=tuple(
                CalendarDay(row.day.isoformat(), row.working, row.note or "")
                for row in session.scalars(select(CalendarOverride).order_by(CalendarOverride.day))
            ),
        )
    return Policy(
        header=header_from(settings.get(HEADER_SETTING)),
        settings=policy_settings(settings),
        lists=ordered,
        names=names,
        categories=categories,
        departments=departments,
        deadline_rules=deadline_rules,
        step_policies=step_policies,
        approval_rules=approval_rules,
        reply_templates=templates,
        custom_fields=customs,
        forms=forms,
        calendar=calendar,
        rewards=export_rewards(session),  # issue 14 part C
        retention=tuple(  # issue 15 part R
            RetentionEntry(r.years, r.category_code, r.kind)
            for r in session.scalars(select(RetentionRule).order_by(RetentionRule.id))
        ),
        report_duties=export_report_duties(session),  # issue 15 part M
    )
