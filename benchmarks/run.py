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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from branchdesk.demo import DEMO_PASSWORD
from branchdesk.domain.deadlines import time_left
from branchdesk.read.queue import QueueFilter, QueueKey
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


def _tally(ctx: Context, where: str, *params: object) -> object:
    """A states-only view's total as the schema keeps it: the sum of its states' rows of ``case_tally``
    (kept by triggers; the app reads the same rows, less an unfinished import's cases)."""
    return ctx.raw.execute(f"SELECT sum(cases) FROM case_tally WHERE {where}", params).fetchone()


def queue_app(ctx: Context) -> object:
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter())


def queue_limit(ctx: Context) -> object:
    rows = ctx.raw.execute(QUEUE_SQL).fetchall()
    return rows, _tally(ctx, "status != 'draft'")


def queue_by_name_app(ctx: Context) -> object:
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter(), sort="complainant_name", descending=False)


def queue_by_name_limit(ctx: Context) -> object:
    sql = QUEUE_SQL.replace("ORDER BY c.received_at DESC, c.id DESC", "ORDER BY c.complainant_sort, c.id")
    rows = ctx.raw.execute(sql).fetchall()
    return rows, _tally(ctx, "status != 'draft'")


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


# --- issue 16 part P: intake save, start, the handling form's PDF ---------------------------------

SAVE_BATCH = 20  # saves per timed call: min/median of one call / 20 is a save's time, p95 from bench_save
START_USER = "crm"  # a demo user with the queue (the start probe logs them in with the demo password)


def _save_form(ctx: Context) -> Any:
    from branchdesk.domain.intake import IntakeForm

    serial = ctx.memo["save_serial"] = ctx.memo.get("save_serial", 0) + 1
    return IntakeForm(
        channel="phone",
        complainant_name="王伟",
        phone=f"139{serial % 100_000_000:08d}",
        content="门店收银员态度不好，要求道歉并说明情况。",
        request_type="apology",
    )


def intake_save_app(ctx: Context) -> object:
    """One registration per unit at the counter, as the intake page saves it (warm configuration cache)."""
    clerk = ctx.memo.get("clerk") or ctx.memo.setdefault("clerk", ctx.desk.auth.login("kefu1", DEMO_PASSWORD))
    for _ in range(SAVE_BATCH):
        ctx.desk.intake.register(clerk, _save_form(ctx))
    return None


def intake_save_limit(ctx: Context) -> object:
    """The same case row (the app's last registration, copied) inserted and committed with sqlite3."""
    if "save_row" not in ctx.memo:
        columns = [r[1] for r in ctx.raw.execute("PRAGMA table_info(complaint_case)") if r[1] != "id"]
        row = ctx.raw.execute(
            f"SELECT {', '.join(columns)} FROM complaint_case ORDER BY id DESC LIMIT 1"
        ).fetchone()
        ctx.memo["save_row"] = (columns, list(row))
        ctx.memo["bare_serial"] = ctx.raw.execute("SELECT max(serial) FROM complaint_case").fetchone()[0]
        ctx.raw.execute("PRAGMA synchronous=FULL")  # as the app's connections (storage/database.py)
    columns, row = ctx.memo["save_row"]
    number, serial = columns.index("case_no"), columns.index("serial")
    sql = f"INSERT INTO complaint_case ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for _ in range(SAVE_BATCH):
        ctx.memo["bare_serial"] += 1
        row[number], row[serial] = f"BARE-{ctx.memo['bare_serial']}", ctx.memo["bare_serial"]
        ctx.raw.execute("BEGIN IMMEDIATE")
        ctx.raw.execute(sql, row)
        ctx.raw.execute("COMMIT")
    return None


def _fresh_process(code: str, env: dict[str, str] | None = None) -> float:
    """Wall time of ``python -c code`` from the repository (a cold start: imports, fonts, Qt)."""
    import os

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **(env or {})},
        capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(done.stderr.strip()[-400:])
    return elapsed


def _start_env(ctx: Context) -> dict[str, str]:
    """A copy of the branch (the start sweeps and backs up; the cached database stays as built), its own
    data and settings folders, offscreen Qt."""
    if "start_env" not in ctx.memo:
        folder = ctx.out / "start"
        folder.mkdir()
        shutil.copyfile(ctx.path, folder / "branch.sqlite3")
        ctx.memo["start_env"] = {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "BRANCHDESK_BENCH_START": START_USER,
            "BRANCHDESK_DB": str(folder / "branch.sqlite3"),
        }
    return dict(ctx.memo["start_env"])


def start_app(ctx: Context) -> object:
    """Start → login (the probe's demo user) → main window with the queue's first page painted."""
    code = "import sys; from branchdesk.cli import main; sys.exit(main(['app']))"
    return _fresh_process(code, _start_env(ctx))


