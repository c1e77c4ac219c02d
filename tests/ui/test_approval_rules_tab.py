"""设置 → 核决规则 (issue 12 "approvals"): the administrator builds a chain in the real tab."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branchdesk.domain.approvals import ApprovalStep
from branchdesk.domain.vocab import Role, Status
from tests.conftest import Branch, proposed_case
from ui.admin_page import AdminPage
from ui.approval_rules_tab import ApprovalRulesTab


def open_tab(qtbot: QtBot, b: Branch) -> tuple[AdminPage, ApprovalRulesTab]:
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.tabs.setCurrentWidget(page.approval_tab)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "核决规则"
    return page, page.approval_tab


def add_step(tab: ApprovalRulesTab, role: Role, own: bool = False) -> None:
    tab.role_combo.setCurrentIndex(tab.role_combo.findData(role.value))
    tab.own_department.setChecked(own)
    tab._on_add_step()


def column(tab: ApprovalRulesTab, number: int) -> list[str]:
    return [tab.table.item(row, number).text() for row in range(tab.table.rowCount())]


def test_the_admin_builds_a_four_step_chain_and_sees_errors_at_the_field(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page, tab = open_tab(qtbot, b)
    assert column(tab, 3)[0] == "部门经理（责任部门） → 副总经理 → 总经理"  # the shipped rules, in order
    assert column(tab, 2)[1] == "¥5,000.00 及以下"
    assert column(tab, 2)[-1] == "任何案件"
    assert page.size().height() <= 768 and tab.minimumSizeHint().height() <= 700

    tab.clear_form()
    tab.fields.set_value("priority", 1)
    tab.fields.set_value("label", "四级核决")
    tab.fields.set_value("min_amount", "10000")
    tab.fields.set_value("max_amount", "五千")  # not an amount
    add_step(tab, Role.GM)
    add_step(tab, Role.DEPT_MANAGER, own=True)
    add_step(tab, Role.CR_MANAGER)
    add_step(tab, Role.DEPUTY_GM)
    tab.step_list.setCurrentRow(0)
    tab._move_step(1)  # 总经理 down: 部门经理 first
    tab.step_list.setCurrentRow(1)
    for _ in range(3):
        tab._move_step(1)  # …and to the end (the last move has nowhere to go)
    assert [tab.step_list.item(i).text() for i in range(4)] == [
        "1. 部门经理（责任部门）",
        "2. 客户关系经理",
        "3. 副总经理",
        "4. 总经理",
    ]
    tab._on_save()
    assert tab.fields.errors["max_amount"].isVisible()
    assert "金额" in tab.fields.errors["max_amount"].text()
    tab.fields.set_value("max_amount", "5000")
    tab._on_save()  # the band is upside down now
    assert tab.fields.errors["min_amount"].text() == "金额下限不能高于上限"
    assert not tab.fields.errors["max_amount"].isVisible()
    tab.fields.set_value("max_amount", "")
    tab._on_save()
    assert tab.message.text() == "已保存"
    assert column(tab, 1)[0] == "四级核决"
    assert column(tab, 2)[0] == "¥10,000.00 及以上"
    assert column(tab, 3)[0] == "部门经理（责任部门） → 客户关系经理 → 副总经理 → 总经理"
    assert messages == []

    # The saved rule decides the next proposal.
    ref = proposed_case(b, "compensation", "12000")
    assert ref.status == Status.PENDING_APPROVAL
    steps = b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0].steps
    assert steps == (
        ApprovalStep(Role.DEPT_MANAGER, True),
        ApprovalStep(Role.CR_MANAGER),
        ApprovalStep(Role.DEPUTY_GM),
        ApprovalStep(Role.GM),
    )

    # Select it again, remove every step: a no-approval rule; then delete it.
    tab.table.selectRow(0)
    assert tab.fields.value("label") == "四级核决" and tab.fields.value("min_amount") == "10000.00"
    for _ in range(4):
        tab.step_list.setCurrentRow(0)
        tab._on_remove_step()
    assert tab.step_list.item(0).text() == "无审批步骤：提出即核准"
    tab._on_save()
    assert column(tab, 3)[0] == "无需审批"
    tab.table.selectRow(0)
    tab._on_delete()
    assert messages == ["删除核决规则“四级核决”？已提出的处理方案仍按原审批链审批。"]
    assert "四级核决" not in column(tab, 1)
    assert tab.message.text() == "已删除"


def test_the_last_catch_all_cannot_be_deleted_from_the_tab(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    _, tab = open_tab(qtbot, b)
    tab.table.selectRow(tab.table.rowCount() - 1)
    tab._on_delete()
    assert messages[-1].startswith("至少要保留一条启用的兜底规则")
    assert tab.table.rowCount() == 4
    tab.table.selectRow(0)
    tab.fields.set_value("label", "")
    tab._on_save()
    assert tab.fields.errors["label"].text() == "请填写名称"
