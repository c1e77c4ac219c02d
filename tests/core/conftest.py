"""The service and storage suite runs on both engines: every test that takes ``branch`` runs on a
SQLite file and on a throw-away PostgreSQL server, unless it is marked ``sqlite_only`` (it reaches
into the file itself: raw SQLite, file copies, its own processes on the file)."""

from __future__ import annotations

import pytest


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "branch" not in metafunc.fixturenames:
        return
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
    metafunc.parametrize("branch", ["sqlite"] if only_sqlite else ["sqlite", "postgresql"], indirect=True)


def revision_before(revision: str) -> str:
    """The migration that precedes ``revision``: a test that rewinds a database by hand to just before
    a migration sets this in ``alembic_version``, so later migrations (merged in any order) still fit."""
    from alembic.script import ScriptDirectory

    from branchdesk.storage.migrate import alembic_config

    before = ScriptDirectory.from_config(alembic_config()).get_revision(revision).down_revision
    assert isinstance(before, str)
    return before


def rewind_to(db: object, revision: str) -> None:
    """Undo every migration after ``revision`` with Alembic's downgrades (SQLite foreign keys off on
    the driver connection, as the upgrade does), so a test can then fake the state before it by hand."""
    from alembic import command

    from branchdesk.storage.database import Database
    from branchdesk.storage.migrate import alembic_config

    assert isinstance(db, Database)
    config = alembic_config(db)
    with db.engine.execution_options(branchdesk_write=True).connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()
