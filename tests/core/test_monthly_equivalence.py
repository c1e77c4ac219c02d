"""Issue 16 "perf": the monthly summary aggregated in SQL equals the summary built the old way
(case objects loaded for each of its 15 months, ``monthly_oracle``) on a varied branch — the demo's
cases (every kind, severity, channel, escalations, rejections, abnormal closes) — for every month it
spans, a month before it and an empty month after, and in the same order where ties are shown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from branchdesk.demo import build_demo
from branchdesk.reports.monthly import build_monthly
from branchdesk.services.app import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from tests.conftest import MutableClock
from tests.core import monthly_oracle

END = datetime(2026, 11, 20, 17, 0)


@pytest.fixture(scope="module")
def demo_desk(tmp_path_factory: pytest.TempPathFactory) -> BranchDesk:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    desk = BranchDesk(Database(resolve_url(str(path))), MutableClock(END))
    build_demo(desk, cases=120, end=END)
    return desk


@pytest.mark.parametrize("month", [(2026, 7), (2026, 8), (2026, 9), (2026, 10), (2026, 11), (2026, 12)])
def test_sql_aggregates_equal_the_old_walk(demo_desk: BranchDesk, month: tuple[int, int]) -> None:
    from branchdesk.config import load_config

    with demo_desk.db.read() as session:
        config = load_config(session)
        new = build_monthly(session, config, *month)
        old = monthly_oracle.build_monthly(session, config, *month)
    assert new == old
    for name in ("by_kind", "by_category_top", "by_category", "by_severity", "by_channel", "by_department"):
        assert list(getattr(new, name).items()) == list(getattr(old, name).items()), name
    if month in ((2026, 9), (2026, 10)):  # the demo's busy months: the comparison covers something real
        assert new.received > 10 and new.closed > 5 and new.escalations
