"""Major triggers, severity floor, the approval rules and who may sign (§4, §7)."""

from __future__ import annotations

import pytest

from branchdesk.domain import defaults
from branchdesk.domain.approvals import (
    ApprovalFacts,
    ApprovalLevel,
    ApprovalRule,
    ApprovalStep,
    Signer,
    choose_rule,
    frozen_chain,
    signing_refusal,
)
from branchdesk.domain.money import yuan
from branchdesk.domain.severity import MajorFacts, MajorPolicy, effective_severity, major_reasons
from branchdesk.domain.vocab import Kind, Role, Severity

POLICY = MajorPolicy()
SHIPPED = [
    ApprovalRule(
        priority=int(conditions["priority"]),  # type: ignore[call-overload]
        label=str(conditions["label"]),
        steps=tuple(ApprovalStep(role, own) for role, own in chain),
        max_amount_fen=conditions.get("max_amount_fen"),  # type: ignore[arg-type]
        major=conditions.get("major"),  # type: ignore[arg-type]
    )
    for conditions, chain in defaults.APPROVAL_RULES
]


@pytest.mark.parametrize(
    ("facts", "major"),
    [
        (MajorFacts(), False),
        (MajorFacts(is_repeat=True), True),
        (MajorFacts(external_body=True), True),
        (MajorFacts(media_involved=True), True),
        (MajorFacts(lawsuit_threatened=True), True),
        (MajorFacts(complainant_count=4), False),
        (MajorFacts(complainant_count=5), True),
        (MajorFacts(personal_injury=True), True),
        (MajorFacts(loss_fen=yuan("29999.99")), False),
        (MajorFacts(loss_fen=yuan(30000)), True),
        (MajorFacts(declared_by_cr_manager=True), True),
    ],
)
def test_major_triggers(facts: MajorFacts, major: bool) -> None:
    assert bool(major_reasons(facts, POLICY)) is major


def test_loss_between_5000_and_30000_is_at_least_moderate() -> None:
    assert effective_severity(Severity.NORMAL, yuan("4999.99"), POLICY) is Severity.NORMAL
    assert effective_severity(Severity.NORMAL, yuan(5000), POLICY) is Severity.MODERATE
    assert effective_severity(Severity.SEVERE, yuan(5000), POLICY) is Severity.SEVERE


@pytest.mark.parametrize(
    ("amount", "major", "chain"),
    [
        ("0", False, [Role.DEPT_MANAGER]),
        ("5000", False, [Role.DEPT_MANAGER]),
        ("5000.01", False, [Role.DEPT_MANAGER, Role.DEPUTY_GM]),
        ("30000", False, [Role.DEPT_MANAGER, Role.DEPUTY_GM]),
        ("30000.01", False, [Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM]),
        ("100", True, [Role.DEPT_MANAGER, Role.DEPUTY_GM, Role.GM]),
    ],
)
def test_shipped_rules_decide_the_levels(amount: str, major: bool, chain: list[Role]) -> None:
    path = ("business", "business.damage")
    facts = ApprovalFacts(yuan(amount), path, Kind.COMPLAINT, Severity.NORMAL, major)
    rule = choose_rule(SHIPPED, facts)
    assert rule is not None and [step.role for step in rule.steps] == chain
    assert all(step.of_responsible_department is (step.role is Role.DEPT_MANAGER) for step in rule.steps)


