"""Issue 16 "perf": the monthly summary aggregated in SQL equals the summary built the old way
(case objects loaded for each of its 15 months, ``monthly_oracle``) on a varied branch — the demo's
cases (every kind, severity, channel, escalations, rejections, abnormal closes) — for every month it
spans, a month before it and an empty month after, and in the same order where ties are shown."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from branchdesk.demo import build_demo
from branchdesk.reports.monthly import build_monthly
from branchdesk.reports.monthly_xlsx import write_monthly
from branchdesk.services.app import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from tests.conftest import MutableClock
from tests.core import monthly_oracle, monthly_xlsx_oracle

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
    # The 奖罚 rows (issue 14 part C) are newer than the oracle: test_rewards.py checks them against the rows.
    assert dataclasses.replace(new, rewards=[]) == old
    for name in ("by_kind", "by_category_top", "by_category", "by_severity", "by_channel", "by_department"):
        assert list(getattr(new, name).items()) == list(getattr(old, name).items()), name
    if month in ((2026, 9), (2026, 10)):  # the demo's busy months: the comparison covers something real
        assert new.received > 10 and new.closed > 5 and new.escalations


#: Sheets the old writer never had, each checked by its own test (issue 14 part C: test_rewards.py).
ADDED_SHEETS = {"奖罚"}


def assert_same_workbook(old_path: Path, new_path: Path) -> None:
    """Cell by cell: values, number formats, bold, fills, alignment; merges, panes, filters, widths,
    charts, print titles and the audit anchor in the properties."""
    old, new = openpyxl.load_workbook(old_path), openpyxl.load_workbook(new_path)
    # Sheets added after the old writer (issue 14 part C: 奖罚) come last; their own tests check them.
    assert new.sheetnames[: len(old.sheetnames)] == old.sheetnames
    assert set(new.sheetnames[len(old.sheetnames) :]) <= ADDED_SHEETS
    for name in old.sheetnames:
        o, n = old[name], new[name]
        assert (o.max_row, o.max_column) == (n.max_row, n.max_column), name
        for old_row, new_row in zip(o.iter_rows(), n.iter_rows(), strict=True):
            for a, b in zip(old_row, new_row, strict=True):
                assert a.value == b.value, (name, a.coordinate)
                if a.value is not None:
                    assert a.number_format == b.number_format, (name, a.coordinate)
                    assert (a.font.b, a.font.sz, a.fill.fgColor.rgb, a.alignment.horizontal) == (
                        b.font.b,
                        b.font.sz,
                        b.fill.fgColor.rgb,
                        b.alignment.horizontal,
                    ), (name, a.coordinate)
        assert {str(m) for m in o.merged_cells.ranges} == {str(m) for m in n.merged_cells.ranges}, name
        assert (o.freeze_panes, o.auto_filter.ref, o.print_title_rows) == (
            n.freeze_panes,
            n.auto_filter.ref,
            n.print_title_rows,
        ), name
        assert {k: d.width for k, d in o.column_dimensions.items()} == {
            k: d.width for k, d in n.column_dimensions.items()
        }, name
        assert len(o._charts) == len(n._charts), name
    assert old.custom_doc_props.props[0].value == new.custom_doc_props.props[0].value
    assert (old.properties.title, old.properties.keywords) == (new.properties.title, new.properties.keywords)


@pytest.mark.parametrize("month", [(2026, 10), (2026, 12)])  # a busy month; a month without cases
def test_write_only_workbook_equals_the_old_one(
    demo_desk: BranchDesk, month: tuple[int, int], tmp_path: Path
) -> None:
    from branchdesk.config import load_config

    with demo_desk.db.read() as session:
        report = build_monthly(session, load_config(session), *month)
    monthly_xlsx_oracle.write_monthly(report, tmp_path / "old.xlsx", anchor="12 abcdef")
    write_monthly(report, tmp_path / "new.xlsx", anchor="12 abcdef")
    assert_same_workbook(tmp_path / "old.xlsx", tmp_path / "new.xlsx")
    if month == (2026, 10):
        assert openpyxl.load_workbook(tmp_path / "new.xlsx")["结案明细"].max_row > 10
