"""The queue: a filter, the SQL it becomes (conditions, sort, paging) and the rows it returns.

Visibility and the "awaiting my approval" set depend on who asks and on the
approval rules; the service passes them in, so this module stays below it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import TimeLeft, time_left
from branchdesk.domain.steps import StepPolicy, TrackedStep
from branchdesk.domain.text import mask_phone
from branchdesk.domain.vocab import CloseKind, Kind, Severity, Status
from branchdesk.domain.workflow import DEADLINE_STATES
from branchdesk.read import opinions, steps
from branchdesk.read.import_batches import unfinished_batches
from branchdesk.read.values import shown_status
from branchdesk.storage import case_tally
from branchdesk.storage.models import OPEN_STATUSES, Case, Category, Department, User

OPEN = list(OPEN_STATUSES)  # the states of ``Status`` but closed, void and draft (a test holds them equal)
RUNNING = [s.value for s in DEADLINE_STATES]
Handler = aliased(User)

SORTABLE: dict[str, Any] = {
    "case_no": Case.id,
    "received_at": Case.received_at,
    "complainant_name": Case.complainant_sort,  # pinyin order (issue 16), by an index
    "phone": Case.phone_normalized,
    "kind": Case.kind,
    "category": Category.label,
    "severity": Case.severity,
    "status": Case.status,
    "department": Department.name,
    "handler": Handler.full_name,
    "deadline_at": Case.deadline_at,
    "escalation_level": Case.escalation_level,
    "is_major": Case.is_major,
}

NULLABLE_SORTS = frozenset({"phone", "category", "severity", "department", "handler", "deadline_at"})


@dataclass
class QueueFilter:
    statuses: list[str] = field(default_factory=list)
    scope: str = "all"  # all | mine | department
    overdue: bool = False
    due_today: bool = False
    kinds: list[str] = field(default_factory=list)
    category_codes: list[str] = field(default_factory=list)  # a code matches its children too
    severities: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    received_from: date | None = None
    received_to: date | None = None
    major_only: bool = False
    search: str = ""
    include_closed: bool = True
    drafts_only: bool = False
    awaiting_my_approval: bool = False
    follow_up_due: bool = False
    handler_inactive: bool = False  # open cases whose handler was deactivated: to reassign
    #: issue 12 "fields": (custom field key, value) pairs, all must hold — a text field contains the
    #: value, a number field equals it as a number, a choice or date field equals it
    custom: tuple[tuple[str, str], ...] = ()
    # --- step deadlines that act (issue 12, part "steps") ---
    steps_due_soon: bool = False  # a step falls due within its warning time
    steps_overdue: bool = False  # a step is past its due time, not done
    steps_alerted_to_me: bool = False  # a late step was escalated / notified to one of my roles
    # --- issue 17, part D: the work page's charts open the queue on exactly a bar's cases ---
    department_ids: list[int] = field(default_factory=list)  # responsible department; 0 = none yet
    closed_from: date | None = None  # closed (结案), 结案时间 from this day …
    closed_to: date | None = None  # … to this day
    timing: str = ""  # "on_time" | "late": closed by the deadline in force or not (``on_time`` below)
    pile: str = ""  # the work-page pile or chart it came from (named above the queue); not a condition
    opinions_owed: bool = False  # issue 14 part A: an opinion (会签) the viewer's department still owes


#: ``QueueFilter.timing`` values.
TIMINGS = ("on_time", "late")


def on_time() -> ColumnElement[bool]:
    """Replied (or, without a reply, closed) by the deadline in force; no deadline counts as on time —
    ``reports.monthly.on_time`` in SQL, so the chart and the monthly summary agree."""
    done = func.coalesce(Case.replied_at, Case.closed_at)
    return or_(Case.deadline_at.is_(None), done <= Case.deadline_at)


def late() -> ColumnElement[bool]:
    done = func.coalesce(Case.replied_at, Case.closed_at)
    return and_(Case.deadline_at.is_not(None), done > Case.deadline_at)


@dataclass(frozen=True)
class QueueRow:
    id: int
    case_no: str
    received_at: datetime
    complainant_name: str
    phone: str  # already masked when the viewer may not see it
    kind: Kind
    category_code: str | None
    category_label: str  # the branch's own label for its category
    severity: Severity | None
    status: Status
    close_kind: CloseKind | None
    department_name: str
    handler_name: str
    deadline_at: datetime | None
    time_left: TimeLeft | None  # None once the deadline no longer runs
    overdue: bool
    escalation_level: int
    is_major: bool
    is_repeat: bool
    deadline_unconfirmed: bool
    version: int = 0  # issue 17 part D: what the viewer saw, named by a bulk assignment

    @property
    def shown_status(self) -> Status | CloseKind:
        return shown_status(self.status, self.close_kind)


@dataclass(frozen=True)
class QueueKey:
    """Where the next page starts (issue 16 part Q, keyset paging): the sort, and the sort value and id of
    the last row shown. The next page reads the index from there instead of skipping ``offset`` rows, so
    the 50th page costs what the first does."""

    sort: str
    descending: bool
    value: Any  # the sort column's value in the last row (None: that row had none)
    id: int


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int  # -1 when not counted (a further page)
    offset: int
    next_key: QueueKey | None = None  # after the last row; None when this page was the last
    more_than_total: bool = False  # counted up to ``COUNT_LIMIT`` only: there are more than ``total``


#: A queue's total is counted up to this many cases and shown as "more than" beyond: counting every
#: case that holds a common word (保温杯 at 1M cases: 133,214) took 423 ms for a number nobody reads
#: exactly; a view narrowed by its states alone is summed from the tally, exactly, at any size.
COUNT_LIMIT = 10_000


def open_cases() -> ColumnElement[bool]:
    """The case is open: ``status IN (...)`` with the values written into the SQL, not bound — SQLite and
    PostgreSQL use the partial index over the open cases (``ix_case_open_received``) only for a query that
    names the same values literally (issue 16 part Q)."""
    values: Any = bindparam("open_states", OPEN, expanding=True, literal_execute=True, unique=True)
    return Case.status.in_(values)


def asks_for_closed(f: QueueFilter) -> bool:
    """The filter names closed cases itself (closing dates, on time or late): ``include_closed`` is moot."""
    return bool(f.closed_from or f.closed_to or f.timing)


def states_only(f: QueueFilter) -> frozenset[str] | None:
    """The states a filter selects when it narrows by nothing else — the whole queue, the default view
    (open cases), a status filter — else None. Drafts are never in it (a draft is seen by its recorder
    only): such a view's total, for a viewer who sees every case, is the tally's (``storage/case_tally``)."""
    if replace(f, statuses=[], include_closed=True, pile="") != QueueFilter():
        return None
    if f.statuses:
        return None if Status.DRAFT.value in f.statuses else frozenset(f.statuses)
    if not f.include_closed:
        return frozenset(OPEN_STATUSES)
    return frozenset(s.value for s in Status) - {Status.DRAFT.value}


def settled_total(session: Session, states: Collection[str]) -> int:
    """How many settled cases are in these states: the tally, less the cases of a ledger import still
    being written (``read/import_batches``; the batch index finds them, usually none)."""
    total = case_tally.cases_in(session, states)
    unfinished = session.scalars(unfinished_batches()).all()
    if unfinished:  # by the batch index alone, then the states here: given both, the planner chose the
        # status index and read every case in those states (67 ms at 1M)
        by_state = session.execute(
            select(Case.status, func.count(Case.id))
            .where(Case.import_batch_id.in_(unfinished))
            .group_by(Case.status)
        ).all()
        total -= sum(cases for status, cases in by_state if status in states)
    return total


def _like(column: Any, text: str) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = column.contains(text, autoescape=True)
    return condition


def queue_conditions(
    f: QueueFilter,
    *,
    visible: ColumnElement[bool],
    user_id: int,
    department_id: int | None,
    now: datetime,
    awaiting_approval: Callable[[], Sequence[int]],
    custom_types: Callable[[], Mapping[str, str]] = dict,
    step_policies: Callable[[], Mapping[TrackedStep, StepPolicy]] | None = None,
    roles: Collection[str] = (),
    search_ids: Callable[[str], Any] | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions of a queue filter (queue, counts and exports share them).

    ``visible`` is the viewer's visibility condition; ``awaiting_approval`` lists the cases whose
    next approval the viewer may sign, asked only when the filter wants them (it costs queries);
    ``custom_types`` gives each custom field's type (key -> text | number | date | choice), asked
    only when the filter names custom fields; ``search_ids`` turns the search text into a subquery of
    case ids through the search index (without it, LIKE over six columns).
    """
    conditions: list[ColumnElement[bool]] = [visible]
    if f.drafts_only:
        conditions.append(Case.status == Status.DRAFT.value)
        conditions.append(Case.recorder_id == user_id)
    elif f.statuses:
        conditions.append(Case.status.in_(f.statuses))
    elif not f.include_closed and not asks_for_closed(f):
        conditions.append(open_cases())
    else:
        conditions.append(Case.status != Status.DRAFT.value)
    if f.scope == "mine":
        conditions.append(or_(Case.handler_id == user_id, Case.recorder_id == user_id))
    elif f.scope == "department" and department_id is not None:
        conditions.append(Case.responsible_department_id == department_id)
    if f.overdue:
        conditions += [Case.status.in_(RUNNING), Case.deadline_at < now]
    if f.due_today:
        start = datetime.combine(now.date(), time.min)
        conditions += [
            Case.status.in_(RUNNING),
            Case.deadline_at >= now,
            Case.deadline_at < start + timedelta(days=1),
        ]
    if f.follow_up_due:
        conditions += [Case.status == Status.AWAITING_FOLLOWUP.value]
    if f.handler_inactive:
        inactive = select(User.id).where(User.active.is_(False))
        conditions += [open_cases(), Case.handler_id.in_(inactive)]
    if f.steps_due_soon or f.steps_overdue or f.steps_alerted_to_me:
        # a step runs only in an open state (``steps.running``); said once more at the top level, so the
        # count reads the open cases (the partial index) instead of testing every step of every case
        conditions.append(open_cases())
    if (f.steps_due_soon or f.steps_overdue) and step_policies is not None:
        policies = step_policies()  # asked only here: the configuration the service holds
        if f.steps_due_soon:
            conditions.append(steps.any_due_soon(policies, now))
        if f.steps_overdue:
            conditions.append(steps.any_overdue(policies, now))
    if f.steps_alerted_to_me:
        conditions.append(steps.alerted_to(roles, now))
    if f.opinions_owed:  # issue 14 part A
        conditions.append(opinions.owed_by(department_id))
    if f.kinds:
        conditions.append(Case.kind.in_(f.kinds))
    if f.severities:
        conditions.append(Case.severity.in_(f.severities))
    if f.channels:
        conditions.append(Case.channel.in_(f.channels))
    if f.major_only:
        conditions.append(Case.is_major.is_(True))
    if f.category_codes:
        # a code matches its children and grandchildren (issue 12: three levels)
        parent, grandparent = aliased(Category), aliased(Category)
        ids = (
            select(Category.id)
            .outerjoin(parent, parent.id == Category.parent_id)
            .outerjoin(grandparent, grandparent.id == parent.parent_id)
            .where(
                or_(
                    Category.code.in_(f.category_codes),
                    parent.code.in_(f.category_codes),
                    grandparent.code.in_(f.category_codes),
                )
            )
        )
        conditions.append(Case.category_id.in_(ids))
    if f.received_from:
        conditions.append(Case.received_at >= datetime.combine(f.received_from, time.min))
    if f.received_to and f.received_to < date.max:
        conditions.append(Case.received_at < datetime.combine(f.received_to + timedelta(days=1), time.min))
    if f.awaiting_my_approval:
        conditions.append(Case.id.in_(list(awaiting_approval()) or [-1]))
    if f.custom:
        conditions += custom_conditions(f.custom, custom_types())
    # issue 17, part D: the charts' click-through
    if f.department_ids:
        named = [i for i in f.department_ids if i]
        either = [Case.responsible_department_id.in_(named)] if named else []
        if 0 in f.department_ids:
            either.append(Case.responsible_department_id.is_(None))
        conditions.append(or_(*either))
    if f.closed_from or f.closed_to or f.timing:
        conditions.append(Case.status == Status.CLOSED.value)
    if f.closed_from:
        conditions.append(Case.closed_at >= datetime.combine(f.closed_from, time.min))
    if f.closed_to and f.closed_to < date.max:
        conditions.append(Case.closed_at < datetime.combine(f.closed_to + timedelta(days=1), time.min))
    if f.timing == "on_time":
        conditions.append(on_time())
    elif f.timing == "late":
        conditions.append(late())
    text = f.search.strip()
    if text and search_ids is not None:
        # issue 17 part C: the search index (read/search.py) — the ids of the cases holding every word
        conditions.append(Case.id.in_(search_ids(text)))
    elif text:
        for word in (w for w in text.split() if w):
            digits = word.replace("-", "")
            conditions.append(
                or_(
                    _like(Case.case_no, word),
                    _like(Case.complainant_name, word),
                    _like(Case.phone_normalized, digits) if digits.isdigit() else Case.id < 0,
                    _like(Case.content, word),
                    _like(Case.company, word),
                    _like(Case.order_no, word),
                )
            )
    return conditions


