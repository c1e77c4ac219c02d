"""Core timings, run on demand (not part of the test suite):

    .venv/bin/python benchmarks/bench_core.py

Prints the time of `init --demo` (300 cases through the real services), of a
registration, and of the queue's first page on the demo database.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from branchdesk.demo import build_demo
from branchdesk.domain.intake import IntakeForm
from branchdesk.read.queue import QueueFilter
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bd-bench-"))
    desk = BranchDesk(Database(resolve_url(str(folder / "demo.sqlite3"))))
    started = time.perf_counter()
    summary = build_demo(desk, seed=1, cases=300)
    print(f"init --demo: {summary.cases} cases in {time.perf_counter() - started:.1f} s")
    clerk = desk.auth.login("kefu1", "demo1234")
    crm = desk.auth.login("crm", "demo1234")
    timings = []
    for i in range(50):
        form = IntakeForm(
            channel="phone",
            complainant_name="测试",
            phone=f"1380000{i:04d}",
            content="测试内容",
            request_type="apology",
        )
        t = time.perf_counter()
        desk.intake.register(clerk, form)
        timings.append(time.perf_counter() - t)
    print(f"register: median {statistics.median(timings) * 1000:.1f} ms over {len(timings)}")
    timings = []
    for _ in range(20):
        t = time.perf_counter()
        desk.queries.queue_page(crm, QueueFilter(), limit=200)
        timings.append(time.perf_counter() - t)
    print(
        f"queue first page (200 rows of {desk.queries.queue_page(crm, QueueFilter()).total}): "
        f"median {statistics.median(timings) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
