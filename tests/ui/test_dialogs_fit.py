"""Every window and dialog fits a 1366×768 screen (728 px above the taskbar) and a 1920×1080 screen at
150 % (1280×720 logical, 680 above the taskbar): its minimum size fits, the size it opens at fits, and
its buttons lie inside the screen without scrolling.

The screen is given to ``ui.screen_fit.available_geometry`` (what every window asks): the offscreen
platform does give a configured screen (``QT_QPA_PLATFORM=offscreen:configfile=…``, checked at the end
in a child process) but has no taskbar and one screen per process, and these tests share one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QDialogButtonBox,
    QPushButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from tests.conftest import Branch, proposed_case
from ui import screen_fit
from ui.case_actions import CASE_ACTIONS, CaseContext, dialog_for

ROOT = Path(__file__).resolve().parents[2]

SCREENS = {
    "1366x768": QRect(0, 0, 1366, 728),
    "1920x1080@150%": QRect(0, 0, 1280, 680),
}


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    rect = SCREENS[request.param]
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(rect))
    return rect


def _outside_scrolling(button: QWidget, window: QWidget) -> bool:
    parent = button.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    return True


def buttons_of(window: QWidget) -> list[QAbstractButton]:
    """The buttons a person must reach to finish: a button box's, a wizard's, or any push button that
    does not scroll with the content."""
    found: list[QAbstractButton] = []
    for box in window.findChildren(QDialogButtonBox):
        found += [b for b in box.buttons() if b.isVisibleTo(window)]
    if isinstance(window, QWizard):
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
            found.append(window.button(which))
    found += [
        b
        for b in window.findChildren(QPushButton)
        if b not in found and b.isVisibleTo(window) and _outside_scrolling(b, window)
    ]
    return found


def assert_fits(qtbot: QtBot, window: QWidget, screen: QRect, name: str = "") -> None:
    qtbot.addWidget(window)
    try:
        _check_fits(qtbot, window, screen, name)
    finally:
        window.close()


def _check_fits(qtbot: QtBot, window: QWidget, screen: QRect, name: str) -> None:
    limit = screen.size() - screen_fit.FRAME
    what = name or type(window).__name__
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= limit.width() and minimum.height() <= limit.height(), (what, minimum, limit)
    window.show()
    qtbot.waitExposed(window)
    size = window.size()
    assert size.width() <= limit.width() and size.height() <= limit.height(), (what, size, limit)
    # The window's top-left corner at the top of the screen, below its title bar:
    origin = screen.topLeft() + QPoint(screen_fit.FRAME.width() // 2, screen_fit.FRAME.height() - 8)
    for button in buttons_of(window):
        if not button.isVisibleTo(window):
            continue
        where = QRect(button.mapTo(window, QPoint(0, 0)) + origin, button.size())
        assert screen.contains(where), (what, button.text(), where, screen)
        assert window.rect().contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size())), (
            what,
            button.text(),
        )
        # not hidden under a scroll area's edge
        assert button.visibleRegion().boundingRect().size() == button.size(), (what, button.text())


# --- the case window's action dialogs: the whole table ------------------------------------------


@pytest.mark.parametrize("action", list(CASE_ACTIONS), ids=lambda a: a.value)
def test_every_case_action_dialog_fits(qtbot: QtBot, branch: Branch, screen: QRect, action: Action) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "6000")
    actor = b["crm"]
    context = CaseContext(
        b.desk, actor, b.desk.queries.lookups(actor), ref.id, b.desk.queries.case_detail(actor, ref.id)
    )
    dialog = dialog_for(action, context)
    assert dialog is not None
    assert_fits(qtbot, dialog, screen, action.value)


# --- every other window ----------------------------------------------------------------------


def _case_window(b: Branch) -> QWidget:
    from ui.case_detail import CaseDetailView
    from ui.main_window import MainWindow

    ref = proposed_case(b, "compensation", "6000")
    window = MainWindow(b.desk, b["crm"], "测试网点")
    view = window.open_case(ref.id)
    assert isinstance(view, CaseDetailView)
    window.close()
    return view


def _print(b: Branch) -> QWidget:
    from ui.print_dialog import PrintDialog

    ref = proposed_case(b, "compensation", "6000")
    return PrintDialog(b.desk, b["crm"], ref.id, b.desk.printing.forms_for(b["crm"], ref.id), "handling")


def _main(username: str) -> Callable[[Branch], QWidget]:
    def build(b: Branch) -> QWidget:
        from ui.main_window import MainWindow

        return MainWindow(b.desk, b[username], "测试网点")

    return build


def _help(b: Branch) -> QWidget:
    from ui.help import HelpWindow

    return HelpWindow()


def _about(b: Branch) -> QWidget:
    from ui.about_dialog import AboutDialog

    return AboutDialog(b.desk)


def _licences(b: Branch) -> QWidget:
    from ui.about_dialog import AboutDialog

    return AboutDialog(b.desk).show_licences()


def _import(b: Branch) -> QWidget:
    from ui.import_wizard import ImportWizard

    return ImportWizard(b.desk, b["admin"])


def _holiday(b: Branch) -> QWidget:
    from ui.holiday_notice_dialog import HolidayNoticeDialog

    return HolidayNoticeDialog(b.desk, b["admin"])


def _login(b: Branch) -> QWidget:
    from ui.login_dialog import LoginDialog

    return LoginDialog(b.desk, "测试网点")


def _first_run(b: Branch) -> QWidget:
    from ui.first_run_dialog import FirstRunDialog

    return FirstRunDialog(b.desk)


def _change_password(b: Branch) -> QWidget:
    from ui.password_dialog import ChangePasswordDialog

    return ChangePasswordDialog(b.desk, b["clerk"], forced=True)


def _reset_password(b: Branch) -> QWidget:
    from ui.password_dialog import ResetPasswordDialog

    [user] = [u for u in b.desk.admin.snapshot(b["admin"]).users if u.username == "clerk"]
    return ResetPasswordDialog(b.desk, b["admin"], user)


def _lock(b: Branch) -> QWidget:
    from ui.lock import LockDialog

    return LockDialog(b.desk, b["clerk"])


def _month(b: Branch) -> QWidget:
    from ui.reports_ui import MonthDialog

    return MonthDialog(b.desk.clock().date(), None, [("a", "甲"), ("b", "乙")])


def _print_log(b: Branch) -> QWidget:
    from ui.print_log import PrintLogDialog

    ref = proposed_case(b, "compensation", "6000")
    b.desk.printing.render(b["crm"], ref.id, "handling")
    return PrintLogDialog(b.desk, b["crm"], ref.id, ref.case_no)


def _preview(b: Branch) -> QWidget:
    from ui.print_dialog import PreviewWindow

    ref = proposed_case(b, "compensation", "6000")
    return PreviewWindow(b.desk.printing.render(b["crm"], ref.id, "handling", log=False), "处理单")


def _bulk_assign(b: Branch) -> QWidget:
    from branchdesk.read.queue import QueueFilter
    from ui.bulk_assign import BulkAssignDialog

    proposed_case(b, "compensation", "6000")
    rows = b.desk.queries.queue_page(b["crm"], QueueFilter()).rows
    return BulkAssignDialog(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), rows)


def _notifications(b: Branch) -> QWidget:
    from ui.main_window import MainWindow

    proposed_case(b, "compensation", "6000")  # its steps notify the managers who may sign
    window = MainWindow(b.desk, b["deputy"], "测试网点")
    listed = window.notifications.show_list()
    listed.hide()
    window.close()
    return listed


# --- issue 14 part B: the CAPA list (in the main window) and the verify dialog ---------------------


def _capa_items(b: Branch) -> None:
    from tests.ui.test_capa_ui import capa_scenario

    capa_scenario(b)
    b.clock.advance(days=2)  # one item overdue: the list shows its red due date, the work page its tile


def _capa_list(b: Branch) -> QWidget:
    from ui.main_window import MainWindow

    _capa_items(b)
    window = MainWindow(b.desk, b["crm"], "测试网点")
    window.show_capa(None)
    return window


def _capa_verify(b: Branch) -> QWidget:
    from branchdesk.read.capa import CapaFilter
    from ui.capa_dialogs import VerifyDialog

    _capa_items(b)
    [row] = b.desk.capa.list(b["crm"], CapaFilter(status="done"))
    return VerifyDialog(b.desk, b["crm"], row, [(1, "检查记录.pdf")])


WINDOWS: dict[str, Callable[[Branch], QWidget]] = {
    "case window": _case_window,
    "print": _print,
    "main window (clerk)": _main("clerk"),
    "main window (admin, settings)": _main("admin"),
    "main window (CR manager)": _main("crm"),
    "help": _help,
    "about": _about,
    "licences": _licences,
    "import wizard": _import,
    "holiday notice": _holiday,
    "login": _login,
    "first run": _first_run,
    "change password": _change_password,
    "reset password": _reset_password,
    "lock": _lock,
    "monthly summary": _month,
    "print log": _print_log,
    "print preview": _preview,
    "bulk assign": _bulk_assign,
    "notification list": _notifications,
    "CAPA list": _capa_list,  # issue 14 part B
    "CAPA verify": _capa_verify,
}



# --- issue 14 part C: rewards and penalties ---
def _rewards(b: Branch, what: str) -> QWidget:
    from tests.core.test_forms_golden import approved_penalty
    from ui.rewards_case import RewardsDialog, RewardsHistoryDialog
    from ui.rewards_scale_tab import RewardsScaleTab

    if what == "scale line":
        return RewardsScaleTab(b.desk, b["admin"]).open_editor(None, show=False)
    ref = proposed_case(b, "compensation", "6000")
    approved_penalty(b, ref.id)
    if what == "history":
        who = b["handler"]
        return RewardsHistoryDialog(b.desk, b["crm"], "张伟", user_id=who.user_id, department_id=None)
    return RewardsDialog(b.desk, b["crm"], ref.id, ref.case_no)


WINDOWS.update(
    {
        "rewards of a case": lambda b: _rewards(b, "case"),
        "rewards history": lambda b: _rewards(b, "history"),
        "reward scale line": lambda b: _rewards(b, "scale line"),
    }
)


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_window_fits(
    qtbot: QtBot, branch: Branch, screen: QRect, messages: list[str], name: str
) -> None:
    assert_fits(qtbot, WINDOWS[name](branch), screen, name)


# --- the offscreen platform really gives such a screen ----------------------------------------

CHILD = """
from PySide6.QtWidgets import QApplication
from ui.screen_fit import available_geometry, fit_to_screen
from PySide6.QtWidgets import QDialog
from PySide6.QtCore import QSize
app = QApplication([])
dialog = QDialog()
size = fit_to_screen(dialog, QSize(980, 760))
rect = available_geometry(dialog)
print(rect.width(), rect.height(), size.width(), size.height())
"""


def test_fit_to_screen_reads_the_screen_at_150_percent(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "fhd",
                        "x": 0,
                        "y": 0,
                        "width": 1920,
                        "height": 1080,
                        "logicalDpi": 144,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    out = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    width, height, fitted_w, fitted_h = map(int, out)
    assert (width, height) == (1280, 720)
    assert QSize(fitted_w, fitted_h) == QSize(980, 720 - screen_fit.FRAME.height())
