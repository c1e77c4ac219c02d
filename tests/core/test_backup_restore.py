"""Backups, restore, and every kind of damaged database file, built for real and caught at start."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from branchdesk.errors import StorageError
from branchdesk.services import BranchDesk
from branchdesk.services.audit import verify_audit
from branchdesk.storage import backup as backups
from branchdesk.storage.database import Database, resolve_url
from branchdesk.storage.integrity import check_sqlite_file, head_file
from branchdesk.storage.models import Case
from tests.conftest import PASSWORD, Branch, complaint_form

NOW = datetime(2026, 11, 24, 10, 0)
pytestmark = pytest.mark.sqlite_only


def case_numbers(path: Path) -> list[str]:
    connection = sqlite3.connect(str(path))
    try:
        return [r[0] for r in connection.execute("SELECT case_no FROM complaint_case ORDER BY id")]
    finally:
        connection.close()


def settle(branch: Branch) -> Path:
    """Close the app's connections: the file is whole (WAL checkpointed and gone)."""
    branch.desk.db.dispose()
    assert branch.path is not None
    return branch.path


def code_of(path: Path) -> str:
    with pytest.raises(StorageError) as caught:
        check_sqlite_file(path)
    return caught.value.text.code


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI; a command that acts as a user does so as the template's CR manager."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    as_user = any(a in ("export", "import", "print") for a in args)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "branchdesk",
            *args,
            *(("--user", "crm", "--password-stdin") if as_user else ()),
        ],
        input=f"{PASSWORD}\n" if as_user else "",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


# --- backups ---------------------------------------------------------------------


def test_a_backup_is_verified_and_described_by_its_manifest(branch: Branch) -> None:
    branch.desk.intake.register(branch["clerk"], complaint_form())
    path = settle(branch)
    info = backups.make_backup(path, backups.MANUAL, NOW)
    manifest = json.loads(backups.manifest_path(info.path).read_text(encoding="utf-8"))
    assert manifest["source"] == "manual" and manifest["cases"] == 1 and manifest["revision"]
    assert manifest["sha256"] == backups.sha256_of(info.path) and manifest["size"] == info.path.stat().st_size
    with Database(resolve_url(str(path))).read() as session:
        from branchdesk.storage.audit_chain import current_anchor

        assert manifest["anchor"] == current_anchor(session)
    assert [b.path for b in backups.list_backups(path)] == [info.path]
    assert backups.verify_backup(info.path) == info
    # A changed byte no longer matches the manifest.
    with open(info.path, "r+b") as handle:
        handle.seek(info.size - 10)
        handle.write(b"x")
    with pytest.raises(StorageError) as caught:
        backups.verify_backup(info.path)
    assert caught.value.text.code == "backup.checksum"


def test_daily_backup_once_a_day_and_retention(branch: Branch) -> None:
    path = settle(branch)
    assert backups.daily_backup(path, NOW) is not None
    assert backups.daily_backup(path, NOW + timedelta(hours=3)) is None
    assert backups.daily_backup(path, NOW + timedelta(days=1)) is not None
    # Automatic backups over 15 months, every 5 days; a manual one is never pruned.
    manual = backups.make_backup(path, backups.MANUAL, NOW - timedelta(days=400))
    days = [NOW + timedelta(days=2) + timedelta(days=5 * i) for i in range(92)]
    for day in days:
        backups.make_backup(path, backups.DAILY if day.day % 2 else backups.MIGRATION, day)
    backups.prune(path)
    kept = {b.created for b in backups.list_backups(path) if b.source in backups.AUTOMATIC}
    everything = sorted([*days, NOW, NOW + timedelta(days=1)], reverse=True)
    by_month: dict[tuple[int, int], datetime] = {}
    for moment in everything:
        by_month.setdefault((moment.year, moment.month), moment)
    expected = set(everything[:14]) | set(list(by_month.values())[:12])
    assert kept == expected
    assert manual.path.exists()


