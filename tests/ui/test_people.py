"""People at the desk: change one's password, an administrator's reset, log out and switch user, 关于, and
帮助 (F1 at the current screen's section) — real widgets, real services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

import branchdesk
from branchdesk.errors import AuthenticationFailed
from branchdesk.storage.database import default_data_dir
from tests.conftest import PASSWORD, Branch
from ui import help as help_module
from ui.admin_page import AdminPage
from ui.help import SECTIONS, HelpWindow, guide_path, markdown_with_anchors
from ui.intake_page import recovery_path
from ui.login_dialog import LoginDialog
from ui.main import log_in, run_sessions
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog, ResetPasswordDialog

NEW = "brand-new-pass-7"


def ok_button(dialog: QWidget) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


def answer_login(monkeypatch: pytest.MonkeyPatch, answers: list[tuple[str, str]]) -> list[LoginDialog]:
    """``LoginDialog.exec`` fills in the next (user, password) and clicks 登录 (no modal loop)."""
    shown: list[LoginDialog] = []

    def exec_(dialog: LoginDialog) -> int:
        shown.append(dialog)
        if not answers:
            return QDialog.DialogCode.Rejected.value
        username, password = answers.pop(0)
        dialog.user.setCurrentIndex(dialog.user.findData(username))
        dialog.password.setText(password)
        ok_button(dialog).click()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", exec_)
    return shown


def answer_change(
    monkeypatch: pytest.MonkeyPatch, answers: list[tuple[str, str, str]]
) -> list[ChangePasswordDialog]:
    """``ChangePasswordDialog.exec`` types (old, new, new again), clicks OK; cancels when out of answers."""
    shown: list[ChangePasswordDialog] = []

    def exec_(dialog: ChangePasswordDialog) -> int:
        shown.append(dialog)
        while answers:
            old, new, again = answers.pop(0)
            dialog.old_password.setText(old)
            dialog.new_password.setText(new)
            dialog.new_again.setText(again)
            ok_button(dialog).click()
            if dialog.result() == QDialog.DialogCode.Accepted.value:
                return dialog.result()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ChangePasswordDialog, "exec", exec_)
    return shown


def fits_the_screen(widget: QWidget) -> None:
    hint = widget.sizeHint().expandedTo(widget.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 768 - 40, (type(widget).__name__, hint)


def test_a_user_changes_their_own_password_from_the_user_menu(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    window = MainWindow(b.desk, b["clerk"], "测试网点")
    qtbot.addWidget(window)
    dialog = ChangePasswordDialog(b.desk, b["clerk"], parent=window)
    qtbot.addWidget(dialog)
    fits_the_screen(dialog)
    assert dialog.windowTitle() == "修改密码"
    dialog.old_password.setText("not-my-password")
    dialog.new_password.setText(NEW)
    dialog.new_again.setText(NEW + "x")
    ok_button(dialog).click()
    assert dialog.message.text() == "两次输入的新密码不一致。"
    dialog.new_again.setText(NEW)
    ok_button(dialog).click()
    assert dialog.message.text() == "原密码不正确" and dialog.actor is None
    dialog.old_password.setText(PASSWORD)
    dialog.new_password.setText("short")
    dialog.new_again.setText("short")
    ok_button(dialog).click()
    assert dialog.message.text() == "密码至少 8 位"
    with pytest.raises(AuthenticationFailed):
        b.desk.auth.login("clerk", NEW)

    # Through the menu, as the clerk would: 用户 → 修改密码…
    answer_change(monkeypatch, [(PASSWORD, NEW, NEW)])
    actions = {a.text(): a for menu in window.menuBar().actions() for a in menu.menu().actions()}
    actions["修改密码…"].trigger()
    assert window.statusBar().currentMessage() == "密码已修改。"
    # The next login takes the new password only.
    shown = answer_login(monkeypatch, [("clerk", PASSWORD)])
    assert log_in(b.desk, "测试网点") is None and shown[0].message.text() == "用户名或密码错误"
    answer_login(monkeypatch, [("clerk", NEW)])
    actor = log_in(b.desk, "测试网点")
    assert actor is not None and actor.username == "clerk"


def test_an_administrator_reset_forces_a_change_at_the_next_login(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    rows = [row.username for row in page._user_rows]
    page.users.selectRow(rows.index("admin"))
    assert not page.reset_password_button.isEnabled()  # one's own: 用户 → 修改密码
    page.users.selectRow(rows.index("handler"))
    assert page.reset_password_button.isEnabled()
    page.reset_password_button.click()
    dialog = page.findChild(ResetPasswordDialog)
    assert dialog is not None
    fits_the_screen(dialog)
    suggested = dialog.password.text()
    assert len(suggested) == 10 and suggested.isalnum()
    dialog.password.setText("short")
    ok_button(dialog).click()
    assert dialog.message.text() == "密码至少 8 位"
    dialog.password.setText("temporary-42")
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted.value

    # The next login asks for a new password before the main window; cancelling goes back to the login.
    answer_login(monkeypatch, [("handler", "temporary-42")])
    changes = answer_change(monkeypatch, [])
    assert log_in(b.desk, "测试网点") is None
    labels = " ".join(label.text() for label in changes[0].findChildren(QLabel))
    assert changes[0].windowTitle() == "修改密码" and "系统管理员已重置您的密码" in labels
    answer_login(monkeypatch, [("handler", "temporary-42")])
    answer_change(monkeypatch, [("temporary-42", "temporary-42", "temporary-42"), ("temporary-42", NEW, NEW)])
    actor = log_in(b.desk, "测试网点")
    assert actor is not None and actor.username == "handler" and not actor.must_change_password
    assert not b.desk.auth.login("handler", NEW).must_change_password


def test_log_out_returns_to_the_login_and_another_user_logs_in(
    qtbot: QtBot, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    logins = answer_login(monkeypatch, [("clerk", PASSWORD), ("handler", PASSWORD)])
    sessions: list[MainWindow] = []

    def event_loop() -> int:
        """Stands in for QApplication.exec: works in the window, then leaves it as a person would."""
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        sessions.append(window)
        if len(sessions) == 1:
            assert window.intake is not None
            window.show_intake()
            window.intake.phone.setText("13900001111")  # typed, not submitted
            actions = {a.text(): a for menu in window.menuBar().actions() for a in menu.menu().actions()}
            actions["注销（切换用户）"].trigger()
            assert not window.isVisible()
        else:
            window.close()
        return 0

    assert run_sessions(b.desk, "测试网点", event_loop) == 0
    assert len(logins) == 2 and [w._actor.username for w in sessions] == ["clerk", "handler"]
    assert sessions[1].intake is None  # the handler's own screens
    recovery = recovery_path(default_data_dir() / "recovery", b.desk, "clerk")
    assert recovery.is_file() and "13900001111" in recovery.read_text(encoding="utf-8")
    recovery.unlink()


def test_about_shows_the_database_and_the_version(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    window = MainWindow(b.desk, b["admin"], "测试网点")
    qtbot.addWidget(window)
    dialog = window.show_about()
    fits_the_screen(dialog)
    assert dialog.windowTitle() == "关于客诉台"
    assert dialog.rows["version"].text() == branchdesk.__version__
    assert dialog.rows["database"].text() == str(b.path)
    assert dialog.rows["size"].text().endswith(("KB", "MB"))
    assert dialog.rows["log_file"].text().endswith("branchdesk.log")
    assert dialog.rows["anchor"].text() == b.desk.about().audit_anchor
    dialog.copy_facts()
    clipboard = QApplication.clipboard().text()
    assert str(b.path) in clipboard and f"版本: {branchdesk.__version__}" in clipboard
    licences = dialog.show_licences()
    qtbot.addWidget(licences)
    assert "ReportLab" in licences.browser.toPlainText()
    dialog.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_both_guides_have_every_screen_section(language: str) -> None:
    text, anchors = markdown_with_anchors(guide_path(language).read_text(encoding="utf-8"))
    assert set(anchors.values()) == set(SECTIONS)
    assert "<a name" not in text
    for section in SECTIONS:  # the table of contents links to each
        assert f"(#{section})" in text


def test_the_guide_is_the_one_shipped_and_docs_points_to_it() -> None:
    root = Path(__file__).resolve().parents[2]
    assert guide_path("zh_CN") == root / "resources" / "help" / "user_guide_zh_CN.md"
    pointer = (root / "docs" / "用户手册.md").read_text(encoding="utf-8")
    assert "../resources/help/user_guide_zh_CN.md" in pointer


def press_f1(qtbot: QtBot, widget: QWidget) -> HelpWindow:
    if QApplication.activeWindow() is not widget.window():
        with qtbot.waitActive(widget.window()):
            widget.window().activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    window = help_module._window
    assert window is not None and window.isVisible()
    return window


def at_section(guide: HelpWindow, heading: str) -> bool:
    """``heading`` is the first one in view (or in view at all when the guide is scrolled to its end)."""
    shown = guide.visible_headings()
    bar = guide.browser.verticalScrollBar()
    return bool(shown) and (shown[0] == heading or (heading in shown and bar.value() == bar.maximum()))


@pytest.mark.parametrize(
    ("page", "heading"),
    [("work", "工作台"), ("intake", "新建投诉"), ("queue", "案件队列"), ("users", "用户与角色")],
)
def test_f1_opens_the_guide_at_the_current_screen(
    qtbot: QtBot, branch: Branch, page: str, heading: str
) -> None:
    b = branch
    actor = b["admin"] if page == "users" else b["crm"]
    window = MainWindow(b.desk, actor, "测试网点")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    pages: dict[str, Callable[[], QWidget | None]] = {
        "work": lambda: window.work,
        "intake": lambda: window.intake,
        "queue": lambda: window.queue,
        "users": lambda: window.pages.widget(window.pages.count() - 1),
    }
    target = pages[page]()
    assert target is not None
    window.nav.setCurrentRow(window.pages.indexOf(target))
    guide = press_f1(qtbot, window.nav)
    qtbot.waitUntil(lambda: at_section(guide, heading))
    fits_the_screen(guide)
    assert guide.windowTitle() == "客诉台 — 用户手册"
    window.close()
    assert not guide.isVisible()  # the guide goes with the session


def test_f1_in_the_login_dialog_opens_the_login_section(qtbot: QtBot, branch: Branch) -> None:
    dialog = LoginDialog(branch.desk, "测试网点")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    guide = press_f1(qtbot, dialog.password)
    qtbot.waitUntil(lambda: at_section(guide, "登录"))
    guide.close()
