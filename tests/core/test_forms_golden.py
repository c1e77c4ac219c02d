"""The forms rendered from data (issue 13 "forms") print exactly what the code-built forms printed.

The golden files under ``tests/data/forms_golden/`` were written by this test from the code before the
forms became data (``BRANCHDESK_WRITE_GOLDEN=1``): for each of the six forms in plain and overlay mode,
the text pdftotext extracts with its layout, page by page. The only thing normalised is the audit
anchor (a hash of the database's own rows, different on every run). The 奖罚通知单's were rewritten
by issue 14 part C: it prints one approved reward/penalty record now, not the case's investigation.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from branchdesk.domain.vocab import Decision
from branchdesk.services.dto import FollowUpInput, ReplyInput
from tests.conftest import PASSWORD, Branch, proposed_case

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "forms_golden"
FORMS = ("receipt", "handling", "allowance", "return", "penalty", "report")

LONG = (
    "收到的货物外包装破损，内有两件产品划伤。客户称这是本季度第三次出现同类问题，"
    "要求查明原因并给出书面说明，同时要求对已收货的其余批次进行抽检。" * 6
)


def layout_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "golden.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"审计链 \S+", "审计链 <anchor>", text)


def rich_case(b: Branch) -> str:
    """A case with every part a form prints: a custom field, long texts that run over, an investigation
    with shares, an approved allowance with its signatures, a reply and a follow-up."""
    b.desk.admin.save_custom_field(b["admin"], "store", "门店", "choice", ["浦东店", "徐汇店"])
    ref = proposed_case(
        b,
        "allowance",
        "8000",
        shares=[(b["handler"].department_id, 100)],
        content=LONG,
        order_no="PO-2026-0001",
        product="电动工具套装",
        custom={"store": "浦东店"},
    )
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知折让 8000 元", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 5))
    approved_penalty(b, ref.id)  # issue 14 part C: the 奖罚通知单 prints from an approved record
    return ref.case_no


def approved_penalty(b: Branch, case_id: int) -> int:
    """An approved penalty (P3: ¥300, -10 分, 申诫) on 张伟, signed by 赵强 then 郑总; its record id."""
    from branchdesk.services.dto import CaseVersion
    from branchdesk.services.rewards import RewardProposal

    version = b.desk.queries.case_detail(b["crm"], case_id).version
    _ref, record_id = b.desk.rewards.propose(
        b["crm"],
        CaseVersion(case_id, version),
        RewardProposal("P3", 30_000, "对投诉事实拒不承认", subject_user_id=b["handler"].user_id),
    )
    for signer in ("qa_mgr", "gm"):
        seen = b.desk.rewards.get(b[signer], record_id).version
        b.desk.rewards.decide(b[signer], record_id, seen, Decision.APPROVE, PASSWORD)
    return record_id


def penalty_record(b: Branch, case_no: str) -> int:
    """The approved record of ``rich_case`` (the notice needs one)."""
    case_id = b.desk.queries.case_detail(b["crm"], case_no).id
    return next(r.id for r in b.desk.rewards.for_case(b["crm"], case_id) if r.status.value == "approved")


@pytest.mark.sqlite_only  # the golden files were written on SQLite; one engine is enough for layout
def test_forms_print_what_they_printed_before_they_were_data(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = rich_case(b)
    write = os.environ.get("BRANCHDESK_WRITE_GOLDEN") == "1"
    for form in FORMS:
        for mode in ("plain", "overlay"):
            record_id = penalty_record(b, case_no) if form == "penalty" else None
            pdf = b.desk.printing.render(b["crm"], case_no, form, mode=mode, log=False, record_id=record_id)
            text = layout_text(pdf, tmp_path)
            path = GOLDEN / f"{form}-{mode}.txt"
            if write:
                path.write_text(text, encoding="utf-8")
                continue
            golden = path.read_text(encoding="utf-8")
            assert text.count("\f") == golden.count("\f"), (form, mode, "page count")
            assert text == golden, (form, mode)
