"""issue 16 part X: the benchmark's branches hold the rows the app writes, and a cached one is upgraded.

Built for real (the demo through the services, then the bulk copy) into a temporary cache, so slow."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from branchdesk.domain.text import name_sort_key, normalize_phone
from branchdesk.storage import case_tally, search_index
from branchdesk.storage.audit_chain import verify
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.migrate import head_revision
from branchdesk.storage.models import Event
from tests.core.conftest import revision_before, rewind_to

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import builder  # benchmarks/ is a folder of scripts, not a package

pytestmark = pytest.mark.slow
SIZE = 600


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("bench-cache")
    builder.CACHE = cache
    return builder.database(SIZE)


def test_a_built_branch_has_each_copy_s_events_chained_indexed_and_keyed_as_the_app_writes_them(
    built: Path,
) -> None:
    raw = sqlite3.connect(built)
    cases = raw.execute("SELECT count(*) FROM complaint_case WHERE status != 'draft'").fetchone()[0]
    assert cases == SIZE
    copy = raw.execute(
        "SELECT id, case_no, complainant_name, complainant_sort, phone, phone_normalized, customer_id"
        " FROM complaint_case WHERE case_no = ?",
        (f"B{SIZE}-0100000",),
    ).fetchone()
    case_id, _number, name, sort_key, phone, normalized, customer_id = copy
    assert sort_key == name_sort_key(name)
    assert normalized == normalize_phone(phone)
    assert raw.execute("SELECT name, phone FROM customer WHERE id = ?", (customer_id,)).fetchone() == (
        name,
        phone,
    )
    events = raw.execute("SELECT summary FROM event WHERE case_id = ?", (case_id,)).fetchall()
    assert events and any(name in summary for (summary,) in events)  # 登记：<the copy's name>
    found = raw.execute(
        "SELECT case_id FROM case_search WHERE case_search MATCH ?", (f'"{normalized}"',)
    ).fetchall()
    assert (case_id,) in found  # the app's search index, filled as its triggers would
    tally = dict(raw.execute("SELECT status, cases FROM case_tally WHERE cases > 0").fetchall())
    counted = raw.execute("SELECT status, count(*) FROM complaint_case GROUP BY status").fetchall()
    assert tally == dict(counted)  # the tally of states, counted once after the bulk copy
    triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    expected = search_index.expected_triggers("sqlite") | case_tally.expected_triggers("sqlite")
    assert expected <= triggers  # put back after the bulk fill
    raw.close()
    db = Database(resolve_url(str(built)))
    with db.read() as session:
        verdict = verify(session)
        sealed = len(session.scalars(select(Event.id)).all())
    db.dispose()
    assert verdict.broken is None and verdict.events == sealed > 3 * SIZE


def test_a_cached_branch_at_an_older_schema_is_upgraded_not_rebuilt(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(resolve_url(str(built)))
    rewind_to(db, revision_before(head_revision()))
    db.dispose()
    assert builder.raw_revision(built) != head_revision()

    def no_rebuild(path: Path, size: int) -> None:
        raise AssertionError("rebuilt instead of upgraded")

    monkeypatch.setattr(builder, "build", no_rebuild)
    assert builder.database(SIZE) == built
    assert builder.raw_revision(built) == head_revision()
    assert not list(built.parent.glob("backups/*"))  # the migration's backup of a cache is not kept
