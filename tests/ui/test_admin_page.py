"""设置: the administrator edits configuration through the real screens."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.admin_page import AdminPage
from ui.config_tab import ConfigTab


def tab(page: AdminPage, title: str) -> ConfigTab:
    for index in range(page.tabs.count()):
        if page.tabs.tabText(index) == title:
            widget = page.tabs.widget(index)
            assert isinstance(widget, ConfigTab)
            return widget
    raise AssertionError(title)


def test_admin_creates_a_user_with_two_roles(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    from branchdesk.domain.vocab import Role

    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.user_fields.set_value("username", "xiaoli")
    page.user_fields.set_value("full_name", "小李")
    page.user_fields.set_value("department", "CS")
    page.role_checks[Role.CLERK].setChecked(True)
    page.role_checks[Role.HANDLER].setChecked(True)
    page.user_fields.set_value("password", "short")
    page._on_create_user()
    assert page.user_fields.errors["password"].text() == "密码至少 8 位"
    page.user_fields.set_value("password", "long-enough-9")
    page._on_create_user()
    actor = b.desk.auth.login("xiaoli", "long-enough-9")
    assert actor.roles == {Role.CLERK, Role.HANDLER}


def test_admin_changes_roles_and_deactivates_a_user_on_the_users_page(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from branchdesk.domain.vocab import Role
    from branchdesk.errors import AuthenticationFailed
    from tests.conftest import PASSWORD

    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    row = next(i for i, u in enumerate(page._user_rows) if u.username == "clerk2")
    page.users.selectRow(row)
    assert page.chosen_roles[Role.CLERK].isChecked()
    page.chosen_roles[Role.HANDLER].setChecked(True)
    page._on_save_roles()
    assert b.desk.auth.login("clerk2", PASSWORD).roles == {Role.CLERK, Role.HANDLER}
    row = next(i for i, u in enumerate(page._user_rows) if u.username == "clerk2")
    page.users.selectRow(row)
    assert page.active_button.text() == "停用"
    page.active_button.click()
    row = next(i for i, u in enumerate(page._user_rows) if u.username == "clerk2")
    assert page.users.item(row, 4).text() == "已停用"
    try:
        b.desk.auth.login("clerk2", PASSWORD)
        raise AssertionError("a deactivated user logged in")
    except AuthenticationFailed:
        pass


def test_import_wizard_checks_then_imports_the_sample(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from pathlib import Path

    from ui.import_wizard import ImportWizard

    sample = Path(__file__).resolve().parents[1] / "data" / "ledger-2025-sample.xlsx"
    wizard = ImportWizard(branch.desk, branch["crm"])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(sample))
    assert wizard.file_page.sheet.currentText() == "2025年"
    wizard.next()
    assert wizard.mapping_page.boxes["received_at"].currentText() == "受理日期"
    with qtbot.waitSignal(wizard.sig_finished, timeout=60_000):  # off the GUI thread (issue 17 F)
        wizard.next()
    assert wizard.check_page.table.rowCount() == 60
    assert wizard.check_page.table.item(0, 2).text() == "202501-001"
    assert (
        branch.desk.queries.queue_page(
            branch["crm"], __import__("branchdesk.read.queue", fromlist=["x"]).QueueFilter()
        ).total
        == 0
    )  # the trial run wrote nothing
    with qtbot.waitSignal(wizard.sig_finished, timeout=60_000):
        wizard.next()
    assert wizard.report is not None and wizard.report.imported == 60
    assert "60" in wizard.done_page.result.text()


def test_cr_manager_is_reminded_of_the_monthly_summary(qtbot: QtBot, branch: Branch) -> None:
    from ui.work_page import WorkPage

    page = WorkPage(branch.desk, branch["crm"])  # the test clock is 2026-11-02
    qtbot.addWidget(page)
    # issue 15 part M: the reminder is the policy's report duty (the shipped one: monthly, by the 10th)
    assert not page.reports_due.isHidden() and "2026年10月" in page.reports_due.buttons[-1].text()
    clerk_page = WorkPage(branch.desk, branch["clerk"])
    qtbot.addWidget(clerk_page)
    assert clerk_page.reports_due.isHidden() and clerk_page.monthly_button.isHidden()


def test_the_window_title_follows_a_renamed_branch(qtbot: QtBot, branch: Branch) -> None:
    """设置 → 本单位 renames the branch on another PC: the main window's title follows at the next poll."""
    from dataclasses import replace

    from ui.main_window import MainWindow

    b = branch
    window = MainWindow(b.desk, b["clerk"], "测试分公司", config_version=b.desk.configuration_version)
    qtbot.addWidget(window)
    assert window.windowTitle() == "客诉台 — 测试分公司"
    profile = b.desk.branch_profile.get(b["admin"])
    b.desk.branch_profile.save(b["admin"], replace(profile, name="城东营业部"))
    window._check_config_version()
    assert window.windowTitle() == "客诉台 — 城东营业部"
    window.close()


def test_the_status_bar_names_only_the_keys_this_user_has(qtbot: QtBot, branch: Branch) -> None:
    """The administrator has no intake page and no search box: no Ctrl+N or Ctrl+F offered to him."""
    from ui.main_window import MainWindow

    b = branch
    shown = {}
    for username in ("admin", "clerk"):
        window = MainWindow(b.desk, b[username], "测试分公司")
        qtbot.addWidget(window)
        shown[username] = window.statusBar().currentMessage()
        window.close()
    assert shown["admin"] == "Ctrl+L 锁定"
    assert shown["clerk"] == "Ctrl+N 新建投诉 · Ctrl+F 查找案件 · Ctrl+L 锁定"


def test_a_department_edited_on_a_screen_filled_before_another_pcs_change_is_refused_then_saved_knowingly(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    """Two PCs on one branch: this PC's form was filled before the other PC renamed the department. The
    save is refused naming who changed what, the typed name stays, and a second save applies it."""
    from sqlalchemy import select

    from branchdesk.storage.models import Department
    from tests.conftest import open_branch

    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    departments = tab(page, "部门")
    row = next(i for i, r in enumerate(departments._rows) if r["code"] == "QA")
    departments.table.selectRow(row)
    departments.fields.set_value("name", "品质部")  # typed here, not saved yet

    other_pc = open_branch(b.url)  # the other PC: its own process, the same database
    seen_there = other_pc.desk.configuration_version()
    other_pc.desk.admin.save_department(other_pc["admin"], "QA", "质量管理部", seen=seen_there)
    other_pc.desk.db.dispose()
    page.reload()  # this PC noticed the new version: its tables show the latest (the poll's reload)

    departments._on_save()
    assert len(messages) == 1 and "管理员" in messages[0] and "未保存" in messages[0], messages
    assert departments.fields.value("name") == "品质部"  # what was typed is kept
    with b.desk.db.read() as session:
        assert session.scalars(select(Department.name).where(Department.code == "QA")).one() == "质量管理部"
    departments._on_save()  # told, the administrator saves again: now it applies
    assert len(messages) == 1
    with b.desk.db.read() as session:
        assert session.scalars(select(Department.name).where(Department.code == "QA")).one() == "品质部"
    # The version this PC names moved with its own save: the next edit applies at once.
    departments.fields.set_value("name", "品质管理部")
    departments._on_save()
    assert len(messages) == 1
    with b.desk.db.read() as session:
        assert session.scalars(select(Department.name).where(Department.code == "QA")).one() == "品质管理部"
