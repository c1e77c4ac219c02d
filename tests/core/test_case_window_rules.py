"""Issue 17 part F, the core side: entered reply and follow-up times, a satisfaction that must be chosen,
a saved PDF that is not a print, number settings within their range, a user's details edited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from branchdesk.domain.deadlines import DeadlineStep
from branchdesk.domain.vocab import Decision
from branchdesk.errors import ConcurrentChange, FieldError
from branchdesk.i18n import render
from branchdesk.services.dto import FollowUpInput, ReplyInput
from tests.conftest import PASSWORD, Branch, complaint_form
from tests.core.test_case_lifecycle import to_pending_approval


def awaiting_reply(b: Branch) -> int:
    case_id = to_pending_approval(b, "200")
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    return case_id


def test_a_follow_up_needs_a_chosen_satisfaction(branch: Branch) -> None:
    b = branch
    case_id = awaiting_reply(b)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=True))
    with pytest.raises(FieldError) as refused:
        b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", True, None))
    assert render(refused.value.texts["satisfaction"], "zh_CN") == "请填写满意度"
    assert b.desk.queries.case_detail(b["crm"], case_id).follow_ups == []


def test_reply_and_follow_up_times_are_entered_and_bounded(branch: Branch) -> None:
    b = branch
    case_id = awaiting_reply(b)
    received = b.desk.queries.case_detail(b["crm"], case_id).intake.received_at
    b.clock.advance(days=3)
    now = b.clock()
    # the future beyond the clock skew (5 minutes), and before the case was received: refused at the field
    for wrong in (now + timedelta(minutes=6), received - timedelta(minutes=1)):
        with pytest.raises(FieldError) as refused:
            b.desk.cases.record_reply(
                b["clerk"], case_id, ReplyInput("phone", "已告知", True, replied_at=wrong)
            )
        assert "答复时间须在" in render(refused.value.texts["replied_at"], "zh_CN")
    called = now - timedelta(days=1, hours=2)  # the call was made yesterday, recorded today
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", True, replied_at=called))
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.replies[-1].replied_at == called
    # the follow-up step counts from the entered time, not from when it was typed in
    follow_up_due = next(s.due for s in detail.deadlines.steps if s.step is DeadlineStep.FOLLOW_UP)
    assert follow_up_due is not None and follow_up_due < now + timedelta(days=2)
    reply_event = [e for e in detail.timeline if e.action == "reply"][-1]
    assert [(c.field, c.new) for c in reply_event.changes if c.field == "replied_at"] == [
        ("replied_at", f"{called:%Y-%m-%d %H:%M}")
    ]
    # a visit before the reply is refused; within the skew it is taken
    with pytest.raises(FieldError) as refused:
        b.desk.cases.record_follow_up(
            b["clerk2"], case_id, FollowUpInput("phone", True, 4, visited_at=called - timedelta(minutes=1))
        )
    assert "回访时间须在" in render(refused.value.texts["visited_at"], "zh_CN")
    visited = now + timedelta(minutes=4)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", True, 4, visited_at=visited))
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert detail.follow_ups[-1].visited_at == visited
    event = [e for e in detail.timeline if e.action == "follow_up"][-1]
    assert [c.new for c in event.changes] == [f"{visited:%Y-%m-%d %H:%M}"]


def test_the_clock_skew_is_a_setting(branch: Branch) -> None:
    b = branch
    b.desk.admin.set_setting(b["admin"], "entry_clock_skew_minutes", 0)
    ref = b.desk.intake.register(b["clerk"], complaint_form(kind="consultation"))
    with pytest.raises(FieldError):
        later = b.clock() + timedelta(minutes=1)
        b.desk.cases.answer(b["clerk"], ref.id, ReplyInput("phone", "已解答", True, replied_at=later))
    b.desk.cases.answer(b["clerk"], ref.id, ReplyInput("phone", "已解答", True, replied_at=b.clock()))


def test_a_saved_pdf_is_not_a_print(branch: Branch, tmp_path: Path) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.printing.render(b["clerk"], ref.id, "receipt", output=tmp_path / "r.pdf", log=False)
    b.desk.printing.record_saved(b["clerk"], ref.id, "receipt", None, "plain")
    b.desk.printing.record_print(b["clerk"], ref.id, "receipt", None, "plain")
    texts = [render(e.text, "zh_CN") for e in b.desk.queries.case_detail(b["crm"], ref.id).timeline][-2:]
    assert texts == [
        "另存客户投诉受理回执为 PDF：第 1、2 联（未计为打印）",
        "打印客户投诉受理回执：第 1、2 联（普通纸）",  # the first print, not 补打
    ]


@pytest.mark.parametrize(
    ("key", "wrong", "right"), [("idle_lock_minutes", 0, 30), ("dissatisfied_at_or_below", 6, 3)]
)
def test_number_settings_are_bounded_in_the_core(branch: Branch, key: str, wrong: int, right: int) -> None:
    b = branch
    with pytest.raises(FieldError) as refused:
        b.desk.admin.set_setting(b["admin"], key, wrong)
    assert key in refused.value.texts
    b.desk.admin.set_setting(b["admin"], key, right)
    assert b.desk.admin.snapshot(b["admin"]).settings[key] == right


def test_settings_saved_together_refuse_a_value_changed_since_it_was_seen(branch: Branch) -> None:
    """The 设置 tab's save: several settings in one write, each naming the value the screen showed. One
    changed on another PC meanwhile refuses the whole save, naming who changed it to what; nothing of the
    save lands. A bad value is refused at its field, also with nothing saved."""
    b = branch
    admin = b["admin"]
    shown = b.desk.admin.snapshot(admin).settings
    assert (shown["reopen_within_days"], shown["capa_blocks_close"]) == (30, False)
    b.desk.admin.set_settings(admin, {"capa_blocks_close": True}, seen={"capa_blocks_close": False})  # PC 2
    with pytest.raises(ConcurrentChange) as stale:
        b.desk.admin.set_settings(
            admin,
            {"reopen_within_days": 60, "capa_blocks_close": False},
            seen={"reopen_within_days": 30, "capa_blocks_close": False},
        )
    assert render(stale.value.text, "zh_CN").startswith("「纠正预防措施未验证不得结案」已被 ")
    assert render(stale.value.text, "zh_CN").endswith("改为 是：请看过现在的值再改")
    now = b.desk.admin.snapshot(admin).settings
    assert (now["reopen_within_days"], now["capa_blocks_close"]) == (30, True)  # neither landed
    with pytest.raises(FieldError) as refused:
        b.desk.admin.set_settings(admin, {"reopen_within_days": 0, "returning_complaint_mode": "x"})
    assert set(refused.value.texts) == {"reopen_within_days", "returning_complaint_mode"}
    b.desk.admin.set_settings(
        admin,
        {"reopen_within_days": 60, "returning_complaint_mode": "reopen"},
        seen={"reopen_within_days": 30, "returning_complaint_mode": "new_case"},
    )
    now = b.desk.admin.snapshot(admin).settings
    assert (now["reopen_within_days"], now["returning_complaint_mode"]) == (60, "reopen")
    with pytest.raises(ConcurrentChange):  # a switch is not a count: the switch is on (True), 1 is not True
        b.desk.admin.set_setting(admin, "capa_blocks_close", False, seen=1)


def test_a_users_name_and_department_are_edited_with_a_version_check(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    seen = next(u for u in b.desk.admin.snapshot(admin).users if u.username == "clerk2")
    b.desk.admin.update_user(admin, seen.id, full_name="李娜娜", department_code="QA", seen=seen)
    again = next(u for u in b.desk.admin.snapshot(admin).users if u.username == "clerk2")
    assert again.full_name == "李娜娜" and again.department_id == b["handler"].department_id
    with pytest.raises(ConcurrentChange):  # the row changed after ``seen`` was read
        b.desk.admin.update_user(admin, seen.id, full_name="李娜", department_code="CS", seen=seen)
    with pytest.raises(FieldError) as refused:
        b.desk.admin.update_user(admin, again.id, full_name=" ", department_code="CS", seen=again)
    assert "full_name" in refused.value.texts


def test_an_import_cancelled_between_chunks_leaves_nothing(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from branchdesk.services import ledger_import
    from branchdesk.services.audit import verify_audit
    from branchdesk.services.ledger_import import ImportCancelled
    from branchdesk.storage.models import Case, CaseCounter, Event, ImportBatch
    from tests.core.test_ledger_import import SAMPLE

    b = branch
    monkeypatch.setattr(ledger_import, "CHUNK_ROWS", 10)
    monkeypatch.setattr(ledger_import, "CHUNK_PAUSE", 0)
    told: list[tuple[int, int]] = []

    def stop_after_two(written: int, total: int) -> bool:
        told.append((written, total))
        return len(told) < 2

    before = b.desk.intake.register(b["clerk"], complaint_form())
    with pytest.raises(ImportCancelled) as cancelled:
        b.desk.ledger_import.import_ledger(b["crm"], SAMPLE, progress=stop_after_two)
    assert told == [(10, 60), (20, 60)]
    assert render(cancelled.value.text, "zh_CN").startswith("已取消导入")
    with b.desk.db.read() as session:  # the two written chunks are gone again, no event was written
        assert session.scalars(select(Case.case_no)).all() == [before.case_no]
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert session.scalar(select(CaseCounter.last_serial).where(CaseCounter.period == "202501")) == 0
        assert not session.scalars(select(Event).where(Event.action.in_(["import", "admin.import"]))).all()
    assert verify_audit(b.desk.db)[0].ok
    again = b.desk.ledger_import.import_ledger(b["crm"], SAMPLE, progress=lambda _w, _t: True)
    assert again.imported == 60 and again.outcomes[0].case_no == "202501-001"
