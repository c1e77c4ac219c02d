"""Issue 12, vocabularies: pick lists edited through the service, the branch's names for fixed codes in
every renderer, categories three levels deep, abnormal-closure reasons as a list — end to end."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from branchdesk.domain.vocab import Decision, Kind, Role, Status
from branchdesk.errors import DomainError, FieldError, PermissionDenied
from branchdesk.i18n import label, render
from branchdesk.services.dto import FollowUpInput, ReplyInput, TriageInput
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case
from tests.core.test_printing import pages


def _items(b: Branch, list_key: str) -> list[tuple[str, str, bool]]:
    return [(i.code, i.label, i.active) for i in b.desk.vocabulary.snapshot(b["admin"]).lists[list_key]]


def _offered(b: Branch, list_key: str) -> dict[str, str]:
    return dict(b.desk.queries.lookups(b["clerk"]).choices.get(list_key, {}))


# --- pick lists -------------------------------------------------------------------------------------


def test_a_channel_added_renamed_moved_and_deactivated_is_offered_only_while_active(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    code = b.desk.vocabulary.add_item(admin, "channel", "微信公众号")
    assert code and code not in {"phone", "visit"}
    assert _offered(b, "channel")[code] == "微信公众号"
    b.desk.vocabulary.add_item(admin, "channel", "WeChat mini program", code="wechat_mini")
    assert "wechat_mini" in _offered(b, "channel")

    b.desk.vocabulary.rename_item(admin, "channel", code, "微信")
    assert _offered(b, "channel")[code] == "微信"
    # move it to the top, one step at a time and then past the end (it stops there)
    before = [c for c, _, _ in _items(b, "channel")]
    b.desk.vocabulary.move_item(admin, "channel", code, -len(before) - 5)
    assert _items(b, "channel")[0][0] == code
    assert next(iter(_offered(b, "channel"))) == code
    b.desk.vocabulary.move_item(admin, "channel", code, 1)
    assert [c for c, _, _ in _items(b, "channel")][1] == code

    # a case taken on that channel, then the channel deactivated
    ref = b.desk.intake.register(b["clerk"], complaint_form(channel=code))
    b.desk.vocabulary.set_item_active(admin, "channel", code, False)
    assert code not in _offered(b, "channel")
    assert (code, "微信", False) in _items(b, "channel")
    with pytest.raises(FieldError) as refused:
        b.desk.intake.register(b["clerk"], complaint_form(channel=code))
    assert "channel" in refused.value.errors
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert detail.intake.channel is not None and detail.intake.channel.label == "微信"

    # deleting a code in use is refused; deactivating was the way; reactivating offers it again
    with pytest.raises(DomainError, match="已用于 1 个案件"):
        b.desk.vocabulary.delete_item(admin, "channel", code)
    b.desk.vocabulary.set_item_active(admin, "channel", code, True)
    assert _offered(b, "channel")[code] == "微信"
    b.desk.intake.register(b["clerk"], complaint_form(channel=code))
    # an item no case used may go
    b.desk.vocabulary.delete_item(admin, "channel", "wechat_mini")
    assert "wechat_mini" not in [c for c, _, _ in _items(b, "channel")]


def test_list_items_are_checked_at_the_field(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    with pytest.raises(FieldError) as taken:
        b.desk.vocabulary.add_item(admin, "channel", "来电")
    assert "label" in taken.value.errors
    with pytest.raises(FieldError) as code_taken:
        b.desk.vocabulary.add_item(admin, "channel", "电话2", code="phone")
    assert "code" in code_taken.value.errors
    with pytest.raises(FieldError) as bad_code:
        b.desk.vocabulary.add_item(admin, "channel", "新渠道", code="1 bad")
    assert "code" in bad_code.value.errors
    # a complainant title's column holds 10 characters: a longer code is refused, a made one fits
    with pytest.raises(FieldError) as long_code:
        b.desk.vocabulary.add_item(admin, "complainant_title", "博士", code="doctor_title")
    assert "code" in long_code.value.errors
    made = b.desk.vocabulary.add_item(admin, "complainant_title", "博士")
    assert len(made) <= 10
    with pytest.raises(FieldError) as too_long:
        b.desk.vocabulary.add_item(admin, "channel", "渠" * 101)
    assert "label" in too_long.value.errors
    with pytest.raises(FieldError) as no_list:
        b.desk.vocabulary.add_item(admin, "no_such_list", "x")
    assert "list" in no_list.value.errors
    with pytest.raises(FieldError) as missing:
        b.desk.vocabulary.rename_item(admin, "channel", "no_such_code", "x")
    assert "code" in missing.value.errors
    with pytest.raises(PermissionDenied):
        b.desk.vocabulary.add_item(b["crm"], "channel", "微信")
    # the last active item of a list stays
    for code, _, _ in _items(b, "complainant_title")[1:]:
        b.desk.vocabulary.set_item_active(admin, "complainant_title", code, False)
    first = _items(b, "complainant_title")[0][0]
    with pytest.raises(DomainError, match="至少要保留一个启用的选项"):
        b.desk.vocabulary.set_item_active(admin, "complainant_title", first, False)


# --- the branch's names for fixed codes -----------------------------------------------------------


def _closed_case(b: Branch) -> str:
    ref = proposed_case(b, "allowance", "8000")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知折让 8000 元", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 5))
    b.desk.cases.close(b["crm"], ref.id)
    return ref.case_no


def test_renaming_complaint_to_kesu_reaches_the_case_view_the_form_and_the_monthly_workbook(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    b.clock.now = datetime(2026, 11, 3, 9, 0)
    case_no = _closed_case(b)
    b.desk.vocabulary.rename_label(b["admin"], "Kind", "complaint", "客诉")
    b.desk.vocabulary.rename_label(b["admin"], "Role", "deputy_gm", "分管副总", "Deputy GM in charge")

    own = b.desk.label_overrides()
    detail = b.desk.queries.case_detail(b["crm"], case_no)
    assert detail.intake.kind is Kind.COMPLAINT  # the code never changes
    assert label(detail.intake.kind, "zh_CN", own) == "客诉"
    assert label(detail.intake.kind, "en", own) == "Complaint"  # no English name given: shipped English
    assert label(Role.DEPUTY_GM, "en", own) == "Deputy GM in charge"
    assert label(detail.intake.kind, "zh_CN") == "投诉"  # another branch (no overrides) keeps its names
    # a closed case shows how it was closed (a CloseKind): the branch renames that too
    b.desk.vocabulary.rename_label(b["admin"], "CloseKind", "resolved", "已办结")
    assert label(detail.shown_status, "zh_CN", b.desk.label_overrides()) == "已办结"

    handling = pages(b.desk.printing.render(b["crm"], case_no, "handling", copies=[1]), tmp_path)
    assert "客诉" in handling[0] and "分管副总" in handling[0]

    b.clock.now = datetime(2026, 12, 2, 9, 0)
    report = b.desk.reports.monthly(b["crm"], 2026, 11)
    assert report.by_kind == {"客诉": 1}
    path = b.desk.reports.export_monthly(b["crm"], 2026, 11, tmp_path / "m.xlsx")
    closed = openpyxl.load_workbook(path)["结案明细"]
    values = {cell for row in closed.iter_rows(min_row=3, values_only=True) for cell in row}
    assert "客诉" in values and "投诉" not in values

    ledger = tmp_path / "ledger.xlsx"
    b.desk.reports.export_ledger(b["crm"], date(2026, 11, 1), date(2026, 11, 30), ledger)
    sheet = openpyxl.load_workbook(ledger).active
    assert sheet is not None
    cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "客诉" in cells and "已办结" in cells

    # an English name set later is used in English; clearing the Chinese name restores the shipped names
    b.desk.vocabulary.rename_label(b["admin"], "Kind", "complaint", "客诉", "Customer complaint")
    assert label(Kind.COMPLAINT, "en", b.desk.label_overrides()) == "Customer complaint"
    b.desk.vocabulary.rename_label(b["admin"], "Kind", "complaint", "")
    assert label(Kind.COMPLAINT, "zh_CN", b.desk.label_overrides()) == "投诉"
    with pytest.raises(FieldError) as unknown:
        b.desk.vocabulary.rename_label(b["admin"], "Action", "close", "结束")
    assert "vocabulary" in unknown.value.errors
    with pytest.raises(FieldError) as bad_code:
        b.desk.vocabulary.rename_label(b["admin"], "Kind", "gossip", "八卦")
    assert "code" in bad_code.value.errors


# --- categories, three levels -----------------------------------------------------------------------


def test_a_three_level_category_is_chosen_at_triage_shown_with_its_path_and_counted_under_its_top(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    admin = b["admin"]
    b.desk.admin.save_category(admin, "quality.product.look", "外观", "quality.product")
    with pytest.raises(FieldError, match="最多三级") as fourth:
        b.desk.admin.save_category(admin, "quality.product.look.scratch", "划痕", "quality.product.look")
    assert "parent" in fourth.value.errors
    assert ("quality.product.look", "外观", "quality.product") in b.desk.queries.lookups(b["crm"]).categories

    b.clock.now = datetime(2026, 11, 5, 9, 0)
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="quality.product.look",
            severity="normal",
            handler_id=b["handler"].user_id,
        ),
    )
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert detail.triage is not None
    assert [c.label for c in detail.triage.category_path] == ["质量类", "产品品质", "外观"]
    codes = [c.code for c in detail.triage.category_path]
    assert codes == ["quality", "quality.product", "quality.product.look"]
    # the queue's top-level filter finds the grandchild
    from branchdesk.read.queue import QueueFilter

    assert b.desk.queries.queue_page(b["crm"], QueueFilter(category_codes=["quality"])).total == 1

    b.clock.now = datetime(2026, 12, 2, 9, 0)
    report = b.desk.reports.monthly(b["crm"], 2026, 11)
    assert report.by_category_top == {"质量类": 1}
    assert report.by_category == {"质量类 / 产品品质 / 外观": 1}
    texts = pages(b.desk.printing.render(b["crm"], ref.case_no, "handling", copies=[1]), tmp_path)
    assert "质量类 / 产品品质 / 外观" in texts[0]


# --- abnormal closure reasons -----------------------------------------------------------------------


def test_abnormal_closure_takes_a_reason_from_the_list(branch: Branch) -> None:
    b = branch
    ref = proposed_case(b, "compensation", "200")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知", accepted=False))
    assert "lost_contact" in _offered(b, "abnormal_reason")
    with pytest.raises(FieldError) as free_text:
        b.desk.cases.close_abnormally(b["gm"], ref.id, "客户说不要了")
    assert "reason" in free_text.value.errors
    code = b.desk.vocabulary.add_item(b["admin"], "abnormal_reason", "客户已移民")
    b.desk.cases.close_abnormally(b["gm"], ref.id, code, "多次联系无果")
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert detail.status is Status.CLOSED
    assert detail.abnormal_reason is not None and detail.abnormal_reason.label == "客户已移民"
    assert detail.close_note == "客户已移民：多次联系无果"
    assert any("客户已移民：多次联系无果" in render(e.text) for e in detail.timeline)
    # in use: refused deletion; deactivated, the closed case still names its reason
    with pytest.raises(DomainError):
        b.desk.vocabulary.delete_item(b["admin"], "abnormal_reason", code)
    b.desk.vocabulary.set_item_active(b["admin"], "abnormal_reason", code, False)
    again = b.desk.queries.case_detail(b["crm"], ref.id)
    assert again.abnormal_reason is not None and again.abnormal_reason.label == "客户已移民"


def test_migration_0014_gives_an_existing_branch_the_abnormal_reasons(branch: Branch) -> None:
    """A branch made before 0014: the list arrives, the new table and column exist, the data stays."""
    from sqlalchemy import text

    from branchdesk.storage.migrate import upgrade

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    from tests.core.conftest import revision_before, rewind_to

    before = revision_before("0014")
    rewind_to(b.desk.db, "0014")  # what later migrations added goes first
    with b.desk.db.write() as session:  # as a branch just before 0014 had it
        session.execute(text("DROP TABLE label_override"))
        session.execute(text("ALTER TABLE complaint_case DROP COLUMN abnormal_reason"))
        session.execute(text("DELETE FROM choice_item WHERE list_key = 'abnormal_reason'"))
        session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": before})
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)  # a new process: no cached configuration
    assert list(fresh.queries.lookups(b["clerk"]).choices["abnormal_reason"]) == [
        "lost_contact",
        "withdrawn",
        "excessive_demand",
        "legal",
        "other",
    ]
    fresh.vocabulary.rename_label(b["admin"], "Kind", "complaint", "客诉")
    assert fresh.queries.case_detail(b["crm"], ref.id).abnormal_reason is None
