"""Issue 17's counter script: the CR manager at the counter registers a complaint, finds it again by the
phone as the customer says it (``+86 138 0013 8000``) and assigns it — every step by keyboard, on the
real main window: Ctrl+N, typing, Enter to the next field, Down in a pick list, Ctrl+Enter to submit,
Ctrl+F to search, Down/Enter to open, Ctrl+Shift+T for 分诊 (which assigns the handler)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Status
from tests.conftest import Branch
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
PHONE = "+86 138 0013 8000"


def label_of(widget: QWidget) -> str:
    """The field's label: its accessible name, or its date field's (the line edit inside it)."""
    name = widget.accessibleName()
    parent = widget.parentWidget()
    return name or (parent.accessibleName() if parent is not None else "")


def walk(qtbot: QtBot, window: QWidget, do: dict[str, Callable[[QWidget], None]], until: str) -> list[str]:
    """From the focused field to the one labelled ``until``: the field's own key strokes where ``do``
    names it, then Enter (Tab out of a multi-line text, where Enter is a new line). The labels passed."""
    passed: list[str] = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        assert widget is not None and widget.window() is window, passed
        name = label_of(widget)
        passed.append(name)
        if name == until:
            return passed
        if name in do:
            do[name](widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab if name == "投诉内容" else Qt.Key.Key_Return)
    raise AssertionError(f"never reached {until}: {passed}")


def typing(qtbot: QtBot, text: str) -> Callable[[QWidget], None]:
    """Key strokes for ASCII; Chinese arrives as a Chinese input method delivers it: a committed string."""

    def type_into(widget: QWidget) -> None:
        if text.isascii():
            qtbot.keyClicks(widget, text)
            return
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return type_into


def first_choice(qtbot: QtBot) -> Callable[[QWidget], None]:
    return lambda widget: qtbot.keyClick(widget, Qt.Key.Key_Down)


def test_register_find_by_spoken_phone_and_assign_all_by_keyboard(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    window = MainWindow(b.desk, b["crm"], "测试网点")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()

    # 1. register: Ctrl+N, the fields in order, Ctrl+Enter
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    intake = window.intake
    assert intake is not None and window.pages.currentWidget() is intake
    assert intake.phone.hasFocus()
    passed = walk(
        qtbot,
        window,
        {
            "联系电话": typing(qtbot, PHONE),
            "投诉人": typing(qtbot, "欧阳娜娜"),
            "投诉渠道": first_choice(qtbot),
            "投诉内容": typing(qtbot, "收到的空调外机外壳破损，要求上门更换。"),
        },
        until="客户要求",
    )
    assert passed[:2] == ["联系电话", "投诉人"] and "投诉内容" in passed
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Down)  # 客户要求: the first choice
    qtbot.keyClick(focused, Qt.Key.Key_Return, CTRL)
    with b.desk.db.read() as session:
        from sqlalchemy import select

        from branchdesk.storage.models import Case

        case = session.scalars(select(Case)).one()
        case_id, case_no = case.id, case.case_no
        assert (case.complainant_name, case.status) == ("欧阳娜娜", Status.REGISTERED.value)
    assert case_no in intake.title.text()

    # 2. find it by the phone as the customer says it: Ctrl+F, type, Enter, Down, Enter
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    page = window.search_page
    assert page is not None and page.box.hasFocus()
    qtbot.keyClicks(page.box, PHONE)
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.result is not None and [h.case_no for h in page.result.hits] == [case_no]
    qtbot.keyClick(page.box, Qt.Key.Key_Down)
    qtbot.keyClick(page.results, Qt.Key.Key_Return)
    view = window.detail_windows.get(case_id)
    assert view is not None and view.isVisible()
    with qtbot.waitActive(view):
        view.activateWindow()

    # 3. triage and assign: Ctrl+Shift+T, Down in each pick list, Ctrl+Enter
    dialogs: list[QWidget] = []

    def fill_triage() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialogs.append(dialog)
        choose = first_choice(qtbot)
        try:
            qtbot.waitUntil(lambda: (f := QApplication.focusWidget()) is not None and f.window() is dialog)
            walk(
                qtbot,
                dialog,
                {"投诉类别": choose, "等级": choose, "责任部门": choose, "处理责任人（同时分派）": choose},
                until="备注",
            )
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting on a modal dialog
                dialog.close()

    QTimer.singleShot(0, fill_triage)  # the dialog is modal: it is filled from inside its own loop
    qtbot.keyClick(view, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert dialogs, "Ctrl+Shift+T opened no dialog"
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.status is Status.IN_PROGRESS, detail.status
    assert detail.triage is not None and detail.triage.category_path and detail.triage.severity is not None
    assert detail.department is not None and detail.handler is not None  # assigned
    view.close()
