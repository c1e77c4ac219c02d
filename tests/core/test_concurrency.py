"""Several PCs, one truth: an action names the version of the case the user saw; a stale one is refused
with who changed what and when, and the first change stands."""

from __future__ import annotations

import pytest

from branchdesk.errors import ConcurrentChange
from branchdesk.i18n import render
from branchdesk.services.dto import CaseVersion, InvestigationInput, TriageInput
from tests.conftest import Branch, complaint_form


def triage_input(b: Branch, severity: str) -> TriageInput:
    return TriageInput(
        valid=True, category_code="business.damage", severity=severity, handler_id=b["handler"].user_id
    )


def test_a_second_triage_on_what_was_seen_before_is_refused_with_who_changed_what(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    seen = CaseVersion(ref.id, ref.version)  # both managers opened the case at this version
    first = b.desk.cases.triage(b["crm"], seen, triage_input(b, "moderate"))
    assert first.version > ref.version
    with pytest.raises(ConcurrentChange) as refused:
        b.desk.cases.triage(b["crm"], seen, triage_input(b, "normal"))
    message = render(refused.value.text, "zh_CN")
    assert "陈静" in message and "分派给 张伟" in message  # the last thing the first triage did
    assert "changed this case" in render(refused.value.text, "en")
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert detail.status == "in_progress"
    # The first decision stands: the stale one changed nothing.
    with b.desk.db.read() as session:
        from branchdesk.storage.models import Case

        case = session.get(Case, ref.id)
        assert case is not None and case.severity == "moderate" and case.version == first.version


def test_two_first_investigations_cannot_both_land(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    assigned = b.desk.cases.triage(b["crm"], ref.id, triage_input(b, "normal"))
    seen = CaseVersion(assigned.id, assigned.version)
    report = InvestigationInput(
        cause="装卸",
        details="挤压",
        conclusion="属实",
        responsibility="ours",
        responsible_department_id=b["handler"].department_id,
    )
    b.desk.cases.record_investigation(b["handler"], seen, report)
    with pytest.raises(ConcurrentChange):
        b.desk.cases.record_investigation(b["handler"], seen, report)


def test_acting_on_the_version_just_returned_goes_through(branch: Branch) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    after = b.desk.cases.triage(b["crm"], CaseVersion(ref.id, ref.version), triage_input(b, "normal"))
    b.desk.cases.escalate(b["crm"], CaseVersion(after.id, after.version), "客户情绪激动")


@pytest.mark.slow
def test_writers_in_separate_processes_never_overwrite_silently(branch: Branch) -> None:
    """Three counter PCs hammer one case: every refusal is a conflict, and no action lands on a
    version its user did not see (tools/concurrency_check.py prints the same counts for longer runs)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from concurrency_check import run

    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.triage(b["crm"], ref.id, triage_input(b, "normal"))  # in progress: it can be escalated
    b.desk.db.dispose()
    figures = run(b.url, ref.case_no, ["crm", "gm", "crm"], seconds=3)
    assert figures["errors"] == 0, figures
    assert figures["silent_overwrites"] == 0, figures
    assert figures["actions"] == figures["recorded"] and figures["actions"] > 0, figures
    assert figures["conflicts"] > 0, figures  # they really raced
