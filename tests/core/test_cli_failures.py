"""Every command-line failure is one line on stderr and a non-zero exit: never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Branch
from tests.core.test_cli import run as run_cli
from tests.pg_server import server_binaries

AS_USER = ("export", "import", "print")


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI; the commands that act as a user do so as the CR manager made below."""
    if any(a in AS_USER for a in args) and "--user" not in args and "--calibration" not in args:
        return run_cli(*args, "--user", "crm", "--password-stdin", stdin="long-enough\n", env=env)
    return run_cli(*args, stdin=stdin, env=env)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "branch.sqlite3"
    result = run(
        "--db",
        str(path),
        "init",
        "--name",
        "网点",
        "--code",
        "T1",
        "--admin",
        "boss",
        "--admin-name",
        "管理员",
        "--password-stdin",
        stdin="long-enough\n",
    )
    assert result.returncode == 0, result.stderr
    from branchdesk.domain.vocab import Role
    from branchdesk.services import BranchDesk
    from branchdesk.storage.database import Database, resolve_url

    desk = BranchDesk(Database(resolve_url(str(path))))
    boss = desk.auth.login("boss", "long-enough")
    desk.admin.create_user(
        boss,
        username="crm",
        full_name="陈静",
        department_code="CS",
        roles=[Role.CR_MANAGER],
        password="long-enough",
    )
    desk.db.dispose()
    return path


def assert_one_line_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "意外错误" not in lines[0], lines[0]  # explained, not the catch-all
    for text in expected:
        assert text in lines[0], lines[0]


def bad_command_lines(db: Path, tmp: Path) -> list[tuple[list[str], str]]:
    not_xlsx = tmp / "ledger.xlsx"
    not_xlsx.write_text("this is not a workbook", encoding="utf-8")
    truncated = tmp / "truncated.xlsx"
    with zipfile.ZipFile(truncated, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 500)
    truncated.write_bytes(truncated.read_bytes()[:300])
    a_file = tmp / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    non_backup = tmp / "notes.sqlite3"
    sqlite3.connect(str(non_backup)).execute("CREATE TABLE notes (x)")
    d = str(db)
    return [
        (["--db", d, "backup", "-o", str(tmp)], "文件夹"),
        (["--db", d, "backup", "-o", str(a_file / "x.sqlite3")], "plain.txt"),
        (["--db", d, "export", "monthly", "--month", "2026-10", "-o", str(tmp)], "文件夹"),
        (["--db", d, "export", "monthly", "--month", "2026-10", "-o", str(a_file / "m.xlsx")], "plain.txt"),
        (["--db", d, "export", "monthly", "--month", "2026-13"], "月份"),
        (["--db", d, "export", "ledger", "--from", "2026-02-30", "--to", "2026-03-01"], "日期"),
        (["--db", d, "import", "ledger", str(not_xlsx)], "Excel"),
        (["--db", d, "import", "ledger", str(truncated)], "Excel"),
        (["--db", d, "import", "ledger", str(tmp / "missing.xlsx")], "不存在"),
        (["--db", d, "print", "209901-999", "--form", "receipt", "-o", str(tmp / "x.pdf")], ""),
        (["--db", d, "restore", str(non_backup)], "不是可用的客诉台备份"),
        (["--db", d, "restore", str(tmp / "missing.sqlite3")], "不存在"),
        (["--db", d, "restore", str(tmp)], "文件夹"),
        (["--db", str(tmp), "check"], "文件夹"),
        (["--db", str(tmp), "export", "monthly", "--month", "2026-10"], "文件夹"),
        (["--db", str(tmp), "backup"], "文件夹"),
        (["--db", "ftp://example.com/branch", "check"], "无法识别的数据库地址"),
        (["--db", "postgresql+psycopg://u:secret@127.0.0.1:1/branch", "check"], "无法连接数据库服务器"),
        (["--db", "postgresql+psycopg://u:secret@127.0.0.1:1/branch", "audit", "verify"], "无法连接"),
        (["--db", str(tmp / "none.sqlite3"), "audit", "verify"], "branchdesk init"),
        (["--db", str(tmp / "none.sqlite3"), "backups"], "还没有备份"),
    ]


