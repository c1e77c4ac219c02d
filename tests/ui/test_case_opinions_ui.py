"""Issue 14 part A, UI: 会签 through the case window's dialogs — the handler asks two departments, one of
them answers in its dialog, 提出处理方案 stays disabled naming the department still owed, the responsible
department's manager proceeds with a reason; the case window's section lists each ask's state and due time."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from tests.conftest import Branch
from tests.core.test_opinions import department_id, investigated
from ui.case_detail import CaseDetailView


def view_as(qtbot: QtBot, b: Branch, username: str, case_id: int) -> CaseDetailView:
    view = CaseDetailView(b.desk, b[username], b.desk.queries.lookups(b[username]), case_id)
    qtbot.addWidget(view)
    return view


def test_asking_answering_and_proceeding_through_the_dialogs(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    sales, mfg = b["sales_mgr"].department_id, department_id(b, "MFG")
    case_id = investigated(b)

    view = view_as(qtbot, b, "handler", case_id)
    button = view.buttons[Action.ASK_OPINION]
    assert button.isEnabled() and button.text() == "请求会签"
    assert not view.buttons[Action.GIVE_OPINION].isEnabled()  # nothing asked of 质量管理部
    assert view.detail is not None
    dialog = view.dialog_for(Action.ASK_OPINION, view.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert f"department_{b['handler'].department_id}" not in dialog.fields.widgets  # not its own department
    dialog._on_ok()  # no question: refused at the field, nothing written
    assert dialog.result_value is None and not dialog.fields.errors["question"].isHidden()
    dialog.fields.set_value("question", "包装是否符合出货标准？")
    dialog._on_ok()  # no department chosen: said under the fields
    assert dialog.result_value is None and "请至少选择一个会签部门" in dialog.message.text()
    for department in (sales, mfg):
        box = dialog.fields.widgets[f"department_{department}"]
        assert isinstance(box, QCheckBox)
        box.setChecked(True)
    dialog._on_ok()
    assert dialog.result_value is not None, dialog.message.text()

    view.refresh()
    html = view.body.toHtml()
    assert "会签意见" in html and "业务部门" in html and "制造部门" in html and "待回复" in html
    assert "签署人" in html and "会签问题：" in html  # the section's own texts, in Chinese
    assert "2026-11-04 17:30" in html  # the due time, by the deadline rule
    propose = view.buttons[Action.PROPOSE]
    assert not propose.isEnabled() and "还在等待以下部门的会签意见：制造部门、业务部门" in propose.toolTip()

    # 业务部门's manager answers in their dialog
    sales_view = view_as(qtbot, b, "sales_mgr", case_id)
    assert sales_view.buttons[Action.GIVE_OPINION].isEnabled()
    assert sales_view.detail is not None
    give = sales_view.dialog_for(Action.GIVE_OPINION, sales_view.detail)
    assert give is not None
    qtbot.addWidget(give)
    give.fields.set_value("opinion", "包装符合标准，承运商责任")
    give.fields.set_value("share_percent", "120")
    give._on_ok()  # out of range: refused at the field
    assert give.result_value is None and not give.fields.errors["share_percent"].isHidden()
    give.fields.set_value("share_percent", "30")
    give._on_ok()
    assert give.result_value is not None, give.message.text()

    # 质量管理部's manager does not wait for 制造部门
    manager = view_as(qtbot, b, "qa_mgr", case_id)
    assert manager.buttons[Action.PROCEED_WITHOUT_OPINIONS].isEnabled()
    assert manager.detail is not None
    proceed = manager.dialog_for(Action.PROCEED_WITHOUT_OPINIONS, manager.detail)
    assert proceed is not None
    qtbot.addWidget(proceed)
    proceed.fields.set_value("reason", "客户催促，制造部门负责人出差")
    proceed._on_ok()
    assert proceed.result_value is not None, proceed.message.text()

    view.refresh()
    html = view.body.toHtml()
    assert "包装符合标准，承运商责任" in html and "30%" in html and "孙丽（部门经理）" in html
    assert "不再等待" in html and "客户催促，制造部门负责人出差" in html
    assert view.buttons[Action.PROPOSE].isEnabled()
