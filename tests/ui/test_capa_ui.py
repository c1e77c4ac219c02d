"""The CAPA screens (issue 14 part B) driven with pytest-qt: the case window's section and its 添加纠正预防
措施 action, the CAPA list's filters and actions, the work page's tile opening the list it counted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from branchdesk.domain.capa import CapaAction, CapaStatus
from branchdesk.domain.workflow import Action
from branchdesk.read.capa import CapaFilter
from branchdesk.services.dto import InvestigationInput, TriageInput
from tests.conftest import Branch, complaint_form
from ui.case_detail import CaseDetailView
from ui.main_window import MainWindow


def investigated(b: Branch, order_no: str = "SO-CAPA-1") -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form(order_no=order_no))
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
    b.desk.cases.record_investigation(
        b["handler"],
        ref.id,
        InvestigationInput(
            "装卸不当",
            "外箱受压",
            "属实",
            "ours",
            responsible_department_id=b["handler"].department_id,
            corrective_action="对装卸人员进行规范培训",
        ),
    )
    return ref.id


def capa_scenario(b: Branch) -> int:
    """A case with three items: one due tomorrow (open), one done (to verify), one a month ahead."""
    case_id = investigated(b)
    today = b.clock.now.date()
    for owner, days, description in (
        ("handler2", 1, "更换包装材料"),
        ("handler", 1, "装卸规范培训"),
        ("handler2", 30, "供应商审核"),
    ):
        b.desk.capa.add(
            b["handler"],
            case_id,
            kind="corrective",
            description=description,
            owner_id=b[owner].user_id,
            department_id=b[owner].department_id or 0,
            due_date=today + timedelta(days=days),
        )
    [done] = [r for r in b.desk.capa.list(b["crm"]) if r.description == "装卸规范培训"]
    b.desk.capa.mark_done(b["handler"], done.id, done.version, "已培训")
    return case_id


def test_the_handler_adds_an_item_from_the_case_window(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    view = CaseDetailView(b.desk, b["handler"], b.desk.queries.lookups(b["handler"]), case_id)
    qtbot.addWidget(view)
    view.show()
    assert view.buttons[Action.ADD_CAPA].isEnabled()
    assert view.detail is not None
    dialog = view.dialog_for(Action.ADD_CAPA, view.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    # the investigation's countermeasure is offered as the description
    assert dialog.fields.value("description") == "对装卸人员进行规范培训"
    assert dialog.windowTitle().startswith("为 ")
    assert view.buttons[Action.ADD_CAPA].text() == "添加纠正预防措施"
    dialog.fields.set_value("owner_id", b["handler2"].user_id)
    assert dialog.fields.value("department_id") == b["handler2"].department_id  # follows the owner
    dialog.fields.set_value("due_date", b.clock.now.date() - timedelta(days=1))  # the past: at the field
    dialog._on_ok()
    assert dialog.result_value is None and "到期日" in dialog.fields.errors["due_date"].text()
    dialog.fields.set_value("due_date", b.clock.now.date() + timedelta(days=7))
    dialog._on_ok()
    assert dialog.result_value is not None
    [row] = b.desk.capa.of_case(b["crm"], case_id)
    assert (row.owner_id, row.status) == (b["handler2"].user_id, CapaStatus.OPEN)
    # the window reloaded from the announcement: its CAPA section lists the item
    assert "纠正预防措施" in view.body.toPlainText() and "对装卸人员进行规范培训" in view.body.toPlainText()
    # another handler's view: the case is not theirs, the clerk's button is off with the reason
    clerk = CaseDetailView(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]), case_id)
    qtbot.addWidget(clerk)
    assert not clerk.buttons[Action.ADD_CAPA].isEnabled()


def test_the_capa_list_filters_and_verifies(qtbot: QtBot, branch: Branch, tmp_path: Path) -> None:
    b = branch
    capa_scenario(b)
    window = MainWindow(b.desk, b["crm"], "测试网点")
    qtbot.addWidget(window)
    window.show()
    page = window.capa
    assert page is not None
    window.show_capa(None)
    assert window.pages.currentWidget() is page
    assert page.table.rowCount() == 3
    page.status.setCurrentIndex(page.status.findData("done"))
    assert page.table.rowCount() == 1
    page.table.selectRow(0)
    row = page.selected()
    assert row is not None and row.owner_id == b["handler"].user_id
    assert page.buttons[CapaAction.VERIFY].isEnabled() and not page.buttons[CapaAction.MARK_DONE].isEnabled()
    dialog = page.dialog_for(CapaAction.VERIFY)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"验证措施 #{row.id}"  # the dialogs' catalogue context is the one used
    evidence = tmp_path / "复查记录.txt"
    evidence.write_text("复查合格", encoding="utf-8")
    dialog.take_file(evidence)  # type: ignore[attr-defined]
    dialog.fields.set_value("effective", True)
    dialog._on_ok()
    assert dialog.result_value is None and dialog.fields.errors["evidence"].text()  # evidence is required
    dialog.fields.set_value("evidence", "现场复查，装卸规范执行到位")
    dialog._on_ok()
    assert dialog.result_value is not None
    # the list reloaded from the announcement: nothing left done
    assert page.table.rowCount() == 0
    page.status.setCurrentIndex(page.status.findData("verified"))
    assert page.table.rowCount() == 1
    verified = page.rows[0]
    assert verified.verifications[0].attachment_id is not None
    assert "复查合格" not in page.detail.text() and "现场复查" in page.detail.text()
    # the department and owner filters
    page.status.setCurrentIndex(0)
    page.owner.setCurrentIndex(page.owner.findData(b["handler2"].user_id))
    assert page.table.rowCount() == 2
    page.department.setCurrentIndex(page.department.findData(b["handler"].department_id))
    assert page.table.rowCount() == 0
    # opening the case of a row
    page.owner.setCurrentIndex(0)
    page.department.setCurrentIndex(0)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.sig_open_case) as opened:
        page.open_button.click()
    assert opened.args == [page.rows[0].case_id]


def test_the_owner_cannot_verify_their_own_item_the_button_says_why(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    capa_scenario(b)
    b.desk.admin.set_setting(b["admin"], "capa_oversight_role", "handler")  # handlers oversee: 张伟 too
    window = MainWindow(b.desk, b["handler"], "测试网点")
    qtbot.addWidget(window)
    page = window.capa
    assert page is not None
    page.set_filter(CapaFilter(status="done"))
    page.table.selectRow(0)
    button = page.buttons[CapaAction.VERIFY]
    assert not button.isEnabled() and "不能验证自己的措施" in button.toolTip()


def test_the_overdue_tile_opens_the_list_it_counted(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    capa_scenario(b)
    b.clock.advance(days=3)  # two items due tomorrow: one done, one late
    for who, count in (("crm", 1), ("handler2", 1), ("handler", 0)):
        window = MainWindow(b.desk, b[who], "测试网点")
        qtbot.addWidget(window)
        window.show()
        tile = window.work.capa_tile
        assert tile.count == count
        assert tile.isVisible() is bool(count)
        if count:
            assert str(count) in tile.text() and "逾期的纠正预防措施" in tile.text()
            tile.click()
            assert window.capa is not None and window.pages.currentWidget() is window.capa
            assert window.capa.overdue.isChecked()
            assert window.capa.table.rowCount() == tile.count
        window.close()
    admin = MainWindow(b.desk, b["admin"], "测试网点")
    qtbot.addWidget(admin)
    assert admin.capa is None and not admin.work.capa_tile.isVisible()
