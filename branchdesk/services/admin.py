"""Administration: users and roles, departments, categories, SLA policy, calendar,
reply templates, custom intake fields and settings. Every change is an event (who, when, old → new)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from branchdesk.domain import defaults
from branchdesk.domain.bounds import FIRST_DAY, INT_MAX, LAST_DAY, MAX_CHOICES, TEXT_LIMITS, Checks, ids_ok
from branchdesk.domain.capa import oversight_role  # issue 14 part B
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import OPEN_STATUSES, Role
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.auth import hash_password
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.dto import AdminSnapshot, UserRow
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import (
    CalendarOverride,
    Case,
    Category,
    CustomField,
    Department,
    Event,
    ReplyTemplate,
    Setting,
    SlaRuleRow,
    User,
    UserRole,
)

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,39}")
CUSTOM_TYPES = ("text", "number", "date", "choice")


#: ``set_setting`` without ``seen``: the caller does not name what it saw (the CLI's explicit command).
UNSEEN: Any = object()


class AdminService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        """Every admin write changes configuration (users included: they fill the pick lists)."""
        with self._door.write(actor) as unit:
            unit.mark_config_changed(seen)
            yield unit

    def _admin(self, unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    def _event(self, unit: Unit, action: str, text: Text, changes: list[tuple[str, Any, Any]]) -> None:
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action=f"admin.{action}",
            text=text,
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
                reply_templates=[
                    (t.id, t.title, t.body)
                    for t in s.scalars(select(ReplyTemplate).order_by(ReplyTemplate.sort_order))
                ],
                custom_fields=[
                    (f.key, f.label, f.type, list(f.choices or []), f.required, f.active)
                    for f in s.scalars(select(CustomField).order_by(CustomField.sort_order))
                ],
                settings={row.key: row.value for row in s.scalars(select(Setting))},
                users=self._users(s),
                confirmed_years=sorted(int(y) for y in unit.config.setting("confirmed_calendar_years")),
            )

    @staticmethod
    def _users(session: Session) -> list[UserRow]:
        open_cases = {
            handler_id: count
            for handler_id, count in session.execute(
                select(Case.handler_id, func.count(Case.id))
                .where(Case.handler_id.is_not(None), Case.status.in_([s.value for s in OPEN_STATUSES]))
                .group_by(Case.handler_id)
            ).all()
        }
        return [
            UserRow(
                id=user.id,
                username=user.username,
                full_name=user.full_name,
                department_id=user.department_id,
                roles=tuple(sorted((r.role for r in user.roles), key=[x.value for x in Role].index)),
                active=user.active,
                open_cases=int(open_cases.get(user.id, 0)),
            )
            for user in session.scalars(select(User).order_by(User.active.desc(), User.full_name))
        ]

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
        seen: int | None = None,
    ) -> int:
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            return create_user(
                unit,
                username=username,
                full_name=full_name,
                department_code=department_code,
                roles=roles,
                password=password,
            )

    def set_roles(
        self,
        actor: Actor,
        user_id: int,
        roles: Collection[Role],
        *,
        seen: int | None = None,
    ) -> None:
        roles = _roles(roles)
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            user = unit.session.get(User, user_id) if ids_ok(user_id) else None
            if user is None:
                raise NotFound(Text("admin.user_not_found"))
            if not roles:  # a user without a role could still log in and see nothing: deactivate instead
                raise FieldError({"roles": Text("admin.roles")})
            if user.id == unit.user.id and Role.ADMIN not in set(roles):
                raise FieldError({"roles": Text("admin.keep_own_admin")})
            before = sorted(r.role for r in user.roles)
            user.roles = [UserRole(role=Role(r).value) for r in set(roles)]
            self._event(
                unit,
                "roles",
                Text("event.admin_roles", {"name": user.full_name}),
                [("roles", before, sorted(Role(r).value for r in roles))],
            )

    def set_active(self, actor: Actor, user_id: int, active: bool, *, seen: int | None = None) -> None:
        """Deactivate (or reactivate) a user: a deactivated user cannot log in, is offered as nobody's
        handler or approver, and the cases they handle show as needing reassignment."""
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            user = unit.session.get(User, user_id) if ids_ok(user_id) else None
            if user is None:
                raise NotFound(Text("admin.user_not_found"))
            if user.id == unit.user.id and not active:
                raise DomainError(Text("admin.cannot_deactivate_self"))
            if user.active == active:
                return
            user.active = active
            self._event(
                unit,
                "user_active",
                Text(
                    "event.admin_user_activated" if active else "event.admin_user_deactivated",
                    {"name": user.full_name},
                ),
                [("active", not active, active)],
            )

    # --- issue 17 part F: a user's name and department edited on the users page -----------------

    def update_user(
        self, actor: Actor, user_id: int, *, full_name: str, department_code: str, seen: UserRow
    ) -> None:
        """Rename a user or move them to another department. ``seen`` is the row as the administrator
        read it: when someone changed that user meanwhile (name, department, roles, active) the edit
        is refused with who is concerned, instead of silently overwriting their change."""
        checks = Checks()
        full_name = checks.text("full_name", full_name, TEXT_LIMITS["full_name"])
        department_code = checks.text(
            "department", department_code, TEXT_LIMITS["code"], Text("admin.department")
        )
        checks.done()
        if not clean_text(full_name):
            raise FieldError({"full_name": Text("admin.full_name")})
        with self._unit(actor) as unit:
            self._admin(unit)
            user = unit.session.get(User, user_id) if ids_ok(user_id) else None
            if user is None or not isinstance(seen, UserRow) or seen.id != user.id:
                raise NotFound(Text("admin.user_not_found"))
            now = (user.full_name, user.department_id, sorted(r.role for r in user.roles), user.active)
            if now != (seen.full_name, seen.department_id, sorted(seen.roles), seen.active):
                raise ConcurrentChange(Text("admin.user_changed", {"name": user.full_name}))
            department = unit.session.scalars(
                select(Department).where(Department.code == department_code, Department.active)
            ).first()
            if department is None:
                raise FieldError({"department": Text("admin.department")})
            changes: list[tuple[str, Any, Any]] = [
                ("full_name", user.full_name, clean_text(full_name)),
                ("department", user.department.name, department.name),
            ]
            changes = [c for c in changes if c[1] != c[2]]
            user.full_name, user.department_id = clean_text(full_name), department.id
            if changes:
                text = Text("event.admin_user_edited", {"name": user.full_name})
                self._event(unit, "user_edit", text, changes)

    def reset_password(self, actor: Actor, user_id: int, temporary_password: str) -> None:
        """Give a user a temporary password (same rules as a new one); they must change it at the next
        login. Also lifts a lock after too many wrong passwords. One's own password is changed in the
        user menu instead (the old one is asked there)."""
        with self._door.write(actor) as unit:  # not a configuration change: no version bump
            self._admin(unit)
            user = unit.session.get(User, user_id)
            if user is None:
                raise NotFound(Text("admin.user_not_found"))
            if user.id == unit.user.id:
                raise DomainError(Text("admin.reset_own_password"))
            user.password_hash = hash_password(temporary_password, demo=unit.config.demo)
            user.must_change_password = True
            user.failed_logins = 0
            user.locked_until = None
            text = Text("event.admin_password_reset", {"name": user.full_name})
            self._event(unit, "password_reset", text, [])

    # --- departments and categories ----------------------------------------------------

    def save_department(
        self,
        actor: Actor,
        code: str,
        name: str,
        active: bool = True,
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        code = checks.text("code", code, TEXT_LIMITS["code"]).upper()
        name = checks.text("name", name, TEXT_LIMITS["name"])
        if "code" not in checks.errors and (
            not code or not code.isascii() or not code.replace("_", "").isalnum()
        ):
            checks.add("code", Text("admin.department_code"))
        if "name" not in checks.errors and not name:
            checks.add("name", Text("admin.department_name"))
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            department = unit.session.scalars(select(Department).where(Department.code == code)).first()
            if department is None:
                unit.session.add(Department(code=code, name=name, active=active))
                self._event(
                    unit, "department", Text("event.admin_department_added", {"name": name, "code": code}), []
                )
            else:
                changes = apply_changes(department, {"name": name, "active": active})
                self._event(
                    unit, "department", Text("event.admin_department_changed", {"code": code}), changes
                )

    def save_category(
        self, actor: Actor, code: str, label: str, parent_code: str | None = None, active: bool = True,
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        label = checks.text("label", label, TEXT_LIMITS["label"])
        parent_code = checks.text(
            "parent", parent_code, TEXT_LIMITS["category_code"], Text("admin.category_parent")
        )
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            errors: dict[str, Text | str] = {}
            if not _CODE.fullmatch(code):
                errors["code"] = Text("admin.category_code")
            if not label:
                errors["label"] = Text("admin.category_label")
            parent = None
            if parent_code:
                parent = unit.session.scalars(select(Category).where(Category.code == parent_code)).first()
                # issue 12: three levels (top, middle, leaf); a parent on the third level is refused
                if parent is None or parent.code == code:
                    errors["parent"] = Text("admin.category_parent")
                elif len(unit.config.category_path(parent.id)) >= defaults.CATEGORY_MAX_DEPTH:
                    errors["parent"] = Text("admin.category_depth", {"parent": parent.label})
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
                self._event(unit, "category", Text("event.admin_category_added", {"label": label}), [])
            else:
                changes = apply_changes(category, {"label": label, "active": active})
                self._event(unit, "category", Text("event.admin_category_changed", {"code": code}), changes)

    # --- SLA policy ------------------------------------------------------


    # --- calendar --------------------------------------------------------------------

    def set_calendar_day(
        self,
        actor: Actor,
        day: date,
        working: bool,
        note: str = "",
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        if not isinstance(day, date):
            checks.add("day", Text("field.required", {"field": Label("Field", "day")}))
        checks.moment("day", day)
        note = checks.text("note", note, TEXT_LIMITS["calendar_note"], Label("Field", "calendar_note"))
        if isinstance(day, datetime):
            day = day.date()
        checks.done()
        with self._unit(actor, seen) as unit:
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
                Text(
                    "event.admin_working_day" if working else "event.admin_rest_day",
                    {
                        "day": day.isoformat(),
                        "note": Text("event.note_colon", {"note": note}) if note else "",
                    },
                ),
                [("working", old, working)],
            )

    def confirm_calendar_year(self, actor: Actor, year: int, *, seen: int | None = None) -> None:
        checks = Checks()
        checks.integer("year", year, FIRST_DAY.year, LAST_DAY.year)
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            self.confirm_year_in(unit, year)

    def confirm_year_in(self, unit: Unit, year: int) -> bool:
        """Add ``year`` to the confirmed years inside the caller's admin unit (the holiday notice import
        uses it too); False when it was already confirmed."""
        row = unit.session.get(Setting, "confirmed_calendar_years")
        assert row is not None
        years = sorted({*(int(y) for y in row.value), year})
        old, row.value = row.value, years
        self._event(
            unit,
            "calendar",
            Text("event.admin_year_confirmed", {"year": year}),
            [("confirmed_calendar_years", old, years)],
        )
        return bool(old != years)

    # --- templates, custom fields, settings ------------------------------------------------

    def save_reply_template(
        self,
        actor: Actor,
        template_id: int | None,
        title: str,
        body: str,
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        title = checks.text("title", title, TEXT_LIMITS["title"])
        body = checks.text("body", body, TEXT_LIMITS["body"])
        checks.done()
        if template_id is not None and not ids_ok(template_id):
            raise NotFound(Text("admin.template_not_found"))
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            if not title or not body:
                raise FieldError({"title" if not title else "body": Text("admin.template_required")})
            if template_id is None:
                count = len(unit.session.scalars(select(ReplyTemplate.id)).all())
                unit.session.add(ReplyTemplate(title=title, body=body, sort_order=count))
                self._event(unit, "template", Text("event.admin_template_added", {"title": title}), [])
            else:
                row = unit.session.get(ReplyTemplate, template_id)
                if row is None:
                    raise NotFound(Text("admin.template_not_found"))
                self._event(
                    unit,
                    "template",
                    Text("event.admin_template_changed", {"title": title}),
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
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        key = checks.text("key", key, 40)
        label = checks.text("label", label, TEXT_LIMITS["custom_label"], Label("Field", "custom_label"))
        field_type = checks.text("type", field_type, TEXT_LIMITS["filter_code"], Text("admin.custom_type"))
        if isinstance(choices, str) or len(choices) > MAX_CHOICES:
            checks.add("choices", Text("field.format", {"field": Label("Field", "choices")}))
            choices = ()
        options = [
            checks.text("choices", c, TEXT_LIMITS["custom_choice"], Label("Field", "custom_choice"))
            for c in choices
        ]
        options = list(dict.fromkeys(c for c in options if c))
        checks.done()
        with self._unit(actor, seen) as unit:
            self._admin(unit)
            errors: dict[str, Text | str] = {}
            if not _CODE.fullmatch(key):
                errors["key"] = Text("admin.custom_key")
            if not label:
                errors["label"] = Text("admin.custom_label")
            if field_type not in CUSTOM_TYPES:
                errors["type"] = Text("admin.custom_type")
            if field_type == "choice" and not options:
                errors["choices"] = Text("admin.custom_choices")
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
                self._event(
                    unit, "custom_field", Text("event.admin_custom_added", {"label": values["label"]}), []
                )
            else:
                self._event(
                    unit,
                    "custom_field",
                    Text("event.admin_custom_changed", {"label": values["label"]}),
                    apply_changes(row, values),
                )

    def set_setting(self, actor: Actor, key: str, value: Any, *, seen: Any = UNSEEN) -> None:
        """One setting; ``seen`` as in ``set_settings`` (the CLI and older screens may leave it out)."""
        self.set_settings(actor, {key: value}, seen=None if seen is UNSEEN else {key: seen})

    def set_settings(
        self, actor: Actor, values: Mapping[str, Any], *, seen: Mapping[str, Any] | None = None
    ) -> None:
        """Several settings in one write: all of them or none. ``seen``: the values the administrator's
        screen showed; a setting another PC changed since is refused naming who changed it to what."""
        if not isinstance(values, Mapping) or not values or len(values) > len(defaults.SETTINGS):
            raise FieldError({"setting": Text("admin.setting_type")})
        errors: dict[str, Text | str] = {}
        for key, value in values.items():
            if not isinstance(key, str) or key not in defaults.SETTINGS:
                raise NotFound(Text("admin.setting_not_found", {"key": str(key)[:60]}))
            try:
                _check_setting(key, value)
            except FieldError as exc:
                errors.update(exc.errors)
        if errors:
            raise FieldError(errors)
        with self._unit(actor) as unit:
            self._admin(unit)
            for key, value in values.items():
                row = unit.session.get(Setting, key)
                if row is None and key in defaults.LATER_SETTINGS:  # added after this branch was created
                    row = Setting(key=key, value=unit.config.setting(key))
                    unit.session.add(row)
                if row is None:
                    raise NotFound(Text("admin.setting_not_found", {"key": key}))
                if seen is not None and key in seen and not _same_value(row.value, seen[key]):
                    raise ConcurrentChange(_setting_changed(unit.session, key, row.value))
                if type(value) is not type(row.value) and not (
                    isinstance(row.value, int) and isinstance(value, int)
                ):
                    raise FieldError({key: Text("admin.setting_type")})
                if _same_value(row.value, value):
                    continue  # unchanged: no event
                old, row.value = row.value, value
                self._event(unit, "setting", Text("event.admin_setting", {"key": key}), [(key, old, value)])


def _same_value(a: Any, b: Any) -> bool:
    """Equal and of the same kind (``True == 1`` in Python; a switch is not a count)."""
    return type(a) is type(b) and a == b


def _setting_changed(session: Session, key: str, now: Any) -> Text:
    """Who last changed ``key``, when, to what (the refusal of a write made on a stale screen)."""
    recent = session.scalars(
        select(Event).where(Event.action == "admin.setting").order_by(Event.id.desc()).limit(200)
    )
    last = next((e for e in recent if any(c and c[0] == key for c in e.changes or [])), None)
    if last is None:
        return Text("error.concurrent_change")
    return Text(
        "admin.setting_changed",
        {
            "setting": Label("Setting", key),
            "who": last.actor_name,
            "when": last.at.strftime("%m-%d %H:%M"),
            "value": _shown(key, now),
        },
    )


def _shown(key: str, value: Any) -> Label | str:
    """A setting's value as a person reads it: a switch as 是/否, a pick list's code as its label."""
    if isinstance(value, bool):
        return Label("Switch", "on" if value else "off")
    vocabulary = defaults.SETTING_CHOICE_LABELS.get(key)
    return Label(vocabulary, str(value)) if vocabulary else str(value)


def _roles(roles: Collection[Role]) -> list[Role]:
    """Roles as given (codes or ``Role``s); an unknown one is refused, not stored."""
    items = [roles] if isinstance(roles, str) else list(roles) if isinstance(roles, Collection) else [None]
    try:
        return list(dict.fromkeys(Role(r) for r in items))
    except (ValueError, TypeError):
        raise FieldError({"roles": Text("admin.roles")}) from None


#: Settings whose values are a time of day ("08:30").
_CLOCK_SETTINGS = frozenset({"office_opens", "office_closes"})
_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d", re.ASCII)


def _check_setting(key: str, value: Any) -> None:
    """A setting's value within what the rules that read it can use."""
    shipped = defaults.SETTINGS[key]
    checks = Checks()
    if isinstance(shipped, bool):
        if not isinstance(value, bool):
            checks.add(key, Text("admin.setting_type"))
    elif isinstance(shipped, int):
        low = 1 if key == "money_ceiling_fen" else 0
        # issue 17 part F: a number setting within what its rule can use (0 idle minutes locked at once)
        low, high = defaults.SETTING_RANGES.get(key, (low, INT_MAX))
        checks.integer(key, value, low, high, Label("Field", "setting"))
    elif isinstance(shipped, str):
        text = checks.text(key, value, TEXT_LIMITS["setting"], Label("Field", "setting"))
        if key in _CLOCK_SETTINGS and key not in checks.errors and not _CLOCK.fullmatch(text):
            checks.add(key, Text("field.format", {"field": Label("Field", "setting")}))
        # issue 14 part D: a complaint that comes back opens a new case or reopens the original
        if key == "returning_complaint_mode" and text not in defaults.RETURNING_MODES:
            checks.add(key, Text("field.format", {"field": Label("Field", "setting")}))
    elif isinstance(shipped, list):
        if not isinstance(value, list) or len(value) > LAST_DAY.year - FIRST_DAY.year + 1:
            checks.add(key, Text("admin.setting_type"))
        else:
            for item in value:
                checks.integer(key, item, FIRST_DAY.year, LAST_DAY.year, Label("Field", "year"))
    # issue 12 "fields": form -> custom field keys (``form_custom_fields``), the one dict setting
    elif isinstance(shipped, dict) and not _form_fields_ok(value):
        checks.add(key, Text("branch.form_custom_fields"))
    # issue 14 part B: the role that oversees CAPA is a role code, never the administrator (sees no case)
    if key == "capa_oversight_role" and key not in checks.errors and oversight_role(value) is None:
        checks.add(key, Text("admin.roles"))
    checks.done()