def test_backup_damage_restore_round_trip_loses_nothing(branch: Branch) -> None:
    for name in ("李先生", "王女士", "赵先生"):
        branch.desk.intake.register(branch["clerk"], complaint_form(complainant_name=name))
    path = settle(branch)
    before = case_numbers(path)
    info = backups.make_backup(path, backups.MANUAL, NOW)
    truncate(path)
    assert code_of(path) == "storage.truncated"
    result = backups.restore(path, info.path, NOW + timedelta(minutes=1))
    check_sqlite_file(path)
    assert case_numbers(path) == before and len(before) == 3
    desk = BranchDesk(Database(resolve_url(str(path))))
    verdict, _ = verify_audit(desk.db)
    assert verdict.ok and verdict.head == info.anchor
    # Work goes on after the restore; the damaged file was kept for inspection.
    desk.intake.register(branch["clerk"], complaint_form(complainant_name="钱先生"))
    with desk.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 4
    desk.db.dispose()
    assert result.previous is not None and result.previous.exists() and result.previous.suffix == ".damaged"


def test_restore_backs_up_the_current_database_first_and_refuses_a_non_backup(
    branch: Branch, tmp_path: Path
) -> None:
    path = settle(branch)
    old = backups.make_backup(path, backups.MANUAL, NOW)
    desk = BranchDesk(Database(resolve_url(str(path))))
    desk.intake.register(branch["clerk"], complaint_form())
    desk.db.dispose()
    current = case_numbers(path)
    result = backups.restore(path, old.path, NOW + timedelta(hours=1))
    assert result.previous is not None
    assert case_numbers(path) == [] and case_numbers(result.previous) == current
    assert backups.read_manifest(result.previous) is not None
    assert not path.with_name(path.name + "-wal").exists()
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(str(foreign)).execute("CREATE TABLE t (x)")
    for bad, code in ((foreign, "backup.not_backup"), (tmp_path / "none.sqlite3", "io.not_found")):
        with pytest.raises(StorageError) as caught:
            backups.restore(path, bad, NOW)
        assert caught.value.text.code == code
    # The app holds its lock file: a restore from the command line waits for it to close.
    backups.instance_lock_path(path).write_text(f"{os.getppid()}\nbranchdesk\n\n", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        backups.restore(path, old.path, NOW)
    assert caught.value.text.code == "backup.in_use"


def test_a_migration_and_an_import_back_up_first(branch: Branch, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = settle(branch)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["受理日期", "客户名称", "联系电话", "投诉内容"])
    sheet.append(["2026-10-08", "周先生", "13800138000", "发票开错了抬头"])
    ledger = tmp_path / "ledger.xlsx"
    book.save(ledger)
    desk = BranchDesk(Database(resolve_url(str(path))), lambda: NOW)
    crm = branch["crm"]
    desk.ledger_import.import_ledger(crm, ledger, dry_run=True)
    assert backups.list_backups(path) == []
    check_sqlite_file(path)  # the rolled-back dry run did not move the head noted beside the file
    desk.ledger_import.import_ledger(crm, ledger)
    desk.db.dispose()
    assert [b.source for b in backups.list_backups(path)] == ["import"]


# --- damaged files, each built for real -------------------------------------------


def truncate(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2)


def garble_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"\x00garbage header\x00" * 6)


def corrupt_page(path: Path, table: str = "setting") -> None:
    """Garbage over the first page of ``table`` (the file keeps its size and header)."""
    connection = sqlite3.connect(str(path))
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def foreign(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)")
    connection.commit()
    connection.close()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


