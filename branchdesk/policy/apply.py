"""What a policy changes (``diff``) and writing it into the database (``apply_policy``, in the caller's unit).

The file is the whole policy: a section absent from it is empty (settings excepted: a setting not
named keeps its value). What cases refer to is never deleted — a list item, category, department or
custom field missing from the file is deactivated; rules, step policies, names, reply templates and
form copies are replaced (cases store their own deadline, rule label and approval chain).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from branchdesk.i18n import Label, Text
from branchdesk.policy.export import HEADER_SETTING
from branchdesk.policy.forms import copy_spec, shipped_layout
from branchdesk.policy.model import Header, Policy
from branchdesk.policy.report_duties import apply_report_duties  # issue 15 part M
from branchdesk.policy.rewards import apply_rewards  # issue 14 part C
from branchdesk.printing.form_spec import FormSpec
from branchdesk.storage.models import (
    ApprovalRuleRow,
    ApprovalStepRow,
    CalendarOverride,
    Category,
    ChoiceItem,
    CustomField,
    Department,
    FormSpecRow,
    LabelOverride,
    ReplyTemplate,
    RetentionRule,
    Setting,
    SlaRuleRow,
    StepPolicyRow,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One line of the diff: ``kind`` added | changed | removed | deactivated."""

    section: str
    kind: str
    item: str
    detail: str = ""

    def text(self) -> Text:
        """The line a person reads: sections and settings by their names, not the file's keys."""
        section: Text | Label = Label("PolicySection", self.section)
        if self.section.startswith("lists."):
            list_key = self.section.removeprefix("lists.")
            section = Text("policy.section_list", {"list": Label("VocabularyList", list_key)})
        item: str | Label = Label("Field", self.item) if self.section == "settings" else self.item
        params = {"section": section, "item": item, "detail": self.detail}
        if self.kind == "added":
            return Text("policy.change_added", params)
        if self.kind == "removed":
            return Text("policy.change_removed", params)
        if self.kind == "deactivated":
            return Text("policy.change_deactivated", params)
        return Text("policy.change_changed", params)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _detail(old: Any, new: Any) -> str:
    parts = []
    for f in fields(old):
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a != b:
            if hasattr(a, "__dataclass_fields__") or (
                isinstance(a, tuple) and a and hasattr(a[0], "__dataclass_fields__")
            ):
                a, b = _show([asdict(x) for x in a]), _show([asdict(x) for x in b])
            parts.append(f"{f.name}: {_show(a)} → {_show(b)}")
    return "; ".join(parts)


def _keyed(
    out: list[Change], section: str, old: dict[Any, Any], new: dict[Any, Any], *, deactivate: bool
) -> None:
    for key, entry in new.items():
        name = key if isinstance(key, str) else "/".join(map(str, key))
        if key not in old:
            out.append(Change(section, "added", name))
        elif old[key] != entry:
            out.append(Change(section, "changed", name, _detail(old[key], entry)))
    for key, entry in old.items():
        if key in new:
            continue
        name = key if isinstance(key, str) else "/".join(map(str, key))
        if deactivate:
            if getattr(entry, "active", True):
                out.append(Change(section, "deactivated", name))
        else:
            out.append(Change(section, "removed", name))


def _numbered(keys: Iterable[tuple[str, ...]], entries: Iterable[T]) -> dict[tuple[str, ...], T]:
    """Entries keyed by their label; two with the same label (the settings pages allow it) get #2, #3 …"""
    out: dict[tuple[str, ...], T] = {}
    for key, entry in zip(keys, entries, strict=True):
        numbered, n = key, 1
        while numbered in out:
            n += 1
            numbered = (*key[:-1], f"{key[-1]} #{n}")
        out[numbered] = entry
    return out


