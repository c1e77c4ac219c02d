"""Configuration writes name the version they saw (several PCs, one truth): a write made on a screen
filled before another PC's configuration change is refused with who changed what, and changes nothing;
the version moves by exactly one per write, so the screen that wrote knows the version it now shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from branchdesk.errors import ConfigChanged, FieldError
from branchdesk.i18n import render
from branchdesk.storage.models import Branch as BranchRow
from branchdesk.storage.models import Department, ReplyTemplate
from tests.conftest import Branch


def _version(b: Branch) -> int:
    version = b.desk.configuration_version()
    assert version is not None
    return version


def test_a_stale_screens_write_is_refused_naming_who_changed_what_and_changes_nothing(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    seen = _version(b)  # both administrators' screens were filled at this version
    b.desk.admin.save_department(admin, "QA", "质量管理部", seen=seen)  # the first PC
    assert _version(b) == seen + 1
    with pytest.raises(ConfigChanged) as refused:
        b.desk.admin.save_department(admin, "QA", "品质部", seen=seen)  # the second, on what it saw before
    message = render(refused.value.text, "zh_CN")
    assert "管理员" in message and "QA" in message, message  # who, and the event of what they did
    assert "changed the configuration" in render(refused.value.text, "en")
    assert refused.value.version == seen + 1  # the screen names this one at its next write
    with b.desk.db.read() as session:
        department = session.scalars(select(Department).where(Department.code == "QA")).one()
        assert department.name == "质量管理部"  # the first write stands
        assert session.scalar(select(BranchRow.config_version)) == seen + 1  # the refusal moved nothing
    # Told, the person saves again on the version the refusal named: it applies, knowingly.
    b.desk.admin.save_department(admin, "QA", "品质部", seen=refused.value.version)
    assert _version(b) == seen + 2


def test_every_kind_of_configuration_write_checks_what_was_seen(branch: Branch) -> None:
    """One stale version refused by each service that writes configuration (not only departments)."""
    b = branch
    admin = b["admin"]
    stale = _version(b)
    b.desk.admin.save_reply_template(admin, None, "特别致歉", "您好，", seen=stale)
    writes = {
        "category": lambda: b.desk.admin.save_category(admin, "X1", "新类别", seen=stale),
        "calendar day": lambda: b.desk.admin.set_calendar_day(admin, date(2026, 12, 5), True, seen=stale),
        "user active": lambda: b.desk.admin.set_active(admin, b["clerk2"].user_id, False, seen=stale),
        "vocabulary": lambda: b.desk.vocabulary.add_item(admin, "channel", "小程序", seen=stale),
        "approval rule": lambda: b.desk.approval_policy.delete_rule(admin, 10_000, seen=stale),
        "deadline rule": lambda: b.desk.deadline_policy.delete(admin, 10_000, seen=stale),
        "form": lambda: b.desk.forms.set_active(admin, "handling", False, seen=stale),
    }
    for name, write in writes.items():
        with pytest.raises(ConfigChanged):
            write()
        assert _version(b) == stale + 1, name
    with b.desk.db.read() as session:
        assert session.scalars(select(ReplyTemplate.title)).all().count("特别致歉") == 1


def test_a_refused_input_keeps_the_version_and_a_write_without_seen_is_not_checked(branch: Branch) -> None:
    b = branch
    admin = b["admin"]
    seen = _version(b)
    with pytest.raises(FieldError):
        b.desk.admin.save_department(admin, "QA", "", seen=seen)  # refused before the unit: nothing moves
    assert _version(b) == seen
    b.desk.admin.save_department(admin, "NEW", "新部门", seen=seen)
    # The command line names no version (it shows no screen that could be stale): it always applies.
    b.desk.admin.save_department(admin, "NEW", "新部门二")
    assert _version(b) == seen + 2
    with pytest.raises(ConfigChanged) as refused:
        b.desk.admin.save_department(admin, "NEW", "新部门三", seen=seen + 1)
    assert "修改部门 NEW" in render(refused.value.text, "zh_CN")  # the command line's change, named


def test_a_branch_from_before_the_migration_is_refused_without_a_name(branch: Branch) -> None:
    """Before 0034 no configuration event was remembered: the refusal says only that it changed."""
    b = branch
    seen = _version(b)
    b.desk.admin.save_department(b["admin"], "QA", "质量部", seen=seen)
    with b.desk.db.write() as session:
        session.execute(BranchRow.__table__.update().values(config_event_seq=None))
    with pytest.raises(ConfigChanged) as refused:
        b.desk.admin.save_department(b["admin"], "QA", "品质部", seen=seen)
    assert render(refused.value.text, "zh_CN").startswith("设置已在其他电脑上被修改")


def test_migration_0034_adds_the_remembered_event_and_an_older_branch_works_at_once(branch: Branch) -> None:
    from sqlalchemy import inspect

    from tests.core.conftest import revision_before, rewind_to

    b = branch
    b.desk.db.dispose()
    rewind_to(b.desk.db, revision_before("0034"))
    with b.desk.db.read() as session:
        columns = {c["name"] for c in inspect(session.connection()).get_columns("branch")}
        assert "config_event_seq" not in columns
    b.desk.upgrade()
    seen = _version(b)
    b.desk.admin.save_department(b["admin"], "QA", "质量部", seen=seen)
    with b.desk.db.read() as session:
        seq = session.scalar(select(BranchRow.config_event_seq))
        assert seq is not None and seq == session.scalar(select(BranchRow.audit_seq))  # the last event


def test_the_writer_learns_the_version_its_write_left_and_a_write_that_changed_nothing_none(
    branch: Branch,
) -> None:
    b = branch
    admin = b["admin"]
    seen = _version(b)
    assert b.desk.configuration_written() is None
    b.desk.admin.save_custom_field(admin, "plate", "车牌", "text", [], False, True, seen=seen)
    assert b.desk.configuration_written() == seen + 1
    assert b.desk.configuration_written() is None  # told once
    b.desk.retention.mark_personal(admin, "plate", False, seen=seen + 1)  # already not personal: a no-op
    assert b.desk.configuration_written() is None and _version(b) == seen + 1
    b.desk.retention.mark_personal(admin, "plate", True, seen=seen + 1)
    assert b.desk.configuration_written() == seen + 2
