"""Excel timings and peak memory, run on demand:

    .venv/bin/python benchmarks/bench_excel.py [--ledger 100000] [--month-cases 5000]

Builds a demo branch, bulk-copies cases (a ledger of N cases over three years, and M cases received
and closed in 2026-10), then runs each export in a fresh process and reports wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.demo import build_demo
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import Case


def bulk(desk: BranchDesk, count: int, prefix: str, moment: callable) -> None:  # type: ignore[valid-type]
    rng = random.Random(count)
    with desk.db.read() as session:
        templates = [
            {c.key: getattr(case, c.key) for c in Case.__table__.columns if c.key != "id"}
            for case in session.scalars(select(Case).where(Case.status == "closed"))
        ]
    rows = []
    for index in range(count):
        row = dict(rng.choice(templates))
        received = moment(rng)
        row.update(
            case_no=f"{prefix}-{index:06d}",
            period=prefix[:6],
            serial=index + 1,
            received_at=received,
            created_at=received,
            updated_at=received,
            closed_at=received + timedelta(days=rng.randint(0, 5)),
            deadline_at=received + timedelta(days=3),
        )
        rows.append(row)
        if len(rows) == 5000:
            with desk.db.write() as session:
                session.execute(insert(Case), rows)
            rows = []
    if rows:
        with desk.db.write() as session:
            session.execute(insert(Case), rows)


def run(label: str, code: str) -> None:
    script = textwrap.dedent(f"""
        import resource, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        started = time.perf_counter()
        {code}
        elapsed = time.perf_counter() - started
        print(f"{{elapsed:.1f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}}")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr)
    out = done.stdout.split()
    print(f"{label:<52} {out[-2]:>6} s   peak RSS {out[-1]:>5} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--month-cases", type=int, default=5_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bd-excel-"))
    db_path = folder / "excel.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(db_path))))
    build_demo(desk, seed=4, cases=300)
    bulk(
        desk,
        args.month_cases,
        "BM9901",
        lambda rng: datetime(2026, 10, 1, 8) + timedelta(minutes=rng.randint(0, 60 * 24 * 25)),
    )
    bulk(
        desk,
        args.ledger - args.month_cases - 300,
        "BL9902",
        lambda rng: datetime(2023, 1, 1) + timedelta(minutes=rng.randint(0, 60 * 24 * 1000)),
    )
    desk.db.dispose()
    common = (
        f"from branchdesk.services import BranchDesk; from branchdesk.storage.database import Database, "
        f"resolve_url; from pathlib import Path; from datetime import date; "
        f"desk = BranchDesk(Database(resolve_url({str(db_path)!r}))); "
        f"crm = desk.auth.login('crm', 'demo1234')"
    )
    run("baseline: import and open the database", common)
    run(
        f"monthly summary 2026-10 (>= {args.month_cases} cases in the month)",
        common + f"; desk.reports.export_monthly(crm, 2026, 10, Path({str(folder / 'm.xlsx')!r}))",
    )
    run(
        f"ledger of all {args.ledger} cases",
        common + f"; desk.reports.export_ledger(crm, date(2020, 1, 1), date(2026, 12, 31), "
        f"Path({str(folder / 'l.xlsx')!r}))",
    )
    print(f"files: {folder}")


if __name__ == "__main__":
    main()