def custom_conditions(
    pairs: Sequence[tuple[str, str]], types: Mapping[str, str]
) -> list[ColumnElement[bool]]:
    """Conditions on ``case.custom_values`` (JSON): the same SQL on SQLite (``JSON_EXTRACT``) and
    PostgreSQL (``->>``) through SQLAlchemy's JSON index operators."""
    conditions: list[ColumnElement[bool]] = []
    for key, value in pairs:
        kind = types.get(key, "choice")
        if kind == "number":
            try:
                number = float(value)
            except ValueError:
                conditions.append(Case.id < 0)  # no number: nothing matches
                continue
            conditions.append(Case.custom_values[key].as_float() == number)
        elif kind == "text":
            conditions.append(_like(Case.custom_values[key].as_string(), value))
        else:
            conditions.append(Case.custom_values[key].as_string() == value)
    return conditions


#: What a queue row reads of a case; ``_Row`` names them in the same order.
_ROW_COLUMNS = (
    Case.id,
    Case.case_no,
    Case.received_at,
    Case.complainant_name,
    Case.phone,
    Case.phone_normalized,
    Case.kind,
    Case.severity,
    Case.status,
    Case.close_kind,
    Case.deadline_at,
    Case.escalation_level,
    Case.is_major,
    Case.is_repeat,
    Case.deadline_unconfirmed,
    Case.version,
)


