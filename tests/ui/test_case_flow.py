"""A complaint through the real widgets and services: typed in, triaged, assigned, investigated,
proposed above ¥5,000, refused for the proposer and for the recused employee, approved at two levels
by two other managers, replied, followed up and closed — with the queue and the timeline showing it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Status
from branchdesk.domain.workflow import Action
from branchdesk.storage.backup import backup_sqlite
from tests.conftest import PASSWORD, Branch, open_branch
from ui.case_detail import CaseDetailView
from ui.intake_page import IntakePage, recovery_path
from ui.language import label
from ui.queue_model import display
from ui.queue_page import QueueView


def detail_as(qtbot: QtBot, b: Branch, username: str, case_id: int) -> CaseDetailView:
    view = CaseDetailView(b.desk, b[username], b.desk.queries.lookups(b[username]), case_id)
    qtbot.addWidget(view)
    return view


def act(view: CaseDetailView, action: Action, **values: object) -> object:
    assert view.detail is not None
    assert view.buttons[action].isEnabled(), view.buttons[action].toolTip()
    dialog = view.dialog_for(action, view.detail)
    assert dialog is not None
    for name, value in values.items():
        dialog.fields.set_value(name, value)
    dialog._on_ok()
    view.refresh()
    return dialog.result_value


def test_a_complaint_through_every_screen(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    b = branch
    # --- intake by the clerk: a validation message first, nothing typed is lost ---------------
    intake = IntakePage(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]), tmp_path)
    qtbot.addWidget(intake)
    intake.show()
    f = intake.fields
    f.set_value("phone", "139 1234 5678")
    f.set_value("complainant_name", "周女士")
    f.set_value("channel", "phone")
    f.set_value("request_type", "compensation")
    f.set_value("request_amount", "8000")
    f.set_value("complained_user_id", b["deputy"].user_id)
    f.set_value("order_no", "SO-88")
    intake.submit()
    assert not f.errors["content"].isHidden()
    assert f.errors["content"].text() == "请填写投诉内容"
    assert f.value("complainant_name") == "周女士"
    f.set_value("content", "冷链配送延误三天，整批货物变质。")
    intake.submit()
    assert intake.title.text() == "投诉 202611-001"
    assert "202611-001" in intake.message.text()

    # --- the CR manager finds it in the queue and triages it --------------------------------
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    assert queue.model.total == 1 and display(queue.model.rows[0], "status") == "待分诊"
    case_id = queue.model.rows[0].id
    crm = detail_as(qtbot, b, "crm", case_id)
    sales = b["sales_mgr"].department_id
    act(
        crm,
        Action.TRIAGE,
        valid=True,
        category="business.delay",
        severity="normal",
        responsible_department=sales,
        handler=b["sales_mgr"].user_id,
    )
    queue.reload()
    assert display(queue.model.rows[0], "status") == "处理中" and queue.model.rows[0].handler_name == "孙丽"
    assert display(queue.model.rows[0], "severity") == "中度"  # ¥8,000 asked: at least 中度

    # --- the handler (孙丽) investigates and proposes ¥8,000 --------------------------------
    handler = detail_as(qtbot, b, "sales_mgr", case_id)
    act(
        handler,
        Action.RECORD_INVESTIGATION,
        cause="排车失误",
        details="承运商延误三天",
        conclusion="投诉属实",
        responsibility="ours",
        responsible_department=sales,
    )
    act(handler, Action.PROPOSE, resolution_type="compensation", amount="8000", text="赔偿货款")
    assert handler.detail is not None and handler.detail.status is Status.PENDING_APPROVAL

    # --- refused for the proposer (separation of duties) and for the recused employee -------
    # The button already says why (the frozen chain's signing rules, issue 12 "approvals").
    assert not handler.buttons[Action.APPROVE].isEnabled()
    refused = handler.buttons[Action.APPROVE].toolTip().splitlines()[0]  # then the shortcut (issue 17)
    assert refused == "不能审批自己提出的处理方案（职责分离）"
    recused = detail_as(qtbot, b, "deputy", case_id)
    assert not recused.buttons[Action.APPROVE].isEnabled()
    assert recused.buttons[Action.APPROVE].toolTip().splitlines()[0] == "您是本案被投诉人，依规定回避"

    # --- two other managers sign the two levels ------------------------------------------------
    deputy2 = detail_as(qtbot, b, "deputy2", case_id)
    act(deputy2, Action.APPROVE, decision="approve", password="wrong-password")
    assert messages[-1] == "密码错误，未签署"
    act(deputy2, Action.APPROVE, decision="approve", password=PASSWORD)
    gm = detail_as(qtbot, b, "gm", case_id)
    act(gm, Action.APPROVE, decision="approve", password=PASSWORD)
    assert gm.detail is not None and gm.detail.status is Status.AWAITING_REPLY
    signatures = [(a.printed_name, label(a.signed_role)) for a in gm.detail.resolutions[0].approvals]
    assert signatures == [("吴敏", "副总经理"), ("郑总", "总经理")]

    # --- reply, follow-up, close ---------------------------------------------------------
    clerk = detail_as(qtbot, b, "clerk", case_id)
    act(clerk, Action.REPLY, method="phone", content="已电话告知赔偿 8000 元", accepted=True)
    clerk2 = detail_as(qtbot, b, "clerk2", case_id)
    act(clerk2, Action.FOLLOW_UP, method="phone", solved=True, satisfaction=5)
    crm.refresh()
    act(crm, Action.CLOSE)
    queue.reload()
    assert not queue.model.rows  # issue 16 part Q: the queue opens on the open cases
    queue.show_closed.setChecked(True)  # 含已结案
    assert display(queue.model.rows[0], "status") == "已结案"
    assert crm.detail is not None
    assert [e.action for e in crm.detail.timeline] == [
        "register",
        "triage",
        "assign",
        "investigation",
        "propose",
        "approval.approve",
        "approval.approve",
        "reply",
        "follow_up",
        "close",
    ]
    html = crm.body.toPlainText()
    for text in ("吴敏", "郑总", "批准（副总经理级核决）", "已电话告知赔偿 8000 元", "满意度 5/5"):
        assert text in html


def test_intake_keeps_what_was_typed_across_a_crash(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    lookups = branch.desk.queries.lookups(branch["clerk"])
    first = IntakePage(branch.desk, branch["clerk"], lookups, tmp_path)
    qtbot.addWidget(first)
    first.fields.set_value("complainant_name", "王䶮𠮷")
    first.fields.set_value("content", "货物破损")
    first.flush_recovery()
    assert recovery_path(tmp_path, branch.desk, "clerk").exists()
    second = IntakePage(branch.desk, branch["clerk"], lookups, tmp_path)  # the next start
    qtbot.addWidget(second)
    assert second.offer_recovery()
    assert second.fields.value("complainant_name") == "王䶮𠮷"
    assert second.fields.value("content") == "货物破损"


def test_what_was_typed_against_one_database_is_not_offered_in_another(
    qtbot: QtBot, branch: Branch, template_db: Path, tmp_path: Path, messages: list[str]
) -> None:
    """The same clerk on the same PC opens another branch's database (or the demo): the form typed for the
    first is kept for it, and never offered — and submitted — in the second."""
    lookups = branch.desk.queries.lookups(branch["clerk"])
    first = IntakePage(branch.desk, branch["clerk"], lookups, tmp_path / "recovery")
    qtbot.addWidget(first)
    first.fields.set_value("complainant_name", "李先生")
    first.flush_recovery()
    other_path = tmp_path / "other.sqlite3"
    backup_sqlite(template_db, other_path)
    other = open_branch(other_path)
    try:
        elsewhere = IntakePage(
            other.desk, other["clerk"], other.desk.queries.lookups(other["clerk"]), tmp_path / "recovery"
        )
        qtbot.addWidget(elsewhere)
        assert not elsewhere.offer_recovery()
        assert elsewhere.fields.value("complainant_name") == "" and messages == []
    finally:
        other.desk.db.dispose()
    again = IntakePage(branch.desk, branch["clerk"], lookups, tmp_path / "recovery")  # back on the first
    qtbot.addWidget(again)
    assert again.offer_recovery() and again.fields.value("complainant_name") == "李先生"


def test_every_input_has_an_accessible_name(qtbot: QtBot, branch: Branch, tmp_path: Path) -> None:
    page = IntakePage(branch.desk, branch["clerk"], branch.desk.queries.lookups(branch["clerk"]), tmp_path)
    qtbot.addWidget(page)
    names = {name: widget.accessibleName() for name, widget in page.fields.widgets.items()}
    assert all(names.values()), [n for n, v in names.items() if not v]
    assert names["phone"] == "联系电话" and names["content"] == "投诉内容", names


def test_queue_remembers_filters_and_sort_per_user(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    first = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(first)
    first.kind.setCurrentIndex(first.kind.findData("consultation"))
    first.overdue.setChecked(True)
    first._on_header_clicked(2)  # customer name
    again = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(again)
    assert again.kind.currentData() == "consultation" and again.overdue.isChecked()
    assert again.model.sort_key == "complainant_name"
    other = QueueView(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]))
    qtbot.addWidget(other)
    assert other.kind.currentData() is None and not other.overdue.isChecked()
