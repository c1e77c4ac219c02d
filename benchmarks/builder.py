"""The benchmark's branches: 10k, 100k or 1M cases in minutes, with every table as the app writes it.

A size starts from the 300-case demo branch (built through the services once) and adds copies of its
registered cases — each copy with every row the app wrote for its template: the customer, the timeline
events (sealed into the audit chain with the app's own ``link_hash``, so ``verify`` holds), the
investigation and its shares, resolutions and their signatures, replies, follow-ups, extensions,
escalations, step alerts, opinions, notes, contacts, CAPA items, rewards. Times move with the copy's
受理时间; the name (and its pinyin sort key, ``name_sort_key``), phone (normalised by the app's
``normalize_phone``), case number and content are the copy's own. 5,000 copies are received and closed
in 2026-10 (the monthly figure); 1,500 copies of open cases are received in the last 45 days; the rest
are copies of settled cases (closed, void) spread over the years before: three years, or as many
as it takes at ``HISTORY_PER_DAY`` cases a day (1M cases: 13.7 years). So a branch of any size has
about as many open cases as a real desk carries at once (the demo's own plus 1,500) and receives about
as many a week as a busy desk does; its history is what grows. (Builder 3 put 1M cases into three
years, 900 a day: every "this week, these months" figure then grew with the size.)

Speed: plain ``sqlite3`` ``executemany`` with ids allocated in Python (no ORM, no round trip per row),
the journal off while building, and the search index (``storage/search_index``) filled once at the
end by the app's own ``fill`` instead of its triggers row by row; the triggers are then put back.

Left out on purpose: notifications (a per-user inbox — a copy would flood the demo users' unread
counts), case links (they point at other cases) and archives.

Cached under ``$TMPDIR/branchdesk-bench/branch-b<BUILDER>-<size>.sqlite3``. A cached file at an older
schema revision is upgraded with the app's own migrations (``BranchDesk.upgrade``), not rebuilt, so a
new migration costs its own run time only.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from branchdesk.demo import build_demo
from branchdesk.domain.text import name_sort_key, normalize_phone
from branchdesk.services import BranchDesk
from branchdesk.storage import case_tally, search_index
from branchdesk.storage.audit_chain import GENESIS, link_hash
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.migrate import head_revision

CACHE = Path(tempfile.gettempdir()) / "branchdesk-bench"
#: Bump when the rows a build writes change: files of another builder are then built afresh.
BUILDER = 4
DEMO_END = datetime(2026, 11, 27, 17, 0)
MONTH = (2026, 10)
MONTH_CASES = 5_000
#: Copies of open cases, received in the last ``RECENT_DAYS`` before ``DEMO_END``: the desk's workload.
OPEN_COPIES = 1_500
RECENT_DAYS = 45
#: The history's intake: at most this many cases a day, over at least three years.
HISTORY_PER_DAY = 200
HISTORY_START = datetime(2023, 12, 1, 8)
SETTLED = ("closed", "void")  # not_accepted is open: it is closed abnormally or reopened
PLACES = ["浦东", "徐汇", "闵行", "杭州", "苏州", "南京", "宁波", "无锡"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"]
#: Cases per transaction of the build (and per executemany of each table).
CHUNK = 5_000
#: Tables with a case's rows that are not copied (see the module's docstring).
NOT_COPIED = {"notification", "case_link", "archived_case", "case_search"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- cache and upgrade -----------------------------------------------------------------------


def _upgrade(path: Path) -> None:
    """Bring a cached file to the app's schema head with its own migrations (no-op at head)."""
    desk = BranchDesk(Database(resolve_url(str(path))), lambda: DEMO_END)
    try:
        result = desk.upgrade()
    finally:
        desk.db.dispose()
    if result.from_revision != result.to_revision:
        log(f"upgraded {path.name} {result.from_revision} → {result.to_revision}")
        if result.backup is not None:  # the app's backup before migrating: a cache needs none
            result.backup.unlink(missing_ok=True)
            result.backup.with_name(result.backup.name + ".json").unlink(missing_ok=True)
    path.with_name(path.name + ".audit-head").unlink(missing_ok=True)


def base_demo() -> Path:
    """The 300-case demo branch every size starts from: built through the services once, upgraded after."""
    path = CACHE / "demo.sqlite3"
    if path.exists():
        _upgrade(path)
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    desk = BranchDesk(Database(resolve_url(str(partial))), lambda: DEMO_END)
    build_demo(desk, seed=16, cases=300, end=DEMO_END)
    desk.db.dispose()
    sqlite3.connect(partial).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    partial.rename(path)
    partial.with_name(partial.name + ".audit-head").unlink(missing_ok=True)
    return path


