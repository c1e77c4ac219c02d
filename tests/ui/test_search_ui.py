"""The one search box (issue 17 part C), by keyboard: Ctrl+F, type a phone as the customer says it,
Enter, Down, Enter — the case window opens on that case. User data is never read as HTML."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import Branch, complaint_form
from tests.ui.test_english_walk import chinese_left, user_data
from tests.ui.test_english_walk import english as english  # the fixture
from ui.main_window import MainWindow
from ui.search_page import MARK, highlighted


@pytest.fixture
def window(qtbot: QtBot, branch: Branch) -> Iterator[MainWindow]:
    shown = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    yield shown
    shown.close()


def test_a_phone_as_spoken_finds_the_case_and_opens_it_by_keyboard(
    qtbot: QtBot, branch: Branch, window: MainWindow
) -> None:
    b = branch
    ref = b.desk.intake.register(
        b["clerk"], complaint_form(complainant_name="欧阳娜娜", phone="138-0013-8000", content="空调不制冷")
    )
    b.desk.intake.register(b["clerk"], complaint_form(phone="139 0000 0001"))  # another customer
    page = window.search_page
    assert page is not None
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.box.hasFocus()
    qtbot.keyClicks(page.box, "+86 138 0013 8000")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is page
    assert page.result is not None and [h.case_no for h in page.result.hits] == [ref.case_no]
    shown = page.results.itemWidget(page.results.item(0)).text()  # type: ignore[attr-defined]
    assert ref.case_no in shown and "欧阳娜娜" in shown
    assert f"{MARK}138-0013-8000</b>" in shown  # the phone as typed at intake, the match highlighted
    assert "电话：" in shown  # which text matched, named in the interface's language
    qtbot.keyClick(page.box, Qt.Key.Key_Down)
    assert page.results.hasFocus() and page.results.currentRow() == 0
    qtbot.keyClick(page.results, Qt.Key.Key_Return)
    view = window.detail_windows.get(ref.id)
    assert view is not None and view.isVisible()
    assert ref.case_no in view.windowTitle()
    view.close()
    # the navigation still leads back to the other screens
    window.nav.setCurrentRow(0)
    assert window.pages.currentWidget() is window.work


def test_words_are_highlighted_and_user_data_stays_text(
    qtbot: QtBot, branch: Branch, window: MainWindow
) -> None:
    b = branch
    b.desk.intake.register(
        b["clerk"],
        complaint_form(complainant_name="<b>王</b>&amp;", content="<img src=x>外包装破损，要求赔偿"),
    )
    page = window.search_page
    assert page is not None
    page.box.setText("外包装")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.result is not None and len(page.result.hits) == 1
    shown = page.results.itemWidget(page.results.item(0)).text()  # type: ignore[attr-defined]
    assert "&lt;b&gt;王&lt;/b&gt;&amp;amp;" in shown and "<img" not in shown
    assert f"&lt;img src=x&gt;{MARK}外包装</b>破损" in shown
    assert highlighted("a<b", [(1, 2), (0, 5)]) == f"a{MARK}&lt;</b>b"  # a span past the end is dropped
    # an empty query says so on the page, nothing is shown in a message box
    page.box.setText("   ")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.result is None and page.results.count() == 0 and "搜索" in page.header.text()
    # a query without results
    page.box.setText("没有这个词")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.results.count() == 0 and "没有这个词" in page.header.text()


def test_the_search_page_reads_english(qtbot: QtBot, branch: Branch, english: None) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(phone="138 0013 8000"))
    window = MainWindow(b.desk, b["clerk"], "Test branch")
    qtbot.addWidget(window)
    window.show()
    page = window.search_page
    assert page is not None
    page.box.setText("13800138000")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.results.count() == 1
    problems = chinese_left(page, user_data(b))
    problems += [p for p in chinese_left(window, user_data(b)) if "search" in p.lower()]
    assert not problems, problems
    window.close()


def test_the_administrator_has_no_search_box(qtbot: QtBot, branch: Branch) -> None:
    window = MainWindow(branch.desk, branch["admin"], "测试网点")
    qtbot.addWidget(window)
    assert window.search_page is None
    window.close()
