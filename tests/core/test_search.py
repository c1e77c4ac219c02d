"""One search box (issue 17 part C): every kind of text is found, on both engines, as the actor may see it;
the index follows edits; an upgraded database finds its old cases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from branchdesk.errors import FieldError
from branchdesk.read.search import parse_terms, snippet_of
from branchdesk.services.dto import InvestigationInput, ReplyInput, TriageInput
from branchdesk.storage import search_index
from branchdesk.storage.search_index import SearchField
from tests.conftest import Branch, complaint_form


def _found(b: Branch, user: str, query: str) -> dict[str, SearchField]:
    """case number → the field that matched, for what ``user`` finds with ``query``."""
    return {hit.case_no: hit.field for hit in b.desk.search.search(b[user], query).hits}


def _complaint(b: Branch) -> str:
    """A complaint through triage (with a note) and investigation."""
    ref = b.desk.intake.register(
        b["clerk"],
        complaint_form(
            complainant_name="欧阳娜娜",
            phone="+86 138 0013 8000",
            content="空调不制冷，维修三次仍未解决",
            order_no="SO-7788",
        ),
    )
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            handler_id=b["handler"].user_id,
            note="客户情绪激动需尽快回电",
        ),
    )
    b.desk.cases.record_investigation(
        b["handler"],
        ref.id,
        InvestigationInput(
            cause="压缩机启动电容老化",
            details="上门检测",
            conclusion="属实",
            responsibility="ours",
            responsible_department_id=b["handler"].department_id,
            shares=[(b["handler"].department_id or 0, 100)],
        ),
    )
    return ref.case_no


def test_each_kind_of_text_is_found(branch: Branch) -> None:
    b = branch
    number = _complaint(b)
    answered = b.desk.intake.register(
        b["clerk"],
        complaint_form(complainant_name="张三", phone="021-6234 5678", kind="consultation", request_type=""),
    )
    b.desk.cases.answer(b["clerk"], answered.id, ReplyInput("phone", "已告知保修期为三年整", accepted=True))
    draft = b.desk.intake.save_draft(
        b["clerk"], complaint_form(complainant_name="钱七", content="草稿里的冰箱噪音很大")
    )

    crm = "crm"  # sees every case
    assert _found(b, crm, number) == {number: SearchField.NUMBER}
    assert _found(b, crm, "欧阳娜娜") == {number: SearchField.NAME}
    for phone in ("+86 138 0013 8000", "138-0013-8000", "13800138000", "0013 8000"):
        assert _found(b, crm, phone) == {number: SearchField.PHONE}, phone
    assert _found(b, crm, "021 62345678") == {answered.case_no: SearchField.PHONE}
    assert _found(b, crm, "不制冷") == {number: SearchField.CONTENT}
    assert _found(b, crm, "so-7788") == {number: SearchField.DETAILS}  # letters in any case
    assert _found(b, crm, "启动电容") == {number: SearchField.INVESTIGATION}
    assert _found(b, crm, "保修期为三年") == {answered.case_no: SearchField.REPLY}
    assert _found(b, crm, "尽快回电") == {number: SearchField.NOTE}  # the triage note on the timeline
    # 1–2 characters: no trigram, found by the bounded scan
    assert _found(b, crm, "张三") == {answered.case_no: SearchField.NAME}
    assert _found(b, crm, "三次") == {number: SearchField.CONTENT}
    # words anywhere in the case: all of them must be there
    assert _found(b, crm, "欧阳 电容老化") == {number: SearchField.NAME}  # one word each: the name shows
    assert _found(b, crm, "欧阳 保修期") == {}
    # the draft: its recorder finds it, another clerk does not
    assert _found(b, "clerk", "冰箱噪音") == {draft.case_no: SearchField.CONTENT}
    assert _found(b, "clerk2", "冰箱噪音") == {}


def test_the_exact_number_or_phone_comes_first_with_its_match_to_highlight(branch: Branch) -> None:
    b = branch
    number = _complaint(b)
    other = b.desk.intake.register(
        b["clerk"], complaint_form(content=f"与 {number} 同一批货", phone="13900000001")
    )
    hits = b.desk.search.search(b["crm"], number).hits
    assert [h.case_no for h in hits] == [number, other.case_no]
    assert hits[0].exact and not hits[1].exact
    assert hits[1].field is SearchField.CONTENT
    start, end = hits[1].spans[0]
    assert hits[1].snippet[start:end] == number
    phone = b.desk.search.search(b["crm"], "138 0013 8000").hits[0]
    assert phone.exact and phone.snippet == "+86 138 0013 8000"
    assert [phone.snippet[s:e] for s, e in phone.spans] == ["138 0013 8000"]


def _number_rows(b: Branch) -> int:
    with b.desk.db.read() as session:
        found = session.execute(text("SELECT count(*) FROM case_search WHERE field = 'number'")).scalar_one()
    return int(found)


def test_a_case_number_is_found_whole_by_its_beginning_or_without_the_branch_code(branch: Branch) -> None:
    """Issue 16: case numbers are not in the search index (every one holds the same trigrams, so they made
    a digit search read the whole history); the unique number index finds them instead."""
    from dataclasses import replace

    b = branch
    profile = b.desk.branch_profile.get(b["admin"])
    b.desk.branch_profile.save(b["admin"], replace(profile, code="BJ"))
    b.desk.admin.set_setting(b["admin"], "number_with_branch_code", True)
    first = _complaint(b)
    second = b.desk.intake.register(b["clerk"], complaint_form(phone="13900000002")).case_no
    assert first.startswith("BJ-") and _number_rows(b) == 0
    month, serial = first.split("-")[1:]
    for query in (first, first.lower(), f" {month}-{serial} "):  # as written, any case, no branch code
        hits = b.desk.search.search(b["crm"], query).hits
        assert [(h.case_no, h.field, h.exact) for h in hits] == [(first, SearchField.NUMBER, True)], query
        assert [hits[0].snippet[s:e] for s, e in hits[0].spans] == [query.strip().upper()]  # what was typed
    hits = b.desk.search.search(b["crm"], f"BJ-{month}").hits  # a month: its numbers, newest first
    assert [(h.case_no, h.field, h.exact) for h in hits] == [
        (second, SearchField.NUMBER, False),
        (first, SearchField.NUMBER, False),
    ]
    assert _found(b, "crm", "BJ-2") == {}  # too short a beginning to list numbers by
    assert _found(b, "handler2", first) == {}  # a number finds only what the reader may see


def test_a_case_the_actor_may_not_see_is_not_found(branch: Branch) -> None:
    b = branch
    number = _complaint(b)  # assigned to 张伟 (handler); 刘洋 (handler2) works on other cases
    assert _found(b, "handler", "压缩机") == {number: SearchField.INVESTIGATION}
    assert _found(b, "handler2", "压缩机") == {}
    assert _found(b, "handler2", number) == {}
    assert _found(b, "admin", number) == {}  # the administrator sees no case content
    # a department manager sees the case but not phones: the phone does not find it
    assert _found(b, "qa_mgr", "压缩机") == {number: SearchField.INVESTIGATION}
    assert _found(b, "qa_mgr", "13800138000") == {}


def test_the_index_follows_edits(branch: Branch) -> None:
    b = branch
    number = _complaint(b)
    b.desk.cases.record_investigation(
        b["handler"],
        number,
        InvestigationInput(
            cause="温控板虚焊",
            details="上门检测",
            conclusion="属实",
            responsibility="ours",
            responsible_department_id=b["handler"].department_id,
            shares=[(b["handler"].department_id or 0, 100)],
        ),
    )
    assert _found(b, "crm", "温控板虚焊") == {number: SearchField.INVESTIGATION}
    assert _found(b, "crm", "启动电容") == {}
    answered = b.desk.intake.register(b["clerk"], complaint_form(kind="consultation", request_type=""))
    b.desk.cases.answer(b["clerk"], answered.id, ReplyInput("phone", "旧的答复文字", accepted=True))
    # No service edits a reply's words yet (another part of issue 17 adds editing): the trigger follows
    # any UPDATE of the row, in the writer's own transaction.
    with b.desk.db.write() as session:
        session.execute(
            text("UPDATE reply SET content = '新的答复内容' WHERE case_id = :c"), {"c": answered.id}
        )
    assert _found(b, "crm", "新的答复") == {answered.case_no: SearchField.REPLY}
    assert _found(b, "crm", "旧的答复") == {}
    # a changed phone and a removed case
    with b.desk.db.write() as session:
        session.execute(
            text("UPDATE complaint_case SET phone_normalized = '+8613911112222' WHERE id = :c"),
            {"c": answered.id},
        )
    assert _found(b, "crm", "139 1111 2222") == {answered.case_no: SearchField.PHONE}
    draft = b.desk.intake.save_draft(b["clerk"], complaint_form(content="马上就删的草稿"))
    with b.desk.db.write() as session:
        session.execute(text("DELETE FROM event WHERE case_id = :c"), {"c": draft.id})
        session.execute(text("DELETE FROM complaint_case WHERE id = :c"), {"c": draft.id})
        left = session.execute(text("SELECT count(*) FROM case_search WHERE body LIKE '%马上就删%'")).scalar()
    assert left == 0


def test_a_word_is_read_newest_first_a_step_at_a_time(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: one word walks the index newest first and stops at the page (steps of 2 rows here): the
    same hits, in the same order, as reading every match; a viewer who sees none walks to the end."""
    b = branch
    monkeypatch.setattr("branchdesk.read.search.WALK_STEP", 2)
    numbers = [
        b.desk.intake.register(
            b["clerk"], complaint_form(content=f"保温杯第{n}次漏水", order_no=f"保温杯-{n}" if n % 2 else "")
        ).case_no
        for n in range(7)
    ]
    newest_first = numbers[::-1]
    everything = b.desk.search.search(b["crm"], "保温杯", 50)
    assert [hit.case_no for hit in everything.hits] == newest_first and not everything.more
    page = b.desk.search.search(b["crm"], "保温杯", 3)
    assert [hit.case_no for hit in page.hits] == newest_first[:3] and page.more
    assert b.desk.search.search(b["handler2"], "保温杯", 3).hits == ()


