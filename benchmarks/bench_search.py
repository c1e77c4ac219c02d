"""The one search box on a large branch (issue 17 part C, issue 16 "search index"), run on demand:

    PYTHONPATH=. .venv/bin/python benchmarks/bench_search.py [--cases 100000] [--db PATH|URL] [--runs 7]

Builds a SQLite branch of ``--cases`` cases with Chinese text from the demo's vocabulary (names,
companies, products, complaint sentences, investigations, replies, timeline notes), inserted in bulk
through SQLAlchemy Core — the search index fills itself through its triggers, as it does for every
write — then times ``desk.search.search`` (the service: user re-read, visibility, ranking, snippets)
for Chinese substrings of 3+ characters (common and rare), of 2 characters (through the trigrams they
begin) and phones in three spellings; beside each 3+ character query, the bare FTS5 lookup of every
matching case id (the floor of the index's work, before visibility, ranking and snippets). Prints the
median (and min) of ``--runs`` runs; no assertions. ``--db`` keeps the built file for later runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, inspect, select, text

from branchdesk.demo import COMPANIES, CONTENT, DETAILS, GIVEN, PRODUCTS, SURNAMES
from branchdesk.domain.vocab import Role, Status
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import Case, Event, Investigation, Reply, User

PASSWORD = "bench-search-1"
START = datetime(2026, 11, 30, 9, 0)
CAUSES = ["仓库搬运时挤压", "批次原料含杂质", "承运商装卸不当", "安装人员未按规程操作", "系统排单错误"]
CAUSES += ["温控板虚焊"]
REPLIES = ["已向客户致歉并补发货物", "已安排上门更换新品", "已按合同退还差价", "已说明原因，客户表示理解"]
NOTES = ["客户要求主管回电", "已电话安抚客户", "需要财务部确认金额", "下周一前给客户答复"]
STATUSES = [Status.REGISTERED, Status.IN_PROGRESS, Status.AWAITING_REPLY] + [Status.CLOSED] * 3
#: A case the phone searches look for (its number is in no other case).
PHONE_CASE = "+8613800138000"


def build(path: str, cases: int) -> None:
    desk = BranchDesk(Database(resolve_url(path)), lambda: START)
    admin_id = desk.initialise(
        name="压测网点",
        code="BM01",
        admin_username="admin",
        admin_full_name="管理员",
        admin_password=PASSWORD,
    )
    desk.admin.create_user(
        Actor(user_id=admin_id),
        username="crm",
        full_name="陈静",
        department_code="CS",
        roles=[Role.CR_MANAGER],
        password=PASSWORD,
    )
    with desk.db.read() as session:
        crm_id = session.scalar(select(User.id).where(User.username == "crm"))
    rng = random.Random(17)
    kinds = list(CONTENT)
    started = time.perf_counter()
    batch = 5000
    for first in range(1, cases + 1, batch):
        case_rows, investigations, replies, events = [], [], [], []
        for case_id in range(first, min(first + batch, cases + 1)):
            received = START - timedelta(minutes=case_id * 7)
            product, part, _unit = rng.choice(PRODUCTS)
            sentence = rng.choice(CONTENT[rng.choice(kinds)]).format(
                p=product,
                detail=rng.choice(DETAILS),
                lot=f"L{rng.randint(1000, 9999)}",
                n=rng.randint(2, 30),
                order=f"SO-{rng.randint(100000, 999999)}",
            )
            status = rng.choice(STATUSES)
            phone = PHONE_CASE if case_id == cases // 2 else f"+86139{rng.randint(0, 99_999_999):08d}"
            case_rows.append(
                dict(
                    id=case_id,
                    case_no=f"{received:%Y%m}-{case_id:06d}",
                    period=f"{received:%Y%m}",
                    serial=case_id,
                    status=status.value,
                    version=1,
                    created_at=received,
                    updated_at=received,
                    recorder_id=crm_id,
                    received_at=received,
                    channel="phone",
                    kind="complaint",
                    complainant_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    phone=phone,
                    phone_normalized=phone,
                    company=rng.choice(COMPANIES),
                    product=product,
                    part_no=part,
                    order_no=f"SO-{rng.randint(100000, 999999)}",
                    content=sentence,
                    custom_values={},
                    major_reasons=[],
                )
            )
            if status is not Status.REGISTERED:
                investigations.append(
                    dict(
                        case_id=case_id,
                        cause=rng.choice(CAUSES),
                        details=rng.choice(DETAILS),
                        conclusion="属实",
                        responsibility="ours",
                        author_id=crm_id,
                        recorded_at=received,
                    )
                )
            if status is Status.CLOSED:
                replies.append(
                    dict(
                        case_id=case_id,
                        method="phone",
                        replied_at=received,
                        user_id=crm_id,
                        content=rng.choice(REPLIES),
                        accepted=True,
                    )
                )
            if rng.random() < 0.3:
                note = rng.choice(NOTES)
                events.append(
                    dict(
                        case_id=case_id,
                        at=received,
                        actor_id=crm_id,
                        actor_name="陈静",
                        action="assign",
                        summary="分派",
                        code="event.assigned",
                        params={"note": {"$text": {"code": "event.note_colon", "params": {"note": note}}}},
                        changes=[],
                    )
                )
        with desk.db.write() as session:
            session.execute(insert(Case), case_rows)
            if investigations:
                session.execute(insert(Investigation), investigations)
            if replies:
                session.execute(insert(Reply), replies)
            if events:
                session.execute(insert(Event), events)
    with desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        if desk.db.is_sqlite:
            connection.exec_driver_sql("INSERT INTO case_search (case_search) VALUES ('optimize')")
        else:
            connection.exec_driver_sql("ANALYZE")
        connection.commit()
    took = time.perf_counter() - started
    size = f" ({Path(path).stat().st_size >> 20} MiB)" if desk.db.is_sqlite else ""
    print(f"built {cases:,} cases in {took:.1f} s → {path}{size}")
    desk.db.dispose()


def timed(label: str, call: Callable[[], object], runs: int) -> tuple[float, float]:
    call()  # warm the page cache once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="a SQLite file (built when missing) or a PostgreSQL URL")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = args.db or str(Path(tempfile.mkdtemp(prefix="bd-search-")) / "search.sqlite3")
    if "://" in path:
        probe = Database(resolve_url(path))
        with probe.engine.connect() as connection:
            empty = "complaint_case" not in inspect(connection).get_table_names()
        probe.dispose()
        if empty:
            build(path, args.cases)
    elif not Path(path).exists():
        build(path, args.cases)
    desk = BranchDesk(Database(resolve_url(path)), lambda: START)
    sqlite = desk.db.is_sqlite
    crm = desk.auth.login("crm", PASSWORD)
    with desk.db.read() as session:
        total = session.scalar(text("SELECT count(*) FROM complaint_case"))
        rows = session.scalar(text("SELECT count(*) FROM case_search"))
    print(f"{total:,} cases, {rows:,} index rows; median (min) of {args.runs} runs, ms")
    print(f"{'query':<28}{'what':<34}{'hits':>6}{'desk.search':>16}{'bare FTS5':>16}")
    queries = [
        ("外包装破损", "3+ chars, common (~1/12 cases)"),
        ("消费者协会反映", "3+ chars, common phrase"),
        ("温控板虚焊", "3+ chars, investigation"),
        ("需要财务部确认", "3+ chars, timeline note"),
        ("宁波港联物流 刹车片", "two words, both required"),
        ("SO-123456", "order number (rare)"),
        ("张伟", "2 chars: a name (trigrams it begins)"),
        ("退货", "2 chars, rare-ish word"),
        ("欧阳", "2 chars, no match"),
        ("+86 138 0013 8000", "phone, as spoken"),
        ("138-0013-8000", "phone, with dashes"),
        ("0013 8000", "phone fragment"),
    ]
    for query, what in queries:
        hits = desk.search.search(crm, query)
        median, low = timed(query, lambda q=query: desk.search.search(crm, q), args.runs)  # type: ignore[misc]
        bare = "—"
        words = query.split()
        if sqlite and all(len(w) >= 3 for w in words) and not query.startswith(("+", "1", "0")):
            match = " AND ".join('"' + w + '"' for w in words)

            def raw(m: str = match) -> None:
                with desk.db.engine.connect() as connection:
                    connection.exec_driver_sql(
                        "SELECT DISTINCT rowid >> 32 FROM case_search WHERE case_search MATCH ?",
                        (m,),
                    ).all()

            bare_median, bare_low = timed(query, raw, args.runs)
            bare = f"{bare_median:7.1f} ({bare_low:5.1f})"
        shown = f"{len(hits.hits)}{'+' if hits.more else ''}"
        print(f"{query:<28}{what:<34}{shown:>6}{median:9.1f} ({low:5.1f}){bare:>16}")
    desk.db.dispose()


if __name__ == "__main__":
    main()
