"""Administration: users and roles, departments, categories, SLA policy, authority matrix, calendar,
reply templates, custom intake fields and settings. Every change is an event (who, when, old → new)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from branchdesk.domain.money import parse_yuan
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import DeadlineUnit, Kind, Role, Severity
from branchdesk.errors import FieldError, NotFound, PermissionDenied
from branchdesk.services.auth import hash_password
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import AdminSnapshot
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import (
    AuthorityRow,
    CalendarOverride,
    Category,
    CustomField,
    Department,
    ReplyTemplate,
    Setting,
    SlaRuleRow,
    User,
    UserRole,
)

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,39}")
CUSTOM_TYPES = ("text", "number", "date", "choice")


class AdminService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor) -> Iterator[Unit]:
        """Every admin write changes configuration (users included: they fill the pick lists)."""
        with self._door.write(actor) as unit:
            unit.mark_config_changed()
            yield unit

    def _admin(self, unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied("只有系统管理员可以修改设置")

    def _event(self, unit: Unit, action: str, summary: str, changes: list[tuple[str, Any, Any]]) -> None:
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action=f"admin.{action}",
            summary=summary,
            changes=changes,
        )

    # --- reading ---------------------------------------------------------------

    def snapshot(self, actor: Actor) -> AdminSnapshot:
        with self._door.read(actor) as unit:
            self._admin(unit)
            s = unit.session
            parent = aliased(Category)
            return AdminSnapshot(
                departments=[
                    (d.id, d.code, d.name, d.active)
                    for d in s.scalars(select(Department).order_by(Department.id))
                ],
                categories=[
                    (c.code, c.label, p.code if p else None, c.active)
                    for c, p in s.execute(
                        select(Category, parent)
                        .outerjoin(parent, parent.id == Category.parent_id)
                        .order_by(Category.parent_id.is_not(None), Category.sort_order)
                    )
                ],
                sla_rules=[
                    {
                        "id": r.id,
                        "priority": r.priority,
                        "label": r.label,
                        "amount": r.amount,
                        "unit": r.unit,
                        "kind": r.kind,
                        "category_code": r.category_code,
                        "min_severity": r.min_severity,
                        "severity_or_major": r.severity_or_major,
                        "foreign": r.foreign,
                    }
                    for r in s.scalars(select(SlaRuleRow).order_by(SlaRuleRow.priority))
                ],
                authority=[
                    (a.level_order, a.role, a.max_amount_fen)
                    for a in s.scalars(select(AuthorityRow).order_by(AuthorityRow.level_order))
                ],
                reply_templates=[
                    (t.id, t.title, t.body)
                    for t in s.scalars(select(ReplyTemplate).order_by(ReplyTemplate.sort_order))
                ],
                custom_fields=[
                    (f.key, f.label, f.type, list(f.choices or []), f.required, f.active)
                    for f in s.scalars(select(CustomField).order_by(CustomField.sort_order))
                ],
                settings={row.key: row.value for row in s.scalars(select(Setting))},
                confirmed_years=sorted(int(y) for y in unit.config.setting("confirmed_calendar_years")),
            )

    # --- users -------------------------------------------------------------------

    def create_user(
        self,
        actor: Actor,
        *,
        username: str,
        full_name: str,
        department_code: str,
        roles: Collection[Role],
        password: str,
    ) -> int:
        with self._unit(actor) as unit:
            self._admin(unit)
            return create_user(
                unit,
                username=username,
                full_name=full_name,
                department_code=department_code,
                roles=roles,
                password=password,
            )

    def set_roles(self, actor: Actor, user_id: int, roles: Collection[Role]) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            user = unit.session.get(User, user_id)
            if user is None:
                raise NotFound("用户不存在")
            before = sorted(r.role for r in user.roles)
            user.roles = [UserRole(role=Role(r).value) for r in set(roles)]
            self._event(
                unit,
                "roles",
                f"修改 {user.full_name} 的角色",
                [("roles", before, sorted(Role(r).value for r in roles))],
            )

    # --- departments and categories ----------------------------------------------------

    def save_department(self, actor: Actor, code: str, name: str, active: bool = True) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            code, name = clean_text(code).upper(), clean_text(name)
            errors = {}
            if not code or not code.isascii() or not code.replace("_", "").isalnum():
                errors["code"] = "部门代码请用字母或数字"
            if not name:
                errors["name"] = "请填写部门名称"
            if errors:
                raise FieldError(errors)
            department = unit.session.scalars(select(Department).where(Department.code == code)).first()
            if department is None:
                unit.session.add(Department(code=code, name=name, active=active))
                self._event(unit, "department", f"新增部门 {name}（{code}）", [])
            else:
                changes = apply_changes(department, {"name": name, "active": active})
                self._event(unit, "department", f"修改部门 {code}", changes)

    def save_category(
        self, actor: Actor, code: str, label: str, parent_code: str | None = None, active: bool = True
    ) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            code, label = clean_text(code), clean_text(label)
            errors = {}
            if not _CODE.fullmatch(code):
                errors["code"] = "类别代码请用字母开头的字母、数字、点或下划线，如 service.delivery"
            if not label:
                errors["label"] = "请填写类别名称"
            parent = None
            if parent_code:
                parent = unit.session.scalars(select(Category).where(Category.code == parent_code)).first()
                if parent is None or parent.parent_id is not None:
                    errors["parent"] = "上级类别须为第一级类别（类别树为两级）"
            if errors:
                raise FieldError(errors)
            category = unit.session.scalars(select(Category).where(Category.code == code)).first()
            if category is None:
                siblings = unit.session.scalars(
                    select(Category.id).where(Category.parent_id == (parent.id if parent else None))
                ).all()
                unit.session.add(
                    Category(
                        code=code,
                        label=label,
                        parent_id=parent.id if parent else None,
                        sort_order=len(siblings),
                        active=active,
                    )
                )
                self._event(unit, "category", f"新增投诉类别 {label}", [])
            else:
                changes = apply_changes(category, {"label": label, "active": active})
                self._event(unit, "category", f"修改投诉类别 {code}", changes)

    # --- SLA policy and authority ------------------------------------------------------

    def save_sla_rule(
        self,
        actor: Actor,
        rule_id: int | None,
        *,
        priority: int,
        label: str,
        amount: int,
        unit_code: str,
        kind: str | None = None,
        category_code: str | None = None,
        min_severity: str | None = None,
        severity_or_major: bool = False,
        foreign: bool | None = None,
    ) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            errors = {}
            if amount <= 0 or amount > 365:
                errors["amount"] = "时限须为 1–365"
            if unit_code not in {u.value for u in DeadlineUnit}:
                errors["unit"] = "请选择时限单位：小时、工作日或自然日"
            if kind and kind not in {k.value for k in Kind}:
                errors["kind"] = "性质不正确"
            if min_severity and min_severity not in {s.value for s in Severity}:
                errors["min_severity"] = "等级不正确"
            if (
                category_code
                and unit.session.scalars(select(Category.id).where(Category.code == category_code)).first()
                is None
            ):
                errors["category_code"] = "类别不存在"
            if not clean_text(label):
                errors["label"] = "请填写规则说明"
            if errors:
                raise FieldError(errors)
            values = {
                "priority": priority,
                "label": clean_text(label),
                "amount": amount,
                "unit": unit_code,
                "kind": kind or None,
                "category_code": category_code or None,
                "min_severity": min_severity or None,
                "severity_or_major": severity_or_major,
                "foreign": foreign,
            }
            if rule_id is None:
                unit.session.add(SlaRuleRow(**values))
                self._event(unit, "sla", f"新增处理时效规则：{values['label']}", [])
            else:
                row = unit.session.get(SlaRuleRow, rule_id)
                if row is None:
                    raise NotFound("时效规则不存在")
                self._event(unit, "sla", f"修改处理时效规则：{row.label}", apply_changes(row, values))

    def set_authority_limit(self, actor: Actor, level_order: int, max_amount: str) -> None:
        """Change a level's upper limit (yuan as typed; empty for no limit)."""
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.scalars(
                select(AuthorityRow).where(AuthorityRow.level_order == level_order)
            ).first()
            if row is None:
                raise NotFound("核决层级不存在")
            fen = parse_yuan(max_amount, "max_amount") if max_amount.strip() else None
            levels = unit.session.scalars(select(AuthorityRow).order_by(AuthorityRow.level_order)).all()
            limits = [fen if level.id == row.id else level.max_amount_fen for level in levels]
            finite = [x for x in limits if x is not None]
            if finite != sorted(finite) or (None in limits and limits.index(None) != len(limits) - 1):
                raise FieldError({"max_amount": "核决金额须逐级递增，只有最高一级可以不设上限"})
            self._event(
                unit,
                "authority",
                f"修改{Role(row.role).label}核决权限",
                apply_changes(row, {"max_amount_fen": fen}),
            )

    # --- calendar --------------------------------------------------------------------

    def set_calendar_day(self, actor: Actor, day: date, working: bool, note: str = "") -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.get(CalendarOverride, day)
            old = row.working if row else None
            if row is None:
                unit.session.add(CalendarOverride(day=day, working=working, note=note))
            else:
                row.working, row.note = working, note
            self._event(
                unit,
                "calendar",
                f"设定 {day} 为{'工作日' if working else '休息日'}{('：' + note) if note else ''}",
                [("working", old, working)],
            )

    def confirm_calendar_year(self, actor: Actor, year: int) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.get(Setting, "confirmed_calendar_years")
            assert row is not None
            years = sorted({*(int(y) for y in row.value), year})
            old, row.value = row.value, years
            self._event(
                unit,
                "calendar",
                f"确认 {year} 年法定节假日已录入",
                [("confirmed_calendar_years", old, years)],
            )

    # --- templates, custom fields, settings ------------------------------------------------

    def save_reply_template(self, actor: Actor, template_id: int | None, title: str, body: str) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            title, body = clean_text(title), clean_text(body)
            if not title or not body:
                raise FieldError({"title" if not title else "body": "请填写模板标题和内容"})
            if template_id is None:
                count = len(unit.session.scalars(select(ReplyTemplate.id)).all())
                unit.session.add(ReplyTemplate(title=title, body=body, sort_order=count))
                self._event(unit, "template", f"新增答复模板：{title}", [])
            else:
                row = unit.session.get(ReplyTemplate, template_id)
                if row is None:
                    raise NotFound("模板不存在")
                self._event(
                    unit,
                    "template",
                    f"修改答复模板：{title}",
                    apply_changes(row, {"title": title, "body": body}),
                )

    def save_custom_field(
        self,
        actor: Actor,
        key: str,
        label: str,
        field_type: str,
        choices: Collection[str] = (),
        required: bool = False,
        active: bool = True,
    ) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            errors = {}
            if not _CODE.fullmatch(key):
                errors["key"] = "字段代码请用字母开头的字母、数字或下划线"
            if not clean_text(label):
                errors["label"] = "请填写字段名称"
            if field_type not in CUSTOM_TYPES:
                errors["type"] = "字段类型须为文本、数字、日期或选项"
            options = [clean_text(c) for c in choices if clean_text(c)]
            if field_type == "choice" and not options:
                errors["choices"] = "选项类字段请至少填写一个选项"
            if errors:
                raise FieldError(errors)
            row = unit.session.scalars(select(CustomField).where(CustomField.key == key)).first()
            values = {
                "label": clean_text(label),
                "type": field_type,
                "choices": options,
                "required": required,
                "active": active,
            }
            if row is None:
                count = len(unit.session.scalars(select(CustomField.id)).all())
                unit.session.add(CustomField(key=key, sort_order=count, **values))
                self._event(unit, "custom_field", f"新增自定义字段：{values['label']}", [])
            else:
                self._event(
                    unit, "custom_field", f"修改自定义字段：{values['label']}", apply_changes(row, values)
                )

    def set_setting(self, actor: Actor, key: str, value: Any) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.get(Setting, key)
            if row is None:
                raise NotFound(f"没有设置项 {key}")
            if type(value) is not type(row.value) and not (
                isinstance(row.value, int) and isinstance(value, int)
            ):
                raise FieldError({key: "设置值的类型不正确"})
            old, row.value = row.value, value
            self._event(unit, "setting", f"修改设置 {key}", [(key, old, value)])


