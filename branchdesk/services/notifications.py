"""Notifications, per user (issue 17 "notify"): written with the event they report, read by the bell.

Writing: the case services call ``notify_assigned`` / ``notify_approval`` / ``notify_reply_ready`` inside
their own write unit, and the sweep calls ``notify_steps_due_soon`` in its unit — so a notification
exists exactly when its event was committed (who is told: ``domain/notifications.py``).

Reading (``desk.notifications``): ``poll`` is what every PC runs every few seconds (setting
``notification_poll_seconds``): one indexed query for the user's unread count and newest id; ``list``,
``mark_read`` and ``mark_all_read`` go through the door like every other call. A user sees and marks
only their own notifications.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, exists, select, update

from branchdesk.domain import approvals as approval_rules
from branchdesk.domain import defaults
from branchdesk.domain.bounds import Checks, ids_ok
from branchdesk.domain.notifications import (
    MAX_LIST,
    MAX_MARK,
    NotificationKind,
    Person,
    approval_recipients,
    department_managers,
    notification_text,
    repliers,
    step_recipients,
)
from branchdesk.domain.steps import TrackedStep
from branchdesk.domain.vocab import Role, Status
from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text
from branchdesk.read import notifications as read
from branchdesk.read import steps as step_sql
from branchdesk.read.notifications import NotificationPoll, NotificationRow
from branchdesk.read.queue import open_cases
from branchdesk.services.base import ServiceBase
from branchdesk.services.context import Actor
from branchdesk.services.unit_of_work import Unit
from branchdesk.services.visibility import settled_cases
from branchdesk.storage.models import Approval, Case, Notification, Resolution, User, UserRole

__all__ = [
    "NotificationService",
    "notify_approval",
    "notify_assigned",
    "notify_opinion_asked",
    "notify_opinion_late",
    "notify_reply_ready",
    "notify_steps_due_soon",
    "poll_seconds",
    "settle_approval_notices",
]


def poll_seconds(value: object) -> int:
    """The poll interval a stored setting asks for, held within its bounds (a hand-edited 0 never spins)."""
    low, high = defaults.NOTIFICATION_POLL_SECONDS_BOUNDS
    seconds = (
        value
        if isinstance(value, int) and not isinstance(value, bool)
        else defaults.SETTINGS["notification_poll_seconds"]
    )
    assert isinstance(seconds, int)
    return min(max(seconds, low), high)


# --- writing (inside the unit of the event) --------------------------------------------------


def _add(
    unit: Unit,
    recipients: Iterable[int],
    kind: NotificationKind,
    case: Case,
    params: Mapping[str, Any],
    *,
    step: TrackedStep | None = None,
    due_at: Any = None,
) -> int:
    """One row per recipient; never the person acting (nobody is told of their own action)."""
    stored = notification_text(kind.value, params).to_json()["params"]  # enums and texts as codes
    added = 0
    for user_id in dict.fromkeys(recipients):
        if user_id == unit.actor.user_id:
            continue
        unit.session.add(
            Notification(
                recipient_id=user_id,
                kind=kind.value,
                case_id=case.id,
                params=stored,
                created_at=unit.now,
                step=step.value if step is not None else None,
                due_at=due_at,
            )
        )
        added += 1
    return added


def notify_assigned(unit: Unit, case: Case, handler: User) -> None:
    """The case was assigned (or transferred) to ``handler``."""
    params = {"case_no": case.case_no, "by": unit.actor.full_name}
    _add(unit, [handler.id], NotificationKind.ASSIGNED, case, params)


def _people(unit: Unit, roles: Iterable[Role]) -> list[Person]:
    """The active users holding any of ``roles``, with all their roles (one query)."""
    wanted = sorted({r.value for r in roles})
    holders = select(UserRole.user_id).where(UserRole.role.in_(wanted))
    found: dict[int, tuple[set[Role], int | None]] = {}
    for user_id, department_id, role in unit.session.execute(
        select(User.id, User.department_id, UserRole.role)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.active, User.id.in_(holders))
    ).all():
        found.setdefault(user_id, (set(), department_id))[0].add(Role(role))
    return [Person(uid, frozenset(rs), dept) for uid, (rs, dept) in found.items()]


def notify_approval(unit: Unit, case: Case, resolution: Resolution) -> None:
    """The resolution waits for its next signature: everyone who may give it is told.

    Called after the proposal or a signature was added (flushed here, so the signature counts).
    """
    unit.session.flush()
    signed = set(
        unit.session.scalars(
            select(Approval.approver_id).where(Approval.resolution_id == resolution.id)
        ).all()
    )
    chain = approval_rules.frozen_chain(resolution.required_roles)
    level = approval_rules.next_level(chain, len(signed))
    if level is None:
        return
    # Who could ever sign this step: its role, and for a ladder role the roles above it.
    roles = [r for r in Role if approval_rules.may_stand_in(level, {r})]
    recipients = approval_recipients(
        level,
        _people(unit, roles),
        proposer_id=resolution.proposer_id,
        earlier_signer_ids=signed,
        complained_user_id=case.complained_user_id,
        responsible_department_id=case.responsible_department_id,
        amount_fen=resolution.amount_fen,
    )
    _add(
        unit,
        recipients,
        NotificationKind.APPROVAL,
        case,
        {"case_no": case.case_no, "step": approval_rules.step_text(level.step)},
    )


def settle_approval_notices(unit: Unit, case: Case) -> None:
    """A step was signed (or the proposal rejected): nobody waits for it any more, so the "approval
    waiting" notices of the case still unread are marked read for everyone (one statement)."""
    unit.session.execute(
        update(Notification)
        .where(
            Notification.case_id == case.id,
            Notification.kind == NotificationKind.APPROVAL.value,
            Notification.read_at.is_(None),
        )
        .values(read_at=unit.now),
        execution_options={"synchronize_session": False},
    )


