"""The deadline sweep in bounded write units (issue 16 part P), on both engines: a backlog larger than one
unit is swept completely across units, each overdue deadline and late step acting exactly once, and
another PC's save between two units goes through and is not overwritten by the next unit."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import text

from branchdesk.domain.vocab import DeadlineStep, EscalationReason
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.cases import SweepBatch
from branchdesk.services.dto import CaseVersion
from branchdesk.storage.database import Database, resolve_url
from tests.conftest import START, Branch, complaint_form
from tests.core.test_step_deadlines import assigned, step


def backlog(b: Branch, cases: int) -> list[int]:
    """``cases`` complaints assigned now and left alone for a month: every deadline and step is late."""
    ids = [assigned(b, phone=f"1391234{n:04d}", order_no=f"SO-{n}") for n in range(cases)]
    b.clock.now = START + timedelta(days=30)
    return ids


def overdue_escalations(b: Branch, case_id: int) -> int:
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    return sum(e.reason is EscalationReason.OVERDUE for e in detail.escalations)


def step_alerts(b: Branch) -> dict[int, Counter[str]]:
    """The late steps acted on, per case: step → how many times (the sweep's marker rows)."""
    with b.desk.db.read() as session:
        rows = session.execute(text("SELECT case_id, step FROM step_alert")).all()
    alerts: dict[int, Counter[str]] = {}
    for case_id, which in rows:
        alerts.setdefault(case_id, Counter())[which] += 1
    return alerts


def test_a_backlog_larger_than_one_unit_is_swept_completely_each_deadline_once(branch: Branch) -> None:
    b = branch
    ids = backlog(b, 5)
    batches: list[SweepBatch] = []
    while not batches or batches[-1].more:
        batches.append(b.desk.cases.sweep_batch(limit=2))
        assert len(batches) < 40, "the sweep must end"
    # 5 case deadlines and their late steps do not fit in units of 2: several units, the last says done
    assert len(batches) >= 4 and all(x.more for x in batches[:-1]) and not batches[-1].more
    assert sum(x.escalated for x in batches) == 5
    assert sum(x.steps_acted for x in batches) >= 5  # at least the first contact of each
    for case_id in ids:
        assert overdue_escalations(b, case_id) == 1
    # nothing is left, and nothing acts twice
    again = b.desk.cases.sweep_batch(limit=2)
    assert (again.escalated, again.steps_acted, again.more) == (0, 0, False)
    assert b.desk.cases.sweep() == 0 and b.desk.cases.steps_acted == 0


def test_the_batched_sweep_acts_on_every_late_step_of_every_case_once(branch: Branch) -> None:
    b = branch
    ids = backlog(b, 3)
    assert b.desk.cases.sweep() == 3
    alerts = step_alerts(b)
    assert sorted(alerts) == sorted(ids)
    assert all(alerts[i] == alerts[ids[0]] for i in ids)  # each case: the same late steps
    assert set(alerts[ids[0]].values()) == {1}  # each once
    assert b.desk.cases.steps_acted == sum(sum(c.values()) for c in alerts.values()) - len(ids) * sum(
        1 for step in alerts[ids[0]] if step == "reply"  # a reply due with the deadline is only marked
    )


def test_a_save_between_two_units_goes_through_and_is_not_overwritten(branch: Branch) -> None:
    b = branch
    ids = backlog(b, 4)
    first = b.desk.cases.sweep_batch(limit=2)
    assert first.more and first.escalated == 2
    # Another PC (its own connections) saves between the two units: the lock is free, nothing waits.
    other = BranchDesk(Database(resolve_url(b.url)), b.clock)
    try:
        registered = other.intake.register(b["clerk"], complaint_form(phone="13700001111", order_no="SO-X"))
        # the handler reaches the customer of a case the next unit has not reached yet
        last = ids[-1]
        seen = other.queries.case_detail(b["handler"], last)  # a detail read escalates it already
        other.cases.record_first_contact(b["handler"], CaseVersion(last, seen.version), "phone", "已致电客户")
    finally:
        other.db.dispose()
    while b.desk.cases.sweep_batch(limit=2).more:
        pass
    detail = b.desk.queries.case_detail(b["crm"], last)
    assert step(detail, DeadlineStep.FIRST_CONTACT).done_at == b.clock.now  # the handler's save stayed
    assert overdue_escalations(b, last) == 1  # escalated once: by the read, not again by the sweep
    assert b.desk.queries.case_detail(b["crm"], registered.id).case_no == registered.case_no


@pytest.mark.parametrize("limit", [0, -1, 10**9, True, "200"])
def test_a_unit_size_out_of_range_is_refused_naming_it(branch: Branch, limit: object) -> None:
    with pytest.raises(FieldError) as info:
        branch.desk.cases.sweep_batch(limit=limit)  # type: ignore[arg-type]
    assert "limit" in info.value.errors