def _paired_layouts(old: Policy, new: Policy) -> list[tuple[tuple[str, Any], tuple[str, Any]]]:
    """(code, layout) before and after for each form the new policy names (None: as shipped)."""
    before = {f.form: f.layout for f in old.forms}
    return [((f.form, before.get(f.form)), (f.form, f.layout)) for f in new.forms]


def diff(old: Policy, new: Policy) -> list[Change]:
    """Every difference ``new`` makes to ``old``, section by section, in file order."""
    out: list[Change] = []
    if old.header != new.header:
        out.append(
            Change("header", "changed", new.header.title or new.header.name, _detail(old.header, new.header))
        )
    for key, value in new.settings.items():
        if old.settings.get(key) != value:
            out.append(Change("settings", "changed", key, f"{_show(old.settings.get(key))} → {_show(value)}"))
    for list_key in sorted(set(old.lists) | set(new.lists)):
        before = {e.code: e for e in old.lists.get(list_key, ())}
        after = {e.code: e for e in new.lists.get(list_key, ())}
        _keyed(out, f"lists.{list_key}", before, after, deactivate=True)
        if [c for c in before if c in after] != [c for c in after if c in before]:
            out.append(Change(f"lists.{list_key}", "changed", list_key, "order"))
    _keyed(
        out,
        "names",
        {(e.vocabulary, e.code): e for e in old.names},
        {(e.vocabulary, e.code): e for e in new.names},
        deactivate=False,
    )
    _keyed(
        out,
        "categories",
        {e.code: e for e in old.categories},
        {e.code: e for e in new.categories},
        deactivate=True,
    )
    _keyed(
        out,
        "departments",
        {e.code: e for e in old.departments},
        {e.code: e for e in new.departments},
        deactivate=True,
    )
    _keyed(
        out,
        "deadline_rules",
        _numbered([(e.step, e.label) for e in old.deadline_rules], old.deadline_rules),
        _numbered([(e.step, e.label) for e in new.deadline_rules], new.deadline_rules),
        deactivate=False,
    )
    _keyed(
        out,
        "step_policies",
        {e.step: e for e in old.step_policies},
        {e.step: e for e in new.step_policies},
        deactivate=False,
    )
    _keyed(
        out,
        "approval_rules",
        _numbered([(e.label,) for e in old.approval_rules], old.approval_rules),
        _numbered([(e.label,) for e in new.approval_rules], new.approval_rules),
        deactivate=False,
    )
    _keyed(
        out,
        "reply_templates",
        _numbered([(e.title,) for e in old.reply_templates], old.reply_templates),
        _numbered([(e.title,) for e in new.reply_templates], new.reply_templates),
        deactivate=False,
    )
    _keyed(
        out,
        "custom_fields",
        {e.key: e for e in old.custom_fields},
        {e.key: e for e in new.custom_fields},
        deactivate=True,
    )
    _keyed(  # issue 15 part R
        out,
        "retention",
        {(e.category or "*", e.kind or "*"): e for e in old.retention},
        {(e.category or "*", e.kind or "*"): e for e in new.retention},
        deactivate=False,
    )
    _keyed(
        out,
        "forms",
        {(f.form, c.no): c for f in old.forms for c in f.copies},
        {(f.form, c.no): c for f in new.forms for c in f.copies},
        deactivate=False,
    )
    for (code, was), (_code, now) in _paired_layouts(old, new):
        if was != now:
            out.append(Change("forms", "changed", code, "layout"))
    if new.calendar is not None:
        before_days = {d.day: d for d in old.calendar.days} if old.calendar else {}
        _keyed(out, "calendar", before_days, {d.day: d for d in new.calendar.days}, deactivate=False)
        if old.calendar is None or old.calendar.confirmed_years != new.calendar.confirmed_years:
            out.append(Change("calendar", "changed", "confirmed_years", _show(new.calendar.confirmed_years)))
    if new.rewards is not None:  # issue 14 part C: the reward/penalty scale
        before_scale = {e.code: e for e in old.rewards or ()}
        _keyed(out, "rewards", before_scale, {e.code: e for e in new.rewards}, deactivate=True)
    if new.report_duties is not None:  # issue 15 part M: the reports due
        _keyed(
            out,
            "report_duties",
            {(e.kind, e.role, e.department or "*"): e for e in old.report_duties or ()},
            {(e.kind, e.role, e.department or "*"): e for e in new.report_duties},
            deactivate=False,
        )
    # Order only (same entries, another order) still changes the export: say so, or a round trip would lie.
    for section in (
        "categories",
        "departments",
        "deadline_rules",
        "approval_rules",
        "reply_templates",
        "custom_fields",
    ):
        a, b = getattr(old, section), getattr(new, section)
        if a != b and set(a) == set(b):
            out.append(Change(section, "changed", section, "order"))
    return out


