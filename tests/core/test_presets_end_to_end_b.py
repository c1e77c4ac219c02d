"""Issue 13, last "done when" item, for 保险, 房地产, 食品, 烟草 and 物业: one end-to-end test per preset.

A fresh branch (the ``branch`` fixture: SQLite and PostgreSQL) takes the preset as ``init --preset`` does
(``desk.policy.apply``); a case whose facts trigger the policy's distinctive rule is registered, gets the
preset's deadlines (exact datetimes under a fixed clock), is driven to closure through the services — the
preset's approval chain signed step by step by different people, a wrong signer refused — and its
handling form is printed to PDF and read back: the preset's own names, categories and chain are on it.
One more test runs the CLI ``init --preset`` for each preset on a real SQLite file and checks that the
branch's own export imports with no change.
"""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from branchdesk.cli import main
from branchdesk.domain.vocab import Decision, EscalationReason, Role, Status
from branchdesk.errors import DomainError, NotFound
from branchdesk.i18n import render
from branchdesk.services.dto import (
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.storage.models import Case
from tests.conftest import PASSWORD, Branch, complaint_form

PRESETS = Path(__file__).parents[2] / "branchdesk" / "presets"
NAMES = ("insurance", "real_estate", "food", "tobacco", "property")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def on_preset(b: Branch, name: str) -> None:
    result = b.desk.policy.apply(b["admin"], (PRESETS / f"{name}.toml").read_text(encoding="utf-8"))
    assert result.changes


def register_and_triage(
    b: Branch, now: datetime, category: str, severity: str, amount: str, **form: object
) -> int:
    b.clock.now = now
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=now, request_amount=amount, **form))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code=category,
            severity=severity,
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def investigate_and_propose(b: Branch, case_id: int, resolution_type: str, amount: str) -> None:
    b.desk.cases.record_investigation(
        b["handler"],
        case_id,
        InvestigationInput(
            cause="核实属实",
            details="经现场核实",
            conclusion="投诉属实",
            responsibility="ours",
            responsible_department_id=b["handler"].department_id,
        ),
    )
    b.desk.cases.propose_resolution(
        b["handler"], case_id, ResolutionInput(resolution_type, amount, "按制度处理")
    )


def case_row(b: Branch, case_id: int) -> Case:
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)
        return case


def chain_of(b: Branch, case_id: int) -> list[tuple[Role, bool]]:
    steps = b.desk.queries.case_detail(b["crm"], case_id).resolutions[-1].steps
    return [(s.role, s.of_responsible_department) for s in steps]


def sign(b: Branch, case_id: int, *usernames: str) -> str:
    """Each user signs the next level, half an hour apart; the case's status after the last."""
    status = ""
    for username in usernames:
        b.clock.advance(minutes=30)
        status = b.desk.cases.decide_approval(b[username], case_id, Decision.APPROVE, PASSWORD).status
    return status


def handling_form(b: Branch, case_id: int, tmp_path: Path) -> str:
    """The handling form's first copy as pdftotext reads it, with all white space removed (a table cell
    may wrap anywhere)."""
    pdf = tmp_path / "handling.pdf"
    pdf.write_bytes(b.desk.printing.render(b["crm"], case_id, "handling", copies=[1]))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(text.split())


# --- 保险 -----------------------------------------------------------------------------------------


