"""Printed forms read back from the PDF (pdftotext/pdffonts from poppler): copies, labels, masking, fonts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from branchdesk.domain.vocab import Decision
from branchdesk.errors import BranchDeskError, FieldError
from branchdesk.i18n import render
from branchdesk.services.dto import (
    FollowUpInput,
    ReplyInput,
)
from branchdesk.storage.models import PrintLog
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def embedded_fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]  # name, emb


def closed_case(b: Branch, **form: object) -> str:
    ref = proposed_case(b, "allowance", "8000", **form)
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知折让 8000 元", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 5))
    return ref.case_no


def test_handling_form_prints_five_labelled_copies_with_masking(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = closed_case(b)
    pdf = b.desk.printing.render(b["crm"], case_no, "handling")
    texts = pages(pdf, tmp_path)
    assert len(texts) == 5
    destinations = ["质量管理部", "制造部门", "业务部门(依批示办理)", "会计科", "总经理室"]
    for number, (text, destination) in enumerate(zip(texts, destinations, strict=True), start=1):
        assert f"第 {number} 联 / 共 5 联 · {destination}" in text
        assert case_no in text and "收到的货物外包装破损" in text
        assert "内部文件 不得影印送客户" in text
        assert "补打" not in text
        # phone shown only on the copies whose department needs it (3 and 5)
        assert ("138 0013 5678" in text) == (number in (3, 5)), number
        assert ("138****5678" in text) == (number not in (3, 5)), number
    assert "周建国" in texts[0] and "副总经理" in texts[0] and "批准（副总经理级核决）" in texts[0]
    fonts = embedded_fonts(pdf, tmp_path)
    assert any("WenQuanYiMicroHei" in name and emb == "yes" for name, emb in fonts)


def test_reprint_says_so_and_every_print_is_logged(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = closed_case(b)
    b.desk.printing.render(b["crm"], case_no, "handling", copies=[1])
    b.clock.advance(minutes=5)
    again = pages(b.desk.printing.render(b["crm"], case_no, "handling", copies=[1, 3]), tmp_path)
    assert len(again) == 2 and all("补打" in text for text in again)
    with b.desk.db.read() as session:
        logs = [(p.copies, p.reprint) for p in session.scalars(select(PrintLog).order_by(PrintLog.id))]
    assert logs == [([1], False), ([1, 3], True)]
    detail = b.desk.queries.case_detail(b["crm"], case_no)
    assert render(detail.timeline[-1].text) == "补打客户抱怨处理表：第 1、3 联（普通纸）"


def test_receipt_tells_the_customer_nothing_internal(branch: Branch, tmp_path: Path) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    texts = pages(b.desk.printing.render(b["clerk"], ref.case_no, "receipt"), tmp_path)
    assert len(texts) == 2
    customer, stub = texts
    assert "第 1 联 / 共 2 联 · 客户" in customer and "2026年11月03日 17:30" in customer
    assert "内部文件" not in customer and "内部文件" in stub
    for internal in ("等级", "处理责任人", "类别"):
        assert internal not in customer


def test_forms_offered_follow_the_case(branch: Branch) -> None:
    b = branch
    case_no = closed_case(b)
    offered = ["receipt", "handling", "allowance", "report"]
    assert [code for code, _ in b.desk.printing.forms_for(b["crm"], case_no)] == offered
    # issue 14 part C: the 奖罚通知单 is offered once the case has an approved reward/penalty record
    from tests.core.test_forms_golden import approved_penalty

    approved_penalty(b, b.desk.queries.case_detail(b["crm"], case_no).id)
    assert [code for code, _ in b.desk.printing.forms_for(b["crm"], case_no)] == [
        "receipt",
        "handling",
        "allowance",
        "penalty",
        "report",
    ]
    with pytest.raises(FieldError, match="只有第 1–2 联"):
        b.desk.printing.render(b["crm"], case_no, "allowance", copies=[3])


def test_long_content_and_rare_characters_keep_every_character(branch: Branch, tmp_path: Path) -> None:
    b = branch
    body = "".join("客户反映收到的货物外包装破损，内有产品划伤，要求尽快处理。"[i % 29] for i in range(2990))
    content = body + "王䶮𠮷请回电。"
    ref = b.desk.intake.register(b["clerk"], complaint_form(content=content, complainant_name="王䶮𠮷"))
    pdf = b.desk.printing.render(b["crm"], ref.case_no, "handling", copies=[1])
    texts = pages(pdf, tmp_path)
    joined = re.sub(r"\s+", "", "".join(texts))
    assert "王䶮𠮷请回电。" in joined and "王䶮𠮷" in joined
    assert joined.count("要求尽快处理") >= 2990 // 29
    fonts = [name for name, emb in embedded_fonts(pdf, tmp_path) if emb == "yes"]
    assert any("HanaMinA" in name for name in fonts) and any("HanaMinB" in name for name in fonts)
    overlay = pages(b.desk.printing.render(b["crm"], ref.case_no, "handling", mode="overlay"), tmp_path)
    assert "（续见附页）" in overlay[0] and "附页" in overlay[1]
    assert "王䶮𠮷请回电。" in re.sub(r"\s+", "", "".join(overlay[1:]))


def test_a_copy_too_long_for_one_sheet_continues_on_the_next(branch: Branch, tmp_path: Path) -> None:
    b = branch
    content = "货物破损，客户要求赔偿。" * 416  # 4,992 characters, the intake limit is 5,000
    ref = b.desk.intake.register(
        b["clerk"], complaint_form(content=content, request_text="请尽快答复。" * 330)
    )
    texts = pages(b.desk.printing.render(b["crm"], ref.case_no, "handling", copies=[2]), tmp_path)
    assert len(texts) >= 2
    assert "第 2 联 / 共 5 联 · 制造部门（续页 2）" in texts[1]
    assert re.sub(r"\s+", "", "".join(texts)).count("货物破损，客户要求赔偿。") == 416


def _x_of(pdf: bytes, tmp_path: Path, word: str) -> float:
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(rf'<word xMin="([\d.]+)"[^>]*>{re.escape(word)}</word>', html)
    assert match, word
    return float(match.group(1))


def test_overlay_is_one_pass_and_the_offset_moves_everything(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = closed_case(b)
    plain = b.desk.printing.render(b["crm"], case_no, "allowance", mode="overlay")
    moved = b.desk.printing.render(b["crm"], case_no, "allowance", mode="overlay", offset_mm=(2.0, 0))
    assert len(pages(plain, tmp_path)) == 1  # the carbon set makes the copies
    shift_pt = _x_of(moved, tmp_path, "¥8,000.00") - _x_of(plain, tmp_path, "¥8,000.00")
    assert shift_pt == pytest.approx(2.0 * 72 / 25.4, abs=0.2)
    calibration = pages(b.desk.printing.calibration((1.5, -0.5)), tmp_path)
    assert len(calibration) == 1 and "X +1.5 mm，Y -0.5 mm" in calibration[0]


def branchdesk_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "branchdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def print_log(b: Branch) -> list[tuple[int, list[int]]]:
    with b.desk.db.read() as session:
        return [(p.user_id, list(p.copies)) for p in session.scalars(select(PrintLog).order_by(PrintLog.id))]


def test_print_from_the_command_line_as_a_named_user(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = closed_case(b)
    b.desk.db.dispose()
    output = tmp_path / "form.pdf"
    command = ["--db", b.url, "print", case_no, "--form", "handling", "--copies", "1,3", "-o", str(output)]
    nobody = branchdesk_cli(*command)
    assert nobody.returncode == 2 and not output.exists()
    assert nobody.stderr.splitlines() == [
        "branchdesk: branchdesk print 须以用户身份运行：请加 --user 用户名"
        "（密码在提示时输入，或用 --password-stdin）"
    ]
    no_terminal = branchdesk_cli(*command, "--user", "crm")  # stdin is not a terminal: no prompt possible
    assert no_terminal.returncode == 2 and "--password-stdin" in no_terminal.stderr
    wrong = branchdesk_cli(*command, "--user", "crm", "--password-stdin", stdin="wrong-password\n")
    assert wrong.returncode == 1 and wrong.stderr.strip() == "branchdesk: 用户名或密码错误"
    assert print_log(b) == [] and not output.exists()
    result = branchdesk_cli("--user", "crm", "--password-stdin", *command, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert len(pages(output.read_bytes(), tmp_path)) == 2
    assert print_log(b) == [(b["crm"].user_id, [1, 3])]  # logged as the user who printed
    detail = b.desk.queries.case_detail(b["crm"], case_no)
    assert detail.timeline[-1].actor_name == "陈静"


def test_a_print_that_cannot_be_written_is_not_logged(branch: Branch, tmp_path: Path) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(BranchDeskError, match=r"无法写入 PDF 文件.*未记为已打印"):
        b.desk.printing.render(b["crm"], ref.id, "receipt", output=blocker / "receipt.pdf")
    assert print_log(b) == []
    b.desk.db.dispose()
    result = branchdesk_cli(
        "--db", b.url, "print", ref.case_no, "--form", "receipt", "-o", str(blocker / "r.pdf"),
        "--user", "clerk", "--password-stdin", stdin=PASSWORD + "\n",
    )
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "无法写入 PDF 文件" in result.stderr and "Traceback" not in result.stderr
    assert print_log(b) == []
    b.desk.printing.render(b["crm"], ref.id, "receipt", output=tmp_path / "ok" / "receipt.pdf")
    assert print_log(b) == [(b["crm"].user_id, [1, 2])]


def test_a_preview_then_a_recorded_print(branch: Branch) -> None:
    """The app renders without logging, prints, and only then records the print."""
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.printing.render(b["clerk"], ref.id, "receipt", log=False)
    assert print_log(b) == []
    b.desk.printing.record_print(b["clerk"], ref.id, "receipt", [2], "plain")
    b.desk.printing.record_print(b["clerk"], ref.id, "receipt", None, "plain")
    assert print_log(b) == [(b["clerk"].user_id, [2]), (b["clerk"].user_id, [1, 2])]
    timeline = [render(e.text) for e in b.desk.queries.case_detail(b["clerk"], ref.id).timeline]
    assert timeline[-2:] == [
        "打印客户投诉受理回执：第 2 联（普通纸）",
        "补打客户投诉受理回执：第 1、2 联（普通纸）",
    ]
    with pytest.raises(FieldError):
        b.desk.printing.record_print(b["clerk"], ref.id, "receipt", [9], "plain")


@pytest.mark.parametrize("mode", ["plain", "overlay"])
def test_every_form_carries_the_audit_anchor_that_verifies(
    branch: Branch, tmp_path: Path, mode: str
) -> None:
    from branchdesk.services.audit import anchor

    b = branch
    case_no = closed_case(b)
    head = anchor(b.desk.db)
    pdf = b.desk.printing.render(b["crm"], case_no, "handling", mode=mode)
    texts = pages(pdf, tmp_path)
    assert texts and all(f"审计链 {head}" in text for text in texts[:1 if mode == "overlay" else None])
    assert anchor(b.desk.db) != head  # the print itself was logged after: the chain moved on
    b.desk.db.dispose()
    verified = branchdesk_cli("--db", b.url, "audit", "verify", "--anchor", head)
    assert verified.returncode == 0, verified.stderr
    forged = head.split("-")[0] + "-" + "0" * 12
    assert branchdesk_cli("--db", b.url, "audit", "verify", "--anchor", forged).returncode == 1


def test_forms_print_the_branchs_labels_from_the_typed_case_view(branch: Branch, tmp_path: Path) -> None:
    """Printing reads the case view's codes and the branch's labels, not display-keyed dicts:
    a label the branch edits shows on the next print, the category prints as its path."""
    from branchdesk.storage.models import ChoiceItem

    b = branch
    ref = proposed_case(b, "allowance", "8000", shares=[(b["handler"].department_id, 100)])
    with b.desk.db.write() as session:
        phone = session.scalars(
            select(ChoiceItem).where(ChoiceItem.list_key == "channel", ChoiceItem.code == "phone")
        ).one()
        phone.label = "客服热线来电"
        from branchdesk.services.config_seen import record_change

        record_change(session, claimed=False)  # as every configuration write does (readers cache by version)
    handling = re.sub(
        r"\s+", "", "".join(pages(b.desk.printing.render(b["crm"], ref.id, "handling"), tmp_path))
    )
    assert "客服热线来电" in handling  # channel: the branch's label for the stored code
    assert "业务类/货损" in handling  # category: parent / child, as configured
    assert "投诉" in handling and "一般" in handling  # kind and severity rendered from their codes
    report = re.sub(r"\s+", "", "".join(pages(b.desk.printing.render(b["crm"], ref.id, "report"), tmp_path)))
    assert "我方" in report and "列案追踪" in report  # responsibility and tracking from typed values
