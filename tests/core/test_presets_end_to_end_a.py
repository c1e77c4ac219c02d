"""Issue 13, last "done when" item, for five presets: 通用 (general), 制造业 (manufacturing), 物流
(logistics), 汽车4S (auto_dealer), 律所 (law_firm).

One end-to-end test per preset, on both engines: a fresh branch takes the preset (``policy.apply``, as
``init --preset`` does after seeding the defaults), a case exercising the policy's distinctive rule is
registered with a fixed clock and driven to closure through the services — its deadline asserted to the
minute, its frozen approval chain signed step by step by holders of the roles (a wrong signer refused),
reply, follow-up, close — and the preset's distinctive form is printed and read back from the PDF.

And once for all five, the CLI: ``init --preset NAME`` on a real SQLite file, then ``policy export``
equals what a re-import finds nothing to change in.
"""

from __future__ import annotations

import io
import subprocess
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from branchdesk.cli import main
from branchdesk.domain.approvals import ApprovalStep
from branchdesk.domain.vocab import Decision, Role, Status
from branchdesk.errors import DomainError
from branchdesk.i18n import render
from branchdesk.policy.presets import find
from branchdesk.read.queue import QueueFilter
from branchdesk.services.auth import actor_of
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.storage.models import Case, Department, User
from tests.conftest import PASSWORD, Branch, complaint_form

MONDAY = datetime(2026, 11, 2, 9, 0)  # no holiday that week or the next two


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def on_preset(b: Branch, name: str) -> None:
    """The fixture's branch (defaults seeded) takes the preset, as ``init --preset`` does."""
    preset = find(name)
    assert preset is not None
    changes = b.desk.policy.apply(b["admin"], preset.text()).changes
    rules = {change.section for change in changes} - {"header"}
    assert bool(rules) == (name != "general")  # 通用 is what a branch is seeded with: only its header is new
    b.clock.now = MONDAY


def department_id(b: Branch, code: str) -> int:
    with b.desk.db.read() as session:
        dept = session.query(Department).filter_by(code=code).one()
        return dept.id


def new_user(b: Branch, username: str, full_name: str, dept: str, *roles: Role) -> Actor:
    user_id = b.desk.admin.create_user(
        b["admin"],
        username=username,
        full_name=full_name,
        department_code=dept,
        roles=roles,
        password=PASSWORD,
    )
    with b.desk.db.read() as session:
        user = session.get(User, user_id)
        assert user is not None
        return actor_of(user)


def case_row(b: Branch, case_id: int) -> Case:
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)
        return case


def triage(
    b: Branch, case_id: int, category: str, severity: str, dept: int, handler: Actor, major: bool = False
) -> None:
    b.desk.cases.triage(
        b["crm"],
        case_id,
        TriageInput(
            valid=True,
            category_code=category,
            severity=severity,
            declared_major=major,
            responsible_department_id=dept,
            handler_id=handler.user_id,
        ),
    )


def investigate(b: Branch, case_id: int, handler: Actor, dept: int) -> None:
    b.desk.cases.record_investigation(
        handler,
        case_id,
        InvestigationInput(
            cause="经查属实",
            details="现场核对",
            conclusion="投诉成立",
            responsibility="ours",
            responsible_department_id=dept,
            corrective_action="整改",
        ),
    )


def frozen(b: Branch, who: Actor, case_id: int) -> tuple[tuple[ApprovalStep, ...], str | None, str]:
    """The resolution's frozen chain, its rule and the chain as the UI shows it (in the branch's names)."""
    resolution = b.desk.queries.case_detail(who, case_id).resolutions[0]
    return (
        resolution.steps,
        resolution.approval_rule,
        render(resolution.chain_text(), overrides=b.desk.label_overrides()),
    )


def sign(b: Branch, who: Actor, case_id: int) -> Status:
    return Status(b.desk.cases.decide_approval(who, case_id, Decision.APPROVE, PASSWORD).status)