def is_cached(size: int) -> bool:
    return (CACHE / f"branch-b{BUILDER}-{size}.sqlite3").exists()


def database(size: int) -> Path:
    """A branch of ``size`` cases (cached; upgraded to the schema head when older)."""
    path = CACHE / f"branch-b{BUILDER}-{size}.sqlite3"
    if path.exists():
        _upgrade(path)
        return path
    base = base_demo()
    partial = path.with_suffix(".building")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    shutil.copyfile(base, partial)
    started, cpu = time.perf_counter(), time.process_time()
    build(partial, size)
    partial.rename(path)
    partial.with_name(partial.name + ".audit-head").unlink(missing_ok=True)
    # CPU time beside the wall time: on a shared machine the wall time says more about the others
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    log(f"built {path.name} ({size:,} cases) in {took:.0f} s ({cpu:.0f} s of CPU)")
    return path


# --- the copy ----------------------------------------------------------------------------------


class _Table:
    """One table the copy writes: its columns, which are times, which point at copied rows."""

    def __init__(self, raw: sqlite3.Connection, name: str) -> None:
        self.name = name
        info = raw.execute(f'PRAGMA table_info("{name}")').fetchall()
        self.columns = [row[1] for row in info]
        self.times = [i for i, row in enumerate(info) if row[2].upper() == "DATETIME"]
        self.parents = {  # column index → table it points at
            self.columns.index(fk[3]): fk[2] for fk in raw.execute(f'PRAGMA foreign_key_list("{name}")')
        }
        self.next_id = (raw.execute(f'SELECT max(id) FROM "{name}"').fetchone()[0] or 0) + 1
        self.rows: list[tuple[Any, ...]] = []
        marks = ", ".join("?" * len(self.columns))
        self.insert = f'INSERT INTO "{name}" ({", ".join(self.columns)}) VALUES ({marks})'