HELLO = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("你好")
class Quit(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
quit_filter = Quit()
window.installEventFilter(quit_filter)
window.show()
app.exec()
"""


def start_limit(ctx: Context) -> object:
    """A hello window: a fresh Python process with Qt showing one label until it is painted."""
    return _fresh_process(HELLO, {"QT_QPA_PLATFORM": "offscreen"})


def _form_case(ctx: Context) -> int:
    if "form_case" not in ctx.memo:
        closed = ctx.desk.queries.queue_page(ctx.crm, QueueFilter(statuses=["closed"]))
        ctx.memo["form_case"] = closed.rows[0].id
    return int(ctx.memo["form_case"])


def pdf_warm_app(ctx: Context) -> object:
    return ctx.desk.printing.render(ctx.crm, _form_case(ctx), "handling", log=False)


def _form_pages(ctx: Context) -> list[list[str]]:
    """What the app's 5-copy handling form prints, page by page, as lines of text (read once)."""
    if "form_pages" not in ctx.memo:
        from branchdesk.printing.content import sections
        from branchdesk.services.printing import _chosen

        pages = []
        with ctx.desk.door.read(ctx.crm) as unit:
            spec = unit.config.forms["handling"]
            printable = ctx.desk.printing._printable(unit, _form_case(ctx))
            for copy in _chosen(spec, None)[0]:
                lines = [f"{printable.branch_name} {spec.title}", f"第 {copy.number} 联 · {copy.destination}"]
                for section in sections(spec, printable, copy):
                    lines.append(section.title)
                    lines += [f"{k}：{v}" for k, v in section.facts + section.texts]
                pages.append(lines)
        ctx.memo["form_pages"] = pages
    return list(ctx.memo["form_pages"])


BARE_PDF = """
import io
from reportlab.lib.units import mm
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

def register(font_file):
    pdfmetrics.registerFont(TTFont("Bare", font_file, subfontIndex=0))

def draw(pages):
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for lines in pages:
        y = A4[1] - 20 * mm
        canvas.setFont("Bare", 9)
        for line in lines:
            canvas.drawString(16 * mm, y, line[:70])
            canvas.line(16 * mm, y - 2, A4[0] - 10 * mm, y - 2)
            y -= 5 * mm
            if y < 20 * mm:
                canvas.showPage()
                canvas.setFont("Bare", 9)
                y = A4[1] - 20 * mm
        canvas.showPage()
    canvas.save()
    return out.getvalue()
"""


def pdf_warm_limit(ctx: Context) -> object:
    """ReportLab's canvas drawing the same lines on as many pages, the same font embedded (registered
    once)."""
    if "bare_pdf" not in ctx.memo:
        names: dict[str, Any] = {}
        exec(BARE_PDF, names)  # our own text above
        from branchdesk.printing.fonts import fonts_dir

        names["register"](str(fonts_dir() / "wqy-microhei.ttc"))
        ctx.memo["bare_pdf"] = names["draw"]
    return ctx.memo["bare_pdf"](_form_pages(ctx))


def pdf_cold_app(ctx: Context) -> object:
    """A fresh process: open the branch, log in, render the form once (imports, fonts, configuration)."""
    code = (
        "from branchdesk.services import BranchDesk\n"
        "from branchdesk.storage.database import Database, resolve_url\n"
        f"desk = BranchDesk(Database(resolve_url({str(ctx.path)!r})))\n"
        f"crm = desk.auth.login('crm', {DEMO_PASSWORD!r})\n"
        f"desk.printing.render(crm, {_form_case(ctx)}, 'handling', log=False)\n"
    )
    return _fresh_process(code)


def pdf_cold_limit(ctx: Context) -> object:
    """A fresh process: import ReportLab, register the font, draw the same lines."""
    from branchdesk.printing.fonts import fonts_dir

    code = BARE_PDF + (
        f"register({str(fonts_dir() / 'wqy-microhei.ttc')!r})\n"
        f"draw({_form_pages(ctx)!r})\n"
    )
    return _fresh_process(code)


# --- end of issue 16 part P's figures -----------------------------------------------------------
# --- issue 16 part Q: the queue's filters, deep paging, the work-page counts and the search box ---------

QUEUE_ROWS_SQL = QUEUE_SQL.replace("WHERE c.status != 'draft'", "WHERE {where}").replace("LIMIT 200", "")
IN_PROGRESS = "in_progress"
OPEN_SQL = (
    "('registered', 'pending_assignment', 'invalid', 'in_progress', 'pending_approval',"
    " 'awaiting_reply', 'not_accepted', 'awaiting_followup')"
)
RUNNING_SQL = "('registered', 'pending_assignment', 'in_progress', 'pending_approval', 'awaiting_reply')"


def status_filter_app(ctx: Context) -> object:
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter(statuses=[IN_PROGRESS]))


