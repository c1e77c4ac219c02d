"""What a failure from the operating system, SQLite, the database server or a file reader means,
as one ``Text`` a person can act on (no traceback). ``None``: not a failure we can explain."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from branchdesk.i18n import Text

_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), or ENOSPC/EDQUOT from the OS."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    return isinstance(original, sqlite3.Error) and "disk is full" in str(original).lower()


def explain(exc: BaseException, database: str = "", file: str = "") -> Text | None:
    """``database``: how the database was named; ``file``: the file the command was reading, if any."""
    if is_disk_full(exc):
        path = (getattr(exc, "filename", None) or file) if isinstance(exc, OSError) else database
        return Text("io.disk_full", {"path": str(path)}) if path else Text("storage.disk_full")
    if isinstance(exc, OSError):
        where = {"path": str(exc.filename or "")}
        if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
            return Text("io.is_directory", where)
        if isinstance(exc, FileNotFoundError):
            return Text("io.not_found", where)
        if exc.errno in _PERMISSION:
            return Text("io.permission", where)
        return Text("io.failed", {**where, "reason": exc.strerror or str(exc)})
    if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in str(exc) or "not a database" in str(exc)):
        return Text("storage.damaged", {"path": database, "detail": str(exc)})
    if isinstance(exc, sqlite3.Error):
        return Text("storage.cannot_open", {"database": database, "reason": str(exc)})
    if isinstance(exc, (NoSuchModuleError, ArgumentError)):
        return Text("storage.bad_url", {"url": database})
    if isinstance(exc, DBAPIError):
        original = exc.orig
        if isinstance(original, sqlite3.DatabaseError):
            message = str(original)
            if "not a database" in message or "malformed" in message:
                return Text("storage.damaged", {"path": database, "detail": message})
            return Text("storage.cannot_open", {"database": database, "reason": message})
        if (
            exc.connection_invalidated
            or "connect" in str(original).lower()
            or "connection" in str(original).lower()
        ):
            return Text("storage.server_unreachable", {"database": database})
        return Text(
            "storage.cannot_open", {"database": database, "reason": str(original).strip().splitlines()[0]}
        )
    if type(exc).__module__.startswith(("zipfile", "openpyxl")) or type(exc).__name__ == "BadZipFile":
        return Text("io.not_xlsx", {"path": file})
    return None
