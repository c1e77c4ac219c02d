"""Issue 12 "fields": a 4S car dealer's own fields (车型, 车牌) from intake to the case view, the action
that corrects them, the forms, the ledger, the queue filter and the monthly breakdown; the branch profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchdesk.domain.vocab import Kind, Role, Status
from branchdesk.domain.workflow import Action, CaseFacts, refusal
from branchdesk.errors import BranchDeskError, ConcurrentChange, DomainError, FieldError, PermissionDenied
from branchdesk.services.dto import CaseVersion, TriageInput
from tests.conftest import Branch, complaint_form

MODELS = ["Model Y", "汉 EV", "卡罗拉"]


def dealer(b: Branch) -> None:
    """The dealer's fields: 车型 from a list (required), 车牌 free text."""
    b.desk.admin.save_custom_field(b["admin"], "car_model", "车型", "choice", MODELS, required=True)
    b.desk.admin.save_custom_field(b["admin"], "plate_no", "车牌", "text")


def registered(b: Branch, model: str = "汉 EV", plate: str = "沪A·12345") -> int:
    form = complaint_form(custom={"car_model": model, "plate_no": plate})
    return b.desk.intake.register(b["clerk"], form).id


def test_case_view_shows_custom_fields_with_labels_and_keeps_a_deactivated_one(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    shown = [(f.label, f.type, f.value, f.active) for f in view.custom_fields]
    assert shown == [("车型", "choice", "汉 EV", True), ("车牌", "text", "沪A·12345", True)]
    b.desk.admin.save_custom_field(b["admin"], "plate_no", "车牌", "text", active=False)
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    assert [(f.label, f.value, f.active) for f in view.custom_fields] == [
        ("车型", "汉 EV", True),
        ("车牌", "沪A·12345", False),
    ]


def test_editing_records_old_and_new_and_refuses_a_stale_version(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    seen = b.desk.queries.case_detail(b["clerk"], case_id).version
    ref = b.desk.intake.edit_custom_fields(
        b["crm"], CaseVersion(case_id, seen), {"car_model": "Model Y", "plate_no": "沪B·99999"}
    )
    assert ref.version != seen
    view = b.desk.queries.case_detail(b["clerk"], case_id)
    assert view.custom == {"car_model": "Model Y", "plate_no": "沪B·99999"}
    entry = view.timeline[-1]
    assert entry.action == "edit_custom"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("车型", "汉 EV", "Model Y"),
        ("车牌", "沪A·12345", "沪B·99999"),
    ]
    with pytest.raises(ConcurrentChange):  # someone else's view, from before that change
        b.desk.intake.edit_custom_fields(b["clerk"], CaseVersion(case_id, seen), {"plate_no": "沪C·1"})
    assert b.desk.queries.case_detail(b["clerk"], case_id).custom["plate_no"] == "沪B·99999"


def test_editing_uses_the_intake_rules_and_the_workflow(branch: Branch) -> None:
    b = branch
    dealer(b)
    case_id = registered(b)
    with pytest.raises(FieldError) as error:
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"car_model": "拖拉机"})
    assert list(error.value.texts) == ["custom.car_model"]
    with pytest.raises(FieldError) as error:  # required stays required
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"car_model": ""})
    assert list(error.value.texts) == ["custom.car_model"]
    with pytest.raises(FieldError):
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"nonsense": "x"})
    b.desk.cases.triage(
        b["crm"],
        case_id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    b.desk.intake.edit_custom_fields(b["handler"], case_id, {"plate_no": "沪A·12346"})  # the case's handler
    with pytest.raises(BranchDeskError):  # another handler (who does not even see the case)
        b.desk.intake.edit_custom_fields(b["handler2"], case_id, {"plate_no": "x"})
    with pytest.raises(DomainError):  # a role the table does not name
        b.desk.intake.edit_custom_fields(b["gm"], case_id, {"plate_no": "x"})
    b.desk.cases.void(b["crm"], case_id, "重复登记")
    with pytest.raises(DomainError):
        b.desk.intake.edit_custom_fields(b["clerk"], case_id, {"plate_no": "x"})
    assert b.desk.queries.case_detail(b["clerk"], case_id).custom["plate_no"] == "沪A·12346"


def test_the_workflow_lets_a_handler_edit_only_their_own_case() -> None:
    facts = CaseFacts(status=Status.IN_PROGRESS, kind=Kind.COMPLAINT, handler_id=1, complained_user_id=None, recorder_id=3)
    assert refusal(Action.EDIT_CUSTOM, facts, 1, {Role.HANDLER}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.HANDLER}) is not None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.CLERK}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.CR_MANAGER}) is None
    assert refusal(Action.EDIT_CUSTOM, facts, 2, {Role.GM}) is not None
    for status in (Status.CLOSED, Status.VOID):
        closed = CaseFacts(status=status, kind=Kind.COMPLAINT, handler_id=1, complained_user_id=None, recorder_id=3)
        assert refusal(Action.EDIT_CUSTOM, closed, 2, {Role.CLERK}) is not None
