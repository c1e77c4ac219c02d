"""The queue at scale (issue 16 part Q): keyset paging, an index for each filter and sort, the open
cases read on their own (the default view, its total and the work page's counts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, inspect

from branchdesk.domain.vocab import Status
from branchdesk.errors import FieldError
from branchdesk.read.queue import OPEN, QueueFilter, QueueKey
from branchdesk.services.context import Actor
from branchdesk.storage.migrate import upgrade
from branchdesk.storage.models import OPEN_STATUSES
from tests.conftest import Branch, complaint_form
from tests.core.conftest import revision_before, rewind_to
from tests.work_cases import many_states

#: Every sort the queue offers, the nullable ones (department, handler, category, deadline) among them.
SORTS = ["received_at", "complainant_name", "case_no", "status", "department", "handler", "category"]
SORTS += ["deadline_at", "severity", "phone", "kind", "escalation_level", "is_major"]


def _with_ties(b: Branch) -> None:
    """Cases in many states, plus six received in the same minute under two names (ties in the received
    time and in the name's sort key)."""
    many_states(b)
    for n in range(6):
        b.desk.intake.register(
            b["clerk"],
            complaint_form(
                complainant_name="王伟" if n % 2 else "李娜", phone=f"1370000{n:04d}", order_no=f"T{n}"
            ),
        )


def _paged(b: Branch, actor: Actor, f: QueueFilter, sort: str, descending: bool, size: int) -> list[int]:
    ids: list[int] = []
    key = None
    for _ in range(1000):
        page = b.desk.queries.queue_page(
            actor, f, sort=sort, descending=descending, limit=size, with_total=False, after=key
        )
        ids += [row.id for row in page.rows]
        key = page.next_key
        if key is None:
            return ids
    raise AssertionError("the pages never ended")


def test_keyset_pages_show_every_case_once_in_the_order_of_one_long_page(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    whole = b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=10_000)
    assert whole.total == len(whole.rows) > 12 and whole.next_key is None
    for sort in SORTS:
        for descending in (True, False):
            expected = [
                r.id
                for r in b.desk.queries.queue_page(
                    b["crm"], QueueFilter(), sort=sort, descending=descending, limit=10_000
                ).rows
            ]
            for size in (1, 3, 7):
                paged = _paged(b, b["crm"], QueueFilter(), sort, descending, size)
                assert paged == expected, (sort, descending, size)
                assert len(set(paged)) == len(paged) == whole.total


def test_a_page_starts_after_the_last_row_seen_even_when_a_case_arrives_meanwhile(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    first = b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=5)
    b.clock.advance(minutes=5)
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="新来的", phone="13611112222"))
    second = b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=5, after=first.next_key)
    # with an offset, the new case at the top would push the 5th row into the second page again
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
    everything = [r.id for r in b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=1000).rows]
    assert [r.id for r in second.rows] == everything[6:11]


def test_a_key_of_another_sort_or_made_up_is_refused(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    key = b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=2).next_key
    assert key is not None
    for wrong in (
        QueueKey("complainant_name", True, key.value, key.id),
        QueueKey("received_at", False, key.value, key.id),
        QueueKey("received_at", True, key.value, -5),
        QueueKey("received_at", True, object(), key.id),
        ("received_at", True, key.value, key.id),
    ):
        with pytest.raises(FieldError) as caught:
            b.desk.queries.queue_page(b["crm"], QueueFilter(), after=wrong)  # type: ignore[arg-type]
        assert "after" in caught.value.texts


def test_the_open_list_is_every_state_but_closed_void_and_draft() -> None:
    assert set(OPEN) == set(OPEN_STATUSES) == {s.value for s in Status} - {"closed", "void", "draft"}


def test_the_default_view_of_open_cases_and_its_total_leave_closed_cases_out(branch: Branch) -> None:
    b = branch
    ids = many_states(b)
    shown = b.desk.queries.queue_page(b["crm"], QueueFilter(include_closed=False))
    everything = b.desk.queries.queue_page(b["crm"], QueueFilter())
    closed = {r.id for r in everything.rows if r.status in (Status.CLOSED, Status.VOID)}
    assert closed and not closed & {r.id for r in shown.rows}
    assert shown.total == len(shown.rows) == everything.total - len(closed)
    assert ids  # the branch has its cases
    # a closing date names closed cases itself: leaving closed cases out does not empty it
    month = b.desk.queries.queue_page(
        b["crm"], QueueFilter(include_closed=False, closed_from=everything.rows[-1].received_at.date())
    )
    assert month.total == len([r for r in everything.rows if r.status is Status.CLOSED]) > 0


