"""The one door for writes, and the configuration cached by version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import branchdesk
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from tests.conftest import Branch, complaint_form

#: Statements one registration runs with a warm configuration cache: 12 measured on 2026-11-30 (was 22),
#: plus reading and moving the audit chain head (2) and moving the case's version for the user (1); issue
#: 16 part P: 11 — the new case is written complete in one INSERT (no UPDATEs of status, customer and
#: deadline, no lookup of the extensions a new case cannot have, no version move in its own unit); 10 —
#: the acting user's roles joined into the user's SELECT.
#: It guards against a configuration reload or an N+1 creeping into the hot path of the counter.
REGISTER_STATEMENT_BUDGET = 10


@contextmanager
def counted(desk: BranchDesk) -> Iterator[list[str]]:
    statements: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(desk.db.engine, "before_cursor_execute", on_execute)
    try:
        yield statements
    finally:
        event.remove(desk.db.engine, "before_cursor_execute", on_execute)


def test_registering_with_a_warm_cache_loads_no_configuration_and_runs_a_counted_number_of_statements(
    branch: Branch,
) -> None:
    desk = branch.desk
    desk.intake.register(branch["clerk"], complaint_form())  # warms the cache
    loads = desk.door.cache.loads
    with counted(desk) as statements:
        desk.intake.register(branch["clerk"], complaint_form(phone="139 1111 2222", order_no="SO-2"))
    assert desk.door.cache.loads == loads, "a warm cache must not reload the configuration"
    queried = [s for s in statements if not s.startswith(("BEGIN", "COMMIT"))]
    assert len(queried) <= REGISTER_STATEMENT_BUDGET, "\n".join(queried)
    # The configuration tables are not read at all, only the version on the branch row.
    config_tables = (
        "FROM setting",
        "FROM sla_rule",
        "FROM approval_rule",
        "FROM choice_item",
        "FROM category",
    )
    assert not [s for s in queried if any(t in s for t in config_tables)]


def test_an_admin_write_bumps_the_version_and_readers_reload_once(branch: Branch) -> None:
    desk = branch.desk
    before = desk.configuration_version()
    desk.intake.register(branch["clerk"], complaint_form())
    loads = desk.door.cache.loads
    desk.admin.save_department(branch["admin"], "LOG", "物流部")
    assert desk.configuration_version() == (before or 0) + 1
    desk.intake.register(branch["clerk"], complaint_form(phone="139 1111 2222"))
    desk.intake.register(branch["clerk"], complaint_form(phone="139 1111 3333"))
    assert desk.door.cache.loads == loads + 1
    assert "物流部" in dict(desk.queries.lookups(branch["clerk"]).departments).values()


def test_a_refused_admin_write_does_not_move_the_version(branch: Branch) -> None:
    desk = branch.desk
    before = desk.configuration_version()
    with pytest.raises(FieldError):
        desk.admin.save_department(branch["admin"], "", "")
    assert desk.configuration_version() == before


def test_another_pc_sees_a_configuration_change_at_its_next_call(branch: Branch) -> None:
    here = branch.desk
    there = BranchDesk(Database(resolve_url(branch.url)), branch.clock)
    try:
        assert "仓储部" not in dict(here.queries.lookups(branch["clerk"]).departments).values()
        there.admin.save_department(branch["admin"], "WH", "仓储部")
        assert "仓储部" in dict(here.queries.lookups(branch["clerk"]).departments).values()
    finally:
        there.db.dispose()


def test_nothing_but_the_door_opens_a_write_transaction() -> None:
    root = Path(branchdesk.__file__).parent
    allowed = {root / "services" / "unit_of_work.py", root / "storage" / "database.py"}
    offenders = []
    for path in root.rglob("*.py"):
        if path in allowed or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.write\(\)|_writes\b", line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.sqlite_only
def test_a_write_lock_held_too_long_elsewhere_is_one_clear_refusal(branch: Branch) -> None:
    """Another PC holds the write lock past the busy timeout: one message, nothing written."""
    import sqlite3

    from branchdesk.errors import StorageError
    from branchdesk.i18n import render
    from branchdesk.storage import database

    other = sqlite3.connect(str(branch.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    original = database.BUSY_TIMEOUT_MS
    here = BranchDesk(Database(resolve_url(branch.url)), branch.clock)
    try:
        database.BUSY_TIMEOUT_MS = 200
        here.db.dispose()
        here = BranchDesk(Database(resolve_url(branch.url)), branch.clock)
        with pytest.raises(StorageError) as refused:
            here.intake.register(branch["clerk"], complaint_form())
        assert "数据库正忙" in render(refused.value.text, "zh_CN")
    finally:
        database.BUSY_TIMEOUT_MS = original
        other.rollback()
        other.close()
        here.db.dispose()