def test_bad_command_lines_fail_in_one_line(database: Path, tmp_path: Path) -> None:
    for args, expected in bad_command_lines(database, tmp_path):
        result = run(*args)
        if args[-1] == "backups":  # listing none is not a failure, but still no traceback
            assert result.returncode == 0 and expected in result.stdout and "Traceback" not in result.stderr
            continue
        assert "secret" not in result.stderr
        assert_one_line_failure(result, expected)
    # An unknown subcommand or option is argparse's usage message, never a traceback.
    usage = run("--db", str(database), "frobnicate")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_backup_backups_and_restore_on_the_command_line(database: Path, tmp_path: Path) -> None:
    made = run("--db", str(database), "backup")
    assert made.returncode == 0 and "已备份" in made.stdout and "审计链头" in made.stdout
    listed = run("--db", str(database), "backups")
    assert listed.returncode == 0 and "案件 0 件" in listed.stdout
    backup = Path(made.stdout.split("已备份：", 1)[1].split("（", 1)[0])
    english = run("--lang", "en", "--db", str(database), "restore", str(backup))
    assert english.returncode == 0 and english.stdout.startswith("Restored from"), english.stderr
    chosen = tmp_path / "mine.sqlite3"
    assert run("--db", str(database), "backup", "-o", str(chosen)).returncode == 0
    assert chosen.exists() and chosen.with_name("mine.sqlite3.json").exists()


def test_postgresql_backup_says_how_without_pg_dump(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path)}  # no pg_dump on this PATH
    result = run("--db", "postgresql+psycopg://u:secret@127.0.0.1:1/branch", "backup", env=env)
    assert_one_line_failure(result, "pg_dump -Fc")
    assert "secret" not in result.stderr


def test_check_on_an_older_schema_says_it_will_be_upgraded(tmp_path: Path) -> None:
    from alembic import command

    from branchdesk.storage.database import Database, resolve_url
    from branchdesk.storage.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    db = Database(resolve_url(str(path)))
    config = alembic_config(db)
    with db.engine.execution_options(branchdesk_write=True).connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.commit()
    db.dispose()
    result = run("--db", str(path), "check")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "自动升级" in result.stdout and "缺少数据表" not in result.stdout + result.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a tmpfs needs root")
def test_a_full_disk_is_one_clear_line(database: Path, tmp_path: Path) -> None:
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        filler = os.open(tiny / "filler", os.O_WRONLY | os.O_CREAT)  # the disk full to the last block
        try:
            while True:
                os.write(filler, b"\0" * 1024)
        except OSError:
            pass
        finally:
            os.close(filler)
        for args in (
            ["backup", "-o", str(tiny / "b.sqlite3")],
            ["export", "monthly", "--month", "2026-10", "-o", str(tiny / "m.xlsx")],
        ):
            result = run("--db", str(database), *args)
            assert_one_line_failure(result, "磁盘已满", args[-1])
        assert not (tiny / "b.sqlite3").exists() and not (tiny / "b.sqlite3.partial").exists()
    finally:
        subprocess.run(["umount", str(tiny)], check=False)
    assert run("--db", str(database), "check").returncode == 0  # nothing lost


def test_backup_on_either_engine(branch: Branch, tmp_path: Path) -> None:
    """SQLite: the online backup; PostgreSQL: pg_dump (the test server's own, put on PATH)."""
    branch.desk.db.dispose()
    env = None
    if branch.engine == "postgresql":
        binaries = server_binaries()
        assert binaries is not None
        env = {"PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"}
    target = tmp_path / "branch.backup"
    result = run("--db", branch.url, "backup", "-o", str(target), env=env)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 10_000 and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a tmpfs needs root")
def test_a_read_only_folder_is_one_clear_line(database: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(locked)], check=False
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        for args in (
            ["backup", "-o", str(locked / "b.sqlite3")],
            ["export", "monthly", "--month", "2026-10", "-o", str(locked / "m.xlsx")],
        ):
            assert_one_line_failure(run("--db", str(database), *args), "没有权限", args[-1])
    finally:
        subprocess.run(["umount", str(locked)], check=False)