def status_filter_limit(ctx: Context) -> object:
    sql = QUEUE_ROWS_SQL.format(where="c.status = ?") + " LIMIT 200"
    rows = ctx.raw.execute(sql, (IN_PROGRESS,)).fetchall()
    return rows, _tally(ctx, "status = ?", IN_PROGRESS)


def open_view_app(ctx: Context) -> object:
    """The queue as it opens now: the open cases, newest first, and their total."""
    return ctx.desk.queries.queue_page(ctx.crm, QueueFilter(include_closed=False))


def open_view_limit(ctx: Context) -> object:
    rows = ctx.raw.execute(QUEUE_ROWS_SQL.format(where="c.status IN " + OPEN_SQL) + " LIMIT 200").fetchall()
    return rows, _tally(ctx, "status IN " + OPEN_SQL)


PAGE = 200
DEEP_PAGE = 50  # the 50th page of the default order: 9,800 rows scrolled past


def _page_start(ctx: Context) -> tuple[str, int]:
    """(received_at, id) of the last row of page 49, read once: where the 50th page starts."""
    if "page_start" not in ctx.memo:
        ctx.memo["page_start"] = ctx.raw.execute(
            "SELECT received_at, id FROM complaint_case WHERE status != 'draft'"
            " ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET ?",
            ((DEEP_PAGE - 1) * PAGE - 1,),
        ).fetchone()
    return ctx.memo["page_start"]  # type: ignore[no-any-return]


def deep_page_app(ctx: Context) -> object:
    """The page after the 49th, as the queue asks for it while the user scrolls: after the last row seen."""
    received, case_id = _page_start(ctx)
    key = QueueKey("received_at", True, datetime.fromisoformat(received), case_id)
    page = ctx.desk.queries.queue_page(ctx.crm, QueueFilter(), limit=PAGE, with_total=False, after=key)
    assert page.rows and page.rows[0].id != case_id
    return page


def deep_page_limit(ctx: Context) -> object:
    """The floor: the index walked from the last row seen (keyset), the rows after it."""
    received, case_id = _page_start(ctx)
    sql = QUEUE_ROWS_SQL.format(
        where="c.status != 'draft' AND (c.received_at < ? OR (c.received_at = ? AND c.id < ?))"
    )
    return ctx.raw.execute(sql + " LIMIT 200", (received, received, case_id)).fetchall()


def work_counts_app(ctx: Context) -> object:
    return ctx.desk.queries.work_counts(ctx.crm)


def work_counts_limit(ctx: Context) -> object:
    """The CR manager's tiles counted with plain SQL on the same indexed columns (the step piles as one
    condition over the due columns: the floor of their work, without the not-done subqueries)."""
    now, today = str(NOW), str(NOW.replace(hour=0, minute=0))
    tomorrow = str(NOW.replace(hour=0, minute=0) + timedelta(days=1))
    crm = ctx.crm.user_id
    counts = [
        ("status IN " + OPEN_SQL + " AND (handler_id = ? OR recorder_id = ?)", (crm, crm)),
        (
            "status IN " + RUNNING_SQL + " AND deadline_at >= ? AND deadline_at < ? AND deadline_at >= ?",
            (now, tomorrow, today),
        ),
        ("status IN " + RUNNING_SQL + " AND deadline_at < ?", (now,)),
        ("status = 'awaiting_followup'", ()),
        ("status = 'draft' AND recorder_id = ?", (crm,)),
        ("status = 'registered'", ()),
        ("status = 'pending_approval'", ()),
        ("status IN " + OPEN_SQL + " AND handler_id IN (SELECT id FROM user_account WHERE NOT active)", ()),
        (
            "status IN " + OPEN_SQL + " AND (reply_due_at < ? OR investigation_due_at < ?"
            " OR first_contact_due_at < ? OR follow_up_due_at < ?)",
            (now, now, now, now),
        ),
        ("status IN ('awaiting_reply', 'invalid')", ()),
    ]
    result = [
        ctx.raw.execute(f"SELECT count(*) FROM complaint_case WHERE {w}", p).fetchone() for w, p in counts
    ]
    result.append(
        ctx.raw.execute(
            "SELECT id, case_no, complainant_name FROM complaint_case WHERE is_major AND status IN "
            + OPEN_SQL
            + " ORDER BY received_at DESC LIMIT 20"
        ).fetchall()
    )
    return result


SEARCH_LIMIT = 50  # the search box's default number of results


def _search_app(query: Callable[[Context], str]) -> Callable[[Context], object]:
    def app(ctx: Context) -> object:
        return ctx.desk.search.search(ctx.crm, query(ctx), SEARCH_LIMIT)

    return app


