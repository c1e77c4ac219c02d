"""Changing one's own password, an administrator's reset (changed at the next login), the About facts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import branchdesk
from branchdesk.errors import AuthenticationFailed, DomainError, FieldError, PermissionDenied
from branchdesk.storage.models import Event, User
from tests.conftest import PASSWORD, Branch

NEW = "new-secret-42"


def events(b: Branch, action: str) -> list[Event]:
    with b.desk.db.read() as session:
        return list(session.scalars(select(Event).where(Event.action == action)))


def test_a_user_changes_their_own_password(branch: Branch) -> None:
    b = branch
    with pytest.raises(AuthenticationFailed) as wrong:
        b.desk.auth.change_password(b["clerk"], "not-my-password", NEW)
    assert wrong.value.message == "原密码不正确"
    with pytest.raises(FieldError) as short:
        b.desk.auth.change_password(b["clerk"], PASSWORD, "short")
    assert short.value.errors == {"new_password": "密码至少 8 位"}
    with pytest.raises(FieldError) as same:
        b.desk.auth.change_password(b["clerk"], PASSWORD, PASSWORD)
    assert same.value.errors == {"new_password": "新密码不能与原密码相同"}
    assert b.desk.auth.login("clerk", PASSWORD).full_name == "王小红"  # nothing changed so far

    actor = b.desk.auth.change_password(b["clerk"], PASSWORD, NEW)
    assert actor.user_id == b["clerk"].user_id and not actor.must_change_password
    with pytest.raises(AuthenticationFailed):
        b.desk.auth.login("clerk", PASSWORD)
    assert b.desk.auth.login("clerk", NEW).full_name == "王小红"
    [event] = events(b, "auth.password_changed")
    assert event.actor_id == b["clerk"].user_id and NEW not in (event.summary or "")


def test_a_wrong_old_password_counts_toward_the_lock(branch: Branch) -> None:
    b = branch
    for _ in range(5):  # login_max_failures
        with pytest.raises(AuthenticationFailed):
            b.desk.auth.change_password(b["clerk"], "not-my-password", NEW)
    with pytest.raises(AuthenticationFailed) as locked:
        b.desk.auth.login("clerk", PASSWORD)  # the right password, but the account is locked for a while
    assert "分钟后再试" in locked.value.message
    assert len(events(b, "auth.locked")) == 1


def test_an_administrator_reset_is_changed_at_the_next_login(branch: Branch) -> None:
    b = branch
    for _ in range(5):  # locked out: the reset also lifts the lock
        with pytest.raises(AuthenticationFailed):
            b.desk.auth.login("handler", "forgotten-it")
    with pytest.raises(PermissionDenied):
        b.desk.admin.reset_password(b["crm"], b["handler"].user_id, "temporary-1")
    with pytest.raises(FieldError):
        b.desk.admin.reset_password(b["admin"], b["handler"].user_id, "short")
    with pytest.raises(DomainError, match="修改密码"):
        b.desk.admin.reset_password(b["admin"], b["admin"].user_id, "temporary-1")
    version = b.desk.configuration_version()

    b.desk.admin.reset_password(b["admin"], b["handler"].user_id, "temporary-1")
    assert b.desk.configuration_version() == version  # not a configuration change
    actor = b.desk.auth.login("handler", "temporary-1")
    assert actor.must_change_password
    [event] = events(b, "admin.password_reset")
    assert event.actor_id == b["admin"].user_id and "temporary-1" not in (event.summary or "")

    actor = b.desk.auth.change_password(actor, "temporary-1", NEW)
    assert not actor.must_change_password
    assert not b.desk.auth.login("handler", NEW).must_change_password
    with b.desk.db.read() as session:
        user = session.get(User, b["handler"].user_id)
        assert user is not None and not user.must_change_password


def test_about_names_version_database_log_and_audit_head(branch: Branch) -> None:
    b = branch
    facts = b.desk.about()
    assert facts.version == branchdesk.__version__
    assert facts.database == b.desk.db.describe()
    if b.path is not None:
        assert facts.database == str(b.path)
        assert facts.database_size is not None and facts.database_size >= b.path.stat().st_size > 0
    else:
        assert facts.database_size is None and "postgresql" in facts.database
    assert facts.log_file.name == "branchdesk.log"
    assert facts.licences.is_file() and facts.licences.name == "README.md"
    assert facts.audit_anchor and facts.audit_anchor in b.desk.about().audit_anchor
