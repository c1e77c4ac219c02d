"""The command line, run as a user would: real processes, real files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES")
    }
    full_env["LANG"] = "C.UTF-8"  # errors follow the locale: the assertions below read Chinese
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "branchdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        check=False,
    )


def test_init_then_check(tmp_path: Path) -> None:
    db = str(tmp_path / "branch.sqlite3")
    result = run(
        "--db",
        db,
        "init",
        "--name",
        "北京一分部",
        "--code",
        "bj01",
        "--admin",
        "boss",
        "--admin-name",
        "张经理",
        "--password-stdin",
        stdin="s3cret-pass\n",
    )
    assert result.returncode == 0, result.stderr
    assert "BJ01" in result.stdout
    check = run("--db", db, "check")
    assert check.returncode == 0, check.stderr
    assert "检查通过" in check.stdout and "北京一分部" in check.stdout
    again = run(
        "--db",
        db,
        "init",
        "--name",
        "x",
        "--code",
        "x",
        "--admin",
        "x",
        "--admin-name",
        "x",
        "--password-stdin",
        stdin="another-pass\n",
    )
    assert again.returncode == 1 and again.stderr.startswith("branchdesk: 数据库已初始化")


def test_environment_variable_names_the_database(tmp_path: Path) -> None:
    db = str(tmp_path / "env.sqlite3")
    result = run(
        "init",
        "--name",
        "网点",
        "--code",
        "T1",
        "--admin",
        "a",
        "--admin-name",
        "管理员",
        "--password-stdin",
        stdin="long-enough\n",
        env={"BRANCHDESK_DB": db},
    )
    assert result.returncode == 0, result.stderr
    assert Path(db).exists()


def test_short_password_is_refused_with_a_one_line_reason(tmp_path: Path) -> None:
    result = run(
        "--db",
        str(tmp_path / "b.sqlite3"),
        "init",
        "--name",
        "网点",
        "--code",
        "T1",
        "--admin",
        "a",
        "--admin-name",
        "管理员",
        "--password-stdin",
        stdin="short\n",
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "branchdesk: 密码至少 8 位"


def test_errors_follow_lang_option_then_locale(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(str(foreign)).execute("CREATE TABLE t (x)")
    chinese = run("--db", str(foreign), "check")
    english = run("--lang", "en", "--db", str(foreign), "check")
    by_locale = run("--db", str(foreign), "check", env={"LANG": "en_US.UTF-8"})
    forced = run("--lang", "zh_CN", "--db", str(foreign), "check", env={"LANG": "en_US.UTF-8"})
    assert chinese.returncode == english.returncode == 1
    assert "这不是客诉台的数据库文件（application_id 不符" in chinese.stderr
    assert "This is not a BranchDesk database file (application_id differs" in english.stderr
    assert by_locale.stderr == english.stderr and forced.stderr == chinese.stderr
    none = str(tmp_path / "none.sqlite3")
    month = run("--lang", "en", "--db", none, "--user", "crm", "export", "monthly", "--month", "x")
    assert month.returncode == 1 and month.stderr.startswith("branchdesk: The database is not set up")
    nobody = run("--lang", "en", "--db", none, "export", "monthly", "--month", "2026-10")
    assert nobody.returncode == 2
    assert nobody.stderr == "branchdesk: branchdesk export monthly runs as a user: add --user NAME " \
        "(the password is asked for, or use --password-stdin)\n"


def test_check_fails_clearly_on_a_missing_or_foreign_file(tmp_path: Path) -> None:
    missing = run("--db", str(tmp_path / "none.sqlite3"), "check")
    assert missing.returncode == 1 and "branchdesk init" in missing.stderr
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(str(foreign)).execute("CREATE TABLE t (x)")
    result = run("--db", str(foreign), "check")
    assert result.returncode == 1
    assert "不是客诉台的数据库文件" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_warns_when_the_calendar_year_is_unconfirmed(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    run(
        "--db",
        db,
        "init",
        "--name",
        "网点",
        "--code",
        "T1",
        "--admin",
        "a",
        "--admin-name",
        "管理员",
        "--password-stdin",
        stdin="long-enough\n",
    )
    result = run("--db", db, "check")
    assert "官方节假日数据覆盖" in result.stdout


def test_app_without_a_display_says_so_and_fails(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "a.sqlite3"))
    assert result.returncode == 1
    assert "没有图形显示" in result.stderr


@pytest.mark.slow
def test_demo_is_deterministic_and_covers_every_state(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        db = tmp_path / f"{name}.sqlite3"
        result = run("--db", str(db), "init", "--demo", "--seed", "7", "--cases", "60")
        assert result.returncode == 0, result.stderr
        assert "demo1234" in result.stdout
        connection = sqlite3.connect(str(db))
        outputs.append(
            connection.execute(
                "SELECT case_no, complainant_name, kind, channel, content FROM complaint_case ORDER BY id"
            ).fetchall()
        )
        connection.close()
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 60


def test_exports_and_imports_run_as_a_named_logged_in_user(tmp_path: Path) -> None:
    """No --user: refused in one line (exit 2); a wrong password counts towards the lock like a login."""
    db = str(tmp_path / "u.sqlite3")
    init = run(
        "--db", db, "init", "--name", "网点", "--code", "T1", "--admin", "boss", "--admin-name", "张经理",
        "--password-stdin", stdin="long-enough\n",
    )
    assert init.returncode == 0, init.stderr
    ledger = ["export", "ledger", "--from", "2026-01-01", "--to", "2026-12-31"]
    ledger += ["-o", str(tmp_path / "l.xlsx")]
    sample = Path(__file__).parent.parent / "data" / "ledger-2025-sample.xlsx"
    imports = ["import", "ledger", str(sample), "--dry-run"]
    for command in (ledger, imports):
        refused = run("--db", db, *command)
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
        assert "--user" in refused.stderr
    # The administrator may import (dry run) but may not export reports: the role is checked as in the app.
    dry = run("--db", db, *imports, "--user", "boss", "--password-stdin", stdin="long-enough\n")
    assert dry.returncode == 0, dry.stderr
    export = run("--db", db, "--user", "boss", "--password-stdin", *ledger, stdin="long-enough\n")
    assert export.returncode == 1 and export.stderr.strip() == (
        "branchdesk: 统计报表由客户关系经理、副总经理或总经理编制"
    )
    for _ in range(5):
        wrong = run("--db", db, *ledger, "--user", "boss", "--password-stdin", stdin="not-the-one\n")
        assert wrong.returncode == 1
    locked = run("--db", db, *ledger, "--user", "boss", "--password-stdin", stdin="long-enough\n")
    assert locked.returncode == 1 and "分钟" in locked.stderr  # throttled like the login window
