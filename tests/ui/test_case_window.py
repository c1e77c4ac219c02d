"""Issue 17 part F through the real widgets: the approval button after one's own signature, the
follow-up's satisfaction and the entered times, saving a PDF and the preview, the settings' ranges and
the users page, the case window's shortcuts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Decision, Status
from branchdesk.domain.workflow import Action
from branchdesk.i18n import render
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case
from tests.ui.test_case_flow import detail_as
from ui import case_actions
from ui.action_dialog import ActionDialog
from ui.admin_page import AdminPage
from ui.case_detail import CaseDetailView
from ui.print_dialog import PrintDialog


def test_the_approve_button_is_disabled_once_one_signed_ones_own_level(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "8000")  # two levels: 部门经理 (赵强), then 副总经理
    view = detail_as(qtbot, b, "qa_mgr", ref.id)
    view.show()
    assert view.buttons[Action.APPROVE].isEnabled()

    def sign(dialog: ActionDialog) -> int:
        dialog.fields.set_value("decision", Decision.APPROVE)
        dialog.fields.set_value("password", PASSWORD)
        dialog._on_ok()  # the window reloads from the announcement, not from the test
        return 1

    monkeypatch.setattr(ActionDialog, "exec", sign)
    view.buttons[Action.APPROVE].click()
    assert view.detail is not None and view.detail.status is Status.PENDING_APPROVAL
    assert not view.buttons[Action.APPROVE].isEnabled()
    reason = view.buttons[Action.APPROVE].toolTip().splitlines()[0]
    assert reason == "您已签署本方案的前一级审批，各级须由不同人签署"
    assert detail_as(qtbot, b, "deputy2", ref.id).buttons[Action.APPROVE].isEnabled()


def awaiting_follow_up(b: Branch, qtbot: QtBot) -> CaseDetailView:
    ref = proposed_case(b, "compensation", "200")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    return detail_as(qtbot, b, "clerk", ref.id)


def test_reply_and_follow_up_take_their_time_and_satisfaction_is_chosen(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    clerk = awaiting_follow_up(b, qtbot)
    b.clock.advance(days=2)
    assert clerk.detail is not None
    reply = clerk.dialog_for(Action.REPLY, clerk.detail)
    assert reply is not None and reply.fields.value("replied_at") == b.clock()  # defaults to now
    reply.fields.set_value("content", "已电话告知")
    reply.fields.set_value("replied_at", b.clock() + timedelta(hours=1))  # the future: refused at the field
    reply._on_ok()
    assert not reply.fields.errors["replied_at"].isHidden() and reply.result_value is None
    called = b.clock() - timedelta(days=1)
    reply.fields.set_value("replied_at", called)
    reply._on_ok()
    assert reply.result_value is not None
    clerk.refresh()
    follow_up = clerk.dialog_for(Action.FOLLOW_UP, clerk.detail)
    assert follow_up is not None
    assert follow_up.fields.value("satisfaction") is None  # no default: the clerk asks
    follow_up._on_ok()
    assert follow_up.fields.errors["satisfaction"].text() == "请填写满意度"
    follow_up.fields.set_value("satisfaction", 4)
    follow_up.fields.set_value("visited_at", called - timedelta(hours=1))  # before the reply
    follow_up._on_ok()
    assert "回访时间须在" in follow_up.fields.errors["visited_at"].text()
    follow_up.fields.set_value("visited_at", called + timedelta(hours=2))
    follow_up._on_ok()
    assert follow_up.result_value is not None
    clerk.refresh()
    assert clerk.detail is not None
    assert clerk.detail.replies[-1].replied_at == called
    assert clerk.detail.follow_ups[-1].visited_at == called + timedelta(hours=2)
    assert f"回访时间：— → {called + timedelta(hours=2):%Y-%m-%d %H:%M}" in clerk.body.toPlainText()


def test_a_saved_pdf_is_not_a_print_and_preview_shows_the_pages(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = detail_as(qtbot, b, "crm", ref.id)
    dialog = view.open_print("receipt")
    assert isinstance(dialog, PrintDialog)
    assert dialog.save_pdf(tmp_path / "receipt.pdf") and (tmp_path / "receipt.pdf").stat().st_size > 0
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert [render(e.text, "zh_CN") for e in detail.timeline if e.action.startswith("print")] == [
        "另存客户投诉受理回执为 PDF：第 1、2 联（未计为打印）"
    ]
    dialog.copy_checks[1].setChecked(False)
    window = dialog.show_preview()
    assert window is not None and window.isVisible() and window.document.pageCount() == 1
    assert window.view.document() is window.document
    b.desk.printing.record_print(b["crm"], ref.id, "receipt", None, "plain")
    texts = [render(e.text, "zh_CN") for e in b.desk.queries.case_detail(b["crm"], ref.id).timeline]
    assert texts[-1] == "打印客户投诉受理回执：第 1、2 联（普通纸）"  # the first print, not 补打


def test_settings_ranges_and_a_users_details_are_saved(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    settings = page.settings_tab
    assert page.tabs.tabText(page.tabs.indexOf(settings)) == "设置"
    idle, dissatisfied = settings.editors["idle_lock_minutes"], settings.editors["dissatisfied_at_or_below"]
    assert isinstance(idle, QSpinBox) and (idle.minimum(), idle.maximum()) == (1, 480)
    assert isinstance(dissatisfied, QSpinBox) and (dissatisfied.minimum(), dissatisfied.maximum()) == (1, 5)
    assert isinstance(settings.editors["capa_blocks_close"], QCheckBox)
    mode = settings.editors["returning_complaint_mode"]
    assert isinstance(mode, QComboBox) and mode.currentText() == "另立新案（关联原案）"
    # two settings saved in one go, read back from the core
    settings.set_value("reopen_within_days", 45)
    settings.set_value("returning_complaint_mode", "reopen")
    settings.save_button.click()
    saved = b.desk.admin.snapshot(b["admin"]).settings
    assert (saved["reopen_within_days"], saved["returning_complaint_mode"]) == (45, "reopen")
    assert settings.message.text() == "已保存。" and messages == []
    # another PC changes the reopen window and switches CAPA blocking on while this screen shows 45 and off;
    # here the admin types 50 and saves: refused naming who changed what to what, nothing lands, the typed
    # value stays, and the switch this screen left alone now shows the other PC's value
    b.desk.admin.set_settings(
        b["admin"],
        {"reopen_within_days": 40, "capa_blocks_close": True},
        seen={"reopen_within_days": 45, "capa_blocks_close": False},
    )
    settings.set_value("reopen_within_days", 50)
    settings.save_button.click()
    assert messages[-1].startswith("「结案后多少天内可重新处理（天）」已被 ") and "改为 40" in messages[-1]
    assert b.desk.admin.snapshot(b["admin"]).settings["reopen_within_days"] == 40  # nothing landed
    assert settings.value("reopen_within_days") == 50 and settings.value("capa_blocks_close") is True
    settings.save_button.click()  # saved knowingly now, against the value the refusal named
    saved = b.desk.admin.snapshot(b["admin"]).settings
    assert (saved["reopen_within_days"], saved["capa_blocks_close"]) == (50, True)  # the switch not undone
    # a value the core refuses shows at its field (the spin box's range is the core's, so call the core)
    settings.set_value("idle_lock_minutes", 0)
    assert settings.value("idle_lock_minutes") == 1  # the widget holds the range
    # the users page: name and department through the service, read back
    row = next(i for i, u in enumerate(page._user_rows) if u.username == "clerk2")
    page.users.selectRow(row)
    assert page.chosen_fields.value("full_name") == "李娜" and page.chosen_fields.value("department") == "CS"
    page.chosen_fields.set_value("full_name", "李娜娜")
    page.chosen_fields.set_value("department", "QA")
    page._on_save_details()
    again = next(u for u in b.desk.admin.snapshot(b["admin"]).users if u.username == "clerk2")
    assert again.full_name == "李娜娜" and again.department_id == b["handler"].department_id
    assert page.users.item(page.users.currentRow(), 0).text() == "李娜娜"
    # someone else changed the user meanwhile: refused, nothing overwritten
    b.desk.admin.set_roles(b["admin"], again.id, ["clerk", "handler"])
    page.chosen_fields.set_value("full_name", "李娜")
    stale = page._user_rows[page.users.currentRow()]
    page._user_rows[page.users.currentRow()] = again  # the row as read before the role change
    page._on_save_details()
    assert "已被他人修改" in messages[-1]
    assert next(u for u in b.desk.admin.snapshot(b["admin"]).users if u.id == stale.id).full_name == "李娜娜"


def test_case_window_shortcuts_open_their_action_and_show_in_tooltips(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    keys = list(case_actions.CASE_SHORTCUTS.values())
    assert len(set(keys)) == len(keys)
    for taken in ("Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+P", "Ctrl+L", "Ctrl+Q"):
        assert taken not in keys and taken.replace("Ctrl+", "Ctrl+Shift+") not in keys
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = detail_as(qtbot, b, "crm", ref.id)
    view.show()
    if QApplication.activeWindow() is not view.window():
        with qtbot.waitActive(view.window()):
            view.window().activateWindow()
    view.body.setFocus()
    opened: list[str] = []
    monkeypatch.setattr(ActionDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0)
    assert "Ctrl+Shift+T" in view.buttons[Action.TRIAGE].toolTip()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.body, Qt.Key.Key_T, ctrl_shift)
    assert opened == ["分诊 202611-001"]
    # a disabled action's shortcut opens nothing (its button says why)
    assert not view.buttons[Action.CLOSE].isEnabled()
    assert "Ctrl+Shift+C" in view.buttons[Action.CLOSE].toolTip()
    qtbot.keyClick(view.body, Qt.Key.Key_C, ctrl_shift)
    assert opened == ["分诊 202611-001"]


def test_a_backup_runs_under_a_progress_dialog_and_offers_its_folder(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from tests.ui.test_backup_tab import backup_tab

    b = branch
    tab = backup_tab(qtbot, b)
    opened: list[Path] = []
    tab.opener = opened.append
    assert not tab.open_folder_button.isVisibleTo(tab)
    with qtbot.waitSignal(tab.sig_backed_up, timeout=60_000):
        tab.backup_button.click()
        # the result arrives through the event loop: until then a progress dialog, not a frozen window
        assert tab._run is not None and tab._run.dialog.labelText() == "正在备份"
        assert not tab.backup_button.isEnabled()
    assert tab._run is None and tab.backup_button.isEnabled()
    assert tab.open_folder_button.isVisibleTo(tab)
    tab.open_folder_button.click()
    assert b.path is not None and opened == [b.path.parent / "backups"]


def test_the_ledger_import_can_be_cancelled_between_chunks_and_leaves_nothing(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from branchdesk.read.queue import QueueFilter
    from branchdesk.services import ledger_import
    from tests.core.test_ledger_import import SAMPLE
    from ui.import_wizard import ImportWizard

    monkeypatch.setattr(ledger_import, "CHUNK_ROWS", 10)
    monkeypatch.setattr(ledger_import, "CHUNK_PAUSE", 0)
    b = branch
    wizard = ImportWizard(b.desk, b["crm"])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(SAMPLE))
    wizard.next()
    with qtbot.waitSignal(wizard.sig_finished, timeout=60_000):
        wizard.next()
    assert wizard.check_page.table.rowCount() == 60
    # the person presses Cancel as the first chunk is reported: the import stops after it and is undone
    write_chunk = ledger_import.LedgerImportService._write_chunk

    def chunk_then_cancel(self: ledger_import.LedgerImportService, *args: object) -> None:
        write_chunk(self, *args)  # type: ignore[arg-type]
        assert wizard.running is not None
        wizard.running.cancel()  # what the dialog's Cancel button calls (a thread-safe flag)

    monkeypatch.setattr(ledger_import.LedgerImportService, "_write_chunk", chunk_then_cancel)
    with qtbot.waitSignal(wizard.sig_finished, timeout=60_000):
        wizard.next()
        assert not wizard.done_page.isComplete()  # Finish waits for the run
    assert wizard.report is None and wizard.done_page.isComplete()
    assert "已取消导入" in wizard.done_page.result.text()
    assert b.desk.queries.queue_page(b["crm"], QueueFilter()).total == 0
