"""Retention with anonymisation and personal-data requests (issue 15 part R), end to end through the services.

The done-when: on a branch with cases in many states, everything eligible is anonymised; every figure of
the monthly workbooks and the work page is the same afterwards; the audit chain records it and verifies;
and (SQLite) after the WAL is checkpointed and the file VACUUMed, no customer's name or phone is anywhere
in the file's bytes.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, text

from branchdesk.domain.vocab import Decision
from branchdesk.errors import ConcurrentChange, DomainError, FieldError, PermissionDenied
from branchdesk.services.audit import verify_audit
from branchdesk.services.dto import CaseVersion, FollowUpInput, ReplyInput
from branchdesk.storage.models import Case, CasePrivacy, Customer, Event
from tests.conftest import PASSWORD, START, Branch, complaint_form, proposed_case
from tests.work_cases import many_states

LATER = START + timedelta(days=3 * 366)  # past the default two years for every case closed before START


def closed_case(b: Branch, n: int, attachment: bytes | None = None, **form: Any) -> int:
    """A complaint taken to the end: investigated, approved, replied, followed up and closed."""
    values: dict[str, Any] = dict(
        complainant_name=f"归档客户{n}",
        phone=f"137 1234 {n:04d}",
        address=f"北京市朝阳区幸福路{n}号",
        email=f"kehu{n}@example.cn",
        company=f"客户公司{n}",
        plate=f"京A{n:05d}",
        order_no=f"SO-R-{n:03d}",
        content=f"我是归档客户{n}，电话 137 1234 {n:04d}，货物破损。",
    )
    values.update(form)
    ref = proposed_case(b, "compensation", "150", **values)
    if attachment is not None:
        b.desk.cases.add_attachment(b["clerk"], ref.id, f"归档客户{n}身份证.jpg", attachment, "image/jpeg")
    b.desk.cases.decide_approval(b["qa_mgr"], ref.id, Decision.APPROVE, PASSWORD)
    b.desk.cases.record_reply(b["clerk"], ref.id, ReplyInput("phone", f"已电话告知归档客户{n}", True))
    b.desk.cases.record_follow_up(b["clerk"], ref.id, FollowUpInput("phone", True, 5, f"归档客户{n}满意"))
    b.desk.cases.close(b["crm"], ref.id)
    return ref.id


def personal_branch(b: Branch) -> dict[str, int]:
    """``many_states`` plus closed cases carrying every kind of personal data (a personal custom field,
    an attachment, a corrected phone)."""
    b.desk.admin.save_custom_field(b["admin"], "id_no", "证件号码", "text")
    b.desk.retention.mark_personal(b["admin"], "id_no", True)
    b.clock.now = START - timedelta(weeks=7)
    ids = {"archived1": closed_case(b, 1, b"\xff\xd8 id card", custom={"id_no": "110101199003071234"})}
    b.clock.now = START - timedelta(weeks=6, days=2)
    consultation = b.desk.intake.register(
        b["clerk"],
        complaint_form(
            kind="consultation", request_type="", complainant_name="咨询人甲", phone="136 5555 0001"
        ),
    )
    b.desk.intake.correct_intake(b["clerk"], consultation.id, {"phone": "136 5555 0002"}, "电话记错")
    b.desk.cases.answer(b["clerk"], consultation.id, ReplyInput("phone", "咨询人甲：保修一年", True))
    ids["consultation"] = consultation.id
    ids.update(many_states(b))
    b.clock.now = START + timedelta(hours=3)
    ids["archived2"] = closed_case(b, 2)
    return ids


def workbook_figures(b: Branch, tmp: Path, tag: str) -> dict[tuple[int, int, str, str], Any]:
    """Every number of the monthly workbooks of the months the cases fall in."""
    figures: dict[tuple[int, int, str, str], Any] = {}
    for year, month in ((2026, 9), (2026, 10), (2026, 11)):
        path = b.desk.reports.export_monthly(b["crm"], year, month, tmp / f"{tag}-{year}-{month}.xlsx")
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                        figures[(year, month, sheet.title, cell.coordinate)] = cell.value
    return figures


def by_column(figures: dict[tuple[int, int, str, str], Any]) -> dict[tuple[int, int, str, str], list[Any]]:
    """Each column's figures, sorted: the open-cases sheet lists cases received at the same minute in
    whatever order the engine returns them (``monthly.py`` orders by received time only), so on
    PostgreSQL two such rows may swap; every figure must still be there, in its column."""
    columns: dict[tuple[int, int, str, str], list[Any]] = {}
    for (year, month, sheet, cell), value in figures.items():
        column = cell.rstrip("0123456789")
        columns.setdefault((year, month, sheet, column), []).append(value)
    return {key: sorted(values) for key, values in columns.items()}


def personal_values(b: Branch, case_ids: list[int]) -> set[str]:
    """Names, phones (as typed and normalised), addresses, e-mails, companies, plates, ID numbers."""
    found: set[str] = set()
    with b.desk.db.read() as session:
        for case in session.scalars(select(Case).where(Case.id.in_(case_ids))):
            found |= {case.complainant_name, case.phone, case.phone_normalized, case.address, case.email}
            found |= {case.company, case.plate, str((case.custom_values or {}).get("id_no", ""))}
            if case.phone_normalized.startswith("+86"):
                found.add(case.phone_normalized[3:])
        for customer in session.scalars(select(Customer).join(Case, Case.customer_id == Customer.id)):
            if customer.id in {
                c.customer_id for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))
            }:
                found |= {customer.name, customer.phone}
    found.add("136 5555 0001")  # the phone before the correction (only in the event's changes)
    found.add("+8613655550001")
    return {v for v in found if v and len(v) >= 2}


def kept_apart(b: Branch, personal: set[str], due: set[int]) -> set[str]:
    """Leave out a value that is also part of a case kept (客户1 is inside 客户10, an open case's name)."""
    with b.desk.db.read() as session:
        kept = [c.id for c in session.scalars(select(Case).where(Case.id.not_in(due)))]
    others = personal_values(b, kept) - {"136 5555 0001", "+8613655550001"}
    found = {v for v in personal if not any(v in other for other in others)}
    assert len(found) > 30
    return found


def anonymise_all_due(b: Branch) -> list[int]:
    queue = b.desk.retention.queue(b["crm"])
    ids = [c.case_id for c in queue.candidates if not c.legal_hold]
    batch = b.desk.retention.propose(b["crm"], ids, "保存期限届满")
    row = b.desk.retention.batch(b["gm"], batch)
    b.desk.retention.decide(b["gm"], batch, row.version, approve=True, note="同意")
    seen: list[tuple[int, int]] = []
    result = b.desk.retention.run(b["crm"], batch, lambda done, total: seen.append((done, total)) is None)
    assert result.done == len(ids) and not result.skipped
    assert seen and seen[-1] == (len(ids), len(ids))
    return ids


def test_anonymising_everything_eligible_keeps_every_figure_and_the_chain(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    ids = personal_branch(b)
    b.clock.now = LATER
    before = workbook_figures(b, tmp_path, "before")
    dashboard_before = b.desk.queries.dashboard(b["crm"])
    assert len(before) > 50
    queue = b.desk.retention.queue(b["crm"])
    due = {c.case_id for c in queue.candidates}
    # closed (and the consultation answered, the invalid one…) are due; open ones never are
    assert {ids["archived1"], ids["archived2"], ids["closed"], ids["consultation"]} <= due
    assert not due & {
        ids["pending_approval"],
        ids["fresh"],
        ids["draft"],
        ids["with_handler"],
        ids["to_triage"],
    }
    personal = kept_apart(b, personal_values(b, sorted(due)), due)
    anonymised = anonymise_all_due(b)

    assert by_column(workbook_figures(b, tmp_path, "after")) == by_column(before)
    assert b.desk.queries.dashboard(b["crm"]) == dashboard_before
    verdict, message = verify_audit(b.desk.db)
    assert verdict.ok, str(message)
    with b.desk.db.read() as session:
        events = session.scalars(select(Event).where(Event.action == "anonymise")).all()
        assert {e.case_id for e in events} == set(anonymised)
        assert all(p.anonymised_at == LATER for p in session.scalars(select(CasePrivacy)))
        case = session.get(Case, ids["archived1"])
        assert case is not None and case.complainant_name == "〔已匿名化〕" and case.phone == ""
        assert case.custom_values["id_no"] == "〔已匿名化〕" and case.case_no and case.closed_at
        dump = "\n".join(
            str(row)
            for table in (
                "complaint_case",
                "event",
                "reply",
                "follow_up",
                "customer",
                "notification",
                "investigation",
                "resolution",
                "attachment",
                "case_search",
            )
            for row in session.execute(text(f"SELECT * FROM {table}"))
        )
    leaked = sorted(v for v in personal if v in dump)
    assert not leaked, leaked
    for value in ("归档客户1", "13712340001", "咨询人甲", "幸福路"):
        assert not b.desk.search.search(b["crm"], value).hits, value
    assert not b.desk.retention.queue(b["crm"]).candidates  # nothing is proposed twice


@pytest.mark.sqlite_only
def test_no_name_or_phone_is_left_in_the_database_file(branch: Branch) -> None:
    """The file's bytes after a checkpoint and VACUUM: free pages would keep the old bytes until VACUUM."""
    b = branch
    personal_branch(b)
    b.clock.now = LATER
    due = [c.case_id for c in b.desk.retention.queue(b["crm"]).candidates]
    personal = kept_apart(b, personal_values(b, due), set(due))
    anonymise_all_due(b)
    b.desk.db.dispose()
    assert b.path is not None
    raw = sqlite3.connect(str(b.path))
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.execute("VACUUM")
    raw.close()
    data = b.path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = Path(str(b.path) + suffix)
        if extra.exists():
            data += extra.read_bytes()
    leaked = sorted(v for v in personal if v.encode() in data)
    assert not leaked, leaked
    assert b"id card" not in data  # the attachment's blob


def test_a_personal_data_export_holds_every_case_of_that_customer_and_nothing_of_others(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    mine = [
        b.desk.intake.register(b["clerk"], complaint_form(complainant_name="王芳", phone="139 8888 0001")).id,
    ]
    b.clock.advance(days=40)  # not a repeat: out of the window
    mine.append(
        b.desk.intake.register(
            b["clerk"],
            complaint_form(complainant_name="王芳", phone="+86 139-8888-0001", content="第二次来电"),
        ).id
    )
    other = b.desk.intake.register(b["clerk"], complaint_form(complainant_name="赵雷", phone="139 7777 0002"))
    found = b.desk.retention.find(b["crm"], "13988880001")
    assert sorted(c.case_id for c in found.cases) == sorted(mine)
    assert sorted(c.case_id for c in b.desk.retention.find(b["crm"], "王芳").cases) == sorted(mine)
    count = b.desk.retention.export(b["crm"], "0086 139 8888 0001", tmp_path / "pd.xlsx")
    assert count == 2
    book = openpyxl.load_workbook(tmp_path / "pd.xlsx", read_only=True)
    cells = [
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    ]
    with b.desk.db.read() as session:
        numbers = {c.id: c.case_no for c in session.scalars(select(Case))}
    assert {numbers[i] for i in mine} <= set(cells)
    assert numbers[other.id] not in cells and not any("赵雷" in c or "7777" in c for c in cells)
    assert any("第二次来电" in c for c in cells)
    with pytest.raises(PermissionDenied):
        b.desk.retention.find(b["clerk"], "王芳")


def test_a_request_to_be_forgotten_is_refused_while_a_case_is_open_or_on_hold(branch: Branch) -> None:
    b = branch
    b.clock.now = START - timedelta(weeks=3)
    done = closed_case(b, 5, complainant_name="钱多多", phone="135 0000 0005")
    b.clock.now = START
    still_open = b.desk.intake.register(
        b["clerk"], complaint_form(complainant_name="钱多多", phone="135 0000 0005")
    )
    with pytest.raises(DomainError) as refused:
        b.desk.retention.request_anonymisation(b["crm"], "钱多多", "本人书面申请删除")
    assert "尚未结案" in str(refused.value)
    b.desk.cases.void(b["crm"], still_open.id, "重复登记")
    version = b.desk.queries.case_detail(b["crm"], done).version
    ref = b.desk.retention.set_legal_hold(b["gm"], CaseVersion(done, version), True, "诉讼中")
    with pytest.raises(ConcurrentChange):  # the window that read the older version
        b.desk.retention.set_legal_hold(b["crm"], CaseVersion(done, version), False, "结案")
    with pytest.raises(DomainError):
        b.desk.retention.request_anonymisation(b["crm"], "13500000005", "本人书面申请删除")
    b.desk.retention.set_legal_hold(b["crm"], CaseVersion(done, ref.version), False, "诉讼结束")
    batch = b.desk.retention.request_anonymisation(b["crm"], "钱多多", "本人书面申请删除")
    row = b.desk.retention.batch(b["crm"], batch)
    with pytest.raises(PermissionDenied):  # a CR manager does not approve
        b.desk.retention.decide(b["crm"], batch, row.version, approve=True)
    with pytest.raises(FieldError):  # refusing needs a reason
        b.desk.retention.decide(b["gm"], batch, row.version, approve=False)
    with pytest.raises(DomainError):  # not approved yet
        b.desk.retention.run(b["crm"], batch)
    b.desk.retention.decide(b["gm"], batch, row.version, approve=True)
    with pytest.raises(ConcurrentChange):
        b.desk.retention.decide(b["gm"], batch, row.version, approve=True)
    result = b.desk.retention.run(b["crm"], batch)
    assert result.done == 2
    assert not b.desk.retention.find(b["crm"], "钱多多").cases
    assert verify_audit(b.desk.db)[0].ok


def test_the_proposer_never_approves_and_a_gm_proposal_needs_another_gm(branch: Branch) -> None:
    b = branch
    b.clock.now = START - timedelta(weeks=3)
    case_id = closed_case(b, 7)
    b.clock.now = LATER
    batch = b.desk.retention.propose(b["gm"], [case_id], "到期")
    row = b.desk.retention.batch(b["gm"], batch)
    with pytest.raises(PermissionDenied):
        b.desk.retention.decide(b["gm"], batch, row.version, approve=True)


def test_retention_follows_the_category_tree_and_the_kind(branch: Branch) -> None:
    b = branch
    b.clock.now = START - timedelta(weeks=3)
    case_id = closed_case(b, 8)  # category business.damage, a complaint
    b.clock.now = START + timedelta(days=366 * 2 + 30)
    assert case_id in {c.case_id for c in b.desk.retention.queue(b["crm"]).candidates}
    b.desk.retention.save_rule(b["admin"], "business", None, 5)  # the parent: the child inherits
    assert case_id not in {c.case_id for c in b.desk.retention.queue(b["crm"]).candidates}
    with pytest.raises(DomainError):
        b.desk.retention.propose(b["crm"], [case_id], "到期")
    b.desk.retention.save_rule(b["admin"], "business.damage", "complaint", 1)  # nearer and for the kind
    candidates = {c.case_id: c for c in b.desk.retention.queue(b["crm"]).candidates}
    assert candidates[case_id].years == 1
    with pytest.raises(FieldError):
        b.desk.retention.save_rule(b["admin"], "business", None, 0)
    with pytest.raises(FieldError):
        b.desk.retention.save_rule(b["admin"], "no.such", None, 3)
    with pytest.raises(PermissionDenied):
        b.desk.retention.save_rule(b["crm"], "business", None, 3)


@pytest.mark.sqlite_only
def test_a_redacted_event_nobody_vouches_for_breaks_the_chain(branch: Branch) -> None:
    """An event marked 'redacted' by hand (its hash matching) is caught: no anonymisation event lists it."""
    from branchdesk.storage.audit_chain import content_hash

    b = branch
    b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.db.dispose()
    assert b.path is not None
    raw = sqlite3.connect(str(b.path))
    with raw:
        raw.execute("UPDATE event SET summary = 'x' WHERE seq = (SELECT max(seq) FROM event)")
    raw.close()
    with b.desk.db.read() as session:
        event = session.scalars(select(Event).order_by(Event.seq.desc())).first()
        assert event is not None and event.seq is not None
        digest = content_hash(event.seq, event)
    raw = sqlite3.connect(str(b.path))
    with raw:
        raw.execute("UPDATE event SET redacted_hash = ? WHERE seq = ?", (digest, event.seq))
    raw.close()
    verdict, _ = verify_audit(b.desk.db)
    assert not verdict.ok and verdict.broken is not None and verdict.broken.detail == "redacted"


def test_retention_rules_and_personal_fields_travel_in_the_policy_file(branch: Branch) -> None:
    b = branch
    b.desk.admin.save_custom_field(b["admin"], "id_no", "证件号码", "text")
    b.desk.retention.mark_personal(b["admin"], "id_no", True)
    b.desk.retention.save_rule(b["admin"], "business", None, 5)
    b.desk.retention.save_rule(b["admin"], None, "consultation", 1)
    text_ = b.desk.policy.export(b["admin"])
    assert "[[retention]]" in text_ and 'category = "business"' in text_ and "personal = true" in text_
    changed = text_.replace("years = 5", "years = 7")
    preview = b.desk.policy.preview(b["admin"], changed)
    assert not preview.problems and [c.section for c in preview.changes] == ["retention"]
    b.desk.policy.apply(b["admin"], changed)
    assert {(r.category_code, r.kind, r.years) for r in b.desk.retention.rules(b["admin"])} == {
        ("business", None, 7),
        (None, "consultation", 1),
    }
    wrong = changed.replace('category = "business"', 'category = "no.such"').replace("years = 1", "years = 0")
    problems = b.desk.policy.preview(b["admin"], wrong).problems
    assert len(problems) == 2 and all("retention[" in str(p) for p in problems)


@pytest.mark.sqlite_only
def test_every_entry_point_refuses_arbitrary_values_in_its_own_words(branch: Branch, tmp_path: Path) -> None:
    """As ``test_bounded_input`` does for the other services: odd texts, huge numbers, unknown ids and
    codes give a ``BranchDeskError`` or succeed — never a database error or a TypeError."""
    import contextlib

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from branchdesk.errors import BranchDeskError
    from tests.core.test_bounded_input import BIG, TEXT

    b = branch
    b.clock.now = START - timedelta(weeks=3)
    case_id = closed_case(b, 61)
    b.clock.now = LATER
    r = b.desk.retention
    anything = st.one_of(TEXT, BIG, st.none(), st.booleans())
    calls = {
        "queue": st.tuples(anything).map(lambda v: lambda: r.queue(b["crm"], v[0])),
        "batch": st.tuples(anything).map(lambda v: lambda: r.batch(b["crm"], v[0])),
        "propose": st.tuples(st.lists(anything, max_size=3), anything).map(
            lambda v: lambda: r.propose(b["crm"], v[0], v[1])
        ),
        "decide": st.tuples(anything, anything, anything, anything).map(
            lambda v: lambda: r.decide(b["gm"], v[0], v[1], v[2], v[3])
        ),
        "run": st.tuples(anything).map(lambda v: lambda: r.run(b["crm"], v[0])),
        "hold": st.tuples(anything, anything).map(
            lambda v: (
                lambda: r.set_legal_hold(
                    b["crm"],
                    CaseVersion(case_id, b.desk.queries.case_detail(b["crm"], case_id).version),
                    v[0],
                    v[1],
                )
            )
        ),
        "find": st.tuples(anything).map(lambda v: lambda: r.find(b["crm"], v[0])),
        "export": st.tuples(anything).map(lambda v: lambda: r.export(b["crm"], v[0], tmp_path / "x.xlsx")),
        "request": st.tuples(anything, anything).map(
            lambda v: lambda: r.request_anonymisation(b["crm"], v[0], v[1])
        ),
        "save_rule": st.tuples(anything, anything, anything).map(
            lambda v: lambda: r.save_rule(b["admin"], v[0], v[1], v[2])
        ),
        "remove_rule": st.tuples(anything).map(lambda v: lambda: r.remove_rule(b["admin"], v[0])),
        "mark_personal": st.tuples(anything, anything).map(
            lambda v: lambda: r.mark_personal(b["admin"], v[0], v[1])
        ),
    }
    failures = []
    for name, strategy in calls.items():

        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(thunk=strategy)
        def drive(thunk: Any) -> None:
            with contextlib.suppress(BranchDeskError):
                thunk()

        try:
            drive()
        except Exception as exc:
            failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:300]}")
    assert not failures, "\n".join(failures)


def test_the_migration_keeps_every_case_and_event_and_the_chain(branch: Branch) -> None:
    """0029 on a branch with history: the new tables come empty, custom fields are not personal, every
    case and event is there and the audit chain verifies; then retention works on the upgraded branch."""
    from branchdesk.storage.migrate import upgrade
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    b.desk.admin.save_custom_field(b["admin"], "id_no", "证件号码", "text")
    b.clock.now = START - timedelta(weeks=3)
    case_id = closed_case(b, 71)
    with b.desk.db.read() as session:
        counts = [
            session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("complaint_case", "event")
        ]
    rewind_to(b.desk.db, revision_before("0029"))
    with b.desk.db.read() as session:
        columns = list(session.execute(text("SELECT * FROM custom_field LIMIT 0")).keys())
    assert "key" in columns and "personal" not in columns
    upgrade(b.desk.db)
    fresh = b.desk.__class__(b.desk.db, b.clock)
    with fresh.db.read() as session:
        assert [
            session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("complaint_case", "event")
        ] == counts
        assert session.execute(text("SELECT count(*) FROM custom_field WHERE personal")).scalar_one() == 0
        assert session.execute(text("SELECT count(*) FROM retention_rule")).scalar_one() == 0
    assert verify_audit(fresh.db)[0].ok
    b.clock.now = LATER
    assert case_id in {c.case_id for c in fresh.retention.queue(b["crm"]).candidates}