def create_user(
    unit: Unit, *, username: str, full_name: str, department_code: str, roles: Collection[Role], password: str
) -> int:
    errors = {}
    username = username.strip()
    if not username or not username.isascii() or " " in username:
        errors["username"] = "用户名请用字母、数字，不含空格"
    elif unit.session.scalars(select(User.id).where(User.username == username)).first() is not None:
        errors["username"] = f"用户名 {username} 已被使用"
    if not clean_text(full_name):
        errors["full_name"] = "请填写姓名"
    department = unit.session.scalars(select(Department).where(Department.code == department_code)).first()
    if department is None:
        errors["department"] = "请选择所属部门"
    if not roles:
        errors["roles"] = "请至少选择一个角色"
    if errors:
        raise FieldError(errors)
    assert department is not None
    user = User(
        username=username,
        full_name=clean_text(full_name),
        department_id=department.id,
        password_hash=hash_password(password),
        created_at=unit.now,
        roles=[UserRole(role=Role(r).value) for r in set(roles)],
    )
    unit.session.add(user)
    unit.session.flush()
    record(
        unit.session,
        at=unit.now,
        actor=unit.user,
        action="admin.user",
        summary=f"新建用户 {user.full_name}（{username}），角色："
        + "、".join(Role(r).label for r in roles)
        + f"，部门：{department.name}",
    )
    return user.id
