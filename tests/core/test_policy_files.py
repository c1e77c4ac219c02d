"""Policy files (issue 13, part "policy") through the services on both engines: export → import →
export is byte-identical (shipped defaults and a branch with edits), an import with errors names each
place and changes nothing, a changed file applies in one unit and a registered case keeps its deadline;
presets, ``init --preset`` and the CLI on a real SQLite file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from branchdesk.cli import main
from branchdesk.errors import PermissionDenied
from branchdesk.i18n import render
from branchdesk.policy.presets import find, list_presets
from branchdesk.policy.validate import parse_policy, policy_from_document
from branchdesk.services.approval_policy import ApprovalRuleInput, ApprovalStepInput
from branchdesk.services.deadline_policy import RuleInput
from branchdesk.services.policy import PolicyError
from branchdesk.storage.models import Case, ChoiceItem, CustomField, Event, Resolution, SlaRuleRow
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case

GENERAL = Path(__file__).parents[2] / "branchdesk" / "presets" / "general.toml"


def version(b: Branch) -> int | None:
    return b.desk.configuration_version()


def edit_branch(b: Branch) -> None:
    """The edits the brief names, made through the settings' own services."""
    admin = b["admin"]
    b.desk.vocabulary.rename_label(admin, "Kind", "complaint", "客诉", "Grievance")
    b.desk.admin.save_category(admin, "business.delay.port", "港口滞留", "business.delay")
    b.desk.admin.save_custom_field(admin, "plate", "车牌号", "text")
    b.desk.approval_policy.save_rule(
        admin,
        None,
        ApprovalRuleInput(
            priority=5,
            label="投诉·总经理亲批",
            steps=(ApprovalStepInput("gm"),),
            kind="complaint",
            min_severity="severe",
        ),
    )
    b.desk.deadline_policy.save(
        admin,
        None,
        RuleInput(
            priority=15,
            label="车牌客户 4 个工作小时",
            amount=4,
            unit="working_hours",
            kind="complaint",
            custom_key="plate",
            custom_value="粤A12345",
        ),
    )


