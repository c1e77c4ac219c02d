"""Several PCs on one busy case: count silent overwrites, conflicts and errors.

    .venv/bin/python tools/concurrency_check.py --db FILE_OR_URL --case 202611-001 --writers 4 --seconds 60

Each writer is its own process (a counter PC): it reads the case, then acts on the version it
saw (a manual escalation whose reason names that version), again and again. Afterwards the
timeline is read back: two successful actions that saw the same version would be a silent
overwrite (the second applied over a change its user never saw). A refusal must be a conflict
(``ConcurrentChange``), never another error.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MARK = re.compile(r"writer (\d+) saw v(\d+)")


@dataclass
class Tally:
    done: int = 0
    conflicts: int = 0
    errors: int = 0


def writer(
    url: str, username: str, case_no: str, number: int, seconds: float, out: multiprocessing.Queue
) -> None:
    # Imported here: each process opens its own connection, as a PC would.
    from branchdesk.errors import ConcurrentChange
    from branchdesk.services import BranchDesk
    from branchdesk.services.context import Actor
    from branchdesk.services.dto import CaseVersion
    from branchdesk.storage.database import Database, resolve_url

    desk = BranchDesk(Database(resolve_url(url)))
    from sqlalchemy import select

    from branchdesk.services.auth import actor_of
    from branchdesk.storage.models import User

    with desk.db.read() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        actor: Actor = actor_of(user)
    tally = Tally()
    kinds: Counter[str] = Counter()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen = desk.queries.case_detail(actor, case_no)
            reason = f"writer {number} saw v{seen.version}"
            desk.cases.escalate(actor, CaseVersion(seen.id, seen.version), reason)
            tally.done += 1
        except ConcurrentChange:
            tally.conflicts += 1
        except Exception as exc:  # counted and named: every refusal must be a conflict
            tally.errors += 1
            kinds[f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}"] += 1
    desk.db.dispose()
    out.put((number, tally, dict(kinds)))


def overwrites(url: str, case_no: str) -> tuple[int, int]:
    """(successful actions found in the timeline, silent overwrites among them)."""
    from sqlalchemy import select

    from branchdesk.services import BranchDesk
    from branchdesk.storage.database import Database, resolve_url
    from branchdesk.storage.models import Case, Event

    desk = BranchDesk(Database(resolve_url(url)))
    with desk.db.read() as session:
        case_id = session.scalars(select(Case.id).where(Case.case_no == case_no)).one()
        seen = [
            int(m.group(2))
            for params in session.scalars(select(Event.params).where(Event.case_id == case_id))
            if params and (m := MARK.search(str(params)))
        ]
    desk.db.dispose()
    duplicates = sum(count - 1 for count in Counter(seen).values() if count > 1)
    return len(seen), duplicates


def run(url: str, case_no: str, usernames: list[str], seconds: float) -> dict[str, object]:
    context = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue = context.Queue()
    processes = [
        context.Process(target=writer, args=(url, usernames[i % len(usernames)], case_no, i, seconds, out))
        for i in range(len(usernames))
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    total = Tally()
    error_kinds: Counter[str] = Counter()
    for _number, tally, kinds in results:
        total.done += tally.done
        total.conflicts += tally.conflicts
        total.errors += tally.errors
        error_kinds.update(kinds)
    recorded, silent = overwrites(url, case_no)
    return {
        "writers": len(processes),
        "seconds": seconds,
        "actions": total.done,
        "conflicts": total.conflicts,
        "errors": total.errors,
        "error_kinds": dict(error_kinds),
        "recorded": recorded,
        "silent_overwrites": silent,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file or server URL of a branch (e.g. a demo)")
    parser.add_argument("--case", required=True, help="the busy case's number")
    parser.add_argument("--users", default="crm", help="comma-separated usernames who may escalate it")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    names = args.users.split(",")
    figures = run(args.db, args.case, [names[i % len(names)] for i in range(args.writers)], args.seconds)
    for key, value in figures.items():
        print(f"{key:18} {value}")
    return 0 if figures["silent_overwrites"] == 0 and figures["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