def _with_texts(ctx: Context, cases: list[Any]) -> list[Any]:
    """Each found case with its indexed texts: a hit shows the text that matched, cut to a snippet, so
    the search reads them (the index rows of one case are one rowid range)."""
    return [
        (
            case,
            ctx.raw.execute(
                "SELECT rowid, body FROM case_search WHERE rowid >= ? AND rowid < ?",
                (case[0] << 32, (case[0] + 1) << 32),
            ).fetchall(),
        )
        for case in cases
    ]


def _newest_cases(ctx: Context, match: str) -> list[Any]:
    """The floor of a search: the index's matching rows newest first (FTS5 walks rowids, which begin with
    the case id, in descending order and stops), until ``SEARCH_LIMIT + 1`` cases, with a hit's columns
    and the texts of the ``SEARCH_LIMIT`` shown (``_with_texts``)."""
    found: list[Any] = []
    seen: set[int] = set()
    below = 1 << 62
    while len(found) <= SEARCH_LIMIT:
        rowids = [
            r[0]
            for r in ctx.raw.execute(
                "SELECT rowid FROM case_search WHERE case_search MATCH ? AND rowid < ? ORDER BY rowid DESC"
                " LIMIT 400",
                (match, below),
            )
        ]
        if not rowids:
            break
        below = rowids[-1]
        ids = [i for i in dict.fromkeys(r >> 32 for r in rowids) if i not in seen]
        seen.update(ids)
        marks = ", ".join("?" * len(ids))
        found += ctx.raw.execute(
            "SELECT id, case_no, status, complainant_name, received_at FROM complaint_case"
            f" WHERE id IN ({marks}) ORDER BY id DESC",
            ids,
        ).fetchall()
        if len(rowids) < 400:
            break
    return _with_texts(ctx, found[:SEARCH_LIMIT]) + found[SEARCH_LIMIT : SEARCH_LIMIT + 1]


def _fts_limit(query: Callable[[Context], str]) -> Callable[[Context], object]:
    """The floor of a 3+ character search: its trigram phrase, newest first (``_newest_cases``)."""

    def limit(ctx: Context) -> object:
        return _newest_cases(ctx, '"' + query(ctx).replace('"', '""') + '"')

    return limit


def _case_no(ctx: Context) -> str:
    return f"B{ctx.size}-{100_000 + ctx.size // 2:07d}"


def case_no_limit(ctx: Context) -> object:
    """The floor of a case number: the unique index's one case, with its texts (``_with_texts``)."""
    found = ctx.raw.execute(
        "SELECT id, case_no, status, complainant_name, received_at FROM complaint_case WHERE case_no = ?",
        (_case_no(ctx),),
    ).fetchall()
    return _with_texts(ctx, found)


def short_word_limit(ctx: Context) -> object:
    """The floor of a 2-character search: the trigrams it begins (fts5vocab, read once per run: the app
    keeps the list until the index changes, ``read/trigram_vocabulary``), then one OR of them read newest
    first (``_newest_cases``)."""
    word = "浦东"
    if "short_terms" not in ctx.memo:
        ctx.memo["short_terms"] = [
            r[0]
            for r in ctx.raw.execute(
                "SELECT term FROM case_search_vocab WHERE term >= ? AND term < ?", (word, word + "\U0010ffff")
            )
        ]
    return _newest_cases(ctx, " OR ".join('"' + t.replace('"', '""') + '"' for t in ctx.memo["short_terms"]))


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
    # issue 16 part P (one call = 20 saves, one unit each; p50/p95 per save: benchmarks/bench_save.py)
    Figure("intake save ×20 (one unit each)", intake_save_app, intake_save_limit),
    Figure("start → main window with the queue (fresh process)", start_app, start_limit),
    Figure("5-copy handling form PDF, warm", pdf_warm_app, pdf_warm_limit),
    Figure("5-copy handling form PDF, cold (fresh process)", pdf_cold_app, pdf_cold_limit),
    # issue 16 part Q
    Figure("queue default view (open cases + total)", open_view_app, open_view_limit),
    Figure("queue status filter (处理中)", status_filter_app, status_filter_limit),
    Figure("queue page 50 (deep paging)", deep_page_app, deep_page_limit),
    Figure("work-page counts (CR manager)", work_counts_app, work_counts_limit),
    Figure("search: case number", _search_app(_case_no), case_no_limit),
    Figure("search: phone fragment 8000", _search_app(lambda _c: "8000"), _fts_limit(lambda _c: "8000")),
    Figure("search: 2 characters 浦东", _search_app(lambda _c: "浦东"), short_word_limit),
    Figure("search: 3 characters 保温杯", _search_app(lambda _c: "保温杯"), _fts_limit(lambda _c: "保温杯")),
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
