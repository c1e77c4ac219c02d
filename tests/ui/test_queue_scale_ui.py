"""The queue through the real widgets at scale (issue 16 part Q): it opens on the open cases, closed ones
when asked, and pages in by the last row seen."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Status
from branchdesk.read.queue import QueueFilter
from tests.conftest import Branch, complaint_form
from tests.work_cases import many_states
from ui import queue_model
from ui.queue_page import QueueView


def _queue(qtbot: QtBot, b: Branch) -> QueueView:
    view = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(view)
    return view


def _all_rows(view: QueueView) -> list[int]:
    while view.model.canFetchMore():
        view.model.fetchMore()
    return [row.id for row in view.model.rows]


def test_the_queue_opens_on_open_cases_and_shows_closed_ones_when_asked(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    many_states(b)
    everything = b.desk.queries.queue_page(b["crm"], QueueFilter()).rows
    closed = [r for r in everything if r.status in (Status.CLOSED, Status.VOID)]
    assert closed
    view = _queue(qtbot, b)
    view.clear_filters()
    shown = _all_rows(view)
    assert not {r.id for r in closed} & set(shown)
    assert view.model.total == len(shown) == len(everything) - len(closed)
    view.show_closed.setChecked(True)  # 含已结案
    assert sorted(_all_rows(view)) == sorted(r.id for r in everything)
    view.show_closed.setChecked(False)
    view.search.setText(closed[0].case_no)  # a number looked up is found, closed or not
    view.reload()
    assert closed[0].id in _all_rows(view)


def test_scrolling_pages_in_every_case_once_after_the_last_row_seen(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    many_states(b)
    for n in range(5):  # received in the same minute: ties in the sort
        b.desk.intake.register(b["clerk"], complaint_form(complainant_name="王伟", phone=f"1370000{n:04d}"))
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 3)
    view = _queue(qtbot, b)
    view.clear_filters(reload=False)  # not what an earlier test left remembered for this user
    view.model.sort_key, view.model.descending = "received_at", True
    view.show_closed.setChecked(True)
    view.reload()
    expected = [r.id for r in b.desk.queries.queue_page(b["crm"], QueueFilter(), limit=1000).rows]
    assert len(view.model.rows) == 3 and view.model.canFetchMore()
    first = list(view.model.rows)
    b.clock.advance(minutes=1)  # a case arrives while the user scrolls: no row comes twice
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="新来的", phone="13611112222"))
    assert _all_rows(view) == expected and first == view.model.rows[:3]


def test_the_queue_says_more_than_when_the_core_counted_to_its_limit(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    from branchdesk.read import queue as queue_read

    b = branch
    for n in range(3):
        b.desk.intake.register(b["clerk"], complaint_form(complainant_name="欧阳锋", phone=f"1370000{n:04d}"))
    monkeypatch.setattr(queue_read, "COUNT_LIMIT", 2)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    queue.show()
    queue.clear_filters()
    queue.search.setText("欧阳锋")
    queue.reload()
    assert queue.count.text() == "超过 2 件" and queue.model.rowCount() == 3
    queue.search.setText("")
    monkeypatch.setattr(queue_read, "COUNT_LIMIT", 10_000)
    queue.reload()
    assert queue.count.text() == f"共 {queue.model.total} 件"