def _repliers(unit: Unit, case: Case) -> list[int]:
    recorder = unit.session.get(User, case.recorder_id) if case.recorder_id else None
    person = None
    if recorder is not None and recorder.active:
        person = Person(recorder.id, frozenset(Role(r.role) for r in recorder.roles), recorder.department_id)
    if person is not None and repliers(person, []) == [person.user_id]:
        return [person.user_id]
    return repliers(None, _people(unit, [Role.CLERK]))


def notify_reply_ready(unit: Unit, case: Case) -> None:
    """The resolution is approved (or needed none): whoever replies by policy is told."""
    _add(unit, _repliers(unit, case), NotificationKind.REPLY_READY, case, {"case_no": case.case_no})


# --- issue 14 part A: opinions (会签) -------------------------------------------------------------
def notify_opinion_asked(unit: Unit, case: Case, department_id: int, department: str, due: Any) -> None:
    """A department was asked for its opinion: its managers are told, with the due time."""
    params = {"case_no": case.case_no, "department": department, "due": f"{due:%Y-%m-%d %H:%M}"}
    recipients = department_managers(_people(unit, [Role.DEPT_MANAGER]), department_id)
    _add(unit, recipients, NotificationKind.OPINION_ASKED, case, params)


def notify_opinion_late(unit: Unit, case: Case, department_id: int, department: str, due: Any) -> None:
    """A department's opinion passed its due time (the sweep): its managers are told."""
    params = {"case_no": case.case_no, "department": department, "due": f"{due:%Y-%m-%d %H:%M}"}
    recipients = department_managers(_people(unit, [Role.DEPT_MANAGER]), department_id)
    _add(unit, recipients, NotificationKind.OPINION_LATE, case, params)