def test_rule_conditions_bands_are_inclusive_and_categories_match_ancestors() -> None:
    under_500 = ApprovalRule(10, "¥500 以下", (), max_amount_fen=yuan("499.99"))
    quality = ApprovalRule(20, "质量类", (ApprovalStep(Role.GM),), category_code="quality")
    band = ApprovalRule(30, "¥500–¥5,000", (ApprovalStep(Role.DEPT_MANAGER, True),), yuan(500), yuan(5000))
    severe = ApprovalRule(40, "重度", (ApprovalStep(Role.DEPUTY_GM),), min_severity=Severity.SEVERE)
    rest = ApprovalRule(90, "其他", (ApprovalStep(Role.GM),))
    rules = [rest, severe, band, quality, under_500]  # order in the list does not matter: priority does

    def chosen(amount: str, path: tuple[str, ...] = (), severity: Severity | None = None) -> str:
        rule = choose_rule(rules, ApprovalFacts(yuan(amount), path, Kind.COMPLAINT, severity, False))
        assert rule is not None
        return rule.label

    assert chosen("499.99") == "¥500 以下"
    assert chosen("500") == "¥500–¥5,000" and chosen("5000") == "¥500–¥5,000"
    assert chosen("5000.01") == "其他"
    assert chosen("800", ("quality", "quality.function", "quality.function.noise")) == "质量类"  # any level
    assert chosen("6000", severity=Severity.SEVERE) == "重度" and chosen("6000", severity=None) == "其他"
    assert choose_rule([band], ApprovalFacts(0, (), Kind.COMPLAINT, None, False)) is None
    assert rest.is_catch_all and not band.is_catch_all
    inactive = ApprovalRule(1, "停用", (), active=False)
    assert choose_rule([inactive, rest], ApprovalFacts(0, (), Kind.COMPLAINT, None, False)) is rest


def test_chains_stored_before_rules_still_read() -> None:
    assert frozen_chain(["dept_manager", "deputy_gm"]) == (
        ApprovalStep(Role.DEPT_MANAGER, True),
        ApprovalStep(Role.DEPUTY_GM, False),
    )
    stored = [{"role": "cr_manager", "of_responsible_department": False}, {"role": "gm"}]
    assert frozen_chain(stored) == (ApprovalStep(Role.CR_MANAGER), ApprovalStep(Role.GM))


DEPT = 7
LEVEL1 = ApprovalLevel(1, Role.DEPT_MANAGER, True)
LEVEL2 = ApprovalLevel(2, Role.DEPUTY_GM)


def refusal(level: ApprovalLevel, signer: Signer, **kw: object) -> str | None:
    args: dict[str, object] = dict(
        proposer_id=1,
        earlier_signer_ids=set(),
        complained_user_id=None,
        responsible_department_id=DEPT,
        amount_fen=yuan(8000),
    )
    args.update(kw)
    reason = signing_refusal(level, signer, **args)  # type: ignore[arg-type]
    return None if reason is None else reason.render("zh_CN")


def test_signing_rules() -> None:
    manager = Signer(10, frozenset({Role.DEPT_MANAGER}), DEPT)
    other_manager = Signer(11, frozenset({Role.DEPT_MANAGER}), DEPT + 1)
    deputy = Signer(20, frozenset({Role.DEPUTY_GM}), None)
    assert refusal(LEVEL1, manager) is None
    assert (
        refusal(LEVEL1, Signer(1, frozenset({Role.DEPT_MANAGER}), DEPT))
        == "不能审批自己提出的处理方案（职责分离）"
    )
    assert refusal(LEVEL1, manager, complained_user_id=10) == "您是本案被投诉人，依规定回避"
    assert refusal(LEVEL1, other_manager) == "部门经理级审批须由责任部门的经理签署"
    assert "超出您的核决权限" in (refusal(LEVEL2, manager) or "")
    assert (
        refusal(LEVEL2, deputy, earlier_signer_ids={20}) == "您已签署本方案的前一级审批，各级须由不同人签署"
    )
    # A higher role signs a level only when nobody of that level may: "one level up".
    assert refusal(LEVEL1, deputy, own_level_available=True) is not None
    assert refusal(LEVEL1, deputy, complained_user_id=10, own_level_available=False) is None


def test_a_role_off_the_ladder_signs_itself_and_nobody_stands_in() -> None:
    cr_step = ApprovalLevel(2, Role.CR_MANAGER)
    crm = Signer(30, frozenset({Role.CR_MANAGER}), DEPT + 2)
    gm = Signer(40, frozenset({Role.GM}), None)
    assert refusal(cr_step, crm) is None
    assert refusal(cr_step, gm) == "本级须由客户关系经理本人签署，不由他人代签"  # not even the GM
    own_department = ApprovalLevel(1, Role.CR_MANAGER, True)
    assert refusal(own_department, crm) == "本级须由责任部门的客户关系经理签署"
    assert refusal(own_department, crm, responsible_department_id=DEPT + 2) is None
