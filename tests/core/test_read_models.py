"""The read side carries codes and data, never display-keyed dicts or rendered vocabulary labels."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from enum import Enum
from typing import Any

import branchdesk.read
from branchdesk.domain.intake import FIELD_LABELS
from branchdesk.domain.vocab import (
    Decision,
    EscalationReason,
    Kind,
    LinkKind,
    Responsibility,
    Role,
    Severity,
    Status,
)
from branchdesk.i18n import Label, Text, label, render
from branchdesk.read.case_view import CaseView
from branchdesk.read.queue import QueueFilter
from branchdesk.read.values import Choice
from branchdesk.services.dto import FollowUpInput, ReplyInput
from branchdesk.texts import LABELS
from tests.conftest import PASSWORD, Branch, complaint_form, proposed_case

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def worked_case(b: Branch) -> CaseView:
    """A complaint triaged, investigated, approved at two levels, replied, visited dissatisfied
    (so escalated) and complained about again (so linked)."""
    ref = proposed_case(b, "allowance", "8000", shares=[(b["handler"].department_id, 100)])
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.decide_approval(b["deputy"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", "已告知折让 8000 元", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", False, 1, "不满意"))
    b.desk.intake.register(b["clerk"], complaint_form())  # same customer again: a repeat
    return b.desk.queries.case_detail(b["crm"], ref.id)


def walk(value: Any, path: str = "view") -> list[tuple[str, Any]]:
    """Every (path, value) in a view tree, dataclass fields and dict keys included."""
    found = [(path, value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            found.append((f"{path}[{key!r}]", key))
            found += walk(item, f"{path}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += walk(item, f"{path}[{index}]")
    return found


def test_no_read_model_has_a_display_label_for_a_field_name(branch: Branch) -> None:
    view = worked_case(branch)
    # Names in the tree: field names, and the keys of every dict in it (e.g. intake_raw, actions).
    names = [p.rsplit(".", 1)[-1] for p, _ in walk(view)]
    assert not [n for n in names if CJK.search(n)]
    for module in pkgutil.iter_modules(branchdesk.read.__path__, "branchdesk.read."):
        for name, cls in vars(importlib.import_module(module.name)).items():
            if dataclasses.is_dataclass(cls) and not name.startswith("_"):
                assert all(f.name.isascii() for f in dataclasses.fields(cls)), name
                assert not [
                    f.name
                    for f in dataclasses.fields(cls)
                    if f.name.endswith("_label") and f.name != "category_label"
                ], name  # the one label is the branch's data


def test_vocabulary_values_are_codes_and_branch_lists_carry_code_and_label(branch: Branch) -> None:
    view = worked_case(branch)
    assert view.status is Status.AWAITING_FOLLOWUP and view.close_kind is None
    assert view.intake.kind is Kind.COMPLAINT
    assert view.intake.channel == Choice("phone", "来电")
    assert view.intake.request_type is not None and view.intake.request_type.code == "compensation"
    assert view.triage is not None and view.triage.severity is Severity.NORMAL
    assert [c.code for c in view.triage.category_path] == ["business", "business.damage"]
    assert view.investigation is not None and view.investigation.responsibility is Responsibility.OURS
    resolution = view.resolutions[0]
    assert resolution.required_roles == [Role.DEPT_MANAGER, Role.DEPUTY_GM]
    assert resolution.resolution_type.code == "allowance"
    assert {(a.level_role, a.decision) for a in resolution.approvals} == {
        (Role.DEPT_MANAGER, Decision.APPROVE),
        (Role.DEPUTY_GM, Decision.APPROVE),
    }
    assert view.replies[0].method.code == "phone" and view.follow_ups[0].satisfaction == 1
    assert {e.reason for e in view.escalations} == {EscalationReason.DISSATISFIED, EscalationReason.REPEAT}
    assert view.links[0].kind is LinkKind.REPEAT
    assert view.intake_raw["complainant_name"] == "李先生" and view.intake_raw["request_amount"] == "800.00"
    # Rendered at the edge, in either language.
    assert label(view.shown_status, "en") == "Awaiting follow-up" and label(view.shown_status) == "待回访"
    assert all(isinstance(entry.text, Text) for entry in view.timeline)
    assert render(view.timeline[0].text)  # a legacy or coded text renders to something


def test_queue_rows_carry_codes_and_a_typed_time_left(branch: Branch) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    b.clock.advance(days=7)
    row = b.desk.queries.queue_page(b["crm"], QueueFilter()).rows[0]
    assert row.kind is Kind.COMPLAINT and row.status is Status.REGISTERED and row.severity is None
    assert row.time_left is not None and row.overdue
    assert render(row.time_left.text(), "en").endswith("days overdue")
    assert render(row.time_left.text()).startswith("已逾期")


def test_every_field_a_change_can_name_has_a_label_in_both_languages(branch: Branch) -> None:
    fields = LABELS["Field"]
    for name, chinese in FIELD_LABELS.items():
        assert fields[name][0] == chinese, name
    view = worked_case(branch)
    changed = {c.field for entry in view.timeline for c in entry.changes}
    assert changed and changed <= set(fields)
    assert label(Label("Field", "handler_id"), "en") == "Handler"
    assert all(isinstance(c.new, Enum) or c.field != "severity" for e in view.timeline for c in e.changes)
