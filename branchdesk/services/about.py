"""What the 关于 (About) window shows: version, where the data lives, the log, licences, the audit head."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import branchdesk
from branchdesk import resources
from branchdesk.logs import LOG_FILE, current_log_path, log_directory
from branchdesk.services.audit import anchor
from branchdesk.storage.database import Database, default_data_dir


@dataclass(frozen=True)
class AboutFacts:
    version: str
    #: The SQLite file's path, or the server URL without its password.
    database: str
    #: Bytes of the SQLite file with its write-ahead log; None on a server.
    database_size: int | None
    data_dir: Path
    log_file: Path
    #: The list of shipped components and their licences.
    licences: Path
    #: The audit chain's head (``branchdesk audit verify --anchor`` checks against it).
    audit_anchor: str


def about(db: Database) -> AboutFacts:
    size: int | None = None
    if db.path is not None:
        size = sum(
            p.stat().st_size for p in (db.path, db.path.with_name(db.path.name + "-wal")) if p.is_file()
        )
    return AboutFacts(
        version=branchdesk.__version__,
        database=db.describe(),
        database_size=size,
        data_dir=default_data_dir(),
        log_file=current_log_path() or log_directory() / LOG_FILE,
        licences=resources.path("licenses", "README.md"),
        audit_anchor=anchor(db),
    )
