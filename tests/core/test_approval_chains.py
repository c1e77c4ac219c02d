"""Approval chains as data (issue 12 "approvals"), end to end through the services on both engines:
a GM-only chain, a no-approval band, a four-level chain with the head of the responsible department,
the policy service's checks, and migration 0011 turning the old authority matrix into rules."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from branchdesk.domain.approvals import ApprovalFacts, ApprovalStep, choose_rule, frozen_chain
from branchdesk.domain.money import yuan
from branchdesk.domain.vocab import Decision, Kind, Role, Severity, Status
from branchdesk.errors import DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import render
from branchdesk.read.values import ResolutionStatus
from branchdesk.services.approval_policy import ApprovalRuleInput, ApprovalStepInput
from branchdesk.services.dto import ReplyInput
from branchdesk.storage.models import ApprovalRuleRow, Event, Resolution
from tests.conftest import PASSWORD, Branch, proposed_case


def step(role: str, own: bool = False) -> ApprovalStepInput:
    return ApprovalStepInput(role, own)


def first_rule(b: Branch, label: str, steps: list[ApprovalStepInput], **conditions: object) -> int:
    """A rule that decides before every shipped one (priority 1)."""
    return b.desk.approval_policy.save_rule(
        b["admin"],
        None,
        ApprovalRuleInput(1, label, steps, **conditions),  # type: ignore[arg-type]
    )


def sign(b: Branch, who: str, case_id: int) -> Status:
    return Status(b.desk.cases.decide_approval(b[who], case_id, Decision.APPROVE, PASSWORD).status)


def refused(b: Branch, who: str, case_id: int) -> str:
    with pytest.raises(DomainError) as info:
        b.desk.cases.decide_approval(b[who], case_id, Decision.APPROVE, PASSWORD)
    return info.value.message


def waiting_for(b: Branch, who: str) -> int:
    return b.desk.queries.work_counts(b[who]).awaiting_my_approval


def test_a_gm_only_chain(branch: Branch) -> None:
    b = branch
    first_rule(b, "总经理一人核决", [step("gm")])
    ref = proposed_case(b, "compensation", "800")
    detail = b.desk.queries.case_detail(b["qa_mgr"], ref.id)
    resolution = detail.resolutions[0]
    assert resolution.steps == (ApprovalStep(Role.GM),) and resolution.approval_rule == "总经理一人核决"
    assert render(resolution.chain_text()) == "总经理"
    # The department manager's button says why, and the service refuses the same way.
    assert "总经理" in render(detail.actions["approve"])
    assert "核决权限" in refused(b, "qa_mgr", ref.id)
    assert "核决权限" in refused(b, "deputy", ref.id)
    assert (waiting_for(b, "qa_mgr"), waiting_for(b, "deputy"), waiting_for(b, "gm")) == (0, 0, 1)
    assert b.desk.queries.case_detail(b["gm"], ref.id).actions["approve"] is None
    assert sign(b, "gm", ref.id) is Status.AWAITING_REPLY
    resolution = b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0]
    assert resolution.status is ResolutionStatus.APPROVED
    assert [(a.printed_name, a.level_role, a.signed_role) for a in resolution.approvals] == [
        ("郑总", Role.GM, Role.GM)
    ]


def test_a_no_approval_band_approves_on_proposal(branch: Branch) -> None:
    b = branch
    first_rule(b, "¥500 以下无需审批", [], max_amount="499.99")
    ref = proposed_case(b, "compensation", "300")
    assert ref.status == Status.AWAITING_REPLY  # straight on to the reply: nobody signs
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    resolution = detail.resolutions[0]
    assert resolution.status is ResolutionStatus.APPROVED and resolution.approvals == []
    assert resolution.steps == () and render(resolution.chain_text()) == "无需审批"
    with b.desk.db.read() as session:
        event = session.scalars(select(Event).where(Event.case_id == ref.id, Event.action == "propose")).one()
    assert "无需审批（规则：¥500 以下无需审批）" in event.summary
    entry = next(e for e in detail.timeline if "无需审批" in render(e.text))
    assert "no approval needed (rule: ¥500 以下无需审批)" in render(entry.text, "en")
    assert (
        b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知赔偿 300 元", True)).status
        == Status.AWAITING_FOLLOWUP
    )
    # ¥500 itself is outside the band (its upper bound, ¥499.99, is inclusive): the shipped rules sign.
    other = proposed_case(b, "compensation", "500", order_no="SO-2")
    assert other.status == Status.PENDING_APPROVAL
    chain = b.desk.queries.case_detail(b["crm"], other.id).resolutions[0].steps
    assert chain == (ApprovalStep(Role.DEPT_MANAGER, True),)


FOUR = [step("dept_manager", True), step("cr_manager"), step("deputy_gm"), step("gm")]


def test_a_four_level_chain_with_the_head_of_the_responsible_department(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    first_rule(b, "四级核决", FOUR)
    # 吴敏 is deputy GM and customer-relations manager: she may sign one step, never two.
    with b.desk.db.read() as session:
        from branchdesk.storage.models import User

        deputy2 = session.scalars(select(User).where(User.username == "deputy2")).one()
    b.desk.admin.set_roles(b["admin"], deputy2.id, [Role.DEPUTY_GM, Role.CR_MANAGER])
    # 张伟 handles the case and is a manager of the responsible department too: still not his own proposal.
    b.desk.admin.set_roles(b["admin"], b["handler"].user_id, [Role.HANDLER, Role.DEPT_MANAGER])
    # The complaint names the sales department too, so its manager sees the case (and is refused).
    ref = proposed_case(b, "compensation", "12000", complained_department_id=b["sales_mgr"].department_id)
    chain = b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0].chain_text()
    assert render(chain) == "部门经理（责任部门） → 客户关系经理 → 副总经理 → 总经理"
    assert render(chain, "en") == (
        "Department manager (responsible department) → Customer relations manager"
        " → Deputy general manager → General manager"
    )
    assert refused(b, "sales_mgr", ref.id) == "部门经理级审批须由责任部门的经理签署"  # another department
    assert refused(b, "handler", ref.id) == "不能审批自己提出的处理方案（职责分离）"  # the proposer
    assert waiting_for(b, "qa_mgr") == 1 and waiting_for(b, "sales_mgr") == 0
    b.clock.advance(minutes=10)
    assert sign(b, "qa_mgr", ref.id) is Status.PENDING_APPROVAL
    # The customer-relations step: exactly that role, nobody stands in, not even the GM.
    assert refused(b, "gm", ref.id) == "本级须由客户关系经理本人签署，不由他人代签"
    assert refused(b, "qa_mgr", ref.id) == "您已签署本方案的前一级审批，各级须由不同人签署"
    assert waiting_for(b, "crm") == 1 and waiting_for(b, "deputy2") == 1 and waiting_for(b, "gm") == 0
    b.clock.advance(minutes=10)
    assert sign(b, "deputy2", ref.id) is Status.PENDING_APPROVAL
    assert refused(b, "deputy2", ref.id) == "您已签署本方案的前一级审批，各级须由不同人签署"
    b.clock.advance(minutes=10)
    assert sign(b, "deputy", ref.id) is Status.PENDING_APPROVAL
    b.clock.advance(minutes=10)
    assert sign(b, "gm", ref.id) is Status.AWAITING_REPLY
    resolution = b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0]
    assert [(a.level_order, a.printed_name, a.signed_role, a.meaning) for a in resolution.approvals] == [
        (1, "赵强", Role.DEPT_MANAGER, "批准（部门经理级核决）"),
        (2, "吴敏", Role.CR_MANAGER, "批准（客户关系经理级核决）"),
        (3, "周建国", Role.DEPUTY_GM, "批准（副总经理级核决）"),
        (4, "郑总", Role.GM, "批准（总经理级核决）"),
    ]
    # The printed handling form carries the four signatures: who, when, what it means.
    pdf = b.desk.printing.render(b["crm"], ref.case_no, "handling", copies=[1])
    path = tmp_path / "handling.pdf"
    path.write_bytes(pdf)
    printed = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = printed.splitlines()
    for name, meaning, minute in (
        ("赵强", "批准（部门经理级核决）", "09:10"),
        ("吴敏", "批准（客户关系经理级核决）", "09:20"),
        ("周建国", "批准（副总经理级核决）", "09:30"),
        ("郑总", "批准（总经理级核决）", "09:40"),
    ):
        line = next(line for line in lines if name in line and meaning in line)
        assert f"2026-11-02 {minute}" in line, line
    assert "四级核决" in printed


def test_the_chain_is_frozen_when_proposed(branch: Branch) -> None:
    b = branch
    rule_id = first_rule(b, "总经理一人核决", [step("gm")])
    ref = proposed_case(b, "compensation", "800")
    b.desk.approval_policy.save_rule(
        b["admin"], rule_id, ApprovalRuleInput(1, "改为部门经理", [step("dept_manager", True)])
    )
    assert b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0].steps == (ApprovalStep(Role.GM),)
    assert "核决权限" in refused(b, "qa_mgr", ref.id)
    assert sign(b, "gm", ref.id) is Status.AWAITING_REPLY
    later = proposed_case(b, "compensation", "800", order_no="SO-9")
    assert b.desk.queries.case_detail(b["crm"], later.id).resolutions[0].approval_rule == "改为部门经理"


def test_rules_match_category_at_any_level_kind_severity_and_major(branch: Branch) -> None:
    b = branch
    first_rule(b, "商务类总经理核决", [step("gm")], category_code="business")  # the parent of business.damage
    ref = proposed_case(b, "compensation", "800")
    assert b.desk.queries.case_detail(b["crm"], ref.id).resolutions[0].approval_rule == "商务类总经理核决"
    rules = b.desk.approval_policy.rules(b["admin"])
    facts = ApprovalFacts(yuan(800), ("quality",), Kind.COMPLAINT, Severity.NORMAL, False)
    chosen = choose_rule(rules, facts)
    assert chosen is not None and chosen.label == "¥5,000 及以下：部门经理"


def test_the_policy_service_checks_every_field(branch: Branch) -> None:
    b = branch
    policy = b.desk.approval_policy

    def errors(rule_id: int | None = None, **fields: object) -> dict[str, str]:
        values: dict[str, object] = dict(priority=5, label="规则", steps=[step("gm")])
        values.update(fields)
        with pytest.raises(FieldError) as info:
            policy.save_rule(b["admin"], rule_id, ApprovalRuleInput(**values))  # type: ignore[arg-type]
        return info.value.errors

    assert "label" in errors(label="长" * 101)
    assert "label" in errors(label="  ")
    assert "priority" in errors(priority=0) and "priority" in errors(priority=10_000)
    assert "max_amount" in errors(max_amount="五百")
    assert "min_amount" in errors(min_amount="1,00")
    assert errors(min_amount="600", max_amount="500") == {"min_amount": "金额下限不能高于上限"}
    assert errors(steps=[step("boss")]) == {"steps": "审批角色不正确"}
    assert errors(steps=[step("admin")]) == {"steps": "审批角色不正确"}
    assert errors(steps=[step("clerk")]) == {"steps": "审批角色不正确"}  # a clerk never sees such a case
    assert errors(steps=[step("gm")] * 9) == {"steps": "审批步骤最多 8 步"}
    assert "category_code" in errors(category_code="nothing.like.it")
    assert "kind" in errors(kind="grumble") and "min_severity" in errors(min_severity="apocalyptic")
    with pytest.raises(PermissionDenied):
        policy.save_rule(b["crm"], None, ApprovalRuleInput(5, "规则", [step("gm")]))
    with pytest.raises(PermissionDenied):
        policy.rules(b["crm"])
    with pytest.raises(NotFound):
        policy.delete_rule(b["admin"], 999_999)
    # Eight steps are fine; the rule reads back as saved.
    eight = [step(r) for r in ("dept_manager", "cr_manager", "deputy_gm", "gm")] * 2
    rule_id = policy.save_rule(
        b["admin"],
        None,
        ApprovalRuleInput(7, "八步", eight, min_amount="1,000", major=False, kind="complaint"),
    )
    saved = next(r for r in policy.rules(b["admin"]) if r.id == rule_id)
    assert len(saved.steps) == 8 and saved.min_amount_fen == 100_000 and saved.major is False
    assert saved.kind is Kind.COMPLAINT and saved.max_amount_fen is None


def test_the_last_catch_all_stays(branch: Branch) -> None:
    b = branch
    policy = b.desk.approval_policy
    catch_all = next(r for r in policy.rules(b["admin"]) if r.is_catch_all)
    assert catch_all.id is not None
    with pytest.raises(DomainError, match="兜底规则"):
        policy.delete_rule(b["admin"], catch_all.id)
    with pytest.raises(DomainError, match="兜底规则"):  # a condition would make it no catch-all
        policy.save_rule(
            b["admin"], catch_all.id, ApprovalRuleInput(40, catch_all.label, [step("gm")], kind="complaint")
        )
    with pytest.raises(DomainError, match="兜底规则"):  # nor may it be switched off
        policy.save_rule(b["admin"], catch_all.id, ApprovalRuleInput(40, "停用", [step("gm")], active=False))
    new_id = policy.save_rule(b["admin"], None, ApprovalRuleInput(99, "新兜底：总经理", [step("gm")]))
    policy.delete_rule(b["admin"], catch_all.id)  # another catch-all exists now
    assert [r.id for r in policy.rules(b["admin"]) if r.is_catch_all] == [new_id]
    with b.desk.db.read() as session:
        actions = session.scalars(select(Event.summary).where(Event.action == "admin.approval_rule")).all()
    assert any("删除核决规则" in a for a in actions) and any("新增核决规则" in a for a in actions)


def test_a_policy_with_no_matching_rule_refuses_the_proposal_clearly(branch: Branch) -> None:
    b = branch
    with b.desk.db.write() as session:  # broken by hand, past the service: every rule has a band
        session.execute(update(ApprovalRuleRow).values(max_amount_fen=100))
        session.execute(text("UPDATE branch SET config_version = config_version + 1"))
    with pytest.raises(DomainError, match="没有适用于本方案的核决规则"):
        proposed_case(b, "compensation", "800")


# --- migration 0011 -----------------------------------------------------------------------


def old_required_levels(matrix: list[tuple[int, str, int | None]], amount: int, major: bool) -> list[str]:
    """How releases before 0011 chose the levels (``approvals.required_levels`` as it was)."""
    levels = sorted(matrix)
    if major:
        return [role for _, role, _ in levels]
    chain = []
    for _, role, limit in levels:
        chain.append(role)
        if limit is None or amount <= limit:
            return chain
    return chain


MATRICES = {
    "shipped": [(1, "dept_manager", 500_000), (2, "deputy_gm", 3_000_000), (3, "gm", None)],
    "edited": [(1, "dept_manager", 1_000_000), (2, "deputy_gm", 5_000_000), (3, "gm", 20_000_000)],
}


@pytest.mark.parametrize("matrix_name", sorted(MATRICES))
def test_migration_0011_turns_the_authority_matrix_into_rules_with_the_same_chains(
    branch: Branch, matrix_name: str
) -> None:
    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import rewind_to

    b = branch
    matrix = MATRICES[matrix_name]
    sales = b["sales_mgr"].department_id
    waiting = proposed_case(b, "compensation", "8000", complained_department_id=sales)  # frozen before
    rewind_to(b.desk.db, "0010")
    with b.desk.db.write() as session:  # as release 0010 left it: the matrix, plain role codes
        session.execute(text("DELETE FROM authority_level"))
        for order, role, limit in matrix:
            session.execute(
                text("INSERT INTO authority_level (level_order, role, max_amount_fen) VALUES (:o, :r, :m)"),
                {"o": order, "r": role, "m": limit},
            )
        session.execute(
            update(Resolution)
            .where(Resolution.case_id == waiting.id)
            .values(required_roles=["dept_manager", "deputy_gm"])
        )
    result = upgrade(b.desk.db)
    assert result.from_revision == "0010"
    rules = b.desk.approval_policy.rules(b["admin"])
    assert sum(r.is_catch_all for r in rules) == 1
    for amount in (
        0,
        1,
        499_999,
        500_000,
        500_001,
        1_000_000,
        1_000_001,
        3_000_000,
        3_000_001,
        5_000_000,
        5_000_001,
        20_000_000,
        20_000_001,
        1_000_000_000,
    ):
        for major in (False, True):
            facts = ApprovalFacts(
                amount, ("business", "business.damage"), Kind.COMPLAINT, Severity.NORMAL, major
            )
            rule = choose_rule(rules, facts)
            assert rule is not None
            assert [s.role.value for s in rule.steps] == old_required_levels(matrix, amount, major), (
                amount,
                major,
            )
            assert all(s.of_responsible_department is (s.role is Role.DEPT_MANAGER) for s in rule.steps)
    # The proposal frozen before the upgrade reads and signs as it did: the responsible department's manager.
    resolution = b.desk.queries.case_detail(b["crm"], waiting.id).resolutions[0]
    assert resolution.steps == (ApprovalStep(Role.DEPT_MANAGER, True), ApprovalStep(Role.DEPUTY_GM))
    assert resolution.approval_rule is None
    assert refused(b, "sales_mgr", waiting.id) == "部门经理级审批须由责任部门的经理签署"
    assert sign(b, "qa_mgr", waiting.id) is Status.PENDING_APPROVAL
    assert sign(b, "deputy", waiting.id) is Status.AWAITING_REPLY
    # A new proposal follows the converted rules.
    later = proposed_case(b, "compensation", "8000", phone="139 0013 9000", order_no="SO-8")  # no repeat
    assert not b.desk.queries.case_detail(b["crm"], later.id).is_major
    roles = [s.role.value for s in b.desk.queries.case_detail(b["crm"], later.id).resolutions[0].steps]
    assert roles == old_required_levels(matrix, 800_000, False)


def test_stored_chain_shapes() -> None:
    assert frozen_chain([]) == ()
    with pytest.raises(ValueError):
        frozen_chain(["boss"])


def test_delete_cascades_to_steps(branch: Branch) -> None:
    b = branch
    rule_id = first_rule(b, "临时", [step("gm"), step("deputy_gm")])
    b.desk.approval_policy.delete_rule(b["admin"], rule_id)
    with b.desk.db.read() as session:
        left = session.execute(text("SELECT count(*) FROM approval_step WHERE rule_id = :r"), {"r": rule_id})
        assert left.scalar() == 0
