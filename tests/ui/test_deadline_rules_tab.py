"""处理时效: the admin edits, deletes and tries deadline rules through the real tab."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import Branch, complaint_form
from ui.admin_page import AdminPage
from ui.deadline_rules_tab import DeadlineRulesTab


def rules_tab(qtbot: QtBot, b: Branch) -> DeadlineRulesTab:
    page = AdminPage(b.desk, b["admin"], b.desk.queries.lookups(b["admin"]))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    tab = page.tabs.widget(titles.index("处理时效"))
    assert isinstance(tab, DeadlineRulesTab)
    return tab


def test_admin_edits_a_rule_and_sees_errors_at_the_field(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    tab = rules_tab(qtbot, b)
    rule = next(r for r in tab._rules if r.label.startswith("投诉·一般"))
    tab.select_rule(rule.id)
    assert tab.fields.value("amount") == 1 and tab.fields.value("kind") == "complaint"
    tab.fields.set_value("amount", 0)
    tab._on_save()
    assert tab.fields.errors["amount"].text() == "时限须为 1–365"
    tab.fields.set_value("amount", 2)
    tab.fields.set_value("channel", "phone")
    tab._on_save()
    assert tab.message.text() == "已保存"
    saved = next(r for r in b.desk.deadline_policy.rules(b["admin"]) if r.id == rule.id)
    assert (saved.amount, saved.channel) == (2, "phone")
    row = [r.id for r in tab._rules].index(rule.id)
    assert tab.table.item(row, 2).text() == "投诉 · 来电"
    assert b.desk.intake.register(b["clerk"], complaint_form()).deadline_at == datetime(2026, 11, 4, 17, 30)


def test_admin_deletes_a_rule_after_confirming_and_never_the_last_catch_all(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    tab = rules_tab(qtbot, b)
    asked: list[str] = []
    monkeypatch.setattr(tab, "confirm_delete", lambda rule: asked.append(rule.label) or True)
    consultation = next(r for r in tab._rules if r.kind == "consultation")
    tab.select_rule(consultation.id)
    tab._on_delete()
    assert asked == [consultation.label] and tab.message.text() == "已删除"
    assert consultation.id not in {r.id for r in tab._rules}
    catch_all = next(r for r in tab._rules if r.label.startswith("建议/表扬"))
    tab.select_rule(catch_all.id)
    tab._on_delete()
    assert any("最后一条" in m for m in messages)
    assert catch_all.id in {r.id for r in b.desk.deadline_policy.rules(b["admin"])}


def test_the_trial_panel_shows_each_due_time_and_its_rule(qtbot: QtBot, branch: Branch) -> None:
    b = branch
    tab = rules_tab(qtbot, b)
    tab.tabs.setCurrentIndex(1)
    tab.trial_fields.set_value("received_at", datetime(2026, 11, 6, 17, 0))  # a Friday
    tab.trial_fields.set_value("kind", "complaint")
    tab.trial_fields.set_value("severity", "normal")
    tab._on_trial()
    cells = [[tab.trial_table.item(r, c).text() for c in range(3)] for r in range(tab.trial_table.rowCount())]
    assert cells[0] == ["整案期限", "2026-11-09 17:30", "投诉·一般 1 个工作日（优先顺序 60）"]
    assert cells[1][:2] == ["首次联系客户", "2026-11-09 09:00"]  # half an hour Friday, half Monday
    assert cells[3] == ["答复客户", "2026-11-09 17:30", "无规则：随整案期限"]
    tab.trial_fields.set_value("received_at", datetime(2031, 3, 3, 9, 0))
    tab._on_trial()
    assert "待确认" in tab.trial_table.item(0, 1).text()


def test_business_hours_with_a_lunch_break_are_saved_and_checked(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    tab = rules_tab(qtbot, b)
    tab.hours_fields.set_value("lunch_starts", "12:00")
    tab._on_save_hours()
    assert (
        tab.hours_fields.errors["lunch_ends"].isVisibleTo(tab) or tab.hours_fields.errors["lunch_ends"].text()
    )
    tab.hours_fields.set_value("lunch_ends", "13:00")
    tab._on_save_hours()
    assert tab.hours_message.text() == "已保存"
    assert b.desk.admin.snapshot(b["admin"]).settings["lunch_starts"] == "12:00"