def _header_value(header: Header) -> dict[str, Any]:
    return {**asdict(header), "notes": list(header.notes)}


def apply_policy(session: Session, policy: Policy, today: date | None = None) -> None:
    """Write ``policy`` into the branch (inside the caller's write transaction); ``today``: the day a
    newly listed report duty is owed from (issue 15 part M; None: the computer's date)."""
    settings = {row.key: row for row in session.scalars(select(Setting))}
    wanted = {**policy.settings, HEADER_SETTING: _header_value(policy.header)}
    if policy.calendar is not None:
        wanted["confirmed_calendar_years"] = list(policy.calendar.confirmed_years)
    for key, value in wanted.items():
        if key in settings:
            if settings[key].value != value:
                settings[key].value = value
        else:
            session.add(Setting(key=key, value=value))

    items = {(row.list_key, row.code): row for row in session.scalars(select(ChoiceItem))}
    seen: set[tuple[str, str]] = set()
    for list_key, entries in policy.lists.items():
        for order, entry in enumerate(entries):
            row = items.get((list_key, entry.code))
            if row is None:
                row = ChoiceItem(list_key=list_key, code=entry.code)
                session.add(row)
            row.label, row.sort_order, row.active = entry.label, order, entry.active
            seen.add((list_key, entry.code))
    for item_key, item_row in items.items():
        if item_key not in seen:
            item_row.active = False

    session.execute(delete(LabelOverride))
    for name in policy.names:
        session.add(
            LabelOverride(vocabulary=name.vocabulary, code=name.code, label_zh=name.zh, label_en=name.en)
        )

    categories = {row.code: row for row in session.scalars(select(Category))}
    sibling: dict[str | None, int] = {}
    for cat in policy.categories:  # parents come first (validated)
        category = categories.get(cat.code)
        if category is None:
            category = Category(code=cat.code, label=cat.label)
            session.add(category)
            categories[cat.code] = category
        order = sibling.get(cat.parent, 0)
        sibling[cat.parent] = order + 1
        parent = categories[cat.parent] if cat.parent else None
        if parent is not None and parent.id is None:
            session.flush()
        category.label, category.sort_order, category.active = cat.label, order, cat.active
        category.parent_id = parent.id if parent is not None else None
    listed: set[str] = {e.code for e in policy.categories}
    for code, category in categories.items():
        if code not in listed:
            category.active = False

    departments = {row.code: row for row in session.scalars(select(Department))}
    for dept in policy.departments:
        department = departments.get(dept.code)
        if department is None:
            session.add(Department(code=dept.code, name=dept.name, active=dept.active))
        else:
            department.name, department.active = dept.name, dept.active
    listed = {e.code for e in policy.departments}
    for code, department in departments.items():
        if code not in listed:
            department.active = False

    session.execute(delete(SlaRuleRow))
    for rule in policy.deadline_rules:
        session.add(
            SlaRuleRow(
                priority=rule.priority,
                label=rule.label,
                amount=rule.amount,
                unit=rule.unit,
                step=rule.step,
                kind=rule.kind,
                category_code=rule.category,
                min_severity=rule.min_severity,
                major=rule.major,
                severity_or_major=rule.severity_or_major,
                foreign=rule.foreign,
                channel=rule.channel,
                customer_type=rule.customer_type,
                custom_key=rule.custom_field,
                custom_value=rule.custom_value,
            )
        )

    session.execute(delete(StepPolicyRow))
    for step in policy.step_policies:
        session.add(
            StepPolicyRow(
                step=step.step,
                warn_before_minutes=step.warn_before_minutes,
                on_overdue=step.on_overdue,
                role=step.role,
                active=step.active,
            )
        )

    session.execute(delete(ApprovalStepRow))
    session.execute(delete(ApprovalRuleRow))
    for approval in policy.approval_rules:
        session.add(
            ApprovalRuleRow(
                priority=approval.priority,
                label=approval.label,
                min_amount_fen=approval.min_amount_fen,
                max_amount_fen=approval.max_amount_fen,
                category_code=approval.category,
                kind=approval.kind,
                min_severity=approval.min_severity,
                major=approval.major,
                active=approval.active,
                steps=[
                    ApprovalStepRow(step_order=n, role=s.role, of_responsible_department=s.own_department)
                    for n, s in enumerate(approval.steps, start=1)
                ],
            )
        )

    session.execute(delete(ReplyTemplate))
    for order, template in enumerate(policy.reply_templates):
        session.add(ReplyTemplate(title=template.title, body=template.body, sort_order=order))

    customs = {row.key: row for row in session.scalars(select(CustomField))}
    for order, custom in enumerate(policy.custom_fields):
        field_row = customs.get(custom.key)
        if field_row is None:
            field_row = CustomField(key=custom.key)
            session.add(field_row)
        field_row.label, field_row.type, field_row.choices = custom.label, custom.type, list(custom.choices)
        field_row.required, field_row.sort_order, field_row.active = custom.required, order, custom.active
        field_row.personal = custom.personal  # issue 15 part R
    listed = {e.key for e in policy.custom_fields}
    for field_key, field_row in customs.items():
        if field_key not in listed:
            field_row.active = False

    # A form's copies and layout come from the file (no layout: the shipped one); the department a copy
    # goes to stays as the branch set it (设置 → 表单). A form the file leaves out stays as it is.
    last_order = max((row.sort_order for row in session.scalars(select(FormSpecRow))), default=0)
    for form in policy.forms:
        form_row = session.get(FormSpecRow, form.form)
        layout = form.layout if form.layout is not None else shipped_layout(form.form)
        if form_row is None:
            if layout is None:
                continue
            last_order += 1
            form_row = FormSpecRow(code=form.form, spec={}, active=True, sort_order=last_order)
            session.add(form_row)
        before = FormSpec.from_dict(form_row.spec) if form_row.spec else None
        copy_departments = {c.number: c.department for c in before.copies} if before else {}
        spec = FormSpec.from_dict({"code": form.form, "copies": [], **(layout or {})})
        spec.copies = [
            copy_spec(c, copy_departments.get(c.no, "")) for c in form.copies
        ]
        if spec.to_dict() != form_row.spec:
            form_row.spec = spec.to_dict()
        form_row.active = True

    apply_rewards(session, policy.rewards)  # issue 14 part C: the reward/penalty scale
    apply_report_duties(session, policy.report_duties, today or date.today())  # issue 15 part M
    # issue 15 part R: the retention rules are the file's (none: the setting retention_years for all)
    session.execute(delete(RetentionRule))
    for kept in policy.retention:
        session.add(RetentionRule(category_code=kept.category, kind=kept.kind, years=kept.years))

    if policy.calendar is not None:
        session.execute(delete(CalendarOverride))
        for day in policy.calendar.days:
            session.add(CalendarOverride(day=date.fromisoformat(day.day), working=day.working, note=day.note))
    session.flush()
