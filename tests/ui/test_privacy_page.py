"""保存期限与个人信息 through the real widgets (issue 15 part R): the CR manager proposes the due cases, the
GM approves, the batch runs under a progress dialog; a personal-data request finds, exports and proposes;
refusals show at the form, never as a traceback."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.conftest import START, Branch, complaint_form
from tests.core.test_retention import LATER, closed_case
from tests.ui.test_english_walk import chinese_left, english, user_data  # noqa: F401 (english: a fixture)
from ui.admin_page import AdminPage
from ui.privacy_page import PrivacyPage


def page_of(qtbot: QtBot, b: Branch, user: str) -> PrivacyPage:
    page = PrivacyPage(b.desk, b[user])
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_the_retention_queue_is_proposed_approved_and_run(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    b.clock.now = START - timedelta(weeks=3)
    first = closed_case(b, 41)
    closed_case(b, 42)
    b.clock.now = LATER
    crm_page = page_of(qtbot, b, "crm")
    crm = crm_page.queue_tab
    assert crm.table.rowCount() == 2 and not crm.approve_button.isVisibleTo(crm)
    crm.propose_button.click()
    assert "原因" in crm.errors.text()  # a reason is required: said at the form
    crm.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    crm.reason.setText("保存期限届满")
    crm.propose_button.click()
    assert crm.batches.rowCount() == 1 and crm.batches.item(0, 2).text() == "待批准"

    gm_page = page_of(qtbot, b, "gm")
    gm = gm_page.queue_tab
    assert gm.approve_button.isVisibleTo(gm)
    gm.batches.selectRow(0)
    gm.approve_button.click()
    assert gm.batches.item(0, 2).text() == "已批准"
    crm.reload()
    crm.batches.selectRow(0)
    running = crm.run()
    assert running is not None
    qtbot.waitUntil(lambda: crm.running is None, timeout=20000)
    assert "1" in crm.errors.text() and crm.batches.item(0, 2).text() == "已完成"
    assert crm.table.rowCount() == 1  # the other case is still due
    assert not b.desk.retention.find(b["crm"], "归档客户41").cases  # the first, ticked, is anonymised
    assert [c.case_id for c in b.desk.retention.find(b["crm"], "归档客户42").cases] == [
        crm.candidates[0].case_id
    ]
    assert first != crm.candidates[0].case_id
    assert messages == []


def test_a_personal_data_request_finds_exports_and_is_refused_while_a_case_is_open(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="唐三藏", phone="138 6666 0001"))
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="沙悟净", phone="138 6666 0002"))
    page = page_of(qtbot, b, "crm")
    tab = page.request_tab
    tab.subject.setText("+86 13866660001")
    tab.find()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 3).text() == "唐三藏"
    target = tmp_path / "pd.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert tab.export() == target
    cells = [
        str(c)
        for s in openpyxl.load_workbook(target, read_only=True).worksheets
        for r in s.iter_rows(values_only=True)
        for c in r
    ]
    assert any("唐三藏" in c for c in cells) and not any("沙悟净" in c for c in cells)
    tab.reason.setText("本人书面申请")
    assert tab.request() is None  # the case is open: refused in a message, nothing proposed
    assert len(messages) == 1 and "尚未结案" in messages[0]


def test_the_administrator_sets_retention_per_category(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.retention_tab)
    tab = page.retention_tab
    tab.category.setCurrentIndex(tab.category.findData("business"))
    tab.years.setValue(5)
    tab.save()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "5"
    assert [(r.category_code, r.years) for r in b.desk.retention.rules(b["admin"])] == [("business", 5)]
    tab.table.selectRow(0)
    tab.remove()
    assert tab.table.rowCount() == 0 and messages == []


@pytest.mark.usefixtures("english")
def test_the_privacy_screens_read_english_and_fit_the_screen(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    b.clock.now = START - timedelta(weeks=3)
    case_id = closed_case(b, 51)
    b.clock.now = LATER
    b.desk.retention.propose(b["crm"], [case_id], "due")
    page = page_of(qtbot, b, "gm")
    page.request_tab.subject.setText("归档客户51")
    page.request_tab.find()
    assert page.request_tab.table.rowCount() == 1 and page.queue_tab.batches.rowCount() == 1
    problems = []
    for index in range(page.count()):
        page.setCurrentIndex(index)
        problems += chinese_left(page, [*user_data(b), "归档客户51", "137 1234 0051"])
    admin = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(admin)
    admin.resize(1366, 768)
    admin.show()
    admin.tabs.setCurrentWidget(admin.retention_tab)
    problems += chinese_left(admin.retention_tab, user_data(b))
    assert not problems, "\n".join(problems)
    hint = page.minimumSizeHint()
    assert hint.width() <= 1366 - 160 and hint.height() <= 768 - 120  # beside the navigation, under the menus


def test_the_export_with_files_writes_the_zip_beside_the_workbook(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 part N: ticking 附件文件一并导出 puts the customer's files in <name>.zip beside it."""
    import zipfile

    b = branch
    closed_case(b, 51, attachment=b"photo-51")
    page = page_of(qtbot, b, "crm")
    tab = page.request_tab
    tab.subject.setText("归档客户51")
    target = tmp_path / "pd.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert tab.with_files.text() == "附件文件一并导出（zip）" and not tab.with_files.isChecked()
    tab.with_files.setChecked(True)
    assert tab.export() == target
    with zipfile.ZipFile(target.with_suffix(".zip")) as archive:
        assert [archive.read(n) for n in archive.namelist()] == [b"photo-51"]
    assert messages == []
