"""Forms travel in the policy file: copies always, the layout when it is not the shipped one (issue 13)."""

from __future__ import annotations

from pathlib import Path

from branchdesk.printing.form_spec import FieldSpec, OverlayBox
from tests.conftest import Branch, complaint_form
from tests.core.test_printing import pages

GENERAL = Path(__file__).parents[2] / "branchdesk" / "presets" / "general.toml"


def test_a_branchs_own_form_layout_and_an_added_form_travel_in_the_policy_file(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    admin = b["admin"]
    b.desk.admin.save_custom_field(admin, "car_model", "车型", "text")
    receipt = next(spec for spec, _active in b.desk.forms.forms(admin) if spec.code == "receipt")
    receipt.sections[0].fields.insert(2, FieldSpec("custom:car_model"))
    receipt.overlay.append(OverlayBox("custom:car_model", 140, 22, 50))
    b.desk.forms.save(admin, receipt)
    b.desk.forms.add(admin, "receipt_dealer", "维修接车回执", "receipt")
    ref = b.desk.intake.register(b["clerk"], complaint_form(custom={"car_model": "别克GL8"}))
    exported = b.desk.policy.export(admin)
    assert 'form = "receipt_dealer"' in exported and 'title = "维修接车回执"' in exported
    assert '{ field = "custom:car_model" }' in exported
    # Two forms are not laid out as shipped and carry their layout; the other five only their copies.
    assert exported.count("sections = [") == 2

    # 通用 says nothing of layouts: the receipt goes back to the shipped one, the added form stays.
    b.desk.policy.apply(admin, GENERAL.read_text(encoding="utf-8"))
    shipped = "\n".join(pages(b.desk.printing.render(b["crm"], ref.case_no, "receipt"), tmp_path))
    assert "别克GL8" not in shipped

    preview = b.desk.policy.preview(admin, exported)
    assert any(c.section == "forms" and c.item == "receipt" and c.detail == "layout" for c in preview.changes)
    b.desk.policy.apply(admin, exported)
    receipt_now = next(spec for spec, _active in b.desk.forms.forms(admin) if spec.code == "receipt")
    assert "custom:car_model" in [f.field for f in receipt_now.sections[0].fields]
    customer = pages(b.desk.printing.render(b["crm"], ref.case_no, "receipt"), tmp_path)[0]
    assert "车型" in customer and "别克GL8" in customer
    assert b.desk.policy.export(admin) == exported  # export → import → export: the same bytes


def test_a_layout_naming_a_missing_field_is_reported_at_its_place_and_nothing_changes(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    b.desk.forms.add(admin, "receipt_dealer", "维修接车回执", "receipt")
    exported = b.desk.policy.export(admin)
    broken = exported.replace('{ field = "case_no"', '{ field = "no_such_field"', 1)
    assert broken != exported
    version = b.desk.configuration_version()
    problems = [p.render() for p in b.desk.policy.preview(admin, broken).problems]
    place = "forms[6].sections[0].fields[0].field"
    assert any(p.startswith(place) and "no_such_field" in p for p in problems), problems
    assert b.desk.configuration_version() == version
