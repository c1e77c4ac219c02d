"""The work page's charts count cases: their value axes tick on whole numbers, also when there is nothing
to count yet (Qt's nice numbers split 0–1 into fifths, which "%d" printed as 0 0 0 0 0 1)."""

from __future__ import annotations

from PySide6.QtCharts import QValueAxis
from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.dashboard_charts import ChartsPanel, count_step


def test_the_step_is_a_whole_one_two_or_five_times_a_power_of_ten() -> None:
    tops = [0, 1, 5, 6, 10, 11, 26, 51, 101, 251, 1001, 12345]
    assert [count_step(t) for t in tops] == [1, 1, 1, 2, 2, 5, 10, 20, 50, 100, 500, 5000]
    assert all(t / count_step(t) <= 5 for t in tops)


def test_every_value_axis_ticks_on_whole_numbers_on_an_empty_branch(qtbot: QtBot, branch: Branch) -> None:
    panel = ChartsPanel(branch.desk, branch["clerk"])  # the template branch: no case received yet
    qtbot.addWidget(panel)
    panel.refresh()
    axes = [
        axis
        for view in panel.views.values()
        for axis in view.chart().axes()
        if isinstance(axis, QValueAxis)
    ]
    assert axes
    for axis in axes:
        assert axis.tickType() is QValueAxis.TickType.TicksDynamic
        interval = axis.tickInterval()
        assert interval >= 1 and interval == int(interval)
        assert axis.min() == 0 and axis.max() % interval == 0 and axis.max() / interval <= 5
