"""Ledger import timing and peak memory (issue 16 "Import"), run on demand:

    .venv/bin/python benchmarks/bench_import.py [--rows 200000] [--postgres URL]

Writes a ledger of N rows (the test suite's ``make_big_ledger``: 7 columns, one row in ten still open),
then imports it into a fresh demo-less branch in a separate process and prints the phases' wall
times, rows per second and the process's peak RSS. The backup before the import is included.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUN = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from tests.conftest import open_branch
    b = open_branch(sys.argv[1])
    began = time.perf_counter()
    report = b.desk.ledger_import.import_ledger(b["crm"], Path(sys.argv[2]))
    took = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.imported} {took:.2f} {peak:.0f}")
    """
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    from tests.conftest import build_template
    from tests.core.test_ledger_import import make_big_ledger

    folder = Path(tempfile.mkdtemp(prefix="bd-import-"))
    database = folder / "branch.sqlite3"
    build_template(str(database))
    ledger = folder / "ledger.xlsx"
    began = time.perf_counter()
    make_big_ledger(ledger, args.rows)
    print(
        f"ledger of {args.rows:,} rows written in {time.perf_counter() - began:.1f} s "
        f"({ledger.stat().st_size / 1e6:.1f} MB)"
    )
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(database), str(ledger), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        print(done.stderr[-3000:])
        return 1
    imported, seconds, peak = done.stdout.split()[-3:]
    rate = int(imported) / float(seconds)
    print(
        f"imported {int(imported):,} rows in {float(seconds):.1f} s ({rate:,.0f} rows/s); peak RSS {peak} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