def notify_steps_due_soon(unit: Unit) -> int:
    """The sweep's part: every running step within its warning time, not yet announced for that due
    time, is announced to whoever does it. Returns how many notifications were written."""
    added = 0
    cr_managers: list[int] | None = None
    for policy in unit.config.step_policies.values():
        if not policy.active or policy.warn_before_minutes <= 0:
            continue
        if policy.step is TrackedStep.OPINION:  # issue 14 part A: told at the ask (``notify_opinion_asked``)
            continue
        due_column = step_sql.DUE_COLUMNS[policy.step]
        announced = exists(
            select(Notification.id).where(
                and_(
                    Notification.case_id == Case.id,
                    Notification.step == policy.step.value,
                    Notification.due_at == due_column,
                )
            )
        )
        cases = unit.session.scalars(
            select(Case)
            .where(open_cases(), step_sql.due_soon(policy, unit.now), ~announced, settled_cases())
            .order_by(Case.id)
        ).all()
        for case in cases:
            if policy.step is TrackedStep.GM_INFORM and cr_managers is None:
                cr_managers = [p.user_id for p in _people(unit, [Role.CR_MANAGER])]
            needs_repliers = policy.step in (TrackedStep.REPLY, TrackedStep.FOLLOW_UP)
            recipients = step_recipients(
                policy.step,
                Status(case.status),
                case.handler_id,
                _repliers(unit, case) if needs_repliers else [],
                cr_managers or [],
            )
            due = getattr(case, due_column.key)
            added += _add(
                unit,
                recipients,
                NotificationKind.STEP_DUE,
                case,
                {"case_no": case.case_no, "step": policy.step, "due": f"{due:%Y-%m-%d %H:%M}"},
                step=policy.step,
                due_at=due,
            )
    return added


# --- reading and marking ------------------------------------------------------------------


class NotificationService(ServiceBase):
    """``desk.notifications``: the bell's poll, list and marks, each for the acting user only."""

    def poll(self, actor: Actor) -> NotificationPoll:
        """The unread count and newest id: one indexed query, run every few seconds on every PC.

        It bypasses the door's re-reading of the user on purpose (that would triple the cost of the
        most frequent call); it reveals only the figures of the user the session logged in, and the
        list and the marks go through the door.
        """
        if not ids_ok(getattr(actor, "user_id", None)):
            raise FieldError({"actor": Text("field.not_found", {"field": Label("Field", "user")})})
        with self._db.read() as session:
            return read.poll(session, actor.user_id)

    def unread_count(self, actor: Actor) -> int:
        return self.poll(actor).unread

    def latest_id(self, actor: Actor) -> int:
        return self.poll(actor).latest_id

    def list(self, actor: Actor, limit: int = 50, after_id: int = 0) -> list[NotificationRow]:
        """The user's notifications, newest first; ``after_id``: only the ones newer than it."""
        checks = Checks()
        checks.integer("limit", limit, 1, MAX_LIST)
        checks.integer("after_id", after_id, 0, 2**31 - 1)
        checks.done()
        with self._door.read(actor) as unit:
            return read.rows(unit.session, unit.actor.user_id, limit, after_id)

    def mark_read(self, actor: Actor, ids: Iterable[int]) -> int:
        """Mark these of the user's notifications read (others' ids are ignored); returns how many."""
        wanted = _ids(ids)
        if not wanted:
            return 0
        with self._unit(actor) as unit:
            return self._mark(unit, Notification.id.in_(wanted))

    def mark_all_read(self, actor: Actor) -> int:
        with self._unit(actor) as unit:
            return self._mark(unit, None)

    @staticmethod
    def _mark(unit: Unit, condition: Any) -> int:
        query = (
            update(Notification)
            .where(Notification.recipient_id == unit.actor.user_id, Notification.read_at.is_(None))
            .values(read_at=unit.now)
        )
        if condition is not None:
            query = query.where(condition)
        result = unit.session.execute(query, execution_options={"synchronize_session": False})
        return int(getattr(result, "rowcount", 0) or 0)

    def poll_interval_seconds(self) -> int:
        """How often a PC polls (setting ``notification_poll_seconds``, held within its bounds)."""
        with self._db.read() as session:
            return poll_seconds(self._door.config(session).setting("notification_poll_seconds"))


def _ids(ids: Iterable[int]) -> list[int]:
    """The ids given, checked: a list of at most ``MAX_MARK`` ids a column holds."""
    try:
        items = list(ids) if not isinstance(ids, (str, bytes)) else None
    except TypeError:
        items = None
    if items is None or len(items) > MAX_MARK or not all(ids_ok(i) for i in items):
        raise FieldError({"ids": Text("field.format", {"field": Label("Field", "ids")})})
    return sorted(set(items))
