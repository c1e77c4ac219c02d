"""The audit trail is tamper-evident: each of six tampering kinds done with a SQLite editor is caught."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from branchdesk.services.audit import anchor, verify_audit
from branchdesk.storage.audit_chain import Verdict
from tests.conftest import Branch, complaint_form


def worked_branch(b: Branch) -> None:
    """Some history: two registrations (a repeat escalates), an attachment, a triage."""
    from branchdesk.services.dto import TriageInput

    first = b.desk.intake.register(b["clerk"], complaint_form())
    b.clock.advance(hours=2)
    b.desk.intake.register(b["clerk"], complaint_form())
    b.desk.cases.add_attachment(b["clerk"], first.id, "photo.jpg", b"\xff\xd8 a photo", "image/jpeg")
    b.desk.cases.triage(
        b["crm"], first.id, TriageInput(valid=True, category_code="business.damage", severity="normal")
    )


def verdict_after(
    b: Branch, tamper: Callable[[sqlite3.Connection], None], anchor_code: str | None = None
) -> Verdict:
    b.desk.db.dispose()
    raw = sqlite3.connect(str(b.path))
    with raw:
        tamper(raw)
    raw.close()
    verdict, _ = verify_audit(b.desk.db, anchor_code)
    return verdict


def middle_seq(raw: sqlite3.Connection) -> int:
    (count,) = raw.execute("SELECT count(*) FROM event").fetchone()
    return int(count) // 2


def test_an_untouched_trail_verifies_and_new_events_extend_it(branch: Branch) -> None:
    worked_branch(branch)
    verdict, text = verify_audit(branch.desk.db)
    assert verdict.ok and verdict.events >= 6 and verdict.attachments == 1
    assert "审计链完好" in str(text)
    head_before = anchor(branch.desk.db)
    branch.desk.intake.register(branch["clerk"], complaint_form(phone="139 0000 1111"))
    assert anchor(branch.desk.db) != head_before
    assert verify_audit(branch.desk.db, head_before)[0].ok  # the older anchor is still in the chain


@pytest.mark.sqlite_only
def test_an_edited_event_is_caught(branch: Branch) -> None:
    worked_branch(branch)
    verdict = verdict_after(
        branch,
        lambda raw: raw.execute(
            "UPDATE event SET summary = summary || '。' WHERE seq = ?", (middle_seq(raw),)
        ),
    )
    assert verdict.broken is not None and verdict.broken.kind == "content"


@pytest.mark.sqlite_only
def test_a_deleted_event_is_caught(branch: Branch) -> None:
    worked_branch(branch)
    verdict = verdict_after(
        branch, lambda raw: raw.execute("DELETE FROM event WHERE seq = ?", (middle_seq(raw),))
    )
    assert verdict.broken is not None and verdict.broken.kind == "missing"


@pytest.mark.sqlite_only
def test_reordered_events_are_caught(branch: Branch) -> None:
    worked_branch(branch)

    def swap(raw: sqlite3.Connection) -> None:
        seq = middle_seq(raw)
        (a,) = raw.execute("SELECT id FROM event WHERE seq = ?", (seq,)).fetchone()
        (b,) = raw.execute("SELECT id FROM event WHERE seq = ?", (seq + 1,)).fetchone()
        raw.execute("UPDATE event SET id = -1 WHERE id = ?", (a,))
        raw.execute("UPDATE event SET id = ? WHERE id = ?", (a, b))
        raw.execute("UPDATE event SET id = ? WHERE id = -1", (b,))

    verdict = verdict_after(branch, swap)
    assert verdict.broken is not None and verdict.broken.kind == "order"


@pytest.mark.sqlite_only
def test_a_swapped_actor_is_caught(branch: Branch) -> None:
    worked_branch(branch)
    gm = branch["gm"]
    verdict = verdict_after(
        branch,
        lambda raw: raw.execute(
            "UPDATE event SET actor_id = ?, actor_name = ? WHERE seq = ?",
            (gm.user_id, "郑总", middle_seq(raw)),
        ),
    )
    assert verdict.broken is not None and verdict.broken.kind == "content"


@pytest.mark.sqlite_only
def test_a_cut_tail_is_caught_by_the_head_and_by_the_anchor(branch: Branch) -> None:
    worked_branch(branch)
    printed = anchor(branch.desk.db)  # as printed on a form before the cut

    def cut(raw: sqlite3.Connection) -> None:
        raw.execute("DELETE FROM event WHERE seq > (SELECT max(seq) - 2 FROM event)")

    verdict = verdict_after(branch, cut)
    assert verdict.broken is not None and verdict.broken.kind == "tail"

    def cover_up(raw: sqlite3.Connection) -> None:  # the head on the branch row rewritten to match
        raw.execute(
            "UPDATE branch SET audit_seq = (SELECT max(seq) FROM event), "
            "audit_hash = (SELECT hash FROM event WHERE seq = (SELECT max(seq) FROM event))"
        )

    assert verdict_after(branch, cover_up).ok  # without an outside anchor the cut is invisible…
    with_anchor = verdict_after(branch, lambda raw: None, printed)
    assert with_anchor.broken is not None and with_anchor.broken.kind == "tail"  # …with it, it is caught


@pytest.mark.sqlite_only
def test_changed_attachment_bytes_are_caught(branch: Branch) -> None:
    worked_branch(branch)
    verdict = verdict_after(branch, lambda raw: raw.execute("UPDATE attachment_blob SET content = X'00'"))
    assert verdict.broken is not None and verdict.broken.kind == "attachment"


def _swap_two_events(raw: sqlite3.Connection) -> None:
    (a,) = raw.execute("SELECT id FROM event WHERE seq = 3").fetchone()
    (b,) = raw.execute("SELECT id FROM event WHERE seq = 4").fetchone()
    raw.execute("UPDATE event SET id = -1 WHERE id = ?", (a,))
    raw.execute("UPDATE event SET id = ? WHERE id = ?", (a, b))
    raw.execute("UPDATE event SET id = ? WHERE id = -1", (b,))


#: The six kinds of tampering, as done with a SQLite editor, and what the one line must name.
TAMPERING: dict[str, tuple[Callable[[sqlite3.Connection], object], str]] = {
    "edited": (lambda raw: raw.execute("UPDATE event SET summary = 'x' WHERE seq = 3"), "第 3 号事件"),
    "deleted": (lambda raw: raw.execute("DELETE FROM event WHERE seq = 3"), "第 3 号事件缺失"),
    "reordered": (_swap_two_events, "顺序被改动"),
    "actor swapped": (
        lambda raw: raw.execute("UPDATE event SET actor_name = '郑总', actor_id = NULL WHERE seq = 3"),
        "操作人",
    ),
    "tail cut": (
        lambda raw: raw.execute("DELETE FROM event WHERE seq > (SELECT max(seq) - 2 FROM event)"),
        "末尾被截断",
    ),
    "attachment changed": (lambda raw: raw.execute("UPDATE attachment_blob SET content = X'00'"), "附件"),
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [["audit", "verify"], ["check"]])
@pytest.mark.parametrize("kind", list(TAMPERING))
def test_the_command_line_reports_each_kind_in_one_line(
    branch: Branch, command: list[str], kind: str
) -> None:
    tamper, named = TAMPERING[kind]
    worked_branch(branch)
    branch.desk.db.dispose()
    raw = sqlite3.connect(str(branch.path))
    with raw:
        tamper(raw)
    raw.close()
    result = subprocess.run(
        [sys.executable, "-m", "branchdesk", "--db", str(branch.path), *command],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1, result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and named in errors[0] and "Traceback" not in result.stderr, result.stderr


@pytest.mark.sqlite_only
def test_an_untouched_database_verifies_from_the_command_line(branch: Branch) -> None:
    worked_branch(branch)
    branch.desk.db.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "branchdesk", "--db", str(branch.path), "audit", "verify"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0 and "审计链完好" in result.stdout, result.stderr
