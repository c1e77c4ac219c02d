"""Consistent copies of a live SQLite database (the online backup API, never a file copy)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from branchdesk.errors import StorageError
from branchdesk.i18n import Text


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` while others may write; verified before it replaces anything."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(temporary))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # the copy is one self-contained file
            result = dst.execute("PRAGMA integrity_check").fetchone()
            if result is None or result[0] != "ok":
                raise StorageError(Text("storage.backup_check", {"result": str(result)}))
        finally:
            dst.close()
    finally:
        src.close()
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target


def timestamped_backup_path(database: Path, label: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return database.parent / "backups" / f"{database.stem}-{label}-{stamp}.sqlite3"
