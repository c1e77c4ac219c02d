"""Yearly archive timings, run on demand:  .venv/bin/python benchmarks/bench_archive.py [CASES]

Builds a demo branch of CASES cases (default 300, received over the 91 days before now), then, with the
clock in January of the next year, writes the archive of this year (every closed case as one PDF of its
forms, the attachments, the ledger, the yearly summary, the manifest) and verifies it. Prints seconds
for N archived cases, per case, the archive's size and the peak memory (RSS) of the process.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.demo import DEMO_PASSWORD, build_demo
from branchdesk.services import BranchDesk
from branchdesk.services.archive import human_size
from branchdesk.storage.database import Database, resolve_url


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = Path(tempfile.mkdtemp(prefix="bd-archive-"))
    path = folder / "archive.sqlite3"
    started = time.perf_counter()
    build_demo(BranchDesk(Database(resolve_url(str(path)))), seed=15, cases=cases)
    print(f"demo of {cases} cases built in {time.perf_counter() - started:.1f} s")
    year = datetime.now().year
    desk = BranchDesk(Database(resolve_url(str(path))), lambda: datetime(year + 1, 1, 15, 9, 0))
    crm = desk.auth.login("crm", DEMO_PASSWORD)
    started = time.perf_counter()
    result = desk.archive.write(crm, year, folder / "out")
    seconds = time.perf_counter() - started
    print(
        f"archive {year}: {result.cases} closed cases, {result.files} files, {human_size(result.total_bytes)}"
        f" in {seconds:.1f} s ({1000 * seconds / max(result.cases, 1):.0f} ms per case)"
    )
    started = time.perf_counter()
    check = desk.archive.verify(folder / "out")
    print(f"verify: {'ok' if check.ok else 'FAILED'} in {time.perf_counter() - started:.2f} s")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    desk.db.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
