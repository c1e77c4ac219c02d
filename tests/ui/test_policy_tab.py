"""设置 → 策略文件 through the real widgets (issue 13, part "policy"): export to a file, preview an import
(problems with their places, or the changes), apply; the first-run dialog starts a branch on a preset."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.admin_page import AdminPage


def page_of(qtbot: QtBot, b: Branch) -> AdminPage:
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.tabs.setCurrentWidget(page.policy_tab)
    return page


def test_the_policy_tab_exports_previews_and_applies(
    qtbot: QtBot, branch: Branch, messages: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    page = page_of(qtbot, b)
    tab = page.policy_tab
    assert "策略文件" in [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tab.presets.itemText(0) == "通用"
    target = tmp_path / "policy.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    tab.export_button.click()
    text = target.read_text(encoding="utf-8")
    assert text == b.desk.policy.export(b["admin"]) and str(target) in tab.summary.text()
    # A file with a mistake: its place is shown, nothing can be applied.
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('unit = "hours"', 'unit = "hour"'), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    tab.open_button.click()
    assert [tab.changes.item(i).text() for i in range(tab.changes.count())] == [
        "deadline_rules[0].unit：不认识的单位“hour”"
    ]
    assert "1" in tab.summary.text() and not tab.apply_button.isEnabled()
    # A changed file: the change is listed; applying it bumps the configuration once.
    changed = tmp_path / "changed.toml"
    changed.write_text(text.replace('office_closes = "17:30"', 'office_closes = "18:00"'), encoding="utf-8")
    tab.preview_source(str(changed))
    assert tab.changes.item(0).text() == "设置：修改 下班时间（17:30 → 18:00）"
    assert tab.apply_button.isEnabled()
    before = b.desk.configuration_version()
    tab.apply_button.click()
    assert b.desk.configuration_version() == before + 1  # type: ignore[operator]
    assert 'office_closes = "18:00"' in b.desk.policy.export(b["admin"])
    assert not tab.apply_button.isEnabled() and messages == []
    # The 通用 preset: back to the shipped hours (and its header).
    tab.presets.setCurrentIndex(tab.presets.findData("general"))
    tab.preset_button.click()
    shown = [tab.changes.item(i).text() for i in range(tab.changes.count())]
    assert "设置：修改 下班时间（18:00 → 17:30）" in shown
    hint = page.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 80  # the window frame and menu above it


@pytest.mark.sqlite_only
def test_first_run_starts_a_branch_on_the_chosen_preset(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from branchdesk.services import BranchDesk
    from branchdesk.storage.database import Database, resolve_url
    from ui.first_run_dialog import FirstRunDialog

    desk = BranchDesk(Database(resolve_url(str(tmp_path / "new.sqlite3"))))
    dialog = FirstRunDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.preset.currentText() == "通用"
    dialog.name.setText("杭州西湖网点")
    dialog.code.setText("hz01")
    dialog.username.setText("boss")
    dialog.full_name.setText("王经理")
    dialog.password.setText("long-enough-1")
    dialog.password_again.setText("long-enough-1")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert desk.is_initialised()
    actor = desk.auth.login("boss", "long-enough-1")
    assert 'title = "通用"' in desk.policy.export(actor)
    desk.db.dispose()
