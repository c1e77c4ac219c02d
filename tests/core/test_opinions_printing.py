"""The handling form prints the departments' opinions (issue 14 part A), read back from the PDF: one block
per department in their section; more than fit → the section points to an attached page (附页) after each
copy that lists them all; overlay mode → the box holds what fits and the overlay's 附页 the rest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from branchdesk.domain.vocab import Role
from tests.conftest import Branch
from tests.core.test_opinions import department_id, investigated, new_user, seen
from tests.core.test_printing import pages


def test_two_opinions_print_in_their_section_on_every_copy(branch: Branch, tmp_path: Path) -> None:
    b = branch
    mfg_mgr = new_user(b, "mfg_mgr", "钱工", "MFG", Role.DEPT_MANAGER)
    sales, mfg = b["sales_mgr"].department_id, department_id(b, "MFG")
    case_id = investigated(b)
    b.desk.opinions.ask(b["handler"], case_id, [sales, mfg], "包装是否合格？")
    b.clock.advance(hours=2)
    b.desk.opinions.give(b["sales_mgr"], seen(b, case_id, sales), "承运商装卸不当，业务部门无责", 0)
    b.clock.advance(hours=1)
    b.desk.opinions.give(mfg_mgr, seen(b, case_id, mfg), "出厂检验合格，内衬偏薄", 20)
    case_no = b.desk.queries.case_detail(b["crm"], case_id).case_no

    texts = pages(b.desk.printing.render(b["crm"], case_no, "handling"), tmp_path)
    assert len(texts) == 5  # one page per copy: the opinions fit their place
    for text in texts:
        flat = " ".join(text.split())
        assert "会签意见" in flat and "附页" not in flat
        assert "业务部门 承运商装卸不当，业务部门无责 0% 孙丽（部门经理） 2026-11-02 11:00" in flat, flat
        assert "制造部门 出厂检验合格，内衬偏薄 20% 钱工（部门经理） 2026-11-02 12:00" in flat
        assert "责任比率 质量管理部 100%" in flat  # the investigation's shares, unchanged, beside them


def test_more_opinions_than_fit_go_to_an_attached_page(branch: Branch, tmp_path: Path) -> None:
    b = branch
    asked = [b["sales_mgr"].department_id, *(department_id(b, code) for code in ("MFG", "FIN", "LOG"))]
    case_id = investigated(b)
    b.desk.opinions.ask(b["handler"], case_id, asked, "请各部门给出意见")
    b.clock.advance(hours=1)
    b.desk.opinions.give(b["sales_mgr"], seen(b, case_id, asked[0]), "同意赔偿", 10)
    case_no = b.desk.queries.case_detail(b["crm"], case_id).case_no

    texts = pages(b.desk.printing.render(b["crm"], case_no, "handling"), tmp_path)
    assert len(texts) == 10  # each of the five copies, then its 附页
    for form_page, attached in zip(texts[::2], texts[1::2], strict=True):
        assert "共 4 个部门的会签意见，见附页" in form_page and "同意赔偿" not in form_page
        flat = " ".join(attached.split())
        assert f"附页：会签意见（编号 {case_no}，共 4 个部门）" in flat
        assert "业务部门 同意赔偿 10% 孙丽（部门经理）" in flat
        for department in ("制造部门", "会计科", "物流部"):
            assert f"{department} 待回复（2026-11-04 17:30 前）" in flat


def test_overlay_prints_what_fits_and_the_rest_on_its_attached_page(branch: Branch, tmp_path: Path) -> None:
    b = branch
    sales = b["sales_mgr"].department_id
    case_id = investigated(b)
    b.desk.opinions.ask(b["handler"], case_id, [sales], "意见？")
    b.clock.now += timedelta(minutes=30)
    long_opinion = "经核查，" + "货物在承运途中多次转运，外箱受压变形，" * 12 + "业务部门无责。"
    b.desk.opinions.give(b["sales_mgr"], seen(b, case_id, sales), long_opinion, 0)
    case_no = b.desk.queries.case_detail(b["crm"], case_id).case_no

    texts = pages(b.desk.printing.render(b["crm"], case_no, "handling", mode="overlay"), tmp_path)
    assert len(texts) == 2  # the carbon set, then the overlay's 附页
    assert "业务部门：经核查" in texts[0] and "续见附页" in texts[0]
    attached = "".join(texts[1].split())
    assert "附页" in attached and "业务部门无责。" in attached and "孙丽（部门经理）" in attached
