"""The catalogue is complete in both languages, and core texts render in the reader's language."""

from __future__ import annotations

import ast
import itertools
import re
import string
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import branchdesk
from branchdesk.domain import vocab
from branchdesk.domain.defaults import FORM_TITLES
from branchdesk.domain.intake import FIELD_LABELS, INTAKE_FIELDS, IntakeForm, validate_intake
from branchdesk.domain.severity import MajorFacts, MajorPolicy, major_reason_label, major_reasons
from branchdesk.domain.workflow import Action, CaseFacts, refusal
from branchdesk.errors import BranchDeskError, FieldError
from branchdesk.i18n import Label, Text, label, render
from branchdesk.printing.content import FORM_CODES
from branchdesk.services.dto import TriageInput
from branchdesk.services.timeline import event_text
from branchdesk.storage.models import Case, Event
from branchdesk.texts import CATALOGUE, LABELS, RETIRED_CODES
from tests.conftest import Branch, complaint_form

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
CORE = Path(branchdesk.__file__).parent
NOW = datetime(2026, 11, 24, 10, 0)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the catalogue ----------------------------------------------------------------------


def _values(node: ast.expr, constants: dict[str, set[str]]) -> set[str] | None:
    """Every string ``node`` can evaluate to, or None when it cannot be known statically."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _values(node.body, constants), _values(node.orelse, constants)
        return None if body is None or orelse is None else body | orelse
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _values(node.left, constants), _values(node.right, constants)
        if left is None or right is None:
            return None
        return {a + b for a, b in itertools.product(left, right)}
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def codes_used_in_core() -> tuple[set[str], list[str]]:
    """The first argument of every ``Text(...)`` in the core, and the places it cannot be resolved."""
    used: set[str] = set()
    unresolved: list[str] = []
    for path in CORE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "i18n.py":  # i18n rebuilds stored texts
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants: dict[str, set[str]] = {}
        for node in ast.walk(tree):  # names bound to string literals (``code = "event.reply_invalid"``)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        constants.setdefault(target.id, set()).add(node.value.value)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Text":
                if not node.args:
                    continue
                values = _values(node.args[0], constants)
                if values is None:
                    unresolved.append(f"{path.relative_to(CORE)}:{node.lineno}")
                else:
                    used |= values
    return used, unresolved


def test_every_code_the_core_uses_is_in_the_catalogue() -> None:
    used, unresolved = codes_used_in_core()
    assert not unresolved, f"codes that cannot be checked statically: {unresolved}"
    assert len(used) > 150  # the walk really found the core's texts
    missing = sorted(code for code in used if code not in CATALOGUE)
    assert not missing, missing
    assert all(len(code) <= 60 for code in used)  # Event.code is a String(60)
    unused = sorted(set(CATALOGUE) - used - RETIRED_CODES)
    assert not unused, f"catalogue entries nothing produces: {unused}"


def test_every_code_has_both_languages_with_the_same_placeholders() -> None:
    for code, (zh, en) in CATALOGUE.items():
        assert zh.strip() and en.strip(), code
        assert placeholders(zh) == placeholders(en), code
        assert not CJK.search(en), (code, en)


def test_every_label_has_both_languages() -> None:
    for vocabulary, entries in LABELS.items():
        for code, (zh, en) in entries.items():
            assert zh.strip() and en.strip(), (vocabulary, code)
            assert not CJK.search(en), (vocabulary, code, en)


@pytest.mark.parametrize(
    ("enum", "chinese"),
    [
        (vocab.Role, vocab.ROLE_LABELS),
        (vocab.Status, vocab.STATUS_LABELS),
        (vocab.Kind, vocab.KIND_LABELS),
        (vocab.Severity, vocab.SEVERITY_LABELS),
        (vocab.CloseKind, vocab.CLOSE_KIND_LABELS),
        (vocab.Decision, vocab.DECISION_LABELS),
        (vocab.LinkKind, vocab.LINK_LABELS),
        (vocab.EscalationReason, vocab.ESCALATION_REASON_LABELS),
        (vocab.Responsibility, vocab.RESPONSIBILITY_LABELS),
    ],
)
def test_vocabulary_labels_cover_every_code_and_keep_the_chinese(enum: type, chinese: dict) -> None:
    for member in enum:  # type: ignore[attr-defined]
        assert member.value in LABELS[enum.__name__], member
        assert label(member) == chinese[member], member


def test_vocabularies_the_core_names_by_code_are_complete() -> None:
    assert {a.value for a in Action} == set(LABELS["Action"])
    assert set(INTAKE_FIELDS) <= set(LABELS["Field"])
    assert {name: label(Label("Field", name)) for name in INTAKE_FIELDS} == FIELD_LABELS
    assert {code: LABELS["Form"][code][0] for code in FORM_CODES} == FORM_TITLES
    assert {u.value for u in vocab.DeadlineUnit} == set(LABELS["DeadlineUnit"])
    levels = [LABELS["EscalationLevel"][str(n)][0] for n in range(len(vocab.ESCALATION_LABELS))]
    assert tuple(levels) == vocab.ESCALATION_LABELS
    everything = MajorFacts(True, True, True, True, 9, True, 10**9, True)
    assert set(major_reasons(everything, MajorPolicy())) == set(LABELS["MajorReason"])


# --- rendering ----------------------------------------------------------------------------


def facts(status: vocab.Status, **overrides: object) -> CaseFacts:
    values: dict[str, object] = dict(
        status=status, kind=vocab.Kind.COMPLAINT, handler_id=1, complained_user_id=None, recorder_id=1
    )
    values.update(overrides)
    return CaseFacts(**values)  # type: ignore[arg-type]


def test_a_refusal_renders_in_both_languages() -> None:
    state = refusal(Action.ESCALATE, facts(vocab.Status.REGISTERED), 1, {vocab.Role.CR_MANAGER})
    role = refusal(Action.TRIAGE, facts(vocab.Status.REGISTERED), 1, {vocab.Role.CLERK})
    nobody = refusal(Action.TRIAGE, facts(vocab.Status.REGISTERED), 1, set())
    assert state is not None and role is not None and nobody is not None
    assert render(state) == "案件当前状态为“待分诊”，不能升级"
    assert render(role) == "您的角色（客服专员）无权分诊，需要：客户关系经理"
    assert render(nobody) == "您的角色（无角色）无权分诊，需要：客户关系经理"
    assert render(state, "en") == "The case is “To triage”: “Escalate” is not possible now"
    assert render(role, "en") == (
        "Your roles (Customer service clerk) may not “Triage”; needed: Customer relations manager"
    )
    for text in (state, role, nobody):
        assert not CJK.search(render(text, "en"))
    error = BranchDeskError(role)
    assert error.message == render(role) and error.render("en") == render(role, "en")


def test_a_field_error_renders_in_both_languages() -> None:
    with pytest.raises(FieldError) as info:
        validate_intake(
            IntakeForm(received_at=NOW, complainant_name="x" * 51, email="nope", request_amount="-5"),
            final=True,
            now=NOW,
            channels=["phone"],
            request_types=["compensation"],
            customer_types=[],
        )
    error = info.value
    assert error.errors == {
        "channel": "请选择投诉渠道",
        "complainant_name": "投诉人姓名最多 50 个字，现有 51 个",
        "email": "电子邮件格式不正确，例如 name@example.com",
        "content": "请填写投诉内容",
        "request_type": "请选择客户要求",
        "request_amount": "金额不能为负数",
    }
    assert error.rendered("zh_CN") == error.errors
    english = error.rendered("en")
    assert english["complainant_name"] == "Customer name: at most 50 characters, now 51"
    assert english["channel"] == "Please choose: Channel"
    assert all(not CJK.search(message) for message in english.values()), english
    assert error.message == "请选择投诉渠道"  # the first field's message, as before


def test_a_plain_string_error_stays_as_it_is() -> None:
    error = FieldError({"mapping": "找不到“受理时间”列"})
    assert error.rendered("en") == {"mapping": "找不到“受理时间”列"}
    assert BranchDeskError("disk full").render("en") == "disk full"


def test_timeline_events_keep_the_code_and_render_in_both_languages(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form(complainant_count=6))
    b.desk.cases.triage(
        b["crm"], ref.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )
    b.clock.advance(days=60)
    assert b.desk.cases.sweep() >= 1
    with b.desk.db.read() as session:
        case = session.get(Case, ref.id)
        assert case is not None and case.major_reasons == ["complainants"]
        events: dict[str, Event] = {}
        # the first of each code: the deadline's escalation comes before the major case's GM alert (step)
        for e in session.scalars(select(Event).where(Event.case_id == ref.id).order_by(Event.id)):
            if e.code:
                events.setdefault(e.code, e)
    triage, escalation = events["event.triage_valid"], events["event.escalation"]
    # ``summary`` is today's Chinese sentence, for readers that predate codes.
    assert triage.summary == "分诊：有效，重大投诉：投诉人 6 人（≥5）"
    assert escalation.summary == "案件升级：处理责任人 → 部门经理（超过处理时限）"
    assert render(event_text(triage)) == triage.summary
    assert render(event_text(escalation)) == escalation.summary
    assert render(event_text(triage), "en") == "Triage: valid; major complaint: 6 complainants (≥5)"
    assert render(event_text(escalation), "en") == (
        "Case escalated: Case handler → Department manager (Past the deadline)"
    )
    assert label(major_reason_label("complainants"), "en") == "Complainants at the major-complaint threshold"


def test_an_old_event_without_a_code_renders_its_summary(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    with b.desk.db.write() as session:
        session.add(
            Event(
                case_id=ref.id,
                at=NOW,
                actor_name="系统",
                action="note",
                summary="旧记录：客户来电催办",
                changes=[],
            )
        )
    with b.desk.db.read() as session:
        old = session.scalars(select(Event).where(Event.action == "note")).one()
        assert old.code is None and old.params is None
        assert event_text(old) == "旧记录：客户来电催办"
        assert render(event_text(old), "en") == "旧记录：客户来电催办"


def test_old_major_reasons_stored_as_chinese_still_read() -> None:
    assert label(major_reason_label("媒体介入"), "en") == "媒体介入"
    assert label(major_reason_label("media"), "en") == "Media involved"
    assert label(major_reason_label("media")) == "媒体介入"


def test_texts_survive_the_json_they_are_stored_as() -> None:
    text = Text(
        "event.escalation",
        {
            "step": Text(
                "event.escalated",
                {"from": Label("EscalationLevel", "0"), "to": Label("EscalationLevel", "1")},
            ),
            "reason": vocab.EscalationReason.MANUAL,
            "note": Text("event.note_colon", {"note": "客户要求"}),
        },
    )
    again = Text.from_json(text.to_json())
    assert render(again) == render(text) == "案件升级：处理责任人 → 部门经理（手动升级）：客户要求"
    assert (
        render(again, "en")
        == "Case escalated: Case handler → Department manager (Escalated by hand): 客户要求"
    )
