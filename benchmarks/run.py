"""One benchmark table: each figure of issue 16 beside the bare-engine limit doing the same work.

    .venv/bin/python benchmarks/run.py --quick                       # 10k cases, about two minutes
    .venv/bin/python benchmarks/run.py --sizes 10000,100000,1000000  # the growth (builds take a while)
    .venv/bin/python benchmarks/run.py --quick --only monthly        # figures whose name contains it

Databases are built once per size by ``benchmarks/builder.py`` (the demo branch through the services,
then copies of its cases with every row the app writes for a case — events sealed into the audit chain,
search index, pinyin keys — by plain sqlite3 executemany; 1M cases in minutes of CPU) and cached under
``$TMPDIR/branchdesk-bench/branch-b<builder>-<size>.sqlite3``; a cached file at an older schema is
upgraded with the app's migrations, not rebuilt. ``--build-only`` builds and prints the build times.
Each figure runs the app's call and its limit (the same rows and sheets with sqlite3 and openpyxl
write-only, no ORM, no services) alternately, ``--repeat`` times after one warm-up; the table
gives min/median of each and the ratio of the medians. Peak Python memory (tracemalloc, one extra
run) is shown where a figure asks for it.

Adding a figure: write ``def app(ctx) -> None`` and ``def limit(ctx) -> None`` and append a
``Figure`` to ``FIGURES`` (``limit=None`` when there is no honest floor).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from branchdesk.demo import DEMO_PASSWORD
from branchdesk.domain.deadlines import time_left
from branchdesk.read.queue import QueueFilter
from branchdesk.reports.xlsx_style import DATETIME, MONEY
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.database import Database, resolve_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
import builder

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 30, 10, 0)  # "now" for time left: a Monday after the data
MONTH = builder.MONTH


# --- building the databases: benchmarks/builder.py ------------------------------------------


def database(size: int) -> Path:
    """The cached branch of ``size`` cases (``builder.database``: built once, upgraded after)."""
    return builder.database(size)


# --- the figures -------------------------------------------------------------------------------


@dataclass
class Context:
    size: int
    path: Path
    desk: BranchDesk
    crm: Actor
    raw: sqlite3.Connection
    out: Path
    memo: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    name: str
    app: Callable[[Context], object]
    limit: Callable[[Context], object] | None
    memory: bool = False  # also report peak Python memory (tracemalloc) of one run each
    max_size: int | None = None  # skipped above this size (``--heavy-max`` overrides for heavy ones)
    heavy: bool = False


QUEUE_SQL = """
SELECT c.*, cat.code, cat.label, d.name, u.full_name FROM complaint_case c
LEFT JOIN category cat ON cat.id = c.category_id
LEFT JOIN department d ON d.id = c.responsible_department_id
LEFT JOIN user_account u ON u.id = c.handler_id
WHERE c.status != 'draft' ORDER BY c.received_at DESC, c.id DESC LIMIT 200
"""


def queue_app(ctx: Context) -> object:
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter())


def queue_limit(ctx: Context) -> object:
    rows = ctx.raw.execute(QUEUE_SQL).fetchall()
    total = ctx.raw.execute("SELECT count(*) FROM complaint_case WHERE status != 'draft'").fetchone()
    return rows, total


def queue_by_name_app(ctx: Context) -> object:
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter(), sort="complainant_name", descending=False)


def queue_by_name_limit(ctx: Context) -> object:
    sql = QUEUE_SQL.replace("ORDER BY c.received_at DESC, c.id DESC", "ORDER BY c.complainant_sort, c.id")
    rows = ctx.raw.execute(sql).fetchall()
    total = ctx.raw.execute("SELECT count(*) FROM complaint_case WHERE status != 'draft'").fetchone()
    return rows, total


def _deadlines(ctx: Context) -> list[datetime]:
    """600 deadlines of running cases, oldest first (the old walk's worst case), read once."""
    if "deadlines" not in ctx.memo:
        rows = ctx.raw.execute(
            "SELECT deadline_at FROM complaint_case WHERE deadline_at IS NOT NULL AND status NOT IN"
            " ('closed', 'void', 'draft') ORDER BY received_at LIMIT 600"
        ).fetchall()
        ctx.memo["deadlines"] = [datetime.fromisoformat(r[0]) for r in rows]
    return list(ctx.memo["deadlines"])


def time_left_app(ctx: Context) -> object:
    calendar = ctx.memo["calendar"]  # the configuration's calendar, as the queue gets it from the cache
    return [time_left(calendar, NOW, due) for due in _deadlines(ctx)]


def time_left_limit(ctx: Context) -> object:
    return [(due - NOW).total_seconds() / 3600 for due in _deadlines(ctx)]


MONTHLY_CLOSED_SQL = """
SELECT c.case_no, c.received_at, c.closed_at, c.complainant_name, c.phone_normalized, c.kind,
       c.category_id, c.severity, c.responsible_department_id, c.handler_id, i.cause,
       r.resolution_type, r.amount_fen, i.corrective_action, i.responsibility, f.satisfaction,
       c.deadline_at, c.replied_at, c.close_kind
FROM complaint_case c
LEFT JOIN investigation i ON i.case_id = c.id
LEFT JOIN resolution r ON r.case_id = c.id AND r.status = 'approved'
LEFT JOIN follow_up f ON f.case_id = c.id
WHERE c.closed_at >= ? AND c.closed_at < ? AND c.status = 'closed' ORDER BY c.closed_at
"""
MONTHLY_OPEN_SQL = """
SELECT case_no, received_at, complainant_name, status, responsible_department_id, handler_id, deadline_at
FROM complaint_case WHERE received_at < ? AND status NOT IN ('draft', 'void')
AND (closed_at IS NULL OR closed_at >= ?) ORDER BY received_at
"""
MONTHLY_GROUPS_SQL = """
SELECT kind, category_id, severity, channel, responsible_department_id, is_major, valid, count(*)
FROM complaint_case WHERE received_at >= ? AND received_at < ? AND status NOT IN ('draft', 'void')
GROUP BY 1, 2, 3, 4, 5, 6, 7
"""


def monthly_app(ctx: Context) -> object:
    return ctx.desk.reports.export_monthly(ctx.crm, *MONTH, ctx.out / "monthly-app.xlsx")


def _dated(sheet: Any, row: Any, columns: tuple[int, ...], money: tuple[int, ...] = ()) -> list[Any]:
    """The row with its times as dates and its fen as yuan, in the app's number formats: the same cells
    the app writes (a time left as text would be less work than the workbook the app makes)."""
    values = list(row)
    for i in columns:
        cell = WriteOnlyCell(sheet, value=datetime.fromisoformat(values[i]) if values[i] else None)
        cell.number_format = DATETIME
        values[i] = cell
    for i in money:
        cell = WriteOnlyCell(sheet, value=values[i] / 100 if values[i] is not None else None)
        cell.number_format = MONEY
        values[i] = cell
    return values


def monthly_limit(ctx: Context) -> object:
    """The same rows read with plain SQL and written to the same four sheets, write-only, with times as
    dates and amounts as yuan in the app's formats."""
    start, end = datetime(*MONTH, 1), datetime(MONTH[0], MONTH[1] + 1, 1)
    book = Workbook(write_only=True)
    summary = book.create_sheet("汇总")
    for row in ctx.raw.execute(MONTHLY_GROUPS_SQL, (str(start), str(end))):
        summary.append(list(row))
    for y, m in [(MONTH[0] - 1 + (MONTH[1] + k) // 12, (MONTH[1] + k) % 12 + 1) for k in range(12)]:
        summary.append([f"{y}-{m:02d}"])
    closed = book.create_sheet("结案明细")
    for row in ctx.raw.execute(MONTHLY_CLOSED_SQL, (str(start), str(end))):
        closed.append(_dated(closed, row, (1, 2), (12,)))
    book.create_sheet("责任归属").append(["部门", "件数"])
    opened = book.create_sheet("未结案件")
    for row in ctx.raw.execute(MONTHLY_OPEN_SQL, (str(end), str(end))):
        opened.append(_dated(opened, row, (1, 6)))
    book.save(ctx.out / "monthly-limit.xlsx")
    return None


LEDGER_SQL = """
SELECT c.id, c.received_at, c.complainant_name, c.phone_normalized, c.content, u1.full_name,
       r.resolution_type, f.satisfaction, c.is_major, c.case_no, c.kind, c.channel, cat.label,
       c.severity, c.status, d.name, u2.full_name, c.deadline_at, c.closed_at, c.escalation_level,
       c.is_repeat, r.amount_fen
FROM complaint_case c
LEFT JOIN user_account u1 ON u1.id = c.recorder_id
LEFT JOIN user_account u2 ON u2.id = c.handler_id
LEFT JOIN category cat ON cat.id = c.category_id
LEFT JOIN department d ON d.id = c.responsible_department_id
LEFT JOIN resolution r ON r.case_id = c.id AND r.status = 'approved'
LEFT JOIN follow_up f ON f.case_id = c.id
WHERE c.received_at >= ? AND c.received_at < ? AND c.status != 'draft'
ORDER BY c.received_at, c.id
"""


def ledger_app(ctx: Context) -> object:
    return ctx.desk.reports.export_ledger(
        ctx.crm, date(2020, 1, 1), date(2026, 12, 31), ctx.out / "ledger-app.xlsx"
    )


def ledger_limit(ctx: Context) -> object:
    """Every row, 22 columns, read with plain SQL and written write-only, times as dates and the amount in
    yuan in the app's number formats (the same cells the app writes)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("投诉台帐")
    sheet.append(["投诉台帐"])
    sheet.append([f"列{i}" for i in range(1, 23)])
    cursor = ctx.raw.execute(LEDGER_SQL, ("2020-01-01", "2027-01-01"))
    while batch := cursor.fetchmany(2000):
        for row in batch:
            sheet.append(_dated(sheet, row, (1, 17, 18), (21,)))
    book.save(ctx.out / "ledger-limit.xlsx")
    return None


# --- part X (issue 16): the ledger import figure ----------------------------------------------

#: Rows of the import figure's ledger (``--import-rows``; the issue's target is 200,000 ≤ 60 s).
IMPORT_ROWS = 20_000


def _import_ledger(ctx: Context) -> Path:
    """The test suite's big ledger (7 columns, one row in ten still open), written once per run."""
    ledger = ctx.out / f"ledger-{IMPORT_ROWS}.xlsx"
    if not ledger.exists():
        from tests.core.test_ledger_import import make_big_ledger

        make_big_ledger(ledger, IMPORT_ROWS)
    return ledger


def _fresh_branch(ctx: Context, name: str) -> Path:
    """A copy of the demo branch to import into: the size's own file stays as built."""
    target = ctx.out / f"{name}.sqlite3"
    for leftover in ctx.out.glob(f"{name}.sqlite3*"):
        leftover.unlink()
    shutil.rmtree(ctx.out / "backups", ignore_errors=True)
    shutil.copyfile(builder.base_demo(), target)
    return target


def import_app(ctx: Context) -> object:
    """``import_ledger`` as the app runs it: backup, a read pass that validates, then chunked writes."""
    ledger = _import_ledger(ctx)
    desk = BranchDesk(Database(resolve_url(str(_fresh_branch(ctx, "import-app")))), lambda: NOW)
    try:
        return desk.ledger_import.import_ledger(desk.auth.login("crm", DEMO_PASSWORD), ledger)
    finally:
        desk.db.dispose()


def import_limit(ctx: Context) -> object:
    """The floor: the same workbook read with openpyxl read-only, its rows inserted with one executemany
    into a table of the same columns with an index on the date, in a copy of the same branch."""
    from openpyxl import load_workbook

    ledger = _import_ledger(ctx)
    book = load_workbook(ledger, read_only=True, data_only=True)
    rows = [(*r, None, None)[:7] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    book.close()
    raw = sqlite3.connect(_fresh_branch(ctx, "import-limit"))
    raw.execute("CREATE TABLE ledger_rows (n, received_at, name, phone, content, request, closed_at)")
    raw.execute("CREATE INDEX ix_ledger_rows_received ON ledger_rows (received_at)")
    with raw:
        raw.executemany("INSERT INTO ledger_rows VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    raw.close()
    return len(rows)


FIGURES: list[Figure] = [
    Figure("queue first page (200 rows + total)", queue_app, queue_limit),
    Figure("queue sorted by customer name (pinyin)", queue_by_name_app, queue_by_name_limit),
    Figure("time left ×600 running rows", time_left_app, time_left_limit),
    Figure("monthly summary 2026-10 (5,000 cases)", monthly_app, monthly_limit, memory=True),
    Figure("ledger export (every case × 22)", ledger_app, ledger_limit, memory=True, heavy=True),
    # the same into a copy of the demo at every size: measured once, at 10,000
    Figure("ledger import of --import-rows rows", import_app, import_limit, max_size=10_000, heavy=True),
]


# --- running -----------------------------------------------------------------------------------


def measure(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def peak_mib(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run_size(size: int, figures: list[Figure], repeat: int, heavy_max: int) -> list[list[str]]:
    path = database(size)
    desk = BranchDesk(Database(resolve_url(str(path))), lambda: NOW)
    crm = desk.auth.login("crm", DEMO_PASSWORD)
    out = Path(tempfile.mkdtemp(prefix="bd-bench-out-"))
    raw = sqlite3.connect(path)
    ctx = Context(size, path, desk, crm, raw, out)
    with desk.db.read() as session:
        from branchdesk.config import load_config

        ctx.memo["calendar"] = load_config(session).calendar
    rows = []
    for figure in figures:
        if figure.heavy and size > heavy_max:
            rows.append([figure.name, f"{size:,}", "skipped (--heavy-max)", "", "", ""])
            continue
        if figure.max_size is not None and size > figure.max_size:
            rows.append([figure.name, f"{size:,}", f"only up to {figure.max_size:,} cases", "", "", ""])
            continue
        app_call = lambda f=figure: f.app(ctx)  # noqa: E731
        limit_call = (lambda f=figure: f.limit(ctx)) if figure.limit else None  # type: ignore[misc]
        app_call()  # warm caches (configuration, calendar span, page cache) once, as a running app has
        if limit_call:
            limit_call()
        app_times: list[float] = []
        limit_times: list[float] = []
        for _ in range(repeat):  # alternate, so a busy moment on the machine hits both alike
            app_times += measure(app_call, 1)
            if limit_call:
                limit_times += measure(limit_call, 1)
        app_text = f"{fmt(min(app_times))} / {fmt(statistics.median(app_times))}"
        limit_text = (
            f"{fmt(min(limit_times))} / {fmt(statistics.median(limit_times))}" if limit_times else "—"
        )
        ratio = (
            f"{statistics.median(app_times) / statistics.median(limit_times):.1f}×" if limit_times else "—"
        )
        memory = ""
        if figure.memory:
            memory = f"{peak_mib(app_call):.0f} / " + (f"{peak_mib(limit_call):.0f}" if limit_call else "—")
        rows.append([figure.name, f"{size:,}", app_text, limit_text, ratio, memory])
    raw.close()
    desk.db.dispose()
    shutil.rmtree(out, ignore_errors=True)
    return rows


def demo_row() -> list[str]:
    """``init --demo`` in a fresh process (no limit: nothing does the same work more barely)."""
    folder = Path(tempfile.mkdtemp(prefix="bd-bench-demo-"))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "branchdesk", "--db", str(folder / "demo.sqlite3"), "init", "--demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    if done.returncode:
        return ["init --demo (300 cases)", "—", f"failed: {done.stderr.strip()[-80:]}", "", "", ""]
    return ["init --demo (300 cases)", "—", f"{fmt(elapsed)} (one run)", "—", "—", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 cases only (about two minutes)")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated case counts")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (min/median)")
    parser.add_argument("--heavy-max", type=int, default=100_000, help="largest size for heavy figures")
    parser.add_argument("--only", default="", help="run the figures whose name contains this text")
    parser.add_argument("--demo", action="store_true", help="also time init --demo (a fresh process)")
    parser.add_argument("--import-rows", type=int, default=IMPORT_ROWS, help="rows of the import figure")
    parser.add_argument("--build-only", action="store_true", help="build or upgrade the databases only")
    args = parser.parse_args(argv)
    globals()["IMPORT_ROWS"] = args.import_rows  # read by the import figure
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    figures = [f for f in FIGURES if args.only.lower() in f.name.lower()]
    table = [["figure", "cases", "app min / median", "limit min / median", "ratio", "peak MiB app / limit"]]
    for size in sizes:
        cached = builder.is_cached(size)
        started = time.perf_counter()
        path = database(size)
        took = fmt(time.perf_counter() - started)
        where = f"{path} ({path.stat().st_size / 2**20:,.0f} MiB)"
        name = "branch database: " + ("cached" if cached else "built")
        table.append([name, f"{size:,}", took, where, "", ""])
        if not args.build_only:
            table += run_size(size, figures, args.repeat, args.heavy_max)
    if args.demo:
        table.append(demo_row())
    widths = [max(len(row[i]) if i < len(row) else 0 for row in table) for i in range(len(table[0]))]
    for index, row in enumerate(table):
        print(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("-+-".join("-" * w for w in widths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
