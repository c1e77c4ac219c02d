"""Opening the database: where it lives, SQLite pragmas, write transactions, units of work.

Everything SQLite-specific is here. Other modules write portable SQLAlchemy
and work unchanged on PostgreSQL.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from branchdesk.errors import StorageError
from branchdesk.i18n import Text

APP_NAME = "BranchDesk"
#: ``PRAGMA application_id`` of our SQLite files ("BDK1"), to recognise a foreign file.
APPLICATION_ID = 0x42444B31
BUSY_TIMEOUT_MS = 10_000
ENV_VAR = "BRANCHDESK_DB"

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "9p",
        "fuse.sshfs",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "ceph",
        "fuse.rclone",
    }
)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path(demo: bool = False) -> Path:
    return default_data_dir() / ("branchdesk-demo.sqlite3" if demo else "branchdesk.sqlite3")


def resolve_url(value: str | None, *, demo: bool = False) -> URL:
    """A URL from ``--db`` / ``BRANCHDESK_DB``: a server URL, or a path to a SQLite file."""
    value = value or os.environ.get(ENV_VAR) or None
    if value and "://" in value:
        return make_url(value)
    path = Path(value).expanduser() if value else default_database_path(demo)
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def is_network_path(path: Path) -> bool:
    """True when ``path`` lies on a network share, where SQLite's WAL locking is unsafe."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
        return False
    return _mount_fstype(path) in NETWORK_FILESYSTEMS


def _mount_fstype(path: Path) -> str:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = os.path.abspath(path)
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _install_sqlite_behaviour(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite would otherwise begin lazily and deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the write lock at BEGIN: with a deferred BEGIN the
        # upgrade from read to write lock fails with SQLITE_BUSY without waiting.
        if connection.get_execution_options().get("branchdesk_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _seal_events(session: Session, _context: Any, _instances: Any) -> None:
    from branchdesk.storage.audit_chain import seal_new_events

    seal_new_events(session)


def _store_audit_head(session: Session) -> None:
    from branchdesk.storage.audit_chain import store_head

    store_head(session)


def _note_head(path: Path) -> Any:
    def after_commit(session: Session) -> None:
        from branchdesk.storage.audit_chain import COMMITTED_HEAD_KEY
        from branchdesk.storage.integrity import record_head

        if session.in_nested_transaction():  # a savepoint released: the transaction may still roll back
            return
        head = session.info.pop(COMMITTED_HEAD_KEY, None)
        if head is not None:
            record_head(path, head[0], head[1])

    return after_commit


class Database:
    """An engine plus the two ways to open a unit of work: ``read()`` and ``write()``."""

    def __init__(self, url: URL | str, *, check_location: bool = True) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        self.path = sqlite_path(self.url)
        if self.path is not None:
            if check_location and is_network_path(self.path.parent):
                raise StorageError(Text("storage.network_share", {"folder": str(self.path.parent)}))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(self.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _install_sqlite_behaviour(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        write_engine = self.engine.execution_options(branchdesk_write=True)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(write_engine, expire_on_commit=False)
        # Every write session seals the events it adds into the audit chain: no caller can skip it.
        event.listen(self._writes, "before_flush", _seal_events)
        event.listen(self._writes, "before_commit", _store_audit_head)
        if self.path is not None:
            # The committed head, noted beside the file: a copy missing its -wal is caught at start.
            event.listen(self._writes, "after_commit", _note_head(self.path))

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self._writes.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def describe(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)
