"""How many cases are in each state (issue 16, the queue's total at any size): ``case_tally``.

The queue shows its total ("共 1,000,000 件"). Counting the cases of a view that holds closed ones reads
an index entry per case: 47–49 ms for the bare engine at a million cases, growing with the history. A
view that narrows nothing but the states — the whole queue, a status filter — for a viewer who sees
every case is instead the sum of a few rows here.

**Kept by triggers on ``complaint_case``**, for the reasons ``search_index`` gives: every write is
caught (an intake, a ledger import's bulk insert, a draft deleted, a migration's data fix), in the same
transaction, with no statement from Python, and an ``UPDATE`` that leaves the status alone does not
touch it. A later migration that rebuilds the case table (``batch_alter_table``) drops the triggers;
``ensure`` (run after every upgrade, like the search index's) puts them back and counts afresh.

On PostgreSQL two PCs saving a case in the same state update the same row: the second waits for the
first's commit (READ COMMITTED), as both already wait for the month's number (``case_counter``).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, column, func, select, table, text
from sqlalchemy.orm import Session

from branchdesk.storage.triggers import triggers_named

TABLE = "case_tally"
CASES = "complaint_case"
#: The table as the queries here name it (migration 0033 imports this module: no models)
_tally = table(TABLE, column("status"), column("cases"))

_SQLITE_TRIGGERS = {
    f"{TABLE}_ai": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {CASES} BEGIN"
        f" INSERT INTO {TABLE} (status, cases) VALUES (NEW.status, 1)"
        " ON CONFLICT (status) DO UPDATE SET cases = cases + 1; END"
    ),
    f"{TABLE}_ad": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {CASES} BEGIN"
        f" UPDATE {TABLE} SET cases = cases - 1 WHERE status = OLD.status; END"
    ),
    f"{TABLE}_au": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE OF status ON {CASES}"
        " WHEN OLD.status IS NOT NEW.status BEGIN"
        f" UPDATE {TABLE} SET cases = cases - 1 WHERE status = OLD.status;"
        f" INSERT INTO {TABLE} (status, cases) VALUES (NEW.status, 1)"
        " ON CONFLICT (status) DO UPDATE SET cases = cases + 1; END"
    ),
}
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE {TABLE} SET cases = cases - 1 WHERE status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO {TABLE} (status, cases) VALUES (NEW.status, 1)
    ON CONFLICT (status) DO UPDATE SET cases = {TABLE}.cases + 1;
  END IF;
  RETURN NULL;
END
$fn$"""
_PG_TRIGGERS = {
    f"{TABLE}_write": (
        f"CREATE TRIGGER {TABLE}_write AFTER INSERT OR DELETE ON {CASES}"
        f" FOR EACH ROW EXECUTE FUNCTION {TABLE}()"
    ),
    f"{TABLE}_status": (
        f"CREATE TRIGGER {TABLE}_status AFTER UPDATE OF status ON {CASES}"
        f" FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION {TABLE}()"
    ),
}


def expected_triggers(dialect: str) -> set[str]:
    return set(_SQLITE_TRIGGERS if dialect == "sqlite" else _PG_TRIGGERS)


def trigger_names(connection: Connection) -> set[str]:
    return triggers_named(connection, f"{TABLE}_")


def create_triggers(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_TRIGGERS.values():
            connection.execute(text(statement))
        return
    connection.execute(text(_PG_FUNCTION))
    for name, statement in _PG_TRIGGERS.items():
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {CASES}"))
        connection.execute(text(statement))


def drop_triggers(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        return
    for name in _PG_TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {CASES}"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {TABLE}()"))


def recount(connection: Connection) -> None:
    """The tally counted afresh from the cases (one pass over the status index)."""
    connection.execute(text(f"DELETE FROM {TABLE}"))
    connection.execute(
        text(f"INSERT INTO {TABLE} (status, cases) SELECT status, count(*) FROM {CASES} GROUP BY status")
    )


def ensure(connection: Connection) -> bool:
    """After an upgrade: triggers a later migration dropped come back and the tally is counted afresh
    (the writes made meanwhile were not counted). True when it repaired something."""
    if expected_triggers(connection.dialect.name) <= trigger_names(connection):
        return False
    create_triggers(connection)
    recount(connection)
    return True


def cases_in(session: Session, statuses: Collection[str]) -> int:
    """How many cases are in these states, from the tally (a few rows, at any size)."""
    if not statuses:
        return 0
    found = session.scalar(select(func.sum(_tally.c.cases)).where(_tally.c.status.in_(list(statuses))))
    return int(found or 0)
