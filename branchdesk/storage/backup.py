"""Backups of a SQLite branch database: made online, verified, described, pruned, restored.

A backup is one self-contained SQLite file (the online backup API, never a file copy of a live
database) and a manifest beside it, ``<file>.json``: when and why it was made, the schema
revision, the case and event counts, the audit chain head and the file's SHA-256. Every backup
is verified as it is made (``PRAGMA integrity_check``, the counts read back) and again before
it is restored. Automatic backups live in ``backups/`` beside the database: one at the app's
first start of each day and one before every migration, ledger import and restore; the last
14 days and 12 months of automatic backups are kept (see ``prune``).

``restore`` backs up the current database first (or, when it cannot be read any more, keeps a
plain copy of its files), verifies the backup, then swaps it in atomically: a temporary file in
the same folder, ``os.replace``, and the stale ``-wal``/``-shm`` removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from branchdesk.errors import StorageError
from branchdesk.i18n import Text

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
DAILY, MIGRATION, IMPORT, RESTORE, MANUAL, DAMAGED = (
    "daily",
    "migration",
    "import",
    "restore",
    "manual",
    "damaged",
)
#: Pruned by ``prune``; manual backups and those taken before a restore stay until removed by hand.
AUTOMATIC = frozenset({DAILY, MIGRATION, IMPORT})
KEEP_DAYS, KEEP_MONTHS = 14, 12


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as its manifest records it."""

    path: Path
    created: datetime
    source: str
    revision: str | None
    cases: int
    events: int
    anchor: str
    sha256: str
    size: int

    def manifest(self) -> dict[str, object]:
        data = asdict(self)
        data.update(
            format=MANIFEST_FORMAT,
            path=self.path.name,
            created=self.created.isoformat(sep=" ", timespec="seconds"),
        )
        return data


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` while others may write; verified before it replaces anything."""
    if target.is_dir():
        raise StorageError(Text("io.is_directory", {"path": str(target)}))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    temporary.open("xb").close()  # a folder we may not write to fails here, naming the file
    try:
        src = sqlite3.connect(str(source), timeout=10)
        try:
            dst = sqlite3.connect(str(temporary))
            try:
                # One step in one read transaction: in WAL mode others go on writing, while a copy
                # made in many steps starts again at each of their commits (a big file, a busy day).
                src.backup(dst, pages=-1)
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
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        if "disk is full" in str(exc):
            raise StorageError(Text("io.disk_full", {"path": str(target)})) from exc
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def backups_folder(database: Path) -> Path:
    return database.parent / "backups"


def timestamped_backup_path(database: Path, label: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    path = backups_folder(database) / f"{database.stem}-{label}-{stamp}.sqlite3"
    counter = 1
    while path.exists():
        counter += 1
        path = backups_folder(database) / f"{database.stem}-{label}-{stamp}-{counter}.sqlite3"
    return path


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _facts(path: Path, require_branch: bool = True) -> tuple[str | None, int, int, str]:
    """Schema revision, cases, events and audit anchor read from a backup file (read-only)."""
    from branchdesk.storage.audit_chain import GENESIS, anchor_code
    from branchdesk.storage.database import APPLICATION_ID

    def reason(code: Text) -> StorageError:
        return StorageError(Text("backup.not_backup", {"path": str(path), "reason": code}))

    try:
        with open(path, "rb") as handle:
            if not handle.read(16).startswith(b"SQLite format 3"):
                raise reason(Text("backup.reason_not_sqlite"))
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except OSError as exc:
        raise reason(Text("io.failed", {"path": str(path), "reason": exc.strerror or str(exc)})) from exc
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise reason(Text("backup.reason_not_ours"))
        result = [r[0] for r in connection.execute("PRAGMA integrity_check(5)")]
        if result != ["ok"]:
            raise reason(Text("backup.reason_damaged", {"detail": "; ".join(result)[:200]}))
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        has_branch = "branch" in tables and connection.execute("SELECT count(*) FROM branch").fetchone()[0]
        if require_branch and not has_branch:
            raise reason(Text("backup.reason_empty"))
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        cases = events = 0
        if "complaint_case" in tables and "event" in tables:
            cases = connection.execute("SELECT count(*) FROM complaint_case").fetchone()[0]
            events = connection.execute("SELECT count(*) FROM event").fetchone()[0]
        columns = {r[1] for r in connection.execute("PRAGMA table_info(branch)")}
        anchor = anchor_code(0, GENESIS)
        if "audit_seq" in columns and has_branch:
            seq, digest = connection.execute("SELECT audit_seq, audit_hash FROM branch LIMIT 1").fetchone()
            if seq and digest:
                anchor = anchor_code(seq, digest)
        return revision, int(cases), int(events), anchor
    except sqlite3.DatabaseError as exc:
        raise reason(Text("backup.reason_damaged", {"detail": str(exc)})) from exc
    finally:
        connection.close()


def _write_manifest(info: BackupInfo) -> None:
    target = manifest_path(info.path)
    temporary = target.with_name(target.name + ".partial")
    temporary.write_text(json.dumps(info.manifest(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, target)


def make_backup(database: Path, source: str, now: datetime, target: Path | None = None) -> BackupInfo:
    """Back up ``database`` (online), verify the copy, write its manifest; ``source`` says why."""
    target = target or timestamped_backup_path(database, source, now)
    backup_sqlite(database, target)
    try:
        revision, cases, events, anchor = _facts(target, require_branch=False)
        info = BackupInfo(
            path=target,
            created=now.replace(microsecond=0),
            source=source,
            revision=revision,
            cases=cases,
            events=events,
            anchor=anchor,
            sha256=sha256_of(target),
            size=target.stat().st_size,
        )
        _write_manifest(info)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    log.info("backup %s of %s: %d cases, head %s", target, database, cases, anchor)
    return info


def read_manifest(backup: Path) -> BackupInfo | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        return BackupInfo(
            path=backup,
            created=datetime.fromisoformat(data["created"]),
            source=str(data["source"]),
            revision=data.get("revision"),
            cases=int(data["cases"]),
            events=int(data.get("events", 0)),
            anchor=str(data["anchor"]),
            sha256=str(data["sha256"]),
            size=int(data["size"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def verify_backup(backup: Path) -> BackupInfo:
    """The backup's facts, after checking it: its SHA-256 against the manifest, ours, whole, not empty."""
    if backup.is_dir():
        raise StorageError(Text("io.is_directory", {"path": str(backup)}))
    if not backup.exists():
        raise StorageError(Text("io.not_found", {"path": str(backup)}))
    manifest = read_manifest(backup)
    if manifest is not None and sha256_of(backup) != manifest.sha256:
        raise StorageError(Text("backup.checksum", {"path": str(backup)}))
    revision, cases, events, anchor = _facts(backup)
    if manifest is not None:
        return manifest
    stat = backup.stat()
    return BackupInfo(
        path=backup,
        created=datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
        source="",
        revision=revision,
        cases=cases,
        events=events,
        anchor=anchor,
        sha256="",
        size=stat.st_size,
    )


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups in the folder beside ``database``, newest first (from manifests; older ones read)."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.glob("*.sqlite3"):
        info = read_manifest(path)
        if info is None:
            try:
                info = verify_backup(path)
            except StorageError:
                continue
        found.append(info)
    return sorted(found, key=lambda info: (info.created, info.path.name), reverse=True)


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes ``verify_backup`` (damaged ones are skipped)."""
    for info in list_backups(database):
        if info.source == DAMAGED:
            continue
        try:
            return verify_backup(info.path)
        except StorageError:
            log.warning("backup %s fails its check, skipped", info.path)
    return None


def prune(database: Path) -> list[Path]:
    """Keep the newest automatic backup of each of the last 14 days and of the last 12 months."""
    automatic = [info for info in list_backups(database) if info.source in AUTOMATIC]
    keep: set[Path] = set()
    days: dict[object, Path] = {}
    months: dict[object, Path] = {}
    for info in automatic:  # newest first: the first seen of a day or month is its newest
        days.setdefault(info.created.date(), info.path)
        months.setdefault((info.created.year, info.created.month), info.path)
    keep.update(list(days.values())[:KEEP_DAYS])
    keep.update(list(months.values())[:KEEP_MONTHS])
    removed = []
    for info in automatic:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            manifest_path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    if removed:
        log.info("pruned %d old backups", len(removed))
    return removed


def daily_backup_due(database: Path, now: datetime) -> bool:
    if not database.exists():
        return False
    return not any(
        info.created.date() == now.date() and info.source in AUTOMATIC for info in list_backups(database)
    )


def daily_backup(database: Path, now: datetime) -> BackupInfo | None:
    """The first start of the day backs up the database (then prunes); later starts do nothing."""
    if not daily_backup_due(database, now):
        return None
    info = make_backup(database, DAILY, now)
    prune(database)
    return info


# --- a second folder (USB disk, share) ----------------------------------------------

#: The administrator's work page reminds when the newest copy in the second folder is older than this.
COPY_REMINDER_DAYS = 7


def copy_backup(info: BackupInfo, folder: Path) -> Path:
    """Copy a backup and its manifest into ``folder`` (which must exist: a USB disk not plugged in is
    refused, not created on the local disk). The file goes in under a temporary name and the manifest
    last, so a copy with its manifest is whole. Raises ``StorageError`` (``backup.copy_failed``)."""
    target = folder / info.path.name
    temporary = folder / f".{info.path.name}.copying"
    try:
        if not folder.is_dir():
            raise FileNotFoundError(2, "no such folder", str(folder))
        shutil.copyfile(info.path, temporary)
        os.replace(temporary, target)
        shutil.copyfile(manifest_path(info.path), manifest_path(target))
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        log.warning("copying backup %s to %s failed: %s", info.path, folder, exc)
        raise StorageError(Text("backup.copy_failed", {"folder": str(folder), "reason": str(exc)})) from exc
    log.info("backup %s copied to %s", info.path.name, folder)
    return target


def last_copy(folder: Path) -> datetime | None:
    """When the newest backup in the second folder was made (by its manifest); None: none there."""
    newest: datetime | None = None
    try:
        manifests = list(folder.glob("*.json"))
    except OSError:
        return None
    for manifest in manifests:
        backup = manifest.with_name(manifest.name[: -len(".json")])
        info = read_manifest(backup)
        if info is not None and backup.is_file() and (newest is None or info.created > newest):
            newest = info.created
    return newest


def copy_due(folder: str, now: datetime) -> bool:
    """No second folder is set, or its newest copy is older than ``COPY_REMINDER_DAYS``."""
    if not folder:
        return True
    newest = last_copy(Path(folder))
    return newest is None or now - newest > timedelta(days=COPY_REMINDER_DAYS)


# --- restore ----------------------------------------------------------------------


def instance_lock_path(database: Path) -> Path:
    """The lock file the desktop app holds while it has ``database`` open (``QLockFile`` format)."""
    return database.with_name(database.name + ".lock")


def _lock_holder(database: Path) -> int | None:
    """The id of another live process on this PC holding the app's lock on ``database``."""
    try:
        lines = instance_lock_path(database).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    host = lines[2].strip() if len(lines) > 2 else ""
    if pid == os.getpid() or (host and host != socket.gethostname()):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        return pid
    return pid


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: Path | None  # the backup (or plain copy) of the database as it was; None: there was none
    seconds: float


def _keep_damaged(database: Path, now: datetime) -> Path:
    """A plain copy of a database that cannot be backed up online (with its -wal), kept for inspection."""
    target = timestamped_backup_path(database, DAMAGED, now).with_suffix(".damaged")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(database, target)
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target


def restore(database: Path, backup: Path, now: datetime) -> RestoreResult:
    """Put ``backup`` in place of ``database``: back up the current one, verify, swap atomically."""
    from branchdesk.storage.integrity import check_sqlite_file, record_head, remove_side_files

    started = time.perf_counter()
    if database.is_dir():
        raise StorageError(Text("storage.is_directory", {"path": str(database)}))
    holder = _lock_holder(database)
    if holder is not None:
        raise StorageError(Text("backup.in_use", {"pid": holder}))
    info = verify_backup(backup)
    previous: Path | None = None
    if database.exists() and database.stat().st_size > 0:
        try:
            check_sqlite_file(database)
            previous = make_backup(database, RESTORE, now).path
        except (StorageError, sqlite3.DatabaseError) as exc:
            log.warning("the current database cannot be backed up online (%s): keeping a plain copy", exc)
            previous = _keep_damaged(database, now)
    temporary = database.with_name(f".{database.name}.restoring")
    try:
        shutil.copyfile(backup, temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        if sha256_of(temporary) != (info.sha256 or sha256_of(backup)):
            raise StorageError(Text("backup.checksum", {"path": str(backup)}))
        remove_side_files(database)  # a stale -wal would be replayed onto the restored file
        os.replace(temporary, database)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(database.parent)
    seq = int(info.anchor.split("-", 1)[0]) if info.anchor.split("-", 1)[0].isdigit() else 0
    record_head(database, seq, info.anchor)
    log.info("restored %s from %s (previous kept as %s)", database, backup, previous)
    return RestoreResult(info, previous, time.perf_counter() - started)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- PostgreSQL -------------------------------------------------------------------


def pg_dump(url: str, target: Path) -> Path:
    """``pg_dump -Fc`` of a server database, when pg_dump is installed; otherwise one line saying how."""
    plain = url.replace("postgresql+psycopg://", "postgresql://").replace(
        "postgresql+psycopg2://", "postgresql://"
    )
    program = shutil.which("pg_dump")
    if program is None:
        shown = plain.split("@")[-1] if "@" in plain else plain
        raise StorageError(Text("backup.pg_dump_missing", {"url": f"postgresql://…@{shown}"}))
    if target.is_dir():
        raise StorageError(Text("io.is_directory", {"path": str(target)}))
    result = subprocess.run(
        [program, "--format=custom", f"--file={target}", plain],
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["?"])[-1]
        raise StorageError(Text("backup.pg_dump_failed", {"reason": reason}))
    return target
