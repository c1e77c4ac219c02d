"""Bringing a database to the current schema, with a backup first when there is data to lose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from branchdesk.errors import StorageError
from branchdesk.i18n import Text
from branchdesk.storage import search_index
from branchdesk.storage.backup import MIGRATION, make_backup, prune
from branchdesk.storage.database import APPLICATION_ID, Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        # ConfigParser interpolates "%": URL-encoded socket paths and passwords contain it.
        config.set_main_option(
            "sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade(db: Database, now: datetime | None = None) -> UpgradeResult:
    """Migrate to head. An existing SQLite database with tables is backed up first."""
    before = current_revision(db)
    head = head_revision()
    if before == head:
        return UpgradeResult(before, head, None)
    if before is not None and before not in known_revisions():
        raise StorageError(Text("storage.newer_schema", {"revision": str(before)}))
    backup = None
    if db.path is not None and db.path.exists():
        with db.engine.connect() as connection:
            has_tables = bool(inspect(connection).get_table_names())
            app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
        if has_tables and app_id != APPLICATION_ID:
            # Another program's SQLite file: never migrate our tables into it.
            raise StorageError(Text("storage.foreign_file", {"path": str(db.path)}))
        if has_tables and before is not None:
            backup = make_backup(db.path, MIGRATION, now or datetime.now()).path
            prune(db.path)
    config = alembic_config(db)
    writer = db.engine.execution_options(branchdesk_write=True)
    with writer.connect() as connection:
        if db.is_sqlite:
            # A batch rebuild of a parent table with foreign keys on cascades deletes into
            # its children; the pragma only takes effect outside a transaction.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
            connection.commit()
            # issue 17 part C: a migration that rebuilt a table dropped its search triggers; put them back
            if search_index.ensure(connection):
                connection.commit()
        finally:
            if db.is_sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    return UpgradeResult(before, head, backup)
