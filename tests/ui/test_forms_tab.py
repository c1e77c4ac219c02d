"""设置 → 表单 (issue 13 "forms") through the real widgets: copies edited and saved, a field added from
the registry, an overlay position moved, each with the live preview re-rendered; a bad value is refused
at its place under the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.admin_page import AdminPage
from ui.forms_tab import FormsTab


def open_tab(qtbot: QtBot, b: Branch, form: str) -> tuple[AdminPage, FormsTab]:
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.tabs.setCurrentWidget(page.forms_tab)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "表单"
    tab = page.forms_tab
    tab.form.setCurrentIndex(tab.form.findData(form))
    return page, tab


def spec(b: Branch, code: str):  # type: ignore[no-untyped-def]
    return next(s for s, _active in b.desk.forms.forms(b["admin"]) if s.code == code)


def test_the_admin_edits_the_handling_copies_with_a_preview(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    _page, tab = open_tab(qtbot, b, "handling")
    assert tab.copies.rowCount() == 5
    hint = tab.minimumSizeHint()
    assert hint.width() <= 1366 - 200 and hint.height() <= 700  # fits 1366×768 beside the navigation
    assert tab.document is not None and tab.document.pageCount() == 5  # one page per copy
    tab.copies.setCurrentCell(4, 1)
    tab._remove(tab.copies)
    tab.copies.item(1, 1).setText("生产部")
    tab.copies.item(1, 4).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: tab.document is not None and tab.document.pageCount() == 4, timeout=3000)
    assert tab.save()
    saved = spec(b, "handling")
    assert [c.name for c in saved.copies] == ["质量管理部", "生产部", "业务部门(依批示办理)", "会计科"]
    assert saved.copies[1].shows_phone
    assert b.desk.printing.copies_of("handling")[1] == (2, "生产部")

    tab.copies.item(0, 2).setText("紫")  # no such colour band
    assert not tab.save()
    assert "copies[0].colour" in tab.problems.text() and "请从以下选择" in tab.problems.text()
    assert spec(b, "handling").copies[0].colour == "白"
    assert messages == []


def test_the_admin_adds_a_custom_field_and_moves_a_box(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    b.desk.admin.save_custom_field(b["admin"], "car_model", "车型", "text")
    _page, tab = open_tab(qtbot, b, "receipt")
    tab.reload()  # the new custom field is offered
    tab.fields.setCurrentCell(1, 1)
    tab.field_choice.setCurrentIndex(tab.field_choice.findData("custom:car_model"))
    tab._on_add_field()
    assert tab.fields.item(2, 1).text() == "custom:car_model" and tab.fields.item(2, 2).text() == "车型"
    tab.fields.setCurrentCell(2, 1)
    tab._move(-1)
    assert tab.fields.item(1, 1).text() == "custom:car_model"
    tab.mode.setCurrentIndex(tab.mode.findData("overlay"))
    assert tab.document is not None and tab.document.pageCount() == 1
    tab.boxes.item(0, 1).setText("120")  # 受理编号 moves left
    qtbot.wait(600)
    assert tab.save()
    saved = spec(b, "receipt")
    assert [f.field for f in saved.sections[0].fields][:3] == ["case_no", "custom:car_model", "received_at"]
    assert saved.overlay[0].x == 120
    assert messages == []


def test_a_form_is_added_as_a_copy_and_deactivated(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    _page, tab = open_tab(qtbot, b, "receipt")
    assert tab.add_form("receipt_car", "接车回执")
    assert tab.form.currentData() == "receipt_car" and tab.copies.rowCount() == 2
    tab._on_active()
    assert dict((s.code, a) for s, a in b.desk.forms.forms(b["admin"]))["receipt_car"] is False
    assert "（停用）" in tab.form.currentText() or "停用" in tab.form.currentText()
    assert messages == []


def test_the_print_dialog_offers_an_added_form_with_its_changed_copies(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from tests.conftest import complaint_form
    from ui.case_detail import CaseDetailView
    from ui.print_dialog import PrintDialog

    b = branch
    _page, tab = open_tab(qtbot, b, "receipt")
    assert tab.add_form("receipt_car", "接车回执")
    tab.copies.item(1, 1).setText("维修车间")
    tab._on_add_copy()
    assert tab.save()
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = CaseDetailView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), ref.id)
    qtbot.addWidget(view)
    dialog = view.open_print("receipt_car")
    assert isinstance(dialog, PrintDialog)
    assert dialog.form.currentData() == "receipt_car" and dialog.form.currentText() == "接车回执"
    assert [c.text() for c in dialog.copy_checks] == ["第1联 客户", "第2联 维修车间", "第3联 新的一联"]
    assert dialog.document is not None and dialog.document.pageCount() == 3
    assert messages == []
