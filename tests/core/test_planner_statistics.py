"""SQLite's planner statistics are taken when a branch has none, and again when its size has moved
(issue 16: a branch created empty had none, and the planner guessed a sort of every open case)."""

from __future__ import annotations

import sqlite3

import pytest

from branchdesk.storage import statistics
from tests.conftest import Branch, complaint_form


def _register(b: Branch, count: int) -> list[int]:
    return [
        b.desk.intake.register(b["clerk"], complaint_form(phone=f"1390000{n:04d}")).id for n in range(count)
    ]


def _recorded(b: Branch) -> int | None:
    assert b.path is not None
    connection = sqlite3.connect(b.path)
    try:
        return statistics.recorded_cases(connection)
    finally:
        connection.close()


def test_statistics_are_taken_when_missing_and_again_when_the_size_doubles(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    if b.path is None:
        pytest.skip("SQLite's statistics: PostgreSQL keeps its own")
    monkeypatch.setattr(statistics, "MIN_CASES", 4)
    first, *_others = _register(b, 4)
    b.desk.cases.void(b["crm"], first, "登记错误")  # the partial index over open cases counts one fewer
    with sqlite3.connect(b.path) as connection:
        connection.execute("DROP TABLE IF EXISTS sqlite_stat1")  # as a branch created empty has them
        cases = connection.execute("SELECT max(id) FROM complaint_case").fetchone()[0]
    assert _recorded(b) is None
    assert statistics.refresh_statistics(b.path)
    assert _recorded(b) == cases
    assert not statistics.refresh_statistics(b.path)  # in step: nothing to take
    _register(b, cases + 1)  # more than double
    assert statistics.refresh_statistics(b.path)
    assert _recorded(b) == 2 * cases + 1


def test_a_small_branch_gets_none(branch: Branch) -> None:
    b = branch
    if b.path is None:
        pytest.skip("SQLite's statistics: PostgreSQL keeps its own")
    _register(b, 2)
    with sqlite3.connect(b.path) as connection:
        connection.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert not statistics.refresh_statistics(b.path)
    assert _recorded(b) is None
