"""The summary of any period (issue 15 part S), timed on demand:

    .venv/bin/python benchmarks/bench_summary.py [--year-cases 60000]

Builds a demo branch, bulk-copies N closed cases received over 2026 (``bench_excel.bulk``), then writes
the summary of the year, a quarter, a month and a week, each in a fresh process, and reports wall time
and peak RSS. The figures are GROUP BYs; the year's 结案明细 lists every closed case, row by row.

Measured 2026-11-30 on the 2-core build machine (other jobs running), SQLite, 60,000 cases in 2026:

    summary 2026      17.7 s  peak RSS 196 MiB   (before the closed cases were read as rows: 40.5 s, 401 MiB)
    summary 2026-Q4   11.3 s  peak RSS 159 MiB
    summary 2026-10    6.3 s  peak RSS 159 MiB
    summary 2026-W42   4.6 s  peak RSS 159 MiB   (baseline, importing and opening the database: 1.0 s)

Of the year's 17.7 s, building the figures is about 6 s; the rest is openpyxl writing 60,000 rows.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_excel import bulk, run
from branchdesk.demo import build_demo
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year-cases", type=int, default=60_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bd-summary-"))
    db_path = folder / "summary.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(db_path))))
    build_demo(desk, seed=4, cases=300)
    bulk(
        desk,
        args.year_cases,
        "BY2026",
        lambda rng: datetime(2026, 1, 1, 8) + timedelta(minutes=rng.randint(0, 60 * 24 * 358)),
    )
    desk.db.dispose()
    common = (
        f"from branchdesk.services import BranchDesk; from branchdesk.storage.database import Database, "
        f"resolve_url; from branchdesk.domain.periods import parse_period; from pathlib import Path; "
        f"desk = BranchDesk(Database(resolve_url({str(db_path)!r}))); "
        f"crm = desk.auth.login('crm', 'demo1234')"
    )
    run("baseline: import and open the database", common)
    for form in ("2026", "2026-Q4", "2026-10", "2026-W42"):
        out = folder / f"{form}.xlsx"
        run(
            f"summary {form} ({args.year_cases:,} cases in 2026)",
            common + f"; desk.reports.export_summary(crm, parse_period({form!r}), Path({str(out)!r}))",
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