class _Row(NamedTuple):
    id: int
    case_no: str
    received_at: datetime
    complainant_name: str
    phone: str
    phone_normalized: str
    kind: str
    severity: str | None
    status: str
    close_kind: str | None
    deadline_at: datetime | None
    escalation_level: int
    is_major: bool
    is_repeat: bool
    deadline_unconfirmed: bool
    version: int


def queue_page(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    *,
    calendar: WorkingCalendar,
    now: datetime,
    show_phone: bool,
    sort: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    with_total: bool = True,
    after: QueueKey | None = None,
    tally_states: Collection[str] | None = None,
) -> QueuePage:
    """One page of the cases matching ``conditions``, sorted in SQL (empty values last).

    ``after`` (the previous page's ``next_key``) starts the page after that row, by the index (keyset
    paging); ``offset`` is then not used. The total is counted only when asked (``with_total``): the
    queue asks once per filter or sort, at its first page, never while the user scrolls. With
    ``tally_states`` (the conditions select exactly the settled cases in those states) it is summed
    from the tally instead (``settled_total``): a few rows, not an index entry per case."""
    # Only the columns a row shows (issue 16 "Queue"): whole cases would build 200 mapped objects and
    # parse every JSON column (an imported case's original row among them) for a page that shows none.
    sort = sort if sort in SORTABLE else "received_at"
    column = SORTABLE[sort]
    query = (
        select(*_ROW_COLUMNS, Category.code, Category.label, Department.name, Handler.full_name, column)
        .outerjoin(Category, Category.id == Case.category_id)
        .outerjoin(Department, Department.id == Case.responsible_department_id)
        .outerjoin(Handler, Handler.id == Case.handler_id)
        .where(*conditions)
    )
    order = column.desc() if descending else column.asc()
    tie = Case.id.desc() if descending else Case.id.asc()
    if sort in NULLABLE_SORTS:  # empty values last; a NOT NULL column keeps its index usable
        query = query.order_by(column.is_(None), order, tie)
    else:
        query = query.order_by(order, tie)
    if after is not None:
        query = query.where(_after(column, sort in NULLABLE_SORTS, descending, after))
    else:
        query = query.offset(offset)
    rows = session.execute(query.limit(limit)).all()
    total, more = -1, False
    if with_total and tally_states is not None:
        total = settled_total(session, tally_states)
    elif with_total:
        # one row past the limit is enough to know there are more: the count stops there
        first = select(Case.id).where(*conditions).limit(COUNT_LIMIT + 1).subquery()
        total = session.scalar(select(func.count()).select_from(first)) or 0
        if total > COUNT_LIMIT:
            total, more = COUNT_LIMIT, True
    result = []
    next_key = None
    if len(rows) == limit:
        next_key = QueueKey(sort, descending, rows[-1][-1], rows[-1][0])
    for *columns, category_code, category_label, department_name, handler_name, _sort_value in rows:
        case = _Row(*columns)
        running = case.status in RUNNING
        left = time_left(calendar, now, case.deadline_at) if (case.deadline_at and running) else None
        result.append(
            QueueRow(
                id=case.id,
                case_no=case.case_no,
                received_at=case.received_at,
                complainant_name=case.complainant_name,
                phone=case.phone if show_phone else mask_phone(case.phone_normalized),
                kind=Kind(case.kind),
                category_code=category_code,
                category_label=category_label or "",
                severity=Severity(case.severity) if case.severity else None,
                status=Status(case.status),
                close_kind=CloseKind(case.close_kind) if case.close_kind else None,
                department_name=department_name or "",
                handler_name=handler_name or "",
                deadline_at=case.deadline_at,
                time_left=left,
                overdue=bool(left and left.overdue),
                escalation_level=case.escalation_level,
                is_major=case.is_major,
                is_repeat=case.is_repeat,
                deadline_unconfirmed=case.deadline_unconfirmed,
                version=case.version,
            )
        )
    return QueuePage(result, total, offset, next_key, more)


def _after(column: Any, nullable: bool, descending: bool, key: QueueKey) -> ColumnElement[bool]:
    """The rows after ``key`` in the order (column, id), empty values last: a row comparison, which both
    engines read as a range of the index on (column, id)."""

    def beyond(a: Any, b: Any) -> ColumnElement[bool]:
        return a < b if descending else a > b  # type: ignore[no-any-return]

    if key.value is None:  # already among the empty values (the last ones): only the ids go on
        return and_(column.is_(None), beyond(Case.id, key.id))
    later = beyond(tuple_(column, Case.id), tuple_(key.value, key.id))
    return or_(later, column.is_(None)) if nullable else later
