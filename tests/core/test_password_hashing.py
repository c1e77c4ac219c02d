"""Issue 16 "perf": demo users (public password) get argon2's cheapest parameters, real users the
strong ones, and a login rehashes a stored hash whose parameters are not those of its kind."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters, profiles
from sqlalchemy import select, update

from branchdesk.domain.vocab import Role
from branchdesk.storage.models import Branch as BranchRow
from branchdesk.storage.models import User
from tests.conftest import PASSWORD, Branch

STRONG = PasswordHasher().memory_cost
CHEAPEST = profiles.CHEAPEST.memory_cost


def memory_cost(b: Branch, username: str) -> int:
    with b.desk.db.read() as session:
        stored = session.scalars(select(User.password_hash).where(User.username == username)).one()
    return extract_parameters(stored).memory_cost


def make_demo(b: Branch) -> None:
    with b.desk.db.engine.begin() as connection:
        connection.execute(update(BranchRow).values(demo=True, config_version=BranchRow.config_version + 1))


def set_hash(b: Branch, username: str, stored: str) -> None:
    with b.desk.db.engine.begin() as connection:
        connection.execute(update(User).where(User.username == username).values(password_hash=stored))


def test_real_users_keep_strong_parameters_and_a_cheap_hash_is_strengthened_at_login(branch: Branch) -> None:
    b = branch
    assert STRONG > CHEAPEST
    assert memory_cost(b, "clerk") == STRONG
    set_hash(b, "clerk", PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD))
    assert memory_cost(b, "clerk") == CHEAPEST
    b.desk.auth.login("clerk", PASSWORD)
    assert memory_cost(b, "clerk") == STRONG


def test_demo_users_are_hashed_cheaply_and_a_strong_hash_is_cheapened_at_login(branch: Branch) -> None:
    b = branch
    make_demo(b)
    b.desk.admin.create_user(
        b["admin"],
        username="demo_new",
        full_name="演示新人",
        department_code="CS",
        roles=[Role.CLERK],
        password="demo1234",
    )
    assert memory_cost(b, "demo_new") == CHEAPEST
    assert b.desk.auth.login("demo_new", "demo1234").username == "demo_new"
    assert memory_cost(b, "clerk") == STRONG  # made before the branch became a demo
    b.desk.auth.login("clerk", PASSWORD)
    assert memory_cost(b, "clerk") == CHEAPEST
    assert b.desk.auth.login("clerk", PASSWORD).username == "clerk"  # and still the same password