def refused(b: Branch, who: Actor, case_id: int) -> str:
    """Why ``who`` may not sign, as the UI shows it (in the branch's names)."""
    with pytest.raises(DomainError) as info:
        b.desk.cases.decide_approval(who, case_id, Decision.APPROVE, PASSWORD)
    return render(info.value.text, overrides=b.desk.label_overrides())


def close(b: Branch, case_id: int, reply_method: str = "phone") -> None:
    b.clock.advance(hours=1)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput(reply_method, "已告知处理意见", accepted=True))
    b.clock.advance(hours=1)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    assert Status(b.desk.cases.close(b["crm"], case_id).status) == Status.CLOSED


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """The page without spaces and line breaks (a long value wraps in its cell)."""
    return "".join(text.split())


def printed(b: Branch, case_no: str, form: str, tmp_path: Path) -> list[str]:
    return pages(b.desk.printing.render(b["crm"], case_no, form), tmp_path)


# --- 通用 ---------------------------------------------------------------------------------------------


def test_general_quality_complaint_15_days_and_two_level_chain(branch: Branch, tmp_path: Path) -> None:
    """通用: a 质量类 complaint is closed within 15 calendar days (rule 31 — before the 3 working days its
    ¥8,000 loss would give it as 中度, rule 40); ¥8,000 is in the ≤¥30,000 band: 部门经理（责任部门）→
    副总经理 (rule 30). The handling form prints 通用's five copies."""
    b = branch
    on_preset(b, "general")
    qa = department_id(b, "QA")
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=MONDAY, request_amount="8000"))
    triage(b, ref.id, "quality.product", "normal", qa, b["handler"])
    assert case_row(b, ref.id).deadline_at == at(17, 17, 30)
    b.clock.advance(hours=2)
    investigate(b, ref.id, b["handler"], qa)
    b.desk.cases.propose_resolution(b["handler"], ref.id, ResolutionInput("compensation", "8000", "赔偿货款"))
    steps, rule, chain = frozen(b, b["crm"], ref.id)
    assert steps == (ApprovalStep(Role.DEPT_MANAGER, True), ApprovalStep(Role.DEPUTY_GM))
    assert rule == "¥30,000 及以下：部门经理→副总经理"
    assert chain == "部门经理（责任部门） → 副总经理"
    assert "本级应由部门经理签署" in refused(b, b["deputy"], ref.id)  # level 1 first
    assert "无权审批" in refused(b, b["clerk"], ref.id)
    assert sign(b, b["qa_mgr"], ref.id) == Status.PENDING_APPROVAL
    assert "各级须由不同人签署" in refused(b, b["qa_mgr"], ref.id)
    assert sign(b, b["deputy"], ref.id) == Status.AWAITING_REPLY
    close(b, ref.id)
    texts = printed(b, ref.case_no, "handling", tmp_path)
    destinations = ["质量管理部", "制造部门", "业务部门(依批示办理)", "会计科", "总经理室"]
    assert len(texts) == 5
    for number, (text, destination) in enumerate(zip(texts, destinations, strict=True), start=1):
        assert f"第 {number} 联 / 共 5 联 · {destination}" in text
    assert "质量类 / 产品品质" in texts[0] and "处理期限2026-11-1717:30" in flat(texts[0])
    assert "赵强" in texts[0] and "批准（部门经理级核决）" in texts[0]
    assert "周建国" in texts[0] and "批准（副总经理级核决）" in texts[0]


# --- 制造业 -------------------------------------------------------------------------------------------


