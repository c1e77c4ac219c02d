"""Issue 17 part E, UI: 更正受理信息 in the case window — enabled for the registering clerk before triage,
disabled with the reason afterwards; the dialog sends what was changed and a reason; the print log marks
the copies printed before the correction."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from branchdesk.services.dto import TriageInput
from tests.conftest import Branch, complaint_form
from ui.case_detail import CaseDetailView
from ui.print_log import PrintLogDialog


def view_as(qtbot: QtBot, b: Branch, username: str, case_id: int) -> CaseDetailView:
    view = CaseDetailView(b.desk, b[username], b.desk.queries.lookups(b[username]), case_id)
    qtbot.addWidget(view)
    return view


def test_correcting_the_intake_from_the_case_window(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form(complainant_name="李先生", phone="138 0013 5678"))
    b.desk.printing.record_print(b["clerk"], ref.id, "receipt", [1], "plain")
    b.clock.advance(minutes=2)
    other = view_as(qtbot, b, "clerk2", ref.id)
    assert not other.buttons[Action.CORRECT_INTAKE].isEnabled()
    assert "登记本案的受理员" in other.buttons[Action.CORRECT_INTAKE].toolTip()

    view = view_as(qtbot, b, "clerk", ref.id)
    button = view.buttons[Action.CORRECT_INTAKE]
    assert button.isEnabled() and button.text() == "更正受理信息"
    assert view.detail is not None
    dialog = view.dialog_for(Action.CORRECT_INTAKE, view.detail)
    assert dialog is not None
    assert dialog.fields.value("phone") == "138 0013 5678"  # the intake as registered
    # fits the counter's screen: its fields scroll (the full check, buttons on screen at 1366×768 and
    # 1280×720, is tests/ui/test_dialogs_fit.py's, which opens every case action, this one included)
    hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 768 - 40, hint
    dialog.fields.set_value("phone", "139 1234 5678")
    dialog._on_ok()  # no reason: refused at the field, nothing written
    assert dialog.result_value is None and not dialog.fields.errors["reason"].isHidden()
    dialog.fields.set_value("reason", "电话记错一位")
    dialog._on_ok()
    assert dialog.result_value is not None, dialog.message.text()
    view.refresh()
    assert view.detail is not None
    last = view.detail.timeline[-1]
    assert {c.field for c in view.detail.timeline[-2].changes} == {"phone"}
    assert "作废" in str(last.text.params) or last.action == "print"
    html = view.body.toHtml()
    assert "更正受理信息（联系电话），原因：电话记错一位" in html

    log = PrintLogDialog(b.desk, b["clerk"], ref.id, ref.case_no)
    qtbot.addWidget(log)
    assert log.table.rowCount() == 1
    state = log.table.item(0, 4)
    assert state is not None and state.text().startswith("已被")
    assert log.table.item(0, 1) is not None and log.table.item(0, 1).font().strikeOut()

    b.desk.cases.triage(
        b["crm"], ref.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )
    view.refresh()
    assert not view.buttons[Action.CORRECT_INTAKE].isEnabled()
    assert "只有客户关系经理" in view.buttons[Action.CORRECT_INTAKE].toolTip()
    assert view_as(qtbot, b, "crm", ref.id).buttons[Action.CORRECT_INTAKE].isEnabled()


def test_triage_filters_categories_as_typed_and_lists_the_department_s_handlers_first(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from PySide6.QtWidgets import QComboBox

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = view_as(qtbot, b, "crm", ref.id)
    assert view.detail is not None
    dialog = view.dialog_for(Action.TRIAGE, view.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    category = dialog.fields.widgets["category"]
    assert isinstance(category, QComboBox) and category.isEditable()
    completer = category.completer()
    assert completer is not None
    completer.setCompletionPrefix("品质")  # part of a child's label
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert found and all("品质" in text for text in found) and "质量类 / 产品品质" in found
    completer.setCompletionPrefix("质量类")  # the parent's label finds its children
    assert completer.completionCount() >= 4
    category.lineEdit().setText("质量类 / 产品品质")
    category.lineEdit().editingFinished.emit()
    assert dialog.fields.value("category") == "quality.product"
    category.lineEdit().setText("不存在的类别")
    category.lineEdit().editingFinished.emit()
    assert dialog.fields.value("category") is None  # typing never invents a category

    handler = dialog.fields.widgets["handler"]
    assert isinstance(handler, QComboBox)
    dialog.fields.set_value("responsible_department", b["handler2"].department_id)  # sales
    texts = [handler.itemText(i) for i in range(handler.count())]
    separator = next(i for i in range(handler.count()) if not handler.itemText(i) and i > 0)
    own = texts[1:separator]
    assert own and all("销售" in t or "业务" in t for t in own), texts
    own_ids = {handler.itemData(i) for i in range(1, separator)}
    assert own_ids == {b["handler2"].user_id, b["sales_mgr"].user_id}
    assert b["handler"].user_id in [handler.itemData(i) for i in range(separator + 1, handler.count())]
    dialog.fields.set_value("handler", b["handler2"].user_id)
    dialog.fields.set_value("responsible_department", b["handler"].department_id)  # QA: the choice stays
    assert dialog.fields.value("handler") == b["handler2"].user_id
    assert handler.itemData(1) == b["handler"].user_id
