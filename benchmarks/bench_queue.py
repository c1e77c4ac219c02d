"""Queue speed on 100,000 cases, run on demand:

    .venv/bin/python benchmarks/bench_queue.py [--cases 100000]

Builds a demo branch, bulk-copies its cases to the wanted count (SQL inserts, not
the services: this measures reading), then times the queue page the UI asks for.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select

from branchdesk.demo import build_demo
from branchdesk.read.queue import QueueFilter
from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import Case

PLACES = ["浦东", "徐汇", "闵行", "杭州", "苏州", "南京", "宁波", "无锡"]


def grow(desk: BranchDesk, target: int) -> None:
    rng = random.Random(5)
    with desk.db.read() as session:
        templates = [
            {c.key: getattr(case, c.key) for c in Case.__table__.columns if c.key != "id"}
            for case in session.scalars(select(Case))
        ]
    have = len(templates)
    rows = []
    for index in range(target - have):
        row = dict(rng.choice(templates))
        shift = timedelta(days=rng.randint(1, 900))
        serial = 10_000 + index
        row.update(
            case_no=f"BULK-{serial:06d}",
            period="199001",
            serial=serial,
            received_at=row["received_at"] - shift,
            created_at=row["created_at"] - shift,
            updated_at=row["updated_at"] - shift,
            deadline_at=row["deadline_at"] - shift if row["deadline_at"] else None,
            content=f"{rng.choice(PLACES)}客户反映：" + row["content"],
            phone_normalized=f"13{rng.randint(0, 999999999):09d}",
        )
        rows.append(row)
        if len(rows) == 5000:
            with desk.db.write() as session:
                session.execute(insert(Case), rows)
            rows = []
    if rows:
        with desk.db.write() as session:
            session.execute(insert(Case), rows)


def timed(label: str, call: Callable[[], object], repeat: int = 5) -> None:
    call()  # warm the page cache once
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    print(f"{label:<48} median {statistics.median(samples) * 1000:7.1f} ms  (max {max(samples) * 1000:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bd-queue-")) / "queue.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))))
    build_demo(desk, seed=3, cases=300)
    started = time.perf_counter()
    grow(desk, args.cases)
    print(f"bulk-inserted to {args.cases} cases in {time.perf_counter() - started:.1f} s")
    crm = desk.auth.login("crm", "demo1234")
    handler = desk.auth.login("zhangwei", "demo1234")
    q = desk.queries.queue_page
    timed("first page, 200 rows + total (CR manager)", lambda: q(crm, QueueFilter()))
    timed(
        "next page while scrolling (offset 20,000)",
        lambda: q(crm, QueueFilter(), offset=20_000, with_total=False),
    )
    timed("filter: overdue", lambda: q(crm, QueueFilter(overdue=True)))
    timed(
        "filter: kind + severity + channel",
        lambda: q(crm, QueueFilter(kinds=["complaint"], severities=["moderate"], channels=["phone"])),
    )
    timed("filter: category 质量类 (with children)", lambda: q(crm, QueueFilter(category_codes=["quality"])))
    timed("sort: customer name", lambda: q(crm, QueueFilter(), sort="complainant_name", descending=False))
    timed("sort: deadline", lambda: q(crm, QueueFilter(), sort="deadline_at"))
    timed("search: 浦东 (Chinese substring of content)", lambda: q(crm, QueueFilter(search="浦东")))
    timed("search: phone digits 1380", lambda: q(crm, QueueFilter(search="1380")))
    timed("search: case number 202611", lambda: q(crm, QueueFilter(search="202611")))
    timed("handler's own cases (visibility condition)", lambda: q(handler, QueueFilter()))
    timed("my-work counts (CR manager)", lambda: desk.queries.work_counts(crm))


if __name__ == "__main__":
    main()
