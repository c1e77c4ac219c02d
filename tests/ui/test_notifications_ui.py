"""The bell (issue 17 "notify") with real widgets: its count and list, opening a case from it, 全部已读, the
tray (none offscreen: nothing happens, no error), the list in English — and a notification written by a
second app instance (another process on the same SQLite file) reaching the real main window within its
poll interval."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from branchdesk.services.dto import TriageInput
from tests.conftest import Branch, complaint_form
from tests.ui.test_english_walk import chinese_left, english, user_data, worked_case  # noqa: F401
from ui.main_window import MainWindow
from ui.notifications import NotificationBell
from ui.operations import app_signals

ROOT = Path(__file__).resolve().parents[2]


def assign_to_handler(b: Branch, phone: str = "138 0013 5678") -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form(phone=phone))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def handler_window(qtbot: QtBot, b: Branch) -> tuple[MainWindow, NotificationBell]:
    window = MainWindow(b.desk, b["handler"], "测试网点")
    qtbot.addWidget(window)
    window.show()
    return window, window.notifications


def test_the_bell_counts_lists_opens_and_marks_read(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    first = assign_to_handler(b)
    window, bell = handler_window(qtbot, b)
    assert bell.unread == 1 and bell.text() == "通知（1）" and bell.toolTip() == "1 条未读通知"
    assert window.menuBar().cornerWidget() is bell
    # Something new arrives: the poll counts it and announces its case so open screens reload.
    second = assign_to_handler(b, phone="139 0000 3333")
    with qtbot.waitSignal(app_signals().sig_case_changed, check_params_cb=lambda cid: cid == second):
        bell.poll()
    assert bell.unread == 2
    dialog = bell.show_list()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    texts = [dialog.table.item(r, 0).text() for r in range(2)]
    assert texts[0].startswith("陈静 将案件") and texts[0].endswith("分派给您处理"), texts
    assert dialog.table.item(0, 1).text() == dialog.rows[0].case_no and dialog.rows[0].case_id == second
    assert dialog.table.item(0, 0).font().bold()
    # Clicking a row opens the case window and marks that one read.
    dialog.table.cellClicked.emit(1, 0)
    assert first in window.detail_windows and window.detail_windows[first].isVisible()
    assert bell.unread == 1 and bell.text() == "通知（1）"
    assert not dialog.table.item(1, 0).font().bold() and dialog.table.item(0, 0).font().bold()
    # 全部已读.
    assert dialog.mark_all_button.text() == "全部已读"
    dialog.mark_all_button.click()
    assert bell.unread == 0 and bell.text() == "通知" and bell.toolTip() == "没有未读通知"
    assert not dialog.mark_all_button.isEnabled()
    assert b.desk.notifications.unread_count(b["handler"]) == 0
    window.close()
    assert not bell.timer.isActive()  # the session is over: no more polls


def test_another_user_sees_only_their_own_and_offscreen_has_no_tray(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    assign_to_handler(b)
    window = MainWindow(b.desk, b["handler2"], "测试网点")
    qtbot.addWidget(window)
    bell = window.notifications
    assert bell.unread == 0 and bell.show_list().table.rowCount() == 0
    assert bell.list_dialog is not None and bell.list_dialog.empty.isVisibleTo(bell.list_dialog)
    assert not QSystemTrayIcon.isSystemTrayAvailable() and bell.tray is None
    window.close()


def test_the_poll_interval_is_the_setting(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    window, bell = handler_window(qtbot, b)
    assert bell.timer.interval() == 20_000 and bell.timer.isActive()
    b.desk.admin.set_setting(b["admin"], "notification_poll_seconds", 3)
    app_signals().sig_config_changed.emit()
    assert bell.timer.interval() == 3_000
    window.close()


def test_the_notification_list_reads_english(qtbot: QtBot, branch: Branch, english: None) -> None:  # noqa: F811
    b = branch
    worked_case(b)
    assign_to_handler(b, phone="139 0000 4444")
    window = MainWindow(b.desk, b["qa_mgr"], "Test branch")  # an approval waited for them (now signed)
    qtbot.addWidget(window)
    dialog = window.notifications.show_list()
    assert dialog.table.rowCount() == 1
    assert "waits for your approval" in dialog.table.item(0, 0).text()
    problems = chinese_left(dialog, user_data(b)) + chinese_left(window.notifications, user_data(b))
    assert not problems, problems
    window.close()


#: The second app instance: another process on the same file registers a case and assigns it to 张伟.
SECOND_INSTANCE = """
import sys
from sqlalchemy import select
from branchdesk.services import BranchDesk
from branchdesk.services.auth import actor_of
from branchdesk.services.dto import TriageInput
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import User
from tests.conftest import complaint_form

desk = BranchDesk(Database(resolve_url(sys.argv[1])))
with desk.db.read() as session:
    actors = {u.username: actor_of(u) for u in session.scalars(select(User))}
ref = desk.intake.register(actors["clerk"], complaint_form(phone="137 0000 9999"))
handler = actors["handler"]
desk.cases.triage(
    actors["crm"],
    ref.id,
    TriageInput(valid=True, category_code="business.damage", severity="normal",
                responsible_department_id=handler.department_id, handler_id=handler.user_id),
)
print(ref.id)
"""


def test_a_notification_from_another_process_reaches_the_main_window_within_the_poll_interval(
    qtbot: QtBot, branch: Branch
) -> None:
    b = branch
    assert b.path is not None
    interval = 1  # seconds, through the setting (the shipped value is 20)
    b.desk.admin.set_setting(b["admin"], "notification_poll_seconds", interval)
    window, bell = handler_window(qtbot, b)
    assert bell.unread == 0 and bell.timer.interval() == interval * 1000
    changed: list[int] = []
    app_signals().sig_case_changed.connect(changed.append)
    try:
        result = subprocess.run(
            [sys.executable, "-c", SECOND_INSTANCE, str(b.path)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        case_id = int(result.stdout.strip().splitlines()[-1])
        written = time.monotonic()
        # The main window does nothing but wait: only its timer's poll can see the other process's write.
        qtbot.waitUntil(lambda: bell.unread == 1, timeout=interval * 1000 + 1500)
        seen_after = time.monotonic() - written
    finally:
        app_signals().sig_case_changed.disconnect(changed.append)
    assert seen_after <= interval + 1.5
    assert case_id in changed  # open screens of that case reload
    assert bell.text() == "通知（1）"
    dialog = bell.show_list()
    assert dialog.rows[0].case_id == case_id and dialog.table.item(0, 0).text().endswith("分派给您处理")
    print(f"notification seen {seen_after:.2f} s after the other process committed (interval {interval} s)")
    window.close()


def test_where_there_is_a_tray_new_arrivals_pop_up_there(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    assign_to_handler(b)  # there at login: counted, not popped up
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda self, title, text, *args: shown.append((title, text))
    )
    window, bell = handler_window(qtbot, b)
    assert bell.tray is not None and bell.unread == 1 and shown == []
    assign_to_handler(b, phone="139 0000 5555")
    bell.poll()
    assert len(shown) == 1 and shown[0][0] == "客诉台" and shown[0][1].endswith("分派给您处理"), shown
    bell.poll()
    assert len(shown) == 1  # nothing new: nothing shown again
    assign_to_handler(b, phone="139 0000 6666")
    assign_to_handler(b, phone="139 0000 7777")
    bell.poll()
    assert shown[-1][0] == "2 条新通知" and bell.unread == 4
    window.close()
