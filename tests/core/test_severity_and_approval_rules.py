"""Major triggers, severity floor, the authority matrix and who may sign (§4, §7)."""

from __future__ import annotations

import pytest

from branchdesk.domain import defaults
from branchdesk.domain.approvals import AuthorityLevel, Signer, required_levels, signing_refusal
from branchdesk.domain.money import yuan
from branchdesk.domain.severity import MajorFacts, MajorPolicy, effective_severity, major_reasons
from branchdesk.domain.vocab import Role, Severity

POLICY = MajorPolicy()
MATRIX = [AuthorityLevel(o, r, m) for o, r, m in defaults.AUTHORITY]


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
def test_authority_matrix_decides_the_levels(amount: str, major: bool, chain: list[Role]) -> None:
    assert [level.role for level in required_levels(MATRIX, yuan(amount), major)] == chain


DEPT = 7
LEVEL1 = AuthorityLevel(1, Role.DEPT_MANAGER, None)
LEVEL2 = AuthorityLevel(2, Role.DEPUTY_GM, None)


def refusal(level: AuthorityLevel, signer: Signer, **kw: object) -> str | None:
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