def test_insurance_loss_band_deadline_chain_and_next_day_follow_up(branch: Branch, tmp_path: Path) -> None:
    """保险 (002 篇5): 3.2/3.3 — a loss of ¥5,000 inclusive is 一般 (1 working day, 5.2.4), one above it is
    疑难 (3 working days, 5.2.5, the floor ¥5,000.01); 5.3 — the follow-up is due at the latest the
    next (calendar) day; the amount bands sign 部门经理 → 分管领导 (the renamed deputy GM)."""
    b = branch
    on_preset(b, "insurance")
    # ¥5,000 exactly stays 一般: due the next working day.
    plain = register_and_triage(b, at(4, 9), "service.timeliness", "normal", "5000", order_no="SO-1")
    assert case_row(b, plain).severity == "normal"
    assert case_row(b, plain).deadline_at == at(5, 17, 30)
    # ¥5,000.01 is 疑难 whatever the triage chose: three working days (Wed → Mon).
    case_id = register_and_triage(b, at(4, 9), "service.timeliness", "normal", "5000.01", order_no="SO-2")
    row = case_row(b, case_id)
    assert (row.severity, row.deadline_at, row.investigation_due_at) == (
        "moderate",
        at(9, 17, 30),
        at(9, 17, 30),
    )
    investigate_and_propose(b, case_id, "compensation", "5000.01")
    assert chain_of(b, case_id) == [(Role.DEPT_MANAGER, True), (Role.DEPUTY_GM, False)]
    with pytest.raises(DomainError, match="本级应由部门经理签署"):
        b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD)
    assert sign(b, case_id, "qa_mgr") == Status.PENDING_APPROVAL
    with pytest.raises(DomainError, match="各级须由不同人签署"):
        b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    assert sign(b, case_id, "deputy") == Status.AWAITING_REPLY
    # Replied on Friday afternoon: the follow-up is due Saturday end of day, not after the weekend.
    b.clock.now = at(6, 15)
    b.desk.cases.record_reply(
        b["clerk"], case_id, ReplyInput("phone", "已告知赔偿 5000.01 元", accepted=True)
    )
    assert case_row(b, case_id).follow_up_due_at == at(7, 17, 30)
    b.clock.now = at(7, 10)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    assert b.desk.cases.close(b["crm"], case_id).status == Status.CLOSED
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [(a.printed_name, a.signed_role, a.meaning) for a in detail.resolutions[0].approvals] == [
        ("赵强", Role.DEPT_MANAGER, "批准（部门经理级核决）"),
        ("周建国", Role.DEPUTY_GM, "批准（分管领导级核决）"),  # the branch's name for the level
    ]
    form = handling_form(b, case_id, tmp_path)
    for shown in (
        "类别服务类/时效类",
        "等级疑难",
        "处理期限2026-11-0917:30",
        "赔偿¥5,000.01",
        "2.分管领导周建国分管领导",
        "部门经理（责任部门）→分管领导",
        "赵强",
        "周建国",
    ):
        assert shown in form, shown


def test_insurance_signature_meaning_uses_the_branchs_role_name(branch: Branch, tmp_path: Path) -> None:
    """保险 (002 篇5) renames deputy_gm to 分管领导: the signature's stated meaning (stored with the
    signature and printed on the handling form) names the level as the branch does."""
    b = branch
    on_preset(b, "insurance")
    case_id = register_and_triage(b, at(4, 9), "service.timeliness", "normal", "5000.01")
    investigate_and_propose(b, case_id, "compensation", "5000.01")
    sign(b, case_id, "qa_mgr", "deputy")
    form = handling_form(b, case_id, tmp_path)
    assert "2.分管领导周建国分管领导" in form  # the level and the signer's role: the branch's name
    meanings = [a.meaning for a in b.desk.queries.case_detail(b["crm"], case_id).resolutions[0].approvals]
    assert meanings == ["批准（部门经理级核决）", "批准（分管领导级核决）"]
    assert "批准（分管领导级核决）" in form


# --- 房地产 ---------------------------------------------------------------------------------------


def test_real_estate_major_band_three_step_chain_and_48_hour_follow_up(
    branch: Branch, tmp_path: Path
) -> None:
    """房地产 (002 篇6): 第十八条 — a 重大投诉事件 is resolved within 7 working days (一般 3); 第十三条 —
    it signs 部门经理 → 分管副总裁 → 总经理 whatever the amount; 第三十六条 — follow-up within 48 hours
    (calendar) of the resolution."""
    b = branch
    on_preset(b, "real_estate")
    normal = register_and_triage(b, at(2, 9), "service.attitude", "normal", "200", order_no="SO-1")
    assert case_row(b, normal).deadline_at == at(5, 17, 30)
    case_id = register_and_triage(b, at(2, 9), "quality.safety", "severe", "200", order_no="SO-2")
    assert case_row(b, case_id).deadline_at == at(11, 17, 30)
    investigate_and_propose(b, case_id, "compensation", "200")
    assert chain_of(b, case_id) == [(Role.DEPT_MANAGER, True), (Role.DEPUTY_GM, False), (Role.GM, False)]
    assert b.desk.queries.case_detail(b["crm"], case_id).resolutions[0].approval_rule == (
        "重大投诉事件：部门经理→分管副总裁→总经理"
    )
    assert sign(b, case_id, "qa_mgr") == Status.PENDING_APPROVAL
    with pytest.raises(DomainError, match="本级应由"):
        b.desk.cases.decide_approval(b["gm"], case_id, Decision.APPROVE, PASSWORD)  # 分管副总裁 first
    assert sign(b, case_id, "deputy") == Status.PENDING_APPROVAL
    with pytest.raises(DomainError, match="各级须由不同人签署"):
        b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD)
    assert sign(b, case_id, "gm") == Status.AWAITING_REPLY
    # Replied Friday 15:00: the follow-up is due Sunday 15:00, 48 hours on.
    b.clock.now = at(6, 15)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知整改方案", accepted=True))
    assert case_row(b, case_id).follow_up_due_at == at(8, 15)
    b.clock.now = at(7, 10)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("visit", solved=True, satisfaction=4))
    assert b.desk.cases.close(b["crm"], case_id).status == Status.CLOSED
    form = handling_form(b, case_id, tmp_path)
    for shown in (
        "类别质量类/安全性",
        "等级重大",
        "处理期限2026-11-1117:30",
        "部门经理（责任部门）→分管副总裁→总经理",
        "赵强",
        "周建国",
        "郑总",
    ):
        assert shown in form, shown


