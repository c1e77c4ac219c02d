"""Creating a branch: the schema, the shipped defaults, and the first administrator."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from branchdesk.domain import defaults
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import Role
from branchdesk.errors import DomainError, FieldError
from branchdesk.i18n import Text
from branchdesk.policy.model import Policy
from branchdesk.printing.default_forms import default_forms
from branchdesk.services.auth import hash_password
from branchdesk.services.timeline import record
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.storage.database import Database
from branchdesk.storage.migrate import upgrade
from branchdesk.storage.models import (
    ApprovalRuleRow,
    ApprovalStepRow,
    Branch,
    Category,
    ChoiceItem,
    Department,
    FormSpecRow,
    ReplyTemplate,
    ReportDuty,  # issue 15 part M
    RewardScaleRow,
    Setting,
    SlaRuleRow,
    StepPolicyRow,
    User,
    UserRole,
)


def is_initialised(db: Database) -> bool:
    from sqlalchemy import inspect

    with db.engine.connect() as connection:
        if "branch" not in inspect(connection).get_table_names():
            return False
    with db.read() as session:
        return session.scalars(select(Branch.id)).first() is not None


def initialise_branch(
    db: Database,
    *,
    name: str,
    code: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    now: datetime,
    demo: bool = False,
    door: UnitOfWork | None = None,
    preset: str | None = None,
) -> int:
    """Migrate, seed every default and create the administrator; returns the admin's user id.

    ``preset`` (issue 13): a preset's name; its policy is applied over the defaults in the same
    transaction, so a branch never exists half on the defaults.
    """
    policy = _preset_policy(preset) if preset else None
    errors: dict[str, Text | str] = {}
    name, code = clean_text(name), clean_text(code).upper()
    if not name:
        errors["name"] = Text("setup.name")
    if not code or not code.isascii() or not code.replace("-", "").isalnum() or len(code) > 10:
        errors["code"] = Text("setup.code")
    if not clean_text(admin_username) or not admin_username.isascii() or " " in admin_username:
        errors["admin_username"] = Text("setup.admin_username")
    if not clean_text(admin_full_name):
        errors["admin_full_name"] = Text("setup.admin_full_name")
    if errors:
        raise FieldError(errors)
    upgrade(db, now)
    if is_initialised(db):
        raise DomainError(Text("setup.already"))
    password_hash = hash_password(admin_password, demo=demo)
    # The branch does not exist yet, so there is no user and no configuration: the door's bootstrap unit.
    with (door or UnitOfWork(db, lambda: now)).bootstrap() as session:
        session.add(Branch(name=name, code=code, created_at=now, demo=demo))
        for key, value in defaults.SETTINGS.items():
            session.add(Setting(key=key, value=value))
        for list_key, items in defaults.CHOICE_LISTS.items():
            for order, (item_code, label) in enumerate(items):
                session.add(ChoiceItem(list_key=list_key, code=item_code, label=label, sort_order=order))
        for order, (top_code, top_label, children) in enumerate(defaults.CATEGORIES):
            top = Category(code=top_code, label=top_label, sort_order=order)
            session.add(top)
            session.flush()
            for child_order, (child_code, child_label) in enumerate(children):
                session.add(
                    Category(code=child_code, label=child_label, parent_id=top.id, sort_order=child_order)
                )
        for rule in defaults.SLA_RULES:
            session.add(SlaRuleRow(**{k: (v.value if hasattr(v, "value") else v) for k, v in rule.items()}))
        for conditions, chain in defaults.APPROVAL_RULES:  # issue 12 "approvals"
            steps = [
                ApprovalStepRow(step_order=order, role=role.value, of_responsible_department=own)
                for order, (role, own) in enumerate(chain, start=1)
            ]
            session.add(ApprovalRuleRow(**conditions, active=True, steps=steps))
        # issue 13 "forms": the six forms as data (their copies from ``defaults.FORM_COPIES``)
        for order, spec in enumerate(default_forms()):
            session.add(FormSpecRow(code=spec.code, spec=spec.to_dict(), active=True, sort_order=order))
        # --- step deadlines that act (issue 12, part "steps") ---
        for step, warn, outcome, step_role, active in defaults.STEP_POLICIES:
            session.add(
                StepPolicyRow(
                    step=step,
                    warn_before_minutes=warn,
                    on_overdue=outcome,
                    role=step_role.value if step_role else None,
                    active=active,
                )
            )
        # --- issue 14 part C: the reward/penalty scale (奖罚标准) ---
        for order, item in enumerate(defaults.REWARD_SCALE):
            session.add(RewardScaleRow(**item, sort_order=order, active=True))
        # --- issue 15 part M: the reports the policy asks for ---
        for order, (label, kind, due_rule, day, role, dept) in enumerate(defaults.REPORT_DUTIES):
            session.add(
                ReportDuty(
                    label=label,
                    kind=kind,
                    rule=due_rule,
                    day=day,
                    role=role,
                    department_code=dept,
                    sort_order=order,
                    since=now.date(),
                    version=1,
                )
            )
        for order, (title, body) in enumerate(defaults.REPLY_TEMPLATES):
            session.add(ReplyTemplate(title=title, body=body, sort_order=order))
        departments = {}
        for dept_code, dept_name in defaults.DEPARTMENTS:
            department = Department(code=dept_code, name=dept_name)
            session.add(department)
            departments[dept_code] = department
        session.flush()
        admin = User(
            username=admin_username.strip(),
            full_name=clean_text(admin_full_name),
            department_id=departments["GMO"].id,
            password_hash=password_hash,
            created_at=now,
            roles=[UserRole(role=Role.ADMIN.value)],
        )
        session.add(admin)
        session.flush()
        if policy is not None:  # issue 13 "policy"
            from branchdesk.policy.apply import apply_policy

            apply_policy(session, policy, now.date())
        record(
            session,
            at=now,
            actor=admin,
            action="admin.init",
            text=Text("event.initialised", {"name": name, "code": code, "admin": admin.username}),
        )
        return admin.id


# --- issue 13 "policy": a branch started on a preset ---------------------------------------------
def _preset_policy(name: str) -> Policy:
    """The preset's policy, checked before anything is created; an unknown or broken one is refused."""
    from branchdesk.policy import presets
    from branchdesk.policy.validate import parse_policy

    found = presets.find(name)
    if found is None:
        raise DomainError(Text("policy.unknown_preset", {"name": name}))
    policy, problems = parse_policy(found.text())
    if policy is None:
        raise DomainError(problems[0])
    return policy