def _form_fields_ok(value: Any) -> bool:
    """``{form code: [field key, …]}`` with known forms and short keys (issue 12 "fields")."""
    return (
        isinstance(value, dict)
        and all(form in defaults.FORM_TITLES for form in value)
        and all(
            isinstance(keys, list)
            and len(keys) <= 100
            and all(isinstance(k, str) and _CODE.fullmatch(k) for k in keys)
            for keys in value.values()
        )
    )


def create_user(
    unit: Unit, *, username: str, full_name: str, department_code: str, roles: Collection[Role], password: str
) -> int:
    errors: dict[str, Text | str] = {}
    checks = Checks()
    username = checks.text("username", username, TEXT_LIMITS["username"])
    full_name = checks.text("full_name", full_name, TEXT_LIMITS["full_name"])
    department_code = checks.text(
        "department", department_code, TEXT_LIMITS["code"], Text("admin.department")
    )
    checks.text("password", password, TEXT_LIMITS["password"])
    checks.done()
    roles = _roles(roles)
    if not username or not username.isascii() or " " in username:
        errors["username"] = Text("admin.username")
    elif unit.session.scalars(select(User.id).where(User.username == username)).first() is not None:
        errors["username"] = Text("admin.username_taken", {"username": username})
    if not clean_text(full_name):
        errors["full_name"] = Text("admin.full_name")
    department = unit.session.scalars(select(Department).where(Department.code == department_code)).first()
    if department is None:
        errors["department"] = Text("admin.department")
    if not roles:
        errors["roles"] = Text("admin.roles")
    if errors:
        raise FieldError(errors)
    assert department is not None
    user = User(
        username=username,
        full_name=clean_text(full_name),
        department_id=department.id,
        password_hash=hash_password(password, demo=unit.config.demo),
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
        text=Text(
            "event.admin_user_added",
            {
                "name": user.full_name,
                "username": username,
                "roles": [Role(r) for r in roles],
                "department": department.name,
            },
        ),
    )
    return user.id
