"""Is this SQLite file ours, whole and complete? Checked before anything opens it.

Each kind of damage ends in one ``StorageError`` whose ``Text`` says what happened:
a folder, an empty file, garbage in the header, a truncated file, another program's
SQLite file, a damaged page (``PRAGMA quick_check``), and a database copied without
its ``-wal`` file (the audit head recorded beside the database after every commit is
ahead of the one inside it). A missing file, or a fresh empty SQLite file, is a new
database and passes.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import BinaryIO

from branchdesk.errors import StorageError
from branchdesk.i18n import Text

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: ``<database>.audit-head``: "<seq> <hash>" of the last committed audit event, written after each commit.
HEAD_SUFFIX = ".audit-head"


#: ``<database>.damaged-pages``: the day's backup found damaged pages; the next start reads every page.
DAMAGED_SUFFIX = ".damaged-pages"


def damaged_pages_mark(database: Path) -> Path:
    return database.with_name(database.name + DAMAGED_SUFFIX)


def head_file(database: Path) -> Path:
    return database.with_name(database.name + HEAD_SUFFIX)


def record_head(database: Path, seq: int, digest: str) -> None:
    """Note the committed chain head beside the database (one small unsynced write; failures ignored)."""
    # Overwritten in place at a fixed width, never truncated (issue 16 part P): on ext4 a file truncated
    # and rewritten is flushed at close (auto_da_alloc), 4 ms of every save's 6; in place it is 5 µs.
    data = f"{seq:<20} {digest:<64}\n".encode("ascii")
    handle: BinaryIO
    try:
        try:
            handle = open(head_file(database), "r+b")  # noqa: SIM115 - closed by the with below
        except FileNotFoundError:
            handle = open(head_file(database), "wb")  # noqa: SIM115 - the first commit: a new file
        with handle:
            handle.write(data)
    except OSError as exc:  # a full disk or read-only folder must not fail the commit that succeeded
        log.warning("cannot record the audit head beside %s: %s", database, exc)


def recorded_head(database: Path) -> int | None:
    try:
        text = head_file(database).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text[0]) if text and text[0].isdigit() else None


def check_sqlite_file(path: Path, *, thorough: bool = True) -> bool:
    """Raise ``StorageError`` when ``path`` is not a sound BranchDesk database; True when it is a new one.

    ``thorough=False`` leaves out ``PRAGMA quick_check``, which reads every page: seconds at 100,000 cases,
    minutes at a million (issue 16). The app's start and the CLI's everyday commands check the file's
    shape (header, size, owner, schema, the -wal head) and leave the pages to the day's backup, whose copy
    is verified page by page in the background (``ui/day_start.py``); ``branchdesk check`` and a restore
    read every page."""
    from branchdesk.storage.database import APPLICATION_ID

    where = {"path": str(path)}
    if path.is_dir():
        raise StorageError(Text("storage.is_directory", where))
    if not path.exists():
        return True
    size = path.stat().st_size
    if size == 0:
        raise StorageError(Text("storage.empty_file", where))
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise StorageError(
            Text("storage.cannot_open", {"database": str(path), "reason": exc.strerror or ""})
        ) from exc
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise StorageError(Text("storage.not_database", where))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StorageError(Text("storage.not_database", where))
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    if size % page_size or (header_valid and size < pages * page_size):
        expected = pages * page_size if header_valid else (size // page_size + 1) * page_size
        raise StorageError(Text("storage.truncated", {**where, "expected": expected, "actual": size}))
    try:
        connection = sqlite3.connect(str(path), timeout=10)
    except sqlite3.Error as exc:
        raise StorageError(Text("storage.cannot_open", {"database": str(path), "reason": str(exc)})) from exc
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if app_id != APPLICATION_ID:
            if app_id == 0 and not tables:
                return True  # a fresh, empty SQLite file: a new database
            raise StorageError(Text("storage.foreign_file", where))
        result = [r[0] for r in connection.execute("PRAGMA quick_check(5)")] if thorough else ["ok"]
        if result != ["ok"]:
            raise StorageError(
                Text("storage.damaged", {**where, "detail": "; ".join(map(str, result))[:200]})
            )
        recorded = recorded_head(path)
        columns = {r[1] for r in connection.execute("PRAGMA table_info(branch)")}
        if recorded is not None and "audit_seq" in columns:
            row = connection.execute("SELECT audit_seq FROM branch LIMIT 1").fetchone()
            actual = (row[0] or 0) if row else 0
            if actual < recorded:
                raise StorageError(
                    Text("storage.wal_missing", {**where, "expected": recorded, "actual": actual})
                )
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise StorageError(Text("error.database_busy")) from exc
        raise StorageError(Text("storage.damaged", {**where, "detail": text})) from exc
    finally:
        connection.close()
    return False


def is_new_or_ours(path: Path) -> bool:
    """True when ``path`` passes ``check_sqlite_file`` (for callers that only want to know)."""
    try:
        check_sqlite_file(path)
    except StorageError:
        return False
    return True


def remove_side_files(database: Path) -> None:
    """Remove the ``-wal`` and ``-shm`` files of ``database`` (stale after a swap)."""
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.remove(side)
