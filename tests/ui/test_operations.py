"""The one way in for user actions: the action table, the wait cursor, the log, the crash hook,
per-case and configuration signals — through real widgets and real services."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from branchdesk.errors import DomainError
from branchdesk.logs import configure_logging
from tests.conftest import Branch, complaint_form, proposed_case
from tests.ui.test_case_flow import detail_as
from ui import crash
from ui.case_actions import CASE_ACTIONS, CaseContext, dialog_for
from ui.intake_page import IntakePage
from ui.operations import ALL_CASES, announce_case_changed, announce_config_changed, app_signals, run_action
from ui.queue_page import QueueView

#: The buttons the case window had before the table (the old if-chain covered exactly these).
OLD_BUTTONS = {
    Action.TRIAGE,
    Action.ASSIGN,
    Action.RECORD_INVESTIGATION,
    Action.PROPOSE,
    Action.APPROVE,
    Action.REPLY,
    Action.ANSWER,
    Action.REQUEST_EXTENSION,
    Action.DECIDE_EXTENSION,
    Action.FOLLOW_UP,
    Action.CLOSE,
    Action.CLOSE_ABNORMAL,
    Action.OPEN_LINKED,
    Action.VOID,
    Action.ESCALATE,
    Action.INFORM_GM,
    Action.EDIT_CUSTOM,  # issue 12 "fields"
    Action.FIRST_CONTACT,  # issue 12 "steps": 首次联系
    Action.CORRECT_INTAKE,  # issue 17 part E: 更正受理信息
    Action.ADD_CAPA,  # issue 14 part B: 添加纠正预防措施
    Action.ASK_OPINION,  # issue 14 part A: 请求会签
    Action.GIVE_OPINION,
    Action.PROCEED_WITHOUT_OPINIONS,
    Action.PROPOSE_REWARD,  # issue 14 part C: 提出奖罚
    Action.ADD_NOTE,  # issue 14 part D: 添加内部备注 / 记录进度告知 / 重新处理
    Action.RECORD_CONTACT,
    Action.REOPEN,
}


def log_text() -> str:
    return configure_logging().read_text(encoding="utf-8")


class Counter:
    """Wraps a widget's reload method and counts the calls."""

    def __init__(self, widget: object, name: str) -> None:
        self.calls = 0
        original = getattr(widget, name)

        def counted() -> None:
            self.calls += 1
            original()

        setattr(widget, name, counted)


# --- the action table ------------------------------------------------------------------------------


def test_every_button_of_the_case_window_has_a_table_entry(qtbot: QtBot, branch: Branch) -> None:
    assert set(CASE_ACTIONS) == OLD_BUTTONS
    assert set(Action) - set(CASE_ACTIONS) == {Action.EDIT_DRAFT, Action.SUBMIT, Action.ADD_ATTACHMENT}
    ref = proposed_case(branch, "compensation", "300")
    view = detail_as(qtbot, branch, "crm", ref.id)
    assert set(view.buttons) == set(CASE_ACTIONS)
    assert view.buttons[Action.TRIAGE].text() == "分诊"  # the label comes from the table, translated
    assert view.detail is not None
    context = CaseContext(branch.desk, branch["crm"], view._lookups, ref.id, view.detail, view)
    for action, op in CASE_ACTIONS.items():
        dialog = dialog_for(action, context)
        assert dialog is not None and op.action is action
        assert dialog.case_id == ref.id
        assert ref.case_no in dialog.windowTitle(), action
        dialog.deleteLater()


# --- cursor, log, crash dialog ------------------------------------------------------------------------


def test_configure_logging_makes_the_log_file_and_is_idempotent() -> None:
    path = configure_logging()
    assert path.exists() and path.parent.name == "logs"
    assert (path.parent / "crash.log").exists()
    assert configure_logging() == path


def test_an_exception_inside_an_action_restores_the_cursor_and_is_logged(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    configure_logging()
    ref = branch.desk.intake.register(branch["clerk"], complaint_form())
    view = detail_as(qtbot, branch, "crm", ref.id)

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("triage exploded 7781")

    monkeypatch.setattr(branch.desk.cases, "triage", broken)
    assert view.detail is not None
    dialog = dialog_for(
        Action.TRIAGE, CaseContext(branch.desk, branch["crm"], view._lookups, ref.id, view.detail)
    )
    assert dialog is not None
    dialog.fields.set_value("category", "business.damage")
    dialog.fields.set_value("severity", "normal")
    dialog._on_ok()
    assert QApplication.overrideCursor() is None
    assert dialog.result_value is None
    assert "意外错误" in messages[-1] and str(configure_logging()) in messages[-1]
    text = log_text()
    assert "triage exploded 7781" in text and "Traceback" in text and "ERROR ui.crash" in text


def test_a_refusal_shows_its_reason_and_restores_the_cursor(qtbot: QtBot, messages: list[str]) -> None:
    def refuse() -> object:
        raise DomainError("本案已结案，不能再分派")

    assert run_action(None, refuse) is None
    assert QApplication.overrideCursor() is None
    assert messages == ["本案已结案，不能再分派"]


def test_uncaught_exceptions_are_logged_and_shown_once(qtbot: QtBot, messages: list[str]) -> None:
    configure_logging()
    crash.install()
    try:
        try:
            raise ValueError("slot failed 4412")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # what PySide does with an exception escaping a slot
        assert "意外错误" in messages[-1]
        thread = threading.Thread(target=lambda: 1 / 0, name="worker-x")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(messages) == 2)  # queued to the GUI thread
    finally:
        crash.uninstall()
    text = log_text()
    assert "slot failed 4412" in text and "uncaught exception in thread worker-x" in text
    assert "ZeroDivisionError" in text


