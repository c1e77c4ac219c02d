"""SQLite's planner statistics kept in step with the branch (issue 16).

SQLite weighs its indexes by ``sqlite_stat1``. A branch created empty has none (migration 0030 takes them
only from a database that already had cases), and a branch grown tenfold since they were taken is weighed
by its old proportions. The planner then guesses: for the open cases newest first it guessed a sort of
every open case (188 ms at 100k) rather than the partial index read in order (7 ms). So once a day, with
the day's backup (``ui/day_start.py``), the statistics are taken again when the case table has none or
its size has halved or doubled since: sampled (``analysis_limit``), so well under a second at 1M cases.
PostgreSQL keeps its own (autovacuum).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: Rows read per index by a sampled ANALYZE (SQLite's ``analysis_limit``).
SAMPLE_ROWS = 1000
#: Below this many cases the planner's guesses are as good as statistics: none are taken.
MIN_CASES = 1000
#: Statistics are taken again when the case table has grown or shrunk by this factor since.
DRIFT = 2.0


def recorded_cases(connection: sqlite3.Connection) -> int | None:
    """The case table's row count in ``sqlite_stat1`` (None: no statistics)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone()
    if not has_table:
        return None
    # each index's row counts its entries; a partial index (the open cases) counts fewer: the largest
    counts = [
        int(str(row[0]).split()[0])
        for row in connection.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'complaint_case'")
    ]
    return max(counts) if counts else None


def statistics_stale(connection: sqlite3.Connection) -> bool:
    """Whether the planner weighs the case table by proportions it no longer has."""
    cases = connection.execute("SELECT coalesce(max(id), 0) FROM complaint_case").fetchone()[0]
    if cases < MIN_CASES:
        return False
    recorded = recorded_cases(connection)
    return recorded is None or not recorded / DRIFT <= cases <= recorded * DRIFT


def refresh_statistics(path: Path, busy_seconds: float = 5.0) -> bool:
    """Take the statistics again when ``statistics_stale``; True when they were taken."""
    connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    try:
        if not statistics_stale(connection):
            return False
        connection.execute(f"PRAGMA analysis_limit = {SAMPLE_ROWS}")
        connection.execute("ANALYZE")
        return True
    finally:
        connection.close()
