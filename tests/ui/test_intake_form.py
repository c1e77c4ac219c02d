"""Issue 17 part E, the intake form a clerk expects: a double-click on 提交 keeps the confirmation, a saved
draft leaves no recovery copy behind, Ctrl+N empties the form over a draft, an empty Ctrl+S saves nothing
and uses no number, the amount field takes no more than the ceiling, and the customer's details are
offered when the phone matches an earlier case."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import Branch, complaint_form
from ui.intake_page import IntakePage, recovery_path


def page_for(qtbot: QtBot, b: Branch, tmp_path: Path) -> IntakePage:
    page = IntakePage(b.desk, b["clerk"], b.desk.queries.lookups(b["clerk"]), tmp_path)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def fill(page: IntakePage) -> None:
    f = page.fields
    f.set_value("phone", "139 1234 5678")
    f.set_value("complainant_name", "周女士")
    f.set_value("channel", "phone")
    f.set_value("request_type", "compensation")
    f.set_value("content", "冷链配送延误三天，整批货物变质。")


def test_a_double_click_on_submit_keeps_the_confirmation(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    page = page_for(qtbot, branch, tmp_path)
    fill(page)
    where = page.submit_button.mapTo(page, page.submit_button.rect().center())
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert "202611-001" in page.message.text()
    # the second click of the double-click lands on whatever is now under the pointer
    under = page.childAt(where)
    assert under is not None
    target = under if isinstance(under, QPushButton) else under.parentWidget()
    local = target.mapFrom(page, where) if target is not None else QPoint()
    if target is not None:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=local)
        qtbot.mouseDClick(target, Qt.MouseButton.LeftButton, pos=local)
    page.new_button.click()  # within the double-click interval: not a request for a new form
    assert page.title.text() == "投诉 202611-001"
    assert "202611-001" in page.message.text() and page.message.isVisible()
    assert not page.submit_button.isEnabled()
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    page.new_button.click()  # a deliberate click later starts a new complaint
    assert page.title.text() == "新建投诉"


def test_a_saved_draft_leaves_no_recovery_copy(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    page = page_for(qtbot, branch, tmp_path)
    page.fields.set_value("complainant_name", "周女士")  # the recovery copy is due in 800 ms
    page.save_draft()
    assert "草稿" in page.message.text()
    qtbot.wait(1200)
    assert not recovery_path(tmp_path, branch.desk, "clerk").exists()
    again = page_for(qtbot, branch, tmp_path)  # the next start offers nothing
    assert not again.offer_recovery()
    assert messages == []


def test_ctrl_n_empties_the_form_over_a_draft(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.main_window
    from ui.main_window import MainWindow

    b = branch
    monkeypatch.setattr(ui.main_window, "default_data_dir", lambda: tmp_path)  # recovery files go here
    draft = b.desk.intake.save_draft(b["clerk"], complaint_form(content=""))
    window = MainWindow(b.desk, b["clerk"], "Test branch")
    qtbot.addWidget(window)
    window.show()
    page = window.intake
    assert page is not None
    window.open_case(draft.id)  # a draft opens in the intake form
    assert page.fields.value("complainant_name") == "李先生"
    ctrl_n = next(s for s in window.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+N"))
    ctrl_n.activated.emit()
    assert page.fields.value("complainant_name") == "" and page.title.text() == "新建投诉"
    assert messages == []  # nothing unsaved: nothing asked
    page.fields.set_value("complainant_name", "吴先生")  # typed, not saved: asked first
    ctrl_n.activated.emit()
    assert messages and "未保存" in messages[-1]
    assert page.fields.value("complainant_name") == ""
    window.close()


def test_an_empty_ctrl_s_saves_nothing_and_says_so(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    page = page_for(qtbot, branch, tmp_path)
    ctrl_s = next(s for s in page.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+S"))
    ctrl_s.activated.emit()
    assert "表单是空的" in page.message.text() and page.message.isVisible()
    fill(page)
    page.submit()
    assert "202611-001" in page.message.text()  # the empty save used no number


def test_the_amount_field_takes_no_more_than_the_ceiling(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    page = page_for(qtbot, branch, tmp_path)
    amount = page.fields.widgets["request_amount"]
    assert isinstance(amount, QLineEdit)
    amount.setFocus()
    qtbot.keyClicks(amount, "99,999,999,999")
    # ¥10,000,000 is the shipped ceiling: a digit that goes past it is refused as it is typed
    assert int("".join(c for c in amount.text() if c.isdigit())) <= 10_000_000, amount.text()
    assert amount.text().startswith("99,999,99")
    amount.clear()
    qtbot.keyClicks(amount, "8000.50")
    assert amount.text() == "8000.50"


def test_the_customer_s_details_are_offered_when_the_phone_matches(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(address="上海市浦东新区 1 号", company="某贸易公司"))
    page = page_for(qtbot, b, tmp_path)
    page.fields.set_value("complainant_name", "李总")  # typed already: not overwritten unasked
    page.phone.setText("13800135678")
    qtbot.waitUntil(lambda: page.fill_button.isVisible(), timeout=3000)
    assert "202611-001" in page.customer_offer.text()
    assert page.fields.value("address") == ""  # offered, not filled
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: (asked.append(str(a[2])), QMessageBox.StandardButton.No)[1]),
    )
    page.fill_customer()
    assert len(asked) == 1 and "投诉人" in asked[0]
    assert page.fields.value("complainant_name") == "李总"  # the clerk said no
    assert page.fields.value("address") == "上海市浦东新区 1 号"
    assert page.fields.value("company") == "某贸易公司"
    assert page.fields.value("complainant_title") == "mr"


def test_a_20_mb_scan_is_read_off_the_gui_thread_and_stored_with_the_case(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import os
    import threading
    import time

    from PySide6.QtCore import QMimeData, QPointF, QTimer, QUrl
    from PySide6.QtGui import QDropEvent

    import branchdesk.services.attachments

    b = branch
    page = page_for(qtbot, b, tmp_path / "recovery")
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(os.urandom(20 * 1024 * 1024))
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"j" * 5000)
    (tmp_path / "setup.exe").write_bytes(b"MZ")
    # A scan on a slow USB stick or share: each 256 KB piece takes 5 ms (80 pieces: 0.4 s). Read on the
    # GUI thread that would freeze the window; off it, the GUI thread keeps ticking meanwhile.
    readers: set[str] = set()
    real_sha256 = hashlib.sha256

    class SlowDigest:
        def __init__(self) -> None:
            self._digest = real_sha256()

        def update(self, data: bytes) -> None:
            readers.add(threading.current_thread().name)
            time.sleep(0.005)
            self._digest.update(data)

        def hexdigest(self) -> str:
            return self._digest.hexdigest()

    monkeypatch.setattr(branchdesk.services.attachments, "CHUNK", 256 * 1024)
    monkeypatch.setattr(branchdesk.services.attachments, "sha256", SlowDigest)
    ticks_while_reading: list[int] = []
    progress: list[int] = []
    page.attachments.progress.valueChanged.connect(progress.append)
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: page.attachments.busy() and ticks_while_reading.append(1))
    timer.start()
    page.attachments.add_paths([scan])
    assert page.attachments.busy() and not page.attachments.files  # add_paths returned before reading
    qtbot.waitUntil(lambda: not page.attachments.busy(), timeout=30000)
    timer.stop()
    assert threading.main_thread().name not in readers and readers
    assert len(ticks_while_reading) >= 20, len(ticks_while_reading)  # the GUI thread kept processing events
    assert progress[-1] == 100 and len(set(progress)) > 2
    assert page.attachments.files[0].content == scan.read_bytes()

    # a photo dropped onto the form; a type the branch does not take is refused at once, unread
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(tmp_path / "setup.exe"))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(drop)
    assert "setup.exe" in page.attachments.message.text() and "exe" in page.attachments.message.text()
    qtbot.waitUntil(lambda: not page.attachments.busy(), timeout=10000)
    assert [f.filename for f in page.attachments.files] == ["扫描件.pdf", "photo.jpg"]

    fill(page)
    page.submit()
    assert "202611-001" in page.message.text()
    detail = b.desk.queries.case_detail(b["clerk"], b.desk.queries.case_detail(b["clerk"], "202611-001").id)
    assert [(a.filename, a.size) for a in detail.attachments] == [
        ("扫描件.pdf", 20 * 1024 * 1024),
        ("photo.jpg", 5003),
    ]


def test_closing_the_form_while_a_file_is_read_loses_nothing_else(
    qtbot: QtBot, branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import branchdesk.services.attachments
    import ui.intake_files

    real_progress: list[int] = []
    original = branchdesk.services.attachments.read_incoming

    def slow(path: Path, progress: object) -> object:
        time.sleep(0.3)  # the form is gone before the file is read
        return original(path, real_progress.append)

    monkeypatch.setattr(ui.intake_files, "read_incoming", slow)
    page = IntakePage(branch.desk, branch["clerk"], branch.desk.queries.lookups(branch["clerk"]), tmp_path)
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"png" * 1000)
    page.attachments.add_paths([scan])
    assert ui.intake_files._RUNNING
    page.deleteLater()
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not ui.intake_files._RUNNING, timeout=5000)  # finished, nothing crashed
    assert real_progress[-1] == 100