def _copied_tables(raw: sqlite3.Connection) -> list[str]:
    """Tables holding a case's rows (a case id, or a parent that has one), parents first."""
    names = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    parents: dict[str, set[str]] = {}
    for name in names:
        if name in NOT_COPIED or name.startswith(("case_search", "sqlite_")):
            continue
        parents[name] = {fk[2] for fk in raw.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
    owned = {"complaint_case"}
    changed = True
    while changed:  # a table belongs to a case when it points at one that does
        changed = False
        for name, refs in parents.items():
            if name not in owned and refs & owned and name not in ("customer",):
                owned.add(name)
                changed = True
    owned.discard("complaint_case")
    for name in sorted(owned):
        columns = [row[1] for row in raw.execute(f'PRAGMA table_info("{name}")')]
        if "id" not in columns:  # keyed by its parent's id (case_privacy, attachment_blob): empty in the demo
            if raw.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone():
                raise RuntimeError(f"the demo has rows in {name}: teach the builder to copy them")
            owned.discard(name)
    ordered: list[str] = []
    while len(ordered) < len(owned):  # parents first
        for name in sorted(owned - set(ordered)):
            if not (parents[name] & owned) - set(ordered):
                ordered.append(name)
    return ordered


def _shift(value: str | None, delta: timedelta) -> str | None:
    if value is None:
        return None
    return (datetime.fromisoformat(value) + delta).isoformat(" ", "microseconds")


class _EventRow:
    """An event row as ``canonical`` reads it."""

    __slots__ = ("action", "actor_id", "actor_name", "at", "case_id", "changes", "code", "params", "summary")

    def __init__(self, **values: Any) -> None:
        for key, value in values.items():
            setattr(self, key, value)


def build(path: Path, size: int) -> None:
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = OFF")
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("PRAGMA cache_size = -200000")
    # the search index and the tally of states: filled once at the end instead of a trigger per row
    for name in search_index.expected_triggers("sqlite") | case_tally.expected_triggers("sqlite"):
        raw.execute(f"DROP TRIGGER IF EXISTS {name}")

    # The indexes of the tables written are made again after the rows (one sort each, not a B-tree
    # insert per row): the same indexes, as the app's migrations defined them.
    indexes = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN (SELECT name FROM sqlite_master WHERE type = 'table')"
    ).fetchall()
    case_table = _Table(raw, "complaint_case")
    customer_table = _Table(raw, "customer")
    tables = {name: _Table(raw, name) for name in _copied_tables(raw)}
    written = {"complaint_case", "customer", *tables}
    indexes = [(name, sql) for name, sql in indexes if _index_table(raw, name) in written]
    for name, _sql in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    event_table = tables["event"]
    col = {name: i for i, name in enumerate(case_table.columns)}

    # The templates: every registered case and its rows in each copied table.
    templates = [r for r in raw.execute("SELECT * FROM complaint_case WHERE status != 'draft' ORDER BY id")]
    children: dict[int, dict[str, list[tuple[Any, ...]]]] = {t[0]: {} for t in templates}
    owner: dict[tuple[str, int], int] = {}  # (table, id) → case id
    for name, table in tables.items():
        case_col = table.columns.index("case_id") if "case_id" in table.columns else None
        parent_cols = [(i, p) for i, p in table.parents.items() if p in tables]
        for row in raw.execute(f'SELECT * FROM "{name}" ORDER BY id'):
            case_id = row[case_col] if case_col is not None else None
            if case_id is None:
                case_id = next((owner.get((p, row[i])) for i, p in parent_cols if row[i] is not None), None)
            if case_id is None or case_id not in children:
                continue  # a branch-wide row (an admin event) or a draft's
            owner[(name, row[0])] = case_id
            children[case_id].setdefault(name, []).append(row)
    event_cols = {name: i for i, name in enumerate(event_table.columns)}
    decoded: dict[int, tuple[Any, Any]] = {}  # template event id → (params, changes), decoded once

    closed = [t for t in templates if t[col["status"]] == "closed"]
    settled = [t for t in templates if t[col["status"]] in SETTLED]
    still_open = [t for t in templates if t[col["status"]] not in SETTLED]
    have = len(templates)
    count = max(size - have, 0)
    month = min(MONTH_CASES, count)
    recent = min(OPEN_COPIES, count - month)
    recent_start = DEMO_END - timedelta(days=RECENT_DAYS)
    history_days = max((recent_start - HISTORY_START).days, (count - month - recent) // HISTORY_PER_DAY)
    history_start = recent_start - timedelta(days=history_days)
    history_minutes = history_days * 24 * 60
    rng = random.Random(size)
    seq, digest = raw.execute("SELECT audit_seq, audit_hash FROM branch").fetchone()
    seq, digest = seq or 0, digest or GENESIS
    sort_keys: dict[str, str] = {}
    month_start = datetime(*MONTH, 1, 8)
    step_started = time.perf_counter()

    def flush() -> None:
        raw.execute("BEGIN")
        for table in (customer_table, case_table, *tables.values()):
            if table.rows:
                raw.executemany(table.insert, table.rows)
                table.rows.clear()
        raw.execute("UPDATE branch SET audit_seq = ?, audit_hash = ?", (seq, digest))
        raw.execute("COMMIT")

    for index in range(count):
        if index < month:  # received and closed in 2026-10
            template = rng.choice(closed)
            received = month_start + timedelta(minutes=rng.randint(0, 60 * 24 * 20))
        elif index < month + recent:  # the open workload, received lately
            template = rng.choice(still_open)
            received = recent_start + timedelta(minutes=rng.randint(0, 60 * 24 * (RECENT_DAYS - 2)))
        else:  # the history: settled cases
            template = rng.choice(settled)
            received = history_start + timedelta(minutes=rng.randint(0, history_minutes))
        delta = received - datetime.fromisoformat(template[col["received_at"]])
        case_id = case_table.next_id
        case_table.next_id += 1
        serial = 100_000 + index
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in sort_keys:
            sort_keys[name] = name_sort_key(name)
        phone = f"13{rng.randint(0, 999999999):09d}"
        row = list(template)
        for i in case_table.times:
            row[i] = _shift(row[i], delta)
        customer_id = customer_table.next_id
        customer_table.next_id += 1
        customer_table.rows.append(
            (customer_id, name, phone, row[col["company"]], row[col["customer_type"]], row[col["created_at"]])
        )
        row[col["id"]] = case_id
        row[col["case_no"]] = f"B{size}-{serial:07d}"
        row[col["period"]] = "199001"
        row[col["serial"]] = serial
        row[col["complainant_name"]] = name
        row[col["complainant_sort"]] = sort_keys[name]
        row[col["content"]] = f"{rng.choice(PLACES)}客户反映：" + (template[col["content"]] or "")
        row[col["phone"]] = phone
        row[col["phone_normalized"]] = normalize_phone(phone)
        row[col["customer_id"]] = customer_id
        case_table.rows.append(tuple(row))

        old_name = template[col["complainant_name"]]
        new_ids: dict[tuple[str, int], int] = {("complaint_case", template[0]): case_id}
        for table_name, rows in children[template[0]].items():
            table = tables[table_name]
            for child in rows:
                copy = list(child)
                new_id = table.next_id
                table.next_id += 1
                new_ids[(table_name, child[0])] = new_id
                copy[0] = new_id
                for i in table.times:
                    copy[i] = _shift(copy[i], delta)
                for i, parent in table.parents.items():
                    if copy[i] is not None and (parent, copy[i]) in new_ids:
                        copy[i] = new_ids[(parent, copy[i])]
                if table is event_table:
                    seq, digest = _seal(copy, child, event_cols, decoded, seq, digest, old_name, name)
                table.rows.append(tuple(copy))
        if (index + 1) % CHUNK == 0:
            flush()
            if (index + 1) % (CHUNK * 20) == 0:
                rate = (index + 1) / (time.perf_counter() - step_started)
                log(f"  {index + 1:,} / {count:,} cases copied ({rate:,.0f}/s)")
    flush()
    log(f"  rows copied in {time.perf_counter() - step_started:.0f} s; indexing")
    for _name, sql in indexes:
        raw.execute(sql)
    log(f"  rows copied and indexed in {time.perf_counter() - step_started:.0f} s; filling the search index")
    step_started = time.perf_counter()
    raw.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # the app's own index: every row as its triggers would write it
        connection.exec_driver_sql("PRAGMA journal_mode = OFF")
        connection.exec_driver_sql("PRAGMA synchronous = OFF")
        search_index.create_triggers(connection)
        search_index.fill(connection)
        case_tally.create_triggers(connection)
        case_tally.recount(connection)
    engine.dispose()
    log(f"  search index in {time.perf_counter() - step_started:.0f} s; ANALYZE")
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("ANALYZE")
    raw.execute("PRAGMA journal_mode = WAL")  # as the app keeps it
    raw.close()
    revision = raw_revision(path)
    if revision != head_revision():
        raise RuntimeError(f"the demo base is at {revision}, not {head_revision()}")


def _seal(
    copy: list[Any],
    template: tuple[Any, ...],
    cols: dict[str, int],
    decoded: dict[int, tuple[Any, Any]],
    seq: int,
    digest: str,
    old_name: str,
    name: str,
) -> tuple[int, str]:
    """The copied event's name, and its link in the audit chain (``seq``, ``hash``) after ``digest``."""
    if template[0] not in decoded:
        decoded[template[0]] = (
            json.loads(template[cols["params"]]) if template[cols["params"]] else None,
            json.loads(template[cols["changes"]]) if template[cols["changes"]] else [],
        )
    params, changes = decoded[template[0]]
    summary = copy[cols["summary"]]
    if old_name and old_name in (summary or ""):
        summary = summary.replace(old_name, name)
        copy[cols["summary"]] = summary
    if isinstance(params, dict) and params.get("name") == old_name:
        params = dict(params, name=name)
        copy[cols["params"]] = json.dumps(params)  # as SQLAlchemy's JSON type stores it
    seq += 1
    event = _EventRow(
        case_id=copy[cols["case_id"]],
        at=datetime.fromisoformat(copy[cols["at"]]),
        actor_id=copy[cols["actor_id"]],
        actor_name=copy[cols["actor_name"]],
        action=copy[cols["action"]],
        summary=summary,
        code=copy[cols["code"]],
        params=params,
        changes=changes,
    )
    digest = link_hash(digest, seq, event)
    copy[cols["seq"]] = seq
    copy[cols["hash"]] = digest
    if "redacted_hash" in cols:
        copy[cols["redacted_hash"]] = None
    return seq, digest


def _index_table(raw: sqlite3.Connection, index: str) -> str:
    row = raw.execute("SELECT tbl_name FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    return str(row[0])


def raw_revision(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def sizes_built() -> Iterator[tuple[int, Path]]:
    for path in sorted(CACHE.glob(f"branch-b{BUILDER}-*.sqlite3")):
        yield int(path.stem.rsplit("-", 1)[1]), path
