"""The legal hold in the case window (issue 15 part N): the GM holds a closed case with a reason, the
header shows it, the retention queue refuses it, the CR manager lifts it; a clerk has no button; a
stale window's hold is refused naming the change."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from branchdesk.services.dto import CaseVersion
from tests.conftest import Branch
from tests.core.test_retention import closed_case
from tests.ui.test_case_flow import detail_as
from ui.action_dialog import ActionDialog
from ui.case_detail import CaseDetailView


def press_hold(monkeypatch: pytest.MonkeyPatch, view: CaseDetailView, reason: str) -> ActionDialog:
    shown: list[ActionDialog] = []

    def fill(dialog: ActionDialog) -> int:
        shown.append(dialog)
        dialog.fields.set_value("reason", reason)
        dialog._on_ok()
        return 1

    monkeypatch.setattr(ActionDialog, "exec", fill)
    view.hold_button.click()
    return shown[0]


def test_the_gm_holds_and_the_cr_manager_lifts_in_the_case_window(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    case_id = closed_case(b, 1)
    clerk = detail_as(qtbot, b, "clerk", case_id)
    assert not clerk.hold_button.isVisibleTo(clerk)  # a clerk may not hold: no button
    gm = detail_as(qtbot, b, "gm", case_id)
    gm.show()
    assert gm.hold_button.isVisible() and gm.hold_button.text() == "法律保留…"
    assert "法律保留" not in gm.header.text()

    empty = press_hold(monkeypatch, gm, "")  # a reason is required: refused at the field, nothing held
    assert empty.result_value is None
    assert b.desk.queries.case_detail(b["gm"], case_id).legal_hold is None

    dialog = press_hold(monkeypatch, gm, "客户已起诉，保全证据")
    assert dialog.windowTitle().startswith("法律保留") and dialog.result_value is not None
    assert gm.detail is not None and gm.detail.legal_hold is not None
    assert "法律保留" in gm.header.text() and "客户已起诉，保全证据" in gm.header.text()
    assert "郑总" in gm.header.text()
    assert gm.hold_button.text() == "解除法律保留…"
    assert "客户已起诉，保全证据" in gm.body.toPlainText()  # on the case's timeline
    queue = b.desk.retention.queue(b["gm"])
    assert all(c.legal_hold for c in queue.candidates if c.case_id == case_id)

    crm = detail_as(qtbot, b, "crm", case_id)
    crm.show()
    press_hold(monkeypatch, crm, "诉讼结束")
    assert crm.detail is not None and crm.detail.legal_hold is None
    assert "法律保留" not in crm.header.text() and crm.hold_button.text() == "法律保留…"
    assert messages == []


def test_a_stale_window_is_refused_naming_the_change(
    qtbot: QtBot, branch: Branch, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = branch
    case_id = closed_case(b, 2)
    gm = detail_as(qtbot, b, "gm", case_id)
    assert gm.detail is not None
    b.desk.retention.set_legal_hold(b["crm"], CaseVersion(case_id, gm.detail.version), True, "监管问询")
    gm.detail = gm.detail  # the window still shows the case as it was read (not held)
    dialog = press_hold(monkeypatch, gm, "另一原因")
    assert dialog.result_value is None
    assert messages and "陈静" in messages[-1]