def test_manufacturing_15_days_any_class_one_approver_and_the_allowance_note(
    branch: Branch, tmp_path: Path
) -> None:
    """制造业 (000 篇6): 第十条(一) a domestic 客诉 closes within 15 calendar days whatever its 第五条 class
    (通用 gives a 一般 non-quality complaint 1 working day); 第九条(二) the report within 3 calendar days;
    第九条(五) one approver by amount — ≤¥5,000 a department manager alone (通用: the same, but of the
    responsible department); 第十三条(一)1 a 折让 prints the two-copy 销货折让证明单."""
    b = branch
    on_preset(b, "manufacturing")
    qa = department_id(b, "QA")
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=MONDAY, request_amount="3000"))
    triage(b, ref.id, "non_quality", "normal", qa, b["handler"])
    case = case_row(b, ref.id)
    assert case.deadline_at == at(17, 17, 30)
    assert case.investigation_due_at == at(5, 17, 30)
    b.clock.advance(hours=2)
    investigate(b, ref.id, b["handler"], qa)
    b.desk.cases.propose_resolution(b["handler"], ref.id, ResolutionInput("allowance", "3000", "折让货款"))
    steps, rule, chain = frozen(b, b["crm"], ref.id)
    assert steps == (ApprovalStep(Role.DEPT_MANAGER),)
    assert rule == "¥5,000 及以下：业务部经理核决" and chain == "部门经理"
    # One approver, by amount: the 副总经理 only signs in place of a department manager who cannot.
    assert "本级应由部门经理签署" in refused(b, b["deputy"], ref.id)
    assert "无权审批" in refused(b, b["clerk"], ref.id)
    assert sign(b, b["qa_mgr"], ref.id) == Status.AWAITING_REPLY  # a single signature settles it
    close(b, ref.id, reply_method="written")
    texts = printed(b, ref.case_no, "allowance", tmp_path)
    assert len(texts) == 2
    for number, (text, destination) in enumerate(zip(texts, ["业务部", "会计"], strict=True), start=1):
        assert f"第 {number} 联 / 共 2 联 · {destination}" in text
        assert "¥3,000.00" in text
    handling = printed(b, ref.case_no, "handling", tmp_path)
    assert len(handling) == 5
    first = flat(handling[0])
    assert "非质量异常（人为因素）" in first and "折让" in first
    assert "¥5,000及以下：业务部经理核决" in first and "赵强" in first
    assert "书信" in first  # 第九条(十): replied by letter


def test_manufacturing_the_sales_manager_signs_a_quality_departments_case(branch: Branch) -> None:
    """制造业 第九条(五): 生产管理组 sends the form to the 业务部经理 for approval (≤¥5,000) — the preset
    lets any department's manager sign: the 业务部门's manager signs a case of the 质量管理部."""
    b = branch
    on_preset(b, "manufacturing")
    qa = department_id(b, "QA")
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=MONDAY, request_amount="3000"))
    triage(b, ref.id, "quality", "normal", qa, b["handler"])
    investigate(b, ref.id, b["handler"], qa)
    b.desk.cases.propose_resolution(b["handler"], ref.id, ResolutionInput("allowance", "3000"))
    assert frozen(b, b["crm"], ref.id)[0] == (ApprovalStep(Role.DEPT_MANAGER),)
    waiting = b.desk.queries.queue_page(b["sales_mgr"], QueueFilter(awaiting_my_approval=True)).rows
    assert [row.id for row in waiting] == [ref.id]  # he is asked, so he sees it
    assert sign(b, b["sales_mgr"], ref.id) == Status.AWAITING_REPLY


def test_migration_0021_opens_a_pending_any_department_step_proposed_before_it(branch: Branch) -> None:
    """A proposal frozen before 0021 (no ``open_to_roles`` yet) gets it from its chain on upgrade: the
    sales manager sees and signs it afterwards; a department-bound chain stays closed to him."""
    from sqlalchemy import select

    from branchdesk.storage.migrate import upgrade
    from branchdesk.storage.models import Resolution
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    on_preset(b, "manufacturing")
    qa = department_id(b, "QA")
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=MONDAY, request_amount="3000"))
    triage(b, ref.id, "quality", "normal", qa, b["handler"])
    investigate(b, ref.id, b["handler"], qa)
    b.desk.cases.propose_resolution(b["handler"], ref.id, ResolutionInput("allowance", "3000"))
    rewind_to(b.desk.db, revision_before("0021"))
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        assert session.scalars(select(Resolution.open_to_roles)).one() == ",dept_manager,"
    assert sign(b, b["sales_mgr"], ref.id) == Status.AWAITING_REPLY


