"""A branch with cases in many states over the last weeks (issue 17, part D): the work page's tiles
and charts are checked against the queue on it, in the core and through the widgets."""

from __future__ import annotations

from datetime import timedelta

from branchdesk.domain.vocab import Decision
from branchdesk.services.dto import FollowUpInput, ReplyInput, TriageInput
from tests.conftest import PASSWORD, START, Branch, complaint_form, proposed_case


def _form(n: int, **overrides: object) -> dict[str, object]:
    """Distinct customers: no case is a repeat of another."""
    values: dict[str, object] = dict(
        complainant_name=f"客户{n}", phone=f"1390000{n:04d}", order_no=f"SO-17D-{n:03d}"
    )
    values.update(overrides)
    return values


def many_states(b: Branch) -> dict[str, int]:
    """Cases received over six weeks before ``START`` (a Monday) in most states; returns their ids by
    name. The clock ends at ``START`` + 2 hours."""
    ids: dict[str, int] = {}
    week = timedelta(weeks=1)
    # five weeks back: two consultations answered, one on time, one a day and a half late
    b.clock.now = START - 5 * week
    consultation: dict[str, object] = dict(kind="consultation", request_type="")
    ref = b.desk.intake.register(b["clerk"], complaint_form(**consultation, **_form(1)))
    b.clock.advance(hours=1)
    b.desk.cases.answer(b["clerk"], ref.id, ReplyInput("phone", "保修一年", True))
    ids["answered_on_time"] = ref.id
    ref = b.desk.intake.register(b["clerk2"], complaint_form(**consultation, **_form(2)))
    b.clock.advance(hours=36)
    b.desk.cases.answer(b["clerk2"], ref.id, ReplyInput("phone", "已答复", True))
    ids["answered_late"] = ref.id
    # four weeks back: a complaint with 张伟 (质量管理部), overdue by now
    b.clock.now = START - 4 * week
    ref = b.desk.intake.register(b["clerk"], complaint_form(**_form(3)))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    ids["with_handler"] = ref.id
    # three weeks back: a complaint with 刘洋 (销售部)
    b.clock.now = START - 3 * week
    ref = b.desk.intake.register(b["clerk2"], complaint_form(**_form(4)))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler2"].user_id
        ),
    )
    ids["with_handler2"] = ref.id
    # two weeks back: one waiting for triage, one found invalid (waits for the reply)
    b.clock.now = START - 2 * week
    ids["to_triage"] = b.desk.intake.register(b["clerk"], complaint_form(**_form(5))).id
    ref = b.desk.intake.register(b["clerk2"], complaint_form(kind="suggestion", request_type="", **_form(6)))
    b.desk.cases.triage(b["crm"], ref.id, TriageInput(valid=False, invalid_reason="out_of_scope"))
    ids["invalid"] = ref.id
    # last week: one approved (waits for the reply), one closed after its follow-up, one pending approval
    b.clock.now = START - week
    ref = proposed_case(b, "compensation", "300", **_form(7))
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    ids["awaiting_reply"] = ref.id
    b.clock.advance(hours=2)
    ref = proposed_case(b, "compensation", "200", **_form(8))
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 4))
    b.desk.cases.close(b["crm"], ref.id)
    ids["closed"] = ref.id
    b.clock.now = START
    ids["pending_approval"] = proposed_case(b, "compensation", "500", **_form(9)).id
    # this week: a fresh complaint and a draft
    b.clock.advance(hours=1)
    praise = complaint_form(kind="praise", request_type="", **_form(10))
    ids["fresh"] = b.desk.intake.register(b["clerk2"], praise).id
    ids["draft"] = b.desk.intake.save_draft(b["clerk"], complaint_form(content="", **_form(11))).id
    b.clock.advance(hours=1)
    return ids