# --- the plans (SQLite): each filter and sort reads an index, the open counts only open cases ----------


@contextmanager
def _statements(b: Branch) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(b.desk.db.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(b.desk.db.engine, "before_cursor_execute", grab)


def _plans(b: Branch, statements: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """(statement, its plan) of every statement over the case table, from the file itself."""
    assert b.path is not None
    raw = sqlite3.connect(b.path)
    try:
        return [
            (sql, " | ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params)))
            for sql, params in statements
            if "FROM complaint_case" in sql
        ]
    finally:
        raw.close()


def _analysed(b: Branch, closed: int = 3000) -> None:
    """A branch as years make it — ``closed`` more closed cases, received before the open ones (copies of
    a closed case, in SQL) — with the statistics migration 0030 takes of it (sampled ANALYZE)."""
    assert b.path is not None
    raw = sqlite3.connect(b.path)
    columns = [row[1] for row in raw.execute("PRAGMA table_info(complaint_case)") if row[1] != "id"]
    made = {
        "case_no": "'OLD-' || n",
        "period": "'199001'",
        "serial": "n",
        "received_at": "'2020-01-01 09:00:00'",
    }
    raw.execute(
        f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {closed})"
        f" INSERT INTO complaint_case ({', '.join(columns)})"
        f" SELECT {', '.join(made.get(c, c) for c in columns)} FROM k,"
        " (SELECT * FROM complaint_case WHERE status = 'closed' LIMIT 1)"
    )
    raw.commit()
    raw.execute("PRAGMA analysis_limit = 1000")
    raw.execute("ANALYZE complaint_case")
    raw.commit()
    raw.close()


def _reads_only_matching(case_plan: str) -> bool:
    """A lookup by an index (SEARCH), or a walk of the index that holds only the open cases."""
    return case_plan.startswith("SEARCH") or "USING INDEX ix_case_open_received" in case_plan


def _case_plan(plan: str) -> str:
    return next(part for part in plan.split(" | ") if "complaint_case" in part)


@pytest.mark.sqlite_only
def test_each_filter_and_sort_reads_an_index_not_the_table(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    _analysed(b)
    department = b.desk.queries.lookups(b["crm"]).departments[0][0]
    wanted = {
        "status": (
            QueueFilter(statuses=[Status.IN_PROGRESS.value]),
            "received_at",
            "ix_case_status_received",
        ),
        # the department's index, or (few departments: each holds many cases) the received time in order
        "department": (
            QueueFilter(department_ids=[department]),
            "received_at",
            "ix_case_department|ix_case_rec",
        ),
        "received": (
            QueueFilter(received_from=b.clock.now.date(), received_to=b.clock.now.date()),
            "received_at",
            "ix_case_",
        ),
        "default view": (QueueFilter(include_closed=False), "received_at", "ix_case_open_received"),
        "everything": (QueueFilter(), "received_at", "ix_case_received"),
        "by name": (QueueFilter(), "complainant_name", "ix_case_complainant_sort"),
    }
    for name, (f, sort, index) in wanted.items():
        with _statements(b) as seen:
            page = b.desk.queries.queue_page(b["crm"], f, sort=sort, limit=3)
            if page.next_key is not None:
                b.desk.queries.queue_page(b["crm"], f, sort=sort, limit=3, after=page.next_key)
        plans = _plans(b, seen)
        assert plans, name
        for sql, plan in plans:
            case_plan = _case_plan(plan)
            if sql.startswith("SELECT count("):  # the total: a lookup of the matching index entries only
                everything = name in ("everything", "by name")  # every case counted: nothing to leave out
                assert everything or _reads_only_matching(case_plan), (name, case_plan, sql)
                continue
            assert "USING" in case_plan and any(i in case_plan for i in index.split("|")), (
                name,
                case_plan,
                sql,
            )
            if sort == "received_at" and name in ("status", "default view", "everything"):
                assert "TEMP B-TREE" not in plan, (name, plan)  # read in order, no sort of every row
    # the handler's own cases ("mine": handler or recorder), both sides by an index
    with _statements(b) as seen:
        b.desk.queries.queue_page(b["handler"], QueueFilter(scope="mine"))
    for _sql, plan in _plans(b, seen):
        assert "SCAN complaint_case" not in plan.replace("SCAN complaint_case USING", ""), plan


@pytest.mark.sqlite_only
def test_the_work_page_counts_read_only_open_cases(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    _analysed(b)
    for who in ("crm", "handler", "clerk", "qa_mgr"):
        with _statements(b) as seen:
            b.desk.queries.work_counts(b[who])
        plans = _plans(b, seen)
        assert plans
        for sql, plan in plans:
            case_plan = _case_plan(plan)
            # never the whole table: an index, and for the open piles one that holds only open states
            assert _reads_only_matching(case_plan), (
                who,
                case_plan,
                sql,
            )


def test_the_migration_builds_the_indexes_over_existing_cases(branch: Branch) -> None:
    b = branch
    _with_ties(b)
    before = b.desk.queries.queue_page(b["crm"], QueueFilter(include_closed=False)).rows
    rewind_to(b.desk.db, revision_before("0030"))
    with b.desk.db.engine.connect() as connection:
        names = {ix["name"] for ix in inspect(connection).get_indexes("complaint_case")}
    assert "ix_case_open_received" not in names and "ix_case_status_received" not in names
    upgrade(b.desk.db)
    with b.desk.db.engine.connect() as connection:
        names = {ix["name"] for ix in inspect(connection).get_indexes("complaint_case")}
    assert {"ix_case_open_received", "ix_case_status_received", "ix_case_recorder"} <= names
    after = b.desk.queries.queue_page(b["crm"], QueueFilter(include_closed=False)).rows
    assert [r.id for r in after] == [r.id for r in before] and after


# --- PostgreSQL: 1–2 character search words through an index ---------------------------------------


def test_a_short_search_word_on_postgresql_is_an_index_lookup(branch: Branch) -> None:
    b = branch
    if b.engine == "sqlite":
        pytest.skip("SQLite looks short words up through the trigrams they begin (case_search_vocab)")
    wanted = b.desk.intake.register(
        b["clerk"], complaint_form(complainant_name="欧阳娜", content="空调第三次不制冷", phone="13800138000")
    )
    b.desk.intake.register(
        b["clerk"], complaint_form(complainant_name="李四", content="发票开错", phone="13900000001")
    )
    for word in ("三次", "欧", "阳娜", "SO"):  # "SO": letters in another case (order SO-2026-1101 in both)
        found = {hit.case_id for hit in b.desk.search.search(b["crm"], word).hits}
        assert wanted.id in found, word
    assert {hit.case_id for hit in b.desk.search.search(b["crm"], "次不").hits} == {wanted.id}
    assert not b.desk.search.search(b["crm"], "次发").hits  # pieces of two texts are no word
    with b.desk.db.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # a few rows: the planner would read them all
        plan = "\n".join(
            row[0]
            for row in connection.exec_driver_sql(
                "EXPLAIN SELECT case_id FROM case_search WHERE case_search_grams(body) @> ARRAY['三次']"
            )
        )
    assert "ix_case_search_grams" in plan, plan


def test_a_total_past_the_count_limit_is_shown_as_more_than_the_limit(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter's total is counted up to ``COUNT_LIMIT`` (a common word at 1M cases matched 133,214):
    beyond, the page says there are more; up to it, the total is exact; the tally's totals stay exact."""
    from branchdesk.read import queue

    b = branch
    crm = b["crm"]
    for n in range(3):
        b.desk.intake.register(b["clerk"], complaint_form(complainant_name="欧阳锋", phone=f"1370000{n:04d}"))
    monkeypatch.setattr(queue, "COUNT_LIMIT", 2)
    page = b.desk.queries.queue_page(crm, QueueFilter(search="欧阳锋"))
    assert (page.total, page.more_than_total) == (2, True)
    assert len(page.rows) == 3  # the rows are not limited by the count
    monkeypatch.setattr(queue, "COUNT_LIMIT", 3)
    assert b.desk.queries.queue_page(crm, QueueFilter(search="欧阳锋")).more_than_total is False
    monkeypatch.setattr(queue, "COUNT_LIMIT", 1)
    everything = b.desk.queries.queue_page(crm, QueueFilter())  # states only: from the tally, exact
    assert everything.total >= 3 and everything.more_than_total is False
