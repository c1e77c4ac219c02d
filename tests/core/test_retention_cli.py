"""``branchdesk retention …`` and ``branchdesk personal-data …`` (issue 15 part R): the whole flow from the
command line, and each refusal as one line with a non-zero exit."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PASSWORD, Branch, complaint_form
from tests.core.test_cli import run
from tests.core.test_retention import closed_case


def as_user(b: Branch, user: str, *args: str) -> tuple[int, str, str]:
    done = run("--db", b.url, *args, "--user", user, "--password-stdin", stdin=PASSWORD + "\n")
    return done.returncode, done.stdout, done.stderr


@pytest.mark.sqlite_only
def test_the_retention_queue_and_a_personal_data_request_from_the_command_line(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    b.clock.now = datetime(2022, 3, 7, 9, 0)  # closed in 2022: past two years on any day this runs
    closed_case(b, 31, b"file-31", complainant_name="孙悟空", phone="138 2222 3131")
    b.desk.db.dispose()

    code, out, err = as_user(b, "crm", "retention", "list")
    assert code == 0, err
    assert "1\n" in out and "202203" in out.replace("-", "")
    code, out, err = as_user(b, "crm", "personal-data", "find", "+86 138 2222 3131")
    assert code == 0 and "孙悟空" in out, err
    code, out, err = as_user(b, "crm", "personal-data", "export", "孙悟空", "-o", str(tmp_path / "pd.xlsx"))
    assert code == 0, err
    book = openpyxl.load_workbook(tmp_path / "pd.xlsx", read_only=True)
    assert any("孙悟空" in str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r)
    assert not (tmp_path / "pd.zip").exists()
    # issue 15 part N: the files too, in a zip beside the workbook
    code, out, err = as_user(
        b, "crm", "personal-data", "export", "孙悟空", "-o", str(tmp_path / "pd.xlsx"), "--with-files"
    )
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "pd.zip") as archive:
        assert [archive.read(n) for n in archive.namelist()] == [b"file-31"]

    code, out, err = as_user(b, "crm", "retention", "propose", "--all", "--reason", "保存期限届满")
    assert code == 0 and out.startswith("#1"), err
    code, out, err = as_user(b, "crm", "retention", "approve", "1")
    assert code != 0 and err.count("\n") == 1 and "总经理" in err  # one line, no traceback
    code, out, err = as_user(b, "crm", "retention", "run", "1")
    assert code != 0 and err.count("\n") == 1  # not approved yet
    code, out, err = as_user(b, "gm", "retention", "approve", "1")
    assert code == 0, err
    code, out, err = as_user(b, "crm", "retention", "run", "1")
    assert code == 0 and "1/1" in out, err
    code, out, err = as_user(b, "crm", "personal-data", "find", "孙悟空")
    assert code == 0 and "孙悟空" not in out and out.strip().endswith("0")
    code, out, err = as_user(b, "crm", "personal-data", "export", "孙悟空", "-o", str(tmp_path / "none.xlsx"))
    assert code != 0 and err.count("\n") == 1 and "没有找到" in err


@pytest.mark.sqlite_only
def test_a_request_for_a_customer_with_an_open_case_is_refused_in_one_line(branch: Branch) -> None:
    b = branch
    b.desk.intake.register(b["clerk"], complaint_form(complainant_name="猪八戒", phone="138 2222 4141"))
    b.desk.db.dispose()
    code, _out, err = as_user(b, "crm", "personal-data", "anonymise", "13822224141", "--reason", "本人申请")
    assert code != 0 and err.count("\n") == 1 and "尚未结案" in err
    code, _out, err = as_user(b, "clerk", "personal-data", "find", "猪八戒")
    assert code != 0 and err.count("\n") == 1
