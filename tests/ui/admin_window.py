"""The administrator's main window opened on 设置 at one of its tabs: the start of many settings tests."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.admin_page import AdminPage
from ui.main_window import MainWindow


def open_settings(
    qtbot: QtBot, b: Branch, tab: str, size: tuple[int, int] = (1366, 768)
) -> tuple[MainWindow, AdminPage]:
    """The admin's window shown at ``size`` on the settings page, the page's tab ``tab`` (an attribute
    of ``AdminPage``) current."""
    window = MainWindow(b.desk, b["admin"], "Test branch")
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    page = window.findChild(AdminPage)
    assert page is not None
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.tabs.setCurrentWidget(getattr(page, tab))
    return window, page
