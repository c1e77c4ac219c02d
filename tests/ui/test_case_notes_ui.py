"""Issue 14 part D through the real widgets: an internal note and a progress notice from the case window,
the reply templates in the notice, and the complaint that comes back — prefilled from the original,
with the original's history beside the new case."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from branchdesk.domain.vocab import Decision, LinkKind, Status
from branchdesk.domain.workflow import Action
from branchdesk.services.dto import IncomingFile, ReplyInput, TriageInput
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case
from tests.ui.test_case_flow import act, detail_as
from tests.ui.test_english_walk import chinese_left, english, user_data

__all__ = ["english"]  # the English walk's fixture, used here


def test_a_note_and_a_progress_notice_from_the_case_window(
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
    view = detail_as(qtbot, b, "handler", ref.id)
    view.show()
    assert act(view, Action.ADD_NOTE, note_text="内部：客户是老客户，优先处理") is not None
    assert view.detail is not None
    shown = view.body.toPlainText()
    assert "内部：客户是老客户，优先处理" in shown and "内部备注" in shown
    # an empty note is refused at its field, nothing is written
    dialog = view.dialog_for(Action.ADD_NOTE, view.detail)
    assert dialog is not None
    dialog._on_ok()
    assert not dialog.fields.errors["note_text"].isHidden() and dialog.result_value is None
    # the notice offers the reply templates; choosing one fills what was said
    notice = view.dialog_for(Action.RECORD_CONTACT, view.detail)
    assert notice is not None
    template = notice.fields.widgets["template"]
    assert template.count() > 1  # type: ignore[attr-defined]
    template.setCurrentIndex(1)  # type: ignore[attr-defined]
    assert notice.fields.value("said")
    notice.fields.set_value("said", "已电话告知调查进度")
    notice._on_ok()
    assert notice.result_value is not None
    view.refresh()
    assert "已电话告知调查进度" in view.body.toPlainText()
    assert view.detail.notes_part is not None and view.detail.notes_part.contacts
    # the first notice was the first contact: the old button says so
    assert not view.buttons[Action.FIRST_CONTACT].isEnabled()


def test_a_returning_complaint_is_prefilled_and_shows_the_originals_history(
    qtbot: QtBot, branch: Branch, messages: list[str]
) -> None:
    b = branch
    ref = proposed_case(b, "allowance", "200")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", accepted=False))
    view = detail_as(qtbot, b, "clerk", ref.id)
    view.show()
    assert view.detail is not None and view.detail.status is Status.NOT_ACCEPTED
    assert not view.original_history.isVisible()  # an ordinary case: nothing beside it
    dialog = view.dialog_for(Action.OPEN_LINKED, view.detail)
    assert dialog is not None
    assert dialog.fields.value("complainant_name") == "李先生"
    assert dialog.fields.value("product") == "不锈钢保温杯"
    dialog.fields.set_value("kind", LinkKind.NOT_ACCEPTED.value)
    dialog.fields.set_value("product", "不锈钢保温杯（第二批）")  # the person may change what was copied
    dialog._on_ok()
    new = dialog.result_value
    assert new is not None
    detail = b.desk.queries.case_detail(b["crm"], new.id)  # type: ignore[attr-defined]
    assert detail.intake.product == "不锈钢保温杯（第二批）" and detail.intake.order_no == "SO-2026-1101"
    returning = detail_as(qtbot, b, "clerk", detail.id)
    returning.show()
    assert returning.original_history.isVisible()
    assert ref.case_no in returning.original_history.title.text()
    beside = returning.original_history.body.toPlainText()
    # the original's timeline (its triage, its end), not the new case's
    assert "分诊：有效" in beside and "客户不接受，转新案 " + detail.case_no in beside


def test_notes_notices_and_the_originals_history_read_english(
    qtbot: QtBot, branch: Branch, english: None, messages: list[str]
) -> None:
    b = branch
    ref = proposed_case(b, "allowance", "200")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    due = b.clock() + timedelta(days=1)
    b.desk.notes.record_contact(b["handler"], ref.id, "phone", "告知进度", next_due_at=due)
    b.desk.notes.add_note(b["crm"], ref.id, "内部备注", [IncomingFile("照片.png", b"png")])
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", accepted=False))
    new = b.desk.intake.open_linked_case(b["clerk"], ref.id, LinkKind.NOT_ACCEPTED)
    allowed = user_data(b)
    for case_id in (ref.id, new.id):
        view = detail_as(qtbot, b, "crm", case_id)
        view.show()
        assert not (problems := chinese_left(view, allowed)), "\n".join(problems)
    assert "Progress notice" in detail_as(qtbot, b, "crm", ref.id).body.toPlainText()