# --- who reloads after a change --------------------------------------------------------------------


def test_a_change_reloads_only_the_window_of_that_case(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    a_ref = b.desk.intake.register(b["clerk"], complaint_form())
    b_ref = b.desk.intake.register(b["clerk"], complaint_form(phone="139 0000 1111"))
    window_a = detail_as(qtbot, b, "crm", a_ref.id)
    window_b = detail_as(qtbot, b, "crm", b_ref.id)
    closed_a = detail_as(qtbot, b, "crm", a_ref.id)
    for window in (window_a, window_b, closed_a):
        window.show()
    closed_a.close()
    count_a, count_b, count_closed = (Counter(w, "refresh") for w in (window_a, window_b, closed_a))
    with qtbot.waitSignal(app_signals().sig_case_changed) as signal:
        dialog = window_a.dialog_for(Action.TRIAGE, window_a.detail)  # type: ignore[arg-type]
        assert dialog is not None
        dialog.fields.set_value("category", "business.damage")
        dialog.fields.set_value("severity", "normal")
        dialog._on_ok()
    assert signal.args == [a_ref.id]
    assert (count_a.calls, count_b.calls, count_closed.calls) == (1, 0, 0)
    assert window_a.detail is not None and window_a.detail.status != "registered"
    closed_a.show()  # opened again: it reloads once, because its case changed meanwhile
    assert count_closed.calls == 1 and closed_a.detail is not None
    assert closed_a.detail.status == window_a.detail.status
    announce_case_changed(ALL_CASES)  # the sweep: every open case window reloads
    assert (count_a.calls, count_b.calls) == (2, 1)


def test_lists_reload_when_visible_and_otherwise_when_shown(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    queue.clear_filters(reload=False)  # filters another test remembered for this user
    reloads = Counter(queue, "reload")
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    announce_case_changed(ref.id)
    assert reloads.calls == 0 and queue.model.total == 0  # hidden: nothing queried
    queue.show()
    assert reloads.calls == 1 and queue.model.total == 1
    announce_case_changed(ref.id)
    assert reloads.calls == 2


# --- configuration changes reach the pick lists ------------------------------------------------------


def test_pick_lists_follow_the_configuration_without_restart(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    b = branch
    intake = IntakePage(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]), tmp_path)
    qtbot.addWidget(intake)
    queue = QueueView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]))
    qtbot.addWidget(queue)
    departments = intake.fields.widgets["complained_department_id"]
    intake.fields.set_value("channel", "phone")
    b.desk.admin.save_department(b["admin"], "AS2", "售后二部")
    b.desk.admin.save_category(b["admin"], "aftersales", "售后问题")
    assert departments.findText("售后二部") == -1  # type: ignore[attr-defined]
    intake.show()
    announce_config_changed()
    assert departments.findText("售后二部") > 0  # type: ignore[attr-defined]
    assert queue.category.findData("aftersales") == -1  # hidden: nothing queried yet
    queue.show()
    assert queue.category.findData("aftersales") > 0
    assert intake.fields.value("channel") == "phone"  # what was chosen stays


def test_the_settings_page_announces_its_writes(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    from tests.ui.test_admin_page import tab
    from ui.admin_page import AdminPage

    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    departments = tab(page, "部门")
    departments.fields.set_value("code", "LOG")
    departments.fields.set_value("name", "物流部")
    with qtbot.waitSignal(app_signals().sig_config_changed):
        departments._on_save()


def test_a_hidden_case_window_reads_new_pick_lists_only_when_asked(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = detail_as(qtbot, b, "crm", ref.id)
    b.desk.admin.save_category(b["admin"], "aftersales", "售后问题")
    reads: list[int] = []
    original = b.desk.queries.lookups
    monkeypatch.setattr(b.desk.queries, "lookups", lambda actor: (reads.append(1), original(actor))[1])
    announce_config_changed()
    assert reads == []
    assert view.detail is not None
    dialog = view.dialog_for(Action.TRIAGE, view.detail)
    assert dialog is not None and reads == [1]
    categories = dialog.fields.widgets["category"]
    assert categories.findText("售后问题") > 0  # type: ignore[attr-defined]


def test_the_settings_page_offers_a_new_top_category_as_parent(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    from tests.ui.test_admin_page import tab
    from ui.admin_page import AdminPage

    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.show()
    categories = tab(page, "投诉类别")
    categories.fields.set_value("code", "aftersales")
    categories.fields.set_value("label", "售后问题")
    categories._on_save()
    parent = categories.fields.widgets["parent"]
    assert parent.findData("aftersales") > 0  # type: ignore[attr-defined]
    assert page.sla_tab.fields.widgets["category_code"].findData("aftersales") > 0  # type: ignore[attr-defined]


def test_a_configuration_version_moved_by_another_pc_is_announced(qtbot: QtBot, branch: Branch) -> None:
    from ui.main_window import MainWindow

    version = [1]
    window = MainWindow(branch.desk, branch["crm"], "测试网点", config_version=lambda: version[0])
    qtbot.addWidget(window)
    changed = app_signals().sig_config_changed
    with qtbot.assertNotEmitted(changed):
        window._check_config_version()
    version[0] = 2
    with qtbot.waitSignal(changed, timeout=1000):
        window._check_config_version()
    with qtbot.assertNotEmitted(changed):
        window._check_config_version()
