"""The app's start-up checks: one instance per database, a damaged file met with the newest good backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.main
from branchdesk.errors import StorageError
from branchdesk.storage import backup as backups
from branchdesk.storage.integrity import check_sqlite_file
from tests.conftest import Branch, complaint_form
from tests.core.test_backup_restore import corrupt_page

pytestmark = pytest.mark.sqlite_only


def cases(path: Path) -> int:
    connection = sqlite3.connect(str(path))
    try:
        return int(connection.execute("SELECT count(*) FROM complaint_case").fetchone()[0])
    finally:
        connection.close()


def damaged_with_a_backup(branch: Branch) -> Path:
    branch.desk.intake.register(branch["clerk"], complaint_form())
    branch.desk.db.dispose()
    assert branch.path is not None
    backups.make_backup(branch.path, backups.DAILY, datetime(2026, 11, 24, 8, 0))
    with open(branch.path, "r+b") as handle:
        handle.truncate(branch.path.stat().st_size // 2)
    return branch.path


def test_a_second_start_on_the_same_database_says_it_is_running(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    path = tmp_path / "branch.sqlite3"
    first = ui.main.single_instance(path)
    assert first not in (None, False)
    assert ui.main.single_instance(path) is False
    monkeypatch.setattr(ui.main.crash, "install", lambda: None)
    opened: list[object] = []
    monkeypatch.setattr(ui.main, "open_desk", lambda *args: opened.append(args))
    assert ui.main.run(str(path), language="zh_CN") == 0
    assert opened == [] and "已经在运行" in messages[-1] and str(path) in messages[-1]
    first.unlock()  # type: ignore[union-attr]
    assert ui.main.single_instance(tmp_path / "other.sqlite3") not in (None, False)  # one lock per database


def test_a_damaged_database_offers_the_newest_good_backup(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    path = damaged_with_a_backup(branch)
    asked: list[str] = []
    monkeypatch.setattr(ui.main, "ask_restore", lambda message, newest: asked.append(message) or True)
    desk = ui.main.open_desk(str(path), demo=False)
    assert "数据库文件不完整" in asked[0]
    assert "已恢复" in messages[-1] and ".damaged" in messages[-1]
    check_sqlite_file(path)
    assert cases(path) == 1 and desk.is_initialised()
    desk.db.dispose()


def test_quitting_at_the_offer_leaves_the_file_alone(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_with_a_backup(branch)
    size = path.stat().st_size
    monkeypatch.setattr(ui.main, "ask_restore", lambda message, newest: False)
    with pytest.raises(ui.main.StartCancelled):
        ui.main.open_desk(str(path), demo=False)
    assert path.stat().st_size == size


def test_without_a_good_backup_the_message_says_what_happened(
    qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StorageError) as caught:
        ui.main.open_desk(str(path), demo=False)
    assert caught.value.text.code == "storage.empty_file"
    assert path.stat().st_size == 0  # not taken for a new database


def test_the_offer_is_restore_or_quit(qtbot: QtBot, branch: Branch) -> None:
    branch.desk.db.dispose()
    assert branch.path is not None
    newest = backups.make_backup(branch.path, backups.DAILY, datetime(2026, 11, 24, 8, 0))
    box, restore_button = ui.main.restore_question("数据库文件不完整", newest)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["恢复备份", "退出"]
    assert box.buttons()[0] is restore_button and box.escapeButton() is box.buttons()[1]
    assert "2026-11-24 08:00" in box.informativeText()


def test_an_emptied_file_is_restored_from_its_backup(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    path = damaged_with_a_backup(branch)
    path.write_bytes(b"")
    monkeypatch.setattr(ui.main, "ask_restore", lambda message, newest: "0 字节" in message)
    desk = ui.main.open_desk(str(path), demo=False)
    assert messages[-1].startswith("已恢复") and "None" not in messages[-1]
    assert cases(path) == 1
    desk.db.dispose()


def damaged_page_with_a_backup(branch: Branch, table: str) -> Path:
    branch.desk.intake.register(branch["clerk"], complaint_form())
    branch.desk.db.dispose()
    path = branch.path
    assert path is not None
    backups.make_backup(path, backups.DAILY, datetime(2026, 11, 24, 8, 0))  # yesterday's, good
    corrupt_page(path, table)
    return path


def test_a_damaged_page_is_found_by_the_days_backup_and_the_next_start_offers_the_backup(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    """The start checks the file's shape only (every page takes minutes at a million cases); the day's
    backup, made beside the login, checks its copy page by page: a damaged page is said at once, and the
    next start reads every page and offers the newest good backup."""
    path = damaged_page_with_a_backup(branch, "print_log")  # a table the start does not read
    desk = ui.main.open_desk(str(path), demo=False)  # opens: the shape is sound
    day = ui.main.start_day_backup(desk)
    assert day is not None
    with qtbot.waitSignal(day.sig_finished, timeout=60_000) as finished:
        pass
    day.wait()
    assert isinstance(finished.args[0], StorageError)
    assert "数据库文件已损坏" in messages[-1]
    desk.db.dispose()
    asked: list[str] = []
    monkeypatch.setattr(ui.main, "ask_restore", lambda message, newest: asked.append(message) or True)
    again = ui.main.open_desk(str(path), demo=False)
    assert "损坏的数据页" in asked[0]
    check_sqlite_file(path)  # every page sound again
    assert cases(path) == 1
    again.db.dispose()


def test_a_damaged_page_met_while_opening_offers_the_backup_at_once(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    path = damaged_page_with_a_backup(branch, "branch")  # read by the start itself
    asked: list[str] = []
    monkeypatch.setattr(ui.main, "ask_restore", lambda message, newest: asked.append(message) or True)
    desk = ui.main.open_desk(str(path), demo=False)
    assert "损坏的数据页" in asked[0] and "已恢复" in messages[-1]
    check_sqlite_file(path)
    assert cases(path) == 1 and desk.is_initialised()
    desk.db.dispose()