# --- 物流 ---------------------------------------------------------------------------------------------


def test_logistics_attitude_complaint_2_working_days_even_when_severe(branch: Branch, tmp_path: Path) -> None:
    """物流 (000 篇2): a 服务态度 complaint is answered within 2 working days, ahead of the severity rules
    (priority 15 before 20; 通用 gives a 重度 one 7 working days); the 网点 that caused it is recorded in the
    custom field 责任网点/分拨中心; the chain is 通用's (≤¥5,000: the responsible department's manager)."""
    b = branch
    on_preset(b, "logistics")
    outlet = department_id(b, "OUTLET")
    handler = new_user(b, "outlet_h", "钱进", "OUTLET", Role.HANDLER)
    manager = new_user(b, "outlet_m", "冯涛", "OUTLET", Role.DEPT_MANAGER)
    form = complaint_form(
        received_at=MONDAY,
        content="派件员态度恶劣，拒绝送货上楼。",
        request_type="apology",
        request_amount="500",
        custom={"network_node": "杭州萧山网点", "insured": "否"},
    )
    ref = b.desk.intake.register(b["clerk"], form)
    triage(b, ref.id, "service.attitude", "severe", outlet, handler)
    assert case_row(b, ref.id).deadline_at == at(4, 17, 30)
    b.clock.advance(hours=2)
    investigate(b, ref.id, handler, outlet)
    b.desk.cases.propose_resolution(handler, ref.id, ResolutionInput("compensation", "500", "赔礼并补偿"))
    steps, rule, chain = frozen(b, b["crm"], ref.id)
    assert steps == (ApprovalStep(Role.DEPT_MANAGER, True),)
    assert rule == "¥5,000 及以下：部门经理" and chain == "部门经理（责任部门）"
    assert "本级应由部门经理签署" in refused(b, b["deputy"], ref.id)
    assert "无权审批" in refused(b, handler, ref.id)
    assert sign(b, manager, ref.id) == Status.AWAITING_REPLY
    close(b, ref.id)
    texts = printed(b, ref.case_no, "handling", tmp_path)
    assert len(texts) == 5
    first = flat(texts[0])
    assert "服务投诉/服务态度" in first and "重度" in first and "冯涛" in first
    assert "杭州萧山网点" in first and "保价货件否" in first  # the preset's custom fields
    assert "全国统一服务热线(400)" in first  # the preset's name for the channel "phone"
    assert "处理期限2026-11-0417:30" in first


# --- 汽车4S -------------------------------------------------------------------------------------------


