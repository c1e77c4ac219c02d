"""Rewards and penalties (奖罚, issue 14 part C), end to end through the services on both engines: a
penalty approved through a two-step chain and its 奖罚通知单 printed and read back, the person
concerned refused, amounts outside the scale refused, a stale signature refused, masking for a
non-manager, the per-person history, the scale's edits and migration 0025."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from branchdesk.domain.approvals import ApprovalStep
from branchdesk.domain.rewards import RewardKind, RewardStatus, ScaleItem
from branchdesk.domain.vocab import Decision, Role
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, PermissionDenied
from branchdesk.i18n import render
from branchdesk.services.dto import CaseVersion
from branchdesk.services.rewards import RewardProposal
from branchdesk.storage.models import Event, FormSpecRow, RewardPenalty, RewardScaleRow
from tests.conftest import PASSWORD, Branch, proposed_case
from tests.core.test_printing import pages


def seen(b: Branch, case_id: int) -> CaseVersion:
    return CaseVersion(case_id, b.desk.queries.case_detail(b["crm"], case_id).version)


def propose(
    b: Branch,
    case_id: int,
    code: str = "P3",
    amount_fen: int = 30_000,
    *,
    who: str = "crm",
    user: str | None = "handler",
    department_id: int | None = None,
    reason: str = "对投诉事实拒不承认",
) -> int:
    _ref, record_id = b.desk.rewards.propose(
        b[who],
        seen(b, case_id),
        RewardProposal(
            code,
            amount_fen,
            reason,
            subject_user_id=b[user].user_id if user else None,
            subject_department_id=department_id,
        ),
    )
    return record_id


def sign(
    b: Branch, who: str, record_id: int, decision: Decision = Decision.APPROVE, reason: str = ""
) -> RewardStatus:
    version = b.desk.rewards.get(b[who], record_id).version
    return b.desk.rewards.decide(b[who], record_id, version, decision, PASSWORD, reason).status


def test_a_penalty_approved_through_two_steps_prints_its_notice(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")
    record_id = propose(b, case.id)  # 300 元, -10 分, 申诫: 部门经理（本部门）→ 总经理
    view = b.desk.rewards.get(b["crm"], record_id)
    assert (view.kind, view.amount_fen, view.points, view.measure) == (
        RewardKind.PENALTY,
        30_000,
        -10,
        "申诫",
    )
    assert view.status is RewardStatus.PENDING and view.subject_name == "张伟"
    # The notice prints only an approved record.
    with pytest.raises(DomainError):
        b.desk.printing.render(b["crm"], case.id, "penalty", record_id=record_id, log=False)
    assert "penalty" not in dict(b.desk.printing.forms_for(b["crm"], case.id))
    # Step 1 is the manager of the subject's department; the GM may not sign out of order.
    assert "部门经理" in render(b.desk.rewards.may_sign(b["gm"], record_id) or pytest.fail("gm may sign"))
    assert sign(b, "qa_mgr", record_id) is RewardStatus.PENDING
    assert "签" in render(b.desk.rewards.may_sign(b["qa_mgr"], record_id) or pytest.fail("signs twice"))
    assert sign(b, "gm", record_id) is RewardStatus.APPROVED
    view = b.desk.rewards.get(b["crm"], record_id)
    assert [(s.name, s.level_role) for s in view.signatures] == [
        ("赵强", Role.DEPT_MANAGER),
        ("郑总", Role.GM),
    ]
    assert view.decided_at == b.clock.now
    # Offered now, and it prints from the record: subject, kind, line, amount, points, measure, approvals.
    assert "penalty" in dict(b.desk.printing.forms_for(b["crm"], case.id))
    with pytest.raises(FieldError) as needs:
        b.desk.printing.render(b["crm"], case.id, "penalty", log=False)
    assert "record_id" in needs.value.errors
    pdf = b.desk.printing.render(b["crm"], case.id, "penalty", record_id=record_id)
    sheets = pages(pdf, tmp_path)
    assert len(sheets) == 3  # the form set's three copies: 总经理室(自存), 会计, 受罚部门
    first = sheets[0]
    for expected in (
        "奖罚通知单",
        "张伟",
        "处罚",
        "P3",
        "¥300.00",
        "-10",
        "申诫",
        "对投诉事实拒不承认",
        "赵强",
        "郑总",
    ):
        assert expected in first, expected
    assert "受罚部门" in sheets[2]
    # The timeline names the subject and the line, never the amount.
    with b.desk.db.read() as session:
        summaries = [e.summary for e in session.scalars(select(Event).where(Event.case_id == case.id))]
    assert any("张伟" in s and "P3" not in s and "300" not in s for s in summaries if "处罚" in s)


def test_the_person_concerned_may_not_approve(branch: Branch) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")
    # A penalty on the QA manager himself: he may not sign; the deputy GM stands in one level up.
    record_id = propose(b, case.id, user="qa_mgr")
    refusal = b.desk.rewards.may_sign(b["qa_mgr"], record_id)
    assert refusal is not None and refusal.code == "rewards.own_record"
    with pytest.raises(DomainError) as info:
        b.desk.rewards.decide(
            b["qa_mgr"],
            record_id,
            b.desk.rewards.get(b["crm"], record_id).version,
            Decision.APPROVE,
            PASSWORD,
        )
    assert "本人" in info.value.message
    assert sign(b, "deputy", record_id) is RewardStatus.PENDING
    # A department's record: its manager is the person concerned.
    qa = b["qa_mgr"].department_id
    dept_record = propose(b, case.id, user=None, department_id=qa)
    assert (b.desk.rewards.may_sign(b["qa_mgr"], dept_record) or pytest.fail()).code == "rewards.own_record"
    # The proposer never signs.
    own = propose(b, case.id, who="qa_mgr", user="handler")
    assert (b.desk.rewards.may_sign(b["qa_mgr"], own) or pytest.fail()).code == "rewards.own_proposal"


def test_amounts_outside_the_scale_are_refused(branch: Branch) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")
    for code, amount in (("P1", 2_999), ("P1", 10_001), ("P3", 25_000)):
        with pytest.raises(FieldError) as info:
            propose(b, case.id, code, amount)
        assert "amount_fen" in info.value.errors
    assert "¥30.00" in info.value.errors["amount_fen"] or "300" in info.value.errors["amount_fen"]
    assert propose(b, case.id, "P1", 10_000)  # the range's bounds are inclusive
    with pytest.raises(FieldError):  # neither or both subjects
        b.desk.rewards.propose(b["crm"], seen(b, case.id), RewardProposal("P1", 5_000, "x"))
    with pytest.raises(FieldError):
        propose(b, case.id, "NOPE", 5_000)
    with pytest.raises(DomainError):  # a handler may not propose (Action.PROPOSE_REWARD's roles)
        propose(b, case.id, "P1", 5_000, who="handler", user="handler2")
    # A manager who is not among the line's proposers: the scale decides.
    p1 = next(i for i in b.desk.rewards.scale(b["admin"]) if i.code == "P1")
    b.desk.rewards.save_scale_item(b["admin"], replace(p1, proposer_roles=(Role.GM,)))
    with pytest.raises(PermissionDenied):
        propose(b, case.id, "P1", 5_000, who="crm", user="handler2")


def test_a_stale_signature_or_proposal_is_refused(branch: Branch) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")
    before = seen(b, case.id)
    record_id = propose(b, case.id)
    with pytest.raises(ConcurrentChange):  # the case moved with the first proposal
        b.desk.rewards.propose(
            b["crm"], before, RewardProposal("P1", 5_000, "x", subject_user_id=b["handler"].user_id)
        )
    shown = b.desk.rewards.get(b["deputy"], record_id).version
    assert sign(b, "qa_mgr", record_id) is RewardStatus.PENDING
    with pytest.raises(ConcurrentChange) as info:
        b.desk.rewards.decide(b["gm"], record_id, shown, Decision.APPROVE, PASSWORD)
    assert "赵强" in info.value.message


def test_amounts_are_masked_for_a_non_manager_and_history_is_for_managers(branch: Branch) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")
    record_id = propose(b, case.id, "P1", 8_000, user="handler2")  # 刘洋 of 销售部
    handler_view = b.desk.rewards.for_case(b["handler"], case.id)  # the case's handler, not a manager
    assert [v.id for v in handler_view] == [record_id]
    masked = handler_view[0]
    assert masked.masked and masked.amount_fen is None and masked.reason == "" and masked.points is None
    assert masked.subject_name == "刘洋"  # that a record exists, and on whom
    for manager in ("crm", "gm", "deputy"):
        assert b.desk.rewards.for_case(b[manager], case.id)[0].amount_fen == 8_000, manager
    # History: the subject's department manager, the deputy GM, the GM, the CR manager; nobody else.
    subject = b["handler2"].user_id
    for manager in ("crm", "gm", "deputy", "sales_mgr"):
        assert [v.amount_fen for v in b.desk.rewards.history(b[manager], user_id=subject)] == [8_000]
    for other in ("qa_mgr", "handler", "clerk", "handler2"):
        with pytest.raises(PermissionDenied):
            b.desk.rewards.history(b[other], user_id=subject)
    sales = b["sales_mgr"].department_id
    assert len(b.desk.rewards.history(b["sales_mgr"], department_id=sales)) == 1


def test_the_admin_edits_the_scale(branch: Branch) -> None:
    b = branch
    scale = {item.code: item for item in b.desk.rewards.scale(b["admin"])}
    assert set(scale) == {"P1", "P2", "P3", "P4", "R1"}
    p1 = scale["P1"]
    assert (p1.min_amount_fen, p1.max_amount_fen) == (3_000, 10_000)
    changed = b.desk.rewards.save_scale_item(b["admin"], replace(p1, max_amount_fen=20_000))
    assert changed.max_amount_fen == 20_000 and changed.version == p1.version + 1
    with pytest.raises(ConcurrentChange):  # saved over what someone else changed
        b.desk.rewards.save_scale_item(b["admin"], replace(p1, label="x"))
    with pytest.raises(FieldError) as info:
        b.desk.rewards.save_scale_item(b["admin"], replace(changed, min_amount_fen=30_000))
    assert "max_amount_fen" in info.value.errors
    with pytest.raises(PermissionDenied):
        b.desk.rewards.save_scale_item(b["crm"], changed)
    new = ScaleItem(
        "R2",
        "挽回重大损失",
        RewardKind.REWARD,
        100_000,
        100_000,
        5,
        "嘉奖",
        (Role.GM,),
        (ApprovalStep(Role.GM),),
    )
    saved = b.desk.rewards.save_scale_item(b["admin"], new)
    assert saved.version == 1 and saved.chain == (ApprovalStep(Role.GM),)
    case = proposed_case(b, "compensation", "800")
    record_id = propose(b, case.id, "R2", 100_000, who="gm", user="handler")
    with pytest.raises(DomainError) as info:  # the proposer never signs, even the GM
        sign(b, "gm", record_id)
    assert "自己提出" in info.value.message


def test_migration_0025_seeds_the_scale_and_moves_the_notice_to_records(branch: Branch) -> None:
    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    with b.desk.db.write() as session:  # a branch that customised its handling form keeps it; penalty shipped
        spec = session.get(FormSpecRow, "penalty")
        assert spec is not None
        routing = spec.spec["copies"]
    rewind_to(b.desk.db, revision_before("0025"))
    with b.desk.db.read() as session:
        old = session.execute(text("SELECT spec FROM form_spec WHERE code = 'penalty'")).scalar_one()
    assert "investigation.responsible" in str(old)
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)
    assert [i.code for i in fresh.rewards.scale(b["admin"])] == ["P1", "P2", "P3", "P4", "R1"]
    with fresh.db.read() as session:
        spec = session.get(FormSpecRow, "penalty")
        assert spec is not None and spec.spec["copies"] == routing
        assert "reward.subject" in str(spec.spec["sections"]) and "investigation" not in str(
            spec.spec["sections"]
        )
        assert session.scalars(select(RewardPenalty)).all() == []
        assert len(session.scalars(select(RewardScaleRow)).all()) == 5


def test_migration_0025_leaves_a_customised_notice_alone(branch: Branch) -> None:
    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    rewind_to(b.desk.db, revision_before("0025"))
    with b.desk.db.write() as session:
        spec = session.get(FormSpecRow, "penalty")
        assert spec is not None
        custom = dict(spec.spec, title="本厂奖惩单")
        spec.spec = custom
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        spec = session.get(FormSpecRow, "penalty")
        assert spec is not None and spec.spec["title"] == "本厂奖惩单"
        assert "investigation.responsible" in str(spec.spec["sections"])


def test_the_monthly_sheet_lists_the_month_s_approved_records_as_the_database_has_them(
    branch: Branch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    b = branch
    case = proposed_case(b, "compensation", "800")
    penalty = propose(b, case.id)  # 张伟 (质量管理部): ¥300, -10
    sign(b, "qa_mgr", penalty)
    sign(b, "gm", penalty)
    reward = propose(b, case.id, "R1", 20_000, user="qa_mgr", reason="处理及时受客户表扬")
    sign(b, "deputy", reward)  # the subject is the QA manager: the deputy GM stands in
    sign(b, "gm", reward)
    dept = propose(b, case.id, "P1", 5_000, user=None, department_id=b["handler"].department_id)
    sign(b, "deputy", dept)
    sign(b, "gm", dept)
    rejected = propose(b, case.id, "P1", 6_000)
    sign(b, "qa_mgr", rejected, Decision.REJECT, "证据不足")
    propose(b, case.id, "P1", 7_000)  # pending: not on the sheet
    b.clock.advance(days=30)  # December: not November's
    later = propose(b, case.id, "P1", 9_000)
    sign(b, "qa_mgr", later)
    sign(b, "gm", later)

    path = b.desk.reports.export_monthly(b["crm"], 2026, 11, tmp_path / "m.xlsx")
    sheet = load_workbook(path)["奖罚"]
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    records = [r for r in rows if isinstance(r[0], int)]
    with b.desk.db.read() as session:
        approved = session.scalars(
            select(RewardPenalty)
            .where(RewardPenalty.status == "approved", RewardPenalty.decided_at < b.clock.now.replace(day=1))
            .order_by(RewardPenalty.decided_at, RewardPenalty.id)
        ).all()
        expected = [(r.id, r.amount_fen / 100, r.points, r.measure or None) for r in approved]
    assert [(r[0], r[6], r[7], r[8]) for r in records] == expected
    assert [r[0] for r in records] == [penalty, reward, dept]
    assert records[0][2] == case.case_no and records[0][3] == "张伟" and records[0][5] == "处罚"
    assert records[1][3] == "赵强" and records[1][5] == "奖励"
    assert records[2][3] == "质量管理部"
    start = next(i for i, r in enumerate(rows) if r[0] == "部门")
    totals = {r[0]: r[1:6] for r in rows[start + 1 :] if r[0]}
    # 质量管理部: one reward ¥200 (+2), two penalties ¥300 + ¥50 (-10 + 0)
    assert totals == {"质量管理部": (1, 200, 2, 350, -8)}


def test_the_scale_travels_in_the_policy_file(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    text = b.desk.policy.export(admin)
    assert text.count("[[rewards]]") == 5 and 'code = "P3"' in text
    assert b.desk.policy.preview(admin, text).changes == ()
    # A head office's scale: P1 up to ¥150 with the GM alone, R1 left out, a new line added.
    p1 = text.index('code = "P1"')
    changed = text[:p1] + text[p1:].replace("max_amount_fen = 10000", "max_amount_fen = 15000", 1)
    r1 = changed.index('[[rewards]]\ncode = "R1"')
    changed = changed[:r1] + changed[r1:].split("\n\n", 1)[1] if "\n\n" in changed[r1:] else changed[:r1]
    changed += (
        '\n[[rewards]]\ncode = "R2"\nlabel = "挽回重大损失"\nkind = "reward"\nmin_amount_fen = 100000\n'
        'max_amount_fen = 100000\npoints = 5\nmeasure = "嘉奖"\nproposers = ["gm"]\n'
        'steps = [\n  { role = "gm" },\n]\n'
    )
    shown = [render(c.text()) for c in b.desk.policy.preview(admin, changed).changes]
    assert any("R2" in line for line in shown) and any("R1" in line for line in shown), shown
    b.desk.policy.apply(admin, changed)
    scale = {i.code: i for i in b.desk.rewards.scale(admin)}
    assert scale["P1"].max_amount_fen == 15_000 and not scale["R1"].active  # left out: deactivated, kept
    assert scale["R2"].chain == (ApprovalStep(Role.GM),) and scale["R2"].points == 5
    again = b.desk.policy.export(admin)
    assert b.desk.policy.preview(admin, again).changes == ()
    # A broken line is refused at its place; nothing changes.
    broken = again.replace("max_amount_fen = 15000", "max_amount_fen = 1000", 1).replace(
        'proposers = ["gm"]', 'proposers = ["boss"]'
    )
    problems = [render(p) for p in b.desk.policy.preview(admin, broken).problems]
    assert any("rewards[0].max_amount_fen" in p for p in problems), problems
    assert any("proposers[0]" in p for p in problems), problems


def test_the_next_signers_are_told(branch: Branch) -> None:
    b = branch
    case = proposed_case(b, "compensation", "800")

    def reward_notices(who: str) -> list[str]:
        rows = b.desk.notifications.list(b[who])
        return [render(r.text) for r in rows if r.kind == "reward"]

    record_id = propose(b, case.id)  # step 1: the QA manager (the subject's department)
    assert [f"奖罚记录 {record_id} " in n and "部门经理" in n for n in reward_notices("qa_mgr")] == [True]
    assert reward_notices("gm") == [] and reward_notices("sales_mgr") == [] and reward_notices("crm") == []
    sign(b, "qa_mgr", record_id)  # step 2: the GM
    assert len(reward_notices("gm")) == 1 and reward_notices("deputy") == []
    # A penalty on the QA manager himself: he is not told; the deputy GMs stand in and are.
    own = propose(b, case.id, user="qa_mgr")
    assert all(f"奖罚记录 {own} " not in n for n in reward_notices("qa_mgr"))
    assert any(f"奖罚记录 {own} " in n for n in reward_notices("deputy")) and any(
        str(own) in n for n in reward_notices("deputy2")
    )
