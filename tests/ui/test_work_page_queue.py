"""The work page and the queue through the real widgets (issue 17, part D): a tile's count is the number
of rows the queue shows after clicking it, a chart bar opens exactly its cases, 清除筛选 reloads,
分派 of several selected cases, and 打开文件 / 打开所在文件夹 after an export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from branchdesk.read.queue import QueueFilter
from tests.conftest import Branch
from tests.work_cases import many_states
from ui.bulk_assign import BulkAssignDialog
from ui.export_done import ExportDone
from ui.main_window import MainWindow
from ui.queue_page import QueueView


def window_of(qtbot: QtBot, b: Branch, who: str) -> MainWindow:
    window = MainWindow(b.desk, b[who], "测试网点")
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    return window


def all_rows(queue: QueueView) -> list[int]:
    """Every row the queue shows, paged in as a user scrolling to the end would."""
    while queue.model.canFetchMore():
        queue.model.fetchMore()
    return [row.id for row in queue.model.rows]


def test_every_tile_shows_as_many_rows_as_it_counts(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    ids = many_states(b)
    checked = 0
    for who in ("crm", "clerk", "handler", "qa_mgr", "gm"):
        window = window_of(qtbot, b, who)
        assert window.queue is not None
        # the user's own remembered filters must not change what a tile opens
        window.queue.kind.setCurrentIndex(window.queue.kind.findData("complaint"))
        window.queue.major.setChecked(True)
        tiles = {key: button for key, button in window.work.count_buttons.items() if not button.isHidden()}
        assert tiles, who
        for key, button in tiles.items():
            counted = int(button.text().rsplit("\n", 1)[1])
            button.click()
            assert window.pages.currentWidget() is window.queue
            rows = all_rows(window.queue)
            assert len(rows) == counted == window.queue.model.total, (who, key, counted, rows)
            pile = window.queue.pile_label
            assert not pile.isHidden() and button.property("label") in pile.text(), (key, pile.text())
            checked += 1
            window.nav.setCurrentRow(0)
        if who == "crm":
            assert tiles["awaiting_reply"].text() == "待答复\n2"
            tiles["awaiting_reply"].click()
            assert set(all_rows(window.queue)) == {ids["awaiting_reply"], ids["invalid"]}
            assert tiles["my_cases"].text() == "我的案件\n0"
        if who == "clerk":  # 王小红: her open cases only; no triage tile (not hers to act on)
            assert "to_triage" not in tiles
            assert tiles["my_cases"].text() == "我的案件\n4"
        if who == "handler":  # 张伟 sees only the cases he handles
            assert tiles["my_cases"].text() == "我的案件\n3"
        window.close()
    assert checked >= 40


def test_a_chart_bar_opens_exactly_its_cases(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    ids = many_states(b)
    for who in ("crm", "handler"):
        window = window_of(qtbot, b, who)
        assert window.queue is not None
        charts = window.work.charts
        assert set(charts.views) == {"weeks", "timing", "departments", "categories"}
        clicked = 0
        for key, targets in charts.targets.items():
            for (item, index, f), (count, _) in zip(targets, charts.bars[key], strict=True):
                if not count:
                    continue
                with qtbot.waitSignal(window.work.sig_show_queue) as shown:
                    if index < 0:
                        item.clicked.emit()  # a pie slice, as a mouse click on it emits
                    else:
                        item.clicked.emit(index)  # a bar of a bar set
                assert shown.args[0] == f
                assert window.pages.currentWidget() is window.queue
                assert len(all_rows(window.queue)) == count == window.queue.model.total, (who, key, f)
                clicked += 1
        assert clicked >= (8 if who == "crm" else 4), clicked
        window.close()
    # one bar by hand: the late answer of five weeks back is the only late case
    window = window_of(qtbot, b, "crm")
    charts = window.work.charts
    late = [(item, index) for item, index, f in charts.targets["timing"] if f.timing == "late"]
    counts = [count for count, f in charts.bars["timing"] if f.timing == "late"]
    item, index = late[counts.index(1)]
    item.clicked.emit(index)
    assert window.queue is not None and all_rows(window.queue) == [ids["answered_late"]]


def test_clear_filters_clears_and_reloads(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    many_states(b)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    everything = queue.model.total
    queue.apply_preset(QueueFilter(statuses=["registered"], pile="to_triage"))
    queue.search.setText("客户5")
    queue.reload()
    assert queue.model.total == 1
    queue.clear_button.click()  # clicked(False) once reached clear_filters(reload=False): nothing reloaded
    assert queue.search.text() == "" and queue.pile_label.isHidden()
    assert queue.model.total == everything > 1


def test_bulk_assign_goes_through_for_all_but_the_stale_case(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from tests.core.test_bulk_assign import waiting_for_a_handler

    b = branch
    ids = waiting_for_a_handler(b, 3)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    queue.show()
    assert not queue.assign_button.isHidden() and not queue.assign_button.isEnabled()
    selection = queue.table.selectionModel()
    for row, case in enumerate(queue.model.rows):
        if case.id in ids:
            selection.select(
                queue.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
    assert sorted(r.id for r in queue.selected_rows()) == ids and queue.assign_button.isEnabled()
    b.clock.advance(minutes=5)
    b.desk.cases.assign(b["qa_mgr"], ids[1], b["sales_mgr"].user_id)  # another PC, after the list was read
    dialogs: list[BulkAssignDialog] = []

    def drive(dialog: object) -> None:
        assert isinstance(dialog, BulkAssignDialog)
        dialogs.append(dialog)
        dialog.submit()  # no handler chosen: said at the dialog, nothing written
        assert dialog.error.text() == "请选择处理责任人" and dialog.outcome is None
        dialog.handler.setCurrentIndex(dialog.handler.findData(b["handler"].user_id))
        dialog.note.setText("批量分派")
        dialog.submit()

    queue.open_dialog = drive  # type: ignore[method-assign]
    queue.assign_button.click()
    outcome = dialogs[0].outcome
    assert outcome is not None and len(outcome.done) == 2
    assert len(messages) == 1  # one summary
    assert messages[0].startswith("已分派 2 件。\n1 件未分派：") and "赵强" in messages[0], messages
    handlers = {row.id: row.handler_name for row in queue.model.rows}  # reloaded on the change
    assert [handlers[i] for i in ids] == ["张伟", "孙丽", "张伟"]
    clerk = QueueView(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]))
    qtbot.addWidget(clerk)
    assert clerk.assign_button.isHidden()


def test_an_export_offers_to_open_the_file_and_its_folder(
    qtbot: QtBot, branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    b = branch
    many_states(b)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    target = tmp_path / "台帐.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    queue.export_button.click()  # off the GUI thread with a progress dialog, then the message
    assert target.exists()
    box = queue.findChild(ExportDone)
    assert box is not None and box.isVisible() and str(target) in box.text()
    assert [box.open_file_button.text(), box.open_folder_button.text()] == ["打开文件", "打开所在文件夹"]
    box.open_folder_button.click()
    assert opened == [str(tmp_path)]
    queue.export_button.click()
    box = next(w for w in queue.findChildren(ExportDone) if w.isVisible())
    box.open_file_button.click()
    assert opened == [str(tmp_path), str(target)]
