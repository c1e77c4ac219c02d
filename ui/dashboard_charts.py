"""工作台的图表 (issue 17, part D): cases per week by kind, on time per month, open cases by department,
top categories — QtCharts over ``BranchDesk.queries.dashboard`` (SQL aggregates in the core).

Clicking a bar or a slice opens the queue on exactly its cases: each one carries the queue filter the
core counted it under (``branchdesk.read.dashboard.*_filter``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from branchdesk.read.dashboard import (
    Dashboard,
    category_filter,
    department_filter,
    timing_filter,
    week_filter,
)
from branchdesk.read.queue import QueueFilter
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import current_language, label

#: Colours of the kinds (consultation, suggestion, complaint, praise) and of on time / late.
KIND_COLOURS = ["#5b8def", "#f2b134", "#d9534f", "#5cb85c"]
ON_TIME, LATE = "#5cb85c", "#d9534f"
CHART_HEIGHT = 200  # two rows of charts under the tiles fit 1366×768 with the search bar


def count_step(top: float, most: int = 5) -> int:
    """The tick step for a count axis up to ``top``: a whole 1, 2 or 5 × 10ⁿ giving at most ``most`` steps."""
    power = 1
    while True:
        for mantissa in (1, 2, 5):
            if mantissa * power * most >= top:
                return mantissa * power
        power *= 10


class ChartsPanel(QWidget):
    sig_show_queue = Signal(object)
    """Open the queue with this QueueFilter (a bar or slice was clicked)."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._actor = desk, actor
        self.board: Dashboard | None = None
        #: What each chart draws, for tests and the accessible description: chart key → [(count, filter)].
        self.bars: dict[str, list[tuple[int, QueueFilter]]] = {}
        #: The clickable parts: chart key → [(QBarSet or QPieSlice, index or -1, filter)].
        self.targets: dict[str, list[tuple[QBarSet | QPieSlice, int, QueueFilter]]] = {}
        self.views: dict[str, QChartView] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        titles = {
            "weeks": self.tr("Cases per week by kind (last 12 weeks)"),
            "timing": self.tr("Closed on time per month (the rate under each month)"),
            "departments": self.tr("Open cases by department"),
            "categories": self.tr("Top categories (last 12 weeks)"),
        }
        for index, (key, title) in enumerate(titles.items()):
            chart = QChart()
            chart.setTitle(title)
            font = QFont(chart.titleFont())
            font.setPointSize(10)
            font.setBold(True)
            chart.setTitleFont(font)
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(CHART_HEIGHT)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            view.setAccessibleName(title)
            view.setToolTip(self.tr("Click a bar or a slice to list its cases"))
            self.views[key] = view
            grid.addWidget(view, index // 2, index % 2)
        grid.setColumnStretch(0, 3)  # twelve weeks need the wider column
        grid.setColumnStretch(1, 2)

    # --- building ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.board = board = self._desk.queries.dashboard(self._actor)
        self.bars = {key: [] for key in self.views}
        self.targets = {key: [] for key in self.views}
        self._weeks(board)
        self._timing(board)
        self._departments(board)
        self._categories(board)

    def _reset(self, key: str) -> QChart:
        chart = self.views[key].chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _connect(self, key: str, item: QBarSet | QPieSlice, index: int, f: QueueFilter, count: int) -> None:
        self.bars[key].append((count, f))
        self.targets[key].append((item, index, f))

    def _weeks(self, board: Dashboard) -> None:
        chart = self._reset("weeks")
        series = QStackedBarSeries()
        for colour, (kind, counts) in zip(KIND_COLOURS, board.by_kind.items(), strict=False):
            bar_set = QBarSet(label(kind))
            bar_set.setColor(QColor(colour))
            bar_set.append([float(n) for n in counts])
            filters = [week_filter(week, board.today, kind) for week in board.weeks]
            for index, (count, f) in enumerate(zip(counts, filters, strict=True)):
                self._connect("weeks", bar_set, index, f, count)
            bar_set.clicked.connect(self._bar_clicked(filters))
            series.append(bar_set)
        chart.addSeries(series)
        self._axes(chart, series, [f"{week.month}/{week.day}" for week in board.weeks], horizontal=False)

    def _timing(self, board: Dashboard) -> None:
        chart = self._reset("timing")
        series = QStackedBarSeries()
        for name, timing, colour in (
            (self.tr("On time"), "on_time", ON_TIME),
            (self.tr("Late"), "late", LATE),
        ):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(colour))
            counts = [m.on_time if timing == "on_time" else m.late for m in board.months]
            bar_set.append([float(n) for n in counts])
            filters = [timing_filter(m.month, board.today, timing) for m in board.months]
            for index, (count, f) in enumerate(zip(counts, filters, strict=True)):
                self._connect("timing", bar_set, index, f, count)
            bar_set.clicked.connect(self._bar_clicked(filters))
            series.append(bar_set)
        chart.addSeries(series)
        locale = QLocale(current_language())
        categories = [
            f"{locale.monthName(m.month.month, QLocale.FormatType.ShortFormat)}<br>"  # two lines: not cut
            + ("–" if m.rate is None else format(m.rate, ".0%"))
            for m in board.months
        ]
        self._axes(chart, series, categories, horizontal=False)

    def _departments(self, board: Dashboard) -> None:
        chart = self._reset("departments")
        series = QPieSeries()
        series.setPieSize(0.62)
        for department in board.departments:
            name = department.name or self.tr("No department yet")
            piece = series.append(f"{name} {department.count}", float(department.count))
            piece.setLabelVisible(len(board.departments) <= 8)
            f = department_filter(department.department_id)
            self._connect("departments", piece, -1, f, department.count)
            piece.clicked.connect(lambda f=f: self.sig_show_queue.emit(f))
            piece.hovered.connect(lambda on, p=piece: p.setExploded(on))
        chart.addSeries(series)
        chart.legend().setVisible(len(board.departments) > 8)

    def _categories(self, board: Dashboard) -> None:
        chart = self._reset("categories")
        series = QHorizontalBarSeries()
        bar_set = QBarSet(self.tr("Cases"))
        bar_set.setColor(QColor("#5b8def"))
        rows = list(reversed(board.categories))  # the largest on top
        bar_set.append([float(c.count) for c in rows])
        filters = [category_filter(c.code, board.weeks, board.today) for c in rows]
        for index, (row, f) in enumerate(zip(rows, filters, strict=True)):
            self._connect("categories", bar_set, index, f, row.count)
        bar_set.clicked.connect(self._bar_clicked(filters))
        series.append(bar_set)
        chart.addSeries(series)
        chart.legend().setVisible(False)
        self._axes(chart, series, [c.label for c in rows], horizontal=True)

    def _bar_clicked(self, filters: list[QueueFilter]) -> Callable[[int], None]:
        def clicked(index: int) -> None:
            if 0 <= index < len(filters):
                self.sig_show_queue.emit(filters[index])

        return clicked

    @staticmethod
    def _axes(
        chart: QChart, series: QStackedBarSeries | QHorizontalBarSeries, categories: list[str], horizontal: bool
    ) -> None:
        names = QBarCategoryAxis()
        names.append(categories or [""])
        small = QFont(names.labelsFont())
        small.setPointSize(8)
        names.setLabelsFont(small)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setLabelsFont(small)
        top = max((s.at(i) for s in series.barSets() for i in range(s.count())), default=0.0)
        if isinstance(series, QStackedBarSeries):
            top = max(
                (sum(s.at(i) for s in series.barSets()) for i in range(len(categories))), default=0.0
            )
        # Counts: ticks on whole numbers. Qt's nice numbers split 0–1 into fifths, printed "%d" as 0 0 0 0 0 1.
        step = count_step(top)
        values.setRange(0, step * max(1, math.ceil(top / step)))
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setMinorTickCount(0)
        if horizontal:
            chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)