def test_auto_dealer_three_signatures_for_any_amount_and_a_one_day_solution(
    branch: Branch, tmp_path: Path
) -> None:
    """汽车4S (000 篇1 2.4–2.6, 篇5 第四条): the 投诉受理责任人 proposes a solution within 1 working day of
    taking the case (通用: the report in 3); every resolution, whatever the amount, is signed by the
    客户关系经理 → 销售/服务经理 of the responsible department → 总经理 (通用: ¥500 needs the manager alone).
    The roles carry the dealer's names on the printed form."""
    b = branch
    on_preset(b, "auto_dealer")
    sales = department_id(b, "SALES")
    handler = b["handler2"]  # 刘洋, 销售部
    ref = b.desk.intake.register(
        b["clerk"],
        complaint_form(
            received_at=MONDAY,
            content="新车交付时漆面有划痕，销售顾问称出厂即有。",
            product="某品牌 SUV",
            request_type="repair",
            request_amount="500",
        ),
    )
    triage(b, ref.id, "sales_contract", "normal", sales, handler)
    case = case_row(b, ref.id)
    assert case.investigation_due_at == at(3, 17, 30)
    assert case.deadline_at == at(3, 17, 30)
    b.clock.advance(hours=2)
    investigate(b, ref.id, handler, sales)
    b.desk.cases.propose_resolution(handler, ref.id, ResolutionInput("repair", "500", "免费补漆"))
    steps, rule, chain = frozen(b, b["crm"], ref.id)
    assert steps == (
        ApprovalStep(Role.CR_MANAGER),
        ApprovalStep(Role.DEPT_MANAGER, True),
        ApprovalStep(Role.GM),
    )
    assert rule == "客户关系经理→销售/服务经理→总经理"
    assert chain == "客户关系经理 → 销售/服务经理（责任部门） → 总经理"
    assert "本级须由客户关系经理本人签署" in refused(b, b["gm"], ref.id)
    assert sign(b, b["crm"], ref.id) == Status.PENDING_APPROVAL
    assert "本级应由销售/服务经理签署" in refused(b, b["gm"], ref.id)  # then the 销售/服务经理
    assert "各级须由不同人签署" in refused(b, b["crm"], ref.id)
    assert sign(b, b["sales_mgr"], ref.id) == Status.PENDING_APPROVAL
    assert sign(b, b["gm"], ref.id) == Status.AWAITING_REPLY
    close(b, ref.id)
    texts = printed(b, ref.case_no, "handling", tmp_path)
    first = flat(texts[0])
    assert "新车销售购销合同" in first
    assert "陈静" in first and "孙丽" in first and "郑总" in first
    assert "客户关系经理→销售/服务经理（责任部门）→总经理" in first
    assert "销售/服务经理" in first


# --- 律所 ---------------------------------------------------------------------------------------------


def test_law_firm_major_matter_goes_from_the_supervising_partner_to_the_director(
    branch: Branch, tmp_path: Path
) -> None:
    """律所 (000 篇3 二(五)(六)): the 分管合伙人 of the department signs the handling opinion; a 重大事项
    goes on to the 主任 (the 所务会议/合伙人会议), not through a 合伙人 (通用: 部门经理 → 副总经理 → 总经理).
    A major complaint closes within 7 working days (通用's rule 20). The firm's role names print."""
    b = branch
    on_preset(b, "law_firm")
    practice = department_id(b, "PRACTICE")
    lawyer = new_user(b, "lawyer", "韩律师", "PRACTICE", Role.HANDLER)
    partner = new_user(b, "partner", "曹合伙人", "PRACTICE", Role.DEPT_MANAGER)
    ref = b.desk.intake.register(
        b["clerk"],
        complaint_form(
            received_at=MONDAY,
            content="承办律师错过举证期限，致案件败诉。",
            product="民事诉讼代理",
            request_type="compensation",
            request_amount="20000",
        ),
    )
    triage(b, ref.id, "service.competence", "normal", practice, lawyer, major=True)
    case = case_row(b, ref.id)
    assert case.is_major
    assert case.deadline_at == at(11, 17, 30)
    b.clock.advance(hours=2)
    investigate(b, ref.id, lawyer, practice)
    b.desk.cases.propose_resolution(
        lawyer, ref.id, ResolutionInput("compensation", "20000", "退还部分律师费")
    )
    steps, rule, chain = frozen(b, b["crm"], ref.id)
    assert steps == (ApprovalStep(Role.DEPT_MANAGER, True), ApprovalStep(Role.GM))
    assert rule == "重大事项：分管合伙人→主任（所务会议/合伙人会议决定）"
    assert chain == "分管合伙人（责任部门） → 主任"
    assert "无权审批" in refused(b, lawyer, ref.id)
    assert sign(b, partner, ref.id) == Status.PENDING_APPROVAL
    # A 合伙人 (deputy_gm) is not in the chain: the 主任 signs the 重大事项.
    assert "本级审批须由主任或更高级别签署" in refused(b, b["deputy"], ref.id)
    assert sign(b, b["gm"], ref.id) == Status.AWAITING_REPLY
    close(b, ref.id)
    texts = printed(b, ref.case_no, "handling", tmp_path)
    first = flat(texts[0])
    assert "服务类/专业素质" in first and "重大投诉是" in first
    assert "曹合伙人" in first and "郑总" in first
    assert "分管合伙人（责任部门）→主任" in first
    assert "处理期限2026-11-1117:30" in first


