"""The tally of cases per state (issue 16): kept by triggers through every kind of write, on both engines;
the queue's total of a states-only view for a viewer who sees every case comes from it; an upgrade that
lost the triggers counts afresh."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from branchdesk.read.queue import QueueFilter, states_only
from branchdesk.services.dto import ReplyInput, TriageInput
from branchdesk.storage import case_tally
from tests.conftest import Branch, complaint_form


def _tally(b: Branch) -> dict[str, int]:
    with b.desk.db.read() as session:
        rows = session.execute(text("SELECT status, cases FROM case_tally WHERE cases <> 0")).all()
    return {status: cases for status, cases in rows}


def _counted(b: Branch) -> dict[str, int]:
    with b.desk.db.read() as session:
        rows = session.execute(text("SELECT status, count(*) FROM complaint_case GROUP BY status")).all()
    return {status: cases for status, cases in rows}


def _some_cases(b: Branch) -> None:
    """Cases in several states: registered, draft, in progress, closed (a consultation answered)."""
    b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.intake.save_draft(b["clerk"], complaint_form(content="还没登记完"))
    triaged = b.desk.intake.register(b["clerk"], complaint_form(phone="13900000003"))
    b.desk.cases.triage(
        b["crm"],
        triaged.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    answered = b.desk.intake.register(
        b["clerk"], complaint_form(kind="consultation", request_type="", phone="13900000004")
    )
    b.desk.cases.answer(b["clerk"], answered.id, ReplyInput("phone", "已告知", accepted=True))


def test_the_tally_follows_every_write(branch: Branch) -> None:
    b = branch
    _some_cases(b)
    assert _tally(b) == _counted(b) and len(_counted(b)) >= 4
    with b.desk.db.write() as session:  # writes no service makes: a data fix, a draft removed
        session.execute(text("UPDATE complaint_case SET status = 'in_progress' WHERE status = 'registered'"))
        session.execute(text("UPDATE complaint_case SET complainant_name = '改名' WHERE status = 'draft'"))
        session.execute(
            text("DELETE FROM event WHERE case_id IN (SELECT id FROM complaint_case WHERE status = 'draft')")
        )
        session.execute(text("DELETE FROM complaint_case WHERE status = 'draft'"))
    assert _tally(b) == _counted(b)
    with pytest.raises(RuntimeError), b.desk.db.write() as session:  # rolled back: the tally as it was
        session.execute(text("UPDATE complaint_case SET status = 'closed'"))
        raise RuntimeError("rolled back")
    assert _tally(b) == _counted(b)


def test_the_queue_total_of_a_states_only_view_is_the_tally(branch: Branch) -> None:
    b = branch
    _some_cases(b)
    views = [QueueFilter(), QueueFilter(include_closed=False), QueueFilter(statuses=["in_progress"])]
    for view in views:
        assert states_only(view) is not None
        assert b.desk.queries.queue_page(b["crm"], view).total == len(
            b.desk.queries.queue_page(b["crm"], view).rows
        )
    assert states_only(QueueFilter(statuses=["draft"])) is None  # a draft is its recorder's only
    assert states_only(QueueFilter(search="空调")) is None  # anything else that narrows: counted
    everything = b.desk.queries.queue_page(b["crm"], QueueFilter()).total
    mine = b.desk.queries.queue_page(b["handler"], QueueFilter()).total
    with b.desk.db.write() as session:  # the tally is what the manager's total reads: made wrong here
        session.execute(text("UPDATE case_tally SET cases = cases + 1000 WHERE status = 'in_progress'"))
    assert b.desk.queries.queue_page(b["crm"], QueueFilter()).total == everything + 1000
    assert b.desk.queries.queue_page(b["handler"], QueueFilter()).total == mine  # a handler's is counted
    with b.desk.db.write() as session:
        case_tally.recount(session.connection())
    assert b.desk.queries.queue_page(b["crm"], QueueFilter()).total == everything
    # a case of a ledger import still being written is in no total (``visibility.settled_cases``)
    with b.desk.db.write() as session:
        batch = session.execute(
            text(
                "INSERT INTO import_batch (state, file, started_at, touched_at)"
                " VALUES ('pending', 'x.xlsx', '2026-11-01', '2026-11-01') RETURNING id"
            )
        ).scalar_one()
        session.execute(
            text(
                "UPDATE complaint_case SET import_batch_id = :b"
                " WHERE id = (SELECT max(id) FROM complaint_case)"
            ),
            {"b": batch},
        )
    assert b.desk.queries.queue_page(b["crm"], QueueFilter()).total == everything - 1


def test_triggers_a_later_migration_dropped_come_back_and_the_tally_is_counted_afresh(branch: Branch) -> None:
    """``ensure`` runs after every upgrade (``storage/migrate``), as the search index's does."""
    b = branch
    _some_cases(b)
    dialect = "sqlite" if b.engine == "sqlite" else "postgresql"
    on = "" if dialect == "sqlite" else " ON complaint_case"
    with b.desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        for name in case_tally.expected_triggers(dialect):  # as a table rebuild by a later migration does
            connection.exec_driver_sql(f"DROP TRIGGER {name}{on}")
        connection.commit()
    b.desk.intake.register(b["clerk"], complaint_form(phone="13900000005"))  # not counted: no trigger
    assert _tally(b) != _counted(b)
    with b.desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        assert case_tally.ensure(connection)
        connection.commit()
        assert case_tally.expected_triggers(dialect) <= case_tally.trigger_names(connection)
        assert not case_tally.ensure(connection)
    assert _tally(b) == _counted(b)
    b.desk.intake.register(b["clerk"], complaint_form(phone="13900000006"))
    assert _tally(b) == _counted(b)


def test_the_migration_counts_the_existing_cases(branch: Branch) -> None:
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    _some_cases(b)
    b.desk.db.dispose()
    rewind_to(b.desk.db, revision_before("0033"))
    with b.desk.db.engine.connect() as connection:
        assert case_tally.trigger_names(connection) == set()
    b.desk.upgrade()
    assert _tally(b) == _counted(b)
