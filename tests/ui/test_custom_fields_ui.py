"""Issue 12 "fields" through the real widgets: the branch profile tab, the case window's custom
fields and their edit action, the queue's custom field filter, the monthly dialog's breakdown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from tests.conftest import Branch, complaint_form
from tests.ui.test_case_flow import act, detail_as
from ui.branch_profile_tab import BranchProfileTab
from ui.queue_page import QueueView
from ui.reports_ui import MonthDialog


def dealer(b: Branch) -> tuple[int, int]:
    b.desk.admin.save_custom_field(
        b["admin"], "car_model", "车型", "choice", ["Model Y", "汉 EV"], required=True
    )
    b.desk.admin.save_custom_field(b["admin"], "plate_no", "车牌", "text")
    han = b.desk.intake.register(
        b["clerk"], complaint_form(custom={"car_model": "汉 EV", "plate_no": "沪A·1"})
    )
    y = b.desk.intake.register(
        b["clerk"], complaint_form(custom={"car_model": "Model Y", "plate_no": "苏E·2"})
    )
    return han.id, y.id


def test_the_branch_profile_tab_saves_and_marks_a_bad_postal_code(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    tab = BranchProfileTab(b.desk, b["admin"])
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    assert tab.fields.value("name") == "测试网点" and tab.fields.value("code") == "TS01"
    tab.fields.set_value("address", "上海市浦东新区张江路 88 号")
    tab.fields.set_value("phone", "021-6234 5678")
    tab.fields.set_value("postal_code", "2012")
    tab.save()
    assert not tab.fields.errors["postal_code"].isHidden()
    assert tab.fields.errors["postal_code"].text() == "邮政编码应为 6 位数字"
    assert b.desk.branch_profile.get(b["admin"]).address == ""  # nothing saved
    tab.fields.set_value("postal_code", "201203")
    tab.fields.set_value("code", "pd01")
    tab.save()
    assert tab.fields.errors["postal_code"].isHidden()
    assert tab.saved.text() == "已保存"
    saved = b.desk.branch_profile.get(b["clerk"])
    assert (saved.code, saved.address, saved.phone, saved.postal_code) == (
        "PD01",
        "上海市浦东新区张江路 88 号",
        "021-6234 5678",
        "201203",
    )
    assert tab.fields.value("code") == "PD01"  # shown as stored
    assert messages == []


def test_the_case_window_shows_and_edits_the_custom_fields(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    han, _y = dealer(b)
    view = detail_as(qtbot, b, "clerk", han)
    view.show()
    text = view.body.toPlainText()
    assert "车型" in text and "汉 EV" in text and "沪A·1" in text
    assert view.buttons[Action.EDIT_CUSTOM].isVisible() and view.buttons[Action.EDIT_CUSTOM].isEnabled()
    assert view.detail is not None
    dialog = view.dialog_for(Action.EDIT_CUSTOM, view.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.fields.value("custom.car_model") == "汉 EV"
    assert dialog.fields.value("custom.plate_no") == "沪A·1"
    dialog.fields.set_value("custom.car_model", None)  # required: refused at the field, nothing lost
    dialog.fields.set_value("custom.plate_no", "沪A·2")
    dialog._on_ok()
    assert dialog.result_value is None
    assert not dialog.fields.errors["custom.car_model"].isHidden()
    assert dialog.fields.value("custom.plate_no") == "沪A·2"
    act(view, Action.EDIT_CUSTOM, **{"custom.car_model": "Model Y", "custom.plate_no": "沪A·2"})
    assert view.detail is not None and view.detail.custom == {"car_model": "Model Y", "plate_no": "沪A·2"}
    text = view.body.toPlainText()
    assert "Model Y" in text and "汉 EV → Model Y" in text  # the timeline: old → new
    assert messages == []


def test_the_queue_filters_by_a_custom_field(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    han, y = dealer(b)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    queue.resize(1366, 700)
    queue.show()
    queue.clear_filters()  # the queue remembers the user's filters of an earlier test
    assert queue.model.total == 2
    assert queue.custom_field.isVisible() and not queue.custom_value.isEnabled()
    queue.custom_field.setCurrentIndex(queue.custom_field.findData("car_model"))
    assert [queue.custom_value.itemText(i) for i in range(queue.custom_value.count())] == [
        "",
        "Model Y",
        "汉 EV",
    ]
    queue.custom_value.setCurrentText("汉 EV")
    qtbot.waitUntil(lambda: queue.model.total == 1)
    assert queue.model.rows[0].id == han
    queue.custom_field.setCurrentIndex(queue.custom_field.findData("plate_no"))
    queue.custom_value.setCurrentText("苏E")
    qtbot.waitUntil(lambda: queue.model.total == 1 and queue.model.rows[0].id == y)
    queue.clear_filters()
    assert queue.model.total == 2 and queue.current_filter().custom == ()


def test_the_queue_hides_the_filter_without_custom_fields(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    queue.show()
    assert not queue.custom_field.isVisible()


def test_the_monthly_dialog_offers_the_custom_fields(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    dealer(b)
    fields = [(key, label) for key, label, *_r in b.desk.queries.lookups(b["crm"]).custom_fields]
    dialog = MonthDialog(b.clock().date(), None, fields)
    qtbot.addWidget(dialog)
    assert dialog.chosen_field() is None  # the administrator's setting
    dialog.by_field.setCurrentIndex(dialog.by_field.findData("car_model"))
    assert dialog.chosen_field() == "car_model"
    dialog.by_field.setCurrentIndex(1)
    assert dialog.chosen_field() == ""


def test_the_new_parts_fit_1366_by_768(qtbot: QtBot, branch: Branch) -> None:
    from ui.admin_page import AdminPage
    from ui.main_window import MainWindow

    b = branch
    han, _y = dealer(b)
    for username in ("admin", "crm"):
        window = MainWindow(b.desk, b[username], "Test branch")
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        page = window.findChild(AdminPage)
        if page is not None:
            window.nav.setCurrentRow(window.pages.indexOf(page))
            page.tabs.setCurrentWidget(page.branch_profile_tab)
        else:
            queue = window.findChild(QueueView)
            assert queue is not None
            window.nav.setCurrentRow(window.pages.indexOf(queue))
            assert queue.custom_field.isVisible()
        hint = window.sizeHint().expandedTo(window.minimumSize())
        assert hint.width() <= 1366 and hint.height() <= 768 - 40, (username, hint)
        window.close()
    view = detail_as(qtbot, b, "crm", han)
    view.show()
    hint = view.sizeHint().expandedTo(view.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 768 - 40, hint


def test_the_profile_tab_chooses_the_fields_each_form_prints_and_the_monthly_breakdown(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    dealer(b)
    tab = BranchProfileTab(b.desk, b["admin"])
    qtbot.addWidget(tab)
    tab.show()
    box = tab.outputs
    # the defaults as printing applies them: every active field on the handling form and the report
    assert {k for k, check in box.checks.items() if check.isChecked()} == {
        ("handling", "car_model"),
        ("handling", "plate_no"),
        ("report", "car_model"),
        ("report", "plate_no"),
    }
    box.checks[("receipt", "plate_no")].setChecked(True)
    box.checks[("handling", "plate_no")].setChecked(False)
    box.breakdown.setCurrentIndex(box.breakdown.findData("car_model"))
    box.save()
    assert box.saved.text() == "已保存"
    settings = b.desk.admin.snapshot(b["admin"]).settings
    assert settings["form_custom_fields"] == {
        "receipt": ["plate_no"],
        "handling": ["car_model"],
        "report": ["car_model", "plate_no"],
    }
    assert settings["monthly_breakdown_field"] == "car_model"
    assert b.desk.reports.monthly(b["crm"], 2026, 11).breakdown is not None
    box.reload()
    assert (
        box.checks[("receipt", "plate_no")].isChecked()
        and not box.checks[("handling", "plate_no")].isChecked()
    )
    assert box.breakdown.currentData() == "car_model"
    assert messages == []

