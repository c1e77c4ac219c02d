"""Issue 14 part C through the real widgets: 提出奖罚 from the case window, the next signer's dialog, the
amount masked for a non-manager, the history refused to them, the admin's scale tab, and every new
window in English."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branchdesk.domain.rewards import RewardStatus
from branchdesk.domain.vocab import Decision
from branchdesk.domain.workflow import Action
from tests.conftest import PASSWORD, Branch, proposed_case
from tests.core.test_forms_golden import approved_penalty
from tests.ui.test_case_flow import act, detail_as
from tests.ui.test_english_walk import chinese_left, user_data
from tests.ui.test_english_walk import english as english
from ui.rewards_case import MASKED, RewardsDialog
from ui.rewards_scale_tab import RewardsScaleTab


def test_propose_sign_and_mask_through_the_windows(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "800")
    crm = detail_as(qtbot, b, "crm", ref.id)
    assert crm.buttons[Action.PROPOSE_REWARD].isEnabled()
    assert not detail_as(qtbot, b, "handler", ref.id).buttons[Action.PROPOSE_REWARD].isEnabled()
    # An amount outside the line's range stays at the field, what was typed is kept.
    assert crm.detail is not None
    dialog = crm.dialog_for(Action.PROPOSE_REWARD, crm.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    for name, value in dict(
        scale_code="P1", subject_user_id=b["handler"].user_id, amount_fen="500", reason="态度冷淡"
    ).items():
        dialog.fields.set_value(name, value)
    dialog._on_ok()
    error = dialog.fields.errors["amount_fen"]
    assert dialog.result_value is None and not error.isHidden() and "30.00" in error.text()
    act(
        crm,
        Action.PROPOSE_REWARD,
        scale_code="P1",
        subject_user_id=b["handler"].user_id,
        amount_fen="80",
        reason="态度冷淡",
    )
    [record] = b.desk.rewards.for_case(b["crm"], ref.id)
    assert (record.amount_fen, record.status) == (8_000, RewardStatus.PENDING)

    # The QA manager signs step 1 in the case's 奖罚 window.
    window = RewardsDialog(b.desk, b["qa_mgr"], ref.id, ref.case_no)
    qtbot.addWidget(window)
    assert window.sign_button.isEnabled() and not window.print_button.isEnabled()
    sign = window.open_sign(show=False)
    assert sign is not None
    qtbot.addWidget(sign)
    sign.fields.set_value("decision", Decision.APPROVE)
    sign.fields.set_value("password", PASSWORD)
    sign._on_ok()
    assert sign.result_value is not None
    window.reload()
    assert not window.sign_button.isEnabled()  # signed: the next step is the GM's
    assert "赵强" in window.details.text()

    # The case's handler sees that a record exists, not its amount, reason or measure; no history.
    handler = RewardsDialog(b.desk, b["handler"], ref.id, ref.case_no)
    qtbot.addWidget(handler)
    assert handler.table.item(0, 2).text() == "张伟" and handler.table.item(0, 5).text() == MASKED
    assert "态度冷淡" not in handler.details.text()
    assert handler.open_history(show=False) is None and "仅限" in messages[-1]
    history = window.open_history(show=False)
    assert history is not None and history.table.rowCount() == 1
    qtbot.addWidget(history)


def test_the_scale_tab_edits_a_line(qtbot: QtBot, branch: Branch, messages: list[str]) -> None:
    b = branch
    tab = RewardsScaleTab(b.desk, b["admin"])
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 5 and tab.table.item(0, 3).text() == "¥30.00–¥100.00"
    tab.table.selectRow(0)
    editor = tab.edit_selected()
    assert editor is not None
    editor.fields.set_value("max_amount_fen", "150")
    editor.fields.set_value("points", "-3")
    editor._on_ok()
    assert editor.result_value is not None
    tab.reload()
    assert tab.table.item(0, 3).text() == "¥30.00–¥150.00" and tab.table.item(0, 4).text() == "-3"
    wrong = tab.open_editor(tab.items[0], show=False)
    qtbot.addWidget(wrong)
    wrong.fields.set_value("min_amount_fen", "200")  # above the maximum: refused at the field
    wrong._on_ok()
    assert wrong.result_value is None


def test_the_rewards_windows_read_english(qtbot: QtBot, branch: Branch, english: None) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "800")
    approved_penalty(b, ref.id)
    allowed = user_data(b)
    problems: list[str] = []
    window = RewardsDialog(b.desk, b["crm"], ref.id, ref.case_no)
    qtbot.addWidget(window)
    window.show()
    problems += [f"rewards: {p}" for p in chinese_left(window, allowed)]
    history = window.open_history(show=False)
    assert history is not None
    qtbot.addWidget(history)
    history.show()
    problems += [f"history: {p}" for p in chinese_left(history, allowed)]
    tab = RewardsScaleTab(b.desk, b["admin"])
    qtbot.addWidget(tab)
    tab.show()
    problems += [f"scale tab: {p}" for p in chinese_left(tab, allowed)]
    editor = tab.open_editor(tab.items[0], show=False)
    qtbot.addWidget(editor)
    editor.show()
    problems += [f"scale editor: {p}" for p in chinese_left(editor, allowed)]
    pending = proposed_case(b, "compensation", "900")
    from tests.core.test_rewards import propose

    propose(b, pending.id)
    signer = RewardsDialog(b.desk, b["qa_mgr"], pending.id, pending.case_no)
    qtbot.addWidget(signer)
    sign = signer.open_sign(show=False)
    assert sign is not None
    qtbot.addWidget(sign)
    sign.show()
    problems += [f"sign: {p}" for p in chinese_left(sign, allowed)]
    assert not problems, "\n".join(sorted(set(problems)))