# --- 食品 -----------------------------------------------------------------------------------------


def test_food_a_class_deadline_and_company_consent_chain(branch: Branch, tmp_path: Path) -> None:
    """食品 (002 篇1): 9.1/10.1 — A/B/C classes (A: 7 working days, B 3, C 1); 9.2.1 — an A-class
    resolution "需由公司同意": 部门经理 → 总经理 whatever the amount (a B-class one of the same amount
    needs only the department manager); the deputy GM is no step of it."""
    b = branch
    on_preset(b, "food")
    c_class = register_and_triage(b, at(2, 9), "trade.broken", "normal", "100", order_no="SO-1")
    assert case_row(b, c_class).deadline_at == at(3, 17, 30)
    b_class = register_and_triage(b, at(2, 9), "consumer.seal", "moderate", "100", order_no="SO-2")
    assert case_row(b, b_class).deadline_at == at(5, 17, 30)
    investigate_and_propose(b, b_class, "gift", "100")
    assert chain_of(b, b_class) == [(Role.DEPT_MANAGER, True)]
    case_id = register_and_triage(b, at(2, 9), "consumer.foreign_matter", "severe", "100", order_no="SO-3")
    assert case_row(b, case_id).deadline_at == at(11, 17, 30)
    investigate_and_propose(b, case_id, "gift", "100")
    assert chain_of(b, case_id) == [(Role.DEPT_MANAGER, True), (Role.GM, False)]
    assert sign(b, case_id, "qa_mgr") == Status.PENDING_APPROVAL
    with pytest.raises(DomainError):
        b.desk.cases.decide_approval(b["deputy"], case_id, Decision.APPROVE, PASSWORD)  # not 公司 (GM)
    assert sign(b, case_id, "gm") == Status.AWAITING_REPLY
    b.clock.now = at(3, 10)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "上门致歉并赠送产品", accepted=True))
    assert case_row(b, case_id).follow_up_due_at == at(5, 17, 30)
    b.clock.now = at(4, 10)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    assert b.desk.cases.close(b["crm"], case_id).status == Status.CLOSED
    form = handling_form(b, case_id, tmp_path)
    for shown in (
        "消费客诉/虫类或其它异物（包装未打开）（A）",
        "等级A类(重大)",
        "处理期限2026-11-1117:30",
        "部门经理（责任部门）→总经理",
        "赵强",
        "郑总",
    ):
        assert shown in form, shown


# --- 烟草 -----------------------------------------------------------------------------------------


def test_tobacco_consultation_in_24_hours_and_complaint_in_3_working_days(
    branch: Branch, tmp_path: Path
) -> None:
    """烟草 (001 篇12): 四（一） — a consultation is answered within 24 hours; 四（四） — a complaint is
    handled within 3 working days (通用: 一般 1); 四（三） — the categories 工作或服务 / 卷烟商品."""
    b = branch
    on_preset(b, "tobacco")
    b.clock.now = at(2, 9)
    consult = b.desk.intake.register(
        b["clerk"],
        complaint_form(kind="consultation", request_type="", request_amount="", received_at=at(2, 9)),
    )
    assert consult.deadline_at == at(3, 9)
    b.clock.now = at(2, 16)
    answered = b.desk.cases.answer(b["clerk"], consult.id, ReplyInput("phone", "订货周期为每周一次", True))
    assert answered.status == Status.CLOSED
    case_id = register_and_triage(b, at(2, 9), "product", "normal", "300", order_no="SO-2")
    row = case_row(b, case_id)
    assert (row.deadline_at, row.investigation_due_at) == (at(5, 17, 30), at(5, 17, 30))
    investigate_and_propose(b, case_id, "compensation", "300")
    assert chain_of(b, case_id) == [(Role.DEPT_MANAGER, True)]
    with pytest.raises(NotFound):  # another department's manager: not even shown the case
        b.desk.cases.decide_approval(b["sales_mgr"], case_id, Decision.APPROVE, PASSWORD)
    assert sign(b, case_id, "qa_mgr") == Status.AWAITING_REPLY
    b.clock.now = at(4, 10)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已更换卷烟", accepted=True))
    assert case_row(b, case_id).follow_up_due_at == at(6, 17, 30)
    b.clock.now = at(5, 10)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    assert b.desk.cases.close(b["crm"], case_id).status == Status.CLOSED
    form = handling_form(b, case_id, tmp_path)
    for shown in ("类别卷烟商品", "处理期限2026-11-0517:30", "部门经理（责任部门）", "赵强"):
        assert shown in form, shown