def test_export_import_export_is_byte_identical_on_the_shipped_defaults(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    first = b.desk.policy.export(admin)
    before = version(b)
    assert b.desk.policy.preview(admin, first).changes == ()
    result = b.desk.policy.apply(admin, first)
    assert result.changes == () and version(b) == before  # nothing to do: nothing written
    assert b.desk.policy.export(admin) == first
    # The shipped 通用 preset is the defaults plus its header.
    body = GENERAL.read_text(encoding="utf-8")
    assert first.split("\nnotes = []\n", 1)[1] == body.split("\nnotes = []\n", 1)[1]


def test_export_import_export_is_byte_identical_on_an_edited_branch(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    edit_branch(b)
    first = b.desk.policy.export(admin)
    for expected in (
        'vocabulary = "Kind", code = "complaint", zh = "客诉", en = "Grievance"',
        'code = "business.delay.port", label = "港口滞留", parent = "business.delay"',
        'key = "plate"',
        'label = "投诉·总经理亲批"',
        'unit = "working_hours"\nstep = "case"\nkind = "complaint"\ncustom_field = "plate"',
    ):
        assert expected in first
    assert b.desk.policy.preview(admin, first).changes == ()
    # Back to the shipped policy (the edits deactivated or replaced), then the edited file again: every
    # edit returns, and the export is the same text.
    b.desk.policy.apply(admin, GENERAL.read_text(encoding="utf-8"))
    shipped = b.desk.policy.export(admin)
    assert "港口滞留" in shipped and "active = false" in shipped and "Grievance" not in shipped
    result = b.desk.policy.apply(admin, first)
    assert result.changes
    assert b.desk.policy.export(admin) == first


def test_a_changed_file_applies_in_one_unit_and_cases_keep_their_deadline(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    case_id = b.desk.intake.register(b["clerk"], complaint_form(received_at=b.clock.now)).id
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        frozen = (case.deadline_at, case.sla_label, case.first_contact_due_at)
    # A resolution awaiting approval under the shipped ¥5,000 rule (部门经理 alone).
    pending = proposed_case(b, "compensation", "800", phone="139 0000 8888", complainant_name="赵先生").id
    chain_before = resolution_chain(b, pending)
    assert chain_before[1] == "¥5,000 及以下：部门经理" and len(chain_before[0]) == 1
    text = b.desk.policy.export(admin)
    changed = (
        text.replace(
            'label = "投诉·一般 1 个工作日"\namount = 1', 'label = "投诉·一般 1 个工作日"\namount = 5'
        )
        .replace('  { code = "fax", label = "传真" },\n', "")
        .replace('office_closes = "17:30"', 'office_closes = "18:00"')
    )
    changed += '\n[[custom_fields]]\nkey = "vin"\nlabel = "车架号"\ntype = "text"\n'
    # Every approval now needs the GM too: the pending resolution keeps the chain it was proposed under.
    head = 'max_amount_fen = 500000\nsteps = [\n  { role = "dept_manager", own_department = true },\n'
    changed = changed.replace(head + "]", head + '  { role = "gm" },\n]')
    rules = changed.split("\n[[rewards]]", 1)[0]  # the approval rules' steps (the scale has its own GM steps)
    assert rules.count('{ role = "gm" }') == 3
    preview = b.desk.policy.preview(admin, changed)
    shown = [render(c.text()) for c in preview.changes]
    assert any("停用 fax" in line for line in shown), shown  # missing from the file: deactivated, kept
    assert any("amount: 1 → 5" in line for line in shown), shown
    assert any("新增 vin" in line for line in shown), shown
    before = version(b)
    result = b.desk.policy.apply(admin, changed)
    assert len(result.changes) == len(preview.changes)
    assert version(b) == before + 1  # type: ignore[operator]  # one unit: one bump
    if b.path is not None:
        assert result.backup is not None and result.backup.exists()
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert (case.deadline_at, case.sla_label, case.first_contact_due_at) == frozen
        fax = session.scalars(
            select(ChoiceItem).where(ChoiceItem.list_key == "channel", ChoiceItem.code == "fax")
        )
        assert fax.one().active is False
        assert session.scalars(select(CustomField.label).where(CustomField.key == "vin")).one() == "车架号"
        assert (
            session.scalars(select(SlaRuleRow.amount).where(SlaRuleRow.label == "投诉·一般 1 个工作日")).one()
            == 5
        )
        events = session.scalars(select(Event).where(Event.action == "admin.policy_import")).all()
        assert len(events) == 1
    assert resolution_chain(b, pending) == chain_before
    # A case registered now gets the new policy (5 working days instead of 1).
    new_id = b.desk.intake.register(
        b["clerk"], complaint_form(received_at=b.clock.now, phone="139 0000 7777", complainant_name="王女士")
    ).id
    with b.desk.db.read() as session:
        new = session.get(Case, new_id)
        assert new is not None and new.deadline_at is not None and frozen[0] is not None
        assert new.deadline_at > frozen[0]
    assert b.desk.policy.export(admin) == b.desk.policy.export(admin)
    again = b.desk.policy.export(admin)
    b.desk.policy.apply(admin, again)
    assert b.desk.policy.export(admin) == again


def resolution_chain(b: Branch, case_id: int) -> tuple[list[object], str | None]:
    with b.desk.db.read() as session:
        resolution = session.scalars(select(Resolution).where(Resolution.case_id == case_id)).one()
        return list(resolution.required_roles), resolution.approval_rule_label


def test_an_import_with_errors_names_each_place_and_changes_nothing(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    text = b.desk.policy.export(admin)
    bad = (
        text.replace('unit = "hours"', 'unit = "hour"')
        .replace('  { role = "deputy_gm" },\n', '  { role = "boss" },\n', 1)
        .replace(
            '{ code = "quality.safety", label = "安全性", parent = "quality" }',
            '{ code = "quality.safety", label = "安全性", parent = "qualty" }',
        )
        .replace('{ code = "FIN", name = "会计科" }', '{ code = "QA", name = "会计科" }')
        .replace('kind = "consultation"', 'kind = "consultation"\ncustom_field = "car_model"')
    )
    before = (version(b), text)
    preview = b.desk.policy.preview(admin, bad)
    assert preview.changes == ()
    problems = [render(p) for p in preview.problems]
    assert problems == [
        "categories[2].parent：上级分类“qualty”不存在（上级须写在前面）",
        "departments[4].code：“QA”重复",
        "deadline_rules[0].unit：不认识的单位“hour”",
        "deadline_rules[0].custom_field：自定义字段“car_model”不存在",
        "approval_rules[0].steps[1].role：不认识的角色“boss”",
    ]
    with pytest.raises(PolicyError) as raised:
        b.desk.policy.apply(admin, bad)
    assert len(raised.value.problems) == 5
    assert (version(b), b.desk.policy.export(admin)) == before
    # Not TOML at all, or another format: one problem, nothing changed.
    assert b.desk.policy.preview(admin, "format = [").problems[0].code == "policy.syntax"
    assert b.desk.policy.preview(admin, "format = 2\n").problems[0].code == "policy.format"


def test_only_an_administrator_exports_or_imports(branch: Branch) -> None:
    b = branch
    text = b.desk.policy.export(b["admin"])
    with pytest.raises(PermissionDenied):
        b.desk.policy.export(b["clerk"])
    with pytest.raises(PermissionDenied):
        b.desk.policy.apply(b["crm"], text.replace('office_closes = "17:30"', 'office_closes = "18:00"'))


def test_presets_are_listed_and_general_starts_a_branch(tmp_path: Path) -> None:
    names = [p.name for p in list_presets()]
    assert names[0] == "general" and set(names) == {p.stem for p in GENERAL.parent.glob("*.toml")}
    general = find("通用")
    assert general is not None and general.name == "general" and general.title == "通用"
    assert find("nope") is None
    # docs/policy-file.md shows the 通用 preset in full: the two stay the same text.
    doc = (GENERAL.parents[2] / "docs" / "policy-file.md").read_text(encoding="utf-8")
    assert doc[doc.index("```toml\n") + 8 : doc.rindex("```")] == GENERAL.read_text(encoding="utf-8")


# --- the CLI on a real SQLite file -------------------------------------------------------------------


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


INIT = ("--name", "网点", "--code", "X1", "--admin", "admin", "--admin-name", "管理员", "--password-stdin")
AS_ADMIN = ("--user", "admin", "--password-stdin")


@pytest.mark.sqlite_only
def test_cli_presets_init_export_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "branch.sqlite3")
    login = f"{PASSWORD}\n"

    def policy(*args: str, answer: str = ""):  # type: ignore[no-untyped-def]
        return run(monkeypatch, capsys, login + answer, "--db", db, "policy", *args, *AS_ADMIN)

    status, out, _ = run(monkeypatch, capsys, "", "policy", "presets")
    assert status == 0 and out.startswith("general") and "通用" in out
    other = str(tmp_path / "other.sqlite3")
    status, _, err = run(monkeypatch, capsys, login, "--db", other, "init", "--preset", "nope", *INIT)
    assert status == 1 and err.strip() == "branchdesk: 没有名为“nope”的预设策略"
    assert not (tmp_path / "other.sqlite3").exists()
    status, out, err = run(monkeypatch, capsys, login, "--db", db, "init", "--preset", "general", *INIT)
    assert status == 0, err
    exported = tmp_path / "policy.toml"
    status, out, err = policy("export", "-o", str(exported))
    assert status == 0, err
    text = exported.read_text(encoding="utf-8")
    assert text == GENERAL.read_text(encoding="utf-8")  # a branch started on the preset exports it exactly
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('unit = "hours"', 'unit = "hour"'), "utf-8")
    status, out, err = policy("import", str(bad))
    assert status == 1
    assert "deadline_rules[0].unit：不认识的单位“hour”" in err and "未做任何改动" in err
    changed = tmp_path / "changed.toml"
    changed.write_text(text.replace('office_closes = "17:30"', 'office_closes = "18:00"'), "utf-8")
    status, out, err = policy("import", str(changed), answer="n\n")
    assert status == 0 and "设置：修改 下班时间（17:30 → 18:00）" in out and "未写入" in out
    status, out, err = policy("import", str(changed), "--dry-run")
    assert status == 0 and "试运行" in out
    status, out, err = policy("import", str(changed), "--yes")
    assert status == 0 and "已导入策略：1 处改动" in out and "已备份" in out, (out, err)
    status, out, err = policy("import", "general", "--yes")
    assert status == 0 and "已导入策略：1 处改动" in out  # a preset by name: back to 17:30
    status, out, err = policy("import", str(tmp_path / "missing.toml"))
    assert status == 1 and err.count("\n") == 1 and "找不到" in err


def test_a_file_must_keep_the_catch_all_rules(branch: Branch) -> None:
    """Every case and step finds a deadline rule, every proposal an approval rule (as the settings keep)."""
    b = branch
    admin = b["admin"]
    text = b.desk.policy.export(admin)
    last = 'label = "建议/表扬 3 个工作日内回复"\namount = 3\nunit = "working_days"\nstep = "case"\n'
    no_case_catch_all = text.replace(last, last + 'kind = "praise"\n')
    no_approval_catch_all = no_case_catch_all.replace(
        'label = "其他金额：部门经理→副总经理→总经理"\n',
        'label = "其他金额：部门经理→副总经理→总经理"\nactive = false\n',
    )
    problems = [render(p) for p in b.desk.policy.preview(admin, no_approval_catch_all).problems]
    assert problems == [
        "deadline_rules：这是最后一条适用于所有案件的整案时效规则，不能删除或加条件：每个案件都须有处理期限",
        "approval_rules：至少要保留一条启用的兜底规则（不设任何条件），否则有的方案找不到核决规则",
    ]


def test_the_calendar_travels_only_when_asked(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    b.desk.admin.set_calendar_day(admin, date(2026, 12, 26), True, "调休上班")
    plain = b.desk.policy.export(admin)
    assert "[calendar]" not in plain
    with_calendar = b.desk.policy.export(admin, with_calendar=True)
    assert '{ day = "2026-12-26", working = true, note = "调休上班" }' in with_calendar
    moved = with_calendar.replace('day = "2026-12-26"', 'day = "2026-12-27"')
    shown = [render(c.text()) for c in b.desk.policy.preview(admin, moved).changes]
    assert shown == ["工作日历：新增 2026-12-27", "工作日历：删除 2026-12-26"]
    b.desk.policy.apply(admin, moved)
    assert b.desk.policy.export(admin, with_calendar=True) == moved
    assert b.desk.policy.preview(admin, plain).changes == ()  # a file without [calendar] leaves it alone


# --- any document: problems, never an exception ------------------------------------------------------

_SCALARS = st.one_of(
    st.text(max_size=30), st.integers(min_value=-(2**63), max_value=2**63 - 1), st.booleans(), st.none()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def _shipped_document() -> dict[str, object]:
    import tomllib

    return tomllib.loads(GENERAL.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_any_document_gives_problems_not_exceptions(data: st.DataObject) -> None:
    """The shipped document with one value anywhere replaced by anything TOML can hold."""
    doc = _shipped_document()
    node: object = doc
    for _ in range(data.draw(st.integers(0, 3))):  # walk down a few levels
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
            if isinstance(node[key], dict | list) and node[key]:
                node = node[key]
        elif isinstance(node, list) and node:
            index = data.draw(st.integers(0, len(node) - 1))
            if isinstance(node[index], dict | list) and node[index]:
                node = node[index]
    value = data.draw(_VALUES)
    if isinstance(node, dict):
        node[data.draw(st.one_of(st.sampled_from(sorted(node) or ["x"]), st.text(max_size=8)))] = value
    elif isinstance(node, list):
        node[data.draw(st.integers(0, len(node) - 1))] = value
    policy, problems = policy_from_document(doc)
    assert (policy is None) == bool(problems)
    for problem in problems:
        render(problem)  # every problem renders (its code and placeholders exist)


@pytest.mark.parametrize("preset", [p.name for p in list_presets()])
def test_every_shipped_preset_applies_and_round_trips(branch: Branch, preset: str) -> None:
    """Each preset file checks clean, names itself by its file name, applies, and its export round-trips."""
    b = branch
    admin = b["admin"]
    found = find(preset)
    assert found is not None
    policy, problems = parse_policy(found.text())
    assert problems == [] and policy is not None, [render(p) for p in problems]
    assert policy.header.name == preset and policy.header.title == found.title
    b.desk.policy.apply(admin, found.text())
    first = b.desk.policy.export(admin)
    assert b.desk.policy.preview(admin, first).changes == ()
    b.desk.policy.apply(admin, first)
    assert b.desk.policy.export(admin) == first


def test_rules_and_templates_with_the_same_label_round_trip(branch: Branch) -> None:
    """The settings pages allow two rules (or templates) with one label: the file and its diff do too."""
    b = branch
    admin = b["admin"]
    twin = RuleInput(priority=95, label="投诉·一般 1 个工作日", amount=2, unit="working_days", kind="praise")
    b.desk.deadline_policy.save(admin, None, twin)
    first = b.desk.policy.export(admin)
    assert first.count('label = "投诉·一般 1 个工作日"') == 2
    assert b.desk.policy.preview(admin, first).changes == ()
    changed = first.replace(
        'amount = 2\nunit = "working_days"\nstep = "case"\nkind = "praise"',
        'amount = 4\nunit = "working_days"\nstep = "case"\nkind = "praise"',
    )
    shown = [render(c.text()) for c in b.desk.policy.preview(admin, changed).changes]
    assert shown == ["处理时效规则：修改 case/投诉·一般 1 个工作日 #2（amount: 2 → 4）"]
    b.desk.policy.apply(admin, changed)
    assert b.desk.policy.export(admin) == changed