@pytest.mark.sqlite_only
def test_a_short_words_trigrams_are_listed_again_only_when_the_index_changed(branch: Branch) -> None:
    """Issue 16: fts5vocab reads every listed term's doclist (7 ms for 浦东 at 1M cases), so the list is
    kept until the index's structure record changes — a write on any PC changes it, and a new text's
    trigram is then found at once."""
    from sqlalchemy import event

    b = branch
    first = b.desk.intake.register(b["clerk"], complaint_form(content="浦东新区门店", phone="13900000011"))
    listed: list[str] = []

    def watch(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "case_search_vocab" in statement:
            listed.append(statement)

    event.listen(b.desk.db.engine, "before_cursor_execute", watch)
    try:
        assert set(_found(b, "crm", "浦东")) == {first.case_no}
        assert len(listed) == 1
        assert set(_found(b, "crm", "浦东")) == {first.case_no} and len(listed) == 1  # remembered
        second = b.desk.intake.register(
            b["clerk"], complaint_form(content="浦东机场投诉", phone="13900000012")
        )
        assert set(_found(b, "crm", "浦东")) == {first.case_no, second.case_no}  # 浦东机: listed again
        assert len(listed) == 2
    finally:
        event.remove(b.desk.db.engine, "before_cursor_execute", watch)


def test_the_query_is_bounded(branch: Branch) -> None:
    b = branch
    for query in ("", "   ", "x" * 201, None, 12):
        with pytest.raises(FieldError) as caught:
            b.desk.search.search(b["crm"], query)  # type: ignore[arg-type]
        assert "search" in caught.value.errors
    for limit in (0, 201, "5"):
        with pytest.raises(FieldError):
            b.desk.search.search(b["crm"], "abc", limit)  # type: ignore[arg-type]
    for i in range(4):
        b.desk.intake.register(
            b["clerk"], complaint_form(content=f"同一个词 批次{i}", phone=f"1390000000{i}")
        )
    result = b.desk.search.search(b["crm"], "同一个词", limit=3)
    assert len(result.hits) == 3 and result.more
    assert [h.received_at for h in result.hits] == sorted((h.received_at for h in result.hits), reverse=True)
    # FTS5 syntax in the query is text, not a command
    assert b.desk.search.search(b["crm"], 'a" OR "b').hits == ()
    assert b.desk.search.search(b["crm"], "%_%").hits == ()


def test_terms_and_snippets() -> None:
    phone = parse_terms("+86 138 0013 8000")
    assert (phone.phone, phone.phone_key) == ("+8613800138000", "13800138000")
    assert parse_terms("138-0013-8000").phone_key == "13800138000"
    assert parse_terms("202611-001").words == ("202611-001",)
    assert parse_terms("张三  退款 ").words == ("张三", "退款") and parse_terms("张三").phone is None
    long = "甲" * 50 + "关键字" + "乙" * 50 + "\n第二行"
    snippet, spans = snippet_of(long, ["关键字"])
    assert snippet.startswith("…") and snippet.endswith("…") and "第二行" not in snippet
    assert [snippet[s:e] for s, e in spans] == ["关键字"]


@pytest.mark.sqlite_only
def test_an_upgraded_database_finds_its_existing_cases(branch: Branch) -> None:
    """A branch with cases from before 0018 (the index removed, the schema rewound) is upgraded: the
    migration indexes every existing case, reply and note."""
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    number = _complaint(b)
    b.desk.db.dispose()
    rewind_to(b.desk.db, revision_before("0018"))
    path = b.path
    assert path is not None
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'case_search%'").fetchone() == (0,)
    raw.close()
    b.desk.upgrade()
    assert _found(b, "crm", "欧阳娜娜") == {number: SearchField.NAME}
    assert _found(b, "crm", "尽快回电") == {number: SearchField.NOTE}
    assert _found(b, "crm", "13800138000") == {number: SearchField.PHONE}


def test_the_upgrade_takes_case_numbers_out_of_the_index_and_the_downgrade_puts_them_back(
    branch: Branch,
) -> None:
    """Migration 0032 on both engines: the number rows go, the search still finds the number, a later
    renumbering does not re-index the case; the downgrade restores rows and triggers as they were."""
    from tests.core.conftest import revision_before, rewind_to

    b = branch
    number = _complaint(b)
    b.desk.db.dispose()
    rewind_to(b.desk.db, revision_before("0032"))
    assert _number_rows(b) == 1
    b.desk.upgrade()
    assert _number_rows(b) == 0
    assert _found(b, "crm", number) == {number: SearchField.NUMBER}
    assert _found(b, "crm", "欧阳娜娜") == {number: SearchField.NAME}  # the case's other rows stay
    with b.desk.db.write() as session:
        session.execute(text("UPDATE complaint_case SET case_no = 'X' || case_no"))
    assert _number_rows(b) == 0


@pytest.mark.sqlite_only
def test_triggers_a_later_migration_dropped_come_back_with_the_index(branch: Branch, tmp_path: Path) -> None:
    """A table rebuilt by a later migration (``batch_alter_table``) loses its triggers: the upgrade puts
    them back and re-indexes what was written meanwhile."""
    b = branch
    number = _complaint(b)
    with b.desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        connection.exec_driver_sql("DROP TRIGGER case_search_complaint_case_au")
        connection.exec_driver_sql("UPDATE complaint_case SET complainant_name = '司马相如'")
        connection.commit()
        assert search_index.ensure(connection)
        connection.commit()
        assert search_index.expected_triggers("sqlite") <= search_index.trigger_names(connection)
        assert not search_index.ensure(connection)
    assert _found(b, "crm", "司马相如") == {number: SearchField.NAME}


def test_without_pg_trgm_the_search_scans_and_finds_the_same(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL without the extension (not installed, or no right to create it): the migration's
    index is built without the GIN index, in the same transaction, and search still finds everything."""
    b = branch
    if b.engine == "sqlite":
        pytest.skip("the extension is PostgreSQL's")
    number = _complaint(b)
    monkeypatch.setattr(search_index, "TRIGRAM_EXTENSION", "bd_no_such_extension")
    warnings: list[str] = []
    with b.desk.db.engine.execution_options(branchdesk_write=True).connect() as connection:
        search_index.drop(connection)
        search_index.create(connection, warnings.append)  # the failed statement rolls back its savepoint only
        search_index.fill(connection)
        connection.commit()
        assert not search_index.has_trigram_index(connection)
        assert search_index.expected_triggers("postgresql") <= search_index.trigger_names(connection)
    assert warnings and "bd_no_such_extension" in warnings[0]
    assert _found(b, "crm", "启动电容") == {number: SearchField.INVESTIGATION}
    assert _found(b, "crm", "138 0013 8000") == {number: SearchField.PHONE}


def test_postgresql_uses_the_trigram_index(branch: Branch) -> None:
    if branch.engine == "sqlite":
        pytest.skip("PostgreSQL's pg_trgm")
    with branch.desk.db.engine.connect() as connection:
        assert search_index.has_trigram_index(connection)