DAMAGE = {
    "truncated": (truncate, "storage.truncated", "数据库文件不完整"),
    "garbage header": (garble_header, "storage.not_database", "数据库文件开头已损坏"),
    "damaged page": (corrupt_page, "storage.damaged", "损坏的数据页"),
    "foreign SQLite file": (foreign, "storage.foreign_file", "这不是客诉台的数据库文件"),
    "0-byte file": (empty, "storage.empty_file", "数据库文件是空的（0 字节）"),
    "a folder": (folder, "storage.is_directory", "是一个文件夹"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_kind_of_damage_is_one_clear_message(branch: Branch, kind: str) -> None:
    damage, code, chinese = DAMAGE[kind]
    path = settle(branch)
    damage(path)
    assert code_of(path) == code
    for command in (["check"], ["export", "monthly", "--month", "2026-10"], ["audit", "verify"]):
        result = cli("--db", str(path), *command)
        assert result.returncode == 1, (kind, command)
        assert "Traceback" not in result.stderr + result.stdout
        assert chinese in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_foreign_file_is_never_migrated_into(tmp_path: Path) -> None:
    path = tmp_path / "other-program.sqlite3"
    foreign(path) if path.exists() else None
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    connection.close()
    desk = BranchDesk(Database(resolve_url(str(path))))
    with pytest.raises(StorageError) as caught:
        desk.initialise(
            name="网点", code="T1", admin_username="a", admin_full_name="管理员", admin_password="long-enough"
        )
    desk.db.dispose()
    assert caught.value.text.code == "storage.foreign_file"
    connection = sqlite3.connect(str(path))
    assert [r[0] for r in connection.execute("SELECT name FROM sqlite_master")] == ["orders"]
    connection.close()


def test_a_copy_without_its_wal_file_is_noticed(branch: Branch, tmp_path: Path) -> None:
    path = settle(branch)
    keeper = sqlite3.connect(str(path))  # an open reader keeps the WAL from being checkpointed away
    keeper.execute("SELECT 1 FROM branch").fetchall()
    desk = BranchDesk(Database(resolve_url(str(path))))
    desk.intake.register(branch["clerk"], complaint_form())
    desk.db.dispose()
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    copy = tmp_path / "copied" / path.name
    copy.parent.mkdir()
    shutil.copy2(path, copy)
    shutil.copy2(head_file(path), head_file(copy))  # the folder copied, all but the -wal
    keeper.close()
    check_sqlite_file(path)  # the original, with its WAL, is sound
    assert code_of(copy) == "storage.wal_missing"
    result = cli("--db", str(copy), "check")
    assert result.returncode == 1 and "漏了同名的 -wal 文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_or_a_fresh_empty_sqlite_file_is_a_new_database(tmp_path: Path) -> None:
    assert check_sqlite_file(tmp_path / "new.sqlite3") is True
    Database(resolve_url(str(tmp_path / "fresh.sqlite3"))).engine.connect().close()
    assert check_sqlite_file(tmp_path / "fresh.sqlite3") is True


# --- a full disk while saving ---------------------------------------------------------


def test_a_full_disk_while_saving_is_one_clear_message_and_loses_nothing(branch: Branch) -> None:
    path = settle(branch)
    desk = BranchDesk(Database(resolve_url(str(path))))
    with desk.db.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(desk.db.engine, "connect")
    def _no_room(dbapi_connection: object, _record: object) -> None:
        # SQLite's own SQLITE_FULL ("database or disk is full"), as a full disk gives it.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    desk.db.engine.dispose()
    saved = []
    with pytest.raises(StorageError) as caught:
        for number in range(500):
            saved.append(
                desk.intake.register(branch["clerk"], complaint_form(content="内容" * 200 + str(number)))
            )
    assert caught.value.text.code == "storage.disk_full"
    assert "磁盘已满，本次未保存" in caught.value.message
    event.remove(desk.db.engine, "connect", _no_room)
    desk.db.engine.dispose()
    with desk.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == len(saved)
    verdict, _ = verify_audit(desk.db)
    assert verdict.ok
    desk.db.dispose()
    check_sqlite_file(path)


def test_a_second_folder_receives_copies_and_tells_when_the_last_is_old(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    assert b.path is not None
    assert b.desk.backup_copy_folder() == ""  # a setting added later: its shipped value until saved
    assert backups.copy_due("", NOW)
    usb = tmp_path / "usb"
    with pytest.raises(StorageError) as refused:  # not plugged in: refused, not created on the local disk
        backups.copy_backup(backups.make_backup(b.path, backups.MANUAL, NOW - timedelta(days=8)), usb)
    assert refused.value.text.code == "backup.copy_failed" and not usb.exists()
    usb.mkdir()
    assert backups.last_copy(usb) is None and backups.copy_due(str(usb), NOW)
    old = backups.list_backups(b.path)[0]
    copied = backups.copy_backup(old, usb)
    assert copied.read_bytes() == old.path.read_bytes() and backups.verify_backup(copied).cases == old.cases
    assert backups.last_copy(usb) == old.created and backups.copy_due(str(usb), NOW)
    fresh = backups.make_backup(b.path, backups.MANUAL, NOW - timedelta(days=1))
    backups.copy_backup(fresh, usb)
    assert backups.last_copy(usb) == fresh.created and not backups.copy_due(str(usb), NOW)
    assert [p.name for p in usb.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    b.desk.admin.set_setting(b["admin"], "backup_copy_folder", str(usb))
    assert b.desk.backup_copy_folder() == str(usb)
