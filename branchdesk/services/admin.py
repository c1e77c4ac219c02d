"""Administration: users and roles, calendar overrides, settings. Every change is an event."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select

from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import Role
from branchdesk.errors import FieldError, NotFound, PermissionDenied
from branchdesk.services.auth import hash_password
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.storage.models import CalendarOverride, Department, Setting, User, UserRole


class AdminService(ServiceBase):
    def _admin(self, unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied("只有系统管理员可以修改设置")

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
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="admin.roles",
                summary=f"修改 {user.full_name} 的角色",
                changes=[("roles", before, sorted(r.value for r in roles))],
            )

    def set_calendar_day(self, actor: Actor, day: date, working: bool, note: str = "") -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.get(CalendarOverride, day)
            old = row.working if row else None
            if row is None:
                unit.session.add(CalendarOverride(day=day, working=working, note=note))
            else:
                row.working, row.note = working, note
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="admin.calendar",
                summary=f"设定 {day} 为{'工作日' if working else '休息日'}{('：' + note) if note else ''}",
                changes=[("working", old, working)],
            )

    def set_setting(self, actor: Actor, key: str, value: Any) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = unit.session.get(Setting, key)
            if row is None:
                raise NotFound(f"没有设置项 {key}")
            old, row.value = row.value, value
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="admin.setting",
                summary=f"修改设置 {key}",
                changes=[(key, old, value)],
            )


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
