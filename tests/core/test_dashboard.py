"""The work page's figures (issue 17, part D): every tile and every chart bar counts exactly the cases
its queue filter lists, for people who see everything and people who see only their own cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from branchdesk.domain.vocab import Kind
from branchdesk.read.dashboard import (
    MONTHS,
    WEEKS,
    Dashboard,
    category_filter,
    department_filter,
    timing_filter,
    week_filter,
)
from branchdesk.read.queue import QueueFilter
from branchdesk.read.work import PILES
from tests.conftest import START, Branch
from tests.work_cases import many_states

PEOPLE = ["crm", "gm", "clerk", "clerk2", "handler", "handler2", "qa_mgr", "sales_mgr", "deputy"]


def listed(b: Branch, who: str, f: QueueFilter) -> set[int]:
    page = b.desk.queries.queue_page(b[who], f, limit=10_000)
    assert page.total == len(page.rows)
    return {row.id for row in page.rows}


def bars(board: Dashboard) -> list[tuple[int, QueueFilter]]:
    """(count, filter) of every bar and slice the work page draws."""
    result: list[tuple[int, QueueFilter]] = []
    for kind, counts in board.by_kind.items():
        result += [(n, week_filter(w, board.today, kind)) for w, n in zip(board.weeks, counts, strict=True)]
    for month in board.months:
        result.append((month.on_time, timing_filter(month.month, board.today, "on_time")))
        result.append((month.late, timing_filter(month.month, board.today, "late")))
        result.append((month.closed, timing_filter(month.month, board.today)))
    result += [(d.count, department_filter(d.department_id)) for d in board.departments]
    result += [(c.count, category_filter(c.code, board.weeks, board.today)) for c in board.categories]
    return result


def test_every_tile_counts_what_its_queue_lists(branch: Branch) -> None:
    b = branch
    ids = many_states(b)
    seen_some = False
    for who in PEOPLE:
        counts = b.desk.queries.work_counts(b[who])
        for name in counts.piles:
            rows = listed(b, who, PILES[name])
            assert getattr(counts, name) == len(rows), (who, name, rows)
            seen_some = seen_some or bool(rows)
    assert seen_some
    crm = b.desk.queries.work_counts(b["crm"])
    assert "to_triage" in crm.piles and crm.to_triage == 2  # the complaint and the praise
    assert crm.awaiting_reply == 2  # the approved complaint and the invalid suggestion
    assert listed(b, "crm", PILES["awaiting_reply"]) == {ids["awaiting_reply"], ids["invalid"]}
    # 我的案件: open cases only, so the closed ones 王小红 recorded are not in her list
    clerk = b.desk.queries.work_counts(b["clerk"])
    assert ids["answered_on_time"] not in listed(b, "clerk", PILES["my_cases"])
    assert clerk.my_cases == len(listed(b, "clerk", PILES["my_cases"])) >= 2
    assert "to_triage" not in clerk.piles and clerk.to_triage == 0  # not hers to act on: no tile
    handler = b.desk.queries.work_counts(b["handler"])  # sees only the cases he handles
    assert listed(b, "handler", QueueFilter()) == {
        ids["with_handler"],
        ids["awaiting_reply"],
        ids["closed"],
        ids["pending_approval"],
    }
    assert handler.my_cases == 3 and handler.overdue >= 1


def test_the_charts_count_what_their_bars_open(branch: Branch) -> None:
    b = branch
    ids = many_states(b)
    board = b.desk.queries.dashboard(b["crm"])
    assert len(board.weeks) == WEEKS and board.weeks[-1] == START.date()  # START is a Monday
    assert len(board.months) == MONTHS and board.months[-1].month == date(2026, 11, 1)
    # received per week (not the draft): 5 weeks back two consultations, … this week two
    assert board.by_kind[Kind.CONSULTATION][WEEKS - 6] == 2
    assert board.by_kind[Kind.COMPLAINT][WEEKS - 5] == 1
    assert board.by_kind[Kind.COMPLAINT][WEEKS - 2] == 2
    assert board.by_kind[Kind.COMPLAINT][WEEKS - 1] == 1 and board.by_kind[Kind.PRAISE][WEEKS - 1] == 1
    assert sum(sum(counts) for counts in board.by_kind.values()) == len(ids) - 1
    # on time: the consultation answered in an hour, the complaint closed; late: the one answered in 36 h
    assert (sum(m.on_time for m in board.months), sum(m.late for m in board.months)) == (2, 1)
    september = next(m for m in board.months if m.month == date(2026, 9, 1))
    assert (september.on_time, september.late, september.rate) == (1, 1, 0.5)
    assert listed(b, "crm", timing_filter(september.month, board.today, "late")) == {ids["answered_late"]}
    # open by department: 质量管理部 holds three, 刘洋's department one, three have none yet
    assert [(d.department_id, d.count) for d in board.departments] == [
        (b["handler"].department_id, 3),
        (None, 3),
        (b["handler2"].department_id, 1),
    ]
    # top categories: the triaged complaints are all under 业务 (business.damage's top)
    assert [(c.code, c.count) for c in board.categories] == [("business", 5)]
    for who in PEOPLE:
        board = b.desk.queries.dashboard(b[who])
        for count, f in bars(board):
            assert count == len(listed(b, who, f)), (who, f)
    handler = b.desk.queries.dashboard(b["handler"])  # only his own cases
    assert sum(sum(counts) for counts in handler.by_kind.values()) == 4
    assert [d.count for d in handler.departments] == [3]


def test_the_chart_filters_are_checked(branch: Branch) -> None:
    b = branch
    many_states(b)
    for bad in (
        QueueFilter(department_ids="QA"),  # type: ignore[arg-type]
        QueueFilter(department_ids=[-4]),
        QueueFilter(timing="soon"),
        QueueFilter(closed_from="yesterday"),  # type: ignore[arg-type]
    ):
        with pytest.raises(Exception) as refused:
            b.desk.queries.queue_page(b["crm"], bad)
        assert type(refused.value).__name__ == "FieldError"
    # a closing period far outside 1990–2100 is narrowed, not refused
    far = QueueFilter(closed_from=date(1, 1, 1), closed_to=date.max - timedelta(days=1))
    assert b.desk.queries.queue_page(b["crm"], far).total == 3
