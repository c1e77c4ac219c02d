"""分派 from the queue (issue 17, part D): several cases to one handler, each write naming the version
the user saw; a case changed meanwhile is refused with who changed it, the others go through."""

from __future__ import annotations

import pytest

from branchdesk.errors import FieldError
from branchdesk.i18n import render
from branchdesk.read.queue import QueueFilter
from branchdesk.services.dto import CaseVersion, TriageInput
from tests.conftest import Branch, complaint_form


def waiting_for_a_handler(b: Branch, n: int) -> list[int]:
    """Complaints triaged to 质量管理部 without a handler (待处理)."""
    ids = []
    for i in range(n):
        ref = b.desk.intake.register(
            b["clerk"], complaint_form(phone=f"1370000{i:04d}", order_no=f"SO-BULK-{i}")
        )
        b.desk.cases.triage(
            b["crm"],
            ref.id,
            TriageInput(
                valid=True,
                category_code="business.damage",
                severity="normal",
                responsible_department_id=b["handler"].department_id,
            ),
        )
        ids.append(ref.id)
    return ids


def test_bulk_assignment_refuses_only_the_stale_case(branch: Branch) -> None:
    b = branch
    ids = waiting_for_a_handler(b, 3)
    seen = {row.id: row.version for row in b.desk.queries.queue_page(b["crm"], QueueFilter()).rows}
    b.clock.advance(minutes=5)
    b.desk.cases.assign(b["qa_mgr"], ids[1], b["sales_mgr"].user_id)  # someone else, meanwhile
    outcome = b.desk.cases.assign_many(
        b["crm"], [CaseVersion(i, seen[i]) for i in ids], b["handler"].user_id, note="批量分派"
    )
    assert sorted(ref.id for ref in outcome.done) == [ids[0], ids[2]]
    assert [case_id for case_id, _ in outcome.refused] == [ids[1]]
    reason = render(outcome.refused[0][1], "zh_CN")
    assert "赵强" in reason and "修改了本案" in reason, reason
    rows = {row.id: row for row in b.desk.queries.queue_page(b["crm"], QueueFilter()).rows}
    assert [rows[i].handler_name for i in ids] == ["张伟", "孙丽", "张伟"]
    with pytest.raises(FieldError):  # not a handler: the same for every case, refused as a whole
        b.desk.cases.assign_many(b["crm"], [CaseVersion(ids[0], rows[ids[0]].version)], b["clerk"].user_id)
    with pytest.raises(FieldError):
        b.desk.cases.assign_many(b["crm"], [], b["handler"].user_id)
    with pytest.raises(FieldError):
        b.desk.cases.assign_many(b["crm"], [ids[0]], b["handler"].user_id)  # type: ignore[list-item]
