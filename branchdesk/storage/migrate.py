"""Bringing a database to the current schema, with a backup first when there is data to lose."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from branchdesk.errors import StorageError
from branchdesk.i18n import Text
from branchdesk.storage import case_tally, search_index
from branchdesk.storage.backup import MIGRATION, make_backup, prune
from branchdesk.storage.database import APPLICATION_ID, Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
#: ``revision = "0022"`` / ``down_revision = "0021"`` (or ``None``) at the top of a migration file.
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*(?:['"]([^'"]+)['"]|None)\s*$""", re.M)


def alembic_config(db: Database | None = None) -> Config:
    # Alembic loads only when a migration runs (issue 16 "Start": it costs ~100 ms of every start,
    # and a start at the current schema needs only the revision comparison below).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        # ConfigParser interpolates "%": URL-encoded socket paths and passwords contain it.
        config.set_main_option(
            "sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


@functools.cache
def _revision_links() -> dict[str, str | None]:
    """Each migration's revision → the one it follows, read from the files' two header lines.

    What Alembic's ``ScriptDirectory`` would say (``tests/core/test_storage.py`` compares them), without
    importing Alembic and its Mako templates at every start."""
    links: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("[0-9]*.py")):
        found = dict((name, value or None) for name, value in _REVISION_LINE.findall(path.read_text("utf-8")))
        if "revision" in found:
            links[str(found["revision"])] = found.get("down_revision")
    return links


def head_revision() -> str:
    links = _revision_links()
    heads = set(links) - {down for down in links.values() if down}
    if len(heads) != 1:  # a packaging mistake (two migrations naming the same parent), not a user's
        raise RuntimeError(f"migrations must form one chain, found heads {sorted(heads)}")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    """The revision the database is at (Alembic's ``alembic_version`` row), None before any migration."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    # Several rows would be several heads: not a chain of ours (``upgrade`` then names it unknown).
    return ",".join(sorted(str(row) for row in rows)) or None


def known_revisions() -> set[str]:
    return set(_revision_links())


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
    from alembic import command

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
            if case_tally.ensure(connection):  # issue 16: the same for the tally of states
                connection.commit()
        finally:
            if db.is_sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    return UpgradeResult(before, head, backup)
