"""The read side's front door: who asks, what they may see, then the builders in ``branchdesk.read``.

Each method opens the session, re-reads the acting user (roles change), applies
visibility and phone masking, and hands plain parameters to the read models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import aliased

from branchdesk.domain.bounds import (
    FIRST_DAY,
    INT_MAX,
    LAST_DAY,
    MAX_FILTER_ITEMS,
    TEXT_LIMITS,
    Checks,
    ids_ok,
)
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import Role, Status
from branchdesk.domain.workflow import Action, refusals
from branchdesk.i18n import Label, Text
from branchdesk.read.case_view import CaseView, case_view
from branchdesk.read.dashboard import Dashboard, dashboard
from branchdesk.read.queue import (
    SORTABLE,
    TIMINGS,
    QueueFilter,
    QueueKey,
    QueuePage,
    queue_conditions,
    queue_page,
    states_only,
)
from branchdesk.read.search import candidates as search_candidates  # issue 17 part C
from branchdesk.read.search import parse_terms
from branchdesk.read.work import WorkCounts, work_counts
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.cases import has_own_signer, next_signature, role_holders
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups, PersonOption
from branchdesk.services.visibility import SEES_ALL, may_see_phone, visible_cases
from branchdesk.storage.models import Approval, Case, Category, Department, Resolution, User

#: A custom field's key, as the administrator may define one (issue 12 "fields").
_CUSTOM_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,39}", re.ASCII)

#: The most words a queue search looks for (each is one condition over six columns).
MAX_SEARCH_WORDS = 10


def checked_filter(f: QueueFilter) -> QueueFilter:
    """A queue filter within bounds. It only reads, so what a screen may send is narrowed, not refused:
    the search keeps its first 200 characters and 10 words, dates are taken within 1990–2100; values of
    the wrong kind (a programming error) are refused."""
    checks = Checks()
    lists: dict[str, list[str]] = {}
    for name in ("statuses", "kinds", "category_codes", "severities", "channels"):
        items = getattr(f, name)
        if isinstance(items, str) or not isinstance(items, list | tuple) or len(items) > MAX_FILTER_ITEMS:
            checks.add(name, Text("field.format", {"field": Label("Field", "filter_code")}))
            items = []
        lists[name] = [
            checks.text(name, item, TEXT_LIMITS["filter_code"], Label("Field", "filter_code"))
            for item in items
        ]
    if not isinstance(f.search, str):
        checks.add("search", Text("field.format", {"field": Label("Field", "search")}))
    search = clean_text(f.search[: TEXT_LIMITS["search"]]) if isinstance(f.search, str) else ""
    days: dict[str, date | None] = {}
    for name in ("received_from", "received_to", "closed_from", "closed_to"):
        value = getattr(f, name)
        if value is not None and not isinstance(value, date):
            checks.add(name, Text("field.format", {"field": Label("Field", name)}))
            value = None
        if isinstance(value, datetime):
            value = value.date()
        days[name] = None if value is None else min(max(value, FIRST_DAY), LAST_DAY)
    # issue 12 "fields": (key, value) pairs, narrowed like the search
    custom = f.custom
    if isinstance(custom, str) or not isinstance(custom, list | tuple) or len(custom) > MAX_FILTER_ITEMS:
        checks.add("custom", Text("field.format", {"field": Label("Field", "custom_value")}))
        custom = ()
    pairs: list[tuple[str, str]] = []
    for pair in custom:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(part, str) for part in pair)
            or not _CUSTOM_KEY.fullmatch(pair[0])
        ):
            checks.add("custom", Text("field.format", {"field": Label("Field", "custom_value")}))
            continue
        value = clean_text(pair[1][: TEXT_LIMITS["search"]])
        if value:
            pairs.append((pair[0], value))
    # issue 17, part D: the charts' click-through (department, closing time, on time or late)
    department_ids = f.department_ids
    if (
        isinstance(department_ids, str)
        or not isinstance(department_ids, list | tuple)
        or len(department_ids) > MAX_FILTER_ITEMS
        or not all(
            isinstance(i, int) and not isinstance(i, bool) and (i == 0 or ids_ok(i)) for i in department_ids
        )
    ):
        checks.add("department_ids", Text("field.format", {"field": Label("Field", "department")}))
        department_ids = []
    if f.timing not in ("", *TIMINGS):
        checks.add("timing", Text("field.format", {"field": Label("Field", "filter_code")}))
    pile = f.pile[: TEXT_LIMITS["filter_code"]] if isinstance(f.pile, str) else ""
    checks.done()
    return replace(
        f,
        department_ids=list(department_ids),
        closed_from=days["closed_from"],
        closed_to=days["closed_to"],
        pile=pile,
        custom=tuple(pairs),
        search=" ".join(search.split()[:MAX_SEARCH_WORDS]),
        statuses=lists["statuses"],
        kinds=lists["kinds"],
        category_codes=lists["category_codes"],
        severities=lists["severities"],
        channels=lists["channels"],
        received_from=days["received_from"],
        received_to=days["received_to"],
    )


def checked_key(key: object, sort: str, descending: bool) -> QueueKey | None:
    """Where the next page starts, as the previous page gave it: for the same sort and direction, with a
    plain value and an id — anything else is refused (``FieldError`` on ``after``), never put in SQL."""
    if key is None:
        return None
    plain = (str, int, float, datetime, date, type(None))
    if (
        not isinstance(key, QueueKey)
        or key.sort != sort
        or key.descending is not bool(descending)
        or not isinstance(key.value, plain)
        or (isinstance(key.value, str) and len(key.value) > TEXT_LIMITS["search"] * 10)
        or isinstance(key.id, bool)
        or not isinstance(key.id, int)
        or not ids_ok(key.id)
    ):
        checks = Checks()
        checks.add("after", Text("field.format", {"field": Label("Field", "filter_code")}))
        checks.done()
    return key  # type: ignore[return-value]


#: Who sees the pile of open cases whose handler was deactivated (they may reassign them).
REASSIGNING_ROLES = frozenset({Role.CR_MANAGER, Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM})


class QueryService(ServiceBase):
    # --- queue ---------------------------------------------------------------

    def queue_page(
        self,
        actor: Actor,
        filters: QueueFilter,
        *,
        sort: str = "received_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
        with_total: bool = True,
        after: QueueKey | None = None,
    ) -> QueuePage:
        """One page of the queue; the next one with ``after=page.next_key`` (issue 16 part Q)."""
        filters = checked_filter(filters)
        if sort not in SORTABLE:
            sort = "received_at"
        after = checked_key(after, sort, descending)
        offset = max(0, min(offset, INT_MAX)) if isinstance(offset, int) else 0
        limit = max(1, min(limit, 10_000)) if isinstance(limit, int) else 200
        with self._door.read(actor) as unit:
            session, fresh, now = unit.session, unit.actor, unit.now
            return queue_page(
                session,
                self.queue_conditions(session, fresh, filters, now),
                calendar=unit.config.calendar,
                now=now,
                show_phone=may_see_phone(fresh),
                sort=sort,
                descending=descending,
                offset=offset,
                limit=limit,
                with_total=with_total,
                after=after,
                tally_states=states_only(filters) if fresh.roles & SEES_ALL else None,
            )

    def queue_conditions(
        self, session: Any, actor: Actor, f: QueueFilter, now: datetime
    ) -> Sequence[ColumnElement[bool]]:
        """The filter's SQL conditions for this actor, visibility included (queue, counts, exports)."""
        return queue_conditions(
            f,
            visible=visible_cases(actor),
            user_id=actor.user_id,
            department_id=actor.department_id,
            now=now,
            awaiting_approval=lambda: self._awaiting_approval_ids(session, actor),
            custom_types=lambda: {d.key: d.type for d in self._door.config(session).custom_fields},
            step_policies=lambda: self._door.config(session).step_policies,
            roles=[role.value for role in actor.roles],
            # issue 17 part C: the queue's search box reads the search index too
            search_ids=lambda text: search_candidates(
                session, parse_terms(text), self._db.is_sqlite, phones=may_see_phone(actor)
            ),
        )

    def _awaiting_approval_ids(self, session: Any, actor: Actor) -> list[int]:
        """Cases whose next approval step this actor may sign now (computed by the approval rules:
        each resolution's frozen chain, whatever roles it names)."""
        from branchdesk.domain import approvals as rules

        if not actor.roles & set(rules.STEP_ROLES):
            return []
        pending = session.execute(
            select(
                Case.id,
                Case.complained_user_id,
                Case.responsible_department_id,
                Resolution.id.label("resolution_id"),
                Resolution.required_roles,
                Resolution.proposer_id,
                Resolution.amount_fen,
            )
            .join(Resolution, and_(Resolution.case_id == Case.id, Resolution.status == "pending"))
            .where(Case.status == Status.PENDING_APPROVAL.value, visible_cases(actor))
        ).all()
        if not pending:
            return []
        # three queries whatever the number of cases (issue 16: the work page's count asks at each start)
        signed_by: dict[int, list[int]] = {}
        for resolution_id, approver_id in session.execute(
            select(Approval.resolution_id, Approval.approver_id)
            .where(Approval.resolution_id.in_([row.resolution_id for row in pending]))
            .order_by(Approval.id)
        ):
            signed_by.setdefault(resolution_id, []).append(approver_id)
        holders = role_holders(session)
        result = []
        for row in pending:
            signed = signed_by.get(row.resolution_id, [])
            level = rules.next_level(rules.frozen_chain(row.required_roles), len(signed))
            if level is None or not rules.may_stand_in(level, actor.roles):
                continue
            refusal = rules.signing_refusal(
                level,
                rules.Signer(actor.user_id, actor.roles, actor.department_id),
                proposer_id=row.proposer_id,
                earlier_signer_ids=set(signed),
                complained_user_id=row.complained_user_id,
                responsible_department_id=row.responsible_department_id,
                amount_fen=row.amount_fen,
                own_level_available=has_own_signer(
                    holders,
                    level,
                    {row.proposer_id, *signed, row.complained_user_id or -1},
                    row.responsible_department_id,
                ),
            )
            if refusal is None:
                result.append(row.id)
        return result

    def is_own_draft(self, actor: Actor, case_id: int) -> bool:
        """Whether the case is a draft this user recorded (it is finished in the intake form)."""
        if not ids_ok(case_id) or not ids_ok(actor.user_id):
            return False
        with self._db.read() as session:
            found = session.scalar(
                select(Case.id).where(
                    Case.id == case_id, Case.status == Status.DRAFT.value, Case.recorder_id == actor.user_id
                )
            )
            return found is not None

    # --- lookups -------------------------------------------------------------

    def lookups(self, actor: Actor) -> Lookups:
        from branchdesk.services.auth import actor_of
        from branchdesk.storage.models import ReplyTemplate

        with self._door.read(actor) as unit:
            session, config = unit.session, unit.config
            parent = aliased(Category)
            categories = [
                (c.code, c.label, p.code if p else None)
                for c, p in session.execute(
                    select(Category, parent)
                    .outerjoin(parent, parent.id == Category.parent_id)
                    .where(Category.active)
                    .order_by(Category.parent_id.is_not(None), Category.sort_order)
                )
            ]
            departments = [
                (d.id, d.name)
                for d in session.scalars(select(Department).where(Department.active).order_by(Department.id))
            ]
            names = dict(departments)
            people = [
                PersonOption(
                    u.id,
                    u.full_name,
                    u.department_id,
                    names.get(u.department_id, ""),
                    tuple(sorted(r.value for r in actor_of(u).roles)),
                )
                for u in session.scalars(select(User).where(User.active).order_by(User.full_name))
            ]
            templates = [
                (t.title, t.body)
                for t in session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.sort_order))
            ]
            return Lookups(
                branch_name=config.branch_name,
                choices=config.choices,
                categories=categories,
                departments=departments,
                people=people,
                custom_fields=[(f.key, f.label, f.type, f.choices, f.required) for f in config.custom_fields],
                reply_templates=templates,
                idle_lock_minutes=int(config.setting("idle_lock_minutes")),
                money_ceiling_fen=config.money_ceiling_fen,  # issue 17 part E
                attachment_max_mb=int(config.setting("attachment_max_mb")),
                attachment_types=str(config.setting("attachment_types")),
            )

    # --- issue 17 part E: the handlers a department's case is given to, its own people first ----------

    def handler_choices(
        self, actor: Actor, department_id: int | None
    ) -> tuple[list[PersonOption], list[PersonOption]]:
        """The active handlers of ``department_id`` and then everyone else who handles cases, each by name:
        the triage dialog lists the chosen department's handlers first (others after a separator)."""
        from branchdesk.services.auth import actor_of

        with self._door.read(actor) as unit:
            names = {d.id: d.name for d in unit.session.scalars(select(Department))}
            handlers = [
                PersonOption(
                    u.id,
                    u.full_name,
                    u.department_id,
                    names.get(u.department_id, ""),
                    tuple(sorted(r.value for r in actor_of(u).roles)),
                )
                for u in unit.session.scalars(
                    select(User).where(User.active).order_by(User.full_name, User.id)
                )
            ]
        handlers = [p for p in handlers if Role.HANDLER.value in p.roles]
        wanted = department_id if ids_ok(department_id) else None
        own = [p for p in handlers if wanted is not None and p.department_id == wanted]
        return own, [p for p in handlers if p not in own]

    # --- my work -------------------------------------------------------------

    def work_counts(self, actor: Actor) -> WorkCounts:
        with self._door.read(actor) as unit:
            session, fresh, now = unit.session, unit.actor, unit.now
            # issue 17 part D: each count is its pile's queue filter counted, the tile's list exactly
            return work_counts(
                session,
                lambda f: self.queue_conditions(session, fresh, f, now),
                roles=fresh.roles,
                sees_majors=bool(fresh.roles & {Role.GM, Role.CR_MANAGER}),
            )

    # --- the work page's charts (issue 17, part D) ------------------------------

    def dashboard(self, actor: Actor) -> Dashboard:
        """The charts' figures in the viewer's visibility, each counted under its bars' queue filters."""
        with self._door.read(actor) as unit:
            session, fresh, now = unit.session, unit.actor, unit.now
            return dashboard(session, lambda f: self.queue_conditions(session, fresh, f, now), now.date())

    # --- the case ------------------------------------------------------------

    def case_detail(self, actor: Actor, ref: int | str) -> CaseView:
        """Everything about one case. Reading evaluates automatic escalation first.

        A read unit (no write lock) unless the case has just become overdue: opening a case on a
        busy branch must not queue behind, or hold up, the counter PCs that are saving.
        """
        with self._door.read(actor) as unit:
            case = self._case(unit, ref)
            if not self._escalation_due(unit, case):
                return self.detail_of(unit, case)
        with self._unit(actor) as unit:
            case = self._case(unit, ref)
            self._evaluate(unit, case)
            unit.session.flush()
            return self.detail_of(unit, case)

    def detail_of(self, unit: Unit, case: Case) -> CaseView:
        """Everything about ``case`` inside the caller's unit of work (detail view, printing)."""
        actions = refusals(self._facts(unit, case), unit.actor.user_id, unit.actor.roles)
        if actions[Action.APPROVE] is None:
            # The state allows signing: whether this person signs the next step is the frozen chain's say.
            actions[Action.APPROVE] = next_signature(unit.session, case, unit.actor.roles, unit.user)[2]
        return case_view(
            unit.session,
            unit.config,
            case,
            now=unit.now,
            show_phone=may_see_phone(unit.actor),
            actions={action.value: reason for action, reason in actions.items()},
        )
