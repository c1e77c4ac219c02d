"""Intake save p50/p95 beside a bare INSERT+COMMIT of the same row, alternating save by save (issue 16):

    TMPDIR=/tmp/bench .venv/bin/python benchmarks/bench_save.py [--saves 200] [--size 10000]

Uses (and builds, once) the benchmark branch of ``benchmarks/run.py`` and saves into a copy of it, so the
cached database stays as built. Each round registers one case through ``desk.intake.register`` (the
counter's call, warm configuration cache) and then inserts and commits a copy of that case row with
``sqlite3`` (``synchronous=FULL``, as the app's connections) — one of each, in turn, so a busy moment on the
machine hits both alike. Prints p50/p95 of each and their ratio, wall time and CPU time per save.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import DEMO_PASSWORD, database
from branchdesk.domain.intake import IntakeForm
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bd-bench-save-"))
    path = folder / "branch.sqlite3"
    shutil.copyfile(database(args.size), path)
    desk = BranchDesk(Database(resolve_url(str(path))))
    clerk = desk.auth.login("kefu1", DEMO_PASSWORD)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    columns = [r[1] for r in raw.execute("PRAGMA table_info(complaint_case)") if r[1] != "id"]
    sql = f"INSERT INTO complaint_case ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    number, serial_at = columns.index("case_no"), columns.index("serial")
    serial = raw.execute("SELECT max(serial) FROM complaint_case").fetchone()[0] + 1_000_000
    app: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    for index in range(args.saves + 10):  # the first ten warm the caches and are not counted
        form = IntakeForm(
            channel="phone",
            complainant_name="王伟",
            phone=f"139{index:08d}",
            content="门店收银员态度不好，要求道歉并说明情况。",
            request_type="apology",
        )
        wall, cpu = time.perf_counter(), time.process_time()
        ref = desk.intake.register(clerk, form)
        sample = (time.perf_counter() - wall, time.process_time() - cpu)
        if index >= 10:
            app.append(sample)
        row = list(
            raw.execute(f"SELECT {', '.join(columns)} FROM complaint_case WHERE id = ?", (ref.id,)).fetchone()
        )
        serial += 1
        row[number], row[serial_at] = f"BARE-{serial}", serial
        wall, cpu = time.perf_counter(), time.process_time()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(sql, row)
        raw.execute("COMMIT")
        sample = (time.perf_counter() - wall, time.process_time() - cpu)
        if index >= 10:
            bare.append(sample)
    raw.close()
    desk.db.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    for what, which in (("wall", 0), ("cpu", 1)):
        a = [s[which] * 1000 for s in app]
        b = [s[which] * 1000 for s in bare]
        a50, a95, b50, b95 = percentile(a, 0.5), percentile(a, 0.95), percentile(b, 0.5), percentile(b, 0.95)
        print(
            f"{what}: intake save p50 {a50:.2f} ms p95 {a95:.2f} ms | bare INSERT+COMMIT p50 {b50:.2f} ms"
            f" p95 {b95:.2f} ms | ratio p50 {a50 / b50:.1f}× p95 {a95 / b95:.1f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
