"""设置 → 备份与恢复 and the administrator's backup reminder: real widgets, real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from pytestqt.qtbot import QtBot

from branchdesk.storage.backup import MANUAL, RESTORE, list_backups, make_backup
from tests.conftest import Branch, complaint_form
from tests.ui.admin_window import open_settings
from ui.admin_page import AdminPage
from ui.backup_tab import BackupTab
from ui.main import single_instance
from ui.work_page import WorkPage


def cases_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM complaint_case").fetchone()[0])


def backup_tab(qtbot: QtBot, b: Branch) -> BackupTab:
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.backup_tab)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "备份与恢复"
    return page.backup_tab


def back_up(qtbot: QtBot, tab: BackupTab) -> None:
    with qtbot.waitSignal(tab.sig_backed_up, timeout=60_000):
        tab.backup_button.click()


def test_back_up_now_lists_the_backup(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    tab = backup_tab(qtbot, b)
    assert tab.table is not None and tab.table.rowCount() == 0
    back_up(qtbot, tab)
    [info] = list_backups(b.path)  # type: ignore[arg-type]
    assert info.source == MANUAL and info.path.parent == b.path.parent / "backups"  # type: ignore[union-attr]
    assert str(info.path) in tab.message.text()
    assert tab.table.rowCount() == 1
    row = [tab.table.item(0, column).text() for column in range(6)]
    assert row == [
        info.created.strftime("%Y-%m-%d %H:%M"),
        f"{info.size / 1_048_576:.1f} MB",
        str(info.cases),
        info.anchor,
        "手动备份",
        info.path.name,
    ]


def test_restore_from_the_tab_while_the_app_holds_its_lock(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    assert b.path is not None
    lock = single_instance(b.path)  # the running app's instance lock, as ui.main takes it
    assert isinstance(lock, QLockFile)
    try:
        tab = backup_tab(qtbot, b)
        back_up(qtbot, tab)
        before = cases_in(b.path)
        b.desk.intake.register(b["clerk"], complaint_form())  # after the backup: gone after the restore
        assert cases_in(b.path) == before + 1
        tab.table.selectRow(0)  # type: ignore[union-attr]
        with qtbot.waitSignal(tab.sig_restored, timeout=60_000):
            tab.restore_button.click()
        assert "先备份当前数据库" in messages[0]
        assert cases_in(b.path) == before
        [previous] = [info for info in list_backups(b.path) if info.source == RESTORE]
        assert previous.cases == before + 1 and str(previous.path) in messages[-1]
    finally:
        lock.unlock()


def test_restore_without_a_selection_says_so(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    tab = backup_tab(qtbot, branch)
    tab.restore_button.click()
    assert tab.message.text() == "请先在列表中选择一个备份。"
    assert messages == []


def test_the_second_folder_gets_a_copy_and_a_failed_copy_is_reported(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path
) -> None:
    b = branch
    usb = tmp_path / "usb"
    usb.mkdir()
    tab = backup_tab(qtbot, b)
    assert tab.set_folder(str(usb))
    assert tab.folder.text() == str(usb) and b.desk.backup_copy_folder() == str(usb)
    back_up(qtbot, tab)
    [info] = list_backups(b.path)  # type: ignore[arg-type]
    assert (usb / info.path.name).read_bytes() == info.path.read_bytes()
    assert (usb / (info.path.name + ".json")).is_file()
    assert str(usb / info.path.name) in tab.message.text()
    usb.rename(tmp_path / "unplugged")  # the USB disk is gone: the backup is made, the copy reported
    b.clock.now += timedelta(minutes=1)
    back_up(qtbot, tab)
    assert len(list_backups(b.path)) == 2  # type: ignore[arg-type]
    assert "未能复制到第二个文件夹" in tab.message.text()


def test_the_reminder_shows_when_the_last_copy_is_old_and_hides_after_one(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path
) -> None:
    b = branch
    assert b.path is not None
    work = WorkPage(b.desk, b["admin"])
    qtbot.addWidget(work)
    assert work.backup_reminder.isVisibleTo(work) and not work.backup_now.isVisibleTo(work)  # no folder
    usb = tmp_path / "usb"
    usb.mkdir()
    make_backup(b.path, MANUAL, b.clock() - timedelta(days=8), target=usb / "old.sqlite3")
    b.desk.admin.set_setting(b["admin"], "backup_copy_folder", str(usb))
    work.refresh()
    assert work.backup_reminder.isVisibleTo(work) and "7" in work.backup_text.text()
    with qtbot.waitSignal(work.sig_backed_up, timeout=60_000):
        work.backup_now.click()
    assert not work.backup_reminder.isVisibleTo(work)
    assert len(list(usb.glob("*.json"))) == 2
    clerk = WorkPage(b.desk, b["clerk"])
    qtbot.addWidget(clerk)
    assert not clerk.backup_reminder.isVisibleTo(clerk)


@pytest.mark.parametrize("size", [(1366, 768)])
def test_the_backup_tab_fits_the_screen(qtbot: QtBot, branch: Branch, size: tuple[int, int]) -> None:
    b = branch
    window, page = open_settings(qtbot, b, "backup_tab", size)
    hint = window.sizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= size[0] and hint.height() <= size[1] - 40, hint
    assert page.backup_tab.restore_button.isVisible()
    window.close()


def test_the_daily_backup_at_start_is_copied_to_the_second_folder(
    qtbot: QtBot, branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """… and the day's start takes the planner's statistics when the branch has none (issue 16)."""
    from branchdesk.storage import statistics
    from ui.main import open_desk, start_day_backup

    b = branch
    assert b.path is not None
    monkeypatch.setattr(statistics, "MIN_CASES", 1)
    b.desk.intake.register(b["clerk"], complaint_form())
    with sqlite3.connect(b.path) as connection:
        connection.execute("DROP TABLE IF EXISTS sqlite_stat1")
    usb = tmp_path / "usb"
    usb.mkdir()
    b.desk.admin.set_setting(b["admin"], "backup_copy_folder", str(usb))
    b.desk.db.dispose()
    desk = open_desk(str(b.path), False)
    try:
        assert list_backups(b.path) == []  # the window does not wait for it: it runs beside the login
        day = start_day_backup(desk)
        assert day is not None
        with qtbot.waitSignal(day.sig_finished, timeout=60_000) as finished:
            pass
        day.wait()
        assert finished.args == [None]
        [daily] = list_backups(b.path)
        assert (usb / daily.path.name).read_bytes() == daily.path.read_bytes()
        with sqlite3.connect(b.path) as connection:
            assert statistics.recorded_cases(connection) is not None
        again = start_day_backup(desk)  # a later start the same day: nothing more
        assert again is not None
        again.wait()  # (a QThread must not be destroyed while it runs)
        assert len(list_backups(b.path)) == 1
    finally:
        desk.db.dispose()


def test_the_reminder_opens_the_tab_and_a_restore_closes_the_main_window(
    qtbot: QtBot, branch: Branch
) -> None:
    from ui.main_window import MainWindow

    b = branch
    window = MainWindow(b.desk, b["admin"], "Test branch")
    qtbot.addWidget(window)
    window.show()
    page = window.findChild(AdminPage)
    assert page is not None
    window.work.choose_folder.click()
    assert window.pages.currentWidget() is page and page.tabs.currentWidget() is page.backup_tab
    page.backup_tab.sig_restored.emit()
    assert not window.isVisible()


def test_a_copy_folder_changed_on_another_pc_is_not_silently_replaced(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path
) -> None:
    from tests.conftest import open_branch

    b = branch
    tab = backup_tab(qtbot, b)
    shown = tab.folder.text()
    other_pc = open_branch(b.url)
    nas = str(tmp_path / "nas")
    other_pc.desk.admin.set_setting(other_pc["admin"], "backup_copy_folder", nas, seen=shown)
    other_pc.desk.db.dispose()
    assert not tab.set_folder(str(tmp_path / "usb"))  # this PC still showed the old folder
    assert len(messages) == 1 and "管理员" in messages[0], messages
    assert b.desk.backup_copy_folder() == nas
    assert tab.folder.text() == nas  # now it shows what the other PC set
    assert tab.set_folder(str(tmp_path / "usb"))  # chosen again, knowingly: saved
    assert b.desk.backup_copy_folder() == str(tmp_path / "usb")
