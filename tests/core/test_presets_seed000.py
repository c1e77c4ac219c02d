"""The presets written from seed 000 (issue 13, part "presets1"): 制造业, 物流, 汽车4S, 律所.

Data assertions on the shipped files: each parses with ``tomllib`` and carries the header the format
asks for, its references hold inside the file, and its distinctive rules decide as the source policy
says — decided by the domain's own rule pickers (``find_rule``, ``choose_rule``) and deadline
arithmetic, so a wrong priority or unit fails here. End-to-end tests (a branch on the preset, a case
driven to closure) complement these once preset import is merged.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import branchdesk
from branchdesk.domain.approvals import STEP_ROLES, ApprovalFacts, ApprovalRule, ApprovalStep, choose_rule
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import (
    CASE_STEP,
    STEPS_NEEDING_CATCH_ALL,
    SlaFacts,
    SlaRule,
    add_duration,
    find_rule,
)
from branchdesk.domain.steps import StepOutcome, TrackedStep
from branchdesk.domain.vocab import DeadlineUnit, Kind, Role, Severity

PRESETS = Path(branchdesk.__file__).parent / "presets"
SEED = "000_06b9405f47126c64.txt"
#: preset name -> (title, the sections of seed 000 it is written from)
SEED000 = {
    "manufacturing": ("制造业", ("篇6",)),
    "logistics": ("物流", ("篇2",)),
    "auto_dealer": ("汽车4S", ("篇1", "篇5")),
    "law_firm": ("律所", ("篇3",)),
}
CAL = WorkingCalendar()  # the official calendar; the week of Monday 2026-11-02 has no holidays
MONDAY_10 = datetime(2026, 11, 2, 10, 0)


def load(name: str) -> dict[str, Any]:
    with (PRESETS / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def sla_rules(doc: dict[str, Any]) -> list[SlaRule]:
    """The file's deadline rules as the domain's rules (file key ``category`` = ``category_code``)."""
    rules = []
    for row in doc["deadline_rules"]:
        rules.append(
            SlaRule(
                priority=row["priority"],
                label=row["label"],
                amount=row["amount"],
                unit=DeadlineUnit(row["unit"]),
                kind=Kind(row["kind"]) if "kind" in row else None,
                category_code=row.get("category"),
                min_severity=Severity(row["min_severity"]) if "min_severity" in row else None,
                major=row.get("major"),
                severity_or_major=row.get("severity_or_major", False),
                foreign=row.get("foreign"),
                channel=row.get("channel"),
                customer_type=row.get("customer_type"),
                custom_key=row.get("custom_field"),
                custom_value=row.get("custom_value"),
                step=row.get("step", CASE_STEP),
            )
        )
    return rules


def approval_rules(doc: dict[str, Any]) -> list[ApprovalRule]:
    return [
        ApprovalRule(
            priority=row["priority"],
            label=row["label"],
            steps=tuple(ApprovalStep(Role(s["role"]), s.get("own_department", False)) for s in row["steps"]),
            min_amount_fen=row.get("min_amount_fen"),
            max_amount_fen=row.get("max_amount_fen"),
            category_code=row.get("category"),
            kind=Kind(row["kind"]) if "kind" in row else None,
            min_severity=Severity(row["min_severity"]) if "min_severity" in row else None,
            major=row.get("major"),
            active=row.get("active", True),
        )
        for row in doc["approval_rules"]
    ]


def category_path(doc: dict[str, Any], code: str) -> tuple[str, ...]:
    parents = {c["code"]: c.get("parent") for c in doc["categories"]}
    path: list[str] = []
    current: str | None = code
    while current is not None:
        path.insert(0, current)
        current = parents[current]
    return tuple(path)


def case_rule(
    doc: dict[str, Any],
    *,
    category: str | None = None,
    severity: Severity | None = Severity.NORMAL,
    major: bool = False,
    foreign: bool = False,
    kind: Kind = Kind.COMPLAINT,
) -> SlaRule:
    path = category_path(doc, category) if category else ()
    rule = find_rule(sla_rules(doc), SlaFacts(kind, path, severity, major, foreign))
    assert rule is not None
    return rule


def step_rule(doc: dict[str, Any], step: str) -> SlaRule:
    rule = find_rule(sla_rules(doc), SlaFacts(Kind.COMPLAINT, (), Severity.NORMAL, False, False), step)
    assert rule is not None
    return rule


def chain(
    doc: dict[str, Any], amount_fen: int, *, major: bool = False, category: str | None = None
) -> list[tuple[str, bool]]:
    facts = ApprovalFacts(
        amount_fen, category_path(doc, category) if category else (), Kind.COMPLAINT, Severity.NORMAL, major
    )
    rule = choose_rule(approval_rules(doc), facts)
    assert rule is not None
    return [(s.role.value, s.of_responsible_department) for s in rule.steps]


def names(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(n["vocabulary"], n["code"]): n["zh"] for n in doc["names"]}


def labels(doc: dict[str, Any], list_key: str) -> dict[str, str]:
    return {item["code"]: item["label"] for item in doc["lists"][list_key]}


def copies(doc: dict[str, Any], form: str) -> list[str]:
    (entry,) = [f for f in doc["forms"] if f["form"] == form]
    return [c["destination"] for c in sorted(entry["copies"], key=lambda c: c["no"])]


# --- every preset of seed 000 -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED000))
def test_header_names_the_seed_sections_and_what_cannot_be_expressed(name: str) -> None:
    doc = load(name)
    title, sections = SEED000[name]
    assert doc["format"] == 1
    assert doc["name"] == name
    assert doc["title"] == title
    assert doc["description"].strip()
    assert SEED in doc["source"]
    assert all(section in doc["source"] for section in sections)
    # What the policy asks for and BranchDesk cannot express: said in the file, with its source clause.
    text = (PRESETS / f"{name}.toml").read_text(encoding="utf-8")
    assert "# 无法表达:" in text
    assert doc["notes"] and all(isinstance(n, str) and n.strip() for n in doc["notes"])
    assert all(any(f"000 {section}" in note for section in sections) for note in doc["notes"])


@pytest.mark.parametrize("name", sorted(SEED000))
def test_references_hold_inside_the_file(name: str) -> None:
    doc = load(name)
    codes = [c["code"] for c in doc["categories"]]
    assert len(codes) == len(set(codes))
    seen: set[str] = set()
    for category in doc["categories"]:  # parents before children, at most three levels
        assert category.get("parent") is None or category["parent"] in seen
        assert len(category_path(doc, category["code"])) <= 3
        seen.add(category["code"])
    rules = sla_rules(doc)
    for rule in rules:
        assert rule.category_code is None or rule.category_code in seen
    for step in STEPS_NEEDING_CATCH_ALL:  # every case and step finds a deadline
        assert any(r.step == step and r.catch_all for r in rules), step
    for approval in approval_rules(doc):
        assert approval.category_code is None or approval.category_code in seen
        assert approval.steps and all(step.role in STEP_ROLES for step in approval.steps)
    assert any(r.is_catch_all for r in approval_rules(doc))
    for policy in doc["step_policies"]:
        assert TrackedStep(policy["step"]) and StepOutcome(
            policy["on_overdue"]
        )  # known codes, else ValueError
        assert policy.get("role") is None or Role(policy["role"])
    fields = {f["key"] for f in doc.get("custom_fields", [])}
    assert doc["settings"]["monthly_breakdown_field"] in fields | {""}
    # A new branch's administrator is created in department GMO; ledger import falls back to "other".
    assert "GMO" in {d["code"] for d in doc["departments"]}
    assert "other" in labels(doc, "channel") and "other" in labels(doc, "request_type")
    forms = {f["form"] for f in doc["forms"]}
    assert forms == {"receipt", "handling", "allowance", "return", "penalty", "report"}


# --- 制造业 (000 篇6) -----------------------------------------------------------------------------


def test_manufacturer_closes_domestic_in_15_days_and_foreign_in_20() -> None:
    doc = load("manufacturing")
    domestic = case_rule(doc, category="quality")
    foreign = case_rule(doc, category="quality", foreign=True)
    assert (domestic.amount, domestic.unit) == (15, DeadlineUnit.CALENDAR_DAYS)
    assert (foreign.amount, foreign.unit) == (20, DeadlineUnit.CALENDAR_DAYS)
    assert add_duration(CAL, MONDAY_10, domestic.amount, domestic.unit).at == datetime(2026, 11, 17, 17, 30)
    assert add_duration(CAL, MONDAY_10, foreign.amount, foreign.unit).at == datetime(2026, 11, 22, 17, 30)
    # Both kinds of 客诉 (第五条), whatever the severity: no 1/3/7 working-day tiers, no attitude rule.
    assert case_rule(doc, category="non_quality", severity=Severity.SEVERE, major=True).amount == 15
    assert [c["code"] for c in doc["categories"]] == ["non_quality", "quality"]
    investigation = step_rule(doc, "investigation")  # 第九条(二): report within three days
    assert (investigation.amount, investigation.unit) == (3, DeadlineUnit.CALENDAR_DAYS)


def test_manufacturer_sends_each_amount_to_one_approver() -> None:
    doc = load("manufacturing")  # 第九条(五): 业务部经理、副总经理或总经理核决
    assert chain(doc, 300_000) == [("dept_manager", False)]
    assert chain(doc, 500_000) == [("dept_manager", False)]
    assert chain(doc, 500_001) == [("deputy_gm", False)]
    assert chain(doc, 3_000_000) == [("deputy_gm", False)]
    assert chain(doc, 3_000_001) == [("gm", False)]
    assert chain(doc, 0, major=True) == [("gm", False)]


def test_manufacturer_forms_and_production_fields() -> None:
    doc = load("manufacturing")
    assert copies(doc, "handling") == ["质量管理部", "制造部门", "业务部门(依批示办理)", "会计科", "总经理室"]
    assert copies(doc, "allowance") == ["业务部", "会计"]
    assert copies(doc, "return") == ["业务部(自存督促)", "成品仓储", "会计科", "业务部"]
    assert copies(doc, "penalty") == ["总经理室(自存)", "会计", "受罚部门"]
    (handling,) = [f for f in doc["forms"] if f["form"] == "handling"]
    # 第九条(十): the handling form is never copied to the customer, every copy is internal
    assert all(c.get("internal", True) for c in handling["copies"])
    fields = {f["key"]: f["type"] for f in doc["custom_fields"]}
    assert fields == {
        "production_unit": "text",
        "machine_shift": "text",
        "production_staff": "text",
        "production_date": "date",
    }
    assert {"allowance", "compensation", "return", "rework"} <= set(labels(doc, "resolution_type"))
    assert names(doc)[("Role", "cr_manager")] == "生产管理组"
    overdue = {p["step"]: (p["on_overdue"], p.get("role")) for p in doc["step_policies"]}
    assert overdue["investigation"] == ("notify", "cr_manager")  # 第七条(三)1: 逾期反应


# --- 物流 (000 篇2) -------------------------------------------------------------------------------


def test_logistics_taxonomy_has_three_levels() -> None:
    doc = load("logistics")
    assert category_path(doc, "business.delay.delivery") == (
        "business",
        "business.delay",
        "business.delay.delivery",
    )
    by_parent: dict[str, list[str]] = {}
    for category in doc["categories"]:
        by_parent.setdefault(category.get("parent") or "", []).append(category["label"])
    assert by_parent["business.delay"] == [
        "中转不及时",
        "分拨不及时",
        "配载不及时",
        "通知提货不及时",
        "送货不及时",
        "接货不及时",
    ]
    assert by_parent["business.damage"] == ["货物潮湿", "外包装破损", "内物破损"]
    assert by_parent["business.finance"] == ["佣金", "代收货款", "发票", "税金"]
    assert "虚假签收" in by_parent["business.error"]
    assert "quality" not in {c["code"] for c in doc["categories"]}


def test_logistics_deadlines_by_severity_and_the_attitude_rule() -> None:
    doc = load("logistics")

    def working_days(**facts: Any) -> int:
        rule = case_rule(doc, **facts)
        assert rule.unit is DeadlineUnit.WORKING_DAYS
        return rule.amount

    leaf = "business.delay.delivery"  # a third-level category inherits its top level's rules
    assert working_days(category=leaf, severity=Severity.NORMAL) == 1
    assert working_days(category=leaf, severity=Severity.MODERATE) == 3
    assert working_days(category=leaf, severity=Severity.SEVERE) == 7
    assert working_days(category=leaf, major=True) == 7
    # 四2: an attitude complaint has two working days whatever its severity (通用 gives a severe one 7).
    assert working_days(category="service.attitude", severity=Severity.SEVERE) == 2
    assert working_days(category="service.attitude", major=True) == 2
    rule = case_rule(doc, category="service.attitude")
    assert add_duration(CAL, MONDAY_10, rule.amount, rule.unit).at == datetime(2026, 11, 4, 17, 30)


def test_logistics_channels_and_outlet_statistics() -> None:
    doc = load("logistics")
    channels = labels(doc, "channel")
    assert channels["phone"] == "全国统一服务热线(400)"
    assert {"web", "app", "internal", "im"} <= set(channels)
    assert labels(doc, "customer_type")["outlet"] == "内部网点"
    assert doc["settings"]["monthly_breakdown_field"] == "network_node"
    assert "情绪安抚" in {t["title"] for t in doc["reply_templates"]}


# --- 汽车4S (000 篇1, 篇5) --------------------------------------------------------------------------


def test_dealer_chain_advisor_cr_manager_department_manager_gm() -> None:
    doc = load("auto_dealer")
    expected = [("cr_manager", False), ("dept_manager", True), ("gm", False)]
    for amount in (0, 500_000, 3_000_001, 100_000_000):
        assert chain(doc, amount) == expected
    assert chain(doc, 0, major=True) == expected
    own = names(doc)  # the intake role is the advisor: four links, 顾问 → 经理 → 销售/服务经理 → 总经理
    assert own[("Role", "clerk")] == "客户关系顾问"
    assert own[("Role", "dept_manager")] == "销售/服务经理"
    assert ("Role", "cr_manager") not in own and ("Role", "gm") not in own  # the shipped names fit


def test_dealer_major_complaint_alerts_the_gm_at_once_and_proposal_in_one_working_day() -> None:
    doc = load("auto_dealer")
    assert doc["settings"]["gm_inform_hours"] == 1  # 篇1 2.6: 第一时间
    gm = [p for p in doc["step_policies"] if p["step"] == "gm_inform"]
    assert gm == [{"step": "gm_inform", "warn_before_minutes": 30, "on_overdue": "escalate", "role": "gm"}]
    investigation = step_rule(doc, "investigation")  # 篇5 第四条3
    assert (investigation.amount, investigation.unit) == (1, DeadlineUnit.WORKING_DAYS)
    assert [c["label"] for c in doc["categories"]] == [
        "产品质量",
        "新车销售购销合同",
        "维修质量",
        "服务质量",
        "其他",
    ]
    requests = labels(doc, "request_type")
    assert requests["vehicle_return"] == "退车" and requests["vehicle_exchange"] == "换车"
    assert {"visit", "group_callcenter", "manufacturer"} <= set(labels(doc, "channel"))
    # The manufacturer's 15/20-day quality rule is not the dealer's: a quality complaint follows severity.
    assert case_rule(doc, category="quality").amount == 1


# --- 律所 (000 篇3) -------------------------------------------------------------------------------


def test_law_firm_partner_signs_and_major_matters_go_to_the_director() -> None:
    doc = load("law_firm")
    assert chain(doc, 10_000_000) == [("dept_manager", True)]
    assert chain(doc, 0, major=True) == [("dept_manager", True), ("gm", False)]
    assert not any("min_amount_fen" in r or "max_amount_fen" in r for r in doc["approval_rules"])
    own = names(doc)
    assert own[("Role", "dept_manager")] == "分管合伙人"
    assert own[("Role", "gm")] == "主任"
    assert own[("Role", "cr_manager")] == "专门负责人"
    assert own[("Kind", "suggestion")] == "意见反馈"


def test_law_firm_written_reply_first_and_referred_channels() -> None:
    doc = load("law_firm")
    assert doc["lists"]["reply_method"][0] == {"code": "written", "label": "书面"}
    channels = labels(doc, "channel")
    assert channels["regulator"] == "司法行政机关转来"
    assert channels["bar_association"] == "律师协会转来"
    templates = {t["title"]: t["body"] for t in doc["reply_templates"]}
    assert "{case_no}" in templates["书面答复"] and "{resolution}" in templates["书面答复"]
    assert "承诺" in templates["告知处理安排"]  # 二(七)3: no promise before the decision
