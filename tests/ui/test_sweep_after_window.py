"""The deadline sweep after the main window shows, one short unit at a time (issue 16 part P): the window
answers and a clerk's save goes through between two units, the backlog is swept completely, and the
queue hears of it once (``sig_case_changed(ALL_CASES)``) at the end."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import EscalationReason
from branchdesk.services.cases import SweepBatch
from tests.conftest import START, Branch, complaint_form
from tests.core.test_step_deadlines import assigned
from ui.main_window import MainWindow
from ui.operations import ALL_CASES, app_signals


def test_the_sweep_runs_in_units_after_the_window_and_a_save_goes_through_between_them(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    ids = [assigned(b, phone=f"1391234{n:04d}", order_no=f"SO-{n}") for n in range(3)]
    b.clock.now = START + timedelta(days=30)  # every deadline and step is late
    units: list[SweepBatch] = []
    unit = partial(b.desk.cases.sweep_batch, limit=1)  # one case per unit: several units for three cases

    def counted() -> SweepBatch:
        units.append(unit())
        return units[-1]

    monkeypatch.setattr(b.desk.cases, "sweep_batch", counted)
    window = MainWindow(b.desk, b["crm"], "测试网点")
    qtbot.addWidget(window)
    window.show()
    announced: list[int] = []
    app_signals().sig_case_changed.connect(announced.append)
    saved: list[tuple[int, int]] = []  # (units done when the clerk saved, the new case's id)

    def clerk_saves() -> None:
        saved.append((len(units), b.desk.intake.register(b["clerk"], complaint_form(phone="13700001111")).id))

    try:
        window.start_sweep()
        assert window.sweep_running() and not units  # nothing ran before the event loop: the window is up
        qtbot.waitUntil(lambda: len(units) == 1)
        clerk_saves()  # the event loop runs between two units: a clerk saves meanwhile
        qtbot.waitUntil(lambda: not window.sweep_running(), timeout=20_000)
    finally:
        app_signals().sig_case_changed.disconnect(announced.append)
    assert len(units) > 3 and not units[-1].more and all(u.more for u in units[:-1])
    assert saved[0][0] == 1 and len(units) > saved[0][0]  # saved while the sweep still had units to run
    assert sum(u.escalated for u in units) == 3
    assert announced == [ALL_CASES]  # once, at the end
    for case_id in ids:
        detail = b.desk.queries.case_detail(b["crm"], case_id)
        assert sum(e.reason is EscalationReason.OVERDUE for e in detail.escalations) == 1
    assert b.desk.queries.case_detail(b["crm"], saved[0][1]).case_no  # the clerk's case is there


def test_a_second_start_while_a_sweep_runs_does_not_start_another(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    assigned(b)
    b.clock.now = START + timedelta(days=30)
    window = MainWindow(b.desk, b["crm"], "测试网点")
    qtbot.addWidget(window)
    window.start_sweep()
    window.start_sweep()  # the five-minute tick during a running sweep
    qtbot.waitUntil(lambda: not window.sweep_running())
    assert b.desk.cases.sweep() == 0  # all done, once
