"""Forms as data (issue 13 "forms"): copies, fields and forms changed through ``desk.forms`` print as
changed (PDFs read back), a form that refers to a missing field is refused at its place, and migration
0016 carries a branch's edited copies over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from branchdesk.errors import DomainError, FieldError, PermissionDenied
from branchdesk.i18n import render
from branchdesk.printing.default_forms import default_forms
from branchdesk.printing.form_spec import CopySpec, FieldSpec, FormSpec, OverlayBox, known_fields, validate
from branchdesk.storage.migrate import upgrade
from tests.conftest import Branch, complaint_form
from tests.core.test_forms_golden import penalty_record, rich_case
from tests.core.test_printing import pages


def spec_of(b: Branch, code: str) -> FormSpec:
    return next(spec for spec, _active in b.desk.forms.forms(b["admin"]) if spec.code == code)


def test_default_forms_survive_json_and_are_sound() -> None:
    for spec in default_forms():
        data = json.loads(json.dumps(spec.to_dict(), ensure_ascii=False))
        assert FormSpec.from_dict(data) == spec
        assert validate(spec, known_fields([])) == [], spec.code


def test_a_changed_copy_list_prints_as_changed(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = rich_case(b)
    spec = spec_of(b, "handling")
    spec.copies = spec.copies[:4]
    spec.copies[1].name = "生产部(返工)"
    spec.copies[1].colour = "绿"
    b.desk.forms.save(b["admin"], spec)
    assert b.desk.printing.copies_of("handling")[1] == (2, "生产部(返工)")
    texts = pages(b.desk.printing.render(b["crm"], case_no, "handling"), tmp_path)
    starts = [t for t in texts if "联 / 共" in t and "续页" not in t]
    assert len(starts) == 4
    assert "第 2 联 / 共 4 联 · 生产部(返工)" in starts[1]
    assert "第2联 · 绿 · 生产部(返工)" in starts[1]
    assert not any("制造部门" in t for t in texts)
    overlay = pages(b.desk.printing.render(b["crm"], case_no, "handling", mode="overlay"), tmp_path)
    assert case_no in overlay[0]


def test_a_custom_field_added_to_the_receipt_prints_on_it(branch: Branch, tmp_path: Path) -> None:
    b = branch
    b.desk.admin.save_custom_field(b["admin"], "car_model", "车型", "text")
    ref = b.desk.intake.register(b["clerk"], complaint_form(custom={"car_model": "别克GL8"}))
    before = "\n".join(pages(b.desk.printing.render(b["crm"], ref.case_no, "receipt"), tmp_path))
    assert "别克GL8" not in before  # the receipt does not print custom fields by default
    spec = spec_of(b, "receipt")
    spec.sections[0].fields.insert(2, FieldSpec("custom:car_model"))
    spec.overlay.append(OverlayBox("custom:car_model", 140, 22, 50))
    b.desk.forms.save(b["admin"], spec)
    customer, _stub = pages(b.desk.printing.render(b["crm"], ref.case_no, "receipt"), tmp_path)
    assert "车型" in customer and "别克GL8" in customer
    overlay = pages(b.desk.printing.render(b["crm"], ref.case_no, "receipt", mode="overlay"), tmp_path)
    assert "别克GL8" in overlay[0]
    # moved: the first section's last field goes first
    spec.sections[0].fields.insert(0, spec.sections[0].fields.pop())
    b.desk.forms.save(b["admin"], spec)
    assert spec_of(b, "receipt").sections[0].fields[0].field == "request"


def test_a_form_that_refers_to_a_missing_field_is_refused_at_its_place(branch: Branch) -> None:
    b = branch
    spec = spec_of(b, "receipt")
    spec.sections[2].fields.append(FieldSpec("custom:plate"))
    spec.overlay.append(OverlayBox("vehicle_colour", 10, 10, 30))
    spec.copies.append(CopySpec(2, "", "紫"))
    spec.copies[0].department = "nowhere"
    with pytest.raises(FieldError) as info:
        b.desk.forms.save(b["admin"], spec)
    errors = info.value.errors
    assert errors["copies[0].department"] == "没有这个部门代码：nowhere"
    assert errors["sections[2].fields[6].field"] == "表单引用的字段不存在：custom:plate"
    assert errors["overlay[10].field"] == "表单引用的字段不存在：vehicle_colour"
    assert (
        "copies[2].number" in errors
        and "copies[2].name" in errors
        and "copies[2].colour" in errors
        and "copies[2].department" not in errors
    )
    assert spec_of(b, "receipt") == default_forms()[0]  # nothing saved
    with pytest.raises(FieldError, match="表单格式不正确"):
        b.desk.forms.save(b["admin"], {"code": "receipt"})
    with pytest.raises(PermissionDenied):
        b.desk.forms.save(b["crm"], default_forms()[0])


def test_an_added_form_is_offered_and_a_deactivated_one_is_not(branch: Branch, tmp_path: Path) -> None:
    b = branch
    case_no = rich_case(b)
    b.desk.forms.add(b["admin"], "receipt_dealer", "维修接车回执", "receipt")
    with pytest.raises(FieldError, match="表单代码已存在"):
        b.desk.forms.add(b["admin"], "receipt_dealer", "又一份", "receipt")
    with pytest.raises(FieldError, match="字母、数字或下划线"):
        b.desk.forms.add(b["admin"], "回执", "又一份", "receipt")
    offered = dict(b.desk.printing.forms_for(b["crm"], case_no))
    assert offered["receipt_dealer"] == "维修接车回执"
    texts = pages(b.desk.printing.render(b["crm"], case_no, "receipt_dealer"), tmp_path)
    assert len(texts) == 2 and "维修接车回执" in texts[0]
    summary = render(b.desk.queries.case_detail(b["crm"], case_no).timeline[-1].text)
    assert "维修接车回执" in summary  # the print log names an added form by its own title
    b.desk.forms.set_active(b["admin"], "receipt", False)
    assert "receipt" not in dict(b.desk.printing.forms_for(b["crm"], case_no))
    with pytest.raises(FieldError):
        b.desk.printing.render(b["crm"], case_no, "receipt")
    for code in [s.code for s, active in b.desk.forms.forms(b["admin"]) if active and s.code != "report"]:
        b.desk.forms.set_active(b["admin"], code, False)
    with pytest.raises(DomainError, match="至少要保留一个"):
        b.desk.forms.set_active(b["admin"], "report", False)


def test_preview_renders_an_unsaved_form_for_a_sample_case(branch: Branch, tmp_path: Path) -> None:
    b = branch
    spec = spec_of(b, "allowance")
    spec.title = "折让单（试）"
    plain = pages(b.desk.forms.preview(b["admin"], spec), tmp_path)
    assert len(plain) == 2 and "折让单（试）" in plain[0] and "SAMPLE-001" in plain[0]
    overlay = pages(b.desk.forms.preview(b["admin"], spec, "overlay"), tmp_path)
    assert "200.00 元" in overlay[0]


def test_migration_folds_the_branch_copies_into_the_forms(branch: Branch, tmp_path: Path) -> None:
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    case_no = rich_case(b)
    before = revision_before("0016")
    rewind_to(b.desk.db, before)  # 0016's downgrade rebuilds form_copy from the forms
    with b.desk.db.write() as session:  # a branch that had edited its handling copies
        session.execute(text("DELETE FROM form_copy WHERE form = 'handling' AND copy_no = 5"))
        session.execute(
            text("UPDATE form_copy SET destination = '生产部' WHERE form = 'handling' AND copy_no = 2")
        )
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)  # a new process: no cached configuration
    assert fresh.printing.copies_of("handling") == [
        (1, "质量管理部"),
        (2, "生产部"),
        (3, "业务部门(依批示办理)"),
        (4, "会计科"),
    ]
    assert fresh.printing.copies_of("receipt") == [(1, "客户"), (2, "存根")]
    texts = pages(fresh.printing.render(b["crm"], case_no, "handling"), tmp_path)
    assert sum("联 / 共 4 联" in t and "续页" not in t for t in texts) == 4
    spec = next(s for s, _ in fresh.forms.forms(b["admin"]) if s.code == "handling")
    assert spec.sections == default_forms()[1].sections


def test_the_command_line_prints_an_added_form(branch: Branch, tmp_path: Path) -> None:
    from tests.conftest import PASSWORD
    from tests.core.test_printing import branchdesk_cli

    b = branch
    case_no = rich_case(b)
    spec = b.desk.forms.add(b["admin"], "penalty_b", "内部奖罚单", "penalty")
    spec.copies = spec.copies[:1]
    b.desk.forms.save(b["admin"], spec)
    b.desk.db.dispose()
    output = tmp_path / "b.pdf"
    command = ["--db", b.url, "--user", "crm", "--password-stdin", "print", case_no, "-o", str(output)]
    record = str(penalty_record(b, case_no))  # issue 14 part C: the notice prints one approved record
    result = branchdesk_cli(*command, "--form", "penalty_b", "--record", record, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    texts = pages(output.read_bytes(), tmp_path)
    assert "内部奖罚单" in texts[0] and "第 1 联 / 共 1 联" in texts[0]
    unknown = branchdesk_cli(*command, "--form", "nothing", stdin=PASSWORD + "\n")
    assert unknown.returncode != 0 and len(unknown.stderr.strip().splitlines()) == 1
    assert "penalty_b" in unknown.stderr


def test_signature_blocks_and_a_fixed_sentence_print_on_plain_paper(branch: Branch, tmp_path: Path) -> None:
    from branchdesk.printing.form_spec import SignatureBlock

    b = branch
    case_no = rich_case(b)
    spec = spec_of(b, "penalty")
    spec.signature_blocks = [SignatureBlock("主管", "核准"), SignatureBlock("受罚部门", "知悉")]
    spec.sections[0].fields.append(FieldSpec("fixed", "备注", True, value="本通知一式三联。"))
    b.desk.forms.save(b["admin"], spec)
    record_id = penalty_record(b, case_no)
    first = pages(
        b.desk.printing.render(b["crm"], case_no, "penalty", copies=[1], record_id=record_id), tmp_path
    )[0]
    assert "主管（核准）：" in first and "受罚部门（知悉）：" in first
    assert "本通知一式三联。" in first
    spec.signature_blocks = [SignatureBlock("")]
    with pytest.raises(FieldError) as info:
        b.desk.forms.save(b["admin"], spec)
    assert list(info.value.errors) == ["signature_blocks[0].label"]
