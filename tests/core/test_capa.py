"""Corrective and preventive actions (issue 14 part B), end to end through the services on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from branchdesk.domain.capa import CapaStatus
from branchdesk.domain.vocab import Decision, Role, Status
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, NotFound, PermissionDenied
from branchdesk.i18n import render
from branchdesk.read.capa import CapaFilter
from branchdesk.services.dto import (
    CaseVersion,
    FollowUpInput,
    IncomingFile,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.storage.models import CapaItem, CapaVerification, Department, Event
from tests.conftest import PASSWORD, Branch, complaint_form

_serial = iter(range(1000, 9999))


def investigated(b: Branch) -> int:
    """A complaint triaged to 张伟 (质量管理部) and investigated: the handler takes CAPA items from it."""
    n = next(_serial)
    ref = b.desk.intake.register(b["clerk"], complaint_form(phone=f"1390013{n:04d}", order_no=f"SO-{n}"))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    b.desk.cases.record_investigation(
        b["handler"],
        ref.id,
        InvestigationInput(
            "装卸不当", "外箱受压", "属实", "ours", responsible_department_id=b["handler"].department_id
        ),
    )
    return ref.id


def followed_up(b: Branch, case_id: int) -> None:
    b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("compensation", "100", "赔偿"))
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=True))
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))


def add_item(b: Branch, case_id: int, who: str = "handler", owner: str = "handler2", days: int = 10) -> int:
    return b.desk.capa.add(
        b[who],
        case_id,
        kind="corrective",
        description="装卸规范培训",
        owner_id=b[owner].user_id,
        department_id=b[owner].department_id or 0,
        due_date=b.clock.now.date() + timedelta(days=days),
    )


def row(b: Branch, item_id: int, who: str = "crm"):  # type: ignore[no-untyped-def]
    (found,) = [r for r in b.desk.capa.list(b[who]) if r.id == item_id]
    return found


def test_an_item_verified_not_effective_is_reopened_then_verified_effective(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    item_id = add_item(b, case_id)
    r = row(b, item_id)
    assert (r.status, r.owner_id, r.reopen_count) == (CapaStatus.OPEN, b["handler2"].user_id, 0)
    b.desk.capa.mark_done(b["handler2"], item_id, r.version, "已培训")
    r = row(b, item_id)
    b.clock.advance(days=3)
    b.desk.capa.verify(
        b["crm"],
        item_id,
        r.version,
        effective=False,
        evidence="抽查仍有违规",
        check_date=b.clock.now.date(),
        file=IncomingFile("检查记录.pdf", b"%PDF-1.4 evidence", "application/pdf"),
    )
    r = row(b, item_id)
    assert r.status is CapaStatus.NOT_EFFECTIVE
    new_due = b.clock.now.date() + timedelta(days=14)
    b.desk.capa.reopen(b["crm"], item_id, r.version, new_due, "再培训并考核")
    r = row(b, item_id)
    assert (r.status, r.due_date, r.reopen_count, r.done_at) == (CapaStatus.OPEN, new_due, 1, None)
    b.desk.capa.mark_done(b["handler2"], item_id, r.version, "已考核")
    b.clock.advance(days=1)
    b.desk.capa.verify(
        b["crm"],
        item_id,
        row(b, item_id).version,
        effective=True,
        evidence="复查合格",
        check_date=b.clock.now.date() + timedelta(days=30),
    )
    r = row(b, item_id)
    assert r.status is CapaStatus.VERIFIED
    assert [v.verdict for v in r.verifications] == [CapaStatus.NOT_EFFECTIVE, CapaStatus.VERIFIED]
    assert r.verifications[0].attachment_id is not None  # the evidence file is an attachment of the case
    detail = b.desk.queries.case_detail(b["crm"], case_id)
    assert [a.filename for a in detail.attachments] == ["检查记录.pdf"]
    # the history: every change is on the case's timeline, in both languages
    capa_events = [e for e in detail.timeline if e.action == f"capa:{item_id}"]
    assert [e.text.code for e in capa_events] == [
        "event.capa_added",
        "event.capa_done",
        "event.capa_not_effective",
        "event.capa_reopened",
        "event.capa_done",
        "event.capa_verified",
    ]
    assert "第 1 次重新打开" in render(capa_events[3].text, "zh_CN")
    assert "reopened (time 1)" in render(capa_events[3].text, "en")
    with b.desk.db.read() as session:
        assert session.scalar(select(func.count(CapaVerification.id))) == 2


def test_the_owner_may_not_verify_their_own_item(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    item_id = add_item(b, case_id, owner="crm")  # the overseer owns it: someone else of the role verifies
    b.desk.capa.mark_done(b["crm"], item_id, row(b, item_id).version)
    with pytest.raises(PermissionDenied) as refused:
        b.desk.capa.verify(
            b["crm"],
            item_id,
            row(b, item_id).version,
            effective=True,
            evidence="自查",
            check_date=b.clock.now.date(),
        )
    assert refused.value.text is not None and refused.value.text.code == "capa.own_item"
    # nor may someone outside the oversight role
    with pytest.raises(PermissionDenied):
        b.desk.capa.verify(
            b["handler"],
            item_id,
            row(b, item_id).version,
            effective=True,
            evidence="看过",
            check_date=b.clock.now.date(),
        )
    assert row(b, item_id).status is CapaStatus.DONE
    # the policy names another role: the GM now oversees and verifies
    b.desk.admin.set_setting(b["admin"], "capa_oversight_role", "gm")
    b.desk.capa.verify(
        b["gm"],
        item_id,
        row(b, item_id, "gm").version,
        effective=True,
        evidence="看过",
        check_date=b.clock.now.date(),
    )
    assert row(b, item_id, "gm").status is CapaStatus.VERIFIED


def test_a_stale_write_is_refused_naming_who_changed_the_item(branch: Branch) -> None:
    b = branch
    item_id = add_item(b, investigated(b))
    seen = row(b, item_id).version
    b.desk.capa.reassign(
        b["crm"],
        item_id,
        seen,
        owner_id=b["handler"].user_id,
        department_id=b["handler"].department_id or 0,
        due_date=b.clock.now.date() + timedelta(days=20),
    )
    with pytest.raises(ConcurrentChange) as stale:
        b.desk.capa.mark_done(b["handler2"], item_id, seen)
    assert stale.value.text is not None and stale.value.text.code == "capa.changed"
    assert "陈静" in render(stale.value.text, "zh_CN")
    assert row(b, item_id).status is CapaStatus.OPEN
    # the former owner, now on the version shown, no longer sees it (not their case, not their item)
    with pytest.raises(NotFound):
        b.desk.capa.mark_done(b["handler2"], item_id, row(b, item_id).version)
    b.desk.capa.mark_done(b["handler"], item_id, row(b, item_id).version)


def test_who_adds_items_and_when(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    with pytest.raises(DomainError) as refused:  # sees the case, but neither its handler nor the overseer
        add_item(b, case_id, who="qa_mgr")
    assert refused.value.text is not None and refused.value.text.code == "capa.add_refused"
    with pytest.raises(NotFound):  # another handler does not even see the case
        add_item(b, case_id, who="handler2")
    with pytest.raises(FieldError) as past:
        add_item(b, case_id, days=-1)
    assert "due_date" in past.value.texts
    add_item(b, case_id, who="crm")
    # a stale case version is refused
    with pytest.raises(ConcurrentChange):
        b.desk.capa.add(
            b["handler"],
            CaseVersion(case_id, 1),
            kind="preventive",
            description="x",
            owner_id=b["handler"].user_id,
            department_id=b["handler"].department_id or 0,
            due_date=b.clock.now.date(),
        )
    # CAPA outlives the case: after closing, the handler still adds items
    followed_up(b, case_id)
    b.desk.cases.close(b["clerk"], case_id)
    assert b.desk.queries.case_detail(b["crm"], case_id).status is Status.CLOSED
    add_item(b, case_id)
    assert len(b.desk.capa.of_case(b["crm"], case_id)) == 2


def test_capa_blocks_close_when_the_policy_says_so(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    item_id = add_item(b, case_id)
    followed_up(b, case_id)
    b.desk.admin.set_setting(b["admin"], "capa_blocks_close", True)
    with pytest.raises(DomainError) as refused:
        b.desk.cases.close(b["clerk"], case_id)
    assert refused.value.text is not None and refused.value.text.code == "refusal.capa_open"
    assert f"#{item_id}" in render(refused.value.text, "zh_CN")
    detail = b.desk.queries.case_detail(b["clerk"], case_id)
    assert detail.actions["close"] is not None  # the button says why, from the same rule
    b.desk.capa.mark_done(b["handler2"], item_id, row(b, item_id).version)
    with pytest.raises(DomainError):  # done is not enough: verified effective closes the item
        b.desk.cases.close(b["clerk"], case_id)
    b.desk.capa.verify(
        b["crm"],
        item_id,
        row(b, item_id).version,
        effective=True,
        evidence="有效",
        check_date=b.clock.now.date(),
    )
    b.desk.cases.close(b["clerk"], case_id)
    assert b.desk.queries.case_detail(b["crm"], case_id).status is Status.CLOSED


def test_without_the_policy_an_open_item_does_not_block_close(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    add_item(b, case_id)
    followed_up(b, case_id)
    b.desk.cases.close(b["clerk"], case_id)
    assert b.desk.queries.case_detail(b["crm"], case_id).status is Status.CLOSED


def test_the_overdue_tile_counts_what_the_list_shows(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    late = [add_item(b, case_id, days=1), add_item(b, case_id, days=2, owner="handler")]
    add_item(b, case_id, days=30)  # not late
    done = add_item(b, case_id, days=1)
    b.desk.capa.mark_done(b["handler2"], done, row(b, done).version)  # done: not overdue
    b.clock.advance(days=5)
    crm_tile = b.desk.capa.work_tile(b["crm"])
    assert crm_tile is not None and crm_tile.oversight
    listed = b.desk.capa.list(b["crm"], crm_tile.filter)
    assert crm_tile.count == len(listed) == 2
    assert sorted(r.id for r in listed) == sorted(late) and all(r.overdue for r in listed)
    owner_tile = b.desk.capa.work_tile(b["handler2"])
    assert owner_tile is not None and not owner_tile.oversight
    mine = b.desk.capa.list(b["handler2"], owner_tile.filter)
    assert owner_tile.count == len(mine) == 1 and mine[0].id == late[0]
    # counted independently in the database
    with b.desk.db.read() as session:
        today = b.clock.now.date()
        assert (
            session.scalar(
                select(func.count(CapaItem.id)).where(
                    CapaItem.status.in_(["open", "not_effective"]), CapaItem.due_date < today
                )
            )
            == crm_tile.count
        )
    assert b.desk.capa.work_tile(b["admin"]) is None


def test_the_filters(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    a = add_item(b, case_id, owner="handler2")
    c = add_item(b, case_id, owner="handler")
    b.desk.capa.mark_done(b["handler"], c, row(b, c).version)
    sales = b["handler2"].department_id
    assert [r.id for r in b.desk.capa.list(b["crm"], CapaFilter(department_id=sales))] == [a]
    assert [r.id for r in b.desk.capa.list(b["crm"], CapaFilter(status="done"))] == [c]
    assert [r.id for r in b.desk.capa.list(b["crm"], CapaFilter(owner_id=b["handler2"].user_id))] == [a]
    assert b.desk.capa.count(b["crm"], CapaFilter(case_id=case_id)) == 2
    with pytest.raises(FieldError):
        b.desk.capa.list(b["crm"], CapaFilter(status="nonsense"))
    # a handler sees the items of their cases and their own, not others'
    other = investigated(b)
    b.desk.cases.assign(b["crm"], other, b["sales_mgr"].user_id)
    assert {r.id for r in b.desk.capa.list(b["handler2"])} == {a}


def test_every_item_change_is_an_event_on_the_case(branch: Branch) -> None:
    b = branch
    case_id = investigated(b)
    item_id = add_item(b, case_id)
    b.desk.capa.mark_done(b["handler2"], item_id, row(b, item_id).version)
    with b.desk.db.read() as session:
        actions = session.scalars(select(Event.action).where(Event.case_id == case_id)).all()
    assert actions.count(f"capa:{item_id}") == 2


def test_the_monthly_workbook_has_a_capa_sheet_matching_the_database(branch: Branch, tmp_path: Path) -> None:
    import openpyxl

    from branchdesk.reports.capa_sheet import HEADINGS, SHEET_NAME

    b = branch
    case_id = investigated(b)
    a = add_item(b, case_id, owner="handler2", days=3)  # SALES: done, not effective, reopened
    c = add_item(b, case_id, owner="handler", days=3)  # QA: done, verified effective
    add_item(b, case_id, owner="handler", days=2)  # QA: overdue at month end
    add_item(b, case_id, owner="handler2", days=60)  # SALES: not due in the month
    b.desk.capa.mark_done(b["handler2"], a, row(b, a).version)
    b.desk.capa.mark_done(b["handler"], c, row(b, c).version)
    b.clock.advance(days=1)
    b.desk.capa.verify(
        b["crm"], a, row(b, a).version, effective=False, evidence="无效", check_date=b.clock.now.date()
    )
    b.desk.capa.verify(
        b["crm"], c, row(b, c).version, effective=True, evidence="有效", check_date=b.clock.now.date()
    )
    b.desk.capa.reopen(b["crm"], a, row(b, a).version, b.clock.now.date() + timedelta(days=5))
    path = b.desk.reports.export_monthly(b["crm"], 2026, 11, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(path)[SHEET_NAME]
    values = [[cell.value for cell in r] for r in sheet.iter_rows(min_row=2)]
    assert values[0] == HEADINGS
    read_back = {r[0]: r[1:] for r in values[1:]}

    # counted independently: every item and verification, in Python
    start, end = datetime(2026, 11, 1), datetime(2026, 12, 1)
    with b.desk.db.read() as session:
        items = session.scalars(select(CapaItem)).all()
        checks = session.scalars(select(CapaVerification)).all()
        names = {d.id: d.name for d in session.scalars(select(Department))}
        expected: dict[str, list[int]] = {}
        for item in items:
            counts = expected.setdefault(names[item.department_id], [0, 0, 0, 0])
            counts[0] += start <= item.created_at < end
            late = item.due_date < end.date() and (item.done_at is None or item.done_at >= end)
            counts[3] += item.created_at < end and late
        for check in checks:
            item = session.get(CapaItem, check.item_id)
            assert item is not None
            counts = expected[names[item.department_id]]
            counts[1] += start <= check.at < end
            counts[2] += start <= check.at < end and check.verdict == "verified"
    assert expected == {"质量管理部": [2, 1, 1, 1], "业务部门": [2, 1, 0, 1]}  # as intended
    for department, (opened, closed, effective, overdue) in expected.items():
        got = read_back[department]
        assert (got[0], got[1], got[2], got[4]) == (opened, closed, effective, overdue)
        assert got[3] == (effective / closed if closed else "—")
    assert list(read_back["合计"]) == [4, 2, 1, 0.5, 2]


def test_the_oversight_role_setting_takes_only_a_case_role(branch: Branch) -> None:
    b = branch
    for wrong in ("admin", "quality_manager", ""):
        with pytest.raises(FieldError):
            b.desk.admin.set_setting(b["admin"], "capa_oversight_role", wrong)
    b.desk.admin.set_setting(b["admin"], "capa_oversight_role", "dept_manager")
    assert b.desk.capa.oversight_role(b["crm"]) is Role.DEPT_MANAGER


def test_a_branch_from_before_capa_upgrades_and_keeps_its_cases(branch: Branch) -> None:
    """Migration 0024 on an existing branch (both engines): a case investigated before it, with its
    countermeasure text, gets the tables empty and takes items afterwards; the text stays as it was."""
    from sqlalchemy import inspect

    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    case_id = investigated(b)
    rewind_to(b.desk.db, revision_before("0024"))
    with b.desk.db.read() as session:
        assert "capa_item" not in inspect(session.get_bind()).get_table_names()
    upgrade(b.desk.db)
    assert b.desk.capa.of_case(b["crm"], case_id) == []
    item_id = add_item(b, case_id)
    assert [r.id for r in b.desk.capa.of_case(b["crm"], case_id)] == [item_id]
