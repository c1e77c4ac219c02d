"""Dates and the keyboard on forms (issue 17): date fields that take 2026-11-30, 20261130 and 11-30,
open their calendar at today and show nothing when empty; Enter moves from field to field on the
intake form (a check box too, not in a multi-line text), Ctrl+Enter submits, a dialog accepts with
one Enter; after a failed submit the first wrong field is scrolled to, a new intake starts at the top."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from branchdesk.domain.workflow import Action
from branchdesk.storage.models import Case
from tests.conftest import Branch, complaint_form, proposed_case
from ui.case_actions import CaseContext, dialog_for
from ui.date_field import DateField, DateTimeField
from ui.forms import optional_date, optional_datetime
from ui.intake_page import IntakePage
from ui.keyboard import scroll_area_of

TODAY = date.today()


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: widget.hasFocus() or widget.isAncestorOf(widget.window().focusWidget()))


def focused(widget: QWidget) -> bool:
    current = widget.window().focusWidget()
    return current is widget or (current is not None and widget.isAncestorOf(current))


# --- date fields ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("20261130", date(2026, 11, 30)),
        ("11-30", date(TODAY.year, 11, 30)),
    ],
)
def test_a_date_field_takes_the_ways_people_type_a_date(qtbot: QtBot, typed: str, meant: date) -> None:
    field = optional_date("")
    qtbot.addWidget(field)
    field.show()
    focus(qtbot, field)
    qtbot.keyClicks(field.edit, typed)
    assert field.value() == meant  # read before leaving the field too (Ctrl+Enter)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    field.edit.editingFinished.emit()
    assert field.text() == f"{meant:%Y-%m-%d}"
    assert field.date() == QDate(meant.year, meant.month, meant.day)


def test_a_date_and_time_field_takes_a_typed_time(qtbot: QtBot) -> None:
    field = optional_datetime("")
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, "20261130 1430")
    assert field.value() == datetime(2026, 11, 30, 14, 30)
    assert isinstance(field, DateTimeField)
    assert field.dateTime().time().hour() == 14


def test_an_empty_date_shows_empty_and_its_calendar_opens_at_today(qtbot: QtBot) -> None:
    field = optional_date("(none)")
    qtbot.addWidget(field)
    field.show()
    assert field.text() == "" and field.value() is None
    assert "2000" not in field.edit.displayText()
    calendar = field.open_calendar()
    assert calendar.selectedDate() == QDate.currentDate()
    assert calendar.yearShown() == TODAY.year
    calendar.clicked.emit(QDate(2026, 11, 3))
    assert field.value() == date(2026, 11, 3) and not calendar.isVisible()
    field.set_value(date(2025, 5, 1))
    assert field.open_calendar().selectedDate() == QDate(2025, 5, 1)


def test_a_date_that_is_not_one_is_marked_not_dropped(qtbot: QtBot, branch: Branch, tmp_path: Path) -> None:
    page = intake(qtbot, branch, tmp_path)
    fill(page)
    page.fields.widgets["delivery_date"].edit.setText("2026-02-30")  # type: ignore[attr-defined]
    page.submit()
    assert not page.fields.errors["delivery_date"].isHidden()
    page.fields.clear_errors()
    page.save_draft()  # a draft neither: the date would be stored as empty
    assert not page.fields.errors["delivery_date"].isHidden()
    with branch.desk.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


# --- the intake form ------------------------------------------------------------------------------


def intake(qtbot: QtBot, b: Branch, tmp_path: Path) -> IntakePage:
    page = IntakePage(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]), tmp_path)
    qtbot.addWidget(page)
    page.resize(1100, 520)  # shorter than the form: it scrolls
    page.show()
    qtbot.waitExposed(page)
    return page


def fill(page: IntakePage) -> None:
    f = page.fields
    for name, value in dict(
        phone="13800135678",
        complainant_name="李先生",
        channel="phone",
        content="收到的货物外包装破损。",
        request_type="compensation",
        request_amount="800",
    ).items():
        f.set_value(name, value)


def test_enter_in_the_received_time_moves_on_instead_of_walking_its_sections(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    page = intake(qtbot, branch, tmp_path)
    received = page.fields.widgets["received_at"]
    assert isinstance(received, DateTimeField)
    before = received.value()
    focus(qtbot, received)
    qtbot.keyClick(received.edit, Qt.Key.Key_Return)
    assert focused(page.fields.widgets["channel"])
    qtbot.keyClick(
        page.fields.widgets["channel"], Qt.Key.Key_Down
    )  # Down is the pick list's, not the month's
    assert received.value() == before
    # typed the ways a clerk types it
    focus(qtbot, received)
    received.edit.selectAll()
    qtbot.keyClicks(received.edit, "11-30 14:30")
    qtbot.keyClick(received.edit, Qt.Key.Key_Return)
    assert received.value() == datetime(TODAY.year, 11, 30, 14, 30)
    assert received.text() == f"{TODAY.year}-11-30 14:30"


def test_enter_moves_on_from_every_kind_of_field_but_is_a_new_line_in_a_text(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    page = intake(qtbot, branch, tmp_path)
    f = page.fields
    keys = f.keys
    for name in f.order:
        widget = f.widgets[name]
        if isinstance(widget, QPlainTextEdit) or not widget.isEnabled():
            continue
        expected = keys.next_field(widget)
        if expected is None:
            continue
        focus(qtbot, widget)
        target = getattr(widget, "edit", widget)
        if isinstance(widget, QCheckBox):
            was = widget.isChecked()
        qtbot.keyClick(target, Qt.Key.Key_Return)
        assert focused(expected), (name, "did not move on to", expected.objectName())
        if isinstance(widget, QCheckBox):
            assert widget.isChecked() == was  # Enter moves on; Space ticks
    content = f.widgets["content"]
    assert isinstance(content, QPlainTextEdit)
    focus(qtbot, content)
    qtbot.keyClicks(content, "one")
    qtbot.keyClick(content, Qt.Key.Key_Return)
    qtbot.keyClicks(content, "two")
    assert content.toPlainText() == "one\ntwo" and focused(content)
    qtbot.keyClick(content, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert focused(f.keys.next_field(content))  # type: ignore[arg-type]


def test_enter_on_a_check_box_moves_on(qtbot: QtBot, branch: Branch, tmp_path: Path) -> None:
    page = intake(qtbot, branch, tmp_path)
    box = page.fields.widgets["is_foreign"]
    assert isinstance(box, QCheckBox)
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not focused(box) and focused(page.fields.widgets["address"])
    assert not box.isChecked()


def test_ctrl_enter_submits_from_a_field(qtbot: QtBot, branch: Branch, tmp_path: Path) -> None:
    page = intake(qtbot, branch, tmp_path)
    fill(page)
    amount = page.fields.widgets["request_amount"]
    focus(qtbot, amount)
    qtbot.keyClick(amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "202611-001" in page.title.text()


def test_a_failed_submit_scrolls_to_the_first_wrong_field_and_a_new_intake_to_the_top(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    page = intake(qtbot, branch, tmp_path)
    fill(page)
    page.fields.set_value("content", "")
    area = scroll_area_of(page.fields.widgets["content"])
    assert area is not None and area.verticalScrollBar().maximum() > 0
    area.verticalScrollBar().setValue(0)
    page.submit()
    content = page.fields.widgets["content"]
    assert not page.fields.errors["content"].isHidden()
    assert focused(content)

    def in_view() -> bool:
        top = content.mapTo(area.widget(), content.rect().topLeft()).y()
        shown = area.verticalScrollBar().value()
        return shown <= top and top + content.height() <= shown + area.viewport().height()

    qtbot.waitUntil(in_view, timeout=2000)
    page.fields.set_value("content", "收到的货物外包装破损。")
    page.submit()
    assert "202611-001" in page.title.text()
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    # 新建投诉 ignores a click within a double-click of the registration (a double-clicked 提交)
    qtbot.wait(QApplication.doubleClickInterval() + 100)
    page.new_button.click()
    assert area.verticalScrollBar().value() == 0
    assert focused(page.phone)


def test_ctrl_n_shows_the_intake_form_from_its_top(qtbot: QtBot, branch: Branch) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(window)
    window.resize(1200, 600)
    window.show()
    window.show_intake()
    assert window.intake is not None
    area = scroll_area_of(window.intake.phone)
    assert area is not None
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert area.verticalScrollBar().value() > 0
    window.nav.setCurrentRow(0)
    window.show_intake()  # what Ctrl+N calls
    assert area.verticalScrollBar().value() == 0


# --- dialogs ------------------------------------------------------------------------------------


def test_a_dialog_accepts_with_one_enter(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "300")
    context = CaseContext(
        b.desk,
        b["crm"],
        b.desk.queries.lookups(b["crm"]),
        ref.id,
        b.desk.queries.case_detail(b["crm"], ref.id),
    )
    dialog = dialog_for(Action.ESCALATE, context)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    last = dialog.fields.widgets[dialog.fields.order[-1]]
    first = dialog.fields.widgets[dialog.fields.order[0]]
    focus(qtbot, first)
    if first is not last:
        qtbot.keyClick(getattr(first, "edit", first), Qt.Key.Key_Return)
        assert focused(dialog.fields.keys.next_field(first))  # type: ignore[arg-type]
    for name in dialog.fields.order:
        widget = dialog.fields.widgets[name]
        if isinstance(widget, QComboBox) and widget.count() > 1:
            widget.setCurrentIndex(1)
        elif not isinstance(widget, QCheckBox | QComboBox):
            dialog.fields.set_value(name, "重复登记")
    focus(qtbot, last)
    qtbot.keyClick(getattr(last, "edit", last), Qt.Key.Key_Return)
    assert dialog.result_value is not None, messages


def test_ctrl_enter_accepts_a_dialog_from_any_field(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    context = CaseContext(
        b.desk,
        b["crm"],
        b.desk.queries.lookups(b["crm"]),
        ref.id,
        b.desk.queries.case_detail(b["crm"], ref.id),
    )
    dialog = dialog_for(Action.TRIAGE, context)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields.set_value("category", "business.damage")
    dialog.fields.set_value("severity", "normal")
    first = dialog.fields.widgets["valid"]
    focus(qtbot, first)
    qtbot.keyClick(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result_value is not None, messages


def test_date_fields_are_used_for_every_date_a_person_enters(
    qtbot: QtBot, branch: Branch, tmp_path: Path
) -> None:
    page = intake(qtbot, branch, tmp_path)
    for name in ("received_at", "delivery_date", "occurred_at"):
        assert isinstance(page.fields.widgets[name], DateField), name
    from ui.queue_page import QueueView

    queue = QueueView(branch.desk, branch["crm"], branch.desk.queries.lookups(branch["crm"]))
    qtbot.addWidget(queue)
    assert isinstance(queue.date_from, DateField) and isinstance(queue.date_to, DateField)