def test_law_firm_the_signatures_meaning_names_the_firms_roles(branch: Branch, tmp_path: Path) -> None:
    """律所 names: the printed record of a signature says what the signer approved as, in the firm's names
    (the role column of the same line already reads 分管合伙人)."""
    b = branch
    on_preset(b, "law_firm")
    practice = department_id(b, "PRACTICE")
    lawyer = new_user(b, "lawyer", "韩律师", "PRACTICE", Role.HANDLER)
    partner = new_user(b, "partner", "曹合伙人", "PRACTICE", Role.DEPT_MANAGER)
    ref = b.desk.intake.register(b["clerk"], complaint_form(received_at=MONDAY, request_amount="100"))
    triage(b, ref.id, "service.attitude", "normal", practice, lawyer)
    investigate(b, ref.id, lawyer, practice)
    b.desk.cases.propose_resolution(lawyer, ref.id, ResolutionInput("apology", "0", "当面致歉"))
    assert sign(b, partner, ref.id) == Status.AWAITING_REPLY
    first = flat(printed(b, ref.case_no, "handling", tmp_path)[0])
    assert "曹合伙人分管合伙人" in first
    assert "批准（分管合伙人级核决）" in first


# --- the command line: init --preset, then export is what a re-import leaves alone ---------------------


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


INIT = ("--name", "网点", "--code", "X1", "--admin", "admin", "--admin-name", "管理员", "--password-stdin")
AS_ADMIN = ("--user", "admin", "--password-stdin")


def live(doc: dict[str, Any]) -> dict[str, Any]:
    """The policy without its deactivated entries; departments as a set (they have no display order)."""

    def active(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [item for item in items if item.get("active", True)]

    out = dict(doc)
    out["categories"] = active(doc["categories"])
    out["departments"] = sorted(active(doc["departments"]), key=lambda d: str(d["code"]))
    out["lists"] = {key: active(items) for key, items in doc["lists"].items()}
    return out


MINE = ["general", "manufacturing", "logistics", "auto_dealer", "law_firm"]


@pytest.mark.parametrize("name", MINE)
def test_cli_init_on_the_preset_exports_what_a_reimport_leaves_alone(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``init --preset NAME`` on a real SQLite file; ``policy export`` then re-imports with no changes."""
    db = str(tmp_path / "branch.sqlite3")
    login = f"{PASSWORD}\n"
    status, out, err = run(monkeypatch, capsys, login, "--db", db, "init", "--preset", name, *INIT)
    assert status == 0, err
    assert f"策略：预设 {name}" in out
    exported = tmp_path / "policy.toml"
    status, _, err = run(
        monkeypatch, capsys, login, "--db", db, "policy", "export", "-o", str(exported), *AS_ADMIN
    )
    assert status == 0, err
    text = exported.read_text(encoding="utf-8")
    preset = find(name)
    assert preset is not None
    # The branch exports what the file says, value for value (comments aside); the defaults seeded before
    # the preset that it does not list stay as ``active = false`` (what cases refer to is never deleted).
    assert live(tomllib.loads(text)) == live(tomllib.loads(preset.text()))
    status, out, err = run(
        monkeypatch, capsys, login, "--db", db, "policy", "import", str(exported), "--dry-run", *AS_ADMIN
    )
    assert status == 0, err
    assert out.strip() == "策略与本网点现行策略相同，无需改动"
