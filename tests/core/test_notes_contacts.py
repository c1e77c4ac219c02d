"""Issue 14 part D through the services, on both engines: internal notes (staff only, on the timeline,
never on a customer's copy), progress notices (the first one is the first contact), and the complaint
that comes back (a new case with the original's facts and 附原表, or the original reopened)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from branchdesk.domain.steps import StepState
from branchdesk.domain.vocab import DeadlineStep, Decision, LinkKind, Status
from branchdesk.errors import BranchDeskError, ConcurrentChange, DomainError, FieldError
from branchdesk.i18n import render
from branchdesk.services.dto import CaseVersion, FollowUpInput, IncomingFile, ReplyInput, TriageInput
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case
from tests.core.test_printing import pages

NOTE = "客户情绪激动，内部备忘：勿提及供应商名称"


def _triaged(b: Branch) -> int:
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    return ref.id


def _seen(b: Branch, case_id: int) -> CaseVersion:
    return CaseVersion(case_id, b.desk.queries.case_detail(b["crm"], case_id).version)


def _not_accepted(b: Branch, phone: str = "138 0013 5678") -> int:
    ref = proposed_case(b, "allowance", "200", phone=phone)
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    reply = ReplyInput("phone", "已告知", accepted=False)
    assert b.desk.cases.record_reply(b["clerk"], ref.id, reply).status == Status.NOT_ACCEPTED
    return ref.id


def _closed(b: Branch, phone: str = "138 0013 5678") -> int:
    # another phone for each further case: the same customer again would be a repeat (a longer chain)
    ref = proposed_case(b, "allowance", "200", phone=phone)
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", accepted=True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 5))
    b.desk.cases.close(b["crm"], ref.id)
    return ref.id


# --- internal notes ------------------------------------------------------------------------------


def test_a_note_is_on_the_timeline_and_found_but_never_on_the_customers_forms(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    case_id = _triaged(b)
    photo = IncomingFile("现场.png", b"\x89PNG fake image", "image/png")
    note_id = b.desk.notes.add_note(b["handler"], _seen(b, case_id), NOTE, [photo])
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.notes_part is not None
    [note] = detail.notes_part.notes
    assert (note.id, note.text, note.author) == (note_id, NOTE, "张伟")
    assert [f.filename for f in note.files] == ["现场.png"]
    said = [render(e.text, "zh_CN") for e in detail.timeline if e.action == "note"]
    assert said == [f"添加内部备注（附件 1 个）：{NOTE}"]
    # the search box finds the case by the note's words
    assert case_id in [hit.case_id for hit in b.desk.search.search(b["crm"], "勿提及供应商").hits]
    # never on a form: the receipt (the customer's copy and the stub) and the handling form
    for form in ("receipt", "handling"):
        text = "\n".join(pages(b.desk.printing.render(b["crm"], case_id, form, log=False), tmp_path))
        assert "供应商名称" not in text and "内部备忘" not in text
    # any case role that sees the case may note; the administrator has no case role
    b.desk.notes.add_note(b["clerk"], case_id, "已转告客户经理")
    with pytest.raises(BranchDeskError):
        b.desk.notes.add_note(b["admin"], case_id, "管理员不应能写")
    assert len(b.desk.queries.case_detail(b["crm"], case_id).notes_part.notes) == 2  # type: ignore[union-attr]


def test_a_note_on_a_stale_view_is_refused_naming_who_changed_the_case(branch: Branch) -> None:
    b = branch
    case_id = _triaged(b)
    seen = _seen(b, case_id)
    b.desk.notes.add_note(b["handler"], seen, "先到的备注")  # moves the version
    with pytest.raises(ConcurrentChange) as refused:
        b.desk.notes.add_note(b["clerk"], seen, "后到的备注")
    assert "张伟" in render(refused.value.text, "zh_CN")
    with pytest.raises(ConcurrentChange):
        b.desk.notes.record_contact(b["handler"], seen, "phone", "已告知进度")
    assert len(b.desk.queries.case_detail(b["crm"], case_id).notes_part.notes) == 1  # type: ignore[union-attr]


def test_notes_and_notices_are_bounded_at_their_fields(branch: Branch) -> None:
    b = branch
    case_id = _triaged(b)
    for call, field in (
        (lambda: b.desk.notes.add_note(b["handler"], case_id, "长" * 2001), "note_text"),
        (lambda: b.desk.notes.add_note(b["handler"], case_id, "   "), "note_text"),
        (lambda: b.desk.notes.record_contact(b["handler"], case_id, "pigeon", "已告知"), "channel"),
        (lambda: b.desk.notes.record_contact(b["handler"], case_id, "phone", "说" * 2001), "said"),
        (
            lambda: b.desk.notes.record_contact(
                b["handler"], case_id, "phone", "已告知", next_due_at=b.clock.now + timedelta(days=91)
            ),
            "next_due_at",
        ),
        (
            lambda: b.desk.notes.record_contact(
                b["handler"], case_id, "phone", "已告知", contacted_at=b.clock.now + timedelta(hours=1)
            ),
            "contacted_at",
        ),
        (lambda: b.desk.notes.reopen(b["crm"], case_id, ""), "reason"),
    ):
        with pytest.raises(FieldError) as refused:
            call()
        assert field in refused.value.errors, field
    with pytest.raises(FieldError):
        many = [IncomingFile(f"{i}.png", b"x") for i in range(11)]
        b.desk.notes.add_note(b["handler"], case_id, "多个附件", many)


# --- progress notices ----------------------------------------------------------------------------


def test_the_first_progress_notice_stops_the_first_contact_clock(branch: Branch) -> None:
    b = branch
    case_id = _triaged(b)
    before = b.desk.queries.case_detail(b["crm"], case_id)
    [first_step] = [s for s in before.deadlines.steps if s.step == DeadlineStep.FIRST_CONTACT]
    assert first_step.state is not StepState.DONE and first_step.due is not None
    with pytest.raises(BranchDeskError):  # another handler: not theirs to see, nor to call about
        b.desk.notes.record_contact(b["handler2"], case_id, "phone", "您好")
    b.clock.advance(minutes=30)
    due = datetime(2026, 11, 4, 10, 0)
    b.desk.notes.record_contact(b["handler"], _seen(b, case_id), "phone", "已收到，正在调查", next_due_at=due)
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    [step] = [s for s in detail.deadlines.steps if s.step == DeadlineStep.FIRST_CONTACT]
    assert step.state is StepState.DONE and step.done_at == b.clock.now
    part = detail.notes_part
    assert part is not None and part.next_contact_due == due
    assert [(c.channel.code if c.channel else "", c.said) for c in part.contacts] == [
        ("phone", "已收到，正在调查")
    ]
    # the old 首次联系 action now says it is done; a second notice leaves the first contact where it was
    assert detail.actions["first_contact"] is not None
    b.clock.advance(hours=2)
    b.desk.notes.record_contact(b["handler"], case_id, "sms", "调查结果明天出")
    again = b.desk.queries.case_detail(b["crm"], case_id)
    [step] = [s for s in again.deadlines.steps if s.step == DeadlineStep.FIRST_CONTACT]
    assert step.done_at == b.clock.now - timedelta(hours=2)
    assert again.notes_part is not None and again.notes_part.next_contact_due is None
    events = [render(e.text, "zh_CN") for e in again.timeline if e.action == "contact"]
    assert events[0].startswith("进度告知（") and "下次联系 2026-11-04 10:00" in events[0]


def test_the_old_first_contact_action_is_a_progress_notice_too(branch: Branch) -> None:
    b = branch
    case_id = _triaged(b)
    b.desk.cases.record_first_contact(b["handler"], case_id, "phone", "约定明天上门")
    part = b.desk.queries.case_detail(b["crm"], case_id).notes_part
    assert part is not None and [c.said for c in part.contacts] == ["约定明天上门"]


# --- the complaint that comes back -----------------------------------------------------------------


def test_a_returning_complaint_copies_the_original_and_prints_its_number(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    original = _not_accepted(b)
    original_no = b.desk.queries.case_detail(b["crm"], original).case_no
    # the dialog's prefill: the original's customer, product and facts
    form = b.desk.notes.returning_form(b["clerk"], original)
    assert (form.complainant_name, form.product, form.order_no) == ("李先生", "不锈钢保温杯", "SO-2026-1101")
    new = b.desk.intake.open_linked_case(b["clerk"], _seen(b, original), LinkKind.NOT_ACCEPTED)
    detail = b.desk.queries.case_detail(b["crm"], new.id)
    assert detail.intake.complainant_name == "李先生" and detail.intake.product == "不锈钢保温杯"
    assert detail.intake.content == complaint_form().content
    assert detail.intake_raw["phone"] == "138 0013 5678"
    # the category triage gave the original is copied, before the new case is triaged
    with b.desk.db.read() as session:
        from branchdesk.storage.models import Case

        rows = {c.id: c for c in session.query(Case).filter(Case.id.in_([original, new.id]))}
        assert rows[new.id].category_id == rows[original].category_id is not None
    # linked both ways; the new case names its original
    assert [(link.case_no, link.direction) for link in detail.links] == [(original_no, "to")]
    back = b.desk.queries.case_detail(b["crm"], original)
    assert [(link.case_no, link.direction) for link in back.links] == [(new.case_no, "from")]
    assert detail.notes_part is not None and detail.notes_part.original is not None
    assert detail.notes_part.original.case_no == original_no
    # its handling form prints 附原表 with the original's number, then the original's form attached
    texts = pages(b.desk.printing.render(b["crm"], new.id, "handling", log=False), tmp_path)
    first = texts[0]
    assert "附原表" in first and original_no in first
    attached = [t for t in texts if "（附原表）" in t]
    assert len(attached) >= 1 and f"编号 {original_no}" in attached[0] and "承运商装卸不当" in attached[0]
    # the policy may leave the original's pages out: the number stays
    b.desk.admin.set_setting(b["admin"], "returning_attach_original_form", False)
    plain = pages(b.desk.printing.render(b["crm"], new.id, "handling", log=False), tmp_path)
    assert not [t for t in plain if "（附原表）" in t] and original_no in plain[0]
    # a case that did not come back prints no 附原表
    own = pages(b.desk.printing.render(b["crm"], original, "handling", log=False), tmp_path)
    assert "附原表" not in own[0]


def test_reopen_mode_reopens_within_the_window_and_not_after(branch: Branch) -> None:
    b = branch
    closed = _closed(b)
    with pytest.raises(DomainError, match="开立新案件"):  # the shipped policy opens a new case
        b.desk.notes.reopen(b["crm"], closed, "客户再次来电")
    b.desk.admin.set_setting(b["admin"], "returning_complaint_mode", "reopen")
    b.desk.admin.set_setting(b["admin"], "reopen_within_days", 30)
    b.clock.advance(days=10)
    ref = b.desk.notes.reopen(b["crm"], _seen(b, closed), "客户再次来电，问题复发")
    assert ref.status == Status.IN_PROGRESS
    detail = b.desk.queries.case_detail(b["crm"], closed)
    assert detail.closed_at is None and detail.close_kind is None
    assert detail.deadlines.due is not None and detail.deadlines.due > b.clock.now  # counted from now
    [event] = [e for e in detail.timeline if e.action == "reopen"]
    assert render(event.text, "zh_CN") == "重新处理（客户再次来电，问题复发）"
    # a case closed longer ago than the window: refused, a new case instead
    late = _closed(b, "139 0013 0001")
    b.clock.advance(days=31)
    with pytest.raises(DomainError, match="30 天"):
        b.desk.notes.reopen(b["crm"], late, "太晚了")
    # not accepted, in reopen mode: the policy reopens instead of opening a new case
    refused = _not_accepted(b, "139 0013 0002")
    with pytest.raises(DomainError, match="重新处理"):
        b.desk.intake.open_linked_case(b["clerk"], refused, LinkKind.NOT_ACCEPTED)
    assert b.desk.notes.reopen(b["clerk"], refused, "客户不接受，继续处理").status == Status.IN_PROGRESS


# --- migration 0026 --------------------------------------------------------------------------------


def test_migration_carries_first_contacts_over_and_adds_the_original_to_an_unedited_handling_form(
    branch: Branch,
) -> None:
    from sqlalchemy import text

    from branchdesk.printing.default_forms import default_forms
    from branchdesk.storage.migrate import upgrade
    from branchdesk.storage.models import FormSpecRow
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    case_id = _triaged(b)
    rewind_to(b.desk.db, revision_before("0026"))  # the downgrade takes 附原表 out of the stored form
    contacted = datetime(2026, 11, 2, 11, 0)
    with b.desk.db.write() as session:  # a first contact recorded the old way
        session.execute(
            text("UPDATE complaint_case SET first_contacted_at = :at WHERE id = :id"),
            {"at": contacted, "id": case_id},
        )
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)  # a new process: no cached configuration
    part = fresh.queries.case_detail(b["crm"], case_id).notes_part
    assert part is not None
    assert [(c.at, c.channel, c.said) for c in part.contacts] == [(contacted, None, "首次联系")]
    handling = next(s for s, _ in fresh.forms.forms(b["admin"]) if s.code == "handling")
    assert handling.sections == default_forms()[1].sections
    # a branch that edited its handling form's sections keeps them as they were
    rewind_to(b.desk.db, revision_before("0026"))
    with b.desk.db.write() as session:
        row = session.get(FormSpecRow, "handling")
        assert row is not None
        edited = dict(row.spec)
        edited["sections"] = [s for s in edited["sections"] if s["title"] != "回访"]
        row.spec = edited
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        row = session.get(FormSpecRow, "handling")
        assert row is not None and [s["title"] for s in row.spec["sections"]] == [
            s["title"] for s in edited["sections"]
        ]


def test_the_returning_mode_is_one_of_the_two_policies(branch: Branch) -> None:
    b = branch
    with pytest.raises(FieldError) as refused:
        b.desk.admin.set_setting(b["admin"], "returning_complaint_mode", "reopen_always")
    assert "returning_complaint_mode" in refused.value.errors
    b.desk.admin.set_setting(b["admin"], "returning_complaint_mode", "reopen")
    with pytest.raises(FieldError):
        b.desk.admin.set_setting(b["admin"], "reopen_within_days", 0)


def test_a_promised_next_contact_reminds_the_handler_once(branch: Branch) -> None:
    from branchdesk.domain.notifications import NotificationKind

    b = branch
    case_id = _triaged(b)
    due = b.clock.now + timedelta(hours=5)
    b.desk.notes.record_contact(b["crm"], case_id, "phone", "明天告知检测结果", next_due_at=due)

    def reminders() -> list[str]:
        return [
            render(n.text, "zh_CN")
            for n in b.desk.notifications.list(b["handler"])
            if n.kind == NotificationKind.NEXT_CONTACT
        ]

    b.desk.cases.sweep()
    assert reminders() == []  # five hours ahead: not yet within the two hours' warning
    b.clock.advance(hours=3, minutes=30)
    b.desk.cases.sweep()
    b.desk.cases.sweep()
    case_no = b.desk.queries.case_detail(b["crm"], case_id).case_no
    assert reminders() == [f"案件 {case_no}：应于 {due:%Y-%m-%d %H:%M} 再次联系客户（进度告知）"]
    # a later notice without a promise: nothing more to remind of
    b.desk.notes.record_contact(b["handler"], case_id, "phone", "已告知结果")
    b.clock.advance(days=1)
    b.desk.cases.sweep()
    assert len(reminders()) == 1
