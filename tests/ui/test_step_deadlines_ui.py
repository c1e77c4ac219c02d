"""Step deadlines through the real widgets (issue 12, part "steps"): 首次联系 in the case window, the
step policy tab in 设置, and the 工作台's "steps due soon" / "steps overdue" piles."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from branchdesk.domain.steps import StepOutcome, StepState, TrackedStep
from branchdesk.domain.vocab import DeadlineStep
from branchdesk.domain.workflow import Action
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import TriageInput
from tests.conftest import START, Branch, complaint_form
from ui.admin_page import AdminPage
from ui.case_detail import CaseDetailView
from ui.queue_page import QueueView
from ui.work_page import WorkPage


def assigned(b: Branch) -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form())
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


def test_first_contact_through_the_case_window(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    case_id = assigned(b)
    view = CaseDetailView(b.desk, b["handler"], b.desk.queries.lookups(b["handler"]), case_id)
    qtbot.addWidget(view)
    assert view.detail is not None
    assert view.buttons[Action.FIRST_CONTACT].isEnabled(), view.buttons[Action.FIRST_CONTACT].toolTip()
    assert "首次联系客户" in view.body.toPlainText()
    dialog = view.dialog_for(Action.FIRST_CONTACT, view.detail)
    assert dialog is not None
    dialog.fields.set_value("method", "sms")
    dialog.fields.set_value("note", "已短信告知处理进度")
    dialog.fields.set_value("contacted_at", START + timedelta(days=2))  # later than now: refused at the field
    dialog._on_ok()
    assert dialog.result_value is None
    assert not dialog.fields.errors["contacted_at"].isHidden()
    assert dialog.fields.value("note") == "已短信告知处理进度"  # what was typed is kept
    dialog.fields.set_value("contacted_at", None)
    dialog._on_ok()
    assert dialog.result_value is not None
    view.refresh()
    assert view.detail is not None
    first = next(s for s in view.detail.deadlines.steps if s.step is DeadlineStep.FIRST_CONTACT)
    assert first.state is StepState.DONE
    assert not view.buttons[Action.FIRST_CONTACT].isEnabled()  # once
    assert "已完成" in view.body.toPlainText()
    assert view.detail.timeline[-1].action == "first_contact"


def test_the_step_policy_tab_saves_and_refuses_at_the_field(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "环节期限" in titles
    tab = page.step_policy_tab.table_tab
    # one policy per tracked step: no 新建, and the step of a row is shown, not changed
    assert not tab.new_button.isVisibleTo(tab)
    assert not tab.fields.widgets["step"].isEnabled()
    row = next(i for i, r in enumerate(tab._rows) if r["step"] == "first_contact")
    tab.table.selectRow(row)
    assert tab.fields.value("step") == "first_contact"
    assert tab.fields.value("warn_before_minutes") == 30
    tab.fields.set_value("on_overdue", "notify")
    tab.fields.set_value("role", "")
    tab._on_save()
    assert not tab.fields.errors["role"].isHidden()
    assert tab.fields.errors["role"].text() == "请选择要升级或通知的角色"
    tab.fields.set_value("role", "dept_manager")
    tab.fields.set_value("warn_before_minutes", 15)
    tab._on_save()
    assert tab.message.text() == "已保存"
    saved = {p.step: p for p in b.desk.step_policy.policies(b["admin"])}[TrackedStep.FIRST_CONTACT]
    assert (saved.warn_before_minutes, saved.on_overdue, saved.role) == (
        15,
        StepOutcome.NOTIFY,
        "dept_manager",
    )


def test_the_work_page_shows_the_step_piles(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    case_id = assigned(b)
    b.clock.now = START + timedelta(minutes=40)
    page = WorkPage(b.desk, b["crm"])
    qtbot.addWidget(page)
    soon, late = page.count_buttons["steps_due_soon"], page.count_buttons["steps_overdue"]
    assert soon.text().endswith("\n1") and late.text().endswith("\n0"), (soon.text(), late.text())
    with qtbot.waitSignal(page.sig_show_queue) as shown:
        soon.click()
    pile = shown.args[0]
    assert isinstance(pile, QueueFilter) and pile.steps_due_soon
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    b.desk.intake.register(b["clerk"], complaint_form(order_no="SO-OTHER", phone="13912345678"))
    queue.reload()
    assert queue.model.total == 2  # the queue, unfiltered
    queue.apply_preset(pile)  # as the main window does with the pile's filter
    assert [r.id for r in queue.model.rows] == [case_id]
    b.clock.now = START + timedelta(hours=2)
    b.desk.cases.sweep()
    page.refresh()
    assert late.text().endswith("\n1") and "c0392b" in late.styleSheet()
    mine = page.count_buttons["steps_alerted_to_me"]  # escalated naming the 客户关系经理 (the default)
    assert mine.text() == "提醒我的逾期环节\n1"
