"""Issue 12, vocabularies through the real widgets: the settings page's 选项与名称 tab, the category
tree on the categories tab, and the triage dialog picking a third-level category."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Kind
from branchdesk.domain.workflow import Action
from tests.conftest import Branch, complaint_form
from tests.ui.test_case_flow import detail_as
from ui import language
from ui.admin_page import AdminPage
from ui.vocabulary_tab import VocabularyTab


def choose_list(tab: VocabularyTab, text: str) -> None:
    rows = [tab.lists.item(i).text() for i in range(tab.lists.count())]
    tab.lists.setCurrentRow(rows.index(text))


def choose_row(tab: VocabularyTab, column: int, text: str) -> None:
    cells = [tab.table.item(r, column).text() for r in range(tab.table.rowCount())]
    tab.table.selectRow(cells.index(text))


def test_the_vocabulary_tab_adds_renames_moves_and_deactivates_a_channel(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    tab = page.vocabulary_tab
    page.tabs.setCurrentWidget(tab)
    choose_list(tab, "投诉渠道")
    assert tab.table.item(0, 0).text() == "来电"

    tab.item_fields.set_value("label", "来电")  # taken: said at the field
    tab.add_button.click()
    assert tab.item_fields.errors["label"].text() == "列表中已有同名选项"

    tab.item_fields.set_value("label", "微信公众号")
    tab.item_fields.set_value("code", "wechat")
    tab.add_button.click()
    assert tab.message.text() == "已保存"
    last = tab.table.rowCount() - 1
    assert (tab.table.item(last, 0).text(), tab.table.item(last, 1).text()) == ("微信公众号", "wechat")
    assert b.desk.queries.lookups(b["clerk"]).choices["channel"]["wechat"] == "微信公众号"

    choose_row(tab, 1, "wechat")
    assert tab.item_fields.value("label") == "微信公众号"
    tab.item_fields.set_value("label", "微信")
    tab.rename_button.click()
    assert b.desk.queries.lookups(b["clerk"]).choices["channel"]["wechat"] == "微信"
    tab.up_button.click()  # the selection follows the item
    assert tab.table.item(last - 1, 1).text() == "wechat"
    tab.active_button.click()
    assert "wechat" not in b.desk.queries.lookups(b["clerk"]).choices["channel"]
    assert tab.active_button.text() == "重新启用"

    # a fixed vocabulary: only its name, here 投诉 → 客诉
    choose_list(tab, "名称：性质")
    assert not tab.add_button.isVisible()
    choose_row(tab, 0, "complaint")
    tab.name_fields.set_value("label_zh", "客诉")
    tab.name_button.click()
    assert tab.message.text() == "已保存"
    assert b.desk.label_overrides()[("Kind", "complaint")] == ("客诉", None)
    language.set_label_overrides(b.desk.label_overrides())
    try:
        assert language.label(Kind.COMPLAINT) == "客诉"
    finally:
        language.set_label_overrides({})
    assert not messages


def test_the_categories_tab_shows_the_tree_and_triage_picks_a_grandchild(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    categories = page.categories_tab
    parent = categories.fields.widgets["parent"]
    assert isinstance(parent, QComboBox)
    offered = [parent.itemText(i) for i in range(parent.count())]
    assert "质量类 / 产品品质" in offered  # second level: may take children
    categories.fields.set_value("code", "quality.product.look")
    categories.fields.set_value("label", "外观")
    categories.fields.set_value("parent", "quality.product")
    categories.fields.set_value("active", True)
    categories._on_save()
    assert categories.message.text() == "已保存"
    paths = [row["path"] for row in categories._rows]
    assert "质量类 / 产品品质 / 外观" in paths
    assert paths.index("质量类 / 产品品质 / 外观") == paths.index("质量类 / 产品品质") + 1
    assert "质量类 / 产品品质 / 外观" not in [parent.itemText(i) for i in range(parent.count())]

    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = detail_as(qtbot, b, "crm", ref.id)
    assert view.detail is not None
    dialog = view.dialog_for(Action.TRIAGE, view.detail)
    assert dialog is not None
    combo = dialog.fields.widgets["category"]
    assert isinstance(combo, QComboBox)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "质量类 / 产品品质" not in texts  # it has a child now: cases go to the leaves
    combo.setCurrentIndex(texts.index("质量类 / 产品品质 / 外观"))
    dialog.fields.set_value("valid", True)
    dialog.fields.set_value("severity", "normal")
    dialog.fields.set_value("handler", b["handler"].user_id)
    dialog._on_ok()
    view.refresh()
    assert view.detail is not None and view.detail.triage is not None
    assert [c.code for c in view.detail.triage.category_path][-1] == "quality.product.look"
    assert "质量类 / 产品品质 / 外观" in view.body.toPlainText()
    assert not messages
