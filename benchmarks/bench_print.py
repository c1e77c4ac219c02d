"""Printing timings, run on demand:  .venv/bin/python benchmarks/bench_print.py

Builds a demo branch, then times the 5-copy handling form: the first one in a fresh process (fonts
registered, ReportLab imported) and the following ones (warm).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.demo import build_demo
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url


def main() -> None:
    path = Path(tempfile.mkdtemp(prefix="bd-print-")) / "print.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))))
    build_demo(desk, seed=5, cases=120)
    desk.db.dispose()
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from branchdesk.services import BranchDesk
        from branchdesk.read.queue import QueueFilter
        from branchdesk.storage.database import Database, resolve_url
        desk = BranchDesk(Database(resolve_url({str(path)!r})))
        crm = desk.auth.login("crm", "demo1234")
        case = desk.queries.queue_page(crm, QueueFilter(statuses=["closed"])).rows[0].id
        times = []
        for _ in range(11):
            t = time.perf_counter()
            pdf = desk.printing.render(crm, case, "handling", log=False)
            times.append(time.perf_counter() - t)
        print(" ".join(f"{{x:.4f}}" for x in times), len(pdf))
    """)
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    times = [float(x) for x in out[:-1]]
    print(
        f"5-copy 客户抱怨处理表: first {times[0] * 1000:.0f} ms (fresh process), "
        f"warm median {statistics.median(times[1:]) * 1000:.0f} ms over 10, PDF {int(out[-1]) // 1024} KiB"
    )


if __name__ == "__main__":
    main()