# --- 物业 -----------------------------------------------------------------------------------------


def test_property_same_day_investigation_and_escalating_overdue_follow_up(
    branch: Branch, tmp_path: Path
) -> None:
    """物业 (001 篇1): 一.3 — a complaint is investigated and verified the same day it is assigned;
    二.1（4） — every follow-up is done: an overdue follow-up escalates to the 办公室主任 (通用: marked
    only); 一.1/一.3/一.4 — the office's names (物管员, 办公室主任, 责任部门负责人, 管理处主任)."""
    b = branch
    on_preset(b, "property")
    case_id = register_and_triage(b, at(2, 14), "service.attitude", "normal", "100")
    row = case_row(b, case_id)
    assert (row.investigation_due_at, row.deadline_at) == (at(2, 17, 30), at(4, 17, 30))
    b.clock.now = at(2, 14, 30)
    b.desk.cases.record_first_contact(b["handler"], case_id, "phone")
    b.clock.now = at(2, 16)
    investigate_and_propose(b, case_id, "apology", "0")
    assert chain_of(b, case_id) == [(Role.DEPT_MANAGER, True)]
    with pytest.raises(NotFound):  # another department's manager: not even shown the case
        b.desk.cases.decide_approval(b["sales_mgr"], case_id, Decision.APPROVE, PASSWORD)
    assert sign(b, case_id, "qa_mgr") == Status.AWAITING_REPLY
    b.clock.now = at(3, 10)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("in_person", "已向住户致歉", accepted=True))
    due = case_row(b, case_id).follow_up_due_at
    assert due == at(5, 17, 30)
    # The follow-up is late: the sweep escalates the case (to the 办公室主任), not only marks it.
    b.clock.now = at(6, 9)
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 1
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [e.reason for e in detail.escalations] == [EscalationReason.STEP_OVERDUE]
    assert detail.escalation_level == 1
    # Read with the branch's own names, as the app shows it: the 办公室主任 is alerted.
    last = render(detail.timeline[-1].text, overrides=b.desk.label_overrides())
    assert "回访应于 2026-11-05 17:30 前完成" in last and "环节逾期" in last, last
    assert last.endswith("已提醒办公室主任"), last
    b.desk.cases.sweep()
    assert b.desk.cases.steps_acted == 0  # once per due time
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("visit", solved=True, satisfaction=5))
    assert b.desk.cases.close(b["crm"], case_id).status == Status.CLOSED
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [(a.printed_name, a.signed_role, a.meaning) for a in detail.resolutions[0].approvals] == [
        ("赵强", Role.DEPT_MANAGER, "批准（责任部门负责人级核决）")  # the branch's name for the level
    ]
    form = handling_form(b, case_id, tmp_path)
    for shown in (
        "类别服务类/服务态度",
        "处理期限2026-11-0417:30",
        "责任部门负责人（责任部门）",
        "1.责任部门负责人（责任部门）赵强",
    ):
        assert shown in form, shown


# --- init --preset from the command line -----------------------------------------------------------


INIT = ("--name", "网点", "--code", "X1", "--admin", "admin", "--admin-name", "管理员", "--password-stdin")
AS_ADMIN = ("--user", "admin", "--password-stdin")


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", NAMES)
def test_cli_init_on_the_preset_reimports_its_own_export_unchanged(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``init --preset NAME`` on a real SQLite file; the branch's export, imported ``--dry-run``, changes
    nothing."""
    db = str(tmp_path / "branch.sqlite3")
    login = f"{PASSWORD}\n"
    status, out, err = run(monkeypatch, capsys, login, "--db", db, "init", "--preset", name, *INIT)
    assert status == 0, err
    exported = tmp_path / "policy.toml"
    status, out, err = run(
        monkeypatch, capsys, login, "--db", db, "policy", "export", "-o", str(exported), *AS_ADMIN
    )
    assert status == 0, err
    assert f'name = "{name}"' in exported.read_text(encoding="utf-8")
    status, out, err = run(
        monkeypatch, capsys, login, "--db", db, "policy", "import", str(exported), "--dry-run", *AS_ADMIN
    )
    assert status == 0, err
    assert out.strip() == "策略与本网点现行策略相同，无需改动", out
