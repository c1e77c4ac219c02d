"""Anonymising a retention batch (issue 15 part R), run on demand:

    PYTHONPATH=. .venv/bin/python benchmarks/bench_anonymise.py [--cases 400] [--keep DIR]

Builds the demo branch (``--cases`` cases over three months, every state), moves the clock three
years on, proposes every due case (CR manager), approves (GM) and runs the batch; prints the cases
anonymised, the seconds per case and per unit of ``UNIT_CASES``, the audit chain verification time,
and the file size before and after ``VACUUM``. No assertions.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from branchdesk.demo import build_demo
from branchdesk.services import BranchDesk
from branchdesk.services.anonymise import UNIT_CASES
from branchdesk.services.audit import verify_audit
from branchdesk.storage.database import Database, resolve_url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-anon-"))
    path = folder / "bench.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))))
    build_demo(desk, cases=args.cases)
    later = desk.clock() + timedelta(days=3 * 366)
    desk = BranchDesk(desk.db, lambda: later)
    crm = desk.auth.login("crm", "demo1234")
    gm = desk.auth.login("zongjingli", "demo1234")
    due = [c.case_id for c in desk.retention.queue(crm, 5000).candidates if not c.legal_hold]
    batch = desk.retention.propose(crm, due, "bench")
    desk.retention.decide(gm, batch, desk.retention.batch(gm, batch).version, True)
    started = time.perf_counter()
    result = desk.retention.run(crm, batch)
    seconds = time.perf_counter() - started
    per_case = 1000 * seconds / max(result.done, 1)
    per_unit = seconds / max(1, -(-result.done // UNIT_CASES))
    print(f"anonymised {result.done} cases in {seconds:.2f} s: {per_case:.1f} ms/case, {per_unit:.2f} s/unit")
    started = time.perf_counter()
    verdict, _ = verify_audit(desk.db)
    print(f"audit chain: ok={verdict.ok}, {verdict.events} events, {time.perf_counter() - started:.2f} s")
    desk.db.dispose()
    before = path.stat().st_size
    raw = sqlite3.connect(str(path))
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    started = time.perf_counter()
    raw.execute("VACUUM")
    raw.close()
    vacuum = time.perf_counter() - started
    print(f"file {before / 1e6:.1f} MB → {path.stat().st_size / 1e6:.1f} MB after VACUUM ({vacuum:.2f} s)")


if __name__ == "__main__":
    main()
