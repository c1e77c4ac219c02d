"""First run, login and the main window, driven through the real widgets and services."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from branchdesk.services import BranchDesk
from branchdesk.storage.database import Database, resolve_url
from tests.conftest import PASSWORD, Branch
from ui.first_run_dialog import FirstRunDialog
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def ok_button(dialog: object) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    return box.button(QDialogButtonBox.StandardButton.Ok)


def test_first_run_creates_the_branch_and_its_administrator(qtbot: QtBot, tmp_path: Path) -> None:
    desk = BranchDesk(Database(resolve_url(str(tmp_path / "new.sqlite3"))))
    dialog = FirstRunDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "初始化客诉台"
    dialog.name.setText("杭州西湖网点")
    dialog.code.setText("hz01")
    dialog.username.setText("boss")
    dialog.full_name.setText("王经理")
    dialog.password.setText("short")
    dialog.password_again.setText("short")
    ok_button(dialog).click()
    assert dialog.message.text() == "密码至少 8 位"
    assert not desk.is_initialised()
    dialog.password.setText("long-enough-1")
    dialog.password_again.setText("long-enough-2")
    ok_button(dialog).click()
    assert dialog.message.text() == "两次输入的密码不一致。"
    dialog.password_again.setText("long-enough-1")
    ok_button(dialog).click()
    assert desk.is_initialised()
    assert desk.auth.login("boss", "long-enough-1").full_name == "王经理"


def test_login_refuses_a_wrong_password_without_saying_which_part(qtbot: QtBot, branch: Branch) -> None:
    dialog = LoginDialog(branch.desk, "测试网点")
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("clerk"))
    dialog.password.setText("wrong-password")
    ok_button(dialog).click()
    assert dialog.message.text() == "用户名或密码错误"
    assert dialog.actor is None
    dialog.password.setText(PASSWORD)
    ok_button(dialog).click()
    assert dialog.actor is not None and dialog.actor.full_name == "王小红"


def test_main_window_shows_my_work_counts_and_who_is_working(qtbot: QtBot, branch: Branch) -> None:
    from tests.conftest import complaint_form

    branch.desk.intake.register(branch["clerk"], complaint_form(media_involved=True))
    window = MainWindow(branch.desk, branch["crm"], "测试网点")
    qtbot.addWidget(window)
    assert window.work.count_buttons["to_triage"].text() == "待分诊\n1"
    assert "202611-001" in window.work.major_banner.text() and not window.work.major_banner.isHidden()
    assert window.who.text() == "陈静 · 客户关系经理"
    window.work.count_buttons["to_triage"].click()
    assert window.pages.currentWidget() is window.queue
    assert window.queue is not None and window.queue.model.total == 1


def test_zh_cn_catalogue_is_complete_for_every_tr_string(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    ts = tmp_path / "check.ts"
    shutil.copy(ROOT / "resources/translations/branchdesk_zh_CN.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-no-obsolete", "-ts", str(ts)], check=True, capture_output=True)
    messages = ET.parse(ts).getroot().iter("message")
    unfinished = [
        m.findtext("source")
        for m in messages
        if (
            m.find("translation") is None
            or m.find("translation").get("type") == "unfinished"
            or not m.findtext("translation")
        )
    ]
    assert unfinished == []
    assert (ROOT / "resources/translations/branchdesk_zh_CN.qm").stat().st_mtime > 0


@pytest.mark.slow
def test_demo_database_is_built_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.main import open_desk

    desk = open_desk(str(tmp_path / "demo.sqlite3"), demo=True)
    assert desk.is_initialised()
    crm = desk.auth.login("crm", "demo1234")
    from branchdesk.read.queue import QueueFilter

    assert desk.queries.queue_page(crm, QueueFilter()).total > 250


def test_a_draft_opens_in_the_intake_form(qtbot: QtBot, branch: Branch) -> None:
    from tests.conftest import complaint_form

    draft = branch.desk.intake.save_draft(branch["clerk"], complaint_form(content=""))
    window = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(window)
    assert window.open_case(draft.id) is None
    assert window.intake is not None and window.pages.currentWidget() is window.intake
    assert window.intake.title.text() == f"草稿 {draft.case_no}"
    assert window.intake.fields.value("complainant_name") == "李先生"


def test_an_unfinished_intake_is_offered_back_at_the_next_start(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, messages: list[str]
) -> None:
    import ui.main_window as main_window

    monkeypatch.setattr(main_window, "default_data_dir", lambda: tmp_path)
    first = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(first)
    assert first.intake is not None
    first.intake.fields.set_value("complainant_name", "赵先生")
    first.close()  # flushes the recovery file
    second = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(second)
    qtbot.waitUntil(
        lambda: second.intake is not None and second.intake.fields.value("complainant_name") == "赵先生"
    )
    assert "赵先生" in messages[-1]  # the question named the unfinished complaint
    assert second.pages.currentWidget() is second.intake


def test_lock_needs_the_password(qtbot: QtBot, branch: Branch) -> None:
    from ui.lock import LockDialog

    dialog = LockDialog(branch.desk, branch["clerk"])
    qtbot.addWidget(dialog)
    dialog.reject()  # Esc does not unlock
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.password.setText("wrong-password")
    ok_button(dialog).click()
    assert dialog.message.text() == "用户名或密码错误"
    dialog.password.setText(PASSWORD)
    ok_button(dialog).click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_core_finds_the_desktop_app_through_its_entry_point() -> None:
    from importlib.metadata import entry_points

    import ui.main

    front_ends = list(entry_points(group="branchdesk.gui"))
    assert [f.load() for f in front_ends] == [ui.main.run]
