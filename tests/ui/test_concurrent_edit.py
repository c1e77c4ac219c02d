"""Two PCs on one case through the real case window: the second action is refused with who changed
what, the window shows the latest state, the dialog keeps what was typed, and OK again then acts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branchdesk.domain.workflow import Action
from branchdesk.services.dto import TriageInput
from tests.conftest import Branch, complaint_form
from ui.case_detail import CaseDetailView


def test_a_stale_dialog_is_refused_then_acts_on_the_latest_state(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    view = CaseDetailView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), ref.id)
    qtbot.addWidget(view)
    view.show()
    assert view.detail is not None
    seen = view.detail.version
    dialog = view.dialog_for(Action.ESCALATE, view.detail)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.fields.set_value("reason", "客户第三次来电催促")
    # Meanwhile, on another PC, the general manager escalates the same case.
    b.desk.cases.escalate(b["gm"], ref.id, "总经理要求加急")
    dialog._on_ok()
    assert "郑总" in messages[-1] and "修改了本案" in messages[-1]
    assert dialog.result() == 0 and dialog.fields.value("reason") == "客户第三次来电催促"  # kept
    assert view.detail is not None and view.detail.version > seen  # the window shows the latest
    escalations = len(view.detail.escalations)
    dialog._on_ok()  # pressed again, knowingly, on what is now shown
    assert dialog.result_value is not None
    view.refresh()
    assert len(view.detail.escalations) == escalations + 1
