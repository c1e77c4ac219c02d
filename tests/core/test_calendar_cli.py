"""``branchdesk calendar import-notice`` and ``calendar list`` through ``main([...])`` on a real SQLite file:
the 2026 notice gives chinesecalendar's days, failures are one line and a non-zero exit."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from branchdesk.cli import main
from branchdesk.storage.models import CalendarOverride
from tests.conftest import PASSWORD, Branch
from tests.core.test_holiday_notice import NOTICES, official

pytestmark = pytest.mark.sqlite_only
SAMPLE = NOTICES / "2026.txt"


def cli(
    b: Branch,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    user: str = "admin",
    answer: str = "",
) -> tuple[int, str, str]:
    b.desk.db.dispose()  # the command opens the file itself, as a second program would
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{answer}"))
    status = main(["--db", str(b.path), "calendar", *args, "--user", user, "--password-stdin"])
    out, err = capsys.readouterr()
    return status, out, err


def overrides(b: Branch) -> dict[date, bool]:
    with b.desk.db.read() as session:
        return {r.day: r.working for r in session.scalars(select(CalendarOverride))}


def test_import_the_2026_notice_and_list_the_year(
    branch: Branch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    b = branch
    b.desk.admin.set_calendar_day(b["admin"], date(2026, 2, 14), False, "误设为休息")
    status, out, err = cli(b, monkeypatch, capsys, "import-notice", str(SAMPLE), "--dry-run")
    assert status == 0, err
    assert "2026 年节假日安排通知：共 39 天（休 33 天，班 6 天），与当前日历不同 1 天" in out
    assert "2026-02-14 周六 现在 休（人工设定） → 通知 班 春节" in out
    assert "试运行：未写入数据库" in out
    assert overrides(b) == {date(2026, 2, 14): False}

    status, out, err = cli(b, monkeypatch, capsys, "import-notice", str(SAMPLE), answer="n\n")
    assert (status, out.splitlines()[-1]) == (0, "未写入")
    assert len(overrides(b)) == 1

    status, out, err = cli(b, monkeypatch, capsys, "import-notice", str(SAMPLE), answer="y\n")
    assert status == 0, err
    assert out.splitlines()[-1] == "已写入 39 天，已确认 2026 年"
    assert len(overrides(b)) == 39 and overrides(b)[date(2026, 2, 14)] is True

    status, out, err = cli(b, monkeypatch, capsys, "list", "2026")
    assert status == 0, err
    listed: dict[date, tuple[bool, str]] = {}
    for line in out.splitlines():
        day, _weekday, kind, name = line.split(" ")
        listed[date.fromisoformat(day)] = (kind == "班", name)
    assert listed == official(2026)  # the same days as chinesecalendar, and the same names
    assert "2026-02-16 周一 休 春节" in out and "2026-10-10 周六 班 国庆节" in out

    status, out, err = cli(b, monkeypatch, capsys, "import-notice", str(SAMPLE), "--yes")
    assert status == 0 and "与当前日历不同 0 天" in out and "已写入 0 天，2026 年此前已确认" in out


def test_a_gb18030_file_is_read(
    branch: Branch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notice = tmp_path / "通知.txt"
    notice.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    status, out, err = cli(branch, monkeypatch, capsys, "import-notice", str(notice), "--dry-run")
    assert status == 0, err
    assert "共 39 天" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "文件不存在"),
        (b"\x00\x01\x02\xff\xfe binary", "文件不是文本"),
        ("这不是通知".encode(), "看不出是哪一年的通知"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n这不是通知".encode(), "没有找到节假日安排"),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日。".encode(),
            "看不懂这一行：一、元旦",
        ),
    ],
)
def test_failures_are_one_line(
    branch: Branch,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes | None,
    expected: str,
) -> None:
    notice = tmp_path / "notice.txt"
    if content is not None:
        notice.write_bytes(content)
    status, _out, err = cli(branch, monkeypatch, capsys, "import-notice", str(notice), "--yes")
    assert status == 1
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert overrides(branch) == {}


def test_only_the_administrator_and_a_year_in_range(
    branch: Branch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(branch, monkeypatch, capsys, "import-notice", str(SAMPLE), "--yes", user="gm")
    assert status == 1 and err.count("\n") == 1 and "管理员" in err
    status, _, err = cli(branch, monkeypatch, capsys, "list", "3000")
    assert status == 1 and err.count("\n") == 1
    status, _, err = cli(
        branch, monkeypatch, capsys, "import-notice", str(SAMPLE), "--year", "2025", "--dry-run"
    )
    assert status == 1 and "2025" in err and "2026" in err


def test_a_reader_that_leaves_early_gets_no_error_line(branch: Branch) -> None:
    """``branchdesk calendar list | head``: the reader closing the pipe is not 「读写失败」 — no line on
    stderr, no trace, the shell's SIGPIPE status. A real child process whose stdout pipe is closed
    before it writes (it still has to start and check the password)."""
    import subprocess
    import sys

    from branchdesk.cli import EXIT_BROKEN_PIPE

    branch.desk.db.dispose()
    child = subprocess.Popen(
        [sys.executable, "-m", "branchdesk", "--db", str(branch.path), "calendar", "list", "2026",
         "--user", "admin", "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the first line
    _, err = child.communicate(f"{PASSWORD}\n".encode(), timeout=60)
    assert err.decode() == ""
    assert child.returncode == EXIT_BROKEN_PIPE
