"""Shared fixtures: a real SQLite branch database per test, copied from one built per session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the real user's data directory (recovery files, default database).
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bd-test-data-")

from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.vocab import Role
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef
from branchdesk.storage.backup import backup_sqlite
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.models import User
from tests.pg_server import PostgresServer, server_binaries

PASSWORD = "correct-horse-9"

#: username -> (full name, department code, roles)
STAFF: dict[str, tuple[str, str, tuple[Role, ...]]] = {
    "clerk": ("王小红", "CS", (Role.CLERK,)),
    "clerk2": ("李娜", "CS", (Role.CLERK,)),
    "crm": ("陈静", "CS", (Role.CR_MANAGER,)),
    "handler": ("张伟", "QA", (Role.HANDLER,)),
    "handler2": ("刘洋", "SALES", (Role.HANDLER,)),
    "qa_mgr": ("赵强", "QA", (Role.DEPT_MANAGER,)),
    "sales_mgr": ("孙丽", "SALES", (Role.DEPT_MANAGER, Role.HANDLER)),
    "deputy": ("周建国", "GMO", (Role.DEPUTY_GM,)),
    "deputy2": ("吴敏", "GMO", (Role.DEPUTY_GM,)),
    "gm": ("郑总", "GMO", (Role.GM,)),
}


class MutableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Branch:
    desk: BranchDesk
    clock: MutableClock
    actors: dict[str, Actor]
    path: Path | None  # the SQLite file; None on PostgreSQL
    url: str  # what ``--db`` takes: the file's path or the server URL
    engine: str = "sqlite"

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]


START = datetime(2026, 11, 2, 9, 0)  # a Monday


def build_template(url: str) -> None:
    """The branch every test starts from: initialised, with the staff of ``STAFF``."""
    clock = MutableClock(START - timedelta(days=60))
    desk = BranchDesk(Database(resolve_url(url)), clock)
    admin_id = desk.initialise(
        name="测试网点",
        code="TS01",
        admin_username="admin",
        admin_full_name="管理员",
        admin_password=PASSWORD,
    )
    admin = Actor(user_id=admin_id)
    for username, (full_name, dept, roles) in STAFF.items():
        desk.admin.create_user(
            admin,
            username=username,
            full_name=full_name,
            department_code=dept,
            roles=roles,
            password=PASSWORD,
        )
    desk.db.dispose()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    build_template(str(path))
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not installed (./test.sh installs them when run as root)")
    server = PostgresServer(binaries)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    name = pg_server.create_database()
    build_template(pg_server.url(name))
    return name


def open_branch(url: str | Path, now: datetime = START) -> Branch:
    clock = MutableClock(now)
    desk = BranchDesk(Database(resolve_url(str(url))), clock)
    from sqlalchemy import select

    from branchdesk.services.auth import actor_of

    with desk.db.read() as session:
        actors = {u.username: actor_of(u) for u in session.scalars(select(User))}
    path = desk.db.path
    return Branch(desk, clock, actors, path, str(path or url), "sqlite" if path else "postgresql")


@pytest.fixture
def branch(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Branch]:
    """A fresh copy of the template branch: SQLite by default; tests/core runs it on PostgreSQL too."""
    engine = getattr(request, "param", "sqlite")
    if engine == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg_server")
        name = server.create_database(template=request.getfixturevalue("pg_template"))
        result = open_branch(server.url(name))
        yield result
        result.desk.db.dispose()
        server.drop_database(name)
        return
    path = tmp_path / "branch.sqlite3"
    backup_sqlite(request.getfixturevalue("template_db"), path)
    result = open_branch(path)
    yield result
    result.desk.db.dispose()


def complaint_form(**overrides: object) -> IntakeForm:
    values: dict[str, object] = dict(
        channel="phone",
        kind="complaint",
        complainant_name="李先生",
        complainant_title="mr",
        phone="138 0013 5678",
        content="收到的货物外包装破损，内有两件产品划伤。",
        request_type="compensation",
        request_amount="800",
        order_no="SO-2026-1101",
        product="不锈钢保温杯",
    )
    values.update(overrides)
    return IntakeForm(**values)  # type: ignore[arg-type]


def proposed_case(
    b: Branch, resolution_type: str, amount: str, shares: list[tuple[int, int]] | None = None, **form: object
) -> CaseRef:
    """A complaint registered, triaged to 张伟 (质量管理部), investigated and with a resolution proposed."""
    from branchdesk.services.dto import InvestigationInput, ResolutionInput, TriageInput

    ref = b.desk.intake.register(b["clerk"], complaint_form(**form))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    b.desk.cases.record_investigation(
        b["handler"],
        ref.id,
        InvestigationInput(
            cause="承运商装卸不当",
            details="外箱受压",
            conclusion="属实",
            responsibility="ours",
            responsible_department_id=b["handler"].department_id,
            corrective_action="复检",
            shares=shares or [],
        ),
    )
    return b.desk.cases.propose_resolution(b["handler"], ref.id, ResolutionInput(resolution_type, amount))
